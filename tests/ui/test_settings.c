/* The settings file and agendas on the screen: a key rebound in the
 * settings works and shows in the help and the bar; a malformed settings
 * file stops debrief before the screen with FILE:LINE and the way out, and
 * --no-config starts it; the new-retrospective prompts offer the agendas
 * there are, the settings' first; the editor, the export's folder and
 * format and the notes pane's place come from the settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char demo[64];

/* Writes text to a file under the scratch folder's settings folder
 * (dir/config/debrief/NAME); the path into path. */
static void write_setting_file(const char *name, const char *text, char *path, size_t size)
{
	char dir[400];
	snprintf(dir, sizeof dir, "%s/config", u.dir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/config/debrief", u.dir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/config/debrief/agendas", u.dir);
	mkdir(dir, 0700);
	snprintf(path, size, "%s/config/debrief/%s", u.dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void settings(const char *text)
{
	char path[512];
	write_setting_file("config", text, path, sizeof path);
}

static int count_marked(void)
{
	char query[256];
	snprintf(query, sizeof query, "SELECT count(*) FROM event WHERE retro_id = '%s' AND mark = 'went-well'",
		 demo);
	char *n = ut_sql(&u, query);
	int v = n ? atoi(n) : -1;
	free(n);
	return v;
}

static void test_rebound(void)
{
	settings("# keys of our own\n"
		 "bind timeline W mark-went-well\n"
		 "bind global q none\n"
		 "bind global Q quit\n");
	int before = count_marked();
	struct vt *vt = ut_spawn(&u, 50, 200, demo, NULL);
	ok(vt && vt_wait_text(vt, "Regardless", T), "opens with keys rebound");
	vt_key(vt, "2");
	ok(vt_wait_text(vt, "WHAT HAPPENED", T), "the timeline");
	ok(vt_wait_row(vt, 49, "W well", T), "the bar offers the rebound key: W well");
	ok(vt_wait_row(vt, 49, "Q quit", T), "and Q quit, q being unbound");
	vt_key(vt, "j");
	vt_key(vt, "W");
	char query[256], want[16];
	snprintf(query, sizeof query, "SELECT count(*) FROM event WHERE retro_id = '%s' AND mark = 'went-well'",
		 demo);
	snprintf(want, sizeof want, "%d", before + 1);
	ok(ut_wait_sql(&u, vt, query, want, T), "W marks the event: went well (%d before)", before);
	vt_key(vt, "?");
	ok(vt_wait_text(vt, "W w          mark: went well", T), "the help lists W beside w");
	ok(vt_wait_text(vt, "Q            quit, or back", T), "and Q for quit, q no more");
	vt_key(vt, "Esc");
	vt_wait_gone(vt, "W w          mark", T);
	vt_key(vt, "q");
	vt_key(vt, "C-l");
	ok(vt_wait_text(vt, "WHAT HAPPENED", T) && !vt_wait_exit(vt, 300, NULL), "q no longer quits");
	vt_key(vt, "Q");
	ok(ut_exited(vt, 0), "Q does");
	vt_free(vt);

	char *out = NULL;
	ok(ut_cli(&u, &out, NULL, "--help-keys", NULL) == 0 && out && strstr(out, "W w          mark: went well"),
	   "--help-keys shows the keys in force too");
	free(out);
	settings("");
}

/* debrief on demo, stopping before it draws a screen: no frame marks to
 * wait for, what it says is judged as it stands. */
static struct vt *spawn_unframed(void)
{
	ut_setenv(&u, "DEBRIEF_TEST_FRAMES", "");
	struct vt *vt = ut_spawn(&u, 24, 100, demo, NULL);
	ut_setenv(&u, "DEBRIEF_TEST_FRAMES", "1");
	return vt;
}

static void test_malformed(void)
{
	settings("look dark\nbell sometimes\n");
	struct vt *vt = spawn_unframed();
	char line[512];
	snprintf(line, sizeof line, "debrief/config:2: bell: 'sometimes' is neither on nor off");
	ok(vt && vt_wait_text(vt, line, T), "a malformed settings file: FILE:LINE: what is wrong");
	ok(vt && vt_wait_text(vt, "debrief --no-config", T), "and the way to start without it");
	ok(vt && ut_exited(vt, 1), "before the screen is taken, exit 1");
	vt_free(vt);
	vt = ut_spawn(&u, 24, 100, "--no-config", demo, NULL);
	ok(vt && vt_wait_text(vt, "Checkout failures after", T), "--no-config starts the meeting");
	vt_key(vt, "2");
	ok(vt && vt_wait_text(vt, "WHAT HAPPENED", T), "and it works");
	vt_key(vt, "q");
	ok(vt && ut_exited(vt, 0), "q quits (the default keys)");
	vt_free(vt);
	settings("bind timeline W nothing-at-all\n");
	vt = spawn_unframed();
	ok(vt && vt_wait_text(vt, "config:1: bind: no action 'nothing-at-all' in", T),
	   "a bad binding is said with its line");
	ok(vt && ut_exited(vt, 1), "exit 1");
	vt_free(vt);
	settings("");
}

static void test_new_with_agenda(void)
{
	char path[512];
	write_setting_file("agendas/short.agenda",
			   "timebox timeline 15\n? What surprised us?\n? What made it hard?\n? What do we keep?\n",
			   path, sizeof path);
	/* (Keys rebound too: the screen's words name the keys in force.) */
	settings("agenda short\nbind global Q quit\nbind prime-directive E edit\n");
	struct vt *vt = ut_spawn(&u, 24, 80, NULL);
	ok(vt && vt_wait_text(vt, "Checkout failures", T), "the list");
	vt_key(vt, "n");
	vt_wait_text(vt, "New retrospective", T);
	vt_type(vt, "Cache stampede");
	vt_key(vt, "Enter");
	vt_wait_text(vt, "Incident date", T);
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Agenda: short", T), "a third prompt: the agenda, the settings' offered");
	ok(vt_wait_text(vt, "default, short: its questions and timeboxes", T), "naming the agendas there are");
	vt_key(vt, "C-u");
	vt_type(vt, "longer");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "no agenda named 'longer'", T), "an unknown one is refused, saying so");
	ok(vt_wait_text(vt, "Agenda: longer", T), "the prompt stays, to correct it");
	vt_key(vt, "C-u");
	vt_type(vt, "short");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "agenda short", T), "started with that agenda");
	ok(vt_wait_text(vt, "(not set: press E)", T), "the Prime Directive names the edit key in force");
	vt_key(vt, "3");
	ok(vt_wait_text(vt, "Question 1 of 3", T) && vt_wait_text(vt, "What surprised us?", T),
	   "its three questions, exactly");
	char *got = ut_sql(&u, "SELECT agenda || ' ' || (SELECT planned FROM stage_time s WHERE s.retro_id = r.id "
			       "AND stage = 2) FROM retro r WHERE title = 'Cache stampede'");
	ok(got && strcmp(got, "short 900") == 0, "the agenda is recorded, its timebox copied (%s)",
	   got ? got : "?");
	free(got);
	vt_key(vt, "q");
	ok(vt_wait_text(vt, "Back to the list; Q quits.", T), "q: back to the list, which names Q first");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "q again quits");
	vt_free(vt);
	remove(path);
	settings("");
}

