/* Benchmark (not a test): one meeting seen from many terminals. A
 * facilitator, a scribe and N viewers (1, 5 and 20 by default), each in its
 * own pty, follow one retrospective: the demo, and the demo grown to a
 * 50,000-event timeline with 20,000 notes. For each file and N:
 *
 *  - a note saved by the scribe (Enter) to the moment each viewer's screen
 *    shows it: median and worst over every viewer and every note, all the
 *    viewers' ptys read in one poll(2);
 *  - the viewers' CPU (/proc/PID/schedstat) while the scribe types
 *    a note of a few hundred keys, one every PACE_MS: per key and viewer,
 *    and all viewers together as a share of one core;
 *  - the facilitator marking its event (w) and adding one (a), each as
 *    many times as notes: to every viewer's screen, median and worst, and
 *    the viewers' CPU for each;
 *  - wake-ups of each viewer per scribe key and per idle second, and the
 *    rows a viewer reads for each note, as the program counts them itself
 *    (DEBRIEF_TEST_COUNTS, one file per viewer).
 *
 * Printed beside issue 15's targets. Never fails on timing.
 *
 * usage: bench-terminals path/to/debrief [viewers,viewers...] [notes] [keys]
 * (default: 1,5,20 15 300)
 */
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "big.h"
#include "vt.h"

#define ROWS 24
#define COLS 100
#define SETUP_MS 120000 /* terminals opening the long file at once */
#define NOTE_MS 10000   /* a note not on a screen by then is not seen */
#define PACE_MS 50      /* the scribe's keys: 20 a second, a fast typist */
#define IDLE_MS 10000
#define MAX_VIEWERS 64
#define EVENTS 50000
#define NOTES 20000

struct term {
	struct vt *vt;
	char counts[400]; /* the viewer's DEBRIEF_TEST_COUNTS file */
	long counts_at;   /* its size when the phase began */
	double cpu_at;
	bool fresh; /* output came since the screen was last looked at */
};

/* facilitator, scribe, then the viewers */
struct meeting {
	struct term t[MAX_VIEWERS + 2];
	int n;
};

struct counted {
	long key, watch, timer, looks, rows;
};

/* The facilitator's changes to the timeline, seen by the viewers. */
struct changes {
	int n, seen;
	double median, worst, cpu_ms;
};

struct result {
	int viewers, notes, seen, early;
	double median, worst, note_cpu_ms;
	double rows_per_note;
	struct changes marks, adds;
	int keys, keys_missed;
	double key_cpu_us, key_cpu_pct, key_wakes, key_watch;
	double idle_wakes, idle_watch, idle_cpu_pct;
};

struct file {
	const char *name;
	char db[320], id[64];
	long long events, notes, bytes;
};

static const char *debrief;
static char dir[256];

static struct vt *spawn(const struct file *f, const char *home, const char *counts,
			const char *role)
{
	char e_db[400], e_home[400], e_counts[500];
	snprintf(e_db, sizeof e_db, "DEBRIEF_DB=%s", f->db);
	snprintf(e_home, sizeof e_home, "HOME=%s", home);
	snprintf(e_counts, sizeof e_counts, "DEBRIEF_TEST_COUNTS=%s", counts ? counts : "");
	char *env[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
		       "PATH=/usr/bin:/bin", "DEBRIEF_TEST_FRAMES=1", e_db, e_home,
		       counts ? e_counts : NULL, NULL};
	char *argv[6];
	int k = 0;
	argv[k++] = (char *)debrief;
	argv[k++] = "--db";
	argv[k++] = (char *)f->db;
	if (role)
		argv[k++] = (char *)role;
	argv[k++] = (char *)f->id;
	argv[k] = NULL;
	struct vt *vt = vt_spawn(argv, env, ROWS, COLS);
	if (!vt) {
		fprintf(stderr, "bench-terminals: cannot start %s\n", debrief);
		exit(1);
	}
	vt_expect_frames(vt);
	return vt;
}

/* One poll(2) over every terminal, at most timeout_ms; whatever arrived is
 * read. The time poll came back. */
