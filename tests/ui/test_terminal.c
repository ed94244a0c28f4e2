/* Terminal manners and safety: resize down to nothing and back, kill -9
 * while typing and resume with the draft, escape sequences in text, the
 * wide layout, $EDITOR, Ctrl-Z. */
#define _GNU_SOURCE /* memmem */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static void make_retro(void)
{
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Queue backlog", "--date", "2026-11-24", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	/* Escape sequences in the timeline: a title change and a screen wipe. */
	ut_cli(&u, NULL,
	       "10:00 deploy \x1b]0;PWNED\x07 then \x1b[2Jwiped !trigger\n"
	       "10:05 queue grows \x1b[31mred\x1b[0m !impact\n"
	       "10:10 flipped later\n",
	       "import", id, "-", NULL);
}

/* Waits for the screen to read `want` again, row by row, then compares
 * the whole: the header's right-aligned clock (row 0) and the bottom bar
 * (the last row) stand where `want` has them only at the same size. */
static bool screen_back(struct vt *vt, const char *want)
{
	int row = 0;
	bool back = true;
	for (const char *line = want; back && *line; row++) {
		size_t len = strcspn(line, "\n");
		char text[1024];
		snprintf(text, sizeof text, "%.*s", (int)len, line);
		if (text[0])
			back = vt_wait_row(vt, row, text, T);
		line += len + (line[len] == '\n');
	}
	char *now = vt_screen_text(vt);
	back = back && now && strcmp(now, want) == 0;
	if (!back)
		vt_dump(vt, "the screen is not as it was");
	free(now);
	return back;
}

static void test_resize(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "Regardless of what we discover", T), "opens at 80x24");
	vt_wait_text(vt, "Who is here", T);
	char *at_80x24 = vt_screen_text(vt);
	vt_resize(vt, 8, 30);
	ok(vt_wait_text(vt, "terminal too small", T), "30x8 says the terminal is too small");
	vt_resize(vt, 6, 20);
	ok(vt_wait_text(vt, "20x6, need 50x12", T), "20x6 too, with the size");
	vt_resize(vt, 1, 1);
	vt_resize(vt, 3, 10);
	vt_resize(vt, 30, 100);
	ok(vt_wait_text(vt, "Regardless of what we discover", T), "back at 100x30 the stage returns");
	for (int i = 0; i < 20; i++)
		vt_resize(vt, 10 + i, 40 + 3 * i);
	vt_resize(vt, 24, 80);
	ok(at_80x24 && screen_back(vt, at_80x24), "a storm of resizes ends on the whole screen it began with");
	free(at_80x24);
	vt_key(vt, "2");
	ok(vt_wait_text(vt, "queue grows", T), "and it still works");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

