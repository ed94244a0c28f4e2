/* A terminal for UI tests: runs a real program on a pseudo-terminal and keeps
 * what it draws in a libvterm screen, so a test asserts what a person would
 * see. Synchronise on the screen (vt_wait_*), never on sleeps. */
#ifndef DEBRIEF_TESTS_VT_H
#define DEBRIEF_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>

struct vt;

/* A program under test may write this after each whole screen (debrief does
 * when DEBRIEF_TEST_FRAMES is set): it sets the window title, which a
 * terminal ignores. Once the harness has seen one, the wait functions judge
 * the screen only where a frame ends, never half drawn. */
#define VT_FRAME_MARKER "\033]2;frame\007"

/* The program is known to write frame markers: judge no screen before the
 * first one either (its first frame may arrive in pieces). */
void vt_expect_frames(struct vt *vt);

/* True when the screen is whole: at a frame marker, or always for a program
 * that writes none. */
bool vt_at_frame_end(const struct vt *vt);

/* Starts argv (searched in envp's PATH when argv[0] has no '/') on a new pty
 * of rows x cols, with envp as its whole environment, in its own session with
 * the pty as controlling terminal. NULL if the pty, fork or exec fails. */
struct vt *vt_spawn(char *const argv[], char *const envp[], int rows, int cols);

/* Feeds the program's output to the screen, waiting at most timeout_ms for
 * some, and sends the terminal's replies (DSR, DA) back. Bytes read, 0 on
 * timeout, -1 once the pty is closed (the program and its children gone). */
int vt_pump(struct vt *vt, int timeout_ms);

/* Pump until needle (UTF-8, within one row) is on screen / is not on screen /
 * is on row `row` (0-based). On failure the screen goes to stderr as "# "
 * lines, for the TAP log. */
bool vt_wait_text(struct vt *vt, const char *needle, int timeout_ms);
bool vt_wait_gone(struct vt *vt, const char *needle, int timeout_ms);
bool vt_wait_row(struct vt *vt, int row, const char *needle, int timeout_ms);

/* The screen as UTF-8: rows joined by '\n', trailing blanks trimmed, a wide
 * character once. Caller frees. NULL only if out of memory or row is out of
 * range. */
char *vt_screen_text(struct vt *vt);
char *vt_row_text(struct vt *vt, int row);
/* Prints the screen to stderr as "# " lines, with the cursor and size. */
void vt_dump(struct vt *vt, const char *why);

bool vt_cell_reverse(struct vt *vt, int row, int col);
bool vt_cell_bold(struct vt *vt, int row, int col);
bool vt_cell_underline(struct vt *vt, int row, int col);
/* A character in a colour of its own on the terminal's own background
 * (unreadable on one background or the other). */
bool vt_cell_coloured_text(struct vt *vt, int row, int col);
/* First row containing needle, or -1. */
int vt_find_row(struct vt *vt, const char *needle);
void vt_cursor(struct vt *vt, int *row, int *col);
void vt_size(struct vt *vt, int *rows, int *cols);
/* The program's process id (for benchmarks reading its CPU time). */
long vt_pid(const struct vt *vt);
/* The pty's descriptor, for a benchmark that waits on many terminals in
 * one poll(2): when it is readable, vt_pump(vt, 0) takes what is there. */
int vt_fd(const struct vt *vt);

/* Write all bytes, reading output meanwhile so the program never blocks on a
 * full pty. 0, or -1 if the pty is gone or stays full for 5 s. */
int vt_send(struct vt *vt, const char *bytes, size_t n);
int vt_type(struct vt *vt, const char *utf8);
/* A named key, encoded as xterm would in the program's current modes:
 * Enter Tab S-Tab Esc Backspace Space Up Down Left Right Home End PageUp
 * PageDown Insert Delete F1..F12; "C-x" control, "M-x" meta (ESC prefix);
 * C-/M-/S- also combine with the named keys; a single character as itself.
 * -1 for an unknown name (reported on stderr). */
int vt_key(struct vt *vt, const char *name);

/* New size for the screen and the pty; the kernel sends SIGWINCH. */
int vt_resize(struct vt *vt, int rows, int cols);
int vt_signal(struct vt *vt, int sig);
/* Pumps output until the program exits; *status as from waitpid. */
bool vt_wait_exit(struct vt *vt, int timeout_ms, int *status);
/* SIGKILLs the program if still running, reaps it, frees everything. */
void vt_free(struct vt *vt);

/* Bytes received since spawn or the last reset, and the first 8 MiB of them
 * (NUL-terminated for convenience; may hold NULs of its own). */
size_t vt_bytes(const struct vt *vt);
void vt_reset_bytes(struct vt *vt);
const char *vt_raw(const struct vt *vt, size_t *len);

#endif
