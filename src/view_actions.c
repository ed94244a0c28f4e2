/* Stage 4: the action items, each needing an owner before the end; above
 * them, the ideas parked for later (`p` from any stage), each to become
 * one (Enter) or be dropped (d). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui_internal.h"

/* The stage's own state: where the list of parked ideas is scrolled. */
struct actions_state {
	size_t parked_scroll;
};

/* The ideas still parked come first in the selection, in the order they
 * were parked; then the action items. */
static size_t parked_count(struct ui *ui)
{
	return model_parked_waiting(&ui->doc);
}

static const struct parked *parked_at(struct ui *ui, size_t k)
{
	for (size_t i = 0; i < ui->doc.n_parked; i++)
		if (ui->doc.parked[i].status == PARKED_WAITING && k-- == 0)
			return &ui->doc.parked[i];
	return NULL;
}

static size_t actions_count(struct ui *ui)
{
	return parked_count(ui) + ui->doc.n_actions;
}

static const struct parked *selected_parked(struct ui *ui)
{
	size_t np = parked_count(ui);
	return ui->sel[STAGE_ACTIONS] < np ? parked_at(ui, ui->sel[STAGE_ACTIONS]) : NULL;
}

static const struct action *selected(struct ui *ui)
{
	size_t np = parked_count(ui), i = ui->sel[STAGE_ACTIONS];
	return i >= np && i - np < ui->doc.n_actions ? &ui->doc.actions[i - np] : NULL;
}

/* What an idea was parked on, shortly: "09:58 Alert", "question 2", the
 * stage's title. */
static void parked_from(struct ui *ui, const struct parked *p, char *buf, size_t size)
{
	const struct event *ev = doc_event(&ui->doc, p->event_id);
	const struct question *q = doc_question(&ui->doc, p->question_id);
	if (ev) {
		char clock[16];
		instant_format_clock(ev->time, clock, sizeof clock);
		snprintf(buf, size, "%s %s", clock, event_kind_title(ev->kind));
	} else if (q) {
		snprintf(buf, size, "question %d", q->position);
	} else {
		snprintf(buf, size, "%s", stage_title(p->stage));
	}
}

/* The keys bound to an action on this stage, as written ("e Enter"). */
static const char *keys_of(enum command act)
{
	size_t n;
	const struct binding *b = keymap_bindings(&n);
	for (size_t i = 0; i < n; i++)
		if (b[i].action == act && (b[i].scopes & SCOPE_ACTIONS))
			return binding_label(&b[i]);
	return "";
}

/* The parking lot at the top, at most a third of the stage, scrolled to
 * the selection when it is there; its rows used, blank line after. */
static int draw_parked(struct ui *ui, int top, int left, int height, int width, size_t np)
{
	struct actions_state *st = ui_view_state(ui, STAGE_ACTIONS);
	int rows = (int)np, cap = height / 3 > 1 ? height / 3 : 1;
	if (rows > cap)
		rows = cap;
	size_t sel = ui->sel[STAGE_ACTIONS];
	if (sel < np) {
		if (sel < st->parked_scroll)
			st->parked_scroll = sel;
		if (sel >= st->parked_scroll + (size_t)rows)
			st->parked_scroll = sel - (size_t)rows + 1;
	}
	if (st->parked_scroll + (size_t)rows > np)
		st->parked_scroll = np - (size_t)rows;
	char title[160];
	snprintf(title, sizeof title, " Parked for later (%zu)", np);
	int x = left + draw_text(top, left, width, title, term_attr(LOOK_TITLE));
	if (!ui->read_only && ui->doc.retro.status != RETRO_CLOSED) {
		snprintf(title, sizeof title, "  %s: make one an action item · %s: drop it",
			 keys_of(ACT_EDIT), keys_of(ACT_DELETE));
		draw_text_fit(top, x, left + width - x, title, term_attr(LOOK_DIM));
	}
	for (int r = 0; r < rows; r++) {
		size_t k = st->parked_scroll + (size_t)r;
		const struct parked *p = parked_at(ui, k);
		if (!p)
			break;
		bool is_sel = k == sel;
		int y = top + 1 + r;
		unsigned base = term_attr(is_sel ? LOOK_SELECTED : LOOK_NORMAL);
		if (is_sel)
			draw_fill(y, left, width, base);
		int cx = left + draw_text(y, left, 3, is_sel ? "›• " : " • ", base);
		char from[96], aside[112];
		parked_from(ui, p, from, sizeof from);
		snprintf(aside, sizeof aside, "  (%s)", from);
		int aw = text_width(aside);
		if (aw > (left + width - cx) / 2)
			aw = 0; /* the idea first, on a narrow screen */
		cx += draw_text_fit(y, cx, left + width - cx - aw, p->text, base);
		if (aw)
			draw_text(y, cx, aw, aside, is_sel ? base : term_attr(LOOK_DIM));
	}
	return 1 + rows + 1;
}

