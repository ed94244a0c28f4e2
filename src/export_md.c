/* The Markdown sink. */
#include "export_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- Markdown --- */

/* Escapes user text so that it reads as text, never as markup: every
 * character CommonMark or GFM could take as syntax is backslash-escaped,
 * and so is anything at the start of a line that could open a block (a
 * list, a heading underline). A line's indent is dropped (it could make a
 * code block). Our own text goes in as ST_LIT, so only user text is
 * treated this way. */
/* Characters that are markup somewhere in CommonMark or GFM, and the line
 * break (where a block may start). */
static const bool MD_STOP[256] = {
	['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true, ['['] = true, [']'] = true,
	['<'] = true,  ['>'] = true, ['|'] = true, ['#'] = true, ['&'] = true, ['~'] = true,
	['\n'] = true,
};

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
	while (*p) {
		if (at_start) {
			while (*p == ' ')
				p++;
			if (*p == '-' || *p == '+' || *p == '=') {
				sb_putc(dst, '\\');
			} else {
				size_t d = 0;
				while (p[d] >= '0' && p[d] <= '9')
					d++;
				if (d > 0 && (p[d] == '.' || p[d] == ')')) {
					sb_add(dst, p, d);
					sb_putc(dst, '\\');
					p += d;
				}
			}
			at_start = false;
			if (!*p)
				break;
		}
		const char *run = p;
		while (*p && !MD_STOP[(unsigned char)*p])
			p++;
		sb_add(dst, run, (size_t)(p - run));
		if (!*p)
			break;
		char c = *p++;
		if (c == '\n') {
			sb_putc(dst, '\n');
			at_start = line_start;
			continue;
		}
		sb_putc(dst, '\\');
		sb_putc(dst, c);
	}
	sb_free(&clean);
}

static void md_inl(struct strbuf *dst, const char *s, enum style st)
{
	if (!s || !*s)
		return; /* an empty "****" would be a thematic break */
	switch (st) {
	case ST_TEXT:
		md_escape(dst, s, true);
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
 * they stay lines; an empty line starts a new paragraph, written as gap,
 * or is dropped when gap is NULL (inside a list item). */
static void md_lines(struct strbuf *out, const char *inl, const char *first,
		     const char *cont, const char *gap)
{
	const char *p = inl, *line;
	bool any = false, blank = false;
	sb_puts(out, first);
	while (*p) {
		size_t len = next_line(&p, &line);
		if (len == 0) {
			blank = any;
			continue;
		}
		if (any && blank && gap)
			sb_printf(out, "\n%s\n%s", gap, cont);
		else if (any)
			sb_printf(out, "\\\n%s", cont);
		sb_add(out, line, len);
		any = true;
		blank = false;
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
	md_lines(k->out, inl, "- ", "  ", NULL);
}

const struct sink_ops MD_OPS = {
	.inl = md_inl,
	.title = md_title,
	.heading = md_heading,
	.para = md_para,
	.quote = md_quote,
	.cell = md_cell,
	.item = md_item,
};

