/* Undo (u): it takes back exactly the last change, all of it or nothing,
 * and never destroys another terminal's work without asking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

/* Runs SQL on the test database with the sqlite3 shell. */
static bool sql(const char *text)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" >/dev/null", u.db, text);
	return system(cmd) == 0;
}

static bool exported_has(const char *needle)
{
	char *out = NULL;
	ut_cli(&u, &out, NULL, "export", id, "--format", "md", NULL);
	bool has = out && strstr(out, needle);
	free(out);
	return has;
}

/* Restoring a deleted event and its notes is one change: when a note
 * cannot be written, the event does not come back either. */
static void test_restore_is_atomic(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "Regardless", T), "opens the retrospective");
	vt_key(f, "2");
	ok(vt_wait_text(f, "Notes on 09:42", T), "the timeline, on the first event");
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_type(f, "the second note");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "the second note", T), "a second note on it");
	vt_key(f, "Esc");
	vt_wait_text(f, "Tab notes", T);
	vt_key(f, "d");
	ok(vt_wait_text(f, "and its 2 notes? y/n", T), "asks before deleting the event and its notes");
	vt_key(f, "y");
	ok(vt_wait_gone(f, "v2.31 deployed", T), "the event is deleted");

	ok(sql("CREATE TRIGGER refuse_note BEFORE INSERT ON note WHEN NEW.body = 'the second note'"
	       " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"),
	   "a trigger refuses to write the second note again");
	vt_key(f, "u");
	ok(vt_wait_text(f, "cannot undo", T), "undo says it failed");
	ok(vt_find_row(f, "v2.31 deployed") < 0, "the event is not back on screen");
	ok(!exported_has("v2.31 deployed"), "nor in the file: nothing of the restore was saved");
	ok(!exported_has("YAML file with no schema"), "not even its first note");

	ok(sql("DROP TRIGGER refuse_note;"), "the trigger goes");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone: delete the event", T), "undo can be tried again");
	ok(vt_wait_text(f, "v2.31 deployed", T), "and brings the event back");
	ok(exported_has("YAML file with no schema") && exported_has("the second note"),
	   "with both its notes");
	ok(ut_quit(f), "quits");
	vt_free(f);
}

/* Renaming a question is a change like any other: u takes back the new
 * words, not the question. */
static void test_undo_rename_question(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "1 Prime Directive", T), "opens the retrospective");
	vt_key(f, "3");
	ok(vt_wait_text(f, "Question 1 of 7", T), "the questions");
	vt_key(f, "a");
	vt_wait_text(f, "Add a question", T);
	vt_type(f, "Who owns the pool size?");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Question 8 of 8", T), "a question of our own is added");
	vt_key(f, "e");
	ok(vt_wait_text(f, "Edit question", T), "e edits it");
	vt_key(f, "C-u");
	vt_type(f, "Who checks config values?");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Who checks config values?", T), "renamed");
	ok(vt_wait_gone(f, "Who owns the pool size?", T), "the old words are gone");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone", T), "u undoes");
	ok(vt_find_row(f, "Who owns the pool size?") >= 0, "the old words are back");
	ok(vt_find_row(f, "Question 8 of 8") >= 0, "and the question is still there");
	ok(exported_has("Who owns the pool size?"), "in the file too");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Question 7 of 7", T), "a second u takes back adding it");
	ok(ut_quit(f), "quits");
	vt_free(f);
}

/* The facilitator on the timeline and the scribe writing notes; the
 * facilitator adds an event (line), the scribe follows to it (notes_on). */
static struct vt *facilitator_and_scribe(struct vt **scribe, const char *line, const char *notes_on)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "1 Prime Directive", T), "the facilitator opens the retrospective");
	vt_key(f, "2");
	ok(vt_wait_text(f, "WHAT HAPPENED", T), "on the timeline");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	ok(s && vt_wait_text(s, "Enter save note", T), "the scribe joins, writing notes");
	vt_key(f, "a");
	vt_wait_text(f, "Add event", T);
	vt_type(f, line);
	vt_key(f, "Enter");
	ok(vt_wait_text(s, notes_on, T), "the facilitator adds an event; the scribe follows to it");
	*scribe = s;
	return f;
}

/* The facilitator adds an event, the scribe writes a note on it: undoing
 * the add would delete the scribe's note, so u asks first. */
