/* Export of a retrospective's summary.
 *
 * Markdown and plain text share one walk over the document (walk_doc),
 * which speaks to a small "sink": inline text is formatted by the sink as
 * it is added, and blocks (headings, paragraphs, tables, list items) are
 * laid out by it. HTML is the Markdown rendered by cmark-gfm in safe mode;
 * JSON comes from SQLite's JSON functions (store_json.c). Nothing here
 * depends on the clock or the locale, so the same retrospective gives the
 * same bytes. */
#include "debrief/export.h"
#include "debrief/paths.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TXT_WIDTH 76

/* --- formats --- */

static const struct {
	const char *name, *alias, *ext;
} FORMATS[EXPORT_FORMAT_COUNT] = {
	[EXPORT_MD] = {"md", "markdown", ".md"},
	[EXPORT_JSON] = {"json", NULL, ".json"},
	[EXPORT_HTML] = {"html", "htm", ".html"},
	[EXPORT_TXT] = {"txt", "text", ".txt"},
};

int export_format_parse(const char *s)
{
	if (!s)
		return -1;
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
		if (strcasecmp(s, FORMATS[f].name) == 0 ||
		    (FORMATS[f].alias && strcasecmp(s, FORMATS[f].alias) == 0))
			return f;
	return -1;
}

const char *export_format_name(enum export_format f)
{
	return (unsigned)f < EXPORT_FORMAT_COUNT ? FORMATS[f].name : "";
}

const char *export_format_ext(enum export_format f)
{
	return (unsigned)f < EXPORT_FORMAT_COUNT ? FORMATS[f].ext : "";
}

/* --- text hygiene --- */

/* The length of the run at the start of s[0..n) that put_safe copies as
 * it is: printable ASCII, '\n' when lines are kept, and valid UTF-8 past
 * the C1 controls. */
static size_t clean_run(const char *s, size_t n, bool keep_lines)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 0x20 && c < 0x7F) || (c == '\n' && keep_lines)) {
			i++;
			continue;
		}
		if (c < 0x80)
			break;
		unsigned cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || cp < 0xA0)
			break;
		i += len;
	}
	return i;
}

/* Appends s with control characters made visible, as text_clean does. Text
 * in the model is clean already; this guards against anything that slipped
 * past it, since an export may be shown with cat. '\n' is kept only when
 * keep_lines is set. */
static void put_safe(struct strbuf *b, const char *s, bool keep_lines)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		/* Copy what needs nothing done in one piece. */
		size_t ok = clean_run(s + i, n - i, keep_lines);
		sb_add(b, s + i, ok);
		i += ok;
		if (i >= n)
			break;
		unsigned cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			utf8_encode(b, 0xFFFD);
			i++;
			continue;
		}
		i += len;
		if (cp == '\r' && i < n && s[i] == '\n')
			continue;
		if (cp == '\n' || cp == '\r')
			sb_putc(b, keep_lines ? '\n' : ' ');
		else if (cp == '\t')
			sb_putc(b, ' ');
		else /* what clean_run stopped at: a control character */
			utf8_encode(b, control_picture(cp));
	}
}

/* Columns a string takes, by display width (text.c). */
static size_t txt_width(const char *s, size_t n)
{
	return (size_t)text_widthn(s, n);
}

/* Splits inline text at '\n'; returns the line's length and moves *p past
 * it (and its '\n'). */
static size_t next_line(const char **p, const char **line)
{
	const char *s = *p, *nl = strchr(s, '\n');
	size_t len = nl ? (size_t)(nl - s) : strlen(s);
	*line = s;
	*p = nl ? nl + 1 : s + len;
	return len;
}

/* --- the sink --- */

enum style {
	ST_TEXT,   /* user text: escaped, may hold several lines */
	ST_LIT,    /* our own words, known to need no escaping */
	ST_STRONG, /* our own emphasis (labels) */
	ST_EM,     /* asides: "not recorded" */
};

struct sink;

/* A table of inline strings, row-major, row 0 being the header. A sink
 * that can write a table as it comes (Markdown) takes each cell at once;
 * one that must measure it first (plain text) gets it whole at the end. */
struct table {
	struct sink *k;
	size_t cols, n, cap;
	char **cell;
};