static void test_escapes(void)
{
	/* A bidi override written into the file by hand (typed or imported
	 * text is cleaned before it is stored). */
	free(ut_sql(&u, "UPDATE event SET text = 'flipped \xe2\x80\xae gnp.exe' WHERE text = 'flipped later'"));
	struct vt *vt = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	ok(vt_wait_row(vt, 0, "elapsed 0", T), "from 100 columns the clock says what it counts");
	/* From a stage without the events, so that the timeline is drawn anew
	 * after the reset. */
	vt_key(vt, "1");
	/* (Leaving the timeline checks it: it has no detection or resolution.) */
	ok(vt_wait_text(vt, "Timeline check: 2 problems", T), "leaving the timeline lists what its check found");
	vt_key(vt, "Esc");
	vt_wait_text(vt, "Who is here", T);
	vt_reset_bytes(vt);
	vt_key(vt, "2");
	ok(vt_wait_text(vt, "deploy ␛]0;PWNED␇ then ␛[2Jwiped", T), "escape sequences show as visible symbols");
	ok(vt_wait_text(vt, "queue grows ␛[31mred␛[0m", T), "colour codes too");
	size_t n;
	const char *raw = vt_raw(vt, &n);
	ok(raw && memmem(raw, n, "PWNED\xe2\x90\x87", 8), "the text was drawn meanwhile");
	ok(raw && !memmem(raw, n, "\x1b]0;PWNED", 9), "no title-setting sequence reached the terminal");
	ok(raw && !memmem(raw, n, "\x1b[31mred", 8), "nor the colour code");
	ok(vt_wait_text(vt, "flipped \xef\xbf\xbd gnp.exe", T), "a bidi override shows as U+FFFD");
	raw = vt_raw(vt, &n);
	ok(raw && !memmem(raw, n, "\xe2\x80\xae", 3), "and never reaches the terminal");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

/* debrief puts UTF-8 together itself (tests/unit/test_utf8in.c tries
 * every split of the bytes between reads): here, through the terminal,
 * characters join and bytes that are not UTF-8 become U+FFFD, never half a
 * character on the screen or in the database. */
static void test_split_characters(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Queue backlog", T); /* on the stage it was left on */
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Type a note", T);
	vt_type(vt, "caf");
	ok(vt_wait_text(vt, "caf", T), "typing");
	static const char typed[] = "\xc3\xa9 \xe6\x97\xa5 x\xffy \xe6z";
	vt_send(vt, typed, sizeof typed - 1);
	ok(vt_wait_text(vt, "café 日 x\xef\xbf\xbdy \xef\xbf\xbdz", T),
	   "characters join; stray bytes show as U+FFFD");
	/* The window changes between a character's bytes; whether the program
	 * reads the first byte before the resize or after, nothing is lost. */
	vt_send(vt, " \xc3", 2);
	vt_resize(vt, 24, 90);
	vt_send(vt, "\xa8!", 2);
	ok(vt_wait_text(vt, "\xef\xbf\xbdz è!", T), "a resize between a character's bytes does not break it");
	char *bar = vt_row_text(vt, 23);
	ok(bar && strstr(bar, "saved") && strlen(bar) > 80 && strstr(bar, "saved") - bar > 80,
	   "and is not lost: the screen is laid out at the new width");
	free(bar);
	vt_resize(vt, 24, 80);
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "facilitator  café 日 x\xef\xbf\xbdy", T), "and the note saves so");
	ok(ut_quit(vt), "quits");
	vt_free(vt);
}

/* Pasted text (the terminal marks it) is text: an Enter, an Esc or a q in
 * it neither saves, nor leaves, nor quits; control characters show as
 * symbols. Pasted on the stage itself, it is not taken as keys. */
