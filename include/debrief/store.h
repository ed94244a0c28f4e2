/* Storage: one SQLite file holds many retrospectives.
 *
 * The rest of the program speaks the domain through these functions and
 * never sees SQL. Every write is one short BEGIN IMMEDIATE transaction;
 * statements are prepared once per connection and reused. A caller groups
 * several writes into one atomic change with store_begin/store_end. */
#ifndef DEBRIEF_STORE_H
#define DEBRIEF_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "debrief/error.h"
#include "debrief/text.h"
#include "debrief/types.h"

struct store;

enum store_status {
	ST_OK = 0,
	ST_ERROR = -1,
	ST_NOT_FOUND = -2,
	ST_AMBIGUOUS = -3,
	ST_CONFLICT = -4,  /* someone else changed the record first */
};

enum store_open_flags {
	STORE_READ = 0,       /* must exist; never written */
	STORE_WRITE = 1,      /* must exist; opened for writing */
	STORE_CREATE = 2 | 1, /* created (with its folder) when missing */
	/* A command that reads and is done: a file it may not write, that no
	 * program has open (no write-ahead log beside it), is read as it
	 * stands, leaving no -shm or -wal of this user's beside it (a 0444
	 * -shm made later writes fail once the owner fixed the file's mode). */
	STORE_READ_ONCE = 4,
};

/* What a change of a closed retrospective is refused with, at the last
 * moment (the triggers of schema 6), and what the user reads. */
#define STORE_CLOSED_RAISE "debrief: the retrospective is closed"
#define STORE_CLOSED_MSG "this retrospective is closed: reopen it to change it"

/* The schema version this build writes. */
#define STORE_SCHEMA_VERSION 14
/* PRAGMA application_id of debrief files ("DBRF"). */
#define STORE_APPLICATION_ID 0x44425246

/* Opens (or creates) the database at path. A file that is not ours, is
 * corrupt, or comes from a newer debrief is refused and left untouched. */
int store_open(const char *path, enum store_open_flags flags, struct store **out,
	       struct err *e);
void store_close(struct store *st);
const char *store_path(const struct store *st);

/* Nested write transactions (depth-counted): every write below runs in
 * one, so a caller's begin ... end makes all of them one commit. The
 * outermost begin takes the write lock (BEGIN IMMEDIATE), the outermost
 * end commits; a failure at any depth rolls back the whole group. */
int store_begin(struct store *st, struct err *e);
/* Ends one level. Returns 0, or -1 when the commit (or an earlier part of
 * the group) failed: then nothing of the group is saved. */
int store_commit(struct store *st, struct err *e);
/* Ends one level and marks the group failed; returns -1. */
int store_rollback(struct store *st);
/* store_commit() when rc is 0, else store_rollback(); returns rc, or
 * ST_ERROR when the commit failed. */
int store_end(struct store *st, int rc, struct err *e);

/* A new UUID in text form. */
void store_new_id(char id[ID_LEN]);

/* How a write waits while another program holds the write lock: at most
 * patience ms (the screen: a key never waits long; what could not be
 * written then fails with err.busy set, and is kept by the caller), or
 * STORE_WAIT_PROGRESS: as long as the other writer makes progress (its
 * write-ahead log grows), calling waiting(path, ctx) once when the wait has
 * lasted STORE_WAIT_SAY_MS (the command line says so on stderr). */
#define STORE_WAIT_PROGRESS (-1)
#define STORE_WAIT_SAY_MS 1500
/* A writer that has not written for this long is taken for stuck. */
#define STORE_WAIT_STALL_MS 60000
typedef void (*store_wait_fn)(const char *path, void *ctx);
/* Returns 0. The default is STORE_WAIT_PROGRESS, saying nothing. */
int store_set_patience(struct store *st, int ms, store_wait_fn waiting, void *ctx);

/* The database's own id (a UUID made with it and kept in it): a copied or
 * moved file keeps it; what is kept about a file elsewhere (drafts) is
 * keyed by it. */
int store_db_id(struct store *st, char id[ID_LEN], struct err *e);

/* What is wrong with the file, a line each into report (SQLite's
 * integrity and foreign-key checks, rows that point at nothing, counts that
 * disagree); *problems counts them. -1 only when it could not look. */
int store_check(struct store *st, struct strbuf *report, size_t *problems, struct err *e);
/* SQLite's quick check, before a command writes: -1, saying to run
 * 'debrief check', when the file is damaged. */
int store_check_quick(struct store *st, struct err *e);

