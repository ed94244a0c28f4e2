/* The list of retrospectives: d deletes one (asking first, about the one
 * selected when asked), u brings it back, / filters the list as it is
 * typed; a retrospective deleted while another terminal has it open. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;

/* Makes a retrospective with the command line; its id into id. */
static void make(char *id, size_t size, ...)
{
	char *out = NULL;
	va_list ap;
	va_start(ap, size);
	const char *a[12] = {0};
	for (int i = 0; i < 11 && (a[i] = va_arg(ap, const char *)); i++)
		;
	va_end(ap);
	ut_cli(&u, &out, NULL, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], NULL);
	ut_last_line(out ? out : "", id, size);
	free(out);
}

/* Waits, at most T, for the row showing text to be the selected one (the
 * mark in the first column, the row in reverse video). */
static bool wait_selected(struct vt *vt, const char *text)
{
	long until = ut_ms() + T;
	for (;;) {
		int row = vt_at_frame_end(vt) ? vt_find_row(vt, text) : -1;
		char *line = row >= 0 ? vt_row_text(vt, row) : NULL;
		bool marked = line && strncmp(line, "\xe2\x80\xba", 3) == 0 && vt_cell_reverse(vt, row, 2);
		free(line);
		if (marked)
			return true;
		long left = until - ut_ms();
		if (left <= 0 || vt_pump(vt, (int)left) < 0) {
			vt_dump(vt, text);
			return false;
		}
	}
}

/* The bottom row shows text. */
static bool wait_bar(struct vt *vt, const char *text)
{
	return vt_wait_row(vt, 23, text, T);
}

static char checkout[64], login[64], disk[64], strasse[64];

static void test_delete(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, NULL);
	ok(vt && vt_wait_text(vt, "Disk full on db-3", T), "the list opens");
	vt_key(vt, "j");
	ok(wait_selected(vt, "Checkout failures"), "j selects the second one");
	vt_key(vt, "d");
	/* (At 80 columns the title gives way to the whole question.) */
	ok(wait_bar(vt, "Delete 'Checkout failures after") &&
	   wait_bar(vt, "…'? Kept until u brings it back. y/n"),
	   "d asks in the bar, naming it and saying u brings it back");
	vt_key(vt, "n");
	ok(wait_bar(vt, "Nothing changed."), "n keeps it");
	ok(vt_find_row(vt, "Checkout failures") > 0, "still listed");
	char *left = ut_sql(&u, "SELECT count(*) FROM retro WHERE deleted_at <> 0");
	ok(left && strcmp(left, "0") == 0, "nothing is deleted in the file (%s)", left ? left : "?");
	free(left);

	/* Asked about one, the highlight moves under the question (another
	 * program adds a newer one): y deletes the one asked about. */
	vt_key(vt, "d");
	ok(wait_bar(vt, "Delete 'Checkout failures"), "d asks again");
	char newer[64];
	make(newer, sizeof newer, "new", "Cache stampede", "--date", "2026-11-30", NULL);
	ok(vt_wait_text(vt, "Cache stampede", T) && wait_bar(vt, "Delete 'Checkout failures"),
	   "another program adds a newer one while it asks; the question stays");
	ok(wait_selected(vt, "Disk full on db-3"), "the highlight is now on another one");
	vt_key(vt, "y");
	ok(wait_bar(vt, "Deleted 'Checkout failures after") && wait_bar(vt, "…'; u brings it back."),
	   "y deletes it, and the bar says so and that u brings it back");
	ok(vt_wait_gone(vt, "4  Checkout failures", T), "it is gone from the list");
	ok(vt_find_row(vt, "Disk full on db-3") > 0, "the one highlighted meanwhile is not deleted");
	char query[200];
	snprintf(query, sizeof query, "SELECT deleted_at <> 0 FROM retro WHERE id = '%s'", checkout);
	char *got = ut_sql(&u, query);
	ok(got && strcmp(got, "1") == 0, "it is kept in the file, marked deleted");
	free(got);

	/* A second one, then both back in turn, the last first. */
	vt_key(vt, "G");
	ok(wait_selected(vt, "Straße gesperrt"), "G selects the last");
	vt_key(vt, "k");
	ok(wait_selected(vt, "Login outage"), "k the one before");
	vt_key(vt, "d");
	ok(wait_bar(vt, "Delete 'Login outage'?"), "d asks about it");
	vt_key(vt, "y");
	ok(wait_bar(vt, "Deleted 'Login outage'") && vt_wait_gone(vt, "0  Login outage", T),
	   "y deletes a second one");
	vt_key(vt, "g");
	ok(wait_selected(vt, "Cache stampede"), "g goes to the top");
	ok(wait_bar(vt, "u bring back"), "the bar offers u now");
	vt_key(vt, "u");
	ok(wait_bar(vt, "Brought back 'Login outage'.") && wait_selected(vt, "Login outage"),
	   "u brings back the last one deleted, highlighted");
	vt_key(vt, "u");
	ok(wait_bar(vt, "Brought back 'Checkout failures after payments-api") &&
	   wait_selected(vt, "4  Checkout failures"),
	   "u again brings back the one before");
	vt_key(vt, "u");
	ok(wait_bar(vt, "Nothing to bring back."), "then there is nothing more to bring back");
	left = ut_sql(&u, "SELECT count(*) FROM retro WHERE deleted_at <> 0");
	ok(left && strcmp(left, "0") == 0, "none is deleted in the file");
	free(left);
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "q quits");
	vt_free(vt);
}

