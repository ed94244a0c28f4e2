/* The UI harness checked against small real programs, so a failing UI test
 * points at debrief and not at vt.c. */
#include "tap.h"
#include "vt.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define T 5000 /* ms: every wait is bounded by this */

static char home_env[64 + sizeof "HOME="];
static char *env[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
		      "PATH=/usr/bin:/bin",  "TZ=UTC",	     home_env,
		      NULL};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct vt *sh(const char *script, int rows, int cols)
{
	char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
	return vt_spawn(argv, env, rows, cols);
}

static void is_row(struct vt *vt, int row, const char *want, const char *what)
{
	char *got = vt_row_text(vt, row);
	is_str(got, want, "%s", what);
	free(got);
}

static bool exited_with(struct vt *vt, int code)
{
	int status;
	return vt_wait_exit(vt, T, &status) && WIFEXITED(status) &&
	       WEXITSTATUS(status) == code;
}

static void test_type_and_read(void)
{
	struct vt *vt = sh("printf 'hello\\n'; read x; printf 'got:%s\\n' \"$x\"",
			   24, 80);
	ok(vt, "spawn sh on a 24x80 pty");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "hello", T), "output reaches the screen");
	ok(vt_type(vt, "abc") == 0, "type");
	ok(vt_key(vt, "Enter") == 0, "Enter");
	ok(vt_wait_text(vt, "got:abc", T), "the program read what was typed");
	ok(exited_with(vt, 0), "exit status 0");
	is_row(vt, 0, "hello", "row 0");
	is_row(vt, 1, "abc", "row 1 is the tty's echo");
	is_row(vt, 2, "got:abc", "row 2");
	int row, col;
	vt_cursor(vt, &row, &col);
	ok(row == 3 && col == 0, "cursor at 3,0 (got %d,%d)", row, col);
	char *all = vt_screen_text(vt);
	int lines = 0;
	for (char *p = all; p && *p; p++)
		lines += *p == '\n';
	ok(all && strncmp(all, "hello\nabc\ngot:abc\n\n", 19) == 0 && lines == 23,
	   "screen text: rows joined by newlines, blanks trimmed");
	free(all);
	ok(vt_find_row(vt, "got:") == 2 && vt_find_row(vt, "nothing") == -1,
	   "find_row");
	vt_free(vt);
}

static void test_wide_text(void)
{
	struct vt *vt = sh("printf 'A\xe6\xbc\xa2\xe5\xad\x97"
			   "B\xf0\x9f\x98\x80"
			   "C\\ncafe\xcc\x81!'; read x",
			   24, 80);
	ok(vt, "spawn");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "caf", T), "wide text drawn");
	ok(vt_wait_text(vt, "!", T), "whole line drawn");
	is_row(vt, 0, "A\xe6\xbc\xa2\xe5\xad\x97" "B\xf0\x9f\x98\x80" "C",
	       "CJK and emoji appear once each");
	is_row(vt, 1, "cafe\xcc\x81!", "a combining accent stays with its letter");
	int row, col;
	vt_cursor(vt, &row, &col);
	is_int(col, 5, "combining accent takes no cell");
	vt_free(vt);

	/* The cursor after the first row shows the widths libvterm used. */
	vt = sh("printf 'A\xe6\xbc\xa2\xe5\xad\x97" "B\xf0\x9f\x98\x80" "C'; read x",
		24, 80);
	if (!vt)
		return;
	ok(vt_wait_text(vt, "C", T), "drawn");
	vt_cursor(vt, &row, &col);
	is_int(col, 9, "CJK and emoji take two cells each");
	vt_free(vt);
}

