/* JSON: SQLite's JSON functions (store_json.c) and the derived values. */
#include "export_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- JSON --- */

static void json_seconds(struct strbuf *b, const char *key, bool has, int64_t v)
{
	if (has)
		sb_printf(b, ",\"%s\":%lld", key, (long long)v);
	else
		sb_printf(b, ",\"%s\":null", key);
}

/* The derived values. Only numbers, null and times we format ourselves go
 * in, so no string escaping is needed. */
static char *computed_json(const struct retro_doc *doc, size_t n_events)
{
	struct durations d;
	model_durations(doc->events, doc->n_events, &d);
	struct strbuf b = {0};
	if (d.has_start) {
		char iso[64];
		instant_format_iso(d.start, iso, sizeof iso);
		sb_printf(&b, "{\"measured_from\":\"%s\"", iso);
	} else {
		sb_puts(&b, "{\"measured_from\":null");
	}
	json_seconds(&b, "time_to_detect_seconds", d.has_detect, d.detect);
	json_seconds(&b, "time_to_mitigate_seconds", d.has_mitigate, d.mitigate);
	json_seconds(&b, "time_to_resolve_seconds", d.has_resolve, d.resolve);
	json_seconds(&b, "impact_duration_seconds", d.has_impact, d.impact);
	sb_printf(&b, ",\"events\":%zu,\"actions\":%zu", n_events, doc->n_actions);
	struct closing_check c; /* the Close stage's own count */
	model_closing_check(doc, &c);
	sb_printf(&b, ",\"actions_open\":%zu,\"actions_unassigned\":%zu", c.open, c.unowned);
	sb_printf(&b, ",\"ideas_parked\":%zu", c.parked);
	struct timeline_check tc; /* whether the durations are to be trusted */
	model_timeline_check(doc, clock_now(), &tc);
	sb_printf(&b, ",\"timeline_check\":\"%s\",\"timeline_problems\":%zu",
		  model_timeline_state_name(tc.state), tc.n);
	model_timeline_check_free(&tc);
	/* The run of show: each stage's time (spent to now for the stage
	 * whose time runs), planned with what was added. */
	sb_puts(&b, ",\"stages\":[");
	int64_t now = clock_now();
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		struct stage_time t;
		model_stage_time(&doc->retro, (enum stage)s, now, &t);
		sb_printf(&b, "%s{\"stage\":\"%s\",\"planned_seconds\":%lld,\"added_seconds\":%lld,"
			  "\"spent_seconds\":%lld}", s > STAGE_PRIME ? "," : "", stage_name((enum stage)s),
			  (long long)(t.plan - t.extra), (long long)t.extra, (long long)t.spent);
	}
	sb_puts(&b, "]}");
	return sb_take(&b);
}

/* --- what the meeting learned: the items the documents show, each
 * string quoted by SQLite --- */

struct quoting {
	struct store *st;
	const struct retro_doc *doc;
	struct strbuf *out;
	struct err *e;
	int failed;
	size_t n;
};

static void quote(struct quoting *q, const char *s, size_t n)
{
	if (!q->failed && store_json_quote(q->st, s, n, q->out, q->e) != 0)
		q->failed = 1;
}

static void quote_id(size_t i, size_t at, void *ctx)
{
	struct quoting *q = ctx;
	(void)at;
	if (q->n++)
		sb_putc(q->out, ',');
	const char *id = q->doc->events[i].id;
	quote(q, id, strlen(id));
}

/* A list field's items as an array, each as item() writes it; NULL
 * (JSON's null) when nothing was written. */
static void items_json(struct quoting *q, const char *text,
		       void (*item)(struct quoting *q, const char *line, size_t len))
{
	const char *line;
	size_t len, n = 0;
	if (!text) {
		sb_puts(q->out, "null");
		return;
	}
	sb_putc(q->out, '[');
	for (const char *p = text; next_item(&p, &line, &len);) {
		if (n++)
			sb_putc(q->out, ',');
		item(q, line, len);
	}
	sb_putc(q->out, ']');
}

static void factor_json(struct quoting *q, const char *line, size_t len)
{
	sb_puts(q->out, "{\"text\":");
	quote(q, line, len);
	sb_puts(q->out, ",\"events\":[");
	q->n = 0;
	factor_events(q->doc, line, len, quote_id, q);
	sb_puts(q->out, "]}");
}

static void lesson_json(struct quoting *q, const char *line, size_t len)
{
	quote(q, line, len);
}

static void link_json(struct quoting *q, const char *line, size_t len)
{
	struct link_line l;
	model_link_parse(line, len, &l);
	sb_puts(q->out, "{\"label\":");
	if (l.label_len)
		quote(q, l.label, l.label_len);
	else
		sb_puts(q->out, "null");
	sb_puts(q->out, ",\"url\":");
	if (l.url_len)
		quote(q, l.url, l.url_len);
	else
		sb_puts(q->out, "null");
	sb_putc(q->out, '}');
}

static int learned_json(struct store *st, const struct retro_doc *doc, struct strbuf out[4],
			struct err *e)
{
	const struct retro *r = &doc->retro;
	struct quoting q = {.st = st, .doc = doc, .e = e};
	q.out = &out[0];
	if (r->summary)
		quote(&q, r->summary, strlen(r->summary));
	else
		sb_puts(q.out, "null");
	q.out = &out[1];
	items_json(&q, r->factors, factor_json);
	q.out = &out[2];
	items_json(&q, r->lessons, lesson_json);
	q.out = &out[3];
	items_json(&q, r->links, link_json);
	return q.failed ? -1 : 0;
}

int render_json(struct store *st, const struct retro_doc *doc, size_t n_events,
		enum export_profile p, struct strbuf *out, struct err *e)
{
	if (!st)
		return err_set(e, "cannot export JSON without the database");
	struct strbuf learned[4] = {{0}};
	struct json_parts parts = {.external = p == EXPORT_EXTERNAL};
	int rc = learned_json(st, doc, learned, e);
	char *computed = computed_json(doc, n_events);
	parts.computed = computed;
	for (int i = 0; i < 4; i++)
		parts.learned[i] = sb_str(&learned[i]);
	if (rc == 0)
		rc = store_retro_json(st, doc->retro.id, &parts, out, e);
	free(computed);
	for (int i = 0; i < 4; i++)
		sb_free(&learned[i]);
	return rc == 0 ? 0 : -1;
}

