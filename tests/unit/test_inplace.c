/* Unit tests: a note this terminal writes, taken into its doc in place. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/model.h"
#include "tap.h"

/* The same note, as a list reads it. */
static bool same_note(const struct note *x, const struct note *y)
{
	return strcmp(x->id, y->id) == 0 && strcmp(x->event_id, y->event_id) == 0 &&
	       x->stage == y->stage && x->role == y->role && x->created_at == y->created_at &&
	       x->order == y->order && x->rev == y->rev && strcmp(x->body, y->body) == 0;
}

/* Notes this terminal writes go into its doc in place (model_took_note):
 * on the end of the list while they sort last, growing it past its room
 * more than once, and by the merge when one sorts earlier. The doc is
 * then what a fresh load reads, and the notes on an event are found
 * through its table, in writing order, each one in the list. */
static void test_took_notes(const char *path)
{
	struct store *st;
	struct err e = {0};
	struct retro_doc d, fresh;
	ok(store_open(path, STORE_WRITE, &st, &e) == 0, "opens for notes taken in place");
	struct retro r = {.title = xstrdup("Notes in place"), .severity = xstrdup("SEV3")};
	ok(model_create_retro(st, &r, &e) == 0, "creates a retrospective");
	struct event ev = {.time = {5000, 60}, .kind = EV_TRIGGER, .text = "deployed"};
	ok(model_add_event(st, NULL, r.id, &ev, &e) == 0, "with an event");
	ok(model_load(st, r.id, &d, &e) == 0, "loads it");
	bool saved = true;
	size_t on_event = 0;
	for (int i = 0; i < 100; i++) {
		char body[32];
		snprintf(body, sizeof body, "note %d", i);
		/* (the 30th written as if an hour before: it sorts earlier) */
		struct note n = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = body,
				 .created_at = i == 30 ? 1000 : 5000 + i};
		if (i % 3 == 0) {
			strcpy(n.event_id, ev.id);
			on_event++;
		}
		saved = saved && model_add_note(st, NULL, r.id, &n, &e) == 0;
		model_took_note(&d, &n);
	}
	ok(saved, "a hundred notes saved (%s)", e.msg);
	ok(model_load(st, r.id, &fresh, &e) == 0, "loads afresh");
	bool same = d.n_notes == fresh.n_notes && d.retro.rev == fresh.retro.rev;
	for (size_t i = 0; same && i < d.n_notes; i++)
		same = same_note(&d.notes[i], &fresh.notes[i]);
	ok(same, "the doc is what a fresh load reads: %zu notes, in order, rev %lld",
	   fresh.n_notes, (long long)fresh.retro.rev);
	const struct note **on;
	size_t n_on = model_notes_for(&d, STAGE_TIMELINE, ev.id, NULL, NULL, &on);
	bool in_list = true, in_order = true;
	for (size_t i = 0; i < n_on; i++) {
		in_list = in_list && on[i] >= d.notes && on[i] < d.notes + d.n_notes;
		in_order = in_order && (i == 0 || on[i - 1] < on[i]);
	}
	ok(n_on == on_event && model_count_notes_on(&d, ev.id) == on_event,
	   "the event's %zu notes are found through its table (%zu)", on_event, n_on);
	ok(in_list && in_order, "each in the list, in writing order");
	ok(n_on && strcmp(on[0]->body, "note 30") == 0, "the one written earlier first (%s)",
	   n_on ? on[0]->body : "none");
	free(on);
	model_doc_free(&d);
	model_doc_free(&fresh);
	retro_free(&r);
	store_close(st);
}

/* The doc, as a fresh load reads it: its notes in order, and the notes on
 * the event found through its table, each in the list, in writing order. */