static void test_paste(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "WHAT HAPPENED", T);
	size_t n;
	const char *raw = vt_raw(vt, &n);
	ok(raw && memmem(raw, n, "\x1b[?2004h", 8), "bracketed paste is asked of the terminal");
	static const char on_stage[] = "\x1b[200~qqq d C 3\x1b[201~";
	vt_send(vt, on_stage, sizeof on_stage - 1);
	ok(vt_wait_text(vt, "A paste goes into the notes pane", T), "a paste on the stage is refused");
	ok(vt_wait_text(vt, "WHAT HAPPENED", T) && vt_find_row(vt, "Delete") < 0,
	   "and nothing in it ran (no quit, no delete, no stage change)");
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Enter save note", T);
	static const char into_notes[] = "\x1b[200~one\rtwo \x1b[31mred\x1b[0m\tq\x1b[A\x1b[201~";
	vt_send(vt, into_notes, sizeof into_notes - 1);
	ok(vt_wait_text(vt, "two \xe2\x90\x9b[31mred\xe2\x90\x9b[0m q", T) && vt_find_row(vt, "one two") < 0,
	   "a paste in the notes pane is text, its line breaks kept, its escapes visible");
	ok(vt_wait_text(vt, "Enter save note", T), "and the pane still has the keyboard");
	vt_key(vt, "Enter");
	ok(ut_wait_sql(&u, vt, "SELECT count(*) FROM note WHERE body = "
		       "'one' || char(10) || 'two \xe2\x90\x9b[31mred\xe2\x90\x9b[0m q'", "1", T),
	   "Enter saves it as one note, its line break kept (issue 14)");
	vt_wait_text(vt, "facilitator  one", T);
	int r = vt_find_row(vt, "facilitator  one");
	char *next = r > 0 ? vt_row_text(vt, r + 1) : NULL;
	ok(next && strstr(next, "two \xe2\x90\x9b[31mred"), "shown on two rows");
	if (!next || !strstr(next, "two \xe2\x90\x9b[31mred"))
		vt_dump(vt, "the note on two rows");
	free(next);
	vt_key(vt, "Up");
	ok(vt_wait_text(vt, "Editing a note", T), "Up takes the note back into the line to edit");
	vt_type(vt, " more");
	vt_key(vt, "Enter");
	ok(ut_wait_sql(&u, vt, "SELECT count(*) FROM note WHERE body = "
		       "'one' || char(10) || 'two \xe2\x90\x9b[31mred\xe2\x90\x9b[0m q more'", "1", T),
	   "an edited note keeps its line break");
	/* A pasted note of a paragraph and a list is exported as one (issue
	 * 14): its blank line kept, its "- " lines a list, not "\\-". */
	static const char listed[] = "\x1b[200~Root cause unclear\r\r- pool size\r- no schema check\x1b[201~";
	vt_send(vt, listed, sizeof listed - 1);
	vt_key(vt, "Enter");
	ok(ut_wait_sql(&u, vt, "SELECT count(*) FROM note WHERE body LIKE 'Root cause unclear' || char(10) || "
		       "char(10) || '- pool size' || char(10) || '- no schema check'", "1", T),
	   "a pasted paragraph and list is saved as pasted");
	char *md = NULL, *html = NULL;
	ut_cli(&u, &md, NULL, "export", id, "--format", "md", NULL);
	ut_cli(&u, &html, NULL, "export", id, "--format", "html", NULL);
	ok(md && strstr(md, "\n- Root cause unclear\n\n  - pool size\n  - no schema check — "),
	   "the Markdown keeps the paragraph and makes the list");
	ok(html && strstr(html, "<li>pool size</li>") && !strstr(html, "\\- pool"), "and so does the HTML");
	free(md);
	free(html);
	ok(ut_quit(vt), "quits");
	raw = vt_raw(vt, &n);
	ok(raw && n >= 8 && memmem(raw, n, "\x1b[?2004l", 8), "and gives bracketed paste back");
	vt_free(vt);
}

/* The retrospective open on its timeline, cols wide. */
static struct vt *open_timeline(int cols)
{
	struct vt *vt = ut_spawn(&u, 24, cols, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	vt_key(vt, "2");
	vt_wait_text(vt, "queue grows", T);
	return vt;
}

/* A block of lines pasted into a quick-add line adds one item a line, all
 * or none, and says how many (it became one item, with the tags of the
 * last line only). */
static void test_paste_block(void)
{
	struct vt *vt = open_timeline(100);
	vt_key(vt, "a");
	vt_wait_text(vt, "Add event:", T);
	static const char events[] = "\x1b[200~11:01 first pasted !investigate\r\n11:02 second pasted !comms\r\n\x1b[201~";
	vt_send(vt, events, sizeof events - 1);
	ok(vt_wait_text(vt, "2 lines pasted: Enter adds 2 events", T), "a pasted block says what Enter will do");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Added 2 events", T), "Enter adds them, saying how many");
	char *n = ut_sql(&u, "SELECT group_concat(kind || ':' || text, '|') FROM"
			     " (SELECT kind, text FROM event WHERE text GLOB '* pasted' ORDER BY at)");
	is_str(n, "investigation:first pasted|communication:second pasted",
	       "one event a line, each with its own tags");
	free(n);
	/* The kinds SREs log besides the milestones, whole in their column. */
	int r1 = vt_find_row(vt, "Investigation "), r2 = vt_find_row(vt, "Communication ");
	ok(r1 >= 0 && r2 >= 0 && vt_wait_row(vt, r1, "first pasted", T) &&
	   vt_wait_row(vt, r2, "second pasted", T),
	   "investigation and communication are kinds, shown whole");

	vt_key(vt, "a");
	vt_wait_text(vt, "Add event:", T);
	static const char bad[] = "\x1b[200~11:03 a good line\nnot a time at all\x1b[201~";
	vt_send(vt, bad, sizeof bad - 1);
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Line 2 of 2:", T) && vt_wait_text(vt, "Nothing was added", T),
	   "a line refused: it says which, and adds none");
	n = ut_sql(&u, "SELECT count(*) FROM event WHERE text = 'a good line'");
	is_str(n, "0", "not even the good one before it");
	free(n);
	ok(vt_find_row(vt, "Add event: 11:03 a good line") >= 0, "the block stays to correct");
	vt_key(vt, "Esc");

