/* Benchmark (not a test): keystroke to durable. Each key typed into debrief's
 * notes pane is timed until this process reads the draft that contains it
 * as a terminal starting again would: a separate SQLite connection reads
 * the draft as last written whole, and its journal is played over it. Side by side with the least one durable
 * write can cost: an upsert and COMMIT into a WAL database with
 * synchronous=NORMAL, done here directly. Never fails on timing.
 *
 * usage: bench-durable path/to/debrief [keys]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "debrief/text.h"
#include "drafts_journal.h"
#include "vt.h"

#define WAIT_MS 20000
/* How long one key may take to reach the database before it counts as
 * missed. */
#define DEADLINE_MS 2000.0

static char dir[256];



struct stats {
	double median, p90, max;
	int n;
};

static struct stats summarise(double *v, int n)
{
	struct stats s = {0, 0, 0, n};
	if (n == 0)
		return s;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	s.p90 = v[(9 * n + 9) / 10 - 1];
	s.max = v[n - 1];
	return s;
}


static void die_sql(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bench-durable: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
	exit(1);
}

static void exec_sql(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die_sql(db, sql);
}

/* Waits until the program has drawn a whole frame since `before` bytes, so
 * the next key does not queue behind the redraw of the last one. */
static void settle(struct vt *vt, size_t before)
{
	double t0 = now_ms();
	while (now_ms() - t0 < DEADLINE_MS) {
		if (vt_bytes(vt) > before && vt_at_frame_end(vt))
			return;
		if (vt_pump(vt, 50) < 0)
			return;
	}
}

/* debrief: each key until the draft holds the text typed so far. */
static struct stats measure_debrief(const char *bin, const char *text, size_t keys,
				    int *missed, double *poll_us)
{
	char db_path[320], cmd[900], id[64] = "";
	snprintf(db_path, sizeof db_path, "%s/durable.db", dir);
	snprintf(cmd, sizeof cmd, "%s --db %s new Durable --date 2026-11-24 | tail -n 1", bin, db_path);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(id, sizeof id, p) || pclose(p) != 0) {
		fprintf(stderr, "bench-durable: failed: %s\n", cmd);
		exit(1);
	}
	id[strcspn(id, "\n")] = '\0';

	char env_db[400], home[320], state[340], drafts[400];
	snprintf(env_db, sizeof env_db, "DEBRIEF_DB=%s", db_path);
	snprintf(home, sizeof home, "HOME=%s", dir);
	/* Drafts live in the user's drafts file (debrief/drafts.h). */
	snprintf(state, sizeof state, "XDG_STATE_HOME=%s/state", dir);
	snprintf(drafts, sizeof drafts, "%s/state/debrief/drafts.db", dir);
	char journals[420];
	snprintf(journals, sizeof journals, "%s-edits", drafts);
	char *env[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
		       "PATH=/usr/bin:/bin", "DEBRIEF_TEST_FRAMES=1", home, env_db, state, NULL};
	char *argv[] = {(char *)bin, id, NULL};
	struct vt *vt = vt_spawn(argv, env, 24, 80);
	if (!vt || !vt_wait_text(vt, "Regardless of what we discover", WAIT_MS)) {
		fprintf(stderr, "bench-durable: debrief did not open the retrospective\n");
		exit(1);
	}
	vt_key(vt, "Tab");
	if (!vt_wait_text(vt, "Type a note", WAIT_MS)) {
		fprintf(stderr, "bench-durable: Tab did not focus the notes pane\n");
		exit(1);
	}

	/* The reader: a connection of its own, as another process would have. */
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(drafts, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die_sql(db, "cannot open the drafts file");
	sqlite3_busy_timeout(db, 1000);
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, "SELECT t.body, d.ekey FROM draft_text t JOIN draft d"
			       " USING (terminal_id, db_id, retro_id, slot)"
			       " WHERE t.retro_id=? AND t.slot='notes'", -1, &q, NULL) != SQLITE_OK)
		die_sql(db, "cannot prepare");
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);

	double *lat = calloc(keys, sizeof *lat);
	int n = 0;
	long polls = 0;
	double polling = 0;
	*missed = 0;
	for (size_t i = 0; i < keys; i++) {
		size_t want = i + 1;
		size_t before = vt_bytes(vt);
		double t0 = now_ms(), t = 0;
		bool seen = false;
		if (vt_send(vt, text + i, 1) != 0)
			break;
		/* A tight loop, no sleep: ask, and keep the pty drained. */
		while ((t = now_ms() - t0) < DEADLINE_MS) {
			int rc = sqlite3_step(q);
			polls++;
			if (rc == SQLITE_ROW) {
				struct strbuf b = {0};
				long edits = 0;
				const char *body = (const char *)sqlite3_column_text(q, 0);
				sb_add(&b, body ? body : "", (size_t)sqlite3_column_bytes(q, 0));
				journal_replay(journals, sqlite3_column_int64(q, 1), &b, &edits);
				seen = b.len == want && memcmp(b.s, text, want) == 0;
				sb_free(&b);
			}
			sqlite3_reset(q);
			if (seen) {
				t = now_ms() - t0;
				break;
			}
			vt_pump(vt, 0);
		}
		polling += t;
		if (seen)
			lat[n++] = t;
		else
			(*missed)++;
		settle(vt, before);
	}
	*poll_us = polls ? 1000 * polling / (double)polls : 0;
	sqlite3_finalize(q);
	sqlite3_close(db);

	vt_key(vt, "Esc");
	vt_wait_text(vt, "Tab notes", WAIT_MS);
	vt_key(vt, "q");
	int status;
	vt_wait_exit(vt, WAIT_MS, &status);
	vt_free(vt);
	struct stats s = summarise(lat, n);
	free(lat);
	return s;
}

