/* The list of retrospectives: pick one to open, or start a new one. */
#include <stdio.h>
#include <stdlib.h>

#include "ui_internal.h"

static size_t list_count(struct ui *ui)
{
	return ui_list_total(ui);
}

static void list_draw(struct ui *ui, int top, int left, int height, int width)
{
	/* At the top, the first row says whether there are any; elsewhere the
	 * count says how far down there is to go. */
	bool empty = ui->list_scroll == 0 && ui->list_sel == 0 ? !ui_list_row(ui, 0, 0, (size_t)height)
							       : ui_list_total(ui) == 0;
	if (empty) {
		draw_centred(top + height / 2 - 1, left, width, "No retrospectives yet.",
			     term_attr(LOOK_TITLE));
		draw_centred(top + height / 2 + 1, left, width,
			     "Press n to start one, or run 'debrief demo' to try the sample.",
			     term_attr(LOOK_NORMAL));
		return;
	}
	char line[96];
	snprintf(line, sizeof line, " %-8s  %-10s  %-11s  %6s  %4s  ", "ID", "DATE", "STATUS", "EVENTS", "OPEN");
	int x = draw_text(top, left, width, line, term_attr(LOOK_TITLE));
	draw_text(top, left + x, width - x, "TITLE", term_attr(LOOK_TITLE));
	int rows = height - 1;
	if (rows < 1)
		return;
	/* Fewer of them than before (another terminal deleted some): no empty
	 * screen below the last. */
	if (ui->list_scroll > 0) {
		size_t total = ui_list_total(ui);
		if (ui->list_scroll + (size_t)rows > total)
			ui->list_scroll = total > (size_t)rows ? total - (size_t)rows : 0;
	}
	if (ui->list_sel < ui->list_scroll)
		ui->list_scroll = ui->list_sel;
	if (ui->list_sel >= ui->list_scroll + (size_t)rows)
		ui->list_scroll = ui->list_sel - (size_t)rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = ui->list_scroll + (size_t)r;
		/* Only the rows on the screen are read, whatever the file holds. */
		const struct retro_summary *row = ui_list_row(ui, i, ui->list_scroll, (size_t)rows);
		if (!row)
			break;
		const struct retro *rt = &row->retro;
		bool sel = i == ui->list_sel;
		unsigned a = term_attr(sel ? LOOK_SELECTED : LOOK_NORMAL);
		int y = top + 1 + r;
		if (sel)
			draw_fill(y, left, width, a);
		snprintf(line, sizeof line, "%s%.8s  %-10s  %-11s  %6d  %4d  ", sel ? "›" : " ", rt->id,
			 rt->incident_date ? rt->incident_date : "-", retro_status_name(rt->status),
			 row->events, row->actions_open);
		int used = draw_text(y, left, width, line, a);
		used += draw_text_fit(y, left + used, width - used, rt->title, a);
		/* The incident's reference and severity after the title, where
		 * there is room for them whole (the title is what is read). */
		struct strbuf facts = {0};
		if (rt->incident_ref && *rt->incident_ref)
			sb_printf(&facts, " · %s", rt->incident_ref);
		if (rt->severity && *rt->severity)
			sb_printf(&facts, " · %s", rt->severity);
		if (facts.len && text_width(facts.s) <= width - used)
			draw_text(y, left + used, width - used, facts.s, sel ? a : term_attr(LOOK_TITLE));
		sb_free(&facts);
	}
}

/* A new retrospective is asked for in two lines: its title, then the
 * incident's date (today offered), which clock times typed later are read
 * on. The title waits here meanwhile (one prompt is open at a time). */
static char *pending_title;

static unsigned new_retro_date(struct ui *ui, const char *date, char select[ID_LEN])
{
	struct retro r = {0};
	struct err e = {0};
	(void)select;
	r.title = xstrdup(pending_title ? pending_title : "");
	r.incident_date = xstrdup(date);
	if (model_create_retro(ui->st, &r, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		retro_free(&r);
		return VIEW_KEEP_OPEN; /* to correct the date */
	}
	char id[ID_LEN];
	str_copy(id, sizeof id, r.id);
	ui->from_list = true;
	ui_open_retro(ui, id);
	ui_message(ui, false, "Started \"%s\" (incident of %s). Press i for its details.", r.title,
		   r.incident_date);
	retro_free(&r);
	free(pending_title);
	pending_title = NULL;
	return VIEW_HANDLED;
}

static const struct prompt_ops new_retro_date_prompt = {
	.label = "Incident date",
	.hint = "YYYY-MM-DD: the day it happened (times typed later are read on it)",
	.submit = new_retro_date,
};

/* Enter on the title: then the date. */
static unsigned new_retro_title(struct ui *ui, const char *title, char select[ID_LEN])
{
	char today[16];
	(void)select;
	free(pending_title);
	pending_title = xstrdup(title);
	model_today(today, sizeof today);
	ui_open_prompt(ui, &new_retro_date_prompt, NULL, today);
	return VIEW_HANDLED;
}

static const struct prompt_ops new_retro_prompt = {
	.label = "New retrospective",
	.hint = "its title, e.g. the incident in a few words",
	.submit = new_retro_title,
};

static unsigned list_request(struct ui *ui, enum command act)
{
	switch (act) {
	case ACT_OPEN_RETRO: {
		const struct retro_summary *row = ui_list_row(ui, ui->list_sel, ui->list_sel, 1);
		if (row) {
			char id[ID_LEN];
			str_copy(id, sizeof id, row->retro.id);
			ui->from_list = true;
			ui_open_retro(ui, id);
		}
		return VIEW_HANDLED;
	}
	case ACT_NEW_RETRO:
		ui_open_prompt(ui, &new_retro_prompt, NULL, NULL);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

const struct view_ops view_list_ops = {
	.title = "Retrospectives",
	.scope = SCOPE_LIST,
	.draw = list_draw,
	.request = list_request,
	.count = list_count,
};
