/* The list of retrospectives: pick one to open, or start a new one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/agenda.h"
#include "debrief/timeutil.h"
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
	if (empty && ui->list_filter[0]) {
		struct strbuf say = {0};
		sb_printf(&say, "No retrospective matches '%s'.", ui->list_filter);
		draw_centred(top + height / 2 - 1, left, width, say.s, term_attr(LOOK_TITLE));
		sb_reset(&say);
		sb_printf(&say, "%s clears the filter, %s changes it.", keymap_key_for(SCOPE_LIST, ACT_CANCEL),
			  keymap_key_for(SCOPE_LIST, ACT_FILTER));
		draw_centred(top + height / 2 + 1, left, width, say.s, term_attr(LOOK_NORMAL));
		sb_free(&say);
		return;
	}
	if (empty) {
		draw_centred(top + height / 2 - 1, left, width, "No retrospectives yet.",
			     term_attr(LOOK_TITLE));
		char say[96]; /* (the key as bound now) */
		snprintf(say, sizeof say, "Press %s to start one, or run 'debrief demo' to try the sample.",
			 keymap_key_for(SCOPE_LIST, ACT_NEW_RETRO));
		draw_centred(top + height / 2 + 1, left, width, say, term_attr(LOOK_NORMAL));
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
			used += draw_text(y, left + used, width - used, facts.s, sel ? a : term_attr(LOOK_TITLE));
		/* Then its services and tags, whole, where there is room. */
		sb_reset(&facts);
		sb_puts(&facts, " · ");
		model_labels_line(rt, &facts);
		if (facts.len > 4 && text_width(facts.s) <= width - used)
			draw_text(y, left + used, width - used, facts.s, sel ? a : term_attr(LOOK_TITLE));
		sb_free(&facts);
	}
}

/* A new retrospective is asked for in two lines: its title, then the
 * incident's date (today offered), which clock times typed later are read
 * on; and where there is more than one agenda, a third: which (the
 * settings' offered). The title and the date wait here meanwhile (one
 * prompt is open at a time). */
static char *pending_title;
static char pending_date[16];