static void test_editor_and_export(void)
{
	char script[400], exports[400], text[1200];
	snprintf(script, sizeof script, "%s/settings-editor", u.dir);
	FILE *f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf 'from the settings editor\\n' > \"$1\"\n");
	fclose(f);
	chmod(script, 0700);
	snprintf(exports, sizeof exports, "%s/exports/not yet", u.dir); /* made by the export */
	snprintf(text, sizeof text, "editor %s\nexport-dir %s\nexport-format html\n", script, exports);
	settings(text);
	ut_setenv(&u, "VISUAL", "/bin/false"); /* the settings' editor comes first */
	struct vt *vt = ut_spawn(&u, 24, 100, demo, NULL);
	vt_wait_text(vt, "Regardless", T);
	vt_key(vt, "3");
	vt_wait_text(vt, "Question 1 of 7", T);
	vt_key(vt, "Tab");
	vt_key(vt, "C-e");
	ok(vt_wait_text(vt, "from the settings editor", T), "Ctrl-E runs the settings' editor, not $VISUAL");
	vt_key(vt, "Esc");
	vt_key(vt, "x");
	snprintf(text, sizeof text, "Export to: %s/inc-4127.html", exports);
	ok(vt_wait_text(vt, text, T), "x offers the settings' folder and format");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Exported the summary to", T), "and exports there");
	snprintf(text, sizeof text, "%s/inc-4127.html", exports);
	char *html = ut_read_file(text);
	ok(html && strstr(html, "<html"), "as HTML, the folder made");
	free(html);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	ut_setenv(&u, "VISUAL", "");
	settings("");
}

/* The row of the notes pane's heading on the first stage, on a terminal
 * of rows x cols with the settings given; -1 if it never showed or the
 * program did not quit. */
static int pane_row(const char *text, int rows, int cols)
{
	settings(text);
	struct vt *vt = ut_spawn(&u, rows, cols, demo, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	vt_key(vt, "1");
	int row = vt_wait_text(vt, "Notes on the Prime", T) ? vt_find_row(vt, "Notes on the Prime") : -1;
	vt_key(vt, "q");
	if (!ut_exited(vt, 0))
		row = -1;
	vt_free(vt);
	settings("");
	return row;
}

/* notes-pane right|bottom: the pane beside the stage on a narrow terminal,
 * below it on a wide one; auto (the default) goes by the width. */
static void test_notes_pane(void)
{
	int row = pane_row("notes-pane right\n", 24, 80);
	ok(row == 3, "notes-pane right: beside the stage at 80 columns (row %d)", row);
	row = pane_row("notes-pane bottom\n", 50, 200);
	ok(row > 20, "notes-pane bottom: below it at 200 columns (row %d)", row);
	row = pane_row("", 50, 200);
	ok(row == 3, "auto: beside it at 200 columns (row %d)", row);
	row = pane_row("", 24, 80);
	ok(row > 10, "and below it at 80 (row %d)", row);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, demo, sizeof demo))
		return 1;
	test_rebound();
	test_malformed();
	test_new_with_agenda();
	test_editor_and_export();
	test_notes_pane();
	ut_done(&u);
	return done_testing();
}
