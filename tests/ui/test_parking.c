/* The parking lot and the timeline's check (issue 12), through the real
 * program: an idea parked from the timeline shows on the Action items
 * stage, becomes an action item with Enter, another is dropped with d,
 * the rest are in the export, and every terminal sees them; a timeline
 * whose detection comes before the impact is flagged on leaving it and on
 * !, Enter lands on the event, y accepts it and the durations stop saying
 * "unchecked"; closing asks about both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static bool sql_is(const char *query, const char *want)
{
	char *got = ut_sql(&u, query);
	bool same = got && strcmp(got, want) == 0;
	if (!same)
		printf("#   %s\n#   gave \"%s\", not \"%s\"\n", query, got ? got : "(null)", want);
	free(got);
	return same;
}

/* Whether the durations' row (2) says "unchecked", as last drawn. */
static bool says_unchecked(struct vt *vt)
{
	char *row = vt_row_text(vt, 2);
	bool yes = row && strstr(row, "unchecked");
	free(row);
	return yes;
}

static bool wait_checked(struct vt *vt)
{
	for (int i = 0; i < 50; i++) {
		if (!says_unchecked(vt))
			return true;
		vt_pump(vt, 100);
	}
	vt_dump(vt, "the durations still say unchecked");
	return false;
}

/* The timeline: detected five minutes before the impact started. */
static void make_retro(void)
{
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Search outage", "--incident", "INC-88", "--date", "2026-11-24",
	       "--facilitator", "Mei Lin", "--scribe", "Ravi Patel", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	ut_cli(&u, NULL,
	       "09:30 index rebuild deployed !trigger\n"
	       "09:40 on-call notices slow searches !detect\n"
	       "09:45 search errors climb !impact\n"
	       "10:05 rebuild rolled back !mitigate\n"
	       "10:20 search healthy again !resolve\n",
	       "import", id, "-", NULL);
}

static void test_check(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "Regardless", T), "the facilitator opens the retrospective");
	ok(vt_wait_row(f, 2, "unchecked", T) && vt_wait_row(f, 2, "detect -5m", T) &&
	   vt_wait_row(f, 2, "! lists 1 problem", T),
	   "the durations say unchecked (time to detect comes out negative)");
	struct vt *v = ut_spawn(&u, 24, 100, "--view", id, NULL);
	ok(v && vt_wait_row(v, 2, "unchecked", T), "so does a viewer's");

	vt_key(f, "2");
	ok(vt_wait_text(f, "WHAT HAPPENED", T), "on the timeline");
	vt_key(f, "]");
	ok(vt_wait_text(f, "Timeline check: 1 problem, 1 not accepted", T),
	   "leaving the timeline shows what its check found");
	ok(vt_wait_text(f, "Detection at 09:40 comes before the impact start at 09:45.", T),
	   "detection before the impact started");
	vt_key(f, "Enter");
	ok(vt_wait_gone(f, "Timeline check:", T) && vt_wait_text(f, "Notes on 09:40", T),
	   "Enter lands on the timeline, on the event");
	int row = vt_find_row(f, "on-call notices slow searches");
	ok(row > 0 && ut_wait_reverse(f, row, 3, true, T), "highlighted");
	ok(vt_wait_text(v, "Notes on 09:40", T), "the viewer follows it there");

	vt_key(f, "]");
	ok(vt_wait_text(f, "How were we notified", T), "leaving again goes on to the questions");
	ok(vt_find_row(f, "Timeline check:") < 0, "without the same problems shown twice");
	ok(says_unchecked(f), "the durations still say unchecked");

	vt_key(v, "!");
	ok(vt_wait_text(v, "Timeline check: 1 problem", T), "! lists the problems on any terminal");
	vt_key(v, "y");
	ok(vt_wait_text(v, "read-only view", T), "a viewer cannot accept the timeline");
	vt_key(v, "Esc");

	vt_key(f, "!");
	ok(vt_wait_text(f, "Timeline check: 1 problem, 1 not accepted", T), "! lists them");
	vt_key(f, "y");
	ok(vt_wait_text(f, "Accepted the timeline as it is", T), "y accepts the timeline as it is");
	ok(wait_checked(f), "its durations stop saying unchecked");
	ok(vt_wait_row(f, 2, "detect -5m", T), "and are shown as they are");
	ok(sql_is("SELECT substr(timeline_accepted, 1, 2) FROM retro", "1 "), "kept in the file");
	ok(wait_checked(v), "the viewer's stop too");
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);

	f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "How were we notified", T) && wait_checked(f),
	   "reopened, the timeline is still accepted");
	/* An event far after the incident is a new problem. */
	ut_cli(&u, NULL, "2026-11-25 11:00 postmortem published\n", "import", id, "-", NULL);
	ok(vt_wait_row(f, 2, "unchecked", T), "a new problem makes the timeline unchecked again");
	ok(vt_wait_row(v, 2, "unchecked", T), "on every terminal");
	vt_key(f, "!");
	ok(vt_wait_text(f, "Timeline check: 2 problems, 1 not accepted", T), "! lists both");
	ok(vt_wait_text(f, "accepted: Detection at 09:40", T), "the one accepted says so");
	ok(vt_wait_text(f, "more than a day after the incident ended", T), "the new one is far outside");
	vt_key(f, "Esc");
	ok(vt_wait_gone(f, "Timeline check:", T), "Esc closes the list");
	ok(ut_quit(v), "the viewer quits");
	vt_free(v);
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

