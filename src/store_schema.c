/* Storage: the schema, its migrations, and what every connection is set
 * up with. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The change log's length, as SQL text. */
#define CHANGE_LOG_KEEP "10000"
/* The triggers that log each insert, update and delete of a table's rows. */
#define CHANGE_LOGGED(table, kind)                                                     \
	"CREATE TRIGGER " table "_added AFTER INSERT ON " table " BEGIN"                   \
	" INSERT INTO change_log(retro_id, kind, record_id)"                               \
	" VALUES(NEW.retro_id, " kind ", NEW.id); END;"                                    \
	"CREATE TRIGGER " table "_changed AFTER UPDATE ON " table " BEGIN"                 \
	" INSERT INTO change_log(retro_id, kind, record_id)"                               \
	" VALUES(NEW.retro_id, " kind ", NEW.id); END;"                                    \
	"CREATE TRIGGER " table "_removed AFTER DELETE ON " table " BEGIN"                 \
	" INSERT INTO change_log(retro_id, kind, record_id)"                               \
	" VALUES(OLD.retro_id, " kind ", OLD.id); END;"

/* A closed retrospective's records are not changed, whoever writes: the
 * model refuses first, with its message; these catch a close committed by
 * another program between that check and the write (RAISE's text is
 * STORE_CLOSED_RAISE, which store_sql_error says as STORE_CLOSED_MSG). */
#define CLOSED_IS(ref) "(SELECT status FROM retro WHERE id = " ref ".retro_id) = 'closed'"
#define CLOSED_GUARD(name, when_what, ref)                                           \
	"CREATE TRIGGER " name " BEFORE " when_what " WHEN " CLOSED_IS(ref) " BEGIN"       \
	" SELECT RAISE(ABORT, '" STORE_CLOSED_RAISE "'); END;"
#define CLOSED_GUARDS(table)                                                         \
	CLOSED_GUARD(table "_closed_add", "INSERT ON " table, "NEW")                       \
	CLOSED_GUARD(table "_closed_change", "UPDATE ON " table, "OLD")                    \
	CLOSED_GUARD(table "_closed_remove", "DELETE ON " table, "OLD")

/* A closed retrospective's details stay as they are (more: the columns
 * added since schema 6). */
#define RETRO_CLOSED_CHANGE(more)                                                      \
	"CREATE TRIGGER retro_closed_change BEFORE UPDATE ON retro"                        \
	" WHEN OLD.status = 'closed' AND NEW.status = 'closed' AND (NEW.title IS NOT OLD.title" \
	" OR NEW.incident_ref IS NOT OLD.incident_ref OR NEW.severity IS NOT OLD.severity"    \
	" OR NEW.incident_date IS NOT OLD.incident_date OR NEW.facilitator IS NOT OLD.facilitator" \
	" OR NEW.scribe IS NOT OLD.scribe OR NEW.participants IS NOT OLD.participants"     \
	" OR NEW.impact IS NOT OLD.impact OR NEW.trigger_text IS NOT OLD.trigger_text" more ")" \
	" BEGIN SELECT RAISE(ABORT, '" STORE_CLOSED_RAISE "'); END;"

_Static_assert(REC_EVENT == 0 && REC_ACTION == 1 && REC_NOTE == 2 && REC_QUESTION == 3 &&
		       REC_PARKED == 4,
	       "the change log's kinds are enum store_record");

/* Search: every title and text of every retrospective, in two FTS5
 * indexes of the same rows: words, in any case and without their accents
 * (unicode61), and runs of three characters (trigram), for scripts written
 * without spaces. A row's rowid is its record's, times eight, plus its
 * kind (SEARCH_KIND_*, store_search.c), so that a change finds it at
 * once. */
#define SEARCH_INDEXES                                                                 \
	"CREATE VIRTUAL TABLE search_words USING fts5(body,"                               \
	" tokenize = 'unicode61 remove_diacritics 2');"                                    \
	"CREATE VIRTUAL TABLE search_runs USING fts5(body, tokenize = 'trigram');"
#define SEARCH_ONE(table, op, rowid, text)                                            \
	op " INTO search_words(rowid, body) VALUES(" rowid ", " text ");"                  \
	op " INTO search_runs(rowid, body) VALUES(" rowid ", " text ");"
#define SEARCH_GONE(rowid)                                                             \
	"DELETE FROM search_words WHERE rowid = " rowid ";"                                \
	"DELETE FROM search_runs WHERE rowid = " rowid ";"
