/* The one place that owns the terminal: start and stop, colours, reading
 * keys, resizing, suspending for $EDITOR, and restoring it on a fatal
 * error. Nothing else calls initscr/endwin. */
#ifndef DEBRIEF_TERM_H
#define DEBRIEF_TERM_H

#include <stdbool.h>

#include "debrief/error.h"

/* Looks, by meaning; term_attr() turns them into curses attributes. High
 * contrast by default; $NO_COLOR keeps only bold, reverse and underline. */
enum look {
	LOOK_NORMAL,
	LOOK_HEADER,    /* the title bar */
	LOOK_STAGE,     /* a stage in the breadcrumb */
	LOOK_STAGE_NOW, /* the current stage */
	LOOK_SELECTED,  /* the highlighted row */
	LOOK_DIM,       /* secondary text */
	LOOK_TITLE,     /* headings in a pane */
	LOOK_WELL,
	LOOK_BETTER,
	LOOK_LUCKY,
	LOOK_ERROR,
	LOOK_OK,
	LOOK_KEY,       /* a key name in the bottom bar */
	LOOK_FOCUS,     /* the frame of the focused pane */
	LOOK_COUNT,
};

int term_start(struct err *e);
/* Key codes of the program's own, whatever codes this terminal's keys were
 * given by ncurses (each terminal's extended keys are numbered in turn). */
#define TERM_KEY_WORD_LEFT 0x10001  /* Ctrl-Left */
#define TERM_KEY_WORD_RIGHT 0x10002 /* Ctrl-Right */
/* The looks: light (the default: colour only as backgrounds, under black or
 * white text, and bold; right on a light terminal, a dark one and a
 * washed-out projector alike), dark (coloured text as well, for a dark
 * terminal) and mono (bold, underline and reverse video only). Chosen
 * before term_start(); -1 for a name that is none of them. */
int term_set_look(const char *name);
bool term_look_known(const char *name);
/* Whether the locale's character set is UTF-8 (nl_langinfo(CODESET)); when
 * not, the screen draws ASCII in place of anything else. */
bool term_utf8(void);
void term_stop(void);
bool term_started(void);
unsigned term_attr(enum look l);

/* TERM_WATCH: the descriptor given to term_watch() became readable.
 * TERM_PASTE: a character of pasted text (the terminal marks pastes): text,
 * never a command; control characters come as their visible symbols,
 * except '\n' and '\t'. */
enum term_input { TERM_NONE, TERM_CHAR, TERM_CODE, TERM_WATCH, TERM_PASTE };

/* Another descriptor to wait on with the keyboard (-1 for none), so that an
 * idle program sleeps in one poll() and still wakes for outside changes. */
void term_watch(int fd);

/* Waits up to timeout_ms (-1: forever) for a key. TERM_CHAR gives a Unicode
 * character, TERM_CODE a curses KEY_* code (KEY_RESIZE included). Returns
 * TERM_NONE on timeout or when a signal asked us to stop. */
enum term_input term_read(int timeout_ms, int *key);
/* A key that is already waiting, without blocking. */
enum term_input term_read_now(int *key);

/* True once SIGINT, SIGTERM or SIGHUP arrived. */
bool term_should_quit(void);
/* The signal that asked to quit (SIGINT, SIGTERM, SIGHUP; SIGHUP too when
 * the terminal went away without one), else 0: main() dies of it once the
 * terminal is restored, so the exit status is 128+n as shells expect. */
int term_quit_signal(void);

/* Gives the terminal back (to run $EDITOR), and takes it again. */
void term_suspend(void);
void term_resume(void);

#endif
