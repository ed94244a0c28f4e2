/* The model: a retrospective with everything in it, and what is computed
 * from it. Sits on the storage layer; knows nothing of screens. */
#ifndef DEBRIEF_MODEL_H
#define DEBRIEF_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "debrief/error.h"
#include "debrief/store.h"
#include "debrief/types.h"

/* A whole retrospective in memory, as loaded from storage. */
struct retro_doc {
	struct retro retro;
	struct event *events;       /* time order */
	size_t n_events;
	size_t events_room; /* what the list has room for, if more (model_refresh.c) */
	struct question *questions; /* agenda order */
	size_t n_questions;
	struct action *actions;     /* creation order */
	size_t n_actions;
	struct note *notes;         /* writing order */
	size_t n_notes;
	size_t notes_room; /* what the list has room for, if more (model_refresh.c) */
	struct parked *parked;      /* the parking lot, in the order parked */
	size_t n_parked;
	/* Look-up tables built by model_load, so that finding an event by id or
	 * the notes on one is a binary search, not a walk of them all. */
	const struct event **events_by_id;
	const struct note **notes_by_anchor; /* anchored notes, by anchor id */
	size_t n_anchored;
	size_t anchored_room; /* what that table has room for, when known */
	/* Earlier retrospectives' action items this meeting followed up. */
	struct follow_up *follow_ups;
	size_t n_follow_ups;
	/* Where in storage's change log it was read (model_refresh goes on
	 * from there). */
	int64_t change_seq;
	/* The kinds of record the last model_refresh changed (1u << enum
	 * store_record each; REFRESHED_ALL when it read everything), so that
	 * what is derived from the events need not be worked out again after
	 * a note. */
	unsigned refreshed;
};
#define REFRESHED_ALL (~0u)
/* In refreshed, with 1u << REC_EVENT: an event came or went, or changed
 * its time, kind or text, which the durations, the timeline's check and
 * the days shown read. Without it, the events changed only in their
 * marks, sources or "not known then" (marking them in the meeting). */
#define REFRESHED_TIMELINE (1u << 8)

int model_load(struct store *st, const char *retro_id, struct retro_doc *doc,
	       struct err *e);
/* Loads less: the retrospective, its events (for the durations and the
 * timeline's check), its action items and parked ideas; no questions, no
 * notes, no look-up tables. *n_events gets the length of the timeline. */
int model_load_outline(struct store *st, const char *retro_id, struct retro_doc *doc,
		       size_t *n_events, struct err *e);
void model_doc_free(struct retro_doc *doc);

/* Brings a loaded doc up to date with what was changed since it was read
 * (by this terminal or another): only the records that changed are read
 * and put in place, by id; the lists keep their orders. When storage
 * cannot say what changed, or much did, the doc is read afresh instead.
 * *how says which (REFRESH_PARTIAL also when only the retrospective's own
 * fields changed). On an error the doc is as it was. */
enum refresh_how { REFRESH_PARTIAL, REFRESH_FULL };
int model_refresh(struct store *st, struct retro_doc *doc, enum refresh_how *how,
		  struct err *e);
/* Puts a note this terminal has just written (model_add_note, which gave
 * it its id and place) into the doc without reading it back: where it
 * sorts (on the end of the list, in place, when it sorts last, as a note
 * written now does), the look-up tables kept, and the retrospective's rev
 * moved as the write moved it. What others wrote meanwhile comes with the next
 * model_refresh (it reads on from where the doc was, this note again
 * among it, put in place by id). */
void model_took_note(struct retro_doc *doc, const struct note *n);
/* Builds the doc's look-up tables again (after its lists changed). */
void model_index(struct retro_doc *doc);
/* Keeps the look-up tables of one list (REC_EVENT or REC_NOTE) after
 * its records moved: old is the list before (not yet freed), to[i] where
 * its record i is now (MODEL_GONE: gone), added[] the places of the
 * records that came in. It walks the table once and sorts only what
 * came, instead of sorting it all again. */