static double pump_all(struct meeting *m, int timeout_ms)
{
	struct pollfd p[MAX_VIEWERS + 2];
	for (int i = 0; i < m->n; i++)
		p[i] = (struct pollfd){.fd = vt_fd(m->t[i].vt), .events = POLLIN};
	int r = poll(p, (nfds_t)m->n, timeout_ms);
	double at = now_ms();
	for (int i = 0; r > 0 && i < m->n; i++)
		if (p[i].revents) {
			vt_pump(m->t[i].vt, 0);
			m->t[i].fresh = true;
		}
	return at;
}

/* Reads every terminal for ms. */
static void pump_for(struct meeting *m, double ms)
{
	double end = now_ms() + ms;
	for (double t = now_ms(); t < end; t = now_ms())
		pump_all(m, (int)(end - t) + 1);
}

/* Reads every terminal until one has been quiet for ms (at most limit_ms). */
static void pump_quiet(struct meeting *m, struct vt *vt, double ms, double limit_ms)
{
	double start = now_ms(), last = start;
	while (now_ms() - last < ms && now_ms() - start < limit_ms) {
		pump_all(m, 20);
		for (int i = 0; i < m->n; i++)
			if (m->t[i].vt == vt && m->t[i].fresh) {
				m->t[i].fresh = false;
				last = now_ms();
			}
	}
}

static bool shows(struct vt *vt, const char *needle)
{
	return vt_at_frame_end(vt) && vt_find_row(vt, needle) >= 0;
}

/* Reads every terminal until those from `from` on all show needle; how
 * many do not after timeout_ms. */
static int wait_all(struct meeting *m, int from, const char *needle, double timeout_ms)
{
	bool done[MAX_VIEWERS + 2] = {0};
	int left = m->n - from;
	double end = now_ms() + timeout_ms;
	for (int i = from; i < m->n; i++)
		m->t[i].fresh = true;
	while (left > 0) {
		for (int i = from; i < m->n; i++)
			if (!done[i] && m->t[i].fresh) {
				m->t[i].fresh = false;
				if (shows(m->t[i].vt, needle)) {
					done[i] = true;
					left--;
				}
			}
		if (left == 0 || now_ms() > end)
			break;
		pump_all(m, 50);
	}
	return left;
}

static long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long)sb.st_size : 0;
}

/* What a viewer's counts file says since `from`. */
static void count_since(const char *path, long from, struct counted *c)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	fseek(f, from, SEEK_SET);
	char line[256], how[16];
	long rows, steps;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "wake key", 8) == 0)
			c->key++;
		else if (strncmp(line, "wake watch", 10) == 0)
			c->watch++;
		else if (strncmp(line, "wake timer", 10) == 0)
			c->timer++;
		else if (sscanf(line, "outside reload=%15s rows=%ld steps=%ld", how, &rows, &steps) == 3) {
			c->looks++;
			c->rows += rows;
		}
	}
	fclose(f);
}

/* Marks where each viewer's figures stand. */
static void mark(struct meeting *m)
{
	for (int i = 2; i < m->n; i++) {
		m->t[i].cpu_at = bench_cpu_s(vt_pid(m->t[i].vt));
		m->t[i].counts_at = file_size(m->t[i].counts);
	}
}

/* The viewers' CPU seconds and counts since mark(). */
static double since_mark(struct meeting *m, struct counted *c)
{
	double cpu = 0;
	memset(c, 0, sizeof *c);
	for (int i = 2; i < m->n; i++) {
		cpu += bench_cpu_s(vt_pid(m->t[i].vt)) - m->t[i].cpu_at;
		count_since(m->t[i].counts, m->t[i].counts_at, c);
	}
	return cpu;
}

/* The median and the worst of n latencies (sorted in place); 0 for none. */
static void median_worst(double *lat, int n, double *median, double *worst)
{
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	*median = *worst = 0;
	if (n) {
		*median = n % 2 ? lat[n / 2] : (lat[n / 2 - 1] + lat[n / 2]) / 2;
		*worst = lat[n - 1];
	}
}

