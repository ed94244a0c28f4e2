/* The model's changes with undo: every change the meeting makes, recorded
 * so that u takes back the last one, all of it in one transaction. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "model_undo_internal.h"

/* --- undo --- */

#define UNDO_MAX 500

void undo_entry_free(struct undo_entry *u)
{
	event_free(&u->event);
	action_free(&u->action);
	note_free(&u->note);
	question_free(&u->question);
	retro_free(&u->retro);
	retro_free(&u->retro_after);
	parked_free(&u->parked);
	free(u->title_after);
	store_free_notes(u->notes, u->n_notes);
	memset(u, 0, sizeof *u);
}

void undo_log_free(struct undo_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		undo_entry_free(&log->v[i]);
	model_redo_clear(log);
	free(log->v);
	free(log->redo);
	memset(log, 0, sizeof *log);
}

/* rev: the record's rev as this change left it (0 where it is gone or
 * carries none), so undo can tell whether someone changed it since. */
struct undo_entry *undo_push(struct undo_log *log, enum undo_kind kind, enum undo_what what,
			     const char *id, int64_t rev, const char *label)
{
	if (!log)
		return NULL;
	if (!log->redoing)
		model_redo_clear(log); /* a new change: what was undone stays undone */
	if (log->n == UNDO_MAX) { /* forget the oldest */
		undo_entry_free(&log->v[0]);
		memmove(log->v, log->v + 1, (log->n - 1) * sizeof *log->v);
		log->n--;
	}
	if (log->n == log->cap) {
		log->cap = log->cap ? log->cap * 2 : 16;
		log->v = xrealloc(log->v, log->cap * sizeof *log->v);
	}
	struct undo_entry *u = &log->v[log->n++];
	log->pushed++;
	memset(u, 0, sizeof *u);
	u->kind = kind;
	u->what = what;
	str_copy(u->id, ID_LEN, id);
	u->rev = rev;
	str_copy(u->label, sizeof u->label, label);
	return u;
}

int model_group_begin(struct store *st, struct undo_log *log, size_t *mark, struct err *e)
{
	*mark = log ? log->pushed : 0;
	return store_begin(st, e);
}

int model_group_end(struct store *st, struct undo_log *log, size_t mark, int rc, struct err *e)
{
	if (store_end(st, rc, e) == 0)
		return 0;
	/* Nothing of the group is saved: nothing of it is to undo either. */
	for (; log && log->pushed > mark && log->n > 0; log->pushed--)
		undo_entry_free(&log->v[--log->n]);
	return -1;
}

void undo_keep_notes(struct undo_entry *u, const struct retro_doc *doc)
{
	const struct note **v;
	size_t n = model_notes_for(doc, STAGE_PRIME, u->what == UNDO_EVENT ? u->id : NULL,
				   u->what == UNDO_QUESTION ? u->id : NULL,
				   u->what == UNDO_ACTION ? u->id : NULL, &v);
	u->notes = xcalloc(n + 1, sizeof *u->notes);
	for (size_t i = 0; i < n; i++)
		note_copy(&u->notes[i], v[i]);
	u->n_notes = n;
	free(v);
}

/* Whether an edit of an action item touches only its follow-up: status,
 * owner and due date, which stay open after the meeting closes. */
static bool action_follow_up_only(const struct action *a, const struct action *b)
{
	return str_same(a->title, b->title) && a->type == b->type && a->priority == b->priority &&
	       str_same(a->tracker_ref, b->tracker_ref) &&
	       strcmp(a->origin_event, b->origin_event) == 0 &&
	       strcmp(a->origin_question, b->origin_question) == 0;
}

/* Reopening a closed retrospective (model_set_status) is what lets the
 * rest change again. */
int undo_refuse_closed(struct store *st, const char *retro_id, struct err *e)
{
	struct retro_mark m;
	if (store_retro_mark(st, retro_id, &m, e) != 0)
		return -1;
	if (m.status == RETRO_CLOSED)
		return err_set(e, "%s", MODEL_CLOSED_MSG);
	return 0;
}