#define MODEL_GONE ((size_t)-1)
void model_index_moved(struct retro_doc *doc, enum store_record kind, const void *old,
		       size_t n_old, const size_t *to, const size_t *added, size_t n_added);
/* Keeps the notes' table after the last note of the list was put on its
 * end: was is the list before (not yet freed; the same if it did not
 * move). The table's pointers follow the list, and the note goes last
 * among its anchor's. */
void model_index_appended(struct retro_doc *doc, const struct note *was);
/* Keeps the notes' table as the note gone is about to be taken out of
 * the list (the notes after it moving down one): its entry leaves, and
 * the pointers to those after it follow them. */
void model_index_removed(struct retro_doc *doc, const struct note *gone);
/* The same for the events' table: one event put in the list at `at` (the
 * events from there moved up one; was is the list before, not yet freed,
 * the same if it did not move), or one about to be taken out. */
void model_index_event_put(struct retro_doc *doc, const struct event *was, size_t at);
void model_index_event_gone(struct retro_doc *doc, const struct event *gone);

/* Searches every retrospective not deleted (retro_id NULL), or one, for
 * what was typed: every word, as the start of a word in any case and
 * without accents, or inside longer text (three characters or more).
 * Nothing typed is taken as FTS5 syntax. Free with model_free_hits. */
int model_search(struct store *st, const char *query, const char *retro_id, const char *open,
		 const char *close, size_t limit, struct search_hit **out, size_t *n, struct err *e);
void model_free_hits(struct search_hit *v, size_t n);
/* Where a match begins and ends in a snippet, for the faces to show it
 * (private-use characters, which no typed text holds: the model makes
 * control characters visible and keeps these as they are). */
#define SEARCH_MARK_OPEN "\xee\x80\x80"
#define SEARCH_MARK_CLOSE "\xee\x80\x81"
/* The same as a JSON array (the match between « and »). */
int model_search_json(struct store *st, const char *query, const char *retro_id, size_t limit,
		      struct strbuf *out, struct err *e);

/* Frees the lists the model hands out (the screen never frees through
 * storage). */
void model_free_events(struct event *v, size_t n);
void model_free_actions(struct action *v, size_t n);

/* The closing rules: what to ask about before a retrospective is closed,
 * the same for the Close stage and the export. */
struct closing_check {
	size_t actions;  /* action items in all */
	size_t unowned;  /* of them, with no owner */
	size_t open;     /* of them, still open */
	size_t parked;   /* ideas still in the parking lot */
	size_t timeline_problems; /* the timeline's, neither fixed nor accepted */
};
/* (The timeline is checked as model_timeline_check does, at now.) */
void model_closing_check(const struct retro_doc *doc, struct closing_check *out);
/* The warning before closing ("There are no action items.", "2 action
 * items are without an owner.", "The timeline is unchecked (2
 * problems).", "1 idea is still parked."; several at once, shortly:
 * "1 without an owner, timeline unchecked, 2 ideas parked."), or false
 * when there is nothing to say. */
bool model_closing_warning(const struct closing_check *c, char *buf, size_t size);
/* What every change of a closed retrospective is refused with (but its
 * action items' status, owner and due date, which are followed up later). */
#define MODEL_CLOSED_MSG STORE_CLOSED_MSG
/* Closes (or reopens) the retrospective. */
int model_set_status(struct store *st, const char *retro_id, enum retro_status status,
		     struct err *e);

/* The meeting's clock, the same on every terminal: it starts when a
 * facilitator first opens the retrospective in the program (saving the
 * place), stands while paused, stops when the retrospective is closed and
 * goes on when it is reopened. */
