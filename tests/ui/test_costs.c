/* What other terminals cost a terminal, counted, never timed:
 *
 *  - an idle terminal is not woken by another's draft keys (drafts are
 *    in each user's own file, not the shared one), and presence wakes it
 *    only when the set of terminals changes: its wake-ups a second stay
 *    the same as terminals are added (each used to say "still here" every
 *    two seconds, a write to the shared file that woke every other one);
 *  - a viewer reading a note another terminal saved reads a bounded
 *    number of rows, the same on the demo and on a 50,000-event timeline
 *    (counted by the program itself: DEBRIEF_TEST_COUNTS);
 *  - a note saved redraws the notes pane alone where nothing else shows
 *    notes (the screens drawn whole, as the test-mode frames say).
 *
 * A wake-up is counted as the kernel counts a process going to sleep of
 * its own accord (voluntary_ctxt_switches in /proc/PID/status): asleep in
 * poll(), woken, back to sleep. A terminal's own clock wakes it once a
 * second. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static long wakeups(struct vt *vt)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", vt_pid(vt));
	FILE *f = fopen(path, "r");
	long v = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* Reads every terminal's screen for ms (none of them may block on a full
 * pty meanwhile). */
static void idle(struct vt **v, int n, long ms)
{
	long end = ut_ms() + ms;
	while (ut_ms() < end)
		for (int i = 0; i < n; i++)
			if (v[i])
				vt_pump(v[i], i == 0 ? 20 : 0);
}

static void test_wakeups(void)
{
	struct vt *v[8] = {0};
	v[0] = ut_spawn(&u, 24, 100, "--view", id, NULL); /* the one watched */
	v[1] = ut_spawn(&u, 24, 100, id, NULL);
	ok(v[0] && v[1] && vt_wait_text(v[1], "Regardless", T) && vt_wait_text(v[0], "● facilitator", T),
	   "a viewer and a facilitator: the viewer sees the facilitator is here");
	idle(v, 2, 1500); /* the arrivals are over */

	/* The facilitator types a long note, a key at a time, not saved. */
	vt_key(v[1], "Tab");
	vt_wait_text(v[1], "Enter save note", T);
	long w0 = wakeups(v[0]), t0 = ut_ms();
	static const char text[] = "the pool ran dry before the alert paged anyone at all, said";
	for (const char *p = text; *p; p++) {
		char key[2] = {*p, '\0'};
		vt_type(v[1], key);
		idle(v, 2, 50);
	}
	ok(vt_wait_text(v[1], "anyone at all, said", T), "the facilitator has typed %zu keys",
	   strlen(text));
	long woken = wakeups(v[0]) - w0;
	double secs = (double)(ut_ms() - t0) / 1000;
	ok(woken <= (long)secs + 2,
	   "the viewer was not woken by them: %ld wake-ups in %.1f s, its clock's (at most %ld)", woken,
	   secs, (long)secs + 2);
	vt_key(v[1], "Esc");

	/* Idle, two terminals, then seven. */
	idle(v, 2, 500);
	w0 = wakeups(v[0]);
	t0 = ut_ms();
	idle(v, 2, 6000);
	double two = (double)(wakeups(v[0]) - w0) * 1000 / (double)(ut_ms() - t0);
	for (int i = 2; i < 7; i++)
		v[i] = ut_spawn(&u, 24, 100, "--view", id, NULL);
	ok(vt_wait_text(v[0], "● 6 viewers", T),
	   "five viewers more: the viewer is told (the set of terminals changed)");
	idle(v, 7, 1500);
	w0 = wakeups(v[0]);
	t0 = ut_ms();
	idle(v, 7, 6000);
	double seven = (double)(wakeups(v[0]) - w0) * 1000 / (double)(ut_ms() - t0);
	ok(two <= 1.5, "idle with one other terminal: %.2f wake-ups a second (its clock's one)", two);
	ok(seven <= 1.5 && seven <= two + 0.34,
	   "idle with six others: %.2f a second, as with one (%.2f): not one more per terminal", seven,
	   two);

	/* A terminal killed says nothing: its process is seen gone. */
	vt_free(v[6]);
	v[6] = NULL;
	ok(vt_wait_text(v[0], "● 5 viewers", T), "a viewer killed is gone from the others' header");
	vt_key(v[5], "q");
	ok(ut_exited(v[5], 0) && vt_wait_text(v[0], "● 4 viewers", T),
	   "one that quits is gone at once");
	vt_free(v[5]);
	v[5] = NULL;
	for (int i = 0; i < 7; i++)
		vt_free(v[i]);
}

