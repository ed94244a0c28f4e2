/* Shared by the screen's files (ui*.c, view_*.c): the state of the running
 * program and the drawing helpers. Private to the screen layer. */
#ifndef DEBRIEF_UI_INTERNAL_H
#define DEBRIEF_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debrief/keymap.h"
#include "debrief/model.h"
#include "debrief/store.h"
#include "debrief/term.h"
#include "debrief/textedit.h"

struct ui;

/* What an input line last showed, to redraw only what typing changed. */
struct input_view {
	bool valid;
	int y, x, width;
	unsigned attr;
	size_t start;
	struct strbuf shown;
	int shown_width;
};

/* A screen: a stage, or the list of retrospectives. Each view file ends
 * with its own table; nothing switches on a view's name. */
struct view_ops {
	const char *title;
	unsigned scope; /* which key bindings apply */
	/* Draws into the rectangle. */
	void (*draw)(struct ui *ui, int top, int left, int height, int width);
	/* Handles an action; false when it does not apply here. */
	bool (*request)(struct ui *ui, enum command act);
	/* How many items there are to move between (0: none). */
	size_t (*count)(struct ui *ui);
	/* The id of the selected item (for notes, the saved position and `A`),
	 * and what to call it in the notes pane's title. */
	const char *(*item_id)(struct ui *ui);
	void (*item_label)(struct ui *ui, char *buf, size_t size);
	/* Fills a note's anchor for what is selected. */
	void (*anchor)(struct ui *ui, struct note *n);
};

extern const struct view_ops view_list_ops;
extern const struct view_ops view_prime_ops;
extern const struct view_ops view_timeline_ops;
extern const struct view_ops view_questions_ops;
extern const struct view_ops view_actions_ops;
extern const struct view_ops view_close_ops;

enum focus { FOCUS_MAIN, FOCUS_NOTES };

/* What needs drawing, as bits: typing redraws one line, the clock one
 * corner, anything else the whole screen (curses still sends only the
 * cells that changed). */
enum dirty {
	DIRTY_NONE = 0,
	DIRTY_INPUT = 1, /* only the line being typed */
	DIRTY_CLOCK = 2, /* only the meeting clock */
	DIRTY_ALL = 4,
};

/* What a one-line prompt is for. */
enum prompt_kind {
	PROMPT_NONE,
	PROMPT_EVENT,
	PROMPT_ACTION,
	PROMPT_QUESTION,
	PROMPT_PARTICIPANT,
	PROMPT_EXPORT,
	PROMPT_NEW_RETRO,
};

/* An edit form: labelled fields, one edited at a time. */
#define FORM_MAX_FIELDS 10
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
	char *orig[FORM_MAX_FIELDS]; /* the record's values when the edit began */
};

typedef void (*confirm_fn)(struct ui *ui);

struct ui {
	struct store *st;
	enum author_role role;
	bool read_only;      /* a viewer: every change is refused */
	bool follow;         /* moving with the facilitator */
	char presence_id[ID_LEN];
	struct presence *present;
	size_t n_present;
	int64_t last_beat;
	long long data_version;
	bool quit;
	unsigned dirty;
	int rows, cols;
	int64_t started;
	bool frame_marker; /* DEBRIEF_TEST_FRAMES: mark each whole frame */

	/* The list of retrospectives (when no retro is open), read a window
	 * at a time: list[0 .. n_list) are rows list_base on of list_total. */
	bool in_list;
	bool list_loaded;  /* list[] may be used (it is read as drawn) */
	bool list_counted; /* list_total is current */
	struct retro_summary *list;
	size_t n_list, list_base, list_total;

	/* The open retrospective. */
	bool open;
	struct retro_doc doc;
	struct durations dur;
	enum stage stage;
	size_t sel[STAGE_COUNT + 1];    /* selection per stage */
	size_t scroll[STAGE_COUNT + 1]; /* first visible row per stage */
	size_t list_sel, list_scroll;
	struct action *earlier;         /* open items from other retros */
	size_t n_earlier, n_earlier_total;
	bool earlier_loaded;
	size_t earlier_asked;           /* how many were asked for */

	enum focus focus;
	struct textedit note_input;
	bool note_draft_dirty;
	/* Where the note being written goes: where it was begun, or where this
	 * terminal's own keys last moved to; following another terminal does
	 * not move it. */
	bool note_pinned;
	struct note note_pin;
	char note_pin_label[256];
	/* Editing a note already written (Up in the notes pane): its id, its rev
	 * when the edit began, and the new note's text put aside meanwhile. */
	char note_edit_id[ID_LEN];
	int64_t note_edit_rev;
	char *note_aside;

