/* The facilitator's aids (issue 12): s on the timeline shows questions to
 * ask about the highlighted event, from the question bank by its kind and
 * mark; Enter puts one into the notes line. A note or an event using
 * blaming or hindsight language is underlined, quietly, and the bar
 * offers a reframing question; exports never show it. A team's own bank
 * and phrase list replace the shipped ones; a bad one is said with its
 * file and line, and the meeting goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64], config[400];

static struct vt *open_on_timeline(const char *role, int rows, int cols)
{
	struct vt *vt = role ? ut_spawn(&u, rows, cols, role, id, NULL) : ut_spawn(&u, rows, cols, id, NULL);
	/* (Tall enough for every event above the questions: nothing scrolls.) */
	vt_wait_text(vt, "Checkout failures", T);
	if (!role)
		vt_key(vt, "2");
	vt_wait_text(vt, "WHAT HAPPENED", T);
	return vt;
}

/* Highlights the event whose row holds text: g, then j until there. */
static bool highlight(struct vt *vt, const char *text)
{
	vt_key(vt, "g"); /* (the first event's row is under the strip) */
	if (!vt_wait_row(vt, 5, "›", T))
		return false;
	int r = vt_find_row(vt, text);
	for (int i = 5; i < r; i++)
		vt_key(vt, "j");
	return r >= 5 && vt_wait_row(vt, r, "›", T);
}

/* (Out of the notes pane first; the bar may hold a reframing question.) */
static void quit(struct vt *vt)
{
	vt_key(vt, "Esc");
	vt_key(vt, "q");
	if (!ut_exited(vt, 0))
		fprintf(stderr, "# a terminal did not quit\n");
	vt_free(vt);
}

/* The column of needle on row (ASCII before it), or -1. */
static int col_of(struct vt *vt, int row, const char *needle)
{
	char *text = vt_row_text(vt, row);
	const char *p = text ? strstr(text, needle) : NULL;
	int col = p ? (int)(p - text) : -1;
	free(text);
	return col;
}

static void write_config(const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/debrief/%s", config, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_questions(void)
{
	struct vt *fac = open_on_timeline(NULL, 40, 80);
	ok(highlight(fac, "On-call SRE links"), "the detection event highlighted");
	vt_key(fac, "s");
	ok(vt_wait_text(fac, "Ask about 10:09 Detection", T), "s shows the questions for it");
	ok(vt_wait_text(fac, "How did the first person notice? What did they see?", T),
	   "the bank's detection questions");
	ok(vt_wait_row(fac, 39, "Enter into notes", T), "the bar says what Enter does");
	int r = vt_find_row(fac, "What told them this was real");
	vt_key(fac, "j");
	ok(r > 0 && ut_wait_reverse(fac, r, 3, true, T), "j highlights the next question");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "› What told them this was real, and not noise?", T),
	   "Enter puts it into the notes line");
	ok(vt_wait_row(fac, 39, "save note", T), "typing there");
	vt_type(fac, "It looked like the usual flap");
	vt_key(fac, "Enter");
	ok(ut_wait_sql(&u, fac, "SELECT count(*) FROM note WHERE body = "
		       "'What told them this was real, and not noise? It looked like the usual flap'", "1", T),
	   "the question and its answer are one note on the event");
	vt_key(fac, "Esc");
	ok(vt_wait_text(fac, "Ask about 10:09 Detection", T), "the questions stay shown");
	vt_key(fac, "j");
	ok(vt_wait_text(fac, "Ask about 10:14 Page, Went well", T), "and follow the highlight");
	ok(vt_wait_text(fac, "What made this go well, and how do we keep it?", T),
	   "a marked event's questions come first");
	ok(vt_find_row(fac, "Who was paged, and how did they get to a keyboard?") >= 0,
	   "then its kind's");
	ok(highlight(fac, "Rollback completes"), "the lucky event");
	ok(vt_wait_text(fac, "What would have happened at peak traffic?", T), "asks about peak traffic");
	vt_key(fac, "s");
	ok(vt_wait_row(fac, 39, "s hide", T), "s again goes into the questions");
	vt_key(fac, "s");
	ok(vt_wait_gone(fac, "Ask about", T), "and s there hides them");
	quit(fac);

	struct vt *viewer = open_on_timeline("--view", 40, 80);
	vt_key(viewer, "Q");
	ok(vt_wait_text(viewer, "Ask about", T), "a viewer may look at the questions (Q, as the brief names it, as well as s)");
	vt_key(viewer, "Enter");
	ok(vt_wait_text(viewer, "read-only", T), "but writes no note");
	vt_key(viewer, "Esc");
	vt_key(viewer, "q");
	ok(ut_exited(viewer, 0), "and quits");
	vt_free(viewer);
}

