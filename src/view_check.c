/* The timeline's check, over any stage: its problems listed (`!`, or the
 * facilitator leaving the timeline), Enter going to the event of one, y
 * accepting the timeline as it is. The rules are the model's
 * (model_timeline_check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

/* The problems not accepted, as one number: the panel opens again on
 * leaving the timeline only for another set of them. */
static uint64_t unaccepted_sum(const struct timeline_check *c)
{
	uint64_t sum = c->unaccepted;
	for (size_t i = 0; i < c->n; i++)
		if (!c->v[i].accepted)
			sum += c->v[i].token * 2 + 1;
	return sum;
}

void check_timeline(struct ui *ui, bool leaving)
{
	if (!ui->open || ui->in_list)
		return;
	model_timeline_check_free(&ui->tl);
	model_timeline_check(&ui->doc, clock_now(), &ui->tl);
	const struct timeline_check *c = &ui->tl;
	uint64_t sum = unaccepted_sum(c);
	if (leaving) {
		/* Once for each set of problems: the header keeps saying
		 * "unchecked", and ! lists them again. */
		if (c->state != TIMELINE_UNCHECKED || ui->doc.retro.status == RETRO_CLOSED ||
		    sum == ui->check_shown)
			return;
	} else if (ui->doc.n_events == 0) {
		ui_message(ui, false, "The timeline is empty: nothing to check yet.");
		return;
	} else if (c->n == 0) {
		ui_message(ui, false, "The timeline passes its check: nothing out of order, missing, "
			   "in the future, there twice or far outside the incident.");
		return;
	}
	ui->check_shown = sum;
	ui->check_open = true;
	ui->check_sel = 0;
	for (size_t i = 0; i < c->n; i++)
		if (!c->v[i].accepted) {
			ui->check_sel = i;
			break;
		}
	ui->dirty = DIRTY_ALL;
}

void check_draw(struct ui *ui)
{
	const struct timeline_check *c = &ui->tl;
	int w = ui->cols - 4 < 84 ? ui->cols - 4 : 84;
	int room = ui->rows - 10; /* the frame's rows above and below stay seen */
	if (room < 1)
		room = 1;
	int list = c->n == 0 ? 1 : (int)c->n < room ? (int)c->n : room;
	int h = list + 6;
	int top, left;
	h = draw_dialog(ui->rows, ui->cols, h, w, &top, &left);
	char title[128];
	if (c->n == 0)
		snprintf(title, sizeof title, " Timeline check: it passes now ");
	else if (c->unaccepted)
		snprintf(title, sizeof title, " Timeline check: %zu problem%s, %zu not accepted ", c->n,
			 c->n == 1 ? "" : "s", c->unaccepted);
	else
		snprintf(title, sizeof title, " Timeline check: %zu problem%s, accepted as it is ", c->n,
			 c->n == 1 ? "" : "s");
	draw_text_fit(top, left + 2, w - 4, title, term_attr(LOOK_TITLE));
	int y = top + 1;
	if (c->n == 0) {
		draw_text_fit(y, left + 2, w - 4, "Nothing out of order, missing, in the future, twice or far outside.",
			      term_attr(LOOK_NORMAL));
	} else {
		size_t sel = ui->check_sel < c->n ? ui->check_sel : c->n - 1;
		size_t first = sel >= (size_t)list ? sel - (size_t)list + 1 : 0;
		for (int r = 0; r < list && first + (size_t)r < c->n; r++) {
			size_t i = first + (size_t)r;
			const struct timeline_problem *p = &c->v[i];
			bool is_sel = i == sel;
			unsigned a = term_attr(is_sel ? LOOK_SELECTED : p->accepted ? LOOK_DIM : LOOK_NORMAL);
			if (is_sel)
				draw_fill(y + r, left + 1, w - 2, a);
			int x = left + 1;
			x += draw_text(y + r, x, 2, is_sel ? "›" : " ", a);
			if (p->accepted)
				x += draw_text(y + r, x, left + w - 2 - x, "accepted: ", a);
			draw_text_fit(y + r, x, left + w - 2 - x, p->what, a);
		}
		/* The one highlighted, whole. */
		draw_wrapped(y + list + 1, left + 2, w - 4, 2, c->v[sel].what, 0, term_attr(LOOK_NORMAL));
	}
	struct strbuf hint = {0};
	keymap_hint(SCOPE_CHECK, &hint); /* "Enter: go to the event · y: accept ..." */
	draw_text_fit(top + h - 2, left + 2, w - 4, sb_str(&hint), term_attr(LOOK_DIM));
	sb_free(&hint);
}

/* Enter: the timeline, on the problem's event (a missing one: the
 * timeline, to add it). */
static void go_to_problem(struct ui *ui)
{
	const struct timeline_check *c = &ui->tl;
	if (ui->check_sel >= c->n)
		return;
	char id[ID_LEN], what[sizeof c->v->what];
	str_copy(id, sizeof id, c->v[ui->check_sel].event_id);
	str_copy(what, sizeof what, c->v[ui->check_sel].what);
	bool missing = c->v[ui->check_sel].kind == TLP_MISSING;
	ui->check_open = false;
	ui_go_stage(ui, STAGE_TIMELINE);
	if (id[0]) {
		ui_stop_following(ui);
		ui_select_id(ui, id);
		ui_save_position(ui);
	}
	if (missing)
		ui_message(ui, false, "%s %s adds it.", what, keymap_key_for(SCOPE_TIMELINE, ACT_ADD));
	else
		ui_message(ui, false, "%s", what);
	ui->dirty = DIRTY_ALL;
}

static void accept(struct ui *ui)
{
	struct err e = {0};
	if (ui_refuse_read_only(ui))
		return;
	if (ui->tl.n == 0) {
		ui->check_open = false;
		ui_message(ui, false, "The timeline passes: there is nothing to accept.");
		return;
	}
	int rc = model_accept_timeline(ui->st, &ui->doc, &ui->tl, &e);
	if (ui_report(ui, rc, &e, "Accepted the timeline as it is: its durations count as checked "
		      "until another problem appears."))
		ui->check_open = false;
	ui->dirty = DIRTY_ALL;
}

bool check_layer_key(struct ui *ui, enum term_input kind, int key)
{
	enum command act = keymap_lookup(SCOPE_CHECK, key, kind == TERM_CODE);
	size_t n = ui->tl.n;
	switch (act) {
	case ACT_DOWN:
		if (ui->check_sel + 1 < n)
			ui->check_sel++;
		break;
	case ACT_UP:
		if (ui->check_sel > 0)
			ui->check_sel--;
		break;
	case ACT_SUBMIT:
		go_to_problem(ui);
		break;
	case ACT_ACCEPT_TIMELINE:
		accept(ui);
		break;
	case ACT_CANCEL:
		ui->check_open = false;
		break;
	default:
		return true; /* the list keeps the keys until it is closed */
	}
	ui->dirty = DIRTY_ALL;
	return true;
}