static void test_parking(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "How were we notified", T), "the facilitator is back on the questions");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	ok(s && vt_wait_text(s, "How were we notified", T), "a scribe follows");
	struct vt *v = ut_spawn(&u, 24, 100, "--view", id, NULL);
	ok(v && vt_wait_text(v, "How were we notified", T), "and a viewer");

	vt_key(f, "2");
	ok(vt_wait_text(f, "WHAT HAPPENED", T), "the timeline");
	vt_key(f, "g");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on 09:40", T), "the 09:40 detection highlighted");
	vt_key(f, "p");
	ok(vt_wait_text(f, "Park an idea for later:", T), "p opens a line to park an idea");
	vt_type(f, "canary for config changes");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Parked for later (1 in the lot", T), "Enter parks it");
	ok(vt_wait_text(f, "Notes on 09:40", T) && vt_find_row(f, "WHAT HAPPENED") >= 0,
	   "without leaving the stage or the event");
	ok(sql_is("SELECT p.text || '|' || p.stage || '|' || e.text || '|' || p.status FROM parked p"
		  " JOIN event e ON e.id = p.event_id",
		  "canary for config changes|2|on-call notices slow searches|parked"),
	   "linked to the event on screen");

	vt_key(f, "3");
	ok(vt_wait_text(f, "Timeline check: 2 problems, 1 not accepted", T),
	   "leaving the timeline, a new terminal shows the problem not accepted");
	vt_key(f, "Esc");
	ok(vt_wait_gone(f, "Timeline check", T) && vt_wait_text(f, "How were we notified", T),
	   "Esc goes on to the questions");
	vt_key(f, "p");
	vt_wait_text(f, "Park an idea for later:", T);
	vt_type(f, "alert on search latency");
	vt_key(f, "Enter");
	vt_wait_text(f, "Parked for later (2 in the lot", T);
	vt_key(f, "p");
	vt_wait_text(f, "Park an idea for later:", T);
	vt_type(f, "write the rebuild runbook");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Parked for later (3 in the lot", T), "two more from the questions");

	vt_key(v, "p");
	ok(vt_wait_text(v, "read-only view", T), "a viewer cannot park one");

	vt_key(f, "4");
	ok(vt_wait_text(f, "Parked for later (3)", T), "the Action items stage lists them at its top");
	ok(vt_wait_text(f, "canary for config changes  (09:40 Detection)", T) &&
	   vt_wait_text(f, "alert on search latency  (question 1)", T),
	   "each with what it was parked on");
	ok(vt_wait_text(f, "No action items yet", T), "above the action items");
	ok(vt_wait_text(s, "Parked for later (3)", T) && vt_wait_text(s, "write the rebuild runbook", T),
	   "the scribe sees them");
	ok(vt_wait_text(v, "Parked for later (3)", T), "and the viewer");

	vt_key(f, "Enter");
	ok(vt_wait_text(f, "The idea is an action item now", T), "Enter makes the first an action item");
	ok(vt_wait_text(f, "Parked for later (2)", T), "out of the lot");
	int row = vt_find_row(f, "NO OWNER");
	ok(row > 0 && vt_wait_row(f, row, "canary for config changes", T),
	   "into the action items, waiting for an owner");
	ok(sql_is("SELECT p.status || '|' || (p.action_id = a.id) || '|' || (a.origin_event = p.event_id)"
		  " FROM parked p JOIN action a ON a.title = p.text",
		  "action|1|1"),
	   "the idea says which action item it became, linked to its event");
	ok(vt_wait_text(s, "Parked for later (2)", T) && vt_wait_text(s, "NO OWNER", T),
	   "the scribe sees the change");

	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone: make the idea an action item", T) &&
	   vt_wait_text(f, "Parked for later (3)", T) && vt_wait_text(f, "No action items yet", T),
	   "u takes it back whole: the action item gone, the idea parked again");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Redone: make the idea an action item", T) &&
	   vt_wait_text(f, "Parked for later (2)", T) && vt_wait_text(f, "NO OWNER", T),
	   "Ctrl-R makes it again");

	vt_key(f, "g");
	vt_key(f, "d");
	ok(vt_wait_text(f, "Dropped the idea \"alert on search latency\"", T), "d drops another");
	ok(vt_wait_text(f, "Parked for later (1)", T), "out of the lot");
	ok(sql_is("SELECT status FROM parked WHERE text = 'alert on search latency'", "dropped"),
	   "kept, marked dropped");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Parked for later (2)", T), "u brings it back");
	vt_key(f, "g");
	vt_key(f, "d");
	ok(vt_wait_text(f, "Parked for later (1)", T), "dropped again");
	ok(vt_wait_text(v, "Parked for later (1)", T), "the viewer sees what is left");
	long partial, whole;
	bool said = ut_reloads(s, &partial, &whole);
	ok(said && partial >= 1 && whole == 0,
	   "the scribe read each change by id (%ld partial, %ld whole)", partial, whole);

	char *md = NULL;
	ut_cli(&u, &md, NULL, "export", id, NULL);
	ok(md && strstr(md, "## Ideas parked for later") && strstr(md, "write the rebuild runbook"),
	   "the export lists the idea still parked");
	ok(md && !strstr(md, "alert on search latency"), "not the dropped one");
	const char *section = md ? strstr(md, "## Ideas parked for later") : NULL;
	ok(section && !strstr(section, "canary for config changes"),
	   "the one that became an action item is in the action items");
	free(md);
	char *json = NULL;
	ut_cli(&u, &json, NULL, "export", id, "--format", "json", NULL);
	ok(json && strstr(json, "\"status\": \"dropped\"") && strstr(json, "\"status\": \"action\"") &&
	   strstr(json, "\"status\": \"parked\""), "JSON keeps every parked idea, with its status");
	ok(json && strstr(json, "\"ideas_parked\": 1"), "and counts those still parked");
	free(json);

	vt_key(f, "x");
	ok(vt_wait_text(f, "Export to: inc-88.md", T), "x offers a file name");
	char path[400];
	snprintf(path, sizeof path, "%s/summary.md", u.dir);
	for (int i = 0; i < 9; i++)
		vt_key(f, "Backspace");
	vt_type(f, path);
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Exported the summary", T), "exported from the screen");
	char *file = ut_read_file(path);
	ok(file && strstr(file, "write the rebuild runbook — *parked on question 1*"),
	   "with the idea still parked and where it was parked");
	free(file);

	ok(ut_quit(v), "the viewer quits");
	vt_free(v);
	ok(ut_quit(s), "the scribe quits");
	vt_free(s);
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

