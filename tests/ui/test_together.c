/* Two and three terminals on one file: the facilitator leads, the scribe
 * follows and writes, a viewer watches; every change shows everywhere, no
 * note is lost, and a clash of edits is shown, not swallowed. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Whether the screen has an empty line to type into (" ›" alone). */
static bool has_input_line(struct vt *vt)
{
	bool found = false;
	for (int r = 0; r < 24 && !found; r++) {
		char *t = vt_row_text(vt, r);
		size_t n = t ? strlen(t) : 0;
		while (n && t[n - 1] == ' ')
			n--;
		found = t && n == strlen(" ›") && strncmp(t, " ›", n) == 0;
		free(t);
	}
	return found;
}

static void test_follow_and_share(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "Regardless", T), "the facilitator opens the retrospective");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	ok(s && vt_wait_text(s, "Regardless", T), "the scribe opens it too");
	ok(vt_wait_text(s, "following", T), "and follows the facilitator");
	ok(vt_wait_text(s, "Enter save note", T), "with the notes pane focused");
	ok(vt_wait_text(f, "● scribe", T), "the facilitator sees the scribe is here");

	vt_key(f, "2");
	ok(vt_wait_text(s, "WHAT HAPPENED", T), "the scribe follows to the timeline");
	vt_key(f, "j");
	vt_key(f, "j");
	ok(vt_wait_text(s, "Notes on 09:58", T), "and to the highlighted event");

	vt_type(s, "written by the scribe");
	vt_key(s, "Enter");
	ok(vt_wait_text(s, "Jun   written by the scribe", T), "the scribe writes a note");
	ok(vt_wait_text(f, "Jun   written by the scribe", T), "the facilitator sees it without a key");

	struct vt *v = ut_spawn(&u, 24, 100, "--view", id, NULL);
	ok(v && vt_wait_text(v, "Notes on 09:58", T), "a viewer follows to the same place");
	ok(vt_wait_text(v, "written by the scribe", T), "and sees the notes");
	ok(!has_input_line(v), "with no line to type into, as it cannot type");
	vt_key(v, "5");
	ok(vt_wait_text(v, "Summary preview (j/k scroll · x export)", T),
	   "its Close stage offers no closing");
	vt_key(v, "f");
	ok(vt_wait_text(v, "Notes on 09:58", T), "f follows again");
	ok(vt_wait_text(f, "1 viewer", T), "the facilitator sees the viewer");
	/* Each refusal is a fresh message: C-l (a redraw, allowed) clears the
	 * last one first, as any key does. */
	vt_key(v, "a");
	ok(vt_wait_text(v, "read-only view", T), "the viewer cannot add");
	vt_key(v, "C-l");
	vt_wait_gone(v, "read-only view", T);
	vt_key(v, "Tab");
	ok(vt_wait_text(v, "read-only view", T), "nor write notes");
	vt_key(v, "C-l");
	vt_wait_gone(v, "read-only view", T);
	vt_key(v, "d");
	ok(vt_wait_text(v, "read-only view", T), "nor delete");
	vt_key(v, "C-l");
	ok(vt_wait_gone(v, "read-only view", T), "the refusal goes with the next key");
	/* Each role's bar shows what it can do: a follower how to stop
	 * following, and how to quit (the scribe's was cut before 'q quit'). */
	int bar = 23;
	ok(vt_wait_row(v, bar, "f stop following", T) && vt_wait_row(v, bar, "q quit", T),
	   "the viewer's bar: f stop following, q quit");

	vt_key(f, "a");
	vt_wait_text(f, "Add event", T);
	vt_type(f, "10:10 incident channel opened !other");
	vt_key(f, "Enter");
	ok(vt_wait_text(s, "incident channel opened", T), "an event added by the facilitator reaches the scribe");
	ok(vt_wait_text(v, "incident channel opened", T), "and the viewer");
	ok(vt_wait_text(s, "Notes on 10:10", T), "who follow the facilitator to it");

	/* The scribe stops following, writes elsewhere, and follows again. */
	vt_key(s, "Esc");
	vt_wait_text(s, "Tab notes", T);
	ok(vt_wait_row(s, bar, "f stop following", T) && vt_wait_row(s, bar, "q quit", T),
	   "the scribe's bar at the stage: f stop following, q quit");
	vt_key(s, "f");
	ok(vt_wait_text(s, "Stopped following", T), "f stops following");
	vt_key(s, "3");
	ok(vt_wait_text(s, "Question 1 of 7", T), "the scribe goes to the questions alone");
	vt_key(f, "g");
	ok(vt_wait_text(v, "Notes on 09:42", T), "the viewer still follows the facilitator");
	ok(vt_wait_text(s, "Question 1 of 7", T), "while the scribe stays");
	vt_key(s, "f");
	ok(vt_wait_text(s, "Notes on 09:42", T), "f follows again");

	/* A crashed terminal leaves; the others go on. */
	vt_signal(s, SIGKILL);
	int status;
	vt_wait_exit(s, T, &status);
	vt_free(s);
	ok(vt_wait_gone(f, "● scribe", T), "the killed scribe's presence disappears");
	vt_key(f, "j");
	ok(vt_wait_text(v, "Notes on 09:47", T), "the others keep working");
	vt_key(v, "q");
	ok(ut_exited(v, 0), "the viewer quits");
	vt_free(v);
	ok(vt_wait_gone(f, "viewer", T), "and its presence goes with it");
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);
}

