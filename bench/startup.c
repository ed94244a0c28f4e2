/* Benchmark (not a test): start-up to the first whole screen on an empty
 * database and on one with 1,000 retrospectives (the list), and opening the
 * demo retrospective in a database of its own and among the 1,000; side by
 * side with the raw cost of reading the same files with the sqlite3 shell;
 * and, when valgrind is here, the instructions of opening the demo against
 * its floor (debrief --version plus the shell running the queries debrief
 * ran). Never fails on timing.
 *
 * usage: bench-startup path/to/debrief [runs]
 * With DEBRIEF_BENCH_KEEP set, the databases are kept (the folder is named).
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "vt.h"

#define WAIT_MS 20000
/* The big database: this many retrospectives in all, each generated one with
 * EVENTS events and a note on every NOTE_EVERY-th of them. */
#define RETROS 1000
#define EVENTS 100
#define NOTE_EVERY 5

extern char **environ;

static const char *debrief;
static char dir[256];



struct stats {
	double median, p90;
	int ok, runs;
};

static struct stats summarise(double *v, int n, int runs)
{
	struct stats s = {0, 0, n, runs};
	if (n == 0)
		return s;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	int k = (9 * n + 9) / 10; /* ceil(0.9 n), 1-based */
	s.p90 = v[k - 1];
	return s;
}

/* An id for SQLite to make, shaped like a version 4 UUID. */
#define SQL_UUID                                                                   \
	"lower(hex(randomblob(4)))||'-'||lower(hex(randomblob(2)))||'-4'||"        \
	"substr(lower(hex(randomblob(2))),2)||'-'||substr('89ab',1+abs(random())%%4,1)||" \
	"substr(lower(hex(randomblob(2))),2)||'-'||lower(hex(randomblob(6)))"

/* Fills the database (which already holds `have` retrospectives, among them
 * template_id whose questions are copied) up to RETROS retrospectives, with
 * the sqlite3 shell: one transaction of INSERT ... SELECT. */
