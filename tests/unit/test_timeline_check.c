/* Unit tests: the timeline's check (model_timeline_check), each rule on
 * its own, accepting a timeline as it is (kept in the file, undone by a
 * new problem, not by one fixed), and what closing asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/model.h"
#include "tap.h"

#define H 3600
/* 2026-11-24 09:00 UTC, and "now" two days later. */
#define T0 1795510800LL
#define NOW (T0 + 48 * H)

static struct event evs[16];
static size_t n_evs;

static void reset(void)
{
	for (size_t i = 0; i < n_evs; i++)
		free(evs[i].text);
	memset(evs, 0, sizeof evs);
	n_evs = 0;
}

/* Adds an event at T0 + secs (the caller keeps them in time order). */
static struct event *add(int64_t secs, enum event_kind k, const char *text)
{
	struct event *e = &evs[n_evs];
	snprintf(e->id, ID_LEN, "00000000-0000-4000-8000-%012zu", n_evs + 1);
	e->time.at = T0 + secs;
	e->time.offset_min = 0;
	e->kind = k;
	e->text = xstrdup(text);
	e->order = (int64_t)n_evs;
	n_evs++;
	return e;
}

/* A complete, ordered incident: nothing to say. */
static void incident(void)
{
	reset();
	add(0, EV_TRIGGER, "deploy");
	add(300, EV_IMPACT_START, "errors climb");
	add(900, EV_ALERT, "alert fires");
	add(1200, EV_DETECTION, "on-call sees it");
	add(2400, EV_MITIGATION, "rollback");
	add(3000, EV_IMPACT_END, "errors back to normal");
	add(3600, EV_RESOLUTION, "fixed for good");
}

static struct retro_doc doc_of(const char *accepted)
{
	struct retro_doc d = {0};
	strcpy(d.retro.id, "00000000-0000-4000-8000-00000000aaaa");
	d.retro.timeline_accepted = (char *)accepted;
	d.events = evs;
	d.n_events = n_evs;
	model_index(&d);
	return d;
}

static void doc_done(struct retro_doc *d)
{
	free(d->events_by_id);
	free(d->notes_by_anchor);
}

/* Checks the events now; kinds into k (a letter each: o out of order,
 * m missing, f future, d duplicate, x outside), the problems' words into
 * what (joined by " / "). */
static void check(const char *accepted, struct timeline_check *c, char *k, size_t ksize)
{
	struct retro_doc d = doc_of(accepted);
	model_timeline_check(&d, NOW, c);
	size_t j = 0;
	for (size_t i = 0; i < c->n && j + 1 < ksize; i++)
		k[j++] = "omfdx"[c->v[i].kind];
	k[j] = '\0';
	doc_done(&d);
}

static bool says(const struct timeline_check *c, const char *words)
{
	for (size_t i = 0; i < c->n; i++)
		if (strstr(c->v[i].what, words))
			return true;
	printf("#   no problem says \"%s\":\n", words);
	for (size_t i = 0; i < c->n; i++)
		printf("#     %s\n", c->v[i].what);
	return false;
}

