/* The meeting's clock: kept in the file, so every terminal shows the same
 * time, labelled; it starts when a facilitator first opens the meeting,
 * P pauses it and lets it go on, closing stops it, reopening goes on. The
 * time is pinned per program (DEBRIEF_NOW): nothing here waits for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

#define T0 1795000000LL

static struct uitest u;
static char id[64];

/* The terminals' clocks: each program started now reads this time. */
static void at(long long secs)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", T0 + secs);
	ut_setenv(&u, "DEBRIEF_NOW", v);
}

static bool sql_is(const char *query, const char *want)
{
	char *got = ut_sql(&u, query);
	bool same = got && strcmp(got, want) == 0;
	if (!same)
		fprintf(stderr, "# %s: got '%s', want '%s'\n", query, got ? got : "(nothing)", want);
	free(got);
	return same;
}

static struct vt *open_as(const char *role, long long secs)
{
	at(secs);
	struct vt *vt = role ? ut_spawn(&u, 24, 80, role, id, NULL) : ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	return vt;
}

/* (A scribe types into the notes pane: Esc leaves it first.) */
static void quit(struct vt *vt)
{
	bool notes = vt_find_row(vt, "Esc back") >= 0;
	if (!notes)
		vt_key(vt, "q");
	if (!(notes ? ut_quit(vt) : ut_exited(vt, 0)))
		fprintf(stderr, "# a terminal did not quit\n");
	vt_free(vt);
}

static void test_shared_clock(void)
{
	ok(sql_is("SELECT clock_started FROM retro", "0"), "made on the command line: no clock yet");
	struct vt *viewer = open_as("--view", 0);
	ok(vt_find_row(viewer, "elapsed") < 0, "a viewer before the facilitator sees no clock");
	quit(viewer);

	struct vt *fac = open_as(NULL, 0);
	ok(vt_wait_row(fac, 0, "elapsed 00:00", T), "the facilitator's header says elapsed, at 80 columns");
	ok(sql_is("SELECT clock_started FROM retro", "1795000000"), "the clock starts in the file");
	viewer = open_as("--view", 754);
	ok(vt_wait_row(viewer, 0, "elapsed 12:34", T), "a terminal started later counts from the same start");

	vt_key(fac, "P");
	ok(vt_wait_text(fac, "clock is paused; P lets it go on", T), "P pauses, saying how to go on");
	ok(vt_wait_row(fac, 0, "paused 00:00", T), "the header says paused");
	ok(vt_wait_row(viewer, 0, "paused 00:00", T), "and so does every other terminal");
	vt_key(viewer, "P");
	ok(vt_wait_text(viewer, "read-only view", T), "a viewer cannot pause it");
	quit(viewer);
	quit(fac);

	/* An hour's break; then on for ten minutes. */
	fac = open_as(NULL, 3600);
	ok(vt_wait_row(fac, 0, "paused 00:00", T), "it stands while paused, whoever opens it");
	vt_key(fac, "P");
	ok(vt_wait_text(fac, "clock goes on", T), "P lets it go on");
	ok(vt_wait_row(fac, 0, "elapsed 00:00", T), "from where it stood");
	ok(sql_is("SELECT clock_paused_secs || ' ' || clock_paused_at FROM retro", "3600 0"),
	   "the hour's pause is kept in the file");
	quit(fac);
	struct vt *scribe = open_as("--scribe", 3600 + 90 * 60);
	ok(vt_wait_row(scribe, 0, "elapsed 1:30:00", T), "hours are shown as such");
	quit(scribe);

	/* Closed after five minutes: it stops; reopened later, it goes on. */
	fac = open_as(NULL, 3600 + 300);
	vt_key(fac, "5");
	vt_wait_text(fac, "C close retro", T);
	vt_key(fac, "C");
	vt_wait_text(fac, "y/n", T);
	vt_key(fac, "y");
	ok(vt_wait_text(fac, "This retrospective is closed", T), "closed");
	ok(vt_wait_row(fac, 0, "lasted 05:00", T), "the clock stops at close, saying lasted");
	vt_key(fac, "P");
	ok(vt_wait_text(fac, "R on the Close stage reopens it", T), "and a closed one cannot be paused");
	quit(fac);
	viewer = open_as("--view", 86400);
	ok(vt_wait_row(viewer, 0, "lasted 05:00", T), "a day later it still reads what the meeting took");
	fac = open_as(NULL, 86400);
	vt_key(fac, "5");
	vt_key(fac, "R");
	vt_wait_text(fac, "y/n", T);
	vt_key(fac, "y");
	ok(vt_wait_text(fac, "Reopened", T), "reopened");
	ok(vt_wait_row(fac, 0, "elapsed 05:00", T), "the clock goes on from where it stopped");
	ok(vt_wait_row(viewer, 0, "elapsed 05:00", T), "on the viewer too");
	quit(viewer);
	quit(fac);
	viewer = open_as("--view", 86400 + 60);
	ok(vt_wait_row(viewer, 0, "elapsed 06:00", T), "and runs on");
	quit(viewer);
}

/* Keys kept out of a narrow bar are offered where there is room (issue
 * 11: i and [ never appeared in a bar); the clock's says what it does. */
static void test_wide_bar(void)
{
	at(86400 + 120);
	struct vt *vt = ut_spawn(&u, 30, 200, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	ok(vt_wait_row(vt, 29, "[ previous  i details  P pause clock", T),
	   "a wide bar offers [, i and P after the rest");
	vt_key(vt, "P");
	vt_wait_text(vt, "clock is paused", T);
	vt_key(vt, "C-l");
	ok(vt_wait_row(vt, 29, "P resume clock", T), "and P resumes a paused clock");
	vt_key(vt, "P");
	vt_wait_text(vt, "clock goes on", T);
	quit(vt);
	struct vt *narrow = open_as(NULL, 86400 + 120);
	vt_wait_text(narrow, "? help", T);
	ok(vt_find_row(narrow, "i details") < 0 && vt_find_row(narrow, "? help") == 23,
	   "at 80 columns they give way to the stage's keys");
	quit(narrow);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Queue backlog", "--date", "2026-11-24", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	test_shared_clock();
	test_wide_bar();
	ut_done(&u);
	return done_testing();
}