static void generate(const char *db, const char *template_id, int have)
{
	char path[400], cmd[1200];
	snprintf(path, sizeof path, "%s/gen.sql", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fprintf(f,
		"PRAGMA foreign_keys=ON;\n"
		"BEGIN;\n"
		"CREATE TEMP TABLE r AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i<%d)\n"
		"  SELECT i, " SQL_UUID " AS id FROM s;\n"
		"CREATE TEMP TABLE n AS WITH RECURSIVE s(j) AS (SELECT 1 UNION ALL SELECT j+1 FROM s WHERE j<%d)\n"
		"  SELECT j FROM s;\n",
		RETROS - have, EVENTS);
	/* Incidents one a day back from 2026-11-01, at 09:00 UTC. */
	fprintf(f,
		"INSERT INTO retro(id,title,incident_ref,severity,incident_date,status,stage,current_item,\n"
		"  facilitator,scribe,participants,impact,trigger_text,created_at,updated_at,closed_at,rev)\n"
		"SELECT id, 'Generated incident '||i||': queue backlog in service '||(i%%37),\n"
		"  'INC-'||(20000+i), 'SEV'||(1+i%%4), date(1793523600-i*86400,'unixepoch'),\n"
		"  'in-progress', CASE WHEN i%%10=0 THEN 1 ELSE 5 END, NULL,\n"
		"  'Alex Moreau', 'Jun Park', 'Priya Nair, Marco Rossi, Dana Levi',\n"
		"  'About 1 in 20 requests failed for most of an hour.',\n"
		"  'A configuration change lowered a pool size.',\n"
		"  1793523600-i*86400+86400, 1793523600-i*86400+90000,\n"
		"  CASE WHEN i%%10=0 THEN 0 ELSE 1793523600-i*86400+90000 END, 1\n"
		"FROM r;\n");
	fprintf(f,
		"INSERT INTO question(id,retro_id,position,title,prompts,custom)\n"
		"SELECT " SQL_UUID ", r.id, q.position, q.title, q.prompts, 0\n"
		"FROM r, question q WHERE q.retro_id='%s';\n",
		template_id);
	fprintf(f,
		"INSERT INTO event(id,retro_id,at,offset_min,kind,mark,text,created_at,rev)\n"
		"SELECT " SQL_UUID ", r.id, 1793523600-r.i*86400+n.j*45, 0,\n"
		"  CASE WHEN n.j=1 THEN 'trigger' WHEN n.j=2 THEN 'impact-start' WHEN n.j=3 THEN 'alert'\n"
		"       WHEN n.j=4 THEN 'detection' WHEN n.j=5 THEN 'page' WHEN n.j=%d THEN 'mitigation'\n"
		"       WHEN n.j=%d THEN 'resolution' WHEN n.j=%d THEN 'impact-end' ELSE 'other' END,\n"
		"  CASE n.j%%7 WHEN 0 THEN 'went-well' WHEN 3 THEN 'could-be-better' WHEN 5 THEN 'lucky' ELSE NULL END,\n"
		"  'Event '||n.j||': the on-call engineer checked the dashboards and wrote down what they saw',\n"
		"  1793523600-r.i*86400+86400, 1\n"
		"FROM r, n;\n",
		EVENTS - 2, EVENTS - 1, EVENTS);
	fprintf(f,
		"INSERT INTO note(id,retro_id,stage,event_id,question_id,action_id,role,body,created_at,offset_min,rev)\n"
		"SELECT " SQL_UUID ", e.retro_id, 2, e.id, NULL, NULL, CASE WHEN e.rowid%%2 THEN 'scribe' ELSE 'facilitator' END,\n"
		"  'Nobody had looked at this graph since the last incident; it was below the fold.',\n"
		"  e.created_at+e.rowid%%3600, 0, 1\n"
		"FROM event e WHERE e.retro_id IN (SELECT id FROM r) AND e.rowid%%%d=0;\n",
		NOTE_EVERY);
	fprintf(f,
		"INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,tracker_ref,\n"
		"  origin_event,origin_question,created_at,rev)\n"
		"SELECT " SQL_UUID ", r.id, 'Follow-up '||k.k||' of incident '||r.i, 'Priya',\n"
		"  date(1793523600-r.i*86400+30*86400,'unixepoch'),\n"
		"  CASE k.k WHEN 1 THEN 'detect' WHEN 2 THEN 'prevent' ELSE 'process' END, k.k,\n"
		"  CASE WHEN (r.i+k.k)%%10=0 THEN 'open' WHEN k.k=3 THEN 'dropped' ELSE 'done' END,\n"
		"  'OPS-'||(r.i*3+k.k), NULL, NULL, 1793523600-r.i*86400+90000+k.k, 1\n"
		"FROM r, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) k;\n"
		/* (Closed last: a closed one takes nothing more.) */
		"UPDATE retro SET status = 'closed' WHERE id IN (SELECT id FROM r WHERE i%%10<>0);\n"
		"COMMIT;\n"
		"PRAGMA wal_checkpoint(TRUNCATE);\n"
		"ANALYZE;\n");
	fclose(f);
	snprintf(cmd, sizeof cmd, "sqlite3 -bail %s < %s > /dev/null", db, path);
	bench_sh(cmd);
}

/* One start: the time from spawning argv until needle is on a whole
 * screen; negative when it never showed. */
static double one_start(char *const argv[], char *const envp[], const char *needle)
{
	double t0 = now_ms();
	struct vt *vt = vt_spawn(argv, envp, 24, 80);
	if (!vt) {
		fprintf(stderr, "bench-startup: cannot start %s\n", argv[0]);
		exit(1);
	}
	bool seen = vt_wait_text(vt, needle, WAIT_MS);
	double t = now_ms() - t0;
	int status;
	vt_key(vt, "q");
	if (!vt_wait_exit(vt, 5000, &status))
		fprintf(stderr, "bench-startup: %s did not quit on q\n", argv[0]);
	vt_free(vt);
	return seen ? t : -1;
}

struct start {
	char *const *argv;
	char *const *envp;
	const char *needle;
};

/* Two kinds of start, taken in turns (a, b, a, b...) so that whatever else
 * the machine does meanwhile weighs on both alike; one warm-up of each. */
static void time_pair(struct start a, struct start b, int runs, struct stats *sa,
		      struct stats *sb)
{
	double *va = calloc((size_t)runs, sizeof *va), *vb = calloc((size_t)runs, sizeof *vb);
	int na = 0, nb = 0;
	for (int i = -1; i < runs; i++) {
		double ta = one_start(a.argv, a.envp, a.needle);
		double tb = one_start(b.argv, b.envp, b.needle);
		if (i >= 0 && ta >= 0)
			va[na++] = ta;
		if (i >= 0 && tb >= 0)
			vb[nb++] = tb;
	}
	*sa = summarise(va, na, runs);
	*sb = summarise(vb, nb, runs);
	free(va);
	free(vb);
}

/* The wall time of running argv to its end, output discarded. */
static struct stats time_command(char *const argv[], int runs)
{
	double *v = calloc((size_t)runs, sizeof *v);
	int n = 0;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	for (int i = -1; i < runs; i++) {
		pid_t pid;
		int status;
		double t0 = now_ms();
		if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
			fprintf(stderr, "bench-startup: cannot start %s\n", argv[0]);
			exit(1);
		}
		waitpid(pid, &status, 0);
		double t = now_ms() - t0;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && i >= 0)
			v[n++] = t;
	}
	posix_spawn_file_actions_destroy(&fa);
	struct stats s = summarise(v, n, runs);
	free(v);
	return s;
}

