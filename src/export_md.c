/* The Markdown sink. */
#include "export_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- Markdown --- */

/* Escapes user text so that it reads as text, never as markup, with a
 * backslash only where a character could start markup at that place (not
 * cmark's own renderer, which escapes far more: "\>20%", "\-"). Anywhere:
 * what opens code, emphasis, strikethrough, links and table cells; "<"
 * before what could make a tag or an autolink, "&" before what could make
 * an entity, "\" before punctuation, "_" unless inside a word. At the start
 * of a line (and of the text, which may follow a line break of ours):
 * whatever could open a block (a heading, a quote, a list item, a rule, a
 * table's delimiter row). A line's indent is dropped (it could make a code
 * block). Our own text goes in as ST_LIT, so only user text is treated
 * this way. */
static bool md_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (unsigned char)c >= 0x80;
}

static bool md_punct(char c)
{
	return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* "&name;" or "&#123;": an entity reference cmark would decode. */
static bool md_entity(const char *p)
{
	size_t i = 1;
	if (p[i] == '#')
		i++;
	size_t start = i;
	while (i < 40 && md_alnum(p[i]) && (unsigned char)p[i] < 0x80)
		i++;
	return i > start && p[i] == ';';
}

/* Does the character at p (after prev) need a backslash mid-line? */
static bool md_needs_escape(const char *p, char prev)
{
	switch (*p) {
	case '`': case '*': case '[': case ']': case '|': case '~':
		return true;
	case '_':
		return !(md_alnum(prev) && md_alnum(p[1]));
	case '\\':
		return !p[1] || p[1] == '\n' || md_punct(p[1]);
	case '<':
		return !p[1] || p[1] == '/' || p[1] == '!' || p[1] == '?' ||
		       (((unsigned char)p[1] | 0x20) >= 'a' && ((unsigned char)p[1] | 0x20) <= 'z');
	case '&':
		return md_entity(p);
	default:
		return false;
	}
}

/* At a line's start (its indent skipped): does it open a block? Returns how
 * many characters to copy before the backslash (a list number's digits), or
 * -1 for none. */
static int md_block_start(const char *p)
{
	char c = *p, next = c ? p[1] : 0;
	switch (c) {
	case '#': case '>':
		return 0;
	case '-': /* a list item, a rule, a setext underline, a delimiter row */
		return md_alnum(next) ? -1 : 0;
	case '+':
		return next == ' ' || next == '\t' || !next || next == '\n' ? 0 : -1;
	case '=':
		return next == '=' || next == ' ' || !next || next == '\n' ? 0 : -1;
	case ':':
		return next == '-' ? 0 : -1;
	default: {
		int d = 0;
		while (p[d] >= '0' && p[d] <= '9' && d < 10)
			d++;
		if (d > 0 && (p[d] == '.' || p[d] == ')') &&
		    (p[d + 1] == ' ' || p[d + 1] == '\t' || !p[d + 1] || p[d + 1] == '\n'))
			return d;
		return -1;
	}
	}
}

static void md_escape(struct strbuf *dst, const char *s, bool line_start)
{
	struct strbuf clean = {0};
	size_t n = strlen(s);
	if (clean_run(s, n, true) < n) { /* rare: the model keeps text clean */
		put_safe(&clean, s, true);
		s = sb_str(&clean);
	}
	const char *p = s;
	bool at_start = line_start;
	char prev = 0;
	while (*p) {
		if (at_start) {
			while (*p == ' ')
				p++;
			int d = md_block_start(p);
			if (d >= 0) {
				sb_add(dst, p, (size_t)d);
				sb_putc(dst, '\\');
				sb_putc(dst, p[d]);
				prev = p[d];
				p += d + 1;
			}
			at_start = false;
			continue;
		}
		char c = *p;
		if (c == '\n')
			at_start = line_start;
		else if (md_needs_escape(p, prev))
			sb_putc(dst, '\\');
		sb_putc(dst, c);
		prev = c;
		p++;
	}
	sb_free(&clean);
}

/* The length of a list item's marker at the start of a line of prose
 * ("- ", "* ", "+ ", "• ", after spaces), 0 when it is none. */
static size_t md_bullet(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && line[i] == ' ')
		i++;
	if (i < len && strchr("-*+", line[i]) && i + 1 < len && line[i + 1] == ' ')
		return i + 2;
	if (len - i > 4 && memcmp(line + i, "\xe2\x80\xa2 ", 4) == 0)
		return i + 4;
	return 0;
}

/* Prose of several lines: each line escaped on its own; a list item's
 * line starts with our own "- " (md_lines knows it by that: user text
 * never starts a line so). One line is text, whatever it starts with. */
static void md_prose(struct strbuf *dst, const char *s)
{
	if (!strchr(s, '\n')) {
		md_escape(dst, s, true);
		return;
	}
	struct strbuf line = {0};
	for (const char *p = s;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t b = md_bullet(p, len);
		if (b)
			sb_puts(dst, "- ");
		sb_add(&line, p + b, len - b);
		md_escape(dst, sb_str(&line), true);
		line.len = 0;
		if (!nl)
			break;
		sb_putc(dst, '\n');
		p = nl + 1;
	}
	sb_free(&line);
}

