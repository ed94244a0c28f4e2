/* Private to the storage layer (store*.c): the connection, the cache of
 * prepared statements, and the helpers each file reads and writes with. */
#ifndef DEBRIEF_STORE_INTERNAL_H
#define DEBRIEF_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdio.h>

#include "debrief/error.h"
#include "debrief/store.h"
#include "debrief/store_backend.h"

#define STMT_CACHE_MAX 128

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

/* SQLite's connection (the backend's head first, as every backend's). */
struct store {
	struct store_head head;
	sqlite3 *db;
	char *path;
	bool writable;
	/* Nested transactions: how many begins are open, and whether any part
	 * of the group failed (then the outermost end rolls it all back). */
	int tx_depth;
	bool tx_failed;
	int last_code; /* SQLite's code of the last error reported */
	struct cached_stmt cache[STMT_CACHE_MAX];
	size_t n_cache;
	/* How long a write waits for another program's (store_set_patience):
	 * ms, or STORE_WAIT_PROGRESS; and the wait under way (store_schema.c). */
	int patience_ms;
	store_wait_fn waiting;
	void *waiting_ctx;
	long long wait_began, wal_moved;
	long long wal_size;
	bool wait_said;
	struct store_counts counted; /* DEBRIEF_TEST_COUNTS */
	bool counting;
	FILE *sql_said; /* DEBRIEF_TEST_SQL */
	/* The quick check before writing: 0 not asked, 1 run, 2 skipped (the
	 * file as a debrief left it: store_vouched); and whether the file is
	 * known sound, to be recorded so when closed (store_vouch). */
	int checked;
	bool sound;
	/* Checkpoints left for a quiet moment (store_checkpoint_later): the
	 * write-ahead log's frames after the last commit. */
	bool later;
	int wal_frames;
	/* Texts queued for the search indexes (store_search_catch_up): whether
	 * this connection's file has the queue (a debrief file open for
	 * writing), and its count of changes when the queue was last seen
	 * empty (no change since: nothing of its own can wait there). */
	bool queues;
	sqlite3_int64 queued_at;
};

/* The date a retrospective is listed under: its incident's, else the day it
 * was written. The listing's ORDER BY repeats it exactly, so that the index
 * on it (store_schema.c) serves. */
#define RETRO_DATE "coalesce(incident_date, date(created_at, 'unixepoch'))"
#define RETRO_LIST_ORDER RETRO_DATE " DESC, created_at DESC, id"

/* A retrospective's services or tags (kind), as struct retro keeps them:
 * sorted, joined by ", "; NULL when none. As a JSON array: LABELS_JSON. */
#define LABELS_OF(rid, kind)                                                   \
	"(SELECT group_concat(name, ', ') FROM (SELECT name FROM retro_label"  \
	" WHERE retro_id = " rid " AND kind = '" kind "' ORDER BY name))"
#define LABELS_JSON(rid, kind)                                                 \
	"(SELECT json_group_array(name) FROM (SELECT name FROM retro_label"    \
	" WHERE retro_id = " rid " AND kind = '" kind "' ORDER BY name))"

/* Retrospectives earlier than :retro (r, joined with ME): an earlier
 * incident, or the same day's written before (the demo, made twice, has
 * the same times: then the one stored first). */
#define EARLIER_THAN_ME                                                              \
	" (coalesce(r.incident_date, date(r.created_at, 'unixepoch')), r.created_at, r.rowid)" \
	" < (me.day, me.created_at, me.rowid)"
#define ME                                                                           \
	"(SELECT coalesce(incident_date, date(created_at, 'unixepoch')) AS day,"       \
	" created_at, rowid FROM retro WHERE id = :retro) me"

/* The retrospectives a listing shows (struct retro_filter, bound by
 * store_bind_filter): :deleted, and :text (NULL for any), found in the
 * title, incident reference or severity by debrief_holds(), which folds
 * case as text_fold does (store_retro_functions). */
