/* The one text-editing widget: notes pane, quick-add lines and form fields.
 *
 * Editing state only. This module never includes curses, so it can be unit
 * tested and fuzzed; the screen layer maps ncurses keys to enum te_key and
 * draws from te_view_line() / te_layout(). Text is UTF-8 and always clean: valid,
 * with no control characters except '\n' in a multi-line editor. Widths come
 * from wcwidth(), so the program must call setlocale(LC_ALL, "") first. */
#ifndef DEBRIEF_TEXTEDIT_H
#define DEBRIEF_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "debrief/text.h"

#define TE_DEFAULT_MAX_BYTES ((size_t)64 * 1024)

struct textedit {
	struct strbuf buf;
	size_t cursor;     /* byte offset, always between characters (a letter
			    * and its combining marks stay together) */
	bool multiline;
	size_t max_bytes;  /* 0 = TE_DEFAULT_MAX_BYTES */
	struct strbuf kill; /* the last killed text, for te_key(TE_KEY_YANK) */
	bool last_was_kill; /* consecutive kills grow one kill, as in readline */
	int goal_col;      /* display column kept by Up/Down; -1 when unset */
	size_t scroll;     /* first byte shown by te_view_line() */
	struct te_layout {  /* the soft-wrapped rows at one width, kept */
		struct te_laid *v; /* up to where the text last changed */
		size_t n, cap;
		int width;
		bool whole;    /* laid out to the end */
	} layout;
};

enum te_key {
	TE_KEY_LEFT,
	TE_KEY_RIGHT,
	TE_KEY_UP,              /* multi-line only: previous logical line */
	TE_KEY_DOWN,            /* multi-line only: next logical line */
	TE_KEY_HOME,            /* start of the (logical) line */
	TE_KEY_END,             /* end of the (logical) line */
	TE_KEY_WORD_LEFT,
	TE_KEY_WORD_RIGHT,
	TE_KEY_BACKSPACE,
	TE_KEY_DELETE,
	TE_KEY_DELETE_WORD_BACK, /* Ctrl-W */
	TE_KEY_KILL_TO_END,      /* Ctrl-K */
	TE_KEY_KILL_TO_START,    /* Ctrl-U */
	TE_KEY_YANK,             /* Ctrl-Y */
	TE_KEY_NEWLINE,          /* inserts '\n' only when multi-line (Alt-Enter) */
	TE_KEY_COUNT
};

enum te_result {
	TE_UNCHANGED, /* nothing happened: the caller may use the key itself */
	TE_MOVED,     /* only the cursor moved */
	TE_CHANGED,   /* the text changed */
};

/* A soft-wrapped display row: bytes [start, end) of the text, never
 * including the '\n' that ends a logical line. */
struct te_row {
	size_t start;
	size_t end;
};
/* A row kept by the layout, with where the wrapping stood after it. */
struct te_laid {
	struct te_row row;
	bool last;        /* it ends its logical line */
	size_t walk_pos;
	bool walk_pad, walk_done;
};

void te_init(struct textedit *te, bool multiline);
void te_free(struct textedit *te);
/* Replaces the text (cleaned like a paste, cut to max_bytes); cursor to the
 * end. NULL clears. */
void te_set(struct textedit *te, const char *utf8);
const char *te_text(const struct textedit *te);
void te_clear(struct textedit *te);
bool te_empty(const struct textedit *te);

enum te_result te_key(struct textedit *te, enum te_key k);
/* A typed character. Refuses (TE_UNCHANGED) invalid code points, control
 * characters other than '\n' in a multi-line editor, and anything that would
 * pass max_bytes; '\t' types a space. */
enum te_result te_insert_cp(struct textedit *te, unsigned codepoint);
/* A paste of n bytes: invalid UTF-8 becomes U+FFFD, control characters become
 * visible symbols (ESC shows as U+241B), CR LF and CR become '\n' (a space in
 * a single-line editor), tabs become spaces. Cut at a code point boundary to
 * stay within max_bytes. */
enum te_result te_insert(struct textedit *te, const char *utf8, size_t n);

/* Display width of n bytes of clean UTF-8 (combining marks 0, CJK and emoji
 * 2, anything wcwidth() does not know 1). */
int te_width(const char *utf8, size_t n);

/* The horizontal window of a one-row field `width` columns wide: bytes
 * [*start_byte, *end_byte) of the cursor's line are drawn from column 0 and
 * the cursor goes at *cursor_col (0 .. width-1). Scrolls te->scroll only when
 * the cursor would leave the window, and then by half a window, so typing
 * redraws rarely; never cuts a wide character. Not const: it keeps scroll. */
void te_view_line(struct textedit *te, int width, size_t *start_byte,
		  size_t *end_byte, int *cursor_col);

/* The layout laid out afresh, whole, at each call (the screen keeps one
 * between keys: te_layout(), which the fuzz target checks against this).
 * Soft-wraps the text into rows of `width` columns, breaking after spaces
 * where it can. Non-blank text fills at most width-1 columns, so the cursor
 * always has a cell at the end of a row. Fills up to max_rows rows and
 * returns how many rows the whole text needs (rows may be NULL to count). */
size_t te_wrap(const struct textedit *te, int width, struct te_row *rows,
	       size_t max_rows);
/* The same layout kept between keys: typing at the end lays out the last
 * row again, not the whole text. The rows (valid until the next change)
 * into *rows; returns how many. */
size_t te_layout(struct textedit *te, int width, const struct te_laid **rows);
/* The cursor's row in that layout, and its column. */
size_t te_layout_cursor(struct textedit *te, int width, int *col);
/* Up or Down one soft-wrapped row, keeping the column as Up and Down do;
 * TE_UNCHANGED on the first (last) row, for the caller to use the key. */
enum te_result te_move_row(struct textedit *te, int width, bool down);
/* The cursor's row (as numbered by te_wrap) and column (0 .. width-1). */
void te_cursor_rowcol(const struct textedit *te, int width, int *row,
		      int *col);

#endif
