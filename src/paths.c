/* Where things live, and writing files safely. */
#include "debrief/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int paths_drafts(struct strbuf *out, struct err *e)
{
	sb_reset(out);
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && xdg[0] == '/') {
		sb_printf(out, "%s/debrief/drafts.db", xdg);
		return 0;
	}
	const char *home = getenv("HOME");
	if (!home || !*home)
		return err_set(e, "cannot find where drafts go: set $HOME or $XDG_STATE_HOME");
	sb_printf(out, "%s/.local/state/debrief/drafts.db", home);
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

int file_write_atomic(const char *path, const char *data, size_t len, struct err *e)
{
	struct strbuf tmp = {0};
	sb_printf(&tmp, "%s.XXXXXX", path);
	/* mkstemp creates the file 0600: exports are confidential too. */
	int fd = mkstemp(tmp.s);
	if (fd < 0) {
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		sb_free(&tmp);
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		done += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp.s, path) != 0)
		goto fail;
	sb_free(&tmp);
	return 0;
fail:
	err_set(e, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
	if (fd >= 0)
		close(fd);
	unlink(tmp.s);
	sb_free(&tmp);
	return -1;
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
