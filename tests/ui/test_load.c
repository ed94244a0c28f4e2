/* The load test (issue 10): four importers, two creators and two scribes
 * typing on one file for 30 seconds (DEBRIEF_LOAD_SECONDS). No command may
 * fail, no key may be lost, the file must pass integrity_check, and every
 * note typed must be stored exactly once, as typed. Not a benchmark: it
 * asserts outcomes, never speed. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

#define N_IMPORTERS 4
#define N_CREATORS 2
#define N_TYPISTS 2
#define IMPORT_LINES 2000

/* A command run in the background, again and again until the time is up. */
struct worker {
	const char *kind;   /* "import" or "new" */
	int n;              /* its number among its kind */
	char retro[64];     /* an importer's own retrospective */
	pid_t pid;          /* running, or 0 */
	int runs, failures;
	char errpath[400];
};

static void start(struct worker *w)
{
	char file[400], title[96];
	snprintf(w->errpath, sizeof w->errpath, "%s/%s-%d.err", u.dir, w->kind, w->n);
	if (strcmp(w->kind, "import") == 0) {
		/* A timeline of its own each run, so none is skipped as already there. */
		snprintf(file, sizeof file, "%s/import-%d.txt", u.dir, w->n);
		FILE *f = fopen(file, "w");
		for (int i = 0; f && i < IMPORT_LINES; i++)
			fprintf(f, "%02d:%02d importer %d run %d line %d\n", i / 60 % 24, i % 60, w->n,
				w->runs, i);
		if (f)
			fclose(f);
	} else {
		snprintf(title, sizeof title, "Load creator %d run %d", w->n, w->runs);
	}
	w->pid = fork();
	if (w->pid == 0) {
		int out = open("/dev/null", O_WRONLY), err = open(w->errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(out, 1);
		dup2(err, 2);
		int in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		if (strcmp(w->kind, "import") == 0) {
			char *argv[] = {(char *)u.bin, "import", w->retro, file, NULL};
			execve(u.bin, argv, u.env);
		} else {
			char *argv[] = {(char *)u.bin, "new", title, "--date", "2026-11-24", NULL};
			execve(u.bin, argv, u.env);
		}
		_exit(127);
	}
	w->runs++;
}

/* Reaps a finished run; true when it had finished. */
static bool reap(struct worker *w, bool block)
{
	int status;
	if (!w->pid)
		return true;
	pid_t r = waitpid(w->pid, &status, block ? 0 : WNOHANG);
	if (r != w->pid)
		return false;
	w->pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		w->failures++;
		char *err = ut_read_file(w->errpath);
		printf("# %s %d run %d failed (status %d): %s\n", w->kind, w->n, w->runs, status,
		       err ? err : "");
		free(err);
	}
	return true;
}

/* A scribe typing notes, one key at a time, Enter after each. */
struct typist {
	struct vt *vt;
	char letter;
	int notes;        /* Entered so far */
	char text[96];    /* the note being typed */
	size_t at;        /* keys of it typed */
};

static void next_note(struct typist *t)
{
	snprintf(t->text, sizeof t->text, "load %c%03d typed while four imports run", t->letter,
		 t->notes);
	t->at = 0;
}

/* One key; Enter once the note is whole. */
static void type_key(struct typist *t)
{
	if (t->text[t->at]) {
		char key[2] = {t->text[t->at++], '\0'};
		vt_type(t->vt, key);
	} else {
		vt_key(t->vt, "Enter");
		t->notes++;
		next_note(t);
	}
}

