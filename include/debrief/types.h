/* The records of a retrospective, and the names of their enumerations.
 * Plain data shared by every layer; nothing here does I/O. */
#ifndef DEBRIEF_TYPES_H
#define DEBRIEF_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debrief/timeutil.h"

#define ID_LEN 37 /* a UUID in text form, with its NUL */

/* The stages of the meeting, in agenda order: one line each generates the
 * enum, the names, the titles, the stage keys, the key-table sections and
 * the screen's view table.
 * X(ID, lower, number, name, title, short title) */
#define STAGE_LIST(X, A)                                                           \
	X(A, PRIME, prime, 1, "prime-directive", "Prime Directive", "Prime")            \
	X(A, TIMELINE, timeline, 2, "timeline", "Timeline", "Timeline")                 \
	X(A, QUESTIONS, questions, 3, "questions", "Seven questions", "Questions")      \
	X(A, ACTIONS, actions, 4, "actions", "Action items", "Actions")                 \
	X(A, CLOSE, close, 5, "close", "Close", "Close")

enum stage {
	STAGE_NONE_ = 0, /* stages count from 1, as the keys do */
#define STAGE_ENUM_(a, id, lower, num, name, title, short_title) STAGE_##id,
	STAGE_LIST(STAGE_ENUM_, _)
#undef STAGE_ENUM_
	STAGE_END_,
	STAGE_COUNT = STAGE_END_ - 1,
};

enum retro_status { RETRO_DRAFT, RETRO_IN_PROGRESS, RETRO_CLOSED, RETRO_STATUS_COUNT };

enum event_kind {
	EV_TRIGGER,
	EV_IMPACT_START,
	EV_ALERT,
	EV_DETECTION,
	EV_PAGE,
	EV_INVESTIGATION, /* diagnosis: what was looked at, what was found */
	EV_ESCALATION,    /* more people or another team brought in */
	EV_COMMUNICATION, /* status page, customers, the rest of the company */
	EV_MITIGATION,
	EV_RESOLUTION,
	EV_IMPACT_END,
	EV_OTHER,
	EV_KIND_COUNT,
};

enum event_mark { MARK_NONE, MARK_WENT_WELL, MARK_COULD_BE_BETTER, MARK_LUCKY, MARK_COUNT };

/* ACT_TYPE_NONE: not said yet (stored as ''), never guessed. */
enum action_type { ACT_TYPE_NONE, ACT_PREVENT, ACT_DETECT, ACT_MITIGATE, ACT_PROCESS, ACT_TYPE_COUNT };

enum action_status { ACT_OPEN, ACT_DONE, ACT_DROPPED, ACT_STATUS_COUNT };

enum priority { PRIO_P1 = 1, PRIO_P2, PRIO_P3, PRIO_P4 };

enum author_role { ROLE_FACILITATOR, ROLE_SCRIBE, ROLE_PARTICIPANT, ROLE_COUNT };

/* A parked idea: kept for later, until it becomes an action item or is
 * dropped (stored as "parked", "action", "dropped"). */
enum parked_status { PARKED_WAITING, PARKED_ACTION, PARKED_DROPPED, PARKED_STATUS_COUNT };

struct retro {
	char id[ID_LEN];
	char *title;
	char *incident_ref;
	char *severity;
	char *incident_date; /* "YYYY-MM-DD" or NULL */
	enum retro_status status;
	enum stage stage;     /* where the facilitator is */
	char *current_item;   /* id of the highlighted event/question/action */
	char *facilitator;
	char *scribe;
	char *participants;   /* comma-separated names */
	char *impact;         /* customer impact */
	char *trigger;        /* what set it off */
	/* The services its incident affected and its free tags (retro_label):
	 * each a list of names, sorted, without repeats, joined by ", " as
	 * model_labels makes it; NULL when there are none. */
	char *services;
	char *tags;
	/* What the meeting learned, written on the Close stage (or in the
	 * details form), each NULL until written: a short summary (prose,
	 * paragraphs kept), the contributing factors and the lessons learned
	 * (one per line), and links (one per line: a label, then the URL). */
	char *summary;
	char *factors;
	char *lessons;
	char *links;
	int64_t created_at;
	int64_t updated_at;
	int64_t closed_at;    /* 0 while open */
	int64_t deleted_at;   /* 0 unless deleted (kept, out of sight) */
	int64_t rev;          /* bumped on every change, for conflict checks */
	/* The meeting's clock, shared by every terminal: when it started (0:
	 * not yet), the seconds it has stood paused, and since when it stands
	 * now (0: it runs). Closing stops it; reopening goes on. */
	int64_t clock_started;
	int64_t clock_paused_secs;
	int64_t clock_paused_at;
	/* The run of show: the agenda it was made from (NULL: made before
	 * agendas were kept), and the time of each stage (indexed by stage;
	 * [0] unused): planned by the agenda, added in the meeting with +,
	 * and spent in it before the stage whose time runs now (timed_stage,
	 * entered at the meeting's second stage_entered). timebox_rev moves
	 * with every change of the plan. */
	char *agenda;
	int64_t plan_secs[STAGE_COUNT + 1];
	int64_t extra_secs[STAGE_COUNT + 1];
	int64_t spent_secs[STAGE_COUNT + 1];
	enum stage timed_stage;
	int64_t stage_entered;
	int64_t timebox_rev;
	/* The problems of the timeline the room accepted as they are (a
	 * fingerprint, model_timeline_check's); NULL when none were. */
	char *timeline_accepted;
};

