/* A pseudo-terminal whose screen is libvterm's: see vt.h and README.md. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

extern char **environ;

enum {
	RAW_CAP = 8 << 20,
	SEND_TIMEOUT_MS = 5000,
	PUMP_MAX = 1 << 20, /* per call, so a flood cannot starve the waits */
	EXIT_TICK_MS = 10,  /* re-check waitpid this often without a pidfd */
};

struct vt {
	pid_t pid;
	int fd;    /* pty master, non-blocking */
	int pidfd; /* readable when the child exits; -1 if unsupported */
	VTerm *term;
	VTermScreen *screen;
	int rows, cols;
	bool eof; /* no slave fd left open anywhere */
	bool reaped;
	int status;
	/* Bytes for the program, keys and terminal replies in the order made. */
	char *out;
	size_t out_len, out_cap;
	bool out_lost; /* a reply could not be queued (out of memory) */
	char *raw;
	size_t raw_len, raw_cap;
	size_t bytes;
	/* Frame markers (VT_FRAME_MARKER) a program may write after each whole
	 * screen: once one is seen, screens are judged only at a marker, never
	 * half drawn. */
	char tail[sizeof VT_FRAME_MARKER];
	size_t tail_len;
	bool frame_sync;
	bool at_frame_end;
	unsigned long frames;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ms_left(long long deadline)
{
	long long left = deadline - now_ms();
	if (left < 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

static int buf_reserve(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 4096;
	while (c < need)
		c *= 2;
	char *p = realloc(*buf, c);
	if (!p)
		return -1;
	*buf = p;
	*cap = c;
	return 0;
}

static int out_queue(struct vt *vt, const char *s, size_t n)
{
	if (buf_reserve(&vt->out, &vt->out_cap, vt->out_len + n) < 0) {
		vt->out_lost = true;
		return -1;
	}
	memcpy(vt->out + vt->out_len, s, n);
	vt->out_len += n;
	return 0;
}

/* libvterm calls this for keys we encode and for its answers to queries. */
static void on_term_output(const char *s, size_t len, void *user)
{
	out_queue(user, s, len);
}

/* Writes what the pty takes now; the rest waits for the next pump or send. */
static int out_flush(struct vt *vt)
{
	while (vt->out_len > 0) {
		ssize_t n = write(vt->fd, vt->out, vt->out_len);
		if (n > 0) {
			vt->out_len -= (size_t)n;
			memmove(vt->out, vt->out + n, vt->out_len);
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return 0;
		} else {
			return -1;
		}
	}
	return 0;
}

static void raw_keep(struct vt *vt, const char *s, size_t n)
{
	if (vt->raw_len >= RAW_CAP)
		return;
	if (n > RAW_CAP - vt->raw_len)
		n = RAW_CAP - vt->raw_len;
	if (buf_reserve(&vt->raw, &vt->raw_cap, vt->raw_len + n + 1) < 0)
		return;
	memcpy(vt->raw + vt->raw_len, s, n);
	vt->raw_len += n;
	vt->raw[vt->raw_len] = '\0';
}

/* Notes whether the bytes fed so far end with a frame marker. */
static void track_frames(struct vt *vt, const char *s, size_t n)
{
	const size_t m = sizeof VT_FRAME_MARKER - 1;
	char buf[2 * sizeof VT_FRAME_MARKER];
	/* The last m bytes of (tail + s), enough to see a marker split across
	 * reads. */
	size_t from_s = n < m ? n : m;
	size_t keep = m - from_s < vt->tail_len ? m - from_s : vt->tail_len;
	memcpy(buf, vt->tail + vt->tail_len - keep, keep);
	memcpy(buf + keep, s + n - from_s, from_s);
	size_t len = keep + from_s;
	memcpy(vt->tail, buf, len);
	vt->tail_len = len;
	vt->at_frame_end = len == m && memcmp(buf, VT_FRAME_MARKER, m) == 0;
	if (vt->at_frame_end) {
		vt->frame_sync = true;
		vt->frames++;
	}
}

static void feed(struct vt *vt, const char *s, size_t n)
{
	vt->bytes += n;
	raw_keep(vt, s, n);
	if (n)
		track_frames(vt, s, n);
	vterm_input_write(vt->term, s, n);
	out_flush(vt); /* a program waiting on a DSR answer must get it now */
}

static int read_available(struct vt *vt)
{
	char buf[16384];
	size_t total = 0;
	while (!vt->eof && total < PUMP_MAX) {
		ssize_t n = read(vt->fd, buf, sizeof buf);
		if (n > 0) {
			feed(vt, buf, (size_t)n);
			total += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		} else {
			/* Linux answers EIO once every slave fd is closed. */
			vt->eof = true;
		}
	}
	return (int)total;
}

int vt_pump(struct vt *vt, int timeout_ms)
{
	if (vt->eof)
		return -1;
	out_flush(vt);
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	for (;;) {
		struct pollfd p = {
			.fd = vt->fd,
			.events = POLLIN | (vt->out_len ? POLLOUT : 0),
		};
		int r = poll(&p, 1, ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if (p.revents & POLLOUT)
			out_flush(vt);
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			int n = read_available(vt);
			if (n > 0)
				return n;
			if (vt->eof)
				return -1;
		}
	}
}

static void child_exec(char *const argv[], char *const envp[], int errfd)
{
	/* The test runner's signal state must not leak into the program. */
	struct sigaction dfl = {.sa_handler = SIG_DFL};
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* execvp searches the PATH of the environment it is given. */
	environ = (char **)envp;
	execvp(argv[0], argv);
	int e = errno;
	if (write(errfd, &e, sizeof e) < 0) {
		/* nothing left to tell anyone */
	}
	_exit(127);
}

static int set_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);
	return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

struct vt *vt_spawn(char *const argv[], char *const envp[], int rows, int cols)
{
	if (!argv || !argv[0] || !envp || rows <= 0 || cols <= 0)
		return NULL;
	struct vt *vt = calloc(1, sizeof *vt);
	if (!vt)
		return NULL;
	vt->fd = vt->pidfd = -1;
	vt->rows = rows;
	vt->cols = cols;
	vt->term = vterm_new(rows, cols);
	if (!vt->term)
		goto fail;
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, on_term_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	/* ncurses programs switch to the alternate screen (smcup). */
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);

	/* Closed by a successful exec; carries errno if exec fails. */
	int errpipe[2];
	if (pipe(errpipe) < 0)
		goto fail;
	set_cloexec(errpipe[0]);
	set_cloexec(errpipe[1]);

	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};
	pid_t pid = forkpty(&vt->fd, NULL, NULL, &ws);
	if (pid < 0) {
		close(errpipe[0]);
		close(errpipe[1]);
		goto fail;
	}
	if (pid == 0) {
		close(errpipe[0]);
		child_exec(argv, envp, errpipe[1]);
	}
	vt->pid = pid;
	close(errpipe[1]);
	int child_errno = 0;
	ssize_t n;
	do
		n = read(errpipe[0], &child_errno, sizeof child_errno);
	while (n < 0 && errno == EINTR);
	close(errpipe[0]);
	if (n == (ssize_t)sizeof child_errno) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		vt->pid = 0;
		errno = child_errno;
		goto fail;
	}

	/* Other programs spawned later must not hold this master open. */
	set_cloexec(vt->fd);
	int fl = fcntl(vt->fd, F_GETFL);
	if (fl < 0 || fcntl(vt->fd, F_SETFL, fl | O_NONBLOCK) < 0)
		goto fail;
