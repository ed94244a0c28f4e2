/* Storage: the SQLite file, its schema and migrations, and the domain's
 * reads and writes. The only module (with store_json*.c) that speaks SQL. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/inotify.h>
#include <uuid/uuid.h>

#include "debrief/paths.h"

/* Every connection: extended result codes, and no mutex of its own. A
 * connection is only ever used by the thread that opened it (debrief has
 * one), and the locking cost a fifth of an export's time in SQLite. */
#define OPEN_FLAGS (SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX)

#define STMT_CACHE_MAX 128
#define BUSY_TIMEOUT_MS 3000

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	bool writable;
	int watch_fd;
	/* Nested transactions: how many begins are open, and whether any part
	 * of the group failed (then the outermost end rolls it all back). */
	int tx_depth;
	bool tx_failed;
	struct cached_stmt cache[STMT_CACHE_MAX];
	size_t n_cache;
};

/* Each migration takes the schema from version i to i + 1; they run in
 * order, each in its own transaction, and never change once released. */
/* The date a retrospective is listed under: its incident's, else the day it
 * was written. The listing's ORDER BY repeats it exactly, so that the index
 * on it serves. */
#define RETRO_DATE "coalesce(incident_date, date(created_at, 'unixepoch'))"

static const char *const MIGRATIONS[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE retro("
	" id TEXT PRIMARY KEY, title TEXT NOT NULL, incident_ref TEXT,"
	" severity TEXT, incident_date TEXT,"
	" status TEXT NOT NULL DEFAULT 'draft',"
	" stage INTEGER NOT NULL DEFAULT 1, current_item TEXT,"
	" facilitator TEXT, scribe TEXT, participants TEXT, impact TEXT,"
	" trigger_text TEXT, created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL, closed_at INTEGER NOT NULL DEFAULT 0,"
	" rev INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE event("
	" id TEXT PRIMARY KEY,"
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" at INTEGER NOT NULL, offset_min INTEGER NOT NULL, kind TEXT NOT NULL,"
	" mark TEXT, text TEXT NOT NULL, created_at INTEGER NOT NULL,"
	" rev INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX event_by_retro ON event(retro_id, at);"
	"CREATE TABLE question("
	" id TEXT PRIMARY KEY,"
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" position INTEGER NOT NULL, title TEXT NOT NULL,"
	" prompts TEXT NOT NULL DEFAULT '', custom INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX question_by_retro ON question(retro_id, position);"
	"CREATE TABLE action("
	" id TEXT PRIMARY KEY,"
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" title TEXT NOT NULL, owner TEXT, due TEXT, type TEXT NOT NULL,"
	" priority INTEGER NOT NULL DEFAULT 2,"
	" status TEXT NOT NULL DEFAULT 'open', tracker_ref TEXT,"
	" origin_event TEXT, origin_question TEXT,"
	" created_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX action_by_retro ON action(retro_id, created_at);"
	"CREATE INDEX action_by_status ON action(status, due);"
	"CREATE TABLE note("
	" id TEXT PRIMARY KEY,"
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" stage INTEGER NOT NULL, event_id TEXT, question_id TEXT,"
	" action_id TEXT, role TEXT NOT NULL, body TEXT NOT NULL,"
	" created_at INTEGER NOT NULL, offset_min INTEGER NOT NULL DEFAULT 0,"
	" rev INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX note_by_retro ON note(retro_id, created_at);",
	/* 1 -> 2: drafts of text being typed, so a crash loses no words. */
	"CREATE TABLE draft("
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" slot TEXT NOT NULL, body TEXT NOT NULL, updated_at INTEGER NOT NULL,"
	" PRIMARY KEY(retro_id, slot)) WITHOUT ROWID;",
	/* 2 -> 3: who has a retrospective open, for the header. */
	"CREATE TABLE presence("
	" id TEXT PRIMARY KEY,"
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" role TEXT NOT NULL, pid INTEGER NOT NULL, seen_at INTEGER NOT NULL);"
	"CREATE INDEX presence_by_retro ON presence(retro_id, seen_at);",
	/* 3 -> 4: notes found by what they are on (exports walk them by
	 * event), and counts kept with each retrospective, so the list of a
	 * thousand retrospectives does not count a hundred thousand rows. */
	"CREATE INDEX note_by_event ON note(event_id) WHERE event_id IS NOT NULL;"
	"CREATE INDEX note_by_question ON note(question_id) WHERE question_id IS NOT NULL;"
	"CREATE INDEX note_by_action ON note(action_id) WHERE action_id IS NOT NULL;"
	"ALTER TABLE retro ADD COLUMN n_events INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN n_notes INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN n_actions INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN n_open_actions INTEGER NOT NULL DEFAULT 0;"
	"UPDATE retro SET"
	" n_events = (SELECT count(*) FROM event WHERE retro_id = retro.id),"
	" n_notes = (SELECT count(*) FROM note WHERE retro_id = retro.id),"
	" n_actions = (SELECT count(*) FROM action WHERE retro_id = retro.id),"
	" n_open_actions = (SELECT count(*) FROM action WHERE retro_id = retro.id AND status = 'open');"
	"CREATE TRIGGER event_counted AFTER INSERT ON event BEGIN"
	" UPDATE retro SET n_events = n_events + 1 WHERE id = NEW.retro_id; END;"
	"CREATE TRIGGER event_uncounted AFTER DELETE ON event BEGIN"
	" UPDATE retro SET n_events = n_events - 1 WHERE id = OLD.retro_id; END;"
	"CREATE TRIGGER note_counted AFTER INSERT ON note BEGIN"
	" UPDATE retro SET n_notes = n_notes + 1 WHERE id = NEW.retro_id; END;"
	"CREATE TRIGGER note_uncounted AFTER DELETE ON note BEGIN"
	" UPDATE retro SET n_notes = n_notes - 1 WHERE id = OLD.retro_id; END;"
	"CREATE TRIGGER action_counted AFTER INSERT ON action BEGIN"
	" UPDATE retro SET n_actions = n_actions + 1,"
	" n_open_actions = n_open_actions + (NEW.status = 'open') WHERE id = NEW.retro_id; END;"
	"CREATE TRIGGER action_uncounted AFTER DELETE ON action BEGIN"
	" UPDATE retro SET n_actions = n_actions - 1,"
	" n_open_actions = n_open_actions - (OLD.status = 'open') WHERE id = OLD.retro_id; END;"
	"CREATE TRIGGER action_recounted AFTER UPDATE OF status ON action BEGIN"
	" UPDATE retro SET n_open_actions = n_open_actions - (OLD.status = 'open')"
	" + (NEW.status = 'open') WHERE id = NEW.retro_id; END;",
};

/* The list of retrospectives in its own order, so that a screenful is read
 * without sorting them all. Made when a file is opened for writing, not by
 * a migration: the schema (and so older debriefs' and read-only files'
 * access) stays as it is, and the listing works without it too. */
static const char SQL_HAVE_INDEXES[] =
	"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'retro_by_date'";
static const char SQL_ENSURE_INDEXES[] =
	"CREATE INDEX IF NOT EXISTS retro_by_date ON retro(" RETRO_DATE " DESC, created_at DESC, id)";
#define N_MIGRATIONS (sizeof MIGRATIONS / sizeof MIGRATIONS[0])

_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
	       "every schema version has its migration");

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

void store_new_id(char id[ID_LEN])
{
	uuid_t u;
	uuid_generate(u);
	uuid_unparse_lower(u, id);
}

int store_sql_error(struct store *st, sqlite3_stmt *s, const char *what, struct err *e)
{
	int code = sqlite3_extended_errcode(st->db);
	const char *msg = sqlite3_errmsg(st->db);
	if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED)
		return err_set(e, "%s: the database is locked by another program; try again", what);
	if ((code & 0xFF) == SQLITE_FULL)
		return err_set(e, "%s: the disk is full", what);
	if ((code & 0xFF) == SQLITE_READONLY)
		return err_set(e, "%s: the database is read-only", what);
	if ((code & 0xFF) == SQLITE_CORRUPT || (code & 0xFF) == SQLITE_NOTADB)
		return err_set(e, "%s: the database is damaged (%s)", what, msg);
	if ((code & 0xFF) == SQLITE_IOERR)
		return err_set(e, "%s: cannot write the database (%s)", what, msg);
	const char *sql = s ? sqlite3_sql(s) : NULL;
	return err_set(e, "%s: %s%s%s%s", what, msg, sql ? " (in: " : "", sql ? sql : "",
		       sql ? ")" : "");
}

