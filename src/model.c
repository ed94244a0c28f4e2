/* The model: a retrospective loaded whole, and what is derived from it.
 * Its changes and their undo are in model_undo.c. */
#include "debrief/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "debrief/agenda.h"
#include "debrief/quickadd.h"
#include "debrief/text.h"
#include "model_internal.h"

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

void model_index(struct retro_doc *doc)
{
	free(doc->events_by_id);
	free(doc->notes_by_anchor);
	doc->events_by_id = xcalloc(doc->n_events + 1, sizeof *doc->events_by_id);
	for (size_t i = 0; i < doc->n_events; i++)
		doc->events_by_id[i] = &doc->events[i];
	qsort(doc->events_by_id, doc->n_events, sizeof *doc->events_by_id, by_event_id);
	doc->notes_by_anchor = xcalloc(doc->n_notes + 1, sizeof *doc->notes_by_anchor);
	doc->anchored_room = doc->n_notes + 1;
	doc->n_anchored = 0;
	for (size_t i = 0; i < doc->n_notes; i++)
		if (note_anchor(&doc->notes[i])[0])
			doc->notes_by_anchor[doc->n_anchored++] = &doc->notes[i];
	qsort(doc->notes_by_anchor, doc->n_anchored, sizeof *doc->notes_by_anchor, by_anchor);
}

/* A sorted table of pointers into a list that moved: those still there,
 * pointed into the list as it is now, merged with the records that came
 * (those KEEP takes), sorted first. Where each that came goes is found by
 * halving the table (passing over those gone), and the pointers between
 * are moved along without comparing them. */
#define MOVED_TABLE(name, type, cmp, keep)                                                 \
	static size_t name##_after(const type *const *table, size_t lo, size_t hi,          \
				   const type *old, const type *now, const size_t *to,       \
				   const type *rec)                                          \
	{                                                                                   \
		while (lo < hi) {                                                           \
			size_t mid = lo + (hi - lo) / 2, m = mid;                           \
			while (m < hi && to[table[m] - old] == MODEL_GONE)                  \
				m++;                                                        \
			const type *x = m < hi ? &now[to[table[m] - old]] : NULL;           \
			if (x && cmp(&x, &rec) <= 0)                                        \
				lo = m + 1;                                                 \
			else                                                                \
				hi = mid;                                                   \
		}                                                                           \
		return lo;                                                                  \
	}                                                                                   \
	static const type **name(const type *const *table, size_t n_table, const type *old, \
				 const type *now, const size_t *to, const size_t *added,     \
				 size_t n_added, size_t *n_out)                              \
	{                                                                                   \
		const type **in = xmalloc((n_added + 1) * sizeof *in);                        \
		size_t k = 0;                                                               \
		for (size_t i = 0; i < n_added; i++)                                        \
			if (keep(&now[added[i]]))                                           \
				in[k++] = &now[added[i]];                                   \
		qsort(in, k, sizeof *in, cmp);                                              \
		const type **out = xmalloc((n_table + k + 1) * sizeof *out);                  \
		size_t a = 0, len = 0;                                                      \
		for (size_t b = 0; b <= k; b++) {                                           \
			size_t stop = b < k ? name##_after(table, a, n_table, old, now, to, in[b]) \
					    : n_table;                                      \
			for (; a < stop; a++)                                               \
				if (to[table[a] - old] != MODEL_GONE)                       \
					out[len++] = &now[to[table[a] - old]];              \
			if (b < k)                                                          \
				out[len++] = in[b];                                         \
		}                                                                           \
		free(in);                                                                   \
		*n_out = len;                                                               \
		return out;                                                                 \
	}

static bool every_event(const struct event *ev)
{
	(void)ev;
	return true;
}

static bool has_anchor(const struct note *n)
{
	return note_anchor(n)[0] != '\0';
}

MOVED_TABLE(events_moved, struct event, by_event_id, every_event)
MOVED_TABLE(notes_moved, struct note, by_anchor, has_anchor)

