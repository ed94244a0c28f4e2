/* The document walk: one retrospective, told to whichever sink (Markdown,
 * plain text). What the sinks share is export_sink.c. */
#include "export_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the walk: one document, whatever the sink --- */

char *inl_new(struct sink *k, const char *s, enum style st)
{
	struct strbuf b = {0};
	k->ops->inl(&b, s, st);
	return sb_take(&b);
}

/* A value, or an aside saying it is missing. */
static char *inl_value(struct sink *k, const char *s)
{
	return (s && *s) ? inl_new(k, s, ST_TEXT) : inl_new(k, "—", ST_LIT);
}

static void add_row(struct sink *k, struct table *t, const char *label, char *value)
{
	table_add(t, inl_new(k, label, ST_LIT));
	table_add(t, value);
}

void emit_para(struct sink *k, const char *s, enum style st)
{
	char *x = inl_new(k, s, st);
	k->ops->para(k, x);
	free(x);
}

void emit_heading(struct sink *k, int level, const char *s)
{
	char *x = inl_new(k, s, ST_LIT);
	k->ops->heading(k, level, x);
	free(x);
}

/* "14:05 +01:00", with the date in front when it is not *prev_date; the
 * date goes into prev_date (32 bytes) for the next line when it is given. */
void format_when(struct instant t, char *prev_date, char *buf, size_t size)
{
	char date[32], clock[16], off[16];
	instant_format_date(t, date, sizeof date);
	instant_format_clock(t, clock, sizeof clock);
	offset_format(t.offset_min, off, sizeof off);
	char *p = buf, *end = buf + size - 1;
	bool same_day = prev_date && strcmp(prev_date, date) == 0;
	const char *parts[3] = {same_day ? NULL : date, clock, off};
	for (int i = 0; i < 3; i++) {
		if (!parts[i])
			continue;
		if (p > buf && p < end)
			*p++ = ' ';
		for (const char *q = parts[i]; *q && p < end; q++)
			*p++ = *q;
	}
	*p = '\0';
	if (prev_date && !same_day)
		memcpy(prev_date, date, sizeof date);
}

void event_link(struct sink *k, struct strbuf *b, size_t i, const char *text)
{
	char title[32];
	snprintf(title, sizeof title, EVENT_LINK_TITLE "%zu", i + 1);
	k->ops->link(b, text, EVENT_LINK_TARGET, strlen(EVENT_LINK_TARGET), title);
}

/* The notes on a record, as model_notes_for finds them; none in the
 * external profile (*v is then NULL). */
static size_t notes_on(struct sink *k, const struct retro_doc *doc, enum stage stage,
		       const char *event_id, const char *question_id, const char *action_id,
		       const struct note ***v)
{
	if (k->external) {
		*v = NULL;
		return 0;
	}
	return model_notes_for(doc, stage, event_id, question_id, action_id, v);
}

/* Each note as a list item: its text, then who wrote it (signed as on the
 * screen: the name the retrospective gives the role, else the role) and
 * when. */
static void emit_notes(struct sink *k, const struct retro *r, const struct note *const *v,
		       size_t n)
{
	for (size_t i = 0; i < n && !k->external; i++) {
		struct strbuf b = {0};
		char clock[16], who[SIGNER_SIZE];
		instant_format_clock((struct instant){v[i]->created_at, v[i]->offset_min}, clock,
				     sizeof clock);
		note_signer(r->facilitator, r->scribe, v[i]->role, who, sizeof who);
		k->ops->inl(&b, v[i]->body, ST_PROSE);
		k->ops->inl(&b, " — ", ST_LIT);
		k->ops->inl(&b, who, ST_TEXT);
		k->ops->inl(&b, ", ", ST_LIT);
		k->ops->inl(&b, clock, ST_LIT);
		k->ops->item(k, sb_str(&b));
		sb_free(&b);
	}
}

/* The participants, split at commas, trimmed, empty names dropped, joined
 * again with ", ". NULL when there are none. */
