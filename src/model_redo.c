/* Redo (Ctrl-R): the changes undo took back, made again in turn, each
 * checked first against what other terminals did since the undo. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "model_undo_internal.h"

bool model_can_redo(const struct undo_log *log)
{
	return log && log->n_redo > 0;
}

void model_redo_clear(struct undo_log *log)
{
	for (size_t i = 0; i < log->n_redo; i++)
		undo_entry_free(&log->redo[i]);
	log->n_redo = 0;
}

/* The record the entry is about, as it is now, into the entry's copy. */
static int read_record(struct store *st, const char *rid, enum undo_what what, const char *id,
		       struct undo_entry *into, struct err *e)
{
	switch (what) {
	case UNDO_EVENT: return store_get_event(st, rid, id, &into->event, e);
	case UNDO_ACTION: return store_get_action(st, rid, id, &into->action, e);
	case UNDO_NOTE: return store_get_note(st, rid, id, &into->note, e);
	case UNDO_QUESTION: return store_get_question(st, rid, id, &into->question, e);
	case UNDO_RETRO: return store_get_retro(st, id, &into->retro, e);
	case UNDO_PARKED: return store_get_parked(st, rid, id, &into->parked, e);
	}
	return ST_ERROR;
}

int redo_snapshot(struct store *st, const struct retro_doc *doc, const struct undo_entry *u,
		  struct undo_entry *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	r->kind = u->kind;
	r->what = u->what;
	str_copy(r->id, ID_LEN, u->id);
	str_copy(r->label, sizeof r->label, u->label);
	if (u->kind == UNDO_DELETED) { /* redone by deleting it again, with its notes */
		r->notes = xcalloc(u->n_notes + 1, sizeof *r->notes);
		for (size_t i = 0; i < u->n_notes; i++)
			note_copy(&r->notes[i], &u->notes[i]);
		r->n_notes = u->n_notes;
		return 0;
	}
	int rc = read_record(st, doc->retro.id, u->what, u->id, r, e);
	if (rc != ST_OK) {
		undo_entry_free(r);
		return rc == ST_NOT_FOUND ? 1 : -1; /* gone: undo has nothing to take back */
	}
	if (u->kind == UNDO_ADDED && u->what == UNDO_ACTION && u->parked.id[0])
		parked_copy(&r->parked, &u->parked); /* made from this idea: redone so */
	size_t notes = 0;
	if (u->kind == UNDO_ADDED && u->what != UNDO_NOTE) { /* the notes undo deletes with it */
		if (store_count_notes_on(st, doc->retro.id, undo_record_kind(u->what), u->id, &notes,
					 e) != ST_OK) {
			undo_entry_free(r);
			return -1;
		}
		if (notes)
			undo_keep_notes(r, doc);
	}
	/* An edit of words or details: redone from the words as they were
	 * (title_after, retro_after), expected as the undo leaves them. */
	if (u->kind == UNDO_CHANGED && u->what == UNDO_QUESTION) {
		r->title_after = xstrdup(r->question.title);
		question_free(&r->question);
		question_copy(&r->question, &u->question);
	} else if (u->kind == UNDO_CHANGED && u->what == UNDO_RETRO) {
		r->retro_after = r->retro;
		retro_copy(&r->retro, &u->retro);
	}
	return 0;
}

void redo_push(struct undo_log *log, struct undo_entry *r, int64_t rev)
{
	if (log->n_redo == log->redo_cap) {
		log->redo_cap = log->redo_cap ? log->redo_cap * 2 : 16;
		log->redo = xrealloc(log->redo, log->redo_cap * sizeof *log->redo);
	}
	r->rev = rev;
	log->redo[log->n_redo++] = *r;
	memset(r, 0, sizeof *r);
}

/* Is the record as the undo left it? now gets it as it is. ST_CONFLICT
 * (or ST_NOT_FOUND) with e saying what changed since. */