#ifdef SYS_pidfd_open
	vt->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
	return vt;
fail:
	vt_free(vt);
	return NULL;
}

void vt_free(struct vt *vt)
{
	if (!vt)
		return;
	if (vt->pid > 0 && !vt->reaped) {
		/* The whole session's group: sh -c leaves its children in it. */
		if (kill(-vt->pid, SIGKILL) < 0)
			kill(vt->pid, SIGKILL);
		while (waitpid(vt->pid, &vt->status, 0) < 0 && errno == EINTR)
			;
	}
	if (vt->fd >= 0)
		close(vt->fd);
	if (vt->pidfd >= 0)
		close(vt->pidfd);
	if (vt->term)
		vterm_free(vt->term);
	free(vt->out);
	free(vt->raw);
	free(vt);
}

/* ---- reading the screen ---- */

static size_t utf8_put(char *s, uint32_t c)
{
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xC0 | (c >> 6));
		s[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		s[0] = (char)(0xE0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	if (c < 0x110000) {
		s[0] = (char)(0xF0 | (c >> 18));
		s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[3] = (char)(0x80 | (c & 0x3F));
		return 4;
	}
	return 0; /* libvterm marks the right half of a wide cell with -1 */
}

static bool get_cell(struct vt *vt, int row, int col, VTermScreenCell *cell)
{
	if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols)
		return false;
	VTermPos pos = {.row = row, .col = col};
	return vterm_screen_get_cell(vt->screen, pos, cell) != 0;
}