static char *participants_list(const char *s)
{
	if (!s)
		return NULL;
	struct strbuf b = {0};
	char *copy = xstrdup(s);
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		str_trim(name);
		if (!*name)
			continue;
		if (b.len)
			sb_puts(&b, ", ");
		sb_puts(&b, name);
	}
	free(copy);
	if (!b.len)
		return NULL;
	return sb_take(&b);
}

static size_t question_number(const struct retro_doc *doc, const char *id)
{
	for (size_t i = 0; i < doc->n_questions; i++)
		if (strcmp(doc->questions[i].id, id) == 0)
			return i + 1;
	return 0;
}

/* How many names a list of participants holds. */
static size_t count_names(const char *list)
{
	size_t n = 0;
	for (const char *p = list; p && *p; p++)
		n += *p == ',';
	return list && *list ? n + 1 : 0;
}

/* The people, by name (internal) or by role only (external). */
static void people_rows(struct sink *k, struct table *t, const struct retro *r)
{
	char *people = participants_list(r->participants);
	if (!k->external) {
		add_row(k, t, "Facilitator", inl_value(k, r->facilitator));
		add_row(k, t, "Scribe", inl_value(k, r->scribe));
		add_row(k, t, "Participants", inl_value(k, people));
		free(people);
		return;
	}
	char line[128];
	size_t n = count_names(people);
	free(people);
	snprintf(line, sizeof line, "%s%s%zu participant%s", r->facilitator ? "a facilitator, " : "",
		 r->scribe ? "a scribe, " : "", n, n == 1 ? "" : "s");
	add_row(k, t, "People", inl_new(k, line, ST_LIT));
}

static void walk_facts(struct sink *k, const struct retro *r)
{
	struct table t;
	table_init(&t, k, 2);
	table_add(&t, inl_new(k, "Field", ST_LIT));
	table_add(&t, inl_new(k, "Value", ST_LIT));
	add_row(k, &t, "Incident", inl_value(k, r->incident_ref));
	add_row(k, &t, "Severity", inl_value(k, r->severity));
	if (r->services)
		add_row(k, &t, "Services", inl_value(k, r->services));
	if (r->tags)
		add_row(k, &t, "Tags", inl_value(k, r->tags));
	add_row(k, &t, "Incident date", inl_value(k, r->incident_date));
	add_row(k, &t, "Status", inl_value(k, retro_status_name(r->status)));
	people_rows(k, &t, r);
	table_end(&t);
}

/* A duration, "unchecked" after it while the timeline's check has
 * problems the room neither fixed nor accepted. */
static char *inl_duration(struct sink *k, bool has, int64_t secs, bool unchecked)
{
	if (!has)
		return inl_new(k, "not known", ST_EM);
	char buf[48];
	duration_format(secs, buf, sizeof buf);
	struct strbuf b = {0};
	k->ops->inl(&b, buf, ST_LIT);
	if (unchecked)
		k->ops->inl(&b, " (unchecked)", ST_EM);
	return sb_take(&b);
}

/* What the timeline's check found, when it found anything. */
static void walk_check(struct sink *k, const struct timeline_check *c)
{
	if (c->state == TIMELINE_PASSES)
		return;
	char line[160];
	if (c->state == TIMELINE_UNCHECKED)
		snprintf(line, sizeof line,
			 "Unchecked: the timeline's check found %zu problem%s, %zu of them neither "
			 "fixed nor accepted:", c->n, c->n == 1 ? "" : "s", c->unaccepted);
	else
		snprintf(line, sizeof line,
			 "The timeline's check found %zu problem%s; the room accepted the timeline "
			 "as it is:", c->n, c->n == 1 ? "" : "s");
	emit_para(k, line, c->state == TIMELINE_UNCHECKED ? ST_STRONG : ST_LIT);
	for (size_t i = 0; i < c->n; i++) {
		struct strbuf b = {0};
		k->ops->inl(&b, c->v[i].what, ST_TEXT);
		if (c->state == TIMELINE_UNCHECKED && c->v[i].accepted)
			k->ops->inl(&b, " (accepted)", ST_EM);
		k->ops->item(k, sb_str(&b));
		sb_free(&b);
	}
}