	vt_key(vt, "4");
	vt_wait_text(vt, "Timeline check", T); /* (leaving the timeline checks it) */
	vt_key(vt, "Esc");
	vt_wait_text(vt, "No action items yet", T);
	vt_key(vt, "a");
	vt_wait_text(vt, "Add action item:", T);
	static const char actions[] = "\x1b[200~Bound the pool size @ravi #detect\nAlert on saturation @aisha #process\n\x1b[201~";
	vt_send(vt, actions, sizeof actions - 1);
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Added 2 action items", T), "two action lines add two action items");
	n = ut_sql(&u, "SELECT group_concat(title || ':' || owner || ':' || type, '|') FROM"
		       " (SELECT * FROM action ORDER BY created_at, rowid)");
	is_str(n, "Bound the pool size:ravi:detect|Alert on saturation:aisha:process",
	       "each with its own owner and type");
	free(n);
	vt_key(vt, "u");
	ok(vt_wait_text(vt, "Undone", T), "u takes back the last");
	n = ut_sql(&u, "SELECT count(*) FROM action");
	is_str(n, "1", "only the last");
	free(n);
	ok(ut_quit(vt), "quits");
	vt_free(vt);
}

/* A locale whose character set is not UTF-8 (LANG=C): every symbol the
 * program draws comes as ASCII (they were blanks: the separators, the
 * saved mark, the bullets), user text's other characters as ?, and no byte
 * past ASCII reaches the terminal. */
static void test_ascii_locale(void)
{
	ut_setenv(&u, "LANG", "C");
	ut_setenv(&u, "LC_ALL", "C");
	struct vt *vt = open_timeline(80);
	ok(vt_wait_text(vt, "+ saved", T), "the saved mark is + (it was a blank)");
	ok(vt_find_row(vt, "> 2 Timeline >") >= 0, "the breadcrumb's separators are >");
	ok(vt_wait_text(vt, " . mitigate", T), "the header's dots are .");
	vt_key(vt, "a");
	vt_wait_text(vt, "Add event:", T);
	vt_type(vt, "11:30 caf\xc3\xa9");
	ok(vt_wait_text(vt, "11:30 caf?", T), "a character it cannot show is ?, not nothing");
	vt_key(vt, "Esc");
	size_t n;
	const char *raw = vt_raw(vt, &n);
	size_t high = 0;
	for (size_t i = 0; raw && i < n; i++)
		high += (unsigned char)raw[i] >= 0x80;
	ok(raw && high == 0, "no byte past ASCII is sent (%zu were)", high);
	ok(ut_quit(vt), "quits");
	vt_free(vt);
	ut_setenv(&u, "LANG", "C.UTF-8");
	ut_setenv(&u, "LC_ALL", "C.UTF-8");
}

/* Keys as terminals send them (issue 11): Ctrl-Left and Ctrl-Right were
 * two codes hard-wired where ncurses numbers each terminal's keys in turn;
 * the paste markers took KEY_MAX+1 and +2, which rxvt-unicode gives to
 * Ctrl-Shift-Delete and Shift-Down (after one, q no longer quit); a cursor
 * key in the other mode (ESC [ B where ESC O B was asked for) did nothing. */
