/* The facilitator's aids as data: the question bank and the nudge. */
#include "debrief/bank.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "debrief/paths.h"
#include "debrief/text.h"

#define AID_MAX_BYTES (1u << 20)

/* Walks text's lines, trimmed, skipping blanks and comments: each to
 * take(), which returns 0 or -1 with e set. */
typedef int (*line_fn)(void *ctx, char *line, const char *file, int lineno, struct err *e);

static int each_line(const char *text, size_t len, const char *file, line_fn take, void *ctx,
		     struct err *e)
{
	if (!utf8_valid(text, len))
		return err_set(e, "%s: not valid UTF-8", file);
	const char *p = text, *end = text + len;
	int lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *raw = xstrndup(p, n);
		char *line = text_clean(raw, strlen(raw), TEXT_SINGLE_LINE);
		free(raw);
		str_trim(line);
		lineno++;
		p += n + (nl ? 1 : 0);
		int rc = line[0] && line[0] != '#' ? take(ctx, line, file, lineno, e) : 0;
		free(line);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Reads the user's copy of name if there is one, else the shipped one,
 * and parses it. */
static int load_aid(const char *name, int (*parse)(const char *, size_t, const char *, void *,
						    struct err *),
		    void *out, struct err *e)
{
	struct strbuf path = {0};
	char *data;
	size_t len;
	int rc = -1;
	if (paths_config_file(name, &path, e) != 0 || access(path.s, F_OK) != 0) {
		if (paths_share_file(name, &path, e) != 0) {
			sb_free(&path);
			return -1;
		}
	}
	if (file_read_all(path.s, AID_MAX_BYTES, &data, &len, e) == 0) {
		rc = parse(data, len, path.s, out, e);
		free(data);
	}
	sb_free(&path);
	return rc;
}

/* --- the question bank --- */

static int bank_line(void *ctx, char *line, const char *file, int lineno, struct err *e)
{
	struct ask_bank *b = ctx;
	if (line[0] == '[') {
		size_t n = strlen(line);
		if (line[n - 1] != ']')
			return err_set(e, "%s:%d: a group is '[kind]', '[mark MARK]' or '[any]'", file, lineno);
		line[n - 1] = '\0';
		char *name = str_trim(line + 1);
		struct ask_group g = {ASK_ANY, 0, NULL, 0};
		if (strncasecmp(name, "mark ", 5) == 0) {
			g.what = ASK_MARK;
			g.value = event_mark_parse(str_trim(name + 5));
			if (g.value <= MARK_NONE)
				return err_set(e, "%s:%d: no mark '%s' (went-well, could-be-better, lucky)", file,
					       lineno, name + 5);
		} else if (strcasecmp(name, "any") != 0) {
			g.what = ASK_KIND;
			g.value = event_kind_parse(name);
			if (g.value < 0)
				return err_set(e, "%s:%d: no kind of event '%s'", file, lineno, name);
		}
		b->groups = xrealloc(b->groups, (b->n + 1) * sizeof *b->groups);
		b->groups[b->n++] = g;
		return 0;
	}
	if (line[0] != '-')
		return err_set(e, "%s:%d: expected '[group]' or '- question'", file, lineno);
	if (b->n == 0)
		return err_set(e, "%s:%d: a question before any group", file, lineno);
	char *q = str_trim(line + 1);
	if (!*q)
		return err_set(e, "%s:%d: an empty question", file, lineno);
	struct ask_group *g = &b->groups[b->n - 1];
	g->questions = xrealloc(g->questions, (g->n + 1) * sizeof *g->questions);
	g->questions[g->n++] = xstrdup(q);
	return 0;
}

int ask_bank_parse(const char *text, size_t len, const char *file, struct ask_bank *out,
		   struct err *e)
{
	memset(out, 0, sizeof *out);
	if (each_line(text, len, file, bank_line, out, e) != 0) {
		ask_bank_free(out);
		return -1;
	}
	out->file = xstrdup(file);
	return 0;
}

static int bank_parse_any(const char *text, size_t len, const char *file, void *out, struct err *e)
{
	return ask_bank_parse(text, len, file, out, e);
}

int ask_bank_load(struct ask_bank *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return load_aid(BANK_FILE, bank_parse_any, out, e);
}

void ask_bank_free(struct ask_bank *b)
{
	for (size_t i = 0; i < b->n; i++) {
		for (size_t j = 0; j < b->groups[i].n; j++)
			free(b->groups[i].questions[j]);
		free(b->groups[i].questions);
	}
	free(b->groups);
	free(b->file);
	memset(b, 0, sizeof *b);
}

size_t ask_bank_for(const struct ask_bank *b, enum event_kind kind, enum event_mark mark,
		    const char **out, size_t max)
{
	size_t got = 0;
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < b->n; i++) {
			const struct ask_group *g = &b->groups[i];
			bool fits = pass == 0 ? g->what == ASK_MARK && mark != MARK_NONE && g->value == (int)mark
				  : pass == 1 ? g->what == ASK_KIND && g->value == (int)kind
					      : g->what == ASK_ANY;
			for (size_t j = 0; fits && j < g->n && got < max; j++) {
				bool have = false;
				for (size_t k = 0; k < got; k++)
					have |= strcmp(out[k], g->questions[j]) == 0;
				if (!have)
					out[got++] = g->questions[j];
			}
		}
	return got;
}