/* The customer impact as the room wrote it, then the durations computed
 * from the timeline. */
static void walk_impact(struct sink *k, const struct retro_doc *doc)
{
	struct durations d;
	model_durations(doc->events, doc->n_events, &d);
	struct timeline_check c;
	model_timeline_check(doc, clock_now(), &c);
	bool unchecked = c.state == TIMELINE_UNCHECKED;
	emit_heading(k, 2, "Impact");
	const char *said = doc->retro.impact;
	emit_para(k, said && *said ? said : "The customer impact was not recorded.",
		  said && *said ? ST_PROSE : ST_EM);
	struct table t;
	table_init(&t, k, 2);
	table_add(&t, inl_new(k, "Measure", ST_LIT));
	table_add(&t, inl_new(k, "Duration", ST_LIT));
	add_row(k, &t, "Time to detect", inl_duration(k, d.has_detect, d.detect, unchecked));
	add_row(k, &t, "Time to mitigate", inl_duration(k, d.has_mitigate, d.mitigate, unchecked));
	add_row(k, &t, "Time to resolve", inl_duration(k, d.has_resolve, d.resolve, unchecked));
	add_row(k, &t, "Impact duration", inl_duration(k, d.has_impact, d.impact, unchecked));
	table_end(&t);

	if (!d.has_start) {
		emit_para(k, "Computed from the timeline; it has no impact start or trigger "
			     "to measure from.", ST_EM);
		walk_check(k, &c);
		model_timeline_check_free(&c);
		return;
	}
	bool impact = false;
	for (size_t i = 0; i < doc->n_events; i++)
		impact |= doc->events[i].kind == EV_IMPACT_START;
	char when[64], line[160];
	format_when(d.start, NULL, when, sizeof when);
	snprintf(line, sizeof line, "Computed from the timeline, measured from %s at %s.",
		 impact ? "the start of impact" : "the trigger", when);
	emit_para(k, line, ST_LIT);
	walk_check(k, &c);
	model_timeline_check_free(&c);
}

static void walk_prime(struct sink *k)
{
	emit_heading(k, 2, "Prime Directive");
	char *text = inl_new(k, PRIME_DIRECTIVE, ST_TEXT);
	char *by = inl_new(k, PRIME_DIRECTIVE_BY, ST_TEXT);
	k->ops->quote(k, text, by);
	free(text);
	free(by);
}

/* An event's text, then whether it was known at the time. */
static char *inl_event(struct sink *k, const struct event *ev)
{
	struct strbuf b = {0};
	k->ops->inl(&b, ev->text, ST_TEXT);
	if (ev->unknown_then) {
		k->ops->inl(&b, " (", ST_LIT);
		k->ops->inl(&b, "not known at the time", ST_EM);
		k->ops->inl(&b, ")", ST_LIT);
	}
	return sb_take(&b);
}

/* Where the events were seen (their sources), after the table: an address
 * in a cell would make the table as wide. */
static void walk_sources(struct sink *k, const struct retro_doc *doc)
{
	bool heading = false;
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct event *ev = &doc->events[i];
		if (!ev->source || !*ev->source)
			continue;
		if (!heading)
			emit_heading(k, 3, "Where the events were seen");
		heading = true;
		struct strbuf b = {0};
		char clock[16];
		instant_format_clock(ev->time, clock, sizeof clock);
		event_link(k, &b, i, clock);
		k->ops->inl(&b, " ", ST_LIT);
		size_t n = strlen(ev->source);
		if (model_followable(ev->source, n) && !strpbrk(ev->source, " \t"))
			k->ops->link(&b, ev->source, ev->source, n, NULL);
		else
			k->ops->inl(&b, ev->source, ST_TEXT);
		k->ops->item(k, sb_str(&b));
		sb_free(&b);
	}
}

