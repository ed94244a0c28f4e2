/* The action items of every retrospective (A on the list): a board for a
 * weekly review. Sorted by due date, owner or retrospective, showing the
 * open ones, the overdue ones or all, one owner's or everyone's; Enter
 * opens an item's retrospective at it, o D X e follow it up there and
 * then, as stage 1's review does. The items are the model's, as `debrief
 * actions` lists them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

enum { SORT_DUE, SORT_OWNER, SORT_RETRO, SORT_COUNT };
enum { SHOW_OPEN, SHOW_OVERDUE, SHOW_ALL, SHOW_COUNT };
static const char *const SORT_NAMES[] = {"due date", "owner", "retrospective"};
static const char *const SHOW_NAMES[] = {"open", "overdue", "all"};

void ui_all_actions_free(struct ui *ui)
{
	struct all_actions *x = &ui->acts;
	model_free_actions(x->v, x->n);
	free(x->rows);
	x->v = NULL;
	x->rows = NULL;
	x->n = x->n_rows = 0;
	x->loaded = false;
}

/* Those without one last; otherwise in any case. */
static int cmp_text(const char *a, const char *b)
{
	if (!a || !*a || !b || !*b)
		return (!a || !*a) - (!b || !*b);
	char *fa = text_fold(a), *fb = text_fold(b);
	int c = strcmp(fa, fb);
	free(fa);
	free(fb);
	return c;
}

/* qsort has no context: the items and the order being sorted by. */
static const struct action *sorting;
static int sort_by;

static int cmp_rows(const void *pa, const void *pb)
{
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct action *a = &sorting[ia], *b = &sorting[ib];
	int c = 0;
	if (sort_by == SORT_OWNER)
		c = cmp_text(a->owner, b->owner);
	else if (sort_by == SORT_RETRO && (c = cmp_text(a->retro_title, b->retro_title)) == 0)
		c = strcmp(a->retro_id, b->retro_id);
	if (c == 0)
		c = cmp_text(a->due, b->due);
	/* Then as `debrief actions` lists them. */
	return c ? c : (ia > ib) - (ia < ib);
}

/* The rows shown, from what was read: filtered, sorted, the highlight on
 * the item it was on (else where it was). */
static void arrange(struct ui *ui, const char *keep)
{
	struct all_actions *x = &ui->acts;
	char today[16];
	model_today(today, sizeof today);
	char *owner = x->owner[0] ? text_fold(x->owner) : NULL;
	free(x->rows);
	x->rows = xcalloc(x->n ? x->n : 1, sizeof *x->rows);
	x->n_rows = x->open = x->overdue = 0;
	for (size_t i = 0; i < x->n; i++) {
		const struct action *a = &x->v[i];
		if (owner && !(a->owner && text_holds_folded(a->owner, owner)))
			continue;
		x->open += a->status == ACT_OPEN;
		x->overdue += model_action_overdue(a, today);
		if ((x->show == SHOW_OPEN && a->status != ACT_OPEN) ||
		    (x->show == SHOW_OVERDUE && !model_action_overdue(a, today)))
			continue;
		x->rows[x->n_rows++] = i;
	}
	free(owner);
	sorting = x->v;
	sort_by = x->sort;
	qsort(x->rows, x->n_rows, sizeof *x->rows, cmp_rows);
	for (size_t r = 0; keep && *keep && r < x->n_rows; r++)
		if (strcmp(x->v[x->rows[r]].id, keep) == 0)
			x->sel = r;
	if (x->sel >= x->n_rows)
		x->sel = x->n_rows ? x->n_rows - 1 : 0;
	ui->dirty = DIRTY_ALL;
}

static const struct action *selected(struct ui *ui)
{
	struct all_actions *x = &ui->acts;
	return x->sel < x->n_rows ? &x->v[x->rows[x->sel]] : NULL;
}

