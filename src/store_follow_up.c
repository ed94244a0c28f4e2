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

/* --- what earlier incidents on the same services and tags left --- */

/* Each earlier retrospective once, under the first name it shares
 * ('0' services before '1' tags, then by name), through label_by_name. */
static const char SQL_LIST_RELATED[] =
	"SELECT r.id, r.title, coalesce(r.incident_date, date(r.created_at, 'unixepoch')) AS day,"
	" min((l.kind = 'tag') || l.name) AS shared, r.n_open_actions,"
	" (SELECT group_concat(t, '; ') FROM (SELECT a.title AS t FROM action a"
	"   WHERE a.retro_id = r.id AND a.status = 'open' ORDER BY a.due IS NULL, a.due, a.rowid LIMIT 3))"
	" FROM retro_label mine"
	" JOIN retro_label l ON l.kind = mine.kind AND l.name = mine.name AND l.retro_id <> mine.retro_id"
	" JOIN retro r ON r.id = l.retro_id, " ME
	" WHERE mine.retro_id = :retro AND r.deleted_at = 0 AND" EARLIER_THAN_ME
	" GROUP BY r.id ORDER BY shared, day DESC, r.created_at DESC, r.rowid DESC LIMIT :limit";

static void read_related(sqlite3_stmt *s, void *row)
{
	struct related_retro *x = row;
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->id);
	x->title = store_col_dup(s, 1);
	if (!x->title)
		x->title = xstrdup("");
	x->date = store_col_dup(s, 2);
	const char *shared = (const char *)sqlite3_column_text(s, 3);
	x->by_tag = shared && shared[0] == '1';
	x->shared = xstrdup(shared && shared[0] ? shared + 1 : "");
	x->open = sqlite3_column_int(s, 4);
	x->open_titles = store_col_dup(s, 5);
}

static void release_related(void *v, size_t n)
{
	store_free_related(v, n);
}

int store_sqlite_list_related(struct store *st, const char *retro_id, size_t limit,
			      struct related_retro **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	void *rows;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_LIST_RELATED, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_int(s, ":limit", (long long)limit, e) ||
	    store_read_rows(st, s, sizeof **out, read_related, release_related,
			    "cannot read the earlier incidents", &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

void store_free_related(struct related_retro *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].date);
		free(v[i].shared);
		free(v[i].open_titles);
	}
	free(v);
}
