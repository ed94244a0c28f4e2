/* The action items' table on screen: columns line up by display width
 * whatever the owners' scripts, and no character is cut in half. */
#define _XOPEN_SOURCE 700 /* wcwidth() */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;

/* The display column where needle starts in the row, -1 if absent. The
 * test's own measure (the C library's), not the program's. */
static int column_of(struct vt *vt, int row, const char *needle)
{
	char *text = vt_row_text(vt, row);
	char *at = text ? strstr(text, needle) : NULL;
	int col = -1;
	if (at) {
		col = 0;
		mbstate_t st = {0};
		for (const char *p = text; p < at;) {
			wchar_t wc;
			size_t len = mbrtowc(&wc, p, (size_t)(at - p), &st);
			if (len == 0 || len > 4)
				break;
			int w = wcwidth(wc);
			col += w > 0 ? w : 0;
			p += len;
		}
	}
	free(text);
	return col;
}

static void add_action(struct vt *vt, const char *line)
{
	vt_key(vt, "a");
	vt_wait_text(vt, "Add action item", T);
	vt_type(vt, line);
	vt_key(vt, "Enter");
	vt_wait_text(vt, "Action item added", T);
}

/* Text cut for room says so with "…" (the question list was cut without
 * it, at a fixed 34 columns even at 200), and the help wraps a long
 * description instead of cutting it. */
static void test_cut_and_room(const char *id)
{
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	vt_key(vt, "3");
	ok(vt_wait_text(vt, "Question 1 of 7", T), "the questions at 80 columns");
	int row = vt_find_row(vt, "›1 ");
	char *text = row >= 0 ? vt_row_text(vt, row) : NULL;
	ok(text && strstr(text, "…"), "the list's cut question ends in … (%s)", text ? text : "");
	free(text);
	vt_key(vt, "2");
	vt_wait_text(vt, "WHAT HAPPENED", T);
	vt_key(vt, "?");
	ok(vt_wait_text(vt, "Keys", T) && vt_wait_text(vt, "(pasted lines: one each)", T),
	   "the help wraps a long description: its end is on screen");
	vt_key(vt, "Esc");
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);

	vt = ut_spawn(&u, 50, 200, id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	vt_key(vt, "3");
	ok(vt_wait_text(vt, "Question 1 of 7", T), "the questions at 200 columns");
	row = vt_find_row(vt, "›1 ");
	text = row >= 0 ? vt_row_text(vt, row) : NULL;
	/* The list's own cell: from its number to the notes pane's border. */
	char *cell = text ? strstr(text, "›1 ") : NULL;
	char *end = cell ? strstr(cell, "│") : NULL;
	if (end)
		*end = '\0';
	ok(cell && strstr(cell, "How were we notified about the problem?") && !strstr(cell, "…"),
	   "the list takes its share of a wide screen: the question whole (%s)", cell ? cell : "");
	free(text);
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
}

/* Cells of text in a colour of their own on the terminal's background,
 * over every stage. */
static int coloured_text(struct vt *vt)
{
	int n = 0;
	const char *stages[] = {"1", "2", "3", "4", "5"};
	for (int s = 0; s < 5; s++) {
		vt_key(vt, stages[s]);
		vt_pump(vt, 200);
		for (int r = 0; r < 30; r++)
			for (int c = 0; c < 100; c++)
				n += vt_cell_coloured_text(vt, r, c);
	}
	return n;
}

static bool is_dim(long v) { return v == 2; }
/* A colour, foreground or background (39 and 49 are the terminal's own). */
static bool is_colour(long v) { return (v >= 30 && v <= 48 && v != 39) || (v >= 90 && v <= 107); }

/* Whether the program asked for an attribute: a parameter of an SGR
 * sequence (ESC [ ... m) that want() picks, a colour's own numbers
 * (38;5;N) aside. */
static bool asked(struct vt *vt, bool (*want)(long))
{
	size_t n;
	const char *raw = vt_raw(vt, &n);
	for (size_t i = 0; raw && i + 2 < n; i++) {
		if (raw[i] != '\x1b' || raw[i + 1] != '[')
			continue;
		size_t end = i + 2;
		while (end < n && ((raw[end] >= '0' && raw[end] <= '9') || raw[end] == ';'))
			end++;
		if (end >= n || raw[end] != 'm')
			continue;
		int skip = 0;
		for (size_t p = i + 2; p < end;) {
			long v = strtol(raw + p, NULL, 10);
			if (skip > 0)
				skip--;
			else if (want(v))
				return true;
			if (v == 38 || v == 48)
				skip = 2; /* 5;N (or 2;R;G;B, which this program never sends) */
			while (p < end && raw[p] != ';')
				p++;
			p++;
		}
	}
	return false;
}