static void test_terminal_keys(void)
{
	struct vt *vt = open_timeline(80);
	vt_send(vt, "\x1b[B", 3); /* Down, as a terminal that ignores keypad mode sends it */
	ok(vt_wait_text(vt, "Notes on 10:05", T), "a cursor key in normal mode moves");
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Enter save note", T);
	vt_type(vt, "one two three");
	vt_send(vt, "\x1b[1;5D", 6); /* Ctrl-Left, xterm's */
	vt_type(vt, "X");
	ok(vt_wait_text(vt, "one two Xthree", T), "Ctrl-Left moves a word back (xterm)");
	vt_send(vt, "\x1b[1;5C", 6);
	vt_type(vt, "Y");
	ok(vt_wait_text(vt, "one two XthreeY", T), "Ctrl-Right a word on");
	vt_key(vt, "C-u");
	vt_key(vt, "Esc");
	vt_key(vt, "g"); /* back where the next test expects the meeting */
	vt_wait_text(vt, "Notes on 10:00", T);
	ok(ut_quit(vt), "quits");
	vt_free(vt);

	ut_setenv(&u, "TERM", "rxvt-unicode");
	vt = open_timeline(80);
	vt_send(vt, "\x1b[3@", 4); /* Ctrl-Shift-Delete, rxvt-unicode's kDC6 */
	vt_key(vt, "Tab");
	ok(vt_wait_text(vt, "Enter save note", T), "after Ctrl-Shift-Delete, keys are keys (rxvt-unicode)");
	vt_type(vt, "one two");
	vt_send(vt, "\x1bOd", 3); /* Ctrl-Left, rxvt's */
	vt_type(vt, "X");
	ok(vt_wait_text(vt, "one Xtwo", T), "Ctrl-Left moves a word back (rxvt-unicode)");
	vt_key(vt, "C-k"); /* the whole line: after the cursor, then before */
	vt_key(vt, "C-u");
	ok(ut_quit(vt), "and q quits");
	vt_free(vt);
	ut_setenv(&u, "TERM", "xterm-256color");
}

static void test_kill_while_typing(void)
{
	struct vt *vt = open_timeline(80);
	vt_key(vt, "j");
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Type a note", T);
	vt_type(vt, "half a thought, naïve 日本");
	ok(vt_wait_text(vt, "half a thought, naïve 日本", T), "typing in the notes pane");
	vt_signal(vt, SIGKILL);
	int status;
	ok(vt_wait_exit(vt, T, &status) && WIFSIGNALED(status), "killed with SIGKILL");
	vt_free(vt);

	vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "half a thought, naïve 日本", T), "reopening brings the draft back");
	ok(vt_wait_text(vt, "Notes on 10:05", T), "on the same stage and event");
	ok(vt_wait_text(vt, "Enter save note", T), "with the notes pane focused");
	vt_type(vt, " done");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "facilitator  half a thought, naïve 日本 done", T), "and the note saves");

	/* A quick-add in flight. */
	vt_key(vt, "Esc");
	vt_wait_text(vt, "Tab notes", T);
	vt_key(vt, "a");
	vt_wait_text(vt, "Add event", T);
	vt_type(vt, "10:20 consumers scaled");
	ok(vt_wait_text(vt, "10:20 consumers scaled", T), "typing a quick-add");
	vt_signal(vt, SIGKILL);
	vt_wait_exit(vt, T, &status);
	vt_free(vt);
	vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "Add event: 10:20 consumers scaled", T), "the quick-add comes back too");
	vt_type(vt, " !mitigate");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Mitigation", T), "and completes");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);

	vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "consumers scaled", T), "no stale draft after saving");
	/* A key with a known effect: its frame comes after the first, where a
	 * draft would show; a prompt would take the 3 as text instead. */
	vt_key(vt, "3");
	ok(vt_wait_text(vt, "Question 1 of 7", T) && vt_find_row(vt, "Add event") < 0,
	   "the prompt does not come back");
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
}