static void check_doc(struct store *st, const char *rid, const struct retro_doc *d,
		      const char *event_id, const char *what)
{
	struct err e = {0};
	struct retro_doc fresh;
	if (model_load(st, rid, &fresh, &e) != 0)
		return (void)ok(0, "%s: loads afresh (%s)", what, e.msg);
	bool same = d->n_notes == fresh.n_notes;
	for (size_t i = 0; same && i < d->n_notes; i++)
		same = same_note(&d->notes[i], &fresh.notes[i]);
	ok(same, "%s: the notes are what a fresh load reads (%zu, %zu)", what, d->n_notes,
	   fresh.n_notes);
	const struct note **on, **want;
	size_t n_on = model_notes_for(d, STAGE_TIMELINE, event_id, NULL, NULL, &on);
	size_t n_want = model_notes_for(&fresh, STAGE_TIMELINE, event_id, NULL, NULL, &want);
	bool found = n_on == n_want;
	for (size_t i = 0; found && i < n_on; i++)
		found = on[i] >= d->notes && on[i] < d->notes + d->n_notes &&
			(i == 0 || on[i - 1] < on[i]) && same_note(on[i], want[i]);
	ok(found, "%s: the event's notes through its table (%zu, %zu)", what, n_on, n_want);
	free(on);
	free(want);
	model_doc_free(&fresh);
}

/* Another terminal's notes reach this doc by model_refresh: one written
 * goes on the end, one changed is changed where it is, without the merge;
 * one written as if earlier, and one deleted, through it. */
static void test_refreshed_notes(const char *path)
{
	struct store *w = NULL, *r = NULL;
	struct err e = {0};
	struct retro_doc d;
	enum refresh_how how;
	ok(store_open(path, STORE_WRITE, &w, &e) == 0 && store_open(path, STORE_WRITE, &r, &e) == 0,
	   "a writer and a follower open the file");
	struct retro rt = {.title = xstrdup("Notes from elsewhere"), .severity = xstrdup("SEV3")};
	ok(model_create_retro(w, &rt, &e) == 0, "creates a retrospective");
	struct event ev = {.time = {5000, 60}, .kind = EV_TRIGGER, .text = "deployed"};
	ok(model_add_event(w, NULL, rt.id, &ev, &e) == 0, "with an event");
	ok(model_load(r, rt.id, &d, &e) == 0, "the follower loads it");
	char ids[30][ID_LEN];
	bool partial = true;
	for (int i = 0; i < 30; i++) {
		char body[32];
		snprintf(body, sizeof body, "from elsewhere %d", i);
		struct note n = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = body,
				 .created_at = 7000 + i};
		if (i % 2)
			strcpy(n.event_id, ev.id);
		ok(model_add_note(w, NULL, rt.id, &n, &e) == 0, "note %d written (%s)", i, e.msg);
		strcpy(ids[i], n.id);
		partial = model_refresh(r, &d, &how, &e) == 0 && how == REFRESH_PARTIAL && partial;
	}
	ok(partial, "each one read by id (a partial refresh)");
	check_doc(r, rt.id, &d, ev.id, "thirty written");
	struct note before = {0}, after = {0};
	for (size_t i = 0; i < d.n_notes; i++)
		if (strcmp(d.notes[i].id, ids[27]) == 0)
			note_copy(&before, &d.notes[i]);
	note_copy(&after, &before);
	free(after.body);
	after.body = xstrdup("changed elsewhere");
	ok(model_update_note(w, NULL, rt.id, &before, &after, &e) == 0, "one changed (%s)", e.msg);
	ok(model_refresh(r, &d, &how, &e) == 0, "refreshed");
	check_doc(r, rt.id, &d, ev.id, "one changed");
	struct note early = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "as if earlier",
			     .created_at = 6000};
	strcpy(early.event_id, ev.id);
	ok(model_add_note(w, NULL, rt.id, &early, &e) == 0 && model_refresh(r, &d, &how, &e) == 0,
	   "one written as if earlier, refreshed");
	check_doc(r, rt.id, &d, ev.id, "one sorting earlier");
	ok(model_delete_note(w, NULL, &d, ids[5], &e) == 0 && model_refresh(r, &d, &how, &e) == 0,
	   "one deleted, refreshed (%s)", e.msg);
	check_doc(r, rt.id, &d, ev.id, "one deleted");
	note_free(&before);
	note_free(&after);
	model_doc_free(&d);
	retro_free(&rt);
	store_close(w);
	store_close(r);
}

/* Another terminal's change to one event reaches this doc by model_refresh:
 * a mark, or a new text, where it was, without the merge's copy of the
 * timeline (the list is where it was); a mark says the timeline itself
 * did not change (no REFRESHED_TIMELINE: the durations and the check are
 * not worked out again), a new text says it did; a new time, which moves
 * it, goes through the merge. Each time the doc is what a fresh load
 * reads, and the event is found by its id. */
