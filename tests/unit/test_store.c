/* Unit tests: the storage layer on a temporary file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "debrief/store.h"
#include "tap.h"

static char dir[256];

static char *path_in(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
}

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

/* The file is refused and left byte-for-byte as it was. */
static void refused_untouched(const char *path, const char *want_msg, const char *what)
{
	size_t n0, n1;
	char *before = read_file(path, &n0);
	struct store *st = NULL;
	struct err e = {0};
	ok(store_open(path, STORE_CREATE, &st, &e) != 0 && st == NULL, "%s is refused", what);
	ok(strstr(e.msg, want_msg) != NULL, "%s: says '%s' (got: %s)", what, want_msg, e.msg);
	char *after = read_file(path, &n1);
	ok(n0 == n1 && memcmp(before, after, n0) == 0, "%s is left untouched", what);
	char wal[600];
	snprintf(wal, sizeof wal, "%s-wal", path);
	ok(access(wal, F_OK) != 0, "%s: no WAL file appears beside it", what);
	free(before);
	free(after);
}

static void test_create_and_read(void)
{
	struct store *st;
	struct err e = {0};
	const char *path = path_in("sub/dir/new.db");
	ok(store_open(path, STORE_READ, &st, &e) != 0, "reading a missing file fails");
	ok(strstr(e.msg, "no database at") != NULL, "and says so: %s", e.msg);
	ok(store_open(path, STORE_CREATE, &st, &e) == 0, "creates a new file and its folders: %s", e.msg);
	struct stat sb;
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "the file is owner-only");
	ok(stat(path_in("sub/dir"), &sb) == 0 && (sb.st_mode & 0777) == 0700, "its folder is owner-only");

	struct question qs[2] = {{.title = "Q1?", .prompts = "a\nb"}, {.title = "Q2?", .prompts = ""}};
	struct retro r = {0};
	r.title = "Outage";
	r.incident_date = "2026-11-24";
	r.severity = "SEV2";
	ok(store_create_retro(st, &r, qs, 2, &e) == 0, "creates a retrospective: %s", e.msg);
	is_int(strlen(r.id), 36, "with a UUID");

	struct event ev[3] = {
		{.time = {1000, 60}, .kind = EV_DETECTION, .text = "second"},
		{.time = {500, 60}, .kind = EV_TRIGGER, .mark = MARK_LUCKY, .text = "first"},
		{.time = {1000, 0}, .kind = EV_OTHER, .text = "third, same time"},
	};
	ok(store_add_events(st, r.id, ev, 3, &e) == 0, "adds events: %s", e.msg);
	struct event *got;
	size_t n;
	ok(store_list_events(st, r.id, &got, &n, &e) == 0 && n == 3, "lists them");
	is_str(got[0].text, "first", "in time order");
	is_str(got[2].text, "third, same time", "ties keep insertion order");
	is_int(got[0].mark, MARK_LUCKY, "marks round-trip");
	is_int(got[1].time.offset_min, 60, "offsets round-trip");
	store_free_events(got, n);

	struct question *q;
	ok(store_list_questions(st, r.id, &q, &n, &e) == 0 && n == 2, "questions were copied in");
	is_str(q[0].prompts, "a\nb", "with their prompts");
	struct note note = {.stage = STAGE_QUESTIONS, .role = ROLE_SCRIBE, .body = "a note"};
	strcpy(note.question_id, q[0].id);
	ok(store_add_note(st, r.id, &note, &e) == 0, "adds a note");
	store_free_questions(q, n);

	struct action a = {.title = "Fix it", .owner = "Priya", .type = ACT_PREVENT};
	ok(store_add_action(st, r.id, &a, &e) == 0, "adds an action");
	struct action b = {.title = "Other", .type = ACT_DETECT, .status = ACT_DONE};
	ok(store_add_action(st, r.id, &b, &e) == 0, "adds another");
	struct action *acts;
	ok(store_list_all_actions(st, &(struct action_filter){.open = true}, &acts, &n, &e) == 0 && n == 1, "lists open actions across retros");
	is_str(acts[0].retro_title, "Outage", "with their retrospective");
	is_int(acts[0].priority, PRIO_P2, "priority defaults to P2");
	store_free_actions(acts, n);
	ok(store_list_all_actions(st, &(struct action_filter){.owner = "@priya"}, &acts, &n, &e) == 0 && n == 1,
	   "filters by owner, any case, with or without @");
	store_free_actions(acts, n);

	char id[ID_LEN];
	struct strbuf cands = {0};
	char prefix[5];
	memcpy(prefix, r.id, 4);
	prefix[4] = '\0';
	is_int(store_resolve_retro(st, prefix, false, id, &cands, &e), ST_OK, "resolves a prefix");
	is_str(id, r.id, "to the id");
	is_int(store_resolve_retro(st, "zz", false, id, &cands, &e), ST_NOT_FOUND, "an unknown prefix");
	struct retro r2 = {.title = "Second"};
	store_create_retro(st, &r2, NULL, 0, &e);
	is_int(store_resolve_retro(st, "", false, id, &cands, &e), ST_NOT_FOUND, "an empty prefix matches nothing");
	struct retro_summary *list;
	ok(store_list_retros(st, NULL, &list, &n, &e) == 0 && n == 2, "lists retrospectives");
	is_int(list[0].retro.incident_date == NULL || list[1].retro.incident_date == NULL, 1, "both are there");
	int k = strcmp(list[0].retro.title, "Outage") == 0 ? 0 : 1;
	is_int(list[k].events, 3, "with event counts");
	is_int(list[k].notes, 1, "note counts");
	is_int(list[k].actions_open, 1, "open action counts");
	store_free_retro_summaries(list, n);
	size_t retros;
	ok(store_count_retros(st, NULL, &retros, &e) == 0 && retros == 2, "counts them");
	struct retro_summary *page;
	size_t np;
	ok(store_list_retros_page(st, NULL, 1, 5, &page, &np, &e) == 0 && np == 1, "a page from the second on");
	store_list_retros(st, NULL, &list, &n, &e);
	is_str(page[0].retro.id, list[1].retro.id, "in the listing's order");
	store_free_retro_summaries(page, np);
	store_free_retro_summaries(list, n);
	ok(store_list_retros_page(st, NULL, 2, 5, &page, &np, &e) == 0 && np == 0, "past the end, none");
	store_free_retro_summaries(page, np);

	/* The counts follow deletes and status changes. */
	struct event *evs;
	size_t ne;
	store_list_events(st, r.id, &evs, &ne, &e);
	ok(store_delete_event(st, r.id, evs[0].id, &e) == 0, "deletes an event");
	store_free_events(evs, ne);
	struct action *mine;
	size_t na;
	store_list_actions(st, r.id, &mine, &na, &e);
	for (size_t i = 0; i < na; i++)
		if (mine[i].status == ACT_OPEN) {
			mine[i].status = ACT_DROPPED;
			ok(store_update_action(st, r.id, &mine[i], &e) == ST_OK, "drops the open action");
		}
	store_free_actions(mine, na);
	ok(store_list_retros(st, NULL, &list, &n, &e) == 0, "lists again");
	k = strcmp(list[0].retro.title, "Outage") == 0 ? 0 : 1;
	is_int(list[k].events, 2, "one event fewer");
	is_int(list[k].actions_open, 0, "no open action");
	is_int(list[k].actions, 2, "both actions still there");
	store_free_retro_summaries(list, n);

	/* Open items of earlier retrospectives: the most urgent first,
	 * limited, counted. */
	struct retro other = {.title = "Other retro", .incident_date = "2000-01-01"};
	store_create_retro(st, &other, NULL, 0, &e);
	const char *dues[] = {"2026-12-09", NULL, "2026-12-01", NULL, "2026-12-05"};
	for (int i = 0; i < 5; i++) {
		struct action x = {.title = (char *)"item", .type = ACT_PREVENT, .due = (char *)dues[i],
				   .created_at = 1000 + i};
		char title[16];
		snprintf(title, sizeof title, "item %d", i);
		x.title = title;
		store_add_action(st, other.id, &x, &e);
	}
	size_t total;
	ok(store_list_open_elsewhere(st, r.id, 4, &acts, &n, &total, &e) == 0, "lists open items elsewhere");
	is_int(n, 4, "at most the limit");
	is_int(total, 5, "and counts them all");
	is_str(acts[0].title, "item 2", "the soonest due first");
	is_str(acts[1].title, "item 4", "then the next");
	is_str(acts[2].title, "item 0", "then the last dated");
	is_str(acts[3].title, "item 3", "then the newest undated");
	is_str(acts[0].retro_title, "Other retro", "each with its retrospective");
	store_free_actions(acts, n);
	ok(store_list_open_elsewhere(st, other.id, 10, &acts, &n, &total, &e) == 0 && n == 0 && total == 0,
	   "a retrospective's own items are not 'elsewhere'");
	store_free_actions(acts, n);
	struct retro later = {.title = "Later retro", .incident_date = "2099-01-01"};
	store_create_retro(st, &later, NULL, 0, &e);
	struct action lx = {.title = (char *)"from the future", .type = ACT_PREVENT, .created_at = 2000};
	store_add_action(st, later.id, &lx, &e);
	ok(store_list_open_elsewhere(st, r.id, 10, &acts, &n, &total, &e) == 0 && n == 5 && total == 5,
	   "a later retrospective's items are not listed as earlier ones (%zu, %zu)", n, total);
	store_free_actions(acts, n);
	sb_free(&cands);
	store_close(st);

	ok(store_open(path, STORE_WRITE, &st, &e) == 0, "reopens: %s", e.msg);
	struct retro back;
	is_int(store_get_retro(st, r.id, &back, &e), ST_OK, "the retrospective survived");
	is_str(back.severity, "SEV2", "with its fields");
	retro_free(&back);
	is_int(store_get_retro(st, "nope", &back, &e), ST_NOT_FOUND, "a missing id is not found");
	store_close(st);
}