static void walk_timeline(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "Timeline");
	if (doc->n_events == 0) {
		emit_para(k, "No events were recorded.", ST_EM);
		return;
	}
	struct table t;
	table_init(&t, k, 4);
	table_add(&t, inl_new(k, "Time", ST_LIT));
	table_add(&t, inl_new(k, "Kind", ST_LIT));
	table_add(&t, inl_new(k, "Event", ST_LIT));
	table_add(&t, inl_new(k, "Mark", ST_LIT));
	char prev_date[32] = "";
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct event *ev = &doc->events[i];
		char when[64];
		format_when(ev->time, prev_date, when, sizeof when);
		table_add(&t, inl_new(k, when, ST_LIT));
		table_add(&t, inl_new(k, event_kind_title(ev->kind), ST_LIT));
		table_add(&t, inl_event(k, ev));
		table_add(&t, inl_new(k, event_mark_title(ev->mark), ST_LIT));
	}
	table_end(&t);
	walk_sources(k, doc);

	/* A table cell cannot hold a list, so the notes follow the table, each
	 * event that has any named on a line of its own. */
	bool heading = false;
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct event *ev = &doc->events[i];
		const struct note **v;
		size_t n = notes_on(k, doc, STAGE_TIMELINE, ev->id, NULL, NULL, &v);
		if (n > 0) {
			if (!heading)
				emit_heading(k, 3, "Notes on the timeline");
			heading = true;
			char when[64];
			format_when(ev->time, NULL, when, sizeof when);
			struct strbuf b = {0};
			k->ops->inl(&b, when, ST_STRONG);
			k->ops->inl(&b, " · ", ST_LIT);
			k->ops->inl(&b, event_kind_title(ev->kind), ST_LIT);
			k->ops->inl(&b, ": ", ST_LIT);
			k->ops->inl(&b, ev->text, ST_TEXT);
			k->ops->para(k, sb_str(&b));
			sb_free(&b);
			emit_notes(k, &doc->retro, v, n);
		}
		free(v);
	}
}

static void walk_questions(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "The seven questions");
	if (doc->n_questions == 0)
		emit_para(k, "No questions on the agenda.", ST_EM);
	for (size_t i = 0; i < doc->n_questions; i++) {
		const struct question *q = &doc->questions[i];
		struct strbuf b = {0};
		char num[24];
		snprintf(num, sizeof num, "%zu. ", i + 1);
		k->ops->inl(&b, num, ST_LIT);
		k->ops->inl(&b, q->title, ST_TEXT);
		k->ops->heading(k, 3, sb_str(&b));
		sb_free(&b);
		if (q->custom)
			emit_para(k, "Added during the meeting.", ST_EM);
		const struct note **v;
		size_t n = notes_on(k, doc, STAGE_QUESTIONS, NULL, q->id, NULL, &v);
		if (n == 0 && !k->external)
			emit_para(k, "No notes.", ST_EM);
		emit_notes(k, &doc->retro, v, n);
		free(v);
	}
}

/* Where an action item came from: the event (its time and text) or the
 * question (its number). */
static char *inl_origin(struct sink *k, const struct retro_doc *doc, const struct action *a)
{
	struct strbuf b = {0};
	const struct event *ev = a->origin_event[0] ? doc_event(doc, a->origin_event) : NULL;
	size_t qn = a->origin_question[0] ? question_number(doc, a->origin_question) : 0;
	if (ev) {
		char clock[16];
		instant_format_clock(ev->time, clock, sizeof clock);
		k->ops->inl(&b, "Event ", ST_LIT);
		k->ops->inl(&b, clock, ST_LIT);
		k->ops->inl(&b, " ", ST_LIT);
		k->ops->inl(&b, ev->text, ST_TEXT);
	}
	if (qn) {
		char num[32];
		snprintf(num, sizeof num, "%sQuestion %zu", ev ? "; " : "", qn);
		k->ops->inl(&b, num, ST_LIT);
	}
	if (!b.len)
		k->ops->inl(&b, "—", ST_LIT);
	return sb_take(&b);
}