static void test_rules(void)
{
	struct timeline_check c;
	char k[32];

	reset();
	check(NULL, &c, k, sizeof k);
	ok(c.state == TIMELINE_PASSES && c.n == 0, "an empty timeline: nothing to check");
	model_timeline_check_free(&c);

	incident();
	check(NULL, &c, k, sizeof k);
	ok(c.state == TIMELINE_PASSES && c.n == 0, "a complete incident in order passes");
	is_str(model_timeline_state_name(c.state), "passes", "and says so");
	model_timeline_check_free(&c);

	/* Out of order: every duration that would come out negative. */
	reset();
	add(0, EV_TRIGGER, "deploy");
	add(60, EV_DETECTION, "on-call notices");
	add(300, EV_IMPACT_START, "errors climb");
	add(900, EV_RESOLUTION, "fixed");
	add(1200, EV_MITIGATION, "rollback");
	check(NULL, &c, k, sizeof k);
	is_str(k, "oo", "detection before impact, resolution before mitigation");
	ok(c.state == TIMELINE_UNCHECKED && c.unaccepted == 2, "unchecked");
	ok(says(&c, "Detection at 09:01 comes before the impact start at 09:05."),
	   "detected before the impact started");
	ok(says(&c, "Resolution at 09:15 comes before the first mitigation at 09:20."),
	   "resolved before mitigated");
	ok(strcmp(c.v[0].event_id, evs[1].id) == 0 && strcmp(c.v[0].other_id, evs[2].id) == 0,
	   "the problem names its event (the detection) and the other (the impact start)");
	model_timeline_check_free(&c);

	reset();
	add(0, EV_TRIGGER, "deploy");
	add(60, EV_ALERT, "alert");
	add(120, EV_IMPACT_END, "errors gone");
	add(300, EV_IMPACT_START, "errors climb");
	add(400, EV_MITIGATION, "rollback");
	add(500, EV_RESOLUTION, "fixed");
	check(NULL, &c, k, sizeof k);
	is_str(k, "oo", "an alert before the impact (no detection), its end before its start");
	ok(says(&c, "Alert at 09:01 comes before the impact start"), "the alert stands for the detection");
	ok(says(&c, "Impact end at 09:02 comes before the impact start at 09:05."), "the impact's end");
	model_timeline_check_free(&c);

	reset();
	add(-60, EV_MITIGATION, "x");
	add(0, EV_IMPACT_START, "errors");
	add(60, EV_DETECTION, "seen");
	add(120, EV_RESOLUTION, "fixed");
	check(NULL, &c, k, sizeof k);
	is_str(k, "o", "a mitigation before the impact started");
	ok(says(&c, "Mitigation at 08:59 comes before the impact start at 09:00."), "says so");
	model_timeline_check_free(&c);

	/* Missing: only in a timeline with something in it. */
	reset();
	add(0, EV_IMPACT_START, "errors");
	add(600, EV_MITIGATION, "rollback");
	check(NULL, &c, k, sizeof k);
	is_str(k, "mm", "no detection, no resolution");
	ok(says(&c, "No detection (nor alert)") && says(&c, "No resolution"), "says what is missing");
	ok(!c.v[0].event_id[0], "with no event to go to");
	model_timeline_check_free(&c);

	/* The future: later than now. */
	incident();
	add(50 * H, EV_COMMUNICATION, "status page updated");
	check(NULL, &c, k, sizeof k);
	is_str(k, "f", "an event later than now");
	ok(says(&c, "Communication at 2026-11-26 11:00 is in the future."), "with its date");
	model_timeline_check_free(&c);

	/* Duplicates: the same time, kind and text. */
	incident();
	add(3720, EV_OTHER, "postmortem scheduled");
	add(3720, EV_OTHER, "postmortem scheduled");
	add(3720, EV_OTHER, "postmortem scheduled");
	add(3720, EV_OTHER, "postmortem written");
	check(NULL, &c, k, sizeof k);
	is_str(k, "dd", "each copy once, another text none");
	ok(strcmp(c.v[0].other_id, evs[7].id) == 0 && strcmp(c.v[1].other_id, evs[7].id) == 0,
	   "each against the first");
	ok(says(&c, "Other at 2026-11-24 10:02 is there twice: \"postmortem scheduled\"."), "says so");
	model_timeline_check_free(&c);
	incident();
	add(3720, EV_OTHER, "postmortem scheduled");
	add(3720, EV_COMMUNICATION, "postmortem scheduled");
	add(3721, EV_OTHER, "postmortem scheduled");
	check(NULL, &c, k, sizeof k);
	is_str(k, "", "another kind or another second is no duplicate");
	model_timeline_check_free(&c);
	/* Many in one second (an import of a log): sorted, the same found. */
	incident();
	const char *words[] = {"a", "b", "c", "a", "d", "b", "e", "a", "f"};
	for (size_t i = 0; i < 9; i++)
		add(3720, EV_OTHER, words[i]);
	check(NULL, &c, k, sizeof k);
	is_str(k, "ddd", "nine in one second: the three copies");
	ok(strcmp(c.v[0].other_id, evs[7].id) == 0 && strcmp(c.v[1].event_id, evs[12].id) == 0,
	   "each against the first stored, in the timeline's order");
	model_timeline_check_free(&c);

	/* Far outside the incident: a day before it began or after it ended. */
	reset();
	add(-25 * H, EV_OTHER, "an unrelated deploy");
	add(-23 * H, EV_OTHER, "the config change merged");
	add(0, EV_TRIGGER, "deploy");
	add(300, EV_IMPACT_START, "errors");
	add(600, EV_DETECTION, "seen");
	add(900, EV_RESOLUTION, "fixed");
	add(900 + 23 * H, EV_COMMUNICATION, "postmortem shared");
	check(NULL, &c, k, sizeof k);
	is_str(k, "x", "more than a day before the trigger; a day less, nothing");
	ok(says(&c, "Other at 2026-11-23 08:00 is more than a day before the incident began (2026-11-24 09:00)."),
	   "says so");
	model_timeline_check_free(&c);
	evs[6].time.at = T0 + 900 + 24 * H + 1; /* (still before now) */
	check(NULL, &c, k, sizeof k);
	ok(strchr(k, 'x') && says(&c, "more than a day after the incident ended"),
	   "a second over a day after the resolution is outside");
	model_timeline_check_free(&c);
	reset();
	add(-48 * H, EV_TRIGGER, "the bug shipped");
	add(0, EV_IMPACT_START, "errors");
	add(600, EV_DETECTION, "seen");
	add(900, EV_RESOLUTION, "fixed");
	check(NULL, &c, k, sizeof k);
	is_str(k, "", "a trigger long before the impact is where the incident began");
	model_timeline_check_free(&c);

	/* In timeline order, those without an event first. */
	reset();
	add(0, EV_DETECTION, "seen");
	add(300, EV_IMPACT_START, "errors");
	add(400, EV_OTHER, "x");
	add(400, EV_OTHER, "x");
	check(NULL, &c, k, sizeof k);
	is_str(k, "mod", "missing first, then by the events' order");
	model_timeline_check_free(&c);
	reset();
}

