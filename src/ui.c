/* The full-screen meeting: the main loop, the frame around the stages
 * (header, breadcrumb, bottom bar), prompts, questions and messages. */
#include "debrief/ui.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "debrief/export.h"
#include "debrief/paths.h"
#include "debrief/text.h"
#include "ui_internal.h"

#define MIN_COLS 50
#define MIN_ROWS 12
#define WIDE_COLS 160      /* from here the notes pane sits beside the stage */
#define KEYS_PER_BATCH 8192 /* a paste is handled whole before one redraw */
#define PRESENCE_BEAT 2     /* seconds between "still here" */
#define PRESENCE_EXPIRES 10 /* seconds after which silence means gone */

static const struct view_ops *const STAGE_VIEWS[STAGE_COUNT + 1] = {
	NULL, &view_prime_ops, &view_timeline_ops, &view_questions_ops,
	&view_actions_ops, &view_close_ops,
};

static const unsigned STAGE_SCOPES[STAGE_COUNT + 1] = {
	0, SCOPE_PRIME, SCOPE_TIMELINE, SCOPE_QUESTIONS, SCOPE_ACTIONS, SCOPE_CLOSE,
};

const struct view_ops *ui_view(struct ui *ui)
{
	return ui->in_list ? &view_list_ops : STAGE_VIEWS[ui->stage];
}

static unsigned current_scope(struct ui *ui)
{
	return ui->in_list ? SCOPE_LIST : STAGE_SCOPES[ui->stage];
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->dirty = DIRTY_ALL;
}

void ui_ask(struct ui *ui, confirm_fn yes, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->confirm_msg, sizeof ui->confirm_msg, fmt, ap);
	va_end(ap);
	ui->confirm = true;
	ui->confirm_yes = yes;
	ui->dirty = DIRTY_ALL;
}

/* Drafts belong to a role: the facilitator's and the scribe's terminals
 * type at once, and each must get its own text back after a crash. */
static void role_slot(struct ui *ui, const char *slot, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%s", author_role_name(ui->role), slot);
}

int ui_draft_put(struct ui *ui, const char *slot, const char *text, struct err *e)
{
	char full[96];
	if (ui->read_only || !ui->open)
		return 0;
	role_slot(ui, slot, full, sizeof full);
	return store_put_draft(ui->st, ui->doc.retro.id, full, text, e);
}

char *ui_draft_get(struct ui *ui, const char *slot)
{
	char full[96], *body = NULL;
	struct err e;
	if (ui->read_only || !ui->open)
		return NULL;
	role_slot(ui, slot, full, sizeof full);
	if (store_get_draft(ui->st, ui->doc.retro.id, full, &body, &e) != 0 || (body && !*body)) {
		free(body);
		return NULL;
	}
	return body;
}

static const char *prompt_slot(enum prompt_kind k)
{
	switch (k) {
	case PROMPT_EVENT: return "quick-add:event";
	case PROMPT_ACTION: return "quick-add:action";
	case PROMPT_QUESTION: return "quick-add:question";
	case PROMPT_PARTICIPANT: return "quick-add:participant";
	default: return NULL; /* nothing worth a draft */
	}
}

/* Saves what is being typed, so a crash loses at most the key in flight. */
static void save_drafts(struct ui *ui)
{
	struct err e = {0};
	if (!ui->open)
		return;
	bool failed = false;
	if (ui->note_draft_dirty) {
		if (ui_draft_put(ui, "notes", te_text(&ui->note_input), &e) == 0)
			ui->note_draft_dirty = false;
		else
			failed = true;
	}
	if (ui->prompt_draft_dirty) {
		const char *slot = prompt_slot(ui->prompt);
		if (!slot || ui_draft_put(ui, slot, te_text(&ui->prompt_input), &e) == 0)
			ui->prompt_draft_dirty = false;
		else
			failed = true;
	}
	ui_saved(ui, !failed, failed ? e.msg : NULL);
}

void ui_saved(struct ui *ui, bool ok, const char *why)
{
	/* The text stays on screen and is written again with the next key. */
	if (!ok) {
		/* Just the reason: the bar is short. */
		const char *reason = why ? strrchr(why, ':') : NULL;
		reason = reason ? reason + 2 : why ? why : "";
		ui_message(ui, true, "NOT SAVED, kept here, retried: %s", reason);
	}
	if (ok != !ui->unsaved)
		ui->dirty = DIRTY_ALL;
	ui->unsaved = !ok;
}

static void clear_prompt_draft(struct ui *ui, enum prompt_kind kind)
{
	const char *slot = prompt_slot(kind);
	struct err e;
	if (slot)
		ui_draft_put(ui, slot, "", &e);
}

void ui_open_prompt(struct ui *ui, enum prompt_kind kind, const char *label,
		    const char *hint, const char *initial)
{
	ui->prompt = kind;
	str_copy(ui->prompt_label, sizeof ui->prompt_label, label);
	str_copy(ui->prompt_hint, sizeof ui->prompt_hint, hint ? hint : "");
	te_clear(&ui->prompt_input);
	const char *slot = prompt_slot(kind);
	/* A quick-add typed before a crash comes back where it was. */
	char *draft = slot ? ui_draft_get(ui, slot) : NULL;
	if (draft)
		te_set(&ui->prompt_input, draft);
	else if (initial)
		te_set(&ui->prompt_input, initial);
	free(draft);
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
}

static void close_prompt(struct ui *ui)
{
	ui->prompt = PROMPT_NONE;
	ui->prompt_origin_event[0] = ui->prompt_origin_question[0] = '\0';
	te_clear(&ui->prompt_input);
	ui->dirty = DIRTY_ALL;
}

/* --- the retrospective --- */

static size_t stage_count(struct ui *ui)
{
	const struct view_ops *v = ui_view(ui);
	return v->count ? v->count(ui) : 0;
}

static void clamp_selection(struct ui *ui)
{
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		enum stage keep = ui->stage;
		ui->stage = (enum stage)s;
		size_t n = stage_count(ui);
		if (ui->sel[s] >= n)
			ui->sel[s] = n ? n - 1 : 0;
		ui->stage = keep;
	}
}