enum meeting_clock {
	CLOCK_NOT_STARTED,
	CLOCK_RUNNING,
	CLOCK_PAUSED,
	CLOCK_STOPPED, /* closed */
};
/* Its state at now, and the seconds the meeting has run into *elapsed. */
enum meeting_clock model_clock(const struct retro *r, int64_t now, int64_t *elapsed);
/* Pauses a running clock, or lets a paused one go on, as r shows it; a
 * closed retrospective's, or one not started, is refused with a message. */
int model_clock_toggle(struct store *st, const struct retro *r, struct err *e);

/* The run of show: a stage's time against its timebox, the same on every
 * terminal. Time is spent in the stage the facilitator is at (its time
 * runs while the meeting's clock does); the plan is the agenda's timebox
 * and what + added. */
struct stage_time {
	int64_t spent;  /* seconds, to now for the stage whose time runs */
	int64_t plan;   /* planned and added seconds; 0: no timebox */
	int64_t extra;  /* of plan, added in the meeting */
	bool running;   /* its time runs now */
	bool over;      /* more spent than planned */
};
void model_stage_time(const struct retro *r, enum stage s, int64_t now, struct stage_time *out);
/* What + adds to a stage's timebox: five minutes, kept in the file. */
#define MODEL_EXTEND_SECS 300
int model_extend_stage(struct store *st, const struct retro *r, enum stage s, struct err *e);

/* Deleting a retrospective keeps it, out of sight (out of the list, the
 * look-ups, the action items across retrospectives), until it is brought
 * back; a closed one too. What one terminal deleted it can bring back in
 * turn, the last first (u on the list). */
struct retro_deletes {
	char (*ids)[ID_LEN];
	size_t n, cap;
};
void retro_deletes_free(struct retro_deletes *log);
/* Deletes the retrospective, noting it in log (NULL: nowhere). ST_NOT_FOUND
 * when there is none such, ST_CONFLICT when it is deleted already. */
int model_retro_delete(struct store *st, struct retro_deletes *log, const char *retro_id,
		       struct err *e);
/* Brings a deleted one back. ST_CONFLICT when it is not deleted. */
int model_retro_restore(struct store *st, const char *retro_id, struct err *e);
/* Brings back the last one log holds and gives its id: 0; 1 when there is
 * none. When it is back already (another terminal, a command) or gone,
 * its id comes with ST_CONFLICT or ST_NOT_FOUND, and it is off the log;
 * any other failure leaves it there, to try again. */
int model_retro_undelete(struct store *st, struct retro_deletes *log, char id[ID_LEN],
			 struct err *e);

/* Durations derived from the timeline, never typed. Measured from the start
 * of impact (the first impact-start event, else the first trigger):
 *   detect   - to the first detection (else the first alert)
 *   mitigate - to the first mitigation
 *   resolve  - to the first resolution
 *   impact   - from the start of impact to the last impact-end (else the
 *              first resolution)
 * A value is valid only when its flag is set. */
struct durations {
	bool has_start, has_detect, has_mitigate, has_resolve, has_impact;
	struct instant start;
	int64_t detect, mitigate, resolve, impact; /* seconds */
};

void model_durations(const struct event *events, size_t n, struct durations *out);
/* The first and the last event of a kind in a timeline (time order), or
 * NULL: what the durations and the timeline's check measure from. */
const struct event *model_first_event(const struct event *ev, size_t n, enum event_kind k);
const struct event *model_last_event(const struct event *ev, size_t n, enum event_kind k);

