/* The session (debrief/session.h): the one door from the screen and the
 * command line to the database for what is not a record's change. Today
 * each is storage's own operation; the door is what lets that change. */
#include "debrief/session.h"

#include <string.h>

#include "debrief/paths.h"

int session_open(const char *path, enum store_open_flags flags, struct store **out,
		 struct err *e)
{
	return store_open(path, flags, out, e);
}

void session_close(struct store *st)
{
	store_close(st);
}

const char *session_path(const struct store *st)
{
	return store_path(st);
}

void session_new_id(char id[ID_LEN])
{
	store_new_id(id);
}

int session_resolve_retro(struct store *st, const char *prefix, char id[ID_LEN],
			  struct strbuf *candidates, struct err *e)
{
	return store_resolve_retro(st, prefix, false, id, candidates, e);
}

int session_resolve_deleted_retro(struct store *st, const char *prefix, char id[ID_LEN],
				  struct strbuf *candidates, struct err *e)
{
	return store_resolve_retro(st, prefix, true, id, candidates, e);
}

int session_get_retro(struct store *st, const char *id, struct retro *out, struct err *e)
{
	return store_get_retro(st, id, out, e);
}

int session_get_event(struct store *st, const char *retro_id, const char *id, struct event *out,
		      struct err *e)
{
	return store_get_event(st, retro_id, id, out, e);
}

int session_get_question_title(struct store *st, const char *retro_id, const char *id,
			       char **title, struct err *e)
{
	return store_get_question_title(st, retro_id, id, title, e);
}

int session_list_retros(struct store *st, const struct retro_filter *f,
			struct retro_summary **out, size_t *n, struct err *e)
{
	return store_list_retros(st, f, out, n, e);
}

int session_list_retros_page(struct store *st, const struct retro_filter *f, size_t offset,
			     size_t limit, struct retro_summary **out, size_t *n, struct err *e)
{
	return store_list_retros_page(st, f, offset, limit, out, n, e);
}

int session_each_retro(struct store *st, const struct retro_filter *f, store_retro_fn fn,
		       void *ctx, size_t *n, struct err *e)
{
	return store_each_retro(st, f, fn, ctx, n, e);
}

int session_count_retros(struct store *st, const struct retro_filter *f, size_t *n,
			 struct err *e)
{
	return store_count_retros(st, f, n, e);
}

int session_retro_position(struct store *st, const struct retro_filter *f, const char *id,
			   size_t *pos, struct err *e)
{
	return store_retro_position(st, f, id, pos, e);
}

void session_free_summaries(struct retro_summary *list, size_t n)
{
	store_free_retro_summaries(list, n);
}

int session_list_all_actions(struct store *st, const struct action_filter *f,
			     struct action **out, size_t *n, struct err *e)
{
	return store_list_all_actions(st, f, out, n, e);
}

int session_each_action(struct store *st, const struct action_filter *f, store_action_fn fn,
			void *ctx, size_t *n, struct err *e)
{
	return store_each_action(st, f, fn, ctx, n, e);
}

int session_retros_json(struct store *st, const struct retro_filter *f, struct strbuf *out,
			struct err *e)
{
	return store_retros_json(st, f, out, e);
}

int session_all_actions_json(struct store *st, const struct action_filter *f,
			     struct strbuf *out, struct err *e)
{
	return store_all_actions_json(st, f, out, e);
}

int session_open_elsewhere(struct store *st, const char *retro_id, size_t limit,
			   struct action **out, size_t *n, size_t *total, struct err *e)
{
	return store_list_open_elsewhere(st, retro_id, limit, out, n, total, e);
}

int session_related(struct store *st, const char *retro_id, size_t limit,
		    struct related_retro **out, size_t *n, struct err *e)
{
	return store_list_related(st, retro_id, limit, out, n, e);
}

void session_free_related(struct related_retro *v, size_t n)
{
	store_free_related(v, n);
}

int session_drafts_open(struct store *st, enum author_role role, struct drafts **out,
			struct err *e)
{
	char db_id[ID_LEN];
	struct strbuf path = {0};
	*out = NULL;
	int rc = store_db_id(st, db_id, e) != 0 || paths_drafts(&path, e) != 0
			 ? -1
			 : drafts_open(path.s, db_id, author_role_name(role), out, e);
	sb_free(&path);
	return rc;
}

void session_drafts_close(struct drafts *d)
{
	drafts_close(d);
}

const char *session_drafts_path(const struct drafts *d)
{
	return drafts_path(d);
}

int session_claim_drafts(struct drafts *d, const char *retro_id, bool *taken, struct err *e)
{
	return drafts_claim(d, retro_id, taken, e);
}

int session_put_draft(struct drafts *d, const char *retro_id, const char *slot,
		      const char *body, const char *anchor, struct err *e)
{
	return drafts_put(d, retro_id, slot, body, anchor, e);
}

int session_get_draft(struct drafts *d, const char *retro_id, const char *slot, char **body,
		      char **anchor, struct err *e)
{
	return drafts_get(d, retro_id, slot, body, anchor, e);
}

int session_pend_note(struct drafts *d, const char *retro_id, const char *anchor,
		      const char *body, int64_t at, int offset_min, struct err *e)
{
	return drafts_pend(d, retro_id, anchor, body, at, offset_min, e);
}

int session_pending_notes(struct drafts *d, const char *retro_id, struct pending_note **out,
			  size_t *n, struct err *e)
{
	return drafts_pending(d, retro_id, out, n, e);
}

int session_unpend_note(struct drafts *d, int64_t seq, struct err *e)
{
	return drafts_unpend(d, seq, e);
}

void session_free_pending(struct pending_note *v, size_t n)
{
	drafts_free_pending(v, n);
}

void session_set_patience(struct store *st, int ms, store_wait_fn waiting, void *ctx)
{
	store_set_patience(st, ms, waiting, ctx);
}

int session_mark(struct store *st, const char *retro_id, struct retro_mark *out,
		 struct err *e)
{
	return store_retro_mark(st, retro_id, out, e);
}

int session_data_version(struct store *st, long long *out, struct err *e)
{
	return store_data_version(st, out, e);
}

void session_checkpoint_later(struct store *st)
{
	store_checkpoint_later(st);
}

int session_quiet_moment(struct store *st, struct drafts *d)
{
	return store_quiet_moment(st) + drafts_quiet_moment(d);
}

void session_test_counts(struct store *st, struct store_counts *out)
{
	if (store_test_counts(st, out) != 0)
		memset(out, 0, sizeof *out);
}

int session_beat(struct store *st, const char *retro_id, const char *id, const char *role,
		 long pid, struct err *e)
{
	return store_presence_beat(st, retro_id, id, role, pid, e);
}

int session_leave(struct store *st, const char *id, struct err *e)
{
	return store_presence_leave(st, id, e);
}

int session_present(struct store *st, const char *retro_id, int64_t since,
		    struct presence **out, size_t *n, struct err *e)
{
	return store_presence_list(st, retro_id, since, out, n, e);
}

bool session_present_runs(const struct presence *p)
{
	return store_presence_runs(p);
}

int session_check(struct store *st, struct strbuf *report, size_t *problems, struct err *e)
{
	return store_check(st, report, problems, e);
}

int session_check_quick(struct store *st, struct err *e)
{
	return store_check_quick(st, e);
}