struct sink_ops {
	/* Appends s, formatted, to an inline buffer. */
	void (*inl)(struct strbuf *dst, const char *s, enum style st);
	void (*title)(struct sink *k, const char *inl);
	void (*heading)(struct sink *k, int level, const char *inl);
	void (*para)(struct sink *k, const char *inl);
	void (*quote)(struct sink *k, const char *inl, const char *by);
	/* One of the two: the whole table, or each cell as it is added
	 * (index counts from the header's first). */
	void (*table)(struct sink *k, const struct table *t);
	void (*cell)(struct sink *k, size_t index, size_t cols, const char *inl);
	void (*item)(struct sink *k, const char *inl);
};

struct sink {
	const struct sink_ops *ops;
	struct strbuf *out;
	bool started; /* a block has been written */
	bool in_list; /* the last block was a list item */
};

/* Blocks are separated by one blank line; list items follow each other. */
static void block_begin(struct sink *k, bool item)
{
	if (k->started && !(item && k->in_list))
		sb_putc(k->out, '\n');
	k->started = true;
	k->in_list = item;
}

static void table_init(struct table *t, struct sink *k, size_t cols)
{
	memset(t, 0, sizeof *t);
	t->k = k;
	t->cols = cols;
}

static void table_add(struct table *t, char *cell)
{
	if (t->k->ops->cell) {
		t->k->ops->cell(t->k, t->n++, t->cols, cell);
		free(cell);
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cell = xrealloc(t->cell, t->cap * sizeof *t->cell);
	}
	t->cell[t->n++] = cell;
}

static size_t table_rows(const struct table *t)
{
	return t->n / t->cols;
}

static void table_free(struct table *t);

/* The table is complete: a sink that waited for it writes it now. */
static void table_end(struct table *t)
{
	if (t->k->ops->table)
		t->k->ops->table(t->k, t);
	table_free(t);
}

static void table_free(struct table *t)
{
	for (size_t i = 0; t->cell && i < t->n; i++) /* none kept when streamed */
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}

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
static void md_flat(struct strbuf *out, const char *inl)
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

static const struct sink_ops MD_OPS = {
	.inl = md_inl,
	.title = md_title,
	.heading = md_heading,
	.para = md_para,
	.quote = md_quote,
	.cell = md_cell,
	.item = md_item,
};

/* --- plain text --- */

