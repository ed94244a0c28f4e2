/* Unit tests: durations, creating and loading a retrospective, the rules
 * of fields and of a closed retrospective, the meeting's clock (every
 * change undone: test_model_undo.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/model.h"
#include "tap.h"

static struct event ev(int64_t at, enum event_kind k)
{
	struct event e = {0};
	e.time.at = at;
	e.kind = k;
	return e;
}

static void test_durations(void)
{
	struct durations d;
	struct event none[] = {ev(0, EV_OTHER)};
	model_durations(none, 1, &d);
	ok(!d.has_start && !d.has_detect && !d.has_impact, "no start, nothing computed");

	struct event full[] = {
		ev(0, EV_TRIGGER),          ev(300, EV_IMPACT_START), ev(960, EV_ALERT),
		ev(1320, EV_DETECTION),     ev(1500, EV_PAGE),        ev(2640, EV_MITIGATION),
		ev(3000, EV_MITIGATION),    ev(3240, EV_IMPACT_END),  ev(4680, EV_RESOLUTION),
	};
	model_durations(full, 9, &d);
	ok(d.has_start && d.start.at == 300, "starts at impact, not at the trigger");
	ok(d.has_detect && d.detect == 1020, "detect: to the first detection, not the alert");
	ok(d.has_mitigate && d.mitigate == 2340, "mitigate: to the first mitigation");
	ok(d.has_resolve && d.resolve == 4380, "resolve: to the resolution");
	ok(d.has_impact && d.impact == 2940, "impact: start to impact end");

	struct event alert_only[] = {ev(100, EV_TRIGGER), ev(400, EV_ALERT), ev(900, EV_RESOLUTION)};
	model_durations(alert_only, 3, &d);
	ok(d.has_detect && d.detect == 300, "an alert counts when nothing was marked detection");
	ok(!d.has_mitigate, "no mitigation, no time to mitigate");
	ok(!d.has_impact, "no impact start, no impact duration");

	struct event no_end[] = {ev(100, EV_IMPACT_START), ev(700, EV_RESOLUTION)};
	model_durations(no_end, 2, &d);
	ok(d.has_impact && d.impact == 600, "impact ends at resolution when no impact-end");
}

static void test_create_and_load(void)
{
	char dir[] = "/tmp/debrief-model.XXXXXX";
	if (!mkdtemp(dir))
		return;
	char path[64];
	snprintf(path, sizeof path, "%s/m.db", dir);
	struct store *st;
	struct err e = {0};
	ok(store_open(path, STORE_CREATE, &st, &e) == 0, "opens");

	struct retro r = {0};
	r.title = strdup("   ");
	ok(model_create_retro(st, &r, &e) != 0, "a blank title is refused");
	is_str(e.msg, "a retrospective needs a title", "with a message");
	retro_free(&r);
	r.title = strdup("Fine");
	r.incident_date = strdup("2026-02-30");
	ok(model_create_retro(st, &r, &e) != 0, "an impossible date is refused");
	retro_free(&r);
	r.title = strdup("Bad \xff byte");
	ok(model_create_retro(st, &r, &e) != 0 && strstr(e.msg, "UTF-8"), "invalid UTF-8 is refused");
	retro_free(&r);

	r.title = strdup("DNS \x1b[2Jwipe");
	r.participants = strdup("A, B");
	ok(model_create_retro(st, &r, &e) == 0, "creates: %s", e.msg);
	is_str(r.title, "DNS \xe2\x90\x9b[2Jwipe", "an escape sequence is stored as a visible symbol");
	char id[ID_LEN];
	strcpy(id, r.id);
	retro_free(&r);

	struct retro_doc doc;
	ok(model_load(st, id, &doc, &e) == 0, "loads");
	is_int(doc.n_questions, 7, "with the seven questions of the agenda");
	struct note n1 = {.stage = STAGE_QUESTIONS, .role = ROLE_SCRIBE, .body = "on q1"};
	strcpy(n1.question_id, doc.questions[0].id);
	struct note n2 = {.stage = STAGE_QUESTIONS, .role = ROLE_FACILITATOR, .body = "on the stage"};
	store_add_note(st, id, &n1, &e);
	store_add_note(st, id, &n2, &e);
	char qid[ID_LEN];
	strcpy(qid, doc.questions[0].id);
	model_doc_free(&doc);
	ok(model_load(st, id, &doc, &e) == 0, "reloads");
	const struct note **v;
	size_t k = model_notes_for(&doc, STAGE_QUESTIONS, NULL, qid, NULL, &v);
	ok(k == 1 && strcmp(v[0]->body, "on q1") == 0, "notes for a question");
	free(v);
	k = model_notes_for(&doc, STAGE_QUESTIONS, NULL, NULL, NULL, &v);
	ok(k == 1 && strcmp(v[0]->body, "on the stage") == 0, "notes for the stage alone");
	free(v);
	model_doc_free(&doc);
	ok(model_load(st, "00000000-0000-0000-0000-000000000000", &doc, &e) != 0, "a missing retro fails to load");
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
}

static void test_closing_rules(void)
{
	struct action acts[2] = {{.title = "a", .owner = "Ann"}, {.title = "b", .owner = ""}};
	struct retro_doc d = {0};
	struct closing_check c;
	char msg[96];
	model_closing_check(&d, &c);
	ok(model_closing_warning(&c, msg, sizeof msg), "no action item: a warning");
	is_str(msg, "There are no action items.", "that says so");
	d.actions = acts;
	d.n_actions = 2;
	model_closing_check(&d, &c);
	ok(c.unowned == 1 && c.open == 2, "an empty owner is no owner");
	ok(model_closing_warning(&c, msg, sizeof msg), "an ownerless item: a warning");
	is_str(msg, "1 action item is without an owner.", "that counts it");
	d.n_actions = 1;
	model_closing_check(&d, &c);
	ok(!model_closing_warning(&c, msg, sizeof msg) && !msg[0], "every item owned: nothing to say");
}


/* Every rule of a record, checked once in the model, names its field. */
static void test_field_rules(void)
{
	struct field_err fe;
	struct action a = {0};
	a.priority = PRIO_P2;
	const char *v[ACF_COUNT] = {"Fix the pager", "@priya", "2026-02-30", "detect", "P1", "open", ""};
	ok(model_action_from_fields(NULL, &a, v, &fe) != 0 && fe.field == ACF_DUE, "an impossible due date: the due field");
	ok(strstr(fe.msg, "due date") && strstr(fe.msg, "2026-02-30"), "the message names the field and value");
	v[ACF_DUE] = "2026-03-01";
	v[ACF_PRIO] = "P5";
	ok(model_action_from_fields(NULL, &a, v, &fe) != 0 && fe.field == ACF_PRIO, "P5: the priority field");
	v[ACF_PRIO] = "p3";
	v[ACF_TITLE] = "  ";
	ok(model_action_from_fields(NULL, &a, v, &fe) != 0 && fe.field == ACF_TITLE, "a blank title: the title field");
	v[ACF_TITLE] = "Fix the pager";
	v[ACF_REF] = "bad\xff";
	ok(model_action_from_fields(NULL, &a, v, &fe) != 0 && fe.field == ACF_REF, "invalid UTF-8: its field");
	v[ACF_REF] = "";
	ok(model_action_from_fields(NULL, &a, v, &fe) == 0 && fe.field == -1, "a good action passes");
	is_str(a.owner, "priya", "the owner loses its @");
	is_int(a.priority, PRIO_P3, "p3 read");
	a.priority = (enum priority)9;
	ok(model_check_action(&a, &fe) != 0 && fe.field == ACF_PRIO, "a priority out of range is caught");
	action_free(&a);

	struct event ev = {0};
	const char *ve[EVF_COUNT] = {"2026-03-04 10:00Z", "paged", "", "   "};
	ok(model_event_from_fields(&ev, ve, &fe) != 0 && fe.field == EVF_TEXT, "an event with no text: the text");
	ve[EVF_TEXT] = "paged";
	ve[EVF_TIME] = "2026-02-30 10:00";
	ok(model_event_from_fields(&ev, ve, &fe) != 0 && fe.field == EVF_TIME, "an impossible time: the time");
	ve[EVF_TIME] = "10:00Z";
	ve[EVF_MARK] = "meh";
	ok(model_event_from_fields(&ev, ve, &fe) != 0 && fe.field == EVF_MARK, "an unknown mark: the mark");
	ve[EVF_MARK] = "";
	ve[EVF_KNOWN] = "maybe";
	ok(model_event_from_fields(&ev, ve, &fe) != 0 && fe.field == EVF_KNOWN, "known then neither yes nor no");
	ve[EVF_KNOWN] = "No";
	ve[EVF_SOURCE] = "  https://grafana.example.com/d/x  ";
	ok(model_event_from_fields(&ev, ve, &fe) == 0 && ev.unknown_then && ev.source &&
		   strcmp(ev.source, "https://grafana.example.com/d/x") == 0,
	   "no: not known then; where it was seen, trimmed");
	ve[EVF_SOURCE] = "";
	ve[EVF_KNOWN] = NULL;
	ok(model_event_from_fields(&ev, ve, &fe) == 0 && ev.unknown_then && !ev.source,
	   "an empty source is none; known then not on the form is kept");
	event_free(&ev);

	struct retro r = {0};
	const char *vr[RTF_COUNT] = {"Outage", NULL, NULL, "2026-02-30"};
	ok(model_retro_from_fields(&r, vr, &fe) != 0 && fe.field == RTF_DATE, "an impossible incident date");
	vr[RTF_DATE] = "";
	vr[RTF_TITLE] = "";
	ok(model_retro_from_fields(&r, vr, &fe) != 0 && fe.field == RTF_TITLE, "no title: the title");
	retro_free(&r);

	struct question q = {0};
	ok(model_check_question(&q, &fe) != 0 && fe.field == QUF_TITLE, "a question needs words");
}

