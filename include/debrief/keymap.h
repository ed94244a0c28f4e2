/* Every user action in one table: its name and help text (an X-macro), and
 * the default keys bound to it (data in keymap.c). The key dispatch, the
 * help screen, the bottom bar and `debrief --help-keys` (from which the
 * man page's KEYS section is checked) all read this one table. */
#ifndef DEBRIEF_KEYMAP_H
#define DEBRIEF_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "debrief/error.h"
#include "debrief/text.h"
#include "debrief/types.h"

/* A stage's key: "stage-2", helped as the stage's title. */
#define STAGE_ACTION_(X, id, lower, num, name, title, short_title) X(STAGE_##num, "stage-" #num, title)

/* X(ID, name, help) */
#define ACTION_LIST(X)                                                              \
	X(HELP, "help", "show every key")                                               \
	X(FOCUS, "focus", "switch between the stage and the notes pane")               \
	X(NEXT_STAGE, "next-stage", "next stage")                                        \
	X(PREV_STAGE, "prev-stage", "previous stage")                                    \
	STAGE_LIST(STAGE_ACTION_, X)                                                     \
	X(DOWN, "down", "next item")                                                     \
	X(UP, "up", "previous item")                                                     \
	X(PAGE_DOWN, "page-down", "a page down")                                         \
	X(PAGE_UP, "page-up", "a page up")                                               \
	X(FIRST, "first", "first item")                                                  \
	X(LAST, "last", "last item")                                                     \
	X(ADD, "add", "quick-add on this stage")                                         \
	X(EDIT, "edit", "edit the selection")                                            \
	X(DELETE, "delete", "delete the selection (asks first)")                         \
	X(UNDO, "undo", "undo the last change")                                          \
	X(REDO, "redo", "redo what u undid, the last undone first (until a new change)") \
	X(NEW_ACTION, "new-action", "new action item, linked to what is on screen")     \
	X(PARK, "park", "park an idea for later without leaving the stage, linked to what is on screen (the Action items stage lists them)") \
	X(CHECK_TIMELINE, "check-timeline", "check the timeline before its durations are trusted: out of order, missing, in the future, twice, far outside (leaving the timeline checks it too)") \
	X(ACCEPT_TIMELINE, "accept-timeline", "accept the timeline as it is: its durations count as checked until another problem appears") \
	X(DETAILS, "details", "the retrospective's details")                             \
	X(EXPORT, "export", "export the summary")                                         \
	X(QUIT, "quit", "quit, or back to the list it was opened from (all is saved)")   \
	X(REDRAW, "redraw", "redraw the screen")                                         \
	X(FOLLOW, "follow", "follow the facilitator, or stop (scribe and viewers)")     \
	X(CLOCK, "pause-clock", "pause the meeting's clock (a break), or let it go on")  \
	X(SEARCH, "search", "search this retrospective's text: the first match is shown") \
	X(SEARCH_NEXT, "search-next", "the next match of the search")                \
	X(SEARCH_PREV, "search-previous", "the match before")                         \
	X(SEARCH_ALL, "search-all", "search every retrospective's text: a list of the matches, Enter opens one at its match") \
	X(ALL_ACTIONS, "all-actions", "the action items of every retrospective, to review and follow up") \
	X(SORT, "sort", "sort by due date, owner or retrospective, in turn")            \
	X(SHOW, "show", "show the open items, the overdue ones or all, in turn")        \
	X(OWNER, "owner", "only the items of owners holding what is typed, as it is typed, in any case (Esc: everyone's)") \
	X(ASK, "ask", "questions to ask about the highlighted event, from the question bank (again: into the panel)") \
	X(ASK_TAKE, "ask-take", "put the highlighted question into the notes line, to answer it there") \
	X(ASK_HIDE, "ask-hide", "hide the questions")                                  \
	X(EXTEND, "extend-timebox", "five more minutes for the stage the meeting is at (every terminal sees it)") \
	X(MARK_WELL, "mark-went-well", "mark: went well (again to clear)")               \
	X(MARK_BETTER, "mark-could-be-better", "mark: could be better (again to clear)") \
	X(MARK_LUCKY, "mark-lucky", "mark: lucky (again to clear)")                      \
	X(NOT_KNOWN, "not-known-then", "not known at the time, learned afterwards (again to clear)") \
	X(SET_OPEN, "set-open", "status: open")                                          \
	X(SET_DONE, "set-done", "status: done")                                          \
	X(SET_DROPPED, "set-dropped", "status: dropped")                                 \
	X(CLOSE_RETRO, "close-retro", "close the retrospective")                         \
	X(REOPEN_RETRO, "reopen-retro", "reopen a closed retrospective (asks first)")    \
	X(OPEN_RETRO, "open", "open the selected retrospective")                         \
	X(NEW_RETRO, "new", "start a new retrospective")                                 \
	X(PEEK, "earlier-incident", "open the highlighted one of the earlier incidents on the same services or tags, read-only (j/k scroll it; Esc, q or this key again come back to the meeting as it was)") \
	X(FILTER, "filter", "filter the list as you type, by title, incident reference, severity, service or tag, in any case (Enter keeps the filter)") \
	X(STATS, "stats", "figures over time: retrospectives, durations, action items and incident to meeting, a month or a quarter at a time") \
	X(STATS_PERIOD, "stats-period", "by month or by quarter")                        \
	X(NOTE_SAVE, "save-note", "save the line as a note on what is on screen")        \
	X(NOTE_LEAVE, "leave-notes", "leave the notes pane (the draft is kept)")         \
	X(NOTE_EDITOR, "editor", "write a long note in $EDITOR")                          \
	X(NOTE_EARLIER, "earlier-note", "the row above in a note of several rows; from its first row, edit the note before (the one being written comes back)") \
	X(NOTE_LATER, "later-note", "the row below in a note of several rows; from its last, edit the note after, or back to the new one") \
	X(NOTE_NEXT_ITEM, "next-item", "the next item, typing on (the note being written goes along)") \
	X(NOTE_PREV_ITEM, "previous-item", "the previous item, typing on")             \
	X(SUBMIT, "submit", "take what was typed")                                      \
	X(CANCEL, "cancel", "close; nothing changes")                                   \
	X(NEXT_FIELD, "next-field", "the next field")                                   \
	X(PREV_FIELD, "prev-field", "the previous field")                               \
	X(YES, "yes", "yes, do it (any other key: no, nothing changes)")                 \
	X(EDIT_LEFT, "cursor-left", "one character left")                               \
	X(EDIT_RIGHT, "cursor-right", "one character right")                            \
	X(EDIT_HOME, "line-start", "to the start of the line")                          \
	X(EDIT_END, "line-end", "to the end of the line")                               \
	X(EDIT_WORD_LEFT, "word-left", "one word left")                                 \
	X(EDIT_WORD_RIGHT, "word-right", "one word right")                              \
	X(EDIT_BACKSPACE, "backspace", "delete the character before the cursor")        \
	X(EDIT_DELETE, "delete-char", "delete the character under the cursor")          \
	X(EDIT_DELETE_WORD, "delete-word", "delete the word before the cursor")          \
	X(EDIT_KILL_END, "kill-to-end", "cut to the end of the line")                   \
	X(EDIT_KILL_START, "kill-to-start", "cut to the start of the line")             \
	X(EDIT_YANK, "yank", "paste what was cut last")

