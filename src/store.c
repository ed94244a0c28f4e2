/* Storage: the connection, its cache of prepared statements, nested
 * transactions, and the helpers every store_*.c file reads and writes rows
 * with. Storage is the only layer that speaks SQL; it is split by job:
 * store_schema.c (schema and migrations), store_retro.c (retrospectives),
 * store_timeline.c (events and questions), store_notes.c (notes and action
 * items), store_live.c (drafts, presence, position, change detection) and
 * store_json*.c (JSON through SQLite); store_rows.c reads rows. */
#include "store_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "debrief/paths.h"

/* Every connection: extended result codes, and no mutex of its own. A
 * connection is only ever used by the thread that opened it (debrief has
 * one), and the locking cost a fifth of an export's time in SQLite. */
#define OPEN_FLAGS (SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX)

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

const char *store_sqlite_path(const struct store *st)
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
	st->last_code = code;
	if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED) {
		err_set(e, "%s: another program is writing the database", what);
		if (e)
			e->busy = 1;
		return -1;
	}
	if ((code & 0xFF) == SQLITE_CONSTRAINT && strcmp(msg, STORE_CLOSED_RAISE) == 0)
		return err_set(e, "%s", STORE_CLOSED_MSG); /* closed by another meanwhile */
	if ((code & 0xFF) == SQLITE_FULL)
		return err_set(e, "%s: the disk is full", what);
	if ((code & 0xFF) == SQLITE_READONLY)
		return err_set(e, "%s: the database is read-only", what);
	if ((code & 0xFF) == SQLITE_CORRUPT || (code & 0xFF) == SQLITE_NOTADB)
		return err_set(e, "%s: the database is damaged (%s); 'debrief check' says more", what, msg);
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
int store_bind_opt(sqlite3_stmt *s, const char *name, const char *v, struct err *e)
{
	return store_bind_text(s, name, (v && *v) ? v : NULL, e);
}

int store_exec(struct store *st, const char *sql, const char *what, struct err *e)
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
int store_sqlite_begin(struct store *st, struct err *e)
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

int store_sqlite_rollback(struct store *st)
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

int store_sqlite_commit(struct store *st, struct err *e)
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

static const char SQL_READ_BEGIN[] = "BEGIN";

int store_read_begin(struct store *st, bool *own, const char *what, struct err *e)
{
	*own = sqlite3_get_autocommit(st->db) != 0;
	if (!*own)
		return 0;
	if (tx_step(st, SQL_READ_BEGIN, what, e) != 0) {
		*own = false;
		return -1;
	}
	return 0;
}

void store_read_end(struct store *st, bool own)
{
	/* A read: nothing to lose, but it must end, or the next write on this
	 * connection would find a transaction open. */
	if (own && !sqlite3_get_autocommit(st->db) &&
	    tx_step(st, SQL_COMMIT, "cannot end a read", NULL) != 0 &&
	    !sqlite3_get_autocommit(st->db))
		tx_step(st, SQL_ROLLBACK, "cannot end a read", NULL);
}

int store_write_one(struct store *st, sqlite3_stmt *s, const char *what, struct err *e)
{
	int rc = store_begin(st, e);
	if (rc == 0)
		rc = store_step_done(st, s, what, e) != 0 ? store_rollback(st) : store_commit(st, e);
	return rc;
}

int store_write_now(struct store *st, sqlite3_stmt *s, const char *what, struct err *e)
{
	int patience = st->patience_ms;
	if (st->tx_depth == 0)
		st->patience_ms = 0;
	int rc = store_write_one(st, s, what, e);
	st->patience_ms = patience;
	return rc;
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
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what, struct err *e)
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

/* Looks at an existing file before SQLite may change anything, so that a
 * file that is not ours is refused untouched. */
static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool has_hot_journal(const char *path)
{
	char journal[4096];
	struct stat sb;
	snprintf(journal, sizeof journal, "%s-journal", path);
	return stat(journal, &sb) == 0 && sb.st_size > 0;
}

/* What the file's own header says, read before SQLite touches it: a file
 * that is not SQLite's, another program's (its application_id), a newer
 * debrief's, or another program's with an unfinished write (a hot journal,
 * which SQLite would roll back as it read) is refused without being opened,
 * so it stays byte for byte as it was. (A debrief file's header may lag its
 * write-ahead log: one that says nothing is looked at by SQLite.) */
