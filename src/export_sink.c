/* What the sinks of the document walk share: text made safe, lines,
 * blocks and tables (export_sink.h). */
#include "export_sink.h"

#include <stdlib.h>
#include <string.h>

/* --- text hygiene: text.c's, one clean for everything --- */

size_t clean_run(const char *s, size_t n, bool keep_lines)
{
	return text_clean_run(s, n, keep_lines ? TEXT_MULTILINE : TEXT_SINGLE_LINE);
}

/* Text in the model is clean already; this guards against anything that
 * slipped past it, since an export may be shown with cat. */
void put_safe(struct strbuf *b, const char *s, bool keep_lines)
{
	text_put_clean(b, s, strlen(s), keep_lines ? TEXT_MULTILINE : TEXT_SINGLE_LINE);
}

/* Columns a string takes, by display width (text.c). */
size_t txt_width(const char *s, size_t n)
{
	return (size_t)text_widthn(s, n);
}

/* Splits inline text at '\n'; returns the line's length and moves *p past
 * it (and its '\n'). */
size_t next_line(const char **p, const char **line)
{
	const char *s = *p, *nl = strchr(s, '\n');
	size_t len = nl ? (size_t)(nl - s) : strlen(s);
	*line = s;
	*p = nl ? nl + 1 : s + len;
	return len;
}

/* Blocks are separated by one blank line; list items follow each other. */
void block_begin(struct sink *k, bool item)
{
	if (k->started && !(item && k->in_list))
		sb_putc(k->out, '\n');
	k->started = true;
	k->in_list = item;
}

void table_init(struct table *t, struct sink *k, size_t cols)
{
	memset(t, 0, sizeof *t);
	t->k = k;
	t->cols = cols;
}

void table_add(struct table *t, char *cell)
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

size_t table_rows(const struct table *t)
{
	return t->n / t->cols;
}

void table_free(struct table *t);

/* The table is complete: a sink that waited for it writes it now. */
void table_end(struct table *t)
{
	if (t->k->ops->table)
		t->k->ops->table(t->k, t);
	table_free(t);
}

void table_free(struct table *t)
{
	for (size_t i = 0; t->cell && i < t->n; i++) /* none kept when streamed */
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}
