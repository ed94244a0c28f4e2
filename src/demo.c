/* The demo retrospective. Everything in it is invented. */
#include "debrief/demo.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/model.h"
#include "debrief/text.h"

#define DEMO_OFFSET 60 /* the team works on Central European Time */

/* Seconds since the epoch of 2026-11-24 HH:MM at DEMO_OFFSET. */
static int64_t demo_time(int day, int hh, int mm)
{
	return days_from_civil(2026, 11, day) * 86400 + hh * 3600 + mm * 60 -
	       DEMO_OFFSET * 60;
}

struct demo_event {
	int hh, mm;
	enum event_kind kind;
	enum event_mark mark;
	const char *text;
	const char *note; /* a note the room wrote on it, or NULL */
	const char *source; /* where it was seen, or NULL */
	bool unknown_then;  /* learned only afterwards */
};

static const struct demo_event EVENTS[] = {
	{9, 42, EV_TRIGGER, MARK_NONE,
	 "payments-api v2.31 deployed; its config sets the gateway connection pool to 5 (meant 50)",
	 "The pool size lives in a YAML file with no schema check; the review diff showed it, nobody read the number.",
	 "https://deploy.example.com/payments-api/releases/v2.31", true},
	{9, 47, EV_IMPACT_START, MARK_NONE,
	 "Checkout error rate rises above 2% as payment calls queue for a connection", NULL,
	 "https://grafana.example.com/d/checkout-errors?from=0940&to=1100", true},
	{9, 58, EV_ALERT, MARK_COULD_BE_BETTER,
	 "CheckoutErrorRate alert posts to #alerts-payments at low urgency: no page",
	 "The alert was tuned down in March after noisy nights; nobody revisited it.", NULL, false},
	{10, 6, EV_OTHER, MARK_WENT_WELL,
	 "Support escalates a burst of 'payment failed' tickets in #incident-help", NULL, NULL, false},
	{10, 9, EV_DETECTION, MARK_NONE,
	 "On-call SRE links the tickets to the alert and declares a SEV2", NULL, NULL, false},
	{10, 14, EV_PAGE, MARK_WENT_WELL,
	 "Payments on-call paged through the escalation policy; joins in 3 minutes", NULL, NULL, false},
	{10, 22, EV_OTHER, MARK_COULD_BE_BETTER,
	 "Pool saturation found on the payments-api dashboard's second page",
	 "Saturation is the first thing we look for and it was below the fold.",
	 "https://grafana.example.com/d/payments-api?viewPanel=14", false},
	{10, 31, EV_MITIGATION, MARK_WENT_WELL,
	 "Rollback to v2.30 started from the deploy tool", "One command, no approvals needed at SEV2. Good.", NULL, false},
	{10, 38, EV_OTHER, MARK_LUCKY,
	 "Rollback completes; Tuesday-morning traffic is a third of the evening peak", NULL, NULL, false},
	{10, 41, EV_IMPACT_END, MARK_NONE,
	 "Checkout error rate back to its 0.2% baseline", NULL, NULL, false},
	{11, 5, EV_RESOLUTION, MARK_NONE,
	 "v2.31.1 with the pool set to 50 deployed; incident closed", NULL, NULL, false},
};

struct demo_note {
	int question; /* 1-based question number */
	enum author_role role;
	int hh, mm;
	const char *text;
};

static const struct demo_note QUESTION_NOTES[] = {
	{1, ROLE_SCRIBE, 10, 12, "Customers via support noticed before any human watching alerts did."},
	{1, ROLE_FACILITATOR, 10, 13, "The alert fired 11 minutes after impact began, but at low urgency."},
	{2, ROLE_SCRIBE, 10, 16, "Payments on-call was right, reached only after the SRE declared the incident."},
	{3, ROLE_SCRIBE, 10, 19, "A canary comparing error rates would have stopped the rollout at 9:45."},
	{4, ROLE_SCRIBE, 10, 23, "Runbook for checkout errors does not mention the connection pool."},
	{5, ROLE_SCRIBE, 10, 26, "Low traffic on a Tuesday morning: at Friday peak the queue would have timed out every payment."},
	{6, ROLE_SCRIBE, 10, 29, "Config values are checked by eye in review; a schema could reject 5."},
	{7, ROLE_SCRIBE, 10, 33, "The plan was a no-op config refactor; it changed a value nobody meant to change."},
};

