/* Shared by the screen's files (ui*.c, view_*.c): the state of the running
 * program and the drawing helpers. Private to the screen layer. */
#ifndef DEBRIEF_UI_INTERNAL_H
#define DEBRIEF_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "debrief/keymap.h"
#include "debrief/bank.h"
#include "debrief/model.h"
#include "debrief/session.h"
#include "debrief/term.h"
#include "debrief/textedit.h"
#include "debrief/ui.h"

struct ui;

/* The most rows a text being typed grows to before it scrolls. */
#define INPUT_ROWS_MAX 6

/* What an input line last showed, to redraw only what typing changed;
 * wrapped over several rows, each row's bytes and width. */
struct input_view {
	bool valid;
	int y, x, width;
	unsigned attr;
	size_t start;
	struct strbuf shown;
	int shown_width;
	int rows, n_shown;   /* rows given; rows drawn (0: one scrolled line) */
	size_t first;        /* the first row shown */
	size_t row_start[INPUT_ROWS_MAX], row_end[INPUT_ROWS_MAX];
	int row_width[INPUT_ROWS_MAX];
};

/* A screen: a stage, or the list of retrospectives. Each view file ends
 * with its own table; nothing switches on a view's name. */
/* What a view is like (view_ops.flags). */
enum view_flag {
	/* Its count comes from something built to be shown (the Close
	 * stage's preview): its selection is kept in range when it is drawn,
	 * not on every reload. */
	VIEW_COUNT_WHEN_SHOWN = 1 << 0,
	/* Moving scrolls what it shows rather than selecting an item: it is
	 * not a move away from the facilitator. */
	VIEW_SCROLLS = 1 << 1,
	/* Its edits are the follow-up of action items (status, owner, due
	 * date), which goes on after the retrospective is closed. */
	VIEW_FOLLOW_UP = 1 << 2,
	/* Nothing it shows comes from the notes: a note saved redraws the
	 * notes pane alone (DIRTY_NOTES). */
	VIEW_SHOWS_NO_NOTES = 1 << 3,
};

/* What a view's request handler asks of the loop, as bits. */
enum view_result {
	VIEW_IGNORED = 0,
	VIEW_HANDLED = 1 << 0,       /* used: look no further */
	VIEW_RELOAD = 1 << 1,        /* the retrospective changed: read it again */
	VIEW_SAVE_POSITION = 1 << 2, /* the selection moved: the others follow */
	VIEW_REDRAW = 1 << 3,        /* the whole screen */
	VIEW_KEEP_OPEN = 1 << 4,     /* a prompt's line was refused: it stays open */
};

/* Where a pasted line break is, in a prompt that takes a block of lines
 * (U+2424 SYMBOL FOR NEWLINE, seen on screen as such). */
#define PROMPT_LINE_BREAK "\xe2\x90\xa4"
#define PROMPT_LINE_BREAK_CP 0x2424

/* A one-line prompt a view offers (`a`'s quick-add, `x`'s file name): its
 * words, where what is typed is kept as a draft, and what Enter does. */
struct prompt_ops {
	const char *label; /* "Add event" */
	const char *hint;  /* the syntax, under the line */
	const char *slot;  /* its draft's slot; NULL: not worth a draft */
	/* What one line adds, in the plural ("events"): a pasted block of
	 * lines adds one a line, all or none (NULL: a paste is one line). */
	const char *many;
	/* Takes the typed line (trimmed, never empty: an empty line closes
	 * the prompt) and says what should happen (enum view_result, with
	 * VIEW_KEEP_OPEN when it is refused; it says why in a message). A
	 * record to select after the reload goes in select. */
	unsigned (*submit)(struct ui *ui, const char *line, char select[ID_LEN]);
	/* Each change of the line, as it is typed (the list's filter narrows
	 * the list as it goes); NULL: none. */
	void (*typed)(struct ui *ui, const char *text);
	/* Esc closed it (NULL: nothing more to do). */
	void (*cancelled)(struct ui *ui);
};

/* A command a view serves on every stage (`A`: an action item from
 * anywhere, `x`: export), when the stage on screen did not use it. */
struct view_command {
	enum command act;
	unsigned (*run)(struct ui *ui); /* enum view_result */
};