static void drop_earlier(struct ui *ui)
{
	store_free_actions(ui->earlier, ui->n_earlier);
	ui->earlier = NULL;
	ui->n_earlier = 0;
	ui->n_earlier_total = 0;
	ui->earlier_loaded = false;
}

void ui_want_earlier(struct ui *ui, size_t rows)
{
	/* Read again only for more rows than last time, when last time's
	 * reading stopped at what was asked (not at what there is). */
	if (ui->earlier_loaded && (rows <= ui->earlier_asked || ui->n_earlier < ui->earlier_asked))
		return;
	struct err e;
	drop_earlier(ui);
	ui->earlier_loaded = true;
	ui->earlier_asked = rows;
	store_list_open_elsewhere(ui->st, ui->doc.retro.id, rows, &ui->earlier, &ui->n_earlier,
				  &ui->n_earlier_total, &e);
}

/* The id of the item selected on a stage, to find it again after a reload
 * (others may have added items before it). */
static void selected_id(struct ui *ui, enum stage s, char id[ID_LEN])
{
	size_t i = ui->sel[s];
	const struct retro_doc *d = &ui->doc;
	id[0] = '\0';
	if (s == STAGE_TIMELINE && i < d->n_events)
		str_copy(id, ID_LEN, d->events[i].id);
	else if (s == STAGE_QUESTIONS && i < d->n_questions)
		str_copy(id, ID_LEN, d->questions[i].id);
	else if (s == STAGE_ACTIONS && i < d->n_actions)
		str_copy(id, ID_LEN, d->actions[i].id);
}

/* Selects the item with this id on whichever stage has it. */
static void select_id(struct ui *ui, const char *want)
{
	if (!want || !*want)
		return;
	for (size_t i = 0; i < ui->doc.n_events; i++)
		if (strcmp(ui->doc.events[i].id, want) == 0)
			ui->sel[STAGE_TIMELINE] = i;
	for (size_t i = 0; i < ui->doc.n_questions; i++)
		if (strcmp(ui->doc.questions[i].id, want) == 0)
			ui->sel[STAGE_QUESTIONS] = i;
	for (size_t i = 0; i < ui->doc.n_actions; i++)
		if (strcmp(ui->doc.actions[i].id, want) == 0)
			ui->sel[STAGE_ACTIONS] = i;
}

