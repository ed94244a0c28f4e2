/* Storage: the drafts file of each user (debrief/drafts.h). A connection of
 * its own, so that what is typed never waits for the shared database. */
#include "debrief/drafts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "debrief/paths.h"
#include "debrief/timeutil.h"
#include "drafts_journal.h"
#include "store_internal.h"

/* PRAGMA application_id of drafts files ("DBRd"). */
#define DRAFTS_APPLICATION_ID 0x44425264
#define DRAFTS_VERSION 3
/* A terminal's drafts are typed as fast as keys come: a wait for another
 * terminal of this user's is for a commit of a millisecond or so. */
#define DRAFTS_PATIENCE_MS 2000

/* A draft as this terminal last wrote or read it, so that the next key is
 * appended to its journal (drafts_journal.h) instead of the draft written
 * again whole. */
struct seen {
	char retro_id[ID_LEN];
	char slot[48];
	char *body, *anchor;
	long long ekey; /* its journal's (and its edits' of version 2) */
	long edits;     /* written since the draft was last written whole */
	int fd;         /* its journal, once a key was appended; else -1 */
	bool typed;     /* keys in its journal since it was last written whole */
	bool torn;      /* its journal takes no more keys: written whole next */
};
#define SEEN_MAX 8
/* Edits kept on one draft before it is written whole again (a long one's
 * replay stays short). */
#define EDITS_MAX 4096

struct drafts {
	struct store *st;
	char db_id[ID_LEN];
	char term[ID_LEN];
	char role[24];
	struct seen seen[SEEN_MAX];
	size_t next_seen; /* the one to reuse when all are taken */
	char journals[PATH_MAX]; /* the folder of the drafts' journals */
};

/* Version 2: each key typed into a draft was one row here, the bytes it
 * changed (cut bytes at `at`, then the bytes inserted there), numbered in
 * the order typed (seq, from 1 after the draft was last written whole).
 * The rows of a draft share its ekey, a number drawn each time the draft
 * is written whole (begun or saved), when its earlier ones go. Version 3
 * appends them to the draft's journal instead (drafts_journal.h), named by
 * the same number, and writes the draft whole when typing pauses; the
 * rows a version 2 left are played first. */
#define EDITS_TABLE                                                            \
	"ALTER TABLE draft ADD COLUMN ekey INTEGER NOT NULL DEFAULT 0;"         \
	"CREATE TABLE draft_edit(ekey INTEGER NOT NULL, seq INTEGER NOT NULL,"  \
	" at INTEGER NOT NULL, cut INTEGER NOT NULL, bytes BLOB NOT NULL,"      \
	" PRIMARY KEY(ekey, seq)) WITHOUT ROWID;"                               \
	DRAFT_TEXT_VIEW
/* Each draft's text as written whole, with the edits a version 2 left
 * played in SQL, byte by byte, for a person or a test looking into the
 * file: SELECT body FROM draft_text. (The keys typed since typing last
 * paused are in the draft's journal.) */
#define DRAFT_TEXT_VIEW                                                        \
	"CREATE VIEW draft_text AS WITH RECURSIVE"                              \
	" e AS (SELECT ekey, at, cut, bytes,"                                   \
	"  row_number() OVER (PARTITION BY ekey ORDER BY seq) AS k FROM draft_edit)," \
	" r(terminal_id, db_id, retro_id, slot, anchor, updated_at, ekey, k, body) AS (" \
	"  SELECT terminal_id, db_id, retro_id, slot, anchor, updated_at, ekey, 0," \
	"  CAST(body AS BLOB) FROM draft UNION ALL"                             \
	"  SELECT r.terminal_id, r.db_id, r.retro_id, r.slot, r.anchor, r.updated_at, r.ekey," \
	"  r.k + 1, CAST(substr(r.body, 1, e.at) || e.bytes || substr(r.body, e.at + e.cut + 1) AS BLOB)" \
	"  FROM r JOIN e ON e.ekey = r.ekey AND e.k = r.k + 1)"                 \
	" SELECT terminal_id, db_id, retro_id, slot, CAST(body AS TEXT) AS body, anchor, updated_at" \
	" FROM r WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.ekey = r.ekey AND e.k = r.k + 1);"

