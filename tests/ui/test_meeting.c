/* A whole meeting, end to end, through the real program in a terminal:
 * open, every stage, quick-adds, notes in several scripts, an action from
 * `A`, close, export, reopen and resume. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static void key(struct vt *vt, const char *k)
{
	vt_key(vt, k);
}

/* Types a line into whatever prompt is open and presses Enter. */
static void enter_line(struct vt *vt, const char *text)
{
	vt_type(vt, text);
	vt_key(vt, "Enter");
}

static void test_meeting(void)
{
	char *out = NULL;
	ok(ut_cli(&u, &out, NULL, "new", "Payments outage", "--incident", "INC-7", "--date", "2026-11-24",
		  "--facilitator", "Ana", "--scribe", "Bo", NULL) == 0, "a retrospective to hold");
	ut_last_line(out, id, sizeof id);
	free(out);

	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "Regardless of what we discover", T), "opens on the Prime Directive");
	ok(vt_wait_text(vt, "Norm Kerth", T), "with its attribution");
	ok(vt_find_row(vt, "Payments outage") == 0, "the title is in the header");
	ok(vt_wait_text(vt, "Ana", T) && vt_wait_text(vt, "Bo", T), "attendance shows the roles");
	int crumb = vt_find_row(vt, "1 Prime");
	ok(crumb == 1, "the stages are a breadcrumb on row 1");

	/* Add a participant on stage 1. */
	key(vt, "a");
	ok(vt_wait_text(vt, "Add participant", T), "a adds a participant");
	enter_line(vt, "Chloé");
	ok(vt_wait_text(vt, "• Chloé", T), "the participant is listed");

	/* Stage 2: the timeline, by quick-add. */
	key(vt, "]");
	ok(vt_wait_text(vt, "No events yet", T), "] goes to an empty timeline");
	key(vt, "a");
	ok(vt_wait_text(vt, "Add event", T), "a opens the event prompt");
	enter_line(vt, "10:00 config deploy !trigger");
	/* The typed line shows in the prompt too: wait for the listed row. */
	ok(vt_wait_text(vt, "Trigger", T), "the event is listed with its kind");
	ok(vt_wait_row(vt, vt_find_row(vt, "Trigger"), "config deploy", T), "and its text");
	const char *lines[] = {
		"10:04 checkout errors climb !impact",
		"10:15 error-rate alert fires !alert",
		"10:30 rollback started !mitigate",
		"10:52 fixed config deployed !resolve",
	};
	for (size_t i = 0; i < 4; i++) {
		key(vt, "a");
		vt_wait_text(vt, "Add event", T);
		enter_line(vt, lines[i]);
		/* Wait for the text without its !kind word. */
		char want[64];
		snprintf(want, sizeof want, "%.*s", (int)(strrchr(lines[i], '!') - lines[i] - 7),
			 lines[i] + 6);
		vt_wait_text(vt, want, T);
	}
	ok(vt_wait_text(vt, "fixed config deployed", T), "five events");
	ok(vt_wait_text(vt, "mitigate 26m", T), "the header computes time to mitigate");
	ok(vt_wait_text(vt, "detect 11m", T), "and time to detect (from the alert)");
	ok(vt_wait_text(vt, "resolve 48m", T), "and time to resolve");

	key(vt, "a");
	vt_wait_text(vt, "Add event", T);
	enter_line(vt, "25:99 impossible");
	ok(vt_wait_text(vt, "cannot exist", T), "an impossible time is refused with a message");
	ok(vt_wait_text(vt, "25:99 impossible", T), "and the text stays in the prompt");
	key(vt, "Esc");
	ok(vt_wait_gone(vt, "Add event", T), "Esc cancels the prompt");

	/* Walk to the first event and mark it. */
	key(vt, "g");
	key(vt, "w");
	vt_wait_text(vt, "›10:00", T); /* (the strip above starts at 10:00 too) */
	int row = vt_find_row(vt, "›10:00");
	ok(vt_wait_row(vt, row, "WELL", T), "w marks the first event as went well");
	ok(ut_wait_reverse(vt, row, 3, true, T), "the walked event is highlighted");

	/* A note on the highlighted event, with accents, CJK and emoji. */
	key(vt, "Tab");
	ok(vt_wait_text(vt, "Type a note and press Enter", T), "Tab focuses the notes pane");
	enter_line(vt, "Déjà vu: 日本語 works ✅");
	ok(vt_wait_text(vt, "Ana  Déjà vu: 日本語 works ✅", T),
	   "the note is listed with its author, wide characters intact");
	ok(vt_wait_row(vt, row, "[1]", T), "the event shows it has a note");
	key(vt, "Esc");
	ok(vt_wait_text(vt, "Tab notes", T), "Esc leaves the notes pane");

	/* Stage 3: the questions. */
	key(vt, "3");
	ok(vt_wait_text(vt, "How were we notified about the problem?", T), "3 shows the first question");
	ok(vt_wait_text(vt, "Question 1 of 7", T), "one of seven");
	key(vt, "Tab");
	vt_wait_text(vt, "Type a note", T);
	enter_line(vt, "A customer told support first");
	ok(vt_wait_text(vt, "Ana  A customer told support first", T), "a note on the question");
	key(vt, "Esc");
	vt_wait_gone(vt, "Type a note", T);
	key(vt, "j");
	ok(vt_wait_text(vt, "Was the right team paged?", T), "j goes to the next question");

	/* `A` from here: an action item linked to this question. */
	key(vt, "A");
	ok(vt_wait_text(vt, "New action item (from question 2)", T),
	   "A opens the action prompt from any stage, saying what it links to");
	enter_line(vt, "Page payments on error rate @Priya due:2026-12-01 #detect !P1");
	ok(vt_wait_text(vt, "Action item added", T), "the action is added");

	/* Stage 4: the action items. */
	key(vt, "4");
	ok(vt_wait_text(vt, "Page payments on error rate", T), "4 shows the action items");
	/* Each in the item's own row ("detect" is on the durations line too). */
	int item = vt_find_row(vt, "Page payments on error rate");
	ok(vt_wait_row(vt, item, "Priya", T) && vt_wait_row(vt, item, "2026-12-01", T),
	   "with owner and due date");
	ok(vt_wait_row(vt, item, "detect", T) && vt_wait_row(vt, item, "P1", T), "type and priority");
	key(vt, "a");
	vt_wait_text(vt, "Add action item", T);
	enter_line(vt, "Write the rollback runbook #process");
	ok(vt_wait_text(vt, "NO OWNER", T), "an item without an owner stands out");
	item = vt_find_row(vt, "Write the rollback runbook");
	ok(vt_wait_row(vt, item, "open", T), "it is open");
	key(vt, "D");
	/* "done" is in the bar's "D done" too: wait for the item's status. */
	ok(vt_wait_row(vt, item, "done", T), "D marks it done");

	/* Stage 5: close. */
	key(vt, "5");
	ok(vt_wait_text(vt, "Thank you, everyone", T), "5 thanks the room");
	ok(vt_wait_text(vt, "1 without an owner", T), "and warns of the ownerless item");
	ok(vt_wait_text(vt, "Summary preview", T), "with a preview of the summary");
	key(vt, "C");
	ok(vt_wait_text(vt, "without an owner. Close anyway? y/n", T), "closing asks first");
	key(vt, "n");
	ok(vt_wait_text(vt, "Nothing changed", T), "n keeps it open");
	key(vt, "C");
	vt_wait_text(vt, "Close anyway?", T);
	key(vt, "y");
	ok(vt_wait_text(vt, "This retrospective is closed", T), "y closes it");

	/* Export from the screen. "-" means standard output on the command
	 * line; here that is the screen itself, so it is refused. */
	key(vt, "x");
	ok(vt_wait_text(vt, "Export to: inc-7.md", T), "x offers a file name");
	for (int i = 0; i < 9; i++)
		key(vt, "Backspace");
	key(vt, "-");
	key(vt, "Enter");
	ok(vt_wait_text(vt, "needs a file name", T), "- is refused on the screen");
	ok(vt_find_row(vt, "# Payments outage") < 0 && vt_find_row(vt, "Export to: -") >= 0,
	   "nothing was written over the screen, and the prompt stays open");
	key(vt, "Esc");
	ok(vt_wait_gone(vt, "Export to:", T), "Esc leaves the prompt");

	key(vt, "x");
	ok(vt_wait_text(vt, "Export to: inc-7.md", T), "x offers a file name");
	char path[400];
	snprintf(path, sizeof path, "%s/summary.md", u.dir);
	for (int i = 0; i < 9; i++)
		key(vt, "Backspace");
	vt_type(vt, path);
	key(vt, "Enter");
	ok(vt_wait_text(vt, "Exported the summary", T), "exports");
	struct stat sb;
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "the export is owner-only");
	char *md = ut_read_file(path);
	ok(md && strstr(md, "Déjà vu: 日本語 works ✅"), "the export has the note");
	ok(md && strstr(md, "A customer told support first"), "and the question's note");
	ok(md && strstr(md, "Page payments on error rate"), "and the action item");
	free(md);

	/* Again to the same file: asked first; n leaves it; .pdf is no format. */
	FILE *mark = fopen(path, "w");
	if (mark) {
		fputs("kept as it was\n", mark);
		fclose(mark);
	}
	key(vt, "x");
	vt_wait_text(vt, "Export to: inc-7.md", T);
	for (int i = 0; i < 9; i++)
		key(vt, "Backspace");
	vt_type(vt, path);
	key(vt, "Enter");
	ok(vt_wait_text(vt, "is already there. Replace it? y/n", T), "a file already there: x asks first");
	key(vt, "n");
	ok(vt_wait_gone(vt, "Replace it?", T), "n answers");
	md = ut_read_file(path);
	ok(md && strcmp(md, "kept as it was\n") == 0, "and the file is as it was");
	free(md);
	key(vt, "x");
	vt_wait_text(vt, "Export to: inc-7.md", T);
	for (int i = 0; i < 9; i++)
		key(vt, "Backspace");
	vt_type(vt, path);
	key(vt, "Enter");
	vt_wait_text(vt, "Replace it? y/n", T);
	key(vt, "y");
	ok(vt_wait_text(vt, "Exported the summary", T), "y replaces it");
	md = ut_read_file(path);
	ok(md && strstr(md, "Page payments on error rate"), "with the summary");
	free(md);
	key(vt, "x");
	vt_wait_text(vt, "Export to: inc-7.md", T);
	key(vt, "Backspace");
	key(vt, "Backspace");
	vt_type(vt, "pdf");
	key(vt, "Enter");
	ok(vt_wait_text(vt, "No PDF of its own: export .html and print that to PDF.", T),
	   "a .pdf is refused, pointing at the HTML");
	ok(vt_find_row(vt, "Export to: inc-7.pdf") >= 0, "the prompt stays open to correct it");
	key(vt, "Backspace");
	key(vt, "Backspace");
	key(vt, "Backspace");
	vt_type(vt, "doc");
	key(vt, "Enter");
	ok(vt_wait_text(vt, "That extension is no format", T), "an extension that is no format is refused");
	key(vt, "Esc");
	vt_wait_gone(vt, "Export to:", T);

	key(vt, "q");
	ok(ut_exited(vt, 0), "q quits at once with status 0");
	vt_free(vt);

	/* Reopen: the same stage. */
	vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "This retrospective is closed", T), "reopening resumes on the Close stage");
	key(vt, "2");
	ok(vt_wait_text(vt, "fixed config deployed", T), "the timeline is all there");
	key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);

	ok(ut_cli(&u, &out, NULL, "export", id, "--format", "json", NULL) == 0, "the CLI exports it");
	ok(out && strstr(out, "\"status\": \"closed\""), "closed");
	ok(out && strstr(out, "Chloé"), "with the participant added on screen");
	free(out);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	test_meeting();
	ut_done(&u);
	return done_testing();
}