/* --- the timeline's check: are the durations to be trusted? ---
 *
 * What the room looks at before it trusts the numbers, each problem with
 * the event to look at:
 *   out of order - a detection (else the first alert), mitigation or
 *                  resolution before the start of impact (the durations'
 *                  own start: the first impact-start, else the first
 *                  trigger); the first resolution before the first
 *                  mitigation; the last impact-end before the first
 *                  impact-start: every duration that would come out
 *                  negative
 *   missing      - no detection (nor alert), no resolution: in a timeline
 *                  that has any event at all
 *   future       - an event later than now (DEBRIEF_NOW pins it)
 *   duplicate    - the same time, kind and text again (an import twice)
 *   outside      - an event more than MODEL_OUTSIDE_SECS before the
 *                  incident began (its first trigger or impact-start,
 *                  whichever came first) or after it ended (its last
 *                  resolution or impact-end, whichever came last)
 * A timeline without problems passes. The room may accept one as it is
 * (y in the check's panel): the problems it had then are kept as a
 * fingerprint in the file, the same on every terminal and after a
 * restart, and the timeline counts as checked until a problem that was
 * not among them appears. Otherwise it is unchecked, and the durations
 * say so wherever they are shown. */
#define MODEL_OUTSIDE_SECS (24 * 3600)
enum timeline_problem_kind { TLP_ORDER, TLP_MISSING, TLP_FUTURE, TLP_DUPLICATE, TLP_OUTSIDE };
struct timeline_problem {
	enum timeline_problem_kind kind;
	char event_id[ID_LEN]; /* the event to look at; "" when none is (missing) */
	char other_id[ID_LEN]; /* the other of a pair (out of order, duplicate) */
	char what[200];        /* "Detection at 09:40 comes before the impact start at 09:45." */
	bool accepted;         /* among those the room accepted */
	uint64_t token;        /* its part of the fingerprint */
};
enum timeline_state { TIMELINE_PASSES, TIMELINE_ACCEPTED, TIMELINE_UNCHECKED };
struct timeline_check {
	enum timeline_state state;
	struct timeline_problem *v; /* in timeline order, those without an event first */
	size_t n;
	size_t unaccepted;          /* of them, not accepted */
};
void model_timeline_check(const struct retro_doc *doc, int64_t now, struct timeline_check *out);
void model_timeline_check_free(struct timeline_check *c);
/* "passes", "accepted", "unchecked". */
const char *model_timeline_state_name(enum timeline_state s);
/* Accepts the timeline as it is, with the problems c found (checked on
 * doc): they no longer make it unchecked. The same on every terminal (the
 * retrospective's mark moves); not undone by u; refused once closed. */
int model_accept_timeline(struct store *st, const struct retro_doc *doc,
			  const struct timeline_check *c, struct err *e);

/* Adds a prepared timeline (an import): every event checked first, then
 * all of them in one transaction, or none. Unless keep_duplicates, those
 * already there (the same time, kind and text) are left out and counted
 * in *skipped; *n becomes how many were added (events[0 .. *n) are they,
 * the others freed). Not undoable: it is the command line's. */
int model_add_events(struct store *st, const char *retro_id, struct event *events, size_t *n,
		     bool keep_duplicates, size_t *skipped, struct err *e);

/* Today's date here, "YYYY-MM-DD" (DEBRIEF_NOW pins it for tests). */
void model_today(char *buf, size_t size);
/* Still open, and due before today (model_today's). */
bool model_action_overdue(const struct action *a, const char *today);

/* --- figures over time (model_stats.c) ---
 * Every retrospective not deleted (of the service named; NULL: all), in
 * the month (quarter) of its incident's date, oldest period first: how
 * many, by severity; the median and the worst of each duration (the
 * exports' own, model_durations; one that lacks the milestone is not
 * counted in that figure); the days from the incident's date to the
 * meeting (the local day its clock started; one never held is not
 * counted) and how many within two business days (Monday to Friday);
 * its action items opened, done, dropped and open past their due date
 * (before today), and done by their due date or after it (the local day
 * their status last changed) or not known (no due date, or when done not
 * kept). A median of an even count is the lower middle one. */
int model_stats(struct store *st, bool quarters, const char *service, struct stats *out,
		struct err *e);
