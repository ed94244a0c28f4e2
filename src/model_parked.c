/* The parking lot: ideas kept for later without leaving the stage, each
 * becoming an action item or dropped on the Action items stage. Every
 * change is undoable, as the others are (model_undo.c). */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "model_undo_internal.h"

size_t model_parked_waiting(const struct retro_doc *doc)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->n_parked; i++)
		n += doc->parked[i].status == PARKED_WAITING;
	return n;
}

/* Its text cleaned, on one line; an idea needs some. */
static int clean_idea(struct parked *p, struct err *e)
{
	char *t = model_clean_field("the idea", p->text ? p->text : "", false, e);
	if (!t)
		return -1;
	if (!*t) {
		free(t);
		return err_set(e, "an idea needs some text");
	}
	free(p->text);
	p->text = t;
	return 0;
}

int model_park(struct store *st, struct undo_log *log, const char *retro_id, struct parked *p,
	       struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	if (clean_idea(p, e) != 0)
		return -1;
	if ((unsigned)p->status >= PARKED_STATUS_COUNT)
		p->status = PARKED_WAITING;
	if (store_add_parked(st, retro_id, p, e) != 0)
		return -1;
	undo_push(log, UNDO_ADDED, UNDO_PARKED, p->id, p->rev, "park the idea");
	return 0;
}

int model_update_parked(struct store *st, struct undo_log *log, const char *retro_id,
			const struct parked *before, struct parked *after, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	if (clean_idea(after, e) != 0)
		return -1;
	if ((unsigned)after->status >= PARKED_STATUS_COUNT)
		return err_set(e, "the status is not parked, action or dropped");
	int rc = store_update_parked(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	const char *label = after->status == PARKED_DROPPED && before->status != PARKED_DROPPED
				    ? "drop the parked idea"
			    : after->status == PARKED_WAITING && before->status != PARKED_WAITING
				    ? "park the idea again"
				    : "edit the parked idea";
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_PARKED, after->id, after->rev, label);
	if (u)
		parked_copy(&u->parked, before);
	return 0;
}

int model_drop_parked(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		      const char *parked_id, struct err *e)
{
	const struct parked *p = doc_parked(doc, parked_id);
	if (!p)
		return err_set(e, "that idea is gone already");
	if (p->status != PARKED_WAITING)
		return err_set(e, "that idea is no longer parked"), ST_CONFLICT;
	struct parked after;
	parked_copy(&after, p);
	after.status = PARKED_DROPPED;
	int rc = model_update_parked(st, log, doc->retro.id, p, &after, e);
	parked_free(&after);
	return rc;
}

int parked_make_action(struct store *st, struct undo_log *log, const char *retro_id,
		       const char *parked_id, struct action *a, struct err *e)
{
	if (undo_refuse_closed(st, retro_id, e) != 0)
		return -1;
	struct field_err fe;
	if (model_check_action(a, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	/* The idea as it is now (another terminal may have dropped it). */
	struct parked before = {0}, after;
	int rc = store_get_parked(st, retro_id, parked_id, &before, e);
	if (rc == ST_NOT_FOUND)
		return err_set(e, "that idea is gone already");
	if (rc != ST_OK)
		return -1;
	if (before.status != PARKED_WAITING) {
		err_set(e, "that idea is no longer parked (%s meanwhile)",
			before.status == PARKED_DROPPED ? "dropped" : "made an action item");
		parked_free(&before);
		return ST_CONFLICT;
	}
	parked_copy(&after, &before);
	after.status = PARKED_ACTION;
	str_copy(after.action_id, ID_LEN, a->id); /* filled below when empty */
	if ((rc = store_begin(st, e)) == 0) {
		rc = store_add_action(st, retro_id, a, e);
		if (rc == 0) {
			str_copy(after.action_id, ID_LEN, a->id);
			rc = store_update_parked(st, retro_id, &after, e);
		}
		rc = store_end(st, rc, e);
	}
	if (rc == 0) {
		/* One change: undo deletes the action item and parks the idea
		 * again (model_undo), redo makes it again. */
		struct undo_entry *u = undo_push(log, UNDO_ADDED, UNDO_ACTION, a->id, a->rev,
						 "make the idea an action item");
		if (u)
			parked_copy(&u->parked, &before);
	}
	parked_free(&before);
	parked_free(&after);
	return rc;
}

int model_parked_to_action(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			   const char *parked_id, struct action *a, struct err *e)
{
	memset(a, 0, sizeof *a);
	const struct parked *p = doc_parked(doc, parked_id);
	if (!p)
		return err_set(e, "that idea is gone already");
	a->title = xstrdup(p->text ? p->text : "");
	a->priority = PRIO_P2;
	a->status = ACT_OPEN;
	/* From what it was parked on, as `A` links an action item. */
	if (doc_event(doc, p->event_id))
		str_copy(a->origin_event, ID_LEN, p->event_id);
	if (doc_question(doc, p->question_id))
		str_copy(a->origin_question, ID_LEN, p->question_id);
	return parked_make_action(st, log, doc->retro.id, parked_id, a, e);
}
