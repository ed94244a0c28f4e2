/* The one text-editing widget: editing state, movement and layout, no curses.
 *
 * A "cluster" here is a code point plus the zero-width code points (combining
 * marks, variation selectors, ZWJ) after it, so "e" + U+0301 moves and
 * deletes as one character. '\n' is always a cluster of its own. */
#include "debrief/textedit.h"
#include "textedit_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static size_t te_limit(const struct textedit *te)
{
	return te->max_bytes ? te->max_bytes : TE_DEFAULT_MAX_BYTES;
}

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* The buffer is always valid UTF-8; the fallback only keeps a bug from
 * turning into a loop that never advances. */
static size_t decode_at(const char *s, size_t len, size_t i, unsigned *cp)
{
	size_t n = utf8_decode(s + i, len - i, cp);
	if (n == 0) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

static int cp_width(unsigned cp)
{
	return text_cp_width(cp); /* the one measure, as the screen draws */
}

static bool is_zero_width(unsigned cp)
{
	return cp >= 0x7f && text_cp_width(cp) == 0;
}

static bool is_space(unsigned cp)
{
	return cp == ' ' || cp == '\n';
}

static size_t cp_len(unsigned cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static size_t prev_cp(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && is_cont(s[i]))
		i--;
	return i;
}

size_t te_cluster_end(const char *s, size_t len, size_t i)
{
	unsigned cp;
	i += decode_at(s, len, i, &cp);
	if (cp == '\n')
		return i;
	while (i < len) {
		size_t n = decode_at(s, len, i, &cp);
		if (!is_zero_width(cp))
			break;
		i += n;
	}
	return i;
}

/* Mirrors te_cluster_end(): marks join the code point before them unless that
 * is a '\n' (a mark at a line start stands alone). */
size_t te_cluster_start(const char *s, size_t len, size_t i)
{
	size_t j = prev_cp(s, i);
	for (;;) {
		unsigned cp, prev;
		decode_at(s, len, j, &cp);
		if (j == 0 || !is_zero_width(cp))
			return j;
		size_t p = prev_cp(s, j);
		decode_at(s, len, p, &prev);
		if (prev == '\n')
			return j;
		j = p;
	}
}

static bool ascii_cell(char c)
{
	return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7f;
}

int te_width(const char *utf8, size_t n)
{
	long w = 0;
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		if (ascii_cell(utf8[i])) {
			w++; /* ASCII needs no decoding */
			i++;
			continue;
		}
		size_t len = utf8_decode(utf8 + i, n - i, &cp);
		if (len == 0) { /* not clean after all: one column per byte */
			len = 1;
			cp = '?';
		}
		w += cp_width(cp);
		if (w >= INT_MAX)
			return INT_MAX;
		i += len;
	}
	return (int)w;
}

int te_span_width(const char *s, size_t a, size_t b)
{
	return te_width(s + a, b - a);
}

/* Whether s[a..b) is at most limit columns wide, looking no further than
 * needed: a long line is not measured whole at every key. */
static bool span_fits(const char *s, size_t a, size_t b, int limit)
{
	const size_t chunk = 64;
	int w = 0;
	while (a < b) {
		size_t e = b - a > chunk ? a + chunk : b;
		while (e < b && is_cont(s[e]))
			e++; /* never cut a character */
		w += te_span_width(s, a, e);
		if (w > limit)
			return false;
		a = e;
	}
	return true;
}

static size_t line_start(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] != '\n')
		i--;
	return i;
}

static size_t line_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != '\n')
		i++;
	return i;
}

/* The first byte of the cursor's line; the whole text when single-line
 * (it has no '\n', so the scans agree). */
static size_t te_line_start(const struct textedit *te)
{
	return line_start(sb_str(&te->buf), te->cursor);
}

static size_t te_line_end(const struct textedit *te)
{
	return line_end(sb_str(&te->buf), te->buf.len, te->cursor);
}

/* Words are split by blanks; stepping by clusters keeps a mark after a
 * blank with its blank. */
static bool is_space_at(const char *s, size_t len, size_t i)
{
	unsigned cp;
	decode_at(s, len, i, &cp);
	return is_space(cp);
}

static size_t word_left(const char *s, size_t len, size_t i)
{
	while (i > 0) {
		size_t p = te_cluster_start(s, len, i);
		if (!is_space_at(s, len, p))
			break;
		i = p;
	}
	while (i > 0) {
		size_t p = te_cluster_start(s, len, i);
		if (is_space_at(s, len, p))
			break;
		i = p;
	}
	return i;
}