int store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql, struct err *e)
{
	for (size_t i = 0; i < st->n_cache; i++) {
		if (st->cache[i].sql == sql) {
			*stmt = st->cache[i].stmt;
			sqlite3_reset(*stmt);
			sqlite3_clear_bindings(*stmt);
			return 0;
		}
	}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
		return err_set(e, "cannot prepare a query: %s (in: %s)", sqlite3_errmsg(st->db), sql);
	if (st->n_cache < STMT_CACHE_MAX) {
		st->cache[st->n_cache].sql = sql;
		st->cache[st->n_cache].stmt = s;
		st->n_cache++;
	} else {
		/* Cannot happen with the fixed set of queries; fail loudly. */
		sqlite3_finalize(s);
		return err_set(e, "internal error: too many distinct queries");
	}
	*stmt = s;
	return 0;
}

static int bind_index(sqlite3_stmt *s, const char *name, struct err *e)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (i == 0)
		err_set(e, "internal error: no parameter %s in: %s", name, sqlite3_sql(s));
	return i;
}

int store_bind_text(sqlite3_stmt *s, const char *name, const char *v, struct err *e)
{
	int i = bind_index(s, name, e);
	if (i == 0)
		return -1;
	int rc = v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
	return rc == SQLITE_OK ? 0 : err_set(e, "cannot bind %s", name);
}

int store_bind_int(sqlite3_stmt *s, const char *name, long long v, struct err *e)
{
	int i = bind_index(s, name, e);
	if (i == 0)
		return -1;
	return sqlite3_bind_int64(s, i, v) == SQLITE_OK ? 0 : err_set(e, "cannot bind %s", name);
}

/* Binds text where "" means NULL (optional fields). */
static int bind_opt(sqlite3_stmt *s, const char *name, const char *v, struct err *e)
{
	return store_bind_text(s, name, (v && *v) ? v : NULL, e);
}

static int exec(struct store *st, const char *sql, const char *what, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = store_sql_error(st, NULL, what, e);
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

/* Runs one of the cached transaction statements. */
static int tx_step(struct store *st, const char *sql, const char *what, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, sql, e) != 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		store_sql_error(st, NULL, what, e);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* A write transaction: short, and taking the write lock at once so that two
 * writers queue on the busy timeout instead of failing mid-way. Nested
 * begins only count: the outermost one starts it, the outermost end commits
 * it, and a failure at any depth rolls back the whole group. */
int store_begin(struct store *st, struct err *e)
{
	if (!st->writable)
		return err_set(e, "%s is open read-only", st->path);
	if (st->tx_depth > 0) {
		/* SQLite may have rolled back by itself (a full disk, say): the
		 * rest of the group must not go on in autocommit. */
		if (st->tx_failed || sqlite3_get_autocommit(st->db)) {
			st->tx_failed = true;
			return err_set(e, "an earlier part of this change failed; nothing was saved");
		}
		st->tx_depth++;
		return 0;
	}
	if (tx_step(st, SQL_BEGIN, "cannot start a write", e) != 0)
		return -1;
	st->tx_depth = 1;
	st->tx_failed = false;
	return 0;
}

int store_rollback(struct store *st)
{
	if (st->tx_depth == 0)
		return -1;
	st->tx_failed = true;
	if (--st->tx_depth == 0) {
		if (!sqlite3_get_autocommit(st->db))
			tx_step(st, SQL_ROLLBACK, "cannot roll back", NULL);
		st->tx_failed = false;
	}
	return -1;
}

int store_commit(struct store *st, struct err *e)
{
	if (st->tx_depth == 0)
		return err_set(e, "internal error: a commit without a begin");
	if (st->tx_failed || sqlite3_get_autocommit(st->db)) {
		store_rollback(st);
		return err_set(e, "a part of this change failed; nothing was saved");
	}
	if (st->tx_depth > 1) {
		st->tx_depth--;
		return 0;
	}
	if (tx_step(st, SQL_COMMIT, "cannot save", e) != 0)
		return store_rollback(st);
	st->tx_depth = 0;
	return 0;
}

int store_end(struct store *st, int rc, struct err *e)
{
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, e) == 0 ? 0 : ST_ERROR;
}

/* Steps a statement that returns no rows. */
static int step_done(struct store *st, sqlite3_stmt *s, const char *what, struct err *e)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		store_sql_error(st, s, what, e);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

static long long pragma_int(struct store *st, const char *sql, struct err *e, int *failed)
{
	sqlite3_stmt *s;
	long long v = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		*failed = 1;
		store_sql_error(st, NULL, "cannot read the database", e);
		return 0;
	}
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE) {
		*failed = 1;
		store_sql_error(st, NULL, "cannot read the database", e);
	}
	sqlite3_finalize(s);
	return v;
}

static int migrate(struct store *st, long long from, struct err *e)
{
	for (long long v = from; v < STORE_SCHEMA_VERSION; v++) {
		char pragmas[128];
		if (store_begin(st, e) != 0)
			return -1;
		if (exec(st, MIGRATIONS[v], "cannot upgrade the database", e) != 0)
			return store_rollback(st);
		snprintf(pragmas, sizeof pragmas,
			 "PRAGMA application_id=%d; PRAGMA user_version=%lld;",
			 STORE_APPLICATION_ID, v + 1);
		if (exec(st, pragmas, "cannot upgrade the database", e) != 0)
			return store_rollback(st);
		if (store_commit(st, e) != 0)
			return -1;
	}
	return 0;
}

/* Looks at an existing file before SQLite may change anything, so that a
 * file that is not ours is refused untouched. */
static int check_header(const char *path, struct err *e)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "cannot open %s: %s", path, strerror(errno));
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0; /* empty: becomes a new database */
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0)
		return err_set(e, "%s is not a debrief database (not an SQLite file)", path);
	return 0;
}

/* A folder set up for a team: setgid, group-writable. */
static bool shared_folder(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	struct stat sb;
	bool shared = false;
	if (slash) {
		*(slash == dir ? slash + 1 : slash) = '\0';
		shared = stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID) && (sb.st_mode & S_IWGRP);
	}
	free(dir);
	return shared;
}

static int configure(struct store *st, struct err *e)
{
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	int failed = 0;
	/* Check ownership and version before anything may write. */
	long long app = pragma_int(st, "PRAGMA application_id", e, &failed);
	long long ver = failed ? 0 : pragma_int(st, "PRAGMA user_version", e, &failed);
	long long tables = failed ? 0 : pragma_int(st, "SELECT count(*) FROM sqlite_master", e, &failed);
	if (failed) {
		err_prefix(e, "%s", st->path);
		return -1;
	}
	if (app != STORE_APPLICATION_ID && (app != 0 || tables > 0))
		return err_set(e, "%s is not a debrief database (it belongs to another program)",
			       st->path);
	if (ver > STORE_SCHEMA_VERSION)
		return err_set(e, "%s was written by a newer debrief (schema %lld; this one knows %d): upgrade debrief",
			       st->path, ver, STORE_SCHEMA_VERSION);
	if (!st->writable && ver < STORE_SCHEMA_VERSION)
		return err_set(e, "%s needs an upgrade to schema %d, and it is read-only",
			       st->path, STORE_SCHEMA_VERSION);
	if (exec(st, "PRAGMA foreign_keys=ON", "cannot configure the database", e) != 0)
		return -1;
	if (st->writable) {
		/* Debian builds SQLite with synchronous=FULL by default; NORMAL is
		 * durable in WAL mode against a process crash, and cheap. */
		if (exec(st, "PRAGMA journal_mode=WAL", "cannot configure the database", e) != 0 ||
		    exec(st, "PRAGMA synchronous=NORMAL", "cannot configure the database", e) != 0)
			return -1;
		if (migrate(st, ver, e) != 0)
			return -1;
		/* Asked first: CREATE ... IF NOT EXISTS takes the write lock
		 * even when there is nothing to do. */
		int failed = 0;
		if (pragma_int(st, SQL_HAVE_INDEXES, e, &failed) == 0 && !failed &&
		    exec(st, SQL_ENSURE_INDEXES, "cannot index the database", e) != 0)
			return -1;
		if (failed)
			return -1;
	}
	return 0;
}