static void test_wide(void)
{
	struct vt *vt = ut_spawn(&u, 40, 170, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	vt_key(vt, "1");
	ok(vt && vt_wait_text(vt, "Regardless", T), "opens at 170 columns");
	int row = vt_find_row(vt, "Notes on the Prime Directive");
	ok(row == 3, "the notes pane sits beside the stage (row %d)", row);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
}

static void test_editor(void)
{
	char script[400];
	snprintf(script, sizeof script, "%s/fake-editor", u.dir);
	FILE *f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf 'from the editor\\nsecond line\\n' > \"$1\"\n");
	fclose(f);
	chmod(script, 0700);
	ut_setenv(&u, "EDITOR", script);
	ut_setenv(&u, "VISUAL", "");
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	vt_key(vt, "3");
	vt_wait_text(vt, "Question 1 of 7", T);
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Type a note", T);
	vt_key(vt, "C-e");
	ok(vt_wait_text(vt, "Note saved from the editor", T), "Ctrl-E writes a note in $EDITOR");
	/* Listed with its author: the message says "from the editor" too. */
	ok(vt_wait_text(vt, "facilitator  from the editor", T), "the note is shown");
	ok(vt_wait_text(vt, "Question 1 of 7", T), "and the screen is restored");

	/* $EDITOR with a quoted path and arguments runs as git runs it. */
	char dir[400], quoted[600];
	snprintf(dir, sizeof dir, "%s/my tools", u.dir);
	mkdir(dir, 0700);
	snprintf(script, sizeof script, "%s/my tools/edit", u.dir);
	f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf 'args %%s|%%s\\n' \"$1\" \"$2\" > \"$3\"\n");
	fclose(f);
	chmod(script, 0700);
	snprintf(quoted, sizeof quoted, "'%s' --mode 'two words'", script);
	ut_setenv(&u, "EDITOR", quoted);
	vt_key(vt, "Esc");
	vt_wait_text(vt, "Tab notes", T);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	vt_key(vt, "3");
	vt_wait_text(vt, "Question 1 of 7", T);
	vt_key(vt, "Tab");
	vt_key(vt, "C-e");
	ok(vt_wait_text(vt, "args --mode|two words", T),
	   "a quoted $EDITOR path with arguments runs, its words kept whole");
	vt_key(vt, "Esc");
	vt_wait_text(vt, "Tab notes", T);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);

	/* Text the note cannot take (a NUL byte, too long) is not deleted:
	 * its file is kept, and the message says where. */
	snprintf(script, sizeof script, "%s/nul-editor", u.dir);
	f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf 'kept before\\000after the NUL\\n' > \"$1\"\n");
	fclose(f);
	chmod(script, 0700);
	ut_setenv(&u, "EDITOR", script);
	ut_setenv(&u, "TMPDIR", u.dir);
	vt = ut_spawn(&u, 24, 200, id, NULL);
	vt_wait_text(vt, "Queue backlog", T);
	vt_key(vt, "3");
	vt_wait_text(vt, "Question 1 of 7", T);
	vt_key(vt, "Tab");
	vt_key(vt, "C-e");
	ok(vt_wait_text(vt, "holds a NUL byte", T), "a NUL byte from the editor is refused, not cut");
	char kept[600] = "";
	int r = vt_find_row(vt, "it is kept in ");
	char *row = r >= 0 ? vt_row_text(vt, r) : NULL;
	const char *at = row ? strstr(row, "it is kept in ") : NULL;
	if (at)
		sscanf(at + strlen("it is kept in "), "%599s", kept);
	free(row);
	char *text = kept[0] ? ut_read_file(kept) : NULL;
	ok(text && strncmp(text, "kept before", 11) == 0, "and its text kept in the file it names (%s)",
	   kept);
	free(text);
	if (kept[0])
		unlink(kept);
	vt_key(vt, "Esc");
	vt_wait_text(vt, "Tab notes", T);

	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
	char *out = NULL;
	ut_cli(&u, &out, NULL, "export", id, "--format", "json", NULL);
	ok(out && strstr(out, "from the editor\\nsecond line"), "the editor's note keeps its lines");
	free(out);
}