static void test_hostile_files(void)
{
	const char *junk = path_in("junk.db");
	write_file(junk, "this is not a database at all, just text\n", 42);
	refused_untouched(junk, "not a debrief database", "a text file");

	const char *tiny = path_in("tiny.db");
	write_file(tiny, "SQLite", 6);
	refused_untouched(tiny, "not a debrief database", "a truncated header");

	/* Another program's SQLite file. */
	const char *other = path_in("other.db");
	struct store *st;
	struct err e = {0};
	{
		char cmd[700];
		snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'CREATE TABLE t(x); INSERT INTO t VALUES(1);'", other);
		if (system(cmd) == 0)
			refused_untouched(other, "another program", "another program's database");
		else
			ok(1, "# SKIP sqlite3 shell not available");
	}
	/* A database from a newer debrief. */
	const char *newer = path_in("newer.db");
	ok(store_open(newer, STORE_CREATE, &st, &e) == 0, "creates a database to age");
	store_close(st);
	{
		char cmd[700];
		snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA journal_mode=DELETE; PRAGMA user_version=99;' >/dev/null", newer);
		if (system(cmd) == 0)
			refused_untouched(newer, "newer debrief", "a newer schema");
		else
			ok(1, "# SKIP sqlite3 shell not available");
	}
	ok(store_open(dir, STORE_CREATE, &st, &e) != 0 && strstr(e.msg, "folder"), "a folder is refused: %s", e.msg);
	const char *empty = path_in("empty.db");
	write_file(empty, "", 0);
	ok(store_open(empty, STORE_CREATE, &st, &e) == 0, "an empty file becomes a database");
	store_close(st);
}