static int redo_check(struct store *st, const char *rid, const struct undo_entry *r,
		      struct undo_entry *now, struct err *e)
{
	const char *what = undo_what_name(r->what);
	int rc = read_record(st, rid, r->what, r->id, now, e);
	if (r->kind == UNDO_ADDED) { /* the undo deleted it */
		if (rc == ST_NOT_FOUND)
			return ST_OK;
		if (rc == ST_OK)
			err_set(e, "this %s is there again already", what);
		return rc == ST_OK ? ST_CONFLICT : rc;
	}
	if (rc == ST_NOT_FOUND)
		return err_set(e, "someone else deleted this %s since it was undone", what), ST_NOT_FOUND;
	if (rc != ST_OK)
		return rc;
	bool changed;
	if (r->what == UNDO_RETRO)
		changed = !undo_same_details(&now->retro, &r->retro);
	else if (r->what == UNDO_QUESTION)
		changed = r->kind == UNDO_CHANGED && strcmp(now->question.title, r->question.title) != 0;
	else
		changed = undo_copy_rev(now) != r->rev;
	if (changed)
		return err_set(e, "someone else changed this %s since it was undone", what), ST_CONFLICT;
	size_t notes = 0;
	if (r->kind == UNDO_DELETED && r->what != UNDO_NOTE) { /* deleting it deletes its notes */
		if (store_count_notes_on(st, rid, undo_record_kind(r->what), r->id, &notes, e) != ST_OK)
			return ST_ERROR;
		if (notes > r->n_notes)
			return err_set(e, "someone else wrote a note on this %s since it was undone; "
				       "redo would delete it", what), ST_CONFLICT;
	}
	return ST_OK;
}

/* Adds the record back with the notes the undo deleted with it. */
static int redo_add(struct store *st, struct undo_log *log, const char *rid,
		    struct undo_entry *r, struct err *e)
{
	struct undo_entry x = {0};
	int rc = -1;
	switch (r->what) {
	case UNDO_EVENT:
		event_copy(&x.event, &r->event);
		rc = model_add_event(st, log, rid, &x.event, e);
		break;
	case UNDO_ACTION:
		action_copy(&x.action, &r->action);
		rc = r->parked.id[0] ? parked_make_action(st, log, rid, r->parked.id, &x.action, e)
				     : model_add_action(st, log, rid, &x.action, e);
		break;
	case UNDO_PARKED:
		parked_copy(&x.parked, &r->parked);
		rc = model_park(st, log, rid, &x.parked, e);
		break;
	case UNDO_NOTE:
		note_copy(&x.note, &r->note);
		rc = model_add_note(st, log, rid, &x.note, e);
		break;
	case UNDO_QUESTION:
		question_copy(&x.question, &r->question);
		rc = model_add_question(st, log, rid, &x.question, e);
		break;
	case UNDO_RETRO:
		rc = err_set(e, "cannot redo that");
		break;
	}
	undo_entry_free(&x);
	return rc == 0 ? undo_restore_notes(st, rid, r, e) : rc;
}

/* Makes the record as it was before the undo: now is as it is. */
static int redo_change(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		       struct undo_entry *r, struct undo_entry *now, int64_t *rev, struct err *e)
{
	const char *rid = doc->retro.id;
	struct undo_entry x = {.what = r->what};
	int rc = -1;
	switch (r->what) {
	case UNDO_EVENT:
		event_copy(&x.event, &r->event);
		x.event.rev = now->event.rev;
		rc = model_update_event(st, log, rid, &now->event, &x.event, e);
		break;
	case UNDO_ACTION:
		action_copy(&x.action, &r->action);
		x.action.rev = now->action.rev;
		rc = model_update_action(st, log, rid, &now->action, &x.action, e);
		break;
	case UNDO_NOTE:
		note_copy(&x.note, &r->note);
		x.note.rev = now->note.rev;
		rc = model_update_note(st, log, rid, &now->note, &x.note, e);
		break;
	case UNDO_QUESTION:
		rc = model_rename_question(st, log, doc, r->id, r->title_after, e);
		break;
	case UNDO_RETRO:
		retro_copy(&x.retro, &r->retro_after);
		x.retro.rev = now->retro.rev;
		rc = model_update_retro(st, log, &now->retro, &x.retro, e);
		break;
	case UNDO_PARKED:
		parked_copy(&x.parked, &r->parked);
		x.parked.rev = now->parked.rev;
		rc = model_update_parked(st, log, rid, &now->parked, &x.parked, e);
		break;
	}
	*rev = undo_copy_rev(&x);
	undo_entry_free(&x);
	return rc;
}