int model_add_event(struct store *st, struct undo_log *log, const char *retro_id,
		    struct event *ev, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_event(ev, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	if (store_add_events(st, retro_id, ev, 1, e) != 0)
		return -1;
	undo_push(log, UNDO_ADDED, UNDO_EVENT, ev->id, ev->rev, "add the event");
	return 0;
}

int model_update_event(struct store *st, struct undo_log *log, const char *retro_id,
		       const struct event *before, struct event *after, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_event(after, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	int rc = store_update_event(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_EVENT, after->id, after->rev,
					 "edit the event");
	if (u)
		event_copy(&u->event, before);
	return 0;
}

int model_delete_event(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		       const char *event_id, struct err *e)
{
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	const struct event *ev = doc_event(doc, event_id);
	if (!ev)
		return err_set(e, "that event is gone already");
	if (store_delete_event(st, doc->retro.id, event_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_EVENT, event_id, 0, "delete the event");
	if (u) {
		event_copy(&u->event, ev);
		undo_keep_notes(u, doc);
	}
	return 0;
}

int model_add_action(struct store *st, struct undo_log *log, const char *retro_id,
		     struct action *a, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_action(a, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	if (store_add_action(st, retro_id, a, e) != 0)
		return -1;
	undo_push(log, UNDO_ADDED, UNDO_ACTION, a->id, a->rev, "add the action item");
	return 0;
}

int model_update_action(struct store *st, struct undo_log *log, const char *retro_id,
			const struct action *before, struct action *after, struct err *e)
{
	if (!action_follow_up_only(before, after) && undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_action(after, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	int rc = store_update_action(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_ACTION, after->id, after->rev,
					 "edit the action item");
	if (u)
		action_copy(&u->action, before);
	return 0;
}

int model_delete_action(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			const char *action_id, struct err *e)
{
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	const struct action *a = doc_action(doc, action_id);
	if (!a)
		return err_set(e, "that action item is gone already");
	if (store_delete_action(st, doc->retro.id, action_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_ACTION, action_id, 0,
					 "delete the action item");
	if (u) {
		action_copy(&u->action, a);
		undo_keep_notes(u, doc);
	}
	return 0;
}

int model_add_note(struct store *st, struct undo_log *log, const char *retro_id,
		   struct note *n, struct err *e)
{
	/* (Not asked first whether the retrospective is closed, as the other
	 * changes do: the note's own write is refused so, in the same words,
	 * and a scribe's Enter reads one row less.) */
	if (store_add_note(st, retro_id, n, e) != 0)
		return -1;
	undo_push(log, UNDO_ADDED, UNDO_NOTE, n->id, n->rev, "add the note");
	return 0;
}

int model_update_note(struct store *st, struct undo_log *log, const char *retro_id,
		      const struct note *before, struct note *after, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	int rc = store_update_note(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_NOTE, after->id, after->rev,
					 "edit the note");
	if (u)
		note_copy(&u->note, before);
	return 0;
}

int model_delete_note(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		      const char *note_id, struct err *e)
{
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	const struct note *n = doc_note(doc, note_id);
	if (!n)
		return err_set(e, "that note is gone already");
	if (store_delete_note(st, doc->retro.id, note_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_NOTE, note_id, 0, "delete the note");
	if (u)
		note_copy(&u->note, n);
	return 0;
}

int model_add_question(struct store *st, struct undo_log *log, const char *retro_id,
		       struct question *q, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_question(q, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	if (store_add_question(st, retro_id, q, e) != 0)
		return -1;
	undo_push(log, UNDO_ADDED, UNDO_QUESTION, q->id, 0, "add the question");
	return 0;
}

int model_rename_question(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			  const char *question_id, const char *title, struct err *e)
{
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	struct question renamed = {.title = (char *)title};
	struct field_err fe;
	if (model_check_question(&renamed, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	const struct question *q = doc_question(doc, question_id);
	if (!q)
		return err_set(e, "this question was deleted meanwhile");
	if (store_rename_question(st, doc->retro.id, question_id, title, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_QUESTION, question_id, 0,
					 "rename the question");
	if (u) {
		question_copy(&u->question, q);
		u->title_after = xstrdup(title);
	}
	return 0;
}

int model_delete_question(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			  const char *question_id, struct err *e)
{
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	const struct question *q = doc_question(doc, question_id);
	if (!q)
		return err_set(e, "that question is gone already");
	if (store_delete_question(st, doc->retro.id, question_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_QUESTION, question_id, 0,
					 "delete the question");
	if (u) {
		question_copy(&u->question, q);
		undo_keep_notes(u, doc);
	}
	return 0;
}

int model_update_retro(struct store *st, struct undo_log *log, const struct retro *before,
		       struct retro *after, struct err *e)
{
	if (undo_refuse_closed(st, before->id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_retro(after, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	int rc = store_update_retro(st, after, e);
	if (rc != ST_OK)
		return rc;
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_RETRO, after->id, 0,
					 "edit the details");
	if (u) {
		retro_copy(&u->retro, before);
		retro_copy(&u->retro_after, after);
	}
	return 0;
}

int undo_restore_notes(struct store *st, const char *retro_id, struct undo_entry *u,
			 struct err *e)
{
	for (size_t i = 0; i < u->n_notes; i++)
		if (store_add_note(st, retro_id, &u->notes[i], e) != 0)
			return -1;
	return 0;
}

const char *undo_what_name(enum undo_what w)
{
	static const char *const NAME[] = {
		[UNDO_EVENT] = "event", [UNDO_ACTION] = "action item", [UNDO_NOTE] = "note",
		[UNDO_QUESTION] = "question", [UNDO_RETRO] = "retrospective",
		[UNDO_PARKED] = "parked idea",
	};
	return NAME[w];
}

enum store_record undo_record_kind(enum undo_what w)
{
	return w == UNDO_EVENT ? REC_EVENT : w == UNDO_ACTION ? REC_ACTION :
	       w == UNDO_NOTE ? REC_NOTE : w == UNDO_PARKED ? REC_PARKED : REC_QUESTION;
}

/* Before taking back an add or an edit: is the record as this change left
 * it, and (for an add, which undo deletes) are there notes on it now? Fills
 * *rev_now with its rev. ST_CONFLICT with e naming what would be lost. */
static int undo_check(struct store *st, const char *rid, const struct undo_entry *u,
		      int64_t *rev_now, struct err *e)
{
	const char *what = undo_what_name(u->what);
	bool changed;
	size_t notes = 0;
	int rc;
	if (u->what == UNDO_QUESTION) {
		char *title;
		if ((rc = store_get_question_title(st, rid, u->id, &title, e)) == ST_NOT_FOUND)
			return err_set(e, "this question was deleted meanwhile"), ST_NOT_FOUND;
		if (rc != ST_OK)
			return rc;
		changed = u->title_after && strcmp(title, u->title_after) != 0;
		free(title);
		*rev_now = 1;
	} else {
		rc = store_get_rev(st, rid, undo_record_kind(u->what), u->id, rev_now, e);
		if (rc == ST_NOT_FOUND)
			return err_set(e, "this %s was deleted meanwhile", what), ST_NOT_FOUND;
		if (rc != ST_OK)
			return rc;
		changed = *rev_now != u->rev;
	}
	if (u->kind == UNDO_ADDED &&
	    store_count_notes_on(st, rid, undo_record_kind(u->what), u->id, &notes, e) != ST_OK)
		return ST_ERROR;
	if (!changed && notes == 0)
		return ST_OK;
	if (u->kind == UNDO_CHANGED)
		err_set(e, "Someone else changed this %s since; undo overwrites their change.", what);
	else if (!changed)
		err_set(e, "Someone else wrote %zu note%s on this %s; undo deletes %s too.", notes,
			notes == 1 ? "" : "s", what, notes == 1 ? "it" : "them");
	else if (notes)
		err_set(e, "Someone else changed this %s and wrote %zu note%s on it; undo deletes them.",
			what, notes, notes == 1 ? "" : "s");
	else
		err_set(e, "Someone else changed this %s since; undo deletes it with their change.", what);
	return ST_CONFLICT;
}

/* The fields the details form edits (the retrospective's rev moves with
 * every note anyone writes, so it cannot tell an edit of them). */
bool undo_same_details(const struct retro *a, const struct retro *b)
{
	return str_same(a->title, b->title) && str_same(a->incident_ref, b->incident_ref) &&
	       str_same(a->severity, b->severity) && str_same(a->incident_date, b->incident_date) &&
	       str_same(a->facilitator, b->facilitator) && str_same(a->scribe, b->scribe) &&
	       str_same(a->participants, b->participants) && str_same(a->impact, b->impact) &&
	       str_same(a->trigger, b->trigger) && str_same(a->services, b->services) &&
	       str_same(a->tags, b->tags) && str_same(a->summary, b->summary) &&
	       str_same(a->factors, b->factors) && str_same(a->lessons, b->lessons) &&
	       str_same(a->links, b->links);
}

/* Before taking back an edit of the details: are they as it left them? */
static int undo_check_details(struct store *st, const struct undo_entry *u, int64_t *rev_now,
			      struct err *e)
{
	struct retro now;
	if (store_get_retro(st, u->id, &now, e) != ST_OK)
		return ST_ERROR;
	bool same = undo_same_details(&now, &u->retro_after);
	*rev_now = now.rev;
	retro_free(&now);
	if (same)
		return ST_OK;
	err_set(e, "Someone else changed the details since; undo overwrites their change.");
	return ST_CONFLICT;
}

/* An action item made from a parked idea is taken back: the idea goes
 * back to the lot, as it was (whatever its rev is now). */
static int undo_repark(struct store *st, const char *rid, const struct undo_entry *u,
		       struct err *e)
{
	struct parked p;
	int64_t rev;
	int rc = store_get_rev(st, rid, REC_PARKED, u->parked.id, &rev, e);
	if (rc == ST_NOT_FOUND)
		return 0; /* gone: nothing to park again */
	if (rc != ST_OK)
		return -1;
	parked_copy(&p, &u->parked);
	p.rev = rev;
	rc = store_update_parked(st, rid, &p, e);
	parked_free(&p);
	return rc;
}

static int undo_apply(struct store *st, struct undo_entry *u, const struct retro_doc *doc,
		      bool force, struct err *e)
{
	const char *rid = doc->retro.id;
	int64_t rev = u->rev;
	if (u->kind == UNDO_ADDED || u->kind == UNDO_CHANGED) {
		int64_t now = 0;
		int rc = u->what == UNDO_RETRO ? undo_check_details(st, u, &now, e)
					       : undo_check(st, rid, u, &now, e);
		if (rc == ST_CONFLICT && force)
			rc = ST_OK;
		if (rc == ST_NOT_FOUND && u->kind == UNDO_ADDED)
			return ST_OK; /* someone else deleted it already: nothing to take back */
		if (rc != ST_OK)
			return rc;
		rev = now;
	}
	switch (u->kind) {
	case UNDO_ADDED:
		switch (u->what) {
		case UNDO_EVENT: return store_delete_event(st, rid, u->id, e);
		case UNDO_ACTION:
			if (store_delete_action(st, rid, u->id, e) != 0)
				return -1;
			return u->parked.id[0] ? undo_repark(st, rid, u, e) : 0;
		case UNDO_NOTE: return store_delete_note(st, rid, u->id, e);
		case UNDO_QUESTION: return store_delete_question(st, rid, u->id, e);
		case UNDO_PARKED: return store_delete_parked(st, rid, u->id, e);
		case UNDO_RETRO: return err_set(e, "cannot undo creating the retrospective");
		}
		break;
	case UNDO_DELETED:
		switch (u->what) {
		case UNDO_EVENT:
			if (store_add_events(st, rid, &u->event, 1, e) != 0)
				return -1;
			return undo_restore_notes(st, rid, u, e);
		case UNDO_ACTION:
			if (store_add_action(st, rid, &u->action, e) != 0)
				return -1;
			return undo_restore_notes(st, rid, u, e);
		case UNDO_NOTE:
			return store_add_note(st, rid, &u->note, e);
		case UNDO_QUESTION:
			if (store_add_question(st, rid, &u->question, e) != 0)
				return -1;
			return undo_restore_notes(st, rid, u, e);
		case UNDO_PARKED:
			return store_add_parked(st, rid, &u->parked, e);
		case UNDO_RETRO:
			return err_set(e, "cannot undo that");
		}
		break;
	case UNDO_CHANGED:
		switch (u->what) {
		case UNDO_EVENT:
			u->event.rev = rev;
			return store_update_event(st, rid, &u->event, e);
		case UNDO_ACTION:
			u->action.rev = rev;
			return store_update_action(st, rid, &u->action, e);
		case UNDO_NOTE:
			u->note.rev = rev;
			return store_update_note(st, rid, &u->note, e);
		case UNDO_RETRO:
			u->retro.rev = rev;
			return store_update_retro(st, &u->retro, e);
		case UNDO_QUESTION:
			return store_rename_question(st, rid, u->id, u->question.title, e);
		case UNDO_PARKED:
			u->parked.rev = rev;
			return store_update_parked(st, rid, &u->parked, e);
		}
		break;
	}
	return err_set(e, "cannot undo that");
}

/* After a record changed rev (rev_was -> rev_now) by an undo: the change
 * below it in the log on that record expects rev_was if it was made right
 * before; now it must expect rev_now, or it would look like someone else's.
 * Redo carries its stack the same way. */
void undo_carry_rev(struct undo_entry *v, size_t n, enum undo_what what, const char *id,
		    int64_t rev_was, int64_t rev_now)
{
	for (size_t i = n; i > 0; i--) {
		struct undo_entry *x = &v[i - 1];
		if (x->what == what && strcmp(x->id, id) == 0) {
			if (x->rev == rev_was)
				x->rev = rev_now;
			return;
		}
	}
}

int64_t undo_copy_rev(const struct undo_entry *u)
{
	switch (u->what) {
	case UNDO_EVENT: return u->event.rev;
	case UNDO_ACTION: return u->action.rev;
	case UNDO_NOTE: return u->note.rev;
	case UNDO_PARKED: return u->parked.rev;
	default: return 0;
	}
}

int64_t *undo_note_revs(const struct undo_entry *u)
{
	int64_t *revs = xcalloc(u->n_notes + 1, sizeof *revs);
	for (size_t i = 0; i < u->n_notes; i++)
		revs[i] = u->notes[i].rev;
	return revs;
}

int model_undo(struct store *st, struct undo_log *log, const struct retro_doc *doc,
	       bool force, char *label, size_t label_size, char id[ID_LEN], struct err *e)
{
	if (!log || log->n == 0)
		return 1;
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	struct undo_entry *u = &log->v[log->n - 1];
	int64_t was = undo_copy_rev(u);
	/* the notes' revs, before the store resets them */
	int64_t *restored_was = u->kind == UNDO_DELETED ? undo_note_revs(u) : NULL;
	/* One commit for the record and its notes: other terminals never see
	 * half a restore, and a failure restores nothing. What is there
	 * before is kept for redo. */
	struct undo_entry redo;
	int snap = -1;
	int rc = store_begin(st, e);
	if (rc == 0) {
		snap = redo_snapshot(st, doc, u, &redo, e);
		rc = store_end(st, snap < 0 ? -1 : undo_apply(st, u, doc, force, e), e);
	}
	if (snap == 0 && rc != 0)
		undo_entry_free(&redo);
	if (rc != 0) {
		free(restored_was);
		if (rc == ST_NOT_FOUND) { /* an edit of what is gone can never be undone */
			undo_entry_free(u);
			log->n--;
		}
		return rc == ST_CONFLICT ? ST_CONFLICT : -1;
	}
	str_copy(label, label_size, u->label);
	str_copy(id, ID_LEN, u->id);
	struct undo_entry done = *u;
	log->n--;
	/* An edit taken back leaves the record at a new rev; a restore at 1. */
	int64_t rev_now = 0;
	if (done.kind == UNDO_CHANGED && done.what != UNDO_QUESTION && done.what != UNDO_RETRO) {
		rev_now = undo_copy_rev(&done);
		undo_carry_rev(log->v, log->n, done.what, done.id, was, rev_now);
	} else if (done.kind == UNDO_DELETED) {
		rev_now = 1;
		undo_carry_rev(log->v, log->n, done.what, done.id, was, 1);
		for (size_t i = 0; i < done.n_notes; i++)
			undo_carry_rev(log->v, log->n, UNDO_NOTE, done.notes[i].id, restored_was[i], 1);
	}
	/* An action item made from an idea: the idea is parked again, at a
	 * new rev, which the change below on it (parking it) expects now. */
	int64_t idea_now;
	if (done.kind == UNDO_ADDED && done.what == UNDO_ACTION && done.parked.id[0] &&
	    store_get_rev(st, doc->retro.id, REC_PARKED, done.parked.id, &idea_now, e) == ST_OK)
		undo_carry_rev(log->v, log->n, UNDO_PARKED, done.parked.id, done.parked.rev, idea_now);
	if (snap == 0)
		redo_push(log, &redo, rev_now);
	free(restored_was);
	undo_entry_free(&done);
	return 0;
}