void model_index_moved(struct retro_doc *doc, enum store_record kind, const void *old,
		       size_t n_old, const size_t *to, const size_t *added, size_t n_added)
{
	size_t n;
	if (kind == REC_EVENT && doc->events_by_id) {
		const struct event **t = events_moved(doc->events_by_id, n_old, old, doc->events, to,
						      added, n_added, &n);
		free(doc->events_by_id);
		doc->events_by_id = t;
	} else if (kind == REC_NOTE && doc->notes_by_anchor) {
		const struct note **t = notes_moved(doc->notes_by_anchor, doc->n_anchored, old,
						    doc->notes, to, added, n_added, &n);
		free(doc->notes_by_anchor);
		doc->notes_by_anchor = t;
		doc->n_anchored = n;
		doc->anchored_room = 0; /* (room for n at least) */
	} else {
		model_index(doc);
	}
}

void model_index_appended(struct retro_doc *doc, const struct note *was)
{
	const struct note **t = doc->notes_by_anchor;
	if (!t)
		return;
	if (was != doc->notes)
		for (size_t i = 0; i < doc->n_anchored; i++)
			t[i] = doc->notes + (t[i] - was);
	const struct note *n = &doc->notes[doc->n_notes - 1];
	if (!note_anchor(n)[0])
		return;
	size_t lo = 0, hi = doc->n_anchored;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by_anchor(&t[mid], &n) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (doc->n_anchored + 1 > doc->anchored_room) { /* room for more: doubling */
		doc->anchored_room = 2 * (doc->n_anchored + 8);
		t = xrealloc(t, doc->anchored_room * sizeof *t);
	}
	memmove(t + lo + 1, t + lo, (doc->n_anchored - lo) * sizeof *t);
	t[lo] = n;
	doc->n_anchored++;
	doc->notes_by_anchor = t;
}

void model_index_removed(struct retro_doc *doc, const struct note *gone)
{
	const struct note **t = doc->notes_by_anchor;
	if (!t)
		return;
	size_t k = 0;
	for (size_t i = 0; i < doc->n_anchored; i++)
		if (t[i] != gone)
			t[k++] = t[i] > gone ? t[i] - 1 : t[i];
	doc->n_anchored = k;
}

/* Where an id is, or would go, in a table of events by id: the first
 * place whose id is not before it (halving the table). */
static size_t event_id_place(const struct event *const *t, size_t n, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(t[mid]->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void model_index_event_put(struct retro_doc *doc, const struct event *was, size_t at)
{
	const struct event **t = doc->events_by_id;
	if (!t)
		return;
	size_t n = doc->n_events - 1; /* (the table does not have it yet) */
	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)(t[i] - was);
		t[i] = doc->events + k + (k >= at);
	}
	const struct event *x = &doc->events[at];
	size_t lo = event_id_place(t, n, x->id);
	t = xrealloc(t, (n + 2) * sizeof *t);
	memmove(t + lo + 1, t + lo, (n - lo) * sizeof *t);
	t[lo] = x;
	doc->events_by_id = t;
}

void model_index_event_gone(struct retro_doc *doc, const struct event *gone)
{
	const struct event **t = doc->events_by_id;
	size_t k = 0;
	for (size_t i = 0; t && i < doc->n_events; i++)
		if (t[i] != gone)
			t[k++] = t[i] > gone ? t[i] - 1 : t[i];
}

int model_load(struct store *st, const char *retro_id, struct retro_doc *doc,
	       struct err *e)
{
	memset(doc, 0, sizeof *doc);
	/* Where the change log is, read first: what changes while the rest is
	 * read comes again in the next model_refresh (applied by id, twice is
	 * the same as once). */
	if (store_change_seq(st, &doc->change_seq, e) != 0)
		return -1;
	if (store_get_retro(st, retro_id, &doc->retro, e) != ST_OK)
		return -1;
	if (store_list_events(st, retro_id, &doc->events, &doc->n_events, e) != 0 ||
	    store_list_questions(st, retro_id, &doc->questions, &doc->n_questions, e) != 0 ||
	    store_list_actions(st, retro_id, &doc->actions, &doc->n_actions, e) != 0 ||
	    store_list_notes(st, retro_id, &doc->notes, &doc->n_notes, e) != 0 ||
	    store_list_follow_ups(st, retro_id, &doc->follow_ups, &doc->n_follow_ups, e) != 0 ||
	    store_list_parked(st, retro_id, &doc->parked, &doc->n_parked, e) != 0) {
		model_doc_free(doc);
		return -1;
	}
	model_index(doc);
	doc->refreshed = REFRESHED_ALL; /* all of it is new */
	return 0;
}