#define SEARCH_INDEXED(table, col, kind)                                               \
	"CREATE TRIGGER " table "_searched AFTER INSERT ON " table " BEGIN "                \
	SEARCH_ONE(table, "INSERT", "NEW.rowid * 8 + " kind, "NEW." col) " END;"            \
	"CREATE TRIGGER " table "_researched AFTER UPDATE OF " col " ON " table " BEGIN "   \
	SEARCH_GONE("OLD.rowid * 8 + " kind)                                               \
	SEARCH_ONE(table, "INSERT", "NEW.rowid * 8 + " kind, "NEW." col) " END;"            \
	"CREATE TRIGGER " table "_unsearched AFTER DELETE ON " table " BEGIN "              \
	SEARCH_GONE("OLD.rowid * 8 + " kind) " END;"                                       \
	"INSERT INTO search_words(rowid, body) SELECT rowid * 8 + " kind ", " col          \
	" FROM " table ";"                                                                 \
	"INSERT INTO search_runs(rowid, body) SELECT rowid * 8 + " kind ", " col           \
	" FROM " table ";"

/* From schema 13 a record's text waits in search_queue (its index rowid)
 * until the queue is flushed into both indexes (store_search.c:
 * store_search_catch_up): at a quiet moment, when the connection that
 * queued it closes, and before any search. Indexing a note where it is
 * saved cost a scribe's Enter ~520,000 instructions and ~45 KB written to
 * the log; a flush of many costs little more than one. A change or a
 * removal takes the old text out of the indexes at once (a row in the
 * queue is in neither, so that is a no-op for it). */
#define SEARCH_QUEUE(kind_rowid) "INSERT OR IGNORE INTO search_queue(hid) VALUES(" kind_rowid ");"
#define SEARCH_QUEUED(table, col, kind)                                                \
	"DROP TRIGGER " table "_searched; DROP TRIGGER " table "_researched;"                \
	"DROP TRIGGER " table "_unsearched;"                                                \
	"CREATE TRIGGER " table "_searched AFTER INSERT ON " table " BEGIN "                \
	SEARCH_QUEUE("NEW.rowid * 8 + " kind) " END;"                                      \
	"CREATE TRIGGER " table "_researched AFTER UPDATE OF " col " ON " table " BEGIN "   \
	SEARCH_GONE("OLD.rowid * 8 + " kind) SEARCH_QUEUE("NEW.rowid * 8 + " kind) " END;" \
	"CREATE TRIGGER " table "_unsearched AFTER DELETE ON " table " BEGIN "              \
	SEARCH_GONE("OLD.rowid * 8 + " kind)                                               \
	"DELETE FROM search_queue WHERE hid = OLD.rowid * 8 + " kind "; END;"

/* A retrospective's services and tags are one row of the index, kind 6
 * (SEARCH_LABEL) with the retrospective's rowid, made again whenever one
 * of them comes or goes. */