/* The same as JSON (SQLite's JSON functions; fields in debrief(1)). */
int model_stats_json(struct store *st, const struct stats *s, struct strbuf *out, struct err *e);
void model_stats_free(struct stats *s);
/* The figures a period has a median and a worst of: the durations, then
 * the days from the incident to the meeting (STATS_DURATIONS). */
#define STATS_FIGURES (STATS_DURATIONS + 1)
const char *model_stats_label(int figure); /* "time to detect" */
const struct stats_figure *model_stats_figure(const struct stats_period *p, int figure);
/* A value of a figure as people read it: "1h 05m", "2 days". */
void model_stats_value(int figure, int64_t v, char *buf, size_t size);

/* Creates a retrospective from r's fields with the questions and timeboxes
 * of the agenda r->agenda names (NULL: the default) copied in; fills r->id.
 * An agenda that cannot be read or is malformed creates nothing. Validates the fields first (title required, date shape);
 * without an incident date it is dated today. */
int model_create_retro(struct store *st, struct retro *r, struct err *e);

/* Checks a user-typed field: valid UTF-8, not too long. Returns a cleaned
 * copy (control characters made visible, blanks trimmed) or NULL with e set. */
char *model_clean_field(const char *what, const char *value, bool multiline,
			struct err *e);

/* --- services and tags (retro_label) ---
 *
 * A name is 1 to LABEL_MAX letters, digits, '-', '_' or '.', kept in
 * lowercase (payments-api, sev-config, k8s.io); a retrospective has at most
 * LABELS_MAX of each kind. A list is typed with commas or blanks between
 * ("payments-api, checkout") and kept sorted, without repeats, joined by
 * ", ". */
#define LABEL_MAX 40
#define LABELS_MAX 20
/* The list typed into *out (NULL when it names none); what is "service" or
 * "tag", for the message when a name breaks the rule. */
int model_labels(const char *what, const char *typed, char **out, struct err *e);
/* One name by the same rule, into buf (LABEL_MAX + 1 bytes), lowercased. */
int model_label_name(const char *what, const char *typed, char *buf, struct err *e);
/* A retrospective's services and tags as lists show them, appended to out:
 * "payments-api, checkout · #config #database" (nothing when none). */
void model_labels_line(const struct retro *r, struct strbuf *out);
/* Whether a kept list holds the name. */
bool model_labels_hold(const char *list, const char *name);

/* The notes anchored to an event / a question / an action / only the stage,
 * in writing order. Returns how many were put in out (caller frees the array,
 * not the notes). */
size_t model_notes_for(const struct retro_doc *doc, enum stage stage,
		       const char *event_id, const char *question_id,
		       const char *action_id, const struct note ***out);
/* How many notes hang on the event, question or action with this id: a
 * binary search, for a row that shows the count. */
size_t model_count_notes_on(const struct retro_doc *doc, const char *id);

/* The quick-add lines are parsed in debrief/quickadd.h. */

/* --- the rules of each record kind, once ---
 *
 * Each check says which field is at fault (field, one of the enums below)
 * and why, in a message that names the field. The add and update functions
 * below run them; the forms show what they say. */

enum event_field { EVF_TIME, EVF_KIND, EVF_MARK, EVF_TEXT, EVF_SOURCE, EVF_KNOWN, EVF_COUNT };
enum action_field { ACF_TITLE, ACF_OWNER, ACF_DUE, ACF_TYPE, ACF_PRIO, ACF_STATUS, ACF_REF, ACF_COUNT };
enum retro_field {
	RTF_TITLE, RTF_REF, RTF_SEV, RTF_DATE, RTF_IMPACT, RTF_TRIGGER,
	RTF_FAC, RTF_SCRIBE, RTF_PEOPLE, RTF_SERVICES, RTF_TAGS,
	/* what the meeting learned, in enum learning's order */
	RTF_SUMMARY, RTF_FACTORS, RTF_LESSONS, RTF_LINKS, RTF_COUNT
};
enum question_field { QUF_TITLE, QUF_COUNT };

