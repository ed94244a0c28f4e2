/* Bounded strings, growable buffers and UTF-8 hygiene. */
#include "debrief/text.h"
#include "debrief/error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static void die_nomem(void)
{
	fputs("debrief: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_nomem();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_nomem();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_nomem();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

bool text_words(const char *s, char *word[], int n)
{
	const char *at[TEXT_WORDS_MAX];
	size_t len[TEXT_WORDS_MAX];
	int k = 0;
	if (n < 1 || n > TEXT_WORDS_MAX)
		return false;
	for (const char *p = s + strspn(s, " \t"); *p; p += strspn(p, " \t"), k++) {
		if (k == n)
			return false;
		at[k] = p;
		len[k] = strcspn(p, " \t");
		p += len[k];
	}
	if (k != n)
		return false;
	for (int i = 0; i < n; i++)
		word[i] = xstrndup(at[i], len[i]);
	return true;
}

static void sb_grow(struct strbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > (size_t)-1 / 2)
			die_nomem();
		cap *= 2;
	}
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sb_add(struct strbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_puts(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_fill(struct strbuf *b, char c, size_t n)
{
	sb_grow(b, n);
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_putc(struct strbuf *b, char c)
{
	if (b->len + 2 > b->cap) /* rarely: the buffer grows geometrically */
		sb_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void sb_vprintf(struct strbuf *b, const char *fmt, va_list ap)
{
	/* Most pieces are short: format them on the stack, and only a long
	 * one a second time into the grown buffer. */
	char small[256];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof small, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		sb_add(b, small, (size_t)n);
		return;
	}
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void sb_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *sb_take(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *sb_str(const struct strbuf *b)
{
	return b->s ? b->s : "";
}

size_t utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		if (c == 0)
			return 0;
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, min = 0x80, c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, min = 0x800, c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t utf8_put(char out[4], unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void utf8_encode(struct strbuf *b, unsigned cp)
{
	char out[4];
	sb_add(b, out, utf8_put(out, cp));
}

size_t utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		if ((unsigned char)s[i] < 0x80 && s[i] != '\0') {
			i++;
			continue;
		}
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

bool utf8_valid(const char *s, size_t n)
{
	return utf8_invalid_at(s, n) == n;
}

static bool is_blank_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* The bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069): text that holds them can show in an order other than
 * the one it has ("Trojan Source"), so they are shown, not obeyed. */
static bool is_bidi_control(unsigned cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

unsigned control_picture(unsigned cp)
{
	if (cp < 0x20)
		return 0x2400 + cp; /* e.g. ESC shows as U+241B */
	if (cp == 0x7F)
		return 0x2421;
	if ((cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp))
		return 0xFFFD;
	return cp;
}

/* Whether all eight bytes at s are printable ASCII (0x20 to 0x7e). */
static bool plain_word(const char *s)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t x, del;
	memcpy(&x, s, 8);
	del = x ^ (0x7f * ones); /* 0 where a byte is DEL */
	/* A byte >= 0x80, < 0x20 or DEL sets its high bit (the first such
	 * byte's, at least; none without one). */
	return !((x | ((x - 0x20 * ones) & ~x) | ((del - ones) & ~del)) & high);
}

/* How many bytes at s are printable ASCII (0x20 to 0x7e), the common case
 * that needs no decoding: a column each. Eight bytes are looked at at once;
 * a word with anything else in it (detected for its first such byte, at
 * least) is left to the byte loop. */
static size_t ascii_run(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		if (!plain_word(s + i))
			break;
	/* The last few bytes of a longer run, as the word that ends it. */
	if (i + 8 > n && n >= 8 && i < n && plain_word(s + n - 8))
		return n;
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
		i++;
	return i;
}

size_t text_clean_run(const char *s, size_t n, enum text_clean_flags flags)
{
	size_t i = 0;
	while (i < n) {
		i += ascii_run(s + i, n - i);
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i];
		if ((c >= 0x20 && c < 0x7F) || (c == '\n' && (flags & TEXT_MULTILINE))) {
			i++;
			continue;
		}
		if (c < 0x80)
			break;
		unsigned cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || cp < 0xA0 || is_bidi_control(cp))
			break;
		i += len;
	}
	return i;
}

void text_put_clean(struct strbuf *b, const char *s, size_t n, enum text_clean_flags flags)
{
	size_t i = 0;
	while (i < n) {
		/* Copy what needs nothing done in one piece. */
		size_t ok = text_clean_run(s + i, n - i, flags);
		sb_add(b, s + i, ok);
		i += ok;
		if (i >= n)
			break;
		unsigned cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) { /* not valid UTF-8 after all: be safe anyway */
			utf8_encode(b, 0xFFFD);
			i++;
			continue;
		}
		i += len;
		if (cp == '\r' && i < n && s[i] == '\n')
			continue; /* the '\n' follows */
		if (cp == '\n' || cp == '\r')
			sb_putc(b, (flags & TEXT_MULTILINE) ? '\n' : ' ');
		else if (cp == '\t')
			sb_putc(b, ' ');
		else
			utf8_encode(b, control_picture(cp));
	}
}

char *text_clean(const char *s, size_t n, enum text_clean_flags flags)
{
	struct strbuf b = {0};
	text_put_clean(&b, s, n, flags);
	/* Trim blanks at both ends (the visible symbols above are not blank). */
	char *out = sb_take(&b);
	size_t start = 0, end = strlen(out);
	while (start < end && is_blank_cp((unsigned char)out[start]))
		start++;
	while (end > start && is_blank_cp((unsigned char)out[end - 1]))
		end--;
	memmove(out, out + start, end - start);
	out[end - start] = '\0';
	return out;
}

int text_cp_width(unsigned cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1; /* the common case, without a table look-up */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || is_bidi_control(cp))
		return 1; /* drawn as a symbol */
	if (text_cp_hidden(cp))
		return 0;
	return utf8proc_charwidth((utf8proc_int32_t)cp);
}

bool text_cp_hidden(unsigned cp)
{
	return cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

size_t text_next_cp(const char *s, size_t n, unsigned *cp)
{
	if (n == 0)
		return 0;
	if ((unsigned char)s[0] >= 0x20 && (unsigned char)s[0] < 0x7f) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	size_t len = utf8_decode(s, n, cp);
	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return len;
}

int text_widthn(const char *s, size_t n)
{
	long w = 0;
	size_t i = 0;
	while (i < n) {
		size_t run = ascii_run(s + i, n - i);
		w += (long)run;
		i += run;
		if (i == n)
			break;
		unsigned cp;
		i += text_next_cp(s + i, n - i, &cp);
		w += text_cp_width(cp);
	}
	return w > 0x7fffffff ? 0x7fffffff : (int)w;
}

int text_width(const char *s)
{
	return text_widthn(s, strlen(s));
}

size_t text_fit(const char *s, size_t n, int width, int *used)
{
	size_t i = 0;
	int w = 0;
	while (i < n) {
		/* Printable ASCII with no mark after it: a column each. */
		size_t run = ascii_run(s + i, n - i);
		if (run && i + run < n && (unsigned char)s[i + run] >= 0x80)
			run--; /* its last character may carry a combining mark */
		if (run > (size_t)(width > w ? width - w : 0))
			run = (size_t)(width > w ? width - w : 0);
		w += (int)run;
		i += run;
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
			if (w + 1 > width)
				break;
			w++;
			i++;
			continue;
		}
		unsigned cp;
		size_t len = text_next_cp(s + i, n - i, &cp);
		int cw = text_cp_width(cp);
		if (w + cw > width)
			break;
		/* Its combining marks go with it, or neither does. */
		size_t j = i + len;
		while (j < n) {
			unsigned mark;
			size_t ml = text_next_cp(s + j, n - j, &mark);
			if (mark < 0x80 || text_cp_width(mark) != 0)
				break;
			j += ml;
		}
		w += cw;
		i = j;
	}
	if (used)
		*used = w;
	return i;
}

void text_pad(struct strbuf *b, const char *s, int width)
{
	size_t n = strlen(s);
	int w = text_widthn(s, n);
	if (w <= width) {
		sb_add(b, s, n);
	} else if (width > 0) {
		size_t k = text_fit(s, n, width - 1, &w);
		sb_add(b, s, k);
		sb_puts(b, "…");
		w++;
	} else {
		w = 0;
	}
	for (; w < width; w++)
		sb_putc(b, ' ');
}

size_t text_wrap_row(const char *s, size_t n, int width, bool cut_words, size_t *next)
{
	size_t cut = text_fit(s, n, width, NULL);
	if (cut == 0 && n > 0) { /* no room for even one: take it anyway */
		unsigned cp;
		text_next_cp(s, n, &cp);
		cut = text_fit(s, n, text_cp_width(cp), NULL);
	}
	if (cut < n && s[cut] != ' ') {
		size_t sp = cut;
		while (sp > 0 && s[sp - 1] != ' ')
			sp--;
		while (sp > 0 && s[sp - 1] == ' ')
			sp--;
		if (sp > 0) {
			cut = sp;
		} else if (!cut_words) {
			while (cut < n && s[cut] != ' ')
				cut++;
		}
	}
	size_t end = cut;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	while (cut < n && s[cut] == ' ')
		cut++;
	*next = cut;
	return end;
}

uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

bool str_copy(char *dst, size_t size, const char *src)
{
	if (size == 0)
		return false;
	size_t n = strlen(src);
	if (n < size) {
		memcpy(dst, src, n + 1);
		return true;
	}
	n = size - 1;
	while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
		n--; /* back off to the start of the cut sequence */
	memcpy(dst, src, n);
	dst[n] = '\0';
	return false;
}

void str_format(char *dst, size_t size, const char *fmt, ...)
{
	struct strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	str_copy(dst, size, sb_str(&b));
	sb_free(&b);
}

char *str_trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t start = 0;
	while (s[start] && isspace((unsigned char)s[start]))
		start++;
	memmove(s, s + start, n - start + 1);
	return s;
}

char *str_next_line(const char **p, const char *end)
{
	if (*p >= end)
		return NULL;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	char *line = str_trim(xstrndup(*p, len));
	*p += len + (nl ? 1 : 0);
	return line;
}

static char *fold_ascii(const char *s)
{
	char *out = xstrdup(s);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return out;
}

char *text_fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
						  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n < 0 || !out) {
		free(out);
		return fold_ascii(s);
	}
	return (char *)out;
}

