/* The model: the rules of each record kind, once (the checks, and a record
 * from the text typed in a form's fields). */
#include "debrief/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "debrief/quickadd.h"
#include "debrief/text.h"
#include "model_internal.h"

/* --- the rules of each record kind --- */

static int field_fail(struct field_err *fe, int field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int field_fail(struct field_err *fe, int field, const char *fmt, ...)
{
	va_list ap;
	fe->field = field;
	va_start(ap, fmt);
	vsnprintf(fe->msg, sizeof fe->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static void field_ok(struct field_err *fe)
{
	fe->field = -1;
	fe->msg[0] = '\0';
}

static bool blank(const char *s)
{
	return !s || !*s;
}

static bool real_date(const char *s)
{
	struct civil_date d;
	return date_parse(s, &d);
}

int model_check_event(const struct event *ev, struct field_err *fe)
{
	field_ok(fe);
	if ((unsigned)ev->kind >= EV_KIND_COUNT)
		return field_fail(fe, EVF_KIND, "the kind is not one of the known kinds");
	if ((unsigned)ev->mark >= MARK_COUNT)
		return field_fail(fe, EVF_MARK, "the mark is not went-well, could-be-better or lucky");
	if (blank(ev->text))
		return field_fail(fe, EVF_TEXT, "an event needs some text");
	return 0;
}

int model_check_action(const struct action *a, struct field_err *fe)
{
	field_ok(fe);
	if (blank(a->title))
		return field_fail(fe, ACF_TITLE, "an action item needs a title");
	if (a->due && !real_date(a->due))
		return field_fail(fe, ACF_DUE, "the due date '%.40s' is not a real date as YYYY-MM-DD", a->due);
	if ((unsigned)a->type >= ACT_TYPE_COUNT)
		return field_fail(fe, ACF_TYPE, "the type is not prevent, detect, mitigate or process");
	if (a->priority < PRIO_P1 || a->priority > PRIO_P4)
		return field_fail(fe, ACF_PRIO, "the priority is not P1 to P4");
	if ((unsigned)a->status >= ACT_STATUS_COUNT)
		return field_fail(fe, ACF_STATUS, "the status is not open, done or dropped");
	return 0;
}

int model_check_retro(const struct retro *r, struct field_err *fe)
{
	field_ok(fe);
	if (blank(r->title))
		return field_fail(fe, RTF_TITLE, "a retrospective needs a title");
	if (r->incident_date && !real_date(r->incident_date))
		return field_fail(fe, RTF_DATE, "the incident date '%.40s' is not a real date as YYYY-MM-DD",
				  r->incident_date);
	const char *const lists[] = {r->services, r->tags}, *const what[] = {"service", "tag"};
	for (int i = 0; i < 2; i++) {
		struct err e = {0};
		char *kept = NULL;
		int rc = model_labels(what[i], lists[i], &kept, &e);
		bool same = rc == 0 && (kept ? lists[i] && strcmp(kept, lists[i]) == 0 : !lists[i]);
		free(kept);
		if (rc != 0)
			return field_fail(fe, RTF_SERVICES + i, "%s", e.msg);
		if (!same)
			return field_fail(fe, RTF_SERVICES + i, "the %ss are not kept as a sorted list", what[i]);
	}
	return 0;
}

int model_check_question(const struct question *q, struct field_err *fe)
{
	field_ok(fe);
	if (blank(q->title))
		return field_fail(fe, QUF_TITLE, "a question needs some text");
	return 0;
}

/* Cleans one typed field into *dst (NULL when empty). */
static int take_field(struct field_err *fe, int field, const char *what, const char *value, char **dst)
{
	struct err e = {0};
	char *v = model_clean_field(what, value, false, &e);
	if (!v)
		return field_fail(fe, field, "%s", e.msg);
	free(*dst);
	*dst = *v ? v : NULL;
	if (!*v)
		free(v);
	return 0;
}

int model_event_from_fields(struct event *ev, const char *const v[EVF_COUNT], struct field_err *fe)
{
	field_ok(fe);
	/* A time alone stays on the day the event is on. */
	struct civil_date day, *dayp = NULL;
	char datebuf[16];
	instant_format_date(ev->time, datebuf, sizeof datebuf);
	if (date_parse(datebuf, &day))
		dayp = &day;
	size_t used;
	bool had;
	enum time_parse_status ts = timestamp_parse(v[EVF_TIME], dayp, &ev->time, &used, &had);
	if (ts != TIME_OK)
		return field_fail(fe, EVF_TIME, "the time: %s", time_status_message(ts));
	if (v[EVF_TIME][used] != '\0')
		return field_fail(fe, EVF_TIME, "the time: unexpected text after it");
	int k = event_kind_parse(v[EVF_KIND]);
	if (k < 0)
		return field_fail(fe, EVF_KIND, "unknown kind '%.40s'", v[EVF_KIND]);
	int m = *v[EVF_MARK] ? event_mark_parse(v[EVF_MARK]) : MARK_NONE;
	if (m < 0)
		return field_fail(fe, EVF_MARK, "unknown mark '%.40s' (went-well, could-be-better, lucky)",
				  v[EVF_MARK]);
	ev->kind = (enum event_kind)k;
	ev->mark = (enum event_mark)m;
	if (take_field(fe, EVF_TEXT, "the text", v[EVF_TEXT], &ev->text) != 0 ||
	    (v[EVF_SOURCE] && take_field(fe, EVF_SOURCE, "where it was seen", v[EVF_SOURCE], &ev->source) != 0))
		return -1;
	/* Known then: yes (or empty), or no: learned afterwards. (The last
	 * two fields may be NULL: not on the form, kept as they are.) */
	char *known = NULL;
	if (v[EVF_KNOWN] && take_field(fe, EVF_KNOWN, "known then", v[EVF_KNOWN], &known) != 0)
		return -1;
	bool yes = !known || strcasecmp(known, "yes") == 0 || strcasecmp(known, "y") == 0;
	bool no = known && (strcasecmp(known, "no") == 0 || strcasecmp(known, "n") == 0);
	free(known);
	if (!yes && !no)
		return field_fail(fe, EVF_KNOWN, "known then: yes or no");
	if (v[EVF_KNOWN])
		ev->unknown_then = no;
	return model_check_event(ev, fe);
}

int model_action_from_line(const struct retro_doc *doc, const char *line, struct action *a,
			   struct err *e)
{
	if (quickadd_parse_action(line, a, e) != 0)
		return -1;
	if (doc)
		quickadd_spell_owner(doc, &a->owner);
	return 0;
}

int model_action_from_fields(const struct retro_doc *doc, struct action *a,
			     const char *const v[ACF_COUNT], struct field_err *fe)
{
	field_ok(fe);
	if (take_field(fe, ACF_TITLE, "the action", v[ACF_TITLE], &a->title) != 0 ||
	    take_field(fe, ACF_OWNER, "the owner", v[ACF_OWNER], &a->owner) != 0)
		return -1;
	if (a->owner && a->owner[0] == '@')
		memmove(a->owner, a->owner + 1, strlen(a->owner));
	if (a->owner && !a->owner[0]) {
		free(a->owner);
		a->owner = NULL;
	}
	if (doc)
		quickadd_spell_owner(doc, &a->owner);
	if (take_field(fe, ACF_DUE, "the due date", v[ACF_DUE], &a->due) != 0)
		return -1;
	int t = v[ACF_TYPE] && *v[ACF_TYPE] ? action_type_parse(v[ACF_TYPE]) : ACT_TYPE_NONE;
	if (t < 0)
		return field_fail(fe, ACF_TYPE, "unknown type '%.40s'", v[ACF_TYPE]);
	int p = priority_parse(v[ACF_PRIO]);
	if (p < 0)
		return field_fail(fe, ACF_PRIO, "unknown priority '%.40s' (P1 to P4)", v[ACF_PRIO]);
	int s = action_status_parse(v[ACF_STATUS]);
	if (s < 0)
		return field_fail(fe, ACF_STATUS, "unknown status '%.40s'", v[ACF_STATUS]);
	a->type = (enum action_type)t;
	a->priority = (enum priority)p;
	a->status = (enum action_status)s;
	if (take_field(fe, ACF_REF, "the tracker reference", v[ACF_REF], &a->tracker_ref) != 0)
		return -1;
	return model_check_action(a, fe);
}

_Static_assert(RTF_FACTORS - RTF_SUMMARY == LEARN_FACTORS && RTF_LESSONS - RTF_SUMMARY == LEARN_LESSONS &&
		       RTF_LINKS - RTF_SUMMARY == LEARN_LINKS && RTF_COUNT - RTF_SUMMARY == LEARN_COUNT,
	       "the details' fields of what was learned are in enum learning's order");

int model_retro_from_fields(struct retro *r, const char *const v[RTF_COUNT], struct field_err *fe)
{
	static const char *const what[RTF_COUNT] = {
		"the title", "the incident", "the severity", "the date", "the impact",
		"the trigger", "the facilitator", "the scribe", "the participants", "service", "tag",
	};
	char **dst[RTF_COUNT] = {
		&r->title, &r->incident_ref, &r->severity, &r->incident_date, &r->impact,
		&r->trigger, &r->facilitator, &r->scribe, &r->participants, &r->services, &r->tags,
		&r->summary, &r->factors, &r->lessons, &r->links,
	};
	field_ok(fe);
	for (int i = 0; i < RTF_COUNT; i++) {
		struct err e = {0};
		if (!v[i])
			continue;
		if (i >= RTF_SUMMARY) { /* several lines, kept */
			char *kept;
			if (model_learning_clean((enum learning)(i - RTF_SUMMARY), v[i], &kept, &e) != 0)
				return field_fail(fe, i, "%s", e.msg);
			free(*dst[i]);
			*dst[i] = kept;
		} else if (i == RTF_SERVICES || i == RTF_TAGS) {
			char *typed = xstrdup(v[i]);
			free(*dst[i]);
			*dst[i] = typed;
			if (model_relabel(what[i], dst[i], &e) != 0)
				return field_fail(fe, i, "%s", e.msg);
		} else if (take_field(fe, i, what[i], v[i], dst[i]) != 0) {
			return -1;
		}
	}
	return model_check_retro(r, fe);
}
