/* Each stage's keys, the list of retrospectives, help, undo, delete, the
 * edit forms and the details. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;

/* Waits, at most T, for a whole frame on which met(vt, arg) holds; on
 * failure the screen goes to the log with why. */
static bool wait_for(struct vt *vt, bool (*met)(struct vt *, const void *), const void *arg,
		     const char *why)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (vt_at_frame_end(vt) && met(vt, arg))
			return true;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long elapsed = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (elapsed >= T || vt_pump(vt, (int)(T - elapsed)) < 0) {
			vt_dump(vt, why);
			return false;
		}
	}
}

/* The row showing the text is the selected one: the mark in the first
 * column, the row in reverse video. */
static bool is_selected(struct vt *vt, const void *text)
{
	int row = vt_find_row(vt, text);
	char *line = row >= 0 ? vt_row_text(vt, row) : NULL;
	bool marked = line && strncmp(line, "\xe2\x80\xba", 3) == 0 && vt_cell_reverse(vt, row, 2);
	free(line);
	return marked;
}

static bool wait_selected(struct vt *vt, const char *text)
{
	return wait_for(vt, is_selected, text, "the wanted row is not the selected one");
}

/* The row showing anchor[0] does not show anchor[1]. */
static bool row_lacks(struct vt *vt, const void *arg)
{
	const char *const *pair = arg;
	int row = vt_find_row(vt, pair[0]);
	char *line = row >= 0 ? vt_row_text(vt, row) : NULL;
	bool lacks = line && !strstr(line, pair[1]);
	free(line);
	return lacks;
}

static bool screen_is(struct vt *vt, const void *want)
{
	char *now = vt_screen_text(vt);
	bool same = now && strcmp(now, want) == 0;
	free(now);
	return same;
}

/* Some row shows both texts. */
static bool row_has_both(struct vt *vt, const char *a, const char *b)
{
	int rows, cols;
	vt_size(vt, &rows, &cols);
	bool found = false;
	for (int row = 0; row < rows && !found; row++) {
		char *line = vt_row_text(vt, row);
		found = line && strstr(line, a) && strstr(line, b);
		free(line);
	}
	return found;
}

/* Writes to the program's terminal behind its back, as another program on
 * the same terminal can, and marks the end as a frame so the harness takes
 * the screen as it is. */
static bool scribble(struct vt *vt, const char *bytes)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/fd/1", vt_pid(vt));
	int fd = open(path, O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return false;
	size_t len = strlen(bytes);
	bool written = write(fd, bytes, len) == (ssize_t)len &&
		       write(fd, VT_FRAME_MARKER, sizeof VT_FRAME_MARKER - 1) ==
			       (ssize_t)(sizeof VT_FRAME_MARKER - 1);
	close(fd);
	return written;
}

static struct vt *open_demo(char *id, size_t size, int rows, int cols)
{
	char *out = NULL;
	ut_cli(&u, &out, NULL, "demo", NULL);
	ut_last_line(out ? out : "", id, size);
	free(out);
	struct vt *vt = ut_spawn(&u, rows, cols, id, NULL);
	if (vt)
		vt_wait_text(vt, "Regardless of what we discover", T);
	return vt;
}

