/* Storage: the timeline's events and the meeting's questions. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- timeline --- */

static const char SQL_INSERT_EVENT[] =
	"INSERT INTO event(id, retro_id, at, offset_min, kind, mark, text, source, unknown_then,"
	" created_at) VALUES(:id, :retro, :at, :off, :kind, :mark, :text, :source, :unknown, :now)";

/* What an insert and an update both write. */
static int bind_event(sqlite3_stmt *s, const struct event *ev, struct err *e)
{
	return store_bind_int(s, ":at", ev->time.at, e) ||
	       store_bind_int(s, ":off", ev->time.offset_min, e) ||
	       store_bind_text(s, ":kind", event_kind_name(ev->kind), e) ||
	       store_bind_opt(s, ":mark", event_mark_name(ev->mark), e) ||
	       store_bind_text(s, ":text", ev->text ? ev->text : "", e) ||
	       store_bind_opt(s, ":source", ev->source, e) ||
	       store_bind_int(s, ":unknown", ev->unknown_then, e);
}

int store_sqlite_add_events(struct store *st, const char *retro_id, struct event *events,
		     size_t n, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_INSERT_EVENT, e) != 0)
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (store_touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	int64_t now = clock_now();
	for (size_t i = 0; i < n; i++) {
		struct event *ev = &events[i];
		if (!ev->id[0])
			store_new_id(ev->id);
		ev->rev = 1;
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		if (store_bind_text(s, ":id", ev->id, e) || store_bind_text(s, ":retro", retro_id, e) ||
		    bind_event(s, ev, e) || store_bind_int(s, ":now", now, e) ||
		    store_step_done(st, s, "cannot save the event", e) != 0)
			return store_rollback(st);
	}
	return store_commit(st, e);
}

/* rowid last: the order among events at the same time. */
#define EVENT_COLS "id, at, offset_min, kind, mark, text, rev, rowid, source, unknown_then"

static const char SQL_LIST_EVENTS[] =
	"SELECT " EVENT_COLS " FROM event WHERE retro_id = :retro ORDER BY at, rowid";

static void read_event(sqlite3_stmt *s, void *row)
{
	struct event *x = row;
	store_col_id(s, 0, x->id);
	x->time.at = store_col_time(s, 1);
	x->time.offset_min = store_col_offset(s, 2);
	x->kind = (enum event_kind)store_col_enum(s, 3, event_kind_parse, EV_OTHER);
	x->mark = (enum event_mark)store_col_enum(s, 4, event_mark_parse, MARK_NONE);
	x->text = store_col_dup(s, 5);
	x->rev = sqlite3_column_int64(s, 6);
	x->order = sqlite3_column_int64(s, 7);
	x->source = store_col_dup(s, 8);
	x->unknown_then = sqlite3_column_int(s, 9) != 0;
	if (!x->text)
		x->text = xstrdup("");
}

static const char SQL_GET_EVENT[] =
	"SELECT " EVENT_COLS " FROM event WHERE id = :id AND retro_id = :retro";

int store_sqlite_get_event(struct store *st, const char *retro_id, const char *id, struct event *out,
		    struct err *e)
{
	return store_read_record(st, SQL_GET_EVENT, retro_id, id, read_event, out, e);
}

static void release_events(void *v, size_t n)
{
	store_free_events(v, n);
}

