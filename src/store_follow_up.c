/* Storage: the follow-up of earlier retrospectives' action items, kept
 * with the retrospective whose meeting reviewed them. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* The first review of an item in a meeting is the one kept: how the item
 * stood before this meeting touched it. */
static const char SQL_NOTE_FOLLOW_UP[] =
	"INSERT INTO follow_up(retro_id, action_id, status_before, owner_before, due_before, at)"
	" VALUES(:retro, :action, :status, :owner, :due, :now)"
	" ON CONFLICT(retro_id, action_id) DO UPDATE SET at = at";

int store_sqlite_note_follow_up(struct store *st, const char *retro_id, const struct action *before,
				struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_NOTE_FOLLOW_UP, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_text(s, ":action", before->id, e) ||
	    store_bind_text(s, ":status", action_status_name(before->status), e) ||
	    store_bind_opt(s, ":owner", before->owner, e) || store_bind_opt(s, ":due", before->due, e) ||
	    store_bind_int(s, ":now", clock_now(), e))
		return -1;
	return store_write_one(st, s, "cannot keep the follow-up", e);
}

static const char SQL_LIST_FOLLOW_UPS[] =
	"SELECT f.action_id, f.status_before, f.owner_before, f.due_before, f.at,"
	" a.title, a.status, a.owner, a.due, a.drop_reason, a.retro_id, r.title"
	" FROM follow_up f JOIN action a ON a.id = f.action_id JOIN retro r ON r.id = a.retro_id"
	" WHERE f.retro_id = :retro ORDER BY f.at, a.rowid";

static void read_follow_up(sqlite3_stmt *s, void *row)
{
	struct follow_up *x = row;
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->now.id);
	x->status_before = (enum action_status)store_col_enum(s, 1, action_status_parse, ACT_OPEN);
	x->owner_before = store_col_dup(s, 2);
	x->due_before = store_col_dup(s, 3);
	x->at = store_col_time(s, 4);
	x->now.title = store_col_dup(s, 5);
	x->now.status = (enum action_status)store_col_enum(s, 6, action_status_parse, ACT_OPEN);
	x->now.owner = store_col_dup(s, 7);
	x->now.due = store_col_dup(s, 8);
	x->now.drop_reason = store_col_dup(s, 9);
	store_col_id(s, 10, x->now.retro_id);
	x->now.retro_title = store_col_dup(s, 11);
	if (!x->now.title)
		x->now.title = xstrdup("");
}

static void release_follow_ups(void *v, size_t n)
{
	store_free_follow_ups(v, n);
}

int store_sqlite_list_follow_ups(struct store *st, const char *retro_id, struct follow_up **out,
				 size_t *n, struct err *e)
{
	void *rows;
	if (store_list_by_retro(st, SQL_LIST_FOLLOW_UPS, retro_id, sizeof **out, read_follow_up,
				release_follow_ups, "cannot read the follow-up", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

void store_free_follow_ups(struct follow_up *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].owner_before);
		free(v[i].due_before);
		action_free(&v[i].now);
	}
	free(v);
}
