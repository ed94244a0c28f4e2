/* What the meeting learned, on the screen (issue 14): the Close stage's
 * steps (summary, contributing factors, lessons, links), each added to a
 * line at a time with `a`, edited whole with `e` in the details form (its
 * lines kept, $EDITOR with Ctrl-E), taken back with `u`, and seen by a
 * viewer; and of an event, "not known at the time" (K) and where it was
 * seen, in its form, on its row and over its notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

/* A query of the retrospective's own row. */
static void sql_of(const char *column, const char *where, char *q, size_t size)
{
	snprintf(q, size, "SELECT %s FROM retro WHERE %s", column, where);
}

/* The row holding needle, as text (caller frees), or NULL. */
static char *row_of(struct vt *vt, const char *needle)
{
	int r = vt_find_row(vt, needle);
	return r >= 0 ? vt_row_text(vt, r) : NULL;
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	char script[400], q[512], where[128];
	snprintf(script, sizeof script, "%s/fake-editor", u.dir);
	FILE *f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf 'Runbook https://wiki.example.com/rb\\n\\nDashboard https://grafana.example.com/d\\n' > \"$1\"\n");
	fclose(f);
	chmod(script, 0700);
	ut_setenv(&u, "EDITOR", script);
	ut_setenv(&u, "VISUAL", "");
	snprintf(where, sizeof where, "id = '%s'", id);

	struct vt *fac = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(fac, "Who is here", T);
	struct vt *viewer = ut_spawn(&u, 30, 100, "--view", id, NULL);
	vt_wait_text(viewer, "read-only", T);

	/* The steps, on the Close stage. */
	vt_key(fac, "5");
	ok(vt_wait_text(fac, "What the meeting learned (a adds a line to the step", T),
	   "the Close stage shows what the meeting learned, and how to add to it");
	char *row = row_of(fac, "Contributing factors");
	ok(row && strstr(row, "A pool size of 5 passed review") && strstr(row, "(3 lines)"),
	   "each step with its first line and how many it has");
	free(row);
	ok(vt_wait_text(viewer, "Contributing factors", T), "a viewer following the facilitator sees them too");

	/* a: one line more, on the step highlighted. */
	vt_key(fac, "j");
	vt_key(fac, "a");
	ok(vt_wait_text(fac, "Add a contributing factor", T), "a on a step opens its line");
	vt_type(fac, "Nobody owned the alert's urgency after March (09:58)");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "Added to Contributing factors. u takes it back.", T), "Enter adds it");
	sql_of("substr(factors, -52)", where, q, sizeof q);
	ok(ut_wait_sql(&u, fac, q, "Nobody owned the alert's urgency after March (09:58)", T),
	   "as the factors' last line, the others kept");
	ok(vt_wait_text(fac, "(4 lines)", T), "the step says 4 lines");
	/* The others follow the facilitator's step, as they follow an item. */
	int vr = vt_find_row(viewer, "Contributing factors");
	ok(vr >= 0 && ut_wait_reverse(viewer, vr, 3, true, T),
	   "the viewer's highlight follows the facilitator's step (Contributing factors)");
	vt_key(fac, "j");
	vr = vt_find_row(viewer, "Lessons learned");
	ok(vr >= 0 && ut_wait_reverse(viewer, vr, 3, true, T), "and moves on with it (Lessons learned)");
	vt_key(fac, "k");
	ok(vt_wait_text(viewer, "(4 lines)", T), "and so does the viewer's screen");
	vt_key(fac, "u");
	sql_of("length(factors) - length(replace(factors, char(10), ''))", where, q, sizeof q);
	ok(ut_wait_sql(&u, fac, q, "2", T), "u takes the line back");
	ok(vt_wait_row(viewer, vt_find_row(viewer, "Contributing factors"), "(3 lines)", T), "on every screen");

	/* The summary gets a paragraph. */
	vt_key(fac, "k");
	vt_key(fac, "a");
	ok(vt_wait_text(fac, "Add to the summary", T), "the summary's line");
	vt_type(fac, "The fix shipped the same day.");
	vt_key(fac, "Enter");
	sql_of("substr(summary, -29)", where, q, sizeof q);
	ok(ut_wait_sql(&u, fac, q, "The fix shipped the same day.", T), "is the summary's end");
	sql_of("instr(summary, char(10) || char(10) || 'The fix shipped')", where, q, sizeof q);
	char *at = ut_sql(&u, q);
	ok(at && atoi(at) > 0, "after a blank line (%s)", at ? at : "?");
	free(at);

	/* e: the whole step in the details form, its lines kept. */
	vt_key(fac, "j");
	vt_key(fac, "j");
	vt_key(fac, "e");
	ok(vt_wait_text(fac, "lessons learned, one a line", T), "e opens the details form on the lessons");
	vt_type(fac, " Say so.");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "Saved. u undoes it.", T), "Enter saves the form");
	sql_of("substr(lessons, -26)", where, q, sizeof q);
	ok(ut_wait_sql(&u, fac, q, "escalation worked. Say so.", T),
	   "the text typed is at the end of its last line");
	sql_of("length(lessons) - length(replace(lessons, char(10), ''))", where, q, sizeof q);
	char *breaks = ut_sql(&u, q);
	ok(breaks && strcmp(breaks, "2") == 0, "and its three lines are three still (%s)", breaks ? breaks : "?");
	free(breaks);
	sql_of("length(factors) - length(replace(factors, char(10), ''))", where, q, sizeof q);
	breaks = ut_sql(&u, q);
	ok(breaks && strcmp(breaks, "2") == 0, "a step the form did not touch keeps its lines (%s)",
	   breaks ? breaks : "?");
	free(breaks);

	/* Ctrl-E: a step written in $EDITOR. */
	vt_key(fac, "j");
	vt_key(fac, "e");
	ok(vt_wait_text(fac, "a label, then its address", T), "the links in the form");
	vt_key(fac, "C-e");
	ok(vt_wait_text(fac, "taken from the editor", T), "Ctrl-E takes them from $EDITOR");
	vt_key(fac, "Enter");
	vt_wait_text(fac, "Saved", T);
	sql_of("replace(links, char(10), '|')", where, q, sizeof q);
	ok(ut_wait_sql(&u, fac, q, "Runbook https://wiki.example.com/rb||Dashboard https://grafana.example.com/d", T),
	   "saved with its lines");
	ok(vt_wait_text(fac, "(2 lines)", T), "the Links step says 2 lines");
	char *out = NULL;
	ut_cli(&u, &out, NULL, "export", id, NULL);
	ok(out && strstr(out, "- [Runbook](https://wiki.example.com/rb)\n- [Dashboard](https://grafana.example.com/d)"),
	   "and the export links them");
	free(out);

	/* Moving past the steps scrolls the preview. */
	for (int i = 0; i < 6; i++)
		vt_key(fac, "j");
	ok(vt_wait_gone(fac, "What the meeting learned", T) && vt_wait_text(fac, "Summary preview", T),
	   "past the steps, the preview has the stage");

	/* An event not known at the time: K, on its row and over its notes. */
	vt_key(fac, "2");
	vt_wait_text(fac, "WHAT HAPPENED", T);
	vt_key(fac, "g");
	vt_key(fac, "j");
	vt_key(fac, "j");
	vt_key(fac, "K");
	ok(vt_wait_text(fac, "Not known at the time: learned afterwards. K again clears it.", T),
	   "K says the highlighted event was not known at the time");
	snprintf(q, sizeof q, "SELECT unknown_then FROM event WHERE retro_id = '%s' AND text LIKE 'CheckoutErrorRate alert%%'",
		 id);
	ok(ut_wait_sql(&u, fac, q, "1", T), "it is kept");
	row = row_of(fac, "CheckoutErrorRate alert");
	ok(row && strstr(row, " ?"), "its row shows ?");
	free(row);
	ok(vt_wait_text(fac, "  Not known at the time", T), "and its notes say so");
	vt_key(fac, "u");
	ok(ut_wait_sql(&u, fac, q, "0", T), "u takes it back");

	/* Where it was seen: in the event's form, on its row, over its notes. */
	vt_key(fac, "j");
	vt_key(fac, "j");
	vt_key(fac, "j");
	vt_key(fac, "j");
	ok(vt_wait_text(fac, "seen at https://grafana.example.com/d/payments-api", T),
	   "over its notes: where the 10:22 event was seen");
	row = row_of(fac, "Pool saturation found");
	ok(row && strstr(row, "\xe2\x86\x97"), "its row shows an arrow");
	free(row);
	vt_key(fac, "e");
	ok(vt_wait_text(fac, "Seen at", T) && vt_wait_text(fac, "https://grafana.example.com/d/payments-api", T),
	   "its form has where it was seen");
	vt_key(fac, "Up"); /* from the first field round to the last: Known then */
	ok(vt_wait_text(fac, "yes, or no: learned only afterwards", T), "and whether it was known then");
	vt_key(fac, "C-u");
	vt_type(fac, "maybe");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "known then: yes or no", T), "a word other than yes or no is refused");
	vt_key(fac, "C-u");
	vt_type(fac, "no");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "Saved", T), "no is taken");
	snprintf(q, sizeof q, "SELECT unknown_then || ' ' || source FROM event WHERE retro_id = '%s'"
		 " AND text LIKE 'Pool saturation%%'", id);
	ok(ut_wait_sql(&u, fac, q, "1 https://grafana.example.com/d/payments-api?viewPanel=14", T),
	   "kept, its source as it was");

	/* A viewer changes none of it. */
	vt_key(viewer, "5");
	vt_wait_text(viewer, "Summary preview", T);
	vt_key(viewer, "a");
	ok(vt_wait_text(viewer, "This is a read-only view", T), "a viewer cannot add to a step");

	ok(ut_quit(fac), "the facilitator quits");
	vt_free(fac);
	vt_key(viewer, "q");
	ok(ut_exited(viewer, 0), "the viewer quits");
	vt_free(viewer);
	ut_done(&u);
	return done_testing();
}