/* Reads every item again (after a change, here or elsewhere). */
static void load(struct ui *ui)
{
	struct all_actions *x = &ui->acts;
	char keep[ID_LEN] = "";
	if (selected(ui))
		str_copy(keep, sizeof keep, selected(ui)->id);
	model_free_actions(x->v, x->n);
	x->v = NULL;
	x->n = 0;
	struct action_filter f = {0};
	struct err e = {0};
	if (session_list_all_actions(ui->st, &f, &x->v, &x->n, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	x->loaded = true;
	arrange(ui, keep);
}

static void acts_header(struct ui *ui, struct strbuf *out)
{
	struct all_actions *x = &ui->acts;
	if (!x->loaded)
		load(ui);
	/* (The owner first: the end is what a narrow screen cuts.) */
	sb_printf(out, "action items%s%s · %zu open, %zu overdue · showing %s, by %s", x->owner[0] ? " of " : "",
		  x->owner, x->open, x->overdue, SHOW_NAMES[x->show], SORT_NAMES[x->sort]);
}

/* The columns' widths: the title takes what is left. */
struct columns {
	int owner, title, retro;
};

static struct columns columns(int width)
{
	struct columns c;
	c.owner = width / 8 < 10 ? 10 : width / 8 > 24 ? 24 : width / 8;
	c.retro = width < 120 ? (width / 5 < 14 ? 14 : width / 5) : width / 4 > 60 ? 60 : width / 4;
	/* "›overdue  2026-11-10  " (22), the gaps, one column spare. */
	c.title = width - 22 - c.owner - 2 - 2 - c.retro - 1;
	return c;
}

static void acts_draw(struct ui *ui, int top, int left, int height, int width)
{
	struct all_actions *x = &ui->acts;
	if (!x->loaded)
		load(ui);
	if (x->n_rows == 0) {
		struct strbuf say = {0};
		sb_printf(&say, "No %s%saction items%s%s.", x->show == SHOW_ALL ? "" : SHOW_NAMES[x->show],
			  x->show == SHOW_ALL ? "" : " ", x->owner[0] ? " of " : "", x->owner);
		draw_centred(top + height / 2 - 1, left, width, say.s, term_attr(LOOK_TITLE));
		sb_reset(&say);
		sb_printf(&say, "%s shows open, overdue or all; %s another owner; %s goes back.",
			  keymap_key_for(SCOPE_ALL_ACTIONS, ACT_SHOW), keymap_key_for(SCOPE_ALL_ACTIONS, ACT_OWNER),
			  keymap_key_for(SCOPE_ALL_ACTIONS, ACT_CANCEL));
		draw_centred(top + height / 2 + 1, left, width, say.s, term_attr(LOOK_NORMAL));
		sb_free(&say);
		return;
	}
	struct columns c = columns(width);
	char line[160];
	snprintf(line, sizeof line, " %-7s  %-10s  ", "STATUS", "DUE");
	int x0 = draw_text(top, left, width, line, term_attr(LOOK_TITLE));
	draw_text(top, left + x0, c.owner, "OWNER", term_attr(LOOK_TITLE));
	draw_text(top, left + x0 + c.owner + 2, c.title, "TITLE", term_attr(LOOK_TITLE));
	draw_text(top, left + x0 + c.owner + 2 + c.title + 2, c.retro, "RETROSPECTIVE", term_attr(LOOK_TITLE));
	int rows = height - 1;
	if (rows < 1)
		return;
	ui_keep_in_view(x->sel, &x->scroll, (size_t)rows, x->n_rows);
	char today[16];
	model_today(today, sizeof today);
	for (int r = 0; r < rows && x->scroll + (size_t)r < x->n_rows; r++) {
		size_t i = x->scroll + (size_t)r;
		const struct action *a = &x->v[x->rows[i]];
		bool sel = i == x->sel, late = model_action_overdue(a, today);
		unsigned look = term_attr(sel ? LOOK_SELECTED : LOOK_NORMAL);
		/* Overdue stands out, on the highlight too. */
		unsigned alarm = sel ? draw_bold(look) : term_attr(LOOK_ERROR);
		unsigned dim = sel ? look : term_attr(LOOK_DIM);
		int y = top + 1 + r, at = left;
		if (sel)
			draw_fill(y, left, width, look);
		at += draw_text(y, at, width, sel ? "›" : " ", look);
		snprintf(line, sizeof line, "%-7s  ", late ? "overdue" : action_status_name(a->status));
		at += draw_text(y, at, width - (at - left), line, late ? alarm : a->status == ACT_OPEN ? look : dim);
		snprintf(line, sizeof line, "%-10s  ", a->due ? a->due : "-");
		at += draw_text(y, at, width - (at - left), line, late ? alarm : look);
		draw_text_fit(y, at, c.owner, a->owner ? a->owner : "no owner", a->owner ? look : dim);
		at += c.owner + 2;
		draw_text_fit(y, at, c.title, a->title, look);
		at += c.title + 2;
		draw_text_fit(y, at, c.retro, a->retro_title ? a->retro_title : "?", dim);
	}
}

/* o D X e, by the model's follow-up (as `debrief action done` does). */
static unsigned acts_follow_up(struct ui *ui, const char *id, const struct action_change *c)
{
	struct all_actions *x = &ui->acts;
	const struct action *a = NULL;
	for (size_t i = 0; i < x->n && !a; i++)
		if (strcmp(x->v[i].id, id) == 0)
			a = &x->v[i];
	if (!a) {
		ui_message(ui, true, "That action item is no longer there.");
		return VIEW_HANDLED;
	}
	char title[96];
	str_format(title, sizeof title, "%s", a->title);
	struct err e = {0};
	if (model_follow_up_action(ui->st, NULL, a, c, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		load(ui); /* changed elsewhere meanwhile: as it stands */
		return VIEW_KEEP_OPEN;
	}
	load(ui);
	if (c->set_status)
		ui_message(ui, false, "%s: “%s”", c->status == ACT_DONE ? "Done" : c->status == ACT_DROPPED ? "Dropped"
				  : "Open again", title);
	else
		ui_message(ui, false, "%s%s%s: “%s”", c->owner && *c->owner ? c->owner : "No owner",
			   c->due && *c->due ? ", due " : "", c->due && *c->due ? c->due : "", title);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* `/`: only the items of owners holding what is typed, as it is typed
 * (any case); Enter keeps it, Esc clears it. */
static void owner_typed(struct ui *ui, const char *text)
{
	struct all_actions *x = &ui->acts;
	char *trimmed = str_trim(xstrdup(text));
	if (strcmp(trimmed, x->owner) != 0) {
		char keep[ID_LEN] = "";
		if (selected(ui))
			str_copy(keep, sizeof keep, selected(ui)->id);
		str_copy(x->owner, sizeof x->owner, trimmed);
		arrange(ui, keep);
	}
	free(trimmed);
}

static void owner_cancelled(struct ui *ui)
{
	owner_typed(ui, "");
}

static unsigned owner_submit(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	owner_typed(ui, line);
	return VIEW_HANDLED;
}

static const struct prompt_ops owner_prompt = {
	.label = "Owner",
	.hint = "whose items, any case, as you type: Enter keeps it, Esc (or nothing) shows everyone's",
	.submit = owner_submit,
	.typed = owner_typed,
	.cancelled = owner_cancelled,
};

/* Enter: the item's retrospective, on the Action items stage, the item
 * highlighted, as the facilitator's place. */
static void open_at(struct ui *ui, const struct action *a)
{
	char retro_id[ID_LEN], id[ID_LEN];
	str_copy(retro_id, sizeof retro_id, a->retro_id);
	str_copy(id, sizeof id, a->id);
	if (!ui_board_open_retro(ui, retro_id))
		return;
	ui_stop_following(ui);
	ui->stage = STAGE_ACTIONS;
	ui_select_id(ui, id);
	if (!ui->choosing_role) /* (asked which role to take: not yet) */
		ui_save_position(ui);
	ui_message(ui, false, "%s comes back to the action items of every retrospective.",
		   keymap_key_for(SCOPE_STAGES, ACT_QUIT));
}

static unsigned acts_request(struct ui *ui, enum command act)
{
	struct all_actions *x = &ui->acts;
	const struct action *a = selected(ui);
	char keep[ID_LEN] = "";
	if (a)
		str_copy(keep, sizeof keep, a->id);
	switch (act) {
	case ACT_DOWN: case ACT_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP: case ACT_FIRST: case ACT_LAST:
		ui_move(ui, act, &x->sel, x->n_rows, ui->rows / 2);
		return VIEW_HANDLED;
	case ACT_OPEN_RETRO:
		if (a)
			open_at(ui, a);
		return VIEW_HANDLED;
	case ACT_SORT:
		x->sort = (x->sort + 1) % SORT_COUNT;
		arrange(ui, keep);
		ui_message(ui, false, "Sorted by %s; %s sorts by %s.", SORT_NAMES[x->sort],
			   keymap_key_for(SCOPE_ALL_ACTIONS, ACT_SORT), SORT_NAMES[(x->sort + 1) % SORT_COUNT]);
		return VIEW_HANDLED;
	case ACT_SHOW:
		x->show = (x->show + 1) % SHOW_COUNT;
		arrange(ui, keep);
		ui_message(ui, false, "Showing %s items; %s shows %s.", SHOW_NAMES[x->show],
			   keymap_key_for(SCOPE_ALL_ACTIONS, ACT_SHOW), SHOW_NAMES[(x->show + 1) % SHOW_COUNT]);
		return VIEW_HANDLED;
	case ACT_OWNER:
		ui_open_prompt(ui, &owner_prompt, NULL, x->owner);
		return VIEW_HANDLED;
	case ACT_SET_OPEN:
	case ACT_SET_DONE:
		if (!a)
			return VIEW_HANDLED;
		return acts_follow_up(ui, a->id, &(struct action_change){.set_status = true,
				      .status = act == ACT_SET_DONE ? ACT_DONE : ACT_OPEN}) & ~VIEW_KEEP_OPEN;
	case ACT_SET_DROPPED:
	case ACT_EDIT:
		if (a)
			ui_follow_up_prompt(ui, a, act == ACT_SET_DROPPED, acts_follow_up);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		ui_board(ui, BOARD_NONE);
		ui->list_loaded = false; /* its counts of open items may have changed */
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

static size_t acts_count(struct ui *ui)
{
	return ui->acts.n_rows;
}

const struct view_ops view_allactions_ops = {
	.title = "action items",
	.scope = SCOPE_ALL_ACTIONS,
	.flags = VIEW_FOLLOW_UP | VIEW_SCROLLS,
	.draw = acts_draw,
	.request = acts_request,
	.count = acts_count,
	.header = acts_header,
};