/* --- retrospectives --- */

/* A line of the listing: of the retrospective only its id, title, incident
 * date, status and creation time are read (the rest is NULL or zero). */
struct retro_summary {
	struct retro retro;
	int events;
	int notes;
	int actions;
	int actions_open;
};

/* Creates r (fills r->id, created/updated times) with its questions, in one
 * transaction. */
int store_create_retro(struct store *st, struct retro *r,
		       const struct question *questions, size_t n, struct err *e);
int store_get_retro(struct store *st, const char *id, struct retro *out, struct err *e);
/* Which retrospectives a listing gives; NULL: every one not deleted. A
 * deleted one is kept, out of sight (its deleted_at set), until it is
 * brought back: out of the listings, the look-ups, the action items across
 * retrospectives and those still open from earlier ones. */
struct retro_filter {
	bool deleted;     /* the deleted ones instead of the others */
	const char *text; /* NULL or "": any; else those whose title, incident
			   * reference or severity holds it, in any case
			   * (text_fold), or so do their services or tags */
	const char *service; /* NULL: any; else those with this service */
	const char *tag;     /* NULL: any; else those with this tag */
};

/* Resolves an id or a unique prefix of one, or an incident reference, among
 * the retrospectives not deleted (deleted: among the deleted ones).
 * ST_AMBIGUOUS lists the candidates (id and title, a line each) in
 * *candidates. */
int store_resolve_retro(struct store *st, const char *prefix, bool deleted, char id[ID_LEN],
			struct strbuf *candidates, struct err *e);
/* Newest incident first. */
int store_list_retros(struct store *st, const struct retro_filter *f,
		      struct retro_summary **out, size_t *n, struct err *e);
/* The same order, limit rows from offset on (a screenful, read through an
 * index: the cost does not grow with the number of retrospectives). */
int store_list_retros_page(struct store *st, const struct retro_filter *f, size_t offset,
			   size_t limit, struct retro_summary **out, size_t *n, struct err *e);
/* Every one, in the listing's order, each handed to fn as it is read, its
 * text valid only during the call; fn's non-zero return stops the walk and
 * is returned. *n: how many were seen. For the command line's listings. */
typedef int (*store_retro_fn)(const struct retro_summary *r, void *ctx);
int store_each_retro(struct store *st, const struct retro_filter *f, store_retro_fn fn,
		     void *ctx, size_t *n, struct err *e);
int store_count_retros(struct store *st, const struct retro_filter *f, size_t *n,
		       struct err *e);
/* Where the retrospective id comes in that listing (0: first);
 * ST_NOT_FOUND when the filter leaves it out. */
int store_retro_position(struct store *st, const struct retro_filter *f, const char *id,
			 size_t *pos, struct err *e);
/* Deletes a retrospective (deleted: its deleted_at set to now) or brings
 * it back (its deleted_at 0 again), in one transaction; nothing else of it
 * changes, so a closed one may be deleted too. ST_NOT_FOUND when there is
 * none such, ST_CONFLICT when it is so already. */
int store_set_retro_deleted(struct store *st, const char *id, bool deleted, struct err *e);
void store_free_retro_summaries(struct retro_summary *list, size_t n);

/* --- timeline --- */

/* Adds all the events or none (one transaction); fills their ids. */
int store_add_events(struct store *st, const char *retro_id, struct event *events,
		     size_t n, struct err *e);
/* In time order. */
int store_list_events(struct store *st, const char *retro_id, struct event **out,
		      size_t *n, struct err *e);
int store_count_events(struct store *st, const char *retro_id, size_t *n, struct err *e);

/* --- questions --- */

int store_list_questions(struct store *st, const char *retro_id,
			 struct question **out, size_t *n, struct err *e);

/* --- notes --- */

/* Fills n->id; n->created_at is set to now when 0. */
int store_add_note(struct store *st, const char *retro_id, struct note *n,
		   struct err *e);
/* In the order they were written. */
int store_list_notes(struct store *st, const char *retro_id, struct note **out,
		     size_t *n, struct err *e);

/* --- action items --- */

/* Fills a->id; a->created_at is set to now when 0. */
int store_add_action(struct store *st, const char *retro_id, struct action *a,
		     struct err *e);
int store_list_actions(struct store *st, const char *retro_id, struct action **out,
		       size_t *n, struct err *e);