/* Nested transactions: inner levels only count; the outermost commits, and
 * a failure anywhere takes the whole group back. */
static void test_nested_transactions(void)
{
	struct store *st, *other;
	struct err e = {0};
	const char *path = path_in("nested.db");
	ok(store_open(path, STORE_CREATE, &st, &e) == 0, "opens: %s", e.msg);
	ok(store_open(path, STORE_WRITE, &other, &e) == 0, "a second connection opens");
	struct retro r = {.title = "Nesting"};
	ok(store_create_retro(st, &r, NULL, 0, &e) == 0, "creates a retrospective");
	size_t n = 9;

	struct event a = {.time = {1000, 0}, .kind = EV_OTHER, .text = "one"};
	struct event b = {.time = {2000, 0}, .kind = EV_OTHER, .text = "two"};
	ok(store_begin(st, &e) == 0, "begins a group");
	ok(store_add_events(st, r.id, &a, 1, &e) == 0, "writes inside it");
	ok(store_begin(st, &e) == 0 && store_add_events(st, r.id, &b, 1, &e) == 0 &&
	   store_commit(st, &e) == 0, "a nested level ends without committing");
	ok(store_count_events(other, r.id, &n, &e) == 0 && n == 0,
	   "another connection sees nothing yet (%zu)", n);
	ok(store_commit(st, &e) == 0, "the outermost end commits");
	ok(store_count_events(other, r.id, &n, &e) == 0 && n == 2, "now it sees both (%zu)", n);

	struct event c = {.time = {3000, 0}, .kind = EV_OTHER, .text = "three"};
	struct event stale = a;
	stale.rev = 99;
	ok(store_begin(st, &e) == 0 && store_add_events(st, r.id, &c, 1, &e) == 0, "a second group");
	ok(store_update_event(st, r.id, &stale, &e) == ST_CONFLICT, "an inner write fails");
	ok(store_begin(st, &e) != 0, "no more of the group can start");
	ok(store_end(st, 0, &e) != 0, "ending the group reports the failure");
	ok(store_count_events(other, r.id, &n, &e) == 0 && n == 2,
	   "and nothing of it was saved (%zu)", n);
	ok(store_add_events(st, r.id, &c, 1, &e) == 0, "the next write starts afresh: %s", e.msg);
	ok(store_count_events(other, r.id, &n, &e) == 0 && n == 3, "and is saved (%zu)", n);
	store_close(other);
	store_close(st);
}

