/* Shared by the fuzz targets: invariant checks that abort, so libFuzzer
 * reports the input. */
#ifndef DEBRIEF_FUZZ_COMMON_H
#define DEBRIEF_FUZZ_COMMON_H

#include <stdbool.h>
#include <stdlib.h>

#include "debrief/text.h"

#include <stdio.h>

/* check(cond): says which check broke, then aborts. */
static inline void check_at(bool cond, const char *file, int line)
{
	if (cond)
		return;
	fprintf(stderr, "fuzz: check failed at %s:%d\n", file, line);
	abort();
}
#define check(cond) check_at((cond), __FILE__, __LINE__)

/* Valid UTF-8 without C0 (any, '\n' included), DEL or C1 code points. */
static inline bool printable_text(const char *s, size_t n)
{
	if (!utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return false;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return false;
		i += k;
	}
	return true;
}

#endif