static int open_immutable(const char *path, struct store **out, struct err *e)
{
	struct strbuf uri = {0};
	sb_puts(&uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			sb_putc(&uri, *p);
	}
	sb_puts(&uri, "?immutable=1");
	struct store *st = xcalloc(1, sizeof *st);
	st->watch_fd = -1;
	st->path = xstrdup(path);
	int rc = sqlite3_open_v2(uri.s, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | OPEN_FLAGS,
				 NULL);
	sb_free(&uri);
	if (rc != SQLITE_OK || configure(st, e) != 0) {
		if (rc != SQLITE_OK)
			err_set(e, "cannot read %s: it is read-only, in a folder that is too", path);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

int store_open(const char *path, enum store_open_flags flags, struct store **out,
	       struct err *e)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return err_set(e, "cannot open %s: %s", path, strerror(errno));
		if ((flags & STORE_CREATE) != STORE_CREATE)
			return err_set(e, "no database at %s (start one with 'debrief new' or 'debrief demo')",
				       path);
		if (paths_make_parents(path, e) != 0)
			return -1;
		/* Incident notes are often confidential: owner-only from birth,
		 * unless the folder is a team's shared one (setgid and group-
		 * writable), where the team's group may read and write it. */
		mode_t mode = shared_folder(path) ? 0660 : 0600;
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return err_set(e, "cannot create %s: %s", path, strerror(errno));
		if (fd >= 0) {
			if (fchmod(fd, mode) != 0) { /* umask must not decide */
				close(fd);
				return err_set(e, "cannot set the mode of %s: %s", path, strerror(errno));
			}
			close(fd);
		}
	} else {
		if (S_ISDIR(sb.st_mode))
			return err_set(e, "%s is a folder, not a database", path);
		if (check_header(path, e) != 0)
			return -1;
	}
	/* Readers open for writing too when they may: an older schema is then
	 * upgraded in passing instead of refused. */
	bool writable = access(path, W_OK) == 0;
	if ((flags & STORE_WRITE) && !writable)
		return err_set(e, "%s is read-only", path);

	struct store *st = xcalloc(1, sizeof *st);
	st->watch_fd = -1;
	st->path = xstrdup(path);
	st->writable = writable;
	int oflags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | OPEN_FLAGS;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		err_set(e, "cannot open %s: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return -1;
	}
	if (configure(st, e) != 0) {
		int code = sqlite3_extended_errcode(st->db);
		store_close(st);
		/* A read-only file in a folder we cannot write: SQLite cannot make
		 * the shared-memory file its write-ahead log needs. Nobody here
		 * can change the file, so read it as it stands. */
		if (!writable && (code & 0xFF) == SQLITE_READONLY && open_immutable(path, out, e) == 0)
			return 0;
		return -1;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	if (st->watch_fd >= 0)
		close(st->watch_fd);
	free(st->path);
	free(st);
}

/* --- reading rows --- */

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static void col_id(sqlite3_stmt *s, int i, char id[ID_LEN])
{
	const unsigned char *t = sqlite3_column_text(s, i);
	str_copy(id, ID_LEN, t ? (const char *)t : "");
}

static int col_enum(sqlite3_stmt *s, int i, int (*parse)(const char *), int fallback)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	int v = t ? parse((const char *)t) : -1;
	return v < 0 ? fallback : v;
}

/* Grows a result array by one zeroed element. */
static void *grow(void *arr, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		arr = xrealloc(arr, *cap * size);
	}
	memset((char *)arr + *n * size, 0, size);
	(*n)++;
	return arr;
}

/* Reads every row of a prepared, bound statement into a growing array of
 * size-byte records, each filled by read(). On an error, frees what was
 * read with release() and reports `what`. */
static int read_rows(struct store *st, sqlite3_stmt *s, size_t size,
		     void (*read)(sqlite3_stmt *s, void *row),
		     void (*release)(void *rows, size_t n), const char *what,
		     void **out, size_t *n, struct err *e)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = grow(v, &len, &cap, size);
		read(s, v + (len - 1) * size);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		release(v, len);
		return store_sql_error(st, s, what, e);
	}
	*out = v;
	*n = len;
	return 0;
}

/* The rows of one retrospective, for the listings that take only its id. */
static int list_by_retro(struct store *st, const char *sql, const char *retro_id, size_t size,
			 void (*read)(sqlite3_stmt *s, void *row),
			 void (*release)(void *rows, size_t n), const char *what,
			 void **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, sql, e) || store_bind_text(s, ":retro", retro_id, e))
		return -1;
	return read_rows(st, s, size, read, release, what, out, n, e);
}

/* --- retrospectives --- */

#define RETRO_COLS \
	"r.id, r.title, r.incident_ref, r.severity, r.incident_date, r.status," \
	" r.stage, r.current_item, r.facilitator, r.scribe, r.participants,"  \
	" r.impact, r.trigger_text, r.created_at, r.updated_at, r.closed_at, r.rev"
#define RETRO_NCOLS 17

static void read_retro(sqlite3_stmt *s, struct retro *r)
{
	memset(r, 0, sizeof *r);
	col_id(s, 0, r->id);
	r->title = col_dup(s, 1);
	r->incident_ref = col_dup(s, 2);
	r->severity = col_dup(s, 3);
	r->incident_date = col_dup(s, 4);
	r->status = (enum retro_status)col_enum(s, 5, retro_status_parse, RETRO_DRAFT);
	int stage = sqlite3_column_int(s, 6);
	r->stage = (stage >= STAGE_PRIME && stage <= STAGE_CLOSE) ? (enum stage)stage : STAGE_PRIME;
	r->current_item = col_dup(s, 7);
	r->facilitator = col_dup(s, 8);
	r->scribe = col_dup(s, 9);
	r->participants = col_dup(s, 10);
	r->impact = col_dup(s, 11);
	r->trigger = col_dup(s, 12);
	r->created_at = sqlite3_column_int64(s, 13);
	r->updated_at = sqlite3_column_int64(s, 14);
	r->closed_at = sqlite3_column_int64(s, 15);
	r->rev = sqlite3_column_int64(s, 16);
	if (!r->title)
		r->title = xstrdup("");
}

static const char SQL_INSERT_RETRO[] =
	"INSERT INTO retro(id, title, incident_ref, severity, incident_date,"
	" status, stage, facilitator, scribe, participants, impact, trigger_text,"
	" created_at, updated_at)"
	" VALUES(:id, :title, :ref, :sev, :date, :status, 1, :fac, :scribe,"
	" :people, :impact, :trigger, :now, :now)";
static const char SQL_INSERT_QUESTION[] =
	"INSERT INTO question(id, retro_id, position, title, prompts, custom)"
	" VALUES(:id, :retro, :pos, :title, :prompts, :custom)";