int model_load_outline(struct store *st, const char *retro_id, struct retro_doc *doc,
		       size_t *n_events, struct err *e)
{
	memset(doc, 0, sizeof *doc);
	*n_events = 0;
	if (store_get_retro(st, retro_id, &doc->retro, e) != ST_OK)
		return -1;
	/* Every event, not only the milestones: the check looks at them all
	 * (one in the future, or there twice, may be of any kind). */
	if (store_list_events(st, retro_id, &doc->events, &doc->n_events, e) != 0 ||
	    store_list_actions(st, retro_id, &doc->actions, &doc->n_actions, e) != 0 ||
	    store_list_parked(st, retro_id, &doc->parked, &doc->n_parked, e) != 0) {
		model_doc_free(doc);
		return -1;
	}
	*n_events = doc->n_events;
	return 0;
}

void model_doc_free(struct retro_doc *doc)
{
	retro_free(&doc->retro);
	store_free_events(doc->events, doc->n_events);
	store_free_questions(doc->questions, doc->n_questions);
	store_free_actions(doc->actions, doc->n_actions);
	store_free_notes(doc->notes, doc->n_notes);
	store_free_follow_ups(doc->follow_ups, doc->n_follow_ups);
	store_free_parked(doc->parked, doc->n_parked);
	free(doc->events_by_id);
	free(doc->notes_by_anchor);
	memset(doc, 0, sizeof *doc);
}

void model_free_events(struct event *v, size_t n)
{
	store_free_events(v, n);
}

void model_free_actions(struct action *v, size_t n)
{
	store_free_actions(v, n);
}

void model_closing_check(const struct retro_doc *doc, struct closing_check *out)
{
	memset(out, 0, sizeof *out);
	out->actions = doc->n_actions;
	for (size_t i = 0; i < doc->n_actions; i++) {
		const struct action *a = &doc->actions[i];
		out->unowned += !a->owner || !*a->owner;
		out->open += a->status == ACT_OPEN;
	}
	out->parked = model_parked_waiting(doc);
	struct timeline_check tc;
	model_timeline_check(doc, clock_now(), &tc);
	out->timeline_problems = tc.state == TIMELINE_UNCHECKED ? tc.unaccepted : 0;
	model_timeline_check_free(&tc);
}

bool model_closing_warning(const struct closing_check *c, char *buf, size_t size)
{
	/* One thing to say: a sentence; several: shortly, so that the
	 * question after them fits a line of 80 columns. */
	int things = (c->actions == 0 || c->unowned) + (c->timeline_problems > 0) + (c->parked > 0);
	buf[0] = '\0';
	if (things == 0)
		return false;
	if (things == 1) {
		if (c->actions == 0)
			snprintf(buf, size, "There are no action items.");
		else if (c->unowned)
			snprintf(buf, size, "%zu action item%s without an owner.", c->unowned,
				 c->unowned == 1 ? " is" : "s are");
		else if (c->timeline_problems)
			snprintf(buf, size, "The timeline is unchecked (%zu problem%s).",
				 c->timeline_problems, c->timeline_problems == 1 ? "" : "s");
		else
			snprintf(buf, size, "%zu idea%s still parked.", c->parked,
				 c->parked == 1 ? " is" : "s are");
		return true;
	}
	struct strbuf b = {0};
	if (c->actions == 0)
		sb_puts(&b, "No action items");
	else if (c->unowned)
		sb_printf(&b, "%zu without an owner", c->unowned);
	if (c->timeline_problems)
		sb_puts(&b, b.len ? ", timeline unchecked" : "Timeline unchecked");
	if (c->parked)
		sb_printf(&b, ", %zu idea%s parked", c->parked, c->parked == 1 ? "" : "s");
	snprintf(buf, size, "%s.", sb_str(&b));
	sb_free(&b);
	return true;
}

int model_set_status(struct store *st, const char *retro_id, enum retro_status status,
		     struct err *e)
{
	return store_set_status(st, retro_id, status, e);
}

void retro_deletes_free(struct retro_deletes *log)
{
	free(log->ids);
	memset(log, 0, sizeof *log);
}

