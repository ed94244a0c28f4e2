/* Unit tests: the quick-add grammars (action line, event line, @owner). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "debrief/quickadd.h"
#include "debrief/text.h"
#include "tap.h"

/* Parses an action line expecting success. */
static struct action act(const char *line)
{
	struct action a;
	struct err e = {0};
	int rc = quickadd_parse_action(line, &a, &e);
	ok(rc == 0, "action line parses: %s", line);
	if (rc != 0) {
		printf("#   error: %s\n", e.msg);
		memset(&a, 0, sizeof a);
	}
	return a;
}

/* Parses an action line expecting an error that mentions want. */
static void act_bad(const char *line, const char *label, const char *want)
{
	struct action a;
	struct err e = {0};
	int rc = quickadd_parse_action(line, &a, &e);
	ok(rc != 0 && strstr(e.msg, want), "%s is refused naming '%s'", label, want);
	if (rc == 0 || !strstr(e.msg, want))
		printf("#   rc %d, message: %s\n", rc, e.msg);
	ok(rc != 0 && !a.title && !a.owner && !a.due && !a.tracker_ref, "%s leaves nothing behind", label);
	if (rc == 0)
		action_free(&a);
}

static void test_action_line(void)
{
	struct action a = act("fix the pager");
	is_str(a.title, "fix the pager", "plain text is the title");
	ok(!a.owner && !a.due && !a.tracker_ref, "no tags, no owner, due or ref");
	is_int(a.priority, PRIO_P2, "priority defaults to P2");
	is_int(a.type, ACT_TYPE_NONE, "no #type: the type is left unset, not guessed");
	action_free(&a);

	a = act("fix the pager @priya due:2026-03-01 #detect !P1 ref:OPS-12");
	is_str(a.title, "fix the pager", "every tag taken out of the title");
	is_str(a.owner, "priya", "@owner");
	is_str(a.due, "2026-03-01", "due:");
	is_int(a.type, ACT_DETECT, "#type");
	is_int(a.priority, PRIO_P1, "!P1");
	is_str(a.tracker_ref, "OPS-12", "ref:");
	action_free(&a);

	a = act("!p4 @tom add #process an   alert ref:X-1 due:2026-12-31 now");
	is_str(a.title, "add an alert now", "tags anywhere, words joined by single blanks");
	is_str(a.owner, "tom", "@owner before the text");
	is_int(a.priority, PRIO_P4, "!p4 in lower case");
	is_int(a.type, ACT_PROCESS, "#process in the middle");
	is_str(a.due, "2026-12-31", "due: in the middle");
	action_free(&a);

	a = act("rotate keys @ann @bob !P1 !P3 #detect #mitigate due:2026-01-01 due:2026-01-02");
	is_str(a.owner, "bob", "a repeated @owner: the last wins");
	is_int(a.priority, PRIO_P3, "a repeated priority: the last wins");
	is_int(a.type, ACT_MITIGATE, "a repeated #type: the last wins");
	is_str(a.due, "2026-01-02", "a repeated due: the last wins");
	action_free(&a);

	a = act("check @ and # sizes, and ! alone");
	is_str(a.title, "check @ and # sizes, and ! alone", "a lone @, # and ! are words, not tags");
	ok(!a.owner, "a lone @ is no owner");
	is_int(a.priority, PRIO_P2, "no priority tag: P2");
	action_free(&a);

	act_bad("fix due:2026-02-30", "due:2026-02-30", "2026-02-30");
	act_bad("fix due:tomorrow", "due:tomorrow", "due date");
	act_bad("fix due:", "an empty due:", "due date");
	act_bad("fix #someday", "an unknown #type", "#someday");
	act_bad("fix it !P5", "!P5 (it was kept in the title)", "!P1, !P2, !P3 or !P4");
	act_bad("fix it !urgent", "an unknown !tag", "'!urgent'");
	act_bad("@priya #detect !P1", "a line of tags only", "needs some text");
	act_bad("", "an empty line", "needs some text");
	act_bad("   ", "a blank line", "needs some text");
	act_bad("fix \xff\xfe the pager", "invalid UTF-8", "UTF-8");
}

static struct retro_doc doc_on(const char *incident_date)
{
	struct retro_doc doc;
	memset(&doc, 0, sizeof doc);
	doc.retro.incident_date = (char *)incident_date;
	return doc;
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm);
}

static void ev_bad(const struct retro_doc *doc, const char *line, const char *label, const char *want)
{
	struct event ev;
	struct err e = {0};
	int rc = quickadd_parse_event(line, doc, &ev, &e);
	ok(rc != 0 && strstr(e.msg, want), "%s is refused naming '%s'", label, want);
	if (rc == 0 || !strstr(e.msg, want))
		printf("#   rc %d, message: %s\n", rc, e.msg);
	ok(rc != 0 && ev.text == NULL, "%s leaves nothing behind", label);
	ok(e.msg[0] != ':', "%s: the message is the problem alone", label);
	if (rc == 0)
		event_free(&ev);
}