/* The looks (issue 11: yellow, cyan and green text on the default
 * background measured 1.1-1.4:1 on a light terminal, and dim washed out):
 * the default, light, has colour only behind black or white text and
 * nothing dim; dark adds coloured text; mono has no colour at all. */
static void test_looks(const char *id)
{
	ut_setenv(&u, "NO_COLOR", ""); /* (the tests' own default) */
	struct vt *vt = ut_spawn(&u, 30, 100, id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	int light = coloured_text(vt);
	ok(light == 0, "the default look has no coloured text on the terminal's background (%d cells)", light);
	ok(!asked(vt, is_dim), "and nothing dim");
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	vt = ut_spawn(&u, 30, 100, "--look", "dark", id, NULL);
	vt_wait_text(vt, "Checkout failures", T);
	int dark = coloured_text(vt);
	ok(dark > 0, "--look dark colours text as well (%d cells)", dark);
	vt_key(vt, "q");
	ut_exited(vt, 0);
	vt_free(vt);
	ut_setenv(&u, "DEBRIEF_LOOK", "mono");
	vt = ut_spawn(&u, 30, 100, id, NULL);
	ok(vt_wait_text(vt, "Checkout failures", T) && vt_cell_reverse(vt, 0, 2), "DEBRIEF_LOOK=mono: the header in reverse video");
	ok(!asked(vt, is_colour), "and no colour is asked for");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
	ut_setenv(&u, "DEBRIEF_LOOK", "");
	ut_setenv(&u, "NO_COLOR", "1");
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!ut_init(&u, argc, argv))
		return 1;
	char *out = NULL, id[64];
	ut_cli(&u, &out, NULL, "demo", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	struct vt *vt = ut_spawn(&u, 24, 100, id, NULL);
	ok(vt && vt_wait_text(vt, "Regardless of what we discover", T), "opens the demo");
	vt_key(vt, "4");
	ok(vt_wait_text(vt, "NO OWNER", T), "on the action items");
	add_action(vt, "Rotate the keys @aÅÅÅÅÅÅÅÅ due:2026-12-24");
	add_action(vt, "Review the retries @山田太郎 due:2026-12-25");
	int head = vt_find_row(vt, "OWNER");
	int a = -1, cjk = -1;
	if (vt_wait_text(vt, "Review the retries", T)) {
		a = vt_find_row(vt, "Rotate the keys");
		cjk = vt_find_row(vt, "Review the retries");
	}
	ok(head >= 0 && a > 0 && cjk > 0, "both items listed (rows %d, %d)", a, cjk);
	ok(column_of(vt, a, "aÅÅÅÅÅÅÅÅ ") >= 0, "aÅÅÅÅÅÅÅÅ shown whole");
	ok(column_of(vt, a, "\xef\xbf\xbd") < 0 && column_of(vt, cjk, "\xef\xbf\xbd") < 0,
	   "no character cut in half (no U+FFFD)");
	int due = column_of(vt, head, "DUE");
	int due_a = column_of(vt, a, "2026-12-24"), due_cjk = column_of(vt, cjk, "2026-12-25");
	ok(due > 0 && due_a == due && due_cjk == due,
	   "the DUE column lines up by display width (header %d, rows %d and %d)", due, due_a, due_cjk);
	int act = column_of(vt, head, "ACTION");
	int t_a = column_of(vt, a, "Rotate the keys"), t_cjk = column_of(vt, cjk, "Review the retries");
	ok(act > 0 && t_a == act && t_cjk == act,
	   "and so does the ACTION column (header %d, rows %d and %d)", act, t_a, t_cjk);
	if (!(due_a == due && due_cjk == due && t_a == act && t_cjk == act))
		vt_dump(vt, "action table");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);
	test_cut_and_room(id);
	test_looks(id);
	ut_done(&u);
	return done_testing();
}