static void test_typing_together(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(f, "Notes on", T);
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	vt_wait_text(s, "Enter save note", T);
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	char line[64];
	/* Both type at once, without waiting for each other. */
	for (int i = 0; i < 30; i++) {
		snprintf(line, sizeof line, "fac-%02d\r", i);
		vt_type(f, line);
		snprintf(line, sizeof line, "scr-%02d\r", i);
		vt_type(s, line);
	}
	/* The event's note count: both screens see all sixty. */
	ok(vt_wait_text(f, "[60]", T), "the facilitator sees all the notes");
	ok(vt_wait_text(s, "[60]", T), "and so does the scribe");
	ut_quit(f);
	vt_free(f);
	ut_quit(s);
	vt_free(s);
	char *out = NULL;
	ut_cli(&u, &out, NULL, "export", id, "--format", "json", NULL);
	int fac = out ? count(out, "\"fac-") : 0, scr = out ? count(out, "\"scr-") : 0;
	ok(fac == 30 && scr == 30, "every note is in the export (%d + %d)", fac, scr);
	free(out);
}

/* A note belongs where it was begun: the facilitator moving on (and the
 * scribe following) does not carry a half-written note along; the scribe's
 * own moves do. */
static void test_note_stays(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(f, "Notes on", T);
	vt_key(f, "2");
	vt_key(f, "g");
	ok(vt_wait_text(f, "Notes on 09:42", T), "the facilitator is on the first event");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	ok(s && vt_wait_text(s, "Notes on 09:42", T), "the scribe is there too");
	vt_type(s, "about the deploy");
	ok(vt_wait_text(s, "about the deploy", T), "and starts a note");
	vt_key(f, "j");
	ok(vt_wait_text(s, "\xe2\x80\xba" "09:47", T), "the facilitator moves on; the scribe follows");
	ok(vt_wait_text(s, "Your note is for 09:42", T),
	   "the scribe's pane says where the note will go");
	vt_key(s, "Enter");
	ok(vt_wait_gone(s, "Your note is for", T), "Enter saves it");
	vt_key(f, "k");
	ok(vt_wait_text(f, "about the deploy", T), "on the event it was begun on");

	/* Moving on one's own takes the note along. */
	vt_key(s, "Esc");
	vt_wait_text(s, "Tab notes", T);
	vt_key(s, "f");
	vt_wait_text(s, "Stopped following", T);
	vt_key(s, "Tab");
	vt_type(s, "goes along");
	vt_wait_text(s, "goes along", T);
	vt_key(s, "Esc");
	vt_wait_text(s, "Tab notes", T);
	vt_key(s, "G");
	ok(vt_wait_text(s, "Notes on 11:05", T), "the scribe moves on its own");
	ok(vt_wait_gone(s, "Your note is for", T), "and the note goes along");
	vt_key(s, "Tab");
	vt_key(s, "Enter");
	ok(vt_wait_text(s, "Jun   goes along", T), "saved where the scribe now is");
	ok(ut_quit(s), "the scribe quits");
	vt_free(s);
	vt_key(f, "j"); /* back where the next test expects the meeting */
	vt_wait_text(f, "Notes on 09:47", T);
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);
}