static void md_inl(struct strbuf *dst, const char *s, enum style st)
{
	if (!s || !*s)
		return; /* an empty "****" would be a thematic break */
	switch (st) {
	case ST_TEXT:
		md_escape(dst, s, true);
		break;
	case ST_PROSE:
		md_prose(dst, s);
		break;
	case ST_MID:
		md_escape(dst, s, false);
		break;
	case ST_LIT:
		sb_puts(dst, s);
		break;
	case ST_STRONG:
		sb_puts(dst, "**");
		md_escape(dst, s, false);
		sb_puts(dst, "**");
		break;
	case ST_EM:
		sb_putc(dst, '*');
		md_escape(dst, s, false);
		sb_putc(dst, '*');
		break;
	}
}

/* One line of inline text: line breaks become spaces (headings, cells). */
void md_flat(struct strbuf *out, const char *inl)
{
	for (const char *p = inl, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl) {
			sb_puts(out, p);
			return;
		}
		sb_add(out, p, (size_t)(nl - p));
		sb_putc(out, ' ');
	}
}

/* Writes inline text that may hold several lines: the first after first,
 * the others after cont. Lines in a row are joined by hard line breaks, so
 * they stay lines; an empty line starts a new paragraph, written as gap. A
 * list item's line (ST_PROSE's "- ") follows on the next line, and the
 * text after a list is a paragraph of its own (else it would continue the
 * item). */
static void md_lines(struct strbuf *out, const char *inl, const char *first,
		     const char *cont, const char *gap)
{
	const char *p = inl, *line;
	bool any = false, blank = false, was_item = false;
	sb_puts(out, first);
	while (*p) {
		size_t len = next_line(&p, &line);
		if (len == 0) {
			blank = any;
			continue;
		}
		bool item = len >= 2 && line[0] == '-' && line[1] == ' ';
		if (any && (blank || (was_item && !item)))
			sb_printf(out, "\n%s\n%s", gap, cont);
		else if (any && item)
			sb_printf(out, "\n%s", cont);
		else if (any)
			sb_printf(out, "\\\n%s", cont);
		sb_add(out, line, len);
		any = true;
		blank = false;
		was_item = item;
	}
	sb_putc(out, '\n');
}

static void md_title(struct sink *k, const char *inl)
{
	block_begin(k, false);
	sb_puts(k->out, "# ");
	md_flat(k->out, inl);
	sb_putc(k->out, '\n');
}

static void md_heading(struct sink *k, int level, const char *inl)
{
	block_begin(k, false);
	sb_printf(k->out, "%.*s ", level, "######");
	md_flat(k->out, inl);
	sb_putc(k->out, '\n');
}

static void md_para(struct sink *k, const char *inl)
{
	block_begin(k, false);
	md_lines(k->out, inl, "", "", "");
}

static void md_quote(struct sink *k, const char *inl, const char *by)
{
	block_begin(k, false);
	md_lines(k->out, inl, "> ", "> ", ">");
	sb_puts(k->out, ">\n> — ");
	md_flat(k->out, by);
	sb_putc(k->out, '\n');
}

static void md_cell(struct sink *k, size_t index, size_t cols, const char *inl)
{
	size_t c = index % cols;
	if (index == 0)
		block_begin(k, false);
	if (c == 0)
		sb_putc(k->out, '|');
	sb_putc(k->out, ' ');
	md_flat(k->out, inl);
	sb_puts(k->out, " |");
	if (c + 1 < cols)
		return;
	sb_putc(k->out, '\n');
	if (index + 1 == cols) { /* under the header */
		sb_putc(k->out, '|');
		for (size_t i = 0; i < cols; i++)
			sb_puts(k->out, " --- |");
		sb_putc(k->out, '\n');
	}
}

static void md_item(struct sink *k, const char *inl)
{
	block_begin(k, true);
	md_lines(k->out, inl, "- ", "  ", "");
}

/* [text](url "title"): in the address, what would end or break it
 * (blanks, parentheses, '<', '>', a backslash) is written as %XX (the
 * address is one a reader can follow, or our own). */
static void md_link(struct strbuf *dst, const char *text, const char *url, size_t url_len,
		    const char *title)
{
	sb_putc(dst, '[');
	md_escape(dst, text, false);
	sb_puts(dst, "](");
	for (size_t i = 0; i < url_len; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c <= ' ' || c == 0x7f || strchr("<>()\\", c))
			sb_printf(dst, "%%%02X", c);
		else
			sb_putc(dst, (char)c);
	}
	if (title)
		sb_printf(dst, " \"%s\"", title);
	sb_putc(dst, ')');
}

const struct sink_ops MD_OPS = {
	.inl = md_inl,
	.title = md_title,
	.heading = md_heading,
	.para = md_para,
	.quote = md_quote,
	.cell = md_cell,
	.item = md_item,
	.link = md_link,
};

