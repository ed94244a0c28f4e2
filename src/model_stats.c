/* The model: figures over time. Every retrospective not deleted goes in
 * the period (month or quarter) of its incident's date; its durations are
 * the exports' own (model_durations), its action items counted with it. */
#include "debrief/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day a retrospective is counted on: its incident's date, else the
 * local day it was written (as the list orders them). */
static void retro_day(const struct stats_retro *r, struct civil_date *d)
{
	if (r->incident_date && date_parse(r->incident_date, d))
		return;
	char buf[16];
	instant_format_date((struct instant){r->created_at, local_offset_min(r->created_at)}, buf,
			    sizeof buf);
	if (!date_parse(buf, d))
		*d = (struct civil_date){1970, 1, 1};
}

static void period_name(const struct civil_date *d, bool quarters, char *buf, size_t size)
{
	/* (A parsed date: years of four figures at most, months 1 to 12.) */
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 100u;
	if (quarters)
		snprintf(buf, size, "%04u-Q%u", y, (m + 2) / 3 % 10u);
	else
		snprintf(buf, size, "%04u-%02u", y, m);
}

/* The days of the week Monday to Friday from the day after `from` to
 * `to`, both days since 1970-01-01 (a Thursday). */
static int64_t business_days(int64_t from, int64_t to)
{
	int64_t n = 0;
	for (int64_t day = from + 1; day <= to && n < 3; day++) {
		int dow = (int)(((day + 4) % 7 + 7) % 7); /* 0 Sunday */
		n += dow != 0 && dow != 6;
	}
	return n;
}

/* The values of one figure over a period, gathered before their median. */
struct values {
	int64_t *v;
	size_t n, cap;
};

static void values_add(struct values *x, int64_t v)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = v;
}

static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The median (of an even count, the lower of the two middle values: a
 * figure some retrospective had) and the worst, the largest. */
static struct stats_figure figure_of(struct values *x)
{
	struct stats_figure f = {.n = x->n};
	if (x->n) {
		qsort(x->v, x->n, sizeof *x->v, by_value);
		f.median = x->v[(x->n - 1) / 2];
		f.worst = x->v[x->n - 1];
	}
	free(x->v);
	*x = (struct values){0};
	return f;
}

/* A retrospective and its month (year * 12 + month - 1), to sort by. */
struct dated {
	int month;
	struct stats_retro *r;
};

static int by_period(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;
	return (x->month > y->month) - (x->month < y->month);
}

static int by_severity(const void *a, const void *b)
{
	const struct stats_count *x = a, *y = b;
	if (!x->name || !y->name)
		return (x->name == NULL) - (y->name == NULL); /* none given last */
	return strcmp(x->name, y->name);
}

static void count_severity(struct stats_period *p, const char *name)
{
	for (size_t i = 0; i < p->n_severities; i++)
		if (str_eq(p->severities[i].name, name)) {
			p->severities[i].n++;
			return;
		}
	p->severities = xrealloc(p->severities, (p->n_severities + 1) * sizeof *p->severities);
	p->severities[p->n_severities++] = (struct stats_count){name ? xstrdup(name) : NULL, 1};
}

/* The action items of one retrospective into its period. */
static void count_items(struct stats_period *p, const struct stats_retro *r, const char *today)
{
	for (size_t k = 0; k < r->n_items; k++) {
		const struct stats_item *it = &r->items[k];
		p->opened++;
		if (it->status == ACT_DROPPED) {
			p->dropped++;
		} else if (it->status == ACT_OPEN) {
			p->overdue += it->due && strcmp(it->due, today) < 0;
		} else {
			p->done++;
			char day[16];
			struct civil_date due;
			if (it->status_at <= 0 || !it->due || !date_parse(it->due, &due)) {
				p->done_unknown++;
				continue;
			}
			instant_format_date((struct instant){it->status_at, local_offset_min(it->status_at)},
					    day, sizeof day);
			if (strcmp(day, it->due) <= 0)
				p->done_on_time++;
			else
				p->done_late++;
		}
	}
}