static void test_attributes(void)
{
	struct vt *vt = sh("printf 'x\\033[7mREV\\033[0m \\033[1mBOLD\\033[0m\\n';"
			   " read x",
			   24, 80);
	ok(vt, "spawn");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "BOLD", T), "drawn");
	int r = vt_find_row(vt, "REV");
	is_int(r, 0, "on row 0");
	ok(!vt_cell_reverse(vt, r, 0) && vt_cell_reverse(vt, r, 1) &&
		   vt_cell_reverse(vt, r, 3) && !vt_cell_reverse(vt, r, 4),
	   "reverse video exactly on REV");
	ok(!vt_cell_bold(vt, r, 4) && vt_cell_bold(vt, r, 5) &&
		   vt_cell_bold(vt, r, 8) && !vt_cell_bold(vt, r, 1),
	   "bold exactly on BOLD");
	ok(!vt_cell_reverse(vt, 99, 0) && !vt_cell_bold(vt, 0, 999),
	   "cells off the screen are plain");
	vt_free(vt);
}

static void test_resize(void)
{
	struct vt *vt = sh("trap 'echo \"size:$(stty size)\";"
			   " printf \"\\033[999;1Hbottom\"' WINCH;"
			   " echo \"start:$(stty size)\";"
			   " while :; do sleep 0.05; done",
			   24, 80);
	ok(vt, "spawn");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "start:24 80", T), "the pty starts at the size asked");
	ok(vt_resize(vt, 30, 100) == 0, "resize");
	ok(vt_wait_text(vt, "size:30 100", T), "SIGWINCH delivered, new size read");
	ok(vt_wait_row(vt, 29, "bottom", T), "the screen has 30 rows");
	int rows, cols;
	vt_size(vt, &rows, &cols);
	ok(rows == 30 && cols == 100, "vt_size");
	ok(vt_resize(vt, 10, 40) == 0 && vt_wait_row(vt, 9, "bottom", T),
	   "shrinking works too");
	vt_free(vt);
}

static void test_exit_and_signals(void)
{
	struct vt *vt = sh("exit 3", 24, 80);
	ok(vt && exited_with(vt, 3), "exit status 3 seen");
	vt_free(vt);

	char *sleeper[] = {"sleep", "30", NULL};
	vt = vt_spawn(sleeper, env, 24, 80);
	ok(vt, "argv[0] found through envp's PATH");
	if (vt) {
		long long t0 = now_ms();
		int status = 0;
		ok(!vt_wait_exit(vt, 200, &status), "wait_exit times out");
		long long took = now_ms() - t0;
		ok(took >= 200 && took < 1500, "after its timeout (%lld ms)", took);
		ok(vt_signal(vt, SIGTERM) == 0, "signal");
		ok(vt_wait_exit(vt, T, &status) && WIFSIGNALED(status) &&
			   WTERMSIG(status) == SIGTERM,
		   "killed by SIGTERM");
		vt_free(vt);
	}

	char *missing[] = {"/nonexistent/program", NULL};
	ok(vt_spawn(missing, env, 24, 80) == NULL, "exec failure gives NULL");
	char *unknown[] = {"no-such-program-vt-selftest", NULL};
	ok(vt_spawn(unknown, env, 24, 80) == NULL, "not on PATH gives NULL");

	/* The child leaves; vt_free must not hang or leave it behind. */
	vt = sh("sleep 30 & echo bg; wait", 24, 80);
	ok(vt && vt_wait_text(vt, "bg", T), "a shell with a child");
	long long t0 = now_ms();
	vt_free(vt);
	ok(now_ms() - t0 < 1000, "vt_free kills and reaps promptly");
}