static void test_list(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, NULL);
	ok(vt && vt_wait_text(vt, "No retrospectives yet", T), "with no RETRO and none made: says so");
	vt_key(vt, "n");
	ok(vt_wait_text(vt, "New retrospective", T), "n asks for a title");
	vt_type(vt, "Cache stampede");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Incident date: 2026-11-25", T), "then for the incident date, today offered");
	vt_key(vt, "C-u");
	vt_type(vt, "2026-02-30");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "not a real date", T) && vt_find_row(vt, "Incident date:") >= 0,
	   "an impossible date is refused, the prompt kept to correct it");
	vt_key(vt, "C-u");
	vt_type(vt, "2026-11-17");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Started \"Cache stampede\" (incident of 2026-11-17)", T),
	   "and opens the new retrospective");
	ok(vt_wait_text(vt, "Regardless of what we discover", T), "on the Prime Directive");
	/* The README's own example: a clock time, read on the incident's day. */
	vt_key(vt, "2");
	vt_key(vt, "a");
	vt_wait_text(vt, "Add event", T);
	vt_type(vt, "14:05 pager fired !detect");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Event added", T) && vt_wait_text(vt, "pager fired", T),
	   "a time-only event is taken");
	/* Opened from the list, q goes back to it (it quit the program). */
	vt_key(vt, "q");
	ok(vt_wait_text(vt, "Back to the list; q quits.", T) && vt_wait_text(vt, "debrief · retrospectives", T),
	   "q goes back to the list the meeting was opened from");
	int cache = vt_find_row(vt, "Cache stampede");
	ok(cache > 0 && vt_wait_row(vt, cache, "     1     0  Cache", T), "which counts its new event");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "and there q quits");
	vt_free(vt);

	char id[64];
	vt = open_demo(id, sizeof id, 24, 80);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	/* A second demo: the first one's open items are "still open" (30
	 * rows: below them the first one is an earlier incident on the same
	 * services, ui/labels). */
	vt = open_demo(id, sizeof id, 30, 100);
	ok(vt_wait_text(vt, "Still open from earlier retrospectives", T), "the Prime Directive lists");
	ok(vt_wait_text(vt, "Priya, due 2026-12-01: Page on", T),
	   "the open items of earlier retrospectives, with owner and due date");
	int first = vt_find_row(vt, "Priya, due 2026-12-01"), second = vt_find_row(vt, "Marco, due 2026-12-08");
	ok(first > 0 && second == first + 2, "soonest due first (rows %d, %d)", first, second);
	ok(vt_find_row(vt, "from Checkout failures after payments-api") == first + 1,
	   "each with the retrospective it came from");
	if (!(first > 0 && second == first + 2))
		vt_dump(vt, "still open");
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	vt = ut_spawn(&u, 24, 80, NULL);
	ok(vt && vt_wait_text(vt, "Cache stampede", T), "the list shows retrospectives");
	ok(vt_wait_text(vt, "Checkout failures after", T), "newest incident first");
	int row = vt_find_row(vt, "Checkout failures");
	ok(ut_wait_reverse(vt, row, 2, true, T), "the first is selected");
	vt_key(vt, "j");
	ok(ut_wait_reverse(vt, row, 2, false, T) && ut_wait_reverse(vt, row + 1, 2, true, T),
	   "j selects the next");
	vt_key(vt, "k");
	ok(ut_wait_reverse(vt, row + 1, 2, false, T) && ut_wait_reverse(vt, row, 2, true, T),
	   "k the one before");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Regardless of what we discover", T) && vt_wait_row(vt, 0, "INC-4127", T),
	   "Enter opens the selected one");
	vt_key(vt, "q");
	vt_wait_text(vt, "Back to the list", T);
	vt_resize(vt, 24, 120);
	ok(vt_wait_text(vt, "Checkout failures after payments-api pool change · INC-4127 · SEV2", T),
	   "where there is room, each with its incident reference and severity");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

/* A list longer than the screen is read a screenful at a time: moving past
 * it reads the next rows, and the right one opens. */