static size_t word_right(const char *s, size_t len, size_t i)
{
	while (i < len && is_space_at(s, len, i))
		i = te_cluster_end(s, len, i);
	while (i < len && !is_space_at(s, len, i))
		i = te_cluster_end(s, len, i);
	return i;
}

/* The last cluster boundary in [a, b] whose column from a is <= col, so a
 * wide character straddling col is not entered. */
size_t te_offset_at_col(const char *s, size_t len, size_t a, size_t b,
			    int col)
{
	int w = 0;
	while (a < b) {
		size_t j = te_cluster_end(s, len, a);
		int cw = te_span_width(s, a, j);
		if (w + cw > col)
			break;
		w += cw;
		a = j;
	}
	return a;
}

/* Steps back from i by whole clusters while they fit in `cols` columns. */
static size_t back_by_cols(const char *s, size_t len, size_t floor, size_t i,
			   int cols)
{
	int w = 0;
	while (i > floor) {
		size_t j = te_cluster_start(s, len, i);
		if (j < floor)
			break;
		int cw = te_span_width(s, j, i);
		if (w + cw > cols)
			break;
		w += cw;
		i = j;
	}
	return i;
}

/* Replaces bytes [a, b) with ins[0..n). ins must not point into the
 * buffer, which may move. */
static void te_splice(struct textedit *te, size_t a, size_t b, const char *ins,
		      size_t n)
{
	struct strbuf *sb = &te->buf;
	size_t old = sb->len, new_len = old - (b - a) + n;
	te_layout_changed(te, a);
	if (n > b - a)
		sb_add(sb, ins, n - (b - a)); /* only to grow; overwritten below */
	if (!sb->s)
		return; /* empty and nothing to insert */
	memmove(sb->s + a + n, sb->s + b, old - b);
	sb->len = new_len;
	sb->s[new_len] = '\0';
	if (n)
		memcpy(sb->s + a, ins, n);
}

/* Makes pasted bytes clean, the way text_clean() does, without trimming,
 * and stops before the first code point that would pass `room` bytes. */
static void clean_paste(struct strbuf *out, const char *s, size_t n,
			bool multiline, size_t room)
{
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = 1;
		if (s[i] == '\0')
			cp = 0;
		else if ((len = utf8_decode(s + i, n - i, &cp)) == 0) {
			cp = 0xFFFD;
			len = 1;
		}
		i += len;
		if (cp == '\r') {
			if (i < n && s[i] == '\n')
				i++;
			cp = '\n';
		}
		if (cp == '\n')
			cp = multiline ? '\n' : ' ';
		else if (cp == '\t')
			cp = ' ';
		else
			cp = control_picture(cp); /* ESC shows as U+241B, never obeyed */
		if (out->len + cp_len(cp) > room)
			break;
		utf8_encode(out, cp);
	}
}

/* Keeps the cursor between clusters: typing a letter before a combining
 * mark, or deleting up to one, joins the mark to the letter before, and the
 * cursor moves past it rather than splitting the pair on screen. */
static void te_snap_cursor(struct textedit *te)
{
	const char *s = sb_str(&te->buf);
	size_t len = te->buf.len, cur = te->cursor;
	if (cur == 0 || cur >= len)
		return;
	unsigned prev;
	decode_at(s, len, prev_cp(s, cur), &prev);
	if (prev == '\n')
		return; /* a mark at a line's start stands alone */
	while (cur < len) {
		unsigned cp;
		size_t n = decode_at(s, len, cur, &cp);
		if (!is_zero_width(cp))
			break;
		cur += n;
	}
	te->cursor = cur;
}

static void te_forget_state(struct textedit *te)
{
	te->goal_col = -1;
	te->last_was_kill = false;
}

void te_init(struct textedit *te, bool multiline)
{
	memset(te, 0, sizeof *te);
	te->multiline = multiline;
	te->goal_col = -1;
}

void te_free(struct textedit *te)
{
	sb_free(&te->buf);
	sb_free(&te->kill);
	free(te->layout.v);
	te_init(te, te->multiline);
}

void te_clear(struct textedit *te)
{
	sb_reset(&te->buf);
	te_layout_changed(te, 0);
	te->cursor = 0;
	te->scroll = 0;
	te_forget_state(te);
}

void te_set(struct textedit *te, const char *utf8)
{
	te_clear(te);
	if (utf8)
		te_insert(te, utf8, strlen(utf8));
	te_forget_state(te);
}

