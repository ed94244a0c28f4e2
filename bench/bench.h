/* Shared by the benchmarks: a monotonic clock, sorting timings, the text
 * they type, running their set-up's commands, and a process's CPU time. */
#ifndef DEBRIEF_BENCH_H
#define DEBRIEF_BENCH_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* For qsort of doubles, smallest first. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Ordinary meeting prose, n characters and a NUL. It ends with words found
 * nowhere else in it, so that seeing its last characters on a screen means
 * all of it arrived. Each sentence carries its own number, so that no two
 * wrapped rows read the same, as in prose (a text repeating every two rows
 * hides a scroll from the terminal's line matching). */
static inline void make_text(char *buf, size_t n)
{
	static const char end[] = " (end of note)";
	size_t at = 0;
	for (int k = 1; at < n; k++) {
		char s[200];
		int len = snprintf(s, sizeof s,
				   "the alert fired %d minutes after impact began but at low urgency "
				   "so nobody was paged until support escalated the tickets and the "
				   "on-call sre ",
				   k + 10);
		for (int i = 0; i < len && at < n; i++)
			buf[at++] = s[i];
	}
	if (n >= 2 * (sizeof end - 1))
		memcpy(buf + n - (sizeof end - 1), end, sizeof end - 1);
	buf[n] = '\0';
}

/* Runs a shell command; exits on failure (a benchmark's set-up must work). */
static inline void bench_sh(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "bench: failed: %s\n", cmd);
		exit(1);
	}
}

/* The last line a shell command prints, without its newline; exits when
 * the command fails or prints nothing. */
static inline void bench_last_line(const char *cmd, char *out, size_t n)
{
	FILE *p = popen(cmd, "r");
	char line[512];
	out[0] = '\0';
	if (!p) {
		fprintf(stderr, "bench: cannot run: %s\n", cmd);
		exit(1);
	}
	while (fgets(line, sizeof line, p)) {
		size_t len = strcspn(line, "\n");
		if (len >= n)
			len = n - 1;
		memcpy(out, line, len);
		out[len] = '\0';
	}
	if (pclose(p) != 0 || !out[0]) {
		fprintf(stderr, "bench: failed: %s\n", cmd);
		exit(1);
	}
}

/* A process's CPU time in seconds: its time on a CPU in nanoseconds from
 * /proc/PID/schedstat where the kernel keeps it (a viewer's share of one
 * note is well under the 10 ms clock tick), else user+system from
 * /proc/PID/stat in clock ticks; negative when it is gone. */
static inline double bench_cpu_s(long pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/schedstat", pid);
	FILE *f = fopen(path, "r");
	unsigned long long ns;
	if (f) {
		int got = fscanf(f, "%llu", &ns);
		fclose(f);
		if (got == 1)
			return (double)ns / 1e9;
	}
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* After the name, in parentheses: state, then ten numbers, then utime
	 * and stime (fields 14 and 15). */
	char *p = strrchr(buf, ')');
	unsigned long user = 0, sys = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &user,
			 &sys) != 2)
		return -1;
	return (double)(user + sys) / (double)sysconf(_SC_CLK_TCK);
}

#endif