static void actions_draw(struct ui *ui, int top, int left, int height, int width)
{
	size_t np = parked_count(ui);
	if (np) {
		int used = draw_parked(ui, top, left, height, width, np);
		top += used;
		height -= used;
	}
	if (ui->doc.n_actions == 0) {
		draw_centred(top + height / 2 - 1, left, width, "No action items yet.", term_attr(LOOK_TITLE));
		draw_centred(top + height / 2, left, width,
			     "Press a and type:  what to do @owner due:2026-12-01 #prevent",
			     term_attr(LOOK_NORMAL));
		draw_centred(top + height / 2 + 1, left, width,
			     "The meeting should not end without them, each with an owner.",
			     term_attr(LOOK_DIM));
		return;
	}
	/* Columns, widest first to go on a narrow screen. */
	bool wide = width >= 100;
	char head[160];
	snprintf(head, sizeof head, " %-12s %-10s %-8s %-3s %-7s %s", "OWNER", "DUE", "TYPE", "PRI",
		 "STATUS", wide ? "TRACKER    " : "");
	int hx = draw_text(top, left, width, head, term_attr(LOOK_TITLE));
	draw_text(top, left + hx, width - hx, "ACTION", term_attr(LOOK_TITLE));
	int rows = height - 1;
	/* (An idea selected: no action item is, and the list stays put.) */
	size_t sel = ui->sel[STAGE_ACTIONS] >= np ? ui->sel[STAGE_ACTIONS] - np : (size_t)-1;
	size_t *scroll = &ui->scroll[STAGE_ACTIONS];
	if (rows < 1)
		return;
	if (sel != (size_t)-1 && sel < *scroll)
		*scroll = sel;
	if (sel != (size_t)-1 && sel >= *scroll + (size_t)rows)
		*scroll = sel - (size_t)rows + 1;
	char today[16];
	model_today(today, sizeof today);
	for (int r = 0; r < rows; r++) {
		size_t i = *scroll + (size_t)r;
		if (i >= ui->doc.n_actions)
			break;
		const struct action *a = &ui->doc.actions[i];
		bool is_sel = i == sel;
		int y = top + 1 + r;
		unsigned base = term_attr(is_sel ? LOOK_SELECTED : LOOK_NORMAL);
		if (is_sel)
			draw_fill(y, left, width, base);
		int x = left + draw_text(y, left, 1, is_sel ? "›" : " ", base);
		/* An item without an owner stands out: it blocks closing. */
		/* Cells by display width: padded, or cut with "…", never
		 * mid-character. */
		struct strbuf pad = {0};
		text_pad(&pad, a->owner ? a->owner : "NO OWNER", 12);
		sb_putc(&pad, ' ');
		x += draw_text(y, x, 13, sb_str(&pad), a->owner || is_sel ? base : term_attr(LOOK_ERROR));
		char cell[160];
		snprintf(cell, sizeof cell, "%-10s %-8s %-3s ", a->due ? a->due : "-", a->type != ACT_TYPE_NONE ? action_type_name(a->type) : "-",
			 priority_name(a->priority));
		x += draw_text(y, x, left + width - x, cell, base);
		/* Past its due date, it says so, as A's list and stage 1 do. */
		bool late = model_action_overdue(a, today);
		snprintf(cell, sizeof cell, "%-7s ", late ? "overdue" : action_status_name(a->status));
		enum look sl = late ? LOOK_ERROR : a->status == ACT_DONE ? LOOK_WELL
					: a->status == ACT_DROPPED ? LOOK_DIM : LOOK_NORMAL;
		x += draw_text(y, x, left + width - x, cell, is_sel ? base : term_attr(sl));
		if (wide) {
			sb_reset(&pad);
			text_pad(&pad, a->tracker_ref ? a->tracker_ref : "", 10);
			sb_putc(&pad, ' ');
			x += draw_text(y, x, left + width - x, sb_str(&pad), base);
		}
		draw_text_fit(y, x, left + width - x, a->title, base);
		sb_free(&pad);
	}
}