const char *te_text(const struct textedit *te)
{
	return sb_str(&te->buf);
}

bool te_empty(const struct textedit *te)
{
	return te->buf.len == 0;
}

enum te_result te_insert(struct textedit *te, const char *utf8, size_t n)
{
	te_forget_state(te);
	size_t limit = te_limit(te);
	if (te->buf.len >= limit || n == 0)
		return TE_UNCHANGED;
	struct strbuf clean = {0};
	clean_paste(&clean, utf8, n, te->multiline, limit - te->buf.len);
	if (clean.len == 0) {
		sb_free(&clean);
		return TE_UNCHANGED;
	}
	te_splice(te, te->cursor, te->cursor, clean.s, clean.len);
	te->cursor += clean.len;
	te_snap_cursor(te);
	sb_free(&clean);
	return TE_CHANGED;
}

enum te_result te_insert_cp(struct textedit *te, unsigned cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return TE_UNCHANGED;
	if (cp == '\t')
		cp = ' ';
	if (cp == '\n') {
		if (!te->multiline)
			return TE_UNCHANGED; /* Enter belongs to the caller */
	} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
		return TE_UNCHANGED;
	}
	if (te->buf.len + cp_len(cp) > te_limit(te))
		return TE_UNCHANGED;
	/* Checked above: one clean character, spliced in as it is (typing
	 * and pasting come this way a character at a time). */
	char one[4];
	size_t n = utf8_put(one, cp);
	te_forget_state(te);
	te_splice(te, te->cursor, te->cursor, one, n);
	te->cursor += n;
	te_snap_cursor(te);
	return TE_CHANGED;
}

/* Removes [a, b) into the kill buffer; back kills go in front of a kill
 * made just before, so Ctrl-W Ctrl-W yanks back in reading order. */
static enum te_result te_kill(struct textedit *te, size_t a, size_t b,
			      bool forward)
{
	if (a == b)
		return TE_UNCHANGED;
	const char *s = te->buf.s;
	if (!te->last_was_kill) {
		sb_reset(&te->kill);
		sb_add(&te->kill, s + a, b - a);
	} else if (forward) {
		sb_add(&te->kill, s + a, b - a);
	} else {
		struct strbuf k = {0};
		sb_add(&k, s + a, b - a);
		sb_add(&k, te->kill.s, te->kill.len);
		sb_free(&te->kill);
		te->kill = k;
	}
	te_splice(te, a, b, NULL, 0);
	te->cursor = a;
	te->last_was_kill = true;
	return TE_CHANGED;
}

enum te_result te_move_to(struct textedit *te, size_t to)
{
	if (to == te->cursor)
		return TE_UNCHANGED;
	te->cursor = to;
	return TE_MOVED;
}

static enum te_result te_move_line(struct textedit *te, bool down)
{
	const char *s = sb_str(&te->buf);
	size_t len = te->buf.len;
	size_t ls = te_line_start(te), le = te_line_end(te);
	if (!te->multiline || (down ? le == len : ls == 0))
		return TE_UNCHANGED; /* the caller may use it, e.g. for history */
	if (te->goal_col < 0)
		te->goal_col = te_span_width(s, ls, te->cursor);
	size_t a, b;
	if (down) {
		a = le + 1;
		b = line_end(s, len, a);
	} else {
		b = ls - 1;
		a = line_start(s, b);
	}
	return te_move_to(te, te_offset_at_col(s, len, a, b, te->goal_col));
}

enum te_result te_key(struct textedit *te, enum te_key k)
{
	const char *s = sb_str(&te->buf);
	size_t len = te->buf.len, cur = te->cursor;
	enum te_result r = TE_UNCHANGED;
	bool was_kill = te->last_was_kill;
	te->last_was_kill = false;
	if (k != TE_KEY_UP && k != TE_KEY_DOWN)
		te->goal_col = -1;

