/* Unit tests: every change undone and redone, then reloaded: the state
 * before; a follower refreshed after each is what a fresh load reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/model.h"
#include "tap.h"

/* --- every change, undone, then reloaded: the state before --- */

static struct store *ust;
static char rid[ID_LEN];
static struct undo_log ulog;

#define S(x) ((x) ? (x) : "-")

/* Everything a person can see of the retrospective; exact: with what only
 * the program sees too (revs, storage's order, the look-up tables). */
static void dump(const struct retro_doc *d, bool exact, struct strbuf *b)
{
	const struct retro *r = &d->retro;
	sb_printf(b, "retro %s|%s|%s|%s|%s|%s|%s|%s|%s\n", S(r->title), S(r->incident_ref),
		  S(r->severity), S(r->incident_date), S(r->facilitator), S(r->scribe),
		  S(r->participants), S(r->impact), S(r->trigger));
	if (exact)
		sb_printf(b, "rev %lld status %d stage %d %s\n", (long long)r->rev, r->status, r->stage,
			  S(r->current_item));
	for (size_t i = 0; i < d->n_events; i++) {
		const struct event *x = &d->events[i];
		sb_printf(b, "event %s %lld %d %d %d %s\n", x->id, (long long)x->time.at,
			  x->time.offset_min, x->kind, x->mark, x->text);
		if (exact)
			sb_printf(b, " rev %lld order %lld found %d\n", (long long)x->rev,
				  (long long)x->order, doc_event(d, x->id) == x);
	}
	for (size_t i = 0; i < d->n_questions; i++) {
		const struct question *x = &d->questions[i];
		sb_printf(b, "question %s %d %d %s\n", x->id, x->position, x->custom, x->title);
		if (exact)
			sb_printf(b, " order %lld %s\n", (long long)x->order, x->prompts);
	}
	for (size_t i = 0; i < d->n_actions; i++) {
		const struct action *x = &d->actions[i];
		sb_printf(b, "action %s %s|%s|%s|%d|%d|%d|%s|%s|%s|%lld\n", x->id, x->title,
			  S(x->owner), S(x->due), x->type, x->priority, x->status, S(x->tracker_ref),
			  x->origin_event, x->origin_question, (long long)x->created_at);
		if (exact)
			sb_printf(b, " rev %lld order %lld of %s\n", (long long)x->rev,
				  (long long)x->order, S(x->retro_title));
	}
	for (size_t i = 0; i < d->n_notes; i++) {
		const struct note *x = &d->notes[i];
		sb_printf(b, "note %s %d %s %s %s %d %lld %d %s\n", x->id, x->stage, x->event_id,
			  x->question_id, x->action_id, x->role, (long long)x->created_at,
			  x->offset_min, x->body);
		if (exact)
			sb_printf(b, " rev %lld order %lld\n", (long long)x->rev, (long long)x->order);
	}
	for (size_t i = 0; i < d->n_parked; i++) {
		const struct parked *x = &d->parked[i];
		sb_printf(b, "parked %s %s|%d|%s|%s|%s|%d|%lld\n", x->id, x->text, x->stage, x->event_id,
			  x->question_id, x->action_id, x->status, (long long)x->created_at);
		if (exact)
			sb_printf(b, " rev %lld order %lld\n", (long long)x->rev, (long long)x->order);
	}
	if (exact)
		sb_printf(b, "accepted %s\n", S(r->timeline_accepted));
	if (exact) { /* the look-up tables point into the lists, every entry */
		size_t inside = 0;
		for (size_t i = 0; d->events_by_id && i < d->n_events; i++)
			inside += d->events_by_id[i] >= d->events &&
				  d->events_by_id[i] < d->events + d->n_events;
		for (size_t i = 0; d->notes_by_anchor && i < d->n_anchored; i++)
			inside += d->notes_by_anchor[i] >= d->notes &&
				  d->notes_by_anchor[i] < d->notes + d->n_notes;
		sb_printf(b, "indexed %zu of %zu\n", inside, d->n_events + d->n_anchored);
		/* and find each event by its id */
		for (size_t i = 0; i < d->n_events; i++)
			if (doc_event(d, d->events[i].id) != &d->events[i])
				sb_printf(b, "event %s not found by id\n", d->events[i].id);
	}
	if (exact) /* the notes under each event, as the screen finds them */
		for (size_t i = 0; i < d->n_events; i++) {
			const struct note **v;
			size_t k = model_notes_for(d, STAGE_TIMELINE, d->events[i].id, NULL, NULL, &v);
			for (size_t j = 0; j < k; j++)
				sb_printf(b, "under %s: %s\n", d->events[i].id, v[j]->id);
			free(v);
		}
}