#define RETRO_SHOWN                                                            \
	" (deleted_at <> 0) = :deleted"                                        \
	" AND (:text IS NULL OR debrief_holds(:text, title, incident_ref, severity," \
	"  " LABELS_OF("retro.id", "service") ", " LABELS_OF("retro.id", "tag") "))" \
	" AND (:service IS NULL OR EXISTS (SELECT 1 FROM retro_label l WHERE"   \
	"  l.retro_id = retro.id AND l.kind = 'service' AND l.name = :service))" \
	" AND (:tag IS NULL OR EXISTS (SELECT 1 FROM retro_label l WHERE"       \
	"  l.retro_id = retro.id AND l.kind = 'tag' AND l.name = :tag))"
int store_bind_filter(sqlite3_stmt *s, const struct retro_filter *f, struct err *e);
/* Adds debrief_holds() to a connection. */
int store_retro_functions(struct store *st, struct err *e);

/* The action items across every retrospective (a, joined to its retro r),
 * as the list and its JSON give them, in three queries: all of them, the
 * open ones, the open ones due before :before; each by :owner (NULL for
 * any). Three texts, not one with ":open = 0 OR": SQLite plans a query
 * once, and an OR on a parameter keeps it off the status index. */
#define ALL_ACTIONS_WHERE_(status)                                             \
	" r.deleted_at = 0" status                                             \
	" AND (:owner IS NULL OR a.owner = :owner COLLATE NOCASE"              \
	"      OR ltrim(a.owner, '@') = ltrim(:owner, '@') COLLATE NOCASE)"
#define ALL_ACTIONS_QUERIES(select_from)                                       \
	{select_from " WHERE" ALL_ACTIONS_WHERE_("") " ORDER BY a.status = 'open' DESC," \
		 ALL_ACTIONS_ORDER,                                               \
	 select_from " WHERE" ALL_ACTIONS_WHERE_(" AND a.status = 'open'")       \
		 " ORDER BY" ALL_ACTIONS_ORDER,                                   \
	 select_from " WHERE" ALL_ACTIONS_WHERE_(" AND a.status = 'open' AND (a.due IS NULL) = 0" \
						 " AND a.due < :before")                 \
		 " ORDER BY" ALL_ACTIONS_DUE_ORDER}
/* Which of the three a filter is (0, 1, 2), and its binding. */
int store_action_query(const struct action_filter *f);
int store_bind_action_filter(sqlite3_stmt *s, const struct action_filter *f, struct err *e);
/* The order of every listing of action items across retrospectives (the
 * open first when all are listed), and the keys of the index that gives
 * it (store_schema.c, action_by_order). */
#define ALL_ACTIONS_ORDER                                                      \
	" a.due IS NULL, a.due, a.priority, a.created_at, a.rowid"
#define ALL_ACTIONS_KEYS "status, due IS NULL, due, priority, created_at"
/* The same for those with a due date (the index's second key a constant,
 * said so in the query, as SQLite follows the index only so). */
#define ALL_ACTIONS_DUE_ORDER " a.due, a.priority, a.created_at, a.rowid"

sqlite3 *store_db(struct store *st);

/* SQLite's implementation of each operation (debrief/store_backend.h). */
#define STORE_SQLITE_DECL_(r, op, p, a) r store_sqlite_##op p;
STORE_OPS(STORE_SQLITE_DECL_)
#undef STORE_SQLITE_DECL_
void store_sqlite_close(struct store *st);

/* Checks the file is ours, of a version we know, and upgrades it
 * (store_schema.c); run once on every new connection. */
int store_configure(struct store *st, struct err *e);
/* A connection to a file of debrief's own beside the database (the drafts
 * file), created when missing, with the statement cache and the helpers
 * below; its schema is its owner's business. */
int store_open_side(const char *path, struct store **out, struct err *e);
/* Puts the file in WAL mode, trying again a while when SQLite says busy
 * at once (another program opening a new file too). */