/* The notes pane's input line: the lowest row with its "› " prompt. */
static int input_row(struct vt *vt)
{
	for (int r = 23; r >= 0; r--) {
		char *t = vt_row_text(vt, r);
		bool here = t && strstr(t, "› ");
		free(t);
		if (here)
			return r;
	}
	return -1;
}

static void test_conflict(void)
{
	char q[512];
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(f, "Notes on", T);
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	vt_wait_text(s, "Enter save note", T);
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_key(f, "Up");
	ok(vt_wait_text(f, "Editing a note", T), "Up edits the last note (facilitator)");
	vt_key(s, "Up");
	ok(vt_wait_text(s, "Editing a note", T), "the scribe edits the same note");
	vt_type(f, " +fac");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Note updated", T), "the facilitator saves first");
	ok(vt_wait_text(s, "+fac", T), "the scribe's list shows it");
	vt_type(s, " +scr");
	vt_key(s, "Enter");
	ok(vt_wait_text(s, "Someone else changed this note meanwhile", T), "the scribe is shown the clash");
	/* An edit is not a draft: the text is in the input line (not the
	 * list, which shows +fac), and Enter saves exactly it. */
	ok(vt_wait_row(s, input_row(s), "-29 +scr", T), "and keeps their text");
	vt_key(s, "Enter");
	ok(vt_wait_text(s, "Note updated", T), "Enter again saves theirs, knowingly");
	ok(ut_wait_sql(&u, s, "SELECT count(*) FROM note WHERE body LIKE '%-29 +scr'"
		       " AND body NOT LIKE '%+fac%'", "1", T),
	   "their text as they typed it is stored");
	ok(vt_wait_text(f, "-29 +scr", T), "which the facilitator then sees");
	vt_key(f, "Esc");
	vt_wait_gone(f, "Editing a note", T);
	vt_key(f, "Esc");
	vt_wait_text(f, "Tab notes", T);

	/* Two forms on one event. */
	vt_key(s, "Esc");
	vt_wait_text(s, "Tab notes", T);
	vt_key(f, "e");
	ok(vt_wait_text(f, "Edit event", T), "the facilitator opens the event's form");
	vt_key(s, "e");
	ok(vt_wait_text(s, "Edit event", T), "so does the scribe");
	for (int i = 0; i < 3; i++) /* up past Known then and Seen at */
		vt_key(s, "Up");
	vt_key(s, "C-u");
	vt_type(s, "Errors climb (scribe's words)");
	vt_key(s, "Enter");
	ok(vt_wait_text(s, "Saved", T), "the scribe saves first");
	for (int i = 0; i < 3; i++)
		vt_key(f, "Up");
	vt_key(f, "C-u");
	vt_type(f, "Errors climb (facilitator's words)");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Someone else changed What happened meanwhile", T), "the facilitator is told");
	ok(vt_wait_text(f, "scribe's words", T), "with what they wrote");
	snprintf(q, sizeof q, "SELECT count(*) FROM draft_text d JOIN terminal t ON t.id = d.terminal_id"
		 " WHERE d.retro_id = '%s' AND t.role = 'facilitator' AND d.slot LIKE 'form:%%'"
		 " AND d.body LIKE '%%Errors climb (facilitator''s words)%%'", id);
	ok(ut_wait_drafts_sql(&u, f, q, "1", T), "and keeps their own text (stored as their draft)");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Saved", T), "Enter again saves it");
	ok(vt_wait_text(s, "Errors climb (facilitator's words)", T), "and the scribe sees it");
	vt_key(f, "q");
	ok(ut_exited(f, 0), "quits");
	vt_free(f);
	ut_quit(s);
	vt_free(s);
}