/* Another terminal's connection and its doc, kept up to date with
 * model_refresh after every change this file makes. */
static struct store *fst;
static struct retro_doc follower;
static bool following;
static int refreshed[2]; /* by enum refresh_how */

static char *doc_text(const struct retro_doc *d, bool exact)
{
	struct strbuf b = {0};
	dump(d, exact, &b);
	return sb_take(&b);
}

/* The follower, refreshed, is what a fresh load reads. */
static void check_follower(const char *what)
{
	struct err e = {0};
	struct retro_doc fresh;
	enum refresh_how how = REFRESH_FULL;
	ok(model_refresh(fst, &follower, &how, &e) == 0, "%s: refreshed (%s)", what, e.msg);
	refreshed[how]++;
	if (model_load(fst, rid, &fresh, &e) != 0)
		return (void)ok(0, "%s: loads afresh (%s)", what, e.msg);
	char *a = doc_text(&follower, true), *b = doc_text(&fresh, true);
	ok(strcmp(a, b) == 0, "%s: refreshed, as a fresh load reads it", what);
	if (strcmp(a, b) != 0)
		fprintf(stderr, "# refreshed:\n%s\n# fresh:\n%s\n", a, b);
	free(a);
	free(b);
	model_doc_free(&fresh);
}

/* Everything a person can see of the retrospective, revs left out. */
static char *snapshot(void)
{
	struct retro_doc d;
	struct err e = {0};
	if (model_load(ust, rid, &d, &e) != 0)
		return xstrdup(e.msg);
	char *s = doc_text(&d, false);
	model_doc_free(&d);
	if (following)
		check_follower("after the last change");
	return s;
}

static int undo(bool force, struct err *e)
{
	struct retro_doc d;
	char label[96], id[ID_LEN];
	if (model_load(ust, rid, &d, e) != 0)
		return -1;
	int rc = model_undo(ust, &ulog, &d, force, label, sizeof label, id, e);
	model_doc_free(&d);
	return rc;
}

static int redo(struct err *e)
{
	struct retro_doc d;
	char label[96], id[ID_LEN];
	if (model_load(ust, rid, &d, e) != 0)
		return -1;
	int rc = model_redo(ust, &ulog, &d, label, sizeof label, id, e);
	model_doc_free(&d);
	return rc;
}

static void check_same(const char *want, const char *what, const char *how)
{
	char *now = snapshot();
	ok(strcmp(want, now) == 0, "%s: reloaded, it is %s", what, how);
	if (strcmp(want, now) != 0)
		fprintf(stderr, "# want:\n%s\n# got:\n%s\n", want, now);
	free(now);
}

/* The change (already made) shows, undo takes it back, and a reload from
 * the file is the state before, exactly; redo makes the change again, and
 * undo takes that back too. */
static void check_undone(const char *before, const char *what)
{
	struct err e = {0};
	char *changed = snapshot();
	ok(strcmp(before, changed) != 0, "%s: the change is saved", what);
	ok(undo(false, &e) == 0, "%s: undoes (%s)", what, e.msg);
	check_same(before, what, "as before");
	ok(model_can_redo(&ulog), "%s: there is something to redo", what);
	ok(redo(&e) == 0, "%s: redoes (%s)", what, e.msg);
	check_same(changed, what, "as the change left it");
	ok(!model_can_redo(&ulog) && redo(&e) == 1, "%s: then nothing more to redo", what);
	ok(undo(false, &e) == 0, "%s: the redone change undoes (%s)", what, e.msg);
	check_same(before, what, "as before again");
	free(changed);
}

static void with_doc(struct retro_doc *d)
{
	struct err e = {0};
	if (model_load(ust, rid, d, &e) != 0)
		memset(d, 0, sizeof *d);
}