static void test_timeouts(void)
{
	struct vt *vt = sh("echo something; read x; printf '\\033[2J\\033[Hdone'; "
			   "read x",
			   24, 80);
	ok(vt, "spawn");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "something", T), "drawn");
	fprintf(stderr, "# (two screen dumps expected next)\n");
	long long t0 = now_ms();
	ok(!vt_wait_text(vt, "never", 300), "text that never comes: false");
	long long took = now_ms() - t0;
	ok(took >= 300 && took < 1500, "within its timeout (%lld ms)", took);
	ok(!vt_wait_gone(vt, "something", 100), "text that stays: not gone");
	ok(vt_key(vt, "Enter") == 0, "Enter");
	ok(vt_wait_gone(vt, "something", T), "cleared text is gone");
	ok(vt_wait_row(vt, 0, "done", T), "wait_row");
	vt_free(vt);

	/* Once the pty closes nothing can come: fail at once, not at T. */
	vt = sh("echo bye", 24, 80);
	if (!vt)
		return;
	fprintf(stderr, "# (one screen dump expected next)\n");
	t0 = now_ms();
	ok(!vt_wait_text(vt, "never", T), "pty closed: false");
	took = now_ms() - t0;
	ok(took < 1000, "without waiting out the timeout (%lld ms)", took);
	ok(vt_wait_text(vt, "bye", 0), "the last output is still on screen");
	is_int(vt_pump(vt, 100), -1, "pump reports the closed pty");
	vt_free(vt);
}

static bool has_bytes(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return true;
	return false;
}

static void test_replies_and_raw(void)
{
	/* The program asks where the cursor is; the harness must answer. */
	struct vt *vt = sh("stty -icanon -echo min 1; printf '\\033[6n';"
			   " printf 'dsr:'; od -An -tx1 -N6; read x",
			   24, 80);
	ok(vt, "spawn");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "dsr: 1b 5b 31 3b 31 52", T),
	   "cursor position report answered (ESC [ 1 ; 1 R)");
	ok(vt_bytes(vt) > 0, "bytes counted");
	size_t len;
	const char *raw = vt_raw(vt, &len);
	ok(len == vt_bytes(vt) && has_bytes(raw, len, "\x1b[6n"),
	   "raw output kept, escapes included");
	vt_reset_bytes(vt);
	raw = vt_raw(vt, &len);
	ok(vt_bytes(vt) == 0 && len == 0 && raw[0] == '\0', "reset");
	vt_free(vt);
}

static void test_keys(void)
{
	struct vt *vt =
		sh("stty -icanon -echo -icrnl -isig min 1; echo ready;"
		   " printf 'normal:'; od -An -tx1 -w64 -N18;"
		   " printf '\\033[?1happ-ready\\n';"
		   " printf 'app:'; od -An -tx1 -w64 -N18;"
		   " echo more-ready;"
		   " printf 'more:'; od -An -tx1 -w64 -N44;"
		   " read x",
		   24, 200);
	ok(vt, "spawn");
	if (!vt)
		return;
	static const char *moves[] = {"Up", "Down", "Right", "Left", "Home", "End"};
	bool sent = vt_wait_text(vt, "ready", T);
	for (size_t i = 0; i < 6; i++)
		sent = sent && vt_key(vt, moves[i]) == 0;
	ok(sent, "cursor keys sent in normal mode");
	ok(vt_wait_text(vt, "normal: 1b 5b 41 1b 5b 42 1b 5b 43 1b 5b 44 "
			    "1b 5b 48 1b 5b 46",
			T),
	   "normal cursor mode: ESC [ A ... ESC [ F");

	/* The mode is known once the text after \033[?1h is on screen. */
	sent = vt_wait_text(vt, "app-ready", T);
	for (size_t i = 0; i < 6; i++)
		sent = sent && vt_key(vt, moves[i]) == 0;
	ok(sent, "cursor keys sent in application mode");
	ok(vt_wait_text(vt, "app: 1b 4f 41 1b 4f 42 1b 4f 43 1b 4f 44 "
			    "1b 4f 48 1b 4f 46",
			T),
	   "application cursor mode (smkx): ESC O A ... ESC O F");

	static const char *others[] = {
		"PageUp", "PageDown", "Delete", "Insert", "F1",	 "F5",
		"Enter",  "Tab",      "S-Tab",	"Backspace", "Esc", "C-l",
		"C-w",	  "C-c",      "C-z",	"M-x",	     "Space", "C-Up"};
	sent = vt_wait_text(vt, "more-ready", T);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		sent = sent && vt_key(vt, others[i]) == 0;
	ok(sent, "other keys sent");
	ok(vt_wait_text(vt,
			"more: 1b 5b 35 7e 1b 5b 36 7e 1b 5b 33 7e 1b 5b 32 7e "
			"1b 4f 50 1b 5b 31 35 7e 0d 09 1b 5b 5a 7f 1b 0c 17 03 1a "
			"1b 78 20 1b 5b 31 3b 35 41",
			T),
	   "PageUp PageDown Delete Insert F1 F5 Enter Tab S-Tab Backspace "
	   "Esc C-l C-w C-c C-z M-x Space C-Up");
	fprintf(stderr, "# (two unknown-key messages expected next)\n");
	ok(vt_key(vt, "Nope") == -1 && vt_key(vt, "C-\xc3\xa9") == -1,
	   "unknown key names refused");
	vt_free(vt);
}