/* The peer: one upsert and COMMIT per key, in this process. */
static struct stats measure_bare(const char *text, size_t keys)
{
	char db_path[320];
	snprintf(db_path, sizeof db_path, "%s/bare.db", dir);
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		die_sql(db, "cannot open the peer database");
	exec_sql(db, "PRAGMA journal_mode=WAL");
	exec_sql(db, "PRAGMA synchronous=NORMAL");
	exec_sql(db, "CREATE TABLE draft(retro_id TEXT NOT NULL, slot TEXT NOT NULL,"
		     " body TEXT NOT NULL, updated_at INTEGER NOT NULL,"
		     " PRIMARY KEY(retro_id, slot)) WITHOUT ROWID");
	sqlite3_stmt *begin, *put, *commit;
	if (sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO draft(retro_id, slot, body, updated_at)"
			       " VALUES('0b8c1a5e-2f4d-4e7a-9c3b-6d1e5f7a8b9c', 'notes', ?, ?)"
			       " ON CONFLICT(retro_id, slot) DO UPDATE SET body = excluded.body,"
			       " updated_at = excluded.updated_at",
			       -1, &put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL) != SQLITE_OK)
		die_sql(db, "cannot prepare");
	double *lat = calloc(keys, sizeof *lat);
	int n = 0;
	for (size_t i = 0; i < keys; i++) {
		double t0 = now_ms();
		sqlite3_bind_text(put, 1, text, (int)(i + 1), SQLITE_STATIC);
		sqlite3_bind_int64(put, 2, (sqlite3_int64)time(NULL));
		bool ok = sqlite3_step(begin) == SQLITE_DONE && sqlite3_step(put) == SQLITE_DONE &&
			  sqlite3_step(commit) == SQLITE_DONE;
		double t = now_ms() - t0;
		sqlite3_reset(begin);
		sqlite3_reset(put);
		sqlite3_reset(commit);
		if (!ok)
			die_sql(db, "the peer write failed");
		lat[n++] = t;
	}
	sqlite3_finalize(begin);
	sqlite3_finalize(put);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	struct stats s = summarise(lat, n);
	free(lat);
	return s;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief [keys]\n", argv[0]);
		return 2;
	}
	size_t keys = argc > 2 ? (size_t)atoi(argv[2]) : 500;
	if (keys < 1)
		keys = 1;
	snprintf(dir, sizeof dir, "/tmp/debrief-durable.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char *text = malloc(keys + 1);
	make_text(text, keys);

	int missed;
	double poll_us;
	struct stats d = measure_debrief(argv[1], text, keys, &missed, &poll_us);
	struct stats b = measure_bare(text, keys);

	printf("debrief keystroke-to-durable benchmark: %zu keys into the notes pane, 80x24\n", keys);
	printf("  from writing the key to the pty until another connection reads it in the draft\n\n");
	printf("%-44s %9s %9s %9s\n", "ms", "median", "p90", "max");
	printf("%-44s %9.3f %9.3f %9.3f\n", "debrief: key -> draft readable elsewhere", d.median,
	       d.p90, d.max);
	printf("%-44s %9.3f %9.3f %9.3f\n", "peer: bare upsert + COMMIT (WAL, sync=NORMAL)", b.median,
	       b.p90, b.max);
	if (b.median > 0)
		printf("\ndebrief/peer (median): %.1fx; ", d.median / b.median);
	printf("one poll of the reader: %.1f us; target: median under 1 ms\n", poll_us);
	if (missed)
		printf("(%d of %zu keys not seen in the database within %.0f ms)\n", missed, keys,
		       DEADLINE_MS);

	free(text);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