static void test_accepting(void)
{
	char dir[] = "/tmp/debrief-check.XXXXXX";
	if (!mkdtemp(dir))
		return;
	char path[64];
	snprintf(path, sizeof path, "%s/c.db", dir);
	struct store *st;
	struct err e = {0};
	ok(store_open(path, STORE_CREATE, &st, &e) == 0, "opens");
	struct retro r = {.title = xstrdup("Check me"), .incident_date = xstrdup("2026-11-24")};
	ok(model_create_retro(st, &r, &e) == 0, "creates a retrospective");
	char rid[ID_LEN];
	strcpy(rid, r.id);
	retro_free(&r);
	struct event tl[] = {
		{.time = {T0, 0}, .kind = EV_DETECTION, .text = "seen"},
		{.time = {T0 + 300, 0}, .kind = EV_IMPACT_START, .text = "errors"},
		{.time = {T0 + 900, 0}, .kind = EV_RESOLUTION, .text = "fixed"},
	};
	ok(store_add_events(st, rid, tl, 3, &e) == 0, "a timeline detected before its impact");

	struct retro_doc d;
	struct timeline_check c;
	struct retro_mark m0, m1;
	model_load(st, rid, &d, &e);
	model_timeline_check(&d, NOW, &c);
	ok(c.state == TIMELINE_UNCHECKED && c.n == 1, "is unchecked");
	store_retro_mark(st, rid, &m0, &e);
	int64_t rev = d.retro.rev;
	ok(model_accept_timeline(st, &d, &c, &e) == 0, "accepted as it is: %s", e.msg);
	model_timeline_check_free(&c);
	model_doc_free(&d);
	store_retro_mark(st, rid, &m1, &e);
	ok(m1.timeline_accepted != m0.timeline_accepted && m1.rev == m0.rev,
	   "other terminals see it in the mark; the details' rev stays (no clash with their form)");

	model_load(st, rid, &d, &e);
	ok(d.retro.rev == rev && d.retro.timeline_accepted && strncmp(d.retro.timeline_accepted, "1 ", 2) == 0,
	   "the fingerprint is kept in the file");
	model_timeline_check(&d, NOW, &c);
	ok(c.state == TIMELINE_ACCEPTED && c.unaccepted == 0 && c.v[0].accepted, "it reads as accepted");
	is_str(model_timeline_state_name(c.state), "accepted", "and says so");
	model_timeline_check_free(&c);
	char *same = xstrdup(d.retro.timeline_accepted);
	model_doc_free(&d);

	/* The same problems on another file give the same fingerprint. */
	struct retro r2 = {.title = xstrdup("Again"), .incident_date = xstrdup("2026-11-24")};
	model_create_retro(st, &r2, &e);
	struct event tl2[3];
	memcpy(tl2, tl, sizeof tl);
	for (int i = 0; i < 3; i++)
		tl2[i].id[0] = '\0';
	store_add_events(st, r2.id, tl2, 3, &e);
	model_load(st, r2.id, &d, &e);
	model_timeline_check(&d, NOW, &c);
	model_accept_timeline(st, &d, &c, &e);
	model_timeline_check_free(&c);
	model_doc_free(&d);
	model_load(st, r2.id, &d, &e);
	ok(strlen(d.retro.timeline_accepted) == strlen(same), "another timeline's fingerprint has the same shape");
	model_doc_free(&d);
	retro_free(&r2);
	free(same);

	/* A new problem: unchecked again; the old one stays accepted. */
	struct event late = {.time = {NOW + H, 0}, .kind = EV_OTHER, .text = "typed for tomorrow"};
	store_add_events(st, rid, &late, 1, &e);
	model_load(st, rid, &d, &e);
	model_timeline_check(&d, NOW, &c);
	ok(c.state == TIMELINE_UNCHECKED && c.n == 2 && c.unaccepted == 1, "a new problem: unchecked again");
	model_timeline_check_free(&c);
	model_doc_free(&d);
	/* Fixed: it was a typo. Accepted again without asking. */
	store_delete_event(st, rid, late.id, &e);
	model_load(st, rid, &d, &e);
	model_timeline_check(&d, NOW, &c);
	ok(c.state == TIMELINE_ACCEPTED, "fixed, the timeline is as it was accepted");
	model_timeline_check_free(&c);
	/* Fixing the accepted one too: it passes. */
	struct event moved;
	event_copy(&moved, &d.events[0]);
	moved.time.at = T0 + 600;
	store_update_event(st, rid, &moved, &e);
	event_free(&moved);
	model_doc_free(&d);
	model_load(st, rid, &d, &e);
	model_timeline_check(&d, NOW, &c);
	ok(c.state == TIMELINE_PASSES, "with nothing wrong left, it passes");
	model_timeline_check_free(&c);
	model_doc_free(&d);

	/* Closed: nothing more is accepted. */
	ok(model_set_status(st, rid, RETRO_CLOSED, &e) == 0, "closes it");
	model_load(st, rid, &d, &e);
	model_timeline_check(&d, NOW, &c);
	ok(model_accept_timeline(st, &d, &c, &e) != 0 && strstr(e.msg, "closed"), "a closed one refuses: %s",
	   e.msg);
	model_timeline_check_free(&c);
	d.retro.status = RETRO_IN_PROGRESS; /* (as a screen not caught up yet) */
	ok(model_accept_timeline(st, &d, &c, &e) != 0 && strstr(e.msg, "closed"),
	   "even from a doc read before it was closed: %s", e.msg);
	model_doc_free(&d);
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	(void)!system(cmd);
}