static int check_header(const char *path, struct err *e)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "cannot open %s: %s", path, strerror(errno));
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0; /* empty: becomes a new database */
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0)
		return err_set(e, "%s is not a debrief database (not an SQLite file)", path);
	uint32_t app = be32(head + 68), version = be32(head + 60), pages = be32(head + 28);
	if (app != 0 && app != STORE_APPLICATION_ID)
		return err_set(e, "%s is not a debrief database (it belongs to another program)", path);
	if (app == STORE_APPLICATION_ID && version > STORE_SCHEMA_VERSION)
		return err_set(e, "%s was written by a newer debrief (schema %u; this one knows %d): upgrade debrief",
			       path, version, STORE_SCHEMA_VERSION);
	if (app == 0 && pages > 1 && has_hot_journal(path))
		return err_set(e, "%s is not a debrief database, and another program's write to it is unfinished (a hot journal): left as it is",
			       path);
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
	st->head.ops = &store_sqlite_ops;
	st->path = xstrdup(path);
	int rc = store_open_db(uri.s, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | OPEN_FLAGS);
	sb_free(&uri);
	if (rc != SQLITE_OK || store_configure(st, e) != 0) {
		if (rc != SQLITE_OK)
			err_set(e, "cannot read %s: it is read-only, in a folder that is too", path);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

static void count_setup(struct store *st);

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
		/* A FIFO would hang the open, a device (/dev/null) would get a
		 * journal beside it: only a regular file is a database. */
		if (!S_ISREG(sb.st_mode))
			return err_set(e, "%s is not a regular file, so not a database", path);
		if (check_header(path, e) != 0)
			return -1;
	}
	/* Readers open for writing too when they may: an older schema is then
	 * upgraded in passing instead of refused. */
	bool writable = access(path, W_OK) == 0;
	if ((flags & STORE_WRITE) && !writable)
		return err_set(e, "%s is read-only", path);
	if ((flags & STORE_READ_ONCE) && !writable) {
		char wal[4096];
		snprintf(wal, sizeof wal, "%s-wal", path);
		if (access(wal, F_OK) != 0 && errno == ENOENT)
			return open_immutable(path, out, e);
	}

	struct store *st = xcalloc(1, sizeof *st);
	st->head.ops = &store_sqlite_ops;
	st->path = xstrdup(path);
	st->writable = writable;
	int oflags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | OPEN_FLAGS;
	if (store_open_db(path, &st->db, oflags) != SQLITE_OK) {
		err_set(e, "cannot open %s: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return -1;
	}
	if (store_configure(st, e) != 0) {
		int code = st->last_code;
		/* Refused: closing must not checkpoint its write-ahead log into
		 * it either. */
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		store_close(st);
		/* A read-only file in a folder we cannot write, or on a read-only
		 * mount: SQLite cannot make the shared-memory file its write-ahead
		 * log needs. Nobody here can change the file, so read it as it
		 * stands. */
		if (!writable && ((code & 0xFF) == SQLITE_READONLY || (code & 0xFF) == SQLITE_CANTOPEN) &&
		    open_immutable(path, out, e) == 0)
			return 0;
		return -1;
	}
	count_setup(st);
	*out = st;
	return 0;
}

/* Tests only (DEBRIEF_TEST_COUNTS): each row handed back, and each
 * statement's steps when it ends; (DEBRIEF_TEST_SQL) each statement, as
 * run, with its values, written when it ends. */
static int count_trace(unsigned what, void *ctx, void *p, void *x)
{
	(void)x;
	struct store *st = ctx;
	if (what == SQLITE_TRACE_ROW) {
		st->counted.rows++;
	} else if (what == SQLITE_TRACE_PROFILE) {
		st->counted.steps += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_VM_STEP, 1);
		st->counted.sorts += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_SORT, 1);
		st->counted.scans += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
		if (st->sql_said) {
			char *sql = sqlite3_expanded_sql(p);
			if (sql)
				fprintf(st->sql_said, "%s;\n", sql);
			sqlite3_free(sql);
		}
	}
	return 0;
}

static void count_setup(struct store *st)
{
	const char *on = getenv("DEBRIEF_TEST_COUNTS"), *sql = getenv("DEBRIEF_TEST_SQL");
	st->counting = on && *on;
	if (sql && *sql)
		st->sql_said = fopen(sql, "ae");
	if (st->counting || st->sql_said)
		sqlite3_trace_v2(st->db, SQLITE_TRACE_ROW | SQLITE_TRACE_PROFILE, count_trace, st);
}

int store_sqlite_test_counts(struct store *st, struct store_counts *out)
{
	*out = st->counted;
	return 0;
}

/* When a process began (clock ticks after boot, field 22 of its stat), so
 * that a process id used again is not taken for the same program; 0 when
 * unknown. */
long long store_process_start(long pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* the name may hold spaces and ')' */
	if (!p)
		return 0;
	long long v = 0;
	/* After ") " come fields 3 (state) ... 22 (starttime). */
	for (int field = 3; p && field <= 22; field++) {
		p = strchr(p + 1, ' ');
		if (p && field == 22)
			v = strtoll(p + 1, NULL, 10);
	}
	return v;
}

int store_open_side(const char *path, struct store **out, struct err *e)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->head.ops = &store_sqlite_ops;
	st->path = xstrdup(path);
	st->writable = true;
	*out = NULL;
	if (store_open_db(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | OPEN_FLAGS) !=
	    SQLITE_OK) {
		err_set(e, "cannot open %s: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return -1;
	}
	store_busy_setup(st);
	sqlite3_extended_result_codes(st->db, 1);
	*out = st;
	return 0;
}