	enum prompt_kind prompt;
	struct textedit prompt_input;
	char prompt_label[64];
	char prompt_hint[128];
	bool prompt_draft_dirty;
	char prompt_origin_event[ID_LEN];    /* for `A` */
	char prompt_origin_question[ID_LEN];

	struct form *form;
	bool form_draft_dirty;

	bool confirm;
	char confirm_msg[256];
	confirm_fn confirm_yes;

	bool help;
	size_t help_scroll;

	char msg[256];
	bool msg_error;
	bool unsaved; /* the last draft write failed: the bar says so */

	struct undo_log undo;

	/* The Close stage's preview of the summary. */
	char *preview;
	size_t preview_scroll;
	/* Where the input line's cursor goes after drawing; -1 for none. */
	int cursor_y, cursor_x;
	/* Where the notes pane's input line is (for cheap redraws). */
	int input_y, input_x, input_w;
	struct input_view note_view, prompt_view;
};

/* --- ui.c: shared behaviour --- */
const struct view_ops *ui_view(struct ui *ui);
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reloads the retrospective after a change, keeping each stage's
 * selection on the same item. */
void ui_reload(struct ui *ui);
/* Refuses a change in a read-only view; true when refused. */
bool ui_refuse_read_only(struct ui *ui);
/* Drafts of text being typed, kept per role (none in a read-only view);
 * ui_draft_get gives NULL when there is none. */
int ui_draft_put(struct ui *ui, const char *slot, const char *text, struct err *e);
char *ui_draft_get(struct ui *ui, const char *slot);
/* Records whether the last write of typed text reached the database. */
void ui_saved(struct ui *ui, bool ok, const char *why);
void ui_save_position(struct ui *ui);
void ui_open_prompt(struct ui *ui, enum prompt_kind kind, const char *label,
		    const char *hint, const char *initial);
void ui_ask(struct ui *ui, confirm_fn yes, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Moves a selection by an action (up/down/page/first/last); true if it was
 * a movement. */
bool ui_move(struct ui *ui, enum command act, size_t *sel, size_t count, int page);
void ui_open_retro(struct ui *ui, const char *id);
/* After a change through the model (rc its result): its error, or the
 * state reloaded and done (if any) said. True when it went through. */
bool ui_report(struct ui *ui, int rc, const struct err *e, const char *done);
/* The summary of row i of the list of retrospectives, reading the window of
 * rows [first, first + count) around it when it is not in memory; NULL if
 * it cannot be read. */
/* Makes sure the open items of other retrospectives are read, at least
 * rows of them (as many as there are, if fewer): only what the screen
 * shows is read, each costing a look-up in a file of a thousand. */
void ui_want_earlier(struct ui *ui, size_t rows);
/* How many retrospectives there are (counted when first asked). */
size_t ui_list_total(struct ui *ui);
const struct retro_summary *ui_list_row(struct ui *ui, size_t i, size_t first, size_t count);

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

/* Quick-adds: each returns true when the prompt may close (false leaves it
 * open with the text and an error message). */
bool timeline_quick_add(struct ui *ui, const char *line);
bool actions_quick_add(struct ui *ui, const char *line);
bool questions_quick_add(struct ui *ui, const char *line);
bool prime_add_participant(struct ui *ui, const char *name);

/* --- view_notes.c --- */
void notes_draw(struct ui *ui, int top, int left, int height, int width);
void notes_draw_input(struct ui *ui);
bool notes_key(struct ui *ui, enum term_input kind, int key);
void notes_save(struct ui *ui);
bool notes_walk(struct ui *ui, bool up);
void notes_stop_editing(struct ui *ui);
void notes_editor(struct ui *ui);
/* The note being written goes where the screen now is (after this
 * terminal's own move, or when a draft comes back). */
void notes_repin(struct ui *ui);

/* --- view_form.c --- */
void form_open_event(struct ui *ui, const struct event *ev);
void form_open_action(struct ui *ui, const struct action *a);
void form_open_details(struct ui *ui, bool attendance_only);
void form_open_question(struct ui *ui, const struct question *q);
void form_draw(struct ui *ui);
bool form_key(struct ui *ui, enum term_input kind, int key);
void form_free(struct ui *ui);

/* --- view_help.c --- */
void help_draw(struct ui *ui);
bool help_key(struct ui *ui, enum term_input kind, int key);

/* Maps a curses key to the text widget's keys; true if it is one. */
bool ui_te_key(enum term_input kind, int key, enum te_key *out);
/* Feeds a key to a text field: true if the field used it. */
bool ui_edit_key(struct textedit *te, enum term_input kind, int key, bool *changed);

#endif
