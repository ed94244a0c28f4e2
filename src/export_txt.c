/* The plain-text sink: 76 display columns, tables fitted or as records. */
#include "export_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- plain text --- */

static void txt_inl(struct strbuf *dst, const char *s, enum style st)
{
	if (!s)
		return;
	/* (ST_MID is one line: a break in it, if any slipped in, is shown.) */
	if (st == ST_LIT)
		sb_puts(dst, s);
	else
		put_safe(dst, s, st == ST_TEXT || st == ST_PROSE);
}

/* Whether a line's words are one space apart, with none before or after. */
static bool single_spaced(const char *s, size_t n)
{
	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	for (const char *p = s; (p = memchr(p, ' ', n - (size_t)(p - s))); p++)
		if (p[1] == ' ')
			return false;
	return true;
}

/* Word-wraps inline text to TXT_WIDTH: the first line after first, the
 * others after cont. An empty line is kept as a blank line when keep_blank
 * is set, else dropped. Runs of spaces collapse. */
static void txt_wrap(struct strbuf *out, const char *inl, const char *first,
		     const char *cont, bool keep_blank)
{
	const char *p = inl, *line;
	const char *prefix = first;
	bool any = false;
	while (*p) {
		size_t len = next_line(&p, &line);
		if (len == 0) {
			if (keep_blank && any)
				sb_putc(out, '\n');
			continue;
		}
		/* Words one space apart, then rows of them; a word longer than
		 * a row is kept whole. A line already so (most are) is used as
		 * it is. */
		struct strbuf words = {0};
		const char *text = line;
		size_t text_len = len;
		if (!single_spaced(line, len)) {
			for (size_t i = 0; i < len;) {
				while (i < len && line[i] == ' ')
					i++;
				size_t j = i;
				while (j < len && line[j] != ' ')
					j++;
				if (j > i) {
					if (words.len)
						sb_putc(&words, ' ');
					sb_add(&words, line + i, j - i);
				}
				i = j;
			}
			text = sb_str(&words);
			text_len = words.len;
		}
		sb_puts(out, prefix);
		int room = TXT_WIDTH - (int)txt_width(prefix, strlen(prefix));
		for (size_t i = 0; i < text_len;) {
			size_t next;
			size_t shown = text_wrap_row(text + i, text_len - i, room < 1 ? 1 : room, false, &next);
			if (i > 0) {
				sb_putc(out, '\n');
				sb_puts(out, cont);
			}
			sb_add(out, text + i, shown);
			i += next;
			if (prefix != cont) {
				prefix = cont;
				room = TXT_WIDTH - (int)txt_width(prefix, strlen(prefix));
			}
		}
		sb_free(&words);
		sb_putc(out, '\n');
		prefix = cont;
		any = true;
	}
	if (!any)
		sb_printf(out, "%s\n", first);
}

static void txt_underlined(struct sink *k, const char *inl, char rule)
{
	struct strbuf line = {0};
	md_flat(&line, inl); /* no markup in it: only flattens the lines */
	size_t w = txt_width(sb_str(&line), line.len);
	sb_puts(k->out, sb_str(&line));
	sb_putc(k->out, '\n');
	for (size_t i = 0; i < (w ? w : 1); i++)
		sb_putc(k->out, rule);
	sb_putc(k->out, '\n');
	sb_free(&line);
}

static void txt_title(struct sink *k, const char *inl)
{
	block_begin(k, false);
	txt_underlined(k, inl, '=');
}

static void txt_heading(struct sink *k, int level, const char *inl)
{
	block_begin(k, false);
	txt_underlined(k, inl, level <= 2 ? '-' : '.');
}

static void txt_para(struct sink *k, const char *inl)
{
	block_begin(k, false);
	txt_wrap(k->out, inl, "", "", true);
}

static void txt_quote(struct sink *k, const char *inl, const char *by)
{
	block_begin(k, false);
	txt_wrap(k->out, inl, "    \"", "     ", true);
	/* Close the quotation on its last line. */
	if (k->out->len && k->out->s[k->out->len - 1] == '\n')
		k->out->len--;
	sb_puts(k->out, "\"\n");
	struct strbuf line = {0};
	sb_puts(&line, "— ");
	sb_puts(&line, by);
	txt_wrap(k->out, sb_str(&line), "      ", "        ", false);
	sb_free(&line);
}