/* The scribe saves `notes` notes; each viewer's latency to each. */
static void notes_phase(struct meeting *m, int notes, struct result *r)
{
	struct vt *scribe = m->t[1].vt;
	int viewers = m->n - 2, total = 0;
	double *lat = calloc((size_t)(notes * viewers) + 1, sizeof *lat);
	mark(m);
	for (int k = 0; k < notes; k++) {
		char text[96];
		snprintf(text, sizeof text, "bench note %02d for %d viewers qzv", k + 1, viewers);
		vt_type(scribe, text);
		/* On the scribe's own line first. */
		for (double end = now_ms() + NOTE_MS; !shows(scribe, text) && now_ms() < end;)
			pump_all(m, 50);
		double seen[MAX_VIEWERS + 2];
		int left = viewers;
		for (int i = 2; i < m->n; i++) {
			vt_pump(m->t[i].vt, 0);
			seen[i] = -1;
			if (vt_find_row(m->t[i].vt, text) >= 0) { /* a draft shown early */
				r->early++;
				seen[i] = 0;
				left--;
			}
			m->t[i].fresh = false;
		}
		double t0 = now_ms();
		vt_key(scribe, "Enter");
		while (left > 0 && now_ms() - t0 < NOTE_MS) {
			double at = pump_all(m, 100);
			for (int i = 2; i < m->n; i++)
				if (seen[i] < 0 && m->t[i].fresh) {
					m->t[i].fresh = false;
					if (shows(m->t[i].vt, text)) {
						seen[i] = at - t0;
						lat[total++] = seen[i];
						left--;
					}
				}
		}
		pump_for(m, 300); /* the writes' last looks, before the next note */
	}
	struct counted c;
	double cpu = since_mark(m, &c);
	r->notes = notes;
	r->seen = total;
	median_worst(lat, total, &r->median, &r->worst);
	r->note_cpu_ms = 1000 * cpu / notes / viewers;
	r->rows_per_note = (double)c.rows / notes / viewers;
	free(lat);
}

/* Whether the row the terminal highlights (it starts with "›") shows the
 * event marked WELL: 1 or 0, -1 with no such row. */
static int marked_well(struct vt *vt)
{
	int found = -1;
	for (int row = 0; row < ROWS && found < 0; row++) {
		char *text = vt_row_text(vt, row);
		if (text && strncmp(text, "\xe2\x80\xba", 3) == 0)
			found = strstr(text, " WELL ") != NULL;
		free(text);
	}
	return found;
}

/* What the facilitator changes, `times` times, and what each viewer shows
 * once it has it. */
enum change { MARK, ADD };

/* Whether a viewer shows change k (a mark: its highlighted row marked
 * WELL or not, as `want`; an event added: its text). */
static bool shows_change(struct vt *vt, enum change what, int want, const char *text)
{
	if (!vt_at_frame_end(vt))
		return false;
	return what == MARK ? marked_well(vt) == want : shows(vt, text);
}

/* The facilitator marks its highlighted event "went well" (w) and back,
 * or adds an event at 09:50 (which it highlights), `times` times: from
 * the last key to the change on each viewer's screen, and the viewers'
 * CPU for each. A change to one event of the timeline. */
static void change_phase(struct meeting *m, enum change what, int times, struct changes *r)
{
	struct vt *fac = m->t[0].vt;
	int viewers = m->n - 2, total = 0;
	double *lat = calloc((size_t)(times * viewers) + 1, sizeof *lat);
	mark(m);
	for (int k = 0; k < times; k++) {
		int want = what == MARK ? !marked_well(fac) : 0;
		char text[64] = "";
		if (what == ADD) {
			snprintf(text, sizeof text, "bench event %02d for %d viewers", k + 1, viewers);
			vt_key(fac, "a");
			for (double end = now_ms() + NOTE_MS; !shows(fac, "Add event") && now_ms() < end;)
				pump_all(m, 50);
			char line[96];
			snprintf(line, sizeof line, "09:50 %s", text);
			vt_type(fac, line);
			for (double end = now_ms() + NOTE_MS; !shows(fac, line) && now_ms() < end;)
				pump_all(m, 50);
		}
		for (int i = 2; i < m->n; i++)
			m->t[i].fresh = false;
		bool seen[MAX_VIEWERS + 2] = {false};
		int left = viewers;
		double t0 = now_ms();
		vt_key(fac, what == MARK ? "w" : "Enter");
		while (left > 0 && now_ms() - t0 < NOTE_MS) {
			double at = pump_all(m, 100);
			for (int i = 2; i < m->n; i++)
				if (!seen[i] && m->t[i].fresh) {
					m->t[i].fresh = false;
					if (shows_change(m->t[i].vt, what, want, text)) {
						seen[i] = true;
						lat[total++] = at - t0;
						left--;
					}
				}
		}
		pump_for(m, 300);
	}
	struct counted c;
	double cpu = since_mark(m, &c);
	r->n = times;
	r->seen = total;
	median_worst(lat, total, &r->median, &r->worst);
	r->cpu_ms = 1000 * cpu / times / viewers;
	free(lat);
}