static void txt_inl(struct strbuf *dst, const char *s, enum style st)
{
	if (!s)
		return;
	if (st == ST_LIT)
		sb_puts(dst, s);
	else
		put_safe(dst, s, st == ST_TEXT);
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
		size_t col = txt_width(prefix, strlen(prefix)), start = col;
		sb_puts(out, prefix);
		size_t i = 0;
		while (i < len) {
			while (i < len && line[i] == ' ')
				i++;
			size_t j = i;
			while (j < len && line[j] != ' ')
				j++;
			if (j == i)
				break;
			size_t w = txt_width(line + i, j - i);
			if (col > start && col + 1 + w > TXT_WIDTH) {
				sb_putc(out, '\n');
				sb_puts(out, cont);
				col = start = txt_width(cont, strlen(cont));
			} else if (col > start) {
				sb_putc(out, ' ');
				col++;
			}
			sb_add(out, line + i, j - i);
			col += w;
			i = j;
		}
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

/* Splits s into lines of at most width columns, at spaces where it can
 * (a longer word is cut). Returns how many; lines[i] are copies. */
static size_t wrap_cell(const char *s, size_t width, char ***lines)
{
	size_t n = 0, cap = 4, len = strlen(s);
	*lines = xcalloc(cap, sizeof **lines);
	size_t i = 0;
	do {
		while (i < len && s[i] == ' ')
			i++;
		size_t start = i, end = i, w = 0, last_space = 0;
		bool spaced = false;
		while (end < len) {
			/* One character and its combining marks at a time. */
			unsigned cp;
			size_t c = text_next_cp(s + end, len - end, &cp);
			size_t cw = (size_t)text_cp_width(cp);
			while (end + c < len) {
				unsigned mark;
				size_t ml = text_next_cp(s + end + c, len - end - c, &mark);
				if (mark < 0x80 || text_cp_width(mark) != 0)
					break;
				c += ml;
			}
			if (w + cw > width && end > start)
				break;
			if (s[end] == ' ') {
				last_space = end;
				spaced = true;
			}
			end += c;
			w += cw;
		}
		if (end < len && s[end] != ' ' && spaced) /* break at the last space */
			end = last_space;
		size_t stop = end;
		while (stop > start && s[stop - 1] == ' ')
			stop--;
		if (n == cap)
			*lines = xrealloc(*lines, (cap *= 2) * sizeof **lines);
		(*lines)[n++] = xstrndup(s + start, stop - start);
		i = end;
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
			   const size_t *w)
{
	size_t rows = table_rows(t);
	char ***cell = xcalloc(t->cols, sizeof *cell);
	size_t *nl = xcalloc(t->cols, sizeof *nl);
	for (size_t r = 0; r < rows; r++) {
		size_t height = 1;
		for (size_t c = 0; c < t->cols; c++) {
			nl[c] = wrap_cell(sb_str(&flat[r * t->cols + c]), w[c], &cell[c]);
			if (nl[c] > height)
				height = nl[c];
		}
		for (size_t l = 0; l < height; l++) {
			struct strbuf line = {0};
			for (size_t c = 0; c < t->cols; c++) {
				const char *part = l < nl[c] ? cell[c][l] : "";
				if (c > 0)
					sb_puts(&line, "  ");
				sb_puts(&line, part);
				if (c + 1 < t->cols)
					sb_printf(&line, "%*s", (int)(w[c] - txt_width(part, strlen(part))), "");
			}
			while (line.len && line.s[line.len - 1] == ' ')
				line.s[--line.len] = '\0';
			sb_puts(k->out, sb_str(&line));
			sb_putc(k->out, '\n');
			sb_free(&line);
		}
		for (size_t c = 0; c < t->cols; c++) {
			for (size_t l = 0; l < nl[c]; l++)
				free(cell[c][l]);
			free(cell[c]);
		}
		if (r == 0) {
			for (size_t c = 0; c < t->cols; c++) {
				if (c > 0)
					sb_puts(k->out, "  ");
				for (size_t i = 0; i < w[c]; i++)
					sb_putc(k->out, '-');
			}
			sb_putc(k->out, '\n');
		}
	}
	free(nl);
	free(cell);
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
	for (size_t i = 0; i < t->n; i++) {
		md_flat(&flat[i], t->cell[i]);
		size_t cw = txt_width(sb_str(&flat[i]), flat[i].len);
		if (cw > w[i % t->cols])
			w[i % t->cols] = cw;
	}
	if (fit_columns(w, t->cols))
		txt_table_rows(k, t, flat, w);
	else
		txt_table_records(k, t, flat);
	for (size_t i = 0; i < t->n; i++)
		sb_free(&flat[i]);
	free(flat);
	free(w);
}

static void txt_item(struct sink *k, const char *inl)
{
	block_begin(k, true);
	txt_wrap(k->out, inl, "  - ", "    ", false);
}

static const struct sink_ops TXT_OPS = {
	.inl = txt_inl,
	.title = txt_title,
	.heading = txt_heading,
	.para = txt_para,
	.quote = txt_quote,
	.table = txt_table,
	.item = txt_item,
};

/* --- the walk: one document, whatever the sink --- */

static char *inl_new(struct sink *k, const char *s, enum style st)
{
	struct strbuf b = {0};
	k->ops->inl(&b, s, st);
	return sb_take(&b);
}

/* A value, or an aside saying it is missing. */
static char *inl_value(struct sink *k, const char *s)
{
	return (s && *s) ? inl_new(k, s, ST_TEXT) : inl_new(k, "—", ST_LIT);
}

static void add_row(struct sink *k, struct table *t, const char *label, char *value)
{
	table_add(t, inl_new(k, label, ST_LIT));
	table_add(t, value);
}

static void emit_para(struct sink *k, const char *s, enum style st)
{
	char *x = inl_new(k, s, st);
	k->ops->para(k, x);
	free(x);
}

static void emit_heading(struct sink *k, int level, const char *s)
{
	char *x = inl_new(k, s, ST_LIT);
	k->ops->heading(k, level, x);
	free(x);
}

/* "14:05 +01:00", with the date in front when it is not *prev_date; the
 * date goes into prev_date (32 bytes) for the next line when it is given. */
static void format_when(struct instant t, char *prev_date, char *buf, size_t size)
{
	char date[32], clock[16], off[16];
	instant_format_date(t, date, sizeof date);
	instant_format_clock(t, clock, sizeof clock);
	offset_format(t.offset_min, off, sizeof off);
	char *p = buf, *end = buf + size - 1;
	bool same_day = prev_date && strcmp(prev_date, date) == 0;
	const char *parts[3] = {same_day ? NULL : date, clock, off};
	for (int i = 0; i < 3; i++) {
		if (!parts[i])
			continue;
		if (p > buf && p < end)
			*p++ = ' ';
		for (const char *q = parts[i]; *q && p < end; q++)
			*p++ = *q;
	}
	*p = '\0';
	if (prev_date && !same_day)
		memcpy(prev_date, date, sizeof date);
}

/* Each note as a list item: its text, then who wrote it and when. */
static void emit_notes(struct sink *k, const struct note *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct strbuf b = {0};
		char clock[16];
		instant_format_clock((struct instant){v[i]->created_at, v[i]->offset_min}, clock,
				     sizeof clock);
		k->ops->inl(&b, v[i]->body, ST_TEXT);
		k->ops->inl(&b, " — ", ST_LIT);
		k->ops->inl(&b, author_role_name(v[i]->role), ST_LIT);
		k->ops->inl(&b, ", ", ST_LIT);
		k->ops->inl(&b, clock, ST_LIT);
		k->ops->item(k, sb_str(&b));
		sb_free(&b);
	}
}

/* The participants, split at commas, trimmed, empty names dropped, joined
 * again with ", ". NULL when there are none. */
static char *participants_list(const char *s)
{
	if (!s)
		return NULL;
	struct strbuf b = {0};
	char *copy = xstrdup(s);
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		str_trim(name);
		if (!*name)
			continue;
		if (b.len)
			sb_puts(&b, ", ");
		sb_puts(&b, name);
	}
	free(copy);
	if (!b.len)
		return NULL;
	return sb_take(&b);
}