/* Each role keeps its own draft: typing at once, neither gets the other's. */
static void test_own_drafts(void)
{
	char q[512];
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(f, "Notes on", T);
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	vt_wait_text(s, "Enter save note", T);
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_type(f, "facilitator half-note");
	vt_type(s, "scribe half-note");
	ok(vt_wait_text(f, "facilitator half-note", T) && vt_wait_text(s, "scribe half-note", T),
	   "both type a note at once");
	vt_signal(f, SIGKILL);
	vt_signal(s, SIGKILL);
	int status;
	vt_wait_exit(f, T, &status);
	vt_wait_exit(s, T, &status);
	vt_free(f);
	vt_free(s);
	s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	ok(s && vt_wait_text(s, "› scribe half-note", T), "the scribe gets their own draft back");
	f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "› facilitator half-note", T), "and the facilitator theirs");
	struct vt *v = ut_spawn(&u, 24, 100, "--view", id, NULL);
	ok(v && vt_wait_text(v, "Notes on", T) && vt_find_row(v, "half-note") < 0,
	   "a viewer is shown no one's draft on opening");
	/* The scribe types on (the draft stored anew), then the facilitator
	 * writes a note, which the viewer waits for: by then any draft shown
	 * would be on the viewer's screen too. */
	vt_type(s, " more");
	snprintf(q, sizeof q, "SELECT d.body FROM draft_text d JOIN terminal t ON t.id = d.terminal_id"
		 " WHERE d.retro_id = '%s' AND t.role = 'scribe' AND d.slot = 'notes'", id);
	ok(ut_wait_drafts_sql(&u, s, q, "scribe half-note more", T), "the scribe types on");
	vt_key(f, "C-u");
	vt_wait_gone(f, "facilitator half-note", T);
	vt_type(f, "seen by the viewer");
	vt_key(f, "Enter");
	ok(vt_wait_text(v, "seen by the viewer", T), "the viewer sees a note saved meanwhile");
	ok(vt_find_row(v, "half-note") < 0 && vt_find_row(v, "more") < 0,
	   "and still no one's draft");
	vt_signal(f, SIGKILL);
	vt_signal(s, SIGKILL);
	vt_signal(v, SIGKILL);
	vt_wait_exit(f, T, &status);
	vt_wait_exit(s, T, &status);
	vt_wait_exit(v, T, &status);
	vt_free(f);
	vt_free(s);
	vt_free(v);
}

/* A question is about what it named when it was asked: the facilitator
 * moving on meanwhile (the scribe following) moves a hint, not what the
 * answer acts on; when the question closes, following catches up. */