static void walk_actions(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "Action items");
	if (doc->n_actions == 0) {
		emit_para(k, "No action items were recorded.", ST_EM);
		return;
	}
	static const char *const head[] = {"#", "Action", "Owner", "Due", "Type",
					   "Priority", "Status", "Tracker", "From"};
	struct table t;
	table_init(&t, k, sizeof head / sizeof head[0]);
	for (size_t c = 0; c < t.cols; c++)
		table_add(&t, inl_new(k, head[c], ST_LIT));
	for (size_t i = 0; i < doc->n_actions; i++) {
		const struct action *a = &doc->actions[i];
		char num[24];
		snprintf(num, sizeof num, "%zu", i + 1);
		table_add(&t, inl_new(k, num, ST_LIT));
		table_add(&t, inl_new(k, a->title, ST_TEXT));
		bool owned = a->owner && *a->owner;
		table_add(&t, !owned ? inl_new(k, "unassigned", ST_STRONG)
			      : k->external ? inl_new(k, "assigned", ST_LIT) : inl_new(k, a->owner, ST_TEXT));
		table_add(&t, inl_value(k, a->due));
		table_add(&t, inl_value(k, action_type_name(a->type)));
		table_add(&t, inl_new(k, priority_name(a->priority), ST_LIT));
		if (a->status == ACT_DROPPED && a->drop_reason) { /* dropped, and why */
			char *why = inl_new(k, a->drop_reason, ST_TEXT);
			struct strbuf b = {0};
			k->ops->inl(&b, "dropped: ", ST_LIT);
			sb_puts(&b, why);
			free(why);
			table_add(&t, sb_take(&b));
		} else {
			table_add(&t, inl_new(k, action_status_name(a->status), ST_LIT));
		}
		table_add(&t, inl_value(k, a->tracker_ref));
		table_add(&t, inl_origin(k, doc, a));
	}
	table_end(&t);

	bool heading = false;
	for (size_t i = 0; i < doc->n_actions; i++) {
		const struct action *a = &doc->actions[i];
		const struct note **v;
		size_t n = notes_on(k, doc, STAGE_ACTIONS, NULL, NULL, a->id, &v);
		if (n > 0) {
			if (!heading)
				emit_heading(k, 3, "Notes on action items");
			heading = true;
			struct strbuf b = {0};
			char num[24];
			snprintf(num, sizeof num, "%zu.", i + 1);
			k->ops->inl(&b, num, ST_STRONG);
			k->ops->inl(&b, " ", ST_LIT);
			k->ops->inl(&b, a->title, ST_TEXT);
			k->ops->para(k, sb_str(&b));
			sb_free(&b);
			emit_notes(k, &doc->retro, v, n);
		}
		free(v);
	}
}

/* The ideas still in the parking lot, each with what it was parked on
 * (those that became action items are in the table above; the dropped
 * ones are left out: JSON keeps them all). */
static void walk_parked(struct sink *k, const struct retro_doc *doc)
{
	if (model_parked_waiting(doc) == 0)
		return;
	emit_heading(k, 2, "Ideas parked for later");
	for (size_t i = 0; i < doc->n_parked; i++) {
		const struct parked *p = &doc->parked[i];
		if (p->status != PARKED_WAITING)
			continue;
		struct strbuf b = {0};
		k->ops->inl(&b, p->text, ST_TEXT);
		const struct event *ev = doc_event(doc, p->event_id);
		size_t qn = p->question_id[0] ? question_number(doc, p->question_id) : 0;
		char from[80] = "";
		if (ev) {
			char clock[16];
			instant_format_clock(ev->time, clock, sizeof clock);
			snprintf(from, sizeof from, "parked on the %s event", clock);
		} else if (qn) {
			snprintf(from, sizeof from, "parked on question %zu", qn);
		} else if (p->stage >= STAGE_PRIME && p->stage <= STAGE_COUNT) {
			snprintf(from, sizeof from, "parked on the %s stage", stage_title(p->stage));
		}
		if (from[0]) {
			k->ops->inl(&b, " — ", ST_LIT);
			k->ops->inl(&b, from, ST_EM);
		}
		k->ops->item(k, sb_str(&b));
		sb_free(&b);
	}
}

/* Whether the note hangs under something the export shows elsewhere. */
/* What this meeting decided about an earlier item: how it stood before
 * against how it stands now. */
