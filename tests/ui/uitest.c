/* Helpers for debrief's UI tests. */
#define _GNU_SOURCE /* memmem */
#include "uitest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void ut_setenv(struct uitest *u, const char *name, const char *value)
{
	size_t len = strlen(name);
	int i;
	for (i = 0; i < u->n_env; i++)
		if (strncmp(u->envbuf[i], name, len) == 0 && u->envbuf[i][len] == '=')
			break;
	if (i == u->n_env) {
		if (u->n_env >= (int)(sizeof u->env / sizeof u->env[0]) - 1) {
			fprintf(stderr, "ut_setenv: no room for %s: make env[] longer\n", name);
			abort(); /* a variable silently left out misleads a test */
		}
		u->n_env++;
	}
	snprintf(u->envbuf[i], sizeof u->envbuf[i], "%s=%s", name, value);
	u->env[i] = u->envbuf[i];
	u->env[u->n_env] = NULL;
}

bool ut_init(struct uitest *u, int argc, char **argv)
{
	memset(u, 0, sizeof *u);
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief\n", argv[0]);
		return false;
	}
	u->bin = argv[1];
	const char *tmp = getenv("TMPDIR");
	snprintf(u->dir, sizeof u->dir, "%s/debrief-ui.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(u->dir))
		return false;
	snprintf(u->db, sizeof u->db, "%s/test.db", u->dir);
	snprintf(u->drafts, sizeof u->drafts, "%s/state/debrief/drafts.db", u->dir);
	char home[300];
	snprintf(home, sizeof home, "%s/home", u->dir);
	mkdir(home, 0700);
	ut_setenv(u, "TERM", "xterm-256color");
	ut_setenv(u, "LANG", "C.UTF-8");
	ut_setenv(u, "LC_ALL", "C.UTF-8");
	ut_setenv(u, "TZ", "Europe/Berlin");
	ut_setenv(u, "HOME", home);
	ut_setenv(u, "PATH", "/usr/bin:/bin");
	ut_setenv(u, "DEBRIEF_DB", u->db);
	char state[300];
	snprintf(state, sizeof state, "%s/state", u->dir);
	ut_setenv(u, "XDG_STATE_HOME", state);
	/* No settings but a test's own: its settings folder is the scratch
	 * one's config/debrief (empty until a test writes there), and
	 * /etc/debrief is not read. */
	char config[300];
	snprintf(config, sizeof config, "%s/config", u->dir);
	ut_setenv(u, "XDG_CONFIG_HOME", config);
	snprintf(config, sizeof config, "%s/etc", u->dir);
	ut_setenv(u, "DEBRIEF_SYSCONFDIR", config);
	/* 2026-11-25 12:06:40 in Berlin: after the incidents the tests write
	 * about (2026-11-24, the demo's too), so that the timeline's check
	 * finds none of their events in the future; before the demo's meeting
	 * (its notes and action items are of 2026-11-26), so that what a test
	 * writes comes before them, as it always did. */
	ut_setenv(u, "DEBRIEF_NOW", "1795604800");
	ut_setenv(u, "NO_COLOR", "1");
	ut_setenv(u, "DEBRIEF_TEST_FRAMES", "1");
	const char *share = getenv("DEBRIEF_SHARE_DIR");
	if (share)
		ut_setenv(u, "DEBRIEF_SHARE_DIR", share);
	return true;
}

void ut_done(struct uitest *u)
{
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", u->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", u->dir);
}

static char **collect_args(const char *bin, va_list ap)
{
	char **argv = calloc(32, sizeof *argv);
	int n = 0;
	argv[n++] = (char *)bin;
	const char *a;
	while (n < 31 && (a = va_arg(ap, const char *)))
		argv[n++] = (char *)a;
	argv[n] = NULL;
	return argv;
}

