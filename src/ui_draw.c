/* Drawing helpers: UTF-8 text measured by display width, clipped, wrapped. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "debrief/text.h"
#include "ui_internal.h"

/* Widths come from text.c: one measure for the screen, the exports and
 * the command line. */
static int cp_width(unsigned cp)
{
	return text_cp_width(cp);
}

static size_t next_cp(const char *s, size_t n, unsigned *cp)
{
	return text_next_cp(s, n, cp);
}

/* Printable ASCII that fits goes in as whole cells (mvaddchnstr): the
 * wide-character path handles each character as if typed, several times
 * the cost, none of it needed for text already measured and cleaned. */
static bool draw_ascii(int y, int x, int width, const char *s, size_t n, unsigned attr)
{
	chtype cells[512];
	if (n > (size_t)width || n > sizeof cells / sizeof cells[0])
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			return false;
		cells[i] = (chtype)c | (chtype)attr;
	}
	if (n > 0)
		mvaddchnstr(y, x, cells, (int)n);
	return true;
}

/* What a character is drawn as where the terminal's character set is not
 * UTF-8 (LANG=C): the program's own symbols as the nearest ASCII, of the
 * same width (… as ~, as Midnight Commander cuts names), anything else as
 * ? a column (a blank would hide that something is there). */
static wchar_t ascii_for(unsigned cp)
{
	switch (cp) {
	case 0x00B7: return L'.';                          /* · */
	case 0x203A: return L'>';                          /* › */
	case 0x2039: return L'<';                          /* ‹ */
	case 0x2013: case 0x2014: case 0x2500: return L'-'; /* – — ─ */
	case 0x2501: return L'=';                          /* ━ */
	case 0x2502: return L'|';                          /* │ */
	case 0x2026: return L'~';                          /* … */
	case 0x25CF: case 0x2022: return L'*';             /* ● • */
	case 0x2713: return L'+';                          /* ✓ */
	case 0x2717: return L'x';                          /* ✗ */
	case 0x201C: case 0x201D: return L'"';             /* “ ” */
	case 0x2018: case 0x2019: return L'\'';            /* ‘ ’ */
	case 0x2424: return L'|';                          /* ␤, a pasted line break */
	default: return cp >= 0x2400 && cp <= 0x2426 ? L'^' : L'?'; /* ␛ and the other pictures */
	}
}

int draw_textn(int y, int x, int width, const char *s, size_t n, unsigned attr)
{
	if (width <= 0)
		return 0;
	if (draw_ascii(y, x, width, s, n, attr))
		return (int)n;
	wchar_t buf[512];
	size_t k = 0, i = 0;
	int used = 0;
	while (i < n && k < sizeof buf / sizeof buf[0] - 1) {
		unsigned cp;
		i += next_cp(s + i, n - i, &cp);
		/* Text is cleaned before it is stored; this is the last guard
		 * that nothing raw reaches the terminal. */
		cp = control_picture(cp);
		if (text_cp_hidden(cp))
			continue; /* measured 0, so drawn as nothing */
		int w = cp_width(cp);
		if (used + w > width)
			break;
		if (cp >= 0x80 && !term_utf8())
			for (int c = 0; c < w && k < sizeof buf / sizeof buf[0] - 1; c++)
				buf[k++] = ascii_for(cp);
		else
			buf[k++] = (wchar_t)cp;
		used += w;
	}
	buf[k] = L'\0';
	attr_t old_attr;
	short old_pair;
	attr_get(&old_attr, &old_pair, NULL);
	attrset(attr);
	mvaddnwstr(y, x, buf, (int)k);
	attrset(old_attr);
	return used;
}

int draw_text(int y, int x, int width, const char *s, unsigned attr)
{
	return draw_textn(y, x, width, s, strlen(s), attr);
}

int draw_text_fit(int y, int x, int width, const char *s, unsigned attr)
{
	if (width <= 0)
		return 0;
	if (text_width(s) <= width)
		return draw_text(y, x, width, s, attr);
	/* Cut, and say so: a reader should know there is more. */
	int used = draw_text(y, x, width - 1, s, attr);
	return used + draw_text(y, x + used, 1, "…", attr);
}

void draw_fill(int y, int x, int width, unsigned attr)
{
	if (width <= 0)
		return;
	attr_t old_attr;
	short old_pair;
	attr_get(&old_attr, &old_pair, NULL);
	attrset(attr);
	mvhline(y, x, ' ', width);
	attrset(old_attr);
}

void draw_centred(int y, int x, int width, const char *s, unsigned attr)
{
	int w = text_width(s);
	int pad = w < width ? (width - w) / 2 : 0;
	draw_text_fit(y, x + pad, width - pad, s, attr);
}

/* Rows by text_wrap_row(), the wrap the exports use too; '\n' ends a row. */
size_t wrap_text(const char *s, int width, struct wrap_row *rows, size_t max)
{
	size_t n = strlen(s), i = 0, count = 0;
	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t line_end = nl ? (size_t)(nl - s) : n;
		do {
			size_t next;
			size_t len = text_wrap_row(s + i, line_end - i, width, true, &next);
			if (count < max) {
				rows[count].start = i;
				rows[count].len = len;
			}
			count++;
			i += next;
		} while (i < line_end);
		if (!nl)
			break;
		i = line_end + 1;
	}
	return count;
}