static void test_every_change_undone(const char *path)
{
	struct err e = {0};
	ok(store_open(path, STORE_WRITE, &ust, &e) == 0, "opens for the changes");
	struct retro r = {.title = xstrdup("Undo everything"), .severity = xstrdup("SEV3")};
	ok(model_create_retro(ust, &r, &e) == 0, "creates a retrospective");
	strcpy(rid, r.id);
	retro_free(&r);
	ok(store_open(path, STORE_WRITE, &fst, &e) == 0 && model_load(fst, rid, &follower, &e) == 0,
	   "another terminal has it open");
	following = true;

	/* Something of each kind to change, with notes under each. */
	struct event ev = {.time = {5000, 60}, .kind = EV_TRIGGER, .text = "deployed"};
	struct action a = {.title = "Add a check", .owner = "Ann", .type = ACT_PREVENT,
			   .priority = PRIO_P2};
	struct question q = {.title = "Who knew?", .prompts = "", .custom = true};
	ok(model_add_event(ust, NULL, rid, &ev, &e) == 0 && model_add_action(ust, NULL, rid, &a, &e) == 0 &&
	   model_add_question(ust, NULL, rid, &q, &e) == 0, "adds an event, an action item, a question");
	struct note on_ev = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "on the event", .created_at = 100};
	struct note on_a = {.stage = STAGE_ACTIONS, .role = ROLE_SCRIBE, .body = "on the action", .created_at = 101};
	struct note on_q = {.stage = STAGE_QUESTIONS, .role = ROLE_FACILITATOR, .body = "on the question", .created_at = 102};
	strcpy(on_ev.event_id, ev.id);
	strcpy(on_a.action_id, a.id);
	strcpy(on_q.question_id, q.id);
	ok(model_add_note(ust, NULL, rid, &on_ev, &e) == 0 && model_add_note(ust, NULL, rid, &on_a, &e) == 0 &&
	   model_add_note(ust, NULL, rid, &on_q, &e) == 0, "and a note on each");

	struct parked idea = {.text = xstrdup("canary for config changes"), .stage = STAGE_TIMELINE,
			      .created_at = 103};
	strcpy(idea.event_id, ev.id);
	ok(model_park(ust, NULL, rid, &idea, &e) == 0, "and an idea parked on the event");

	struct retro_doc d;
	char *before = snapshot();

	/* the parking lot */
	struct parked idea2 = {.text = xstrdup("  a second idea  "), .stage = STAGE_QUESTIONS};
	strcpy(idea2.question_id, q.id);
	ok(model_park(ust, &ulog, rid, &idea2, &e) == 0 && strcmp(idea2.text, "a second idea") == 0,
	   "parks an idea, its text trimmed");
	parked_free(&idea2);
	check_undone(before, "park an idea");
	with_doc(&d);
	ok(model_drop_parked(ust, &ulog, &d, idea.id, &e) == 0, "drops the parked idea");
	model_doc_free(&d);
	check_undone(before, "drop a parked idea");
	with_doc(&d);
	struct action made;
	ok(model_parked_to_action(ust, &ulog, &d, idea.id, &made, &e) == 0 &&
	   strcmp(made.title, "canary for config changes") == 0 && strcmp(made.origin_event, ev.id) == 0,
	   "makes the idea an action item, linked to its event: %s", e.msg);
	action_free(&made);
	model_doc_free(&d);
	with_doc(&d);
	const struct parked *became = doc_parked(&d, idea.id);
	ok(became && became->status == PARKED_ACTION && doc_action(&d, became->action_id),
	   "the idea says which action item it became");
	ok(model_parked_waiting(&d) == 0, "none is waiting");
	ok(model_drop_parked(ust, &ulog, &d, idea.id, &e) == ST_CONFLICT, "it is no longer parked to drop");
	model_doc_free(&d);
	check_undone(before, "make a parked idea an action item");
	struct parked blank = {.text = xstrdup(" \t "), .stage = STAGE_PRIME};
	ok(model_park(ust, &ulog, rid, &blank, &e) != 0 && strstr(e.msg, "needs some text"),
	   "a blank idea is refused: %s", e.msg);
	parked_free(&blank);
	/* Parked, then made an action item: undone in turn, no conflict. */
	struct parked idea3 = {.text = xstrdup("page on latency"), .stage = STAGE_PRIME};
	model_park(ust, &ulog, rid, &idea3, &e);
	with_doc(&d);
	ok(model_parked_to_action(ust, &ulog, &d, idea3.id, &made, &e) == 0, "a new idea made an action item");
	action_free(&made);
	model_doc_free(&d);
	ok(undo(false, &e) == 0 && undo(false, &e) == 0, "both undone in turn, no conflict: %s", e.msg);
	parked_free(&idea3);
	char *back = snapshot();
	ok(strcmp(before, back) == 0, "back to the state before both");
	free(back);

	/* events */
	struct event ev2 = {.time = {6000, 60}, .kind = EV_ALERT, .text = "alert"};
	model_add_event(ust, &ulog, rid, &ev2, &e);
	check_undone(before, "add an event");
	with_doc(&d);
	struct event edited;
	event_copy(&edited, doc_event(&d, ev.id));
	free(edited.text);
	edited.text = xstrdup("deployed v2");
	edited.mark = MARK_LUCKY;
	ok(model_update_event(ust, &ulog, rid, doc_event(&d, ev.id), &edited, &e) == 0, "edits the event");
	event_free(&edited);
	model_doc_free(&d);
	check_undone(before, "edit an event");
	with_doc(&d);
	ok(model_delete_event(ust, &ulog, &d, ev.id, &e) == 0, "deletes the event and its note");
	model_doc_free(&d);
	check_undone(before, "delete an event");

	/* action items */
	struct action a2 = {.title = "Another", .type = ACT_DETECT, .priority = PRIO_P1};
	model_add_action(ust, &ulog, rid, &a2, &e);
	check_undone(before, "add an action item");
	with_doc(&d);
	struct action ae;
	action_copy(&ae, doc_action(&d, a.id));
	free(ae.owner);
	ae.owner = xstrdup("Bob");
	ae.status = ACT_DONE;
	ok(model_update_action(ust, &ulog, rid, doc_action(&d, a.id), &ae, &e) == 0, "edits the action item");
	action_free(&ae);
	model_doc_free(&d);
	check_undone(before, "edit an action item");
	with_doc(&d);
	ok(model_delete_action(ust, &ulog, &d, a.id, &e) == 0, "deletes the action item");
	model_doc_free(&d);
	check_undone(before, "delete an action item");

	/* notes */
	struct note n2 = {.stage = STAGE_PRIME, .role = ROLE_SCRIBE, .body = "a new note"};
	model_add_note(ust, &ulog, rid, &n2, &e);
	check_undone(before, "add a note");
	with_doc(&d);
	struct note ne;
	note_copy(&ne, doc_note(&d, on_ev.id));
	free(ne.body);
	ne.body = xstrdup("reworded");
	ok(model_update_note(ust, &ulog, rid, doc_note(&d, on_ev.id), &ne, &e) == 0, "edits a note");
	note_free(&ne);
	model_doc_free(&d);
	check_undone(before, "edit a note");
	with_doc(&d);
	ok(model_delete_note(ust, &ulog, &d, on_ev.id, &e) == 0, "deletes a note");
	model_doc_free(&d);
	check_undone(before, "delete a note");

	/* questions */
	struct question q2 = {.title = "And then?", .prompts = "", .custom = true};
	model_add_question(ust, &ulog, rid, &q2, &e);
	check_undone(before, "add a question");
	with_doc(&d);
	ok(model_rename_question(ust, &ulog, &d, q.id, "Who knew first?", &e) == 0, "renames the question");
	model_doc_free(&d);
	check_undone(before, "rename a question");
	with_doc(&d);
	ok(model_delete_question(ust, &ulog, &d, q.id, &e) == 0, "deletes the question");
	model_doc_free(&d);
	check_undone(before, "delete a question");

	/* the retrospective (it is created without undo, and never deleted) */
	with_doc(&d);
	struct retro re;
	retro_copy(&re, &d.retro);
	free(re.severity);
	re.severity = xstrdup("SEV1");
	ok(model_update_retro(ust, &ulog, &d.retro, &re, &e) == 0, "edits the details");
	retro_free(&re);
	model_doc_free(&d);
	check_undone(before, "edit the details");

	/* Two edits of one's own, taken back in turn: no conflict. */
	for (int i = 0; i < 2; i++) {
		with_doc(&d);
		event_copy(&edited, doc_event(&d, ev.id));
		free(edited.text);
		edited.text = xstrdup(i ? "second edit" : "first edit");
		model_update_event(ust, &ulog, rid, doc_event(&d, ev.id), &edited, &e);
		event_free(&edited);
		model_doc_free(&d);
	}
	ok(undo(false, &e) == 0 && undo(false, &e) == 0, "one's own edits undo in turn: %s", e.msg);
	char *now = snapshot();
	ok(strcmp(before, now) == 0, "back to the state before both");
	free(now);

	/* Someone else edits after us: undo is a conflict until forced. */
	struct store *other;
	ok(store_open(path, STORE_WRITE, &other, &e) == 0, "a second terminal opens");
	with_doc(&d);
	event_copy(&edited, doc_event(&d, ev.id));
	free(edited.text);
	edited.text = xstrdup("mine");
	model_update_event(ust, &ulog, rid, doc_event(&d, ev.id), &edited, &e);
	free(edited.text);
	edited.text = xstrdup("theirs");
	ok(store_update_event(other, rid, &edited, &e) == ST_OK, "someone else edits it after us");
	event_free(&edited);
	model_doc_free(&d);
	ok(undo(false, &e) == ST_CONFLICT, "undo is a conflict");
	ok(strstr(e.msg, "Someone else changed this event") != NULL, "that says so: %s", e.msg);
	now = snapshot();
	ok(strstr(now, "theirs") != NULL, "and changes nothing");
	free(now);
	ok(undo(true, &e) == 0, "forced, it undoes: %s", e.msg);
	now = snapshot();
	ok(strcmp(before, now) == 0, "to the state before");
	free(now);

	/* Someone else writes a note on what we added. */
	struct event ev3 = {.time = {7000, 60}, .kind = EV_OTHER, .text = "ours"};
	model_add_event(ust, &ulog, rid, &ev3, &e);
	struct note theirs = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "their note"};
	strcpy(theirs.event_id, ev3.id);
	ok(store_add_note(other, rid, &theirs, &e) == 0, "someone else writes a note on our new event");
	ok(undo(false, &e) == ST_CONFLICT && strstr(e.msg, "wrote 1 note on this event"),
	   "undoing the add is a conflict naming the note: %s", e.msg);
	ok(undo(true, &e) == 0, "forced, it undoes");
	now = snapshot();
	ok(strcmp(before, now) == 0, "the event and their note are gone");
	free(now);
	/* Someone else edits the details after us; their notes alone do not
	 * count (they move the retrospective's rev too). */
	with_doc(&d);
	struct retro mine;
	retro_copy(&mine, &d.retro);
	free(mine.severity);
	mine.severity = xstrdup("SEV1");
	model_update_retro(ust, &ulog, &d.retro, &mine, &e);
	retro_free(&mine);
	model_doc_free(&d);
	struct note noise = {.stage = STAGE_PRIME, .role = ROLE_SCRIBE, .body = "noise"};
	store_add_note(other, rid, &noise, &e);
	ok(undo(false, &e) == 0, "a note by someone else does not block undoing our details: %s", e.msg);
	store_delete_note(other, rid, noise.id, &e);
	with_doc(&d);
	retro_copy(&mine, &d.retro);
	free(mine.severity);
	mine.severity = xstrdup("SEV1");
	model_update_retro(ust, &ulog, &d.retro, &mine, &e);
	free(mine.impact);
	mine.impact = xstrdup("their words");
	ok(store_update_retro(other, &mine, &e) == ST_OK, "someone else edits the details after us");
	retro_free(&mine);
	model_doc_free(&d);
	ok(undo(false, &e) == ST_CONFLICT && strstr(e.msg, "changed the details"),
	   "undoing ours is a conflict: %s", e.msg);
	ok(undo(true, &e) == 0, "forced, it undoes: %s", e.msg);
	now = snapshot();
	ok(strcmp(before, now) == 0, "to the state before");
	free(now);

	/* What someone else deleted meanwhile does not block the log. */
	struct event ev4 = {.time = {8000, 60}, .kind = EV_OTHER, .text = "short-lived"};
	model_add_event(ust, &ulog, rid, &ev4, &e);
	with_doc(&d);
	event_copy(&edited, doc_event(&d, ev4.id));
	free(edited.text);
	edited.text = xstrdup("edited");
	model_update_event(ust, &ulog, rid, doc_event(&d, ev4.id), &edited, &e);
	event_free(&edited);
	model_doc_free(&d);
	ok(store_delete_event(other, rid, ev4.id, &e) == 0, "someone else deletes our new event");
	ok(undo(false, &e) == -1 && strstr(e.msg, "deleted meanwhile"), "undoing our edit of it says it is gone: %s", e.msg);
	ok(undo(false, &e) == 0, "the next undo goes on to the add, done already");
	ok(ulog.n == 0, "and the log is empty");
	now = snapshot();
	ok(strcmp(before, now) == 0, "the state before");
	free(now);
	store_close(other);
	ok(refreshed[REFRESH_PARTIAL] >= 30 && refreshed[REFRESH_FULL] == 0,
	   "every refresh read only what changed (%d partial, %d whole)", refreshed[REFRESH_PARTIAL],
	   refreshed[REFRESH_FULL]);

	/* Many changes at once (an import): read afresh, not one by one. */
	struct event many[300];
	for (int i = 0; i < 300; i++)
		many[i] = (struct event){.time = {9000 + i % 7, 60}, .kind = EV_OTHER, .text = "imported"};
	ok(store_add_events(ust, rid, many, 300, &e) == 0, "300 events come in at once");
	refreshed[REFRESH_FULL] = 0;
	check_follower("an import");
	ok(refreshed[REFRESH_FULL] == 1, "an import is read afresh");

	/* A follower further behind than the log reaches: read afresh. */
	struct retro busy = {.title = xstrdup("Busy elsewhere")};
	ok(model_create_retro(ust, &busy, &e) == 0, "another retrospective");
	struct event *lots = xcalloc(10001, sizeof *lots);
	for (int i = 0; i < 500; i++)
		lots[i] = (struct event){.time = {i, 0}, .kind = EV_OTHER, .text = "elsewhere"};
	ok(store_add_events(ust, busy.id, lots, 500, &e) == 0, "500 changes to it");
	free(lots);
	retro_free(&busy);
	refreshed[REFRESH_PARTIAL] = 0;
	check_follower("changes elsewhere only");
	ok(refreshed[REFRESH_PARTIAL] == 1, "other retrospectives' changes cost nothing here");
	lots = xcalloc(10001, sizeof *lots);
	struct retro more = {.title = xstrdup("Busier still")};
	ok(model_create_retro(ust, &more, &e) == 0, "a third retrospective");
	for (int i = 0; i < 10001; i++)
		lots[i] = (struct event){.time = {i, 0}, .kind = EV_OTHER, .text = "further"};
	ok(store_add_events(ust, more.id, lots, 10001, &e) == 0,
	   "10,001 more changes there, the follower not looking");
	free(lots);
	retro_free(&more);
	struct event one = {.time = {9500, 60}, .kind = EV_ALERT, .text = "one more"};
	ok(store_add_events(ust, rid, &one, 1, &e) == 0, "then one event here");
	refreshed[REFRESH_FULL] = 0;
	check_follower("a log pruned past the follower");
	ok(refreshed[REFRESH_FULL] == 1, "one the log no longer reaches is read afresh");

	/* A note: the follower is told only notes changed, so that what is
	 * worked out from the events (the durations, the timeline's check,
	 * the strip) is not worked out again. */
	struct note on_last = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "a note on the last event"};
	str_copy(on_last.event_id, ID_LEN, follower.events[follower.n_events - 1].id);
	ok(model_add_note(ust, NULL, rid, &on_last, &e) == 0, "a note on the last event");
	refreshed[REFRESH_PARTIAL] = 0;
	check_follower("a note");
	ok(refreshed[REFRESH_PARTIAL] == 1 && follower.refreshed == 1u << REC_NOTE,
	   "read as a note, and only notes changed");

	/* Several of each between two looks: notes added on the first, a
	 * middle and the last event and on the stage, one edited, one gone
	 * (its event's with it), events added among the others, one moved
	 * to another time: each put in its place, the look-up tables with
	 * them (a merge that finds places by halving the lists). */
	size_t n_ev = follower.n_events;
	const char *anchors[] = {follower.events[0].id, follower.events[n_ev / 2].id,
				 follower.events[n_ev - 1].id, ""};
	char first_note[ID_LEN] = "";
	for (int i = 0; i < 8; i++) {
		struct note x = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "one of many"};
		str_copy(x.event_id, ID_LEN, anchors[i % 4]);
		ok(store_add_note(ust, rid, &x, &e) == 0, "many at once: note %d", i);
		if (i == 0)
			str_copy(first_note, ID_LEN, x.id);
	}
	struct note ed = {0};
	str_copy(ed.id, ID_LEN, on_last.id);
	ed.stage = on_last.stage;
	str_copy(ed.event_id, ID_LEN, on_last.event_id);
	ed.role = on_last.role;
	ed.body = "the note on the last event, edited";
	ed.rev = 1;
	e.msg[0] = '\0';
	ok(store_update_note(ust, rid, &ed, &e) == 0, "many at once: a note edited %s", e.msg);
	ok(store_delete_note(ust, rid, first_note, &e) == 0, "many at once: a note gone");
	struct event among[3];
	for (int i = 0; i < 3; i++)
		among[i] = (struct event){.time = {9000 + 2 * i, 60}, .kind = EV_OTHER, .text = "among them"};
	ok(store_add_events(ust, rid, among, 3, &e) == 0, "many at once: events among the others");
	struct event moved;
	event_copy(&moved, &follower.events[n_ev / 3]);
	moved.time.at = 9999;
	ok(store_update_event(ust, rid, &moved, &e) == 0, "many at once: an event moved %s", e.msg);
	event_free(&moved);
	ok(store_delete_event(ust, rid, follower.events[1].id, &e) == 0, "many at once: an event gone");
	refreshed[REFRESH_PARTIAL] = 0;
	check_follower("many changes of each kind at once");
	ok(refreshed[REFRESH_PARTIAL] == 1, "read as what changed");
	const struct note **on;
	size_t n_on = model_notes_for(&follower, STAGE_TIMELINE, follower.events[0].id, "", "", &on);
	ok(n_on >= 1 && strcmp(on[n_on - 1]->body, "one of many") == 0,
	   "the first event's notes found through the table, the newest last (%zu)", n_on);
	free(on);
	model_doc_free(&follower);
	store_close(fst);

	free(before);
	parked_free(&idea);
	undo_log_free(&ulog);
	store_close(ust);
}