/* Ctrl-Z needs a shell with job control, as a person has. */
static void test_suspend(void)
{
	char *argv[] = {"/bin/bash", "--norc", "--noprofile", "-i", NULL};
	ut_setenv(&u, "PS1", "READY> ");
	/* The shell writes no frame markers: judge every screen as it comes. */
	ut_setenv(&u, "DEBRIEF_TEST_FRAMES", "");
	struct vt *vt = vt_spawn(argv, u.env, 24, 80);
	ok(vt && vt_wait_text(vt, "READY>", T), "a shell with job control");
	char cmd[600];
	snprintf(cmd, sizeof cmd, "%s %s\r", u.bin, id);
	vt_type(vt, cmd);
	ok(vt_wait_text(vt, "Queue backlog", T), "runs debrief");
	vt_key(vt, "C-z");
	ok(vt_wait_text(vt, "Stopped", T), "Ctrl-Z suspends it and gives the shell back");
	vt_type(vt, "fg\r");
	ok(vt_wait_text(vt, "Queue backlog", T), "fg restores the screen");
	vt_key(vt, "q");
	ok(vt_wait_text(vt, "READY>", T), "q returns to the shell");
	vt_type(vt, "exit\r");
	int status;
	vt_wait_exit(vt, T, &status);
	vt_free(vt);
}

/* Quitting by a signal ends with it (a shell sees 128+n), after restoring
 * the terminal; it used to exit 0. */
static void test_signals(void)
{
	const int sigs[] = {SIGTERM, SIGHUP, SIGINT};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
		vt_wait_text(vt, "Queue backlog", T);
		vt_signal(vt, sigs[i]);
		int status = 0;
		bool gone = vt_wait_exit(vt, T, &status);
		ok(gone && WIFSIGNALED(status) && WTERMSIG(status) == sigs[i],
		   "signal %d ends the program with it (status %d: %s %d)", sigs[i], status,
		   WIFSIGNALED(status) ? "signal" : "exit",
		   WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		vt_free(vt);
	}
}

/* Whether process pid has ended (gone, or a zombie nobody reaps yet). */
static bool ended(long pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');
	return p && (p[2] == 'Z' || p[2] == 'X');
}

/* A terminal that goes away without a SIGHUP (here: one that is not the
 * program's controlling terminal) ends the program, with its draft kept;
 * it used to spin at 100 % CPU for ever. */
static void test_hangup_without_signal(void)
{
	char *argv[] = {"setsid", "-w", (char *)u.bin, id, NULL};
	struct vt *vt = vt_spawn(argv, u.env, 24, 80);
	ok(vt && vt_wait_text(vt, "Queue backlog", T), "the meeting runs on a terminal it does not control");
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Enter save note", T);
	vt_type(vt, "said before the line dropped");
	vt_wait_text(vt, "said before the line dropped", T);
	long child = 0;
	char path[96];
	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", vt_pid(vt), vt_pid(vt));
	char *kids = ut_read_file(path);
	if (kids)
		child = atol(kids);
	free(kids);
	ok(child > 0, "its process is found (%ld)", child);
	vt_free(vt); /* the terminal goes: no SIGHUP reaches the program */
	long end = ut_ms() + T;
	while (child > 0 && !ended(child) && ut_ms() < end) {
		struct timespec nap = {0, 10000000};
		nanosleep(&nap, NULL);
	}
	bool gone = child > 0 && ended(child);
	ok(gone, "it ends at once");
	if (!gone && child > 0)
		kill((pid_t)child, SIGKILL);
	char q[256];
	snprintf(q, sizeof q, "SELECT count(*) FROM draft_text WHERE body = 'said before the line dropped'");
	char *n = ut_drafts_sql(&u, q);
	ok(strcmp(n, "1") == 0, "with the draft kept (%s)", n);
	free(n);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	make_retro();
	test_resize();
	test_escapes();
	test_split_characters();
	test_paste();
	test_paste_block();
	test_ascii_locale();
	test_terminal_keys();
	test_kill_while_typing();
	test_wide();
	test_editor();
	test_suspend();
	test_signals();
	test_hangup_without_signal();
	ut_done(&u);
	return done_testing();
}