static int list_events(struct store *st, const char *sql, const char *retro_id,
		       struct event **out, size_t *n, struct err *e)
{
	void *rows;
	if (store_list_by_retro(st, sql, retro_id, sizeof **out, read_event, release_events,
			  "cannot read the timeline", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

int store_sqlite_list_events(struct store *st, const char *retro_id, struct event **out,
		      size_t *n, struct err *e)
{
	return list_events(st, SQL_LIST_EVENTS, retro_id, out, n, e);
}

static const char SQL_COUNT_EVENTS[] = "SELECT count(*) FROM event WHERE retro_id = :retro";

int store_sqlite_count_events(struct store *st, const char *retro_id, size_t *n, struct err *e)
{
	long long v;
	int rc = store_read_number(st, SQL_COUNT_EVENTS, retro_id, &v, "cannot count the timeline", e);
	*n = (size_t)v;
	return rc;
}

static const char SQL_UPDATE_EVENT[] =
	"UPDATE event SET at = :at, offset_min = :off, kind = :kind, mark = :mark,"
	" text = :text, source = :source, unknown_then = :unknown, rev = rev + 1"
	" WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_EVENT_EXISTS[] = "SELECT 1 FROM event WHERE id = :id";

int store_sqlite_update_event(struct store *st, const char *retro_id, struct event *ev,
		       struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_EVENT, e) || store_bind_text(s, ":id", ev->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || bind_event(s, ev, e) ||
	    store_bind_int(s, ":rev", ev->rev, e))
		return ST_ERROR;
	return store_guarded_update(st, s, retro_id, SQL_EVENT_EXISTS, ev->id, "event", &ev->rev, e);
}

static const char SQL_DELETE_EVENT[] = "DELETE FROM event WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_EVENT_NOTES[] =
	"DELETE FROM note WHERE event_id = :id AND retro_id = :retro";

int store_sqlite_delete_event(struct store *st, const char *retro_id, const char *event_id,
		       struct err *e)
{
	return store_delete_with_notes(st, retro_id, SQL_DELETE_EVENT, SQL_DELETE_EVENT_NOTES,
				 event_id, "cannot delete the event", e);
}

/* --- questions --- */

#define QUESTION_COLS "id, position, title, prompts, custom, rowid"

static const char SQL_LIST_QUESTIONS[] =
	"SELECT " QUESTION_COLS " FROM question WHERE retro_id = :retro ORDER BY position, rowid";

static void read_question(sqlite3_stmt *s, void *row)
{
	struct question *x = row;
	store_col_id(s, 0, x->id);
	x->position = sqlite3_column_int(s, 1);
	x->title = store_col_dup(s, 2);
	x->prompts = store_col_dup(s, 3);
	x->custom = sqlite3_column_int(s, 4) != 0;
	x->order = sqlite3_column_int64(s, 5);
	if (!x->title)
		x->title = xstrdup("");
	if (!x->prompts)
		x->prompts = xstrdup("");
}

static const char SQL_GET_QUESTION[] =
	"SELECT " QUESTION_COLS " FROM question WHERE id = :id AND retro_id = :retro";

int store_sqlite_get_question(struct store *st, const char *retro_id, const char *id,
		       struct question *out, struct err *e)
{
	return store_read_record(st, SQL_GET_QUESTION, retro_id, id, read_question, out, e);
}

static void release_questions(void *v, size_t n)
{
	store_free_questions(v, n);
}

int store_sqlite_list_questions(struct store *st, const char *retro_id,
			 struct question **out, size_t *n, struct err *e)
{
	void *rows;
	if (store_list_by_retro(st, SQL_LIST_QUESTIONS, retro_id, sizeof **out, read_question, release_questions, "cannot read the questions", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

static const char SQL_ADD_QUESTION[] =
	"INSERT INTO question(id, retro_id, position, title, prompts, custom)"
	" VALUES(:id, :retro,"
	" coalesce(nullif(:pos, 0), (SELECT coalesce(max(position), 0) + 1"
	"   FROM question WHERE retro_id = :retro)), :title, :prompts, :custom)";
static const char SQL_QUESTION_POSITION[] = "SELECT position FROM question WHERE id = :id";

int store_sqlite_add_question(struct store *st, const char *retro_id, struct question *q,
		       struct err *e)
{
	sqlite3_stmt *s, *p;
	if (!q->id[0])
		store_new_id(q->id);
	if (store_prepare(st, &s, SQL_ADD_QUESTION, e) || store_bind_text(s, ":id", q->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_int(s, ":pos", q->position, e) ||
	    store_bind_text(s, ":title", q->title, e) ||
	    store_bind_text(s, ":prompts", q->prompts ? q->prompts : "", e) ||
	    store_bind_int(s, ":custom", q->custom, e) ||
	    store_prepare(st, &p, SQL_QUESTION_POSITION, e) || store_bind_text(p, ":id", q->id, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (store_step_done(st, s, "cannot add the question", e) != 0 || store_touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	if (sqlite3_step(p) == SQLITE_ROW)
		q->position = sqlite3_column_int(p, 0);
	sqlite3_reset(p);
	return store_commit(st, e);
}

static const char SQL_RENAME_QUESTION[] =
	"UPDATE question SET title = :title WHERE id = :id AND retro_id = :retro";

int store_sqlite_rename_question(struct store *st, const char *retro_id, const char *question_id,
			  const char *title, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_RENAME_QUESTION, e) || store_bind_text(s, ":id", question_id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":title", title, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (store_step_done(st, s, "cannot rename the question", e) != 0)
		return store_rollback(st);
	if (sqlite3_changes(st->db) == 0) {
		store_rollback(st);
		return err_set(e, "this question was deleted meanwhile");
	}
	if (store_touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

static const char SQL_DELETE_QUESTION[] =
	"DELETE FROM question WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_QUESTION_NOTES[] =
	"DELETE FROM note WHERE question_id = :id AND retro_id = :retro";

int store_sqlite_delete_question(struct store *st, const char *retro_id, const char *question_id,
			  struct err *e)
{
	return store_delete_with_notes(st, retro_id, SQL_DELETE_QUESTION, SQL_DELETE_QUESTION_NOTES,
				 question_id, "cannot delete the question", e);
}