/* Which action items a listing across retrospectives shows. */
struct action_filter {
	bool open;                  /* open ones only */
	const char *overdue_before; /* "YYYY-MM-DD": open ones due before it; NULL: any */
	const char *owner;          /* case-insensitively, '@' or not; NULL: any */
};
/* An earlier retrospective's action item as this meeting's follow-up
 * found it (before) and as it stands now (now, with its retrospective's
 * id and title). */
struct follow_up {
	enum action_status status_before;
	char *owner_before, *due_before;
	int64_t at;
	struct action now;
};
/* Keeps that this retrospective's meeting reviewed the item, as it stood
 * before (only the first time: later changes in the same meeting keep it). */
int store_note_follow_up(struct store *st, const char *retro_id, const struct action *before,
			 struct err *e);
/* Those reviewed in this retrospective's meeting, in the order reviewed. */
int store_list_follow_ups(struct store *st, const char *retro_id, struct follow_up **out,
			  size_t *n, struct err *e);
void store_free_follow_ups(struct follow_up *v, size_t n);
/* An action item by its id or a unique start of it (any case), in a
 * retrospective not deleted: ST_NOT_FOUND, ST_AMBIGUOUS, said in e. */
int store_resolve_action(struct store *st, const char *prefix, char id[ID_LEN],
			 char retro_id[ID_LEN], struct err *e);
/* Across every retrospective (fills retro_id and retro_title). */
int store_list_all_actions(struct store *st, const struct action_filter *f,
			   struct action **out, size_t *n, struct err *e);
/* The same, one at a time and in the same order, for the command line's
 * listings: fn sees each item as read, its text valid only during the
 * call; fn's non-zero return stops the walk and is returned. *n: how many
 * were seen. Only what a listing shows is read: id, title, owner, due,
 * type, priority, status, retro_id and retro_title; the rest is empty. */
typedef int (*store_action_fn)(const struct action *a, void *ctx);
int store_each_action(struct store *st, const struct action_filter *f, store_action_fn fn,
		      void *ctx, size_t *n, struct err *e);

/* --- changing things during the meeting ---
 *
 * Updates check the record's rev: if someone else changed it since it was
 * read, nothing is written and ST_CONFLICT comes back. On success the record's
 * rev is bumped in place. Adds keep an id that is already set (that is how
 * undo restores a deleted record). */

int store_update_retro(struct store *st, struct retro *r, struct err *e);
/* Where the facilitator is: stage and highlighted item. Also moves a draft
 * retrospective to in-progress. Never conflicts. Moving to another stage
 * (of an open retrospective) adds the time of the one left to its spent
 * seconds: the meeting had run `elapsed` seconds (model_clock) then. */
int store_set_position(struct store *st, const char *retro_id, enum stage stage,
		       const char *item_id, int64_t elapsed, struct err *e);
/* Adds secs to a stage's timebox. */
int store_extend_stage(struct store *st, const char *retro_id, enum stage stage, int64_t secs,
		       struct err *e);
int store_set_status(struct store *st, const char *retro_id, enum retro_status status,
		     struct err *e);
/* Pauses the meeting's clock (a running one), or lets it go on (a paused
 * one); anything else is left as it is. */
int store_pause_clock(struct store *st, const char *retro_id, bool pause, struct err *e);
int store_update_event(struct store *st, const char *retro_id, struct event *ev,
		       struct err *e);
/* Deletes the event and the notes on it. */
int store_delete_event(struct store *st, const char *retro_id, const char *event_id,
		       struct err *e);
int store_update_action(struct store *st, const char *retro_id, struct action *a,
			struct err *e);
/* Deletes the action item and the notes on it. */
int store_delete_action(struct store *st, const char *retro_id, const char *action_id,
			struct err *e);
int store_update_note(struct store *st, const char *retro_id, struct note *n,
		      struct err *e);
int store_delete_note(struct store *st, const char *retro_id, const char *note_id,
		      struct err *e);
/* Appends a question (custom ones are added in the meeting); fills q->id
 * unless set, and q->position when 0. */
int store_add_question(struct store *st, const char *retro_id, struct question *q,
		       struct err *e);
int store_rename_question(struct store *st, const char *retro_id, const char *question_id,
			  const char *title, struct err *e);
/* Deletes the question and the notes on it. */
int store_delete_question(struct store *st, const char *retro_id, const char *question_id,
			  struct err *e);

/* --- the parking lot --- */

/* Fills p->id unless set (undo restores one with its id);
 * p->created_at is set to now when 0. */
int store_add_parked(struct store *st, const char *retro_id, struct parked *p,
		     struct err *e);