/* A closed retrospective is closed to every writer, whatever the model
 * checked before: a close committed meanwhile by another program stops a
 * note, an event, a change of its details (the model's check alone let the
 * review's racing note in); the follow-up of action items, moving about and
 * reopening go on. */
static void test_closed_to_every_writer(void)
{
	struct store *st;
	struct err e = {0};
	ok(store_open(path_in("closed.db"), STORE_CREATE, &st, &e) == 0, "opens: %s", e.msg);
	struct retro r = {.title = "Closing"};
	ok(store_create_retro(st, &r, NULL, 0, &e) == 0, "creates a retrospective");
	struct action a = {.title = "Fix the alert", .type = ACT_DETECT, .priority = 2};
	ok(store_add_action(st, r.id, &a, &e) == 0, "with an action item: %s", e.msg);
	ok(store_set_status(st, r.id, RETRO_CLOSED, &e) == 0, "another program closes it");
	struct note n = {.stage = STAGE_PRIME, .role = ROLE_SCRIBE, .body = "too late"};
	ok(store_add_note(st, r.id, &n, &e) != 0, "a note is refused");
	ok(strcmp(e.msg, STORE_CLOSED_MSG) == 0, "saying it is closed (%s)", e.msg);
	struct event ev = {.time = {1000, 0}, .kind = EV_OTHER, .text = "too late"};
	ok(store_add_events(st, r.id, &ev, 1, &e) != 0, "so is an event");
	struct action follow = a;
	follow.status = ACT_DONE;
	ok(store_update_action(st, r.id, &follow, &e) == ST_OK, "an action item's follow-up goes on: %s",
	   e.msg);
	struct action retitled = follow;
	retitled.title = "Something else";
	ok(store_update_action(st, r.id, &retitled, &e) != ST_OK, "its title does not change");
	ok(store_set_position(st, r.id, STAGE_CLOSE, NULL, 0, &e) == 0, "moving about goes on");
	ok(store_set_status(st, r.id, RETRO_IN_PROGRESS, &e) == 0, "it is reopened");
	ok(store_add_note(st, r.id, &n, &e) == 0, "and takes notes again: %s", e.msg);
	store_close(st);
}