static void row(const char *what, struct stats a, struct stats b)
{
	char ratio[32] = "-";
	if (a.ok && b.ok)
		snprintf(ratio, sizeof ratio, "%.2fx", b.median / a.median);
	printf("%-40s %8.1f %8.1f %9.1f %8.1f %9s", what, a.median, a.p90, b.median, b.p90, ratio);
	if (a.ok < a.runs || b.ok < b.runs)
		printf("  (seen %d+%d of %d+%d)", a.ok, b.ok, a.runs, b.runs);
	printf("\n");
}

static long long count(const char *db, const char *sql)
{
	char cmd[800], out[64];
	snprintf(cmd, sizeof cmd, "sqlite3 %s \"%s\"", db, sql);
	bench_last_line(cmd, out, sizeof out);
	return atoll(out);
}

static long long file_kib(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size / 1024 : -1;
}

/* Instructions (callgrind) of a shell command run to its end; -1 when
 * valgrind is not here or it failed. */
static double instructions(const char *cmd)
{
	char full[2400], out[64];
	snprintf(full, sizeof full,
		 "valgrind --tool=callgrind --callgrind-out-file=%s/cg.out %s >/dev/null 2>&1 &&"
		 " awk '/^summary:/ { print $2 }' %s/cg.out",
		 dir, cmd, dir);
	FILE *p = popen(full, "r");
	if (!p)
		return -1;
	out[0] = '\0';
	if (!fgets(out, sizeof out, p))
		out[0] = '\0';
	int rc = pclose(p);
	return rc == 0 && out[0] ? atof(out) : -1;
}

/* Start-up against its floor, in instructions: debrief opening the demo
 * to its first screen and quitting on q, under callgrind; beside it the
 * floor, `debrief --version` (its libraries loaded) plus the sqlite3 shell
 * running every query debrief ran on the file (DEBRIEF_TEST_SQL: what it
 * read, its writes left out). */