static void test_long_list(void)
{
	char title[64], date[16], *out;
	for (int i = 1; i <= 60; i++) {
		snprintf(title, sizeof title, "Older incident %02d", i);
		snprintf(date, sizeof date, "2025-%02d-%02d", 1 + (i - 1) / 28, 1 + (i - 1) % 28);
		ut_cli(&u, &out, NULL, "new", title, "--date", date, NULL);
		free(out);
	}
	struct vt *vt = ut_spawn(&u, 24, 80, NULL);
	ok(vt && vt_wait_text(vt, "Checkout failures after", T), "a long list opens on the newest");
	ok(vt_wait_gone(vt, "Older incident 01", T), "the oldest is off the screen");
	vt_key(vt, "G");
	ok(vt_wait_text(vt, "Older incident 01", T), "G goes to the oldest");
	int row = vt_find_row(vt, "Older incident 01");
	ok(row > 0 && ut_wait_reverse(vt, row, 2, true, T), "and selects it");
	ok(vt_wait_gone(vt, "Checkout failures after", T), "the newest scrolled away");
	vt_key(vt, "PageUp");
	/* The page is half the screen's height (24 / 2). */
	ok(wait_selected(vt, "Older incident 13"), "PgUp moves up a page");
	vt_key(vt, "k");
	ok(wait_selected(vt, "Older incident 14"), "k moves up one more");
	vt_key(vt, "g");
	ok(vt_wait_text(vt, "Checkout failures after", T), "g comes back to the newest");
	vt_key(vt, "G");
	vt_wait_text(vt, "Older incident 01", T);
	vt_key(vt, "k");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Regardless", T) && vt_wait_row(vt, 0, "Older incident 02", T),
	   "Enter opens the one selected far down the list");
	vt_key(vt, "q");
	vt_wait_text(vt, "Back to the list", T);
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);

	/* At the end of the list, another program removes most of them: the
	 * list fills the screen again, the selection on the last. */
	vt = ut_spawn(&u, 24, 80, NULL);
	vt_wait_text(vt, "Checkout failures after", T);
	vt_key(vt, "G");
	ok(vt_wait_text(vt, "Older incident 01", T), "at the end of a long list");
	char cmd[600];
	snprintf(cmd, sizeof cmd,
		 "sqlite3 '%s' \"DELETE FROM question WHERE retro_id IN (SELECT id FROM retro"
		 " WHERE title LIKE 'Older incident%%' AND title > 'Older incident 05');"
		 " DELETE FROM retro WHERE title LIKE 'Older incident%%' AND title > 'Older incident 05'\"",
		 u.db);
	ok(system(cmd) == 0, "another program deletes 55 of them");
	ok(vt_wait_gone(vt, "Older incident 06", T) && vt_wait_text(vt, "Checkout failures after", T),
	   "the list shows what is left from its top, not one row on an empty screen");
	int last = vt_find_row(vt, "Older incident 01");
	ok(last > 0 && ut_wait_reverse(vt, last, 2, true, T), "with the last one still selected");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

