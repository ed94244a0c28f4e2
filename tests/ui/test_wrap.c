/* Long text as the room reads it: the note being typed grows to a few
 * wrapped rows before it scrolls, Up and Down move within it first; a long
 * form field is shown on its rows, Down moves within it, and Ctrl-E edits
 * it in $EDITOR (issue 11). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

#define LONG_NOTE                                                                   \
	"Nobody connected the pool change to the checkout errors for twenty minutes " \
	"because the dashboards showed the payments API as healthy while its pool "    \
	"was exhausted and requests queued"

static void test_note_rows(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	vt_key(vt, "2");
	vt_key(vt, "g");
	vt_wait_text(vt, "Notes on 09:42", T);
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Enter save note", T);
	vt_type(vt, LONG_NOTE);
	ok(vt_wait_text(vt, "requests queued", T), "the end of a long note is on screen");
	int first = vt_find_row(vt, "› Nobody connected the pool change");
	ok(first >= 0, "and so is its beginning: the line grew, it did not scroll sideways");
	ok(first >= 0 && vt_find_row(vt, "requests queued") == first + 2,
	   "over three rows, as it will read");
	int row, col, row2, col2;
	vt_cursor(vt, &row, &col);
	ok(row == first + 2, "the cursor at its end, on its last row (row %d)", row);
	/* Up moves within the note first, keeping the column. */
	vt_key(vt, "Up");
	vt_type(vt, "^");
	ok(vt_wait_text(vt, "^", T), "typed after Up");
	vt_cursor(vt, &row2, &col2);
	ok(row2 == first + 1, "Up moved to the row above within the note (row %d)", row2);
	ok(vt_find_row(vt, "Editing a note") < 0, "not to the earlier note");
	/* From the first row, Up walks to the earlier notes as before. */
	vt_key(vt, "Up");
	vt_key(vt, "Up");
	ok(vt_wait_text(vt, "Editing a note on", T), "Up on the first row edits the earlier note");
	vt_key(vt, "Esc");
	vt_wait_gone(vt, "Editing a note on", T);
	ok(vt_wait_text(vt, "› Nobody connected", T), "and Esc brings the note being written back");
	vt_key(vt, "Enter");
	ok(ut_wait_sql(&u, vt, "SELECT count(*) FROM note WHERE body LIKE 'Nobody connected%^%queued'",
		       "1", T),
	   "Enter stores it whole, with what was typed after Up inside it");
	/* A note longer than the rows it may take scrolls by rows. */
	vt_type(vt, "FIRST WORDS " LONG_NOTE " " LONG_NOTE " END");
	ok(vt_wait_text(vt, "END", T), "a longer note shows its end");
	ok(vt_find_row(vt, "FIRST WORDS") < 0, "its beginning scrolled out of the rows");
	vt_key(vt, "C-u");
	ut_quit(vt);
	vt_free(vt);
}

/* What the terminal was sent to draw: the bytes since vt_reset_bytes
 * without the test mode's title lines (frame marks and counts), which a
 * user's terminal is never sent. */
static size_t drawn_bytes(struct vt *vt)
{
	size_t len, marks = 0;
	const char *raw = vt_raw(vt, &len);
	for (const char *p = raw; (p = strstr(p, "\033]2;")) != NULL;) {
		const char *end = strchr(p, '\a');
		if (!end)
			break;
		marks += (size_t)(end + 1 - p);
		p = end + 1;
	}
	return len - marks;
}

/* A note longer than its rows scrolls them as the terminal can: once it
 * fills them, each new row costs a scroll and the row, not all of them
 * drawn again (issue 15: about two bytes a key, as before notes wrapped). */