int store_use_wal(struct store *st, struct err *e);
/* Whether the database at path is as a debrief left it after checking it
 * (store_vouch.c), and recording that it is, once closed. */
bool store_vouched(const char *db_path);
void store_vouch(const char *db_path);
/* A connection whose write-ahead log is copied into the file only when
 * store_checkpoint_idle is called (a quiet moment), not by the commit
 * that fills it; past WAL_FRAMES_MAX frames, by that commit after all. */
#define WAL_FRAMES_MAX 8000
void store_checkpoint_later_(struct store *st);
/* The checkpoint, if anything was committed since the last: 1 when one
 * was made, 0 when nothing was to do. */
int store_checkpoint_idle(struct store *st);
/* The texts the search indexes hold, each a table's column, with the kind
 * of its rows there (enum search_kind; the retrospective's labels, kind 6,
 * are made of several rows: store_schema.c). */
#define SEARCHED_TEXTS(M)                                                              \
	M("retro", "title", "0") M("event", "text", "1") M("note", "body", "2")            \
	M("question", "title", "3") M("action", "title", "4") M("parked", "text", "5")
/* Puts the texts waiting in the search queue into the search indexes
 * (store_schema.c: SEARCH_QUEUED), a batch a write. Before a search,
 * whoever queued them, every batch, waiting for other writes as long as a
 * change would; at a quiet moment one batch, only if this connection has
 * changed something since the queue was last seen empty, and without
 * waiting (the next quiet moment goes on); as it closes, every batch,
 * waiting. Nothing for a file other than a debrief's open for writing. */
enum catch_up { CATCH_UP_SEARCH, CATCH_UP_QUIET, CATCH_UP_CLOSE };
int store_search_catch_up(struct store *st, enum catch_up how, struct err *e);
/* Sets up a connection's waiting for the write lock (store_schema.c). */
void store_busy_setup(struct store *st);

/* Prepares sql once per connection and hands back the cached statement,
 * reset and with its bindings cleared. sql must be a string with static
 * storage: its address is the cache key. */
int store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql,
		  struct err *e);

/* Binds by name; a misspelled name is a programming error reported loudly. */
int store_bind_text(sqlite3_stmt *s, const char *name, const char *v, struct err *e);
int store_bind_int(sqlite3_stmt *s, const char *name, long long v, struct err *e);

/* sqlite3_open_v2, SQLite set up for debrief before the first
 * (store_open.c). */
int store_open_db(const char *path, sqlite3 **db, int flags);
/* e gets "what: SQLite's message (SQL)". */
int store_sql_error(struct store *st, sqlite3_stmt *s, const char *what, struct err *e);

/* Binds text where "" means NULL (optional fields). */
int store_bind_opt(sqlite3_stmt *s, const char *name, const char *v, struct err *e);
/* Runs SQL text (no rows) outside the statement cache. */
int store_exec(struct store *st, const char *sql, const char *what, struct err *e);
/* A read snapshot: what is read between the two is one moment's state.
 * store_read_begin sets *own when it opened one (none is opened inside a
 * write, which is a snapshot already); store_read_end closes only that. */
int store_read_begin(struct store *st, bool *own, const char *what, struct err *e);
void store_read_end(struct store *st, bool own);
/* Writes one prepared statement in a transaction of its own (inside a
 * caller's, only a step). */
int store_write_one(struct store *st, sqlite3_stmt *s, const char *what, struct err *e);
/* The same, in a transaction that does not
 * wait for another program's (live state: presence, the facilitator's
 * place; the caller tries again later when err.busy says so). Inside a
 * caller's transaction it is only a step. */
int store_write_now(struct store *st, sqlite3_stmt *s, const char *what, struct err *e);
/* Steps a statement that returns no rows. */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what, struct err *e);

/* Column readers: a copy of the text (NULL for NULL), an id, an enum by
 * its parser (fallback when NULL or unknown). */