/* One period's figures from its retrospectives. */
static void period_of(struct stats_period *p, struct stats_retro *const *v, size_t n,
		      const char *today)
{
	struct values dur[STATS_DURATIONS] = {{0}}, meet = {0};
	for (size_t i = 0; i < n; i++) {
		const struct stats_retro *r = v[i];
		p->retros++;
		count_severity(p, r->severity);
		struct durations d;
		model_durations(r->events, r->n_events, &d);
		if (d.has_detect)
			values_add(&dur[STATS_DETECT], d.detect);
		if (d.has_mitigate)
			values_add(&dur[STATS_MITIGATE], d.mitigate);
		if (d.has_resolve)
			values_add(&dur[STATS_RESOLVE], d.resolve);
		if (d.has_impact)
			values_add(&dur[STATS_IMPACT], d.impact);
		if (r->clock_started > 0) {
			struct civil_date incident, met;
			char day[16];
			retro_day(r, &incident);
			instant_format_date((struct instant){r->clock_started,
							     local_offset_min(r->clock_started)},
					    day, sizeof day);
			if (date_parse(day, &met)) {
				int64_t from = days_from_civil(incident.year, incident.month, incident.day);
				int64_t to = days_from_civil(met.year, met.month, met.day);
				values_add(&meet, to - from);
				p->met_in_two += business_days(from, to) <= 2;
			}
		}
		count_items(p, r, today);
	}
	for (int k = 0; k < STATS_DURATIONS; k++)
		p->dur[k] = figure_of(&dur[k]);
	p->to_meeting = figure_of(&meet);
	qsort(p->severities, p->n_severities, sizeof *p->severities, by_severity);
}

int model_stats(struct store *st, bool quarters, const char *service, struct stats *out,
		struct err *e)
{
	memset(out, 0, sizeof *out);
	out->quarters = quarters;
	out->service = service ? xstrdup(service) : NULL;
	model_today(out->today, sizeof out->today);
	struct stats_retro *v;
	size_t n;
	if (store_stats_retros(st, service, &v, &n, e) != 0)
		return -1;
	/* In the order of their periods, then a period at a time. */
	struct dated *order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		struct civil_date d;
		retro_day(&v[i], &d);
		order[i] = (struct dated){d.year * 12 + d.month - 1, &v[i]};
	}
	qsort(order, n, sizeof *order, by_period);
	struct stats_retro **run = xcalloc(n ? n : 1, sizeof *run);
	for (size_t i = 0; i < n;) {
		char name[16], next[16];
		struct civil_date d = {order[i].month / 12, order[i].month % 12 + 1, 1};
		period_name(&d, quarters, name, sizeof name);
		size_t j = i;
		for (; j < n; j++) {
			d = (struct civil_date){order[j].month / 12, order[j].month % 12 + 1, 1};
			period_name(&d, quarters, next, sizeof next);
			if (strcmp(next, name) != 0)
				break;
			run[j - i] = order[j].r;
		}
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct stats_period *p = &out->v[out->n++];
		memset(p, 0, sizeof *p);
		str_copy(p->name, sizeof p->name, name);
		period_of(p, run, j - i, out->today);
		i = j;
	}
	free(run);
	free(order);
	store_free_stats_retros(v, n);
	return 0;
}

int model_stats_json(struct store *st, const struct stats *s, struct strbuf *out, struct err *e)
{
	return store_stats_json(st, s, out, e);
}

void model_stats_free(struct stats *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t k = 0; k < s->v[i].n_severities; k++)
			free(s->v[i].severities[k].name);
		free(s->v[i].severities);
	}
	free(s->v);
	free(s->service);
	memset(s, 0, sizeof *s);
}

const char *model_stats_label(int figure)
{
	static const char *const labels[STATS_FIGURES] = {
		"time to detect", "time to mitigate", "time to resolve", "impact duration",
		"incident to meeting",
	};
	return figure >= 0 && figure < STATS_FIGURES ? labels[figure] : "";
}

const struct stats_figure *model_stats_figure(const struct stats_period *p, int figure)
{
	return figure == STATS_DURATIONS ? &p->to_meeting : &p->dur[figure];
}

void model_stats_value(int figure, int64_t v, char *buf, size_t size)
{
	if (figure == STATS_DURATIONS)
		snprintf(buf, size, "%lld day%s", (long long)v, v == 1 ? "" : "s");
	else
		duration_format(v, buf, size);
}