/* Closing asks about the timeline left unchecked and the ideas still
 * parked, as it asks about action items without an owner. */
static void test_closing_asks(void)
{
	struct vt *f = ut_spawn(&u, 24, 80, id, NULL);
	ok(f && vt_wait_text(f, "Parked for later (1)", T), "back on the action items");
	vt_key(f, "5");
	ok(vt_wait_text(f, "1 idea parked", T) && vt_wait_text(f, "1 without an owner · timeline unchecked", T),
	   "the Close stage counts them");
	vt_key(f, "C");
	ok(vt_wait_text(f, "1 without an owner, timeline unchecked, 1 idea parked. Close anyway? y/n", T),
	   "closing asks about all three, on one line");
	vt_key(f, "n");
	ok(vt_wait_text(f, "Nothing changed", T), "n keeps it open");
	vt_key(f, "!");
	vt_wait_text(f, "Timeline check:", T);
	vt_key(f, "y");
	vt_wait_text(f, "Accepted the timeline", T);
	vt_key(f, "C");
	ok(vt_wait_text(f, "1 without an owner, 1 idea parked. Close anyway? y/n", T),
	   "an accepted timeline is not asked about");
	vt_key(f, "y");
	ok(vt_wait_text(f, "This retrospective is closed", T), "y closes it");
	vt_key(f, "p");
	ok(vt_wait_text(f, "closed", T) && vt_find_row(f, "Park an idea") < 0, "a closed one parks nothing");
	ok(ut_quit(f), "quits");
	vt_free(f);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	make_retro();
	test_check();
	test_parking();
	test_closing_asks();
	ut_done(&u);
	return done_testing();
}