static const char SCHEMA[] =
	/* Each running program: where and which process, to tell whether it
	 * still runs (host names the machine and its boot). */
	"CREATE TABLE terminal("
	" id TEXT PRIMARY KEY, role TEXT NOT NULL, host TEXT NOT NULL,"
	" pid INTEGER NOT NULL, started INTEGER NOT NULL, seen_at INTEGER NOT NULL,"
	" seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
	"CREATE TABLE draft("
	" terminal_id TEXT NOT NULL, db_id TEXT NOT NULL, retro_id TEXT NOT NULL,"
	" slot TEXT NOT NULL, body TEXT NOT NULL, anchor TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL,"
	" PRIMARY KEY(terminal_id, db_id, retro_id, slot)) WITHOUT ROWID;"
	"CREATE TABLE pending("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, note_id TEXT NOT NULL, terminal_id TEXT NOT NULL,"
	" db_id TEXT NOT NULL, retro_id TEXT NOT NULL, anchor TEXT NOT NULL,"
	" body TEXT NOT NULL, at INTEGER NOT NULL, offset_min INTEGER NOT NULL);"
	"CREATE INDEX pending_by_terminal ON pending(terminal_id, db_id, retro_id, seq);"
	EDITS_TABLE;

/* The machine and its boot: a process id means something only there. */
static void this_host(char *buf, size_t size)
{
	char name[256] = "";
	char boot[64] = "";
	gethostname(name, sizeof name - 1);
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
	if (f) {
		if (!fgets(boot, sizeof boot, f))
			boot[0] = '\0';
		fclose(f);
		boot[strcspn(boot, "\n")] = '\0';
	}
	snprintf(buf, size, "%s/%s", name, boot);
}

static bool still_running(const char *host, long pid, long long started)
{
	char here[384];
	this_host(here, sizeof here);
	const char *slash = strrchr(host, '/'), *here_slash = strrchr(here, '/');
	size_t name = slash ? (size_t)(slash - host) : strlen(host);
	size_t here_name = here_slash ? (size_t)(here_slash - here) : strlen(here);
	if (name != here_name || strncmp(host, here, name) != 0)
		return true; /* another machine's: not ours to judge */
	if (strcmp(host, here) != 0)
		return false; /* this machine's, before it last started */
	if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		return false;
	long long now = store_process_start(pid);
	return !(now && started && now != started);
}

static int open_file(const char *path, struct err *e)
{
	if (paths_make_parents(path, e) != 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, "cannot open the drafts file %s: %s", path, strerror(errno));
	struct stat sb;
	int rc = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? 0 : -1;
	close(fd);
	if (rc != 0)
		return err_set(e, "the drafts file %s is not a regular file", path);
	return 0;
}

static long long read_pragma(struct store *st, const char *sql, int *failed)
{
	sqlite3_stmt *s;
	long long v = 0;
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		*failed = 1;
		return 0;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	else
		*failed = 1;
	sqlite3_finalize(s);
	return v;
}

/* Made (or checked) in one write transaction that reads the version inside
 * it: two terminals starting at once make it once. */
static int set_up(struct store *st, struct err *e)
{
	/* A new file's pages are small: each key writes one (a no-op on a
	 * file that has its pages already). */
	if (store_exec(st, "PRAGMA page_size=1024", "cannot set up the drafts file", e) != 0 ||
	    store_use_wal(st, e) != 0 ||
	    store_exec(st, "PRAGMA synchronous=NORMAL", "cannot set up the drafts file", e) != 0 ||
	    store_begin(st, e) != 0)
		return -1;
	int failed = 0;
	long long app = read_pragma(st, "PRAGMA application_id", &failed);
	long long ver = read_pragma(st, "PRAGMA user_version", &failed);
	if (failed) {
		store_rollback(st);
		return err_set(e, "cannot read the drafts file %s", store_path(st));
	}
	if ((app != 0 && app != DRAFTS_APPLICATION_ID) || ver > DRAFTS_VERSION) {
		store_rollback(st);
		return err_set(e, "%s is not a drafts file this debrief knows", store_path(st));
	}
	if (ver < DRAFTS_VERSION) {
		char pragmas[96];
		snprintf(pragmas, sizeof pragmas, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
			 DRAFTS_APPLICATION_ID, DRAFTS_VERSION);
		if (store_exec(st, ver == 0 ? SCHEMA : ver == 1 ? EDITS_TABLE : "",
			       "cannot set up the drafts file",
			       e) != 0 ||
		    store_exec(st, pragmas, "cannot set up the drafts file", e) != 0)
			return store_rollback(st);
	}
	return store_commit(st, e);
}