static void floor_row(const char *db, const char *id)
{
	if (system("valgrind --version >/dev/null 2>&1") != 0) {
		printf("\n(valgrind is not installed: no instruction counts)\n");
		return;
	}
	char out[320], sql[320], env_db[400], env_sql[400], home[320], reads[320];
	snprintf(out, sizeof out, "%s/cg.start", dir);
	snprintf(sql, sizeof sql, "%s/first.sql", dir);
	snprintf(reads, sizeof reads, "%s/reads.sql", dir);
	snprintf(env_db, sizeof env_db, "DEBRIEF_DB=%s", db);
	snprintf(env_sql, sizeof env_sql, "DEBRIEF_TEST_SQL=%s", sql);
	snprintf(home, sizeof home, "HOME=%s", dir);
	char outarg[400];
	snprintf(outarg, sizeof outarg, "--callgrind-out-file=%s", out);
	char *env[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
		       "PATH=/usr/bin:/bin", home, env_db, env_sql, NULL};
	char *argv[] = {"valgrind", "--tool=callgrind", outarg, (char *)debrief, (char *)id, NULL};
	unlink(sql);
	struct vt *vt = vt_spawn(argv, env, 24, 80);
	if (!vt || !vt_wait_text(vt, "Regardless of what we discover", 60000)) {
		fprintf(stderr, "bench-startup: debrief under callgrind showed no first screen\n");
		if (vt)
			vt_free(vt);
		return;
	}
	int status;
	vt_key(vt, "q");
	vt_wait_exit(vt, 30000, &status);
	vt_free(vt);
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "awk '/^summary:/ { print $2 }' %s", out);
	char got[64];
	bench_last_line(cmd, got, sizeof got);
	double start = atof(got);
	snprintf(cmd, sizeof cmd, "grep -E '^(SELECT|PRAGMA|WITH)' %s > %s", sql, reads);
	bench_sh(cmd);
	snprintf(cmd, sizeof cmd, "%s --version", debrief);
	double version = instructions(cmd);
	snprintf(cmd, sizeof cmd, "sqlite3 %s < %s", db, reads);
	double shell = instructions(cmd);
	snprintf(cmd, sizeof cmd, "wc -l < %s", reads);
	char n_reads[32];
	bench_last_line(cmd, n_reads, sizeof n_reads);
	printf("\ninstructions (callgrind), the demo in its own file:\n");
	printf("  debrief DEMO to its first screen, then q:    %6.2f M\n", start / 1e6);
	printf("  floor: debrief --version %.2f M + sqlite3 shell running its %s reads %.2f M = %.2f M\n",
	       version / 1e6, n_reads, shell / 1e6, (version + shell) / 1e6);
	printf("  debrief / floor: %.2fx (target: within 1.5x)\n", start / (version + shell));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief [runs]\n", argv[0]);
		return 2;
	}
	debrief = argv[1];
	int runs = argc > 2 ? atoi(argv[2]) : 40;
	if (runs < 1)
		runs = 1;
	if (system("sqlite3 -version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "bench-startup: the sqlite3 shell is not installed (apt-get install sqlite3)\n");
		return 1;
	}
	snprintf(dir, sizeof dir, "/tmp/debrief-startup.XXXXXX");
	if (!mkdtemp(dir))
		return 1;

	char small[320], big[320], empty[320], cmd[1200];
	char small_id[64], big_demo_id[64], big_id[64], template_id[64];
	snprintf(small, sizeof small, "%s/small.db", dir);
	snprintf(big, sizeof big, "%s/big.db", dir);
	snprintf(empty, sizeof empty, "%s/empty.db", dir);

	/* (a) one small retrospective: the demo. */
	snprintf(cmd, sizeof cmd, "%s --db %s demo", debrief, small);
	bench_last_line(cmd, small_id, sizeof small_id);

	/* (b) debrief writes the schema, a retrospective and the demo; SQLite
	 * generates the rest. */
	double g0 = now_ms();
	snprintf(cmd, sizeof cmd, "%s --db %s new Template --date 2026-11-02", debrief, big);
	bench_last_line(cmd, template_id, sizeof template_id);
	snprintf(cmd, sizeof cmd, "%s --db %s demo", debrief, big);
	bench_last_line(cmd, big_demo_id, sizeof big_demo_id);
	generate(big, template_id, 2);
	/* One in the middle, in progress (i % 10 == 0): it opens on stage 1. */
	snprintf(cmd, sizeof cmd,
		 "sqlite3 %s \"SELECT id FROM retro WHERE title LIKE 'Generated incident %d:%%'\"",
		 big, RETROS / 2);
	bench_last_line(cmd, big_id, sizeof big_id);
	double gen_ms = now_ms() - g0;

	printf("debrief start-up benchmark: spawn to the first whole screen, 24x80, TERM=xterm-256color\n");
	printf("  empty db: as debrief makes it on its first start\n");
	printf("  demo db:  %lld retrospective, %lld events, %lld notes, %lld KiB\n",
	       count(small, "SELECT count(*) FROM retro"), count(small, "SELECT count(*) FROM event"),
	       count(small, "SELECT count(*) FROM note"), file_kib(small));
	printf("  big db:   %lld retrospectives, %lld events, %lld notes, %lld actions, %lld KiB (made in %.0f ms)\n",
	       count(big, "SELECT count(*) FROM retro"), count(big, "SELECT count(*) FROM event"),
	       count(big, "SELECT count(*) FROM note"), count(big, "SELECT count(*) FROM action"),
	       file_kib(big), gen_ms);
	snprintf(cmd, sizeof cmd, "SELECT count(*) FROM event WHERE retro_id='%s'", big_id);
	printf("  opened: the demo (%lld events) in the demo db and in the big db; in the big db also one of %d events (%lld)\n",
	       count(small, "SELECT count(*) FROM event"), EVENTS, count(big, cmd));
	printf("  %d runs each after one warm-up, the two of a row taken in turns; times in ms\n\n", runs);

	char env_small[400], env_big[400], env_empty[400], home[320];
	snprintf(env_empty, sizeof env_empty, "DEBRIEF_DB=%s", empty);
	snprintf(env_small, sizeof env_small, "DEBRIEF_DB=%s", small);
	snprintf(env_big, sizeof env_big, "DEBRIEF_DB=%s", big);
	snprintf(home, sizeof home, "HOME=%s", dir);
	char *envs[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
			"PATH=/usr/bin:/bin", "DEBRIEF_TEST_FRAMES=1", home, env_small, NULL};
	char *envb[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
			"PATH=/usr/bin:/bin", "DEBRIEF_TEST_FRAMES=1", home, env_big, NULL};
	char *enve[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
			"PATH=/usr/bin:/bin", "DEBRIEF_TEST_FRAMES=1", home, env_empty, NULL};

	const char *prime = "Regardless of what we discover";
	const char *list = "debrief \xc2\xb7 retrospectives";
	char *open_small[] = {(char *)debrief, small_id, NULL};
	char *open_big[] = {(char *)debrief, big_id, NULL};
	char *open_big_demo[] = {(char *)debrief, big_demo_id, NULL};
	char *list_argv[] = {(char *)debrief, NULL};
	char *count_small[] = {"sqlite3", small, "SELECT count(*) FROM event", NULL};
	char *count_big[] = {"sqlite3", big, "SELECT count(*) FROM event", NULL};
	char *count_empty[] = {"sqlite3", empty, "SELECT count(*) FROM event", NULL};

	/* The empty database is made by debrief's first start on it (the
	 * warm-up run), as a user's would be. */
	struct stats le, lb, rs, rd, rs2, rb;
	time_pair((struct start){list_argv, enve, "No retrospectives yet"},
		  (struct start){list_argv, envb, list}, runs, &le, &lb);
	time_pair((struct start){open_small, envs, prime}, (struct start){open_big_demo, envb, prime},
		  runs, &rs, &rd);
	time_pair((struct start){open_small, envs, prime}, (struct start){open_big, envb, prime},
		  runs, &rs2, &rb);
	struct stats ce = time_command(count_empty, runs);
	struct stats cs = time_command(count_small, runs);
	struct stats cb = time_command(count_big, runs);

	printf("%-40s %17s %18s %9s\n", "", "empty/own db", "big db", "big/other");
	printf("%-40s %8s %8s %9s %8s %9s\n", "", "median", "p90", "median", "p90", "(median)");
	row("debrief -> first frame (the list)", le, lb);
	row("debrief DEMO -> first frame", rs, rd);
	row("  (big db: a retro of 100 events)", rs2, rb);
	row("peer: sqlite3 count(*), empty db", ce, cb);
	row("peer: sqlite3 count(*), demo db", cs, cb);
	printf("\n(target: debrief within 1.1x big/other; the peer rows are the raw cost of the bigger file)\n");
	floor_row(small, small_id);

	if (getenv("DEBRIEF_BENCH_KEEP")) { /* to look into the files afterwards */
		printf("(kept %s)\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