char *vt_row_text(struct vt *vt, int row)
{
	if (row < 0 || row >= vt->rows)
		return NULL;
	char *s = malloc((size_t)vt->cols * VTERM_MAX_CHARS_PER_CELL * 4 + 1);
	if (!s)
		return NULL;
	size_t len = 0, keep = 0;
	for (int col = 0; col < vt->cols;) {
		VTermScreenCell cell;
		if (!get_cell(vt, row, col, &cell))
			break;
		if (cell.chars[0] == 0) {
			s[len++] = ' ';
		} else {
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i];
			     i++)
				len += utf8_put(s + len, cell.chars[i]);
			if (!(cell.chars[0] == ' ' && cell.chars[1] == 0))
				keep = len;
		}
		/* A wide character is one cell of width 2: skip its right half. */
		col += cell.width > 1 ? cell.width : 1;
	}
	s[keep] = '\0';
	return s;
}

char *vt_screen_text(struct vt *vt)
{
	size_t len = 0, cap = 0;
	char *all = NULL;
	for (int row = 0; row < vt->rows; row++) {
		char *line = vt_row_text(vt, row);
		if (!line)
			goto fail;
		size_t n = strlen(line);
		if (buf_reserve(&all, &cap, len + n + 2) < 0) {
			free(line);
			goto fail;
		}
		memcpy(all + len, line, n);
		len += n;
		if (row + 1 < vt->rows)
			all[len++] = '\n';
		all[len] = '\0';
		free(line);
	}
	return all;
fail:
	free(all);
	return NULL;
}

static bool row_has(struct vt *vt, int row, const char *needle)
{
	char *line = vt_row_text(vt, row);
	bool found = line && strstr(line, needle);
	free(line);
	return found;
}

int vt_find_row(struct vt *vt, const char *needle)
{
	for (int row = 0; row < vt->rows; row++)
		if (row_has(vt, row, needle))
			return row;
	return -1;
}

bool vt_cell_reverse(struct vt *vt, int row, int col)
{
	VTermScreenCell cell;
	return get_cell(vt, row, col, &cell) && cell.attrs.reverse;
}

bool vt_cell_bold(struct vt *vt, int row, int col)
{
	VTermScreenCell cell;
	return get_cell(vt, row, col, &cell) && cell.attrs.bold;
}

bool vt_cell_underline(struct vt *vt, int row, int col)
{
	VTermScreenCell cell;
	return get_cell(vt, row, col, &cell) && cell.attrs.underline;
}

bool vt_cell_coloured_text(struct vt *vt, int row, int col)
{
	VTermScreenCell cell;
	return get_cell(vt, row, col, &cell) && !VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) &&
	       VTERM_COLOR_IS_DEFAULT_BG(&cell.bg) && cell.chars[0] && cell.chars[0] != ' ';
}

void vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	if (row)
		*row = pos.row;
	if (col)
		*col = pos.col;
}

long vt_pid(const struct vt *vt)
{
	return (long)vt->pid;
}

int vt_fd(const struct vt *vt)
{
	return vt->fd;
}

void vt_size(struct vt *vt, int *rows, int *cols)
{
	if (rows)
		*rows = vt->rows;
	if (cols)
		*cols = vt->cols;
}

static bool has_text(struct vt *vt, int row)
{
	char *line = vt_row_text(vt, row);
	bool any = line && line[0];
	free(line);
	return any;
}

void vt_dump(struct vt *vt, const char *why)
{
	int crow, ccol;
	vt_cursor(vt, &crow, &ccol);
	fflush(stdout); /* keep the dump after the TAP lines it explains */
	fprintf(stderr, "# %s\n# screen %dx%d, cursor at row %d col %d%s:\n",
		why, vt->rows, vt->cols, crow, ccol,
		vt->eof ? ", pty closed" : "");
	int last = vt->rows - 1;
	while (last >= 0 && !has_text(vt, last))
		last--;
	for (int row = 0; row <= last; row++) {
		char *line = vt_row_text(vt, row);
		fprintf(stderr, "# %2d|%s\n", row, line ? line : "(no memory)");
		free(line);
	}
	if (last + 1 < vt->rows)
		fprintf(stderr, "# %2d..%d blank\n", last + 1, vt->rows - 1);
	fflush(stderr);
}

/* ---- waiting on the screen ---- */

struct want {
	int row; /* -1: any row */
	const char *needle;
	bool gone;
};