/* Deleted ones kept out of sight; the listing filtered in any case. */
static void test_deleted_and_filtered(void)
{
	struct store *st;
	struct err e = {0};
	ok(store_open(path_in("deleted.db"), STORE_CREATE, &st, &e) == 0, "opens: %s", e.msg);
	struct retro a = {.title = "Straße gesperrt", .incident_ref = "INC-7", .incident_date = "2026-11-10"};
	struct retro b = {.title = "Login outage", .severity = "SEV1", .incident_date = "2026-11-20"};
	struct retro c = {.title = "Disk full", .incident_ref = "INC-7", .incident_date = "2026-11-25"};
	ok(store_create_retro(st, &a, NULL, 0, &e) == 0 && store_create_retro(st, &b, NULL, 0, &e) == 0 &&
	   store_create_retro(st, &c, NULL, 0, &e) == 0, "makes three");
	struct action act = {.title = "Fix it"};
	store_add_action(st, a.id, &act, &e);
	is_int(store_set_retro_deleted(st, a.id, true, &e), ST_OK, "deletes one");
	is_int(store_set_retro_deleted(st, a.id, true, &e), ST_CONFLICT, "not twice");
	is_int(store_set_retro_deleted(st, b.id, false, &e), ST_CONFLICT, "a live one is not brought back");
	is_int(store_set_retro_deleted(st, "nope", true, &e), ST_NOT_FOUND, "an unknown one is not found");
	size_t n;
	ok(store_count_retros(st, NULL, &n, &e) == 0 && n == 2, "two are counted");
	struct retro_filter deleted = {.deleted = true};
	ok(store_count_retros(st, &deleted, &n, &e) == 0 && n == 1, "one deleted");
	char id[ID_LEN];
	is_int(store_resolve_retro(st, "inc-7", false, id, NULL, &e), ST_OK,
	       "a reference a deleted one shares names the live one");
	is_str(id, c.id, "that one");
	is_int(store_resolve_retro(st, a.id, false, id, NULL, &e), ST_NOT_FOUND, "a deleted one is not found");
	is_int(store_resolve_retro(st, a.id, true, id, NULL, &e), ST_OK, "but among the deleted");
	struct action *acts;
	ok(store_list_all_actions(st, &(struct action_filter){0}, &acts, &n, &e) == 0 && n == 0,
	   "its action items are not listed across retrospectives");
	store_free_actions(acts, n);

	struct retro_filter f = {.text = "SEV1"};
	ok(store_count_retros(st, &f, &n, &e) == 0 && n == 1, "filtered by severity");
	f.text = "disk";
	struct retro_summary *v;
	ok(store_list_retros(st, &f, &v, &n, &e) == 0 && n == 1 && strcmp(v[0].retro.title, "Disk full") == 0,
	   "by title, in any case");
	store_free_retro_summaries(v, n);
	size_t pos;
	is_int(store_retro_position(st, &f, c.id, &pos, &e), ST_OK, "where it is in the filtered list");
	is_int((int)pos, 0, "first");
	is_int(store_retro_position(st, &f, b.id, &pos, &e), ST_NOT_FOUND, "one the filter leaves out");
	is_int(store_retro_position(st, NULL, b.id, &pos, &e), ST_OK, "unfiltered");
	is_int((int)pos, 1, "second, after the newer one");
	is_int(store_set_retro_deleted(st, a.id, false, &e), ST_OK, "brings it back");
	f.text = "STRASSE";
	ok(store_count_retros(st, &f, &n, &e) == 0 && n == 1, "Unicode case folding: STRASSE finds Straße");
	is_int(store_retro_position(st, NULL, a.id, &pos, &e), ST_OK, "it is listed again");
	is_int((int)pos, 2, "last, the oldest");
	store_close(st);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/debrief-store.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	test_create_and_read();
	test_hostile_files();
	test_nested_transactions();
	test_closed_to_every_writer();
	test_deleted_and_filtered();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