/* The rows read and the steps taken on "outside" lines after `from` in
 * the counts file; whether any read the whole retrospective; the events
 * walked to work the timeline's durations and check out again (timeline
 * may be NULL). */
static void sum_counts(const char *path, size_t from, long *rows, long *steps, int *looks,
		       bool *whole, long *timeline)
{
	char *all = ut_read_file(path);
	*rows = *steps = 0;
	if (timeline)
		*timeline = 0;
	*looks = 0;
	*whole = false;
	if (!all)
		return;
	for (char *line = strlen(all) > from ? all + from : all + strlen(all); *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		char how[16];
		long r, s, t = 0;
		int got = sscanf(line, "outside reload=%15s rows=%ld steps=%ld timeline=%ld", how, &r,
				 &s, &t);
		if (got >= 3) {
			*rows += r;
			*steps += s;
			if (timeline) /* (-1: a line that does not say) */
				*timeline = got == 4 && *timeline >= 0 ? *timeline + t : -1;
			(*looks)++;
			*whole = *whole || strcmp(how, "whole") == 0;
		}
		line = end ? end + 1 : line + strlen(line);
	}
	free(all);
}

/* Bytes in a file (0 if none). */
static size_t file_length(const char *path)
{
	char *all = ut_read_file(path);
	size_t n = all ? strlen(all) : 0;
	free(all);
	return n;
}

/* The facilitator on the timeline's second event. */
static struct vt *facilitator_on_event(const char *what)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "1 Prime Directive", 60000), "%s: the facilitator opens it", what);
	vt_key(f, "2");
	vt_key(f, "j");
	vt_wait_text(f, "Notes on", 60000);
	return f;
}

/* A viewer following it, counting what it does into the file counts. */
static struct vt *counted_viewer(const char *what, const char *counts)
{
	ut_setenv(&u, "DEBRIEF_TEST_COUNTS", counts);
	struct vt *v = ut_spawn(&u, 24, 100, "--view", id, NULL);
	ut_setenv(&u, "DEBRIEF_TEST_COUNTS", "");
	ok(v && vt_wait_text(v, "Notes on", 60000) && vt_wait_text(v, "● facilitator", T),
	   "%s: a viewer follows it", what);
	return v;
}

/* A viewer follows the facilitator to the timeline's second event; the
 * facilitator saves a note there. What the viewer read for it, with
 * `extra` other viewers following too. */
static void one_note(const char *what, int extra, long *rows, long *steps)
{
	struct vt *others[8] = {NULL};
	char counts[400], note[64];
	snprintf(counts, sizeof counts, "%s/counts-%s", u.dir, what);
	snprintf(note, sizeof note, "counted on the %s", what);
	struct vt *f = facilitator_on_event(what);
	for (int i = 0; i < extra && i < 8; i++) {
		others[i] = ut_spawn(&u, 24, 100, "--view", id, NULL);
		vt_wait_text(others[i], "Notes on", 60000);
	}
	struct vt *v = counted_viewer(what, counts);
	struct vt *both[2] = {v, f};
	idle(both, 2, 1000);
	size_t from = file_length(counts);
	vt_key(f, "Tab");
	vt_type(f, note);
	vt_key(f, "Enter");
	ok(vt_wait_text(v, note, T), "%s: the viewer shows the note", what);
	idle(both, 2, 500); /* a last look after the writes */
	int looks;
	bool whole;
	sum_counts(counts, from, rows, steps, &looks, &whole, NULL);
	ok(looks >= 1 && !whole, "%s: read by %d look%s, none of it whole", what, looks,
	   looks == 1 ? "" : "s");
	vt_key(v, "q");
	ok(ut_exited(v, 0), "%s: the viewer quits", what);
	ok(ut_quit(f), "%s: the facilitator quits", what);
	vt_free(v);
	vt_free(f);
	for (int i = 0; i < 8; i++)
		vt_free(others[i]);
}