enum command {
#define X(id, name, help) ACT_##id,
	ACTION_LIST(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1,
};

/* Where a binding applies. */
enum key_scope {
	SCOPE_LIST = 1 << 0, /* the list of retrospectives */
	/* Each stage's, by its number: SCOPE_TIMELINE is 1 << STAGE_TIMELINE. */
#define STAGE_SCOPE_(a, id, lower, num, name, title, short_title) SCOPE_##id = 1 << STAGE_##id,
	STAGE_LIST(STAGE_SCOPE_, _)
#undef STAGE_SCOPE_
	SCOPE_NOTES = 1 << (STAGE_COUNT + 1),   /* typing in the notes pane */
	SCOPE_FORM = 1 << (STAGE_COUNT + 2),    /* an edit form */
	SCOPE_PROMPT = 1 << (STAGE_COUNT + 3),  /* a one-line prompt */
	SCOPE_CONFIRM = 1 << (STAGE_COUNT + 4), /* a y/n question */
	SCOPE_HELP = 1 << (STAGE_COUNT + 5),    /* this list, on screen */
	SCOPE_EDIT = 1 << (STAGE_COUNT + 6),    /* any text being typed */
	SCOPE_ASK = 1 << (STAGE_COUNT + 7),     /* the questions for an event */
	SCOPE_CHECK = 1 << (STAGE_COUNT + 8),   /* the timeline check's list of problems */
	SCOPE_STATS = 1 << (STAGE_COUNT + 9),   /* the figures over time (S on the list) */
	SCOPE_ALL_ACTIONS = 1 << (STAGE_COUNT + 10), /* the action items of every retrospective */
	SCOPE_MATCHES = 1 << (STAGE_COUNT + 11),    /* a search's matches in every retrospective */
	SCOPE_BITS = STAGE_COUNT + 12,
	SCOPE_STAGES = ((1 << (STAGE_COUNT + 1)) - 1) & ~1,
};

/* The scope of a stage's own keys. */
#define SCOPE_OF_STAGE(s) (1u << (s))

/* The first stage key, ACT_STAGE_1; the others follow it in order. */
#define ACT_FIRST_STAGE ACT_STAGE_1
/* The editing keys of a text field, ACT_EDIT_LEFT .. ACT_EDIT_YANK. */
#define ACT_FIRST_EDIT ACT_EDIT_LEFT
#define ACT_LAST_EDIT ACT_EDIT_YANK

#define KEYMAP_MAX_KEYS 8

/* A binding names its keys and nothing else: how they are written
 * (binding_label) is worked out from them, so the help, the bar and the
 * man page say what is bound. */
/* Whether a binding is offered in the bottom bar (in_bar): false, true,
 * or only after every other, where the bar has room left (a wide screen). */
#define BAR_IF_ROOM 2

struct binding {
	enum command action;
	unsigned scopes;
	int keys[KEYMAP_MAX_KEYS];   /* characters or curses KEY_* codes; 0 ends */
	unsigned char in_bar;         /* shown in the bottom bar: BAR_* */
	const char *bar_label;        /* a word or two for the bar or a hint line */
	const char *help;             /* NULL: the command's own help */
};

const char *command_name(enum command a);
const char *command_help(enum command a);

const char *binding_help(const struct binding *b);
/* Its keys as written: "j Down", "Ctrl-L", "e Enter" (each name once). */
const char *binding_label(const struct binding *b);
/* Its first key as written ("Enter"), for the bar. */
const char *binding_key(const struct binding *b);
/* The first key bound to act in scope, as written ("Esc"); "" if none. */
const char *keymap_key_for(unsigned scope, enum command act);
/* How a key is written: 'j' "j", Down "Down", 12 "Ctrl-L", '\t' "Tab".
 * is_code: a curses KEY_* code rather than a character. */
void keymap_key_name(int key, bool is_code, char *buf, size_t size);
/* A hint line of a scope's keys that have a word: "Tab: next field ·
 * Enter: save · Esc: cancel". */
void keymap_hint(unsigned scope, struct strbuf *out);

/* The bindings, in help order. */
const struct binding *keymap_bindings(size_t *n);

/* The action for a key in a scope (the first binding that matches), or
 * ACT_NONE. is_code tells a curses KEY_* code from a character. */
enum command keymap_lookup(unsigned scope, int key, bool is_code);

/* The help text: a section per scope group, "  KEYS  help" lines. */
void keymap_describe(struct strbuf *out);
/* The same with the sections of the scopes in first[0], then first[1], ...
 * (the pane being typed in, the stage on screen) ahead of the others. */
void keymap_describe_first(const unsigned *first, size_t n, struct strbuf *out);

/* The same as mdoc, for the man page's KEYS section. */
void keymap_describe_mdoc(struct strbuf *out);

/* A rebinding from the settings ("bind SCOPE KEY ACTION"): in the scope
 * named (global, stages, a stage's name, list, notes, edit, form, prompt,
 * confirm, help, ask, check, all-actions, matches), the key named as the help writes it ("W", "Enter",
 * "Ctrl-G", "F5") does the action named as ACTION_LIST names it, or
 * nothing for "none"; what the key did there before is undone, and the
 * action's other keys stay. The help, the bar and --help-keys show the
 * table in force. -1 with e saying what is wrong (no FILE:LINE: the
 * caller knows the line). */
int keymap_bind(const char *scope, const char *key, const char *action, struct err *e);
/* The default table again. */
void keymap_reset(void);
/* For the settings: each action's name, the scopes where it does
 * something, and its help, a line each (--help-keys=actions). */
void keymap_describe_actions(struct strbuf *out);

#endif
