/* Search across every retrospective (issue 13): after / in a
 * retrospective, W runs the same words over all of them and lists the
 * matches (the retrospective, where, the text with the match); Enter
 * opens another retrospective at its match, where n and N go on; Esc
 * goes back to where the search began. W on the list asks for words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char demo[64], id[64];

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, demo, sizeof demo))
		return 1;
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Queue backlog", "--date", "2026-11-03", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	/* Its timeline: the one event that speaks of saturation here. */
	ut_cli(&u, NULL, "09:10 consumer lag rising\n09:20 worker pool saturation on the queue hosts !detect\n",
	       "import", id, "-", NULL);

	struct vt *vt = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(vt, "Who is here", T);
	vt_key(vt, "/");
	vt_wait_text(vt, "Search:", T);
	vt_type(vt, "saturation");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Match 1 of 1 for “saturation”, in an event: n next, N back, W everywhere.", T),
	   "the match here, and W offered");
	vt_key(vt, "W");
	ok(vt_wait_text(vt, "matches for “saturation” in every retrospective · 4", T),
	   "W: the same words in every retrospective");
	ok(vt_wait_text(vt, "4 matches in 2 retrospectives", T), "counted");
	ok(vt_find_row(vt, "Queue backlog") > 0 && vt_find_row(vt, "Checkout failures a") > 0,
	   "the matches of both, with their retrospective");
	int r = vt_find_row(vt, "note · Timeline");
	ok(r > 0, "where each is");
	int sat = vt_find_row(vt, "Pool saturation found");
	char *row = sat > 0 ? vt_row_text(vt, sat) : NULL;
	int col = -1; /* in columns: every character here is one wide */
	for (const char *p = row, *at = row ? strstr(row, "saturation") : NULL; at && p < at; p++)
		col += (*p & 0xc0) != 0x80;
	col++;
	ok(sat > 0 && row && vt_cell_bold(vt, sat, col) && !vt_cell_bold(vt, sat, col - 2),
	   "the match stands out in its text");
	free(row);
	vt_key(vt, "Esc");
	ok(vt_wait_row(vt, 0, " Queue backlog", T) && vt_wait_text(vt, "›09:20", T),
	   "Esc: back where the search began");
	vt_key(vt, "W");
	vt_wait_text(vt, "in every retrospective", T);
	/* The demo's note on the timeline (the first match is on row 2). */
	for (int i = 2; i < r; i++)
		vt_key(vt, "j");
	ok(r > 2 && vt_wait_row(vt, r, "›", T), "j moves to the note");
	vt_key(vt, "Enter");
	ok(vt_wait_row(vt, 0, " Checkout failures", T), "Enter: the other retrospective");
	ok(vt_wait_text(vt, "Match 2 of 3 for “saturation”, in a note", T), "at the match, among its own");
	ok(vt_wait_text(vt, "›10:22", T), "the note's event highlighted on the timeline");
	ok(ut_wait_sql(&u, vt, "SELECT stage FROM retro WHERE title LIKE 'Checkout%'", "2", T),
	   "the facilitator's place is there, for the others");
	vt_key(vt, "n");
	ok(vt_wait_text(vt, "Match 3 of 3 for “saturation”", T), "n goes on there");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "q quits, as it would have from where it began");
	vt_free(vt);

	/* From the list: W asks for words; q in the one opened comes back. */
	vt = ut_spawn(&u, 24, 80, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	vt_key(vt, "W");
	ok(vt_wait_text(vt, "Search all:", T), "W on the list asks");
	vt_type(vt, "consumer");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "matches for “consumer” in every retrospective · 1", T), "and lists");
	vt_key(vt, "Enter");
	ok(vt_wait_row(vt, 0, " Queue backlog", T) && vt_wait_text(vt, "›09:10", T), "Enter: at the match");
	vt_key(vt, "q");
	ok(vt_wait_text(vt, "Back to the matches", T), "q: back to the matches");
	vt_key(vt, "/");
	vt_wait_text(vt, "Search all:", T);
	vt_key(vt, "C-u");
	vt_type(vt, "zzzz");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Nothing in any retrospective matches “zzzz”.", T), "nothing found: said");
	vt_key(vt, "Esc");
	vt_key(vt, "Esc");
	ok(vt_wait_text(vt, "debrief · retrospectives", T), "Esc: the list");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
	ut_done(&u);
	return done_testing();
}