static void follow_up_decision(const struct follow_up *f, bool external, struct strbuf *b)
{
	const struct action *a = &f->now;
	if (f->status_before != a->status)
		sb_printf(b, "%s → %s", action_status_name(f->status_before), action_status_name(a->status));
	if (a->status == ACT_DROPPED && a->drop_reason)
		sb_printf(b, "%s%s", b->len ? ": " : "dropped: ", a->drop_reason);
	const char *ob = f->owner_before ? f->owner_before : "", *on = a->owner ? a->owner : "";
	if (strcmp(ob, on) != 0 && external)
		sb_printf(b, "%s%s", b->len ? "; " : "", *on ? "owner changed" : "owner removed");
	else if (strcmp(ob, on) != 0)
		sb_printf(b, "%sowner %s → %s", b->len ? "; " : "", *ob ? ob : "none", *on ? on : "none");
	const char *db = f->due_before ? f->due_before : "", *dn = a->due ? a->due : "";
	if (strcmp(db, dn) != 0)
		sb_printf(b, "%sdue %s → %s", b->len ? "; " : "", *db ? db : "none", *dn ? dn : "none");
	if (!b->len)
		sb_printf(b, "reviewed, still %s", action_status_name(a->status));
}

/* The earlier retrospectives' action items this meeting followed up. */
static void walk_follow_ups(struct sink *k, const struct retro_doc *doc)
{
	if (!doc->n_follow_ups)
		return;
	emit_heading(k, 2, "Follow-up of earlier action items");
	struct table t;
	table_init(&t, k, 3);
	table_add(&t, inl_new(k, "Action", ST_LIT));
	table_add(&t, inl_new(k, "From", ST_LIT));
	table_add(&t, inl_new(k, "Decided", ST_LIT));
	for (size_t i = 0; i < doc->n_follow_ups; i++) {
		const struct follow_up *f = &doc->follow_ups[i];
		struct strbuf b = {0};
		follow_up_decision(f, k->external, &b);
		table_add(&t, inl_new(k, f->now.title, ST_TEXT));
		table_add(&t, inl_new(k, f->now.retro_title ? f->now.retro_title : "", ST_TEXT));
		table_add(&t, inl_new(k, sb_str(&b), ST_TEXT));
		sb_free(&b);
	}
	table_end(&t);
}

static bool note_anchored(const struct retro_doc *doc, const struct note *x)
{
	if (x->event_id[0])
		return doc_event(doc, x->event_id) != NULL;
	if (x->question_id[0])
		return doc_question(doc, x->question_id) != NULL;
	if (x->action_id[0])
		return doc_action(doc, x->action_id) != NULL;
	return false;
}

/* Notes on a stage as a whole, by stage. A note whose event, question or
 * action is gone comes here too, so that no note is left out. */
static void walk_stage_notes(struct sink *k, const struct retro_doc *doc)
{
	const struct note **v = xcalloc(doc->n_notes + 1, sizeof *v);
	bool heading = false;
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		size_t n = 0;
		for (size_t i = 0; i < doc->n_notes; i++)
			if ((int)doc->notes[i].stage == s && !note_anchored(doc, &doc->notes[i]))
				v[n++] = &doc->notes[i];
		if (n == 0)
			continue;
		if (!heading)
			emit_heading(k, 2, "Notes by stage");
		heading = true;
		emit_heading(k, 3, stage_title((enum stage)s));
		emit_notes(k, &doc->retro, v, n);
	}
	free(v);
}

/* The run of show: the time each stage took against its timebox, once
 * the meeting was held in the program (its clock started). */