/* The meeting clock's arithmetic, in each state; a hand-edited file's
 * figures never make it negative. */
static void test_meeting_clock(void)
{
	struct retro r = {0};
	int64_t el;
	ok(model_clock(&r, 5000, &el) == CLOCK_NOT_STARTED && el == 0, "not started");
	r.clock_started = 1000;
	ok(model_clock(&r, 1754, &el) == CLOCK_RUNNING && el == 754, "running: from its start");
	r.clock_paused_secs = 300;
	ok(model_clock(&r, 1754, &el) == CLOCK_RUNNING && el == 454, "less the pauses");
	r.clock_paused_at = 1500;
	ok(model_clock(&r, 9000, &el) == CLOCK_PAUSED && el == 200, "paused: stands where it stopped");
	r.status = RETRO_CLOSED;
	r.closed_at = 2000;
	ok(model_clock(&r, 9000, &el) == CLOCK_STOPPED && el == 200, "closed while paused: the pause's figure");
	r.clock_paused_at = 0;
	ok(model_clock(&r, 9000, &el) == CLOCK_STOPPED && el == 700, "closed: stops at the close");
	r.clock_paused_secs = -50000;
	r.clock_started = 3000;
	ok(model_clock(&r, 9000, &el) == CLOCK_STOPPED && el == 0, "hostile figures: never negative");
}

int main(void)
{
	test_meeting_clock();
	test_durations();
	test_field_rules();
	test_create_and_load();
	test_closing_rules();
	return done_testing();
}
