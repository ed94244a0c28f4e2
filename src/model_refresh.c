/* The model: bringing a loaded retrospective up to date with what changed,
 * record by record, instead of reading it all again. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "debrief/timeutil.h"

/* More changes than this share of the records (plus a few), and reading
 * everything is as cheap as reading them one by one. */
#define REFRESH_SHARE 8
#define REFRESH_FEW 64

/* What the merge needs to know of a kind of record. Every record starts
 * with its id (struct event, action, note, question, parked). */
struct kind {
	size_t size;
	int (*cmp)(const void *a, const void *b); /* the order storage lists them in */
	void (*release)(void *rec);
};

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int event_order(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	int c = cmp_i64(x->time.at, y->time.at);
	return c ? c : cmp_i64(x->order, y->order);
}

static int action_order(const void *a, const void *b)
{
	const struct action *x = a, *y = b;
	int c = cmp_i64(x->created_at, y->created_at);
	return c ? c : cmp_i64(x->order, y->order);
}

static int note_order(const void *a, const void *b)
{
	const struct note *x = a, *y = b;
	int c = cmp_i64(x->created_at, y->created_at);
	return c ? c : cmp_i64(x->order, y->order);
}

static int question_order(const void *a, const void *b)
{
	const struct question *x = a, *y = b;
	int c = cmp_i64(x->position, y->position);
	return c ? c : cmp_i64(x->order, y->order);
}

static int parked_order(const void *a, const void *b)
{
	const struct parked *x = a, *y = b;
	int c = cmp_i64(x->created_at, y->created_at);
	return c ? c : cmp_i64(x->order, y->order);
}

static void release_event(void *r) { event_free(r); }
static void release_action(void *r) { action_free(r); }
static void release_note(void *r) { note_free(r); }
static void release_question(void *r) { question_free(r); }
static void release_parked(void *r) { parked_free(r); }

static const struct kind KINDS[] = {
	[REC_EVENT] = {sizeof(struct event), event_order, release_event},
	[REC_ACTION] = {sizeof(struct action), action_order, release_action},
	[REC_NOTE] = {sizeof(struct note), note_order, release_note},
	[REC_QUESTION] = {sizeof(struct question), question_order, release_question},
	[REC_PARKED] = {sizeof(struct parked), parked_order, release_parked},
};
#define N_KINDS (REC_PARKED + 1)

static int by_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The records of one kind that changed: their ids (sorted, to look up),
 * and those still there as they are now (sorted in list order). */
struct changed {
	char (*ids)[ID_LEN];
	size_t n_ids;
	char *now;
	size_t n_now;
};

/* Where a merge put the records, for the look-up tables that point into
 * the list (model_index_moved): each old record's new place, and the
 * places of those read. */
struct moved {
	void *old; /* the list before, freed once the tables are kept */
	size_t n_old;
	size_t *to;
	size_t *added, n_added;
};

/* Where a record read goes in the list as it was: after every record that
 * sorts with it or before it (the first that sorts after it). */
static size_t upper_bound(const char *list, size_t n, const struct kind *k, const void *rec)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->cmp(list + mid * k->size, rec) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether the record (its id first) is one of the changed. */
static bool is_changed(const char *rec, const struct changed *c)
{
	if (c->n_ids > 4)
		return bsearch(rec, c->ids, c->n_ids, ID_LEN, by_id) != NULL;
	for (size_t i = 0; i < c->n_ids; i++)
		if (rec[0] == c->ids[i][0] && strcmp(rec, c->ids[i]) == 0)
			return true;
	return false;
}

/* Puts the changed records in place: the list less every changed one,
 * merged with those still there, in order. Where each read record goes
 * is found by halving the list, and the records between are copied as
 * runs, so that a note on a long timeline compares a few records, not
 * every one. With mv, says where each record went, and leaves the old
 * list to the caller. */