void ui_reload(struct ui *ui)
{
	struct err e = {0};
	struct retro_doc fresh;
	char keep[STAGE_COUNT + 1][ID_LEN];
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		selected_id(ui, (enum stage)s, keep[s]);
	if (model_load(ui->st, ui->doc.retro.id, &fresh, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	model_doc_free(&ui->doc);
	ui->doc = fresh;
	model_durations(ui->doc.events, ui->doc.n_events, &ui->dur);
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		select_id(ui, keep[s]);
	clamp_selection(ui);
	free(ui->preview);
	ui->preview = NULL;
	ui->dirty = DIRTY_ALL;
}

bool ui_refuse_read_only(struct ui *ui)
{
	if (!ui->read_only)
		return false;
	ui_message(ui, true, "This is a read-only view: the facilitator and the scribe make the changes.");
	return true;
}

void ui_save_position(struct ui *ui)
{
	struct err e;
	/* The retrospective keeps the facilitator's place, which the others
	 * follow; theirs is their own. */
	if (!ui->open || ui->role != ROLE_FACILITATOR || ui->read_only)
		return;
	const struct view_ops *v = ui_view(ui);
	const char *item = v->item_id ? v->item_id(ui) : NULL;
	if (store_set_position(ui->st, ui->doc.retro.id, ui->stage, item, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
}

/* Selects the saved item of the saved stage. */
static void restore_position(struct ui *ui)
{
	ui->stage = ui->doc.retro.stage;
	select_id(ui, ui->doc.retro.current_item);
}

/* Shows a loaded retrospective, which the ui now owns. */
static void show_retro(struct ui *ui, struct retro_doc doc)
{
	if (ui->open)
		model_doc_free(&ui->doc);
	ui->doc = doc;
	ui->open = true;
	ui->in_list = false;
	memset(ui->sel, 0, sizeof ui->sel);
	memset(ui->scroll, 0, sizeof ui->scroll);
	model_durations(ui->doc.events, ui->doc.n_events, &ui->dur);
	restore_position(ui);
	clamp_selection(ui);
	drop_earlier(ui); /* read when the Prime Directive is drawn */
	undo_log_free(&ui->undo);
	ui->focus = FOCUS_MAIN;
	te_clear(&ui->note_input);
	char *draft = ui_draft_get(ui, "notes");
	if (draft) {
		te_set(&ui->note_input, draft);
		/* Someone was typing a note when we stopped: carry on there. */
		ui->focus = FOCUS_NOTES;
	}
	free(draft);
	notes_repin(ui); /* a draft that came back goes where the meeting was */
	/* An unfinished quick-add on this stage reopens with its text. */
	static const enum prompt_kind stage_prompt[STAGE_COUNT + 1] = {
		PROMPT_NONE, PROMPT_PARTICIPANT, PROMPT_EVENT, PROMPT_QUESTION, PROMPT_ACTION, PROMPT_NONE,
	};
	enum prompt_kind pk = stage_prompt[ui->stage];
	draft = pk != PROMPT_NONE ? ui_draft_get(ui, prompt_slot(pk)) : NULL;
	if (draft) {
		ui->focus = FOCUS_MAIN;
		ui_view(ui)->request(ui, ACT_ADD); /* opens the prompt with the draft */
	}
	free(draft);
	ui_save_position(ui);
	ui->dirty = DIRTY_ALL;
}

bool ui_report(struct ui *ui, int rc, const struct err *e, const char *done)
{
	if (rc != 0) {
		ui_message(ui, true, "%s", e->msg);
		return false;
	}
	ui_reload(ui);
	if (done)
		ui_message(ui, false, "%s", done);
	return true;
}

void ui_open_retro(struct ui *ui, const char *id)
{
	struct err e = {0};
	struct retro_doc doc;
	if (model_load(ui->st, id, &doc, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	show_retro(ui, doc);
}

bool ui_move(struct ui *ui, enum command act, size_t *sel, size_t count, int page)
{
	size_t old = *sel;
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_DOWN:
		if (*sel + 1 < count)
			(*sel)++;
		break;
	case ACT_UP:
		if (*sel > 0)
			(*sel)--;
		break;
	case ACT_PAGE_DOWN:
		*sel = count ? (*sel + (size_t)page < count ? *sel + (size_t)page : count - 1) : 0;
		break;
	case ACT_PAGE_UP:
		*sel = *sel > (size_t)page ? *sel - (size_t)page : 0;
		break;
	case ACT_FIRST:
		*sel = 0;
		break;
	case ACT_LAST:
		*sel = count ? count - 1 : 0;
		break;
	default:
		return false;
	}
	if (*sel != old) {
		ui->dirty = DIRTY_ALL;
		if (!ui->in_list)
			ui_save_position(ui);
	}
	return true;
}

/* --- the frame --- */

static bool command_changes(enum command act);

/* How long this terminal has been in the meeting, for the header's right
 * end; named when the screen is wide enough to spare the words. */
#define CLOCK_COLS 9        /* " 1:05:00 " */
#define CLOCK_LABEL_MIN 100 /* screen columns from which it says "elapsed" */

static int clock_cols(const struct ui *ui)
{
	return ui->cols >= CLOCK_LABEL_MIN ? CLOCK_COLS + 8 : CLOCK_COLS;
}

static void draw_clock(struct ui *ui)
{
	if (ui->in_list || ui->cols < MIN_COLS || ui->rows < MIN_ROWS)
		return;
	int64_t el = clock_now() - ui->started;
	if (el < 0)
		el = 0;
	const char *label = ui->cols >= CLOCK_LABEL_MIN ? "elapsed " : "";
	char clock[48];
	if (el >= 3600)
		snprintf(clock, sizeof clock, " %s%lld:%02lld:%02lld ", label, (long long)(el / 3600),
			 (long long)(el / 60 % 60), (long long)(el % 60));
	else
		snprintf(clock, sizeof clock, " %s%02lld:%02lld ", label, (long long)(el / 60),
			 (long long)(el % 60));
	int cw = text_width(clock);
	draw_text(0, ui->cols - cw, cw, clock, term_attr(LOOK_HEADER));
}

static void draw_header(struct ui *ui)
{
	unsigned hdr = term_attr(LOOK_HEADER);
	draw_fill(0, 0, ui->cols, hdr);
	struct strbuf b = {0};
	if (ui->in_list) {
		sb_puts(&b, " debrief · retrospectives");
	} else {
		const struct retro *r = &ui->doc.retro;
		sb_printf(&b, " %s", r->title);
		if (r->incident_ref)
			sb_printf(&b, " · %s", r->incident_ref);
		if (r->severity)
			sb_printf(&b, " · %s", r->severity);
		if (r->status == RETRO_CLOSED)
			sb_puts(&b, " · closed");
	}
	/* Who else is here, beside the clock. */
	struct strbuf who = {0};
	if (!ui->in_list && ui->n_present > 1) {
		int fac = 0, scr = 0, view = 0;
		for (size_t i = 0; i < ui->n_present; i++) {
			const char *r = ui->present[i].role;
			fac += strcmp(r, "facilitator") == 0;
			scr += strcmp(r, "scribe") == 0;
			view += strcmp(r, "viewer") == 0;
		}
		if (fac)
			sb_puts(&who, " ● facilitator");
		if (scr)
			sb_puts(&who, " ● scribe");
		if (view)
			sb_printf(&who, " ● %d viewer%s", view, view == 1 ? "" : "s");
	}
	if (ui->follow && !ui->in_list)
		sb_puts(&who, " · following");
	int ww = text_width(sb_str(&who)), cc = ui->in_list ? 0 : clock_cols(ui);
	draw_text_fit(0, 0, ui->cols - 1 - cc - ww, b.s, hdr);
	draw_text(0, ui->cols - cc - ww, ww, sb_str(&who), hdr);
	sb_free(&who);
	sb_free(&b);
	draw_clock(ui);
	if (ui->in_list)
		return;

	/* The agenda as a breadcrumb, the current stage standing out. */
	int x = 1;
	draw_fill(1, 0, ui->cols, term_attr(LOOK_NORMAL));
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		char label[48];
		bool narrow = ui->cols < 90;
		snprintf(label, sizeof label, " %d %s ", s,
			 narrow && s == STAGE_PRIME ? "Prime" :
			 narrow && s == STAGE_QUESTIONS ? "Questions" :
			 narrow && s == STAGE_ACTIONS ? "Actions" : stage_title((enum stage)s));
		unsigned a = term_attr(s == (int)ui->stage ? LOOK_STAGE_NOW : LOOK_STAGE);
		x += draw_text(1, x, ui->cols - x, label, a);
		if (s < STAGE_COUNT)
			x += draw_text(1, x, ui->cols - x, "›", term_attr(LOOK_DIM));
	}

	/* Durations: computed from the timeline, never typed. */
	char d1[24] = "–", d2[24] = "–", d3[24] = "–", d4[24] = "–";
	if (ui->dur.has_detect)
		duration_format(ui->dur.detect, d1, sizeof d1);
	if (ui->dur.has_mitigate)
		duration_format(ui->dur.mitigate, d2, sizeof d2);
	if (ui->dur.has_resolve)
		duration_format(ui->dur.resolve, d3, sizeof d3);
	if (ui->dur.has_impact)
		duration_format(ui->dur.impact, d4, sizeof d4);
	char line[160];
	snprintf(line, sizeof line, " detect %s · mitigate %s · resolve %s · impact %s", d1, d2,
		 d3, d4);
	draw_fill(2, 0, ui->cols, term_attr(LOOK_NORMAL));
	draw_text(2, 0, ui->cols, line, term_attr(LOOK_DIM));
}

/* The bottom bar: a message, a question, a prompt, or the keys that matter
 * here. */
static void draw_bottom(struct ui *ui)
{
	int y = ui->rows - 1;
	draw_fill(y, 0, ui->cols, term_attr(LOOK_NORMAL));
	if (ui->confirm) {
		draw_text_fit(y, 1, ui->cols - 2, ui->confirm_msg, term_attr(LOOK_ERROR));
		return;
	}
	if (ui->prompt != PROMPT_NONE) {
		draw_fill(y - 1, 0, ui->cols, term_attr(LOOK_NORMAL));
		if (ui->msg[0] && ui->msg_error)
			draw_text_fit(y - 1, 1, ui->cols - 2, ui->msg, term_attr(LOOK_ERROR));
		else
			draw_text_fit(y - 1, 1, ui->cols - 2, ui->prompt_hint, term_attr(LOOK_DIM));
		int x = 1 + draw_text(y, 1, ui->cols - 2, ui->prompt_label, term_attr(LOOK_TITLE));
		x += draw_text(y, x, 2, ": ", term_attr(LOOK_TITLE));
		ui->input_y = y;
		ui->input_x = x;
		ui->input_w = ui->cols - x - 1;
		return;
	}
	/* The saved indicator: everything typed is in the database. */
	const char *state = ui->unsaved ? "✗ NOT SAVED " : ui->read_only ? "read-only " : "✓ saved ";
	int sw = text_width(state);
	draw_text(y, ui->cols - sw, sw, state, term_attr(ui->unsaved ? LOOK_ERROR : LOOK_DIM));
	if (ui->msg[0]) {
		draw_text_fit(y, 1, ui->cols - 3 - sw, ui->msg, term_attr(ui->msg_error ? LOOK_ERROR : LOOK_OK));
		return;
	}
	size_t n;
	const struct binding *b = keymap_bindings(&n);
	unsigned scope = ui->focus == FOCUS_NOTES ? SCOPE_NOTES : current_scope(ui);
	int x = 1;
	/* This stage's own keys first, then those of every stage, as many as
	 * fit; ? lists them all. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			bool everywhere = (b[i].scopes & SCOPE_STAGES) == SCOPE_STAGES ||
					  (b[i].scopes & SCOPE_LIST && b[i].scopes & SCOPE_STAGES);
			if (!b[i].in_bar || !(b[i].scopes & scope) || everywhere != (pass == 1))
				continue;
			if (ui->read_only && command_changes(b[i].action))
				continue; /* a viewer is offered only what it may do */
			if (b[i].action == ACT_NEXT_STAGE && !ui->in_list && ui->stage == STAGE_CLOSE)
				continue; /* nothing comes after Close */
			char key[16];
			/* The first key is enough in the bar. */
			const char *sp = strchr(b[i].label, ' ');
			size_t kl = sp ? (size_t)(sp - b[i].label) : strlen(b[i].label);
			snprintf(key, sizeof key, "%.*s", (int)kl, b[i].label);
			int need = text_width(key) + 1 + text_width(b[i].bar_label);
			if (x + need > ui->cols - 1 - sw)
				continue;
			x += draw_text(y, x, ui->cols - x, key, term_attr(LOOK_KEY));
			x += draw_text(y, x, ui->cols - x, " ", 0);
			x += draw_text(y, x, ui->cols - x, b[i].bar_label, term_attr(LOOK_NORMAL));
			x += draw_text(y, x, ui->cols - x, "  ", 0);
		}
	}
}

static void draw_prompt_input(struct ui *ui)
{
	if (ui->input_w < 1)
		return;
	int cx;
	draw_input(&ui->prompt_view, ui->input_y, ui->input_x, ui->input_w, &ui->prompt_input,
		   term_attr(LOOK_NORMAL), &cx);
	ui->cursor_y = ui->input_y;
	ui->cursor_x = cx;
}

static void draw_too_small(struct ui *ui)
{
	erase();
	char line[64];
	int y = ui->rows / 2;
	draw_centred(y > 0 ? y - 1 : 0, 0, ui->cols, "terminal too small", term_attr(LOOK_ERROR));
	snprintf(line, sizeof line, "%dx%d, need %dx%d", ui->cols, ui->rows, MIN_COLS, MIN_ROWS);
	if (y + 1 < ui->rows)
		draw_centred(y, 0, ui->cols, line, term_attr(LOOK_NORMAL));
}

static void draw_all(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->cursor_y = ui->cursor_x = -1;
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		draw_too_small(ui);
		return;
	}
	erase();
	ui->note_view.valid = ui->prompt_view.valid = false; /* erased: draw whole */
	draw_header(ui);
	int top = ui->in_list ? 1 : 3;
	int bottom = ui->rows - 1 - (ui->prompt != PROMPT_NONE ? 1 : 0);
	int height = bottom - top;
	if (ui->in_list || !ui->open) {
		view_list_ops.draw(ui, top, 0, height, ui->cols);
	} else if (ui->cols >= WIDE_COLS) {
		int notes_w = ui->cols / 3;
		ui_view(ui)->draw(ui, top, 0, height, ui->cols - notes_w - 1);
		attrset(term_attr(LOOK_DIM));
		mvvline(top, ui->cols - notes_w - 1, ACS_VLINE, height);
		attrset(A_NORMAL);
		notes_draw(ui, top, ui->cols - notes_w, height, notes_w);
	} else {
		int notes_h = height / 3;
		if (notes_h < 4)
			notes_h = 4;
		ui_view(ui)->draw(ui, top, 0, height - notes_h, ui->cols);
		notes_draw(ui, top + height - notes_h, 0, notes_h, ui->cols);
	}
	draw_bottom(ui);
	if (ui->prompt != PROMPT_NONE)
		draw_prompt_input(ui);
	if (ui->form)
		form_draw(ui);
	if (ui->help)
		help_draw(ui);
}

static void paint(struct ui *ui)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (rows != ui->rows || cols != ui->cols || cols < MIN_COLS || rows < MIN_ROWS)
		ui->dirty = DIRTY_ALL; /* nothing drawn before can be trusted */
	if (ui->dirty & DIRTY_ALL) {
		draw_all(ui);
	} else {
		if ((ui->dirty & DIRTY_CLOCK) && !ui->help && !ui->form)
			draw_clock(ui);
		/* Typing: only the line being typed changes. */
		if (!(ui->dirty & DIRTY_INPUT))
			;
		else if (ui->prompt != PROMPT_NONE)
			draw_prompt_input(ui);
		else if (ui->form)
			form_draw(ui);
		else if (ui->focus == FOCUS_NOTES)
			notes_draw_input(ui);
	}
	ui->dirty = DIRTY_NONE;
	if (ui->cursor_y >= 0 && !ui->help) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
	if (ui->frame_marker) {
		/* Test mode: tell the harness the screen is whole. */
		static const char marker[] = "\033]2;frame\007";
		fflush(stdout);
		(void)!write(STDOUT_FILENO, marker, sizeof marker - 1);
	}
}