/* The scribe types a note of `keys` keys, one every PACE_MS (or as soon as
 * the last one shows on its screen, when that takes longer); unsaved. */
static void typing_phase(struct meeting *m, int keys, struct result *r)
{
	struct vt *scribe = m->t[1].vt;
	int viewers = m->n - 2;
	char *text = malloc((size_t)keys + 1);
	make_text(text, (size_t)keys);
	mark(m);
	double t0 = now_ms();
	for (int i = 0; i < keys; i++) {
		int row, col;
		vt_cursor(scribe, &row, &col);
		char *line = vt_row_text(scribe, row);
		vt_send(scribe, text + i, 1);
		m->t[1].fresh = false;
		bool echoed = false;
		for (double end = now_ms() + NOTE_MS; !echoed && now_ms() < end;) {
			pump_all(m, 20);
			if (!m->t[1].fresh || !vt_at_frame_end(scribe))
				continue;
			m->t[1].fresh = false;
			int r2, c2;
			vt_cursor(scribe, &r2, &c2);
			char *now = vt_row_text(scribe, row);
			echoed = r2 != row || c2 != col || !now || !line || strcmp(now, line) != 0;
			free(now);
		}
		free(line);
		if (!echoed)
			r->keys_missed++;
		double next = t0 + (double)(i + 1) * PACE_MS;
		if (now_ms() < next)
			pump_for(m, next - now_ms());
	}
	double wall = now_ms() - t0;
	struct counted c;
	double cpu = since_mark(m, &c);
	r->keys = keys;
	r->key_cpu_us = 1e6 * cpu / keys / viewers;
	r->key_cpu_pct = 100 * cpu / (wall / 1000);
	r->key_wakes = (double)(c.key + c.watch + c.timer) / keys / viewers;
	r->key_watch = (double)c.watch / keys / viewers;
	free(text);
	vt_key(scribe, "Esc"); /* the draft stays in this HOME's drafts file */
}

static void idle_phase(struct meeting *m, struct result *r)
{
	int viewers = m->n - 2;
	pump_for(m, 1000);
	mark(m);
	double t0 = now_ms();
	pump_for(m, IDLE_MS);
	double secs = (now_ms() - t0) / 1000;
	struct counted c;
	double cpu = since_mark(m, &c);
	r->idle_wakes = (double)(c.key + c.watch + c.timer) / secs / viewers;
	r->idle_watch = (double)c.watch / secs / viewers;
	r->idle_cpu_pct = 100 * cpu / secs;
}

/* The "Notes on ..." row's words, as far as the first 60 bytes' last
 * space: what every terminal following the facilitator shows. */
static bool notes_heading(struct vt *vt, char *out, size_t n)
{
	int row = vt_find_row(vt, "Notes on");
	char *text = row >= 0 ? vt_row_text(vt, row) : NULL;
	char *at = text ? strstr(text, "Notes on") : NULL;
	if (!at) {
		free(text);
		return false;
	}
	size_t len = strlen(at);
	if (len > 60) {
		len = 60;
		while (len > 10 && at[len] != ' ')
			len--;
	}
	if (len >= n)
		len = n - 1;
	memcpy(out, at, len);
	out[len] = '\0';
	free(text);
	return true;
}

