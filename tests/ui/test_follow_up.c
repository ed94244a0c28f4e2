/* The follow-up at the start of a meeting (issue 13): stage 1's open
 * action items of earlier retrospectives are reviewed there, one at a
 * time: o, D and X (dropping asks why) decide, e changes the owner and the
 * due date; each decision is kept with this meeting and its summary has a
 * "Follow-up of earlier action items". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char demo[64], id[64];

static bool sql_is(const char *query, const char *want)
{
	char *got = ut_sql(&u, query);
	bool same = got && strcmp(got, want) == 0;
	if (!same)
		fprintf(stderr, "# %s: got '%s', want '%s'\n", query, got ? got : "(nothing)", want);
	free(got);
	return same;
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, demo, sizeof demo))
		return 1;
	/* Today is 2026-12-06: the demo's item due 2026-12-01 is overdue. */
	ut_setenv(&u, "DEBRIEF_NOW", "1796515200");
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Queue backlog", "--date", "2026-12-03", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);

	struct vt *fac = ut_spawn(&u, 30, 100, id, NULL);
	ok(vt_wait_text(fac, "Still open from earlier retrospectives", T), "stage 1 lists the earlier open items");
	ok(vt_wait_text(fac, "Priya, due 2026-12-01 OVERDUE: Page on", T), "an overdue one says so");
	vt_key(fac, "j");
	vt_wait_text(fac, "› Priya, due 2026-12-01", T);
	int r = vt_find_row(fac, "› Priya, due 2026-12-01");
	ok(r > 0 && ut_wait_reverse(fac, r, 52, true, T), "j highlights the first for review");
	ok(vt_wait_row(fac, 29, "o open  D done  X dropped", T), "the bar offers the decisions");
	vt_key(fac, "D");
	ok(vt_wait_text(fac, "Done, in the follow-up: “Page on CheckoutErrorRate above 2% for 5 minutes”", T),
	   "D: done, said");
	ok(sql_is("SELECT status FROM action WHERE title LIKE 'Page on Checkout%'", "done"),
	   "its own retrospective's item is done");
	ok(vt_wait_gone(fac, "Priya, due 2026-12-01", T), "and it is no longer listed as open");
	ok(vt_wait_text(fac, "› Marco, due 2026-12-08", T), "the next one is under review");
	vt_key(fac, "X");
	ok(vt_wait_text(fac, "Dropped, because:", T), "X asks why");
	vt_key(fac, "Enter");
	ok(vt_wait_gone(fac, "Dropped, because:", T) &&
	   sql_is("SELECT status FROM action WHERE title LIKE 'Add a schema%'", "open"),
	   "nothing typed: nothing dropped");
	vt_key(fac, "X");
	vt_wait_text(fac, "Dropped, because:", T);
	vt_type(fac, "the canary covers it");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "Dropped, in the follow-up", T), "dropped with a reason");
	ok(sql_is("SELECT status || ': ' || drop_reason FROM action WHERE title LIKE 'Add a schema%'",
		  "dropped: the canary covers it"), "kept with the item");
	ok(vt_wait_text(fac, "› Dana, due 2026-12-15", T), "then the next");
	vt_key(fac, "e");
	ok(vt_wait_text(fac, "Owner: Dana due:2026-12-15", T), "e: its owner and due date, to change");
	vt_key(fac, "C-u");
	vt_type(fac, "Jun Park due:2026-12-20");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "Jun Park, due 2026-12-20, in the follow-up", T), "changed, said");
	ok(sql_is("SELECT owner || ' ' || due FROM action WHERE title LIKE 'Canary step%'", "Jun Park 2026-12-20"),
	   "and kept");
	vt_key(fac, "e");
	vt_wait_text(fac, "Owner: Jun Park due:2026-12-20", T);
	vt_key(fac, "C-u");
	vt_type(fac, "Jun due:2026-02-30");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "2026-02-30", T) && vt_find_row(fac, "Owner:") >= 0,
	   "an impossible date is refused, the line kept to correct");
	vt_key(fac, "Esc");
	ok(sql_is("SELECT count(*) FROM follow_up WHERE retro_id = (SELECT id FROM retro WHERE title = 'Queue backlog')",
		  "3"), "three items reviewed in this meeting");
	vt_key(fac, "g");
	vt_key(fac, "e");
	bool form = vt_wait_text(fac, "─ Who is here ─", T) && vt_find_row(fac, "Owner:") < 0;
	ok(form, "on who is here, e edits the roles as before");
	if (!form)
		vt_dump(fac, "no roles form");
	vt_key(fac, "Esc");
	vt_key(fac, "q");
	ok(ut_exited(fac, 0), "quits");
	vt_free(fac);

	out = NULL;
	ut_cli(&u, &out, NULL, "export", id, "--format", "md", NULL);
	ok(out && strstr(out, "## Follow-up of earlier action items"), "the summary has the follow-up");
	ok(out && strstr(out, "| Page on CheckoutErrorRate above 2% for 5 minutes | Checkout failures after "
			       "payments-api pool change | open → done |"), "what was done");
	ok(out && strstr(out, "| open → dropped: the canary covers it |"), "what was dropped, and why");
	ok(out && strstr(out, "| owner Dana → Jun Park; due 2026-12-15 → 2026-12-20 |"), "what was reassigned");
	free(out);
	out = NULL;
	ut_cli(&u, &out, NULL, "export", id, "--format", "json", NULL);
	ok(out && strstr(out, "\"follow_up\": [") && strstr(out, "\"drop_reason\": \"the canary covers it\"") &&
	   strstr(out, "\"before\": {\n        \"status\": \"open\",\n        \"owner\": \"Dana\""),
	   "JSON keeps each item's before and now");
	free(out);
	out = NULL;
	ut_cli(&u, &out, NULL, "export", demo, "--format", "md", NULL);
	ok(out && !strstr(out, "Follow-up of earlier"), "the earlier retrospective's own summary has none");
	free(out);
	ut_done(&u);
	return done_testing();
}
