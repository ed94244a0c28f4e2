/* The one text-editing widget's layout: soft-wrapping into rows, kept
 * between keys so that typing costs what changed, not the whole text. */
#include "textedit_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* One soft-wrapped row from `start`. Blanks may use the last column, other
 * text only width-1 columns, so a cursor after a row's text has a cell.
 * Returns true when the row ends its logical line; *next is where the next
 * row starts and *row_width the columns the row uses. */
static bool wrap_row(const char *s, size_t len, int width, size_t start,
		     size_t *end, size_t *next, int *row_width)
{
	size_t i = start, brk = start;
	int col = 0;
	while (i < len && s[i] != '\n') {
		/* A printable ASCII character not followed by a mark: one byte,
		 * one column, without decoding (most text). */
		unsigned char c = (unsigned char)s[i];
		bool plain = c >= 0x20 && c < 0x7f && (i + 1 >= len || (unsigned char)s[i + 1] < 0x80);
		size_t j = plain ? i + 1 : te_cluster_end(s, len, i);
		int w = plain ? 1 : te_span_width(s, i, j);
		bool blank = s[i] == ' ';
		int room = blank ? width : width - 1;
		if (col + w > room && i > start) {
			size_t at = brk > start ? brk : i; /* word wrap, else cut */
			*end = *next = at;
			*row_width = te_span_width(s, start, at);
			return false;
		}
		col += w;
		i = j;
		if (blank)
			brk = i;
	}
	*end = i;
	*next = i < len ? i + 1 : len;
	*row_width = col;
	return true;
}

/* Yields the layout one row at a time, so te_wrap() and te_cursor_rowcol()
 * share it and neither needs a row array of its own. */
struct wrap_walk {
	const char *s;
	size_t len;
	int width;
	size_t pos;
	bool done;
	bool pad;  /* emit an empty row for a cursor after a full line */
};

static bool wrap_next(struct wrap_walk *w, struct te_row *row, bool *last)
{
	if (w->done)
		return false;
	if (w->pad) {
		/* The previous row ended its line using every column. */
		w->pad = false;
		row->start = row->end = w->pos;
		*last = true;
		w->pos = w->pos < w->len ? w->pos + 1 : w->len;
		w->done = row->end == w->len;
		return true;
	}
	size_t end, next;
	int rw;
	*last = wrap_row(w->s, w->len, w->width, w->pos, &end, &next, &rw);
	row->start = w->pos;
	row->end = end;
	if (*last && rw >= w->width && end > w->pos) {
		w->pad = true;
		*last = false;
		w->pos = end;
		return true;
	}
	w->pos = next;
	if (*last && end == w->len)
		w->done = true;
	return true;
}

static void wrap_begin(struct wrap_walk *w, const struct textedit *te,
		       int width)
{
	w->s = sb_str(&te->buf);
	w->len = te->buf.len;
	w->width = width < 1 ? 1 : width;
	w->pos = 0;
	w->done = false;
	w->pad = false;
}

size_t te_wrap(const struct textedit *te, int width, struct te_row *rows,
	       size_t max_rows)
{
	struct wrap_walk w;
	struct te_row row;
	bool last;
	size_t n = 0;
	wrap_begin(&w, te, width);
	while (wrap_next(&w, &row, &last)) {
		if (rows && n < max_rows)
			rows[n] = row;
		n++;
	}
	return n;
}

enum te_result te_move_row(struct textedit *te, int width, bool down)
{
	const struct te_laid *r;
	int col;
	size_t n = te_layout(te, width, &r);
	size_t row = te_layout_cursor(te, width, &col);
	if (down ? row + 1 >= n : row == 0)
		return TE_UNCHANGED;
	if (te->goal_col < 0)
		te->goal_col = col;
	size_t t = down ? row + 1 : row - 1;
	const char *s = sb_str(&te->buf);
	size_t to = te_offset_at_col(s, te->buf.len, r[t].row.start, r[t].row.end, te->goal_col);
	/* The end of a row that the next one goes on from is that row's
	 * beginning: stay on this one, before its last character. */
	if (to == r[t].row.end && !r[t].last && to > r[t].row.start)
		to = te_cluster_start(s, te->buf.len, to);
	return te_move_to(te, to);
}

/* Rows before the one holding the start of the changed word stay; the
 * one before that too, unless the word begins its row (then it may fit
 * there now). */
void te_layout_changed(struct textedit *te, size_t at)
{
	struct te_layout *l = &te->layout;
	l->whole = false;
	const char *s = sb_str(&te->buf);
	while (at > 0 && s[at - 1] != ' ' && s[at - 1] != '\n')
		at--;
	size_t lo = 0, hi = l->n; /* the first row starting after `at` */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->v[mid].row.start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo ? lo - 1 : 0; /* the row the word starts in */
	if (k < l->n && l->v[k].row.start == at && k > 0)
		k--;
	if (k < l->n)
		l->n = k;
}

size_t te_layout(struct textedit *te, int width, const struct te_laid **rows)
{
	struct te_layout *l = &te->layout;
	if (l->width != width) {
		l->width = width;
		l->n = 0;
		l->whole = false;
	}
	if (!l->whole) {
		struct wrap_walk w;
		wrap_begin(&w, te, width);
		if (l->n) { /* go on after the last row kept */
			w.pos = l->v[l->n - 1].walk_pos;
			w.pad = l->v[l->n - 1].walk_pad;
			w.done = l->v[l->n - 1].walk_done;
		}
		for (;;) {
			struct te_laid x;
			if (!wrap_next(&w, &x.row, &x.last))
				break;
			x.walk_pos = w.pos;
			x.walk_pad = w.pad;
			x.walk_done = w.done;
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 16;
				l->v = xrealloc(l->v, l->cap * sizeof *l->v);
			}
			l->v[l->n++] = x;
		}
		l->whole = true;
	}
	*rows = l->v;
	return l->n;
}

size_t te_layout_cursor(struct textedit *te, int width, int *col)
{
	const struct te_laid *r;
	size_t n = te_layout(te, width, &r), cur = te->cursor;
	size_t lo = 0, hi = n; /* the last row starting at or before the cursor */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r[mid].row.start <= cur)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t row = lo ? lo - 1 : 0;
	*col = n ? te_span_width(sb_str(&te->buf), r[row].row.start, cur) : 0;
	return row;
}

void te_cursor_rowcol(const struct textedit *te, int width, int *row,
		      int *col)
{
	struct wrap_walk w;
	struct te_row r;
	bool last;
	size_t n = 0, cur = te->cursor;
	wrap_begin(&w, te, width);
	*row = 0;
	*col = 0;
	while (wrap_next(&w, &r, &last)) {
		/* A cursor at a row's end belongs to the next row, unless the
		 * row ends its logical line. */
		if (r.start <= cur && (cur < r.end || (last && cur == r.end))) {
			*row = n > INT_MAX ? INT_MAX : (int)n;
			*col = te_span_width(w.s, r.start, cur);
			return;
		}
		n++;
	}
}
