/* The run of show (issue 12): the row of stages ends with the time spent
 * in the stage the meeting is at against its timebox, the same on every
 * terminal; a timebox running out changes its look and is said once; +
 * gives five minutes more, on every terminal; the time per stage reaches
 * the summary. The terminals' time is a file the test rewrites
 * (DEBRIEF_NOW_FILE), so nothing waits for a clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "uitest.h"

#define T0 1795000000LL

static struct uitest u;
static char id[64], now_file[400];

/* Every terminal's time, from now on (written whole, then renamed into
 * place, so that no program reads it half written). */
static void at(long long secs)
{
	ut_write_now(now_file, T0 + secs);
}

/* The column where needle starts on row, or -1. */
static int col_of(struct vt *vt, int row, const char *needle)
{
	char *text = vt_row_text(vt, row);
	const char *p = text ? strstr(text, needle) : NULL;
	int col = -1;
	if (p) { /* (the row is ASCII up to the timer but for the '›' between stages) */
		col = 0;
		for (const char *q = text; q < p; q++)
			col += ((unsigned char)*q & 0xC0) != 0x80;
	}
	free(text);
	return col;
}

static void quit(struct vt *vt)
{
	vt_key(vt, "q");
	if (!ut_exited(vt, 0))
		fprintf(stderr, "# a terminal did not quit\n");
	vt_free(vt);
}

static void test_run_of_show(void)
{
	at(0);
	struct vt *fac = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt_wait_row(fac, 1, "00:00 / 03:00", T),
	   "the Prime Directive's time against its timebox, at 80 columns");
	at(70);
	vt_key(fac, "2");
	ok(vt_wait_row(fac, 1, "00:00 / 35:00", T), "moving on: the timeline's timebox, from zero");
	struct vt *viewer = ut_spawn(&u, 24, 120, "--view", id, NULL);
	ok(vt_wait_row(viewer, 1, "Timeline 00:00 / 35:00", T),
	   "a viewer sees the same, named where there is room");

	at(70 + 35 * 60 - 1);
	vt_key(fac, "C-l");
	ok(vt_wait_row(fac, 1, "34:59 / 35:00", T), "a second before the end");
	int col = col_of(fac, 1, "34:59");
	ok(col > 0 && !vt_cell_bold(fac, 1, col), "it does not stand out yet");
	ok(vt_find_row(fac, "ran out") < 0, "nor is anything said");

	/* (No key now: the next tick shows it, and a key would take the
	 * message away again.) */
	at(70 + 35 * 60 + 1);
	ok(vt_wait_row(fac, 1, "35:01 / 35:00 over", T), "past it, the next second: over");
	col = col_of(fac, 1, "35:01");
	ok(col > 0 && vt_cell_bold(fac, 1, col), "standing out");
	ok(vt_wait_row(fac, 23, "The Timeline timebox (35:00) ran out: + gives five minutes more.", T),
	   "the facilitator is told once, with the key");
	ok(vt_wait_row(viewer, 1, "Timeline 35:01 / 35:00 over", T), "every terminal shows it over");
	ok(vt_find_row(viewer, "ran out") < 0, "a viewer, who cannot extend it, is not told to");
	vt_key(fac, "j");
	ok(vt_wait_gone(fac, "ran out", T), "the message goes with the next key");
	at(70 + 35 * 60 + 5);
	vt_key(fac, "C-l");
	bool again = vt_wait_row(fac, 1, "35:05 / 35:00 over", T) && vt_find_row(fac, "ran out") < 0;
	ok(again, "and is not said again while it stays over");
	if (!again) {
		char *scr = vt_screen_text(fac);
		fprintf(stderr, "# %s\n", scr ? scr : "");
		free(scr);
	}

	vt_key(viewer, "+");
	ok(vt_wait_text(viewer, "read-only", T), "a viewer cannot extend it");
	vt_key(fac, "+");
	ok(vt_wait_text(fac, "Five more minutes for the Timeline: 40:00 in all.", T), "+ gives five minutes");
	ok(vt_wait_row(fac, 1, "35:05 / 40:00", T) && vt_find_row(fac, "over") < 0, "no longer over");
	ok(vt_wait_row(viewer, 1, "Timeline 35:05 / 40:00", T), "on every terminal");
	char *added = ut_sql(&u, "SELECT extra FROM stage_time WHERE stage = 2");
	ok(added && strcmp(added, "300") == 0, "kept in the file (%s)", added ? added : "nothing");
	free(added);

	at(70 + 40 * 60 + 1);
	ok(vt_wait_text(fac, "The Timeline timebox (40:00) ran out", T), "the longer one running out is said too");

	/* On to Close; the summary has the time per stage. */
	at(70 + 45 * 60);
	vt_key(fac, "5");
	ok(vt_wait_row(fac, 1, "00:00 / 03:00", T), "Close's own timebox");
	ok(vt_wait_row(viewer, 1, "Close 00:00 / 03:00", T), "which the viewer follows");
	quit(viewer);
	quit(fac);
	char *txt = NULL;
	ut_cli(&u, &txt, NULL, "export", id, "--format", "txt", NULL);
	ok(txt && strstr(txt, "Time per stage"), "the summary has the time per stage");
	ok(txt && strstr(txt, "Prime Directive  1m 10s  3m"), "the time the Prime Directive took");
	ok(txt && strstr(txt, "Timeline         45m     40m (5m added)"), "the timeline's, with what was added");
	ok(txt && strstr(txt, "Seven questions  –       12m"), "a stage skipped took nothing");
	ok(txt && strstr(txt, "46m 10s in all, against 1h 05m planned."), "and the total");
	if (!txt || !strstr(txt, "46m 10s in all"))
		fprintf(stderr, "# %s\n", txt ? txt : "(nothing)");
	free(txt);
}

