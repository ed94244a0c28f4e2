/* Storage: the keys typed into a draft since it was last written whole,
 * each appended to a file of the draft's own (drafts_journal.h). */
#include "drafts_journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* A record: five numbers (little-endian, 32 bits), then the bytes put. */
#define HEAD 20
/* A journal longer than this is not read (a draft is a field, not a book:
 * it is written whole again every 4,096 keys). */
#define JOURNAL_MAX (64L << 20)

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* FNV-1a over the record's first four numbers and its bytes: a record cut
 * short, or written over, does not add up. */
static uint32_t sum_of(const unsigned char *head, const char *bytes, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < 16; i++)
		h = (h ^ head[i]) * 16777619u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)bytes[i]) * 16777619u;
	return h;
}

static void path_of(const char *dir, long long ekey, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%016llx", dir, (unsigned long long)ekey);
}

int journal_append(const char *dir, long long ekey, int *fd, long seq, size_t at, size_t cut,
		   const char *bytes, size_t put, struct err *e)
{
	if (at > UINT32_MAX || cut > UINT32_MAX || put > UINT32_MAX || seq < 1 || seq > UINT32_MAX)
		return err_set(e, "cannot save the draft: too long");
	if (*fd < 0) {
		char path[PATH_MAX];
		path_of(dir, ekey, path, sizeof path);
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return err_set(e, "cannot save the draft: %s: %s", dir, strerror(errno));
		*fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (*fd >= 0 && *fd <= 2) {
			/* (started with stdin, stdout or stderr closed: what is
			 * written there must not land in the journal) */
			int high = fcntl(*fd, F_DUPFD_CLOEXEC, 3);
			close(*fd);
			*fd = high;
		}
		if (*fd < 0)
			return err_set(e, "cannot save the draft: %s: %s", path, strerror(errno));
	}
	unsigned char head[HEAD];
	put32(head, (uint32_t)seq);
	put32(head + 4, (uint32_t)at);
	put32(head + 8, (uint32_t)cut);
	put32(head + 12, (uint32_t)put);
	put32(head + 16, sum_of(head, bytes, put));
	struct iovec v[2] = {{head, HEAD}, {(void *)bytes, put}};
	ssize_t n = writev(*fd, v, put ? 2 : 1);
	if (n != (ssize_t)(HEAD + put)) {
		/* (What was written of it does not add up: the draft is read up
		 * to the key before, and the caller writes it whole next.) */
		int err = n < 0 ? errno : ENOSPC;
		close(*fd);
		*fd = -1;
		return err_set(e, "cannot save the draft: %s", strerror(err));
	}
	return 0;
}

int journal_replay(const char *dir, long long ekey, struct strbuf *text, long *edits)
{
	char path[PATH_MAX];
	path_of(dir, ekey, path, sizeof path);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : JOURNAL_UNREAD;
	struct stat sb;
	char *all = NULL;
	size_t len = 0;
	int rc = JOURNAL_UNREAD;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size <= JOURNAL_MAX) {
		len = (size_t)sb.st_size;
		all = xmalloc(len + 1);
		size_t got = 0;
		ssize_t r = 1;
		while (got < len && (r = read(fd, all + got, len - got)) != 0) {
			if (r < 0 && errno != EINTR)
				break;
			got += r > 0 ? (size_t)r : 0;
		}
		len = got;
		rc = r < 0 ? JOURNAL_UNREAD : 0;
	}
	close(fd);
	for (size_t p = 0; rc == 0 && p < len;) {
		const unsigned char *h = (const unsigned char *)all + p;
		if (len - p < HEAD) {
			rc = JOURNAL_TORN;
			break;
		}
		uint32_t seq = get32(h), at = get32(h + 4), cut = get32(h + 8), put = get32(h + 12);
		if (put > len - p - HEAD || get32(h + 16) != sum_of(h, all + p + HEAD, put) ||
		    (long)seq != *edits + 1 || at > text->len || cut > text->len - at) {
			rc = JOURNAL_TORN; /* not the next edit of this text: keep what it was */
			break;
		}
		struct strbuf next = {0};
		sb_add(&next, text->s, at);
		sb_add(&next, all + p + HEAD, put);
		sb_add(&next, text->s + at + cut, text->len - at - cut);
		sb_free(text);
		*text = next;
		*edits = (long)seq;
		p += HEAD + put;
	}
	free(all);
	return rc;
}

void journal_remove(const char *dir, long long ekey)
{
	char path[PATH_MAX];
	path_of(dir, ekey, path, sizeof path);
	unlink(path);
}

void journal_sweep(const char *dir, bool (*live)(long long ekey, void *ctx), void *ctx)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	/* The names first, then whether each is still a draft's: a journal is
	 * made only after its draft was written, so one listed here that no
	 * draft names is one left behind. */
	long long *keys = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		char *end;
		if (strlen(de->d_name) != 16)
			continue;
		unsigned long long k = strtoull(de->d_name, &end, 16);
		if (*end || k == 0 || k > INT64_MAX)
			continue;
		keys = xrealloc(keys, (n + 1) * sizeof *keys);
		keys[n++] = (long long)k;
	}
	closedir(dp);
	for (size_t i = 0; i < n; i++)
		if (!live(keys[i], ctx))
			journal_remove(dir, keys[i]);
	free(keys);
}