/* seq: the order terminals started in (the last one's drafts are taken
 * over first). */
static const char SQL_REGISTER[] =
	"INSERT INTO terminal(id, role, host, pid, started, seen_at, seq)"
	" VALUES(:id, :role, :host, :pid, :started, :now,"
	" (SELECT coalesce(max(seq), 0) + 1 FROM terminal))";

static const char SQL_LIVE[] = "SELECT 1 FROM draft WHERE ekey = :ekey";

/* Whether a draft still has the journal of ekey (on doubt, yes). */
static bool journal_live(long long ekey, void *ctx)
{
	struct drafts *d = ctx;
	sqlite3_stmt *s;
	struct err e;
	if (store_prepare(d->st, &s, SQL_LIVE, &e) || store_bind_int(s, ":ekey", ekey, &e))
		return true;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc != SQLITE_DONE;
}

int drafts_open(const char *path, const char *db_id, const char *role, struct drafts **out,
		struct err *e)
{
	struct store *st;
	*out = NULL;
	if (open_file(path, e) != 0 || store_open_side(path, &st, e) != 0)
		return -1;
	store_set_patience(st, DRAFTS_PATIENCE_MS, NULL, NULL);
	if (set_up(st, e) != 0) {
		store_close(st);
		return -1;
	}
	/* Each key commits here: the log is copied into the file at a quiet
	 * moment (drafts_quiet_moment), never by a key. */
	store_checkpoint_later_(st);
	struct drafts *d = xcalloc(1, sizeof *d);
	d->st = st;
	for (size_t i = 0; i < SEEN_MAX; i++)
		d->seen[i].fd = -1;
	snprintf(d->journals, sizeof d->journals, "%s-edits", path);
	journal_sweep(d->journals, journal_live, d);
	str_copy(d->db_id, sizeof d->db_id, db_id);
	str_copy(d->role, sizeof d->role, role);
	store_new_id(d->term);
	char host[384];
	this_host(host, sizeof host);
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_REGISTER, e) || store_bind_text(s, ":id", d->term, e) ||
	    store_bind_text(s, ":role", role, e) || store_bind_text(s, ":host", host, e) ||
	    store_bind_int(s, ":pid", (long long)getpid(), e) ||
	    store_bind_int(s, ":started", store_process_start((long)getpid()), e) ||
	    store_bind_int(s, ":now", clock_now(), e) ||
	    store_step_done(st, s, "cannot write the drafts file", e) != 0) {
		drafts_close(d);
		return -1;
	}
	*out = d;
	return 0;
}

static const char SQL_FORGET[] =
	"DELETE FROM terminal WHERE id = :id"
	" AND NOT EXISTS (SELECT 1 FROM draft WHERE terminal_id = :id)"
	" AND NOT EXISTS (SELECT 1 FROM pending WHERE terminal_id = :id)";

void drafts_close(struct drafts *d)
{
	if (!d)
		return;
	sqlite3_stmt *s;
	struct err e;
	if (d->term[0] && store_prepare(d->st, &s, SQL_FORGET, &e) == 0 &&
	    store_bind_text(s, ":id", d->term, &e) == 0)
		store_step_done(d->st, s, "cannot write the drafts file", &e);
	store_close(d->st);
	for (size_t i = 0; i < SEEN_MAX; i++) {
		free(d->seen[i].body);
		free(d->seen[i].anchor);
		if (d->seen[i].fd >= 0)
			close(d->seen[i].fd);
	}
	free(d);
}

const char *drafts_path(const struct drafts *d)
{
	return store_path(d->st);
}

static const char SQL_HOLDS[] =
	"SELECT (SELECT count(*) FROM draft WHERE terminal_id = :me AND db_id = :db AND retro_id = :retro)"
	" + (SELECT count(*) FROM pending WHERE terminal_id = :me AND db_id = :db AND retro_id = :retro)";
/* Terminals of this role with something on this retrospective, the last
 * started first. */