/* --- the nudge --- */

static int nudge_line(void *ctx, char *line, const char *file, int lineno, struct err *e)
{
	struct nudge *n = ctx;
	if (line[0] == '?') {
		char *r = str_trim(line + 1);
		if (!*r)
			return err_set(e, "%s:%d: an empty reframing question", file, lineno);
		n->reframes = xrealloc(n->reframes, (n->n_reframes + 1) * sizeof *n->reframes);
		n->reframes[n->n_reframes++] = xstrdup(r);
		return 0;
	}
	if (n->n_reframes == 0)
		return err_set(e, "%s:%d: a phrase before any '? reframing question'", file, lineno);
	n->phrases = xrealloc(n->phrases, (n->n + 1) * sizeof *n->phrases);
	n->phrases[n->n].text = xstrdup(line);
	n->phrases[n->n].len = strlen(line);
	unsigned char first = (unsigned char)tolower((unsigned char)line[0]);
	n->phrases[n->n].first = first;
	n->starts[first / 8] |= (unsigned char)(1u << (first % 8));
	n->phrases[n->n].group = n->n_reframes - 1;
	n->phrases[n->n].reframe = NULL; /* once the list of them stops moving */
	n->n++;
	return 0;
}

int nudge_parse(const char *text, size_t len, const char *file, struct nudge *out,
		struct err *e)
{
	memset(out, 0, sizeof *out);
	if (each_line(text, len, file, nudge_line, out, e) != 0) {
		nudge_free(out);
		return -1;
	}
	for (size_t i = 0; i < out->n; i++)
		out->phrases[i].reframe = out->reframes[out->phrases[i].group];
	out->file = xstrdup(file);
	return 0;
}

static int nudge_parse_any(const char *text, size_t len, const char *file, void *out, struct err *e)
{
	return nudge_parse(text, len, file, out, e);
}

int nudge_load(struct nudge *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return load_aid(NUDGE_FILE, nudge_parse_any, out, e);
}

void nudge_free(struct nudge *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->phrases[i].text);
	free(n->phrases);
	for (size_t i = 0; i < n->n_reframes; i++)
		free(n->reframes[i]);
	free(n->reframes);
	free(n->file);
	memset(n, 0, sizeof *n);
}

/* A letter or a digit of a word (any byte of a multi-byte character
 * counts as one: "fault" in "faultless" is not a match, nor in "défault"). */
static bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '\'';
}

bool nudge_find(const struct nudge *n, const char *text, size_t len, size_t from, size_t *at,
		size_t *span, const struct nudge_phrase **which)
{
	/* (Run at every key typed into the notes: a word whose first byte
	 * starts no phrase, most of them, is passed over whole.) */
	bool in_word = from > 0 && word_byte((unsigned char)text[from - 1]);
	for (size_t i = from; i < len; i++) {
		bool was_in_word = in_word;
		in_word = word_byte((unsigned char)text[i]);
		if (was_in_word)
			continue; /* not the start of a word */
		unsigned char c = (unsigned char)tolower((unsigned char)text[i]);
		if (!(n->starts[c / 8] & (1u << (c % 8))))
			continue;
		for (size_t k = 0; k < n->n; k++) {
			const char *p = n->phrases[k].text;
			size_t pl = n->phrases[k].len;
			if (n->phrases[k].first != c || pl == 0 || pl > len - i ||
			    strncasecmp(text + i, p, pl) != 0)
				continue;
			if (i + pl < len && word_byte((unsigned char)text[i + pl]))
				continue; /* a longer word */
			*at = i;
			*span = pl;
			*which = &n->phrases[k];
			return true;
		}
	}
	return false;
}
