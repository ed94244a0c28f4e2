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

/* The facilitator adds an event, the scribe writes a note on it: undoing
 * the add would delete the scribe's note, so u asks first. */
static void test_undo_asks_for_others_work(void)
{
	struct vt *f = ut_spawn(&u, 24, 100, id, NULL);
	ok(f && vt_wait_text(f, "1 Prime Directive", T), "the facilitator opens the retrospective");
	vt_key(f, "2");
	ok(vt_wait_text(f, "WHAT HAPPENED", T), "on the timeline");
	struct vt *s = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
	ok(s && vt_wait_text(s, "Enter save note", T), "the scribe joins, writing notes");
	vt_key(f, "a");
	vt_wait_text(f, "Add event", T);
	vt_type(f, "10:10 incident channel opened !other");
	vt_key(f, "Enter");
	ok(vt_wait_text(s, "Notes on 10:10", T), "the facilitator adds an event; the scribe follows to it");
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

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	test_restore_is_atomic();
	test_undo_rename_question();
	test_undo_asks_for_others_work();
	test_delete_one_note();
	ut_done(&u);
	return done_testing();
}