static const char SQL_CANDIDATES[] =
	"SELECT t.id, t.host, t.pid, t.started FROM terminal t"
	" WHERE t.role = :role AND t.id <> :me AND (EXISTS (SELECT 1 FROM draft d"
	" WHERE d.terminal_id = t.id AND d.db_id = :db AND d.retro_id = :retro)"
	" OR EXISTS (SELECT 1 FROM pending p WHERE p.terminal_id = t.id AND p.db_id = :db"
	" AND p.retro_id = :retro))"
	" ORDER BY t.seq DESC";
static const char SQL_TAKE_DRAFTS[] =
	"UPDATE draft SET terminal_id = :me"
	" WHERE terminal_id = :old AND db_id = :db AND retro_id = :retro";
static const char SQL_TAKE_PENDING[] =
	"UPDATE pending SET terminal_id = :me"
	" WHERE terminal_id = :old AND db_id = :db AND retro_id = :retro";

static int bind_key(struct drafts *d, sqlite3_stmt *s, const char *retro_id, struct err *e)
{
	return store_bind_text(s, ":me", d->term, e) || store_bind_text(s, ":db", d->db_id, e) ||
	       store_bind_text(s, ":retro", retro_id, e);
}

/* The first terminal of the candidates that no longer runs, into old. */
static int find_orphan(struct drafts *d, const char *retro_id, char old[ID_LEN], struct err *e)
{
	sqlite3_stmt *s;
	old[0] = '\0';
	if (store_prepare(d->st, &s, SQL_CANDIDATES, e) || bind_key(d, s, retro_id, e) ||
	    store_bind_text(s, ":role", d->role, e))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *host = (const char *)sqlite3_column_text(s, 1);
		if (!still_running(host ? host : "", (long)sqlite3_column_int64(s, 2),
				   sqlite3_column_int64(s, 3))) {
			store_col_id(s, 0, old);
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(d->st, s, "cannot read the drafts file", e);
	return 0;
}

static int take(struct drafts *d, const char *sql, const char *retro_id, const char *old,
		struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(d->st, &s, sql, e) || bind_key(d, s, retro_id, e) ||
	    store_bind_text(s, ":old", old, e))
		return -1;
	return store_step_done(d->st, s, "cannot write the drafts file", e);
}

int drafts_claim(struct drafts *d, const char *retro_id, bool *taken, struct err *e)
{
	*taken = false;
	sqlite3_stmt *s;
	/* One write transaction: two terminals starting at once take turns,
	 * and the second finds the first's claim running. */
	if (store_begin(d->st, e) != 0)
		return -1;
	if (store_prepare(d->st, &s, SQL_HOLDS, e) || bind_key(d, s, retro_id, e))
		return store_rollback(d->st);
	int rc = sqlite3_step(s);
	long long holds = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		store_sql_error(d->st, s, "cannot read the drafts file", e);
		return store_rollback(d->st);
	}
	char old[ID_LEN] = "";
	if (holds == 0 && find_orphan(d, retro_id, old, e) != 0)
		return store_rollback(d->st);
	if (old[0] && (take(d, SQL_TAKE_DRAFTS, retro_id, old, e) != 0 ||
		       take(d, SQL_TAKE_PENDING, retro_id, old, e) != 0))
		return store_rollback(d->st);
	if (store_commit(d->st, e) != 0)
		return -1;
	*taken = old[0] != '\0';
	return 0;
}

static const char SQL_PUT[] =
	"INSERT INTO draft(terminal_id, db_id, retro_id, slot, body, anchor, updated_at, ekey)"
	" VALUES(:me, :db, :retro, :slot, :body, :anchor, :now, :ekey)"
	" ON CONFLICT(terminal_id, db_id, retro_id, slot) DO UPDATE SET body = excluded.body,"
	" anchor = excluded.anchor, updated_at = excluded.updated_at, ekey = excluded.ekey";
static const char SQL_CLEAR[] =
	"DELETE FROM draft WHERE terminal_id = :me AND db_id = :db AND retro_id = :retro"
	" AND slot = :slot";
static const char SQL_CLEAR_EDITS[] =
	"DELETE FROM draft_edit WHERE ekey = (SELECT ekey FROM draft WHERE terminal_id = :me"
	" AND db_id = :db AND retro_id = :retro AND slot = :slot)";
static const char SQL_GET[] =
	"SELECT body, anchor, ekey FROM draft WHERE terminal_id = :me AND db_id = :db"
	" AND retro_id = :retro AND slot = :slot";
static const char SQL_EDITS[] = "SELECT at, cut, bytes, seq FROM draft_edit WHERE ekey = :ekey ORDER BY seq";

