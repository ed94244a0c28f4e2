/* The model: search across retrospectives. What is typed is never taken
 * as FTS5 syntax: each word becomes a quoted prefix ("deplo" finds
 * "deployed"), in any case and without accents; a word of three characters
 * or more of a script written without spaces (CJK) is also looked for as a
 * run inside longer text. */
#include "debrief/model.h"

#include <string.h>

#include "debrief/text.h"

/* Appends "word" (quotes doubled), a prefix when asked. */
static void put_phrase(struct strbuf *b, const char *w, size_t n, bool prefix)
{
	if (b->len)
		sb_putc(b, ' ');
	sb_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			sb_putc(b, '"');
		sb_putc(b, w[i]);
	}
	sb_putc(b, '"');
	if (prefix)
		sb_putc(b, '*');
}

static size_t chars_in(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* A script written without spaces between words (Chinese, Japanese, Thai,
 * Lao, Khmer, Myanmar): its words are found as runs inside text. */
static bool unspaced(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		if ((cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
		    (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
		    (cp >= 0x20000 && cp <= 0x3FFFF))
			return true;
	}
	return false;
}

/* The two FTS5 queries for what was typed (runs NULL when no word is
 * long enough for the three-character index). */
static int queries(const char *query, struct strbuf *words, struct strbuf *runs, struct err *e)
{
	if (!query || !utf8_valid(query, strlen(query)))
		return err_set(e, "the search is not valid UTF-8");
	for (const char *p = query; *p;) {
		p += strspn(p, " \t\r\n");
		size_t len = strcspn(p, " \t\r\n");
		if (len) {
			put_phrase(words, p, len, true);
			if (chars_in(p, len) >= 3 && unspaced(p, len))
				put_phrase(runs, p, len, false);
		}
		p += len;
	}
	if (!words->len)
		return err_set(e, "nothing to search for");
	return 0;
}

int model_search(struct store *st, const char *query, const char *retro_id, const char *open,
		 const char *close, size_t limit, struct search_hit **out, size_t *n, struct err *e)
{
	struct strbuf words = {0}, runs = {0};
	*out = NULL;
	*n = 0;
	int rc = queries(query, &words, &runs, e);
	if (rc == 0)
		rc = store_search(st, words.s, runs.len ? runs.s : NULL, retro_id, open, close, limit, out,
				  n, e);
	sb_free(&words);
	sb_free(&runs);
	return rc;
}

int model_search_json(struct store *st, const char *query, const char *retro_id, size_t limit,
		      struct strbuf *out, struct err *e)
{
	struct strbuf words = {0}, runs = {0};
	int rc = queries(query, &words, &runs, e);
	if (rc == 0)
		rc = store_search_json(st, words.s, runs.len ? runs.s : NULL, retro_id, limit, out, e);
	sb_free(&words);
	sb_free(&runs);
	return rc;
}

void model_free_hits(struct search_hit *v, size_t n)
{
	store_free_hits(v, n);
}