static int count_sql(const char *query)
{
	char *r = ut_sql(&u, query);
	int n = r ? atoi(r) : -1;
	free(r);
	return n;
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	const char *secs = getenv("DEBRIEF_LOAD_SECONDS");
	long duration = (secs && atol(secs) > 0 ? atol(secs) : 30) * 1000;

	struct worker w[N_IMPORTERS + N_CREATORS] = {0};
	for (int i = 0; i < N_IMPORTERS; i++) {
		char title[64], *out = NULL;
		snprintf(title, sizeof title, "Imported timeline %d", i);
		w[i].kind = "import";
		w[i].n = i;
		ut_cli(&u, &out, NULL, "new", title, "--date", "2026-11-24", NULL);
		ut_last_line(out ? out : "", w[i].retro, sizeof w[i].retro);
		free(out);
	}
	for (int i = 0; i < N_CREATORS; i++) {
		w[N_IMPORTERS + i].kind = "new";
		w[N_IMPORTERS + i].n = i;
	}
	ok(w[0].retro[0] && w[N_IMPORTERS - 1].retro[0], "a retrospective for each importer");

	struct typist t[N_TYPISTS] = {0};
	for (int i = 0; i < N_TYPISTS; i++) {
		t[i].vt = ut_spawn(&u, 24, 100, "--scribe", id, NULL);
		t[i].letter = (char)('a' + i);
		next_note(&t[i]);
		ok(t[i].vt && vt_wait_text(t[i].vt, "Enter save note", T), "scribe %c is typing", t[i].letter);
	}

	long t0 = ut_ms();
	while (ut_ms() - t0 < duration) {
		for (size_t i = 0; i < sizeof w / sizeof *w; i++)
			if (reap(&w[i], false))
				start(&w[i]);
		for (int i = 0; i < N_TYPISTS; i++) {
			type_key(&t[i]);
			vt_pump(t[i].vt, 1);
		}
	}
	/* Time is up: the commands finish (bounded: each is a few seconds at
	 * most), the notes being typed are finished and Entered. */
	long stop = ut_ms();
	bool all_done = false;
	while (!all_done && ut_ms() - stop < 60000) {
		all_done = true;
		for (size_t i = 0; i < sizeof w / sizeof *w; i++)
			all_done = reap(&w[i], false) && all_done;
		for (int i = 0; i < N_TYPISTS; i++)
			vt_pump(t[i].vt, 5);
	}
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		if (w[i].pid) {
			kill(w[i].pid, SIGKILL);
			reap(&w[i], true);
		}
	ok(all_done, "every command ends within a minute of the time being up");
	int total = 0;
	for (int i = 0; i < N_TYPISTS; i++) {
		if (t[i].at > 0)
			while (t[i].at > 0)
				type_key(&t[i]);
		total += t[i].notes;
	}

	int runs = 0, failures = 0, imports = 0, creates = 0;
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		runs += w[i].runs;
		failures += w[i].failures;
		*(strcmp(w[i].kind, "import") == 0 ? &imports : &creates) += w[i].runs;
	}
	ok(failures == 0 && imports >= N_IMPORTERS && creates >= N_CREATORS,
	   "no command fails (%d of %d runs: %d imports, %d new)", failures, runs, imports, creates);

	char q[512];
	snprintf(q, sizeof q, "SELECT count(*) FROM note WHERE body GLOB 'load [a-z][0-9]*'");
	char want[32];
	snprintf(want, sizeof want, "%d", total);
	ok(total > 20 && ut_wait_sql(&u, t[0].vt, q, want, 30000),
	   "every note typed is stored (%d notes, %d seconds of load)", total, (int)(duration / 1000));
	/* Exactly once and as typed: each body typed is stored once, no other. */
	char script[400];
	snprintf(script, sizeof script, "%s/typed.sql", u.dir);
	FILE *f = fopen(script, "w");
	if (f) {
		fprintf(f, "CREATE TEMP TABLE typed(body TEXT PRIMARY KEY);\n");
		for (int i = 0; i < N_TYPISTS; i++)
			for (int n = 0; n < t[i].notes; n++)
				fprintf(f, "INSERT INTO typed VALUES('load %c%03d typed while four imports run');\n",
					t[i].letter, n);
		fprintf(f, "SELECT (SELECT count(*) FROM note JOIN typed USING (body)) || ' '"
			   " || (SELECT count(*) FROM typed WHERE body NOT IN (SELECT body FROM note));\n");
		fclose(f);
	}
	snprintf(q, sizeof q, ".read '%s'", script);
	char *exact = ut_sql(&u, q);
	snprintf(want, sizeof want, "%d 0", total);
	ok(exact && strcmp(exact, want) == 0, "each exactly as typed, and each once (stored, missing: %s)",
	   exact ? exact : "?");
	free(exact);
	int imported = count_sql("SELECT count(*) FROM event WHERE text GLOB 'importer *'");
	int doubled = count_sql("SELECT count(*) FROM (SELECT text FROM event WHERE text GLOB 'importer *'"
				" GROUP BY retro_id, text HAVING count(*) > 1)");
	ok(imported == imports * IMPORT_LINES && doubled == 0,
	   "every import is there whole, once (%d events of %d runs)", imported, imports);
	snprintf(q, sizeof q, "SELECT count(*) FROM retro WHERE title GLOB 'Load creator *'");
	ok(count_sql(q) == creates, "every new retrospective is there");
	char *ic = ut_sql(&u, "PRAGMA integrity_check");
	ok(ic && strcmp(ic, "ok") == 0, "the file passes integrity_check (%s)", ic ? ic : "?");
	free(ic);
	ok(ut_wait_drafts_sql(&u, t[0].vt, "SELECT count(*) FROM draft_text WHERE body <> ''", "0", T),
	   "and no text is left in a draft");
	for (int i = 0; i < N_TYPISTS; i++) {
		ok(ut_quit(t[i].vt), "scribe %c quits", t[i].letter);
		vt_free(t[i].vt);
	}
	ut_done(&u);
	return done_testing();
}