static void edit_event_text(const char *event_id, const char *text)
{
	struct retro_doc d;
	struct event ed;
	struct err e = {0};
	with_doc(&d);
	event_copy(&ed, doc_event(&d, event_id));
	free(ed.text);
	ed.text = xstrdup(text);
	ok(model_update_event(ust, &ulog, rid, doc_event(&d, event_id), &ed, &e) == 0, "edits: %s", text);
	event_free(&ed);
	model_doc_free(&d);
}

/* Redo: undos redone in turn and undone again, a new change leaving
 * nothing to redo, and someone else's change since the undo refusing it. */
static void test_redo(const char *path)
{
	struct err e = {0};
	struct store *other;
	ok(store_open(path, STORE_WRITE, &ust, &e) == 0 && store_open(path, STORE_WRITE, &other, &e) == 0,
	   "two terminals open the file");
	struct retro r = {.title = xstrdup("Redo everything")};
	ok(model_create_retro(ust, &r, &e) == 0, "a retrospective to redo on");
	strcpy(rid, r.id);
	retro_free(&r);
	following = false;
	ok(redo(&e) == 1, "nothing to redo at first");

	char *s[4];
	s[0] = snapshot();
	struct event ev = {.time = {5000, 60}, .kind = EV_TRIGGER, .text = "deployed"};
	ok(model_add_event(ust, &ulog, rid, &ev, &e) == 0, "adds an event");
	s[1] = snapshot();
	edit_event_text(ev.id, "first");
	s[2] = snapshot();
	edit_event_text(ev.id, "second");
	s[3] = snapshot();
	for (int i = 3; i > 0; i--) {
		ok(undo(false, &e) == 0, "undoes change %d", i);
		check_same(s[i - 1], "undo", "the state before it");
	}
	for (int i = 1; i <= 3; i++) {
		ok(redo(&e) == 0, "redoes change %d in turn (%s)", i, e.msg);
		check_same(s[i], "redo", "the state after it");
		if (i == 2) { /* back and forth */
			ok(undo(false, &e) == 0 && redo(&e) == 0, "undone and redone again: %s", e.msg);
			check_same(s[2], "back and forth", "the same");
		}
	}
	ok(redo(&e) == 1, "then nothing more to redo");

	ok(undo(false, &e) == 0 && model_can_redo(&ulog), "an undo leaves something to redo");
	edit_event_text(ev.id, "third");
	ok(!model_can_redo(&ulog) && redo(&e) == 1, "a new change leaves nothing to redo");

	/* Someone else changes it after the undo: refused, and dropped. */
	ok(undo(false, &e) == 0, "undoes the third edit");
	struct event theirs;
	ok(store_get_event(other, rid, ev.id, &theirs, &e) == ST_OK, "someone else reads the event");
	free(theirs.text);
	theirs.text = xstrdup("their words");
	ok(store_update_event(other, rid, &theirs, &e) == ST_OK, "and edits it");
	event_free(&theirs);
	ok(redo(&e) == ST_CONFLICT && strstr(e.msg, "someone else changed this event since it was undone"),
	   "redo is refused, saying why: %s", e.msg);
	char *now = snapshot();
	ok(strstr(now, "their words") && !strstr(now, "third"), "their words stay");
	free(now);
	ok(!model_can_redo(&ulog), "that redo is dropped: it can never apply");

	/* Someone else deletes it after the undo. */
	edit_event_text(ev.id, "fourth");
	ok(undo(false, &e) == 0 && store_delete_event(other, rid, ev.id, &e) == 0,
	   "undone, then someone else deletes the event");
	ok(redo(&e) == ST_CONFLICT && strstr(e.msg, "deleted this event"), "redo says it is gone: %s", e.msg);

	/* A delete undone, then someone else writes a note on what came back. */
	struct event ev2 = {.time = {6000, 60}, .kind = EV_ALERT, .text = "alert"};
	struct retro_doc d;
	ok(model_add_event(ust, &ulog, rid, &ev2, &e) == 0, "adds a second event");
	with_doc(&d);
	ok(model_delete_event(ust, &ulog, &d, ev2.id, &e) == 0 && undo(false, &e) == 0,
	   "deletes it and undoes that");
	model_doc_free(&d);
	struct note n = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "their note", .created_at = 7};
	strcpy(n.event_id, ev2.id);
	ok(store_add_note(other, rid, &n, &e) == 0, "someone else writes a note on it");
	ok(redo(&e) == ST_CONFLICT && strstr(e.msg, "wrote a note on this event"),
	   "redoing the delete is refused: %s", e.msg);
	now = snapshot();
	ok(strstr(now, "alert") && strstr(now, "their note"), "the event and their note stay");
	free(now);

	/* An add undone over someone else's note (asked, forced): redo brings
	 * both back, as they were. */
	struct event ev3 = {.time = {7000, 60}, .kind = EV_OTHER, .text = "ours"};
	ok(model_add_event(ust, &ulog, rid, &ev3, &e) == 0, "adds a third event");
	struct note n3 = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "on ours", .created_at = 8};
	strcpy(n3.event_id, ev3.id);
	ok(store_add_note(other, rid, &n3, &e) == 0, "someone else writes a note on it");
	char *with_note = snapshot();
	ok(undo(true, &e) == 0, "undone anyway");
	ok(redo(&e) == 0, "redone: %s", e.msg);
	check_same(with_note, "redo of a forced undo", "the event and their note");
	free(with_note);

	/* A closed retrospective refuses a redo as it refuses a change. */
	ok(undo(true, &e) == 0 && model_set_status(ust, rid, RETRO_CLOSED, &e) == 0,
	   "undone again, and the retrospective closed");
	ok(redo(&e) == -1 && strcmp(e.msg, MODEL_CLOSED_MSG) == 0, "redo is refused: %s", e.msg);
	ok(model_can_redo(&ulog), "and kept");
	struct note late = {.stage = STAGE_CLOSE, .role = ROLE_SCRIBE, .body = "too late", .created_at = 9};
	ok(model_add_note(ust, NULL, rid, &late, &e) != 0 && strcmp(e.msg, MODEL_CLOSED_MSG) == 0,
	   "a note is refused as any change is: %s", e.msg);
	now = snapshot();
	ok(!strstr(now, "too late"), "and not written");
	free(now);
	ok(model_set_status(ust, rid, RETRO_IN_PROGRESS, &e) == 0 && redo(&e) == 0,
	   "reopened, it redoes: %s", e.msg);

	for (int i = 0; i < 4; i++)
		free(s[i]);
	undo_log_free(&ulog);
	store_close(other);
	store_close(ust);
}

int main(void)
{
	char dir[] = "/tmp/debrief-undo.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64], cmd[128];
	snprintf(path, sizeof path, "%s/u.db", dir);
	struct store *st;
	struct err e = {0};
	if (store_open(path, STORE_CREATE, &st, &e) == 0)
		store_close(st);
	test_every_change_undone(path);
	test_redo(path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	return done_testing();
}
