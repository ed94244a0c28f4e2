/* The terminal: the only file that starts and stops curses. */
#include "debrief/term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/text.h"
#include "debrief/utf8in.h"

static bool started;
static bool use_color;
static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t suspend_signal;
/* Signal handlers write here so that poll() wakes at once (self-pipe). */
static int wake_pipe[2] = {-1, -1};
static int watch_fd = -1;

/* Bracketed paste: the terminal wraps pasted text in these, so that a
 * paste is text for what is being typed into and never a run of commands
 * (an Esc, an Enter or a q inside it included). */
#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"
/* Codes for the keys ncurses does not name, found or given at start: a
 * code the terminal's description already uses (rxvt-unicode gives
 * KEY_MAX+1 and +2 to Ctrl-Shift-Delete and Shift-Down) is never taken. */
static int key_paste_begin = -1, key_paste_end = -1, key_word_left = -1, key_word_right = -1;
static bool pasting;

/* Written straight to the terminal (async-signal-safe): curses has flushed
 * its own output wherever this is called. */
static void paste_mode(bool on)
{
	if (on)
		(void)!write(STDOUT_FILENO, PASTE_ON, sizeof PASTE_ON - 1);
	else
		(void)!write(STDOUT_FILENO, PASTE_OFF, sizeof PASTE_OFF - 1);
}

/* Leaves curses' screen, giving the terminal back as it was. */
static void leave_screen(void)
{
	paste_mode(false);
	endwin();
}

void term_watch(int fd)
{
	watch_fd = fd;
}

static void wake(void)
{
	int saved = errno;
	if (wake_pipe[1] >= 0)
		(void)!write(wake_pipe[1], "x", 1);
	errno = saved;
}
static unsigned attrs[LOOK_COUNT];

static void on_quit_signal(int sig)
{
	quit_signal = sig;
	wake();
}

/* Ctrl-Z: ncurses' own handler is bypassed on purpose. It sets SIGTSTP to
 * SIG_IGN while it writes the screen, so a Ctrl-Z pressed during a redraw
 * was lost; ours only notes it, and the main loop suspends between keys. */
static void on_suspend_signal(int sig)
{
	(void)sig;
	suspend_signal = 1;
	wake();
}

/* A crash must not leave the room's terminal in raw mode: restore it, then
 * die of the same signal so the shell and core dumps see the truth. */
