/* The figures over time (S on the list of retrospectives): a period a
 * block, each median a bar scaled to the widest of its figure across the
 * periods, with its value, its worst and how many it was taken of; the
 * shares (met within two business days, done by the due date) bars of a
 * whole. The figures are model_stats's, as `debrief stats` prints them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

/* The rows of a period: its heading, a bar a figure, the share met within
 * two business days, the action items, the share done by the due date,
 * and a blank row between periods. */
enum stats_row {
	ROW_HEAD,
	ROW_FIGURE, /* .. ROW_FIGURE + STATS_FIGURES - 1 */
	ROW_MET = ROW_FIGURE + STATS_FIGURES,
	ROW_ITEMS,
	ROW_ON_TIME,
	ROW_GAP,
	ROWS_PER_PERIOD,
};

#define LABEL_COLS 24 /* "  incident to meeting  " and a gap */

static size_t stats_lines(const struct ui *ui)
{
	return ui->stats.n ? ui->stats.n * ROWS_PER_PERIOD - 1 : 1;
}

static void stats_load(struct ui *ui)
{
	struct err e = {0};
	model_stats_free(&ui->stats);
	if (model_stats(ui->st, ui->stats_quarters, NULL, &ui->stats, &e) != 0)
		ui_message(ui, true, "The figures cannot be read: %s", e.msg);
	ui->stats_scroll = 0;
	ui->dirty = DIRTY_ALL;
}

static void stats_open(struct ui *ui)
{
	ui->stats_open = true;
	stats_load(ui);
}

bool stats_is_open(const struct ui *ui)
{
	return ui->stats_open && ui->in_list;
}

void stats_free(struct ui *ui)
{
	model_stats_free(&ui->stats);
	ui->stats_open = false;
}

/* A bar's text: its value, its worst, and of how many; or a share. */
static void figure_text(const struct stats_period *p, int figure, char *buf, size_t size)
{
	const struct stats_figure *f = model_stats_figure(p, figure);
	if (!f->n) {
		snprintf(buf, size, "—");
		return;
	}
	char med[32], worst[32];
	model_stats_value(figure, f->median, med, sizeof med);
	model_stats_value(figure, f->worst, worst, sizeof worst);
	snprintf(buf, size, "%s · worst %s · of %zu", med, worst, f->n);
}

static void share_text(size_t part, size_t whole, size_t unknown, char *buf, size_t size)
{
	if (!whole)
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%zu%% · %zu of %zu", (part * 100 + whole / 2) / whole, part, whole);
	if (unknown) {
		size_t used = strlen(buf);
		snprintf(buf + used, size - used, " · %zu not known", unknown);
	}
}

/* Row r of a period: its label, its bar's length as a part of `of`
 * (of 0: no bar), and its text. */
static const char *row_of(const struct ui *ui, const struct stats_period *p, int r, int64_t *part,
			  int64_t *of, char *text, size_t size)
{
	*part = *of = 0;
	if (r >= ROW_FIGURE && r < ROW_FIGURE + STATS_FIGURES) {
		int fig = r - ROW_FIGURE;
		figure_text(p, fig, text, size);
		if (model_stats_figure(p, fig)->n) {
			*part = model_stats_figure(p, fig)->median;
			for (size_t i = 0; i < ui->stats.n; i++) {
				const struct stats_figure *f = model_stats_figure(&ui->stats.v[i], fig);
				if (f->n && f->median > *of)
					*of = f->median;
			}
		}
		return model_stats_label(fig);
	}
	if (r == ROW_MET) {
		share_text(p->met_in_two, p->to_meeting.n, 0, text, size);
		*part = (int64_t)p->met_in_two;
		*of = (int64_t)p->to_meeting.n;
		return "  within 2 work days";
	}
	if (r == ROW_ITEMS) {
		snprintf(text, size, "%zu opened · %zu done · %zu dropped · %zu overdue", p->opened, p->done,
			 p->dropped, p->overdue);
		return "action items";
	}
	share_text(p->done_on_time, p->done_on_time + p->done_late, p->done_unknown, text, size);
	*part = (int64_t)p->done_on_time;
	*of = (int64_t)(p->done_on_time + p->done_late);
	return "  done by due date";
}

/* The widest text of a bar's row, so that every bar starts and ends in
 * the same columns. */
static int text_cols(const struct ui *ui)
{
	int most = 0;
	char text[160];
	int64_t part, of;
	for (size_t i = 0; i < ui->stats.n; i++)
		for (int r = ROW_FIGURE; r < ROW_GAP; r++) {
			if (r == ROW_ITEMS)
				continue;
			row_of(ui, &ui->stats.v[i], r, &part, &of, text, sizeof text);
			int w = text_width(text);
			most = w > most ? w : most;
		}
	return most;
}

static void draw_heading(const struct stats_period *p, int y, int width)
{
	struct strbuf b = {0};
	sb_printf(&b, "%s · %zu retrospective%s", p->name, p->retros, p->retros == 1 ? "" : "s");
	for (size_t i = 0; i < p->n_severities; i++)
		sb_printf(&b, " · %s %zu", p->severities[i].name ? p->severities[i].name : "no severity",
			  p->severities[i].n);
	draw_text_fit(y, 1, width - 2, b.s, term_attr(LOOK_TITLE));
	sb_free(&b);
}

