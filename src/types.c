/* Names of the enumerations, and freeing records. */
#include "debrief/types.h"
#include "debrief/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char PRIME_DIRECTIVE[] =
	"Regardless of what we discover, we understand and truly believe that "
	"everyone did the best job they could, given what they knew at the time, "
	"their skills and abilities, the resources available, and the situation "
	"at hand.";
const char PRIME_DIRECTIVE_BY[] =
	"Norm Kerth, Project Retrospectives: A Handbook for Team Reviews (2001)";

struct name {
	const char *name;  /* canonical, as stored */
	const char *title; /* as shown */
};

/* An alias maps another accepted word to an index in its table. */
struct alias {
	const char *word;
	int value;
};

static const struct name stage_names[] = {
	{"", ""},
#define STAGE_NAME_(a, id, lower, num, name, title, short_title) {name, title},
	STAGE_LIST(STAGE_NAME_, _)
#undef STAGE_NAME_
};

static const char *const stage_short_titles[] = {
	"",
#define STAGE_SHORT_(a, id, lower, num, name, title, short_title) short_title,
	STAGE_LIST(STAGE_SHORT_, _)
#undef STAGE_SHORT_
};

static const struct name status_names[] = {
	{"draft", "Draft"},
	{"in-progress", "In progress"},
	{"closed", "Closed"},
};
static const struct alias status_aliases[] = {{"open", RETRO_IN_PROGRESS}, {NULL, 0}};

static const struct name kind_names[] = {
	{"trigger", "Trigger"},
	{"impact-start", "Impact start"},
	{"alert", "Alert"},
	{"detection", "Detection"},
	{"page", "Page"},
	{"investigation", "Investigation"},
	{"escalation", "Escalation"},
	{"communication", "Communication"},
	{"mitigation", "Mitigation"},
	{"resolution", "Resolution"},
	{"impact-end", "Impact end"},
	{"other", "Other"},
};
static const struct alias kind_aliases[] = {
	{"impact", EV_IMPACT_START},   {"start", EV_IMPACT_START},
	{"detect", EV_DETECTION},      {"detected", EV_DETECTION},
	{"paged", EV_PAGE},            {"investigate", EV_INVESTIGATION},
	{"diagnosis", EV_INVESTIGATION}, {"escalate", EV_ESCALATION},
	{"escalated", EV_ESCALATION},  {"comms", EV_COMMUNICATION},
	{"communicate", EV_COMMUNICATION},
	{"mitigate", EV_MITIGATION},   {"mitigated", EV_MITIGATION},
	{"resolve", EV_RESOLUTION},    {"resolved", EV_RESOLUTION},
	{"end", EV_IMPACT_END},        {"recovered", EV_IMPACT_END},
	{"note", EV_OTHER},            {NULL, 0},
};

static const struct name mark_names[] = {
	{"", ""},
	{"went-well", "Went well"},
	{"could-be-better", "Could be better"},
	{"lucky", "Lucky"},
};
static const struct alias mark_aliases[] = {
	{"well", MARK_WENT_WELL}, {"good", MARK_WENT_WELL}, {"+", MARK_WENT_WELL},
	{"better", MARK_COULD_BE_BETTER}, {"bad", MARK_COULD_BE_BETTER},
	{"-", MARK_COULD_BE_BETTER}, {"none", MARK_NONE}, {NULL, 0},
};

static const struct name type_names[] = {
	{"", ""},
	{"prevent", "Prevent"},
	{"detect", "Detect"},
	{"mitigate", "Mitigate"},
	{"process", "Process"},
};
static const struct alias type_aliases[] = {
	{"prevention", ACT_PREVENT}, {"detection", ACT_DETECT},
	{"mitigation", ACT_MITIGATE}, {NULL, 0},
};

static const struct name action_status_names[] = {
	{"open", "Open"},
	{"done", "Done"},
	{"dropped", "Dropped"},
};
static const struct alias action_status_aliases[] = {
	{"closed", ACT_DONE}, {"todo", ACT_OPEN}, {NULL, 0},
};

static const struct name prio_names[] = {
	{"", ""}, {"P1", "P1"}, {"P2", "P2"}, {"P3", "P3"}, {"P4", "P4"},
};
static const struct alias prio_aliases[] = {
	{"1", PRIO_P1}, {"2", PRIO_P2}, {"3", PRIO_P3}, {"4", PRIO_P4},
	{"high", PRIO_P1}, {"medium", PRIO_P2}, {"low", PRIO_P3}, {NULL, 0},
};

static const struct name parked_status_names[] = {
	{"parked", "Parked"},
	{"action", "Became an action item"},
	{"dropped", "Dropped"},
};

static const struct name role_names[] = {
	{"facilitator", "Facilitator"},
	{"scribe", "Scribe"},
	{"participant", "Participant"},
};

