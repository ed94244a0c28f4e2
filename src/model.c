/* The model: a retrospective loaded whole, and what is derived from it. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/agenda.h"
#include "debrief/text.h"

#define FIELD_MAX_BYTES (64u * 1024)

/* The id a note hangs on: its event, question or action ("" for none). */
static const char *note_anchor(const struct note *n)
{
	return n->event_id[0] ? n->event_id : n->question_id[0] ? n->question_id : n->action_id;
}

static int by_event_id(const void *a, const void *b)
{
	return strcmp((*(const struct event *const *)a)->id, (*(const struct event *const *)b)->id);
}

/* By anchor, then in writing order (notes are stored in that order). */
static int by_anchor(const void *a, const void *b)
{
	const struct note *x = *(const struct note *const *)a, *y = *(const struct note *const *)b;
	int c = strcmp(note_anchor(x), note_anchor(y));
	return c ? c : (x < y ? -1 : x > y);
}

static void build_indexes(struct retro_doc *doc)
{
	doc->events_by_id = xcalloc(doc->n_events + 1, sizeof *doc->events_by_id);
	for (size_t i = 0; i < doc->n_events; i++)
		doc->events_by_id[i] = &doc->events[i];
	qsort(doc->events_by_id, doc->n_events, sizeof *doc->events_by_id, by_event_id);
	doc->notes_by_anchor = xcalloc(doc->n_notes + 1, sizeof *doc->notes_by_anchor);
	doc->n_anchored = 0;
	for (size_t i = 0; i < doc->n_notes; i++)
		if (note_anchor(&doc->notes[i])[0])
			doc->notes_by_anchor[doc->n_anchored++] = &doc->notes[i];
	qsort(doc->notes_by_anchor, doc->n_anchored, sizeof *doc->notes_by_anchor, by_anchor);
}

int model_load(struct store *st, const char *retro_id, struct retro_doc *doc,
	       struct err *e)
{
	memset(doc, 0, sizeof *doc);
	if (store_get_retro(st, retro_id, &doc->retro, e) != ST_OK)
		return -1;
	if (store_list_events(st, retro_id, &doc->events, &doc->n_events, e) != 0 ||
	    store_list_questions(st, retro_id, &doc->questions, &doc->n_questions, e) != 0 ||
	    store_list_actions(st, retro_id, &doc->actions, &doc->n_actions, e) != 0 ||
	    store_list_notes(st, retro_id, &doc->notes, &doc->n_notes, e) != 0) {
		model_doc_free(doc);
		return -1;
	}
	build_indexes(doc);
	return 0;
}

int model_load_outline(struct store *st, const char *retro_id, struct retro_doc *doc,
		       size_t *n_events, struct err *e)
{
	memset(doc, 0, sizeof *doc);
	*n_events = 0;
	if (store_get_retro(st, retro_id, &doc->retro, e) != ST_OK)
		return -1;
	if (store_list_milestones(st, retro_id, &doc->events, &doc->n_events, e) != 0 ||
	    store_count_events(st, retro_id, n_events, e) != 0 ||
	    store_list_actions(st, retro_id, &doc->actions, &doc->n_actions, e) != 0) {
		model_doc_free(doc);
		return -1;
	}
	return 0;
}

void model_doc_free(struct retro_doc *doc)
{
	retro_free(&doc->retro);
	store_free_events(doc->events, doc->n_events);
	store_free_questions(doc->questions, doc->n_questions);
	store_free_actions(doc->actions, doc->n_actions);
	store_free_notes(doc->notes, doc->n_notes);
	free(doc->events_by_id);
	free(doc->notes_by_anchor);
	memset(doc, 0, sizeof *doc);
}

/* The earliest event of a kind, or NULL. Events come in time order. */
static const struct event *first_of(const struct event *ev, size_t n, enum event_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (ev[i].kind == k)
			return &ev[i];
	return NULL;
}

static const struct event *last_of(const struct event *ev, size_t n, enum event_kind k)
{
	for (size_t i = n; i > 0; i--)
		if (ev[i - 1].kind == k)
			return &ev[i - 1];
	return NULL;
}