static void draw_row(struct ui *ui, size_t line, int y, int bar_cols)
{
	const struct stats_period *p = &ui->stats.v[line / ROWS_PER_PERIOD];
	int r = (int)(line % ROWS_PER_PERIOD), w = ui->cols;
	if (r == ROW_GAP)
		return;
	if (r == ROW_HEAD) {
		draw_heading(p, y, w);
		return;
	}
	char text[160];
	int64_t part, of;
	const char *label = row_of(ui, p, r, &part, &of, text, sizeof text);
	char lab[64];
	snprintf(lab, sizeof lab, "  %s", label);
	draw_text(y, 1, LABEL_COLS - 1, lab, term_attr(LOOK_NORMAL));
	int x = 1 + LABEL_COLS;
	if (r == ROW_ITEMS) {
		draw_text_fit(y, x, w - x - 1, text, term_attr(LOOK_NORMAL));
		return;
	}
	int len = of > 0 ? (int)((part * bar_cols + of / 2) / of) : 0;
	if (part > 0 && len < 1)
		len = 1; /* (a figure there is, however small, shows) */
	const char *block = term_utf8() ? "█" : "#";
	for (int i = 0; i < len && i < bar_cols; i++)
		draw_text(y, x + i, 1, block, term_attr(LOOK_TITLE));
	draw_text_fit(y, x + (of > 0 ? bar_cols : 0) + (of > 0), w - x - bar_cols - 2, text,
		      term_attr(LOOK_NORMAL));
}

/* The keys of this view on the bottom row, as the bar shows a stage's. */
static void draw_keys(struct ui *ui, int y)
{
	size_t n;
	const struct binding *b = keymap_bindings(&n);
	int x = 1;
	draw_fill(y, 0, ui->cols, term_attr(LOOK_NORMAL));
	if (ui->msg[0]) {
		draw_text_fit(y, 1, ui->cols - 2, ui->msg, term_attr(ui->msg_error ? LOOK_ERROR : LOOK_OK));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(b[i].scopes & SCOPE_STATS) || !b[i].in_bar || !b[i].bar_label)
			continue;
		const char *label = b[i].action == ACT_STATS_PERIOD
					    ? (ui->stats_quarters ? "by month" : "by quarter") : b[i].bar_label;
		const char *key = binding_key(&b[i]);
		int need = text_width(key) + 1 + text_width(label);
		if (x + need > ui->cols - 1)
			break;
		x += draw_text(y, x, ui->cols - x, key, term_attr(LOOK_KEY));
		x += draw_text(y, x, 1, " ", 0);
		x += draw_text(y, x, ui->cols - x, label, term_attr(LOOK_NORMAL));
		x += draw_text(y, x, ui->cols - x, "  ", 0);
	}
}

void stats_draw(struct ui *ui)
{
	draw_clear();
	int height = ui->rows - 2;
	const struct stats *s = &ui->stats;
	struct strbuf head = {0};
	sb_printf(&head, "Figures by %s", s->quarters ? "quarter" : "month");
	if (s->n)
		sb_printf(&head, " · %s to %s · bars: medians · today %s", s->v[0].name,
			  s->v[s->n - 1].name, s->today);
	draw_fill(0, 0, ui->cols, term_attr(LOOK_HEADER));
	draw_text_fit(0, 1, ui->cols - 2, head.s, term_attr(LOOK_HEADER));
	sb_free(&head);
	if (!s->n) {
		draw_centred(ui->rows / 2 - 1, 0, ui->cols, "No retrospectives yet: no figures.",
			     term_attr(LOOK_TITLE));
	} else {
		size_t lines = stats_lines(ui);
		if (ui->stats_scroll + (size_t)height > lines)
			ui->stats_scroll = lines > (size_t)height ? lines - (size_t)height : 0;
		int bar_cols = ui->cols - 1 - LABEL_COLS - 1 - text_cols(ui) - 1;
		if (bar_cols < 4)
			bar_cols = 4;
		for (int r = 0; r < height && ui->stats_scroll + (size_t)r < lines; r++)
			draw_row(ui, ui->stats_scroll + (size_t)r, 1 + r, bar_cols);
	}
	draw_keys(ui, ui->rows - 1);
}

bool stats_layer_key(struct ui *ui, enum term_input kind, int key)
{
	enum command act = keymap_lookup(SCOPE_STATS, key, kind == TERM_CODE);
	size_t page = ui->rows > 4 ? (size_t)(ui->rows - 3) : 1;
	size_t lines = stats_lines(ui);
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
	switch (act) {
	case ACT_CANCEL:
		stats_free(ui);
		return true;
	case ACT_HELP:
		help_open(ui);
		ui->help_first[0] = SCOPE_STATS;
		return true;
	case ACT_STATS_PERIOD:
		ui->stats_quarters = !ui->stats_quarters;
		stats_load(ui);
		return true;
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
		ui->stats_scroll += act == ACT_DOWN ? 1 : page;
		break; /* (kept in range as drawn) */
	case ACT_UP:
	case ACT_PAGE_UP: {
		size_t step = act == ACT_UP ? 1 : page;
		ui->stats_scroll = ui->stats_scroll > step ? ui->stats_scroll - step : 0;
		break;
	}
	case ACT_FIRST:
		ui->stats_scroll = 0;
		break;
	case ACT_LAST:
		ui->stats_scroll = lines;
		break;
	default:
		ui->dirty = DIRTY_NONE;
		return false;
	}
	return false;
}

void stats_open_layer(struct ui *ui)
{
	stats_open(ui);
}