static size_t question_number(const struct retro_doc *doc, const char *id)
{
	for (size_t i = 0; i < doc->n_questions; i++)
		if (strcmp(doc->questions[i].id, id) == 0)
			return i + 1;
	return 0;
}

static void walk_facts(struct sink *k, const struct retro *r)
{
	struct table t;
	table_init(&t, k, 2);
	table_add(&t, inl_new(k, "Field", ST_LIT));
	table_add(&t, inl_new(k, "Value", ST_LIT));
	add_row(k, &t, "Incident", inl_value(k, r->incident_ref));
	add_row(k, &t, "Severity", inl_value(k, r->severity));
	add_row(k, &t, "Incident date", inl_value(k, r->incident_date));
	add_row(k, &t, "Status", inl_value(k, retro_status_name(r->status)));
	add_row(k, &t, "Facilitator", inl_value(k, r->facilitator));
	add_row(k, &t, "Scribe", inl_value(k, r->scribe));
	table_end(&t);
}

static void walk_text_section(struct sink *k, const char *heading, const char *text)
{
	emit_heading(k, 2, heading);
	if (text && *text)
		emit_para(k, text, ST_TEXT);
	else
		emit_para(k, "Not recorded.", ST_EM);
}

static char *inl_duration(struct sink *k, bool has, int64_t secs)
{
	if (!has)
		return inl_new(k, "not known", ST_EM);
	char buf[48];
	duration_format(secs, buf, sizeof buf);
	return inl_new(k, buf, ST_LIT);
}

static void walk_durations(struct sink *k, const struct retro_doc *doc)
{
	struct durations d;
	model_durations(doc->events, doc->n_events, &d);
	emit_heading(k, 2, "Durations");
	struct table t;
	table_init(&t, k, 2);
	table_add(&t, inl_new(k, "Measure", ST_LIT));
	table_add(&t, inl_new(k, "Duration", ST_LIT));
	add_row(k, &t, "Time to detect", inl_duration(k, d.has_detect, d.detect));
	add_row(k, &t, "Time to mitigate", inl_duration(k, d.has_mitigate, d.mitigate));
	add_row(k, &t, "Time to resolve", inl_duration(k, d.has_resolve, d.resolve));
	add_row(k, &t, "Impact duration", inl_duration(k, d.has_impact, d.impact));
	table_end(&t);

	if (!d.has_start) {
		emit_para(k, "Computed from the timeline; it has no impact start or trigger "
			     "to measure from.", ST_EM);
		return;
	}
	bool impact = false;
	for (size_t i = 0; i < doc->n_events; i++)
		impact |= doc->events[i].kind == EV_IMPACT_START;
	char when[64], line[160];
	format_when(d.start, NULL, when, sizeof when);
	snprintf(line, sizeof line, "Computed from the timeline, measured from %s at %s.",
		 impact ? "the start of impact" : "the trigger", when);
	emit_para(k, line, ST_LIT);
}