static void test_refreshed_events(const char *path)
{
	struct store *w = NULL, *r = NULL;
	struct err e = {0};
	struct retro_doc d, fresh;
	enum refresh_how how;
	ok(store_open(path, STORE_WRITE, &w, &e) == 0 && store_open(path, STORE_WRITE, &r, &e) == 0,
	   "events: a writer and a follower open the file");
	struct retro rt = {.title = xstrdup("Events from elsewhere"), .severity = xstrdup("SEV3")};
	ok(model_create_retro(w, &rt, &e) == 0, "creates a retrospective");
	char ids[40][ID_LEN];
	bool added = true;
	for (int i = 0; i < 40; i++) {
		char text[32];
		snprintf(text, sizeof text, "log line %d", i);
		struct event ev = {.time = {5000 + 60 * (i / 3), 60}, .kind = EV_OTHER, .text = text};
		added = added && model_add_event(w, NULL, rt.id, &ev, &e) == 0;
		strcpy(ids[i], ev.id);
	}
	ok(added, "forty events, three a minute (%s)", e.msg);
	ok(model_load(r, rt.id, &d, &e) == 0, "the follower loads them");
	struct {
		const char *what;
		int field; /* 0 mark, 1 text, 2 time */
		bool in_place, timeline;
	} steps[] = {{"a mark", 0, true, false}, {"a new text", 1, true, true}, {"a new time", 2, false, true}};
	for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
		const struct event *was = doc_event(&d, ids[17]);
		struct event before = {0}, after = {0};
		event_copy(&before, was);
		event_copy(&after, was);
		if (steps[k].field == 0) {
			after.mark = MARK_WENT_WELL;
		} else if (steps[k].field == 1) {
			free(after.text);
			after.text = xstrdup("log line 17, read again");
		} else {
			after.time.at = 4000;
		}
		const struct event *list = d.events;
		ok(model_update_event(w, NULL, rt.id, &before, &after, &e) == 0 &&
		       model_refresh(r, &d, &how, &e) == 0 && how == REFRESH_PARTIAL,
		   "%s, written elsewhere, read by id (%s)", steps[k].what, e.msg);
		ok((d.events == list) == steps[k].in_place, "%s: %s", steps[k].what,
		   steps[k].in_place ? "changed where it was, the list not copied" : "moved by the merge");
		ok((d.refreshed & (1u << REC_EVENT)) &&
		       !!(d.refreshed & REFRESHED_TIMELINE) == steps[k].timeline,
		   "%s: the timeline %s", steps[k].what, steps[k].timeline ? "changed" : "did not change");
		ok(model_load(r, rt.id, &fresh, &e) == 0, "loads afresh");
		bool same = d.n_events == fresh.n_events;
		for (size_t i = 0; same && i < d.n_events; i++)
			same = strcmp(d.events[i].id, fresh.events[i].id) == 0 &&
			       d.events[i].time.at == fresh.events[i].time.at &&
			       d.events[i].mark == fresh.events[i].mark && d.events[i].rev == fresh.events[i].rev &&
			       strcmp(d.events[i].text, fresh.events[i].text) == 0;
		const struct event *found = doc_event(&d, ids[17]);
		ok(same && found && found->mark == after.mark && strcmp(found->text, after.text) == 0,
		   "%s: the doc is what a fresh load reads, the event found by its id", steps[k].what);
		model_doc_free(&fresh);
		event_free(&before);
		event_free(&after);
	}
	/* Events added elsewhere, each sorting among the others (the list
	 * grows past its room), and two deleted: put in and taken out where
	 * they are. */
	bool partial = true, kept = true;
	int moves = 0;
	const struct event *list;
	for (int i = 0; i < 90; i++) {
		char text[32];
		snprintf(text, sizeof text, "added %d", i);
		struct event ev = {.time = {5000 + 37 * i % 800, 60}, .kind = EV_OTHER, .text = text};
		size_t room = d.events_room, n = d.n_events;
		list = d.events;
		partial = partial && model_add_event(w, NULL, rt.id, &ev, &e) == 0 &&
			  model_refresh(r, &d, &how, &e) == 0 && how == REFRESH_PARTIAL;
		if (d.events != list) {
			moves++;
			kept = kept && n + 1 > room;
		}
		if (i == 10 || i == 70)
			strcpy(ids[i / 10], ev.id); /* (two to delete) */
	}
	ok(partial && (d.refreshed & REFRESHED_TIMELINE), "ninety events added elsewhere, each read by id");
	ok(kept && moves <= 3, "the list moved only when it grew past its room: %d times (%zu events, room for %zu)",
	   moves, d.n_events, d.events_room);
	bool deleted = true;
	for (int k = 1; k <= 7; k += 6) {
		list = d.events;
		deleted = deleted && model_delete_event(w, NULL, &d, ids[k], &e) == 0 &&
			  model_refresh(r, &d, &how, &e) == 0 && d.events == list && !doc_event(&d, ids[k]);
	}
	ok(deleted, "two deleted elsewhere: taken out where they were (%s)", e.msg);
	ok(model_load(r, rt.id, &fresh, &e) == 0, "loads afresh");
	bool same = d.n_events == fresh.n_events, found = true;
	for (size_t i = 0; same && i < d.n_events; i++) {
		same = strcmp(d.events[i].id, fresh.events[i].id) == 0 &&
		       strcmp(d.events[i].text, fresh.events[i].text) == 0;
		found = found && doc_event(&d, d.events[i].id) == &d.events[i];
	}
	ok(same, "the doc is what a fresh load reads: %zu events, in order", fresh.n_events);
	ok(found, "and every event is found by its id where it is");
	model_doc_free(&fresh);
	model_doc_free(&d);
	retro_free(&rt);
	store_close(w);
	store_close(r);
}