/* In the order they were parked, whatever became of them. */
int store_list_parked(struct store *st, const char *retro_id, struct parked **out,
		      size_t *n, struct err *e);
/* Its text, status and action item, checked against its rev as every
 * update is. */
int store_update_parked(struct store *st, const char *retro_id, struct parked *p,
			struct err *e);
/* Takes it out of the lot for good (undo of parking it). */
int store_delete_parked(struct store *st, const char *retro_id, const char *id,
			struct err *e);
void store_free_parked(struct parked *v, size_t n);

/* The timeline's problems the room accepted as they are (a fingerprint,
 * model_timeline_check's); refused, with STORE_CLOSED_MSG, once closed.
 * Not the retrospective's rev (the details form's check): other
 * terminals see it in the mark. */
int store_set_timeline_accepted(struct store *st, const char *retro_id,
				const char *fingerprint, struct err *e);

/* What undo checks before it takes a change back (model_undo). */
enum store_record { REC_EVENT, REC_ACTION, REC_NOTE, REC_QUESTION, REC_PARKED };
/* The record's rev now; ST_NOT_FOUND when it is gone. Questions have no rev
 * (theirs is always 1). */
int store_get_rev(struct store *st, const char *retro_id, enum store_record kind,
		  const char *id, int64_t *rev, struct err *e);
/* A question's title now (caller frees); ST_NOT_FOUND when it is gone. */
int store_get_question_title(struct store *st, const char *retro_id, const char *id,
			     char **title, struct err *e);
/* How many notes hang on an event, action item or question. */
int store_count_notes_on(struct store *st, const char *retro_id, enum store_record kind,
			 const char *id, size_t *n, struct err *e);

/* --- search --- */

/* What a hit is of (its order is the search index's, store_schema.c). */
enum search_kind { SEARCH_RETRO, SEARCH_EVENT, SEARCH_NOTE, SEARCH_QUESTION, SEARCH_ACTION,
		   SEARCH_PARKED, SEARCH_LABEL /* its services and tags */ };
struct search_hit {
	enum search_kind kind;
	char record_id[ID_LEN];
	char retro_id[ID_LEN];
	char *retro_title, *incident_ref;
	enum stage stage;  /* where it is shown; STAGE_NONE_ for a title */
	struct instant at; /* an event's time; when a note or an item was written */
	char *snippet;     /* the text about the match, the match between open and close */
};
/* The records matching the FTS5 queries `words` (the word index) or
 * `runs` (the three-character index; NULL: not asked), of one
 * retrospective or (retro_id NULL) of all those not deleted, newest
 * retrospective first, in each by stage and time; at most limit. */
int store_search(struct store *st, const char *words, const char *runs, const char *retro_id,
		 const char *open, const char *close, size_t limit, struct search_hit **out,
		 size_t *n, struct err *e);
void store_free_hits(struct search_hit *v, size_t n);
/* The same as a JSON array, the match between « and ». */
int store_search_json(struct store *st, const char *words, const char *runs, const char *retro_id,
		      size_t limit, struct strbuf *out, struct err *e);

/* --- several terminals on one file --- */

/* Changes when another connection commits (PRAGMA data_version): cheap
 * enough to ask on every wake-up. */
int store_data_version(struct store *st, long long *out, struct err *e);

/* Tests only: what this connection has read so far (rows SQLite handed
 * back, and the steps of its virtual machine, which grow with the rows it
 * looked at to find them), counted only when DEBRIEF_TEST_COUNTS is set
 * (zeros otherwise, and for a backend that does not count). */
struct store_counts {
	long long rows, steps;
	long long sorts, scans; /* sorts made, steps of full table scans */
};
int store_test_counts(struct store *st, struct store_counts *out);
/* The meeting's connection copies its write-ahead log into the file at a
 * quiet moment (store_quiet_moment: 1 when it did), not in the commit of
 * a key; 0. */
int store_checkpoint_later(struct store *st);
int store_quiet_moment(struct store *st);

/* What a follower compares to know what changed: the contents' rev and the
 * facilitator's position. */