	switch (k) {
	case TE_KEY_LEFT:
		r = te_move_to(te, cur ? te_cluster_start(s, len, cur) : 0);
		break;
	case TE_KEY_RIGHT:
		r = te_move_to(te, cur < len ? te_cluster_end(s, len, cur) : len);
		break;
	case TE_KEY_UP:
	case TE_KEY_DOWN:
		r = te_move_line(te, k == TE_KEY_DOWN);
		break;
	case TE_KEY_HOME:
		r = te_move_to(te, te_line_start(te));
		break;
	case TE_KEY_END:
		r = te_move_to(te, te_line_end(te));
		break;
	case TE_KEY_WORD_LEFT:
		r = te_move_to(te, word_left(s, len, cur));
		break;
	case TE_KEY_WORD_RIGHT:
		r = te_move_to(te, word_right(s, len, cur));
		break;
	case TE_KEY_BACKSPACE:
		if (cur > 0) {
			size_t a = te_cluster_start(s, len, cur);
			te_splice(te, a, cur, NULL, 0);
			te->cursor = a;
			r = TE_CHANGED;
		}
		break;
	case TE_KEY_DELETE:
		if (cur < len) {
			te_splice(te, cur, te_cluster_end(s, len, cur), NULL, 0);
			r = TE_CHANGED;
		}
		break;
	case TE_KEY_DELETE_WORD_BACK:
		te->last_was_kill = was_kill;
		r = te_kill(te, word_left(s, len, cur), cur, false);
		break;
	case TE_KEY_KILL_TO_END: {
		size_t b = te_line_end(te);
		if (b == cur && te->multiline && cur < len)
			b = cur + 1; /* at a line's end: join the next line */
		te->last_was_kill = was_kill;
		r = te_kill(te, cur, b, true);
		break;
	}
	case TE_KEY_KILL_TO_START: {
		size_t a = te_line_start(te);
		if (a == cur && te->multiline && cur > 0)
			a = cur - 1; /* at a line's start: join the previous line */
		te->last_was_kill = was_kill;
		r = te_kill(te, a, cur, false);
		break;
	}
	case TE_KEY_YANK:
		if (te->kill.len) {
			/* te_insert copies before it splices, so the kill buffer
			 * may be passed as is. */
			r = te_insert(te, te->kill.s, te->kill.len);
		}
		break;
	case TE_KEY_NEWLINE:
		if (te->multiline)
			r = te_insert_cp(te, '\n');
		break;
	case TE_KEY_COUNT:
		break;
	}
	if (r == TE_CHANGED)
		te_snap_cursor(te);
	return r;
}

void te_view_line(struct textedit *te, int width, size_t *start_byte,
		  size_t *end_byte, int *cursor_col)
{
	const char *s = sb_str(&te->buf);
	size_t len = te->buf.len, cur = te->cursor;
	size_t ls = te_line_start(te), le = te_line_end(te);
	if (width < 1) {
		*start_byte = *end_byte = cur;
		*cursor_col = 0;
		return;
	}

	/* Edits since the last call may have left scroll outside the line or
	 * inside a character. */
	size_t scroll = te->scroll;
	if (scroll < ls || scroll > le)
		scroll = ls;
	while (scroll > ls && is_cont(s[scroll]))
		scroll--;

	/* The cursor needs room for the character under it (or one cell at the
	 * end). */
	int cw = cur < le ? te_span_width(s, cur, te_cluster_end(s, len, cur)) : 1;
	if (cw < 1)
		cw = 1; /* a lone combining mark still needs a cell */
	if (span_fits(s, ls, le, width - 1)) {
		scroll = ls; /* it all fits: never hide a part of it */
	} else if (cur < scroll || te_span_width(s, scroll, cur) + cw > width) {
		/* The cursor left the window: jump by half a window, like
		 * nano, so that typing on does not redraw the row each key. */
		int target = width / 2;
		if (target > width - cw)
			target = width - cw > 0 ? width - cw : 0;
		scroll = back_by_cols(s, len, ls, cur, target);
	}
	int col = te_span_width(s, scroll, cur);
	if (col + cw > width) { /* a wide character in a one-column field */
		scroll = cur;
		col = 0;
	}

	size_t end = scroll;
	int w = 0;
	while (end < le) {
		/* Printable ASCII before another ASCII byte is a character of
		 * one column on its own (no mark can join it): taken in a run,
		 * not decoded, at every key. */
		size_t run = 0;
		while (end + run + 1 < le && w + (int)run < width && ascii_cell(s[end + run]) &&
		       (unsigned char)s[end + run + 1] < 0x80)
			run++;
		if (run > 0) {
			end += run;
			w += (int)run;
			continue;
		}
		size_t j = te_cluster_end(s, len, end);
		int jw = te_span_width(s, end, j);
		if (w + jw > width)
			break; /* never draw half a wide character */
		w += jw;
		end = j;
	}
	te->scroll = scroll;
	*start_byte = scroll;
	*end_byte = end;
	*cursor_col = col;
}