/* A bell in what the program wrote: a BEL byte that does not end an OSC
 * sequence (the test-mode frame marks end so). */
static bool rings(const char *raw, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (raw[i] == '\033' && i + 1 < len && raw[i + 1] == ']') {
			while (i < len && raw[i] != '\a')
				i++;
			continue;
		}
		if (raw[i] == '\a')
			return true;
	}
	return false;
}

/* With the settings' "bell on", a timebox running out rings the
 * terminal's bell, once; without it, never. */
static void test_bell(void)
{
	char dir[600], path[700];
	snprintf(dir, sizeof dir, "%s/bellconf", u.dir);
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/debrief", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/debrief/config", dir);
	for (int on = 0; on < 2; on++) {
		char *out = NULL, other[64];
		ut_cli(&u, &out, NULL, "new", on ? "Bell rings" : "Bell quiet", NULL);
		ut_last_line(out ? out : "", other, sizeof other);
		free(out);
		FILE *f = fopen(path, "w");
		if (f) {
			fputs(on ? "bell on\n" : "bell off\n", f);
			fclose(f);
		}
		ut_setenv(&u, "XDG_CONFIG_HOME", dir);
		at(on ? 10000 : 0);
		struct vt *vt = ut_spawn(&u, 24, 80, other, NULL);
		vt_wait_text(vt, "00:00 / 03:00", T);
		size_t len;
		vt_raw(vt, &len);
		size_t before = len;
		at((on ? 10000 : 0) + 181);
		bool over = vt_wait_text(vt, "03:01 / 03:00 over", T);
		const char *raw = vt_raw(vt, &len);
		bool rang = raw && rings(raw + before, len - before);
		ok(over && rang == (on == 1), on ? "bell on: the timebox running out rings" : "bell off: it does not");
		vt_key(vt, "q");
		if (!ut_exited(vt, 0))
			fprintf(stderr, "# did not quit\n");
		vt_free(vt);
	}
}

/* A retrospective whose meeting never ran in the program has no run of
 * show in its summary. */
static void test_not_held(void)
{
	char *out = NULL, other[64];
	ut_cli(&u, &out, NULL, "new", "Never met", NULL);
	ut_last_line(out ? out : "", other, sizeof other);
	free(out);
	ut_cli(&u, &out, NULL, "export", other, "--format", "md", NULL);
	ok(out && strstr(out, "Never met") && !strstr(out, "Time per stage"),
	   "a meeting never held has no time per stage");
	free(out);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	snprintf(now_file, sizeof now_file, "%s/now", u.dir);
	ut_setenv(&u, "DEBRIEF_NOW_FILE", now_file);
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Queue backlog", "--date", "2026-11-24", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	test_run_of_show();
	test_not_held();
	test_bell();
	ut_done(&u);
	return done_testing();
}