int store_create_retro(struct store *st, struct retro *r,
		       const struct question *questions, size_t n, struct err *e)
{
	sqlite3_stmt *s, *q;
	int64_t now = clock_now();
	store_new_id(r->id);
	r->created_at = r->updated_at = now;
	r->stage = STAGE_PRIME;
	r->rev = 1;
	if (store_prepare(st, &s, SQL_INSERT_RETRO, e) != 0 ||
	    store_prepare(st, &q, SQL_INSERT_QUESTION, e) != 0)
		return -1;
	if (store_bind_text(s, ":id", r->id, e) || store_bind_text(s, ":title", r->title, e) ||
	    bind_opt(s, ":ref", r->incident_ref, e) || bind_opt(s, ":sev", r->severity, e) ||
	    bind_opt(s, ":date", r->incident_date, e) ||
	    store_bind_text(s, ":status", retro_status_name(r->status), e) ||
	    bind_opt(s, ":fac", r->facilitator, e) || bind_opt(s, ":scribe", r->scribe, e) ||
	    bind_opt(s, ":people", r->participants, e) || bind_opt(s, ":impact", r->impact, e) ||
	    bind_opt(s, ":trigger", r->trigger, e) || store_bind_int(s, ":now", now, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot create the retrospective", e) != 0)
		return store_rollback(st);
	for (size_t i = 0; i < n; i++) {
		char qid[ID_LEN];
		store_new_id(qid);
		sqlite3_reset(q);
		sqlite3_clear_bindings(q);
		if (store_bind_text(q, ":id", qid, e) || store_bind_text(q, ":retro", r->id, e) ||
		    store_bind_int(q, ":pos", (long long)i + 1, e) ||
		    store_bind_text(q, ":title", questions[i].title, e) ||
		    store_bind_text(q, ":prompts", questions[i].prompts ? questions[i].prompts : "", e) ||
		    store_bind_int(q, ":custom", questions[i].custom, e) ||
		    step_done(st, q, "cannot create the questions", e) != 0)
			return store_rollback(st);
	}
	return store_commit(st, e);
}

static const char SQL_GET_RETRO[] =
	"SELECT " RETRO_COLS " FROM retro r WHERE r.id = :id";

int store_get_retro(struct store *st, const char *id, struct retro *out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_GET_RETRO, e) || store_bind_text(s, ":id", id, e))
		return ST_ERROR;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_retro(s, out);
		sqlite3_reset(s);
		return ST_OK;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		err_set(e, "no retrospective %s", id);
		return ST_NOT_FOUND;
	}
	store_sql_error(st, s, "cannot read the retrospective", e);
	sqlite3_reset(s);
	return ST_ERROR;
}

static const char SQL_RESOLVE_RETRO[] =
	"SELECT id, title FROM retro"
	/* the range lets the primary key's index find them: nothing sorts
	 * after a prefix followed by the highest code point */
	" WHERE id >= :p AND id < :p || char(1114111) AND substr(id, 1, length(:p)) = :p"
	" ORDER BY created_at DESC, id LIMIT 11";

int store_resolve_retro(struct store *st, const char *prefix, char id[ID_LEN],
			struct strbuf *candidates, struct err *e)
{
	char lower[ID_LEN];
	size_t n = strlen(prefix);
	if (n == 0 || n >= ID_LEN) {
		err_set(e, "no retrospective matches '%s'", prefix);
		return ST_NOT_FOUND;
	}
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)((prefix[i] >= 'A' && prefix[i] <= 'F') ? prefix[i] + 32 : prefix[i]);
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_RESOLVE_RETRO, e) || store_bind_text(s, ":p", lower, e))
		return ST_ERROR;
	int found = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (found == 0)
			col_id(s, 0, id);
		if (candidates && found < 10)
			sb_printf(candidates, "%s  %s\n", sqlite3_column_text(s, 0),
				  sqlite3_column_text(s, 1));
		else if (candidates)
			sb_puts(candidates, "...\n");
		found++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot look up the retrospective", e), ST_ERROR;
	if (found == 0) {
		err_set(e, "no retrospective matches '%s' (see 'debrief list')", prefix);
		return ST_NOT_FOUND;
	}
	if (found > 1) {
		err_set(e, "'%s' matches more than one retrospective; give more of the id", prefix);
		return ST_AMBIGUOUS;
	}
	return ST_OK;
}

/* Only what a listing shows: a screenful of them is read at every start. */
static const char SQL_LIST_RETROS[] =
	"SELECT id, title, incident_date, status, created_at,"
	" n_events, n_notes, n_actions, n_open_actions"
	" FROM retro ORDER BY " RETRO_DATE " DESC, created_at DESC, id"
	" LIMIT :limit OFFSET :offset";
static const char SQL_COUNT_RETROS[] = "SELECT count(*) FROM retro";

static void read_summary(sqlite3_stmt *s, void *row)
{
	struct retro_summary *x = row;
	memset(x, 0, sizeof *x);
	col_id(s, 0, x->retro.id);
	x->retro.title = col_dup(s, 1);
	if (!x->retro.title)
		x->retro.title = xstrdup("");
	x->retro.incident_date = col_dup(s, 2);
	x->retro.status = (enum retro_status)col_enum(s, 3, retro_status_parse, RETRO_DRAFT);
	x->retro.stage = STAGE_PRIME;
	x->retro.created_at = sqlite3_column_int64(s, 4);
	x->events = sqlite3_column_int(s, 5);
	x->notes = sqlite3_column_int(s, 6);
	x->actions = sqlite3_column_int(s, 7);
	x->actions_open = sqlite3_column_int(s, 8);
}

static void release_summaries(void *v, size_t n)
{
	store_free_retro_summaries(v, n);
}

int store_list_retros_page(struct store *st, size_t offset, size_t limit,
			   struct retro_summary **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	void *rows;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_LIST_RETROS, e) ||
	    store_bind_int(s, ":limit", limit > (size_t)INT64_MAX ? -1 : (long long)limit, e) ||
	    store_bind_int(s, ":offset", (long long)offset, e) ||
	    read_rows(st, s, sizeof **out, read_summary, release_summaries,
		      "cannot list the retrospectives", &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

int store_list_retros(struct store *st, struct retro_summary **out, size_t *n,
		      struct err *e)
{
	return store_list_retros_page(st, 0, SIZE_MAX, out, n, e);
}

/* The one number a cached statement gives (bound to :retro when retro_id
 * is given); what names it in an error. */
static int read_number(struct store *st, const char *sql, const char *retro_id, long long *out,
		       const char *what, struct err *e)
{
	sqlite3_stmt *s;
	*out = 0;
	if (store_prepare(st, &s, sql, e) || (retro_id && store_bind_text(s, ":retro", retro_id, e)))
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_sql_error(st, s, what, e);
}

int store_count_retros(struct store *st, size_t *n, struct err *e)
{
	long long v;
	int rc = read_number(st, SQL_COUNT_RETROS, NULL, &v, "cannot count the retrospectives", e);
	*n = (size_t)v;
	return rc;
}

void store_free_retro_summaries(struct retro_summary *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		retro_free(&list[i].retro);
	free(list);
}

static const char SQL_TOUCH_RETRO[] =
	"UPDATE retro SET updated_at = :now, rev = rev + 1 WHERE id = :id";

/* Every change to a retrospective's contents marks it changed. */
static int touch_retro(struct store *st, const char *retro_id, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_TOUCH_RETRO, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_int(s, ":now", clock_now(), e))
		return -1;
	if (step_done(st, s, "cannot update the retrospective", e) != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, "no retrospective %s", retro_id);
	return 0;
}

/* --- timeline --- */

static const char SQL_INSERT_EVENT[] =
	"INSERT INTO event(id, retro_id, at, offset_min, kind, mark, text, created_at)"
	" VALUES(:id, :retro, :at, :off, :kind, :mark, :text, :now)";

int store_add_events(struct store *st, const char *retro_id, struct event *events,
		     size_t n, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_INSERT_EVENT, e) != 0)
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	int64_t now = clock_now();
	for (size_t i = 0; i < n; i++) {
		struct event *ev = &events[i];
		if (!ev->id[0])
			store_new_id(ev->id);
		ev->rev = 1;
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		if (store_bind_text(s, ":id", ev->id, e) || store_bind_text(s, ":retro", retro_id, e) ||
		    store_bind_int(s, ":at", ev->time.at, e) ||
		    store_bind_int(s, ":off", ev->time.offset_min, e) ||
		    store_bind_text(s, ":kind", event_kind_name(ev->kind), e) ||
		    bind_opt(s, ":mark", event_mark_name(ev->mark), e) ||
		    store_bind_text(s, ":text", ev->text ? ev->text : "", e) ||
		    store_bind_int(s, ":now", now, e) ||
		    step_done(st, s, "cannot save the event", e) != 0)
			return store_rollback(st);
	}
	return store_commit(st, e);
}

static const char SQL_LIST_EVENTS[] =
	"SELECT id, at, offset_min, kind, mark, text, rev FROM event"
	" WHERE retro_id = :retro ORDER BY at, rowid";

