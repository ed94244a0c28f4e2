/* The timeline's check: what the room looks at before it trusts the
 * durations (model.h says the rules), and accepting a timeline as it is. */
#include "debrief/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"

/* The fingerprint kept in the file: this version, then the sorted tokens
 * of the problems accepted, each 16 hex digits after a space. */
#define FINGERPRINT_VERSION "1"

struct found {
	const struct event *events; /* the timeline checked */
	struct timeline_problem *v;
	size_t *at; /* for each problem, its event's place in the timeline, +1; 0: none */
	size_t n, cap;
};

/* "09:47", with its date in front when it is not the day of `day` (NULL:
 * always the date). */
static void when(const struct event *ev, const struct event *day, char *buf, size_t size)
{
	char date[16], dday[16], clock[16];
	instant_format_date(ev->time, date, sizeof date);
	instant_format_clock(ev->time, clock, sizeof clock);
	if (day)
		instant_format_date(day->time, dday, sizeof dday);
	if (day && strcmp(date, dday) == 0)
		snprintf(buf, size, "%s", clock);
	else
		snprintf(buf, size, "%s %s", date, clock);
}

/* Adds a problem; rule names the rule that found it (part of its token,
 * with the events). */
static struct timeline_problem *add(struct found *f, enum timeline_problem_kind kind,
				    const char *rule, const struct event *ev,
				    const struct event *other)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
		f->at = xrealloc(f->at, f->cap * sizeof *f->at);
	}
	f->at[f->n] = ev ? (size_t)(ev - f->events) + 1 : 0;
	struct timeline_problem *p = &f->v[f->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	if (ev)
		str_copy(p->event_id, ID_LEN, ev->id);
	if (other)
		str_copy(p->other_id, ID_LEN, other->id);
	char key[160];
	int len = snprintf(key, sizeof key, "%d:%s:%s:%s", (int)kind, rule, p->event_id, p->other_id);
	p->token = text_hash(key, (size_t)len);
	return p;
}

/* One milestone that should not come before another. */
static void order(struct found *f, const char *rule, const struct event *later,
		  const struct event *earlier, const char *what_later, const char *what_earlier)
{
	if (!later || !earlier || later->time.at >= earlier->time.at)
		return;
	char a[40], b[40];
	when(later, earlier, a, sizeof a);
	when(earlier, later, b, sizeof b);
	struct timeline_problem *p = add(f, TLP_ORDER, rule, later, earlier);
	snprintf(p->what, sizeof p->what, "%s at %s comes before %s at %s.", what_later, a,
		 what_earlier, b);
}

/* Events that say the same: the same time, kind and text. */
static bool same(const struct event *a, const struct event *b)
{
	return a->time.at == b->time.at && a->kind == b->kind &&
	       strcmp(a->text ? a->text : "", b->text ? b->text : "") == 0;
}

/* By kind and text; among the same, as stored (the list's order). */
static int by_sameness(const void *x, const void *y)
{
	const struct event *a = *(const struct event *const *)x, *b = *(const struct event *const *)y;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = strcmp(a->text ? a->text : "", b->text ? b->text : "");
	return c ? c : (a < b ? -1 : a > b);
}

static void duplicate(struct found *f, const struct event *copy, const struct event *first)
{
	char t[40];
	when(copy, NULL, t, sizeof t);
	struct timeline_problem *p = add(f, TLP_DUPLICATE, "same", copy, first);
	snprintf(p->what, sizeof p->what, "%s at %s is there twice: \"%.80s\".",
		 event_kind_title(copy->kind), t, copy->text ? copy->text : "");
}

/* Each copy, against the first of the events that say the same. Events
 * come in time order, so those of one second are side by side: a walk,
 * each second's few compared in turn (many, sorted first). */