/* Every field of an event as a list reads it. */
static bool same_event(const struct event *a, const struct event *b)
{
	return strcmp(a->id, b->id) == 0 && a->time.at == b->time.at &&
	       a->time.offset_min == b->time.offset_min && a->kind == b->kind && a->mark == b->mark &&
	       strcmp(a->text, b->text) == 0 && a->rev == b->rev && a->order == b->order &&
	       a->unknown_then == b->unknown_then &&
	       strcmp(a->source ? a->source : "", b->source ? b->source : "") == 0;
}

/* One change to the timeline made elsewhere, drawn at random: an event
 * added (at a time shared with others, or not), one deleted, or one
 * changed in one field. *timeline: whether it changes the timeline
 * itself (anything but a mark, "not known then" or a source). */
static void random_change(struct store *w, const char *rid, const struct retro_doc *d,
			  bool *timeline)
{
	struct err e = {0};
	int op = rand() % 6;
	*timeline = true;
	if (op <= 1 || d->n_events < 3) {
		char text[32];
		snprintf(text, sizeof text, "t%d", rand() % 4);
		struct event ev = {.time = {4800 + 30 * (rand() % 30), 60 * (rand() % 2)},
				   .kind = (enum event_kind)(rand() % 4), .text = text};
		if (model_add_event(w, NULL, rid, &ev, &e) != 0)
			printf("# add: %s\n", e.msg);
		return;
	}
	if (op == 2) {
		char id[ID_LEN];
		strcpy(id, d->events[(size_t)rand() % d->n_events].id);
		if (model_delete_event(w, NULL, d, id, &e) != 0)
			printf("# delete: %s\n", e.msg);
		return;
	}
	struct event before = {0}, after = {0};
	event_copy(&before, &d->events[(size_t)rand() % d->n_events]);
	event_copy(&after, &before);
	switch (rand() % 6) {
	case 0: after.mark = (enum event_mark)((after.mark + 1) % MARK_COUNT); *timeline = false; break;
	case 1: after.unknown_then = !after.unknown_then; *timeline = false; break;
	case 2:
		free(after.source);
		after.source = xstrdup("https://graphs.example/pool");
		*timeline = false;
		break;
	case 3: after.kind = (enum event_kind)((after.kind + 1) % 4); break;
	case 4: after.time.offset_min = after.time.offset_min ? 0 : 60; break;
	default: after.time.at += 30; break;
	}
	if (model_update_event(w, NULL, rid, &before, &after, &e) != 0)
		printf("# update: %s\n", e.msg);
	event_free(&before);
	event_free(&after);
}

