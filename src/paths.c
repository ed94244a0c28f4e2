/* Where things live, and writing files safely. */
#include "debrief/paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

int paths_database(const char *flag, struct strbuf *out, struct err *e)
{
	sb_reset(out);
	if (flag && *flag) {
		sb_puts(out, flag);
		return 0;
	}
	const char *env = getenv("DEBRIEF_DB");
	if (env && *env) {
		sb_puts(out, env);
		return 0;
	}
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/') { /* the spec says relative ones are ignored */
		sb_printf(out, "%s/debrief/debrief.db", xdg);
		return 0;
	}
	const char *home = getenv("HOME");
	if (!home || !*home)
		return err_set(e, "cannot find the database: set $HOME, $XDG_DATA_HOME, $DEBRIEF_DB or --db");
	sb_printf(out, "%s/.local/share/debrief/debrief.db", home);
	return 0;
}

/* $VAR/debrief/name when $VAR is an absolute path (the XDG spec ignores
 * relative ones), else ~/fallback/debrief/name. */
static int xdg_path(const char *var, const char *fallback, const char *name, const char *what,
		    struct strbuf *out, struct err *e)
{
	sb_reset(out);
	const char *xdg = getenv(var);
	if (xdg && xdg[0] == '/') {
		sb_printf(out, "%s/debrief%s", xdg, name);
		return 0;
	}
	const char *home = getenv("HOME");
	if (!home || !*home)
		return err_set(e, "cannot find %s: set $HOME or $%s", what, var);
	sb_printf(out, "%s/%s/debrief%s", home, fallback, name);
	return 0;
}

int paths_state_file(const char *name, struct strbuf *out, struct err *e)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", name, "where debrief keeps its state", out, e);
}

int paths_drafts(struct strbuf *out, struct err *e)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "/drafts.db", "where drafts go", out, e);
}

int paths_config_dir(struct strbuf *out, struct err *e)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "", "the settings", out, e);
}

void paths_sysconf_dir(struct strbuf *out)
{
	const char *env = getenv("DEBRIEF_SYSCONFDIR");
	sb_reset(out);
	sb_puts(out, env && *env ? env : "/etc/debrief");
}

int paths_config_file(const char *name, struct strbuf *out, struct err *e)
{
	if (paths_config_dir(out, e) != 0)
		return -1;
	sb_printf(out, "/%s", name);
	return 0;
}

static bool readable_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, R_OK) == 0;
}

int paths_share_file(const char *name, struct strbuf *out, struct err *e)
{
	const char *env = getenv("DEBRIEF_SHARE_DIR");
	sb_reset(out);
	if (env && *env) {
		sb_printf(out, "%s/%s", env, name);
		if (readable_file(out->s))
			return 0;
		return err_set(e, "cannot read %s (from $DEBRIEF_SHARE_DIR)", out->s);
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *dir = dirname(exe);
		/* The build tree keeps a copy in share/debrief beside the binary. */
		sb_reset(out);
		sb_printf(out, "%s/share/debrief/%s", dir, name);
		if (readable_file(out->s))
			return 0;
		/* An installed tree, wherever its prefix was moved to. */
		sb_reset(out);
		sb_printf(out, "%s/../share/debrief/%s", dir, name);
		if (readable_file(out->s))
			return 0;
	}
	sb_reset(out);
	sb_printf(out, "%s/%s", DEBRIEF_DATADIR, name);
	if (readable_file(out->s))
		return 0;
	return err_set(e, "cannot find %s: debrief is not installed completely (looked beside the program and in %s)",
		       name, DEBRIEF_DATADIR);
}

int paths_make_parents(const char *path, struct err *e)
{
	char *copy = xstrdup(path);
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			err_set(e, "cannot create the folder %s: %s", copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

void paths_expand_home(const char *path, struct strbuf *out)
{
	const char *home = getenv("HOME");
	sb_reset(out);
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home && *home)
		sb_printf(out, "%s%s", home, path + 1);
	else
		sb_puts(out, path);
}

static int write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* The temporary files of file_write_atomic are "<name>.debrief-XXXXXX",
 * locked while written: one left by a process that was killed is not
 * locked any more, and goes. */
#define TEMP_MARK ".debrief-"

static void remove_stale_temps(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t blen = strlen(base), mlen = strlen(TEMP_MARK);
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (strncmp(n, base, blen) != 0 || strncmp(n + blen, TEMP_MARK, mlen) != 0 ||
		    strlen(n + blen + mlen) != 6)
			continue;
		int fd = openat(dirfd(d), n, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		struct stat sb;
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dirfd(d), n, 0);
		close(fd);
	}
	closedir(d);
}