/* --- keys --- */

bool ui_te_key(enum term_input kind, int key, enum te_key *out)
{
	if (kind == TERM_CODE) {
		switch (key) {
		case KEY_LEFT: *out = TE_KEY_LEFT; return true;
		case KEY_RIGHT: *out = TE_KEY_RIGHT; return true;
		case KEY_UP: *out = TE_KEY_UP; return true;
		case KEY_DOWN: *out = TE_KEY_DOWN; return true;
		case KEY_HOME: *out = TE_KEY_HOME; return true;
		case KEY_END: *out = TE_KEY_END; return true;
		case KEY_BACKSPACE: *out = TE_KEY_BACKSPACE; return true;
		case KEY_DC: *out = TE_KEY_DELETE; return true;
		case 0x222: *out = TE_KEY_WORD_LEFT; return true;  /* kLFT5: Ctrl-Left */
		case 0x231: *out = TE_KEY_WORD_RIGHT; return true; /* kRIT5: Ctrl-Right */
		default: return false;
		}
	}
	switch (key) {
	case 0x7f:
	case 0x08: *out = TE_KEY_BACKSPACE; return true;
	case 0x01: *out = TE_KEY_HOME; return true;        /* Ctrl-A */
	case 0x02: *out = TE_KEY_LEFT; return true;        /* Ctrl-B */
	case 0x04: *out = TE_KEY_DELETE; return true;      /* Ctrl-D */
	case 0x06: *out = TE_KEY_RIGHT; return true;       /* Ctrl-F */
	case 0x0b: *out = TE_KEY_KILL_TO_END; return true; /* Ctrl-K */
	case 0x15: *out = TE_KEY_KILL_TO_START; return true; /* Ctrl-U */
	case 0x17: *out = TE_KEY_DELETE_WORD_BACK; return true; /* Ctrl-W */
	case 0x19: *out = TE_KEY_YANK; return true;        /* Ctrl-Y */
	default: return false;
	}
}

