/* Benchmark (not a test): one huge retrospective, the demo grown to 50,000
 * events and 20,000 notes (an imported log and its notes). On it, the
 * facilitator's terminal (a pty, 24x100):
 *
 *  - opening it to the first whole screen: wall time (median), instructions
 *    (callgrind), peak memory (VmHWM), beside the sqlite3 shell reading the
 *    same rows (the retrospective's events, notes, questions and action
 *    items) and the file's size;
 *  - on the timeline, G (to the last event), Enter on that event (its form)
 *    and going to the Close stage: from the key to the whole screen that
 *    shows it (median) and its instructions, beside the shell reading what
 *    that screen shows (its statements' time by .timer, warm; their
 *    instructions: the shell's less those of one that only reads the
 *    schema).
 *
 *  - two notes typed on the timeline and saved (Enter): each one's
 *    instructions (the first gives the list of notes room to grow).
 *
 * Instructions come from one run under callgrind, dumped after each step
 * (callgrind_control -d): a step's count is what ran between two dumps,
 * the clock's once-a-second redraw included when it fell there.
 * Never fails on timing.
 *
 * usage: bench-huge path/to/debrief [runs] [events] [notes]
 * (default: 10 50000 20000)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "big.h"
#include "vt.h"

/* The notes pane, focused and empty; a note typed into it. */
#define NOTE_EMPTY "Type a note"
#define NOTE_TEXT "a note on the long timeline"

#define ROWS 24
#define COLS 100
#define T 20000
#define GRIND_T 600000 /* under valgrind everything is some 50 times slower */

extern char **environ;

static const char *debrief;
static char dir[256], db[320], id[64], home[400], e_db[400];
static char *env[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
		      "PATH=/usr/bin:/bin", "DEBRIEF_TEST_FRAMES=1", home, e_db, NULL};

/* What each screen is known by. */
static const char *const PRIME = "Regardless of what we discover";
static const char *const TIMELINE = "WHAT HAPPENED";
static const char *const FIRST = "Trigger: payments-api";
static const char *const LAST = "Resolution: v2.31.1";
static const char *const FORM = "Edit event";
static const char *const CLOSE = "Summary preview";

enum step { OPEN, G, ENTER, CLOSE_FIRST, CLOSE_AGAIN, STEPS };
static const char *const step_name[STEPS] = {
	"open to the first whole screen", "G: to the last event", "Enter: the event's form",
	"5: Close stage, first time", "5: Close stage, again"};

static double median(double *v, int n)
{
	if (n == 0)
		return -1;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct vt *start(bool grind)
{
	char out[400];
	char *argv[12];
	int k = 0;
	if (grind) {
		snprintf(out, sizeof out, "--callgrind-out-file=%s/cg.debrief", dir);
		argv[k++] = "valgrind";
		argv[k++] = "--tool=callgrind";
		argv[k++] = "--quiet";
		argv[k++] = out;
	}
	argv[k++] = (char *)debrief;
	argv[k++] = "--db";
	argv[k++] = db;
	argv[k++] = id;
	argv[k] = NULL;
	struct vt *vt = vt_spawn(argv, env, ROWS, COLS);
	if (!vt) {
		fprintf(stderr, "bench-huge: cannot start %s\n", debrief);
		exit(1);
	}
	vt_expect_frames(vt);
	return vt;
}

/* Back to the Prime Directive, so the next start opens there, and quit. */
static void quit(struct vt *vt, int timeout)
{
	int status;
	vt_key(vt, "1");
	vt_wait_text(vt, PRIME, timeout);
	vt_key(vt, "q");
	if (!vt_wait_exit(vt, timeout, &status))
		fprintf(stderr, "bench-huge: debrief did not quit on q\n");
	vt_free(vt);
}

/* From a key to the whole screen that shows needle, in ms; -1 if never. */
static double key_to(struct vt *vt, const char *key, const char *needle, int timeout)
{
	double t0 = now_ms();
	vt_key(vt, key);
	return vt_wait_text(vt, needle, timeout) ? now_ms() - t0 : -1;
}

/* Runs a command to its end, output to /dev/null (or to `out`): wall ms,
 * and its peak resident memory in kB. */
static double run_cmd(char *const argv[], const char *out, long *maxrss_kb)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	double t0 = now_ms();
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		fprintf(stderr, "bench-huge: cannot start %s\n", argv[0]);
		exit(1);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench-huge: %s failed\n", argv[0]);
		exit(1);
	}
	double t = now_ms() - t0;
	posix_spawn_file_actions_destroy(&fa);
	if (maxrss_kb)
		*maxrss_kb = ru.ru_maxrss;
	return t;
}