struct demo_action {
	const char *title, *owner, *due;
	enum action_type type;
	enum priority prio;
	enum action_status status;
	const char *tracker;
	int from_event;    /* index into EVENTS + 1, or 0 */
	int from_question; /* 1-based, or 0 */
};

static const struct demo_action ACTIONS[] = {
	{"Page on CheckoutErrorRate above 2% for 5 minutes", "Priya", "2026-12-01",
	 ACT_DETECT, PRIO_P1, ACT_OPEN, "PAY-812", 3, 0},
	{"Add a schema with bounds for payments-api pool settings", "Marco", "2026-12-08",
	 ACT_PREVENT, PRIO_P1, ACT_OPEN, "PAY-813", 1, 0},
	{"Canary step comparing error rates before full rollout", "Dana", "2026-12-15",
	 ACT_DETECT, PRIO_P2, ACT_OPEN, NULL, 0, 3},
	{"Move pool saturation to the top of the payments dashboard", NULL, NULL,
	 ACT_MITIGATE, PRIO_P3, ACT_OPEN, NULL, 7, 0},
	{"Add the connection pool to the checkout-errors runbook", "Sam", "2026-11-27",
	 ACT_PROCESS, PRIO_P2, ACT_DONE, NULL, 0, 4},
};

static int add_note(struct store *st, const char *retro_id, enum stage stage,
		    const char *event_id, const char *question_id, const char *action_id,
		    enum author_role role,
		    int hh, int mm, const char *text, struct err *e)
{
	struct note n = {0};
	n.stage = stage;
	str_copy(n.event_id, ID_LEN, event_id ? event_id : "");
	str_copy(n.question_id, ID_LEN, question_id ? question_id : "");
	str_copy(n.action_id, ID_LEN, action_id ? action_id : "");
	n.role = role;
	n.body = (char *)text;
	/* The retrospective meets two days after the incident. */
	n.created_at = demo_time(26, hh, mm);
	n.offset_min = DEMO_OFFSET;
	return store_add_note(st, retro_id, &n, e);
}

