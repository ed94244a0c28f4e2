/* The inotify watch on the database's folder (watch.h). */
#include "debrief/watch.h"

#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "debrief/text.h"

int watch_open(const char *db_path)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	/* The folder, not the files: SQLite creates and removes the -wal file
	 * as connections come and go. */
	char *dir = xstrdup(db_path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	if (inotify_add_watch(fd, dir, IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
		close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}

bool watch_drain(int fd)
{
	char buf[4096];
	bool any = false;
	if (fd < 0)
		return false;
	while (read(fd, buf, sizeof buf) > 0)
		any = true;
	return any;
}

void watch_close(int fd)
{
	if (fd >= 0)
		close(fd);
}