#define LABELS_ROWID(rid) "(SELECT rowid * 8 + 6 FROM retro WHERE id = " rid ")"
#define LABELS_BODY(rid) "(SELECT group_concat(name, ' ') FROM retro_label WHERE retro_id = " rid ")"
#define LABELS_REINDEXED(rid)                                                          \
	SEARCH_GONE(LABELS_ROWID(rid))                                                     \
	"INSERT INTO search_words(rowid, body) SELECT " LABELS_ROWID(rid) ", " LABELS_BODY(rid) \
	" WHERE " LABELS_BODY(rid) " IS NOT NULL;"                                          \
	"INSERT INTO search_runs(rowid, body) SELECT " LABELS_ROWID(rid) ", " LABELS_BODY(rid) \
	" WHERE " LABELS_BODY(rid) " IS NOT NULL;"

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
	/* 4 -> 5: a log of which records changed, written by triggers in the
	 * same transaction as the change whoever makes it (the meeting, an
	 * import, the command line), so that another terminal reads only what
	 * changed (store_changes_since). kind is enum store_record. Kept to the
	 * last CHANGE_LOG_KEEP entries: a reader further behind loads afresh. */
	"CREATE TABLE change_log("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, retro_id TEXT NOT NULL,"
	" kind INTEGER NOT NULL, record_id TEXT NOT NULL);"
	"CREATE INDEX change_by_retro ON change_log(retro_id, seq);"
	/* The milestones (what the durations are measured from) without
	 * walking a long timeline's other events. */
	"CREATE INDEX event_milestones ON event(retro_id, at) WHERE kind <> 'other';"
	"CREATE TRIGGER change_log_kept AFTER INSERT ON change_log BEGIN"
	" DELETE FROM change_log WHERE seq <= NEW.seq - " CHANGE_LOG_KEEP "; END;"
	CHANGE_LOGGED("event", "0")
	CHANGE_LOGGED("action", "1")
	CHANGE_LOGGED("note", "2")
	CHANGE_LOGGED("question", "3"),
	/* 5 -> 6: the database's own id (a version 4 UUID), which drafts kept
	 * in each user's own file are keyed by (store_db_id). */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"INSERT INTO meta(key, value) SELECT 'id', lower(substr(h, 1, 8) || '-' || substr(h, 9, 4)"
	" || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (unicode(substr(h, 17, 1)) % 4), 1)"
	" || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h);"
	/* ... and a closed retrospective is closed to every writer: its
	 * events, notes and questions, its details, and its action items but
	 * for their follow-up (status, owner, due date). */
	CLOSED_GUARDS("event") CLOSED_GUARDS("note") CLOSED_GUARDS("question")
	CLOSED_GUARD("action_closed_add", "INSERT ON action", "NEW")
	CLOSED_GUARD("action_closed_remove", "DELETE ON action", "OLD")
	/* (An update names every column; what changed is what counts.) */
	"CREATE TRIGGER action_closed_change BEFORE UPDATE ON action WHEN " CLOSED_IS("OLD")
	" AND (NEW.title IS NOT OLD.title OR NEW.type IS NOT OLD.type"
	" OR NEW.priority IS NOT OLD.priority OR NEW.tracker_ref IS NOT OLD.tracker_ref"
	" OR NEW.origin_event IS NOT OLD.origin_event OR NEW.origin_question IS NOT OLD.origin_question)"
	" BEGIN SELECT RAISE(ABORT, '" STORE_CLOSED_RAISE "'); END;"
	RETRO_CLOSED_CHANGE(""),
	/* 6 -> 7: the meeting's clock, the same on every terminal (started
	 * when a facilitator first opens the meeting, the seconds it stood
	 * paused, and since when it stands if it does now); and a deleted
	 * retrospective kept, out of sight, until it is brought back. */
	"ALTER TABLE retro ADD COLUMN clock_started INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN clock_paused_secs INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN clock_paused_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN deleted_at INTEGER NOT NULL DEFAULT 0;",
	/* 7 -> 8: the run of show and the facilitation aids. The agenda a
	 * retrospective was made from; each stage's planned, added and spent
	 * seconds, and which stage's time runs now, since which second of the
	 * meeting; the timeline's problems the room accepted as they are; and
	 * the parking lot, ideas kept for later (each may become an action
	 * item, or be dropped). */
	"ALTER TABLE retro ADD COLUMN agenda TEXT;"
	"ALTER TABLE retro ADD COLUMN timed_stage INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE retro ADD COLUMN stage_entered INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN timebox_rev INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE retro ADD COLUMN timeline_accepted TEXT;"
	"CREATE TABLE stage_time("
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" stage INTEGER NOT NULL, planned INTEGER NOT NULL DEFAULT 0,"
	" extra INTEGER NOT NULL DEFAULT 0, spent INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY(retro_id, stage)) WITHOUT ROWID;"
	"CREATE TABLE parked("
	" id TEXT PRIMARY KEY,"
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" text TEXT NOT NULL, stage INTEGER NOT NULL,"
	" event_id TEXT, question_id TEXT, action_id TEXT,"
	" status TEXT NOT NULL DEFAULT 'parked', created_at INTEGER NOT NULL,"
	" rev INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX parked_by_retro ON parked(retro_id, created_at);"
	CHANGE_LOGGED("parked", "4")
	CLOSED_GUARDS("parked")
	CLOSED_GUARD("stage_time_closed_change", "UPDATE ON stage_time", "OLD")
	/* (The time of each stage is kept from now on; the stage the
	 * facilitator is at counts from this moment of the meeting.) */
	"UPDATE retro SET timed_stage = stage, stage_entered = CASE WHEN clock_started > 0"
	" THEN max(0, (CASE WHEN status = 'closed' AND closed_at > 0 THEN closed_at"
	"  WHEN clock_paused_at > 0 THEN clock_paused_at ELSE CAST(strftime('%s', 'now') AS INTEGER) END)"
	"  - clock_started - clock_paused_secs) ELSE 0 END;",
	/* 8 -> 9: why an action item was dropped; and the search index
	 * (SEARCH_INDEXED), kept by triggers, built here for what is there. */
	"ALTER TABLE action ADD COLUMN drop_reason TEXT;"
	SEARCH_INDEXES
	SEARCH_INDEXED("retro", "title", "0")
	SEARCH_INDEXED("event", "text", "1")
	SEARCH_INDEXED("note", "body", "2")
	SEARCH_INDEXED("question", "title", "3")
	SEARCH_INDEXED("action", "title", "4")
	SEARCH_INDEXED("parked", "text", "5"),
	/* 9 -> 10: the follow-up of earlier retrospectives' action items in
	 * this one's meeting: each item reviewed, once, with how it stood
	 * before (how it stands now is the item's own). */
	"CREATE TABLE follow_up("
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" action_id TEXT NOT NULL, status_before TEXT NOT NULL, owner_before TEXT,"
	" due_before TEXT, at INTEGER NOT NULL, PRIMARY KEY(retro_id, action_id)) WITHOUT ROWID;"
	/* (Every review is logged, the first and the later ones, so that
	 * other terminals read the follow-up again.) */
	"CREATE TRIGGER follow_up_added AFTER INSERT ON follow_up BEGIN"
	" INSERT INTO change_log(retro_id, kind, record_id) VALUES(NEW.retro_id, 6, NEW.action_id); END;"
	"CREATE TRIGGER follow_up_again AFTER UPDATE ON follow_up BEGIN"
	" INSERT INTO change_log(retro_id, kind, record_id) VALUES(NEW.retro_id, 6, NEW.action_id); END;"
	CLOSED_GUARD("follow_up_closed_add", "INSERT ON follow_up", "NEW")
	CLOSED_GUARD("follow_up_closed_change", "UPDATE ON follow_up", "OLD"),
	/* 10 -> 11: the services a retrospective's incident affected and its
	 * free tags, one row each; and when an action item's status last
	 * changed (0: not known, as for items set before this version). */
	"CREATE TABLE retro_label("
	" retro_id TEXT NOT NULL REFERENCES retro(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK(kind IN ('service', 'tag')), name TEXT NOT NULL,"
	" PRIMARY KEY(retro_id, kind, name)) WITHOUT ROWID;"
	"CREATE INDEX label_by_name ON retro_label(kind, name, retro_id);"
	/* (A closed retrospective's labels stay as they are, as its other
	 * details do; the search index holds them, SEARCH_LABEL.) */
	CLOSED_GUARDS("retro_label")
	"CREATE TRIGGER retro_label_searched AFTER INSERT ON retro_label BEGIN "
	LABELS_REINDEXED("NEW.retro_id") " END;"
	"CREATE TRIGGER retro_label_unsearched AFTER DELETE ON retro_label BEGIN "
	LABELS_REINDEXED("OLD.retro_id") " END;"
	"CREATE TRIGGER retro_labels_unsearched AFTER DELETE ON retro BEGIN "
	SEARCH_GONE("OLD.rowid * 8 + 6") " END;"
	"ALTER TABLE action ADD COLUMN status_at INTEGER NOT NULL DEFAULT 0;",
	/* 11 -> 12: what the meeting learned: a short summary, the
	 * contributing factors, the lessons learned and links (each text, one
	 * item a line); and of an event, where it was seen (a link) and
	 * whether it was known at the time. A closed retrospective keeps them
	 * as they are, as it does its other details. */
	"ALTER TABLE retro ADD COLUMN summary TEXT;"
	"ALTER TABLE retro ADD COLUMN factors TEXT;"
	"ALTER TABLE retro ADD COLUMN lessons TEXT;"
	"ALTER TABLE retro ADD COLUMN links TEXT;"
	"ALTER TABLE event ADD COLUMN source TEXT;"
	"ALTER TABLE event ADD COLUMN unknown_then INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER retro_closed_change;"
	RETRO_CLOSED_CHANGE(" OR NEW.summary IS NOT OLD.summary OR NEW.factors IS NOT OLD.factors"
			    " OR NEW.lessons IS NOT OLD.lessons OR NEW.links IS NOT OLD.links"),
	/* 12 -> 13: records' texts are indexed for search in batches, from a
	 * queue (SEARCH_QUEUED). */
	"CREATE TABLE search_queue(hid INTEGER PRIMARY KEY);"
	SEARCHED_TEXTS(SEARCH_QUEUED),
	/* 13 -> 14: a note put in marks its retrospective changed where it
	 * counts it, in the one UPDATE of its row (at every Enter of the
	 * scribe's, a second UPDATE of that row cost ~1,000 instructions a
	 * key typed). Its time is the note's, or the row's if later (a note
	 * put back by undo keeps its own time, and the meeting marks the
	 * row itself: store_notes.c). */
	"DROP TRIGGER note_counted;"
	"CREATE TRIGGER note_counted AFTER INSERT ON note BEGIN"
	" UPDATE retro SET n_notes = n_notes + 1, updated_at = max(updated_at, NEW.created_at),"
	" rev = rev + 1 WHERE id = NEW.retro_id; END;",
};

