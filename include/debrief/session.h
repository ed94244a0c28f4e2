/* The session: what the two faces of the program (the screen and the
 * command line) use of the database besides a retrospective's records —
 * opening it, the listings, and the live state that terminals on one file
 * share (drafts, presence, the facilitator's position, change detection).
 *
 * The faces call these and the model, never storage: what is below (a
 * second backend, drafts kept in a file of their own) can change without
 * touching them. tests/layering.sh checks it. */
#ifndef DEBRIEF_SESSION_H
#define DEBRIEF_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debrief/drafts.h"
#include "debrief/error.h"
#include "debrief/store.h"
#include "debrief/text.h"
#include "debrief/types.h"

/* The database: opening, closing, where it is. See store_open. */
int session_open(const char *path, enum store_open_flags flags, struct store **out,
		 struct err *e);
void session_close(struct store *st);
const char *session_path(const struct store *st);
/* A new id (a UUID in text form), for a terminal's presence. */
void session_new_id(char id[ID_LEN]);

/* --- finding and listing retrospectives --- */

/* An id or a unique prefix of one, or an incident reference, among the
 * retrospectives not deleted; ST_AMBIGUOUS lists the candidates. The
 * _deleted form looks among the deleted ones (to bring one back). */
int session_resolve_retro(struct store *st, const char *prefix, char id[ID_LEN],
			  struct strbuf *candidates, struct err *e);
int session_resolve_deleted_retro(struct store *st, const char *prefix, char id[ID_LEN],
				  struct strbuf *candidates, struct err *e);
int session_get_retro(struct store *st, const char *id, struct retro *out, struct err *e);
/* One event, one question's title (ST_NOT_FOUND when gone). */
int session_get_event(struct store *st, const char *retro_id, const char *id, struct event *out,
		      struct err *e);
int session_get_question_title(struct store *st, const char *retro_id, const char *id,
			       char **title, struct err *e);
/* Those the filter gives (NULL: every one not deleted), newest incident
 * first; a window of that order; how many; where one comes in it
 * (ST_NOT_FOUND: not there). */
int session_list_retros(struct store *st, const struct retro_filter *f,
			struct retro_summary **out, size_t *n, struct err *e);
int session_list_retros_page(struct store *st, const struct retro_filter *f, size_t offset,
			     size_t limit, struct retro_summary **out, size_t *n, struct err *e);
/* Every one, each handed to fn as it is read (store_each_retro). */
int session_each_retro(struct store *st, const struct retro_filter *f, store_retro_fn fn,
		       void *ctx, size_t *n, struct err *e);
int session_count_retros(struct store *st, const struct retro_filter *f, size_t *n,
			 struct err *e);
int session_retro_position(struct store *st, const struct retro_filter *f, const char *id,
			   size_t *pos, struct err *e);
void session_free_summaries(struct retro_summary *list, size_t n);
/* Action items across every retrospective (owner: case-insensitive, NULL
 * for any); free with model_free_actions. */
int session_list_all_actions(struct store *st, const struct action_filter *f,
			     struct action **out, size_t *n, struct err *e);
/* The same, each handed to fn as it is read (store_each_action). */
int session_each_action(struct store *st, const struct action_filter *f, store_action_fn fn,
			void *ctx, size_t *n, struct err *e);
/* The same two listings as JSON arrays (store_retros_json). */
int session_retros_json(struct store *st, const struct retro_filter *f, struct strbuf *out,
			struct err *e);
int session_all_actions_json(struct store *st, const struct action_filter *f,
			     struct strbuf *out, struct err *e);
/* The open action items of earlier retrospectives, most urgent first, at
 * most limit of them (with their retrospective's title); *total counts
 * them all. */
int session_open_elsewhere(struct store *st, const char *retro_id, size_t limit,
			   struct action **out, size_t *n, size_t *total, struct err *e);

/* The earlier retrospectives sharing a service or tag with this one
 * (store_list_related), for the Prime Directive's "Earlier incidents". */
int session_related(struct store *st, const char *retro_id, size_t limit,
		    struct related_retro **out, size_t *n, struct err *e);
void session_free_related(struct related_retro *v, size_t n);

/* --- the live session --- */

/* Text being typed, saved as it is typed, in this user's drafts file
 * (debrief/drafts.h): opened for a terminal of role on this database. */
int session_drafts_open(struct store *st, enum author_role role, struct drafts **out,
			struct err *e);
void session_drafts_close(struct drafts *d);
const char *session_drafts_path(const struct drafts *d);
/* Takes over the drafts a terminal of this role left on the retrospective
 * when it stopped (see drafts_claim). */
int session_claim_drafts(struct drafts *d, const char *retro_id, bool *taken, struct err *e);
/* slot names the field; an empty body clears it; anchor is what it was
 * begun on. *body (and *anchor) are NULL when there is none. */
int session_put_draft(struct drafts *d, const char *retro_id, const char *slot,
		      const char *body, const char *anchor, struct err *e);
int session_get_draft(struct drafts *d, const char *retro_id, const char *slot, char **body,
		      char **anchor, struct err *e);
/* Notes whose Enter came while the database could not take them. */
int session_pend_note(struct drafts *d, const char *retro_id, const char *anchor,
		      const char *body, int64_t at, int offset_min, struct err *e);
int session_pending_notes(struct drafts *d, const char *retro_id, struct pending_note **out,
			  size_t *n, struct err *e);
int session_unpend_note(struct drafts *d, int64_t seq, struct err *e);
void session_free_pending(struct pending_note *v, size_t n);

/* See store_check and store_check_quick. */
int session_check(struct store *st, struct strbuf *report, size_t *problems, struct err *e);
int session_check_quick(struct store *st, struct err *e);

/* How long this program's writes wait for another program's (see
 * store_set_patience). */
void session_set_patience(struct store *st, int ms, store_wait_fn waiting, void *ctx);

/* Where the facilitator is (the others follow it), and what a follower
 * compares to know something changed. Saving it also keeps the run of
 * show's time (model_stage_time), in the file and in r. */
int session_set_position(struct store *st, struct retro *r, enum stage stage,
			 const char *item_id, struct err *e);
int session_mark(struct store *st, const char *retro_id, struct retro_mark *out,
		 struct err *e);
/* Moves when another connection commits: cheap enough for every wake-up. */
int session_data_version(struct store *st, long long *out, struct err *e);
/* Tests only: rows and steps this connection has read so far, counted when
 * DEBRIEF_TEST_COUNTS is set (debrief/store.h). */
void session_test_counts(struct store *st, struct store_counts *out);
/* The meeting's files copy their logs in at quiet moments, not in the
 * commit of a key (store_checkpoint_later); the checkpoints made now. */
void session_checkpoint_later(struct store *st);
int session_quiet_moment(struct store *st, struct drafts *d);

/* Who has the retrospective open: this process says it is here (once, and
 * again in a new role), leaves, and lists those still running (and an
 * older debrief's seen since `since`; free the list with free()). */
int session_beat(struct store *st, const char *retro_id, const char *id, const char *role,
		 long pid, struct err *e);
int session_leave(struct store *st, const char *id, struct err *e);
int session_present(struct store *st, const char *retro_id, int64_t since,
		    struct presence **out, size_t *n, struct err *e);
/* Whether the terminal's process is still the one that said so. */
bool session_present_runs(const struct presence *p);

#endif
