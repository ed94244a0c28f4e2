/* Changes made to the file by another program, not a debrief (the sqlite3
 * shell here): every kind of record, put in, changed or taken out, reaches
 * the open meeting without a key, as another terminal's change does. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

/* Runs one statement on the file, as another program. */
static void shell(const char *fmt, const char *own)
{
	char q[768];
	snprintf(q, sizeof q, fmt, own);
	free(ut_sql(&u, q));
}

#define NOTE_ID "0a1b2c3d-0000-4000-8000-000000000001"
#define EVENT_ID "0a1b2c3d-0000-4000-8000-000000000002"

/* A note put in marks the retrospective changed by itself (schema 14's
 * trigger); one changed or taken out does not, and is found in the log of
 * changed records (before, it stayed off every screen until something
 * else changed, as did every event and action item). */
static void test_note_from_elsewhere(void)
{
	char own[64], q[512];
	struct vt *f = ut_open_demo(&u, own, sizeof own);
	ok(f, "the facilitator opens a fresh demo");
	snprintf(q, sizeof q, "SELECT rev FROM retro WHERE id = '%s'", own);
	char *rev0 = ut_sql(&u, q);
	shell("INSERT INTO note(id, retro_id, stage, role, body, created_at)"
	      " VALUES('" NOTE_ID "', '%s', 1, 'scribe', 'put in by another program', 1795604900)",
	      own);
	ok(vt_wait_text(f, "put in by another program", T), "the meeting shows the other program's note");
	snprintf(q, sizeof q, "SELECT rev - %s, updated_at, n_notes FROM retro WHERE id = '%s'",
		 rev0 ? rev0 : "0", own);
	char *r = ut_sql(&u, q);
	ok(r && strncmp(r, "1|1795604900|", 13) == 0, "its insert marked the retrospective changed (%s)",
	   r ? r : "nothing");
	free(r);
	free(rev0);

	shell("UPDATE note SET body = 'its text changed by another program'"
	      " WHERE id = '" NOTE_ID "' AND retro_id = '%s'", own);
	ok(vt_wait_text(f, "its text changed by another program", T),
	   "a note's text another program changed is shown changed");
	bool shown = vt_find_row(f, "its text changed by another program") >= 0;
	shell("DELETE FROM note WHERE id = '" NOTE_ID "' AND retro_id = '%s'", own);
	ok(shown && vt_wait_gone(f, "its text changed by another program", T),
	   "a note another program deleted is gone from the screen");
	vt_key(f, "Tab");
	ok(vt_wait_text(f, "Enter save note", T), "the facilitator moves to the notes");
	vt_type(f, "typed after it");
	vt_key(f, "Enter");
	ok(vt_wait_text(f, "typed after it", T), "a note typed after them is saved and shown");
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

static void test_event_from_elsewhere(void)
{
	char own[64];
	struct vt *f = ut_open_demo(&u, own, sizeof own);
	ok(f, "the facilitator opens a fresh demo");
	vt_key(f, "2");
	ok(vt_wait_text(f, "Notes on 09:42", T), "on the timeline's first event");
	shell("INSERT INTO event(id, retro_id, at, offset_min, kind, text, created_at)"
	      " SELECT '" EVENT_ID "', retro_id, at + 60, offset_min, 'other',"
	      " 'an event put in by another program', created_at FROM event"
	      " WHERE retro_id = '%s' ORDER BY at LIMIT 1", own);
	ok(vt_wait_text(f, "an event put in by another program", T),
	   "the timeline shows the other program's event");
	shell("UPDATE event SET text = 'an event another program changed', rev = rev + 1"
	      " WHERE id = '" EVENT_ID "' AND retro_id = '%s'", own);
	ok(vt_wait_text(f, "an event another program changed", T), "and its change");
	bool shown = vt_find_row(f, "an event another program changed") >= 0;
	shell("DELETE FROM event WHERE id = '" EVENT_ID "' AND retro_id = '%s'", own);
	ok(shown && vt_wait_gone(f, "an event another program changed", T), "and that it was deleted");
	vt_key(f, "j");
	ok(vt_wait_text(f, "Notes on 09:47", T), "a key after them moves to the next event");
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

static void test_action_from_elsewhere(void)
{
	char own[64];
	struct vt *f = ut_open_demo(&u, own, sizeof own);
	ok(f, "the facilitator opens a fresh demo");
	vt_key(f, "4");
	ok(vt_wait_text(f, "TRACKER", T), "on the action items");
	shell("INSERT INTO action(id, retro_id, title, type, created_at)"
	      " VALUES('0a1b2c3d-0000-4000-8000-000000000003', '%s',"
	      " 'an action another program put in', 'mitigate', 1795604900)", own);
	ok(vt_wait_text(f, "an action another program put in", T),
	   "the action items show the other program's");
	ok(ut_quit(f), "the facilitator quits");
	vt_free(f);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	test_note_from_elsewhere();
	test_event_from_elsewhere();
	test_action_from_elsewhere();
	ut_done(&u);
	return done_testing();
}