static void test_confirm_while_following(void)
{
	char own[64];
	ut_new_demo(&u, own, sizeof own);
	struct vt *f = ut_spawn(&u, 24, 100, own, NULL);
	ok(f && vt_wait_text(f, "Notes on", T), "the facilitator opens a fresh demo");
	vt_key(f, "2");
	vt_key(f, "g");
	ok(vt_wait_text(f, "Notes on 09:42", T), "and goes to the 09:42 event");
	/* The scribe at 80 columns: the hint must fit there too. */
	struct vt *s = ut_spawn(&u, 24, 80, "--scribe", own, NULL);
	ok(s && vt_wait_text(s, "Notes on 09:42", T), "the scribe follows there");
	vt_key(s, "Esc");
	ok(vt_wait_text(s, "Tab notes", T), "the scribe leaves the notes pane");
	vt_key(s, "d");
	ok(vt_wait_text(s, "Delete the 09:42 event and its 1 note? y/n", T), "the scribe asks to delete 09:42");
	vt_key(f, "j");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on 09:58", T), "the facilitator moves on twice");
	ok(vt_wait_text(s, "facilitator on 09:58", T), "the scribe is shown where the facilitator is");
	ok(vt_find_row(s, "Notes on 09:42") >= 0, "but stays on the event asked about");
	vt_key(s, "y");
	ok(vt_wait_text(s, "Event deleted", T), "y deletes");
	ok(vt_wait_gone(f, "09:42      Trigger", T), "the 09:42 event, as asked");
	ok(vt_find_row(f, "09:58      Alert") >= 0 && vt_find_row(f, "09:47      Impact") >= 0,
	   "and no other");
	ok(vt_wait_text(s, "Notes on 09:58", T), "then the scribe catches up with the facilitator");

	/* The same for an action item. */
	vt_key(f, "4");
	vt_key(f, "g");
	ok(vt_wait_text(s, "Notes on action: Page on", T), "the scribe follows to the first action item");
	vt_key(s, "d");
	ok(vt_wait_text(s, "Delete \"Page on CheckoutErrorRate", T), "and asks to delete it");
	vt_key(f, "j");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on action: Canary", T), "the facilitator moves on twice");
	ok(vt_wait_text(s, "facilitator on Canary", T), "the scribe sees where");
	ok(vt_find_row(s, "Notes on action: Page on") >= 0, "and stays on the item asked about");
	vt_key(s, "y");
	ok(vt_wait_text(s, "Action item deleted", T), "y deletes");
	ok(vt_wait_gone(f, "Page on CheckoutErrorRate", T), "the item asked about");
	ok(vt_find_row(f, "Canary step") >= 0 && vt_find_row(f, "Add a schema") >= 0, "and no other");

	/* What was asked about is deleted by the other terminal meanwhile. */
	vt_key(f, "2");
	vt_key(f, "g");
	vt_key(f, "j");
	vt_key(f, "j");
	vt_key(f, "j");
	ok(vt_wait_text(s, "Notes on 10:09", T), "the scribe follows to 10:09");
	vt_key(s, "d");
	ok(vt_wait_text(s, "Delete the 10:09 event? y/n", T), "and asks to delete it");
	vt_key(f, "d");
	ok(vt_wait_text(f, "Delete the 10:09 event? y/n", T), "so does the facilitator");
	vt_key(f, "y");
	ok(vt_wait_text(f, "Event deleted", T), "who deletes it first");
	ok(vt_wait_gone(s, "10:09      Detection", T), "the scribe's timeline loses it");
	vt_key(s, "y");
	ok(vt_wait_text(s, "was deleted meanwhile", T), "the scribe's y says it is gone already");
	ok(vt_find_row(s, "Event deleted") < 0, "and deletes nothing");
	ok(vt_find_row(f, "10:06      Other") >= 0 && vt_find_row(f, "10:14      Page") >= 0,
	   "its neighbours are still there");

	/* A form open while following: the same. */
	vt_key(f, "g");
	ok(vt_wait_text(s, "Notes on 09:47", T), "the scribe follows to the first event");
	vt_key(s, "e");
	ok(vt_wait_text(s, "Edit event", T), "and opens its form");
	vt_key(f, "j");
	ok(vt_wait_text(s, "facilitator on 09:58", T), "the facilitator moves: the scribe sees where");
	ok(vt_find_row(s, "2026-11-24 09:47") >= 0, "and the form stays on its event");
	vt_key(s, "Esc");
	ok(vt_wait_text(s, "Notes on 09:58", T), "closing the form catches up with the facilitator");
	ut_quit(s);
	vt_free(s);
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);
}

/* How many derived views (the Close stage's summary preview) the program
 * has built, as its test-mode frames report it ("builds N"); -1 if none. */
static long builds_reported(struct vt *vt)
{
	const char *last = ut_last_report(vt, "builds");
	return last ? strtol(last, NULL, 10) : -1;
}

/* Another terminal's note, edit and delete reach the facilitator as what
 * changed, read by id; the whole retrospective is not read again. */