/* Writes straight into what is there: a device or a FIFO is written to,
 * as a shell's > would, not replaced by a file. */
static int write_into(const char *path, const char *data, size_t len, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "cannot write %s: %s", path, strerror(errno));
	int rc = write_all(fd, data, len);
	int saved = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	return rc == 0 ? 0 : err_set(e, "cannot write %s: %s", path, strerror(saved ? saved : EIO));
}

int file_write_atomic(const char *path, const char *data, size_t len, struct err *e)
{
	struct strbuf target = {0}, tmp = {0};
	paths_expand_home(path, &target);
	/* Through a symbolic link to the file it names, which is replaced in
	 * its own folder (the link stays a link). */
	struct stat sb;
	if (lstat(target.s, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		char *real = realpath(target.s, NULL);
		if (!real) {
			char link[4096];
			ssize_t n = readlink(target.s, link, sizeof link - 1);
			if (n > 0) {
				link[n] = '\0';
				if (link[0] != '/') { /* relative to the link's folder */
					char *slash = strrchr(target.s, '/');
					struct strbuf b = {0};
					if (slash)
						sb_printf(&b, "%.*s/", (int)(slash - target.s), target.s);
					sb_puts(&b, link);
					sb_reset(&target);
					sb_puts(&target, sb_str(&b));
					sb_free(&b);
				} else {
					sb_reset(&target);
					sb_puts(&target, link);
				}
			}
		} else {
			sb_reset(&target);
			sb_puts(&target, real);
			free(real);
		}
	}
	int rc = -1;
	if (stat(target.s, &sb) == 0 && (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))) {
		rc = write_into(target.s, data, len, e);
		goto out;
	}
	if (stat(target.s, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		rc = err_set(e, "cannot write %s: it is a folder", target.s);
		goto out;
	}
	char *slash = strrchr(target.s, '/');
	struct strbuf dir = {0};
	if (slash)
		sb_printf(&dir, "%.*s", slash == target.s ? 1 : (int)(slash - target.s), target.s);
	else
		sb_puts(&dir, ".");
	remove_stale_temps(sb_str(&dir), slash ? slash + 1 : target.s);
	sb_printf(&tmp, "%s" TEMP_MARK "XXXXXX", target.s);
	/* mkstemp creates the file 0600: exports are confidential too. */
	int fd = mkstemp(tmp.s);
	if (fd < 0) {
		err_set(e, "cannot write %s: %s", target.s, strerror(errno));
		sb_free(&dir);
		goto out;
	}
	flock(fd, LOCK_EX); /* ours while it is being written */
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0 || rename(tmp.s, target.s) != 0) {
		err_set(e, "cannot write %s: %s", target.s, strerror(errno ? errno : EIO));
		unlink(tmp.s);
		close(fd);
		sb_free(&dir);
		goto out;
	}
	close(fd);
	/* The rename itself survives a crash once the folder is on disk. */
	int dfd = open(sb_str(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	sb_free(&dir);
	rc = 0;
out:
	sb_free(&target);
	sb_free(&tmp);
	return rc;
}

int file_read_all(const char *path, size_t max, char **data, size_t *len,
		  struct err *e)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	const char *shown = is_stdin ? "standard input" : path;
	*data = NULL;
	*len = 0;
	if (fd < 0)
		return err_set(e, "cannot read %s: %s", shown, strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (!is_stdin)
			close(fd);
		return err_set(e, "cannot read %s: it is a folder", shown);
	}
	struct strbuf b = {0};
	char chunk[65536];
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_set(e, "cannot read %s: %s", shown, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		if (b.len + (size_t)r > max) {
			err_set(e, "%s is too large (more than %zu MiB)", shown, max >> 20);
			goto fail;
		}
		sb_add(&b, chunk, (size_t)r);
	}
	if (!is_stdin)
		close(fd);
	*len = b.len;
	*data = sb_take(&b);
	return 0;
fail:
	if (!is_stdin)
		close(fd);
	sb_free(&b);
	return -1;
}
