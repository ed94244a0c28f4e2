/* The timeline stage's strip (issue 14): the incident on one row under
 * the header, as the HTML draws it. The demo's events run from 09:42 to
 * 11:05; each milestone's letter is where its time puts it, the strip uses
 * the width it has, and the highlighted event stands out and moves with
 * the highlight. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

/* The column of the first c at or after col in row, or -1. */
static int col_of(struct vt *vt, int row, int from, char c)
{
	int rows, cols;
	vt_size(vt, &rows, &cols);
	char *t = vt_row_text(vt, row);
	int found = -1;
	/* The row's text has one byte a column up to the letters (the axis'
	 * lines are three bytes each): count columns, not bytes. */
	int col = 0;
	for (const unsigned char *p = (const unsigned char *)t; t && *p && col < cols; col++) {
		if (col >= from && *p == (unsigned char)c) {
			found = col;
			break;
		}
		p += *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
	}
	free(t);
	return found;
}

static void check_strip(struct vt *vt, const char *size)
{
	int row = vt_find_row(vt, " 09:42 T");
	ok(row == 3, "%s: the strip is under the header, from the first event's time", size);
	char *t = row >= 0 ? vt_row_text(vt, row) : NULL;
	size_t n = t ? strlen(t) : 0;
	ok(n > 7 && strcmp(t + n - 7, "R 11:05") == 0, "%s: to the last event's, the resolution", size);
	free(t);
	if (row < 0)
		return;
	int c0 = col_of(vt, row, 0, 'T'), c1 = col_of(vt, row, c0 + 1, 'R');
	/* Minutes after 09:42 of each milestone, of the 83 the axis spans. */
	static const struct {
		char letter;
		int minutes;
	} M[] = {{'I', 5}, {'D', 27}, {'P', 32}, {'M', 49}, {'E', 59}};
	bool at = c0 > 0 && c1 > c0;
	for (size_t i = 0; i < sizeof M / sizeof M[0] && at; i++) {
		int want = c0 + M[i].minutes * (c1 - c0) / 83;
		int got = col_of(vt, row, c0 + 1, M[i].letter);
		if (got != want) {
			printf("# %s: %c at column %d, want %d\n", size, M[i].letter, got, want);
			at = false;
		}
	}
	ok(at, "%s: each milestone where its time puts it", size);
	ok(ut_wait_reverse(vt, row, c0, true, T), "%s: the highlighted event (the trigger) stands out", size);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Who is here", T);
	vt_key(vt, "2");
	ok(vt_wait_text(vt, "WHAT HAPPENED", T), "the timeline");
	check_strip(vt, "80 columns");
	int row = vt_find_row(vt, " 09:42 T");
	int c0 = row >= 0 ? col_of(vt, row, 0, 'T') : -1, ci = row >= 0 ? col_of(vt, row, 0, 'I') : -1;
	int narrow = row >= 0 ? col_of(vt, row, 0, 'R') - c0 : 0;
	vt_key(vt, "j");
	ok(ci > 0 && ut_wait_reverse(vt, row, ci, true, T) && ut_wait_reverse(vt, row, c0, false, T),
	   "j: the highlight moves along the strip, to the impact's start");
	vt_resize(vt, 50, 200);
	vt_key(vt, "k");
	ok(vt_wait_text(vt, "R 11:05", T), "redrawn at 200 columns");
	check_strip(vt, "200 columns");
	row = vt_find_row(vt, " 09:42 T");
	int wide = row >= 0 ? col_of(vt, row, 0, 'R') - col_of(vt, row, 0, 'T') : 0;
	ok(wide > narrow * 3 / 2, "the strip uses the width it has (%d columns, %d at 80)", wide, narrow);
	ok(ut_quit(vt), "quits");
	vt_free(vt);
	ut_done(&u);
	return done_testing();
}