static void walk_prime(struct sink *k)
{
	emit_heading(k, 2, "Prime Directive");
	char *text = inl_new(k, PRIME_DIRECTIVE, ST_TEXT);
	char *by = inl_new(k, PRIME_DIRECTIVE_BY, ST_TEXT);
	k->ops->quote(k, text, by);
	free(text);
	free(by);
}

static void role_item(struct sink *k, const char *label, const char *who)
{
	struct strbuf b = {0};
	k->ops->inl(&b, label, ST_STRONG);
	k->ops->inl(&b, " ", ST_LIT);
	if (who && *who)
		k->ops->inl(&b, who, ST_TEXT);
	else
		k->ops->inl(&b, "not recorded", ST_EM);
	k->ops->item(k, sb_str(&b));
	sb_free(&b);
}

static void walk_attendance(struct sink *k, const struct retro *r)
{
	emit_heading(k, 2, "Attendance and roles");
	char *people = participants_list(r->participants);
	role_item(k, "Facilitator:", r->facilitator);
	role_item(k, "Scribe:", r->scribe);
	role_item(k, "Participants:", people);
	free(people);
}

static void walk_timeline(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "Timeline");
	if (doc->n_events == 0) {
		emit_para(k, "No events were recorded.", ST_EM);
		return;
	}
	struct table t;
	table_init(&t, k, 4);
	table_add(&t, inl_new(k, "Time", ST_LIT));
	table_add(&t, inl_new(k, "Kind", ST_LIT));
	table_add(&t, inl_new(k, "Event", ST_LIT));
	table_add(&t, inl_new(k, "Mark", ST_LIT));
	char prev_date[32] = "";
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct event *ev = &doc->events[i];
		char when[64];
		format_when(ev->time, prev_date, when, sizeof when);
		table_add(&t, inl_new(k, when, ST_LIT));
		table_add(&t, inl_new(k, event_kind_title(ev->kind), ST_LIT));
		table_add(&t, inl_new(k, ev->text, ST_TEXT));
		table_add(&t, inl_new(k, event_mark_title(ev->mark), ST_LIT));
	}
	table_end(&t);

	/* A table cell cannot hold a list, so the notes follow the table, each
	 * event that has any named on a line of its own. */
	bool heading = false;
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct event *ev = &doc->events[i];
		const struct note **v;
		size_t n = model_notes_for(doc, STAGE_TIMELINE, ev->id, NULL, NULL, &v);
		if (n > 0) {
			if (!heading)
				emit_heading(k, 3, "Notes on the timeline");
			heading = true;
			char when[64];
			format_when(ev->time, NULL, when, sizeof when);
			struct strbuf b = {0};
			k->ops->inl(&b, when, ST_STRONG);
			k->ops->inl(&b, " · ", ST_LIT);
			k->ops->inl(&b, event_kind_title(ev->kind), ST_LIT);
			k->ops->inl(&b, ": ", ST_LIT);
			k->ops->inl(&b, ev->text, ST_TEXT);
			k->ops->para(k, sb_str(&b));
			sb_free(&b);
			emit_notes(k, v, n);
		}
		free(v);
	}
}

static void walk_questions(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "The seven questions");
	if (doc->n_questions == 0)
		emit_para(k, "No questions on the agenda.", ST_EM);
	for (size_t i = 0; i < doc->n_questions; i++) {
		const struct question *q = &doc->questions[i];
		struct strbuf b = {0};
		char num[24];
		snprintf(num, sizeof num, "%zu. ", i + 1);
		k->ops->inl(&b, num, ST_LIT);
		k->ops->inl(&b, q->title, ST_TEXT);
		k->ops->heading(k, 3, sb_str(&b));
		sb_free(&b);
		if (q->custom)
			emit_para(k, "Added during the meeting.", ST_EM);
		const struct note **v;
		size_t n = model_notes_for(doc, STAGE_QUESTIONS, NULL, q->id, NULL, &v);
		if (n == 0)
			emit_para(k, "No notes.", ST_EM);
		emit_notes(k, v, n);
		free(v);
	}
}

/* Where an action item came from: the event (its time and text) or the
 * question (its number). */
