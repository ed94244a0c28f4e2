/* Storage as an interface: a table of operations, one per thing the
 * domain asks of it. The store_* functions of debrief/store.h dispatch
 * through the table of the connection they are given, so the model runs
 * on any implementation: SQLite's (store*.c) today, a networked database
 * or a test's stand-in tomorrow, without a change above storage.
 *
 * A backend's connection is any struct that begins with struct store_head;
 * its own open function hands it out as a struct store *. One more
 * operation: its prototype in debrief/store.h, a line here, and each
 * backend's implementation (SQLite's is store_sqlite_<name>, in the
 * store_*.c file of its kind). */
#ifndef DEBRIEF_STORE_BACKEND_H
#define DEBRIEF_STORE_BACKEND_H

#include "debrief/store.h"

/* X(return type, name, (parameters), (arguments)): store_<name> is the
 * operation's public face. Every one takes the connection first, as st. */
#define STORE_OPS(X) \
	X(const char *, path, (const struct store *st), (st)) \
	X(int, set_patience, (struct store *st, int ms, store_wait_fn waiting, void *ctx), (st, ms, waiting, ctx)) \
	X(int, db_id, (struct store *st, char id[ID_LEN], struct err *e), (st, id, e)) \
	X(int, check, (struct store *st, struct strbuf *report, size_t *problems, struct err *e), (st, report, problems, e)) \
	X(int, check_quick, (struct store *st, struct err *e), (st, e)) \
	X(int, begin, (struct store *st, struct err *e), (st, e)) \
	X(int, commit, (struct store *st, struct err *e), (st, e)) \
	X(int, rollback, (struct store *st), (st)) \
	X(int, create_retro, (struct store *st, struct retro *r, const struct question *questions, size_t n, struct err *e), (st, r, questions, n, e)) \
	X(int, get_retro, (struct store *st, const char *id, struct retro *out, struct err *e), (st, id, out, e)) \
	X(int, resolve_retro, (struct store *st, const char *prefix, bool deleted, char id[ID_LEN], struct strbuf *candidates, struct err *e), (st, prefix, deleted, id, candidates, e)) \
	X(int, list_retros, (struct store *st, const struct retro_filter *f, struct retro_summary **out, size_t *n, struct err *e), (st, f, out, n, e)) \
	X(int, list_retros_page, (struct store *st, const struct retro_filter *f, size_t offset, size_t limit, struct retro_summary **out, size_t *n, struct err *e), (st, f, offset, limit, out, n, e)) \
	X(int, each_retro, (struct store *st, const struct retro_filter *f, store_retro_fn fn, void *ctx, size_t *n, struct err *e), (st, f, fn, ctx, n, e)) \
	X(int, count_retros, (struct store *st, const struct retro_filter *f, size_t *n, struct err *e), (st, f, n, e)) \
	X(int, retro_position, (struct store *st, const struct retro_filter *f, const char *id, size_t *pos, struct err *e), (st, f, id, pos, e)) \
	X(int, set_retro_deleted, (struct store *st, const char *id, bool deleted, struct err *e), (st, id, deleted, e)) \
	X(int, add_events, (struct store *st, const char *retro_id, struct event *events, size_t n, struct err *e), (st, retro_id, events, n, e)) \
	X(int, list_events, (struct store *st, const char *retro_id, struct event **out, size_t *n, struct err *e), (st, retro_id, out, n, e)) \
	X(int, count_events, (struct store *st, const char *retro_id, size_t *n, struct err *e), (st, retro_id, n, e)) \
	X(int, list_questions, (struct store *st, const char *retro_id, struct question **out, size_t *n, struct err *e), (st, retro_id, out, n, e)) \
	X(int, add_note, (struct store *st, const char *retro_id, struct note *n, struct err *e), (st, retro_id, n, e)) \
	X(int, list_notes, (struct store *st, const char *retro_id, struct note **out, size_t *n, struct err *e), (st, retro_id, out, n, e)) \
	X(int, add_action, (struct store *st, const char *retro_id, struct action *a, struct err *e), (st, retro_id, a, e)) \
	X(int, list_actions, (struct store *st, const char *retro_id, struct action **out, size_t *n, struct err *e), (st, retro_id, out, n, e)) \
	X(int, note_follow_up, (struct store *st, const char *retro_id, const struct action *before, struct err *e), (st, retro_id, before, e)) \
	X(int, list_follow_ups, (struct store *st, const char *retro_id, struct follow_up **out, size_t *n, struct err *e), (st, retro_id, out, n, e)) \
	X(int, resolve_action, (struct store *st, const char *prefix, char id[ID_LEN], char retro_id[ID_LEN], struct err *e), (st, prefix, id, retro_id, e)) \
	X(int, list_all_actions, (struct store *st, const struct action_filter *f, struct action **out, size_t *n, struct err *e), (st, f, out, n, e)) \
	X(int, each_action, (struct store *st, const struct action_filter *f, store_action_fn fn, void *ctx, size_t *n, struct err *e), (st, f, fn, ctx, n, e)) \
	X(int, update_retro, (struct store *st, struct retro *r, struct err *e), (st, r, e)) \
	X(int, set_position, (struct store *st, const char *retro_id, enum stage stage, const char *item_id, int64_t elapsed, struct err *e), (st, retro_id, stage, item_id, elapsed, e)) \
	X(int, extend_stage, (struct store *st, const char *retro_id, enum stage stage, int64_t secs, struct err *e), (st, retro_id, stage, secs, e)) \
	X(int, set_status, (struct store *st, const char *retro_id, enum retro_status status, struct err *e), (st, retro_id, status, e)) \
	X(int, pause_clock, (struct store *st, const char *retro_id, bool pause, struct err *e), (st, retro_id, pause, e)) \
	X(int, update_event, (struct store *st, const char *retro_id, struct event *ev, struct err *e), (st, retro_id, ev, e)) \
	X(int, delete_event, (struct store *st, const char *retro_id, const char *event_id, struct err *e), (st, retro_id, event_id, e)) \
	X(int, update_action, (struct store *st, const char *retro_id, struct action *a, struct err *e), (st, retro_id, a, e)) \
	X(int, delete_action, (struct store *st, const char *retro_id, const char *action_id, struct err *e), (st, retro_id, action_id, e)) \
	X(int, update_note, (struct store *st, const char *retro_id, struct note *n, struct err *e), (st, retro_id, n, e)) \
	X(int, delete_note, (struct store *st, const char *retro_id, const char *note_id, struct err *e), (st, retro_id, note_id, e)) \
	X(int, add_question, (struct store *st, const char *retro_id, struct question *q, struct err *e), (st, retro_id, q, e)) \
	X(int, rename_question, (struct store *st, const char *retro_id, const char *question_id, const char *title, struct err *e), (st, retro_id, question_id, title, e)) \
	X(int, delete_question, (struct store *st, const char *retro_id, const char *question_id, struct err *e), (st, retro_id, question_id, e)) \
	X(int, get_rev, (struct store *st, const char *retro_id, enum store_record kind, const char *id, int64_t *rev, struct err *e), (st, retro_id, kind, id, rev, e)) \
	X(int, get_question_title, (struct store *st, const char *retro_id, const char *id, char **title, struct err *e), (st, retro_id, id, title, e)) \
	X(int, count_notes_on, (struct store *st, const char *retro_id, enum store_record kind, const char *id, size_t *n, struct err *e), (st, retro_id, kind, id, n, e)) \
	X(int, data_version, (struct store *st, long long *out, struct err *e), (st, out, e)) \
	X(int, checkpoint_later, (struct store *st), (st)) \
	X(int, quiet_moment, (struct store *st), (st)) \
	X(int, test_counts, (struct store *st, struct store_counts *out), (st, out)) \
	X(int, retro_mark, (struct store *st, const char *retro_id, struct retro_mark *out, struct err *e), (st, retro_id, out, e)) \
	X(int, presence_beat, (struct store *st, const char *retro_id, const char *id, const char *role, long pid, struct err *e), (st, retro_id, id, role, pid, e)) \
	X(int, presence_leave, (struct store *st, const char *id, struct err *e), (st, id, e)) \
	X(int, presence_list, (struct store *st, const char *retro_id, int64_t since, struct presence **out, size_t *n, struct err *e), (st, retro_id, since, out, n, e)) \
	X(int, list_open_elsewhere, (struct store *st, const char *retro_id, size_t limit, struct action **out, size_t *n, size_t *total, struct err *e), (st, retro_id, limit, out, n, total, e)) \
	X(int, list_related, (struct store *st, const char *retro_id, size_t limit, struct related_retro **out, size_t *n, struct err *e), (st, retro_id, limit, out, n, e)) \
	X(int, change_seq, (struct store *st, int64_t *seq, struct err *e), (st, seq, e)) \
	X(int, changes_since, (struct store *st, const char *retro_id, int64_t since, size_t limit, struct store_change **out, size_t *n, int64_t *upto, struct err *e), (st, retro_id, since, limit, out, n, upto, e)) \
	X(int, get_event, (struct store *st, const char *retro_id, const char *id, struct event *out, struct err *e), (st, retro_id, id, out, e)) \
	X(int, get_action, (struct store *st, const char *retro_id, const char *id, struct action *out, struct err *e), (st, retro_id, id, out, e)) \
	X(int, get_note, (struct store *st, const char *retro_id, const char *id, struct note *out, struct err *e), (st, retro_id, id, out, e)) \
	X(int, get_question, (struct store *st, const char *retro_id, const char *id, struct question *out, struct err *e), (st, retro_id, id, out, e)) \
	X(int, search, (struct store *st, const char *words, const char *runs, const char *retro_id, const char *open, const char *close, size_t limit, struct search_hit **out, size_t *n, struct err *e), (st, words, runs, retro_id, open, close, limit, out, n, e)) \
	X(int, search_json, (struct store *st, const char *words, const char *runs, const char *retro_id, size_t limit, struct strbuf *out, struct err *e), (st, words, runs, retro_id, limit, out, e)) \
	X(int, add_parked, (struct store *st, const char *retro_id, struct parked *p, struct err *e), (st, retro_id, p, e)) \
	X(int, list_parked, (struct store *st, const char *retro_id, struct parked **out, size_t *n, struct err *e), (st, retro_id, out, n, e)) \
	X(int, get_parked, (struct store *st, const char *retro_id, const char *id, struct parked *out, struct err *e), (st, retro_id, id, out, e)) \
	X(int, update_parked, (struct store *st, const char *retro_id, struct parked *p, struct err *e), (st, retro_id, p, e)) \
	X(int, delete_parked, (struct store *st, const char *retro_id, const char *id, struct err *e), (st, retro_id, id, e)) \
	X(int, set_timeline_accepted, (struct store *st, const char *retro_id, const char *fingerprint, struct err *e), (st, retro_id, fingerprint, e)) \
	X(int, retro_json, (struct store *st, const char *retro_id, const struct json_parts *parts, struct strbuf *out, struct err *e), (st, retro_id, parts, out, e)) \
	X(int, json_quote, (struct store *st, const char *s, size_t n, struct strbuf *out, struct err *e), (st, s, n, out, e)) \
	X(int, retros_json, (struct store *st, const struct retro_filter *f, struct strbuf *out, struct err *e), (st, f, out, e)) \
	X(int, all_actions_json, (struct store *st, const struct action_filter *f, struct strbuf *out, struct err *e), (st, f, out, e)) \
	X(int, stats_retros, (struct store *st, const char *service, struct stats_retro **out, size_t *n, struct err *e), (st, service, out, n, e)) \
	X(int, stats_json, (struct store *st, const struct stats *s, struct strbuf *out, struct err *e), (st, s, out, e))

struct store_ops {
	const char *name; /* "sqlite" */
	void (*close)(struct store *st);
#define STORE_OP_FIELD_(r, op, p, a) r(*op) p;
	STORE_OPS(STORE_OP_FIELD_)
#undef STORE_OP_FIELD_
};

/* The start of every backend's connection. */
struct store_head {
	const struct store_ops *ops;
};

/* SQLite's table (store.c). */
extern const struct store_ops store_sqlite_ops;

#endif