void vt_expect_frames(struct vt *vt)
{
	vt->frame_sync = true;
}

bool vt_at_frame_end(const struct vt *vt)
{
	return !vt->frame_sync || vt->at_frame_end;
}

static bool want_met(struct vt *vt, const struct want *w)
{
	if (!vt_at_frame_end(vt))
		return false;
	bool seen = w->row < 0 ? vt_find_row(vt, w->needle) >= 0
			       : row_has(vt, w->row, w->needle);
	return seen != w->gone;
}

static bool wait_until(struct vt *vt, const struct want *w, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	for (;;) {
		if (want_met(vt, w))
			return true;
		int left = ms_left(deadline);
		/* Once the pty is closed the screen can no longer change. */
		if (left == 0 || vt_pump(vt, left) < 0)
			break;
	}
	if (want_met(vt, w))
		return true;
	char why[512];
	char where[32] = "";
	if (w->row >= 0)
		snprintf(where, sizeof where, " on row %d", w->row);
	snprintf(why, sizeof why, "%s waiting %d ms for \"%s\" to %s%s",
		 vt->eof ? "pty closed" : "timed out", timeout_ms, w->needle,
		 w->gone ? "go" : "appear", where);
	vt_dump(vt, why);
	return false;
}

bool vt_wait_text(struct vt *vt, const char *needle, int timeout_ms)
{
	struct want w = {.row = -1, .needle = needle};
	return wait_until(vt, &w, timeout_ms);
}

bool vt_wait_gone(struct vt *vt, const char *needle, int timeout_ms)
{
	struct want w = {.row = -1, .needle = needle, .gone = true};
	return wait_until(vt, &w, timeout_ms);
}

bool vt_wait_row(struct vt *vt, int row, const char *needle, int timeout_ms)
{
	struct want w = {.row = row, .needle = needle};
	return wait_until(vt, &w, timeout_ms);
}

/* ---- input ---- */

/* Everything queued goes out, reading output meanwhile: a program blocked
 * writing to a full pty would otherwise never read what we send. */
static int out_drain(struct vt *vt)
{
	long long deadline = now_ms() + SEND_TIMEOUT_MS;
	if (vt->out_lost)
		return -1;
	for (;;) {
		if (out_flush(vt) < 0)
			return -1;
		if (vt->out_len == 0)
			return 0;
		int left = ms_left(deadline);
		if (vt->eof || left == 0)
			return -1;
		struct pollfd p = {.fd = vt->fd, .events = POLLIN | POLLOUT};
		int r = poll(&p, 1, left);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)))
			read_available(vt);
	}
}

int vt_send(struct vt *vt, const char *bytes, size_t n)
{
	if (out_queue(vt, bytes, n) < 0)
		return -1;
	return out_drain(vt);
}

int vt_type(struct vt *vt, const char *utf8)
{
	return vt_send(vt, utf8, strlen(utf8));
}

static const struct {
	const char *name;
	VTermKey key;
} named_keys[] = {
	{"Enter", VTERM_KEY_ENTER},	  {"Tab", VTERM_KEY_TAB},
	{"Esc", VTERM_KEY_ESCAPE},	  {"Escape", VTERM_KEY_ESCAPE},
	{"Backspace", VTERM_KEY_BACKSPACE}, {"Up", VTERM_KEY_UP},
	{"Down", VTERM_KEY_DOWN},	  {"Left", VTERM_KEY_LEFT},
	{"Right", VTERM_KEY_RIGHT},	  {"Home", VTERM_KEY_HOME},
	{"End", VTERM_KEY_END},		  {"PageUp", VTERM_KEY_PAGEUP},
	{"PageDown", VTERM_KEY_PAGEDOWN}, {"Insert", VTERM_KEY_INS},
	{"Delete", VTERM_KEY_DEL},
};

static VTermKey key_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(name, named_keys[i].name) == 0)
			return named_keys[i].key;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12)
			return (VTermKey)VTERM_KEY_FUNCTION(n);
	}
	return VTERM_KEY_NONE;
}

static size_t utf8_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

/* A character, with Ctrl and Alt as xterm sends them by default: Ctrl
 * clears bits 5-6 (C-i is Tab, C-m is CR), Alt prefixes ESC. */