static void test_closing(void)
{
	struct closing_check c = {.actions = 2};
	char msg[160];
	ok(!model_closing_warning(&c, msg, sizeof msg), "all owned, timeline checked, nothing parked: nothing");
	c.timeline_problems = 2;
	ok(model_closing_warning(&c, msg, sizeof msg), "an unchecked timeline: a warning");
	is_str(msg, "The timeline is unchecked (2 problems).", "that says so");
	c.timeline_problems = 0;
	c.parked = 1;
	model_closing_warning(&c, msg, sizeof msg);
	is_str(msg, "1 idea is still parked.", "an idea still parked");
	c.parked = 12;
	c.unowned = 12;
	c.timeline_problems = 1;
	model_closing_warning(&c, msg, sizeof msg);
	is_str(msg, "12 without an owner, timeline unchecked, 12 ideas parked.", "all three, shortly");
	ok(strlen(msg) + strlen(" Close anyway? y/n") <= 78, "with the question, on a line of 80 columns");
	c.actions = 0;
	c.unowned = 0;
	c.parked = 0;
	model_closing_warning(&c, msg, sizeof msg);
	is_str(msg, "No action items, timeline unchecked.", "no action items and an unchecked timeline");

	/* The check's own counts, from a doc. */
	incident();
	add(3720, EV_OTHER, "x");
	add(3720, EV_OTHER, "x");
	struct parked lot[3] = {{.status = PARKED_WAITING}, {.status = PARKED_DROPPED},
				{.status = PARKED_WAITING}};
	struct retro_doc d = doc_of(NULL);
	d.parked = lot;
	d.n_parked = 3;
	struct closing_check cc;
	model_closing_check(&d, &cc);
	ok(cc.parked == 2 && cc.timeline_problems == 1 && cc.actions == 0,
	   "counted from the doc: 2 ideas parked, 1 problem (%zu, %zu)", cc.parked, cc.timeline_problems);
	ok(model_parked_waiting(&d) == 2, "the dropped one does not count");
	doc_done(&d);
	reset();
}

int main(void)
{
	setenv("DEBRIEF_NOW", "1795683600", 1); /* NOW, for model_closing_check */
	test_rules();
	test_accepting();
	test_closing();
	return done_testing();
}
