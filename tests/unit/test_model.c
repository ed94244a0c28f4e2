/* Unit tests: durations, creating and loading a retrospective. */
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

int main(void)
{
	test_durations();
	test_create_and_load();
	return done_testing();
}