int ut_cli(struct uitest *u, char **out, const char *stdin_text, ...)
{
	va_list ap;
	va_start(ap, stdin_text);
	char **argv = collect_args(u->bin, ap);
	va_end(ap);
	int in[2], outp[2];
	if (pipe(in) != 0 || pipe(outp) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(outp[1], 1);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, 2);
		close(in[1]);
		close(outp[0]);
		execve(u->bin, argv, u->env);
		_exit(127);
	}
	close(in[0]);
	close(outp[1]);
	if (stdin_text) {
		size_t len = strlen(stdin_text), done = 0;
		while (done < len) {
			ssize_t w = write(in[1], stdin_text + done, len - done);
			if (w <= 0)
				break;
			done += (size_t)w;
		}
	}
	close(in[1]);
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (len + 1024 > cap)
			buf = realloc(buf, cap *= 2);
		ssize_t r = read(outp[0], buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	buf[len] = '\0';
	close(outp[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	free(argv);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ut_last_line(const char *text, char *buf, size_t size)
{
	size_t n = strlen(text);
	while (n > 0 && text[n - 1] == '\n')
		n--;
	size_t start = n;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	size_t len = n - start < size - 1 ? n - start : size - 1;
	memcpy(buf, text + start, len);
	buf[len] = '\0';
}

struct vt *ut_spawn(struct uitest *u, int rows, int cols, ...)
{
	va_list ap;
	va_start(ap, cols);
	char **argv = collect_args(u->bin, ap);
	va_end(ap);
	struct vt *vt = vt_spawn(argv, u->env, rows, cols);
	free(argv);
	/* debrief marks whole frames in test mode (unless a test turned it off). */
	for (int i = 0; vt && i < u->n_env; i++)
		if (strncmp(u->envbuf[i], "DEBRIEF_TEST_FRAMES=", 20) == 0 && u->envbuf[i][20])
			vt_expect_frames(vt);
	return vt;
}

bool ut_exited(struct vt *vt, int code)
{
	int status;
	return vt_wait_exit(vt, T, &status) && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

bool ut_quit(struct vt *vt)
{
	vt_key(vt, "Esc");
	vt_wait_text(vt, "Tab notes", T);
	vt_key(vt, "q");
	return ut_exited(vt, 0);
}

void ut_write_now(const char *path, long long at)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.new", path);
	FILE *f = fopen(tmp, "w");
	if (f) {
		fprintf(f, "%lld\n", at);
		fclose(f);
		if (rename(tmp, path) != 0)
			fprintf(stderr, "# cannot move the time into place\n");
	}
}

char *ut_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (len + 1 >= cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

bool ut_wait_reverse(struct vt *vt, int row, int col, bool want, int timeout_ms)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (row >= 0 && vt_at_frame_end(vt) && vt_cell_reverse(vt, row, col) == want)
			return true;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long elapsed = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (elapsed >= timeout_ms || vt_pump(vt, (int)(timeout_ms - elapsed)) < 0) {
			vt_dump(vt, "reverse video not as wanted");
			return false;
		}
	}
}

long ut_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static char *sql_on(const char *db, const char *query)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" 2>&1", db, query);
	FILE *p = popen(cmd, "r");
	char *line = calloc(1, 4096);
	if (!line)
		abort();
	if (p) {
		if (!fgets(line, 4096, p))
			line[0] = '\0';
		pclose(p);
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

char *ut_sql(struct uitest *u, const char *query)
{
	return sql_on(u->db, query);
}

/* A journal's record: five little-endian numbers, then the bytes put. */
static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Plays the journal of ekey (drafts_journal.h's format, read here on its
 * own) over text, as far as its records add up. */
static void play_journal(const struct uitest *u, unsigned long long ekey, uint32_t rows, char **text,
			 size_t *len)
{
	char path[600];
	snprintf(path, sizeof path, "%s-edits/%016llx", u->drafts, ekey);
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	unsigned char h[20];
	/* (numbered on from the rows a version 2 left) */
	for (uint32_t want = rows + 1; fread(h, 1, sizeof h, f) == sizeof h;) {
		uint32_t seq = le32(h), at = le32(h + 4), cut = le32(h + 8), put = le32(h + 12);
		char *bytes = malloc(put + 1);
		uint32_t sum = 2166136261u;
		for (int i = 0; i < 16; i++)
			sum = (sum ^ h[i]) * 16777619u;
		bool whole = bytes && fread(bytes, 1, put, f) == put;
		for (uint32_t i = 0; whole && i < put; i++)
			sum = (sum ^ (unsigned char)bytes[i]) * 16777619u;
		if (!whole || sum != le32(h + 16) || seq != want || at > *len ||
		    cut > *len - at) {
			free(bytes);
			break;
		}
		char *next = malloc(*len - cut + put + 1);
		memcpy(next, *text, at);
		memcpy(next + at, bytes, put);
		memcpy(next + at + put, *text + at + cut, *len - at - cut);
		*len = *len - cut + put;
		next[*len] = '\0';
		free(*text);
		free(bytes);
		*text = next;
		want = seq + 1;
	}
	fclose(f);
}

/* A copy of the drafts file with each draft's journal played into it, so
 * that draft_text shows what a terminal restarted now would (the keys of
 * the last second are in the journals until typing pauses). */
static const char *drafts_as_typed(struct uitest *u)
{
	static char copy[600], script[600];
	snprintf(copy, sizeof copy, "%s/drafts-as-typed.db", u->dir);
	snprintf(script, sizeof script, "%s/drafts-as-typed.sql", u->dir);
	unlink(copy);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "sqlite3 '%s' \".backup '%s'\" && sqlite3 -separator ' ' '%s' \"SELECT d.ekey,"
		 " (SELECT count(*) FROM draft_edit r WHERE r.ekey = d.ekey),"
		 " quote(d.terminal_id), quote(d.db_id), quote(d.retro_id), quote(d.slot),"
		 " hex(CAST(t.body AS BLOB)) FROM draft d JOIN draft_text t"
		 " USING (terminal_id, db_id, retro_id, slot) WHERE d.ekey <> 0\"",
		 u->drafts, copy, copy);
	FILE *p = popen(cmd, "r"), *out = fopen(script, "w");
	char line[1 << 17];
	while (p && out && fgets(line, sizeof line, p)) {
		unsigned long long ekey;
		unsigned rows;
		char term[64], db[64], retro[64], slot[128], hex[(1 << 17) - 400] = "";
		if (sscanf(line, "%llu %u %63s %63s %63s %127s %s", &ekey, &rows, term, db, retro, slot,
			   hex) < 6)
			continue;
		size_t len = strlen(hex) / 2;
		char *text = malloc(len + 1);
		for (size_t i = 0; i < len; i++) {
			unsigned v;
			sscanf(hex + 2 * i, "%2x", &v);
			text[i] = (char)v;
		}
		text[len] = '\0';
		play_journal(u, ekey, rows, &text, &len);
		fprintf(out, "UPDATE draft SET ekey = 0, body = CAST(X'");
		for (size_t i = 0; i < len; i++)
			fprintf(out, "%02x", (unsigned char)text[i]);
		fprintf(out, "' AS TEXT) WHERE terminal_id = %s AND db_id = %s AND retro_id = %s"
			     " AND slot = %s;\n", term, db, retro, slot);
		free(text);
	}
	if (p)
		pclose(p);
	if (out)
		fclose(out);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' < '%s'", copy, script);
	if (system(cmd) != 0)
		fprintf(stderr, "# cannot play the journals into %s\n", copy);
	return copy;
}

char *ut_drafts_sql(struct uitest *u, const char *query)
{
	return sql_on(strstr(query, "draft_text") ? drafts_as_typed(u) : u->drafts, query);
}

/* Polls a query (on the drafts file when drafts) until it gives want. */
static bool wait_sql(struct uitest *u, bool drafts, struct vt *vt, const char *query,
		     const char *want, int timeout_ms)
{
	long end = ut_ms() + timeout_ms;
	for (;;) {
		char *got = drafts ? ut_drafts_sql(u, query) : ut_sql(u, query);
		bool same = strcmp(got, want) == 0;
		if (same || ut_ms() >= end) {
			if (!same)
				fprintf(stderr, "# %s\n# gave \"%s\", not \"%s\"\n", query, got, want);
			free(got);
			return same;
		}
		free(got);
		vt_pump(vt, 50); /* the program goes on meanwhile */
	}
}

bool ut_wait_sql(struct uitest *u, struct vt *vt, const char *query, const char *want,
		 int timeout_ms)
{
	return wait_sql(u, false, vt, query, want, timeout_ms);
}

bool ut_wait_drafts_sql(struct uitest *u, struct vt *vt, const char *query, const char *want,
			int timeout_ms)
{
	return wait_sql(u, true, vt, query, want, timeout_ms);
}

bool ut_demo(struct uitest *u, int argc, char **argv, char *id, size_t size)
{
	if (!ut_init(u, argc, argv))
		return false;
	char *out = NULL;
	ut_cli(u, &out, NULL, "demo", NULL);
	ut_last_line(out ? out : "", id, size);
	free(out);
	return *id != '\0';
}

int ut_type_slowly(struct vt *vt, const char *text)
{
	int missed = 0;
	for (const char *p = text; *p; p++) {
		int r0, c0, r, c;
		vt_cursor(vt, &r0, &c0);
		char one[2] = {*p, '\0'};
		vt_type(vt, one);
		long end = ut_ms() + T;
		do {
			vt_pump(vt, 20);
			vt_cursor(vt, &r, &c);
		} while (((r == r0 && c == c0) || !vt_at_frame_end(vt)) && ut_ms() < end);
		missed += r == r0 && c == c0;
	}
	return missed;
}

const char *ut_last_report(struct vt *vt, const char *tag)
{
	char full[64];
	snprintf(full, sizeof full, "\033]2;%s ", tag);
	size_t len, n = strlen(full);
	const char *raw = vt_raw(vt, &len), *last = NULL;
	for (const char *p = raw; p && (size_t)(p - raw) + n <= len;) {
		const char *hit = memmem(p, len - (size_t)(p - raw), full, n);
		if (!hit)
			break;
		last = hit + n;
		p = last;
	}
	return last;
}

bool ut_reloads(struct vt *vt, long *partial, long *whole)
{
	const char *last = ut_last_report(vt, "reloads");
	char *end;
	*partial = *whole = -1;
	if (!last)
		return false;
	*partial = strtol(last, &end, 10);
	return sscanf(end, " partial %ld whole", whole) == 1;
}

long ut_whole_draws(struct vt *vt)
{
	const char *last = ut_last_report(vt, "draws");
	return last ? strtol(last, NULL, 10) : -1;
}

void ut_new_demo(struct uitest *u, char *id, size_t size)
{
	char *out = NULL;
	ut_cli(u, &out, NULL, "demo", NULL);
	ut_last_line(out ? out : "", id, size);
	free(out);
}

struct vt *ut_open_demo(struct uitest *u, char *id, size_t size)
{
	ut_new_demo(u, id, size);
	struct vt *f = ut_spawn(u, 24, 100, id, NULL);
	if (f && !vt_wait_text(f, "Regardless", T)) {
		vt_free(f);
		f = NULL;
	}
	return f;
}