struct view_ops {
	const char *title;
	unsigned scope; /* which key bindings apply */
	unsigned flags; /* enum view_flag */
	/* Draws into the rectangle. */
	void (*draw)(struct ui *ui, int top, int left, int height, int width);
	/* Handles an action, and says what should happen next (enum
	 * view_result, which the loop does); VIEW_IGNORED when it does not
	 * apply here. */
	unsigned (*request)(struct ui *ui, enum command act);
	/* How many items there are to move between (0: none). */
	size_t (*count)(struct ui *ui);
	/* The id of the selected item (for notes, the saved position and `A`),
	 * and what to call it in the notes pane's title. */
	const char *(*item_id)(struct ui *ui);
	void (*item_label)(struct ui *ui, char *buf, size_t size);
	/* Fills a note's anchor for what is selected. */
	void (*anchor)(struct ui *ui, struct note *n);
	/* A short name for the item with this id ("09:58 Alert"), for the
	 * hint of where the facilitator is; false when there is none. */
	bool (*item_name)(struct ui *ui, const char *id, char *buf, size_t size);
	/* The size of the view's own state, and what to let go of when the
	 * retrospective changes (reopened: another one, or the same read
	 * afresh) and when the program ends (gone). */
	size_t private_size;
	void (*forget)(struct ui *ui, void *state, bool reopened, bool gone);
	/* Selects the item with this id; false when it has none such. */
	bool (*select_id)(struct ui *ui, const char *id);
	/* The quick-add prompt that `a` opens here, which an unfinished draft
	 * reopens (NULL: none). */
	const struct prompt_ops *add_prompt;
	/* Commands it serves on every stage, ending with ACT_NONE (NULL:
	 * none). */
	const struct view_command *everywhere;
	/* Whether one of its own keys does something on what is selected
	 * now, for the bar to offer only those (NULL: all of them). */
	bool (*offers)(struct ui *ui, enum command act);
	/* A full-screen list over every retrospective: what the header says
	 * after "debrief · " (NULL: the title). */
	void (*header)(struct ui *ui, struct strbuf *out);
};

extern const struct view_ops view_list_ops;
/* The full-screen lists over every retrospective (a board): the action
 * items (A on the list, view_allactions.c) and a search's matches (W,
 * view_matches.c). */
extern const struct view_ops view_allactions_ops, view_matches_ops;
enum board { BOARD_NONE, BOARD_ACTIONS, BOARD_MATCHES };
/* A stage's view is view_<lower>_ops, in view_<lower>.c. */
#define STAGE_VIEW_DECL_(a, id, lower, num, name, title, short_title) \
	extern const struct view_ops view_##lower##_ops;
STAGE_LIST(STAGE_VIEW_DECL_, _)
#undef STAGE_VIEW_DECL_

/* The view of a stage (STAGE_PRIME .. STAGE_COUNT). */
const struct view_ops *ui_stage_view(enum stage s);

enum focus { FOCUS_MAIN, FOCUS_NOTES, FOCUS_ASK };

/* What needs drawing, as bits: typing redraws one line, the clock one
 * corner, anything else the whole screen (curses still sends only the
 * cells that changed). */
enum dirty {
	DIRTY_NONE = 0,
	DIRTY_INPUT = 1, /* only the line being typed */
	DIRTY_CLOCK = 2, /* only the meeting clock */
	DIRTY_ALL = 4,
	DIRTY_NOTES = 8, /* the notes and what shows them (a note saved) */
};

/* An edit form: labelled fields, one edited at a time. */
#define FORM_MAX_FIELDS 16
enum form_kind { FORM_EVENT, FORM_ACTION, FORM_DETAILS, FORM_ATTENDANCE, FORM_QUESTION };
struct form {
	enum form_kind kind;
	char title[64];
	char record_id[ID_LEN];
	size_t n;
	size_t cur;
	const char *labels[FORM_MAX_FIELDS];
	const char *hints[FORM_MAX_FIELDS];
	struct textedit fields[FORM_MAX_FIELDS];
	int lines[FORM_MAX_FIELDS];  /* the rows a field is shown on */
	char *orig[FORM_MAX_FIELDS]; /* the record's values when the edit began */
	int field_w;                 /* the fields' width as last drawn */
	struct input_view view;      /* the field being typed into */
};

/* What a question is about, taken when it is asked: the answer acts on
 * this record, never on whatever is selected by then. */
struct ui_target {
	char id[ID_LEN];   /* "" when the question is about no one record */
	int64_t rev;       /* its rev when asked */
	size_t notes;      /* how many notes the question counted */
	char what[80];     /* how the question named it: "The 09:42 event" */
};

typedef void (*confirm_fn)(struct ui *ui, const struct ui_target *t);

/* The layers over the stage that take the keys while open (a y/n
 * question, the help, a form, a prompt, the notes pane): one interface,
 * asked top first (ui_prompt.c holds the stack). */