static char *inl_origin(struct sink *k, const struct retro_doc *doc, const struct action *a)
{
	struct strbuf b = {0};
	const struct event *ev = a->origin_event[0] ? doc_event(doc, a->origin_event) : NULL;
	size_t qn = a->origin_question[0] ? question_number(doc, a->origin_question) : 0;
	if (ev) {
		char clock[16];
		instant_format_clock(ev->time, clock, sizeof clock);
		k->ops->inl(&b, "Event ", ST_LIT);
		k->ops->inl(&b, clock, ST_LIT);
		k->ops->inl(&b, " ", ST_LIT);
		k->ops->inl(&b, ev->text, ST_TEXT);
	}
	if (qn) {
		char num[32];
		snprintf(num, sizeof num, "%sQuestion %zu", ev ? "; " : "", qn);
		k->ops->inl(&b, num, ST_LIT);
	}
	if (!b.len)
		k->ops->inl(&b, "—", ST_LIT);
	return sb_take(&b);
}

static void walk_actions(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "Action items");
	if (doc->n_actions == 0) {
		emit_para(k, "No action items were recorded.", ST_EM);
		return;
	}
	static const char *const head[] = {"#", "Action", "Owner", "Due", "Type",
					   "Priority", "Status", "Tracker", "From"};
	struct table t;
	table_init(&t, k, sizeof head / sizeof head[0]);
	for (size_t c = 0; c < t.cols; c++)
		table_add(&t, inl_new(k, head[c], ST_LIT));
	for (size_t i = 0; i < doc->n_actions; i++) {
		const struct action *a = &doc->actions[i];
		char num[24];
		snprintf(num, sizeof num, "%zu", i + 1);
		table_add(&t, inl_new(k, num, ST_LIT));
		table_add(&t, inl_new(k, a->title, ST_TEXT));
		table_add(&t, (a->owner && *a->owner) ? inl_new(k, a->owner, ST_TEXT)
						      : inl_new(k, "unassigned", ST_STRONG));
		table_add(&t, inl_value(k, a->due));
		table_add(&t, inl_new(k, action_type_name(a->type), ST_LIT));
		table_add(&t, inl_new(k, priority_name(a->priority), ST_LIT));
		table_add(&t, inl_new(k, action_status_name(a->status), ST_LIT));
		table_add(&t, inl_value(k, a->tracker_ref));
		table_add(&t, inl_origin(k, doc, a));
	}
	table_end(&t);

	bool heading = false;
	for (size_t i = 0; i < doc->n_actions; i++) {
		const struct action *a = &doc->actions[i];
		const struct note **v;
		size_t n = model_notes_for(doc, STAGE_ACTIONS, NULL, NULL, a->id, &v);
		if (n > 0) {
			if (!heading)
				emit_heading(k, 3, "Notes on action items");
			heading = true;
			struct strbuf b = {0};
			char num[24];
			snprintf(num, sizeof num, "%zu.", i + 1);
			k->ops->inl(&b, num, ST_STRONG);
			k->ops->inl(&b, " ", ST_LIT);
			k->ops->inl(&b, a->title, ST_TEXT);
			k->ops->para(k, sb_str(&b));
			sb_free(&b);
			emit_notes(k, v, n);
		}
		free(v);
	}
}

/* Whether the note hangs under something the export shows elsewhere. */
static bool note_anchored(const struct retro_doc *doc, const struct note *x)
{
	if (x->event_id[0])
		return doc_event(doc, x->event_id) != NULL;
	if (x->question_id[0])
		return doc_question(doc, x->question_id) != NULL;
	if (x->action_id[0])
		return doc_action(doc, x->action_id) != NULL;
	return false;
}

/* Notes on a stage as a whole, by stage. A note whose event, question or
 * action is gone comes here too, so that no note is left out. */
static void walk_stage_notes(struct sink *k, const struct retro_doc *doc)
{
	const struct note **v = xcalloc(doc->n_notes + 1, sizeof *v);
	bool heading = false;
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		size_t n = 0;
		for (size_t i = 0; i < doc->n_notes; i++)
			if ((int)doc->notes[i].stage == s && !note_anchored(doc, &doc->notes[i]))
				v[n++] = &doc->notes[i];
		if (n == 0)
			continue;
		if (!heading)
			emit_heading(k, 2, "Notes by stage");
		heading = true;
		emit_heading(k, 3, stage_title((enum stage)s));
		emit_notes(k, v, n);
	}
	free(v);
}

