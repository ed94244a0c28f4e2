/* The facilitator's aids on the screen: the questions to ask about the
 * highlighted event (a panel under the timeline, s), and the blameless-
 * language nudge (phrases underlined where notes and events are shown,
 * a reframing question in the bar). The data is the model's (bank.h). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "debrief/text.h"
#include "ui_internal.h"

/* The questions shown for one event. */
#define ASK_MAX 3

/* The bank, read the first time it is wanted; a bad file is said once,
 * and the panel says it has nothing. */
static const struct ask_bank *bank(struct ui *ui)
{
	if (!ui->bank_tried) {
		struct err e;
		ui->bank_tried = true;
		if (ask_bank_load(&ui->bank, &e) != 0)
			ui_message(ui, true, "%s", e.msg);
	}
	return &ui->bank;
}

static const struct event *highlighted(struct ui *ui)
{
	size_t i = ui->sel[STAGE_TIMELINE];
	return i < ui->doc.n_events ? &ui->doc.events[i] : NULL;
}

static size_t questions_now(struct ui *ui, const char **out)
{
	const struct event *ev = highlighted(ui);
	return ev ? ask_bank_for(bank(ui), ev->kind, ev->mark, out, ASK_MAX) : 0;
}

int ui_ask_rows(struct ui *ui, int height)
{
	if (!ui->ask_shown || ui->stage != STAGE_TIMELINE || height < 8)
		return 0;
	return 1 + ASK_MAX;
}

void ui_ask_draw(struct ui *ui, int top, int left, int rows, int width)
{
	const char *q[ASK_MAX];
	size_t n = questions_now(ui, q);
	const struct event *ev = highlighted(ui);
	bool focused = ui->focus == FOCUS_ASK;
	unsigned frame = term_attr(focused ? LOOK_FOCUS : LOOK_DIM);
	char title[160];
	if (ev) {
		char clock[16];
		instant_format_clock(ev->time, clock, sizeof clock);
		clock[5] = '\0';
		snprintf(title, sizeof title, " Ask about %s %s%s%s ", clock, event_kind_title(ev->kind),
			 ev->mark ? ", " : "", ev->mark ? event_mark_title(ev->mark) : "");
	} else {
		snprintf(title, sizeof title, " Ask about an event ");
	}
	for (int r = 0; r < rows; r++)
		draw_fill(top + r, left, width, term_attr(LOOK_NORMAL));
	draw_hline(top, left, width, frame);
	draw_text_fit(top, left + 1, width - 2, title, frame);
	if (ui->ask_sel >= n)
		ui->ask_sel = n ? n - 1 : 0;
	if (n == 0)
		draw_text_fit(top + 1, left + 2, width - 3,
			      ev ? "The question bank has nothing for this event." : "No event highlighted.",
			      term_attr(LOOK_DIM));
	for (size_t i = 0; i < n && (int)i + 1 < rows; i++) {
		bool sel = focused && i == ui->ask_sel;
		unsigned a = term_attr(sel ? LOOK_SELECTED : LOOK_NORMAL);
		if (sel)
			draw_fill(top + 1 + (int)i, left, width, a);
		draw_text(top + 1 + (int)i, left + 1, 2, sel ? "›" : "·", a);
		draw_text_fit(top + 1 + (int)i, left + 3, width - 4, q[i], a);
	}
}

void ui_ask_open(struct ui *ui)
{
	ui->ask_shown = true;
	ui->focus = FOCUS_ASK;
	ui->ask_sel = 0;
	ui->dirty = DIRTY_ALL;
}

bool ui_ask_is_open(const struct ui *ui)
{
	return ui->focus == FOCUS_ASK && !ui->in_list && ui->open && ui->stage == STAGE_TIMELINE;
}

bool ui_ask_key(struct ui *ui, enum term_input kind, int key)
{
	if (ui->msg[0]) /* a message stays until the next key */
		ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
	const char *q[ASK_MAX];
	size_t n = questions_now(ui, q);
	switch (keymap_lookup(SCOPE_ASK, key, kind == TERM_CODE)) {
	case ACT_DOWN:
		if (ui->ask_sel + 1 < n)
			ui->ask_sel++;
		return false;
	case ACT_UP:
		if (ui->ask_sel > 0)
			ui->ask_sel--;
		return false;
	case ACT_ASK_TAKE:
		if (ui->ask_sel < n && !ui_refuse_read_only(ui) && !ui_refuse_closed(ui, ACT_FOCUS))
			notes_insert(ui, q[ui->ask_sel]);
		return true;
	case ACT_ASK_HIDE:
		ui->ask_shown = false;
		ui->focus = FOCUS_MAIN;
		return true;
	case ACT_CANCEL:
		ui->focus = FOCUS_MAIN;
		return true;
	default:
		if (kind == TERM_CODE && ui_key_of(kind, key) == UI_KEY_F1)
			help_open(ui);
		return true;
	}
}

/* --- the nudge --- */

void ui_nudge_load(struct ui *ui)
{
	struct err e;
	if (ui->nudge_off || ui->nudge_tried)
		return;
	ui->nudge_tried = true;
	if (nudge_load(&ui->nudge, &e) != 0)
		ui_message(ui, true, "%s (the language nudge is off)", e.msg);
}

void ui_nudge_mark(struct ui *ui, int y, int x, int width, const char *s, size_t len)
{
	size_t at = 0, span;
	const struct nudge_phrase *p;
	if (ui->nudge_off)
		return;
	while (nudge_find(&ui->nudge, s, len, at, &at, &span, &p)) {
		int col = text_widthn(s, at), w = text_widthn(s + at, span);
		if (col + w > width)
			break; /* cut: not shown whole */
		chtype cell = mvinch(y, x + col); /* its look, kept: underlined too */
		attr_t a = (cell & A_ATTRIBUTES) & ~A_COLOR;
		short pair = (short)PAIR_NUMBER(cell & A_COLOR);
		mvchgat(y, x + col, w, a | A_UNDERLINE, pair, NULL);
		at += span;
	}
}

bool ui_nudge_hint(struct ui *ui, char *buf, size_t size)
{
	if (ui->nudge_off || ui->in_list || ui->board || !ui->open)
		return false;
	/* What is being typed, else the highlighted event's text. */
	const char *text = NULL;
	if (ui->focus == FOCUS_NOTES)
		text = te_text(&ui->note_input);
	else if (ui->focus == FOCUS_MAIN && ui->stage == STAGE_TIMELINE && highlighted(ui))
		text = highlighted(ui)->text;
	size_t at, span;
	const struct nudge_phrase *p;
	if (!text || !nudge_find(&ui->nudge, text, strlen(text), 0, &at, &span, &p))
		return false;
	snprintf(buf, size, "“%.*s” · %s", (int)span, text + at, p->reframe);
	return true;
}

void ui_nudge_typed(struct ui *ui)
{
	if (ui->focus != FOCUS_NOTES && !ui->nudge_hinted)
		return;
	char hint[320];
	bool now = ui_nudge_hint(ui, hint, sizeof hint);
	if (now != ui->nudge_hinted)
		ui->dirty = DIRTY_ALL; /* the bar: the question comes, or goes */
	ui->nudge_hinted = now;
}

void ui_aids_free(struct ui *ui)
{
	ask_bank_free(&ui->bank);
	nudge_free(&ui->nudge);
}