static void test_help_and_stages(void)
{
	char id[64];
	struct vt *vt = open_demo(id, sizeof id, 24, 80);
	vt_key(vt, "?");
	ok(vt_wait_text(vt, "Keys · j/k scroll", T), "? shows the keys");
	ok(vt_wait_text(vt, "show every key", T) &&
		   vt_wait_text(vt, "switch between the stage and the notes pane", T),
	   "generated from the key table");
	vt_key(vt, "j");
	vt_key(vt, "Space");
	ok(vt_wait_gone(vt, "Keys · j/k scroll", T), "another key closes it");
	vt_key(vt, "]");
	ok(vt_wait_text(vt, "WHAT HAPPENED", T), "] next stage");
	vt_key(vt, "[");
	ok(vt_wait_text(vt, "Who is here", T), "[ previous stage");
	vt_key(vt, "4");
	ok(vt_wait_text(vt, "NO OWNER", T), "4 jumps to the action items");
	vt_key(vt, "?");
	ok(vt_wait_row(vt, 1, "Action items", T) && vt_find_row(vt, "status: done") >= 0,
	   "help shows this stage's keys first, on the first screen");
	vt_key(vt, "Space");
	vt_wait_gone(vt, "Keys · j/k scroll", T);
	vt_key(vt, "Tab");
	vt_key(vt, "F1");
	ok(vt_wait_row(vt, 1, "Notes pane", T) && vt_find_row(vt, "Typing in a field") >= 0,
	   "from the notes pane, the typing keys first");
	vt_key(vt, "Space");
	vt_wait_gone(vt, "Keys · j/k scroll", T);
	vt_key(vt, "Esc");
	vt_key(vt, "3");
	ok(vt_wait_row(vt, 23, "] next", T), "the bar offers the next stage");
	vt_key(vt, "5");
	ok(vt_wait_text(vt, "Summary preview", T) && vt_wait_gone(vt, "] next", T),
	   "on Close, the last stage, it does not");
	vt_key(vt, "1");
	ok(vt_wait_text(vt, "Who is here", T), "1 jumps back");
	char *before = vt_screen_text(vt);
	ok(scribble(vt, "\033[H\033[2J\033[5;3Hsomething else wrote here"), "another program writes to the terminal");
	ok(vt_wait_text(vt, "something else wrote here", T) && vt_find_row(vt, "Who is here") < 0,
	   "and the stage is gone from the screen");
	vt_key(vt, "C-l");
	ok(before && wait_for(vt, screen_is, before, "the screen is not as it was"),
	   "Ctrl-L redraws the whole screen as it was");
	free(before);
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

/* A closed retrospective refuses every change but the follow-up of its
 * action items, says how to reopen it, and R reopens it (asking). */
static void test_closed(void)
{
	char id[64];
	struct vt *vt = open_demo(id, sizeof id, 24, 80);
	vt_key(vt, "5");
	ok(vt_wait_text(vt, "C close retro", T), "the Close stage offers C");
	vt_key(vt, "C");
	vt_wait_text(vt, "Close anyway? y/n", T);
	vt_key(vt, "y");
	ok(vt_wait_text(vt, "This retrospective is closed", T), "closed");
	ok(vt_wait_row(vt, 0, " CLOSED · Checkout failures", T), "the header says so first");
	ok(vt_wait_text(vt, "R reopens it)", T), "the preview names R, not C");
	vt_key(vt, "C-l"); /* the message gives the bar back */
	ok(vt_wait_text(vt, "R reopen", T) && vt_find_row(vt, "C close retro") < 0,
	   "the bar offers R, not C");
	vt_key(vt, "2");
	vt_wait_text(vt, "WHAT HAPPENED", T);
	vt_key(vt, "a");
	ok(vt_wait_text(vt, "closed: R on the Close stage reopens it", T) &&
		   vt_find_row(vt, "Add event") < 0,
	   "a quick-add is refused, saying how to reopen");
	vt_key(vt, "C-l");
	vt_wait_gone(vt, "reopens it", T);
	vt_key(vt, "Tab");
	ok(vt_wait_text(vt, "reopens it", T), "so is a note");
	ok(vt_find_row(vt, "a add") < 0, "and the bar offers no change");
	vt_key(vt, "4");
	vt_wait_text(vt, "NO OWNER", T);
	vt_key(vt, "D");
	ok(vt_wait_row(vt, 4, "done", T), "an action item's follow-up still goes on");
	vt_key(vt, "5");
	vt_key(vt, "R");
	ok(vt_wait_text(vt, "Reopen this retrospective? y/n", T), "R asks");
	vt_key(vt, "y");
	ok(vt_wait_text(vt, "Reopened", T), "and reopens");
	vt_key(vt, "2");
	vt_key(vt, "a");
	ok(vt_wait_text(vt, "Add event", T), "changes are taken again");
	vt_key(vt, "Esc");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

/* Ctrl-N and Ctrl-P walk the items from the notes pane; a note being
 * written goes along. */
static void test_walk_from_notes(void)
{
	char id[64];
	struct vt *vt = open_demo(id, sizeof id, 24, 80);
	vt_key(vt, "2");
	ok(vt_wait_text(vt, "Notes on 09:42", T), "on the first event");
	vt_key(vt, "Tab");
	ok(vt_wait_text(vt, "Ctrl-N next", T), "the notes pane's bar offers Ctrl-N");
	vt_type(vt, "walking on");
	vt_key(vt, "C-n");
	ok(vt_wait_text(vt, "Notes on 09:47", T), "Ctrl-N: the next event, still typing");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Alex  walking on", T), "the note went along and is saved there");
	vt_key(vt, "C-p");
	ok(vt_wait_text(vt, "Notes on 09:42", T) && vt_wait_gone(vt, "walking on", T),
	   "Ctrl-P: back to the first, whose notes it is not among");
	vt_key(vt, "Esc");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

static void test_timeline_keys(void)
{
	char id[64];
	struct vt *vt = open_demo(id, sizeof id, 30, 100);
	vt_key(vt, "2");
	ok(vt_wait_text(vt, "payments-api v2.31 deployed", T), "the timeline");
	int row = vt_find_row(vt, "payments-api v2.31 deployed");
	ok(ut_wait_reverse(vt, row, 2, true, T), "the first event is highlighted");
	vt_key(vt, "Down");
	vt_key(vt, "j");
	row = vt_find_row(vt, "CheckoutErrorRate alert posts");
	vt_wait_text(vt, "Notes on 09:58", T);
	ok(ut_wait_reverse(vt, row, 2, true, T), "↓ and j walk to the third");
	ok(vt_wait_text(vt, "tuned down in March", T), "the notes pane follows the highlight");
	vt_key(vt, "l");
	ok(vt_wait_row(vt, row, "LUCKY", T), "l marks it lucky");
	vt_key(vt, "l");
	const char *alert_lucky[] = {"CheckoutErrorRate alert posts", "LUCKY"};
	ok(wait_for(vt, row_lacks, alert_lucky, "the mark is still there"), "l again clears the mark");
	vt_key(vt, "c");
	ok(vt_wait_row(vt, row, "BETTER", T), "c marks it could be better");

	vt_key(vt, "e");
	ok(vt_wait_text(vt, "Edit event", T), "e edits the event in a form");
	ok(vt_wait_text(vt, "2026-11-24 09:58:00+01:00", T), "with its time and offset");
	vt_key(vt, "Tab");
	vt_key(vt, "Tab");
	vt_key(vt, "Tab");
	vt_key(vt, "C-u");
	vt_type(vt, "Alert went to a quiet channel");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Alert went to a quiet channel", T), "the edit is saved");
	vt_key(vt, "u");
	ok(vt_wait_text(vt, "Undone: edit the event", T), "u undoes the edit");
	ok(vt_wait_text(vt, "CheckoutErrorRate alert posts", T), "the old text is back");

	vt_key(vt, "e");
	vt_wait_text(vt, "Edit event", T);
	vt_key(vt, "C-u");
	vt_type(vt, "2026-02-30 10:00");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "cannot exist", T), "the form refuses an impossible time");
	vt_key(vt, "Esc");
	ok(vt_wait_gone(vt, "Edit event", T), "Esc cancels the form");

	vt_key(vt, "d");
	ok(vt_wait_text(vt, "Delete the 09:58 event and its 1 note? y/n", T), "d asks first");
	vt_key(vt, "n");
	ok(vt_wait_text(vt, "Nothing changed", T), "n keeps it");
	vt_key(vt, "d");
	vt_wait_text(vt, "Delete the 09:58", T);
	vt_key(vt, "y");
	ok(vt_wait_gone(vt, "CheckoutErrorRate alert posts", T), "y deletes it");
	ok(vt_wait_row(vt, 2, "detect 22m", T), "time to detect stays (the Detection event sets it)");
	vt_key(vt, "u");
	ok(vt_wait_text(vt, "CheckoutErrorRate alert posts", T), "u brings it back");
	vt_key(vt, "Down");
	ok(vt_wait_text(vt, "Notes on 10:06", T), "Down goes on to the next event");
	vt_key(vt, "Up");
	ok(vt_wait_text(vt, "Notes on 09:58", T) && vt_wait_text(vt, "tuned down in March", T),
	   "Up comes back to it, with its note");
	vt_key(vt, "j");
	vt_key(vt, "j");
	ok(vt_wait_text(vt, "Notes on 10:09", T), "on the Detection event");
	vt_key(vt, "d");
	vt_wait_text(vt, "Delete the 10:09", T);
	vt_key(vt, "y");
	ok(vt_wait_gone(vt, "On-call SRE links the tickets", T) && vt_wait_row(vt, 2, "detect 11m", T),
	   "the durations follow: without the Detection event, detection is the alert (09:47 to 09:58)");
	vt_key(vt, "u");
	ok(vt_wait_text(vt, "On-call SRE links the tickets", T) && vt_wait_row(vt, 2, "detect 22m", T),
	   "and u puts them back");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);

	/* A laptop in another zone: a typed clock time is the timeline's. */
	ut_setenv(&u, "TZ", "UTC");
	vt = ut_spawn(&u, 30, 100, id, NULL);
	vt_wait_text(vt, "payments-api v2.31 deployed", T);
	vt_key(vt, "a");
	vt_wait_text(vt, "Add event", T);
	vt_type(vt, "10:50 customer comms sent !other");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Event added", T), "an event typed on a UTC machine");
	int comms = vt_find_row(vt, "customer comms sent"), end = vt_find_row(vt, "back to its 0.2% baseline"),
	    res = vt_find_row(vt, "v2.31.1 with the pool");
	ok(comms > end && comms < res, "sorts by the wall clock the room uses (10:41 < 10:50 < 11:05)");
	ok(vt_find_row(vt, "(UTC+01:00)") >= 0, "and the timeline keeps one offset");
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	ut_setenv(&u, "TZ", "Europe/Berlin");
}

