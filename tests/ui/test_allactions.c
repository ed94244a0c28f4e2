/* The action items of every retrospective (issue 13, "memory across
 * retrospectives"): A on the list shows them all, a row each with its
 * status, due date (overdue standing out), owner and retrospective;
 * s sorts, f shows open / overdue / all, / narrows to an owner; o D X e
 * follow an item up there (as `debrief action` does); Enter opens its
 * retrospective at it, and q there comes back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static struct vt *vt;
static char demo[64], id[64];

/* `debrief actions --open` lists the item with this title. */
static bool cli_open_lists(const char *title)
{
	char *out = NULL;
	ut_cli(&u, &out, NULL, "actions", "--open", NULL);
	bool has = out && strstr(out, title);
	free(out);
	return has;
}

static void add_item(struct vt *vt, const char *line)
{
	vt_key(vt, "a");
	vt_wait_text(vt, "Add action item:", T);
	vt_type(vt, line);
	vt_key(vt, "Enter");
	vt_wait_gone(vt, "Add action item:", T);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, demo, sizeof demo))
		return 1;
	/* A second retrospective with two items of its own: one overdue on
	 * 2026-11-25 (today, pinned), one not. */
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Queue backlog", "--date", "2026-11-03", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Who is here", T);
	vt_key(vt, "4");
	vt_wait_text(vt, "No action items yet", T);
	add_item(vt, "Alert on queue depth @Jun due:2026-11-10");
	add_item(vt, "Document the replay runbook @Priya due:2026-12-20");
	vt_wait_text(vt, "Document the replay runbook", T);
	vt_key(vt, "1"); /* the place left: the Prime Directive */
	vt_wait_text(vt, "Who is here", T);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);

	vt = ut_spawn(&u, 24, 80, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	ok(vt_wait_text(vt, "A action items", T), "the list's bar offers A");
	vt_key(vt, "A");
	ok(vt_wait_text(vt, "action items · 6 open, 1 overdue · showing open, by due date", T),
	   "A: every retrospective's items, counted, how they are shown and sorted");
	ok(vt_wait_row(vt, 2, "overdue  2026-11-10  Jun", T), "the overdue one first, marked");
	int late = vt_find_row(vt, "overdue  2026-11-10");
	vt_key(vt, "j");
	ok(ut_wait_reverse(vt, 3, 4, true, T) && late > 0 && vt_cell_bold(vt, late, 3) && !vt_cell_bold(vt, 4, 3),
	   "and standing out off the highlight");
	ok(vt_find_row(vt, "2026-12-01  Priya") > 0 && vt_find_row(vt, "Checkout failur") > 0 &&
	   vt_find_row(vt, "Queue backlog") > 0, "items of both retrospectives, each with where it came from");
	ok(vt_find_row(vt, "Add the connection pool") < 0, "a done one is not shown: open ones are");
	ok(vt_wait_text(vt, "Esc back", T), "the bar offers the way back");

	/* Sorting. */
	vt_key(vt, "s");
	ok(vt_wait_text(vt, "showing open, by owner", T) && vt_wait_row(vt, 2, "2026-12-15  Dana", T) &&
	   vt_wait_row(vt, 7, "no owner", T), "s: by owner, the one without last");
	vt_key(vt, "s");
	ok(vt_wait_text(vt, "by retrospective", T) && vt_wait_row(vt, 2, "Checkout failur", T) &&
	   vt_wait_row(vt, 6, "Queue backlog", T), "s: by retrospective");
	vt_key(vt, "s");
	ok(vt_wait_text(vt, "by due date", T) && vt_wait_row(vt, 2, "Alert on queue depth", T), "s: round again");

	/* Showing. */
	vt_key(vt, "f");
	ok(vt_wait_text(vt, "showing overdue", T) && vt_wait_gone(vt, "Marco", T) &&
	   vt_find_row(vt, "Alert on queue depth") == 2, "f: the overdue ones only");
	vt_key(vt, "f");
	ok(vt_wait_text(vt, "showing all", T) && vt_wait_text(vt, "done     2026-11-27  Sam", T),
	   "f: all, the done one too");
	vt_key(vt, "f");
	ok(vt_wait_text(vt, "showing open", T) && vt_wait_gone(vt, "2026-11-27  Sam", T), "f: open again");

	/* One owner's, as typed. */
	vt_key(vt, "/");
	vt_wait_text(vt, "Owner:", T);
	vt_type(vt, "pri");
	ok(vt_wait_text(vt, "action items of pri", T) && vt_wait_gone(vt, "Marco", T) &&
	   vt_find_row(vt, "2026-12-01  Priya") > 0 && vt_find_row(vt, "2026-12-20  Priya") > 0,
	   "/: only Priya's, in any case, as it is typed");
	ok(vt_wait_text(vt, "2 open, 0 overdue", T), "counted over hers");
	vt_key(vt, "Esc");
	ok(vt_wait_text(vt, "Marco", T) && vt_wait_text(vt, "6 open, 1 overdue", T), "Esc: everyone's again");

	/* The follow-up, there and then. */
	vt_key(vt, "g");
	vt_key(vt, "D");
	ok(vt_wait_text(vt, "Done: “Alert on queue depth”", T), "D: done, said");
	ok(ut_wait_sql(&u, vt, "SELECT status FROM action WHERE title = 'Alert on queue depth'", "done", T), "and kept");
	ok(vt_wait_text(vt, "5 open, 0 overdue", T) && vt_wait_gone(vt, "2026-11-10  Jun", T),
	   "no longer shown as open");
	ok(!cli_open_lists("Alert on queue depth"), "debrief actions --open agrees");
	vt_key(vt, "f");
	vt_key(vt, "f");
	vt_wait_text(vt, "showing all", T);
	vt_key(vt, "g");
	ok(vt_wait_row(vt, 2, "done     2026-11-10  Jun", T), "shown with all, done");
	vt_key(vt, "o");
	ok(vt_wait_text(vt, "Open again: “Alert on queue depth”", T) && vt_wait_row(vt, 2, "overdue", T),
	   "o: open again, overdue again");
	ok(cli_open_lists("Alert on queue depth"), "debrief actions --open lists it again");
	vt_key(vt, "X");
	ok(vt_wait_text(vt, "Dropped, because:", T), "X asks why");
	vt_type(vt, "the new dashboard covers it");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Dropped: “Alert on queue depth”", T), "dropped, said");
	ok(ut_wait_sql(&u, vt, "SELECT status || ': ' || drop_reason FROM action WHERE title = 'Alert on queue depth'",
		  "dropped: the new dashboard covers it", T), "with its reason");
	ok(!cli_open_lists("Alert on queue depth"), "debrief actions --open agrees");
	vt_key(vt, "j");
	vt_wait_row(vt, 3, "›", T);
	vt_key(vt, "e");
	ok(vt_wait_text(vt, "Owner: Sam due:2026-11-27", T), "e: owner and due date, to change");
	vt_key(vt, "C-u");
	vt_type(vt, "Jun Park due:2026-12-24");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Jun Park, due 2026-12-24: “Add the connection pool", T), "changed, said");
	ok(ut_wait_sql(&u, vt, "SELECT owner || ' ' || due FROM action WHERE title LIKE 'Add the connection pool%'",
		  "Jun Park 2026-12-24", T), "and kept");

	/* Enter: the item in its retrospective. */
	vt_key(vt, "f"); /* open ones again */
	vt_wait_text(vt, "showing open", T);
	vt_key(vt, "G");
	vt_key(vt, "k");
	ok(vt_wait_row(vt, 5, "›open     2026-12-20  Priya", T), "the runbook item highlighted");
	vt_key(vt, "Enter");
	ok(vt_wait_row(vt, 0, " Queue backlog", T) && vt_wait_text(vt, "Notes on action: Document the replay runbook", T),
	   "Enter: its retrospective, on the item");
	ok(vt_wait_text(vt, "›Priya", T), "the item highlighted on the Action items stage");
	ok(ut_wait_sql(&u, vt, "SELECT stage || ' ' || (current_item = (SELECT id FROM action WHERE title = "
		       "'Document the replay runbook')) FROM retro WHERE title = 'Queue backlog'", "4 1", T),
	   "where the facilitator is, for the others to follow");
	vt_key(vt, "q");
	ok(vt_wait_text(vt, "Back to the action items", T) && vt_wait_text(vt, "showing open, by due date", T),
	   "q: back to the items, as they were shown");
	ok(vt_wait_text(vt, "›open     2026-12-20  Priya", T), "on the same one");
	vt_key(vt, "Esc");
	ok(vt_wait_text(vt, "debrief · retrospectives", T), "Esc: back to the list");
	vt_key(vt, "?");
	ok(vt_wait_text(vt, "A            the action items of every retrospective", T),
	   "? names A");
	vt_key(vt, "q");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);

	/* The help and --help-keys show the board's keys. */
	out = NULL;
	ut_cli(&u, &out, NULL, "--help-keys", NULL);
	ok(out && strstr(out, "Action items of every retrospective (A on the list)") &&
	   strstr(out, "sort by due date, owner or retrospective"), "--help-keys lists the board's keys");
	free(out);
	ut_done(&u);
	return done_testing();
}