/* Exact names and aliases first, then a unique prefix of a name. */
static int lookup(const struct name *t, int first, int count,
		  const struct alias *aliases, const char *s)
{
	if (!s || !*s)
		return -1;
	for (int i = first; i < count; i++) /* as stored: the usual case, and cheap */
		if (strcmp(s, t[i].name) == 0)
			return i;
	for (int i = first; i < count; i++)
		if (strcasecmp(s, t[i].name) == 0)
			return i;
	for (const struct alias *a = aliases; a && a->word; a++)
		if (strcasecmp(s, a->word) == 0)
			return a->value;
	int found = -1;
	size_t n = strlen(s);
	for (int i = first; i < count; i++) {
		if (strncasecmp(s, t[i].name, n) == 0) {
			if (found >= 0)
				return -1; /* ambiguous */
			found = i;
		}
	}
	return found;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define NAME_OF(table, v) \
	(((int)(v) >= 0 && (int)(v) < COUNT(table)) ? table[(int)(v)].name : "")
#define TITLE_OF(table, v) \
	(((int)(v) >= 0 && (int)(v) < COUNT(table)) ? table[(int)(v)].title : "")

const char *stage_name(enum stage s) { return NAME_OF(stage_names, s); }
const char *stage_title(enum stage s) { return TITLE_OF(stage_names, s); }
const char *stage_short_title(enum stage s)
{
	return s >= STAGE_PRIME && s <= STAGE_COUNT ? stage_short_titles[s] : "";
}
int stage_parse(const char *s)
{
	if (s && s[0] >= '1' && s[0] <= '0' + STAGE_COUNT && s[1] == '\0')
		return s[0] - '0';
	return lookup(stage_names, 1, COUNT(stage_names), NULL, s);
}
const char *retro_status_name(enum retro_status s) { return NAME_OF(status_names, s); }
int retro_status_parse(const char *s)
{
	return lookup(status_names, 0, COUNT(status_names), status_aliases, s);
}
const char *event_kind_name(enum event_kind k) { return NAME_OF(kind_names, k); }
const char *event_kind_title(enum event_kind k) { return TITLE_OF(kind_names, k); }
int event_kind_parse(const char *s)
{
	return lookup(kind_names, 0, COUNT(kind_names), kind_aliases, s);
}
const char *event_mark_name(enum event_mark m) { return NAME_OF(mark_names, m); }
const char *event_mark_title(enum event_mark m) { return TITLE_OF(mark_names, m); }
int event_mark_parse(const char *s)
{
	return lookup(mark_names, 1, COUNT(mark_names), mark_aliases, s);
}
const char *action_type_name(enum action_type t) { return NAME_OF(type_names, t); }
int action_type_parse(const char *s)
{
	return lookup(type_names, 1, COUNT(type_names), type_aliases, s);
}
const char *action_status_name(enum action_status s) { return NAME_OF(action_status_names, s); }
int action_status_parse(const char *s)
{
	return lookup(action_status_names, 0, COUNT(action_status_names),
		      action_status_aliases, s);
}
const char *priority_name(enum priority p) { return NAME_OF(prio_names, p); }
int priority_parse(const char *s)
{
	return lookup(prio_names, 1, COUNT(prio_names), prio_aliases, s);
}
const char *author_role_name(enum author_role r) { return NAME_OF(role_names, r); }
int author_role_parse(const char *s)
{
	return lookup(role_names, 0, COUNT(role_names), NULL, s);
}
const char *parked_status_name(enum parked_status s) { return NAME_OF(parked_status_names, s); }
int parked_status_parse(const char *s)
{
	return lookup(parked_status_names, 0, COUNT(parked_status_names), NULL, s);
}

static size_t first_name_len(const char *name)
{
	return strcspn(name, " ");
}

void note_signer(const char *facilitator, const char *scribe, enum author_role role, char *buf,
		 size_t size)
{
	const char *name = role == ROLE_FACILITATOR ? facilitator : role == ROLE_SCRIBE ? scribe : NULL;
	while (name && *name == ' ')
		name++;
	if (!name || !*name) {
		str_copy(buf, size, author_role_name(role));
		return;
	}
	const char *other = role == ROLE_FACILITATOR ? scribe : facilitator;
	size_t len = first_name_len(name);
	bool shared = other && first_name_len(other) == len && strncmp(other, name, len) == 0;
	str_format(buf, size, "%.*s", shared ? (int)strlen(name) : (int)len, name);
}

void retro_free(struct retro *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->incident_ref);
	free(r->severity);
	free(r->incident_date);
	free(r->current_item);
	free(r->facilitator);
	free(r->scribe);
	free(r->participants);
	free(r->impact);
	free(r->trigger);
	free(r->services);
	free(r->tags);
	free(r->summary);
	free(r->factors);
	free(r->lessons);
	free(r->links);
	free(r->agenda);
	free(r->timeline_accepted);
	memset(r, 0, sizeof *r);
}

void event_free(struct event *e)
{
	if (e) {
		free(e->text);
		free(e->source);
		e->text = e->source = NULL;
	}
}

void question_free(struct question *q)
{
	if (q) {
		free(q->title);
		free(q->prompts);
		q->title = q->prompts = NULL;
	}
}

void action_free(struct action *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->owner);
	free(a->due);
	free(a->tracker_ref);
	free(a->retro_title);
	free(a->drop_reason);
	a->title = a->owner = a->due = a->tracker_ref = a->retro_title = a->drop_reason = NULL;
}

void note_free(struct note *n)
{
	if (n) {
		free(n->body);
		n->body = NULL;
	}
}

void parked_free(struct parked *p)
{
	if (p) {
		free(p->text);
		p->text = NULL;
	}
}
