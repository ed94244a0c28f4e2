/* Helpers for debrief's UI tests: a scratch folder and database, a pinned
 * environment, running the command line, and spawning the full-screen
 * program in a pseudo-terminal (vt.h). */
#ifndef DEBRIEF_UITEST_H
#define DEBRIEF_UITEST_H

#include <stdbool.h>

#include "vt.h"

#define T 5000 /* ms: every wait is bounded */

struct uitest {
	const char *bin;   /* the debrief binary */
	char dir[256];     /* scratch folder */
	char db[300];      /* its database */
	char drafts[320];  /* the drafts file ($XDG_STATE_HOME is in dir) */
	/* The settings: $XDG_CONFIG_HOME is dir/config (so the settings file
	 * is dir/config/debrief/config), $DEBRIEF_SYSCONFDIR dir/etc. */
	char *env[32];
	char envbuf[32][512];
	int n_env;
};

/* Sets up from argv[1] (the binary); false on failure. */
bool ut_init(struct uitest *u, int argc, char **argv);
void ut_done(struct uitest *u);
/* Adds or replaces NAME=value in the child environment. */
void ut_setenv(struct uitest *u, const char *name, const char *value);

/* Runs `debrief ARGS...` (NULL-terminated) with the same environment,
 * feeding stdin_text if not NULL; returns its exit status and its stdout
 * (caller frees) in *out when out is not NULL. */
int ut_cli(struct uitest *u, char **out, const char *stdin_text, ...);
/* The last line of a CLI output (an id), into buf. */
void ut_last_line(const char *text, char *buf, size_t size);
/* Another demo retrospective in the test's file: its id in id. */
void ut_new_demo(struct uitest *u, char *id, size_t size);
/* Another demo, opened by its facilitator at 24x100 on the Prime
 * Directive; NULL if it did not open. */
struct vt *ut_open_demo(struct uitest *u, char *id, size_t size);

/* Starts `debrief ARGS...` (NULL-terminated) on a rows x cols terminal. */
struct vt *ut_spawn(struct uitest *u, int rows, int cols, ...);

/* Waits for the program to exit normally with code; frees nothing. */
bool ut_exited(struct vt *vt, int code);
/* Leaves the notes pane (Esc) and quits (q): true when it exits with 0. */
bool ut_quit(struct vt *vt);

/* Types text one key at a time, as a person does, each waiting until it
 * has moved the cursor on a whole frame: how many never did. */
int ut_type_slowly(struct vt *vt, const char *text);

/* Waits until the cell's reverse video is as wanted (the highlight). */
bool ut_wait_reverse(struct vt *vt, int row, int col, bool want, int timeout_ms);

/* Sets up as ut_init and makes the demo retrospective; its id into id. */
bool ut_demo(struct uitest *u, int argc, char **argv, char *id, size_t size);

/* Milliseconds on CLOCK_MONOTONIC. */
long ut_ms(void);
/* Runs a query on the test database with the sqlite3 shell; returns its
 * first line of output (caller frees). */
char *ut_sql(struct uitest *u, const char *query);
/* Polls the query until it gives want (the program's pty read meanwhile),
 * at most timeout_ms; false, and what it gave on stderr, if it never did. */
bool ut_wait_sql(struct uitest *u, struct vt *vt, const char *query, const char *want,
		 int timeout_ms);

/* The same two on the drafts file (debrief/drafts.h). */
char *ut_drafts_sql(struct uitest *u, const char *query);
bool ut_wait_drafts_sql(struct uitest *u, struct vt *vt, const char *query, const char *want,
			int timeout_ms);

/* Reads a whole file (caller frees), NULL if missing. */
char *ut_read_file(const char *path);

/* Every terminal's time from now on, in the file DEBRIEF_NOW_FILE names
 * (written whole, then renamed into place, so that no program reads it
 * half written). */
void ut_write_now(const char *path, long long at);

/* What the program said last in its test-mode frames under this tag
 * ("reloads", "builds", "draws"): where the figures after it begin, NULL
 * if it never said. */
const char *ut_last_report(struct vt *vt, const char *tag);
/* How it read changes ("reloads P partial W whole"): false if never said. */
bool ut_reloads(struct vt *vt, long *partial, long *whole);
/* How many screens it drew whole ("draws N whole"), -1 if never said. */
long ut_whole_draws(struct vt *vt);

#endif