static void on_fatal_signal(int sig)
{
	if (started)
		leave_screen();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void at_exit_restore(void)
{
	if (started && !isendwin())
		leave_screen();
}

enum look_set { LOOKS_LIGHT, LOOKS_DARK, LOOKS_MONO };
static enum look_set looks = LOOKS_LIGHT;

static int look_index(const char *name)
{
	static const char *const names[] = {"light", "dark", "mono"};
	for (int i = 0; i < 3; i++)
		if (name && strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

bool term_look_known(const char *name)
{
	return look_index(name) >= 0;
}

int term_set_look(const char *name)
{
	int i = look_index(name);
	if (i >= 0)
		looks = (enum look_set)i;
	return i >= 0 ? 0 : -1;
}

/* Each look's attributes: colour pairs are made as used, 1 up. Nothing is
 * dim (it washes out on a projector). */
static void set_looks(void)
{
	const char *no_color = getenv("NO_COLOR");
	use_color = has_colors() && !(no_color && *no_color) && looks != LOOKS_MONO;
	/* Without colour: bold, underline and reverse video. */
	static const unsigned mono[LOOK_COUNT] = {
		[LOOK_NORMAL] = A_NORMAL, [LOOK_HEADER] = A_REVERSE | A_BOLD,
		[LOOK_STAGE] = A_NORMAL, [LOOK_STAGE_NOW] = A_REVERSE | A_BOLD,
		[LOOK_SELECTED] = A_REVERSE, [LOOK_DIM] = A_NORMAL, [LOOK_TITLE] = A_BOLD,
		[LOOK_WELL] = A_BOLD, [LOOK_BETTER] = A_BOLD | A_UNDERLINE, [LOOK_LUCKY] = A_BOLD,
		[LOOK_ERROR] = A_BOLD | A_UNDERLINE, [LOOK_OK] = A_BOLD, [LOOK_KEY] = A_BOLD,
		[LOOK_FOCUS] = A_BOLD,
	};
	memcpy(attrs, mono, sizeof attrs);
	if (!use_color)
		return;
	start_color();
	use_default_colors();
	/* Black or white text on a colour, never coloured text on the
	 * terminal's own background, whose colour is unknown. */
	init_pair(1, COLOR_WHITE, COLOR_BLUE);   /* header */
	init_pair(2, COLOR_BLACK, COLOR_YELLOW); /* current stage, could be better */
	init_pair(3, COLOR_BLACK, COLOR_GREEN);  /* went well */
	init_pair(4, COLOR_WHITE, COLOR_MAGENTA); /* lucky */
	init_pair(5, COLOR_WHITE, COLOR_RED);    /* error */
	init_pair(6, COLOR_BLACK, COLOR_CYAN);   /* selection */
	attrs[LOOK_HEADER] = (unsigned)(COLOR_PAIR(1) | A_BOLD);
	attrs[LOOK_STAGE_NOW] = (unsigned)(COLOR_PAIR(2) | A_BOLD);
	attrs[LOOK_SELECTED] = (unsigned)(COLOR_PAIR(6) | A_BOLD);
	attrs[LOOK_WELL] = (unsigned)(COLOR_PAIR(3) | A_BOLD);
	attrs[LOOK_BETTER] = (unsigned)(COLOR_PAIR(2) | A_BOLD);
	attrs[LOOK_LUCKY] = (unsigned)(COLOR_PAIR(4) | A_BOLD);
	attrs[LOOK_ERROR] = (unsigned)(COLOR_PAIR(5) | A_BOLD);
	if (looks == LOOKS_DARK) {
		/* On a dark terminal bright text reads well too. */
		init_pair(7, COLOR_CYAN, -1);   /* keys, titles */
		init_pair(8, COLOR_GREEN, -1);  /* done */
		attrs[LOOK_TITLE] = attrs[LOOK_KEY] = attrs[LOOK_FOCUS] = (unsigned)(COLOR_PAIR(7) | A_BOLD);
		attrs[LOOK_OK] = (unsigned)(COLOR_PAIR(8) | A_BOLD);
	}
}

/* A code past every key ncurses knows for this terminal. */
static int free_code(void)
{
	static int next = KEY_MAX + 1;
	while (next < KEY_MAX + 4096) {
		const char *name = keyname(next);
		if (!name || strcmp(name, "UNKNOWN KEY") == 0)
			return next++;
		next++;
	}
	return next++;
}

/* The code a sequence brings: the terminal's own, or one given it here. */
static int code_for(const char *seq, int code)
{
	if (!seq || seq == (char *)-1 || !*seq)
		return code;
	int have = key_defined(seq);
	if (have > 0)
		return have;
	if (have == 0) { /* not a prefix of another key either */
		if (code < 0)
			code = free_code();
		define_key(seq, code);
	}
	return code;
}

/* The paste markers, Ctrl-Left and Ctrl-Right as this terminal describes
 * them (kLFT5, kRIT5) and as xterm and rxvt send them, and the cursor keys
 * in both modes (a terminal that ignores the keypad mode sends ESC [ A). */
static void bind_keys(void)
{
	key_paste_begin = code_for("\033[200~", -1);
	key_paste_end = code_for("\033[201~", -1);
	key_word_left = code_for(tigetstr("kLFT5"), -1);
	key_word_left = code_for("\033[1;5D", key_word_left);
	key_word_left = code_for("\033Od", key_word_left);
	key_word_right = code_for(tigetstr("kRIT5"), -1);
	key_word_right = code_for("\033[1;5C", key_word_right);
	key_word_right = code_for("\033Oc", key_word_right);
	static const struct {
		const char *normal, *application;
		int key;
	} arrows[] = {
		{"\033[A", "\033OA", KEY_UP}, {"\033[B", "\033OB", KEY_DOWN},
		{"\033[C", "\033OC", KEY_RIGHT}, {"\033[D", "\033OD", KEY_LEFT},
		{"\033[H", "\033OH", KEY_HOME}, {"\033[F", "\033OF", KEY_END},
	};
	for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++) {
		code_for(arrows[i].normal, arrows[i].key);
		code_for(arrows[i].application, arrows[i].key);
	}
}

static bool utf8_locale = true;

bool term_utf8(void)
{
	return utf8_locale;
}

int term_start(struct err *e)
{
	utf8_locale = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, "the meeting needs a terminal (for a summary, use 'debrief export')");
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return err_set(e, "the terminal type is not set or cannot draw a screen (TERM=%s)",
			       term ? term : "");
	if (pipe(wake_pipe) != 0)
		return err_set(e, "cannot set up signal handling: %s", strerror(errno));
	fcntl(wake_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(wake_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(wake_pipe[1], F_SETFD, FD_CLOEXEC);
	/* Installed before newterm(), so ncurses leaves SIGTSTP to us. */
	struct sigaction tstp;
	memset(&tstp, 0, sizeof tstp);
	tstp.sa_handler = on_suspend_signal;
	sigemptyset(&tstp.sa_mask);
	sigaction(SIGTSTP, &tstp, NULL);
	/* Esc must answer at once in the notes pane, not after a second. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	SCREEN *s = newterm(NULL, stdout, stdin);
	if (!s)
		return err_set(e, "cannot start the terminal (TERM=%s)", term);
	set_term(s);
	started = true;
	atexit(at_exit_restore);
	/* ncurses (6.4 as Debian ships it) flushes its output at every cursor
	 * move until the screen has once been left and resumed, so each frame
	 * went out in dozens of small writes. Leave and resume once, here,
	 * before anything is drawn or any colour set (leaving would reset the
	 * terminal's palette then): the bytes go out together, nothing shows,
	 * and every frame after is one write. */
	endwin();
	refresh();
	/* No look for typed keys in the middle of a redraw (ncurses would
	 * poll at every line, and flush when one is waiting): debrief reads
	 * all the keys waiting before it redraws anyway. */
	typeahead(-1);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
	set_looks();
	bind_keys();
	pasting = false;
	paste_mode(true);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	return 0;
}

void term_stop(void)
{
	if (!started)
		return;
	if (!isendwin())
		leave_screen();
	started = false;
	signal(SIGTSTP, SIG_DFL);
	for (int i = 0; i < 2; i++)
		if (wake_pipe[i] >= 0) {
			close(wake_pipe[i]);
			wake_pipe[i] = -1;
		}
}

bool term_started(void)
{
	return started;
}

unsigned term_attr(enum look l)
{
	return (l >= 0 && l < LOOK_COUNT) ? attrs[l] : A_NORMAL;
}

bool term_should_quit(void)
{
	return quit_signal != 0;
}

int term_quit_signal(void)
{
	return quit_signal;
}

/* Keys are read a byte at a time with getch() and UTF-8 is put together
 * here (utf8in_next): get_wch() asks the C library to convert every byte,
 * several times, which made it most of the cost of a pasted character. */
static bool resize_pending; /* a resize that came inside a character */
/* Bytes read but not yet taken: a character's beginning, or what followed
 * a sequence that was cut short. */
static char held[UTF8IN_MAX];
static size_t held_len;

static enum term_input get_key(int *key)
{
	if (resize_pending) {
		resize_pending = false;
		*key = KEY_RESIZE;
		return TERM_CODE;
	}
	if (held_len == 0) {
		int c = getch();
		if (c == ERR)
			return TERM_NONE;
		*key = c;
		if (c >= KEY_MIN) /* a key curses has decoded: arrows, F1, resize */
			return TERM_CODE;
		if (c < 0x80)
			return TERM_CHAR;
		held[held_len++] = (char)c;
	}
	unsigned cp;
	size_t used;
	while ((used = utf8in_next(held, held_len, false, &cp)) == 0) {
		/* The rest of the character is on its way, if not here yet. */
		timeout(100);
		int b = getch();
		if (b == KEY_RESIZE) { /* the window changed meanwhile: next */
			resize_pending = true;
			continue;
		}
		if (b == ERR || b >= KEY_MIN) {
			if (b != ERR)
				ungetch(b); /* the next key, read as such */
			used = utf8in_next(held, held_len, true, &cp);
			break;
		}
		held[held_len++] = (char)b;
	}
	held_len -= used;
	memmove(held, held + used, held_len);
	*key = (int)cp;
	return TERM_CHAR;
}

/* What a pasted character becomes: control characters are shown as their
 * symbols (as stored text shows them), a line break is a line break. */
static int pasted(int cp)
{
	if (cp == '\r' || cp == '\n')
		return '\n';
	if (cp == '\t')
		return '\t';
	/* C1 controls go on as they are: the text field refuses them. */
	return cp < 0x80 ? (int)control_picture((unsigned)cp) : cp;
}

enum term_input term_read_now(int *key)
{
	nodelay(stdscr, TRUE);
	enum term_input r;
	for (;;) {
		r = get_key(key);
		if (r == TERM_CODE && (*key == key_paste_begin || *key == key_paste_end)) {
			pasting = *key == key_paste_begin;
			continue;
		}
		if (pasting && r == TERM_CODE && *key != KEY_RESIZE)
			continue; /* a key sequence inside pasted text: not a key */
		break;
	}
	if (pasting && r == TERM_CHAR) {
		r = TERM_PASTE;
		*key = pasted(*key);
	}
	if (r == TERM_CODE && *key == key_word_left)
		*key = TERM_KEY_WORD_LEFT;
	else if (r == TERM_CODE && *key == key_word_right)
		*key = TERM_KEY_WORD_RIGHT;
	nodelay(stdscr, FALSE); /* also ends get_key's wait for a character's tail */
	return r;
}

/* Stops the process the way the shell expects, and takes the terminal
 * back when it continues. */
static void suspend_now(void)
{
	struct sigaction dfl, ours;
	suspend_signal = 0;
	def_prog_mode();
	leave_screen();
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	raise(SIGTSTP); /* stops here until `fg`; ignored without job control */
	sigaction(SIGTSTP, &ours, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	paste_mode(true);
}

enum term_input term_read(int timeout_ms, int *key)
{
	/* curses may hold bytes it has read already: ask it first. */
	enum term_input r = term_read_now(key);
	if (r != TERM_NONE || quit_signal)
		return r;
	struct pollfd p[3] = {
		{.fd = STDIN_FILENO, .events = POLLIN},
		{.fd = wake_pipe[0], .events = POLLIN},
		{.fd = watch_fd, .events = POLLIN},
	};
	int n = poll(p, watch_fd >= 0 ? 3 : 2, timeout_ms);
	/* The terminal went away without a SIGHUP (a pty that is not the
	 * controlling terminal, a wrapper that ignores HUP): poll() would
	 * say so at once forever. End as a hang-up would. */
	if (n > 0 && (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
		r = term_read_now(key); /* the last keys first */
		if (r == TERM_NONE)
			quit_signal = SIGHUP;
		return r;
	}
	if (n > 0 && (p[1].revents & POLLIN)) {
		char drain[64];
		while (read(wake_pipe[0], drain, sizeof drain) > 0)
			;
	}
	if (suspend_signal) {
		suspend_now();
		*key = KEY_RESIZE; /* everything is drawn anew */
		return TERM_CODE;
	}
	if (n > 0 && watch_fd >= 0 && (p[2].revents & POLLIN) && !(p[0].revents & POLLIN))
		return TERM_WATCH;
	if (n <= 0) {
		/* A resize arrives as a signal that interrupts poll; let curses
		 * turn it into KEY_RESIZE. */
		if (n < 0 && errno == EINTR)
			return term_read_now(key);
		return TERM_NONE;
	}
	return term_read_now(key);
}

void term_suspend(void)
{
	if (started) {
		def_prog_mode();
		leave_screen();
	}
}

void term_resume(void)
{
	if (started) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
		paste_mode(true);
	}
}
