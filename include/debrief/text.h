/* Bounded strings, growable buffers and UTF-8 hygiene. */
#ifndef DEBRIEF_TEXT_H
#define DEBRIEF_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable NUL-terminated byte buffer. A zeroed struct is an empty buffer.
 * Allocation failure aborts: nothing useful can continue without memory. */
struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_add(struct strbuf *b, const char *s, size_t n);
void sb_puts(struct strbuf *b, const char *s);
void sb_putc(struct strbuf *b, char c);
/* n copies of c. */
void sb_fill(struct strbuf *b, char c, size_t n);
void sb_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *b, const char *fmt, va_list ap);
void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);
/* Hands the buffer's string to the caller (never NULL) and empties it. */
char *sb_take(struct strbuf *b);
/* A C string for the buffer, "" when empty. */
const char *sb_str(const struct strbuf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Whether the line has exactly n words, split at blanks (spaces and tabs)
 * only, however long: if so, each copied into word[] (free each). */
#define TEXT_WORDS_MAX 8 /* n, at most */
bool text_words(const char *s, char *word[], int n);

/* A 64-bit hash of s[0..n) (FNV-1a): the same on every machine, for
 * fingerprints that are compared, never trusted. */
uint64_t text_hash(const char *s, size_t n);

/* Copies at most size-1 bytes and always terminates; never splits a UTF-8
 * sequence. Returns true when nothing was cut. */
bool str_copy(char *dst, size_t size, const char *src);

/* Formats into dst, cutting (on a UTF-8 boundary) what does not fit: for
 * messages, where a cut is fine and a warning about it is noise. */
void str_format(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..n), or
 * n when it is all valid. Overlongs, surrogates and code points past U+10FFFF
 * count as invalid; so does NUL. */
size_t utf8_invalid_at(const char *s, size_t n);
bool utf8_valid(const char *s, size_t n);
/* Decodes one code point; returns its length (>= 1), or 0 at an invalid
 * sequence. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
void utf8_encode(struct strbuf *b, unsigned cp);
/* Writes cp (a valid code point) as UTF-8; returns its length, 1 to 4. */
size_t utf8_put(char out[4], unsigned cp);

enum text_clean_flags {
	TEXT_SINGLE_LINE = 0, /* line breaks and tabs become spaces */
	TEXT_MULTILINE = 1,   /* keeps '\n' (CR LF and CR become '\n') */
};

/* Returns a copy of valid UTF-8 text that is safe to store and to show:
 * control characters (C0, DEL, C1) become visible symbols from the Unicode
 * "Control Pictures" block, so an escape sequence is shown, never obeyed;
 * leading and trailing blanks are trimmed. Input must be valid UTF-8. */
char *text_clean(const char *s, size_t n, enum text_clean_flags flags);
/* Appends s[0..n) made safe as text_clean does, without trimming. */
void text_put_clean(struct strbuf *b, const char *s, size_t n, enum text_clean_flags flags);
/* The length of the start of s[0..n) that needs nothing done: printable
 * ASCII, '\n' when lines are kept, valid UTF-8 past the C1 controls. */
size_t text_clean_run(const char *s, size_t n, enum text_clean_flags flags);
/* What text_clean shows for a code point: a C0 control as its symbol from
 * the "Control Pictures" block (ESC as U+241B), DEL as U+2421, a C1 control
 * or a bidirectional override, embedding or isolate (U+202A-E, U+2066-9) as
 * U+FFFD; anything else as it is. Line breaks and tabs are the caller's. */
unsigned control_picture(unsigned cp);

/* Display width, the same under any locale (utf8proc's table), so exports
 * are the same bytes everywhere and the screen measures per code point as
 * ncurses draws: 0 for combining marks, joiners and variation selectors, 2
 * for wide characters (CJK, emoji), 1 otherwise. A control character counts
 * 1: it is shown as a symbol. */
int text_cp_width(unsigned cp);
/* Code points the screen draws as nothing (zero-width joiners, variation
 * selectors): terminals join emoji sequences in different ways, so each
 * emoji is drawn and counted on its own. */
bool text_cp_hidden(unsigned cp);
/* Decodes the code point at s for measuring: an invalid byte is U+FFFD,
 * one byte long. Returns the length (>= 1 when n > 0). */
size_t text_next_cp(const char *s, size_t n, unsigned *cp);
int text_widthn(const char *s, size_t n);
int text_width(const char *s);
/* The bytes of the longest start of s[0..n) that fits width columns, never
 * splitting a character from its combining marks; its width in *used. */
size_t text_fit(const char *s, size_t n, int width, int *used);
/* Appends s in exactly width columns: padded with spaces, or cut with "…"
 * when it is wider (a wide character that would straddle the edge becomes
 * a space). */
void text_pad(struct strbuf *b, const char *s, int width);

/* One row of word-wrapped text from s[0..n) (no line breaks in it) within
 * width columns: returns the bytes the row shows (no trailing blanks) and
 * sets *next to where the next row starts (past the blanks). A row breaks
 * at its last space when a word would be cut; a word longer than a row is
 * cut between characters when cut_words is set, else kept whole. */
size_t text_wrap_row(const char *s, size_t n, int width, bool cut_words, size_t *next);

/* Text made to be compared regardless of case, for finding things by what
 * was typed: Unicode case folding (utf8proc's, the same under any locale:
 * "Ä" finds "ä", "ΣΟΦΙΑ" finds "σοφια") after compatibility composition
 * ("ﬁ" is "fi", a decomposed "é" the composed one). Returns a copy to free;
 * invalid UTF-8 is folded in its ASCII letters only. */
char *text_fold(const char *s);
/* Whether s holds needle, needle being text_fold's result: s is folded
 * as it is compared (ASCII text without a copy). An empty needle is in
 * everything. */
bool text_holds_folded(const char *s, const char *needle);

/* Trims ASCII blanks in place and returns s. */
char *str_trim(char *s);
/* The next line of the text from *p to end, blanks trimmed, as a new
 * string (NULL past the end); *p moves past it and its '\n'. For reading
 * files a line at a time (the agendas, the settings). */
char *str_next_line(const char **p, const char *end);
bool str_empty(const char *s);
bool str_eq(const char *a, const char *b);
/* The same text, none (NULL) the same as empty. */
bool str_same(const char *a, const char *b);
/* Case-insensitive ASCII prefix test. */
bool str_prefix_ci(const char *s, const char *prefix);

#endif