int model_retro_delete(struct store *st, struct retro_deletes *log, const char *retro_id,
		       struct err *e)
{
	int rc = store_set_retro_deleted(st, retro_id, true, e);
	if (rc != ST_OK || !log)
		return rc;
	if (log->n == log->cap) {
		log->cap = log->cap ? log->cap * 2 : 8;
		log->ids = xrealloc(log->ids, log->cap * sizeof *log->ids);
	}
	str_copy(log->ids[log->n++], ID_LEN, retro_id);
	return ST_OK;
}

int model_retro_restore(struct store *st, const char *retro_id, struct err *e)
{
	return store_set_retro_deleted(st, retro_id, false, e);
}

int model_retro_undelete(struct store *st, struct retro_deletes *log, char id[ID_LEN],
			 struct err *e)
{
	if (log->n == 0)
		return 1;
	str_copy(id, ID_LEN, log->ids[log->n - 1]);
	int rc = store_set_retro_deleted(st, id, false, e);
	if (rc == ST_OK || rc == ST_CONFLICT || rc == ST_NOT_FOUND)
		log->n--; /* back, or never to be: either way done with */
	return rc;
}

const struct event *model_first_event(const struct event *ev, size_t n, enum event_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (ev[i].kind == k)
			return &ev[i];
	return NULL;
}

const struct event *model_last_event(const struct event *ev, size_t n, enum event_kind k)
{
	for (size_t i = n; i > 0; i--)
		if (ev[i - 1].kind == k)
			return &ev[i - 1];
	return NULL;
}

void model_durations(const struct event *ev, size_t n, struct durations *d)
{
	memset(d, 0, sizeof *d);
	const struct event *start = model_first_event(ev, n, EV_IMPACT_START);
	if (!start)
		start = model_first_event(ev, n, EV_TRIGGER);
	if (!start)
		return;
	d->has_start = true;
	d->start = start->time;
	const struct event *detect = model_first_event(ev, n, EV_DETECTION);
	if (!detect)
		detect = model_first_event(ev, n, EV_ALERT);
	const struct event *mitigate = model_first_event(ev, n, EV_MITIGATION);
	const struct event *resolve = model_first_event(ev, n, EV_RESOLUTION);
	const struct event *end = model_last_event(ev, n, EV_IMPACT_END);
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
	const struct event *impact = model_first_event(ev, n, EV_IMPACT_START);
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

/* What the meeting learned, each cleaned as model_set_learning does. */
static int clean_learning(struct retro *r, struct err *e)
{
	char **f[LEARN_COUNT] = {&r->summary, &r->factors, &r->lessons, &r->links};
	for (int l = 0; l < LEARN_COUNT; l++) {
		char *c;
		if (model_learning_clean((enum learning)l, *f[l], &c, e) != 0)
			return -1;
		free(*f[l]);
		*f[l] = c;
	}
	return 0;
}

/* Replaces a typed list of names by the kept one (model_labels). */
int model_relabel(const char *what, char **list, struct err *e)
{
	char *kept;
	if (model_labels(what, *list, &kept, e) != 0)
		return -1;
	free(*list);
	*list = kept;
	return 0;
}

bool model_action_overdue(const struct action *a, const char *today)
{
	return a->status == ACT_OPEN && a->due && *a->due && strcmp(a->due, today) < 0;
}

void model_today(char *buf, size_t size)
{
	int64_t now = clock_now();
	instant_format_date((struct instant){now, local_offset_min(now)}, buf, size);
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
	    clean_in_place("the trigger", &r->trigger, e) || model_relabel("service", &r->services, e) ||
	    model_relabel("tag", &r->tags, e) || clean_learning(r, e))
		return -1;
	if (!r->incident_date || !*r->incident_date) {
		/* A retrospective always knows its incident's day: clock times
		 * typed in the meeting are read on it. */
		char today[16];
		model_today(today, sizeof today);
		free(r->incident_date);
		r->incident_date = xstrdup(today);
	}
	struct field_err fe;
	if (model_check_retro(r, &fe) != 0)
		return err_set(e, "%s", fe.msg);
	struct agenda ag;
	if (agenda_load(r->agenda, &ag, e) != 0)
		return -1;
	free(r->agenda);
	r->agenda = xstrdup(ag.name);
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		r->plan_secs[s] = ag.timebox[s];
	int rc = store_create_retro(st, r, ag.questions, ag.n_questions, e);
	agenda_free(&ag);
	return rc;
}