/* A thousand changes to the timeline made elsewhere, at random, each
 * followed by a refresh: the doc is what a fresh load reads, every event
 * is found by its id where it is (the table sorted), REFRESHED_TIMELINE
 * says exactly whether the timeline itself changed, and when it says not,
 * the durations and the timeline's check are what they were. */
static void test_random_events(const char *path)
{
	struct store *w = NULL, *r = NULL;
	struct err e = {0};
	struct retro_doc d, fresh;
	ok(store_open(path, STORE_WRITE, &w, &e) == 0 && store_open(path, STORE_WRITE, &r, &e) == 0,
	   "random: a writer and a follower open the file");
	struct retro rt = {.title = xstrdup("Events at random"), .severity = xstrdup("SEV3")};
	ok(model_create_retro(w, &rt, &e) == 0, "creates a retrospective");
	for (int i = 0; i < 5; i++) {
		struct event ev = {.time = {5000 + 60 * i, 60}, .kind = EV_OTHER, .text = "x"};
		model_add_event(w, NULL, rt.id, &ev, &e);
	}
	ok(model_load(r, rt.id, &d, &e) == 0, "the follower loads it");
	srand(1234);
	int bad_doc = 0, bad_table = 0, bad_flag = 0, bad_derived = 0, partial = 0, rounds = 1000;
	for (int it = 0; it < rounds; it++) {
		struct durations dur0, dur1;
		struct timeline_check tc0, tc1;
		model_durations(d.events, d.n_events, &dur0);
		model_timeline_check(&d, 1700000000, &tc0);
		bool timeline;
		random_change(w, rt.id, &d, &timeline);
		enum refresh_how how;
		if (model_refresh(r, &d, &how, &e) != 0 || model_load(r, rt.id, &fresh, &e) != 0) {
			model_timeline_check_free(&tc0);
			ok(0, "refreshed (%s)", e.msg);
			break;
		}
		partial += how == REFRESH_PARTIAL;
		bool same = d.n_events == fresh.n_events, table = true;
		for (size_t i = 0; same && i < d.n_events; i++)
			same = same_event(&d.events[i], &fresh.events[i]);
		for (size_t i = 0; i < d.n_events; i++)
			table = table && doc_event(&d, d.events[i].id) == &d.events[i] &&
				(i == 0 || strcmp(d.events_by_id[i - 1]->id, d.events_by_id[i]->id) < 0);
		bad_doc += !same;
		bad_table += !table;
		bool flag = (d.refreshed & REFRESHED_TIMELINE) != 0;
		bad_flag += how == REFRESH_PARTIAL && flag != timeline;
		if (!flag) {
			model_durations(d.events, d.n_events, &dur1);
			model_timeline_check(&d, 1700000000, &tc1);
			bool eq = memcmp(&dur0, &dur1, sizeof dur0) == 0 && tc0.n == tc1.n;
			for (size_t i = 0; eq && i < tc0.n; i++)
				eq = strcmp(tc0.v[i].what, tc1.v[i].what) == 0 && tc0.v[i].token == tc1.v[i].token;
			bad_derived += !eq;
			model_timeline_check_free(&tc1);
		}
		model_timeline_check_free(&tc0);
		model_doc_free(&fresh);
	}
	ok(bad_doc == 0, "random: after each, the doc is what a fresh load reads (%d not)", bad_doc);
	ok(bad_table == 0, "and every event is found by its id where it is (%d not)", bad_table);
	ok(bad_flag == 0, "the timeline said changed exactly when it did (%d not)", bad_flag);
	ok(bad_derived == 0, "unchanged, the durations and the check are what they were (%d not)",
	   bad_derived);
	ok(partial == rounds, "every change read by id (%d of %d); %zu events, room for %zu", partial,
	   rounds, d.n_events, d.events_room);
	model_doc_free(&d);
	retro_free(&rt);
	store_close(w);
	store_close(r);
}

int main(void)
{
	char dir[] = "/tmp/debrief-inplace.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64], cmd[128];
	snprintf(path, sizeof path, "%s/n.db", dir);
	struct store *st;
	struct err e = {0};
	if (store_open(path, STORE_CREATE, &st, &e) == 0)
		store_close(st);
	test_took_notes(path);
	test_refreshed_notes(path);
	test_refreshed_events(path);
	test_random_events(path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	return done_testing();
}