bool text_holds_folded(const char *s, const char *needle)
{
	if (!*needle)
		return true;
	if (!s)
		return false;
	size_t at = 0;
	while ((unsigned char)s[at] && (unsigned char)s[at] < 0x80)
		at++;
	if (s[at]) { /* beyond ASCII: folded whole */
		char *folded = text_fold(s);
		bool found = strstr(folded, needle) != NULL;
		free(folded);
		return found;
	}
	/* ASCII folds to its lower case, letter by letter. */
	size_t n = strlen(needle);
	for (const char *p = s; (size_t)(s + at - p) >= n; p++) {
		size_t i = 0;
		while (i < n && (p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]) == needle[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

bool str_empty(const char *s)
{
	return !s || !*s;
}

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool str_same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

bool str_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

int err_set(struct err *e, const char *fmt, ...)
{
	if (e) {
		/* Formatted whole, then cut on a character boundary: a message
		 * that quotes long user text must stay valid UTF-8. */
		struct strbuf b = {0};
		va_list ap;
		va_start(ap, fmt);
		sb_vprintf(&b, fmt, ap);
		va_end(ap);
		str_copy(e->msg, sizeof e->msg, sb_str(&b));
		sb_free(&b);
		e->busy = 0;
	}
	return -1;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
	if (!e)
		return;
	char prefix[512], old[sizeof e->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	struct strbuf b = {0};
	sb_printf(&b, "%s: %s", prefix, old);
	str_copy(e->msg, sizeof e->msg, b.s);
	sb_free(&b);
}