/* Columns padded to their widest cell (the last one is not padded, so no
 * line ends in blanks), two spaces apart, a rule under the header. */
/* Plain-text tables fit the page: a column too wide is wrapped within a
 * narrower width; a table that cannot fit so (many columns) is written as
 * one record a row instead, its first two cells as the record's head and
 * the others as "Header: value" after it. */
#define TXT_COLUMN_MIN 20 /* no column is wrapped narrower than this */

/* One line of a wrapped cell: bytes [start, start + len) of it, cols wide. */
struct cell_line {
	size_t start, len, cols;
};

/* Splits s (cols wide) into lines of at most width columns, at spaces where
 * it can (a longer word is cut). Returns how many, in *lines (grown as
 * needed, *cap long). A cell that fits, as most do, is measured no more. */
static size_t wrap_cell(const char *s, size_t cols, size_t width, struct cell_line **lines,
			size_t *cap)
{
	size_t n = 0, len = strlen(s), i = 0;
	if (cols <= width && (len == 0 || (s[0] != ' ' && s[len - 1] != ' '))) {
		if (*cap < 1)
			*lines = xrealloc(*lines, (*cap = 4) * sizeof **lines);
		(*lines)[0] = (struct cell_line){0, len, cols};
		return 1;
	}
	while (i < len && s[i] == ' ')
		i++;
	do {
		size_t next;
		size_t shown = text_wrap_row(s + i, len - i, (int)width, true, &next);
		if (n == *cap)
			*lines = xrealloc(*lines, (*cap = *cap ? 2 * *cap : 4) * sizeof **lines);
		(*lines)[n++] = (struct cell_line){i, shown, txt_width(s + i, shown)};
		i += next;
	} while (i < len);
	return n;
}

/* Narrows the widest prose columns (those over twice TXT_COLUMN_MIN: a
 * time or a name is never wrapped), a character at a time, until the table
 * fits TXT_WIDTH; false when it cannot without going under TXT_COLUMN_MIN. */
static bool fit_columns(size_t *w, size_t cols)
{
	size_t total = 2 * (cols - 1);
	bool *prose = xcalloc(cols, sizeof *prose);
	for (size_t c = 0; c < cols; c++) {
		total += w[c];
		prose[c] = w[c] > 2 * TXT_COLUMN_MIN;
	}
	while (total > TXT_WIDTH) {
		size_t widest = cols;
		for (size_t c = 0; c < cols; c++)
			if (prose[c] && (widest == cols || w[c] > w[widest]))
				widest = c;
		if (widest == cols || w[widest] <= TXT_COLUMN_MIN)
			break;
		w[widest]--;
		total--;
	}
	free(prose);
	return total <= TXT_WIDTH;
}

static void txt_table_rows(struct sink *k, const struct table *t, const struct strbuf *flat,
			   const size_t *cols, const size_t *w)
{
	size_t rows = table_rows(t);
	struct cell_line **cell = xcalloc(t->cols, sizeof *cell);
	size_t *cap = xcalloc(t->cols, sizeof *cap), *nl = xcalloc(t->cols, sizeof *nl);
	struct strbuf *out = k->out;
	for (size_t r = 0; r < rows; r++) {
		const struct strbuf *row = &flat[r * t->cols];
		size_t height = 1;
		for (size_t c = 0; c < t->cols; c++) {
			nl[c] = wrap_cell(sb_str(&row[c]), cols[r * t->cols + c], w[c], &cell[c], &cap[c]);
			if (nl[c] > height)
				height = nl[c];
		}
		for (size_t l = 0; l < height; l++) {
			size_t start = out->len;
			for (size_t c = 0; c < t->cols; c++) {
				const struct cell_line *part = l < nl[c] ? &cell[c][l] : NULL;
				if (c > 0)
					sb_puts(out, "  ");
				if (part)
					sb_add(out, sb_str(&row[c]) + part->start, part->len);
				size_t used = part ? part->cols : 0;
				if (c + 1 < t->cols && used < w[c])
					sb_fill(out, ' ', w[c] - used);
			}
			while (out->len > start && out->s[out->len - 1] == ' ')
				out->len--; /* no padding after the last text */
			sb_putc(out, '\n');
		}
		if (r == 0) {
			for (size_t c = 0; c < t->cols; c++) {
				if (c > 0)
					sb_puts(out, "  ");
				for (size_t i = 0; i < w[c]; i++)
					sb_putc(out, '-');
			}
			sb_putc(out, '\n');
		}
	}
	for (size_t c = 0; c < t->cols; c++)
		free(cell[c]);
	free(cell);
	free(cap);
	free(nl);
}