static unsigned new_retro_create(struct ui *ui, const char *agenda, char select[ID_LEN])
{
	struct retro r = {0};
	struct err e = {0};
	(void)select;
	r.title = xstrdup(pending_title ? pending_title : "");
	r.incident_date = xstrdup(pending_date);
	r.agenda = xstrdup(agenda);
	if (model_create_retro(ui->st, &r, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		retro_free(&r);
		return VIEW_KEEP_OPEN; /* to correct it */
	}
	char id[ID_LEN];
	str_copy(id, sizeof id, r.id);
	ui->from_list = true;
	ui_open_retro(ui, id);
	/* (The details' key as bound now.) */
	const char *details = keymap_key_for(SCOPE_STAGES, ACT_DETAILS);
	if (strcmp(r.agenda, AGENDA_DEFAULT) == 0)
		ui_message(ui, false, "Started \"%s\" (incident of %s). Press %s for its details.", r.title,
			   r.incident_date, details);
	else
		ui_message(ui, false, "Started \"%s\" (incident of %s, agenda %s). Press %s for its details.",
			   r.title, r.incident_date, r.agenda, details);
	retro_free(&r);
	free(pending_title);
	pending_title = NULL;
	return VIEW_HANDLED;
}

static char agenda_hint[512];

static const struct prompt_ops new_retro_agenda_prompt = {
	.label = "Agenda",
	.hint = agenda_hint,
	.submit = new_retro_create,
};

/* Enter on the date: checked, then the agenda (or, with only the one
 * there is, the retrospective). */
static unsigned new_retro_date(struct ui *ui, const char *date, char select[ID_LEN])
{
	struct civil_date d;
	if (!date_parse(date, &d)) {
		ui_message(ui, true, "'%.40s' is not a real date as YYYY-MM-DD.", date);
		return VIEW_KEEP_OPEN;
	}
	str_copy(pending_date, sizeof pending_date, date);
	const char *agenda = ui->opt && ui->opt->agenda && *ui->opt->agenda ? ui->opt->agenda
									 : AGENDA_DEFAULT;
	struct strbuf known = {0};
	agenda_known(&known);
	bool choice = strchr(sb_str(&known), ',') != NULL;
	if (choice) {
		str_format(agenda_hint, sizeof agenda_hint, "%s: its questions and timeboxes", known.s);
		ui_open_prompt(ui, &new_retro_agenda_prompt, NULL, agenda);
	}
	sb_free(&known);
	return choice ? VIEW_HANDLED : new_retro_create(ui, agenda, select);
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

/* A title quoted in the bar, cut to width columns ("…" where cut). */
static void quote_title(const char *title, int width, struct strbuf *out)
{
	int used;
	size_t n = strlen(title), fit = text_fit(title, n, width < 4 ? 4 : width, &used);
	if (fit == n) {
		sb_printf(out, "'%s'", title);
	} else {
		fit = text_fit(title, n, (width < 4 ? 4 : width) - 1, &used);
		sb_printf(out, "'%.*s…'", (int)fit, title);
	}
}

/* The columns a title quoted in a message may take, beside the rest of
 * it, the bar's margins and its "✓ saved": the message whole on the bar,
 * the title giving way. */
static int title_room(struct ui *ui, const char *rest)
{
	return ui->cols - 12 - text_width(rest);
}

/* The list read again, the highlight on this one where it now is (another
 * filter, or none); false when the list leaves it out. */
static bool list_select(struct ui *ui, const char *id)
{
	struct retro_filter f = ui_list_filter(ui);
	struct err e;
	size_t pos;
	ui->list_loaded = false;
	ui->dirty = DIRTY_ALL;
	if (!id || !*id || session_retro_position(ui->st, &f, id, &pos, &e) != ST_OK)
		return false;
	ui->list_sel = pos;
	return true;
}

/* y to the question of `d`: what was selected when it was asked is
 * deleted, wherever the highlight went meanwhile. */
static void delete_yes(struct ui *ui, const struct ui_target *t)
{
	struct err e = {0};
	int rc = model_retro_delete(ui->st, &ui->list_deletes, t->id, &e);
	ui->list_loaded = false; /* the rows below move up: the highlight is on the next */
	ui->dirty = DIRTY_ALL;
	if (rc == ST_CONFLICT || rc == ST_NOT_FOUND)
		ui_message(ui, true, "Nothing was deleted: %s was deleted meanwhile.", t->what);
	else if (rc != ST_OK)
		ui_message(ui, true, "Nothing was deleted: %s", e.msg);
	else
		ui_message(ui, false, "Deleted %s; %s brings it back.", t->what,
			   keymap_key_for(SCOPE_LIST, ACT_UNDO));
}

static void list_delete(struct ui *ui)
{
	const struct retro_summary *row = ui_list_row(ui, ui->list_sel, ui->list_sel, 1);
	if (!row)
		return;
	struct ui_target t = {0};
	struct strbuf what = {0}, rest = {0};
	str_copy(t.id, sizeof t.id, row->retro.id);
	sb_printf(&rest, "? Kept until %s brings it back. y/n", keymap_key_for(SCOPE_LIST, ACT_UNDO));
	quote_title(row->retro.title, title_room(ui, rest.s) - text_width("Delete "), &what);
	str_copy(t.what, sizeof t.what, what.s);
	ui_ask(ui, delete_yes, &t, "Delete %s%s", what.s, rest.s);
	sb_free(&what);
	sb_free(&rest);
}

/* `u`: the last one deleted here comes back, highlighted. */
static void list_bring_back(struct ui *ui)
{
	char id[ID_LEN];
	struct err e = {0}, ignored;
	int rc = model_retro_undelete(ui->st, &ui->list_deletes, id, &e);
	if (rc == 1) {
		ui_message(ui, false, "Nothing to bring back.");
		return;
	}
	if (rc == ST_NOT_FOUND) {
		ui_message(ui, true, "Nothing to bring back: the one deleted last is no longer in the file.");
		return;
	}
	if (rc != ST_OK && rc != ST_CONFLICT) {
		ui_message(ui, true, "Nothing was brought back: %s", e.msg);
		return;
	}
	bool hidden = !list_select(ui, id);
	char how[96];
	if (rc == ST_CONFLICT)
		str_copy(how, sizeof how, " is back already (brought back elsewhere).");
	else if (hidden)
		str_format(how, sizeof how, "; the filter hides it (%s clears it).",
			   keymap_key_for(SCOPE_LIST, ACT_CANCEL));
	else
		str_copy(how, sizeof how, ".");
	struct retro r = {0};
	struct strbuf what = {0};
	quote_title(session_get_retro(ui->st, id, &r, &ignored) == ST_OK ? r.title : id,
		    title_room(ui, how) - (rc == ST_OK ? text_width("Brought back ") : 0), &what);
	ui_message(ui, false, "%s%s%s", rc == ST_OK ? "Brought back " : "", what.s, how);
	retro_free(&r);
	sb_free(&what);
}

/* `/`: the list narrows as the filter is typed; Enter keeps it, Esc
 * clears it. The highlight stays on what it was on, where it can. */
static void set_filter(struct ui *ui, const char *text)
{
	char keep[ID_LEN] = "";
	const struct retro_summary *row = ui_list_row(ui, ui->list_sel, ui->list_sel, 1);
	if (row)
		str_copy(keep, sizeof keep, row->retro.id);
	char *trimmed = str_trim(xstrdup(text));
	if (strcmp(trimmed, ui->list_filter) != 0) {
		str_copy(ui->list_filter, sizeof ui->list_filter, trimmed);
		ui->list_sel = ui->list_scroll = 0;
		list_select(ui, keep);
	}
	free(trimmed);
}

static void filter_cancelled(struct ui *ui)
{
	set_filter(ui, "");
}

static unsigned filter_submit(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	set_filter(ui, line);
	return VIEW_HANDLED;
}

static const struct prompt_ops filter_prompt = {
	.label = "Filter",
	.hint = "in title, incident, severity, services or tags: Enter keeps it, Esc clears it",
	.submit = filter_submit,
	.typed = set_filter,
	.cancelled = filter_cancelled,
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
	case ACT_DELETE:
		list_delete(ui);
		return VIEW_HANDLED;
	case ACT_UNDO:
		list_bring_back(ui);
		return VIEW_HANDLED;
	case ACT_FILTER:
		ui_open_prompt(ui, &filter_prompt, NULL, ui->list_filter);
		return VIEW_HANDLED;
	case ACT_ALL_ACTIONS:
		ui->acts.loaded = false; /* as they stand now */
		ui_board(ui, BOARD_ACTIONS);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		if (ui->list_filter[0]) {
			set_filter(ui, "");
			ui_message(ui, false, "Filter cleared: every retrospective is listed.");
		}
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
