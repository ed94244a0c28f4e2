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
	for (int i = 0; i < 40; i++) {
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
	ok(saved, "forty notes saved (%s)", e.msg);
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
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	return done_testing();
}
