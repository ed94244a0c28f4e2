/* Typed characters put together from the bytes a terminal sends: a pure
 * function, no curses, so that every way the bytes can arrive is tested
 * without a terminal. */
#ifndef DEBRIEF_UTF8IN_H
#define DEBRIEF_UTF8IN_H

#include <stdbool.h>
#include <stddef.h>

/* The longest character, in bytes. */
#define UTF8IN_MAX 4

/* The first character of bytes[0..n): returns how many bytes it took and
 * sets *cp. Bytes that cannot be (part of) a character give U+FFFD, one for
 * each longest run that began a character and was cut short (Unicode's
 * "maximal subpart"): a stray continuation byte, an overlong form, a
 * surrogate, a code point past U+10FFFF, a sequence broken off by a byte
 * that does not continue it (that byte is not taken: it starts the next
 * character). NUL is the character 0.
 * Returns 0 ("need more") when the bytes so far are the beginning of a
 * character whose rest has not arrived, unless `complete` says no more will
 * come: then that beginning is one U+FFFD. Also 0 when n is 0. */
size_t utf8in_next(const char *bytes, size_t n, bool complete, unsigned *cp);

#endif