enum layer_flag {
	LAYER_HOLDS_FOLLOW = 1 << 0, /* about what was on screen: following waits */
	LAYER_COVERS = 1 << 1,       /* covers the header: no clock ticks */
	LAYER_NO_CURSOR = 1 << 2,    /* shows no text cursor */
};
struct layer_ops {
	const char *name;
	unsigned flags; /* enum layer_flag */
	/* The command that opens it from any stage, and how (ACT_NONE and
	 * NULL: it is opened by the views, as a form for the selection is). */
	enum command opens;
	void (*open)(struct ui *ui);
	bool (*is_open)(const struct ui *ui);
	/* A key; true when it may have opened or closed a layer (false: it
	 * was only typed into text, so the same layer takes the next key). */
	bool (*key)(struct ui *ui, enum term_input kind, int key);
	/* A pasted character, typed in as text (NULL: a paste is refused). */
	void (*paste)(struct ui *ui, int cp);
	/* Drawn over the frame, bottom layer first (NULL: the frame shows it). */
	void (*draw)(struct ui *ui);
	/* Redraws only the line being typed (NULL: nothing is typed here). */
	void (*draw_input)(struct ui *ui);
};
/* The open layer on top, or NULL. */
const struct layer_ops *ui_top_layer(const struct ui *ui);
/* Draws the open layers over the frame, bottom first. */
void ui_draw_layers(struct ui *ui);
/* Opens the layer that this command opens from any stage (help, the
 * details); false when none does. */
bool ui_open_layer(struct ui *ui, enum command act);
/* Is an open layer like this (enum layer_flag)? */
bool ui_layer_open(const struct ui *ui, unsigned flag);

/* How long the screen's writes wait for another program's: a change the
 * facilitator makes waits a little; a note's Enter hardly (it is kept in
 * the drafts file instead); presence and place do not wait at all. */
#define UI_PATIENCE_MS 1000
#define UI_NOTE_PATIENCE_MS 30

struct ui {
	struct store *st;
	enum author_role role;
	bool read_only;      /* a viewer: every change is refused */
	bool follow;         /* moving with the facilitator */
	bool bell, nudge_off; /* settings (struct ui_options) */
	/* The facilitator's aids (ui_aids.c): the question bank and its panel
	 * under the timeline, and the language nudge. */
	struct ask_bank bank;
	struct nudge nudge;
	bool bank_tried, nudge_tried;
	bool nudge_hinted; /* the bar offered a reframing question when typed into */
	bool ask_shown;
	size_t ask_sel;
	/* The record a prompt is about, taken when it opened: its line acts on
	 * this one, wherever the highlight went meanwhile. */
	char prompt_target[ID_LEN];
	/* The search on screen (ui_search.c): its words, matches and which. */
	char search_query[128];
	struct search_hit *hits;
	size_t n_hits, hit_at;
	const struct ui_options *opt; /* and the others: the editor, the export, the agenda */
	char presence_id[ID_LEN];
	struct presence *present;
	uint64_t presence_seen; /* the mark's presence when last read (ui_live.c) */
	size_t n_present;
	int64_t last_beat;
	long long data_version;
	bool quit;
	unsigned dirty;
	int rows, cols;
	int clock_cols; /* the meeting clock's width as last drawn */
	int timer_cols; /* the run of show's timer's width as last drawn */
	int stages_end; /* where the row of stages ends (the timer is after it) */
	bool timebox_seen;    /* the timebox was looked at since the retrospective opened */
	int64_t timebox_over; /* the stage and plan said to have run out, 0: none */
	bool frame_marker; /* DEBRIEF_TEST_FRAMES: mark each whole frame */
	FILE *counts;      /* DEBRIEF_TEST_COUNTS: wake-ups and reads, a line each */
	/* Derived views built (the summary preview): test mode reports the
	 * count with the frame marks, when it changes. */
	unsigned long builds, builds_reported;
	/* Reloads by how they were done (enum refresh_how), reported the same
	 * way ("reloads P partial W whole"). */
	unsigned long reloads[2], reloads_reported;
	/* Events walked to work out the durations and the timeline's check
	 * again (DEBRIEF_TEST_COUNTS' "outside ... timeline=N"). */
	unsigned long long timeline_walked;
	/* Screens drawn whole, reported the same way ("draws N whole"). */
	unsigned long whole_draws, whole_draws_reported;