static void test_nudge(void)
{
	struct vt *fac = open_on_timeline(NULL, 40, 80);
	ok(highlight(fac, "On-call SRE links"), "an event");
	vt_key(fac, "Tab");
	vt_type(fac, "The alert should have paged someone");
	ok(vt_wait_row(fac, 39, "“should have” · What made that look reasonable at the time?", T),
	   "blaming words typed: the bar offers a reframing question");
	vt_key(fac, "Enter");
	ok(vt_wait_gone(fac, "“should have”", T), "saved: the line is empty, the bar is itself again");
	int r = vt_find_row(fac, "The alert should have paged someone");
	int c = r >= 0 ? col_of(fac, r, "should have") : -1;
	ok(c > 0 && vt_cell_underline(fac, r, c) && vt_cell_underline(fac, r, c + 10),
	   "the saved note's phrase is underlined, quietly");
	ok(c > 0 && !vt_cell_underline(fac, r, c - 2) && !vt_cell_underline(fac, r, c + 12),
	   "and nothing else of it");
	vt_type(fac, "The alert paged nobody; it was tuned down in March");
	vt_key(fac, "C-l");
	ok(vt_wait_row(fac, 39, "save note", T), "words that blame no one: no reframing question");
	vt_key(fac, "Enter");
	ut_wait_sql(&u, fac, "SELECT count(*) FROM note WHERE body LIKE '%tuned down in March'", "1", T);
	ok(vt_wait_text(fac, "Alex  The alert paged nobody", T), "saved");
	r = vt_find_row(fac, "Alex  The alert paged nobody");
	ok(r >= 0 && !vt_cell_underline(fac, r, col_of(fac, r, "tuned")), "and nothing underlined");
	vt_key(fac, "Esc");
	vt_key(fac, "a");
	vt_type(fac, "10:40 Status page blames human error");
	vt_key(fac, "Enter");
	ok(vt_wait_text(fac, "Status page blames human error", T), "an event added");
	ok(highlight(fac, "Status page blames"), "and highlighted");
	ok(vt_wait_row(fac, 39, "“human error” · Which conditions allowed this? What else contributed?", T),
	   "an event's text is nudged too (whole words: not 'blames')");
	r = vt_find_row(fac, "Status page blames");
	c = r >= 0 ? col_of(fac, r, "human error") : -1;
	ok(c > 0 && vt_cell_underline(fac, r, c) && !vt_cell_underline(fac, r, col_of(fac, r, "blames")),
	   "and underlined in its row");
	quit(fac);
	char *md = NULL;
	ut_cli(&u, &md, NULL, "export", id, "--format", "md", NULL);
	ok(md && strstr(md, "The alert should have paged someone") && !strchr(md, '\033'),
	   "the export has the note as written, unmarked");
	free(md);
}

/* A team's own bank and phrases replace the shipped ones; a bad file is
 * said with its line, and the meeting goes on without it. */
static void test_own_files(void)
{
	char dir[600];
	snprintf(dir, sizeof dir, "%s/debrief", config);
	mkdir(config, 0700);
	mkdir(dir, 0700);
	ut_setenv(&u, "XDG_CONFIG_HOME", config);
	write_config("event-questions.txt", "# ours\n[detection]\n- Who saw the dashboard first?\n");
	write_config("nudge.txt", "? Is that the whole story?\nobviously\n");
	struct vt *fac = open_on_timeline(NULL, 40, 80);
	ok(highlight(fac, "On-call SRE links"), "the detection event");
	vt_key(fac, "s");
	ok(vt_wait_text(fac, "Who saw the dashboard first?", T), "the team's own question");
	ok(vt_find_row(fac, "How did the first person notice") < 0, "instead of the shipped ones");
	vt_key(fac, "Esc");
	vt_key(fac, "Tab");
	vt_type(fac, "Obviously it was the pool");
	ok(vt_wait_row(fac, 39, "“Obviously” · Is that the whole story?", T), "the team's own phrase");
	vt_key(fac, "C-u");
	vt_type(fac, "We should have known");
	vt_key(fac, "C-l");
	ok(vt_wait_row(fac, 39, "save note", T), "the shipped phrases are not used");
	vt_key(fac, "C-u");
	quit(fac);

	write_config("event-questions.txt", "[detection]\n- fine\n[lunch]\n- no\n");
	write_config("nudge.txt", "blame\n");
	fac = ut_spawn(&u, 40, 200, id, NULL);
	ok(vt_wait_text(fac, "nudge.txt:1: a phrase before any '? reframing question' "
			     "(the language nudge is off)", T),
	   "a bad phrase list: its file and line, and the nudge is off");
	vt_key(fac, "2");
	vt_wait_text(fac, "WHAT HAPPENED", T);
	vt_key(fac, "s");
	ok(vt_wait_text(fac, "event-questions.txt:3: no kind of event 'lunch'", T),
	   "a bad bank: its file and line");
	ok(vt_wait_text(fac, "The question bank has nothing for this event.", T), "the panel says so");
	vt_key(fac, "Esc");
	ok(highlight(fac, "Checkout error rate rises"), "the meeting goes on");
	ok(vt_wait_text(fac, "Ask about 09:47 Impact start", T), "the panel following");
	vt_key(fac, "q");
	ok(ut_exited(fac, 0), "and quits as ever");
	vt_free(fac);
}

/* The settings' "nudge off": nothing is marked, no question offered. */
static void test_nudge_off(void)
{
	write_config("nudge.txt", "? Is that the whole story?\nshould have\n");
	write_config("config", "nudge off\n");
	struct vt *fac = open_on_timeline(NULL, 40, 80);
	ok(highlight(fac, "On-call SRE links"), "the nudge turned off: an event");
	int r = vt_find_row(fac, "The alert should have paged someone");
	int c = r >= 0 ? col_of(fac, r, "should have") : -1;
	ok(c > 0 && !vt_cell_underline(fac, r, c), "a note's blaming words are not underlined");
	vt_key(fac, "Tab");
	vt_type(fac, "They should have known");
	vt_key(fac, "C-l");
	ok(vt_wait_row(fac, 39, "save note", T) && vt_find_row(fac, "whole story") < 0,
	   "nor is a reframing question offered while typing them");
	vt_key(fac, "C-u");
	quit(fac);
	write_config("config", "");
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	snprintf(config, sizeof config, "%s/config", u.dir);
	test_questions();
	test_nudge();
	test_own_files();
	test_nudge_off();
	ut_done(&u);
	return done_testing();
}
