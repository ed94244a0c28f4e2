/* Benchmark (not a test): typing and pasting into debrief's notes pane,
 * side by side with GNU nano in the same run. Reports terminal bytes per
 * key and, under callgrind, instructions per key. Never fails on timing.
 *
 * usage: bench-typing path/to/debrief [keys]
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "vt.h"

#define T 20000

static char dir[256], db[320], home[320], file[320], cgdir[320];
static const char *debrief;
static bool have_valgrind;
static char id[64];

static char *env[] = {
	"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
	"PATH=/usr/bin:/bin", NULL, NULL, NULL, NULL,
};


struct result {
	size_t bytes;
	long long written; /* bytes the program wrote to files while typed to */
	unsigned long long instr;
	double cpu;
	int missed; /* keys whose echo was not seen in time */
};

static unsigned long long callgrind_total(const char *pattern_dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
		 "cat %s/cg.out.* 2>/dev/null | awk '/^summary:/ {s+=$2} END {print s+0}'", pattern_dir);
	FILE *p = popen(cmd, "r");
	unsigned long long v = 0;
	if (p) {
		if (fscanf(p, "%llu", &v) != 1)
			v = 0;
		pclose(p);
	}
	/* DEBRIEF_BENCH_KEEP=DIR: each profile is kept there, to look into. */
	const char *keep = getenv("DEBRIEF_BENCH_KEEP");
	if (keep && *keep)
		snprintf(cmd, sizeof cmd, "mv %s/cg.out.* %s/ 2>/dev/null", pattern_dir, keep);
	else
		snprintf(cmd, sizeof cmd, "rm -f %s/cg.out.*", pattern_dir);
	if (system(cmd) != 0 && !(keep && *keep))
		fprintf(stderr, "cannot clean %s\n", pattern_dir);
	return v;
}

static double children_cpu(void)
{
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Waits until the key's effect shows: the cursor moved or its row changed. */
static bool wait_echo(struct vt *vt, int row, int col, const char *line)
{
	for (int tries = 0; tries < 2000; tries++) {
		int r, c;
		vt_cursor(vt, &r, &c);
		char *now = vt_row_text(vt, row);
		bool changed = r != row || c != col || strcmp(now, line) != 0;
		free(now);
		if (changed && vt_at_frame_end(vt))
			return true;
		if (vt_pump(vt, 50) < 0)
			return false;
	}
	return false;
}

/* What a process has written with write(2) and its kin, to files and to
 * its terminal alike (/proc/PID/io's wchar); -1 when unknown. */
static long long written_chars(long pid)
{
	char path[64], line[128];
	long long v = -1;
	snprintf(path, sizeof path, "/proc/%ld/io", pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "wchar: %lld", &v) == 1)
			break;
	if (f)
		fclose(f);
	return v;
}

/* Prose typed as short notes: Enter (a note saved; in nano, a new line)
 * after every 39 characters. */
static void note_text(char *buf, size_t n)
{
	make_text(buf, n);
	for (size_t i = 39; i < n; i += 40)
		buf[i] = '\r';
}

enum prog { DEBRIEF, NANO };

/* A fresh retrospective for each run, so no draft carries over. */
static void new_retro(void)
{
	char cmd[800];
	snprintf(cmd, sizeof cmd, "%s --db %s/bench.db new 'Bench' | tail -n 1", debrief, dir);
	FILE *pp = popen(cmd, "r");
	if (!pp || !fgets(id, sizeof id, pp))
		exit(1);
	pclose(pp);
	id[strcspn(id, "\n")] = '\0';
}

static struct vt *start(enum prog p, bool grind)
{
	if (p == DEBRIEF)
		new_retro();
	char *argv[16];
	int n = 0;
	char out[400];
	if (grind) {
		argv[n++] = "valgrind";
		argv[n++] = "--tool=callgrind";
		argv[n++] = "--quiet";
		snprintf(out, sizeof out, "--callgrind-out-file=%s/cg.out.%%p", cgdir);
		argv[n++] = out;
	}
	if (p == DEBRIEF) {
		argv[n++] = (char *)debrief;
		argv[n++] = id;
	} else {
		argv[n++] = "nano";
		argv[n++] = "--ignorercfiles";
		argv[n++] = file;
	}
	argv[n] = NULL;
	struct vt *vt = vt_spawn(argv, env, 24, 80);
	if (!vt)
		return NULL;
	if (!vt_wait_text(vt, p == DEBRIEF ? "Regardless" : "GNU nano", T * 3)) {
		vt_free(vt);
		return NULL;
	}
	if (p == DEBRIEF) {
		vt_key(vt, "Tab");
		vt_wait_text(vt, "Type a note", T);
	}
	return vt;
}