static void merge(void **list, size_t *n, const struct kind *k, struct changed *c,
		  struct moved *mv)
{
	if (c->n_ids == 0)
		return;
	qsort(c->ids, c->n_ids, ID_LEN, by_id);
	if (c->n_now)
		qsort(c->now, c->n_now, k->size, k->cmp);
	char *old = *list;
	size_t *ins = xmalloc((c->n_now + 1) * sizeof *ins), *gone = NULL, n_gone = 0;
	for (size_t j = 0; j < c->n_now; j++)
		ins[j] = upper_bound(old, *n, k, c->now + j * k->size);
	for (size_t i = 0; i < *n; i++)
		if (is_changed(old + i * k->size, c)) {
			gone = xrealloc(gone, (n_gone + 1) * sizeof *gone);
			gone[n_gone++] = i;
		}
	char *out = xmalloc((*n + c->n_now + 1) * k->size);
	if (mv) {
		mv->old = old;
		mv->n_old = *n;
		mv->to = xmalloc((*n + 1) * sizeof *mv->to);
		mv->added = xmalloc((c->n_now + 1) * sizeof *mv->added);
		mv->n_added = 0;
	}
	size_t i = 0, j = 0, g = 0, len = 0;
	while (i < *n || j < c->n_now) {
		/* The records as they were up to the next one read or gone. */
		size_t stop = *n;
		if (g < n_gone && gone[g] < stop)
			stop = gone[g];
		if (j < c->n_now && ins[j] < stop)
			stop = ins[j];
		size_t run = stop - i;
		if (run) /* (an empty list is NULL) */
			memcpy(out + len * k->size, old + i * k->size, run * k->size);
		for (size_t r = 0; mv && r < run; r++)
			mv->to[i + r] = len + r;
		i += run;
		len += run;
		if (j < c->n_now && ins[j] == i) {
			if (mv)
				mv->added[mv->n_added++] = len;
			memcpy(out + len++ * k->size, c->now + j++ * k->size, k->size);
		} else if (g < n_gone && gone[g] == i) {
			k->release(old + i * k->size); /* its new state, if any, is in c->now */
			if (mv)
				mv->to[i] = MODEL_GONE;
			i++;
			g++;
		}
	}
	free(ins);
	free(gone);
	if (!mv)
		free(old);
	*list = out;
	*n = len;
	c->n_now = 0; /* owned by the list now */
}

/* The look-up tables of a list that moved, then the list it was. */
static void reindex(struct retro_doc *doc, enum store_record kind, struct moved *mv)
{
	if (!mv->to)
		return;
	model_index_moved(doc, kind, mv->old, mv->n_old, mv->to, mv->added, mv->n_added);
	free(mv->old);
	free(mv->to);
	free(mv->added);
}

/* A list of n records of `size` with room for one more: the same list,
 * or a copy with room for twice as many (*room says). The list it was is
 * the caller's to free, once the look-up tables have followed. */
static void *room_for_one(void *list, size_t n, size_t size, size_t *room)
{
	if (n + 1 <= *room)
		return list;
	size_t more = n < 8 ? 16 : 2 * n;
	char *grown = xmalloc(more * size);
	if (n)
		memcpy(grown, list, n * size);
	*room = more;
	return grown;
}

/* A note not in the list that sorts last, as one just written does: put
 * on the end of the list, which keeps room for more (doubling), so that a
 * note on a long list costs what it is, not a copy of them all (20,000
 * notes: the merge and its table's walk took 1.2 M instructions). */
static bool append_note(struct retro_doc *doc, const struct note *n)
{
	size_t len = doc->n_notes;
	if (len && note_order(&doc->notes[len - 1], n) > 0)
		return false;
	struct note *was = doc->notes;
	doc->notes = room_for_one(was, len, sizeof *was, &doc->notes_room);
	note_copy(&doc->notes[len], n);
	doc->n_notes = len + 1;
	model_index_appended(doc, was);
	if (was != doc->notes)
		free(was);
	return true;
}

/* Where the note with this id is in the list, plus one (0: not there),
 * searched from the end, where the notes being written are. */
static size_t note_from_end(const struct retro_doc *doc, const char *id)
{
	size_t at = doc->n_notes;
	while (at > 0 && !(doc->notes[at - 1].id[0] == id[0] && strcmp(doc->notes[at - 1].id, id) == 0))
		at--;
	return at;
}

/* One note another terminal deleted (an undo of a note just written, most
 * often): taken out where it was, the notes after it moved down one. */
static void note_taken_out(struct retro_doc *doc, const char *id)
{
	size_t at = note_from_end(doc, id);
	if (at == 0)
		return;
	struct note *gone = &doc->notes[at - 1];
	model_index_removed(doc, gone);
	note_free(gone);
	memmove(gone, gone + 1, (doc->n_notes - at) * sizeof *gone);
	doc->n_notes--;
}

/* One note another terminal wrote or changed, put in place without the
 * merge's copy of the list: one it changed (its text) where it was, one
 * it wrote on the end (append_note). Anything else (a note that moved,
 * or sorts before the last) is left to the merge. */
static bool note_in_place(struct retro_doc *doc, struct changed *c)
{
	struct note *rec = (struct note *)(void *)c->now;
	size_t at = note_from_end(doc, rec->id);
	if (at == 0)
		return append_note(doc, rec);
	struct note *old = &doc->notes[at - 1];
	if (note_order(old, rec) != 0 || strcmp(old->event_id, rec->event_id) != 0 ||
	    strcmp(old->question_id, rec->question_id) != 0 ||
	    strcmp(old->action_id, rec->action_id) != 0)
		return false;
	note_free(old);
	*old = *rec; /* (the list's now: the anchors' table still points at it) */
	c->n_now = 0;
	return true;
}