struct field_err {
	int field;     /* the field at fault; -1 when none is */
	char msg[200]; /* "the due date '2026-02-30' is not a real date ..." */
};

int model_check_event(const struct event *ev, struct field_err *fe);
int model_check_action(const struct action *a, struct field_err *fe);
int model_check_retro(const struct retro *r, struct field_err *fe);
int model_check_question(const struct question *q, struct field_err *fe);

/* A record from the text typed in a form's fields (v[i] for field i; for a
 * retrospective, and an event's source and known-then, NULL: not on this
 * form, kept as it is). Starts from what
 * the record holds, cleans every field, reads the words (kinds, P1..P4,
 * ...) and checks every rule. Returns 0, or -1 with fe set and the record
 * partly changed (the caller throws it away). */
int model_event_from_fields(struct event *ev, const char *const v[EVF_COUNT],
			    struct field_err *fe);
/* An owner is spelled as the meeting knows them (doc: its people and
 * owners; NULL: as typed), the same from a form and from a quick-add line. */
int model_action_from_fields(const struct retro_doc *doc, struct action *a,
			     const char *const v[ACF_COUNT], struct field_err *fe);
/* A quick-add line ("text @owner due:YYYY-MM-DD #type !P1 ref:X") into a
 * new action item, by the same rules. */
int model_action_from_line(const struct retro_doc *doc, const char *line, struct action *a,
			   struct err *e);
int model_retro_from_fields(struct retro *r, const char *const v[RTF_COUNT],
			    struct field_err *fe);

/* --- changes with undo ---
 *
 * Every change the meeting makes goes through these, so that `u` can take
 * back the last one (an add, an edit or a delete) for the whole session.
 * Each reloads nothing: the caller reloads the doc when it wants. Updates
 * return ST_CONFLICT when someone else changed the record first. */

enum undo_kind { UNDO_ADDED, UNDO_CHANGED, UNDO_DELETED };
enum undo_what { UNDO_EVENT, UNDO_ACTION, UNDO_NOTE, UNDO_QUESTION, UNDO_RETRO, UNDO_PARKED };

struct undo_entry {
	enum undo_kind kind;
	enum undo_what what;
	char id[ID_LEN];
	/* The record as it was before (changed, deleted). */
	struct event event;
	struct action action;
	struct note note;
	struct question question;
	struct retro retro;
	/* A parked idea as it was; with an added action item (what == UNDO_ACTION),
	 * the idea it was made from, which undo parks again. */
	struct parked parked;
	/* What undo expects to find: the record's rev right after this
	 * change (a question's title, as it has no rev); anything else means
	 * someone else changed it since. */
	int64_t rev;
	char *title_after;
	struct retro retro_after; /* the details as this change left them */
	/* Notes deleted along with an event, action or question. */
	struct note *notes;
	size_t n_notes;
	char label[96]; /* "add event", for the status line */
};

struct undo_log {
	struct undo_entry *v;
	size_t n, cap;
	size_t pushed; /* entries ever pushed (a group's mark) */
	/* What was undone, the last undone on top (model_redo): each the
	 * change to make again, with the record as it was before the undo and,
	 * in rev, the rev the undo left it at. A new change empties it. */
	struct undo_entry *redo;
	size_t n_redo, redo_cap;
	bool redoing; /* a redo's own changes leave the redo stack alone */
};

void undo_log_free(struct undo_log *log);

/* Several changes as one (a pasted block of quick-add lines): between
 * model_group_begin and model_group_end they are one transaction, saved
 * whole or not at all; on a failure (rc not 0, or the commit failing) the
 * undo entries they pushed are dropped too. Each stays undoable on its own.
 * Returns 0, or -1 with e set. */
int model_group_begin(struct store *st, struct undo_log *log, size_t *mark, struct err *e);
int model_group_end(struct store *st, struct undo_log *log, size_t mark, int rc, struct err *e);

