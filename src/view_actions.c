/* Stage 4: the action items, each needing an owner before the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui_internal.h"

static size_t actions_count(struct ui *ui)
{
	return ui->doc.n_actions;
}

static const struct action *selected(struct ui *ui)
{
	size_t i = ui->sel[STAGE_ACTIONS];
	return i < ui->doc.n_actions ? &ui->doc.actions[i] : NULL;
}

static void actions_draw(struct ui *ui, int top, int left, int height, int width)
{
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
	size_t sel = ui->sel[STAGE_ACTIONS];
	size_t *scroll = &ui->scroll[STAGE_ACTIONS];
	if (rows < 1)
		return;
	if (sel < *scroll)
		*scroll = sel;
	if (sel >= *scroll + (size_t)rows)
		*scroll = sel - (size_t)rows + 1;
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
		snprintf(cell, sizeof cell, "%-7s ", action_status_name(a->status));
		enum look sl = a->status == ACT_DONE ? LOOK_WELL : a->status == ACT_DROPPED ? LOOK_DIM : LOOK_NORMAL;
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

static const struct view_command actions_everywhere[] = {
	{ACT_NEW_ACTION, actions_new_linked},
	{ACT_NONE, NULL},
};

static unsigned set_status(struct ui *ui, enum action_status s)
{
	const struct action *a = selected(ui);
	struct err e = {0};
	if (!a || a->status == s)
		return VIEW_HANDLED;
	struct action after;
	action_copy(&after, a);
	after.status = s;
	if (model_update_action(ui->st, &ui->undo, ui->doc.retro.id, a, &after, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	else
		ui_message(ui, false, "Status: %s. u undoes it.", action_status_name(s));
	action_free(&after);
	return VIEW_HANDLED | VIEW_RELOAD;
}

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
		return set_status(ui, ACT_DROPPED);
	default:
		return VIEW_IGNORED;
	}
}

static const char *actions_item(struct ui *ui)
{
	const struct action *a = selected(ui);
	return a ? a->id : NULL;
}

static void actions_label(struct ui *ui, char *buf, size_t size)
{
	const struct action *a = selected(ui);
	snprintf(buf, size, "%s%s", a ? "action: " : "the action items", a ? a->title : "");
}

static bool actions_name(struct ui *ui, const char *id, char *buf, size_t size)
{
	const struct action *a = doc_action(&ui->doc, id);
	if (a)
		snprintf(buf, size, "%s", a->title);
	return a != NULL;
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
	if (x)
		ui->sel[STAGE_ACTIONS] = (size_t)(x - ui->doc.actions);
	return x != NULL;
}

const struct view_ops view_actions_ops = {
	.title = "Action items",
	.scope = SCOPE_ACTIONS,
	.flags = VIEW_FOLLOW_UP,
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