static void test_scroll_bytes(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	vt_key(vt, "2");
	vt_wait_text(vt, "Notes on", T);
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Enter save note", T);
	const char *text = "FIRST " LONG_NOTE " " LONG_NOTE " " LONG_NOTE " LAST";
	vt_reset_bytes(vt);
	int missed = ut_type_slowly(vt, text);
	size_t keys = strlen(text);
	double per_key = (double)drawn_bytes(vt) / (double)keys;
	ok(missed == 0, "%zu keys typed one at a time, each shown (%d not)", keys, missed);
	ok(vt_find_row(vt, "FIRST") < 0 && vt_find_row(vt, "LAST") >= 0,
	   "the note scrolled by rows to its end");
	ok(per_key <= 2.0, "the terminal got at most 2 bytes a key (%.2f)", per_key);
	/* What the scrolled terminal shows is what a whole redraw shows. */
	char *seen = vt_screen_text(vt);
	long whole = ut_whole_draws(vt);
	vt_key(vt, "C-l");
	long end = ut_ms() + T;
	while (ut_whole_draws(vt) <= whole && ut_ms() < end)
		vt_pump(vt, 50);
	char *redrawn = vt_screen_text(vt);
	ok(seen && redrawn && strcmp(seen, redrawn) == 0, "a redraw (Ctrl-L) changes nothing on screen");
	free(seen);
	free(redrawn);
	/* Saved, the next note begins on one row again, behind its prompt. */
	vt_key(vt, "Enter");
	ok(ut_wait_sql(&u, vt, "SELECT count(*) FROM note WHERE body LIKE 'FIRST %LAST'", "1", T),
	   "Enter saves the note");
	/* (The note is in the file before it is on screen: the frame that
	 * shows it, the saved note above the empty row.) */
	int row, col;
	char *line = NULL;
	end = ut_ms() + T;
	do {
		free(line);
		vt_pump(vt, 50);
		vt_cursor(vt, &row, &col);
		line = vt_row_text(vt, row);
	} while (line && strncmp(line, " ›", strlen(" ›")) != 0 && ut_ms() < end);
	ok(line && strncmp(line, " ›", strlen(" ›")) == 0, "the empty note's row shows its prompt: \"%s\"",
	   line ? line : "");
	free(line);
	ut_quit(vt);
	vt_free(vt);
}

static void test_form_rows(void)
{
	/* $EDITOR puts a word in front of the field's text. */
	char script[600];
	snprintf(script, sizeof script, "%s/prefix-editor", u.dir);
	FILE *f = fopen(script, "w");
	if (f) {
		fputs("#!/bin/sh\nsed -i 's/^/Edited in vi. /' \"$1\"\n", f);
		fclose(f);
	}
	chmod(script, 0755);
	ut_setenv(&u, "EDITOR", script);
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	vt_key(vt, "i");
	ok(vt_wait_text(vt, "Details of the retrospective", T), "the details form");
	int impact = vt_find_row(vt, "Customer impact");
	char *next = impact >= 0 ? vt_row_text(vt, impact + 1) : NULL;
	ok(next && strstr(next, "with 'payment could not be processed'"),
	   "the customer impact is shown on its rows, whole (%s)", next ? next : "");
	free(next);
	for (int i = 0; i < 4; i++)
		vt_key(vt, "Tab");
	int row, col, row2, col2;
	vt_wait_text(vt, "Customer impact", T);
	vt_cursor(vt, &row, &col);
	vt_key(vt, "Home");
	vt_key(vt, "Down");
	vt_type(vt, "#");
	vt_wait_text(vt, "#", T);
	vt_cursor(vt, &row2, &col2);
	ok(row2 == impact + 1, "Down moves to the field's next row, not the next field (row %d)", row2);
	vt_key(vt, "C-e");
	ok(vt_wait_text(vt, "Customer impact taken from the editor", T), "Ctrl-E edits the field in $EDITOR");
	vt_key(vt, "Tab");
	ok(vt_wait_text(vt, "Customer impact  Edited in vi. For 54 minutes", T),
	   "the form shows what the editor left");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Saved", T), "Enter saves the form");
	ok(ut_wait_sql(&u, vt, "SELECT impact LIKE 'Edited in vi. For 54 minutes%#%' FROM retro", "1", T),
	   "the edited text, with what was typed on its second row, is the customer impact");
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	test_note_rows();
	test_scroll_bytes();
	test_form_rows();
	ut_done(&u);
	return done_testing();
}