static struct seen *seen_of(struct drafts *d, const char *retro_id, const char *slot)
{
	for (size_t i = 0; i < SEEN_MAX; i++)
		if (d->seen[i].body && strcmp(d->seen[i].retro_id, retro_id) == 0 &&
		    strcmp(d->seen[i].slot, slot) == 0)
			return &d->seen[i];
	return NULL;
}

static void seen_forget(struct seen *w)
{
	if (!w)
		return;
	free(w->body);
	free(w->anchor);
	if (w->fd >= 0)
		close(w->fd);
	memset(w, 0, sizeof *w);
	w->fd = -1;
}

/* The draft written whole under ekey: its journal begins again. */
static void seen_written(struct seen *w, long long ekey)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->ekey = ekey;
	w->edits = 0;
	w->typed = false;
	w->torn = false;
}

/* Remembers the draft as now written (or read), its edits since whole. */
static void seen_set(struct drafts *d, const char *retro_id, const char *slot, const char *body,
		     const char *anchor, long long ekey, long edits)
{
	struct seen *w = seen_of(d, retro_id, slot);
	for (size_t i = 0; !w && i < SEEN_MAX; i++)
		if (!d->seen[i].body)
			w = &d->seen[i];
	if (!w) {
		w = &d->seen[d->next_seen];
		d->next_seen = (d->next_seen + 1) % SEEN_MAX;
	}
	if (strlen(slot) >= sizeof w->slot) {
		seen_forget(w); /* (a slot so long is written whole each time) */
		return;
	}
	char *b = xstrdup(body), *a = xstrdup(anchor);
	seen_forget(w);
	str_copy(w->retro_id, sizeof w->retro_id, retro_id);
	str_copy(w->slot, sizeof w->slot, slot);
	w->body = b;
	w->anchor = a;
	w->ekey = ekey;
	w->edits = edits;
	w->typed = edits > 0;
	w->torn = edits >= EDITS_MAX || ekey == 0;
}

static int step_key(struct drafts *d, const char *sql, const char *retro_id, const char *slot,
		    struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(d->st, &s, sql, e) || bind_key(d, s, retro_id, e) ||
	    store_bind_text(s, ":slot", slot, e))
		return -1;
	return store_step_done(d->st, s, "cannot save the draft", e);
}

/* The draft written whole (or, empty, removed), its edits gone, and the
 * number its edits will share from now on in *ekey: one transaction. */
static int put_whole(struct drafts *d, const char *retro_id, const char *slot, const char *body,
		     const char *anchor, long long *ekey, struct err *e)
{
	sqlite3_stmt *s;
	sqlite3_randomness(sizeof *ekey, ekey);
	*ekey &= INT64_MAX;
	*ekey += *ekey == 0; /* (0: a draft of version 1, with no edits) */
	if (store_begin(d->st, e) != 0)
		return -1;
	int rc = step_key(d, SQL_CLEAR_EDITS, retro_id, slot, e);
	if (rc == 0 && !*body) {
		rc = step_key(d, SQL_CLEAR, retro_id, slot, e);
	} else if (rc == 0) {
		rc = store_prepare(d->st, &s, SQL_PUT, e) || bind_key(d, s, retro_id, e) ||
		     store_bind_text(s, ":slot", slot, e) || store_bind_text(s, ":body", body, e) ||
		     store_bind_text(s, ":anchor", anchor, e) ||
		     store_bind_int(s, ":now", clock_now(), e) || store_bind_int(s, ":ekey", *ekey, e) ||
		     store_step_done(d->st, s, "cannot save the draft", e);
	}
	if (rc != 0 || store_commit(d->st, e) != 0)
		return rc != 0 ? store_rollback(d->st) : -1;
	/* Its keys are in the draft now, if this terminal played or wrote
	 * them (the journal it knows the draft by): one it could not read
	 * stays, for the sweep once no draft names it. */
	struct seen *w = seen_of(d, retro_id, slot);
	if (w && w->ekey)
		journal_remove(d->journals, w->ekey);
	return 0;
}

/* What changed from was to now: cut bytes at *at, then now's bytes
 * [*at, *at + *put) there. */