static void walk_thanks(struct sink *k, const struct retro *r)
{
	emit_heading(k, 2, "Thanks");
	struct strbuf names = {0};
	const char *roles[] = {r->facilitator, r->scribe};
	for (size_t i = 0; i < 2; i++) {
		if (roles[i] && *roles[i]) {
			if (names.len)
				sb_puts(&names, ", ");
			sb_puts(&names, roles[i]);
		}
	}
	char *people = participants_list(r->participants);
	if (people) {
		if (names.len)
			sb_puts(&names, ", ");
		sb_puts(&names, people);
		free(people);
	}
	struct strbuf b = {0};
	if (names.len) {
		k->ops->inl(&b, "Thank you to everyone who took part: ", ST_LIT);
		k->ops->inl(&b, sb_str(&names), ST_TEXT);
		k->ops->inl(&b, ".", ST_LIT);
	} else {
		k->ops->inl(&b, "Thank you to everyone who took part.", ST_LIT);
	}
	k->ops->para(k, sb_str(&b));
	sb_free(&b);
	sb_free(&names);
}

static void walk_doc(struct sink *k, const struct retro_doc *doc)
{
	const struct retro *r = &doc->retro;
	char *title = inl_new(k, r->title ? r->title : "Untitled retrospective", ST_TEXT);
	k->ops->title(k, title);
	free(title);
	emit_para(k, "Blameless incident retrospective", ST_EM);
	walk_facts(k, r);
	walk_text_section(k, "Customer impact", r->impact);
	walk_text_section(k, "Trigger", r->trigger);
	walk_durations(k, doc);
	walk_prime(k);
	walk_attendance(k, r);
	walk_timeline(k, doc);
	walk_questions(k, doc);
	walk_actions(k, doc);
	walk_stage_notes(k, doc);
	walk_thanks(k, r);
}

static void render_with(const struct sink_ops *ops, const struct retro_doc *doc,
			struct strbuf *out)
{
	struct sink k = {.ops = ops, .out = out};
	walk_doc(&k, doc);
}

/* --- HTML --- */

static void html_escape(struct strbuf *b, const char *s)
{
	struct strbuf clean = {0};
	put_safe(&clean, s, false);
	for (const char *p = sb_str(&clean); *p; p++) {
		switch (*p) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		case '\'': sb_puts(b, "&#39;"); break;
		default: sb_putc(b, *p);
		}
	}
	sb_free(&clean);
}

static const char HTML_STYLE[] =
	"body{font:16px/1.5 -apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;"
	"color:#111;background:#fff;max-width:62em;margin:2em auto;padding:0 1em}\n"
	"h1{font-size:1.9em;margin:0 0 .2em;border-bottom:2px solid #222;padding-bottom:.2em}\n"
	"h2{font-size:1.35em;margin-top:1.8em;border-bottom:1px solid #bbb;padding-bottom:.15em}\n"
	"h3{font-size:1.1em;margin-top:1.3em}\n"
	"table{border-collapse:collapse;margin:.6em 0}\n"
	"th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}\n"
	"th{background:#eee}\n"
	"tbody tr:nth-child(even){background:#f8f8f8}\n"
	"blockquote{margin:1em 0;padding:.5em 1.2em;border-left:4px solid #777;"
	"background:#f4f4f4;font-size:1.05em}\n"
	"ul{padding-left:1.5em}li{margin:.15em 0}\n"
	"em{color:#555}\n"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}"
	"h1,h2,h3{break-after:avoid;page-break-after:avoid}"
	"tr,li,blockquote{break-inside:avoid;page-break-inside:avoid}"
	"th,tbody tr:nth-child(even),blockquote{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}}\n";

static int render_html(const struct retro_doc *doc, struct strbuf *out, struct err *e)
{
	struct strbuf md = {0};
	render_with(&MD_OPS, doc, &md);

	cmark_gfm_core_extensions_ensure_registered();
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (!table || !parser || !cmark_parser_attach_syntax_extension(parser, table)) {
		if (parser)
			cmark_parser_free(parser);
		sb_free(&md);
		return err_set(e, "cannot render HTML: the Markdown table extension is missing");
	}
	cmark_parser_feed(parser, sb_str(&md), md.len);
	cmark_node *root = cmark_parser_finish(parser);
	/* CMARK_OPT_DEFAULT is safe mode: raw HTML and dangerous URLs are
	 * dropped. Never CMARK_OPT_UNSAFE: the text is the room's. */
	char *body = root ? cmark_render_html(root, CMARK_OPT_DEFAULT,
					      cmark_parser_get_syntax_extensions(parser))
			  : NULL;
	if (root)
		cmark_node_free(root);
	cmark_parser_free(parser);
	sb_free(&md);
	if (!body)
		return err_set(e, "cannot render HTML");

	sb_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	/* Self-contained: nothing is fetched and nothing runs. */
	sb_puts(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		     "style-src 'unsafe-inline'\">\n");
	sb_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	sb_puts(out, "<title>");
	html_escape(out, doc->retro.title ? doc->retro.title : "Untitled retrospective");
	sb_puts(out, " — retrospective</title>\n<style>\n");
	sb_puts(out, HTML_STYLE);
	sb_puts(out, "</style>\n</head>\n<body>\n<main>\n");
	sb_puts(out, body);
	sb_puts(out, "</main>\n</body>\n</html>\n");
	cmark_get_default_mem_allocator()->free(body);
	return 0;
}