/* One event another terminal (or this one) added: put where it sorts, the
 * events after it moved up one in a list that keeps room for more
 * (doubling), and its id into the table, without the merge's copy of the
 * timeline (50,000 events: 3.3 M instructions and 4 MB copied). */
static void event_put(struct retro_doc *doc, struct changed *c)
{
	struct event *rec = (struct event *)(void *)c->now;
	size_t n = doc->n_events;
	size_t at = upper_bound((const char *)doc->events, n, &KINDS[REC_EVENT], rec);
	struct event *was = doc->events;
	doc->events = room_for_one(was, n, sizeof *was, &doc->events_room);
	memmove(&doc->events[at + 1], &doc->events[at], (n - at) * sizeof *rec);
	doc->events[at] = *rec;
	doc->n_events = n + 1;
	c->n_now = 0;
	model_index_event_put(doc, was, at);
	if (was != doc->events)
		free(was);
}

/* One event another terminal deleted (an undo of one just added, most
 * often): taken out where it was, those after it moved down one. */
static void event_taken_out(struct retro_doc *doc, const char *id)
{
	struct event *gone = (struct event *)doc_event(doc, id);
	if (!gone)
		return;
	model_index_event_gone(doc, gone);
	size_t after = doc->n_events - (size_t)(gone - doc->events) - 1;
	event_free(gone);
	memmove(gone, gone + 1, after * sizeof *gone);
	doc->n_events--;
}

/* One event another terminal (or this one) changed where it sorts as it
 * did, put in place without the merge's copy of the timeline: found by
 * its id (the table's pointer stays good); one added, put where it
 * sorts. Whether the timeline itself changed (an event added, its time,
 * kind or text) goes in *facts; a mark does not. */
static bool event_in_place(struct retro_doc *doc, struct changed *c, bool *facts)
{
	struct event *rec = (struct event *)(void *)c->now;
	struct event *old = (struct event *)doc_event(doc, rec->id);
	if (!old) {
		event_put(doc, c);
		return true;
	}
	if (event_order(old, rec) != 0)
		return false;
	*facts = old->time.offset_min != rec->time.offset_min || old->kind != rec->kind ||
		 !str_same(old->text, rec->text);
	event_free(old);
	*old = *rec;
	c->n_now = 0;
	return true;
}

static int fetch(struct store *st, const char *retro_id, enum store_record kind,
		 const char *id, void *out, struct err *e)
{
	switch (kind) {
	case REC_EVENT: return store_get_event(st, retro_id, id, out, e);
	case REC_ACTION: return store_get_action(st, retro_id, id, out, e);
	case REC_NOTE: return store_get_note(st, retro_id, id, out, e);
	case REC_QUESTION: return store_get_question(st, retro_id, id, out, e);
	case REC_PARKED: return store_get_parked(st, retro_id, id, out, e);
	}
	return ST_ERROR;
}

static void changed_free(struct changed c[], const struct kind *kinds)
{
	for (int k = REC_EVENT; k < N_KINDS; k++) {
		for (size_t i = 0; i < c[k].n_now; i++)
			kinds[k].release(c[k].now + i * kinds[k].size);
		free(c[k].now);
		free(c[k].ids);
	}
}

/* Reads the changed records, each by id, into c[kind]. */
static int read_changed(struct store *st, const char *retro_id, const struct store_change *ch,
			size_t n, struct changed c[], struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct changed *x = &c[ch[i].kind];
		const struct kind *k = &KINDS[ch[i].kind];
		x->ids = xrealloc(x->ids, (x->n_ids + 1) * ID_LEN);
		memcpy(x->ids[x->n_ids++], ch[i].id, ID_LEN);
		x->now = xrealloc(x->now, (x->n_now + 1) * k->size);
		char *rec = x->now + x->n_now * k->size;
		memset(rec, 0, k->size);
		int rc = fetch(st, retro_id, ch[i].kind, ch[i].id, rec, e);
		if (rc == ST_OK)
			x->n_now++;
		else if (rc != ST_NOT_FOUND) /* gone: taken out by the merge */
			return -1;
	}
	return 0;
}

static int refresh_whole(struct store *st, struct retro_doc *doc, enum refresh_how *how,
			 struct err *e)
{
	struct retro_doc fresh;
	if (model_load(st, doc->retro.id, &fresh, e) != 0)
		return -1;
	model_doc_free(doc);
	*doc = fresh;
	doc->refreshed = REFRESHED_ALL;
	*how = REFRESH_FULL;
	return 0;
}