static int redo_delete(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		       const struct undo_entry *r, struct err *e)
{
	switch (r->what) {
	case UNDO_EVENT: return model_delete_event(st, log, doc, r->id, e);
	case UNDO_ACTION: return model_delete_action(st, log, doc, r->id, e);
	case UNDO_NOTE: return model_delete_note(st, log, doc, r->id, e);
	case UNDO_QUESTION: return model_delete_question(st, log, doc, r->id, e);
	case UNDO_RETRO: case UNDO_PARKED: break; /* (parked ideas are dropped, never deleted) */
	}
	return err_set(e, "cannot redo that");
}

int model_redo(struct store *st, struct undo_log *log, const struct retro_doc *doc,
	       char *label, size_t label_size, char id[ID_LEN], struct err *e)
{
	if (!model_can_redo(log))
		return 1;
	if (undo_refuse_closed(st, doc->retro.id, e) != 0)
		return -1;
	struct undo_entry *r = &log->redo[log->n_redo - 1];
	struct undo_entry now = {.what = r->what};
	int64_t rev = 0;
	int64_t *notes_was = r->kind == UNDO_ADDED ? undo_note_revs(r) : NULL;
	/* The changes go through the model as any change does (so they can be
	 * undone again), but leave the rest of the redo stack; one commit. */
	size_t mark;
	if (model_group_begin(st, log, &mark, e) != 0) {
		free(notes_was);
		return -1;
	}
	log->redoing = true;
	int rc = redo_check(st, doc->retro.id, r, &now, e);
	if (rc == ST_OK && r->kind == UNDO_ADDED) {
		rc = redo_add(st, log, doc->retro.id, r, e);
		rev = 1; /* as a restore leaves it */
	} else if (rc == ST_OK && r->kind == UNDO_CHANGED)
		rc = redo_change(st, log, doc, r, &now, &rev, e);
	else if (rc == ST_OK)
		rc = redo_delete(st, log, doc, r, e);
	log->redoing = false;
	undo_entry_free(&now);
	if (model_group_end(st, log, mark, rc, e) != 0) {
		free(notes_was);
		if (rc != ST_CONFLICT && rc != ST_NOT_FOUND)
			return -1;
		/* Someone else's change is in the way, for good (revs only
		 * grow): that redo is dropped, the ones below it stay. */
		undo_entry_free(r);
		log->n_redo--;
		return ST_CONFLICT;
	}
	str_copy(label, label_size, r->label);
	str_copy(id, ID_LEN, r->id);
	struct undo_entry done = *r;
	log->n_redo--;
	/* The redo below on the same record expects it as this undo found
	 * it, at the rev it had then; it is at a new one now. */
	if (done.kind != UNDO_DELETED && done.what != UNDO_QUESTION && done.what != UNDO_RETRO)
		undo_carry_rev(log->redo, log->n_redo, done.what, done.id, undo_copy_rev(&done), rev);
	for (size_t i = 0; notes_was && i < done.n_notes; i++)
		undo_carry_rev(log->redo, log->n_redo, UNDO_NOTE, done.notes[i].id, notes_was[i], 1);
	free(notes_was);
	undo_entry_free(&done);
	return 0;
}
