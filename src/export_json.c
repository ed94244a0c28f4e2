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

int render_json(struct store *st, const struct retro_doc *doc, size_t n_events,
		       struct strbuf *out, struct err *e)
{
	if (!st)
		return err_set(e, "cannot export JSON without the database");
	char *computed = computed_json(doc, n_events);
	int rc = store_retro_json(st, doc->retro.id, computed, out, e);
	free(computed);
	return rc == 0 ? 0 : -1;
}

