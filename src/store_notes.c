/* Storage: notes and action items, and what undo checks before it takes
 * a change back. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- notes --- */

static const char SQL_INSERT_NOTE[] =
	"INSERT INTO note(id, retro_id, stage, event_id, question_id, action_id,"
	" role, body, created_at, offset_min)"
	" VALUES(:id, :retro, :stage, :event, :question, :action, :role, :body,"
	" :at, :off)";

int store_sqlite_add_note(struct store *st, const char *retro_id, struct note *n,
		   struct err *e)
{
	sqlite3_stmt *s;
	/* A new note's insert marks the retrospective changed itself
	 * (store_schema.c: note_counted); one put back (by undo, with its id
	 * and its old time) is marked changed now, as other records are. */
	bool put_back = n->id[0] != '\0';
	if (!put_back)
		store_new_id(n->id);
	n->rev = 1;
	if (n->created_at == 0) {
		n->created_at = clock_now();
		n->offset_min = local_offset_min(n->created_at);
	}
	if (store_prepare(st, &s, SQL_INSERT_NOTE, e) || store_bind_text(s, ":id", n->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_int(s, ":stage", n->stage, e) ||
	    store_bind_opt(s, ":event", n->event_id, e) || store_bind_opt(s, ":question", n->question_id, e) ||
	    store_bind_opt(s, ":action", n->action_id, e) ||
	    store_bind_text(s, ":role", author_role_name(n->role), e) ||
	    store_bind_text(s, ":body", n->body ? n->body : "", e) ||
	    store_bind_int(s, ":at", n->created_at, e) || store_bind_int(s, ":off", n->offset_min, e))
		return -1;
	if (store_insert_touching(st, s, put_back ? retro_id : NULL, "cannot save the note", e) != 0)
		return -1;
	n->order = sqlite3_last_insert_rowid(st->db); /* (as a list reads it) */
	return 0;
}

#define NOTE_COLS \
	"id, stage, event_id, question_id, action_id, role, body, created_at," \
	" offset_min, rev, rowid"

static const char SQL_LIST_NOTES[] =
	"SELECT " NOTE_COLS " FROM note WHERE retro_id = :retro ORDER BY created_at, rowid";

static void read_note(sqlite3_stmt *s, void *row)
{
	struct note *x = row;
	store_col_id(s, 0, x->id);
	int stage = sqlite3_column_int(s, 1);
	x->stage = (stage >= STAGE_PRIME && stage <= STAGE_COUNT) ? (enum stage)stage : STAGE_PRIME;
	store_col_id(s, 2, x->event_id);
	store_col_id(s, 3, x->question_id);
	store_col_id(s, 4, x->action_id);
	x->role = (enum author_role)store_col_enum(s, 5, author_role_parse, ROLE_SCRIBE);
	x->body = store_col_dup(s, 6);
	x->created_at = store_col_time(s, 7);
	x->offset_min = store_col_offset(s, 8);
	x->rev = sqlite3_column_int64(s, 9);
	x->order = sqlite3_column_int64(s, 10);
	if (!x->body)
		x->body = xstrdup("");
}

static void release_notes(void *v, size_t n)
{
	store_free_notes(v, n);
}

static const char SQL_GET_NOTE[] =
	"SELECT " NOTE_COLS " FROM note WHERE id = :id AND retro_id = :retro";

int store_sqlite_get_note(struct store *st, const char *retro_id, const char *id, struct note *out,
		   struct err *e)
{
	return store_read_record(st, SQL_GET_NOTE, retro_id, id, read_note, out, e);
}

int store_sqlite_list_notes(struct store *st, const char *retro_id, struct note **out,
		     size_t *n, struct err *e)
{
	void *rows;
	if (store_list_by_retro(st, SQL_LIST_NOTES, retro_id, sizeof **out, read_note, release_notes, "cannot read the notes", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

static const char SQL_UPDATE_NOTE[] =
	"UPDATE note SET body = :body, rev = rev + 1"
	" WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_NOTE_EXISTS[] = "SELECT 1 FROM note WHERE id = :id";

int store_sqlite_update_note(struct store *st, const char *retro_id, struct note *n,
		      struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_NOTE, e) || store_bind_text(s, ":id", n->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":body", n->body, e) ||
	    store_bind_int(s, ":rev", n->rev, e))
		return ST_ERROR;
	return store_guarded_update(st, s, retro_id, SQL_NOTE_EXISTS, n->id, "note", &n->rev, e);
}

static const char SQL_DELETE_ACTION[] = "DELETE FROM action WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_ACTION_NOTES[] =
	"DELETE FROM note WHERE action_id = :id AND retro_id = :retro";
static const char SQL_DELETE_NOTE[] = "DELETE FROM note WHERE id = :id AND retro_id = :retro";

int store_sqlite_delete_note(struct store *st, const char *retro_id, const char *note_id,
		      struct err *e)
{
	return store_delete_with_notes(st, retro_id, SQL_DELETE_NOTE, NULL, note_id,
				 "cannot delete the note", e);
}

/* --- action items --- */

static const char SQL_INSERT_ACTION[] =
	"INSERT INTO action(id, retro_id, title, owner, due, type, priority,"
	" status, tracker_ref, origin_event, origin_question, created_at, drop_reason, status_at)"
	" VALUES(:id, :retro, :title, :owner, :due, :type, :prio, :status,"
	" :ref, :oev, :oq, :at, :why, :sat)";

int store_sqlite_add_action(struct store *st, const char *retro_id, struct action *a,
		     struct err *e)
{
	sqlite3_stmt *s;
	if (!a->id[0])
		store_new_id(a->id);
	a->rev = 1;
	if (a->created_at == 0)
		a->created_at = clock_now();
	if (a->priority < PRIO_P1 || a->priority > PRIO_P4)
		a->priority = PRIO_P2;
	/* A new item has had its status since it was made; one brought back
	 * (undo of a delete) keeps when its status last changed. */
	if (a->status_at == 0)
		a->status_at = a->created_at;
	if (store_prepare(st, &s, SQL_INSERT_ACTION, e) || store_bind_text(s, ":id", a->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":title", a->title, e) ||
	    store_bind_opt(s, ":owner", a->owner, e) || store_bind_opt(s, ":due", a->due, e) ||
	    store_bind_text(s, ":type", action_type_name(a->type), e) ||
	    store_bind_int(s, ":prio", a->priority, e) ||
	    store_bind_text(s, ":status", action_status_name(a->status), e) ||
	    store_bind_opt(s, ":ref", a->tracker_ref, e) || store_bind_opt(s, ":oev", a->origin_event, e) ||
	    store_bind_opt(s, ":oq", a->origin_question, e) || store_bind_int(s, ":at", a->created_at, e) ||
	    store_bind_opt(s, ":why", a->drop_reason, e) || store_bind_int(s, ":sat", a->status_at, e))
		return -1;
	return store_insert_touching(st, s, retro_id, "cannot save the action item", e);
}

#define ACTION_COLS \
	"a.id, a.title, a.owner, a.due, a.type, a.priority, a.status," \
	" a.tracker_ref, a.origin_event, a.origin_question, a.created_at, a.rev," \
	" a.retro_id, r.title, a.rowid, a.drop_reason, a.status_at"

/* The row's action item, its text SQLite's own (store_col_text). */
/* What a listing shows (store_each_action): ACTION_COLS' first seven,
 * then the retrospective's id and title. */
#define ACTION_LISTED_COLS \
	"a.id, a.title, a.owner, a.due, a.type, a.priority, a.status, a.retro_id, r.title"

/* The first seven columns, which both read. */
static void view_action_head(sqlite3_stmt *s, struct action *x)
{
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->id);
	x->title = store_col_text(s, 1);
	x->owner = store_col_text(s, 2);
	x->due = store_col_text(s, 3);
	x->type = (enum action_type)store_col_enum(s, 4, action_type_parse, ACT_TYPE_NONE);
	int p = sqlite3_column_int(s, 5);
	x->priority = (p >= PRIO_P1 && p <= PRIO_P4) ? (enum priority)p : PRIO_P2;
	x->status = (enum action_status)store_col_enum(s, 6, action_status_parse, ACT_OPEN);
	if (!x->title)
		x->title = "";
}

static void view_action(sqlite3_stmt *s, struct action *x)
{
	view_action_head(s, x);
	x->tracker_ref = store_col_text(s, 7);
	store_col_id(s, 8, x->origin_event);
	store_col_id(s, 9, x->origin_question);
	x->created_at = store_col_time(s, 10);
	x->rev = sqlite3_column_int64(s, 11);
	store_col_id(s, 12, x->retro_id);
	x->retro_title = store_col_text(s, 13);
	x->order = sqlite3_column_int64(s, 14);
	x->drop_reason = store_col_text(s, 15);
	x->status_at = sqlite3_column_int64(s, 16);
}

static char *dup_opt(const char *t)
{
	return t ? xstrdup(t) : NULL;
}

static void read_action(sqlite3_stmt *s, void *row)
{
	struct action *x = row;
	view_action(s, x);
	x->title = xstrdup(x->title);
	x->owner = dup_opt(x->owner);
	x->due = dup_opt(x->due);
	x->tracker_ref = dup_opt(x->tracker_ref);
	x->retro_title = dup_opt(x->retro_title);
	x->drop_reason = dup_opt(x->drop_reason);
}

static void release_actions(void *v, size_t n)
{
	store_free_actions(v, n);
}

static int list_actions(struct store *st, sqlite3_stmt *s, struct action **out,
			size_t *n, struct err *e)
{
	void *rows;
	if (store_read_rows(st, s, sizeof **out, read_action, release_actions,
		      "cannot read the action items", &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

static const char SQL_GET_ACTION[] =
	"SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id"
	" WHERE a.id = :id AND a.retro_id = :retro";

int store_sqlite_get_action(struct store *st, const char *retro_id, const char *id,
		     struct action *out, struct err *e)
{
	return store_read_record(st, SQL_GET_ACTION, retro_id, id, read_action, out, e);
}

static const char SQL_LIST_ACTIONS[] =
	"SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id"
	" WHERE a.retro_id = :retro ORDER BY a.created_at, a.rowid";

int store_sqlite_list_actions(struct store *st, const char *retro_id, struct action **out,
		       size_t *n, struct err *e)
{
	void *rows;
	if (store_list_by_retro(st, SQL_LIST_ACTIONS, retro_id, sizeof **out, read_action, release_actions,
			  "cannot read the action items", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

/* An action item by its id or the start of it, in a retrospective not
 * deleted: its own id and its retrospective's. */
static const char SQL_RESOLVE_ACTION[] =
	"SELECT a.id, a.retro_id FROM action a JOIN retro r ON r.id = a.retro_id"
	" WHERE r.deleted_at = 0 AND a.id >= :p AND a.id < :p || 'g' ORDER BY a.id LIMIT 2";

int store_sqlite_resolve_action(struct store *st, const char *prefix, char id[ID_LEN],
				char retro_id[ID_LEN], struct err *e)
{
	char lower[ID_LEN];
	size_t n = strlen(prefix);
	if (n == 0 || n >= ID_LEN || strspn(prefix, "0123456789abcdefABCDEF-") != n) {
		err_set(e, "no action item has the id '%s' (see 'debrief actions')", prefix);
		return ST_NOT_FOUND;
	}
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)((prefix[i] >= 'A' && prefix[i] <= 'F') ? prefix[i] + 32 : prefix[i]);
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_RESOLVE_ACTION, e) || store_bind_text(s, ":p", lower, e))
		return ST_ERROR;
	int found = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (found++ == 0) {
			store_col_id(s, 0, id);
			store_col_id(s, 1, retro_id);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot find the action item", e);
	if (found == 0) {
		err_set(e, "no action item has the id '%s' (see 'debrief actions')", prefix);
		return ST_NOT_FOUND;
	}
	if (found > 1) {
		err_set(e, "'%s' is the start of more than one action item's id; give more of it", prefix);
		return ST_AMBIGUOUS;
	}
	return ST_OK;
}

int store_action_query(const struct action_filter *f)
{
	return !f ? 0 : f->overdue_before ? 2 : f->open ? 1 : 0;
}

int store_bind_action_filter(sqlite3_stmt *s, const struct action_filter *f, struct err *e)
{
	return (store_action_query(f) == 2 && store_bind_text(s, ":before", f->overdue_before, e)) ||
	       store_bind_opt(s, ":owner", f ? f->owner : NULL, e);
}

static const char *const SQL_LIST_ALL_ACTIONS[] = ALL_ACTIONS_QUERIES(
	"SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id");

int store_sqlite_list_all_actions(struct store *st, const struct action_filter *f,
			   struct action **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_LIST_ALL_ACTIONS[store_action_query(f)], e) ||
	    store_bind_action_filter(s, f, e))
		return -1;
	return list_actions(st, s, out, n, e);
}

static const char *const SQL_EACH_ACTION[] = ALL_ACTIONS_QUERIES(
	"SELECT " ACTION_LISTED_COLS " FROM action a JOIN retro r ON r.id = a.retro_id");

struct action_walk {
	store_action_fn fn;
	void *ctx;
};

static int walk_action(sqlite3_stmt *s, void *ctx)
{
	const struct action_walk *w = ctx;
	struct action x;
	view_action_head(s, &x);
	store_col_id(s, 7, x.retro_id);
	x.retro_title = store_col_text(s, 8);
	return store_row_refused() ? 0 : w->fn(&x, w->ctx);
}

int store_sqlite_each_action(struct store *st, const struct action_filter *f, store_action_fn fn,
			     void *ctx, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	struct action_walk w = {fn, ctx};
	*n = 0;
	if (store_prepare(st, &s, SQL_EACH_ACTION[store_action_query(f)], e) ||
	    store_bind_action_filter(s, f, e))
		return -1;
	return store_walk_rows(st, s, walk_action, &w, "cannot read the action items", n, e);
}

static const char SQL_UPDATE_ACTION[] =
	"UPDATE action SET title = :title, owner = :owner, due = :due, type = :type,"
	" priority = :prio, status = :status, tracker_ref = :ref,"
	" origin_event = :oev, origin_question = :oq, drop_reason = :why, rev = rev + 1,"
	" status_at = CASE WHEN status IS :status THEN status_at ELSE :now END"
	" WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_ACTION_EXISTS[] = "SELECT 1 FROM action WHERE id = :id";

int store_sqlite_update_action(struct store *st, const char *retro_id, struct action *a,
			struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_ACTION, e) || store_bind_text(s, ":id", a->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":title", a->title, e) ||
	    store_bind_opt(s, ":owner", a->owner, e) || store_bind_opt(s, ":due", a->due, e) ||
	    store_bind_text(s, ":type", action_type_name(a->type), e) ||
	    store_bind_int(s, ":prio", a->priority, e) ||
	    store_bind_text(s, ":status", action_status_name(a->status), e) ||
	    store_bind_opt(s, ":ref", a->tracker_ref, e) || store_bind_opt(s, ":oev", a->origin_event, e) ||
	    store_bind_opt(s, ":oq", a->origin_question, e) || store_bind_int(s, ":rev", a->rev, e) ||
	    store_bind_opt(s, ":why", a->drop_reason, e) || store_bind_int(s, ":now", clock_now(), e))
		return ST_ERROR;
	return store_guarded_update(st, s, retro_id, SQL_ACTION_EXISTS, a->id, "action item", &a->rev, e);
}

int store_sqlite_delete_action(struct store *st, const char *retro_id, const char *action_id,
			struct err *e)
{
	return store_delete_with_notes(st, retro_id, SQL_DELETE_ACTION, SQL_DELETE_ACTION_NOTES,
				 action_id, "cannot delete the action item", e);
}

/* Two index walks (action_by_status is on status, due), each stopped at the
 * limit: the dated ones by due date, then the undated ones newest first;
 * earlier ones (EARLIER_THAN_ME) only. */
static const char SQL_OPEN_ELSEWHERE[] =
	"SELECT * FROM (SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id, " ME
	"  WHERE a.status = 'open' AND a.due IS NOT NULL AND a.retro_id <> :retro AND r.deleted_at = 0 AND"
	EARLIER_THAN_ME
	"  ORDER BY a.due LIMIT :limit)"
	" UNION ALL"
	" SELECT * FROM (SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id, " ME
	"  WHERE a.status = 'open' AND a.due IS NULL AND a.retro_id <> :retro AND r.deleted_at = 0 AND"
	EARLIER_THAN_ME
	"  ORDER BY a.rowid DESC LIMIT :limit)";
static const char SQL_COUNT_OPEN_ELSEWHERE[] =
	"SELECT count(*) FROM action a JOIN retro r ON r.id = a.retro_id, " ME
	" WHERE a.status = 'open' AND a.retro_id <> :retro AND r.deleted_at = 0 AND" EARLIER_THAN_ME;

int store_sqlite_list_open_elsewhere(struct store *st, const char *retro_id, size_t limit,
			      struct action **out, size_t *n, size_t *total, struct err *e)
{
	sqlite3_stmt *s, *c;
	*out = NULL;
	*n = 0;
	*total = 0;
	if (store_prepare(st, &s, SQL_OPEN_ELSEWHERE, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_int(s, ":limit", (long long)limit, e) || list_actions(st, s, out, n, e))
		return -1;
	/* The two halves give up to twice the limit: keep the most urgent. */
	while (*n > limit)
		action_free(&(*out)[--*n]);
	if (store_prepare(st, &c, SQL_COUNT_OPEN_ELSEWHERE, e) || store_bind_text(c, ":retro", retro_id, e))
		return -1;
	if (sqlite3_step(c) == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(c, 0);
	sqlite3_reset(c);
	return 0;
}

/* --- what undo checks --- */

static const char SQL_EVENT_REV[] = "SELECT rev FROM event WHERE id = :id AND retro_id = :retro";
static const char SQL_ACTION_REV[] = "SELECT rev FROM action WHERE id = :id AND retro_id = :retro";
static const char SQL_NOTE_REV[] = "SELECT rev FROM note WHERE id = :id AND retro_id = :retro";
static const char SQL_PARKED_REV[] = "SELECT rev FROM parked WHERE id = :id AND retro_id = :retro";
static const char SQL_QUESTION_REV[] =
	"SELECT 1 FROM question WHERE id = :id AND retro_id = :retro";
static const char SQL_QUESTION_TITLE[] =
	"SELECT title FROM question WHERE id = :id AND retro_id = :retro";
static const char SQL_NOTES_ON_EVENT[] =
	"SELECT count(*) FROM note WHERE event_id = :id AND retro_id = :retro";
static const char SQL_NOTES_ON_ACTION[] =
	"SELECT count(*) FROM note WHERE action_id = :id AND retro_id = :retro";
static const char SQL_NOTES_ON_QUESTION[] =
	"SELECT count(*) FROM note WHERE question_id = :id AND retro_id = :retro";

int store_sqlite_get_rev(struct store *st, const char *retro_id, enum store_record kind,
		  const char *id, int64_t *rev, struct err *e)
{
	static const char *const sql[] = {
		[REC_EVENT] = SQL_EVENT_REV, [REC_ACTION] = SQL_ACTION_REV,
		[REC_NOTE] = SQL_NOTE_REV, [REC_QUESTION] = SQL_QUESTION_REV, [REC_PARKED] = SQL_PARKED_REV,
	};
	sqlite3_stmt *s;
	if (!sql[kind])
		return err_set(e, "no rev kept for this kind of record");
	int rc = store_record_row(st, sql[kind], retro_id, id, &s, e);
	if (rc == ST_OK) {
		*rev = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

int store_sqlite_get_question_title(struct store *st, const char *retro_id, const char *id,
			     char **title, struct err *e)
{
	sqlite3_stmt *s;
	*title = NULL;
	int rc = store_record_row(st, SQL_QUESTION_TITLE, retro_id, id, &s, e);
	if (rc == ST_OK) {
		*title = store_col_dup(s, 0);
		sqlite3_reset(s);
		if (!*title)
			*title = xstrdup("");
	}
	return rc;
}

int store_sqlite_count_notes_on(struct store *st, const char *retro_id, enum store_record kind,
			 const char *id, size_t *n, struct err *e)
{
	static const char *const sql[] = {
		[REC_EVENT] = SQL_NOTES_ON_EVENT, [REC_ACTION] = SQL_NOTES_ON_ACTION,
		[REC_NOTE] = NULL, [REC_QUESTION] = SQL_NOTES_ON_QUESTION, [REC_PARKED] = NULL,
	};
	sqlite3_stmt *s;
	*n = 0;
	if (!sql[kind])
		return ST_OK;
	int rc = store_record_row(st, sql[kind], retro_id, id, &s, e);
	if (rc == ST_OK) {
		*n = (size_t)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}