int draw_wrapped(int y, int x, int width, int height, const char *s, size_t skip,
		 unsigned attr)
{
	struct wrap_row rows[256];
	size_t total = wrap_text(s, width, rows, 256);
	if (total > 256)
		total = 256;
	int drawn = 0;
	for (size_t r = skip; r < total && drawn < height; r++, drawn++) {
		/* Trim the spaces a wrap leaves at a row's end. */
		size_t len = rows[r].len;
		while (len > 0 && s[rows[r].start + len - 1] == ' ')
			len--;
		draw_textn(y + drawn, x, width, s + rows[r].start, len, attr);
	}
	return drawn;
}

/* Whether the view showed, at the same place and look, text from `start`
 * that the text now begins with (typing at the end). */
static bool view_goes_on(const struct input_view *v, int y, int x, int width, unsigned attr,
			 size_t start, const char *text, size_t n)
{
	return v->valid && v->y == y && v->x == x && v->width == width && v->attr == attr &&
	       v->start == start && n >= v->shown.len && memcmp(text, sb_str(&v->shown), v->shown.len) == 0;
}

static void view_keep(struct input_view *v, int y, int x, int width, unsigned attr,
		      size_t start, const char *text, size_t n)
{
	v->valid = true;
	v->y = y;
	v->x = x;
	v->width = width;
	v->attr = attr;
	v->start = start;
	sb_reset(&v->shown);
	sb_add(&v->shown, text, n);
}

void draw_input(struct input_view *v, int y, int x, int width, struct textedit *te,
		unsigned attr, int *cursor_x)
{
	size_t start, end;
	int col;
	te_view_line(te, width, &start, &end, &col);
	const char *text = te_text(te) + start;
	size_t n = end - start;
	*cursor_x = x + col;
	/* Typing at the end only appends: draw the new characters alone, so a
	 * key costs a few cells, not the whole line. */
	if (view_goes_on(v, y, x, width, attr, start, text, n)) {
		draw_textn(y, x + v->shown_width, width - v->shown_width, text + v->shown.len,
			   n - v->shown.len, attr);
	} else {
		draw_fill(y, x, width, attr);
		draw_textn(y, x, width, text, n, attr);
	}
	view_keep(v, y, x, width, attr, start, text, n);
	v->shown_width = text_width(sb_str(&v->shown));
	v->n_shown = 0;
}

int input_rows_for(struct textedit *te, int width, int max)
{
	const struct te_laid *r;
	if (max <= 1 || width < 2)
		return 1;
	size_t n = te_layout(te, width, &r);
	return n < (size_t)max ? (int)n : max;
}

/* The rows shown: the cursor's in the window, which moves only when the
 * cursor would leave it. */
static size_t window_first(const struct input_view *v, int rows, size_t n, size_t crow)
{
	size_t first = v->rows == rows && v->n_shown ? v->first : 0; /* (kept over a redraw) */
	if (crow < first)
		first = crow;
	if (crow >= first + (size_t)rows)
		first = crow - (size_t)rows + 1;
	if (first + (size_t)rows > n)
		first = n > (size_t)rows ? n - (size_t)rows : 0;
	return first;
}

void draw_input_rows(struct input_view *v, int y, int x, int width, int rows,
		     struct textedit *te, unsigned attr, int *cursor_y, int *cursor_x)
{
	if (rows > INPUT_ROWS_MAX)
		rows = INPUT_ROWS_MAX;
	if (rows <= 1) {
		*cursor_y = y;
		draw_input(v, y, x, width, te, attr, cursor_x);
		return;
	}
	const struct te_laid *r;
	size_t n = te_layout(te, width, &r);
	int ccol;
	size_t crow = te_layout_cursor(te, width, &ccol);
	size_t first = window_first(v, rows, n, crow);
	*cursor_y = y + (int)(crow - first);
	*cursor_x = x + ccol;
	const char *s = te_text(te);
	/* Typing at the end changes the last row alone: when what was shown
	 * is where it was, only the new characters are drawn. */
	size_t from = r[first].row.start;
	bool same = v->n_shown && v->rows == rows && v->first == first &&
		    view_goes_on(v, y, x, width, attr, from, s + from, te->buf.len - from);
	int shown = 0;
	for (size_t i = first; i < n && shown < rows; i++, shown++) {
		struct te_row row = r[i].row;
		bool grown = same && shown < v->n_shown && v->row_start[shown] == row.start &&
			     v->row_end[shown] <= row.end;
		size_t from_byte = grown ? v->row_end[shown] : row.start;
		int from_col = grown ? v->row_width[shown] : 0;
		if (!grown)
			draw_fill(y + shown, x, width, attr);
		draw_textn(y + shown, x + from_col, width - from_col, s + from_byte, row.end - from_byte, attr);
		v->row_start[shown] = row.start;
		v->row_end[shown] = row.end;
		v->row_width[shown] = from_col + te_width(s + from_byte, row.end - from_byte);
	}
	for (int i = shown; i < rows; i++)
		if (!same || i < v->n_shown)
			draw_fill(y + i, x, width, attr);
	view_keep(v, y, x, width, attr, from, s + from, r[first + (size_t)shown - 1].row.end - from);
	v->rows = rows;
	v->first = first;
	v->n_shown = shown;
}