bool ui_edit_key(struct textedit *te, enum term_input kind, int key, bool *changed)
{
	enum te_key k;
	enum te_result r;
	*changed = false;
	if (ui_te_key(kind, key, &k))
		r = te_key(te, k);
	else if (kind == TERM_CHAR && key >= 0x20 && key != 0x7f)
		r = te_insert_cp(te, (unsigned)key);
	else
		return false;
	*changed = r == TE_CHANGED;
	return true;
}

static void confirm_key(struct ui *ui, enum term_input kind, int key)
{
	confirm_fn yes = ui->confirm_yes;
	ui->confirm = false;
	ui->confirm_yes = NULL;
	ui->dirty = DIRTY_ALL;
	if (kind == TERM_CHAR && (key == 'y' || key == 'Y') && yes)
		yes(ui);
	else
		ui_message(ui, false, "Nothing changed.");
}

static void finish_prompt(struct ui *ui);

static void prompt_key(struct ui *ui, enum term_input kind, int key)
{
	if (kind == TERM_CHAR && key == 27) {
		enum prompt_kind k = ui->prompt;
		close_prompt(ui);
		clear_prompt_draft(ui, k);
		ui->prompt_draft_dirty = false;
		ui->msg[0] = '\0';
		return;
	}
	if ((kind == TERM_CHAR && (key == '\r' || key == '\n')) || (kind == TERM_CODE && key == KEY_ENTER)) {
		finish_prompt(ui);
		return;
	}
	bool changed;
	if (ui_edit_key(&ui->prompt_input, kind, key, &changed)) {
		if (changed) {
			ui->prompt_draft_dirty = true;
			if (ui->msg[0]) {
				ui->msg[0] = '\0';
				ui->dirty = DIRTY_ALL;
			}
		}
		ui->dirty |= DIRTY_INPUT;
	}
}

static void undo_last(struct ui *ui)
{
	char label[96], id[ID_LEN];
	struct err e = {0};
	int rc = model_undo(ui->st, &ui->undo, &ui->doc, label, sizeof label, id, &e);
	if (rc == 1) {
		ui_message(ui, false, "Nothing to undo.");
		return;
	}
	if (rc != 0) {
		ui_message(ui, true, "cannot undo: %s", e.msg);
		return;
	}
	ui_reload(ui);
	select_id(ui, id); /* show what came back */
	ui_save_position(ui);
	ui_message(ui, false, "Undone: %s.", label);
}

static void stop_following(struct ui *ui)
{
	if (ui->follow && ui->role != ROLE_FACILITATOR) {
		ui->follow = false;
		ui_message(ui, false, "Stopped following the facilitator; f follows again.");
	}
}

static void go_stage(struct ui *ui, int s)
{
	if (s < STAGE_PRIME || s > STAGE_COUNT || s == (int)ui->stage)
		return;
	stop_following(ui);
	ui->stage = (enum stage)s;
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
	ui_save_position(ui);
}

