/* Shared by the many-terminals and huge-retrospective benchmarks: the demo
 * retrospective grown into a long one (an imported log of tens of
 * thousands of lines and thousands of notes), and a process's peak
 * memory. */
#ifndef DEBRIEF_BENCH_BIG_H
#define DEBRIEF_BENCH_BIG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

/* debrief makes the file and the demo retrospective in it (its schema, its
 * triggers); the sqlite3 shell then adds `events` log lines within the
 * incident's first 83 minutes and `notes` notes spread evenly over them
 * (written a second apart up to the demo's making, none later than now, as
 * a meeting's notes are: a note typed now sorts last), in
 * one transaction, through the schema's own triggers (counted, logged,
 * queued for search, as `debrief import` and the notes pane would), then
 * indexed for search, as either does soon after. No
 * ANALYZE: debrief never runs one. Writes the retrospective's id to id. */
static inline long long big_count(const char *db, const char *sql);

static inline void big_make(const char *debrief, const char *db, int events, int notes, char *id,
			    size_t idlen)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' demo 2>/dev/null", debrief, db);
	bench_last_line(cmd, id, idlen);
	if (events <= 0)
		return;
	if (notes > events)
		notes = events;
	snprintf(cmd, sizeof cmd, "sqlite3 -bail '%s' > /dev/null", db);
	FILE *f = popen(cmd, "w");
	if (!f) {
		fprintf(stderr, "bench: cannot run: %s\n", cmd);
		exit(1);
	}
	fprintf(f,
		"PRAGMA foreign_keys=ON;\n"
		"BEGIN;\n"
		"CREATE TEMP TABLE base AS SELECT min(at) AS at, max(created_at) AS made\n"
		"  FROM event WHERE retro_id='%s';\n"
		"CREATE TEMP TABLE seq AS WITH RECURSIVE s(j) AS\n"
		"  (SELECT 1 UNION ALL SELECT j+1 FROM s WHERE j<%d) SELECT j FROM s;\n",
		id, events);
	fprintf(f,
		"INSERT INTO event(id,retro_id,at,offset_min,kind,mark,text,created_at,rev)\n"
		"SELECT printf('e%%07x-b16b-4000-8000-%%012x', j, j), '%s', base.at + j %% 4980, 0,\n"
		"  'other', CASE j %% 11 WHEN 3 THEN 'went-well' WHEN 7 THEN 'could-be-better' END,\n"
		"  'Log line '||j||': payments-api returned 503 for order '||(500000+j)||\n"
		"  ' after waiting '||(40+j %% 900)||' ms for a pool connection', base.made + 60, 1\n"
		"FROM seq, base;\n",
		id);
	fprintf(f,
		"INSERT INTO note(id,retro_id,stage,event_id,role,body,created_at,offset_min,rev)\n"
		"SELECT printf('a%%07x-b16b-4000-8000-%%012x', j, j), '%s', 2,\n"
		"  printf('e%%07x-b16b-4000-8000-%%012x', 1 + (j - 1) * %d / %d, 1 + (j - 1) * %d / %d),\n"
		"  CASE j %% 3 WHEN 0 THEN 'facilitator' ELSE 'scribe' END,\n"
		"  CASE j %% 4 WHEN 0 THEN 'Nobody had looked at this graph since the last incident.'\n"
		"    WHEN 1 THEN 'The retries doubled the load on the pool; the client gave up at 30 s.'\n"
		"    WHEN 2 THEN 'Support saw these first: the tickets named the checkout page.'\n"
		"    ELSE 'This line repeats every second until the rollback; one is enough.' END,\n"
		"  base.made - %d + j, 0, 1\n"
		"FROM seq, base WHERE j <= %d;\n"
		"COMMIT;\n"
		"PRAGMA wal_checkpoint(TRUNCATE);\n",
		id, events, notes, events, notes, notes, notes);
	if (pclose(f) != 0) {
		fprintf(stderr, "bench: the sqlite3 shell could not grow %s\n", db);
		exit(1);
	}
	/* Their texts wait to be indexed (store_schema.c: SEARCH_QUEUED); a
	 * search puts them in, as `debrief import` does as it ends. */
	snprintf(cmd, sizeof cmd,
		 "'%s' --db '%s' search zzzzzz >/dev/null 2>&1; sqlite3 '%s' 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null",
		 debrief, db, db);
	if (system(cmd) != 0 || big_count(db, "SELECT count(*) FROM search_queue") != 0) {
		fprintf(stderr, "bench: cannot index %s for search\n", db);
		exit(1);
	}
}

/* One number the sqlite3 shell prints for a query on db. */
static inline long long big_count(const char *db, const char *sql)
{
	char cmd[1200], out[64];
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\"", db, sql);
	bench_last_line(cmd, out, sizeof out);
	return atoll(out);
}

static inline long long big_file_bytes(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* A field of /proc/PID/status in kB (VmHWM: the peak resident memory);
 * -1 when unknown. */
static inline long big_status_kb(long pid, const char *field)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	long v = -1;
	size_t len = strlen(field);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, len) == 0 && line[len] == ':') {
			v = atol(line + len + 1);
			break;
		}
	fclose(f);
	return v;
}

#endif