/* The instructions a callgrind output file counted (its summary line). */
static double instructions(const char *path)
{
	FILE *f = fopen(path, "r");
	double v = -1;
	char line[256];
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "summary: %lf", &v) == 1 || sscanf(line, "totals: %lf", &v) == 1)
			break;
	fclose(f);
	if (!getenv("DEBRIEF_BENCH_KEEP"))
		unlink(path);
	return v;
}

/* The shell running sql on the file under callgrind: its instructions. */
static double shell_instructions(const char *sql)
{
	char out[440], path[400];
	snprintf(path, sizeof path, "%s/cg.shell", dir);
	snprintf(out, sizeof out, "--callgrind-out-file=%s", path);
	char *argv[] = {"valgrind", "--tool=callgrind", "--quiet", out, "sqlite3", db, (char *)sql,
			NULL};
	run_cmd(argv, NULL, NULL);
	return instructions(path);
}

/* The shell's own time for sql, in ms: .timer's real seconds of each
 * statement, summed over REPEAT runs of sql in one shell (its cache warm,
 * as the program's is; .timer counts whole milliseconds) and divided; the
 * median of `runs` shells. */
#define REPEAT 100
static double shell_statement_ms(const char *sql, int runs)
{
	char script[400], out[400];
	snprintf(script, sizeof script, "%s/timed.sql", dir);
	snprintf(out, sizeof out, "%s/timed.out", dir);
	FILE *f = fopen(script, "w");
	if (!f)
		exit(1);
	fprintf(f, "%s\n.timer on\n", sql); /* the schema is read first, not timed */
	for (int i = 0; i < REPEAT; i++)
		fprintf(f, "%s\n", sql);
	fclose(f);
	double *v = calloc((size_t)runs, sizeof *v);
	char init[420];
	snprintf(init, sizeof init, ".read %s", script);
	char *argv[] = {"sqlite3", db, init, NULL};
	for (int i = 0; i < runs; i++) {
		run_cmd(argv, out, NULL);
		FILE *o = fopen(out, "r");
		char line[4096];
		double real, sum = 0;
		while (o && fgets(line, sizeof line, o))
			if (sscanf(line, "Run Time: real %lf", &real) == 1)
				sum += real;
		if (o)
			fclose(o);
		v[i] = 1000 * sum / REPEAT;
	}
	double m = median(v, runs);
	free(v);
	return m;
}

struct figures {
	double ms[STEPS], instr[STEPS];
	long hwm_open_kb, hwm_kb;
	double peer_ms[STEPS], peer_instr[STEPS];
	long peer_kb;
	double note_instr[2]; /* the first and second note saved here (Enter) */
};

/* Opening, timed in turns with the shell reading the same rows; then the
 * Close stage, the first time in that terminal. */
static void time_open(int runs, const char *rows_sql, struct figures *fg)
{
	double *a = calloc((size_t)runs, sizeof *a), *b = calloc((size_t)runs, sizeof *b);
	double *c = calloc((size_t)runs, sizeof *c);
	long *hwm = calloc((size_t)runs, sizeof *hwm);
	int na = 0, nc = 0;
	char *shell[] = {"sqlite3", db, (char *)rows_sql, NULL};
	for (int i = -1; i < runs; i++) {
		double t0 = now_ms();
		struct vt *vt = start(false);
		bool seen = vt_wait_text(vt, PRIME, T);
		double t = now_ms() - t0;
		long kb = big_status_kb(vt_pid(vt), "VmHWM");
		double close = seen ? key_to(vt, "5", CLOSE, T) : -1;
		quit(vt, T);
		long rss;
		double s = run_cmd(shell, NULL, &rss);
		if (i < 0)
			continue;
		if (seen) {
			a[na] = t;
			hwm[na++] = kb;
		}
		if (close >= 0)
			c[nc++] = close;
		b[i] = s;
		if (rss > fg->peer_kb)
			fg->peer_kb = rss;
	}
	fg->ms[OPEN] = median(a, na);
	fg->ms[CLOSE_FIRST] = median(c, nc);
	fg->peer_ms[OPEN] = median(b, runs);
	for (int i = 0; i < na; i++)
		if (hwm[i] > fg->hwm_open_kb)
			fg->hwm_open_kb = hwm[i];
	if (na < runs)
		fprintf(stderr, "bench-huge: the first screen showed in %d of %d opens\n", na, runs);
	free(a);
	free(b);
	free(c);
	free(hwm);
}

