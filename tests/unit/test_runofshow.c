/* Unit tests: the run of show. Each stage's time is kept in the file as
 * the facilitator moves, against the agenda's timebox and what + added;
 * a pause, a close and a second terminal all see the same figures. */
#include <stdio.h>
#include <stdlib.h>

#include "debrief/model.h"
#include "debrief/session.h"
#include "tap.h"

static void at(long long t)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", t);
	setenv("DEBRIEF_NOW", buf, 1);
}

/* The retrospective as a terminal would see it now. */
static void reload(struct store *st, struct retro *r)
{
	struct err e = {0};
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", r->id);
	retro_free(r);
	if (store_get_retro(st, id, r, &e) != ST_OK)
		ok(0, "reloads: %s", e.msg);
}

static int64_t spent(const struct retro *r, enum stage s, long long now)
{
	struct stage_time t;
	model_stage_time(r, s, now, &t);
	return t.spent;
}

int main(void)
{
	char dir[] = "/tmp/debrief-ros.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64], cmd[128];
	snprintf(path, sizeof path, "%s/r.db", dir);
	struct store *st;
	struct err e = {0};
	ok(store_open(path, STORE_CREATE, &st, &e) == 0, "opens");
	at(10000);
	struct retro r = {0};
	r.title = xstrdup("Timed");
	ok(model_create_retro(st, &r, &e) == 0, "a retrospective from the default agenda");
	reload(st, &r);
	is_str(r.agenda, "default", "records its agenda");
	is_int(r.plan_secs[STAGE_TIMELINE], 35 * 60, "and its timeboxes");
	struct stage_time t;
	model_stage_time(&r, STAGE_TIMELINE, 10000, &t);
	ok(t.spent == 0 && t.plan == 2100 && !t.running && !t.over, "nothing spent before the meeting");

	ok(session_set_position(st, &r, STAGE_PRIME, NULL, &e) == 0, "the facilitator opens it");
	reload(st, &r);
	is_int(spent(&r, STAGE_PRIME, 10120), 120, "the Prime Directive's time runs");
	at(10180);
	ok(session_set_position(st, &r, STAGE_TIMELINE, NULL, &e) == 0, "moves on to the timeline");
	reload(st, &r);
	is_int(r.spent_secs[STAGE_PRIME], 180, "the time of the stage left is kept");
	is_int(spent(&r, STAGE_PRIME, 99999), 180, "and stands");
	is_int(spent(&r, STAGE_TIMELINE, 10180 + 600), 600, "the timeline's runs from there");
	ok(session_set_position(st, &r, STAGE_TIMELINE, "x", &e) == 0, "moving within a stage");
	reload(st, &r);
	is_int(spent(&r, STAGE_TIMELINE, 10180 + 600), 600, "changes nothing");

	at(10180 + 2200);
	model_stage_time(&r, STAGE_TIMELINE, 10180 + 2200, &t);
	ok(t.over && t.running, "past its timebox: over");
	ok(model_extend_stage(st, &r, STAGE_TIMELINE, &e) == 0, "+ extends it");
	int64_t rev = r.timebox_rev;
	reload(st, &r);
	ok(r.timebox_rev > rev, "every terminal sees the plan moved");
	model_stage_time(&r, STAGE_TIMELINE, 10180 + 2200, &t);
	ok(t.plan == 2400 && t.extra == 300 && !t.over, "by five minutes, no longer over");

	ok(model_clock_toggle(st, &r, &e) == 0, "the clock is paused");
	reload(st, &r);
	is_int(spent(&r, STAGE_TIMELINE, 10180 + 5000), 2200, "a pause stops the stage's time");
	at(10180 + 2500);
	ok(model_clock_toggle(st, &r, &e) == 0, "and goes on");
	reload(st, &r);
	is_int(spent(&r, STAGE_TIMELINE, 10180 + 2600), 2300, "less the pause");

	at(10180 + 2600);
	ok(session_set_position(st, &r, STAGE_CLOSE, NULL, &e) == 0, "on to Close");
	reload(st, &r);
	at(10180 + 2660);
	ok(model_set_status(st, r.id, RETRO_CLOSED, &e) == 0, "closed a minute later");
	reload(st, &r);
	is_int(spent(&r, STAGE_CLOSE, 99999), 60, "Close's time stands at that minute");
	ok(model_extend_stage(st, &r, STAGE_CLOSE, &e) != 0, "a closed one is not extended");
	ok(session_set_position(st, &r, STAGE_TIMELINE, NULL, &e) == 0, "looking back after closing");
	reload(st, &r);
	is_int(spent(&r, STAGE_TIMELINE, 99999), 2300, "counts nothing to the timeline");
	is_int(r.timed_stage, STAGE_CLOSE, "the time stays with the stage it ran in");

	retro_free(&r);
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	return done_testing();
}