void model_durations(const struct event *ev, size_t n, struct durations *d)
{
	memset(d, 0, sizeof *d);
	const struct event *start = first_of(ev, n, EV_IMPACT_START);
	if (!start)
		start = first_of(ev, n, EV_TRIGGER);
	if (!start)
		return;
	d->has_start = true;
	d->start = start->time;
	const struct event *detect = first_of(ev, n, EV_DETECTION);
	if (!detect)
		detect = first_of(ev, n, EV_ALERT);
	const struct event *mitigate = first_of(ev, n, EV_MITIGATION);
	const struct event *resolve = first_of(ev, n, EV_RESOLUTION);
	const struct event *end = last_of(ev, n, EV_IMPACT_END);
	if (!end)
		end = resolve;
	if (detect) {
		d->has_detect = true;
		d->detect = detect->time.at - start->time.at;
	}
	if (mitigate) {
		d->has_mitigate = true;
		d->mitigate = mitigate->time.at - start->time.at;
	}
	if (resolve) {
		d->has_resolve = true;
		d->resolve = resolve->time.at - start->time.at;
	}
	/* Impact is measured from its own start, not from a trigger that may
	 * have come long before customers noticed. */
	const struct event *impact = first_of(ev, n, EV_IMPACT_START);
	if (impact && end) {
		d->has_impact = true;
		d->impact = end->time.at - impact->time.at;
	}
}

char *model_clean_field(const char *what, const char *value, bool multiline,
			struct err *e)
{
	size_t n = strlen(value);
	if (n > FIELD_MAX_BYTES) {
		err_set(e, "%s is too long (%zu bytes; at most %u)", what, n, FIELD_MAX_BYTES);
		return NULL;
	}
	if (!utf8_valid(value, n)) {
		err_set(e, "%s is not valid UTF-8", what);
		return NULL;
	}
	return text_clean(value, n, multiline ? TEXT_MULTILINE : TEXT_SINGLE_LINE);
}

/* Replaces *field by its cleaned copy; an empty result becomes NULL. */
static int clean_in_place(const char *what, char **field, struct err *e)
{
	if (!*field)
		return 0;
	char *c = model_clean_field(what, *field, false, e);
	if (!c)
		return -1;
	free(*field);
	*field = c;
	if (!**field) {
		free(*field);
		*field = NULL;
	}
	return 0;
}

int model_create_retro(struct store *st, struct retro *r, struct err *e)
{
	if (clean_in_place("the title", &r->title, e) || clean_in_place("the incident reference", &r->incident_ref, e) ||
	    clean_in_place("the severity", &r->severity, e) ||
	    clean_in_place("the incident date", &r->incident_date, e) ||
	    clean_in_place("the facilitator", &r->facilitator, e) ||
	    clean_in_place("the scribe", &r->scribe, e) ||
	    clean_in_place("the participants", &r->participants, e) ||
	    clean_in_place("the customer impact", &r->impact, e) ||
	    clean_in_place("the trigger", &r->trigger, e))
		return -1;
	if (!r->title)
		return err_set(e, "a retrospective needs a title");
	struct civil_date d;
	if (r->incident_date && !date_parse(r->incident_date, &d))
		return err_set(e, "the incident date '%s' is not a real date as YYYY-MM-DD",
			       r->incident_date);
	struct question *qs;
	size_t nq;
	if (agenda_load(&qs, &nq, e) != 0)
		return -1;
	int rc = store_create_retro(st, r, qs, nq, e);
	store_free_questions(qs, nq);
	return rc;
}