/* G, Enter and the Close stage, each `runs` times in one session (the
 * Close stage is timed from its second time on). */
static void time_keys(int runs, struct figures *fg)
{
	double *v[STEPS];
	int n[STEPS] = {0};
	for (int s = 0; s < STEPS; s++)
		v[s] = calloc((size_t)runs, sizeof *v[s]);
	struct vt *vt = start(false);
	bool ok = vt_wait_text(vt, PRIME, T) && key_to(vt, "2", TIMELINE, T) >= 0;
	for (int i = 0; ok && i < runs; i++) {
		double t;
		ok = key_to(vt, "g", FIRST, T) >= 0;
		if (ok && (t = key_to(vt, "G", LAST, T)) >= 0)
			v[G][n[G]++] = t;
		if (ok && (t = key_to(vt, "Enter", FORM, T)) >= 0)
			v[ENTER][n[ENTER]++] = t;
		vt_key(vt, "Esc");
		ok = ok && vt_wait_gone(vt, FORM, T);
		if (ok && (t = key_to(vt, "5", CLOSE, T)) >= 0 && i > 0)
			v[CLOSE_AGAIN][n[CLOSE_AGAIN]++] = t;
		ok = ok && key_to(vt, "2", TIMELINE, T) >= 0;
	}
	if (!ok)
		fprintf(stderr, "bench-huge: a screen did not show (see above)\n");
	fg->hwm_kb = big_status_kb(vt_pid(vt), "VmHWM");
	quit(vt, T);
	for (int s = G; s < STEPS; s++) {
		if (s == CLOSE_FIRST)
			continue;
		fg->ms[s] = median(v[s], n[s]);
		if (n[s] < (s == CLOSE_AGAIN ? runs - 1 : runs))
			fprintf(stderr, "bench-huge: %s showed %d times of %d\n", step_name[s], n[s], runs);
	}
	for (int s = 0; s < STEPS; s++)
		free(v[s]);
}

/* Asks callgrind to write what it counted since the last dump, and reads
 * it once written (the program runs it at its next wake-up, a second at
 * most: its clock). */
static double dump(long pid, int k)
{
	char cmd[200], path[400];
	snprintf(cmd, sizeof cmd, "callgrind_control -d %ld > /dev/null 2>&1", pid);
	if (system(cmd) != 0)
		fprintf(stderr, "bench-huge: callgrind_control -d failed\n");
	snprintf(path, sizeof path, "%s/cg.debrief.%d", dir, k);
	for (int i = 0; i < 600 && access(path, R_OK) != 0; i++)
		usleep(100000);
	usleep(200000); /* written whole */
	return instructions(path);
}

/* One session under callgrind, each step's instructions. */
static void grind(struct figures *fg)
{
	struct vt *vt = start(true);
	long pid = vt_pid(vt);
	int k = 0;
	if (!vt_wait_text(vt, PRIME, GRIND_T))
		goto out;
	fg->instr[OPEN] = dump(pid, ++k);
	if (key_to(vt, "2", TIMELINE, GRIND_T) < 0 ||
	    key_to(vt, "g", FIRST, GRIND_T) < 0)
		goto out;
	dump(pid, ++k);
	if (key_to(vt, "G", LAST, GRIND_T) < 0)
		goto out;
	fg->instr[G] = dump(pid, ++k);
	if (key_to(vt, "Enter", FORM, GRIND_T) < 0)
		goto out;
	fg->instr[ENTER] = dump(pid, ++k);
	vt_key(vt, "Esc");
	if (!vt_wait_gone(vt, FORM, GRIND_T))
		goto out;
	dump(pid, ++k);
	if (key_to(vt, "5", CLOSE, GRIND_T) < 0)
		goto out;
	fg->instr[CLOSE_FIRST] = dump(pid, ++k);
	if (key_to(vt, "2", TIMELINE, GRIND_T) < 0)
		goto out;
	dump(pid, ++k);
	if (key_to(vt, "5", CLOSE, GRIND_T) < 0)
		goto out;
	fg->instr[CLOSE_AGAIN] = dump(pid, ++k);
	/* A note typed here and saved (Enter), on the timeline: what taking
	 * in its own note costs the scribe's terminal on a long list. */
	if (key_to(vt, "2", TIMELINE, GRIND_T) < 0 || key_to(vt, "Tab", NOTE_EMPTY, GRIND_T) < 0)
		goto out;
	for (int i = 0; i < 2; i++) {
		char text[64], saved[80];
		snprintf(text, sizeof text, "%s %d", NOTE_TEXT, i + 1);
		snprintf(saved, sizeof saved, "Alex  %s", text); /* in the list, signed */
		vt_type(vt, text);
		if (!vt_wait_text(vt, text, GRIND_T))
			goto out;
		dump(pid, ++k);
		if (key_to(vt, "Enter", saved, GRIND_T) < 0)
			goto out;
		fg->note_instr[i] = dump(pid, ++k);
	}
	vt_key(vt, "Esc");
out:
	quit(vt, GRIND_T);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -f %s/cg.debrief*", dir);
	if (!getenv("DEBRIEF_BENCH_KEEP")) /* (each step's dump, to read) */
		bench_sh(cmd);
}