/* nano asks whether to save only when something was typed. */
static void stop(enum prog p, struct vt *vt, bool typed)
{
	int status;
	if (p == DEBRIEF) {
		vt_key(vt, "Esc");
		vt_wait_text(vt, "Tab notes", T);
		vt_key(vt, "q");
	} else {
		vt_key(vt, "C-x");
		if (typed) {
			vt_wait_text(vt, "Save modified", T);
			vt_type(vt, "n");
		}
	}
	vt_wait_exit(vt, T * 3, &status);
	vt_free(vt);
}

/* One run: typed key by key, or pasted at once; nkeys 0 measures start-up
 * and quitting alone. */
static struct result run(enum prog p, bool grind, const char *text, bool paste)
{
	struct result r = {0};
	double cpu0 = children_cpu();
	unlink(file);
	struct vt *vt = start(p, grind);
	if (!vt) {
		fprintf(stderr, "could not start %s\n", p == DEBRIEF ? "debrief" : "nano");
		exit(1);
	}
	vt_reset_bytes(vt);
	long long w0 = written_chars(vt_pid(vt));
	size_t n = strlen(text);
	if (paste && n) {
		vt_send(vt, text, n);
		/* Settled when the last characters are on screen. */
		char tail[12];
		size_t k = n < 10 ? n : 10;
		memcpy(tail, text + n - k, k);
		tail[k] = '\0';
		vt_wait_text(vt, tail, T * 3);
	} else {
		for (size_t i = 0; i < n; i++) {
			int row, col;
			vt_cursor(vt, &row, &col);
			char *line = vt_row_text(vt, row);
			vt_send(vt, text + i, 1);
			if (!wait_echo(vt, row, col, line))
				r.missed++;
			free(line);
		}
	}
	r.bytes = vt_bytes(vt);
	long long w1 = written_chars(vt_pid(vt));
	/* (What went to the terminal is not what went to the disk.) */
	r.written = w0 >= 0 && w1 >= 0 ? w1 - w0 - (long long)r.bytes : -1;
	stop(p, vt, n > 0);
	r.cpu = children_cpu() - cpu0;
	if (grind)
		r.instr = callgrind_total(cgdir);
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief [keys]\n", argv[0]);
		return 2;
	}
	debrief = argv[1];
	size_t keys = argc > 2 ? (size_t)atoi(argv[2]) : 2000;
	snprintf(dir, sizeof dir, "/tmp/debrief-bench.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "DEBRIEF_DB=%s/bench.db", dir);
	snprintf(home, sizeof home, "HOME=%s", dir);
	snprintf(file, sizeof file, "%s/nano.txt", dir);
	snprintf(cgdir, sizeof cgdir, "%s", dir);
	env[5] = db;
	env[6] = home;
	have_valgrind = system("valgrind --version >/dev/null 2>&1") == 0;
	if (system("nano --version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "GNU nano is not installed (apt-get install nano)\n");
		return 1;
	}

	char cmd[800];

	char *text = malloc(keys + 1);
	make_text(text, keys);

	printf("debrief typing benchmark: %zu keys into the notes pane vs GNU nano, 80x24, TERM=xterm-256color\n\n", keys);
	/* DEBRIEF_BENCH_NOTES=1: only the instructions at note length (and
	 * start-up's, subtracted), to look into one change quickly. */
	const char *notes_only = getenv("DEBRIEF_BENCH_NOTES");
	if (notes_only && *notes_only && have_valgrind) {
		char *quick = malloc(keys + 1);
		note_text(quick, keys);
		/* (First a run as the whole benchmark has before its own: the
		 * file made, its indexes built, not counted in either.) */
		run(DEBRIEF, false, quick, false);
		struct result q0 = run(DEBRIEF, true, "", false), qd = run(DEBRIEF, true, quick, false);
		struct result n0 = run(NANO, true, "", false), qn = run(NANO, true, quick, false);
		printf("%-34s %14.0f %14.0f\n", "instructions per key, note length",
		       (double)(qd.instr - q0.instr) / keys, (double)(qn.instr - n0.instr) / keys);
		printf("%-34s %14.1f %14.1f\n", "terminal bytes per key, note length",
		       (double)qd.bytes / keys, (double)qn.bytes / keys);
		free(quick);
		free(text);
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		return system(cmd) != 0;
	}
	struct result d0 = run(DEBRIEF, false, "", false), n0 = run(NANO, false, "", false);
	struct result d = run(DEBRIEF, false, text, false);
	struct result nn = run(NANO, false, text, false);
	struct result dp = run(DEBRIEF, false, text, true);
	struct result np = run(NANO, false, text, true);
	printf("%-34s %14s %14s\n", "", "debrief", "nano");
	printf("%-34s %14.1f %14.1f\n", "terminal bytes per key (typing)", (double)d.bytes / keys,
	       (double)nn.bytes / keys);
	printf("%-34s %14.1f %14.1f\n", "bytes written to files per key", (double)d.written / keys,
	       (double)nn.written / keys);
	printf("%-34s %14.4f %14.4f\n", "CPU ms per key (typing)", 1000 * (d.cpu - d0.cpu) / keys,
	       1000 * (nn.cpu - n0.cpu) / keys);
	printf("%-34s %14zu %14zu\n", "terminal bytes, paste all at once", dp.bytes, np.bytes);
	printf("%-34s %14.4f %14.4f\n", "CPU ms per key, pasted", 1000 * (dp.cpu - d0.cpu) / keys,
	       1000 * (np.cpu - n0.cpu) / keys);
	/* Short notes, as a scribe takes them: Enter every 40 keys. */
	char *notes = malloc(keys + 1);
	note_text(notes, keys);
	struct result dn = run(DEBRIEF, false, notes, false), nnn = run(NANO, false, notes, false);
	printf("at note length (Enter every 40):\n");
	printf("%-34s %14.1f %14.1f\n", "  terminal bytes per key", (double)dn.bytes / keys,
	       (double)nnn.bytes / keys);
	printf("%-34s %14.1f %14.1f\n", "  bytes written to files per key", (double)dn.written / keys,
	       (double)nnn.written / keys);
	printf("%-34s %14.4f %14.4f\n", "  CPU ms per key", 1000 * (dn.cpu - d0.cpu) / keys,
	       1000 * (nnn.cpu - n0.cpu) / keys);
	if (d.missed || nn.missed || dn.missed || nnn.missed)
		printf("(keys whose echo was not seen in time: debrief %d, nano %d; at note length %d, %d)\n",
		       d.missed, nn.missed, dn.missed, nnn.missed);
	if (have_valgrind) {
		size_t gk = keys < 500 ? keys : 500;
		text[gk] = '\0';
		d0 = run(DEBRIEF, true, "", false);
		struct result dk = run(DEBRIEF, true, text, false);
		n0 = run(NANO, true, "", false);
		struct result nk = run(NANO, true, text, false);
		struct result dpk = run(DEBRIEF, true, text, true), npk = run(NANO, true, text, true);
		printf("%-34s %14.0f %14.0f\n", "instructions per key (callgrind)",
		       (double)(dk.instr - d0.instr) / gk, (double)(nk.instr - n0.instr) / gk);
		printf("%-34s %14.0f %14.0f\n", "instructions per key, pasted",
		       (double)(dpk.instr - d0.instr) / gk, (double)(npk.instr - n0.instr) / gk);
		notes[gk] = '\0';
		struct result dnk = run(DEBRIEF, true, notes, false), nnk = run(NANO, true, notes, false);
		printf("%-34s %14.0f %14.0f\n", "instructions per key, note length",
		       (double)(dnk.instr - d0.instr) / gk, (double)(nnk.instr - n0.instr) / gk);
		printf("(callgrind over %zu keys, start-up and quit subtracted)\n", gk);
	} else {
		printf("(valgrind not installed: no instruction counts)\n");
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	free(text);
	free(notes);
	return 0;
}