static void edit_of(const char *was, const char *now, size_t *at, size_t *cut, size_t *put)
{
	size_t lw = strlen(was), ln = strlen(now), p = 0, q = 0;
	while (p < lw && p < ln && was[p] == now[p])
		p++;
	while (q < lw - p && q < ln - p && was[lw - 1 - q] == now[ln - 1 - q])
		q++;
	*at = p;
	*cut = lw - p - q;
	*put = ln - p - q;
}

int drafts_put(struct drafts *d, const char *retro_id, const char *slot, const char *body,
	       const char *anchor, struct err *e)
{
	body = body ? body : "";
	anchor = anchor ? anchor : "";
	struct seen *w = seen_of(d, retro_id, slot);
	/* A draft emptied (its note saved) is a key like another, in its
	 * journal, its place kept for the next note's keys: writing it whole
	 * twice (emptied, then begun again) cost each note two commits. */
	bool emptied = !*body && w && !w->torn && w->edits < EDITS_MAX;
	if ((!*body && !emptied) || !w || w->edits >= EDITS_MAX ||
	    (!emptied && strcmp(w->anchor, anchor) != 0)) {
		long long ekey;
		if (put_whole(d, retro_id, slot, body, anchor, &ekey, e) == 0) {
			if (*body)
				seen_set(d, retro_id, slot, body, anchor, ekey, 0);
			else
				seen_forget(w);
			return 0;
		}
		/* The drafts file refused (held too long, full): a journal that
		 * still takes keys takes this one. */
		if (!*body || !w || w->torn || strcmp(w->anchor, anchor) != 0)
			return -1;
	}
	size_t at, cut, put;
	edit_of(w->body, body, &at, &cut, &put);
	if (cut == 0 && put == 0)
		return 0; /* as written */
	if (journal_append(d->journals, w->ekey, &w->fd, w->edits + 1, at, cut, body + at, put, e) !=
	    0) {
		w->edits = EDITS_MAX; /* the next key writes it whole */
		w->torn = true;
		return -1;
	}
	char *now = xstrdup(body);
	free(w->body);
	w->body = now;
	w->edits++;
	w->typed = true;
	return 0;
}

int drafts_quiet_moment(struct drafts *d)
{
	if (!d)
		return 0;
	/* Typing paused: each draft typed into is written whole, its journal
	 * gone (as it reads then, to a person or another terminal). Without
	 * waiting for another terminal's write: the journal holds the keys,
	 * and the next quiet moment tries again. */
	int patience = d->st->patience_ms;
	d->st->patience_ms = 0;
	for (size_t i = 0; i < SEEN_MAX; i++) {
		struct seen *w = &d->seen[i];
		if (!w->body || !w->typed)
			continue;
		long long ekey;
		struct err e;
		/* (An emptied draft's row goes, and with it what it was.) */
		if (put_whole(d, w->retro_id, w->slot, w->body, w->anchor, &ekey, &e) != 0)
			continue;
		if (*w->body)
			seen_written(w, ekey);
		else
			seen_forget(w);
	}
	d->st->patience_ms = patience;
	return store_checkpoint_idle(d->st);
}

/* Plays the draft's edits over its whole text, in the order typed. */
static int replay(struct drafts *d, long long ekey, struct strbuf *text, long *edits,
		  struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(d->st, &s, SQL_EDITS, e) || store_bind_int(s, ":ekey", ekey, e))
		return -1;
	int rc;
	bool bad = false;
	*edits = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long at = sqlite3_column_int64(s, 0), cut = sqlite3_column_int64(s, 1);
		const void *bytes = sqlite3_column_blob(s, 2);
		size_t put = (size_t)sqlite3_column_bytes(s, 2);
		if (at < 0 || cut < 0 || (size_t)at > text->len || (size_t)cut > text->len - (size_t)at) {
			bad = true; /* not an edit of this text: keep what it was */
			break;
		}
		struct strbuf next = {0};
		sb_add(&next, text->s, (size_t)at);
		if (put)
			sb_add(&next, bytes, put);
		sb_add(&next, text->s + at + cut, text->len - (size_t)at - (size_t)cut);
		sb_free(text);
		*text = next;
		*edits = sqlite3_column_int64(s, 3); /* the next is numbered after it */
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(d->st, s, "cannot read the draft", e);
	int played = bad ? 0 : journal_replay(d->journals, ekey, text, edits);
	if (played == JOURNAL_UNREAD)
		return err_set(e, "cannot read the draft's journal in %s (it is kept)", d->journals);
	bad = bad || played != 0;
	if (bad)
		*edits = EDITS_MAX; /* written whole at the next key */
	return 0;
}

