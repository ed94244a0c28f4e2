/* The figures over time (issue 13): S on the list of retrospectives opens
 * them full-screen, a period a block, each median a bar scaled to the
 * widest of its figure, with its value; m switches months and quarters, ?
 * lists the keys, Esc goes back to the list. And every change of an action
 * item's status on the screen (D, undo, redo) keeps when, from the
 * program's clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

#define T0 1795604800LL /* 2026-11-25 */

static struct uitest u;
static char demo[64], login[64], now_file[400];

/* Every terminal's time from now on (written whole, then renamed). */
static void at(long long secs)
{
	ut_write_now(now_file, T0 + secs);
}

/* How many bar cells row shows. */
static int bar_cells(struct vt *vt, int row)
{
	char *text = row >= 0 ? vt_row_text(vt, row) : NULL;
	int n = 0;
	for (const char *p = text; p && (p = strstr(p, "\xe2\x96\x88")); p += 3)
		n++;
	free(text);
	return n;
}

/* The row of the figure label after the heading of period. */
static int figure_row(struct vt *vt, const char *period, const char *label, int rows)
{
	int head = vt_find_row(vt, period);
	for (int r = head < 0 ? rows : head + 1; r < rows - 1; r++) {
		char *text = vt_row_text(vt, r);
		bool here = text && strstr(text, label);
		free(text);
		if (here)
			return r;
	}
	return -1;
}

static void test_view(int rows, int cols)
{
	struct vt *vt = ut_spawn(&u, rows, cols, NULL);
	ok(vt && vt_wait_text(vt, "Login outage", T), "%dx%d: the list opens", cols, rows);
	ok(vt_wait_row(vt, rows - 1, "S stats", T), "the bar offers S");
	vt_key(vt, "S");
	ok(vt_wait_text(vt, "Figures by month · 2026-09 to 2026-11 · bars: medians · today 2026-11-25", T),
	   "S opens the figures by month");
	ok(vt_wait_text(vt, "2026-09 · 1 retrospective · SEV1 1", T) &&
	   vt_wait_text(vt, "2026-11 · 1 retrospective · SEV2 1", T), "a period a block, oldest first");
	/* September: detected after 30 minutes, resolved after 3 hours; the
	 * demo (November): 22 minutes and 1h 18m. */
	ok(vt_wait_text(vt, "30m · worst 30m · of 1", T) && vt_wait_text(vt, "3h 00m · worst 3h 00m · of 1", T),
	   "September's medians, worsts and counts");
	ok(vt_wait_text(vt, "22m · worst 22m · of 1", T) && vt_wait_text(vt, "1h 18m · worst 1h 18m · of 1", T),
	   "November's (the exports' durations)");
	int sep = bar_cells(vt, figure_row(vt, "2026-09 · 1 retro", "time to resolve", rows));
	int nov = bar_cells(vt, figure_row(vt, "2026-11 · 1 retro", "time to resolve", rows));
	/* The longest bar takes the room the labels (24 columns) and the
	 * widest text ("1h 18m · worst 1h 18m · of 1", 28) leave; the other
	 * is 4680 s of 10800 of it, rounded. */
	int full = cols - 1 - 24 - 1 - 28 - 1;
	ok(sep == full && nov == (4680 * full + 5400) / 10800,
	   "time to resolve: bars of 3h 00m and 1h 18m, the longest %d cells wide (%d, %d)", full, sep, nov);
	ok(figure_row(vt, "2026-09 · 1 retro", "time to mitigate", rows) > 0 && vt_find_row(vt, "time to mitigate      —") > 0,
	   "a figure a period lacks: —");
	ok(vt_wait_text(vt, "5 opened · 1 done · 0 dropped · 0 overdue", T), "the demo's action items");
	ok(vt_wait_row(vt, rows - 1, "j scroll  m by quarter  ? help  Esc back", T), "the bar shows its keys");
	vt_key(vt, "m");
	ok(vt_wait_text(vt, "Figures by quarter · 2026-Q3 to 2026-Q4", T) &&
	   vt_wait_text(vt, "2026-Q3 · 1 retrospective", T), "m: by quarter");
	ok(vt_wait_row(vt, rows - 1, "m by month", T), "and the bar offers months again");
	vt_key(vt, "?");
	ok(vt_wait_text(vt, "Figures over time (S on the list)", T) && vt_wait_text(vt, "by month or by quarter", T),
	   "? lists its keys first");
	vt_key(vt, "x");
	ok(vt_wait_text(vt, "Figures by quarter", T), "any key: back to the figures");
	vt_key(vt, "Escape");
	ok(vt_wait_gone(vt, "Figures by", T) && vt_wait_text(vt, "Login outage", T) &&
	   vt_wait_row(vt, rows - 1, "S stats", T), "Esc: back to the list");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "q quits from the list");
	vt_free(vt);
}

/* Status changes on the screen keep when, in storage, from the clock. */
static void test_status_at(void)
{
	struct vt *vt = ut_spawn(&u, 30, 100, demo, NULL);
	ok(vt && vt_wait_text(vt, "Prime Directive", T), "the demo opens");
	vt_key(vt, "4");
	ok(vt_wait_text(vt, "Page on CheckoutErrorRate", T), "its action items");
	at(0);
	vt_key(vt, "g");
	vt_key(vt, "D");
	char want[64];
	snprintf(want, sizeof want, "done %lld", T0);
	ok(ut_wait_sql(&u, vt, "SELECT status || ' ' || status_at FROM action WHERE title LIKE 'Page on Checkout%'",
		       want, T), "D: done, at the program's time");
	at(600);
	vt_key(vt, "u");
	snprintf(want, sizeof want, "open %lld", T0 + 600);
	ok(ut_wait_sql(&u, vt, "SELECT status || ' ' || status_at FROM action WHERE title LIKE 'Page on Checkout%'",
		       want, T), "undo: open again, at its own time");
	at(900);
	vt_key(vt, "C-r");
	snprintf(want, sizeof want, "done %lld", T0 + 900);
	ok(ut_wait_sql(&u, vt, "SELECT status || ' ' || status_at FROM action WHERE title LIKE 'Page on Checkout%'",
		       want, T), "redo: done again, at its own time");
	ok(ut_quit(vt), "quits");
	vt_free(vt);
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, demo, sizeof demo))
		return 1;
	snprintf(now_file, sizeof now_file, "%s/now", u.dir);
	at(0);
	ut_setenv(&u, "DEBRIEF_NOW_FILE", now_file);
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Login outage", "--date", "2026-09-10", "--severity", "SEV1", NULL);
	ut_last_line(out ? out : "", login, sizeof login);
	free(out);
	out = NULL;
	ut_cli(&u, &out, "2026-09-10 10:00 !impact-start logins fail\n2026-09-10 10:30 !detection paged\n"
		   "2026-09-10 13:00 !resolution fixed\n", "import", login, "-", NULL);
	free(out);
	test_view(24, 80);
	test_view(50, 200);
	test_status_at();
	ut_done(&u);
	return done_testing();
}