static void test_questions_actions(void)
{
	char id[64];
	struct vt *vt = open_demo(id, sizeof id, 30, 100);
	vt_key(vt, "3");
	ok(vt_wait_text(vt, "Question 1 of 7", T), "the first question");
	ok(vt_wait_text(vt, "Did an alert fire", T), "with its prompts");
	vt_key(vt, "G");
	ok(vt_wait_text(vt, "What did we set out to do? And what actually happened?", T), "G: the last");
	vt_key(vt, "d");
	ok(vt_wait_text(vt, "only added ones can go", T), "the agenda's questions cannot be deleted");
	vt_key(vt, "a");
	vt_wait_text(vt, "Add a question", T);
	vt_type(vt, "What would a new hire have done?");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Question 8 of 8 (added in the meeting)", T), "a custom question is added");
	vt_key(vt, "d");
	vt_wait_text(vt, "Delete this question", T);
	vt_key(vt, "y");
	ok(vt_wait_text(vt, "Question 7 of 7", T), "and can be deleted");

	vt_key(vt, "4");
	vt_wait_text(vt, "NO OWNER", T);
	vt_key(vt, "G");
	vt_key(vt, "X");
	ok(vt_wait_text(vt, "Dropped, because:", T), "X asks why first (issue 13)");
	vt_key(vt, "Enter");
	int arow = vt_find_row(vt, "Add the connection pool");
	bool kept = vt_wait_gone(vt, "Dropped, because:", T) && arow > 0;
	char *row = kept ? vt_row_text(vt, arow) : NULL;
	kept = row && strstr(row, "done ") && !strstr(row, "dropped");
	free(row);
	ok(kept, "nothing typed: nothing dropped");
	if (!kept)
		vt_dump(vt, "dropped after all?");
	vt_key(vt, "X");
	vt_wait_text(vt, "Dropped, because:", T);
	vt_type(vt, "the runbook moved to the wiki");
	vt_key(vt, "Enter");
	ok(arow > 0 && vt_wait_row(vt, arow, "dropped", T), "X drops an item, with why (row %d)", arow);
	char *why = ut_sql(&u, "SELECT drop_reason FROM action WHERE status = 'dropped'");
	ok(why && strcmp(why, "the runbook moved to the wiki") == 0, "the reason is kept (%s)", why ? why : "none");
	free(why);
	vt_key(vt, "o");
	ok(vt_wait_row(vt, arow, "open ", T), "o opens it again");
	why = ut_sql(&u, "SELECT count(*) FROM action WHERE drop_reason IS NOT NULL");
	ok(why && strcmp(why, "0") == 0, "and its reason goes");
	free(why);
	vt_key(vt, "D");
	ok(vt_wait_row(vt, arow, "done ", T), "D marks it done");
	vt_key(vt, "g");
	vt_key(vt, "j");
	vt_key(vt, "j");
	vt_key(vt, "j");
	vt_key(vt, "e");
	ok(vt_wait_text(vt, "Edit action item", T), "e edits an action item");
	vt_key(vt, "Tab");
	vt_type(vt, "Lea");
	vt_key(vt, "Enter");
	ok(vt_wait_gone(vt, "NO OWNER", T), "giving it an owner");
	ok(vt_wait_text(vt, "Lea ", T), "shows the owner");
	vt_key(vt, "a");
	vt_wait_text(vt, "Add action item", T);
	vt_type(vt, "Check the alert routing @priya #detect");
	vt_key(vt, "Enter");
	int routing = -1;
	if (vt_wait_text(vt, "Action item added", T))
		routing = vt_find_row(vt, "Check the alert routing");
	ok(routing > 0 && vt_wait_row(vt, routing, "Priya ", T), "@priya takes the meeting's spelling, Priya");
	vt_key(vt, "D");
	ok(vt_wait_text(vt, "Status: done.", T), "a status key says what it did");
	vt_key(vt, "a");
	vt_wait_text(vt, "Add action item", T);
	vt_type(vt, "Bad tag #nonsense");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "unknown type '#nonsense'", T), "a bad quick-add says why");
	vt_key(vt, "Esc");
	vt_wait_gone(vt, "Add action item", T);

	vt_key(vt, "i");
	ok(vt_wait_text(vt, "Details of the retrospective", T), "i shows the details");
	ok(row_has_both(vt, "Incident ", "INC-4127"), "with the incident in its field");
	vt_key(vt, "Down");
	vt_key(vt, "Down");
	vt_key(vt, "C-u");
	vt_type(vt, "SEV1");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "· SEV1", T), "the header shows the new severity");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	test_list();
	test_help_and_stages();
	test_walk_from_notes();
	test_closed();
	test_timeline_keys();
	test_questions_actions();
	test_long_list();
	ut_done(&u);
	return done_testing();
}