static bool run_meeting(struct file *f, int viewers, int notes, int keys, struct result *r)
{
	memset(r, 0, sizeof *r);
	r->viewers = viewers;
	char home[400], cmd[1000], heading[96];
	/* Each meeting a HOME of its own (drafts), away from the shared
	 * file's folder, which every terminal watches. */
	snprintf(home, sizeof home, "%s/home-%s-%d", dir, f->name, viewers);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' '%s/counts'", home, dir);
	bench_sh(cmd);
	struct meeting *m = calloc(1, sizeof *m);
	m->n = 1;
	m->t[0].vt = spawn(f, home, NULL, NULL);
	struct vt *fac = m->t[0].vt;
	bool ok = vt_wait_text(fac, "elapsed", SETUP_MS);
	/* The timeline's second event (wherever the last meeting left it). */
	vt_key(fac, "2");
	ok = ok && vt_wait_text(fac, "WHAT HAPPENED", SETUP_MS);
	vt_key(fac, "g");
	vt_key(fac, "j");
	pump_quiet(m, fac, 500, SETUP_MS);
	ok = ok && notes_heading(fac, heading, sizeof heading);
	m->t[1].vt = spawn(f, home, NULL, "--scribe");
	m->n = 2;
	for (int i = 0; ok && i < viewers; i++) {
		struct term *t = &m->t[2 + i];
		snprintf(t->counts, sizeof t->counts, "%s/counts/%s-%d-%d", dir, f->name, viewers, i);
		t->vt = spawn(f, home, t->counts, "--view");
		m->n++;
	}
	int missing = ok ? wait_all(m, 1, heading, SETUP_MS) : -1;
	if (missing != 0) {
		fprintf(stderr, "bench-terminals: %s, %d viewers: %d terminals never showed \"%s\"\n",
			f->name, viewers, missing, heading);
		ok = false;
	}
	/* The scribe starts in the notes pane; if not, Tab takes it there. */
	if (ok && !shows(m->t[1].vt, "Enter save note")) {
		vt_key(m->t[1].vt, "Tab");
		for (double end = now_ms() + SETUP_MS;
		     !shows(m->t[1].vt, "Enter save note") && now_ms() < end;)
			pump_all(m, 50);
		ok = shows(m->t[1].vt, "Enter save note");
	}
	if (ok) {
		pump_for(m, 1500); /* the arrivals are over */
		notes_phase(m, notes, r);
		change_phase(m, MARK, notes, &r->marks);
		change_phase(m, ADD, notes, &r->adds);
		typing_phase(m, keys, r);
		idle_phase(m, r);
	}
	for (int i = m->n - 1; i >= 0; i--) {
		int status;
		vt_key(m->t[i].vt, "q");
		if (!vt_wait_exit(m->t[i].vt, 10000, &status))
			fprintf(stderr, "bench-terminals: a terminal did not quit on q\n");
		vt_free(m->t[i].vt);
	}
	free(m);
	return ok;
}

static void print_row(const struct result *r)
{
	printf("  %7d  %8.1f %8.1f %7d/%-5d %8.2f %9.0f %10.1f %9.2f %9.3f %9.2f %9.3f %9.2f\n",
	       r->viewers, r->median, r->worst, r->seen, r->notes * r->viewers, r->note_cpu_ms,
	       r->rows_per_note, r->key_cpu_us, r->key_cpu_pct, r->key_wakes, r->idle_cpu_pct,
	       r->idle_wakes, r->idle_watch);
	static const char *const said[] = {"an event marked (w)", "an event added (a)"};
	const struct changes *ch[] = {&r->marks, &r->adds};
	for (int k = 0; k < 2; k++)
		printf("           %s by the facilitator, to every viewer's screen: median %.1f ms, "
		       "worst %.1f ms, seen %d/%d; CPU %.2f ms a viewer\n",
		       said[k], ch[k]->median, ch[k]->worst, ch[k]->seen, ch[k]->n * r->viewers,
		       ch[k]->cpu_ms);
	if (r->early)
		printf("           (%d times a viewer showed a note before Enter: counted as 0 ms)\n",
		       r->early);
	if (r->keys_missed)
		printf("           (%d of %d keys not seen echoed on the scribe's screen in time)\n",
		       r->keys_missed, r->keys);
}