static void test_bounded_reload(void)
{
	long rows_demo, steps_demo, rows_big, steps_big;
	one_note("demo", 0, &rows_demo, &steps_demo);
	/* An imported log of 50,000 lines in the incident's hour, put in by
	 * the sqlite3 shell (the schema's triggers count them, log them and
	 * index their words, as an import would). */
	free(ut_sql(&u, "WITH RECURSIVE s(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM s WHERE j < 50000)"
			" INSERT INTO event(id, retro_id, at, offset_min, kind, text, created_at)"
			" SELECT printf('%08x-0000-4000-8000-%012x', j, j), retro_id, at + j % 3000,"
			" offset_min, 'other', 'log line ' || j, created_at"
			" FROM s, (SELECT * FROM event ORDER BY at LIMIT 1)"));
	char *n = ut_sql(&u, "SELECT count(*) FROM event");
	ok(n && atol(n) > 50000, "50,000 events more (%s in all)", n ? n : "?");
	free(n);
	one_note("50,000 events", 0, &rows_big, &steps_big);
	ok(rows_demo > 0 && rows_demo <= 40, "on the demo a note costs the viewer %ld rows", rows_demo);
	ok(rows_big == rows_demo, "on 50,000 events as many: %ld rows", rows_big);
	ok(steps_big <= 2 * steps_demo + 200,
	   "and the rows it looked at to find them do not grow either: %ld steps, %ld on the demo",
	   steps_big, steps_demo);
	/* Nor with the number of terminals: who is here is read again only
	 * when a terminal came or went (it was read again at every change). */
	long rows_many, steps_many;
	one_note("six terminals", 5, &rows_many, &steps_many);
	ok(rows_many == rows_big, "with five viewers more a note costs the viewer as many rows: %ld (%ld)",
	   rows_many, rows_big);
}

/* The row the terminal highlights (it starts with "›"), or NULL. */
static char *highlighted(struct vt *vt)
{
	for (int row = 0; row < 24; row++) {
		char *text = vt_row_text(vt, row);
		if (text && strncmp(text, "\xe2\x80\xba", 3) == 0)
			return text;
		free(text);
	}
	return NULL;
}

/* Waits until the terminal's highlighted row does (or does not) show the
 * event marked WELL. */
static bool wait_marked(struct vt *vt, bool want)
{
	for (long end = ut_ms() + T; ut_ms() < end; vt_pump(vt, 50)) {
		char *row = highlighted(vt);
		bool is = row && strstr(row, " WELL ");
		free(row);
		if (row && is == want && vt_at_frame_end(vt))
			return true;
	}
	return false;
}

/* An event marked on a 50,000-event timeline costs a viewer what changed
 * (issue 15): the event, put in place; the durations and the timeline's
 * check, which read no marks, are not worked out again over every event
 * (they were, at every mark: two thirds of what a mark cost a viewer).
 * An event added is: it can change them. */