static void test_changes_read_by_id(void)
{
	char own[64];
	long partial, whole;
	struct vt *f = ut_open_demo(&u, own, sizeof own);
	ok(f, "the facilitator opens a fresh demo");
	vt_key(f, "2");
	ok(vt_wait_text(f, "Notes on 09:42", T), "on the timeline's first event");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", own, NULL);
	ok(s && vt_wait_text(s, "Notes on 09:42", T), "the scribe follows");
	vt_type(s, "read by id, not all again");
	vt_key(s, "Enter");
	ok(vt_wait_text(f, "read by id, not all again", T), "the scribe's note reaches the facilitator");
	ut_cli(&u, NULL, "09:44 imported while the room talks\n", "import", own, "-", NULL);
	ok(vt_wait_text(f, "imported while the room talks", T), "an imported event reaches it");
	vt_key(s, "Esc");
	vt_wait_text(s, "Tab notes", T);
	vt_key(s, "j");
	ok(vt_wait_text(s, "Notes on 09:44", T), "the scribe moves to the imported event");
	vt_key(s, "w");
	ok(vt_wait_text(f, "WELL   imported while", T), "the scribe's mark reaches the facilitator");
	vt_key(s, "d");
	ok(vt_wait_text(s, "y/n", T), "the scribe asks to delete it");
	vt_key(s, "y");
	ok(vt_wait_gone(f, "imported while the room talks", T), "and its delete reaches the facilitator");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on 09:47", T), "a key after them is handled");
	ok(ut_reloads(f, &partial, &whole), "the facilitator says how it read the changes");
	ok(partial >= 4 && whole == 0, "each read only what changed (%ld partial, %ld whole)", partial,
	   whole);
	vt_key(f, "k");
	ok(vt_wait_text(f, "read by id, not all again", T) && vt_find_row(f, "imported while") < 0,
	   "back on 09:42: the note is under it, the deleted event gone");
	ut_quit(s);
	vt_free(s);
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);
}

/* Rows of the screen that hold the text. */
static int rows_with(struct vt *vt, const char *text)
{
	int n = 0;
	for (int r = 0; r < 24; r++) {
		char *row = vt_row_text(vt, r);
		n += row && strstr(row, text) != NULL;
		free(row);
	}
	return n;
}

/* A note this terminal saves is put in place without reading the file
 * back (issue 15): the screen as after a reload, the retrospective's
 * details still saved without a false conflict, another terminal's note
 * after it in order, and each note once. */
static void test_own_note_in_place(void)
{
	char own[64];
	long partial, whole;
	struct vt *f = ut_open_demo(&u, own, sizeof own);
	ok(f, "the facilitator opens a fresh demo");
	vt_key(f, "Esc");
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	long partial0, whole0;
	ut_reloads(f, &partial0, &whole0);
	vt_type(f, "kept in place");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Alex  kept in place", T), "the note is on screen, signed");
	ut_reloads(f, &partial, &whole);
	ok(partial == partial0 && whole == whole0,
	   "put in place, nothing read back (reloads: %ld partial, %ld whole; before %ld, %ld)",
	   partial, whole, partial0, whole0);
	vt_key(f, "Esc");
	vt_wait_text(f, "Tab notes", T);
	vt_key(f, "e");
	ok(vt_wait_text(f, "Participants", T), "the details form opens");
	vt_type(f, ", Kim");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Saved. u undoes it.", T) && vt_find_row(f, "someone else changed") < 0,
	   "the details are saved after it: no false conflict");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", own, NULL);
	ok(s && vt_wait_text(s, "kept in place", T), "the scribe sees the note");
	vt_type(s, "the scribe's after it");
	vt_key(s, "Enter");
	ok(vt_wait_text(f, "the scribe's after it", T), "the scribe's note reaches the facilitator");
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_type(f, "and one more here");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Alex  and one more here", T), "the facilitator's next note too");
	int a = vt_find_row(f, "kept in place"), b = vt_find_row(f, "the scribe's after it"),
	    c = vt_find_row(f, "and one more here");
	ok(a >= 0 && a < b && b < c, "in the order written (rows %d, %d, %d)", a, b, c);
	ok(rows_with(f, "kept in place") == 1 && rows_with(f, "the scribe's after it") == 1,
	   "each once, the own note read again with the scribe's not doubled");
	ok(vt_wait_text(s, "and one more here", T), "and it reaches the scribe");
	ut_quit(s);
	vt_free(s);
	vt_key(f, "Esc");
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);
	char *md = NULL;
	ut_cli(&u, &md, NULL, "export", own, "--format", "md", NULL);
	ok(md && strstr(md, "kept in place") && strstr(md, "the scribe's after it") &&
		   strstr(md, "and one more here") && strstr(md, "Alex Moreau, Kim"),
	   "the file holds the three notes and the details");
	free(md);
}

/* Another terminal's change reloads the retrospective; the summary preview
 * is built only when the Close stage is shown, and once per change. */