static void read_event(sqlite3_stmt *s, void *row)
{
	struct event *x = row;
	col_id(s, 0, x->id);
	x->time.at = sqlite3_column_int64(s, 1);
	x->time.offset_min = sqlite3_column_int(s, 2);
	x->kind = (enum event_kind)col_enum(s, 3, event_kind_parse, EV_OTHER);
	x->mark = (enum event_mark)col_enum(s, 4, event_mark_parse, MARK_NONE);
	x->text = col_dup(s, 5);
	x->rev = sqlite3_column_int64(s, 6);
	if (!x->text)
		x->text = xstrdup("");
}

static void release_events(void *v, size_t n)
{
	store_free_events(v, n);
}

static int list_events(struct store *st, const char *sql, const char *retro_id,
		       struct event **out, size_t *n, struct err *e)
{
	void *rows;
	if (list_by_retro(st, sql, retro_id, sizeof **out, read_event, release_events,
			  "cannot read the timeline", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

int store_list_events(struct store *st, const char *retro_id, struct event **out,
		      size_t *n, struct err *e)
{
	return list_events(st, SQL_LIST_EVENTS, retro_id, out, n, e);
}

static const char SQL_LIST_MILESTONES[] =
	"SELECT id, at, offset_min, kind, mark, text, rev FROM event"
	" WHERE retro_id = :retro AND kind <> 'other' ORDER BY at, rowid";

int store_list_milestones(struct store *st, const char *retro_id, struct event **out,
			  size_t *n, struct err *e)
{
	return list_events(st, SQL_LIST_MILESTONES, retro_id, out, n, e);
}

static const char SQL_COUNT_EVENTS[] = "SELECT count(*) FROM event WHERE retro_id = :retro";

int store_count_events(struct store *st, const char *retro_id, size_t *n, struct err *e)
{
	long long v;
	int rc = read_number(st, SQL_COUNT_EVENTS, retro_id, &v, "cannot count the timeline", e);
	*n = (size_t)v;
	return rc;
}

/* --- questions --- */

static const char SQL_LIST_QUESTIONS[] =
	"SELECT id, position, title, prompts, custom FROM question"
	" WHERE retro_id = :retro ORDER BY position, rowid";

static void read_question(sqlite3_stmt *s, void *row)
{
	struct question *x = row;
	col_id(s, 0, x->id);
	x->position = sqlite3_column_int(s, 1);
	x->title = col_dup(s, 2);
	x->prompts = col_dup(s, 3);
	x->custom = sqlite3_column_int(s, 4) != 0;
	if (!x->title)
		x->title = xstrdup("");
	if (!x->prompts)
		x->prompts = xstrdup("");
}

static void release_questions(void *v, size_t n)
{
	store_free_questions(v, n);
}

int store_list_questions(struct store *st, const char *retro_id,
			 struct question **out, size_t *n, struct err *e)
{
	void *rows;
	if (list_by_retro(st, SQL_LIST_QUESTIONS, retro_id, sizeof **out, read_question, release_questions, "cannot read the questions", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

/* --- notes --- */

static const char SQL_INSERT_NOTE[] =
	"INSERT INTO note(id, retro_id, stage, event_id, question_id, action_id,"
	" role, body, created_at, offset_min)"
	" VALUES(:id, :retro, :stage, :event, :question, :action, :role, :body,"
	" :at, :off)";

int store_add_note(struct store *st, const char *retro_id, struct note *n,
		   struct err *e)
{
	sqlite3_stmt *s;
	if (!n->id[0])
		store_new_id(n->id);
	n->rev = 1;
	if (n->created_at == 0) {
		n->created_at = clock_now();
		n->offset_min = local_offset_min(n->created_at);
	}
	if (store_prepare(st, &s, SQL_INSERT_NOTE, e) || store_bind_text(s, ":id", n->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_int(s, ":stage", n->stage, e) ||
	    bind_opt(s, ":event", n->event_id, e) || bind_opt(s, ":question", n->question_id, e) ||
	    bind_opt(s, ":action", n->action_id, e) ||
	    store_bind_text(s, ":role", author_role_name(n->role), e) ||
	    store_bind_text(s, ":body", n->body ? n->body : "", e) ||
	    store_bind_int(s, ":at", n->created_at, e) || store_bind_int(s, ":off", n->offset_min, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (touch_retro(st, retro_id, e) != 0 || step_done(st, s, "cannot save the note", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

static const char SQL_LIST_NOTES[] =
	"SELECT id, stage, event_id, question_id, action_id, role, body,"
	" created_at, offset_min, rev FROM note"
	" WHERE retro_id = :retro ORDER BY created_at, rowid";

static void read_note(sqlite3_stmt *s, void *row)
{
	struct note *x = row;
	col_id(s, 0, x->id);
	int stage = sqlite3_column_int(s, 1);
	x->stage = (stage >= STAGE_PRIME && stage <= STAGE_CLOSE) ? (enum stage)stage : STAGE_PRIME;
	col_id(s, 2, x->event_id);
	col_id(s, 3, x->question_id);
	col_id(s, 4, x->action_id);
	x->role = (enum author_role)col_enum(s, 5, author_role_parse, ROLE_SCRIBE);
	x->body = col_dup(s, 6);
	x->created_at = sqlite3_column_int64(s, 7);
	x->offset_min = sqlite3_column_int(s, 8);
	x->rev = sqlite3_column_int64(s, 9);
	if (!x->body)
		x->body = xstrdup("");
}

static void release_notes(void *v, size_t n)
{
	store_free_notes(v, n);
}

int store_list_notes(struct store *st, const char *retro_id, struct note **out,
		     size_t *n, struct err *e)
{
	void *rows;
	if (list_by_retro(st, SQL_LIST_NOTES, retro_id, sizeof **out, read_note, release_notes, "cannot read the notes", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

/* --- action items --- */

static const char SQL_INSERT_ACTION[] =
	"INSERT INTO action(id, retro_id, title, owner, due, type, priority,"
	" status, tracker_ref, origin_event, origin_question, created_at)"
	" VALUES(:id, :retro, :title, :owner, :due, :type, :prio, :status,"
	" :ref, :oev, :oq, :at)";

int store_add_action(struct store *st, const char *retro_id, struct action *a,
		     struct err *e)
{
	sqlite3_stmt *s;
	if (!a->id[0])
		store_new_id(a->id);
	a->rev = 1;
	if (a->created_at == 0)
		a->created_at = clock_now();
	if (a->priority < PRIO_P1 || a->priority > PRIO_P4)
		a->priority = PRIO_P2;
	if (store_prepare(st, &s, SQL_INSERT_ACTION, e) || store_bind_text(s, ":id", a->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":title", a->title, e) ||
	    bind_opt(s, ":owner", a->owner, e) || bind_opt(s, ":due", a->due, e) ||
	    store_bind_text(s, ":type", action_type_name(a->type), e) ||
	    store_bind_int(s, ":prio", a->priority, e) ||
	    store_bind_text(s, ":status", action_status_name(a->status), e) ||
	    bind_opt(s, ":ref", a->tracker_ref, e) || bind_opt(s, ":oev", a->origin_event, e) ||
	    bind_opt(s, ":oq", a->origin_question, e) || store_bind_int(s, ":at", a->created_at, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (touch_retro(st, retro_id, e) != 0 ||
	    step_done(st, s, "cannot save the action item", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

#define ACTION_COLS \
	"a.id, a.title, a.owner, a.due, a.type, a.priority, a.status," \
	" a.tracker_ref, a.origin_event, a.origin_question, a.created_at, a.rev," \
	" a.retro_id, r.title"

static void read_action(sqlite3_stmt *s, void *row)
{
	struct action *x = row;
	memset(x, 0, sizeof *x);
	col_id(s, 0, x->id);
	x->title = col_dup(s, 1);
	x->owner = col_dup(s, 2);
	x->due = col_dup(s, 3);
	x->type = (enum action_type)col_enum(s, 4, action_type_parse, ACT_PREVENT);
	int p = sqlite3_column_int(s, 5);
	x->priority = (p >= PRIO_P1 && p <= PRIO_P4) ? (enum priority)p : PRIO_P2;
	x->status = (enum action_status)col_enum(s, 6, action_status_parse, ACT_OPEN);
	x->tracker_ref = col_dup(s, 7);
	col_id(s, 8, x->origin_event);
	col_id(s, 9, x->origin_question);
	x->created_at = sqlite3_column_int64(s, 10);
	x->rev = sqlite3_column_int64(s, 11);
	col_id(s, 12, x->retro_id);
	x->retro_title = col_dup(s, 13);
	if (!x->title)
		x->title = xstrdup("");
}

static void release_actions(void *v, size_t n)
{
	store_free_actions(v, n);
}

static int list_actions(struct store *st, sqlite3_stmt *s, struct action **out,
			size_t *n, struct err *e)
{
	void *rows;
	if (read_rows(st, s, sizeof **out, read_action, release_actions,
		      "cannot read the action items", &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

static const char SQL_LIST_ACTIONS[] =
	"SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id"
	" WHERE a.retro_id = :retro ORDER BY a.created_at, a.rowid";

int store_list_actions(struct store *st, const char *retro_id, struct action **out,
		       size_t *n, struct err *e)
{
	void *rows;
	if (list_by_retro(st, SQL_LIST_ACTIONS, retro_id, sizeof **out, read_action, release_actions,
			  "cannot read the action items", &rows, n, e))
		return *out = NULL, -1;
	*out = rows;
	return 0;
}

static const char SQL_LIST_ALL_ACTIONS[] =
	"SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id"
	" WHERE (:open = 0 OR a.status = 'open')"
	" AND (:owner IS NULL OR a.owner = :owner COLLATE NOCASE"
	"      OR ltrim(a.owner, '@') = ltrim(:owner, '@') COLLATE NOCASE)"
	" ORDER BY a.status = 'open' DESC, a.due IS NULL, a.due, a.priority,"
	" a.created_at, a.rowid";

int store_list_all_actions(struct store *st, bool open_only, const char *owner,
			   struct action **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_LIST_ALL_ACTIONS, e) ||
	    store_bind_int(s, ":open", open_only, e) || store_bind_text(s, ":owner", owner, e))
		return -1;
	return list_actions(st, s, out, n, e);
}

void store_free_events(struct event *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		event_free(&v[i]);
	free(v);
}

void store_free_questions(struct question *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		question_free(&v[i]);
	free(v);
}

void store_free_notes(struct note *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		note_free(&v[i]);
	free(v);
}

void store_free_actions(struct action *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		action_free(&v[i]);
	free(v);
}

/* --- changing things during the meeting --- */

/* After an UPDATE ... WHERE id AND rev matched nothing: tell a conflict (the
 * row is there, changed by someone else) from a row that is gone. */
static int update_outcome(struct store *st, const char *table_sql, const char *id,
			  const char *what, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, table_sql, e) || store_bind_text(s, ":id", id, e))
		return ST_ERROR;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW) {
		err_set(e, "someone else changed this %s meanwhile; your text is kept, reload to see theirs", what);
		return ST_CONFLICT;
	}
	if (rc == SQLITE_DONE) {
		err_set(e, "this %s was deleted meanwhile", what);
		return ST_NOT_FOUND;
	}
	return store_sql_error(st, s, "cannot check for changes", e);
}

/* Runs a prepared, bound UPDATE guarded by rev inside its own transaction,
 * touching the retrospective too. */
static int guarded_update(struct store *st, sqlite3_stmt *s, const char *retro_id,
			  const char *exists_sql, const char *id, const char *what,
			  int64_t *rev, struct err *e)
{
	if (store_begin(st, e) != 0)
		return ST_ERROR;
	if (step_done(st, s, "cannot save the change", e) != 0)
		return store_rollback(st), ST_ERROR;
	if (sqlite3_changes(st->db) == 0) {
		int rc = update_outcome(st, exists_sql, id, what, e);
		store_rollback(st);
		return rc;
	}
	if (retro_id && touch_retro(st, retro_id, e) != 0)
		return store_rollback(st), ST_ERROR;
	if (store_commit(st, e) != 0)
		return ST_ERROR;
	(*rev)++;
	return ST_OK;
}

static const char SQL_UPDATE_RETRO[] =
	"UPDATE retro SET title = :title, incident_ref = :ref, severity = :sev,"
	" incident_date = :date, facilitator = :fac, scribe = :scribe,"
	" participants = :people, impact = :impact, trigger_text = :trigger,"
	" updated_at = :now, rev = rev + 1 WHERE id = :id AND rev = :rev";
static const char SQL_RETRO_EXISTS[] = "SELECT 1 FROM retro WHERE id = :id";

int store_update_retro(struct store *st, struct retro *r, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_RETRO, e) || store_bind_text(s, ":id", r->id, e) ||
	    store_bind_text(s, ":title", r->title, e) || bind_opt(s, ":ref", r->incident_ref, e) ||
	    bind_opt(s, ":sev", r->severity, e) || bind_opt(s, ":date", r->incident_date, e) ||
	    bind_opt(s, ":fac", r->facilitator, e) || bind_opt(s, ":scribe", r->scribe, e) ||
	    bind_opt(s, ":people", r->participants, e) || bind_opt(s, ":impact", r->impact, e) ||
	    bind_opt(s, ":trigger", r->trigger, e) || store_bind_int(s, ":now", clock_now(), e) ||
	    store_bind_int(s, ":rev", r->rev, e))
		return ST_ERROR;
	return guarded_update(st, s, NULL, SQL_RETRO_EXISTS, r->id, "retrospective", &r->rev, e);
}

static const char SQL_SET_POSITION[] =
	"UPDATE retro SET stage = :stage, current_item = :item,"
	" status = CASE status WHEN 'draft' THEN 'in-progress' ELSE status END"
	" WHERE id = :id";

int store_set_position(struct store *st, const char *retro_id, enum stage stage,
		       const char *item_id, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_SET_POSITION, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_int(s, ":stage", stage, e) || bind_opt(s, ":item", item_id, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot save the position", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

static const char SQL_SET_STATUS[] =
	"UPDATE retro SET status = :status, updated_at = :now, rev = rev + 1,"
	" closed_at = CASE WHEN :status = 'closed' THEN :now ELSE 0 END"
	" WHERE id = :id";

int store_set_status(struct store *st, const char *retro_id, enum retro_status status,
		     struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_SET_STATUS, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_text(s, ":status", retro_status_name(status), e) ||
	    store_bind_int(s, ":now", clock_now(), e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot change the status", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

static const char SQL_UPDATE_EVENT[] =
	"UPDATE event SET at = :at, offset_min = :off, kind = :kind, mark = :mark,"
	" text = :text, rev = rev + 1 WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_EVENT_EXISTS[] = "SELECT 1 FROM event WHERE id = :id";

int store_update_event(struct store *st, const char *retro_id, struct event *ev,
		       struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_EVENT, e) || store_bind_text(s, ":id", ev->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_int(s, ":at", ev->time.at, e) ||
	    store_bind_int(s, ":off", ev->time.offset_min, e) ||
	    store_bind_text(s, ":kind", event_kind_name(ev->kind), e) ||
	    bind_opt(s, ":mark", event_mark_name(ev->mark), e) ||
	    store_bind_text(s, ":text", ev->text ? ev->text : "", e) ||
	    store_bind_int(s, ":rev", ev->rev, e))
		return ST_ERROR;
	return guarded_update(st, s, retro_id, SQL_EVENT_EXISTS, ev->id, "event", &ev->rev, e);
}

static const char SQL_UPDATE_ACTION[] =
	"UPDATE action SET title = :title, owner = :owner, due = :due, type = :type,"
	" priority = :prio, status = :status, tracker_ref = :ref,"
	" origin_event = :oev, origin_question = :oq, rev = rev + 1"
	" WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_ACTION_EXISTS[] = "SELECT 1 FROM action WHERE id = :id";

int store_update_action(struct store *st, const char *retro_id, struct action *a,
			struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_ACTION, e) || store_bind_text(s, ":id", a->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":title", a->title, e) ||
	    bind_opt(s, ":owner", a->owner, e) || bind_opt(s, ":due", a->due, e) ||
	    store_bind_text(s, ":type", action_type_name(a->type), e) ||
	    store_bind_int(s, ":prio", a->priority, e) ||
	    store_bind_text(s, ":status", action_status_name(a->status), e) ||
	    bind_opt(s, ":ref", a->tracker_ref, e) || bind_opt(s, ":oev", a->origin_event, e) ||
	    bind_opt(s, ":oq", a->origin_question, e) || store_bind_int(s, ":rev", a->rev, e))
		return ST_ERROR;
	return guarded_update(st, s, retro_id, SQL_ACTION_EXISTS, a->id, "action item", &a->rev, e);
}

static const char SQL_UPDATE_NOTE[] =
	"UPDATE note SET body = :body, rev = rev + 1"
	" WHERE id = :id AND retro_id = :retro AND rev = :rev";
static const char SQL_NOTE_EXISTS[] = "SELECT 1 FROM note WHERE id = :id";

int store_update_note(struct store *st, const char *retro_id, struct note *n,
		      struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_NOTE, e) || store_bind_text(s, ":id", n->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":body", n->body, e) ||
	    store_bind_int(s, ":rev", n->rev, e))
		return ST_ERROR;
	return guarded_update(st, s, retro_id, SQL_NOTE_EXISTS, n->id, "note", &n->rev, e);
}

/* Deletes a record and (with notes_sql) the notes anchored to it, in one
 * transaction. */
static int delete_with_notes(struct store *st, const char *retro_id, const char *sql,
			     const char *notes_sql, const char *id, const char *what,
			     struct err *e)
{
	sqlite3_stmt *s, *n = NULL;
	if (store_prepare(st, &s, sql, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_text(s, ":retro", retro_id, e))
		return -1;
	if (notes_sql && (store_prepare(st, &n, notes_sql, e) || store_bind_text(n, ":id", id, e) ||
			  store_bind_text(n, ":retro", retro_id, e)))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if ((n && step_done(st, n, "cannot delete its notes", e) != 0) ||
	    step_done(st, s, what, e) != 0 || touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

static const char SQL_DELETE_EVENT[] = "DELETE FROM event WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_EVENT_NOTES[] =
	"DELETE FROM note WHERE event_id = :id AND retro_id = :retro";
static const char SQL_DELETE_ACTION[] = "DELETE FROM action WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_ACTION_NOTES[] =
	"DELETE FROM note WHERE action_id = :id AND retro_id = :retro";
static const char SQL_DELETE_NOTE[] = "DELETE FROM note WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_QUESTION[] =
	"DELETE FROM question WHERE id = :id AND retro_id = :retro";
static const char SQL_DELETE_QUESTION_NOTES[] =
	"DELETE FROM note WHERE question_id = :id AND retro_id = :retro";

int store_delete_event(struct store *st, const char *retro_id, const char *event_id,
		       struct err *e)
{
	return delete_with_notes(st, retro_id, SQL_DELETE_EVENT, SQL_DELETE_EVENT_NOTES,
				 event_id, "cannot delete the event", e);
}

int store_delete_action(struct store *st, const char *retro_id, const char *action_id,
			struct err *e)
{
	return delete_with_notes(st, retro_id, SQL_DELETE_ACTION, SQL_DELETE_ACTION_NOTES,
				 action_id, "cannot delete the action item", e);
}

int store_delete_note(struct store *st, const char *retro_id, const char *note_id,
		      struct err *e)
{
	return delete_with_notes(st, retro_id, SQL_DELETE_NOTE, NULL, note_id,
				 "cannot delete the note", e);
}

int store_delete_question(struct store *st, const char *retro_id, const char *question_id,
			  struct err *e)
{
	return delete_with_notes(st, retro_id, SQL_DELETE_QUESTION, SQL_DELETE_QUESTION_NOTES,
				 question_id, "cannot delete the question", e);
}

static const char SQL_ADD_QUESTION[] =
	"INSERT INTO question(id, retro_id, position, title, prompts, custom)"
	" VALUES(:id, :retro,"
	" coalesce(nullif(:pos, 0), (SELECT coalesce(max(position), 0) + 1"
	"   FROM question WHERE retro_id = :retro)), :title, :prompts, :custom)";
static const char SQL_QUESTION_POSITION[] = "SELECT position FROM question WHERE id = :id";

int store_add_question(struct store *st, const char *retro_id, struct question *q,
		       struct err *e)
{
	sqlite3_stmt *s, *p;
	if (!q->id[0])
		store_new_id(q->id);
	if (store_prepare(st, &s, SQL_ADD_QUESTION, e) || store_bind_text(s, ":id", q->id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_int(s, ":pos", q->position, e) ||
	    store_bind_text(s, ":title", q->title, e) ||
	    store_bind_text(s, ":prompts", q->prompts ? q->prompts : "", e) ||
	    store_bind_int(s, ":custom", q->custom, e) ||
	    store_prepare(st, &p, SQL_QUESTION_POSITION, e) || store_bind_text(p, ":id", q->id, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot add the question", e) != 0 || touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	if (sqlite3_step(p) == SQLITE_ROW)
		q->position = sqlite3_column_int(p, 0);
	sqlite3_reset(p);
	return store_commit(st, e);
}

/* --- what undo checks --- */

static const char SQL_EVENT_REV[] = "SELECT rev FROM event WHERE id = :id AND retro_id = :retro";
static const char SQL_ACTION_REV[] = "SELECT rev FROM action WHERE id = :id AND retro_id = :retro";
static const char SQL_NOTE_REV[] = "SELECT rev FROM note WHERE id = :id AND retro_id = :retro";
static const char SQL_QUESTION_REV[] =
	"SELECT 1 FROM question WHERE id = :id AND retro_id = :retro";
static const char SQL_QUESTION_TITLE[] =
	"SELECT title FROM question WHERE id = :id AND retro_id = :retro";
static const char SQL_NOTES_ON_EVENT[] =
	"SELECT count(*) FROM note WHERE event_id = :id AND retro_id = :retro";
static const char SQL_NOTES_ON_ACTION[] =
	"SELECT count(*) FROM note WHERE action_id = :id AND retro_id = :retro";
static const char SQL_NOTES_ON_QUESTION[] =
	"SELECT count(*) FROM note WHERE question_id = :id AND retro_id = :retro";

/* Steps a query of one row and one column for a record; ST_NOT_FOUND when
 * there is no row. The statement is left on its row for the caller. */
static int record_row(struct store *st, const char *sql, const char *retro_id, const char *id,
		      sqlite3_stmt **out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, sql, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_text(s, ":retro", retro_id, e))
		return ST_ERROR;
	int rc = sqlite3_step(s);
	*out = s;
	if (rc == SQLITE_ROW)
		return ST_OK;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return ST_NOT_FOUND;
	return store_sql_error(st, s, "cannot read the record", e), ST_ERROR;
}

int store_get_rev(struct store *st, const char *retro_id, enum store_record kind,
		  const char *id, int64_t *rev, struct err *e)
{
	static const char *const sql[] = {
		[REC_EVENT] = SQL_EVENT_REV, [REC_ACTION] = SQL_ACTION_REV,
		[REC_NOTE] = SQL_NOTE_REV, [REC_QUESTION] = SQL_QUESTION_REV,
	};
	sqlite3_stmt *s;
	int rc = record_row(st, sql[kind], retro_id, id, &s, e);
	if (rc == ST_OK) {
		*rev = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

int store_get_question_title(struct store *st, const char *retro_id, const char *id,
			     char **title, struct err *e)
{
	sqlite3_stmt *s;
	*title = NULL;
	int rc = record_row(st, SQL_QUESTION_TITLE, retro_id, id, &s, e);
	if (rc == ST_OK) {
		*title = col_dup(s, 0);
		sqlite3_reset(s);
		if (!*title)
			*title = xstrdup("");
	}
	return rc;
}

int store_count_notes_on(struct store *st, const char *retro_id, enum store_record kind,
			 const char *id, size_t *n, struct err *e)
{
	static const char *const sql[] = {
		[REC_EVENT] = SQL_NOTES_ON_EVENT, [REC_ACTION] = SQL_NOTES_ON_ACTION,
		[REC_NOTE] = NULL, [REC_QUESTION] = SQL_NOTES_ON_QUESTION,
	};
	sqlite3_stmt *s;
	*n = 0;
	if (!sql[kind])
		return ST_OK;
	int rc = record_row(st, sql[kind], retro_id, id, &s, e);
	if (rc == ST_OK) {
		*n = (size_t)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

/* --- drafts --- */

static const char SQL_PUT_DRAFT[] =
	"INSERT INTO draft(retro_id, slot, body, updated_at) VALUES(:retro, :slot, :body, :now)"
	" ON CONFLICT(retro_id, slot) DO UPDATE SET body = excluded.body,"
	" updated_at = excluded.updated_at";
static const char SQL_CLEAR_DRAFT[] = "DELETE FROM draft WHERE retro_id = :retro AND slot = :slot";
static const char SQL_GET_DRAFT[] = "SELECT body FROM draft WHERE retro_id = :retro AND slot = :slot";

int store_put_draft(struct store *st, const char *retro_id, const char *slot,
		    const char *body, struct err *e)
{
	sqlite3_stmt *s;
	bool clear = !body || !*body;
	if (store_prepare(st, &s, clear ? SQL_CLEAR_DRAFT : SQL_PUT_DRAFT, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":slot", slot, e))
		return -1;
	if (!clear && (store_bind_text(s, ":body", body, e) ||
		       store_bind_int(s, ":now", clock_now(), e)))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot save the draft", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

int store_get_draft(struct store *st, const char *retro_id, const char *slot,
		    char **body, struct err *e)
{
	sqlite3_stmt *s;
	*body = NULL;
	if (store_prepare(st, &s, SQL_GET_DRAFT, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_text(s, ":slot", slot, e))
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*body = col_dup(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot read the draft", e);
	return 0;
}

static const char SQL_RENAME_QUESTION[] =
	"UPDATE question SET title = :title WHERE id = :id AND retro_id = :retro";

int store_rename_question(struct store *st, const char *retro_id, const char *question_id,
			  const char *title, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_RENAME_QUESTION, e) || store_bind_text(s, ":id", question_id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":title", title, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot rename the question", e) != 0)
		return store_rollback(st);
	if (sqlite3_changes(st->db) == 0) {
		store_rollback(st);
		return err_set(e, "this question was deleted meanwhile");
	}
	if (touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

/* --- several terminals on one file --- */

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

int store_data_version(struct store *st, long long *out, struct err *e)
{
	long long v;
	int rc = read_number(st, SQL_DATA_VERSION, NULL, &v, "cannot check for changes", e);
	if (rc == 0)
		*out = v; /* kept as it was when the check fails */
	return rc;
}

static const char SQL_RETRO_MARK[] =
	"SELECT rev, stage, coalesce(current_item, ''), status FROM retro WHERE id = :id";

int store_retro_mark(struct store *st, const char *retro_id, struct retro_mark *out,
		     struct err *e)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof *out);
	if (store_prepare(st, &s, SQL_RETRO_MARK, e) || store_bind_text(s, ":id", retro_id, e))
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->rev = sqlite3_column_int64(s, 0);
		int stage = sqlite3_column_int(s, 1);
		out->stage = (stage >= STAGE_PRIME && stage <= STAGE_CLOSE) ? (enum stage)stage : STAGE_PRIME;
		col_id(s, 2, out->item);
		out->status = (enum retro_status)col_enum(s, 3, retro_status_parse, RETRO_DRAFT);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return err_set(e, "the retrospective was deleted");
	return rc == SQLITE_ROW ? 0 : store_sql_error(st, s, "cannot check for changes", e);
}

static const char SQL_PRESENCE_BEAT[] =
	"INSERT INTO presence(id, retro_id, role, pid, seen_at) VALUES(:id, :retro, :role, :pid, :now)"
	" ON CONFLICT(id) DO UPDATE SET retro_id = excluded.retro_id, role = excluded.role,"
	" seen_at = excluded.seen_at";
static const char SQL_PRESENCE_LEAVE[] = "DELETE FROM presence WHERE id = :id";
static const char SQL_PRESENCE_LIST[] =
	"SELECT id, role, pid, seen_at FROM presence WHERE retro_id = :retro AND seen_at >= :since"
	" ORDER BY rowid";

int store_presence_beat(struct store *st, const char *retro_id, const char *id,
			const char *role, long pid, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_PRESENCE_BEAT, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_text(s, ":retro", retro_id, e) || store_bind_text(s, ":role", role, e) ||
	    store_bind_int(s, ":pid", pid, e) || store_bind_int(s, ":now", clock_now(), e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot say who is here", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

int store_presence_leave(struct store *st, const char *id, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_PRESENCE_LEAVE, e) || store_bind_text(s, ":id", id, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (step_done(st, s, "cannot say goodbye", e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

static void read_presence(sqlite3_stmt *s, void *row)
{
	struct presence *x = row;
	col_id(s, 0, x->id);
	const unsigned char *role = sqlite3_column_text(s, 1);
	str_copy(x->role, sizeof x->role, role ? (const char *)role : "");
	x->pid = (long)sqlite3_column_int64(s, 2);
	x->seen_at = sqlite3_column_int64(s, 3);
}

static void release_plain(void *v, size_t n)
{
	(void)n;
	free(v);
}

int store_presence_list(struct store *st, const char *retro_id, int64_t since,
			struct presence **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	void *rows;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_PRESENCE_LIST, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_int(s, ":since", since, e) ||
	    read_rows(st, s, sizeof **out, read_presence, release_plain, "cannot see who is here",
		      &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

int store_watch(struct store *st)
{
	if (st->watch_fd >= 0)
		return st->watch_fd;
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	/* The folder, not the files: SQLite creates and removes the -wal file
	 * as connections come and go. */
	char *dir = xstrdup(st->path);
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
	st->watch_fd = fd;
	return fd;
}

void store_watch_drain(struct store *st)
{
	char buf[4096];
	if (st->watch_fd < 0)
		return;
	while (read(st->watch_fd, buf, sizeof buf) > 0)
		;
}

/* Two index walks (action_by_status is on status, due), each stopped at the
 * limit: the dated ones by due date, then the undated ones newest first. */
static const char SQL_OPEN_ELSEWHERE[] =
	"SELECT * FROM (SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id"
	"  WHERE a.status = 'open' AND a.due IS NOT NULL AND a.retro_id <> :retro"
	"  ORDER BY a.due LIMIT :limit)"
	" UNION ALL"
	" SELECT * FROM (SELECT " ACTION_COLS " FROM action a JOIN retro r ON r.id = a.retro_id"
	"  WHERE a.status = 'open' AND a.due IS NULL AND a.retro_id <> :retro"
	"  ORDER BY a.rowid DESC LIMIT :limit)";
/* All open ones less this retrospective's: the first count reads only the
 * status index, where filtering on retro_id would visit every open row. */
static const char SQL_COUNT_OPEN_ELSEWHERE[] =
	"SELECT (SELECT count(*) FROM action WHERE status = 'open')"
	" - (SELECT count(*) FROM action WHERE retro_id = :retro AND status = 'open')";

int store_list_open_elsewhere(struct store *st, const char *retro_id, size_t limit,
			      struct action **out, size_t *n, size_t *total, struct err *e)
{
	sqlite3_stmt *s, *c;
	*out = NULL;
	*n = 0;
	*total = 0;
	if (store_prepare(st, &s, SQL_OPEN_ELSEWHERE, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_int(s, ":limit", (long long)limit, e) || list_actions(st, s, out, n, e))
		return -1;
	/* The two halves give up to twice the limit: keep the most urgent. */
	while (*n > limit)
		action_free(&(*out)[--*n]);
	if (store_prepare(st, &c, SQL_COUNT_OPEN_ELSEWHERE, e) || store_bind_text(c, ":retro", retro_id, e))
		return -1;
	if (sqlite3_step(c) == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(c, 0);
	sqlite3_reset(c);
	return 0;
}