	/* A board on screen (over the list or the retrospective, which stay
	 * as they were behind it), and the one that q in a retrospective
	 * opened from it comes back to. */
	enum board board, board_back;
	/* The action items of every retrospective (view_allactions.c). */
	struct all_actions {
		bool loaded;
		struct action *v;      /* every one (the owner filter applied) */
		size_t n;
		size_t *rows;          /* those shown, in the order shown: indexes into v */
		size_t n_rows, sel, scroll;
		size_t open, overdue;  /* counted over v */
		int sort, show;        /* by due date, owner, retrospective; open, overdue, all */
		char owner[128];       /* "": everyone's */
	} acts;
	/* A search's matches in every retrospective (view_matches.c). */
	struct search_hit *wide;
	size_t n_wide, wide_sel, wide_scroll;
	char wide_query[128];

	/* The list of retrospectives (when no retro is open), read a window
	 * at a time: list[0 .. n_list) are rows list_base on of list_total. */
	bool in_list;
	bool from_list;    /* the meeting was opened from the list: q goes back */
	bool list_loaded;  /* list[] may be used (it is read as drawn) */
	bool list_counted; /* list_total is current */
	struct retro_summary *list;
	size_t n_list, list_base, list_total;
	char list_filter[128];              /* `/`: only those holding it ("": all) */
	struct retro_deletes list_deletes; /* what `d` deleted here, for `u` */

	/* The open retrospective. */
	bool open;
	struct retro_doc doc;
	struct durations dur;
	/* The timeline's check as of the last reload (the durations say
	 * "unchecked" while it is), its panel (`!`, or leaving the timeline)
	 * and the problems that panel showed last on leaving (it opens again
	 * only for others). */
	struct timeline_check tl;
	bool check_open;
	size_t check_sel;
	uint64_t check_shown;
	enum stage stage;
	size_t sel[STAGE_COUNT + 1];    /* selection per stage */
	size_t scroll[STAGE_COUNT + 1]; /* first visible row per stage */
	size_t list_sel, list_scroll;
	/* Each stage view's own state (view_ops.private_size bytes, zeroed
	 * at first use); see ui_view_state(). */
	void *view_state[STAGE_COUNT + 1];

	enum focus focus;
	/* The drafts file says a note being written was left for the stage
	 * (slot "focus" = "main", kept only beside such a note). */
	bool note_left_kept;
	struct textedit note_input;
	bool note_draft_dirty;
	/* Where the note being written goes: where it was begun, or where this
	 * terminal's own keys last moved to; following another terminal does
	 * not move it. */
	bool note_pinned;
	struct note note_pin;
	char note_pin_label[256];
	bool note_edit_dirty; /* the edit of a written note, for its draft */
	/* Notes whose Enter came while the database was busy: kept in the
	 * drafts file, shown, and written as soon as it is free. */
	struct pending_note *pending;
	size_t n_pending;
	bool pending_known;
	bool pending_refused; /* one was refused for good: no more tries */
	/* Editing a note already written (Up in the notes pane): its id, its rev
	 * when the edit began, and the new note's text put aside meanwhile. */
	char note_edit_id[ID_LEN];
	int64_t note_edit_rev;
	char *note_aside;

	const struct prompt_ops *prompt; /* the open prompt, or NULL */
	struct textedit prompt_input;
	char prompt_label[64];
	char prompt_hint[128];
	bool prompt_draft_dirty;
	size_t prompt_lines; /* lines of a pasted block, as the bar says */
	char prompt_origin_event[ID_LEN];    /* for `A` */
	char prompt_origin_question[ID_LEN];

	struct form *form;
	bool form_draft_dirty;

	bool confirm;
	char confirm_msg[256];
	confirm_fn confirm_yes;
	/* A question of several answers: takes a key, true when it was one
	 * of them (NULL: a yes/no question). */
	bool (*confirm_choose)(struct ui *ui, int key);
	/* Asked which role to take (another facilitator is here): no beat
	 * says "facilitator" meanwhile. */
	bool choosing_role;
	struct ui_target confirm_target;

	/* Following while a question or a form is open: where the facilitator
	 * went is shown, not applied, until it closes. */
	bool follow_held;
	enum stage follow_stage;
	char follow_item[ID_LEN];

	/* An earlier incident opened read-only over the meeting (view_peek.c):
	 * its summary while open, else NULL. */
	char *peek_text, *peek_title;
	size_t peek_scroll;
	bool peek_said; /* a key was refused: the bar says why */
	/* The figures over time (S on the list; view_stats.c). */
	bool stats_open, stats_quarters;
	size_t stats_scroll;
	struct stats stats;

	bool help;
	size_t help_scroll;
	unsigned help_first[2]; /* the key scopes help shows first, in order */
	/* The layer on top, as last found (top_known): typing into it, or a
	 * paste, changes no layer, so a run of keys looks for it once. */
	const struct layer_ops *top;
	bool top_known;