static void test_preview_built_when_shown(void)
{
	char own[64];
	struct vt *f = ut_open_demo(&u, own, sizeof own);
	ok(f, "the facilitator opens a fresh demo");
	vt_key(f, "2");
	ok(vt_wait_text(f, "WHAT HAPPENED", T), "and goes to the timeline");
	char line[64], want[64];
	for (int i = 0; i < 5; i++) {
		snprintf(line, sizeof line, "09:%02d outside change %d\n", 30 + i, i);
		ut_cli(&u, NULL, line, "import", own, "-", NULL);
		snprintf(want, sizeof want, "outside change %d", i);
		vt_wait_text(f, want, T);
	}
	ok(vt_find_row(f, "outside change 4") >= 0, "five changes from outside are shown");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on 09:47", T), "a key after them is handled");
	long before = builds_reported(f);
	ok(before <= 0, "no preview was built for the reloads (%ld)", before);
	vt_key(f, "5");
	ok(vt_wait_text(f, "Summary preview", T), "the Close stage shows the preview");
	ok(builds_reported(f) == 1, "built once to be shown (%ld)", builds_reported(f));
	for (int i = 0; i < 6; i++) /* past the four steps of what was learned */
		vt_key(f, "j");
	vt_key(f, "k");
	ok(vt_wait_text(f, "Blameless incident retrospective", T), "scrolling it");
	ut_cli(&u, NULL, "09:40 outside change on close\n", "import", own, "-", NULL);
	ok(vt_wait_text(f, "17 events", T), "a change while on Close is shown");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on the close", T), "a key after it is handled");
	ok(builds_reported(f) == 2, "scrolling reuses it; the change built it once more (%ld)",
	   builds_reported(f));
	vt_key(f, "q");
	ok(ut_exited(f, 0), "the facilitator quits");
	vt_free(f);
}

/* A second plain 'debrief RETRO' is asked which role to take (it silently
 * became a second facilitator, the others following whichever moved last):
 * s takes notes; t takes over, and the first facilitator follows it. */
static void test_second_facilitator(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "Checkout failures", T), "a facilitator runs the meeting");
	struct vt *g = ut_spawn(&u, 24, 100, id, NULL);
	ok(g && vt_wait_text(g, "Another facilitator is here: s scribe · v view · t take over · q quit", T),
	   "a second one is asked which role to take");
	vt_key(g, "x"); /* not an answer: still asked */
	vt_key(g, "s");
	bool told = vt_wait_text(g, "You take notes", T);
	vt_type(g, "by the second");
	ok(told && vt_wait_text(g, " › by the second", T), "s: it takes notes, typing into the notes pane");
	vt_key(g, "C-u");
	ok(vt_wait_text(f, "● scribe", T), "and the first sees a scribe, not a second facilitator");

	struct vt *h = ut_spawn(&u, 24, 100, id, NULL);
	ok(h && vt_wait_text(h, "Another facilitator is here", T), "a third is asked too");
	vt_key(h, "t");
	ok(vt_wait_text(h, "You facilitate now", T), "t: it takes over");
	ok(vt_wait_text(f, "Another terminal took over facilitating", T) && vt_wait_text(f, "following", T),
	   "the first facilitator is told, and follows");
	vt_key(h, "3");
	ok(vt_wait_text(f, "Question 1 of", T) && vt_wait_text(g, "Question 1 of", T),
	   "where the new facilitator goes, both follow");
	ok(vt_wait_text(h, "● facilitator ● 2 scribes", T), "one facilitator, two scribes, in the header");
	vt_key(h, "2");
	vt_wait_text(f, "WHAT HAPPENED", T);
	ok(ut_quit(h), "the new facilitator quits");
	ok(ut_quit(g), "so does the scribe");
	ok(ut_quit(f), "and the first");
	vt_free(f);
	vt_free(g);
	vt_free(h);
}

/* A viewer started by argv follows the meeting, read-only, and quits. */
static void viewer_watches(char **argv, const char *who)
{
	struct vt *v = vt_spawn(argv, u.env, 24, 100);
	ok(v && vt_wait_text(v, "following", T), "%s watches the meeting", who);
	ok(v && vt_wait_text(v, "read-only", T) && vt_find_row(v, "WHAT HAPPENED") >= 0,
	   "read-only, where the facilitator is");
	vt_key(v, "q");
	ok(v && ut_exited(v, 0), "and quits");
	vt_free(v);
}

