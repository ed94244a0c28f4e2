/* $VISUAL or $EDITOR on a text being typed: a long note, a long field.
 * The text goes to a temporary file, the editor runs on the terminal, and
 * what it left comes back; a text that cannot be taken stays in its file,
 * named, so nothing typed there is lost. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "debrief/paths.h"
#include "ui_internal.h"

#define EDITOR_MAX_BYTES (256u * 1024)

/* The editor runs as git runs it: through the shell, so that $EDITOR may
 * hold arguments and a quoted path ("'/opt/My Editor/bin/ed' -w"); the
 * file comes after them as "$1". */
static char **editor_argv(const char *editor, const char *file)
{
	struct strbuf cmd = {0};
	sb_printf(&cmd, "%s \"$@\"", editor);
	char **argv = xcalloc(6, sizeof *argv);
	argv[0] = xstrdup("/bin/sh");
	argv[1] = xstrdup("-c");
	argv[2] = sb_take(&cmd);
	argv[3] = xstrdup(editor); /* $0, for the shell's messages */
	argv[4] = xstrdup(file);
	return argv;
}

static int run_editor(const char *editor, const char *path)
{
	char **argv = editor_argv(editor, path);
	int status = -1;
	term_suspend();
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	term_resume();
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
	return status;
}

char *ui_editor_run(struct ui *ui, const char *what, const char *text, char *path, size_t size)
{
	/* The settings' (which are $VISUAL's, else $EDITOR's, when they name
	 * none), as git's core.editor. */
	const char *editor = ui->opt && ui->opt->editor && *ui->opt->editor ? ui->opt->editor : getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	const char *tmpdir = getenv("TMPDIR");
	snprintf(path, size, "%s/debrief-%s.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp", what);
	int fd = mkstemp(path);
	if (fd < 0) {
		ui_message(ui, true, "cannot make a temporary file: %s", strerror(errno));
		path[0] = '\0';
		return NULL;
	}
	size_t len = strlen(text);
	bool written = write(fd, text, len) == (ssize_t)len;
	close(fd);
	int status = written ? run_editor(editor, path) : -1;
	char *data = NULL;
	size_t n = 0;
	struct err e = {0};
	ui->dirty = DIRTY_ALL;
	if (!written || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_message(ui, true, "the editor (%s) failed; the %s is unchanged", editor, what);
		ui_editor_done(path, false);
	} else if (file_read_all(path, EDITOR_MAX_BYTES, &data, &n, &e) != 0) {
		ui_message(ui, true, "%s; the text is kept in %s", e.msg, path);
	} else if (memchr(data, '\0', n)) {
		ui_message(ui, true, "the text holds a NUL byte, which a %s cannot; it is kept in %s",
			   what, path);
		free(data);
		data = NULL;
	}
	return data;
}

void ui_editor_done(char *path, bool keep)
{
	if (!keep && path[0])
		unlink(path);
}