static void test_filter(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, NULL);
	ok(vt && vt_wait_text(vt, "Disk full on db-3", T), "the list opens");
	vt_key(vt, "/");
	ok(wait_bar(vt, "Filter:"), "/ opens a filter line in the bar");
	vt_type(vt, "sev1");
	ok(vt_wait_gone(vt, "Disk full on db-3", T) && vt_wait_text(vt, "Login outage", T),
	   "typing narrows the list as it goes (by severity, in any case)");
	ok(vt_wait_row(vt, 0, "filter: sev1 (1 shown)", T), "the header shows the filter");
	for (int i = 0; i < 4; i++)
		vt_key(vt, "Backspace");
	ok(vt_wait_text(vt, "Disk full on db-3", T) && vt_wait_gone(vt, "filter:", T),
	   "emptied, every one is back");
	/* Unicode case folding: STRASSE finds Straße. */
	vt_type(vt, "STRASSE");
	ok(vt_wait_gone(vt, "Login outage", T) && vt_wait_text(vt, "Straße gesperrt", T),
	   "case is folded beyond ASCII (STRASSE finds Straße)");
	vt_key(vt, "Enter");
	ok(vt_wait_gone(vt, "Filter:", T) && wait_bar(vt, "/ filter"),
	   "Enter keeps the filter and gives the keys back to the list");
	ok(vt_wait_row(vt, 0, "filter: STRASSE (1 shown)", T), "the header still shows it");
	ok(vt_find_row(vt, "Disk full") < 0, "the list stays filtered");
	vt_key(vt, "Esc");
	ok(vt_wait_text(vt, "Disk full on db-3", T) && vt_wait_gone(vt, "filter:", T),
	   "Esc on the list clears it");
	ok(wait_selected(vt, "Straße gesperrt"), "the highlight stays on the one it was on");

	/* By incident reference, then Enter opens what is selected. */
	vt_key(vt, "/");
	vt_type(vt, "inc-1");
	ok(vt_wait_gone(vt, "Disk full on db-3", T) && vt_wait_text(vt, "Login outage", T),
	   "by incident reference");
	vt_key(vt, "Enter");
	ok(wait_bar(vt, "/ filter"), "kept");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Regardless of what we discover", T) && vt_wait_row(vt, 0, "Login outage", T),
	   "Enter opens the one filtered to");
	vt_key(vt, "q");
	ok(vt_wait_text(vt, "Back to the list", T) && vt_wait_row(vt, 0, "filter: inc-1", T),
	   "back on the list, the filter is still on");

	/* Nothing matches: said, not an empty screen; Esc in the line clears. */
	vt_key(vt, "/");
	ok(wait_bar(vt, "Filter: inc-1"), "/ again shows the filter to change");
	vt_key(vt, "C-u");
	vt_type(vt, "xyz");
	ok(vt_wait_text(vt, "No retrospective matches 'xyz'.", T), "an empty result says so");
	ok(vt_wait_text(vt, "Esc clears the filter, / changes it.", T), "and how to clear it");
	vt_key(vt, "Esc");
	ok(vt_wait_text(vt, "Disk full on db-3", T) && vt_wait_gone(vt, "No retrospective matches", T) &&
	   vt_wait_gone(vt, "filter:", T),
	   "Esc in the filter line clears it");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "q quits");
	vt_free(vt);
}