static int demo_fill(struct store *st, char id[ID_LEN], struct err *e)
{
	struct retro r = {0};
	r.title = xstrdup("Checkout failures after payments-api pool change");
	r.incident_ref = xstrdup("INC-4127");
	r.severity = xstrdup("SEV2");
	r.incident_date = xstrdup("2026-11-24");
	r.services = xstrdup("payments-api, checkout");
	r.tags = xstrdup("config, capacity");
	r.facilitator = xstrdup("Alex Moreau");
	r.scribe = xstrdup("Jun Park");
	r.participants = xstrdup("Priya Nair, Marco Rossi, Dana Levi, Sam Okafor, Lea Wagner");
	r.impact = xstrdup("For 54 minutes about 1 in 8 checkout attempts failed with 'payment could not be processed'; roughly 2,300 orders were affected, most retried successfully.");
	r.trigger = xstrdup("A configuration refactor in payments-api v2.31 set the payment gateway connection pool to 5 instead of 50.");
	r.summary = xstrdup("A configuration refactor shipped in payments-api v2.31 set the payment gateway's connection pool to 5 instead of 50. For 54 minutes about 1 in 8 checkout attempts failed while payment calls queued for a connection.\n\n"
			    "Support noticed before the low-urgency alert reached anyone; a rollback to v2.30 ended the impact at 10:41 and v2.31.1 fixed the value.");
	r.factors = xstrdup("A pool size of 5 passed review: the value lives in YAML with no schema or bounds (09:42)\n"
			    "The error-rate alert was tuned to low urgency in March and paged nobody (09:58)\n"
			    "Pool saturation sat below the fold on the payments dashboard (10:22)");
	r.lessons = xstrdup("A refactor meant to change nothing needs a check that it changed nothing.\n"
			    "An alert turned down after noisy nights needs a date to be looked at again.\n"
			    "Support is a detection path: it found this first, and its escalation worked.");
	r.links = xstrdup("Incident ticket INC-4127 https://tracker.example.com/browse/INC-4127\n"
			  "Incident channel https://chat.example.com/archives/inc-4127\n"
			  "Payments dashboard https://grafana.example.com/d/payments-api\n"
			  "Checkout errors runbook https://wiki.example.com/runbooks/checkout-errors");
	int rc = model_create_retro(st, &r, e);
	str_copy(id, ID_LEN, r.id);
	retro_free(&r);
	if (rc != 0)
		return -1;

	size_t n_ev = sizeof EVENTS / sizeof EVENTS[0];
	struct event *ev = xcalloc(n_ev, sizeof *ev);
	for (size_t i = 0; i < n_ev; i++) {
		ev[i].time.at = demo_time(24, EVENTS[i].hh, EVENTS[i].mm);
		ev[i].time.offset_min = DEMO_OFFSET;
		ev[i].kind = EVENTS[i].kind;
		ev[i].mark = EVENTS[i].mark;
		ev[i].text = (char *)EVENTS[i].text;
		ev[i].source = (char *)EVENTS[i].source;
		ev[i].unknown_then = EVENTS[i].unknown_then;
	}
	rc = store_add_events(st, id, ev, n_ev, e);
	for (size_t i = 0; rc == 0 && i < n_ev; i++)
		if (EVENTS[i].note)
			rc = add_note(st, id, STAGE_TIMELINE, ev[i].id, NULL, NULL, ROLE_SCRIBE, 10,
				      (int)i + 2, EVENTS[i].note, e);

	struct question *qs = NULL;
	size_t nq = 0;
	if (rc == 0)
		rc = store_list_questions(st, id, &qs, &nq, e);
	for (size_t i = 0; rc == 0 && i < sizeof QUESTION_NOTES / sizeof QUESTION_NOTES[0]; i++) {
		const struct demo_note *dn = &QUESTION_NOTES[i];
		if ((size_t)dn->question <= nq)
			rc = add_note(st, id, STAGE_QUESTIONS, NULL, qs[dn->question - 1].id, NULL,
				      dn->role, dn->hh, dn->mm, dn->text, e);
	}
	if (rc == 0)
		rc = add_note(st, id, STAGE_PRIME, NULL, NULL, NULL, ROLE_FACILITATOR, 10, 0,
			      "Everyone from payments, SRE and support is here; Lea joins from the Lisbon office.", e);

	for (size_t i = 0; rc == 0 && i < sizeof ACTIONS / sizeof ACTIONS[0]; i++) {
		const struct demo_action *da = &ACTIONS[i];
		struct action a = {0};
		a.title = (char *)da->title;
		a.owner = (char *)da->owner;
		a.due = (char *)da->due;
		a.type = da->type;
		a.priority = da->prio;
		a.status = da->status;
		a.tracker_ref = (char *)da->tracker;
		if (da->from_event)
			str_copy(a.origin_event, ID_LEN, ev[da->from_event - 1].id);
		if (da->from_question && (size_t)da->from_question <= nq)
			str_copy(a.origin_question, ID_LEN, qs[da->from_question - 1].id);
		a.created_at = demo_time(26, 10, 40 + (int)i);
		rc = store_add_action(st, id, &a, e);
		if (rc == 0 && i == 1)
			rc = add_note(st, id, STAGE_ACTIONS, NULL, NULL, a.id, ROLE_SCRIBE, 10, 45,
				      "Marco will pair with the platform team on the schema format.", e);
	}
	store_free_questions(qs, nq);
	free(ev);
	return rc;
}

int demo_create(struct store *st, char id[ID_LEN], struct err *e)
{
	/* All of it or nothing: a half-made demo would be listed as a real,
	 * empty-looking retrospective. */
	if (store_begin(st, e) != 0)
		return -1;
	return store_end(st, demo_fill(st, id, e), e) == 0 ? 0 : -1;
}