struct retro_mark {
	int64_t rev;
	enum stage stage;
	char item[ID_LEN];
	enum retro_status status;
	int64_t clock_started, clock_paused_at, clock_paused_secs; /* the meeting's clock */
	bool deleted; /* deleted (by another terminal, a command) */
	enum stage timed_stage;   /* the run of show (struct retro) */
	int64_t stage_entered, timebox_rev;
	uint64_t timeline_accepted; /* text_hash of retro.timeline_accepted; 0: none */
	/* The rows of who is here, hashed: it changes when a terminal comes,
	 * goes or says it is here again, in a role of its own or a new one
	 * (not when one dies unsaid). */
	uint64_t presence;
	/* The last entry of the log of changed records (store_changes_since)
	 * for this retrospective: moves whoever changes a record, debrief or
	 * another program, where rev moves only with debrief's own writes and
	 * a note's insert. */
	int64_t last_change;
};
int store_retro_mark(struct store *st, const char *retro_id, struct retro_mark *out,
		     struct err *e);

/* A terminal that has a retrospective open. */
struct presence {
	char id[ID_LEN];
	char role[16]; /* "facilitator", "scribe", "viewer" */
	long pid;
	int64_t seen_at; /* < 0: minus its process's start (store_live.c) */
};

/* Says that process pid is here, in this role (again after a change of
 * role); id identifies the terminal. Once is enough: it stays while the
 * process runs. */
int store_presence_beat(struct store *st, const char *retro_id, const char *id,
			const char *role, long pid, struct err *e);
int store_presence_leave(struct store *st, const char *id, struct err *e);
/* Those that said they are here, and an older debrief's seen since
 * `since`, the first to arrive first. */
int store_presence_list(struct store *st, const char *retro_id, int64_t since,
			struct presence **out, size_t *n, struct err *e);
/* Whether the process that said it is here still runs (not another one
 * given its id since): a look in /proc, for each terminal once. */
bool store_presence_runs(const struct presence *p);

/* At most `limit` open action items of earlier retrospectives (an earlier
 * incident, or the same day's written before), the most urgent first (by
 * due date, then the newest without one), each with its retrospective's id
 * and title, for the Prime Directive's "still open" list; *total counts
 * them all. It never sorts them all. */
int store_list_open_elsewhere(struct store *st, const char *retro_id, size_t limit,
			      struct action **out, size_t *n, size_t *total, struct err *e);

/* An earlier retrospective that shares a service or tag with one. */
struct related_retro {
	char id[ID_LEN];
	char *title;
	char *date;        /* its incident's day (else the day it was written) */
	bool by_tag;       /* the name it is listed by is a tag, not a service */
	char *shared;      /* that name: the first it shares, services first */
	int open;          /* how many of its action items are open */
	char *open_titles; /* the first three of them ("a; b; c"), NULL: none */
};
/* At most `limit` earlier retrospectives (as store_list_open_elsewhere
 * means it; deleted ones left out) sharing a service or tag with retro_id,
 * each once, by the name they are listed under (services first, then by
 * name), the newest first under each. */
int store_list_related(struct store *st, const char *retro_id, size_t limit,
		       struct related_retro **out, size_t *n, struct err *e);
void store_free_related(struct related_retro *v, size_t n);

/* --- what changed: another terminal reads only that (store_changes.c) ---
 *
 * Every insert, update and delete of an event, action item, note,
 * question or parked idea is logged, in the same transaction, under an increasing
 * sequence number. */

/* The last sequence number written (0 when none): read it before reading
 * records, and what changes after it is what store_changes_since gives. */
int store_change_seq(struct store *st, int64_t *seq, struct err *e);

struct store_change {
	enum store_record kind;
	char id[ID_LEN];
};

/* The records of a retrospective changed after `since`, each once, oldest
 * change first; *upto gets the last sequence number read. Returns 1 (and
 * no list) when the log cannot tell (it no longer reaches back that far)
 * or more than `limit` records changed: then read everything afresh. */
int store_changes_since(struct store *st, const char *retro_id, int64_t since,
			size_t limit, struct store_change **out, size_t *n, int64_t *upto,
			struct err *e);

/* One record by id, as the listings read it; ST_NOT_FOUND when it is gone
 * (or belongs to another retrospective). */
int store_get_event(struct store *st, const char *retro_id, const char *id,
		    struct event *out, struct err *e);
int store_get_action(struct store *st, const char *retro_id, const char *id,
		     struct action *out, struct err *e);
int store_get_note(struct store *st, const char *retro_id, const char *id,
		   struct note *out, struct err *e);
int store_get_question(struct store *st, const char *retro_id, const char *id,
		       struct question *out, struct err *e);
int store_get_parked(struct store *st, const char *retro_id, const char *id,
		     struct parked *out, struct err *e);

/* --- JSON, through SQLite's JSON functions (store_json.c) --- */

