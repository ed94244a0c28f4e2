/* Storage: what this user's debrief last saw of each database it checked
 * and then left, so that a command that writes skips SQLite's quick check
 * of a file exactly as a debrief left it (the check reads the whole file:
 * 90 ms for 100 MB, at every start). The file and its write-ahead log are
 * known by device, inode, size and time of last change; anything else
 * writing either (another tool, a copy, a crash before the record) makes
 * them differ, and the next command checks again. The record is a line a
 * database in $XDG_STATE_HOME/debrief/checked, rewritten whole and renamed
 * into place; losing a record only costs a check. */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "debrief/paths.h"

#define VOUCH_KEEP 64 /* databases remembered, the latest first */

struct file_state {
	long long dev, ino, size, sec, nsec;
	long long wal_size, wal_sec, wal_nsec; /* -1, 0, 0: no log */
};

static bool state_of(const char *path, struct file_state *fs)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return false;
	*fs = (struct file_state){(long long)sb.st_dev, (long long)sb.st_ino, (long long)sb.st_size,
				  (long long)sb.st_mtim.tv_sec, (long long)sb.st_mtim.tv_nsec, -1, 0, 0};
	char wal[4096];
	if ((size_t)snprintf(wal, sizeof wal, "%s-wal", path) >= sizeof wal)
		return false;
	/* (An empty log is as good as none: SQLite makes one on opening.) */
	struct stat ws;
	if (stat(wal, &ws) != 0) {
		if (errno != ENOENT)
			return false;
	} else if (ws.st_size > 0) {
		fs->wal_size = (long long)ws.st_size;
		fs->wal_sec = (long long)ws.st_mtim.tv_sec;
		fs->wal_nsec = (long long)ws.st_mtim.tv_nsec;
	}
	return true;
}

static void state_line(const struct file_state *fs, char *buf, size_t size)
{
	snprintf(buf, size, "1 %lld %lld %lld %lld %lld %lld %lld %lld\n", fs->dev, fs->ino, fs->size,
		 fs->sec, fs->nsec, fs->wal_size, fs->wal_sec, fs->wal_nsec);
}

/* The record's lines, up to VOUCH_KEEP (NULL: none). */
static FILE *records(struct strbuf *path)
{
	struct err e;
	if (paths_state_file("/checked", path, &e) != 0)
		return NULL;
	return fopen(path->s, "re");
}

bool store_vouched(const char *db_path)
{
	struct file_state fs;
	struct strbuf path = {0};
	bool found = false;
	if (state_of(db_path, &fs)) {
		char want[256], line[256];
		state_line(&fs, want, sizeof want);
		FILE *f = records(&path);
		while (f && !found && fgets(line, sizeof line, f))
			found = strcmp(line, want) == 0;
		if (f)
			fclose(f);
	}
	sb_free(&path);
	return found;
}

/* The same device and inode: the same database, whatever its state. */
static bool same_file(const char *a, const char *b)
{
	long long da, ia, db, ib;
	return sscanf(a, "1 %lld %lld", &da, &ia) == 2 && sscanf(b, "1 %lld %lld", &db, &ib) == 2 &&
	       da == db && ia == ib;
}

void store_vouch(const char *db_path)
{
	struct file_state fs;
	struct strbuf path = {0}, tmp = {0}, body = {0};
	char now[256], line[256];
	if (!state_of(db_path, &fs))
		return;
	state_line(&fs, now, sizeof now);
	sb_puts(&body, now);
	FILE *f = records(&path);
	for (int kept = 1; f && kept < VOUCH_KEEP && fgets(line, sizeof line, f);)
		if (!same_file(line, now) && strncmp(line, "1 ", 2) == 0 && strchr(line, '\n')) {
			sb_puts(&body, line);
			kept++;
		}
	if (f)
		fclose(f);
	struct err e;
	if (path.s && paths_make_parents(path.s, &e) == 0) {
		sb_printf(&tmp, "%s.%ld", path.s, (long)getpid());
		FILE *out = fopen(tmp.s, "we");
		bool ok = out && fwrite(body.s, 1, body.len, out) == body.len;
		if (out && fclose(out) != 0)
			ok = false;
		if (!ok || rename(tmp.s, path.s) != 0)
			unlink(tmp.s);
	}
	sb_free(&path);
	sb_free(&tmp);
	sb_free(&body);
}