	char msg[256];
	bool msg_error;
	bool unsaved; /* the last draft write failed: the bar says so */
	/* This user's drafts file (NULL for a viewer, or when it could not be
	 * opened: then drafts_off says why, and the bar says NOT SAVED). */
	struct drafts *drafts;
	char drafts_off[200];
	bool position_unsaved; /* the facilitator's place, to write again */

	struct undo_log undo;

	/* Where the input line's cursor goes after drawing; -1 for none. */
	int cursor_y, cursor_x;
	/* Where the notes pane's input line is (for cheap redraws). */
	int input_y, input_x, input_w;
	int input_rows, input_max_rows; /* the notes input's rows now, and at most */
	struct input_view note_view, prompt_view;
	bool note_prompt_shown; /* the note's prompt drawn on its row (notes_draw_input) */
};

/* --- what the views use of the ui*.c files (ui.c, ui_prompt.c, ui_retro.c,
 * ui_live.c) --- */
const struct view_ops *ui_view(struct ui *ui);
/* Tests only (DEBRIEF_TEST_COUNTS): a line for the test to read. */
void ui_count(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Ctrl-L: the screen sent whole again, drawn whole. */
void ui_redraw(struct ui *ui);
/* Reloads the retrospective after a change, keeping each stage's
 * selection on the same item. */
void ui_reload(struct ui *ui);
/* After this terminal wrote a note (model_add_note): the note put in
 * place without reading the file (model_took_note), the screen as after a
 * reload. */
void ui_took_note(struct ui *ui, const struct note *n);
/* Refuses a change in a read-only view; true when refused. */
bool ui_refuse_read_only(struct ui *ui);
/* Whether a closed retrospective refuses this command (all that change it
 * but the follow-up of action items, and reopening); ui_refuse_closed says
 * so too. */
bool ui_closed_refuses(struct ui *ui, enum command act);
bool ui_refuse_closed(struct ui *ui, enum command act);
/* Drafts of text being typed, kept per terminal in this user's drafts file
 * (none in a read-only view); ui_draft_get gives NULL when there is none.
 * The _at forms keep what the text was begun on (anchor) too. */
int ui_draft_put(struct ui *ui, const char *slot, const char *text, struct err *e);
int ui_draft_put_at(struct ui *ui, const char *slot, const char *text, const char *anchor,
		    struct err *e);
char *ui_draft_get(struct ui *ui, const char *slot);
char *ui_draft_get_at(struct ui *ui, const char *slot, char **anchor);

/* Records whether the last write of typed text reached the database. */
void ui_saved(struct ui *ui, bool ok, const char *why);
void ui_save_position(struct ui *ui);
/* Whether writes wait for a busy database (kept notes, the facilitator's
 * place), and writing them now (each wake-up). */
bool ui_writes_waiting(const struct ui *ui);
void ui_catch_up_writes(struct ui *ui);
/* Opens a prompt (label: NULL for its own), with its draft if one was
 * left, else with initial (NULL: empty). */
void ui_open_prompt(struct ui *ui, const struct prompt_ops *p, const char *label,
		    const char *initial);
/* Does what a view's handler asked (enum view_result): reloads, selects
 * the record with id select (NULL or "": none), saves the position,
 * redraws. */
void ui_apply(struct ui *ui, unsigned result, const char *select);
/* Asks a y/n question about target (NULL: about no one record). */
void ui_ask(struct ui *ui, confirm_fn yes, const struct ui_target *target, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Before acting on an answer (other terminals' changes are taken in
 * first): true when the record asked about is still as it was, else a
 * message and false. exists, rev and notes: the record now. */
bool ui_target_still(struct ui *ui, const struct ui_target *t, bool exists, int64_t rev,
		     size_t notes);
/* Moves a selection by an action (up/down/page/first/last); true if it was
 * a movement. */
bool ui_move(struct ui *ui, enum command act, size_t *sel, size_t count, int page);
/* Moves the first row shown (*scroll) so that row sel of count is among
 * the rows shown, and no rows are left empty below the last. */
void ui_keep_in_view(size_t sel, size_t *scroll, size_t rows, size_t count);
void ui_open_retro(struct ui *ui, const char *id);
/* A facilitator that arrives where another facilitates is asked which role
 * to take; one that was taken over from follows the newcomer. */
void ui_check_facilitators(struct ui *ui, bool arriving);
/* Leaves the retrospective for the list (q, when it was opened from
 * there): what is typed saved, this terminal gone from its header. */
void ui_back_to_list(struct ui *ui);
/* After a change through the model (rc its result): its error, or the
 * state reloaded and done (if any) said. True when it went through. */
bool ui_report(struct ui *ui, int rc, const struct err *e, const char *done);
/* Seconds as "MM:SS", "H:MM:SS" from an hour. */
void ui_mmss(int64_t secs, char *buf, size_t size);
/* Says once when the timebox of the stage the meeting is at runs out. */
void ui_timebox_check(struct ui *ui);
/* The open items of other retrospectives (the Prime Directive's state). */
struct earlier_items {
	struct action *v;
	size_t n, total;
	bool loaded;
	size_t asked; /* how many were asked for */
	/* The earlier incidents sharing a service or tag (after the items in
	 * the selection), read when drawn. */
	struct related_retro *rel;
	size_t n_rel;
	bool rel_loaded;
	uint64_t rel_key; /* what they were found by (ui_want_related) */
	size_t shown; /* the items the last drawing showed, above them */
	size_t rel_shown; /* the incidents it showed (rel_drawn: it did) */
	bool rel_drawn;
};
/* Makes sure the open items of other retrospectives are read, at least
 * rows of them (as many as there are, if fewer): only what the screen
 * shows is read, each costing a look-up in a file of a thousand. */
void ui_want_earlier(struct ui *ui, struct earlier_items *x, size_t rows);
void ui_drop_earlier(struct earlier_items *x);
/* The earlier incidents, read when not yet; dropped alone by the second. */
void ui_want_related(struct ui *ui, struct earlier_items *x);
void ui_drop_related(struct earlier_items *x);
/* A stage view's own state (allocated at first use). */
void *ui_view_state(struct ui *ui, enum stage s);
/* Tells the stage views the retrospective changed (reopened: another
 * one); gone: the program ends, their state is freed. */
void ui_views_forget(struct ui *ui, bool reopened, bool gone);
/* Which retrospectives the list shows (the filter typed after `/`). */
struct retro_filter ui_list_filter(const struct ui *ui);
/* How many retrospectives there are (counted when first asked). */
size_t ui_list_total(struct ui *ui);
/* The summary of row i of the list of retrospectives, reading the window of
 * rows [first, first + count) around it when it is not in memory; NULL if
 * it cannot be read. */
const struct retro_summary *ui_list_row(struct ui *ui, size_t i, size_t first, size_t count);

/* Moves to a stage as ] [ and the digits do (the facilitator's place is
 * saved; leaving the timeline checks it). */
void ui_go_stage(struct ui *ui, enum stage s);

/* --- view_check.c: the timeline's check --- */
/* Checks the timeline again (now); leaving: only when it is unchecked with
 * problems not shown on leaving before, and saying nothing otherwise. */
void check_timeline(struct ui *ui, bool leaving);
void check_draw(struct ui *ui);
bool check_layer_key(struct ui *ui, enum term_input kind, int key);

/* --- between the screen's own files (ui*.c) --- */
#define MIN_COLS 50
#define MIN_ROWS 12
#define WIDE_COLS 160 /* from here the notes pane sits beside the stage */

/* ui.c: commands that change the retrospective (refused in a read-only
 * view, left out of its bar). */
bool ui_command_changes(enum command act);
/* ui_frame.c: draws what is dirty, and marks the frame in test mode. */
void ui_paint(struct ui *ui);
void ui_draw_prompt_input(struct ui *ui);
/* ui_prompt.c: the keys of a y/n question and of a prompt; the drafts. */
bool ui_confirm_key(struct ui *ui, enum term_input kind, int key);
bool ui_prompt_key(struct ui *ui, enum term_input kind, int key);
/* The lines of a prompt's text that hold more than blanks. */
size_t ui_prompt_lines(const char *text);
void ui_save_drafts(struct ui *ui);
/* ui_retro.c: shows a loaded retrospective (which the ui then owns); the
 * selected item's id on a stage, and selecting an item by id. */
void ui_show_retro(struct ui *ui, struct retro_doc doc);
void ui_selected_id(struct ui *ui, enum stage s, char id[ID_LEN]);
void ui_select_id(struct ui *ui, const char *want);
/* ui_live.c: other terminals. */
/* Shows what another program committed since the last look: whether it
 * had committed anything. */
bool ui_check_outside(struct ui *ui);
void ui_follow(struct ui *ui);
void ui_stop_following(struct ui *ui);
void ui_beat(struct ui *ui);
void ui_load_presence(struct ui *ui);
/* Each second: whether those here still run (read again when one
 * stopped; what they write is read as any change is). */
void ui_presence_tick(struct ui *ui);
void ui_load_list(struct ui *ui);

/* --- ui_paint.c: lines, boxes, attributes and named keys for the views
 * (which include no curses) --- */
void draw_hline(int y, int x, int width, unsigned attr);
void draw_vline(int y, int x, int height, unsigned attr);
void draw_box(int top, int left, int height, int width, unsigned attr);
/* A framed, blank dialog in the middle of a rows x cols screen, its height
 * kept two rows short of the screen's: where it is, into top and left;
 * the height it has. */
int draw_dialog(int rows, int cols, int height, int width, int *top, int *left);
void draw_clear(void);
unsigned draw_bold(unsigned attr);
/* The keys the modal views name, whatever the terminal sent for them. */
enum ui_key {
	UI_KEY_OTHER,
	UI_KEY_ENTER,
	UI_KEY_TAB,
	UI_KEY_BACKTAB,
	UI_KEY_ESC,
	UI_KEY_UP,
	UI_KEY_DOWN,
	UI_KEY_PAGE_UP,
	UI_KEY_PAGE_DOWN,
	UI_KEY_F1,
};
enum ui_key ui_key_of(enum term_input kind, int key);

/* --- ui_draw.c: drawing helpers --- */
/* Draws UTF-8 text at (y, x) within width columns; returns columns used. */
int draw_text(int y, int x, int width, const char *s, unsigned attr);
/* Like draw_text, ending with "…" when the text does not fit. */
int draw_text_fit(int y, int x, int width, const char *s, unsigned attr);
/* Like draw_text for at most n bytes. */
int draw_textn(int y, int x, int width, const char *s, size_t n, unsigned attr);
void draw_fill(int y, int x, int width, unsigned attr);
/* Centres text within [x, x + width). */
void draw_centred(int y, int x, int width, const char *s, unsigned attr);

/* Draws a one-line text field and says where its cursor goes; redraws only
 * the cells that changed since the last call with the same view. A full
 * redraw of the screen must set v->valid = false first. */
void draw_input(struct input_view *v, int y, int x, int width, struct textedit *te,
		unsigned attr, int *cursor_x);
/* The same over up to `rows` rows (at most INPUT_ROWS_MAX): the text
 * wrapped as it will read, the window on the cursor's row; one row is the
 * line above. */
void draw_input_rows(struct input_view *v, int y, int x, int width, int rows,
		     struct textedit *te, unsigned attr, int *cursor_y, int *cursor_x);
/* The rows that text needs at width, up to max. */
int input_rows_for(struct textedit *te, int width, int max);

/* Word-wraps text to width columns: fills up to max (start, length) rows and
 * returns how many rows the whole text needs. */
struct wrap_row {
	size_t start, len;
};
size_t wrap_text(const char *s, int width, struct wrap_row *rows, size_t max);
/* Draws wrapped text from row `skip`, at most `height` rows; returns rows
 * drawn. */
int draw_wrapped(int y, int x, int width, int height, const char *s, size_t skip,
		 unsigned attr);


/* --- view_notes.c --- */
void notes_draw(struct ui *ui, int top, int left, int height, int width);
void notes_draw_input(struct ui *ui);
/* A key while the notes pane has focus. */
bool notes_layer_key(struct ui *ui, enum term_input kind, int key);
bool notes_key(struct ui *ui, enum term_input kind, int key);
/* A pasted character into the notes line: a line break is kept. */
void notes_paste_char(struct ui *ui, int cp);
void notes_save(struct ui *ui);
bool notes_walk(struct ui *ui, bool up);
void notes_stop_editing(struct ui *ui);
void notes_editor(struct ui *ui);
/* Runs $VISUAL or $EDITOR (else vi) on text in a temporary file named in
 * path, for a `what` ("note", "field"): what the editor left (the caller
 * frees, then calls ui_editor_done), or NULL with the reason in the bar
 * (a file that could not be read stays, named there). */
char *ui_editor_run(struct ui *ui, const char *what, const char *text, char *path, size_t size);
/* Removes the editor's file, unless its text is to be kept. */
void ui_editor_done(char *path, bool keep);
/* The note being written goes where the screen now is (after this
 * terminal's own move, or when a draft comes back). */
void notes_repin(struct ui *ui);
/* ui_aids.c: the questions for the highlighted event, and the nudge. */
int ui_ask_rows(struct ui *ui, int height); /* rows the panel takes, of height */
void ui_ask_draw(struct ui *ui, int top, int left, int rows, int width);
void ui_ask_open(struct ui *ui);
bool ui_ask_is_open(const struct ui *ui);
bool ui_ask_key(struct ui *ui, enum term_input kind, int key);
void ui_nudge_load(struct ui *ui);
/* Underlines the nudge's phrases in s[0..len), drawn at y, x in width. */
void ui_nudge_mark(struct ui *ui, int y, int x, int width, const char *s, size_t len);
/* The bar's reframing question for what is typed or highlighted. */
bool ui_nudge_hint(struct ui *ui, char *buf, size_t size);
/* After the keys of a batch: redraws the bar when its reframing question
 * comes or goes (typing redraws only the notes line). */
void ui_nudge_typed(struct ui *ui);
void ui_aids_free(struct ui *ui);
/* ui_search.c: / asks, n and N walk the matches. */
void ui_search_open(struct ui *ui);
void ui_search_walk(struct ui *ui, bool back);
void ui_search_free(struct ui *ui);
/* Searches the retrospective on screen for query and shows the match on
 * this record (kind and id; NULL: the first): false, said, when nothing
 * matches. */
bool ui_search_show(struct ui *ui, const char *query, const char *record_id);
/* W: the last search (else words asked for) in every retrospective, its
 * matches listed on a board. */
void ui_search_all(struct ui *ui, bool ask);
void ui_matches_free(struct ui *ui);

/* --- the boards (view_allactions.c, view_matches.c) --- */
/* Puts a board on screen, or takes it off (BOARD_NONE): what was there
 * before is shown again as it was. */
void ui_board(struct ui *ui, enum board b);
/* Opens the retrospective with this id from a board as the list does
 * (leaving the one open, if another): false, said, when it cannot be
 * read. */
bool ui_board_open_retro(struct ui *ui, const char *retro_id);
void ui_all_actions_free(struct ui *ui);
/* A follow-up prompt about an action item (view_prime.c): why it is
 * dropped, or its owner and due date ("Priya Nair due:2026-12-20"); Enter
 * gives the change to apply, with the id of the item it is about. */
typedef unsigned (*follow_up_fn)(struct ui *ui, const char *action_id, const struct action_change *c);
void ui_follow_up_prompt(struct ui *ui, const struct action *a, bool why, follow_up_fn apply);
/* Puts text at the end of the note being typed (a space between) and
 * moves the typing there, as if typed. */
void notes_insert(struct ui *ui, const char *text);
/* The notes pane's drafts: the note being written (with what it was begun
 * on) and the edit of a written one; brought back when a retrospective
 * opens. */
int notes_put_draft(struct ui *ui, struct err *e);
int notes_put_edit_draft(struct ui *ui, struct err *e);
void notes_restore(struct ui *ui);
bool notes_anchor_parse(const char *text, struct note *a);
/* Notes kept while the database was busy: read from the drafts file, and
 * written, in order, when it is free (each wake-up while any wait). */
void notes_load_pending(struct ui *ui);
void notes_flush_pending(struct ui *ui);

/* --- view_form.c --- */
void form_open_event(struct ui *ui, const struct event *ev);
void form_open_action(struct ui *ui, const struct action *a);
void form_open_details(struct ui *ui, bool attendance_only);
/* The details form with the cursor on one of its fields (enum retro_field). */
void form_open_details_at(struct ui *ui, size_t field);
void form_open_question(struct ui *ui, const struct question *q);
void form_draw(struct ui *ui);
bool form_layer_key(struct ui *ui, enum term_input kind, int key);
bool form_key(struct ui *ui, enum term_input kind, int key);
void form_free(struct ui *ui);

/* --- view_stats.c: the figures over time, a layer over the list --- */
void stats_open_layer(struct ui *ui);
bool stats_is_open(const struct ui *ui);
void stats_draw(struct ui *ui);
bool stats_layer_key(struct ui *ui, enum term_input kind, int key);
void stats_free(struct ui *ui);

/* --- view_help.c --- */
/* view_peek.c: an earlier incident, read-only, over the meeting. */
void peek_open(struct ui *ui, const char *retro_id);
void peek_close(struct ui *ui);
bool peek_is_open(const struct ui *ui);
void peek_draw(struct ui *ui);
bool peek_layer_key(struct ui *ui, enum term_input kind, int key);

void help_open(struct ui *ui);
void help_draw(struct ui *ui);
bool help_key(struct ui *ui, enum term_input kind, int key);
bool help_layer_key(struct ui *ui, enum term_input kind, int key);

/* Maps a curses key to the text widget's keys; true if it is one. */
bool ui_te_key(enum term_input kind, int key, enum te_key *out);
/* Feeds a key to a text field: true if the field used it. */
bool ui_edit_key(struct textedit *te, enum term_input kind, int key, bool *changed);

#endif