/* What the whole retrospective's JSON is made with besides its rows. */
struct json_parts {
	/* A JSON object of derived values (durations), spliced in as
	 * "computed". */
	const char *computed;
	/* What the meeting learned, as JSON values (NULL: null): the
	 * summary, the contributing factors, the lessons and the links. */
	const char *learned[4];
	/* The external profile: no notes, people by role, an owner as
	 * "assigned". */
	bool external;
};
/* The whole retrospective as one JSON document (keys in a fixed order, so
 * exports are deterministic). */
int store_retro_json(struct store *st, const char *retro_id, const struct json_parts *parts,
		     struct strbuf *out, struct err *e);
/* s[0..n) as a JSON string (SQLite's json_quote), appended to out. */
int store_json_quote(struct store *st, const char *s, size_t n, struct strbuf *out,
		     struct err *e);
/* The listings (store_list_retros, store_list_all_actions) as JSON arrays,
 * an object a line, with full ids. */
int store_retros_json(struct store *st, const struct retro_filter *f, struct strbuf *out,
		      struct err *e);
int store_all_actions_json(struct store *st, const struct action_filter *f,
			   struct strbuf *out, struct err *e);

/* Reads a JSON array of objects with SQLite's JSON parser (an in-memory
 * connection; no file is touched). For each element, in order, calls cb with
 * the element's 0-based index, its 1-based line in the text, and the text
 * values of the given keys (NULL where absent or null; numbers as text).
 * An element that is not an object, or a value that is an object or array,
 * is an error. cb returns 0 to go on, -1 to stop (with e set). On malformed
 * JSON, e says so with the line where the document stops being valid. */
typedef int (*store_json_row_fn)(void *ctx, size_t index, int line,
				 const char *const *values, struct err *e);
int store_json_each_object(const char *json, size_t len, const char *const *keys,
			   size_t n_keys, store_json_row_fn cb, void *ctx,
			   struct err *e);

/* --- figures over time (store_stats.c) --- */

/* A retrospective as the figures over time read it: when, how severe, its
 * milestones and its action items. */
struct stats_item {
	char *due;                 /* "YYYY-MM-DD" or NULL */
	enum action_status status;
	int64_t status_at;         /* when its status last changed; 0: not known */
};
struct stats_retro {
	char id[ID_LEN];
	char *incident_date;  /* "YYYY-MM-DD" or NULL */
	char *severity;       /* NULL: none given */
	int64_t created_at;
	int64_t clock_started; /* when the meeting began; 0: not yet */
	/* Every event but those of kind other (what the durations measure
	 * from), in time order as the timeline has them; text is NULL. */
	struct event *events;
	size_t n_events;
	struct stats_item *items;
	size_t n_items;
};
/* Every retrospective not deleted (of the service named, a label of kind
 * service, in any case; NULL: all), in no particular order. */
int store_stats_retros(struct store *st, const char *service, struct stats_retro **out,
		       size_t *n, struct err *e);
void store_free_stats_retros(struct stats_retro *v, size_t n);

/* The figures of a period (model_stats assembles them). */
enum stats_duration { STATS_DETECT, STATS_MITIGATE, STATS_RESOLVE, STATS_IMPACT, STATS_DURATIONS };
struct stats_figure {
	size_t n;              /* how many retrospectives had it */
	int64_t median, worst; /* (the lower middle one of an even count) */
};
struct stats_count {
	char *name; /* NULL: none given */
	size_t n;
};
struct stats_period {
	char name[16]; /* "2026-11", "2026-Q4" */
	size_t retros;
	struct stats_count *severities; /* by name, none given last */
	size_t n_severities;
	struct stats_figure dur[STATS_DURATIONS]; /* seconds */
	struct stats_figure to_meeting;           /* days, incident to meeting */
	size_t met_in_two;                        /* within two business days */
	size_t opened, done, dropped, overdue;
	size_t done_on_time, done_late, done_unknown; /* done by the due date or not; not known */
};
struct stats {
	bool quarters;   /* else months */
	char today[16];  /* what overdue is measured against */
	char *service;   /* NULL: every retrospective */
	struct stats_period *v; /* oldest first */
	size_t n;
};
/* The figures as one JSON document (fields in debrief(1)). */
int store_stats_json(struct store *st, const struct stats *s, struct strbuf *out, struct err *e);

void store_free_events(struct event *v, size_t n);
void store_free_questions(struct question *v, size_t n);
void store_free_notes(struct note *v, size_t n);
void store_free_actions(struct action *v, size_t n);

#endif