/* A viewer needs no write access: one who may only read the file watches
 * the meeting (it was refused: "is read-only"). Needs root, to be nobody. */
static void test_viewer_read_only(void)
{
	if (geteuid() != 0 || access("/usr/bin/setpriv", X_OK) != 0) {
		ok(1, "# SKIP a viewer without write access needs root and setpriv");
		return;
	}
	char dir[400], db[450], cmd[2048];
	snprintf(dir, sizeof dir, "%s/shared", u.dir);
	snprintf(db, sizeof db, "%s/retros.db", dir);
	mkdir(dir, 0755);
	chmod(u.dir, 0755);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null && cp '%s' '%s' && chmod 644 '%s'",
		 u.db, u.db, db, db);
	ok(system(cmd) == 0, "a copy of the file that others may only read");
	char *argv[] = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
			(char *)u.bin, "--db", db, "--view", id, NULL};
	viewer_watches(argv, "a viewer who may not write it");
	chmod(u.dir, 0700);
}

/* A viewer on a read-only mount (a bind mount with -o ro) watches the
 * meeting: it was refused with "unable to open database file", as SQLite
 * can make no shared-memory file there. Needs root, for the mount. */
static void test_viewer_read_only_mount(void)
{
	if (geteuid() != 0 || system("unshare -m true 2>/dev/null") != 0) {
		ok(1, "# SKIP a read-only mount needs root and unshare -m");
		return;
	}
	char src[400], mnt[400], cmd[2048];
	snprintf(src, sizeof src, "%s/rosrc", u.dir);
	snprintf(mnt, sizeof mnt, "%s/romnt", u.dir);
	mkdir(src, 0755);
	mkdir(mnt, 0755);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null && cp '%s' '%s/retros.db'",
		 u.db, u.db, src);
	ok(system(cmd) == 0, "a copy of the file in a folder to mount read-only");
	char mdb[450];
	snprintf(mdb, sizeof mdb, "%s/retros.db", mnt);
	char *argv[] = {"unshare", "-m", "sh", "-c", "mount --bind -o ro \"$1\" \"$2\" && shift 2 && exec \"$@\"",
			"sh", src, mnt, (char *)u.bin, "--db", mdb, "--view", id, NULL};
	viewer_watches(argv, "a viewer on a read-only mount");
}

/* Notes are signed by the person in the role the retrospective names
 * (issue 11: by the role only), their text in one column after the
 * signatures. */
static void test_signed_notes(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	vt_wait_text(s, "Enter save note", T);
	vt_key(s, "C-u"); /* (a draft an earlier scribe left) */
	vt_type(s, "signed by the scribe");
	vt_key(s, "Enter");
	vt_wait_text(f, "signed by the scribe", T);
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_key(f, "C-u"); /* (a draft the killed facilitator before may have left) */
	vt_type(f, "signed by the facilitator");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Jun   signed by the scribe", T) && vt_wait_text(f, "Alex  signed by the facilitator", T),
	   "each note signed by its writer's first name (Alex Moreau facilitates, Jun Park takes notes)");
	int rs = vt_find_row(f, "signed by the scribe"), rf = vt_find_row(f, "signed by the facilitator");
	char *ts = rs >= 0 ? vt_row_text(f, rs) : NULL, *tf = rf >= 0 ? vt_row_text(f, rf) : NULL;
	ok(ts && tf && strstr(ts, "signed by") - ts == strstr(tf, "signed by") - tf,
	   "the notes' text starts in one column");
	free(ts);
	free(tf);
	ok(ut_quit(s) && ut_quit(f), "both quit");
	vt_free(s);
	vt_free(f);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	test_follow_and_share();
	test_typing_together();
	test_note_stays();
	test_conflict();
	test_own_drafts();
	test_confirm_while_following();
	test_preview_built_when_shown();
	test_changes_read_by_id();
	test_own_note_in_place();
	test_viewer_read_only();
	test_second_facilitator();
	test_viewer_read_only_mount();
	test_signed_notes();
	ut_done(&u);
	return done_testing();
}