int model_add_event(struct store *st, struct undo_log *log, const char *retro_id,
		    struct event *ev, struct err *e);
int model_update_event(struct store *st, struct undo_log *log, const char *retro_id,
		       const struct event *before, struct event *after, struct err *e);
int model_delete_event(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		       const char *event_id, struct err *e);
int model_add_action(struct store *st, struct undo_log *log, const char *retro_id,
		     struct action *a, struct err *e);
int model_update_action(struct store *st, struct undo_log *log, const char *retro_id,
			const struct action *before, struct action *after, struct err *e);
int model_delete_action(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			const char *action_id, struct err *e);
/* Following an action item up (model_actions.c), from any retrospective
 * and on a closed one too: its status (dropping needs a reason, kept with
 * it; any other status clears it), owner and due date ("" clears). */
struct action_change {
	bool set_status, set_owner, set_due;
	enum action_status status;
	const char *reason, *owner, *due;
};
int model_follow_up_action(struct store *st, struct undo_log *log, const struct action *before,
			   const struct action_change *c, struct err *e);
/* The follow-up of an earlier retrospective's item in this one's meeting
 * (retro_id): the change, and that this meeting reviewed it, as one. */
int model_review_earlier(struct store *st, struct undo_log *log, const char *retro_id,
			 const struct action *before, const struct action_change *c, struct err *e);
/* Reads the doc's follow-up again (after a review changed it). */
int model_load_follow_ups(struct store *st, struct retro_doc *doc, struct err *e);
/* An action item by its id or a unique start of it (in a retrospective not
 * deleted); ST_NOT_FOUND, ST_AMBIGUOUS said in e. */
int model_find_action(struct store *st, const char *prefix, struct action *out, struct err *e);
int model_add_note(struct store *st, struct undo_log *log, const char *retro_id,
		   struct note *n, struct err *e);
int model_update_note(struct store *st, struct undo_log *log, const char *retro_id,
		      const struct note *before, struct note *after, struct err *e);
int model_delete_note(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		      const char *note_id, struct err *e);
int model_add_question(struct store *st, struct undo_log *log, const char *retro_id,
		       struct question *q, struct err *e);
/* New words for a question (the ones added in the meeting are edited). */
int model_rename_question(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			  const char *question_id, const char *title, struct err *e);
int model_delete_question(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			  const char *question_id, struct err *e);
int model_update_retro(struct store *st, struct undo_log *log, const struct retro *before,
		       struct retro *after, struct err *e);

/* --- what the meeting learned (model_learning.c) ---
 *
 * A retrospective's summary, contributing factors, lessons learned and
 * links, written on the Close stage or in the details form. The summary is
 * prose (its paragraphs kept); the others are one item a line. */
enum learning { LEARN_SUMMARY, LEARN_FACTORS, LEARN_LESSONS, LEARN_LINKS, LEARN_COUNT };

const char *model_learning_title(enum learning l); /* "Contributing factors" */
const char *model_learning_name(enum learning l);  /* "factors": JSON and options */
/* What it holds now (NULL: nothing written yet). */
const char *model_learning_text(const struct retro *r, enum learning l);
/* The text cleaned as a multi-line field, its blank lines at either end
 * and its lines' trailing blanks dropped (NULL when nothing is left);
 * -1 with e set when it is too long or not UTF-8. */
int model_learning_clean(enum learning l, const char *text, char **out, struct err *e);
/* Writes l's text (cleaned) as an edit of the details, which u takes
 * back; ST_CONFLICT when someone changed them first. */
int model_set_learning(struct store *st, struct undo_log *log, const struct retro *before,
		       enum learning l, const char *text, struct err *e);

/* One line of the links: its label (what comes before the address; may be
 * empty) and its address, the line's last word when it is one a reader
 * can follow (http://, https:// or mailto:); url_len 0 when the line has
 * none (then all of it is the label). */