/* Records come in a fixed order (events by time, notes and action items as
 * written, questions by position); `order` breaks ties among equals the way
 * storage does (the order rows were written in), so that a record updated
 * in memory lands where a fresh load would put it. */
struct event {
	char id[ID_LEN];
	struct instant time;
	enum event_kind kind;
	enum event_mark mark;
	char *text;
	char *source;      /* where it was seen (a graph, a log line): a link, or NULL */
	bool unknown_then; /* not known at the time: learned afterwards */
	int64_t rev;
	int64_t order; /* storage's order among equals (see above) */
};

struct question {
	char id[ID_LEN];
	int position;   /* 1-based order */
	char *title;
	char *prompts;  /* one prompt per line */
	bool custom;    /* added in the meeting, not from the agenda */
	int64_t order;
};

struct action {
	char id[ID_LEN];
	char *title;
	char *owner;       /* NULL until someone takes it */
	char *due;         /* "YYYY-MM-DD" or NULL */
	enum action_type type;
	enum priority priority;
	enum action_status status;
	char *tracker_ref;
	char *drop_reason; /* why it was dropped ("not doing, because ..."), or NULL */
	char origin_event[ID_LEN];    /* "" when none */
	char origin_question[ID_LEN]; /* "" when none */
	int64_t created_at;
	/* When its status last changed (storage sets it from the clock at
	 * every change of status); 0: not known (an item of a file from
	 * before schema 11). */
	int64_t status_at;
	int64_t rev;
	int64_t order;
	/* Filled by cross-retrospective listings only. */
	char retro_id[ID_LEN];
	char *retro_title;
};

struct note {
	char id[ID_LEN];
	enum stage stage;
	char event_id[ID_LEN];    /* the anchor; "" where it does not apply */
	char question_id[ID_LEN];
	char action_id[ID_LEN];
	enum author_role role;
	char *body;
	int64_t created_at;
	int offset_min;            /* the author's UTC offset when written */
	int64_t rev;
	int64_t order;
};

/* An idea parked for later during the meeting ("canary for config
 * changes"), without leaving the stage: linked to what was on screen
 * then (its stage, and the event or question highlighted), listed on the
 * Action items stage until it becomes one (action_id names it) or is
 * dropped. */
struct parked {
	char id[ID_LEN];
	char *text;
	enum stage stage;          /* where it was parked */
	char event_id[ID_LEN];     /* "" where none was highlighted */
	char question_id[ID_LEN];
	char action_id[ID_LEN];    /* the action item it became; "" until then */
	enum parked_status status;
	int64_t created_at;
	int64_t rev;
	int64_t order;
};

/* Names as stored and as typed. Each *_parse accepts the name, its aliases
 * and any unique prefix, case-insensitively, and returns -1 when nothing
 * matches. */
const char *stage_name(enum stage s);          /* "prime-directive" */
const char *stage_title(enum stage s);         /* "Prime Directive" */
const char *stage_short_title(enum stage s);   /* "Prime", for narrow screens */
int stage_parse(const char *s);                /* a name, a unique prefix or "1".."5" */
const char *retro_status_name(enum retro_status s);
int retro_status_parse(const char *s);
const char *event_kind_name(enum event_kind k); /* "impact-start" */
const char *event_kind_title(enum event_kind k); /* "Impact start" */
int event_kind_parse(const char *s);
const char *event_mark_name(enum event_mark m); /* "went-well"; "" for none */
const char *event_mark_title(enum event_mark m); /* "Went well" */
int event_mark_parse(const char *s);
const char *action_type_name(enum action_type t);
int action_type_parse(const char *s);
const char *action_status_name(enum action_status s);
int action_status_parse(const char *s);
const char *priority_name(enum priority p);     /* "P2" */
int priority_parse(const char *s);
const char *author_role_name(enum author_role r);
int author_role_parse(const char *s);
const char *parked_status_name(enum parked_status s); /* "parked", "action", "dropped" */
int parked_status_parse(const char *s);

/* Who signs a note written in a role, on the screen and in every export:
 * the person the retrospective names for it (their first name; the whole
 * name when the facilitator and the scribe share one), else the role
 * itself ("participant"). Cut, between characters, to size. */
#define SIGNER_SIZE 64
void note_signer(const char *facilitator, const char *scribe, enum author_role role, char *buf,
		 size_t size);

/* The Prime Directive, word for word, and its attribution. */
extern const char PRIME_DIRECTIVE[];
extern const char PRIME_DIRECTIVE_BY[];

void retro_free(struct retro *r);
void event_free(struct event *e);
void question_free(struct question *q);
void action_free(struct action *a);
void note_free(struct note *n);
void parked_free(struct parked *p);

#endif