static void test_event_line(void)
{
	struct retro_doc doc = doc_on("2026-03-04");
	struct event ev;
	struct err e = {0};

	ok(quickadd_parse_event("14:05Z !detect paged by the checkout alert", &doc, &ev, &e) == 0,
	   "an event line parses");
	is_str(ev.text, "paged by the checkout alert", "!kind taken out of the text");
	is_int(ev.kind, EV_DETECTION, "!detect sets the kind");
	is_int(ev.time.at, utc(2026, 3, 4, 14, 5), "a time alone goes on the incident date");
	event_free(&ev);

	ok(quickadd_parse_event("2026-03-05 09:30:15+01:00 rolled back !mitigation now", &doc, &ev, &e) == 0,
	   "a dated line with seconds and an offset parses");
	is_str(ev.text, "rolled back now", "!kind anywhere in the text");
	is_int(ev.kind, EV_MITIGATION, "!mitigation in the middle");
	is_int(ev.time.at, utc(2026, 3, 5, 8, 30) + 15, "its own date and offset");
	is_int(ev.time.offset_min, 60, "shown in its own offset");
	event_free(&ev);

	ok(quickadd_parse_event("10:00Z !went-well quick page", &doc, &ev, &e) == 0, "a mark word parses");
	is_int(ev.mark, MARK_WENT_WELL, "!went-well sets the mark");
	is_int(ev.kind, EV_OTHER, "no kind: other");
	event_free(&ev);

	/* The timeline's own offset, not this machine's ($TZ is Berlin). */
	struct event first = {0};
	first.time.offset_min = -300;
	doc.events = &first;
	doc.n_events = 1;
	ok(quickadd_parse_event("10:00 deploy", &doc, &ev, &e) == 0, "a time without an offset parses");
	is_int(ev.time.offset_min, -300, "read in the timeline's offset");
	is_int(ev.time.at, utc(2026, 3, 4, 15, 0), "10:00 at -05:00 is 15:00 UTC");
	event_free(&ev);
	ok(quickadd_parse_event("10:00Z deploy", &doc, &ev, &e) == 0 && ev.time.at == utc(2026, 3, 4, 10, 0),
	   "a line naming its offset keeps it");
	event_free(&ev);
	doc.events = NULL;
	doc.n_events = 0;

	ev_bad(&doc, "2026-02-30 10:00 x", "a date that does not exist", "2026-02-30");
	ev_bad(&doc, "25:00 x", "an hour that does not exist", "25:00");
	ev_bad(&doc, "10:00 !bogus x", "an unknown !kind", "!bogus");
	ev_bad(&doc, "10:00 !detect !alert x", "two !kinds", "more than one");
	ev_bad(&doc, "deploy went out", "a line without a time", "time");
	ev_bad(&doc, "10:00 a\n10:05 b", "two lines", "one event at a time");
	ev_bad(&doc, "\r:1:\r[ ", "a line with carriage returns", "time");
	ev_bad(&doc, "10:00 \xc3\x28 text", "invalid UTF-8", "UTF-8");
	struct retro_doc undated = doc_on(NULL);
	ev_bad(&undated, "10:00 x", "a time alone with no incident date", "date");
}

static void test_spell_owner(void)
{
	struct retro_doc doc = doc_on(NULL);
	struct action items[1];
	memset(items, 0, sizeof items);
	items[0].owner = "McKenzie";
	doc.actions = items;
	doc.n_actions = 1;
	doc.retro.facilitator = "Ana Lima";
	doc.retro.participants = "Priya Raman, tom ford,  Zoë";

	struct { const char *typed, *want, *label; } cases[] = {
		{"mckenzie", "McKenzie", "an owner of another item, any case"},
		{"ANA", "Ana", "the facilitator's first name"},
		{"priya", "Priya", "a participant's first name"},
		{"Tom", "tom", "the spelling in use even when it is lower case"},
		{"zoë", "Zoë", "a participant after extra blanks"},
		{"pri", "pri", "a prefix is not a name"},
		{"nobody", "nobody", "an unknown name stays as typed"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *o = xstrdup(cases[i].typed);
		quickadd_spell_owner(&doc, &o);
		is_str(o, cases[i].want, "%s", cases[i].label);
		free(o);
	}
	char *none = NULL;
	quickadd_spell_owner(&doc, &none);
	ok(none == NULL, "no owner stays none");

	struct action a = act("page @priya");
	quickadd_spell_owner(&doc, &a.owner);
	is_str(a.owner, "Priya", "a parsed line's @owner takes the spelling");
	action_free(&a);
}

int main(void)
{
	test_action_line();
	test_event_line();
	test_spell_owner();
	return done_testing();
}