static void txt_table_records(struct sink *k, const struct table *t, const struct strbuf *flat)
{
	static const char indent[] = "   ";
	size_t rows = table_rows(t), room = TXT_WIDTH - (sizeof indent - 1);
	for (size_t r = 1; r < rows; r++) {
		const struct strbuf *row = &flat[r * t->cols];
		struct strbuf head = {0}, line = {0}, item = {0};
		sb_puts(&head, sb_str(&row[0]));
		if (t->cols > 1)
			sb_printf(&head, "  %s", sb_str(&row[1]));
		if (r > 1)
			sb_putc(k->out, '\n');
		txt_wrap(k->out, sb_str(&head), "", indent, false);
		/* "Header: value" items, as many to a line as fit, never split
		 * unless one alone is longer than a line. */
		for (size_t c = 2; c <= t->cols; c++) {
			sb_reset(&item);
			if (c < t->cols)
				sb_printf(&item, "%s: %s", sb_str(&flat[c]), sb_str(&row[c]));
			size_t iw = txt_width(sb_str(&item), item.len);
			size_t lw = txt_width(sb_str(&line), line.len);
			if (line.len && (c == t->cols || lw + 3 + iw > room)) {
				txt_wrap(k->out, sb_str(&line), indent, indent, false);
				sb_reset(&line);
			}
			if (item.len) {
				if (line.len)
					sb_puts(&line, " · ");
				sb_add(&line, sb_str(&item), item.len);
			}
		}
		sb_free(&head);
		sb_free(&line);
		sb_free(&item);
	}
}

static void txt_table(struct sink *k, const struct table *t)
{
	block_begin(k, false);
	size_t *w = xcalloc(t->cols, sizeof *w);
	struct strbuf *flat = xcalloc(t->n ? t->n : 1, sizeof *flat);
	size_t *cols = xcalloc(t->n ? t->n : 1, sizeof *cols); /* each cell's width */
	for (size_t i = 0; i < t->n; i++) {
		md_flat(&flat[i], t->cell[i]);
		cols[i] = txt_width(sb_str(&flat[i]), flat[i].len);
		if (cols[i] > w[i % t->cols])
			w[i % t->cols] = cols[i];
	}
	if (fit_columns(w, t->cols))
		txt_table_rows(k, t, flat, cols, w);
	else
		txt_table_records(k, t, flat);
	for (size_t i = 0; i < t->n; i++)
		sb_free(&flat[i]);
	free(flat);
	free(cols);
	free(w);
}

static void txt_item(struct sink *k, const char *inl)
{
	block_begin(k, true);
	txt_wrap(k->out, inl, "  - ", "    ", true);
}

/* The text, then the address in <> when it leads out of the document (and
 * is not the text itself). */
static void txt_link(struct strbuf *dst, const char *text, const char *url, size_t url_len,
		     const char *title)
{
	(void)title;
	struct strbuf u = {0};
	sb_add(&u, url, url_len);
	bool out = url_len && url[0] != '#';
	if (!out || strcmp(text, sb_str(&u)) != 0)
		put_safe(dst, text, false);
	if (out) {
		sb_puts(dst, strcmp(text, sb_str(&u)) != 0 ? " <" : "<");
		put_safe(dst, sb_str(&u), false);
		sb_putc(dst, '>');
	}
	sb_free(&u);
}

const struct sink_ops TXT_OPS = {
	.inl = txt_inl,
	.title = txt_title,
	.heading = txt_heading,
	.para = txt_para,
	.quote = txt_quote,
	.table = txt_table,
	.item = txt_item,
	.link = txt_link,
};