static int parse_viewers(const char *s, int *out, int max)
{
	int n = 0;
	for (const char *p = s; *p && n < max;) {
		int v = atoi(p);
		if (v >= 1 && v <= MAX_VIEWERS)
			out[n++] = v;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief [viewers,viewers...] [notes] [keys]\n",
			argv[0]);
		return 2;
	}
	debrief = argv[1];
	int counts[8];
	int nc = parse_viewers(argc > 2 ? argv[2] : "1,5,20", counts, 8);
	int notes = argc > 3 ? atoi(argv[3]) : 15;
	int keys = argc > 4 ? atoi(argv[4]) : 300;
	if (nc == 0 || notes < 1 || keys < 1) {
		fprintf(stderr, "bench-terminals: viewers 1 to %d, at least one note and one key\n",
			MAX_VIEWERS);
		return 2;
	}
	if (system("sqlite3 -version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "bench-terminals: the sqlite3 shell is not installed\n");
		return 1;
	}
	snprintf(dir, sizeof dir, "/tmp/debrief-terminals.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "mkdir '%s/data'", dir);
	bench_sh(cmd);

	struct file files[2] = {{.name = "demo"}, {.name = "50k"}};
	for (int i = 0; i < 2; i++) {
		struct file *f = &files[i];
		snprintf(f->db, sizeof f->db, "%s/data/%s.db", dir, f->name);
		big_make(debrief, f->db, i ? EVENTS : 0, i ? NOTES : 0, f->id, sizeof f->id);
		f->events = big_count(f->db, "SELECT count(*) FROM event");
		f->notes = big_count(f->db, "SELECT count(*) FROM note");
		f->bytes = big_file_bytes(f->db);
	}

	printf("debrief many-terminals benchmark: a facilitator, a scribe and N viewers (--view), "
	       "each in its own pty (%dx%d)\n",
	       COLS, ROWS);
	printf("  %d notes saved by the scribe (Enter), %d marks and %d events added by the "
	       "facilitator,\n  then %d keys typed by the scribe (one every %d ms), then %d s idle\n",
	       notes, notes, notes, keys, PACE_MS, IDLE_MS / 1000);
	printf("  latency: Enter to the note on a viewer's whole screen (frame mark), all ptys read "
	       "in one poll(2)\n");
	printf("  CPU: the viewers' time on a CPU (/proc/PID/schedstat, ns); wake-ups and rows: "
	       "the viewers' own\n");
	printf("  counts (DEBRIEF_TEST_COUNTS, which also traces every SQLite row they read)\n\n");
	printf("  columns: viewers | note to screen, ms: median, worst, seen | per viewer per note: "
	       "CPU ms, rows read |\n"
	       "  while the scribe types: CPU us per key per viewer, all viewers %% of a core, "
	       "wake-ups per key per viewer |\n"
	       "  idle: all viewers %% of a core, wake-ups a second per viewer (of them from the "
	       "shared file)\n");
	for (int i = 0; i < 2; i++) {
		struct file *f = &files[i];
		printf("\n%s: %lld events, %lld notes, %.1f MB\n", i ? "the demo grown to a 50,000-event timeline" : "the demo",
		       f->events, f->notes, (double)f->bytes / 1e6);
		printf("  %7s  %8s %8s %13s %8s %9s %10s %9s %9s %9s %9s %9s\n", "viewers", "median",
		       "worst", "seen", "CPU ms", "rows", "CPU us/key", "% core", "wakes/key",
		       "idle %", "wakes/s", "watch/s");
		for (int k = 0; k < nc; k++) {
			struct result r;
			if (run_meeting(f, counts[k], notes, keys, &r))
				print_row(&r);
			else
				printf("  %7d  (the meeting could not be set up: see above)\n", counts[k]);
			fflush(stdout);
		}
		if (i == 0)
			printf("  target (issue 15): median under 10 ms; idle wake-ups a viewer the same "
			       "whatever N\n");
		else
			printf("  target (issue 15), with 20 viewers: median under 50 ms, worst under 150 "
			       "ms; the viewers together\n"
			       "  under 10%% of a core while the scribe types; idle wake-ups a viewer the "
			       "same whatever N\n");
	}
	if (getenv("DEBRIEF_BENCH_KEEP")) {
		printf("(kept %s)\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
