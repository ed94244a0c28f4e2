/* A draft's journal (drafts_journal.h): the keys played back in order, as
 * far as they add up, whatever was cut short or written over. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/drafts_journal.h"
#include "tap.h"

static char dir[256];

static char *path_of(long long ekey)
{
	static char p[320];
	snprintf(p, sizeof p, "%s/%016llx", dir, (unsigned long long)ekey);
	return p;
}

/* Plays ekey's journal over whole; the text into out, the count into *n. */
static int play(long long ekey, const char *whole, char *out, size_t size, long *n)
{
	struct strbuf b = {0};
	sb_puts(&b, whole);
	*n = 0;
	int rc = journal_replay(dir, ekey, &b, n);
	snprintf(out, size, "%s", b.s);
	sb_free(&b);
	return rc;
}

static void type_three(long long ekey)
{
	struct err e = {0};
	int fd = -1;
	/* "pool" -> "pool ran" -> "pool ran dry" -> "the pool ran dry" */
	ok(journal_append(dir, ekey, &fd, 1, 4, 0, " ran", 4, &e) == 0, "a key appended (%s)", e.msg);
	ok(journal_append(dir, ekey, &fd, 2, 8, 0, " dry", 4, &e) == 0, "a second");
	ok(journal_append(dir, ekey, &fd, 3, 0, 0, "the ", 4, &e) == 0, "a third, at the start");
	close(fd);
}

static void test_played(void)
{
	char text[128];
	long n;
	type_three(7);
	ok(play(7, "pool", text, sizeof text, &n) == 0 && strcmp(text, "the pool ran dry") == 0 && n == 3,
	   "played in order: \"%s\" (%ld)", text, n);
	ok(play(8, "pool", text, sizeof text, &n) == 0 && strcmp(text, "pool") == 0 && n == 0,
	   "no journal: the draft as written whole");
	/* A cut: "the pool ran dry" less " ran". */
	struct err e = {0};
	int fd = -1;
	ok(journal_append(dir, 7, &fd, 4, 8, 4, "", 0, &e) == 0, "a deletion appended");
	close(fd);
	ok(play(7, "pool", text, sizeof text, &n) == 0 && strcmp(text, "the pool dry") == 0 && n == 4,
	   "and played: \"%s\"", text);
}

static void test_cut_short(void)
{
	char text[128];
	long n;
	type_three(9);
	struct stat sb;
	stat(path_of(9), &sb);
	ok(truncate(path_of(9), sb.st_size - 2) == 0, "the last record cut short (a crash in a write)");
	ok(play(9, "pool", text, sizeof text, &n) == -1 && strcmp(text, "pool ran dry") == 0 && n == 2,
	   "the keys before it, and it said: \"%s\" (%ld)", text, n);
	/* A byte of the second record written over. */
	type_three(10);
	int fd = open(path_of(10), O_RDWR);
	ok(fd >= 0 && pwrite(fd, "X", 1, 20 + 4 + 20 + 1) == 1, "a byte of the second record changed");
	close(fd);
	ok(play(10, "pool", text, sizeof text, &n) == -1 && strcmp(text, "pool ran") == 0 && n == 1,
	   "the first only: \"%s\" (%ld)", text, n);
	/* Records of another text (numbered after a gap, or beyond its end). */
	ok(play(7, "", text, sizeof text, &n) == JOURNAL_TORN && strcmp(text, "") == 0 && n == 0,
	   "over a text they do not fit, none is played");
}

/* After the rows a version 2 left: the journal goes on from their count. */
static void test_after_rows(void)
{
	struct err e = {0};
	int fd = -1;
	ok(journal_append(dir, 21, &fd, 3, 11, 0, " now", 4, &e) == 0, "a key numbered after two rows");
	close(fd);
	struct strbuf b = {0};
	sb_puts(&b, "version two");
	long n = 2;
	int rc = journal_replay(dir, 21, &b, &n);
	ok(rc == 0 && strcmp(b.s, "version two now") == 0 && n == 3, "played from the third: \"%s\" (%ld)",
	   b.s, n);
	sb_free(&b);
	sb_puts(&b, "version two");
	n = 0;
	rc = journal_replay(dir, 21, &b, &n);
	ok(rc == JOURNAL_TORN && strcmp(b.s, "version two") == 0,
	   "not over a text without the rows (numbered after a gap)");
	sb_free(&b);
	journal_remove(dir, 21);
}

/* A journal that cannot be read is said so, apart from one that stops. */
static void test_unread(void)
{
	ok(mkdir(path_of(22), 0700) == 0, "a folder where a journal would be");
	struct strbuf b = {0};
	sb_puts(&b, "kept");
	long n = 0;
	ok(journal_replay(dir, 22, &b, &n) == JOURNAL_UNREAD && strcmp(b.s, "kept") == 0,
	   "cannot be read: nothing played, and told apart from a torn one");
	sb_free(&b);
	rmdir(path_of(22));
	/* Started with stdin closed: the journal does not take its place. */
	int saved = dup(STDIN_FILENO);
	close(STDIN_FILENO);
	struct err e = {0};
	int fd = -1;
	ok(journal_append(dir, 23, &fd, 1, 0, 0, "x", 1, &e) == 0 && fd > 2,
	   "a journal is never fd 0, 1 or 2 (fd %d)", fd);
	close(fd);
	dup2(saved, STDIN_FILENO);
	close(saved);
	journal_remove(dir, 23);
}

static bool only_seven(long long ekey, void *ctx)
{
	(void)ctx;
	return ekey == 7;
}

static void test_swept(void)
{
	FILE *f = fopen(path_of(11), "w");
	if (f)
		fclose(f);
	char other[320];
	snprintf(other, sizeof other, "%s/not-a-journal", dir);
	f = fopen(other, "w");
	if (f)
		fclose(f);
	journal_sweep(dir, only_seven, NULL);
	ok(access(path_of(7), F_OK) == 0, "a journal a draft names is kept");
	ok(access(path_of(9), F_OK) != 0 && access(path_of(11), F_OK) != 0,
	   "those no draft names are removed");
	ok(access(other, F_OK) == 0, "and nothing else in the folder");
	journal_remove(dir, 7);
	ok(access(path_of(7), F_OK) != 0, "a journal removed with its draft written whole");
	unlink(other);
}

int main(void)
{
	char base[] = "/tmp/debrief-journal.XXXXXX";
	if (!mkdtemp(base))
		return 1;
	snprintf(dir, sizeof dir, "%s/drafts.db-edits", base);
	test_played(); /* (the folder is made by the first key) */
	test_cut_short();
	test_after_rows();
	test_unread();
	test_swept();
	rmdir(dir);
	rmdir(base);
	return done_testing();
}