int drafts_get(struct drafts *d, const char *retro_id, const char *slot, char **body,
	       char **anchor, struct err *e)
{
	sqlite3_stmt *s;
	*body = NULL;
	if (anchor)
		*anchor = NULL;
	if (store_prepare(d->st, &s, SQL_GET, e) || bind_key(d, s, retro_id, e) ||
	    store_bind_text(s, ":slot", slot, e))
		return -1;
	int rc = sqlite3_step(s);
	char *whole = NULL, *was_on = NULL;
	long long ekey = 0;
	if (rc == SQLITE_ROW) {
		whole = store_col_dup(s, 0);
		was_on = store_col_dup(s, 1);
		ekey = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(whole);
		free(was_on);
		return store_sql_error(d->st, s, "cannot read the draft", e);
	}
	if (!whole)
		return 0;
	struct strbuf text = {0};
	long edits = 0;
	sb_puts(&text, whole);
	free(whole);
	if (replay(d, ekey, &text, &edits, e) != 0) {
		sb_free(&text);
		free(was_on);
		return -1;
	}
	/* (A NUL typed in is not a draft's: the text stops there.) */
	*body = xstrdup(sb_str(&text));
	sb_free(&text);
	/* (A draft of version 1 has no number: its first key writes it whole.) */
	seen_set(d, retro_id, slot, *body, was_on ? was_on : "", ekey, ekey ? edits : EDITS_MAX);
	if (anchor)
		*anchor = was_on;
	else
		free(was_on);
	return 0;
}

static const char SQL_PEND[] =
	"INSERT INTO pending(note_id, terminal_id, db_id, retro_id, anchor, body, at, offset_min)"
	" VALUES(:note, :me, :db, :retro, :anchor, :body, :at, :off)";
static const char SQL_PENDING[] =
	"SELECT seq, anchor, body, at, offset_min, note_id FROM pending"
	" WHERE terminal_id = :me AND db_id = :db AND retro_id = :retro ORDER BY seq";
static const char SQL_UNPEND[] = "DELETE FROM pending WHERE seq = :seq";

int drafts_pend(struct drafts *d, const char *retro_id, const char *anchor, const char *body,
		int64_t at, int offset_min, struct err *e)
{
	sqlite3_stmt *s;
	char note[ID_LEN];
	store_new_id(note); /* the note's id from now on: written once, whatever happens */
	if (store_prepare(d->st, &s, SQL_PEND, e) || bind_key(d, s, retro_id, e) ||
	    store_bind_text(s, ":note", note, e) ||
	    store_bind_text(s, ":anchor", anchor ? anchor : "", e) ||
	    store_bind_text(s, ":body", body, e) || store_bind_int(s, ":at", at, e) ||
	    store_bind_int(s, ":off", offset_min, e))
		return -1;
	return store_step_done(d->st, s, "cannot keep the note", e);
}

static void read_pending(sqlite3_stmt *s, void *row)
{
	struct pending_note *p = row;
	p->seq = sqlite3_column_int64(s, 0);
	p->anchor = store_col_dup(s, 1);
	p->body = store_col_dup(s, 2);
	p->at = store_col_time(s, 3);
	p->offset_min = store_col_offset(s, 4);
	store_col_id(s, 5, p->note_id);
}

static void release_pending(void *rows, size_t n)
{
	drafts_free_pending(rows, n);
}

int drafts_pending(struct drafts *d, const char *retro_id, struct pending_note **out, size_t *n,
		   struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(d->st, &s, SQL_PENDING, e) || bind_key(d, s, retro_id, e))
		return -1;
	void *rows;
	if (store_read_rows(d->st, s, sizeof **out, read_pending, release_pending,
			    "cannot read the drafts file", &rows, n, e) != 0)
		return -1;
	*out = rows;
	return 0;
}

int drafts_unpend(struct drafts *d, int64_t seq, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(d->st, &s, SQL_UNPEND, e) || store_bind_int(s, ":seq", seq, e))
		return -1;
	return store_step_done(d->st, s, "cannot write the drafts file", e);
}

void drafts_free_pending(struct pending_note *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].anchor);
		free(v[i].body);
	}
	free(v);
}