static void test_mark_costs(void)
{
	char counts[400];
	snprintf(counts, sizeof counts, "%s/counts-marks", u.dir);
	struct vt *f = facilitator_on_event("marks");
	struct vt *v = counted_viewer("marks", counts);
	struct vt *both[2] = {v, f};
	idle(both, 2, 1000);
	char *row = highlighted(f);
	bool was = row && strstr(row, " WELL ");
	free(row);
	size_t from = file_length(counts);
	vt_key(f, "w");
	ok(wait_marked(f, !was) && wait_marked(v, !was), "the event marked (w) is shown %s on the viewer",
	   was ? "unmarked" : "WELL");
	idle(both, 2, 500);
	long rows, steps, walked;
	int looks;
	bool whole;
	sum_counts(counts, from, &rows, &steps, &looks, &whole, &walked);
	ok(looks >= 1 && !whole && walked == 0,
	   "the viewer read it in %d partial look%s and walked %ld events for the durations and the check",
	   looks, looks == 1 ? "" : "s", walked);
	from = file_length(counts);
	vt_key(f, "u");
	ok(wait_marked(v, was), "undone (u), the mark is gone from the viewer again");
	idle(both, 2, 500);
	sum_counts(counts, from, &rows, &steps, &looks, &whole, &walked);
	ok(looks >= 1 && !whole && walked == 0, "and walked %ld events for that", walked);
	from = file_length(counts);
	vt_key(f, "a");
	vt_wait_text(f, "Add event", T);
	vt_type(f, "09:50 added while marking");
	vt_key(f, "Enter");
	ok(vt_wait_text(v, "added while marking", T), "an event added is on the viewer");
	idle(both, 2, 500);
	sum_counts(counts, from, &rows, &steps, &looks, &whole, &walked);
	ok(!whole && walked > 50000,
	   "and the durations and the check are worked out again over all %ld events", walked);
	vt_key(f, "u");
	ok(vt_wait_gone(v, "added while marking", T), "undone (u), it is gone from the viewer");
	ok(vt_wait_text(v, "● facilitator", T) && vt_wait_gone(f, "added while marking", T),
	   "and from the facilitator's screen");
	vt_key(v, "q");
	ok(ut_exited(v, 0), "marks: the viewer quits");
	ok(ut_quit(f), "marks: the facilitator quits");
	vt_free(v);
	vt_free(f);
}

/* Waits until the program has drawn its screen whole more than `than`
 * times; what it says then (-1 if it never did). */
static long drawn_whole_after(struct vt *vt, long than)
{
	long end = ut_ms() + T, n;
	while ((n = ut_whole_draws(vt)) <= than && ut_ms() < end)
		vt_pump(vt, 50);
	return n;
}

/* A note saved redraws what shows notes (issue 15: "redraws only what is
 * on screen"): on a stage whose view shows nothing of them (the Prime
 * Directive, the action items) the notes pane alone, the screen the same
 * as one drawn whole; on the timeline the event's count of notes too. */
static void test_note_redraw(void)
{
	char own[64];
	ut_new_demo(&u, own, sizeof own);
	struct vt *f = ut_spawn(&u, 24, 80, own, NULL);
	ok(f && vt_wait_text(f, "Regardless", T), "the facilitator on a fresh demo's Prime Directive, 80x24");
	vt_key(f, "Esc");
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_type(f, "drawn in its pane");
	vt_wait_text(f, "drawn in its pane", T);
	long before = ut_whole_draws(f);
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Alex  drawn in its pane", T), "the note saved is shown");
	long after = ut_whole_draws(f);
	ok(before > 0 && after == before, "the notes pane drawn alone, not the screen (%ld whole, %ld before)",
	   after, before);
	char *partly = vt_screen_text(f);
	vt_key(f, "C-l");
	ok(drawn_whole_after(f, after) > after, "Ctrl-L, typing a note, draws the screen whole");
	char *whole = vt_screen_text(f);
	ok(partly && whole && strcmp(partly, whole) == 0, "and it is the same screen");
	free(partly);
	free(whole);
	vt_key(f, "Esc");
	vt_key(f, "2");
	ok(vt_wait_text(f, "Notes on 09:42", T), "on the timeline");
	int row = vt_find_row(f, "›09:42");
	char *line = row >= 0 ? vt_row_text(f, row) : NULL;
	ok(line && strstr(line, "[1]"), "the event says it has a note");
	free(line);
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_type(f, "one more on the event");
	vt_wait_text(f, "one more on the event", T);
	before = ut_whole_draws(f);
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Alex  one more on the event", T) && drawn_whole_after(f, before) > before,
	   "a note on the timeline draws the screen whole");
	line = vt_row_text(f, vt_find_row(f, "›09:42"));
	ok(line && strstr(line, "[2]"), "the event's count of notes follows: %s", line ? line : "?");
	free(line);
	vt_key(f, "Esc");
	ok(ut_quit(f), "quits");
	vt_free(f);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	test_wakeups();
	test_note_redraw();
	test_bounded_reload();
	test_mark_costs();
	ut_done(&u);
	return done_testing();
}