static int encode_char(const char *base, VTermModifier mod, char *buf,
		       size_t *n)
{
	size_t len = utf8_len(base);
	if (len == 0 || base[len] != '\0' || (mod & VTERM_MOD_SHIFT))
		return -1;
	*n = 0;
	if (mod & VTERM_MOD_ALT)
		buf[(*n)++] = '\x1b';
	if (mod & VTERM_MOD_CTRL) {
		char c = base[0];
		if (c == '?')
			buf[(*n)++] = '\x7f';
		else if ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z') || c == ' ')
			buf[(*n)++] = (char)(c & 0x1f);
		else
			return -1;
	} else {
		memcpy(buf + *n, base, len);
		*n += len;
	}
	return 0;
}

int vt_key(struct vt *vt, const char *name)
{
	VTermModifier mod = VTERM_MOD_NONE;
	const char *base = name;
	while (base[0] && base[1] == '-' && base[2]) {
		if (base[0] == 'C')
			mod |= VTERM_MOD_CTRL;
		else if (base[0] == 'M')
			mod |= VTERM_MOD_ALT;
		else if (base[0] == 'S')
			mod |= VTERM_MOD_SHIFT;
		else
			break;
		base += 2;
	}
	if (strcmp(base, "Space") == 0)
		base = " ";

	VTermKey key = key_by_name(base);
	if (key != VTERM_KEY_NONE) {
		/* libvterm encodes it from the modes the program set, so the
		 * arrows follow DECCKM (ESC [ A, or ESC O A after smkx). */
		vterm_keyboard_key(vt->term, key, mod);
		return out_drain(vt);
	}
	char buf[8];
	size_t n;
	if (encode_char(base, mod, buf, &n) < 0) {
		fprintf(stderr, "# vt_key: unknown key \"%s\"\n", name);
		return -1;
	}
	return vt_send(vt, buf, n);
}

/* ---- size, signals, exit ---- */

int vt_resize(struct vt *vt, int rows, int cols)
{
	if (rows <= 0 || cols <= 0)
		return -1;
	/* Output drawn for the old size must land on the old-size screen. */
	while (vt_pump(vt, 0) > 0)
		;
	vterm_set_size(vt->term, rows, cols);
	vt->rows = rows;
	vt->cols = cols;
	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};
	return ioctl(vt->fd, TIOCSWINSZ, &ws);
}

int vt_signal(struct vt *vt, int sig)
{
	if (vt->reaped)
		return -1;
	return kill(vt->pid, sig);
}

/* Waits for output, or the child's exit when a pidfd can tell us. */
static void wait_output_or_exit(struct vt *vt, int timeout_ms)
{
	struct pollfd p[2];
	nfds_t n = 0;
	int master = -1;
	if (!vt->eof) {
		master = (int)n;
		p[n++] = (struct pollfd){
			.fd = vt->fd,
			.events = POLLIN | (vt->out_len ? POLLOUT : 0)};
	}
	if (vt->pidfd >= 0)
		p[n++] = (struct pollfd){.fd = vt->pidfd, .events = POLLIN};
	/* Without a pidfd nothing wakes us when it exits: look again soon. */
	if (vt->pidfd < 0 && timeout_ms > EXIT_TICK_MS)
		timeout_ms = EXIT_TICK_MS;
	if (poll(n ? p : NULL, n, timeout_ms) <= 0 || master < 0)
		return;
	if (p[master].revents & POLLOUT)
		out_flush(vt);
	if (p[master].revents & (POLLIN | POLLHUP | POLLERR))
		read_available(vt);
}

bool vt_wait_exit(struct vt *vt, int timeout_ms, int *status)
{
	long long deadline = now_ms() + timeout_ms;
	while (!vt->reaped) {
		pid_t r = waitpid(vt->pid, &vt->status, WNOHANG);
		if (r == vt->pid) {
			vt->reaped = true;
			break;
		}
		if (r < 0 && errno != EINTR)
			return false;
		int left = ms_left(deadline);
		if (left == 0) {
			vt_dump(vt, "timed out waiting for the program to exit");
			return false;
		}
		wait_output_or_exit(vt, left);
	}
	/* What it wrote before exiting is still in the pty. */
	while (vt_pump(vt, 0) > 0)
		;
	if (status)
		*status = vt->status;
	return true;
}

size_t vt_bytes(const struct vt *vt)
{
	return vt->bytes;
}

void vt_reset_bytes(struct vt *vt)
{
	vt->bytes = 0;
	vt->raw_len = 0;
	if (vt->raw)
		vt->raw[0] = '\0';
}

const char *vt_raw(const struct vt *vt, size_t *len)
{
	if (len)
		*len = vt->raw_len;
	return vt->raw ? vt->raw : "";
}
