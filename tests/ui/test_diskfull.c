/* A full disk: typed text that cannot be written is kept on screen, the
 * bar says NOT SAVED, the file stays sound, and once space returns the next
 * key saves it all. Needs root to mount a small tmpfs; skipped otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;

/* Fills the filesystem at dir until it says no more. */
static void fill(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	static char block[4096];
	memset(block, 'x', sizeof block);
	while (fd >= 0 && write(fd, block, sizeof block) > 0)
		;
	/* The last few bytes too. */
	while (fd >= 0 && write(fd, block, 1) > 0)
		;
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	if (!ut_init(&u, argc, argv))
		return 1;
	char mnt[400], db[450], filler[450];
	snprintf(mnt, sizeof mnt, "%s/small", u.dir);
	mkdir(mnt, 0700);
	if (geteuid() != 0 || mount("tmpfs", mnt, "tmpfs", 0, "size=768k") != 0) {
		printf("ok 1 # SKIP needs root to mount a small tmpfs (%s)\n", strerror(errno));
		printf("1..1\n");
		ut_done(&u);
		return 0;
	}
	snprintf(db, sizeof db, "%s/full.db", mnt);
	snprintf(filler, sizeof filler, "%s/filler", mnt);
	ut_setenv(&u, "DEBRIEF_DB", db);
	ut_setenv(&u, "XDG_STATE_HOME", mnt); /* the drafts file, on the small disk too */
	char *out = NULL, id[64];
	ok(ut_cli(&u, &out, NULL, "new", "Disk full drill", NULL) == 0, "a retrospective on a small disk");
	ut_last_line(out ? out : "", id, sizeof id);
	free(out);

	struct vt *vt = ut_spawn(&u, 24, 80, id, NULL);
	ok(vt && vt_wait_text(vt, "✓ saved", T), "opens, everything saved");
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Enter save note", T);
	fill(filler);
	/* A long paste: the draft needs room the disk no longer has. */
	char *big = malloc(40001);
	for (int i = 0; i < 40000; i++)
		big[i] = "disk full drill "[i % 16];
	big[40000] = '\0';
	vt_send(vt, big, 40000);
	vt_type(vt, "END");
	ok(vt_wait_text(vt, "NOT SAVED", T), "the bar says the text is not saved");
	ok(vt_wait_text(vt, "disk is full", T), "and why");
	ok(vt_wait_text(vt, "drill END", T), "the text stays on screen");

	unlink(filler);
	vt_type(vt, "!");
	ok(vt_wait_text(vt, "✓ saved", T), "once space returns, the next key saves it");
	vt_key(vt, "Enter");
	ok(ut_quit(vt), "quits");
	vt_free(vt);

	char cmd[600], line[64] = "";
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA integrity_check; SELECT length(body) FROM note;'", db);
	FILE *p = popen(cmd, "r");
	char ic[64] = "";
	if (p) {
		if (!fgets(ic, sizeof ic, p) || !fgets(line, sizeof line, p))
			line[0] = '\0';
		pclose(p);
	}
	ok(strncmp(ic, "ok", 2) == 0, "the database passes integrity_check");
	ok(atoi(line) == 40004, "the whole note is stored after all (%d bytes)", atoi(line));
	free(big);
	umount(mnt);
	ut_done(&u);
	return done_testing();
}