char *store_col_dup(sqlite3_stmt *s, int i);
/* A column's text as SQLite holds it (NULL for NULL), valid until the
 * statement steps again; cast for the records' char * fields, which the
 * reader must then not change or free. */
char *store_col_text(sqlite3_stmt *s, int i);
void store_col_id(sqlite3_stmt *s, int i, char id[ID_LEN]);
int store_col_enum(sqlite3_stmt *s, int i, int (*parse)(const char *), int fallback);
/* A time and a UTC offset, clamped to what debrief keeps (timeutil.h). */
int64_t store_col_time(sqlite3_stmt *s, int i);
int store_col_offset(sqlite3_stmt *s, int i);

/* Reads every row of a prepared, bound statement into a growing array of
 * size-byte records, each filled by read(). On an error, frees what was
 * read with release() and reports `what`. */
int store_read_rows(struct store *st, sqlite3_stmt *s, size_t size,
		    void (*read)(sqlite3_stmt *s, void *row),
		    void (*release)(void *rows, size_t n), const char *what,
		    void **out, size_t *n, struct err *e);
/* Hands each row of a prepared, bound statement to row() as it is read,
 * until row() returns non-zero (returned as it is); a row with an id over
 * 36 characters stops the walk, refused. *n: the rows walked before. */
int store_walk_rows(struct store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *s, void *ctx),
		    void *ctx, const char *what, size_t *n, struct err *e);
/* Whether the row row() has just read had such an id: it is not to be
 * handed on to a reader outside storage. */
bool store_row_refused(void);
/* The same for the listings that take only a retrospective's id. */
int store_list_by_retro(struct store *st, const char *sql, const char *retro_id, size_t size,
			void (*read)(sqlite3_stmt *s, void *row),
			void (*release)(void *rows, size_t n), const char *what,
			void **out, size_t *n, struct err *e);
/* The one number a cached statement gives (bound to :retro when retro_id
 * is given). */
int store_read_number(struct store *st, const char *sql, const char *retro_id, long long *out,
		      const char *what, struct err *e);

/* Steps a query of one record's row (bound to :id and :retro); ST_NOT_FOUND
 * when there is none. The statement is left on its row for the caller to
 * read and reset. */
int store_record_row(struct store *st, const char *sql, const char *retro_id, const char *id,
		     sqlite3_stmt **out, struct err *e);

/* Reads that record's row with read(); ST_NOT_FOUND when there is none. */
int store_read_record(struct store *st, const char *sql, const char *retro_id, const char *id,
		      void (*read)(sqlite3_stmt *s, void *row), void *out, struct err *e);

/* When a process began (clock ticks after boot, field 22 of its stat), so
 * that a process id used again is not taken for the same program; 0 when
 * unknown (no such process). */
long long store_process_start(long pid);

/* Every change to a retrospective's contents marks it changed (rev). */
int store_touch_retro(struct store *st, const char *retro_id, struct err *e);
/* Runs a prepared, bound INSERT in a transaction that marks the
 * retrospective changed too (retro_id NULL: the insert's triggers do);
 * what names it in an error. */
int store_insert_touching(struct store *st, sqlite3_stmt *s, const char *retro_id,
			  const char *what, struct err *e);
/* Runs a prepared, bound UPDATE guarded by rev in a transaction, touching
 * the retrospective too (when retro_id is given); bumps *rev on success,
 * ST_CONFLICT or ST_NOT_FOUND when the rev or the row did not match. */
int store_guarded_update(struct store *st, sqlite3_stmt *s, const char *retro_id,
			 const char *exists_sql, const char *id, const char *what,
			 int64_t *rev, struct err *e);
/* Deletes a record and (with notes_sql) the notes anchored to it, in one
 * transaction. */
int store_delete_with_notes(struct store *st, const char *retro_id, const char *sql,
			    const char *notes_sql, const char *id, const char *what,
			    struct err *e);

#endif
