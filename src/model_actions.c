/* The model: following action items up, from anywhere: their status, a
 * dropped one's reason, their owner and due date. Allowed on a closed
 * retrospective too (that is what following up is); undoable like any
 * other change made through the model. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

int model_find_action(struct store *st, const char *prefix, struct action *out, struct err *e)
{
	char id[ID_LEN], retro_id[ID_LEN];
	memset(out, 0, sizeof *out);
	int rc = store_resolve_action(st, prefix, id, retro_id, e);
	if (rc != ST_OK)
		return rc;
	return store_get_action(st, retro_id, id, out, e);
}

/* A field as typed: cleaned, and "" for none. */
static int take_field(const char *what, const char *value, char **into, struct err *e)
{
	char *v = value ? model_clean_field(what, value, false, e) : NULL;
	if (value && !v)
		return -1;
	free(*into);
	*into = v && *v ? v : NULL;
	if (v && !*v)
		free(v);
	return 0;
}

int model_follow_up_action(struct store *st, struct undo_log *log, const struct action *before,
			   const struct action_change *c, struct err *e)
{
	struct action after;
	action_copy(&after, before);
	int rc = 0;
	if (c->set_status) {
		after.status = c->status;
		if (c->status == ACT_DROPPED) {
			rc = take_field("the reason", c->reason, &after.drop_reason, e);
			if (rc == 0 && !after.drop_reason)
				rc = err_set(e, "say why it is dropped: \"not doing, because ...\"");
		} else {
			free(after.drop_reason); /* a reason is for a dropped one only */
			after.drop_reason = NULL;
		}
	}
	if (rc == 0 && c->set_owner)
		rc = take_field("the owner", c->owner, &after.owner, e);
	if (rc == 0 && c->set_due)
		rc = take_field("the due date", c->due, &after.due, e);
	if (rc == 0)
		rc = model_update_action(st, log, before->retro_id, before, &after, e);
	action_free(&after);
	return rc;
}

int model_review_earlier(struct store *st, struct undo_log *log, const char *retro_id,
			 const struct action *before, const struct action_change *c, struct err *e)
{
	if (strcmp(before->retro_id, retro_id) == 0)
		return err_set(e, "that action item is this retrospective's own");
	size_t mark;
	if (model_group_begin(st, log, &mark, e) != 0)
		return -1;
	int rc = store_note_follow_up(st, retro_id, before, e);
	if (rc == 0)
		rc = model_follow_up_action(st, log, before, c, e);
	return model_group_end(st, log, mark, rc, e) == 0 ? 0 : rc ? rc : -1;
}

int model_load_follow_ups(struct store *st, struct retro_doc *doc, struct err *e)
{
	struct follow_up *v;
	size_t n;
	if (store_list_follow_ups(st, doc->retro.id, &v, &n, e) != 0)
		return -1;
	store_free_follow_ups(doc->follow_ups, doc->n_follow_ups);
	doc->follow_ups = v;
	doc->n_follow_ups = n;
	return 0;
}