/* A file name for the export from the incident or the title. */
static void default_export_name(struct ui *ui, char *buf, size_t size)
{
	const struct retro *r = &ui->doc.retro;
	const char *src = r->incident_ref && *r->incident_ref ? r->incident_ref : r->title;
	size_t k = 0;
	for (const char *p = src; *p && k + 4 < size && k < 48; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[k++] = c;
		else if (c >= 'A' && c <= 'Z')
			buf[k++] = (char)(c + 32);
		else if (k > 0 && buf[k - 1] != '-')
			buf[k++] = '-';
	}
	while (k > 0 && buf[k - 1] == '-')
		k--;
	if (k == 0)
		k = (size_t)snprintf(buf, size, "retrospective");
	snprintf(buf + k, size - k, ".md");
}

static void do_export(struct ui *ui, const char *path)
{
	struct err e = {0};
	const char *dot = strrchr(path, '.');
	int f = dot ? export_format_parse(dot + 1) : -1;
	if (f < 0)
		f = EXPORT_MD;
	if (export_to_file(ui->st, ui->doc.retro.id, &ui->doc, (enum export_format)f, path, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	else {
		/* Say where it went: the folder debrief was started in is easy to
		 * forget in the middle of a meeting. */
		char *full = realpath(path, NULL);
		ui_message(ui, false, "Exported the summary to %s (%s).", full ? full : path,
			   export_format_name((enum export_format)f));
		free(full);
	}
}

static void new_retro(struct ui *ui, const char *title)
{
	struct retro r = {0};
	struct err e = {0};
	r.title = xstrdup(title);
	if (model_create_retro(ui->st, &r, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		retro_free(&r);
		return;
	}
	char id[ID_LEN];
	str_copy(id, sizeof id, r.id);
	retro_free(&r);
	ui_open_retro(ui, id);
	ui_message(ui, false, "Started \"%s\". Press i for its details.", title);
}

/* Quick-adds of the stages are handled in their views; these prompts
 * belong to the frame. */
static void finish_prompt(struct ui *ui)
{
	enum prompt_kind k = ui->prompt;
	char *text = xstrdup(te_text(&ui->prompt_input));
	str_trim(text);
	bool ok = true;
	if (k == PROMPT_EXPORT) {
		if (*text)
			do_export(ui, text);
	} else if (k == PROMPT_NEW_RETRO) {
		if (*text)
			new_retro(ui, text);
	} else if (k == PROMPT_EVENT) {
		ok = timeline_quick_add(ui, text);
	} else if (k == PROMPT_ACTION) {
		ok = actions_quick_add(ui, text);
	} else if (k == PROMPT_QUESTION) {
		ok = questions_quick_add(ui, text);
	} else if (k == PROMPT_PARTICIPANT) {
		ok = prime_add_participant(ui, text);
	}
	free(text);
	if (ok && ui->prompt == k) {
		clear_prompt_draft(ui, k);
		ui->prompt_draft_dirty = false;
		close_prompt(ui);
	}
}

/* Commands that change the retrospective: refused in a read-only view. */
static bool command_changes(enum command act)
{
	switch (act) {
	case ACT_ADD: case ACT_EDIT: case ACT_DELETE: case ACT_UNDO: case ACT_NEW_ACTION:
	case ACT_DETAILS: case ACT_MARK_WELL: case ACT_MARK_BETTER: case ACT_MARK_LUCKY:
	case ACT_SET_OPEN: case ACT_SET_DONE: case ACT_SET_DROPPED: case ACT_CLOSE_RETRO:
	case ACT_FOCUS: case ACT_NEW_RETRO:
		return true;
	default:
		return false;
	}
}

static void follow_facilitator(struct ui *ui);

static void handle_command(struct ui *ui, enum command act)
{
	const struct view_ops *v = ui_view(ui);
	if (command_changes(act) && ui_refuse_read_only(ui))
		return;
	if (act == ACT_FOLLOW) {
		if (ui->role == ROLE_FACILITATOR && !ui->read_only) {
			ui_message(ui, false, "The facilitator leads; the others follow.");
		} else {
			ui->follow = !ui->follow;
			ui_message(ui, false, ui->follow ? "Following the facilitator." :
				   "Stopped following; f follows again.");
			if (ui->follow)
				follow_facilitator(ui);
		}
		return;
	}
	if (act >= ACT_DOWN && act <= ACT_LAST && !ui->in_list && ui->stage != STAGE_CLOSE)
		stop_following(ui); /* moving on one's own */
	if (v->request && v->request(ui, act))
		return;
	char name[64];
	switch (act) {
	case ACT_HELP:
		ui->help = true;
		ui->help_scroll = 0;
		ui->dirty = DIRTY_ALL;
		break;
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		ui->dirty = DIRTY_ALL;
		break;
	case ACT_FOCUS:
		ui->focus = FOCUS_NOTES;
		ui->msg[0] = '\0';
		ui->dirty = DIRTY_ALL;
		break;
	case ACT_NEXT_STAGE:
		go_stage(ui, ui->stage < STAGE_COUNT ? (int)ui->stage + 1 : (int)ui->stage);
		break;
	case ACT_PREV_STAGE:
		go_stage(ui, ui->stage > STAGE_PRIME ? (int)ui->stage - 1 : (int)ui->stage);
		break;
	case ACT_STAGE_1: case ACT_STAGE_2: case ACT_STAGE_3: case ACT_STAGE_4: case ACT_STAGE_5:
		go_stage(ui, STAGE_PRIME + (act - ACT_STAGE_1));
		break;
	case ACT_UNDO:
		undo_last(ui);
		break;
	case ACT_DETAILS:
		form_open_details(ui, false);
		break;
	case ACT_EXPORT:
		default_export_name(ui, name, sizeof name);
		ui_open_prompt(ui, PROMPT_EXPORT, "Export to",
			       "the extension picks the format: .md .json .html .txt", name);
		break;
	case ACT_NEW_ACTION: {
		/* Linked to what is on screen: the event or question. */
		struct note anchor = {0};
		if (v->anchor)
			v->anchor(ui, &anchor);
		/* Say what it will be linked to. */
		char label[64] = "New action item";
		const struct event *ev = doc_event(&ui->doc, anchor.event_id);
		const struct question *q = doc_question(&ui->doc, anchor.question_id);
		if (ev) {
			char clock[16];
			instant_format_clock(ev->time, clock, sizeof clock);
			snprintf(label, sizeof label, "New action item (from the %s event)", clock);
		} else if (q) {
			snprintf(label, sizeof label, "New action item (from question %d)", q->position);
		}
		ui_open_prompt(ui, PROMPT_ACTION, label,
			       "text @owner due:YYYY-MM-DD #prevent|detect|mitigate|process !P1", NULL);
		str_copy(ui->prompt_origin_event, ID_LEN, anchor.event_id);
		str_copy(ui->prompt_origin_question, ID_LEN, anchor.question_id);
		break;
	}
	default:
		if (ui_move(ui, act, ui->in_list ? &ui->list_sel : &ui->sel[ui->stage],
			    v->count ? v->count(ui) : 0, ui->rows / 2))
			break;
		break;
	}
}

/* A pasted character goes into whatever is being typed into, as text: a
 * line break or a tab inside it neither saves nor moves on. With nothing
 * being typed into, a paste is not taken as a run of keys. */
static void paste_key(struct ui *ui, int cp)
{
	if (cp == '\n' || cp == '\t')
		cp = ' ';
	if (ui->confirm || ui->help)
		ui_message(ui, true, "A paste goes into the notes pane (Tab) or a prompt; ignored here.");
	else if (ui->form)
		form_key(ui, TERM_CHAR, cp);
	else if (ui->prompt != PROMPT_NONE)
		prompt_key(ui, TERM_CHAR, cp);
	else if (ui->focus == FOCUS_NOTES && !ui->in_list)
		notes_key(ui, TERM_CHAR, cp);
	else
		ui_message(ui, true, "A paste goes into the notes pane (Tab) or a prompt; ignored here.");
}

static void handle_key(struct ui *ui, enum term_input kind, int key)
{
	if (kind == TERM_CODE && key == KEY_RESIZE) {
		ui->dirty = DIRTY_ALL;
		return;
	}
	if (kind == TERM_PASTE) {
		paste_key(ui, key);
		return;
	}
	if (ui->confirm) {
		confirm_key(ui, kind, key);
		return;
	}
	if (ui->help) {
		help_key(ui, kind, key);
		return;
	}
	if (ui->form) {
		form_key(ui, kind, key);
		return;
	}
	if (ui->prompt != PROMPT_NONE) {
		prompt_key(ui, kind, key);
		return;
	}
	/* A message stays until the next key. */
	if (ui->msg[0]) {
		ui->msg[0] = '\0';
		ui->dirty = DIRTY_ALL;
	}
	if (ui->focus == FOCUS_NOTES && !ui->in_list) {
		enum command act = keymap_lookup(SCOPE_NOTES, key, kind == TERM_CODE);
		if (act == ACT_NOTE_EARLIER || act == ACT_NOTE_LATER) {
			notes_walk(ui, act == ACT_NOTE_EARLIER);
		} else if (act == ACT_NOTE_LEAVE && ui->note_edit_id[0] && !(kind == TERM_CHAR && key == '\t')) {
			notes_stop_editing(ui); /* Esc first drops the edit */
		} else if (act == ACT_NOTE_LEAVE) {
			notes_stop_editing(ui);
			ui->focus = FOCUS_MAIN;
			ui->dirty = DIRTY_ALL;
		} else if (act == ACT_NOTE_SAVE) {
			notes_save(ui);
		} else if (act == ACT_NOTE_EDITOR) {
			notes_editor(ui);
		} else if (kind == TERM_CODE && key == KEY_F(1)) {
			handle_command(ui, ACT_HELP);
		} else {
			notes_key(ui, kind, key);
		}
		return;
	}
	enum command act = keymap_lookup(current_scope(ui), key, kind == TERM_CODE);
	if (act != ACT_NONE) {
		handle_command(ui, act);
		if (ui->note_pinned)
			notes_repin(ui); /* moved by this terminal's own keys: the note goes along */
	}
}

/* --- other terminals on the same file --- */

static int64_t mono_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

static const char *presence_role(struct ui *ui)
{
	return ui->read_only ? "viewer" : ui->role == ROLE_SCRIBE ? "scribe" : "facilitator";
}

/* Who is here: rows refreshed lately by processes still alive. */
static void load_presence(struct ui *ui)
{
	struct err e;
	struct presence *v;
	size_t n;
	if (!ui->open)
		return;
	if (store_presence_list(ui->st, ui->doc.retro.id, clock_now() - PRESENCE_EXPIRES, &v, &n, &e) != 0)
		return;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		/* On one host a crashed process is known at once by its pid. */
		bool alive = kill((pid_t)v[i].pid, 0) == 0 || errno == EPERM;
		if (alive)
			v[k++] = v[i];
	}
	bool changed = k != ui->n_present;
	for (size_t i = 0; !changed && i < k; i++)
		changed = strcmp(v[i].id, ui->present[i].id) != 0;
	free(ui->present);
	ui->present = v;
	ui->n_present = k;
	if (changed)
		ui->dirty = DIRTY_ALL;
}

static void beat(struct ui *ui)
{
	struct err e;
	if (!ui->open)
		return;
	int64_t now = mono_seconds();
	if (ui->last_beat && now - ui->last_beat < PRESENCE_BEAT)
		return;
	ui->last_beat = now;
	store_presence_beat(ui->st, ui->doc.retro.id, ui->presence_id, presence_role(ui),
			    (long)getpid(), &e);
	load_presence(ui);
}

/* Moves to where the facilitator is. */
static void follow_facilitator(struct ui *ui)
{
	struct retro_mark m;
	struct err e;
	if (!ui->open || store_retro_mark(ui->st, ui->doc.retro.id, &m, &e) != 0)
		return;
	if (m.stage != ui->stage)
		ui->dirty = DIRTY_ALL;
	ui->stage = m.stage;
	char before[ID_LEN];
	selected_id(ui, ui->stage, before);
	select_id(ui, m.item);
	if (strcmp(before, m.item) != 0)
		ui->dirty = DIRTY_ALL;
}

/* Another terminal committed something: show it, without touching what is
 * being typed here. */
static void check_outside(struct ui *ui)
{
	struct err e;
	long long v;
	if (store_data_version(ui->st, &v, &e) != 0 || v == ui->data_version)
		return;
	ui->data_version = v;
	if (ui->in_list) {
		ui->list_loaded = false; /* counted and read again when drawn */
		ui->dirty = DIRTY_ALL;
		return;
	}
	if (!ui->open)
		return;
	struct retro_mark m;
	if (store_retro_mark(ui->st, ui->doc.retro.id, &m, &e) != 0)
		return;
	if (m.rev != ui->doc.retro.rev || m.status != ui->doc.retro.status)
		ui_reload(ui);
	if (ui->follow)
		follow_facilitator(ui);
	load_presence(ui);
}

static void drop_list_window(struct ui *ui)
{
	store_free_retro_summaries(ui->list, ui->n_list);
	ui->list = NULL;
	ui->n_list = 0;
	ui->list_base = 0;
}

/* Forgets what was read of the list: its rows are read as drawn, and how
 * many there are only once something needs it (moving, scrolling): the
 * first screen of a thousand costs what the first screen of ten does. */
static void load_list(struct ui *ui)
{
	drop_list_window(ui);
	ui->list_loaded = true;
	ui->list_counted = false;
}

size_t ui_list_total(struct ui *ui)
{
	if (!ui->list_loaded)
		load_list(ui);
	if (!ui->list_counted) {
		struct err e = {0};
		if (store_count_retros(ui->st, &ui->list_total, &e) != 0)
			ui_message(ui, true, "%s", e.msg);
		ui->list_counted = true;
		if (ui->list_sel >= ui->list_total)
			ui->list_sel = ui->list_total ? ui->list_total - 1 : 0;
	}
	return ui->list_total;
}

const struct retro_summary *ui_list_row(struct ui *ui, size_t i, size_t first, size_t count)
{
	if (!ui->list_loaded)
		load_list(ui);
	if (ui->list_counted && i >= ui->list_total)
		return NULL;
	if (i < ui->list_base || i >= ui->list_base + ui->n_list) {
		struct err e = {0};
		drop_list_window(ui);
		if (first > i || i - first >= count) { /* the window must hold i */
			first = i;
			count = 1;
		}
		if (store_list_retros_page(ui->st, first, count, &ui->list, &ui->n_list, &e) != 0) {
			ui_message(ui, true, "%s", e.msg);
			return NULL;
		}
		ui->list_base = first;
		if (i >= first + ui->n_list) /* the list shrank meanwhile */
			return NULL;
	}
	return &ui->list[i - ui->list_base];
}

static void ui_free(struct ui *ui)
{
	if (ui->open)
		model_doc_free(&ui->doc);
	store_free_retro_summaries(ui->list, ui->n_list);
	store_free_actions(ui->earlier, ui->n_earlier);
	undo_log_free(&ui->undo);
	te_free(&ui->note_input);
	te_free(&ui->prompt_input);
	sb_free(&ui->note_view.shown);
	sb_free(&ui->prompt_view.shown);
	form_free(ui);
	free(ui->preview);
	free(ui->present);
	free(ui->note_aside);
}

int ui_run(struct store *st, const char *retro_id, const struct ui_options *opt,
	   struct err *e)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.st = st;
	ui.role = opt->role;
	ui.read_only = opt->read_only;
	ui.follow = opt->follow;
	store_new_id(ui.presence_id);
	ui.started = clock_now();
	const char *frames = getenv("DEBRIEF_TEST_FRAMES");
	ui.frame_marker = frames && *frames;
	te_init(&ui.note_input, false);
	te_init(&ui.prompt_input, false);
	/* Loaded before the screen is taken, so that a failure is a plain
	 * message on a plain terminal. */
	struct retro_doc first;
	if (retro_id && model_load(st, retro_id, &first, e) != 0) {
		ui_free(&ui);
		return -1;
	}
	if (term_start(e) != 0) {
		if (retro_id)
			model_doc_free(&first);
		ui_free(&ui);
		return -1;
	}
	if (retro_id) {
		show_retro(&ui, first);
		if (ui.follow)
			follow_facilitator(&ui);
		if (ui.role == ROLE_SCRIBE && !ui.read_only)
			ui.focus = FOCUS_NOTES; /* the scribe is here to write */
	} else {
		ui.in_list = true;
		load_list(&ui);
	}
	store_data_version(st, &ui.data_version, e);
	int watch = store_watch(st);
	term_watch(watch);
	ui.dirty = DIRTY_ALL;
	while (!ui.quit && !term_should_quit()) {
		if (ui.in_list && !ui.list_loaded)
			load_list(&ui);
		beat(&ui);
		if (ui.dirty)
			paint(&ui);
		int key;
		/* Asleep in one poll: keys, changes by other terminals (inotify),
		 * and each second the meeting clock. Without inotify, look for
		 * changes five times a second. */
		enum term_input kind = term_read(watch >= 0 ? (ui.in_list ? -1 : 1000) : 200, &key);
		if (kind == TERM_WATCH) {
			store_watch_drain(st);
			check_outside(&ui);
			continue;
		}
		if (kind == TERM_NONE) {
			if (!ui.in_list)
				ui.dirty |= DIRTY_CLOCK;
			check_outside(&ui);
			load_presence(&ui);
			continue;
		}
		handle_key(&ui, kind, key);
		/* Everything already typed or pasted, before one redraw and one
		 * draft write. */
		for (int i = 0; i < KEYS_PER_BATCH && !ui.quit; i++) {
			kind = term_read_now(&key);
			if (kind == TERM_NONE)
				break;
			handle_key(&ui, kind, key);
		}
		save_drafts(&ui);
	}
	save_drafts(&ui);
	term_watch(-1);
	term_stop();
	struct err bye;
	if (ui.last_beat)
		store_presence_leave(st, ui.presence_id, &bye);
	ui_free(&ui);
	return 0;
}