/* Each commit's frames in the log (sqlite3_wal_hook); the checkpoint the
 * commit would have made waits for a quiet moment unless the log is long. */
static int wal_committed(void *ctx, sqlite3 *db, const char *name, int frames)
{
	struct store *st = ctx;
	st->wal_frames = frames;
	if (frames > WAL_FRAMES_MAX && sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
								 NULL, NULL) == SQLITE_OK)
		st->wal_frames = 0;
	return SQLITE_OK;
}

int store_sqlite_checkpoint_later(struct store *st)
{
	store_checkpoint_later_(st);
	return 0;
}

int store_sqlite_quiet_moment(struct store *st)
{
	struct err e;
	(void)store_search_catch_up(st, CATCH_UP_QUIET, &e);
	return store_checkpoint_idle(st);
}

void store_checkpoint_later_(struct store *st)
{
	struct err e;
	if (store_exec(st, "PRAGMA wal_autocheckpoint=0", "cannot configure the database", &e) != 0)
		return; /* (then SQLite checkpoints as it did) */
	sqlite3_wal_hook(st->db, wal_committed, st);
	st->later = true;
}

int store_checkpoint_idle(struct store *st)
{
	if (!st->later || st->wal_frames == 0)
		return 0;
	/* PASSIVE: nothing waits for it, and a reader in the way only leaves
	 * part of the log for the next time. */
	if (sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) != SQLITE_OK)
		return 0;
	st->wal_frames = 0;
	return 1;
}

/* Tests only: what the connection's reading cost in all, said when it
 * closes, for the command line's (a line "closed rows=R steps=S sorts=N
 * scans=F" in DEBRIEF_TEST_COUNTS' file). */
static void count_said(struct store *st)
{
	const char *path = getenv("DEBRIEF_TEST_COUNTS");
	FILE *f = path && *path ? fopen(path, "ae") : NULL;
	if (!f)
		return;
	const struct store_counts *c = &st->counted;
	static const char *const checked[] = {"none", "run", "skipped"};
	fprintf(f, "closed rows=%lld steps=%lld sorts=%lld scans=%lld checked=%s\n", c->rows, c->steps,
		c->sorts, c->scans, checked[st->checked]);
	fclose(f);
}

void store_sqlite_close(struct store *st)
{
	if (!st)
		return;
	struct err e;
	(void)store_search_catch_up(st, CATCH_UP_CLOSE, &e);
	for (size_t i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	if (st->counting)
		count_said(st);
	if (st->sql_said)
		fclose(st->sql_said);
	int closed = sqlite3_close(st->db);
	/* Checked sound, and changed since only through SQLite: as left now,
	 * it needs no check next time. */
	if (st->sound && st->writable && closed == SQLITE_OK)
		store_vouch(st->path);
	free(st->path);
	free(st);
}

static const char SQL_TOUCH_RETRO[] =
	"UPDATE retro SET updated_at = :now, rev = rev + 1 WHERE id = :id";

/* Every change to a retrospective's contents marks it changed. */
int store_touch_retro(struct store *st, const char *retro_id, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_TOUCH_RETRO, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_int(s, ":now", clock_now(), e))
		return -1;
	if (store_step_done(st, s, "cannot update the retrospective", e) != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, "no retrospective %s", retro_id);
	return 0;
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
int store_guarded_update(struct store *st, sqlite3_stmt *s, const char *retro_id,
			  const char *exists_sql, const char *id, const char *what,
			  int64_t *rev, struct err *e)
{
	if (store_begin(st, e) != 0)
		return ST_ERROR;
	if (store_step_done(st, s, "cannot save the change", e) != 0)
		return store_rollback(st), ST_ERROR;
	if (sqlite3_changes(st->db) == 0) {
		int rc = update_outcome(st, exists_sql, id, what, e);
		store_rollback(st);
		return rc;
	}
	if (retro_id && store_touch_retro(st, retro_id, e) != 0)
		return store_rollback(st), ST_ERROR;
	if (store_commit(st, e) != 0)
		return ST_ERROR;
	(*rev)++;
	return ST_OK;
}

/* Deletes a record and (with notes_sql) the notes anchored to it, in one
 * transaction. */
int store_delete_with_notes(struct store *st, const char *retro_id, const char *sql,
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
	if ((n && store_step_done(st, n, "cannot delete its notes", e) != 0) ||
	    store_step_done(st, s, what, e) != 0 || store_touch_retro(st, retro_id, e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
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

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.close = store_sqlite_close,
#define STORE_SQLITE_OP_(r, op, p, a) .op = store_sqlite_##op,
	STORE_OPS(STORE_SQLITE_OP_)
#undef STORE_SQLITE_OP_
};
