/* Storage: the parking lot (ideas kept for later in the meeting) and the
 * timeline's problems the room accepted as they are. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* --- the parking lot --- */

static const char SQL_INSERT_PARKED[] =
	"INSERT INTO parked(id, retro_id, text, stage, event_id, question_id, action_id,"
	" status, created_at)"
	" VALUES(:id, :retro, :text, :stage, :event, :question, :action, :status, :at)";

int store_sqlite_add_parked(struct store *st, const char *retro_id, struct parked *p,
			    struct err *e)
{
	sqlite3_stmt *s;
	if (!p->id[0])
		store_new_id(p->id);
	p->rev = 1;
	if (p->created_at == 0)
		p->created_at = clock_now();
	if (store_prepare(st, &s, SQL_INSERT_PARKED, e) || store_bind_text(s, ":id", p->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_text(s, ":text", p->text ? p->text : "", e) ||
	    store_bind_int(s, ":stage", p->stage, e) || store_bind_opt(s, ":event", p->event_id, e) ||
	    store_bind_opt(s, ":question", p->question_id, e) ||
	    store_bind_opt(s, ":action", p->action_id, e) ||
	    store_bind_text(s, ":status", parked_status_name(p->status), e) ||
	    store_bind_int(s, ":at", p->created_at, e))
		return -1;
	return store_insert_touching(st, s, retro_id, "cannot park the idea", e);
}

#define PARKED_COLS \
	"id, text, stage, event_id, question_id, action_id, status, created_at, rev, rowid"

static void read_parked(sqlite3_stmt *s, void *row)
{
	struct parked *x = row;
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->id);
	x->text = store_col_dup(s, 1);
	int stage = sqlite3_column_int(s, 2);
	x->stage = (stage >= STAGE_PRIME && stage <= STAGE_COUNT) ? (enum stage)stage : STAGE_PRIME;
	store_col_id(s, 3, x->event_id);
	store_col_id(s, 4, x->question_id);
	store_col_id(s, 5, x->action_id);
	x->status = (enum parked_status)store_col_enum(s, 6, parked_status_parse, PARKED_WAITING);
	x->created_at = store_col_time(s, 7);
	x->rev = sqlite3_column_int64(s, 8);
	x->order = sqlite3_column_int64(s, 9);
	if (!x->text)
		x->text = xstrdup("");
}

static void release_parked(void *v, size_t n)
{
	store_free_parked(v, n);
}

static const char SQL_LIST_PARKED[] =
	"SELECT " PARKED_COLS " FROM parked WHERE retro_id = :retro ORDER BY created_at, rowid";

int store_sqlite_list_parked(struct store *st, const char *retro_id, struct parked **out,
			     size_t *n, struct err *e)
{
	void *rows;
	if (store_list_by_retro(st, SQL_LIST_PARKED, retro_id, sizeof **out, read_parked,
				release_parked, "cannot read the parked ideas", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

static const char SQL_GET_PARKED[] =
	"SELECT " PARKED_COLS " FROM parked WHERE id = :id AND retro_id = :retro";

int store_sqlite_get_parked(struct store *st, const char *retro_id, const char *id,
			    struct parked *out, struct err *e)
{
	return store_read_record(st, SQL_GET_PARKED, retro_id, id, read_parked, out, e);
}

static const char SQL_UPDATE_PARKED[] =
	"UPDATE parked SET text = :text, status = :status, action_id = :action, rev = rev + 1"
	" WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_PARKED_EXISTS[] = "SELECT 1 FROM parked WHERE id = :id";

int store_sqlite_update_parked(struct store *st, const char *retro_id, struct parked *p,
			       struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_PARKED, e) || store_bind_text(s, ":id", p->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_text(s, ":text", p->text ? p->text : "", e) ||
	    store_bind_text(s, ":status", parked_status_name(p->status), e) ||
	    store_bind_opt(s, ":action", p->action_id, e) || store_bind_int(s, ":rev", p->rev, e))
		return ST_ERROR;
	return store_guarded_update(st, s, retro_id, SQL_PARKED_EXISTS, p->id, "parked idea",
				    &p->rev, e);
}

static const char SQL_DELETE_PARKED[] = "DELETE FROM parked WHERE id = :id AND retro_id = :retro";

int store_sqlite_delete_parked(struct store *st, const char *retro_id, const char *id,
			       struct err *e)
{
	return store_delete_with_notes(st, retro_id, SQL_DELETE_PARKED, NULL, id,
				       "cannot take the idea out of the parking lot", e);
}

void store_free_parked(struct parked *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		parked_free(&v[i]);
	free(v);
}

/* --- the timeline's check --- */

/* Not the retrospective's rev, which the details form checks its edits
 * against: other terminals see it in the mark (store_retro_mark). */
static const char SQL_SET_ACCEPTED[] =
	"UPDATE retro SET timeline_accepted = :fp WHERE id = :id AND status <> 'closed'";

int store_sqlite_set_timeline_accepted(struct store *st, const char *retro_id,
				       const char *fingerprint, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_SET_ACCEPTED, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_text(s, ":fp", fingerprint, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (store_step_done(st, s, "cannot accept the timeline", e) != 0)
		return store_rollback(st);
	if (sqlite3_changes(st->db) != 1) {
		store_rollback(st);
		return err_set(e, "%s", STORE_CLOSED_MSG);
	}
	return store_commit(st, e);
}