static void fmt_ms(char *out, size_t n, double v)
{
	if (v < 0)
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%.2f ms", v);
}

static void fmt_instr(char *out, size_t n, double v)
{
	if (v < 0)
		snprintf(out, n, "-");
	else if (v >= 1e6)
		snprintf(out, n, "%.1f M", v / 1e6);
	else
		snprintf(out, n, "%.0f k", v / 1e3);
}

static void ratio(char *out, size_t n, double a, double b)
{
	if (a > 0 && b > 0)
		snprintf(out, n, "%.2fx", a / b);
	else
		snprintf(out, n, "-");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief [runs] [events] [notes]\n", argv[0]);
		return 2;
	}
	debrief = argv[1];
	int runs = argc > 2 ? atoi(argv[2]) : 10;
	int events = argc > 3 ? atoi(argv[3]) : 50000;
	int notes = argc > 4 ? atoi(argv[4]) : 20000;
	if (runs < 1)
		runs = 1;
	if (system("sqlite3 -version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "bench-huge: the sqlite3 shell is not installed\n");
		return 1;
	}
	bool have_valgrind = system("valgrind --version >/dev/null 2>&1") == 0 &&
			     system("callgrind_control -h >/dev/null 2>&1") == 0;
	snprintf(dir, sizeof dir, "/tmp/debrief-huge.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char cmd[800];
	/* The file in a folder of its own, HOME (drafts) in another. */
	snprintf(cmd, sizeof cmd, "mkdir '%s/data' '%s/home'", dir, dir);
	bench_sh(cmd);
	snprintf(db, sizeof db, "%s/data/huge.db", dir);
	snprintf(home, sizeof home, "HOME=%s/home", dir);
	snprintf(e_db, sizeof e_db, "DEBRIEF_DB=%s", db);
	double g0 = now_ms();
	big_make(debrief, db, events, notes, id, sizeof id);
	double made_ms = now_ms() - g0;
	long long bytes = big_file_bytes(db);

	/* What the shell reads: for the opening, the whole retrospective; for
	 * each key, what its screen shows. */
	char rows_sql[2000], last_sql[1000], event_sql[600], close_sql[1000];
	snprintf(rows_sql, sizeof rows_sql,
		 "SELECT * FROM retro WHERE id='%s';"
		 "SELECT id, at, offset_min, kind, mark, text, source, unknown_then, rev FROM event"
		 " WHERE retro_id='%s' ORDER BY at;"
		 "SELECT id, stage, event_id, question_id, action_id, role, body, created_at,"
		 " offset_min, rev FROM note WHERE retro_id='%s' ORDER BY created_at;"
		 "SELECT * FROM question WHERE retro_id='%s' ORDER BY position;"
		 "SELECT * FROM action WHERE retro_id='%s' ORDER BY created_at;",
		 id, id, id, id, id);
	snprintf(last_sql, sizeof last_sql,
		 "SELECT id, at, kind, mark, text FROM event WHERE retro_id='%s'"
		 " ORDER BY at DESC LIMIT 12;"
		 "SELECT n.role, n.body, n.created_at FROM note n WHERE n.event_id ="
		 " (SELECT id FROM event WHERE retro_id='%s' ORDER BY at DESC LIMIT 1)"
		 " ORDER BY n.created_at;",
		 id, id);
	snprintf(event_sql, sizeof event_sql,
		 "SELECT * FROM event WHERE id = (SELECT id FROM event WHERE retro_id='%s'"
		 " ORDER BY at DESC LIMIT 1);",
		 id);
	snprintf(close_sql, sizeof close_sql,
		 "SELECT title, facilitator, scribe, participants, summary, factors, lessons, links"
		 " FROM retro WHERE id='%s';"
		 "SELECT count(*) FROM event WHERE retro_id='%s';"
		 "SELECT count(*) FROM note WHERE retro_id='%s';"
		 "SELECT count(*), sum(owner IS NULL OR owner = '') FROM action WHERE retro_id='%s';",
		 id, id, id, id);

	struct figures fg;
	memset(&fg, 0, sizeof fg);
	for (int s = 0; s < STEPS; s++)
		fg.instr[s] = fg.peer_instr[s] = -1;
	time_open(runs, rows_sql, &fg);
	time_keys(runs, &fg);
	fg.peer_ms[G] = shell_statement_ms(last_sql, runs);
	fg.peer_ms[ENTER] = shell_statement_ms(event_sql, runs);
	fg.peer_ms[CLOSE_FIRST] = fg.peer_ms[CLOSE_AGAIN] = shell_statement_ms(close_sql, runs);
	if (have_valgrind) {
		grind(&fg);
		/* The shell's start with the schema read, no row. */
		double none = shell_instructions("SELECT 1 FROM retro WHERE 0;");
		fg.peer_instr[OPEN] = shell_instructions(rows_sql);
		fg.peer_instr[G] = shell_instructions(last_sql) - none;
		fg.peer_instr[ENTER] = shell_instructions(event_sql) - none;
		fg.peer_instr[CLOSE_FIRST] = fg.peer_instr[CLOSE_AGAIN] =
			shell_instructions(close_sql) - none;
	}

	printf("debrief huge-retrospective benchmark: the demo grown to %lld events and %lld notes, "
	       "%.1f MB (made in %.1f s)\n",
	       big_count(db, "SELECT count(*) FROM event"), big_count(db, "SELECT count(*) FROM note"),
	       (double)bytes / 1e6, made_ms / 1000);
	printf("  the facilitator's terminal, %dx%d; wall times: medians of %d (opening: after a "
	       "warm-up, in turns with the shell)\n",
	       COLS, ROWS, runs);
	printf("  peer: the sqlite3 shell; for the opening the whole process reading the "
	       "retrospective's rows,\n"
	       "  for a key its statements alone (.timer, warm), instructions less its start and "
	       "the schema\n\n");
	printf("%-32s %12s %12s %12s %12s %8s %8s\n", "", "debrief", "instr", "sqlite3", "instr",
	       "time", "instr");
	for (int s = 0; s < STEPS; s++) {
		char a[32], b[32], c[32], d[32], r1[16], r2[16];
		fmt_ms(a, sizeof a, fg.ms[s]);
		fmt_instr(b, sizeof b, fg.instr[s]);
		fmt_ms(c, sizeof c, fg.peer_ms[s]);
		fmt_instr(d, sizeof d, fg.peer_instr[s]);
		ratio(r1, sizeof r1, fg.ms[s], fg.peer_ms[s]);
		ratio(r2, sizeof r2, fg.instr[s], fg.peer_instr[s]);
		printf("%-32s %12s %12s %12s %12s %8s %8s\n", step_name[s], a, b, c, d, r1, r2);
	}
	printf("\npeak memory (VmHWM; the shell's maxrss)\n");
	printf("%-32s %12.1f MB %8.2fx the file\n", "debrief at the first screen",
	       fg.hwm_open_kb * 1.024e-3, fg.hwm_open_kb * 1024.0 / (double)bytes);
	printf("%-32s %12.1f MB %8.2fx the file\n", "debrief after G, Enter, Close",
	       fg.hwm_kb * 1.024e-3, fg.hwm_kb * 1024.0 / (double)bytes);
	printf("%-32s %12.1f MB %8.2fx the file\n", "sqlite3 shell, the same rows",
	       fg.peer_kb * 1.024e-3, fg.peer_kb * 1024.0 / (double)bytes);
	printf("%-32s %12.1f MB\n", "the file", (double)bytes / 1e6);
	if (have_valgrind)
		printf("\nnotes saved here (Enter), instructions: the first %.0f (it gives the list "
		       "room to grow), the second %.0f\n",
		       fg.note_instr[0], fg.note_instr[1]);
	else
		printf("(valgrind or callgrind_control not installed: no instruction counts)\n");
	printf("\n(target, issue 15: opening within 1.5x the shell in time and instructions, memory "
	       "under 2x the file)\n");
	if (getenv("DEBRIEF_BENCH_KEEP")) {
		printf("(kept %s)\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
