/* Crashes: kill -9 at random moments of a scripted meeting, many times.
 * After each: the database passes integrity_check, every note whose Enter
 * was seen on screen is stored, the draft holds what was typed up to the
 * kill, and reopening resumes there. Each trial prints its seed;
 * DEBRIEF_CRASH_SEED replays one run, DEBRIEF_CRASH_TRIALS sets how many. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static unsigned rnd(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

static char *draft_now(void)
{
	char q[512];
	snprintf(q, sizeof q, "SELECT d.body FROM draft_text d JOIN terminal t ON t.id = d.terminal_id"
		 " WHERE d.retro_id = '%s' AND t.role = 'facilitator' AND d.slot = 'notes'"
		 " ORDER BY t.seq DESC LIMIT 1", id);
	return ut_drafts_sql(&u, q);
}

static int notes_stored(const char *word)
{
	char q[512];
	snprintf(q, sizeof q, "SELECT count(*) FROM note WHERE body = '%s'", word);
	char *r = ut_sql(&u, q);
	int n = atoi(r);
	free(r);
	return n;
}

/* Waits (at most T ms) for the bottom bar, and says whether the notes pane
 * has focus. */
static bool notes_focused(struct vt *vt)
{
	long end = ut_ms() + T;
	while (ut_ms() < end) {
		if (vt_at_frame_end(vt)) {
			if (vt_find_row(vt, "Enter save note") >= 0)
				return true;
			if (vt_find_row(vt, "Tab notes") >= 0)
				return false;
		}
		if (vt_pump(vt, 50) < 0)
			break;
	}
	return false;
}

static bool trial(unsigned seed, int t)
{
	unsigned st = seed;
	bool good = true;
	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	if (!vt || !vt_wait_text(vt, "Notes on", T)) {
		vt_free(vt);
		return false;
	}
	/* Into the notes pane (a draft left by the last trial may be there). */
	if (!notes_focused(vt)) {
		vt_key(vt, "Tab");
		vt_wait_text(vt, "Enter save note", T);
	}
	/* Clear what an earlier trial left, so the draft is ours alone. */
	char *left = draft_now();
	vt_key(vt, "C-u");
	if (*left)
		vt_wait_gone(vt, left, T);
	free(left);
	char typed[256] = "";
	int steps = 1 + (int)(rnd(&st) % 6);
	char seen_notes[8][32];
	int n_seen = 0;
	for (int s = 0; s < steps; s++) {
		char word[32];
		snprintf(word, sizeof word, "t%d-s%d-%u", t, s, rnd(&st) % 1000);
		if (rnd(&st) % 2 && n_seen < 8) {
			/* A whole note: wait until it is listed. */
			vt_type(vt, word);
			vt_key(vt, "Enter");
			/* Listed as a note (not just typed): it was saved. */
			char listed[64];
			snprintf(listed, sizeof listed, "facilitator  %s", word);
			if (!vt_wait_text(vt, listed, T)) {
				printf("# seed %u: note %s was entered but never listed\n", seed, word);
				good = false;
			}
			/* Counted either way: it must be stored. */
			snprintf(seen_notes[n_seen++], 32, "%s", word);
		}
	}
	/* Then some typing, and the kill: either once the last key is seen,
	 * or at once, with keys maybe still in flight. Even then the start,
	 * "draft-", is seen first, so the draft can never be empty. */
	snprintf(typed, sizeof typed, "draft-%d-%u", t, rnd(&st) % 100000);
	bool wait_echo = rnd(&st) % 2;
	const size_t seen_len = strlen("draft-");
	vt_type(vt, "draft-");
	if (!vt_wait_text(vt, "draft-", T)) {
		printf("# seed %u: the start of the draft was never shown\n", seed);
		good = false;
	}
	vt_type(vt, typed + seen_len);
	if (wait_echo)
		vt_wait_text(vt, typed, T);
	vt_signal(vt, SIGKILL);
	int status;
	vt_wait_exit(vt, T, &status);
	vt_free(vt);

	char *ic = ut_sql(&u, "PRAGMA integrity_check");
	if (strcmp(ic, "ok") != 0) {
		printf("# seed %u: integrity_check says %s\n", seed, ic);
		good = false;
	}
	free(ic);
	for (int i = 0; i < n_seen; i++) {
		if (notes_stored(seen_notes[i]) != 1) {
			printf("# seed %u: note %s was seen but is not stored once\n", seed, seen_notes[i]);
			good = false;
		}
	}
	char *d = draft_now();
	if (wait_echo ? strcmp(d, typed) != 0
		      : strlen(d) < seen_len || strncmp(typed, d, strlen(d)) != 0) {
		printf("# seed %u: draft is \"%s\", typed \"%s\" (%s)\n", seed, d, typed,
		       wait_echo ? "all seen" : "keys in flight");
		good = false;
	}
	/* Reopen: the draft is back in the notes pane. */
	vt = ut_spawn(&u, 24, 80, id, NULL);
	if (!(vt && vt_wait_text(vt, d, T))) {
		printf("# seed %u: reopening did not show the draft \"%s\"\n", seed, d);
		good = false;
	}
	free(d);
	/* With a draft the notes pane has focus: Esc first, then quit. */
	vt_wait_text(vt, "Notes on", T);
	if (notes_focused(vt)) {
		vt_key(vt, "Esc");
		vt_wait_text(vt, "Tab notes", T);
	}
	vt_key(vt, "q");
	if (!ut_exited(vt, 0)) {
		printf("# seed %u: did not quit after reopening\n", seed);
		good = false;
	}
	vt_free(vt);
	return good;
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	char *out = NULL;
	ut_cli(&u, &out, NULL, "new", "Crash drill", "--date", "2026-11-24", NULL);
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);
	const char *fixed = getenv("DEBRIEF_CRASH_SEED");
	const char *count = getenv("DEBRIEF_CRASH_TRIALS");
	int trials = count ? atoi(count) : 50;
	unsigned base = fixed ? (unsigned)strtoul(fixed, NULL, 10) : (unsigned)time(NULL);
	printf("# base seed %u (DEBRIEF_CRASH_SEED=%u repeats this run)\n", base, base);
	for (int t = 0; t < trials; t++) {
		unsigned seed = fixed && trials == 1 ? base : base + (unsigned)t * 7919u;
		ok(trial(seed, t), "trial %d (seed %u: DEBRIEF_CRASH_SEED=%u DEBRIEF_CRASH_TRIALS=1 replays it)",
		   t, seed, seed);
	}
	ut_done(&u);
	return done_testing();
}