static void test_nano(const char *dir)
{
	char path[256];
	snprintf(path, sizeof path, "%s/note.txt", dir);
	char *argv[] = {"nano", "--ignorercfiles", path, NULL};
	struct vt *vt = vt_spawn(argv, env, 24, 80);
	ok(vt, "spawn nano");
	if (!vt)
		return;
	ok(vt_wait_text(vt, "GNU nano", T), "nano's title bar");
	is_int(vt_find_row(vt, "GNU nano"), 0, "title on row 0");
	ok(vt_cell_reverse(vt, 0, 0), "title bar in reverse video");
	ok(vt_wait_row(vt, 23, "Exit", T), "shortcut list at the bottom");

	vt_type(vt, "world");
	vt_key(vt, "Home");
	vt_type(vt, "hello ");
	vt_key(vt, "End");
	vt_type(vt, "!");
	ok(vt_wait_text(vt, "hello world!", T), "typing and Home/End in ncurses");
	vt_key(vt, "Enter");
	vt_type(vt, "\xe6\xbc\xa2\xe5\xad\x97 wide");
	ok(vt_wait_text(vt, "\xe6\xbc\xa2\xe5\xad\x97 wide", T),
	   "UTF-8 typed into ncurses comes back");
	vt_key(vt, "Up");
	vt_key(vt, "End");
	vt_type(vt, "?");
	ok(vt_wait_text(vt, "hello world!?", T), "arrow keys in keypad mode");
	int hello = vt_find_row(vt, "hello world!?");
	int row, col;
	vt_cursor(vt, &row, &col);
	ok(row == hello && col == 13, "cursor after the ? (%d,%d)", row, col);

	ok(vt_resize(vt, 30, 100) == 0, "resize nano");
	/* nano can miss a SIGWINCH that lands while it is busy (seen under
	 * load); Ctrl-L makes it redraw at the size the pty now has. */
	bool redrawn = vt_wait_row(vt, 29, "Exit", 1000);
	if (!redrawn) {
		vt_key(vt, "C-l");
		redrawn = vt_wait_row(vt, 29, "Exit", T);
	}
	ok(redrawn, "nano redraws for 30 rows");
	ok(vt_wait_text(vt, "hello world!?", T), "text still shown");

	vt_key(vt, "C-x");
	ok(vt_wait_text(vt, "Save modified buffer", T), "C-x asks to save");
	vt_type(vt, "n");
	ok(exited_with(vt, 0), "nano quits with status 0");
	vt_free(vt);
	unlink(path);
}

int main(void)
{
	char dir[] = "/tmp/vt-selftest-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(home_env, sizeof home_env, "HOME=%s", dir);

	test_type_and_read();
	test_wide_text();
	test_attributes();
	test_resize();
	test_exit_and_signals();
	test_timeouts();
	test_replies_and_raw();
	test_keys();
	test_nano(dir);

	rmdir(dir);
	return done_testing();
}