struct link_line {
	const char *label;
	size_t label_len;
	const char *url;
	size_t url_len;
};
bool model_link_parse(const char *line, size_t len, struct link_line *out);
/* Does s begin an address a reader can follow (http://, https://, mailto:)? */
bool model_followable(const char *s, size_t len);

/* --- the parking lot: ideas kept for later, without leaving the stage ---
 *
 * Parking, dropping and making an action item of an idea are changes like
 * any other: u takes each back. */

/* Parks p->text (cleaned; an idea needs some), linked to p's stage and
 * the event or question on screen; fills p->id. */
int model_park(struct store *st, struct undo_log *log, const char *retro_id, struct parked *p,
	       struct err *e);
/* Its text or status changed (before: as it was read). */
int model_update_parked(struct store *st, struct undo_log *log, const char *retro_id,
			const struct parked *before, struct parked *after, struct err *e);
/* Drops a parked idea: kept, marked dropped, out of the lot. */
int model_drop_parked(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		      const char *parked_id, struct err *e);
/* Makes a parked idea an action item: a new one (into *a, which the caller
 * frees) titled with its text and linked to the event or question it was
 * parked on, and the idea marked as having become it, in one transaction;
 * u takes back both. ST_CONFLICT when it is no longer parked. */
int model_parked_to_action(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			   const char *parked_id, struct action *a, struct err *e);
/* How many ideas are still parked (neither an action item nor dropped). */
size_t model_parked_waiting(const struct retro_doc *doc);

/* Takes back the last change, all of it in one transaction. Returns 0,
 * naming it in label and giving the id of the record it touched; 1 when
 * there is nothing to undo; -1 on error (the entry stays, so it can be
 * tried again; but an edit of a record deleted meanwhile is dropped, and an
 * add of one is taken back as done). When someone else changed the record since, or wrote notes
 * under a record undo would delete, nothing is done unless force is set:
 * ST_CONFLICT comes back with e naming what would be lost. doc gives the
 * retrospective's current rev. */
int model_undo(struct store *st, struct undo_log *log, const struct retro_doc *doc,
	       bool force, char *label, size_t label_size, char id[ID_LEN], struct err *e);

/* Makes again the change the last undo took back (Ctrl-R), in one
 * transaction, the record as it was before the undo (with the notes the
 * undo deleted with it); it can be undone again. Several undos are
 * redone in turn, the last undone first. Returns 0, naming it in label
 * and giving the record's id; 1 when there is nothing to redo; ST_CONFLICT
 * when someone else changed (or deleted, or wrote notes on) the record
 * since the undo, with e saying so: nothing is done, and that redo is
 * dropped, as it can never apply; -1 on error (it stays, to be tried
 * again). A closed retrospective refuses it as it refuses a change. */
int model_redo(struct store *st, struct undo_log *log, const struct retro_doc *doc,
	       char *label, size_t label_size, char id[ID_LEN], struct err *e);
/* Something to redo? */
bool model_can_redo(const struct undo_log *log);
/* Forgets what could be redone. */
void model_redo_clear(struct undo_log *log);

/* Finding things in a loaded doc. */
const struct event *doc_event(const struct retro_doc *doc, const char *id);
const struct action *doc_action(const struct retro_doc *doc, const char *id);
const struct note *doc_note(const struct retro_doc *doc, const char *id);
const struct question *doc_question(const struct retro_doc *doc, const char *id);
const struct parked *doc_parked(const struct retro_doc *doc, const char *id);

/* Deep copies (free with the matching *_free). */
void event_copy(struct event *dst, const struct event *src);
void action_copy(struct action *dst, const struct action *src);
void note_copy(struct note *dst, const struct note *src);
void question_copy(struct question *dst, const struct question *src);
void retro_copy(struct retro *dst, const struct retro *src);
void parked_copy(struct parked *dst, const struct parked *src);

#endif