static void walk_run_of_show(struct sink *k, const struct retro *r)
{
	if (r->clock_started <= 0)
		return;
	emit_heading(k, 2, "Time per stage");
	struct table t;
	table_init(&t, k, 3);
	table_add(&t, inl_new(k, "Stage", ST_LIT));
	table_add(&t, inl_new(k, "Spent", ST_LIT));
	table_add(&t, inl_new(k, "Planned", ST_LIT));
	int64_t now = clock_now(), spent = 0, planned = 0;
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		struct stage_time st;
		model_stage_time(r, (enum stage)s, now, &st);
		char a[32], b[96], p[32], c[32];
		if (st.spent)
			duration_format(st.spent, a, sizeof a);
		else
			snprintf(a, sizeof a, "–");
		if (st.plan && st.extra) {
			duration_format(st.plan, p, sizeof p);
			duration_format(st.extra, c, sizeof c);
			snprintf(b, sizeof b, "%s (%s added)", p, c);
		} else if (st.plan) {
			duration_format(st.plan, b, sizeof b);
		} else {
			snprintf(b, sizeof b, "–");
		}
		table_add(&t, inl_new(k, stage_title((enum stage)s), ST_LIT));
		table_add(&t, inl_new(k, a, ST_LIT));
		table_add(&t, inl_new(k, b, ST_LIT));
		spent += st.spent;
		planned += st.plan;
	}
	table_end(&t);
	char a[32], b[32], line[128];
	duration_format(spent, a, sizeof a);
	duration_format(planned, b, sizeof b);
	if (spent)
		snprintf(line, sizeof line, "%s in all, against %s planned.", a, b);
	else
		snprintf(line, sizeof line, "No time spent yet, against %s planned.", b);
	emit_para(k, line, ST_LIT);
}

static void walk_thanks(struct sink *k, const struct retro *r)
{
	emit_heading(k, 2, "Thanks");
	struct strbuf names = {0};
	const char *roles[] = {r->facilitator, r->scribe};
	for (size_t i = 0; i < 2; i++) {
		if (roles[i] && *roles[i]) {
			if (names.len)
				sb_puts(&names, ", ");
			sb_puts(&names, roles[i]);
		}
	}
	char *people = participants_list(r->participants);
	if (people) {
		if (names.len)
			sb_puts(&names, ", ");
		sb_puts(&names, people);
		free(people);
	}
	struct strbuf b = {0};
	if (names.len && !k->external) {
		k->ops->inl(&b, "Thank you to everyone who took part: ", ST_LIT);
		k->ops->inl(&b, sb_str(&names), ST_TEXT);
		k->ops->inl(&b, ".", ST_LIT);
	} else {
		k->ops->inl(&b, "Thank you to everyone who took part.", ST_LIT);
	}
	k->ops->para(k, sb_str(&b));
	sb_free(&b);
	sb_free(&names);
}

/* The first lines: what the document is, and for whom. */
static void walk_profile(struct sink *k)
{
	emit_para(k, k->external ? "Blameless incident retrospective. External version: the meeting's "
				   "notes and people's names are left out."
				 : "Blameless incident retrospective. Internal version, for the team: "
				   "it holds the meeting's notes and people's names.",
		  ST_EM);
}

/* In the order readers look for things: what happened and what it cost,
 * what was learned and what will be done, then the record of the meeting,
 * and the Prime Directive and thanks last. */
static void walk_doc(struct sink *k, const struct retro_doc *doc)
{
	const struct retro *r = &doc->retro;
	char *title = inl_new(k, r->title ? r->title : "Untitled retrospective", ST_TEXT);
	k->ops->title(k, title);
	free(title);
	walk_profile(k);
	walk_facts(k, r);
	walk_summary(k, r);
	walk_impact(k, doc);
	walk_marks(k, doc);
	walk_factors(k, doc);
	walk_actions(k, doc);
	walk_follow_ups(k, doc);
	walk_parked(k, doc);
	walk_timeline(k, doc);
	if (!k->external) { /* (the questions are there for their notes) */
		walk_questions(k, doc);
		walk_stage_notes(k, doc);
	}
	walk_lessons(k, r);
	walk_links(k, r);
	walk_run_of_show(k, r);
	walk_prime(k);
	walk_thanks(k, r);
}

void render_with(const struct sink_ops *ops, const struct retro_doc *doc, enum export_profile p,
		 struct strbuf *out)
{
	struct sink k = {.ops = ops, .out = out, .external = p == EXPORT_EXTERNAL};
	walk_doc(&k, doc);
}