/* The list of retrospectives in its own order, so that a screenful is read
 * without sorting them all; and the open action items in the order listed
 * (ALL_ACTIONS_ORDER), so that `actions --open` reads them without sorting
 * (the index ends with the rowid, the order's last key). Made when a file is opened for writing, not by
 * a migration: the schema (and so older debriefs' and read-only files'
 * access) stays as it is, and the listing works without it too. */
static const char SQL_HAVE_INDEXES[] =
	"SELECT count(*) = 2 FROM sqlite_master WHERE type = 'index' AND"
	" name IN ('retro_by_date', 'action_by_order')";
static const char SQL_ENSURE_INDEXES[] =
	"CREATE INDEX IF NOT EXISTS retro_by_date ON retro(" RETRO_DATE " DESC, created_at DESC, id);"
	"CREATE INDEX IF NOT EXISTS action_by_order ON action(" ALL_ACTIONS_KEYS ");";
#define N_MIGRATIONS (sizeof MIGRATIONS / sizeof MIGRATIONS[0])

_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
	       "every schema version has its migration");

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

/* Upgrades to this build's schema in one write transaction that reads the
 * version again inside it: of several programs opening a new or older file
 * at once, the first upgrades it and the others find it done. */
static int migrate(struct store *st, struct err *e)
{
	int failed = 0;
	if (store_begin(st, e) != 0)
		return -1;
	long long app = pragma_int(st, "PRAGMA application_id", e, &failed);
	long long from = failed ? 0 : pragma_int(st, "PRAGMA user_version", e, &failed);
	long long tables = failed ? 0 : pragma_int(st, "SELECT count(*) FROM sqlite_master", e, &failed);
	if (failed)
		return store_rollback(st);
	if (app != STORE_APPLICATION_ID && (app != 0 || tables > 0)) {
		store_rollback(st);
		return err_set(e, "%s is not a debrief database (it belongs to another program)",
			       st->path);
	}
	if (from > STORE_SCHEMA_VERSION) {
		store_rollback(st);
		return err_set(e, "%s was just upgraded by a newer debrief (schema %lld): upgrade debrief",
			       st->path, from);
	}
	for (long long v = from; v < STORE_SCHEMA_VERSION; v++)
		if (store_exec(st, MIGRATIONS[v], "cannot upgrade the database", e) != 0)
			return store_rollback(st);
	if (from < STORE_SCHEMA_VERSION) {
		char pragmas[128];
		snprintf(pragmas, sizeof pragmas,
			 "PRAGMA application_id=%d; PRAGMA user_version=%d;",
			 STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
		if (store_exec(st, pragmas, "cannot upgrade the database", e) != 0)
			return store_rollback(st);
	}
	return store_commit(st, e);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What says the other writer is working: its log's size and time of last
 * change (a log used again from its start does not grow), as one number. */
static long long wal_size(const struct store *st)
{
	char wal[4096];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", st->path);
	if (stat(wal, &sb) != 0)
		return -1;
	return (long long)sb.st_size ^ ((long long)sb.st_mtim.tv_sec * 1000000007LL + sb.st_mtim.tv_nsec);
}

/* SQLite's busy handler: count is how many times it was called for this
 * wait. Nonzero goes on waiting. */
static int busy_wait(void *arg, int count)
{
	struct store *st = arg;
	long long now = now_ms();
	if (count == 0) {
		st->wait_began = st->wal_moved = now;
		st->wal_size = wal_size(st);
		st->wait_said = false;
	}
	long long waited = now - st->wait_began;
	if (st->patience_ms >= 0) {
		if (waited >= st->patience_ms)
			return 0;
	} else {
		long long size = wal_size(st);
		if (size != st->wal_size) {
			st->wal_size = size;
			st->wal_moved = now;
		}
		if (now - st->wal_moved >= STORE_WAIT_STALL_MS)
			return 0;
		if (!st->wait_said && waited >= STORE_WAIT_SAY_MS && st->waiting) {
			st->waiting(st->path, st->waiting_ctx);
			st->wait_said = true;
		}
	}
	/* Short sleeps first: most waits are for another terminal's
	 * millisecond-long commit. */
	struct timespec nap = {0, (count < 10 ? 1 : count < 40 ? 5 : 20) * 1000000L};
	nanosleep(&nap, NULL);
	return 1;
}

void store_busy_setup(struct store *st)
{
	st->patience_ms = STORE_WAIT_PROGRESS;
	sqlite3_busy_handler(st->db, busy_wait, st);
}

int store_sqlite_set_patience(struct store *st, int ms, store_wait_fn waiting, void *ctx)
{
	st->patience_ms = ms < 0 ? STORE_WAIT_PROGRESS : ms;
	st->waiting = waiting;
	st->waiting_ctx = ctx;
	return 0;
}

static const char SQL_DB_ID[] = "SELECT value FROM meta WHERE key = 'id'";

int store_sqlite_db_id(struct store *st, char id[ID_LEN], struct err *e)
{
	sqlite3_stmt *s;
	id[0] = '\0';
	if (store_prepare(st, &s, SQL_DB_ID, e) != 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_col_id(s, 0, id);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot read the database's id", e);
	if (!id[0])
		return err_set(e, "%s has no id (it was damaged or hand-made)", st->path);
	return 0;
}

/* Turning a new file to WAL needs it to itself for a moment, and SQLite
 * may say busy at once, without waiting, when another program opens it
 * too: then again, a while. */
int store_use_wal(struct store *st, struct err *e)
{
	struct err why = {0};
	for (int i = 0;; i++) {
		if (store_exec(st, "PRAGMA journal_mode=WAL", "cannot configure the database", &why) == 0)
			return 0;
		if (!why.busy || i >= 5000) {
			if (e)
				*e = why;
			return -1;
		}
		struct timespec nap = {0, 2000000L};
		nanosleep(&nap, NULL);
	}
}

int store_configure(struct store *st, struct err *e)
{
	store_busy_setup(st);
	sqlite3_extended_result_codes(st->db, 1);
	int failed = 0;
	/* Check ownership and version before anything may write, as of one
	 * moment (another program may be making the file meanwhile). */
	bool own;
	if (store_read_begin(st, &own, "cannot read the database", e) != 0)
		failed = 1;
	long long app = failed ? 0 : pragma_int(st, "PRAGMA application_id", e, &failed);
	long long ver = failed ? 0 : pragma_int(st, "PRAGMA user_version", e, &failed);
	long long tables = failed ? 0 : pragma_int(st, "SELECT count(*) FROM sqlite_master", e, &failed);
	store_read_end(st, own);
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
	if (store_exec(st, "PRAGMA foreign_keys=ON", "cannot configure the database", e) != 0 ||
	    store_retro_functions(st, e) != 0)
		return -1;
	if (st->writable) {
		/* Debian builds SQLite with synchronous=FULL by default; NORMAL is
		 * durable in WAL mode against a process crash, and cheap. */
		if (store_use_wal(st, e) != 0 ||
		    store_exec(st, "PRAGMA synchronous=NORMAL", "cannot configure the database", e) != 0 ||
		    /* Room for a large import's pages: with SQLite's 2 MB a
		     * 100,000-event import wrote 2 million pages to the log,
		     * each spilled page again and again. Taken only as used. */
		    store_exec(st, "PRAGMA cache_size=-65536", "cannot configure the database", e) != 0 ||
		    store_exec(st, "PRAGMA temp_store=MEMORY", "cannot configure the database", e) != 0)
			return -1;
		if (ver < STORE_SCHEMA_VERSION && migrate(st, e) != 0)
			return -1;
		st->queues = true;
		/* (A queue another left, killed before it could flush it, goes in
		 * at the next search, or once this connection writes.) */
		st->queued_at = sqlite3_total_changes64(st->db);
		/* Asked first: CREATE ... IF NOT EXISTS takes the write lock
		 * even when there is nothing to do. */
		int failed = 0;
		if (pragma_int(st, SQL_HAVE_INDEXES, e, &failed) == 0 && !failed &&
		    store_exec(st, SQL_ENSURE_INDEXES, "cannot index the database", e) != 0)
			return -1;
		if (failed)
			return -1;
	}
	return 0;
}