/* The first of the anchored notes on key, by binary search. */
static size_t first_on(const struct retro_doc *doc, const char *key)
{
	size_t lo = 0, hi = doc->n_anchored;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(note_anchor(doc->notes_by_anchor[mid]), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t model_count_notes_on(const struct retro_doc *doc, const char *id)
{
	size_t n = 0;
	if (!id || !*id)
		return 0;
	if (!doc->notes_by_anchor) {
		for (size_t i = 0; i < doc->n_notes; i++)
			n += strcmp(note_anchor(&doc->notes[i]), id) == 0;
		return n;
	}
	for (size_t i = first_on(doc, id);
	     i < doc->n_anchored && strcmp(note_anchor(doc->notes_by_anchor[i]), id) == 0; i++)
		n++;
	return n;
}

size_t model_notes_for(const struct retro_doc *doc, enum stage stage,
		       const char *event_id, const char *question_id,
		       const char *action_id, const struct note ***out)
{
	const char *key = event_id && *event_id ? event_id :
			  question_id && *question_id ? question_id :
			  action_id && *action_id ? action_id : NULL;
	if (key && doc->notes_by_anchor) {
		size_t lo = first_on(doc, key), end = lo;
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

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* --- copies and look-ups --- */

void event_copy(struct event *dst, const struct event *src)
{
	*dst = *src;
	dst->text = dup_or_null(src->text);
	dst->source = dup_or_null(src->source);
}

void action_copy(struct action *dst, const struct action *src)
{
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->owner = dup_or_null(src->owner);
	dst->due = dup_or_null(src->due);
	dst->tracker_ref = dup_or_null(src->tracker_ref);
	dst->retro_title = dup_or_null(src->retro_title);
	dst->drop_reason = dup_or_null(src->drop_reason);
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
	dst->services = dup_or_null(src->services);
	dst->tags = dup_or_null(src->tags);
	dst->summary = dup_or_null(src->summary);
	dst->factors = dup_or_null(src->factors);
	dst->lessons = dup_or_null(src->lessons);
	dst->links = dup_or_null(src->links);
	dst->agenda = dup_or_null(src->agenda);
	dst->timeline_accepted = dup_or_null(src->timeline_accepted);
}

void parked_copy(struct parked *dst, const struct parked *src)
{
	*dst = *src;
	dst->text = dup_or_null(src->text);
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
	size_t at = event_id_place(doc->events_by_id, doc->n_events, id);
	if (at < doc->n_events && strcmp(doc->events_by_id[at]->id, id) == 0)
		return doc->events_by_id[at];
	return NULL;
}

DOC_FIND(doc_action, struct action, actions, n_actions)
DOC_FIND(doc_note, struct note, notes, n_notes)
DOC_FIND(doc_question, struct question, questions, n_questions)
DOC_FIND(doc_parked, struct parked, parked, n_parked)

/* Events that say the same: the same time, kind and text. */
static int same_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	if (x->time.at != y->time.at)
		return x->time.at < y->time.at ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->text ? x->text : "", y->text ? y->text : "");
}

int model_add_events(struct store *st, const char *retro_id, struct event *events, size_t *n,
		     bool keep_duplicates, size_t *skipped, struct err *e)
{
	struct field_err fe;
	struct retro_mark m;
	*skipped = 0;
	if (store_retro_mark(st, retro_id, &m, e) != 0)
		return -1;
	if (m.status == RETRO_CLOSED)
		return err_set(e, "%s", MODEL_CLOSED_MSG);
	for (size_t i = 0; i < *n; i++)
		if (model_check_event(&events[i], &fe) != 0)
			return err_set(e, "event %zu of %zu: %s", i + 1, *n, fe.msg);
	if (!keep_duplicates) {
		struct event *have;
		size_t nh, k = 0;
		if (store_list_events(st, retro_id, &have, &nh, e) != 0)
			return -1;
		if (nh) /* (qsort and bsearch take no NULL array) */
			qsort(have, nh, sizeof *have, same_event);
		for (size_t i = 0; i < *n; i++) {
			if (nh && bsearch(&events[i], have, nh, sizeof *have, same_event)) {
				event_free(&events[i]);
				++*skipped;
			} else {
				events[k++] = events[i];
			}
		}
		*n = k;
		store_free_events(have, nh);
	}
	return *n ? store_add_events(st, retro_id, events, *n, e) : 0;
}