/* Another terminal has it open when it is deleted: the meeting goes on,
 * saying so, and no note is lost. */
static void test_deleted_while_open(void)
{
	struct vt *vt = ut_spawn(&u, 24, 80, login, NULL);
	ok(vt && vt_wait_text(vt, "Regardless of what we discover", T), "one terminal has it open");
	vt_key(vt, "Tab");
	vt_type(vt, "said before the delete");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "said before the delete", T) && wait_bar(vt, "save note"), "a note is written");
	char *out = NULL;
	int rc = ut_cli(&u, &out, NULL, "delete", login, NULL);
	free(out);
	ok(rc == 0, "another deletes it from the command line");
	ok(vt_wait_row(vt, 0, "DELETED · Login outage", T), "the header says it is deleted");
	ok(wait_bar(vt, "Deleted elsewhere; the meeting goes on and all is kept."), "the bar says so");
	vt_type(vt, "said after the delete");
	vt_key(vt, "Enter");
	char query[200];
	snprintf(query, sizeof query,
		 "SELECT count(*) FROM note WHERE retro_id = '%s' AND body LIKE 'said %%the delete'", login);
	ok(ut_wait_sql(&u, vt, query, "2", T), "a note written after it is kept too, with the first");
	ok(vt_wait_text(vt, "said after the delete", T), "and shown");
	out = NULL;
	rc = ut_cli(&u, &out, NULL, "restore", login, NULL);
	free(out);
	ok(rc == 0 && vt_wait_gone(vt, "DELETED", T), "brought back from the command line: the header says so");
	ok(ut_quit(vt), "quits");
	vt_free(vt);
}

/* A deleted retrospective's open action items are not "still open from
 * earlier retrospectives" on the Prime Directive. */
static void test_hidden_from_prime(void)
{
	char later[64];
	make(later, sizeof later, "new", "Later incident", "--date", "2026-12-02", NULL);
	struct vt *vt = ut_spawn(&u, 24, 100, later, NULL);
	ok(vt && vt_wait_text(vt, "Priya, due 2026-12-01", T), "the demo's open items are still open here");
	ok(ut_quit(vt), "quits");
	vt_free(vt);
	char *out = NULL;
	ut_cli(&u, &out, NULL, "delete", checkout, NULL);
	free(out);
	vt = ut_spawn(&u, 24, 100, later, NULL);
	ok(vt && vt_wait_text(vt, "Still open from earlier retrospectives", T) &&
	   vt_wait_text(vt, "Nothing: well done.", T),
	   "the demo deleted, its items are not listed");
	ok(vt_find_row(vt, "Priya, due 2026-12-01") < 0, "none of them");
	ok(ut_quit(vt), "quits");
	vt_free(vt);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	make(checkout, sizeof checkout, "demo", NULL);
	make(login, sizeof login, "new", "Login outage", "--incident", "INC-1", "--severity", "SEV1", "--date",
	     "2026-11-20", NULL);
	make(disk, sizeof disk, "new", "Disk full on db-3", "--date", "2026-11-25", NULL);
	make(strasse, sizeof strasse, "new", "Straße gesperrt", "--incident", "inc-7", "--severity", "sev3",
	     "--date", "2026-11-10", NULL);
	test_delete();
	test_filter();
	test_deleted_while_open();
	test_hidden_from_prime();
	ut_done(&u);
	return done_testing();
}