int model_refresh(struct store *st, struct retro_doc *doc, enum refresh_how *how,
		  struct err *e)
{
	size_t records = doc->n_events + doc->n_actions + doc->n_notes + doc->n_questions +
			 doc->n_parked;
	struct retro r;
	struct store_change *ch;
	size_t n;
	int64_t upto;
	/* The retrospective first: a change that lands after it was read moves
	 * its rev again, so the next look sees there is more. */
	if (store_get_retro(st, doc->retro.id, &r, e) != ST_OK)
		return -1;
	int rc = store_changes_since(st, doc->retro.id, doc->change_seq,
				     REFRESH_FEW + records / REFRESH_SHARE, &ch, &n, &upto, e);
	if (rc != 0) {
		retro_free(&r);
		return rc < 0 ? -1 : refresh_whole(st, doc, how, e);
	}
	struct changed c[N_KINDS];
	memset(c, 0, sizeof c);
	if (read_changed(st, doc->retro.id, ch, n, c, e) != 0) {
		changed_free(c, KINDS);
		free(ch);
		retro_free(&r);
		return -1;
	}
	free(ch);
	/* What changed, for what is derived from it (model.h). */
	doc->refreshed = 0;
	for (int k = REC_EVENT; k < N_KINDS; k++)
		if (c[k].n_ids)
			doc->refreshed |= 1u << k;
	struct moved events = {0}, notes = {0};
	struct changed *ce = &c[REC_EVENT];
	bool facts = ce->n_ids > 0;
	if (ce->n_ids == 1 && ce->n_now == 0) {
		event_taken_out(doc, ce->ids[0]);
	} else if (ce->n_ids != 1 || ce->n_now != 1 || !event_in_place(doc, ce, &facts)) {
		merge((void **)&doc->events, &doc->n_events, &KINDS[REC_EVENT], ce, &events);
		if (events.to)
			doc->events_room = 0; /* a list of its length */
	}
	if (facts)
		doc->refreshed |= REFRESHED_TIMELINE;
	merge((void **)&doc->actions, &doc->n_actions, &KINDS[REC_ACTION], &c[REC_ACTION], NULL);
	struct changed *cn = &c[REC_NOTE];
	if (cn->n_ids == 1 && cn->n_now == 0)
		note_taken_out(doc, cn->ids[0]);
	else if (cn->n_ids != 1 || cn->n_now != 1 || !note_in_place(doc, cn)) {
		merge((void **)&doc->notes, &doc->n_notes, &KINDS[REC_NOTE], cn, &notes);
		if (notes.to)
			doc->notes_room = 0; /* a list of its length */
	}
	merge((void **)&doc->questions, &doc->n_questions, &KINDS[REC_QUESTION], &c[REC_QUESTION], NULL);
	merge((void **)&doc->parked, &doc->n_parked, &KINDS[REC_PARKED], &c[REC_PARKED], NULL);
	changed_free(c, KINDS);
	/* The look-up tables follow the records that moved, in a walk of
	 * them: sorting them again cost a reload of one note on a 50,000-event
	 * timeline more than everything else it did. */
	reindex(doc, REC_EVENT, &events);
	reindex(doc, REC_NOTE, &notes);
	if (strcmp(r.title ? r.title : "", doc->retro.title ? doc->retro.title : "") != 0)
		for (size_t i = 0; i < doc->n_actions; i++) { /* as a load would name it */
			free(doc->actions[i].retro_title);
			doc->actions[i].retro_title = r.title ? xstrdup(r.title) : NULL;
		}
	retro_free(&doc->retro);
	doc->retro = r;
	doc->change_seq = upto;
	*how = REFRESH_PARTIAL;
	return 0;
}

void model_took_note(struct retro_doc *doc, const struct note *n)
{
	doc->refreshed = 1u << REC_NOTE;
	/* As its insert marked the retrospective changed (store_schema.c:
	 * note_counted): the next look at the file finds nothing new of this
	 * terminal's. */
	doc->retro.rev++;
	doc->retro.updated_at = clock_now();
	if (append_note(doc, n))
		return;
	struct changed c = {0};
	c.ids = xmalloc(ID_LEN);
	memcpy(c.ids[0], n->id, ID_LEN);
	c.n_ids = 1;
	c.now = xmalloc(sizeof(struct note));
	note_copy((struct note *)(void *)c.now, n);
	c.n_now = 1;
	struct moved notes = {0};
	merge((void **)&doc->notes, &doc->n_notes, &KINDS[REC_NOTE], &c, &notes);
	free(c.now); /* (the note itself is the list's now) */
	free(c.ids);
	doc->notes_room = 0; /* a list of its length */
	reindex(doc, REC_NOTE, &notes);
}