/* --- JSON --- */

static void json_seconds(struct strbuf *b, const char *key, bool has, int64_t v)
{
	if (has)
		sb_printf(b, ",\"%s\":%lld", key, (long long)v);
	else
		sb_printf(b, ",\"%s\":null", key);
}

/* The derived values. Only numbers, null and times we format ourselves go
 * in, so no string escaping is needed. */
static char *computed_json(const struct retro_doc *doc, size_t n_events)
{
	struct durations d;
	model_durations(doc->events, doc->n_events, &d);
	struct strbuf b = {0};
	if (d.has_start) {
		char iso[64];
		instant_format_iso(d.start, iso, sizeof iso);
		sb_printf(&b, "{\"measured_from\":\"%s\"", iso);
	} else {
		sb_puts(&b, "{\"measured_from\":null");
	}
	json_seconds(&b, "time_to_detect_seconds", d.has_detect, d.detect);
	json_seconds(&b, "time_to_mitigate_seconds", d.has_mitigate, d.mitigate);
	json_seconds(&b, "time_to_resolve_seconds", d.has_resolve, d.resolve);
	json_seconds(&b, "impact_duration_seconds", d.has_impact, d.impact);
	sb_printf(&b, ",\"events\":%zu,\"actions\":%zu", n_events, doc->n_actions);
	size_t unowned = 0, open = 0;
	for (size_t i = 0; i < doc->n_actions; i++) {
		unowned += !doc->actions[i].owner || !*doc->actions[i].owner;
		open += doc->actions[i].status == ACT_OPEN;
	}
	sb_printf(&b, ",\"actions_open\":%zu,\"actions_unassigned\":%zu}", open, unowned);
	return sb_take(&b);
}

static int render_json(struct store *st, const struct retro_doc *doc, size_t n_events,
		       struct strbuf *out, struct err *e)
{
	if (!st)
		return err_set(e, "cannot export JSON without the database");
	char *computed = computed_json(doc, n_events);
	int rc = store_retro_json(st, doc->retro.id, computed, out, e);
	free(computed);
	return rc == 0 ? 0 : -1;
}

/* --- entry points --- */

int export_render(struct store *st, const struct retro_doc *doc,
		  enum export_format f, struct strbuf *out, struct err *e)
{
	switch (f) {
	case EXPORT_MD:
		render_with(&MD_OPS, doc, out);
		return 0;
	case EXPORT_TXT:
		render_with(&TXT_OPS, doc, out);
		return 0;
	case EXPORT_HTML:
		return render_html(doc, out, e);
	case EXPORT_JSON:
		return render_json(st, doc, doc->n_events, out, e);
	case EXPORT_FORMAT_COUNT:
		break;
	}
	return err_set(e, "unknown export format");
}

int export_retro(struct store *st, const char *retro_id, enum export_format f,
		 struct strbuf *out, struct err *e)
{
	struct retro_doc doc;
	size_t n_events;
	int rc;
	if (f == EXPORT_JSON) {
		if (model_load_outline(st, retro_id, &doc, &n_events, e) != 0)
			return -1;
		rc = render_json(st, &doc, n_events, out, e);
	} else {
		if (model_load(st, retro_id, &doc, e) != 0)
			return -1;
		rc = export_render(st, &doc, f, out, e);
	}
	model_doc_free(&doc);
	return rc;
}

int export_to_file(struct store *st, const char *retro_id, const struct retro_doc *doc,
		   enum export_format f, const char *path, struct err *e)
{
	struct strbuf out = {0};
	int rc = doc ? export_render(st, doc, f, &out, e) : export_retro(st, retro_id, f, &out, e);
	if (rc == 0) {
		if (path && strcmp(path, "-") != 0)
			rc = file_write_atomic(path, sb_str(&out), out.len, e);
		else if (fwrite(sb_str(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0)
			rc = err_set(e, "cannot write the export to standard output");
	}
	sb_free(&out);
	return rc;
}
