/* Shared by the benchmarks: a monotonic clock, sorting timings, and the
 * text they type. */
#ifndef DEBRIEF_BENCH_H
#define DEBRIEF_BENCH_H

#include <stddef.h>
#include <string.h>
#include <time.h>

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
 * all of it arrived. */
static inline void make_text(char *buf, size_t n)
{
	static const char words[] =
		"the alert fired eleven minutes after impact began but at low urgency so "
		"nobody was paged until support escalated the tickets and the on-call sre ";
	static const char end[] = " (end of note)";
	for (size_t i = 0; i < n; i++)
		buf[i] = words[i % (sizeof words - 1)];
	if (n >= 2 * (sizeof end - 1))
		memcpy(buf + n - (sizeof end - 1), end, sizeof end - 1);
	buf[n] = '\0';
}

#endif
