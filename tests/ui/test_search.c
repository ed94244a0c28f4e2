/* Searching the retrospective on screen (issue 13): / asks for words, the
 * first match is shown on its stage with its record highlighted, n and N
 * walk the others (round the end); in any case, and nothing typed is
 * taken as search syntax. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

static bool counted(const char *path, const char *line)
{
	char *all = ut_read_file(path);
	bool found = all && strstr(all, line);
	free(all);
	return found;
}

static void search(struct vt *vt, const char *words)
{
	vt_key(vt, "/");
	vt_wait_text(vt, "Search:", T);
	vt_key(vt, "C-u");
	vt_type(vt, words);
	vt_key(vt, "Enter");
}

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	char counts[600];
	/* (not beside the database: its lines would wake the terminal) */
	snprintf(counts, sizeof counts, "%s/state/search.counts", u.dir);
	ut_setenv(&u, "DEBRIEF_TEST_COUNTS", counts);
	struct vt *vt = ut_spawn(&u, 30, 100, id, NULL);
	ut_setenv(&u, "DEBRIEF_TEST_COUNTS", "");
	vt_wait_text(vt, "Who is here", T);
	vt_key(vt, "n");
	ok(vt_wait_text(vt, "Nothing searched yet: / searches this retrospective.", T), "n before a search says how");
	search(vt, "pool");
	ok(vt_wait_text(vt, "Match 1 of 9 for “pool”, in the title: n next, N back, W everywhere.", T),
	   "the first match, how many, and how to walk them");
	vt_key(vt, "n");
	ok(vt_wait_text(vt, "Match 2 of 9 for “pool”, in an event", T), "n: the next");
	ok(vt_wait_text(vt, "›09:42", T), "on the timeline, the event highlighted");
	vt_key(vt, "N");
	ok(vt_wait_text(vt, "Match 1 of 9", T), "N: back");
	vt_key(vt, "N");
	ok(vt_wait_text(vt, "Match 9 of 9 for “pool”, in an action item", T), "round the start to the last");
	ok(vt_wait_text(vt, "›Sam          2026-11-27", T) && vt_find_row(vt, "Notes on action: Add the connection pool") > 0,
	   "the action item highlighted on its stage");
	search(vt, "SATURATION");
	ok(vt_wait_text(vt, "Match 1 of 3 for “SATURATION”", T), "any case");
	search(vt, "zzzz");
	ok(vt_wait_text(vt, "Nothing in this retrospective matches “zzzz”.", T), "nothing found: said");
	ok(vt_find_row(vt, "Search:") >= 0, "and the line stays to change");
	vt_key(vt, "C-u");
	vt_type(vt, "\"(*");
	vt_key(vt, "Enter");
	ok(vt_wait_text(vt, "Nothing in this retrospective matches “\"(*”.", T), "search syntax is only text");
	vt_key(vt, "Esc");

	/* The index follows an event deleted and brought back by u. */
	search(vt, "tickets");
	ok(vt_wait_text(vt, "Match 1 of 2 for “tickets”, in an event", T), "two events hold 'tickets'");
	vt_key(vt, "d");
	vt_wait_text(vt, "y/n", T);
	vt_key(vt, "y");
	vt_wait_text(vt, "u brings it back", T);
	search(vt, "tickets");
	ok(vt_wait_text(vt, "Match 1 of 1 for “tickets”", T), "deleted: one left to find");
	vt_key(vt, "u");
	vt_wait_text(vt, "Undone", T);
	search(vt, "tickets");
	ok(vt_wait_text(vt, "Match 1 of 2 for “tickets”", T), "brought back by u: found again");
	vt_key(vt, "Esc");

	/* A note saved waits to be indexed with others: a quiet moment (a
	 * second without a key) puts it in, with no search asking; another
	 * terminal's search finds a note this one just saved. */
	vt_key(vt, "Tab");
	vt_wait_text(vt, "Type a note", T);
	vt_type(vt, "The grommet cracked");
	vt_key(vt, "Enter");
	vt_wait_text(vt, "Alex  The grommet cracked", T); /* (saved, signed) */
	/* (Asked only once the terminal says its quiet moment came: each
	 * look at the file by the sqlite3 shell wakes it.) */
	ok(truncate(counts, 0) == 0, "the terminal's counts emptied");
	long end = ut_ms() + T;
	while (!counted(counts, "checkpoint quiet") && ut_ms() < end)
		vt_pump(vt, 100);
	char *indexed = ut_sql(&u, "SELECT (SELECT count(*) FROM search_queue) || ' ' || (SELECT"
				   " count(*) FROM search_words WHERE search_words MATCH 'grommet')");
	ok(indexed && strcmp(indexed, "0 1") == 0,
	   "a saved note is in the index after a quiet moment, with no search asking (%s)",
	   indexed ? indexed : "?");
	free(indexed);
	vt_type(vt, "The flywheel wobbled");
	vt_key(vt, "Enter");
	vt_wait_text(vt, "Alex  The flywheel wobbled", T);
	char *found = NULL;
	int rc = ut_cli(&u, &found, NULL, "search", "flywheel", NULL);
	ok(rc == 0 && found && strstr(found, "The «flywheel» wobbled"),
	   "another program's search finds the note just saved");
	free(found);
	/* Many waiting (another program wrote 600 events): a quiet moment
	 * indexes a batch of 256, the next the next, so that no quiet moment
	 * holds the file for long. */
	free(ut_sql(&u, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 600)"
			" INSERT INTO event(id, retro_id, at, offset_min, kind, text, created_at)"
			" SELECT printf('0000c0c0-0000-4000-8000-%012d', i), retro_id, at + i, offset_min,"
			" 'other', 'sprocket ' || i, created_at FROM k, (SELECT * FROM event LIMIT 1)"));
	vt_type(vt, "A cog slipped");
	vt_key(vt, "Enter");
	vt_wait_text(vt, "Alex  A cog slipped", T);
	char seen[64] = "";
	int looks = 0;
	bool batches = true;
	long left = 601;
	while (left > 0 && looks < 5) {
		ok(truncate(counts, 0) == 0, "the terminal's counts emptied");
		end = ut_ms() + T;
		while (!counted(counts, "checkpoint quiet") && ut_ms() < end)
			vt_pump(vt, 100);
		char *n = ut_sql(&u, "SELECT count(*) FROM search_queue");
		long now = n ? atol(n) : -1;
		free(n);
		batches = batches && (now == left - 256 || (left < 256 && now == 0));
		size_t len = strlen(seen);
		snprintf(seen + len, sizeof seen - len, "%s%ld", len ? ", " : "", now);
		left = now;
		looks++;
	}
	ok(left == 0 && batches && looks == 3,
	   "601 texts waiting go in a batch of 256 a quiet moment (left after each: %s)", seen);
	vt_key(vt, "Esc");
	vt_key(vt, "q");
	ok(ut_exited(vt, 0), "quits");
	vt_free(vt);

	struct vt *viewer = ut_spawn(&u, 30, 100, "--view", id, NULL);
	vt_wait_text(viewer, "following", T);
	search(viewer, "rollback");
	ok(vt_wait_text(viewer, "Match 1 of", T), "a viewer searches too");
	ok(vt_wait_gone(viewer, "· following", T), "and stops following to look");
	vt_key(viewer, "q");
	ok(ut_exited(viewer, 0), "quits");
	vt_free(viewer);
	ut_done(&u);
	return done_testing();
}
