/* Storage: the live session: who is here,
 * where the facilitator is, and whether another terminal changed anything. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- several terminals on one file --- */

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

int store_sqlite_data_version(struct store *st, long long *out, struct err *e)
{
	long long v;
	int rc = store_read_number(st, SQL_DATA_VERSION, NULL, &v, "cannot check for changes", e);
	if (rc == 0)
		*out = v; /* kept as it was when the check fails */
	return rc;
}

static const char SQL_RETRO_MARK[] =
	"SELECT rev, stage, coalesce(current_item, ''), status,"
	" clock_started, clock_paused_at, clock_paused_secs, deleted_at <> 0,"
	" timed_stage, stage_entered, timebox_rev, timeline_accepted,"
	/* who is here, as its rows stand: each one's row, role and time */
	" (SELECT group_concat(p.rowid || p.role || p.seen_at, ',') FROM presence p"
	"  WHERE p.retro_id = retro.id),"
	/* the log's last entry for it (change_by_retro: one look-up) */
	" (SELECT coalesce(max(c.seq), 0) FROM change_log c WHERE c.retro_id = retro.id)"
	" FROM retro WHERE id = :id";

int store_sqlite_retro_mark(struct store *st, const char *retro_id, struct retro_mark *out,
		     struct err *e)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof *out);
	if (store_prepare(st, &s, SQL_RETRO_MARK, e) || store_bind_text(s, ":id", retro_id, e))
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->rev = sqlite3_column_int64(s, 0);
		int stage = sqlite3_column_int(s, 1);
		out->stage = (stage >= STAGE_PRIME && stage <= STAGE_COUNT) ? (enum stage)stage : STAGE_PRIME;
		store_col_id(s, 2, out->item);
		out->status = (enum retro_status)store_col_enum(s, 3, retro_status_parse, RETRO_DRAFT);
		out->clock_started = store_col_time(s, 4);
		out->clock_paused_at = store_col_time(s, 5);
		out->clock_paused_secs = sqlite3_column_int64(s, 6);
		out->deleted = sqlite3_column_int(s, 7) != 0;
		int timed = sqlite3_column_int(s, 8);
		out->timed_stage = (timed >= STAGE_PRIME && timed <= STAGE_COUNT) ? (enum stage)timed : STAGE_PRIME;
		out->stage_entered = sqlite3_column_int64(s, 9);
		out->timebox_rev = sqlite3_column_int64(s, 10);
		const char *acc = (const char *)sqlite3_column_text(s, 11);
		out->timeline_accepted = acc ? text_hash(acc, (size_t)sqlite3_column_bytes(s, 11)) : 0;
		const char *who = (const char *)sqlite3_column_text(s, 12);
		out->presence = who ? text_hash(who, (size_t)sqlite3_column_bytes(s, 12)) : 0;
		out->last_change = sqlite3_column_int64(s, 13);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return err_set(e, "the retrospective was deleted");
	return rc == SQLITE_ROW ? 0 : store_sql_error(st, s, "cannot check for changes", e);
}

/* A terminal says it is here once, not on a beat: every write to the file
 * wakes every other terminal on it, so beats woke each terminal as often
 * as there were others. Its row's seen_at is minus the start of its
 * process (clock ticks after boot, as the drafts file's terminals keep
 * it): the row stands while a process with that id and that start runs,
 * which tells a terminal that crashed from a later program given its
 * process id. A positive seen_at is the last beat of an older debrief
 * (which beat every two seconds), read as before: seen since `since`. */
static const char SQL_PRESENCE_BEAT[] =
	"INSERT INTO presence(id, retro_id, role, pid, seen_at) VALUES(:id, :retro, :role, :pid, :now)"
	" ON CONFLICT(id) DO UPDATE SET retro_id = excluded.retro_id, role = excluded.role,"
	" seen_at = excluded.seen_at";
static const char SQL_PRESENCE_LEAVE[] = "DELETE FROM presence WHERE id = :id";
static const char SQL_PRESENCE_LIST[] =
	"SELECT id, role, pid, seen_at FROM presence WHERE retro_id = :retro"
	" AND (seen_at >= :since OR seen_at < 0) ORDER BY rowid";

int store_sqlite_presence_beat(struct store *st, const char *retro_id, const char *id,
			const char *role, long pid, struct err *e)
{
	sqlite3_stmt *s;
	long long started = store_process_start(pid);
	if (store_prepare(st, &s, SQL_PRESENCE_BEAT, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":role", role, e) ||
	    store_bind_int(s, ":pid", pid, e) ||
	    store_bind_int(s, ":now", started > 0 ? -started : clock_now(), e))
		return -1;
	return store_write_now(st, s, "cannot say who is here", e);
}

int store_sqlite_presence_leave(struct store *st, const char *id, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_PRESENCE_LEAVE, e) || store_bind_text(s, ":id", id, e))
		return -1;
	return store_write_now(st, s, "cannot say goodbye", e);
}

static void read_presence(sqlite3_stmt *s, void *row)
{
	struct presence *x = row;
	store_col_id(s, 0, x->id);
	const unsigned char *role = sqlite3_column_text(s, 1);
	str_copy(x->role, sizeof x->role, role ? (const char *)role : "");
	x->pid = (long)sqlite3_column_int64(s, 2);
	x->seen_at = sqlite3_column_int64(s, 3);
}

static void release_plain(void *v, size_t n)
{
	(void)n;
	free(v);
}

int store_sqlite_presence_list(struct store *st, const char *retro_id, int64_t since,
			struct presence **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	void *rows;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_PRESENCE_LIST, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_int(s, ":since", since, e) ||
	    store_read_rows(st, s, sizeof **out, read_presence, release_plain, "cannot see who is here",
		      &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

bool store_presence_runs(const struct presence *p)
{
	return p->seen_at >= 0 || store_process_start(p->pid) == -p->seen_at;
}