size_t model_notes_for(const struct retro_doc *doc, enum stage stage,
		       const char *event_id, const char *question_id,
		       const char *action_id, const struct note ***out)
{
	const char *key = event_id && *event_id ? event_id :
			  question_id && *question_id ? question_id :
			  action_id && *action_id ? action_id : NULL;
	if (key && doc->notes_by_anchor) {
		/* The first note on this anchor, by binary search. */
		size_t lo = 0, hi = doc->n_anchored;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(note_anchor(doc->notes_by_anchor[mid]), key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t end = lo;
		while (end < doc->n_anchored && strcmp(note_anchor(doc->notes_by_anchor[end]), key) == 0)
			end++;
		const struct note **v = xcalloc(end - lo + 1, sizeof *v);
		memcpy(v, doc->notes_by_anchor + lo, (end - lo) * sizeof *v);
		*out = v;
		return end - lo;
	}
	const struct note **v = xcalloc(doc->n_notes + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < doc->n_notes; i++) {
		const struct note *x = &doc->notes[i];
		bool match;
		if (key)
			match = strcmp(note_anchor(x), key) == 0;
		else /* the stage itself: notes with no narrower anchor */
			match = x->stage == stage && !note_anchor(x)[0];
		if (match)
			v[n++] = x;
	}
	*out = v;
	return n;
}

/* --- quick-add lines --- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int model_parse_action_line(const char *line, struct action *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->priority = PRIO_P2;
	out->type = ACT_PREVENT;
	char *clean = model_clean_field("the action item", line, false, e);
	if (!clean)
		return -1;
	struct strbuf title = {0};
	char *save = NULL;
	int rc = 0;
	for (char *w = strtok_r(clean, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (w[0] == '@' && w[1]) {
			free(out->owner);
			out->owner = xstrdup(w + 1);
		} else if (strncmp(w, "due:", 4) == 0) {
			struct civil_date d;
			if (!date_parse(w + 4, &d)) {
				rc = err_set(e, "due date '%s' is not a real date as YYYY-MM-DD", w + 4);
				break;
			}
			free(out->due);
			out->due = xstrdup(w + 4);
		} else if (strncmp(w, "ref:", 4) == 0 && w[4]) {
			free(out->tracker_ref);
			out->tracker_ref = xstrdup(w + 4);
		} else if (w[0] == '#' && w[1]) {
			int t = action_type_parse(w + 1);
			if (t < 0) {
				rc = err_set(e, "unknown type '%s' (#prevent, #detect, #mitigate or #process)", w);
				break;
			}
			out->type = (enum action_type)t;
		} else if (w[0] == '!' && (w[1] == 'P' || w[1] == 'p') && w[2] >= '1' && w[2] <= '4' && !w[3]) {
			out->priority = (enum priority)(w[2] - '0');
		} else {
			if (title.len)
				sb_putc(&title, ' ');
			sb_puts(&title, w);
		}
	}
	free(clean);
	if (rc == 0 && title.len == 0)
		rc = err_set(e, "an action item needs some text besides its tags");
	if (rc != 0) {
		sb_free(&title);
		action_free(out);
		return -1;
	}
	out->title = sb_take(&title);
	return 0;
}

/* --- copies and look-ups --- */

void event_copy(struct event *dst, const struct event *src)
{
	*dst = *src;
	dst->text = dup_or_null(src->text);
}

void action_copy(struct action *dst, const struct action *src)
{
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->owner = dup_or_null(src->owner);
	dst->due = dup_or_null(src->due);
	dst->tracker_ref = dup_or_null(src->tracker_ref);
	dst->retro_title = dup_or_null(src->retro_title);
}

void note_copy(struct note *dst, const struct note *src)
{
	*dst = *src;
	dst->body = dup_or_null(src->body);
}

void question_copy(struct question *dst, const struct question *src)
{
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->prompts = dup_or_null(src->prompts);
}

void retro_copy(struct retro *dst, const struct retro *src)
{
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->incident_ref = dup_or_null(src->incident_ref);
	dst->severity = dup_or_null(src->severity);
	dst->incident_date = dup_or_null(src->incident_date);
	dst->current_item = dup_or_null(src->current_item);
	dst->facilitator = dup_or_null(src->facilitator);
	dst->scribe = dup_or_null(src->scribe);
	dst->participants = dup_or_null(src->participants);
	dst->impact = dup_or_null(src->impact);
	dst->trigger = dup_or_null(src->trigger);
}

#define DOC_FIND(fn, type, arr, count)                                    \
	const type *fn(const struct retro_doc *doc, const char *id)       \
	{                                                                 \
		for (size_t i = 0; id && *id && i < doc->count; i++)      \
			if (strcmp(doc->arr[i].id, id) == 0)              \
				return &doc->arr[i];                      \
		return NULL;                                              \
	}
const struct event *doc_event(const struct retro_doc *doc, const char *id)
{
	if (!id || !*id)
		return NULL;
	if (!doc->events_by_id) {
		for (size_t i = 0; i < doc->n_events; i++)
			if (strcmp(doc->events[i].id, id) == 0)
				return &doc->events[i];
		return NULL;
	}
	size_t lo = 0, hi = doc->n_events;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(doc->events_by_id[mid]->id, id);
		if (c == 0)
			return doc->events_by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

DOC_FIND(doc_action, struct action, actions, n_actions)
DOC_FIND(doc_note, struct note, notes, n_notes)
DOC_FIND(doc_question, struct question, questions, n_questions)

/* --- undo --- */

#define UNDO_MAX 500

static void undo_entry_free(struct undo_entry *u)
{
	event_free(&u->event);
	action_free(&u->action);
	note_free(&u->note);
	question_free(&u->question);
	retro_free(&u->retro);
	free(u->title_after);
	store_free_notes(u->notes, u->n_notes);
	memset(u, 0, sizeof *u);
}

void undo_log_free(struct undo_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		undo_entry_free(&log->v[i]);
	free(log->v);
	memset(log, 0, sizeof *log);
}

static struct undo_entry *undo_push(struct undo_log *log, enum undo_kind kind,
				    enum undo_what what, const char *id, const char *label)
{
	if (!log)
		return NULL;
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
	memset(u, 0, sizeof *u);
	u->kind = kind;
	u->what = what;
	str_copy(u->id, ID_LEN, id);
	str_copy(u->label, sizeof u->label, label);
	return u;
}

/* Copies the notes anchored to one record, to restore them with it. */
static void keep_notes(struct undo_entry *u, const struct retro_doc *doc, const char *event_id,
		       const char *question_id, const char *action_id)
{
	const struct note **v;
	size_t n = model_notes_for(doc, STAGE_PRIME, event_id, question_id, action_id, &v);
	u->notes = xcalloc(n + 1, sizeof *u->notes);
	for (size_t i = 0; i < n; i++)
		note_copy(&u->notes[i], v[i]);
	u->n_notes = n;
	free(v);
}

int model_add_event(struct store *st, struct undo_log *log, const char *retro_id,
		    struct event *ev, struct err *e)
{
	if (store_add_events(st, retro_id, ev, 1, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_ADDED, UNDO_EVENT, ev->id, "add the event");
	if (u)
		u->rev = ev->rev;
	return 0;
}

int model_update_event(struct store *st, struct undo_log *log, const char *retro_id,
		       const struct event *before, struct event *after, struct err *e)
{
	int rc = store_update_event(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_EVENT, after->id, "edit the event");
	if (u) {
		event_copy(&u->event, before);
		u->rev = after->rev;
	}
	return 0;
}

int model_delete_event(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		       const char *event_id, struct err *e)
{
	const struct event *ev = doc_event(doc, event_id);
	if (!ev)
		return err_set(e, "that event is gone already");
	if (store_delete_event(st, doc->retro.id, event_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_EVENT, event_id, "delete the event");
	if (u) {
		event_copy(&u->event, ev);
		keep_notes(u, doc, event_id, NULL, NULL);
	}
	return 0;
}

int model_add_action(struct store *st, struct undo_log *log, const char *retro_id,
		     struct action *a, struct err *e)
{
	if (store_add_action(st, retro_id, a, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_ADDED, UNDO_ACTION, a->id, "add the action item");
	if (u)
		u->rev = a->rev;
	return 0;
}

int model_update_action(struct store *st, struct undo_log *log, const char *retro_id,
			const struct action *before, struct action *after, struct err *e)
{
	int rc = store_update_action(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_ACTION, after->id,
					 "edit the action item");
	if (u) {
		action_copy(&u->action, before);
		u->rev = after->rev;
	}
	return 0;
}

int model_delete_action(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			const char *action_id, struct err *e)
{
	const struct action *a = doc_action(doc, action_id);
	if (!a)
		return err_set(e, "that action item is gone already");
	if (store_delete_action(st, doc->retro.id, action_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_ACTION, action_id,
					 "delete the action item");
	if (u) {
		action_copy(&u->action, a);
		keep_notes(u, doc, NULL, NULL, action_id);
	}
	return 0;
}

int model_add_note(struct store *st, struct undo_log *log, const char *retro_id,
		   struct note *n, struct err *e)
{
	if (store_add_note(st, retro_id, n, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_ADDED, UNDO_NOTE, n->id, "add the note");
	if (u)
		u->rev = n->rev;
	return 0;
}

int model_update_note(struct store *st, struct undo_log *log, const char *retro_id,
		      const struct note *before, struct note *after, struct err *e)
{
	int rc = store_update_note(st, retro_id, after, e);
	if (rc != ST_OK)
		return rc; /* ST_CONFLICT tells a clash from a failure */
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_NOTE, after->id, "edit the note");
	if (u) {
		note_copy(&u->note, before);
		u->rev = after->rev;
	}
	return 0;
}

int model_delete_note(struct store *st, struct undo_log *log, const struct retro_doc *doc,
		      const char *note_id, struct err *e)
{
	const struct note *n = doc_note(doc, note_id);
	if (!n)
		return err_set(e, "that note is gone already");
	if (store_delete_note(st, doc->retro.id, note_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_NOTE, note_id, "delete the note");
	if (u)
		note_copy(&u->note, n);
	return 0;
}

int model_add_question(struct store *st, struct undo_log *log, const char *retro_id,
		       struct question *q, struct err *e)
{
	if (store_add_question(st, retro_id, q, e) != 0)
		return -1;
	undo_push(log, UNDO_ADDED, UNDO_QUESTION, q->id, "add the question");
	return 0;
}

int model_rename_question(struct store *st, struct undo_log *log, const struct retro_doc *doc,
			  const char *question_id, const char *title, struct err *e)
{
	const struct question *q = doc_question(doc, question_id);
	if (!q)
		return err_set(e, "this question was deleted meanwhile");
	if (store_rename_question(st, doc->retro.id, question_id, title, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_QUESTION, question_id,
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
	const struct question *q = doc_question(doc, question_id);
	if (!q)
		return err_set(e, "that question is gone already");
	if (store_delete_question(st, doc->retro.id, question_id, e) != 0)
		return -1;
	struct undo_entry *u = undo_push(log, UNDO_DELETED, UNDO_QUESTION, question_id,
					 "delete the question");
	if (u) {
		question_copy(&u->question, q);
		keep_notes(u, doc, NULL, question_id, NULL);
	}
	return 0;
}

int model_update_retro(struct store *st, struct undo_log *log, const struct retro *before,
		       struct retro *after, struct err *e)
{
	int rc = store_update_retro(st, after, e);
	if (rc != ST_OK)
		return rc;
	struct undo_entry *u = undo_push(log, UNDO_CHANGED, UNDO_RETRO, after->id,
					 "edit the details");
	if (u)
		retro_copy(&u->retro, before);
	return 0;
}

static int restore_notes(struct store *st, const char *retro_id, struct undo_entry *u,
			 struct err *e)
{
	for (size_t i = 0; i < u->n_notes; i++)
		if (store_add_note(st, retro_id, &u->notes[i], e) != 0)
			return -1;
	return 0;
}

static const char *const WHAT_NAME[] = {
	[UNDO_EVENT] = "event", [UNDO_ACTION] = "action item", [UNDO_NOTE] = "note",
	[UNDO_QUESTION] = "question", [UNDO_RETRO] = "retrospective",
};

static enum store_record record_kind(enum undo_what w)
{
	return w == UNDO_EVENT ? REC_EVENT : w == UNDO_ACTION ? REC_ACTION :
	       w == UNDO_NOTE ? REC_NOTE : REC_QUESTION;
}

/* Before taking back an add or an edit: is the record as this change left
 * it, and (for an add, which undo deletes) are there notes on it now? Fills
 * *rev_now with its rev. ST_CONFLICT with e naming what would be lost. */
static int undo_check(struct store *st, const char *rid, const struct undo_entry *u,
		      int64_t *rev_now, struct err *e)
{
	const char *what = WHAT_NAME[u->what];
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
		rc = store_get_rev(st, rid, record_kind(u->what), u->id, rev_now, e);
		if (rc == ST_NOT_FOUND)
			return err_set(e, "this %s was deleted meanwhile", what), ST_NOT_FOUND;
		if (rc != ST_OK)
			return rc;
		changed = *rev_now != u->rev;
	}
	if (u->kind == UNDO_ADDED &&
	    store_count_notes_on(st, rid, record_kind(u->what), u->id, &notes, e) != ST_OK)
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

static int undo_apply(struct store *st, struct undo_entry *u, const struct retro_doc *doc,
		      bool force, struct err *e)
{
	const char *rid = doc->retro.id;
	int64_t rev = u->rev;
	if ((u->kind == UNDO_ADDED || u->kind == UNDO_CHANGED) && u->what != UNDO_RETRO) {
		int64_t now = 0;
		int rc = undo_check(st, rid, u, &now, e);
		if (rc == ST_CONFLICT && force)
			rc = ST_OK;
		if (rc != ST_OK)
			return rc;
		rev = now;
	}
	switch (u->kind) {
	case UNDO_ADDED:
		switch (u->what) {
		case UNDO_EVENT: return store_delete_event(st, rid, u->id, e);
		case UNDO_ACTION: return store_delete_action(st, rid, u->id, e);
		case UNDO_NOTE: return store_delete_note(st, rid, u->id, e);
		case UNDO_QUESTION: return store_delete_question(st, rid, u->id, e);
		case UNDO_RETRO: return err_set(e, "cannot undo creating the retrospective");
		}
		break;
	case UNDO_DELETED:
		switch (u->what) {
		case UNDO_EVENT:
			if (store_add_events(st, rid, &u->event, 1, e) != 0)
				return -1;
			return restore_notes(st, rid, u, e);
		case UNDO_ACTION:
			if (store_add_action(st, rid, &u->action, e) != 0)
				return -1;
			return restore_notes(st, rid, u, e);
		case UNDO_NOTE:
			return store_add_note(st, rid, &u->note, e);
		case UNDO_QUESTION:
			if (store_add_question(st, rid, &u->question, e) != 0)
				return -1;
			return restore_notes(st, rid, u, e);
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
			u->retro.rev = doc->retro.rev;
			return store_update_retro(st, &u->retro, e);
		case UNDO_QUESTION:
			return store_rename_question(st, rid, u->id, u->question.title, e);
		}
		break;
	}
	return err_set(e, "cannot undo that");
}

/* After a record changed rev (rev_was -> rev_now) by an undo: the change
 * below it in the log on that record expects rev_was if it was made right
 * before; now it must expect rev_now, or it would look like someone else's. */
static void undo_carry_rev(struct undo_log *log, enum undo_what what, const char *id,
			   int64_t rev_was, int64_t rev_now)
{
	for (size_t i = log->n; i > 0; i--) {
		struct undo_entry *x = &log->v[i - 1];
		if (x->what == what && strcmp(x->id, id) == 0) {
			if (x->rev == rev_was)
				x->rev = rev_now;
			return;
		}
	}
}

/* The revs each kind of record had before this entry's change. */
static int64_t before_rev(const struct undo_entry *u)
{
	switch (u->what) {
	case UNDO_EVENT: return u->event.rev;
	case UNDO_ACTION: return u->action.rev;
	case UNDO_NOTE: return u->note.rev;
	default: return 0;
	}
}

int model_undo(struct store *st, struct undo_log *log, const struct retro_doc *doc,
	       bool force, char *label, size_t label_size, char id[ID_LEN], struct err *e)
{
	if (!log || log->n == 0)
		return 1;
	struct undo_entry *u = &log->v[log->n - 1];
	int64_t was = before_rev(u);
	int64_t *restored_was = NULL;
	if (u->kind == UNDO_DELETED) { /* the notes' revs, before the store resets them */
		restored_was = xcalloc(u->n_notes + 1, sizeof *restored_was);
		for (size_t i = 0; i < u->n_notes; i++)
			restored_was[i] = u->notes[i].rev;
	}
	/* One commit for the record and its notes: other terminals never see
	 * half a restore, and a failure restores nothing. */
	int rc = store_begin(st, e);
	if (rc == 0)
		rc = store_end(st, undo_apply(st, u, doc, force, e), e);
	if (rc != 0) {
		free(restored_was);
		return rc == ST_CONFLICT ? ST_CONFLICT : -1;
	}
	str_copy(label, label_size, u->label);
	str_copy(id, ID_LEN, u->id);
	struct undo_entry done = *u;
	log->n--;
	/* An edit taken back leaves the record at a new rev; a restore at 1. */
	if (done.kind == UNDO_CHANGED && done.what != UNDO_QUESTION && done.what != UNDO_RETRO)
		undo_carry_rev(log, done.what, done.id, was, before_rev(&done));
	else if (done.kind == UNDO_DELETED) {
		undo_carry_rev(log, done.what, done.id, was, 1);
		for (size_t i = 0; i < done.n_notes; i++)
			undo_carry_rev(log, UNDO_NOTE, done.notes[i].id, restored_was[i], 1);
	}
	free(restored_was);
	undo_entry_free(&done);
	return 0;
}