static void test_undo_asks_for_others_work(void)
{
	struct vt *s, *f = facilitator_and_scribe(&s, "10:10 incident channel opened !other", "Notes on 10:10");
	vt_type(s, "the scribe was here");
	vt_key(s, "Enter");
	ok(vt_wait_text(s, "Jun   the scribe was here", T), "the scribe writes a note on it");
	ok(vt_wait_text(f, "the scribe was here", T), "the facilitator sees it");

	vt_key(f, "u");
	ok(vt_wait_text(f, "wrote 1 note on this event", T), "u says what undoing would destroy");
	ok(vt_wait_text(f, "Undo anyway? y/n", T), "and asks");
	vt_key(f, "n");
	ok(vt_wait_gone(f, "Undo anyway", T), "n answers");
	ok(exported_has("incident channel opened") && exported_has("the scribe was here"),
	   "and keeps the event and the scribe's note");
	ok(vt_wait_text(s, "the scribe was here", T), "the scribe still has it");

	vt_key(f, "u");
	ok(vt_wait_text(f, "Undo anyway? y/n", T), "u asks again");
	vt_key(f, "y");
	ok(vt_wait_text(f, "Undone: add the event", T), "y undoes");
	ok(!exported_has("incident channel opened") && !exported_has("the scribe was here"),
	   "the event and its note are gone");
	ok(vt_wait_gone(s, "incident channel opened", T), "for the scribe too");
	ok(ut_quit(s), "the scribe quits");
	vt_free(s);
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

/* One note is deleted by emptying it (issue 11): Up to walk to it, the
 * text cleared, Enter asks, y deletes it, u brings it back. */
static void test_delete_one_note(void)
{
	const char *body = "The pool size lives in a YAML file with no schema check; the review diff showed it, nobody read the number.";
	char q[300];
	snprintf(q, sizeof q, "SELECT count(*) FROM note WHERE body = '%s'", body);
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(f, "Checkout failures", T);
	vt_key(f, "2");
	vt_key(f, "g");
	ok(vt_wait_text(f, "Notes on 09:42", T), "on the 09:42 event and its note");
	vt_key(f, "Tab");
	vt_wait_text(f, "Enter save note", T);
	vt_key(f, "Up");
	ok(vt_wait_text(f, "Editing a note on", T), "Up walks to the note");
	vt_key(f, "End");
	vt_key(f, "C-u");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Delete this note by Jun? y/n", T), "emptied, Enter asks whether to delete it");
	vt_key(f, "y");
	ok(vt_wait_text(f, "Note deleted. u brings it back.", T), "y deletes it");
	ok(ut_wait_sql(&u, f, q, "0", T), "it is gone from the file");
	vt_key(f, "Esc");
	vt_wait_text(f, "Tab notes", T);
	vt_key(f, "u");
	ok(ut_wait_sql(&u, f, q, "1", T), "u brings it back");
	ok(ut_quit(f), "quits");
	vt_free(f);
}

#define EVENT_MARK "SELECT coalesce((SELECT coalesce(mark, '-') FROM event WHERE text = 'failover started'), 'gone')"

/* Redo (issue 11): Ctrl-R makes again what u took back, several in turn;
 * a new change leaves nothing to redo; typing in the notes pane takes no
 * Ctrl-R; the bar offers it while there is something to redo. */
static void test_redo(void)
{
	struct vt *f = ut_spawn(&u, 24, 160, id, NULL);
	ok(f && vt_wait_text(f, "1 Prime Directive", T), "opens the retrospective, 160 columns");
	vt_key(f, "2");
	ok(vt_wait_text(f, "WHAT HAPPENED", T), "on the timeline");
	ok(vt_wait_text(f, "u undo", T) && vt_find_row(f, "Ctrl-R redo") < 0,
	   "the bar offers undo, and no redo yet");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Nothing to redo.", T), "Ctrl-R with nothing undone says so");
	vt_key(f, "a");
	vt_wait_text(f, "Add event", T);
	vt_type(f, "14:05 failover started !mitigate");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "Event added", T) && ut_wait_sql(&u, f, EVENT_MARK, "-", T), "an event is added");
	vt_key(f, "w");
	ok(ut_wait_sql(&u, f, EVENT_MARK, "went-well", T), "and marked went well");

	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone: edit the event.", T) && ut_wait_sql(&u, f, EVENT_MARK, "-", T),
	   "u takes back the mark");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone: add the event.", T) && ut_wait_sql(&u, f, EVENT_MARK, "gone", T),
	   "u again takes back the event");
	ok(vt_wait_gone(f, "failover started", T), "it is off the screen");
	vt_key(f, "C-l"); /* the message gives the bar back */
	ok(vt_wait_text(f, "Ctrl-R redo", T), "the bar now offers redo");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Redone: add the event.", T), "Ctrl-R says what it redid");
	ok(vt_wait_text(f, "failover started", T) && ut_wait_sql(&u, f, EVENT_MARK, "-", T),
	   "the event is back, unmarked");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Redone: edit the event.", T) && ut_wait_sql(&u, f, EVENT_MARK, "went-well", T),
	   "Ctrl-R again brings back the mark");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Nothing to redo.", T), "then there is nothing more to redo");
	vt_key(f, "C-l");
	ok(vt_wait_text(f, "u undo", T) && vt_find_row(f, "Ctrl-R redo") < 0, "and the bar offers none");

	/* Typing in the notes pane: Ctrl-R is no key there (u types u). */
	vt_key(f, "u");
	ok(ut_wait_sql(&u, f, EVENT_MARK, "-", T), "u takes back the mark once more");
	vt_key(f, "Tab");
	ok(vt_wait_text(f, "Enter save note", T), "into the notes pane");
	vt_type(f, "ab");
	vt_key(f, "C-r");
	vt_type(f, "c");
	ok(vt_wait_text(f, "\u203a abc", T), "Ctrl-R types nothing there");
	ok(vt_find_row(f, "Redone") < 0 && ut_wait_sql(&u, f, EVENT_MARK, "-", T), "and redoes nothing");
	vt_key(f, "C-u");
	vt_key(f, "Esc");
	ok(vt_wait_text(f, "Tab notes", T), "back on the stage");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Redone: edit the event.", T) && ut_wait_sql(&u, f, EVENT_MARK, "went-well", T),
	   "there, Ctrl-R redoes");

	/* A new change after u: nothing to redo. */
	vt_key(f, "u");
	ok(ut_wait_sql(&u, f, EVENT_MARK, "-", T), "u takes back the mark");
	vt_key(f, "l");
	ok(ut_wait_sql(&u, f, EVENT_MARK, "lucky", T), "a new change: marked lucky");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Nothing to redo.", T) && ut_wait_sql(&u, f, EVENT_MARK, "lucky", T),
	   "Ctrl-R has nothing to redo, and the new change stays");
	ok(ut_quit(f), "quits");
	vt_free(f);
}