#define RUN_FEW 32
static void duplicates(struct found *f, const struct event *ev, size_t n)
{
	for (size_t run = 0, end; run < n; run = end) {
		for (end = run + 1; end < n && ev[end].time.at == ev[run].time.at; end++)
			;
		if (end - run <= 8) {
			for (size_t i = run + 1; i < end; i++) {
				size_t first = run;
				while (first < i && !same(&ev[first], &ev[i]))
					first++;
				if (first < i)
					duplicate(f, &ev[i], &ev[first]);
			}
			continue;
		}
		/* A few dozen (an imported log's second) sorted in place, by
		 * insertion: qsort's set-up cost more than the sorting. */
		size_t k = end - run;
		const struct event *few[RUN_FEW], **v = k <= RUN_FEW ? few : xcalloc(k, sizeof *v);
		for (size_t i = 0; i < k; i++) {
			const struct event *x = &ev[run + i];
			if (k > RUN_FEW) {
				v[i] = x;
				continue;
			}
			size_t j = i;
			for (; j > 0 && by_sameness(&v[j - 1], &x) > 0; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		if (k > RUN_FEW)
			qsort(v, k, sizeof *v, by_sameness);
		for (size_t first = 0, i = 1; i < k; i++) {
			if (same(v[first], v[i]))
				duplicate(f, v[i], v[first]);
			else
				first = i;
		}
		if (v != few)
			free(v);
	}
}

/* Where a problem comes in the list: those without an event first, then
 * in the timeline's order (each rule's in the order found). */
struct placed {
	struct timeline_problem *p;
	size_t at, seq;
};

static int by_place(const void *x, const void *y)
{
	const struct placed *a = x, *b = y;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void sort_problems(struct found *f)
{
	if (f->n < 2)
		return;
	struct placed *pl = xcalloc(f->n, sizeof *pl);
	for (size_t i = 0; i < f->n; i++)
		pl[i] = (struct placed){&f->v[i], f->at[i], i};
	qsort(pl, f->n, sizeof *pl, by_place);
	struct timeline_problem *v = xcalloc(f->n, sizeof *v);
	for (size_t i = 0; i < f->n; i++)
		v[i] = *pl[i].p;
	free(pl);
	free(f->v);
	f->v = v;
	f->cap = f->n;
}

static int by_token(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* The tokens a fingerprint accepted, sorted (it keeps them so; a file
 * edited by hand is sorted again); *n 0 for none, or one of another
 * version. */
static uint64_t *accepted_tokens(const char *fp, size_t *n)
{
	*n = 0;
	if (!fp || strncmp(fp, FINGERPRINT_VERSION " ", 2) != 0)
		return NULL;
	size_t cap = strlen(fp) / 17 + 1, k = 0;
	uint64_t *t = xcalloc(cap, sizeof *t);
	for (const char *p = fp + 1; *p == ' ' && k < cap; p += 17) {
		uint64_t v = 0;
		int d = 0;
		for (; d < 16; d++) {
			char c = p[1 + d];
			int x = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (x < 0)
				break;
			v = v << 4 | (uint64_t)x;
		}
		if (d < 16)
			break;
		t[k++] = v;
	}
	if (k)
		qsort(t, k, sizeof *t, by_token);
	*n = k;
	return t;
}

void model_timeline_check(const struct retro_doc *doc, int64_t now, struct timeline_check *out)
{
	memset(out, 0, sizeof *out);
	const struct event *ev = doc->events;
	size_t n = doc->n_events;
	struct found f = {.events = doc->events};
	if (n == 0)
		return; /* nothing to measure, nothing to mistrust */

	/* Out of order: every duration that would come out negative. */
	const struct event *impact = model_first_event(ev, n, EV_IMPACT_START);
	const struct event *start = impact ? impact : model_first_event(ev, n, EV_TRIGGER);
	const char *start_name = impact ? "the impact start" : "the trigger";
	const struct event *detect = model_first_event(ev, n, EV_DETECTION);
	if (!detect)
		detect = model_first_event(ev, n, EV_ALERT);
	const struct event *mitigate = model_first_event(ev, n, EV_MITIGATION);
	const struct event *resolve = model_first_event(ev, n, EV_RESOLUTION);
	const struct event *end = model_last_event(ev, n, EV_IMPACT_END);
	if (detect)
		order(&f, "detect", detect, start, event_kind_title(detect->kind), start_name);
	order(&f, "mitigate", mitigate, start, "Mitigation", start_name);
	order(&f, "resolve", resolve, start, "Resolution", start_name);
	order(&f, "resolve-mitigate", resolve, mitigate, "Resolution", "the first mitigation");
	order(&f, "end", end, impact, "Impact end", "the impact start");

	/* Missing: what two of the durations are measured to. */
	if (!detect)
		str_copy(add(&f, TLP_MISSING, "detection", NULL, NULL)->what, sizeof f.v->what,
			 "No detection (nor alert): time to detect is not known.");
	if (!resolve)
		str_copy(add(&f, TLP_MISSING, "resolution", NULL, NULL)->what, sizeof f.v->what,
			 "No resolution: time to resolve is not known.");

	duplicates(&f, ev, n);

	/* In the future, or far outside the incident. */
	const struct event *trigger = model_first_event(ev, n, EV_TRIGGER);
	const struct event *began = !trigger ? impact : !impact ? trigger :
				    trigger->time.at <= impact->time.at ? trigger : impact;
	const struct event *resolution = model_last_event(ev, n, EV_RESOLUTION);
	const struct event *ended = !resolution ? end : !end ? resolution :
				    resolution->time.at >= end->time.at ? resolution : end;
	for (size_t i = 0; i < n; i++) {
		char t[40], w[40];
		bool future = ev[i].time.at > now;
		bool before = !future && began && ev[i].time.at < began->time.at - MODEL_OUTSIDE_SECS;
		bool after = !future && !before && ended && ev[i].time.at > ended->time.at + MODEL_OUTSIDE_SECS;
		if (!future && !before && !after)
			continue;
		when(&ev[i], NULL, t, sizeof t);
		if (future) {
			struct timeline_problem *p = add(&f, TLP_FUTURE, "future", &ev[i], NULL);
			snprintf(p->what, sizeof p->what, "%s at %s is in the future.",
				 event_kind_title(ev[i].kind), t);
		} else if (before) {
			when(began, NULL, w, sizeof w);
			struct timeline_problem *p = add(&f, TLP_OUTSIDE, "before", &ev[i], began);
			snprintf(p->what, sizeof p->what,
				 "%s at %s is more than a day before the incident began (%s).",
				 event_kind_title(ev[i].kind), t, w);
		} else {
			when(ended, NULL, w, sizeof w);
			struct timeline_problem *p = add(&f, TLP_OUTSIDE, "after", &ev[i], ended);
			snprintf(p->what, sizeof p->what,
				 "%s at %s is more than a day after the incident ended (%s).",
				 event_kind_title(ev[i].kind), t, w);
		}
	}

	sort_problems(&f);
	free(f.at);
	out->v = f.v;
	out->n = f.n;
	size_t na;
	uint64_t *acc = accepted_tokens(doc->retro.timeline_accepted, &na);
	for (size_t i = 0; i < f.n; i++) {
		f.v[i].accepted = na && bsearch(&f.v[i].token, acc, na, sizeof *acc, by_token);
		out->unaccepted += !f.v[i].accepted;
	}
	free(acc);
	out->state = f.n == 0 ? TIMELINE_PASSES : out->unaccepted ? TIMELINE_UNCHECKED : TIMELINE_ACCEPTED;
}

void model_timeline_check_free(struct timeline_check *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}

const char *model_timeline_state_name(enum timeline_state s)
{
	switch (s) {
	case TIMELINE_PASSES: return "passes";
	case TIMELINE_ACCEPTED: return "accepted";
	case TIMELINE_UNCHECKED: return "unchecked";
	}
	return "";
}

int model_accept_timeline(struct store *st, const struct retro_doc *doc,
			  const struct timeline_check *c, struct err *e)
{
	if (doc->retro.status == RETRO_CLOSED)
		return err_set(e, "%s", MODEL_CLOSED_MSG);
	/* The problems there are now, each once, in a fixed order: the same
	 * problems give the same text on every terminal. */
	uint64_t *t = xcalloc(c->n + 1, sizeof *t);
	for (size_t i = 0; i < c->n; i++)
		t[i] = c->v[i].token;
	if (c->n)
		qsort(t, c->n, sizeof *t, by_token);
	struct strbuf b = {0};
	sb_puts(&b, FINGERPRINT_VERSION);
	for (size_t i = 0; i < c->n; i++)
		if (i == 0 || t[i] != t[i - 1])
			sb_printf(&b, " %016llx", (unsigned long long)t[i]);
	free(t);
	int rc = store_set_timeline_accepted(st, doc->retro.id, sb_str(&b), e);
	sb_free(&b);
	return rc;
}