static bool actions_select(struct ui *ui, const char *id);

/* Enter on `a`'s (or `A`'s) line: "text @owner due:YYYY-MM-DD #type !P1". */
static unsigned actions_quick_add(struct ui *ui, const char *line, char select[ID_LEN])
{
	struct err e = {0};
	struct action a;
	if (model_action_from_line(&ui->doc, line, &a, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	str_copy(a.origin_event, ID_LEN, ui->prompt_origin_event);
	str_copy(a.origin_question, ID_LEN, ui->prompt_origin_question);
	int rc = model_add_action(ui->st, &ui->undo, ui->doc.retro.id, &a, &e);
	str_copy(select, ID_LEN, a.id);
	bool owned = a.owner != NULL;
	action_free(&a);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	ui_message(ui, false, owned ? "Action item added." : "Action item added; it still needs an owner (e).");
	return VIEW_HANDLED | VIEW_RELOAD | VIEW_SAVE_POSITION;
}

static const struct prompt_ops actions_prompt = {
	.label = "Add action item",
	.hint = "text @owner due:YYYY-MM-DD #prevent|detect|mitigate|process !P1",
	.slot = "quick-add:action",
	.many = "action items",
	.submit = actions_quick_add,
};

/* `A` on any stage: a new action item linked to what is on screen (the
 * event or question), saying so in the prompt's label. */
static unsigned actions_new_linked(struct ui *ui)
{
	struct note anchor = {0};
	const struct view_ops *v = ui_view(ui);
	if (v->anchor)
		v->anchor(ui, &anchor);
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
	ui_open_prompt(ui, &actions_prompt, label, NULL);
	str_copy(ui->prompt_origin_event, ID_LEN, anchor.event_id);
	str_copy(ui->prompt_origin_question, ID_LEN, anchor.question_id);
	return VIEW_HANDLED;
}

/* Where the idea being typed was parked from: the stage, and the event or
 * question on screen when `p` was pressed (one screen, one prompt). */
static struct parked park_at;

/* Enter on `p`'s line: the idea goes into the parking lot; the stage
 * stays as it is. */
static unsigned park_submit(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select; /* the stage stays on what it showed */
	struct err e = {0};
	struct parked p = park_at;
	p.id[0] = '\0';
	p.text = xstrdup(line);
	int rc = model_park(ui->st, &ui->undo, ui->doc.retro.id, &p, &e);
	parked_free(&p);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	size_t waiting = model_parked_waiting(&ui->doc) + 1; /* (read again after this) */
	ui_message(ui, false, "Parked for later (%zu in the lot, listed on the Action items stage). u undoes it.",
		   waiting);
	return VIEW_HANDLED | VIEW_RELOAD;
}

static const struct prompt_ops park_prompt = {
	.label = "Park an idea for later",
	.hint = "the Action items stage lists it, to make an action item of it or drop it",
	.slot = "park",
	.many = "ideas",
	.submit = park_submit,
};

/* `p` on any stage: the prompt, the idea linked to what is on screen. */
static unsigned actions_park(struct ui *ui)
{
	struct note anchor = {0};
	const struct view_ops *v = ui_view(ui);
	if (v->anchor)
		v->anchor(ui, &anchor);
	memset(&park_at, 0, sizeof park_at);
	park_at.stage = ui->stage;
	str_copy(park_at.event_id, ID_LEN, anchor.event_id);
	str_copy(park_at.question_id, ID_LEN, anchor.question_id);
	ui_open_prompt(ui, &park_prompt, NULL, NULL);
	return VIEW_HANDLED;
}

static const struct view_command actions_everywhere[] = {
	{ACT_NEW_ACTION, actions_new_linked},
	{ACT_PARK, actions_park},
	{ACT_NONE, NULL},
};

/* Enter on a parked idea: an action item of it, selected, to give it an
 * owner. */
static unsigned parked_to_action(struct ui *ui, const struct parked *p)
{
	struct err e = {0};
	struct action a;
	int rc = model_parked_to_action(ui->st, &ui->undo, &ui->doc, p->id, &a, &e);
	char id[ID_LEN];
	str_copy(id, sizeof id, a.id);
	action_free(&a);
	if (rc != 0) {
		ui_report(ui, rc, &e, NULL);
		if (rc == ST_CONFLICT)
			ui_reload(ui);
		return VIEW_HANDLED;
	}
	ui_apply(ui, VIEW_RELOAD | VIEW_SAVE_POSITION, id);
	ui_message(ui, false, "The idea is an action item now; it still needs an owner (%s). u undoes it.",
		   keymap_key_for(SCOPE_ACTIONS, ACT_EDIT));
	return VIEW_HANDLED;
}

/* d on a parked idea: dropped (kept, out of the lot; u brings it back). */
static unsigned parked_drop(struct ui *ui, const struct parked *p)
{
	struct err e = {0};
	char text[64];
	str_copy(text, sizeof text, p->text);
	int rc = model_drop_parked(ui->st, &ui->undo, &ui->doc, p->id, &e);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		if (rc == ST_CONFLICT)
			ui_reload(ui);
		return VIEW_HANDLED;
	}
	ui_reload(ui);
	ui_message(ui, false, "Dropped the idea \"%s\". u brings it back.", text);
	return VIEW_HANDLED;
}

/* What the keys do on a parked idea. */
static unsigned parked_request(struct ui *ui, const struct parked *p, enum command act)
{
	switch (act) {
	case ACT_EDIT:
		return parked_to_action(ui, p);
	case ACT_DELETE:
	case ACT_SET_DROPPED:
		return parked_drop(ui, p);
	case ACT_SET_OPEN:
	case ACT_SET_DONE:
		ui_message(ui, false, "An idea has no status: %s makes it an action item first.",
			   keymap_key_for(SCOPE_ACTIONS, ACT_EDIT));
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

/* A status for a (dropping: why, in reason); a dropped one's reason goes
 * when it is open or done again. */
static unsigned change_status(struct ui *ui, const struct action *a, enum action_status s,
			      const char *reason)
{
	struct err e = {0};
	struct action_change c = {.set_status = true, .status = s, .reason = reason};
	if (model_follow_up_action(ui->st, &ui->undo, a, &c, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_HANDLED | VIEW_KEEP_OPEN | VIEW_RELOAD;
	}
	ui_message(ui, false, "Status: %s. %s undoes it.", action_status_name(s),
		   keymap_key_for(SCOPE_STAGES, ACT_UNDO));
	return VIEW_HANDLED | VIEW_RELOAD;
}

static unsigned set_status(struct ui *ui, enum action_status s)
{
	const struct action *a = selected(ui);
	if (!a || a->status == s)
		return VIEW_HANDLED;
	return change_status(ui, a, s, NULL);
}

/* X asks why first: the line is the reason, kept with the item. */
static unsigned dropped_because(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	const struct action *a = doc_action(&ui->doc, ui->prompt_target);
	if (!a) {
		ui_message(ui, true, "That action item is gone.");
		return VIEW_HANDLED;
	}
	return change_status(ui, a, ACT_DROPPED, line);
}

static const struct prompt_ops why_prompt = {
	.label = "Dropped, because",
	.hint = "why it is not done, kept with it: \"the new alert covers it\"",
	.submit = dropped_because,
};

static void delete_yes(struct ui *ui, const struct ui_target *t)
{
	const struct action *a = doc_action(&ui->doc, t->id);
	struct err e = {0};
	if (ui_target_still(ui, t, a != NULL, a ? a->rev : 0, 0))
		ui_report(ui, model_delete_action(ui->st, &ui->undo, &ui->doc, a->id, &e), &e,
			  "Action item deleted. u brings it back.");
}

static unsigned actions_request(struct ui *ui, enum command act)
{
	const struct action *a = selected(ui);
	const struct parked *p = selected_parked(ui);
	if (p && act != ACT_ADD)
		return parked_request(ui, p, act);
	switch (act) {
	case ACT_ADD:
		ui_open_prompt(ui, &actions_prompt, NULL, NULL);
		return VIEW_HANDLED;
	case ACT_EDIT:
		if (a)
			form_open_action(ui, a);
		return VIEW_HANDLED;
	case ACT_DELETE:
		if (a) {
			struct ui_target t = {.rev = a->rev};
			str_copy(t.id, ID_LEN, a->id);
			snprintf(t.what, sizeof t.what, "\"%.60s\"", a->title);
			ui_ask(ui, delete_yes, &t, "Delete \"%.60s\"? y/n", a->title);
		}
		return VIEW_HANDLED;
	case ACT_SET_OPEN:
		return set_status(ui, ACT_OPEN);
	case ACT_SET_DONE:
		return set_status(ui, ACT_DONE);
	case ACT_SET_DROPPED:
		if (a && a->status != ACT_DROPPED) {
			str_copy(ui->prompt_target, ID_LEN, a->id);
			ui_open_prompt(ui, &why_prompt, NULL, NULL);
		}
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

static const char *actions_item(struct ui *ui)
{
	const struct action *a = selected(ui);
	const struct parked *p = selected_parked(ui);
	return a ? a->id : p ? p->id : NULL;
}

static void actions_label(struct ui *ui, char *buf, size_t size)
{
	const struct action *a = selected(ui);
	const struct parked *p = selected_parked(ui);
	if (p)
		snprintf(buf, size, "the action items (parked: %s)", p->text);
	else
		snprintf(buf, size, "%s%s", a ? "action: " : "the action items", a ? a->title : "");
}

static bool actions_name(struct ui *ui, const char *id, char *buf, size_t size)
{
	const struct action *a = doc_action(&ui->doc, id);
	const struct parked *p = a ? NULL : doc_parked(&ui->doc, id);
	if (a)
		snprintf(buf, size, "%s", a->title);
	else if (p)
		snprintf(buf, size, "parked: %s", p->text);
	return a != NULL || p != NULL;
}

static void actions_anchor(struct ui *ui, struct note *n)
{
	const struct action *a = selected(ui);
	n->stage = STAGE_ACTIONS;
	if (a)
		str_copy(n->action_id, ID_LEN, a->id);
}

static bool actions_select(struct ui *ui, const char *id)
{
	const struct action *x = doc_action(&ui->doc, id);
	if (x) {
		ui->sel[STAGE_ACTIONS] = parked_count(ui) + (size_t)(x - ui->doc.actions);
		return true;
	}
	const struct parked *p = doc_parked(&ui->doc, id);
	if (!p || p->status != PARKED_WAITING || !id || !*id)
		return false;
	size_t k = 0;
	for (const struct parked *q = ui->doc.parked; q < p; q++)
		k += q->status == PARKED_WAITING;
	ui->sel[STAGE_ACTIONS] = k;
	return true;
}

const struct view_ops view_actions_ops = {
	.title = "Action items",
	.scope = SCOPE_ACTIONS,
	.flags = VIEW_FOLLOW_UP | VIEW_SHOWS_NO_NOTES,
	.private_size = sizeof(struct actions_state),
	.draw = actions_draw,
	.request = actions_request,
	.count = actions_count,
	.item_id = actions_item,
	.item_label = actions_label,
	.anchor = actions_anchor,
	.item_name = actions_name,
	.select_id = actions_select,
	.add_prompt = &actions_prompt,
	.everywhere = actions_everywhere,
};