/* Another terminal changes the record after u: Ctrl-R does not overwrite
 * their change, and says so. A closed retrospective refuses Ctrl-R as it
 * refuses a change. */
static void test_redo_refused(void)
{
	struct vt *s, *f = facilitator_and_scribe(&s, "10:12 status page updated !other", "Notes on 10:12");
	vt_key(f, "w");
	ok(vt_wait_text(s, "WELL   status page updated", T), "the facilitator marks it went well");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone: edit the event.", T), "and takes the mark back");
	ok(vt_wait_gone(s, "WELL   status page updated", T), "the scribe sees it go");
	vt_key(s, "Esc");
	ok(vt_wait_text(s, "stop following", T), "the scribe leaves the notes pane");
	vt_key(s, "c");
	ok(vt_wait_text(s, "BETTER status page updated", T), "and marks the event could be better");
	ok(vt_wait_text(f, "BETTER status page updated", T), "the facilitator sees it");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Not redone: someone else changed this event since it was undone.", T),
	   "Ctrl-R is refused, saying why");
	ok(vt_wait_text(f, "BETTER status page updated", T) && vt_find_row(f, "WELL   status page") < 0,
	   "the scribe's mark stays");
	ok(exported_has("status page updated"), "in the file too");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Nothing to redo.", T), "that redo is gone: it could never apply");
	ok(ut_quit(s), "the scribe quits");
	vt_free(s);

	/* Closed: refused with the message a change gets; reopened, it redoes. */
	vt_key(f, "c");
	ok(vt_wait_gone(f, "BETTER status page updated", T), "c clears the scribe's mark");
	vt_key(f, "u");
	ok(vt_wait_text(f, "Undone: edit the event.", T) && vt_wait_text(f, "BETTER status page updated", T),
	   "u puts it back: an undo to redo");
	vt_key(f, "5");
	vt_wait_text(f, "C close retro", T);
	vt_key(f, "C");
	vt_wait_text(f, "y/n", T);
	vt_key(f, "y");
	ok(vt_wait_text(f, "This retrospective is closed", T), "the retrospective is closed");
	vt_key(f, "C-l");
	ok(vt_wait_text(f, "R reopen", T) && vt_find_row(f, "Ctrl-R redo") < 0, "the bar offers no redo");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "closed: R on the Close stage reopens it", T), "Ctrl-R is refused as a change is");
	vt_key(f, "R");
	vt_wait_text(f, "Reopen this retrospective? y/n", T);
	vt_key(f, "y");
	ok(vt_wait_text(f, "Reopened", T), "reopened");
	vt_key(f, "C-r");
	ok(vt_wait_text(f, "Redone: edit the event.", T), "Ctrl-R redoes");
	ok(ut_wait_sql(&u, f, "SELECT coalesce(mark, '-') FROM event WHERE text = 'status page updated'", "-", T),
	   "the mark is cleared again");
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	test_restore_is_atomic();
	test_undo_rename_question();
	test_undo_asks_for_others_work();
	test_delete_one_note();
	test_redo();
	test_redo_refused();
	ut_done(&u);
	return done_testing();
}
