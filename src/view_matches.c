/* A search's matches in every retrospective (W): a row each, with its
 * retrospective, where it is and the text around it, the match standing
 * out; Enter opens the retrospective at the match, where n and N walk its
 * others. The matches are the model's, as `debrief search` finds them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

/* Where a match is: "event", "note · Timeline". */
static void where(const struct search_hit *h, char *buf, size_t size)
{
	static const char *const KIND[] = {"title", "event", "note", "question", "action item", "parked idea"};
	const char *k = h->kind <= SEARCH_PARKED ? KIND[h->kind] : "?";
	if (h->kind == SEARCH_NOTE && h->stage >= STAGE_PRIME && h->stage <= STAGE_COUNT)
		snprintf(buf, size, "%s · %s", k, stage_short_title(h->stage));
	else
		snprintf(buf, size, "%s", k);
}

/* The snippet on one row: blanks for its line breaks, the match (between
 * the model's marks) in bold. */
static void draw_snippet(int y, int x, int width, const char *s, unsigned look)
{
	size_t lo = strlen(SEARCH_MARK_OPEN), lc = strlen(SEARCH_MARK_CLOSE);
	bool in = false;
	int used = 0;
	/* The match in sight: the text before it, when long, cut at its
	 * start to a third of the row. */
	const char *first = strstr(s, SEARCH_MARK_OPEN);
	if (first && text_widthn(s, (size_t)(first - s)) > width / 3) {
		while (s < first && text_widthn(s, (size_t)(first - s)) > width / 3 - 1) {
			s++;
			while (s < first && (*s & 0xc0) == 0x80)
				s++; /* a character's whole */
		}
		used += draw_text(y, x, width, "…", look);
	}
	while (*s && used < width) {
		const char *open = strstr(s, SEARCH_MARK_OPEN), *close = strstr(s, SEARCH_MARK_CLOSE);
		const char *end = in ? close : open;
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char *part = xstrndup(s, len);
		for (char *p = part; *p; p++)
			if (*p == '\n' || *p == '\t' || *p == '\r')
				*p = ' ';
		used += draw_text(y, x + used, width - used, part, in ? draw_bold(look) : look);
		free(part);
		if (!end)
			break;
		s = end + (in ? lc : lo);
		in = !in;
	}
}

static void matches_header(struct ui *ui, struct strbuf *out)
{
	sb_printf(out, "matches for “%s” in every retrospective · %zu", ui->wide_query, ui->n_wide);
}

static void matches_draw(struct ui *ui, int top, int left, int height, int width)
{
	int rw = width / 5 < 14 ? 14 : width / 5 > 48 ? 48 : width / 5;
	int ww = width < 120 ? 16 : 22;
	draw_text(top, left + 1, rw, "RETROSPECTIVE", term_attr(LOOK_TITLE));
	draw_text(top, left + 1 + rw + 2, ww, "WHERE", term_attr(LOOK_TITLE));
	draw_text(top, left + 1 + rw + 2 + ww + 2, width - rw - ww - 5, "WHAT IT SAYS", term_attr(LOOK_TITLE));
	int rows = height - 1;
	if (rows < 1)
		return;
	ui_keep_in_view(ui->wide_sel, &ui->wide_scroll, (size_t)rows, ui->n_wide);
	for (int r = 0; r < rows && ui->wide_scroll + (size_t)r < ui->n_wide; r++) {
		size_t i = ui->wide_scroll + (size_t)r;
		const struct search_hit *h = &ui->wide[i];
		bool sel = i == ui->wide_sel;
		unsigned look = term_attr(sel ? LOOK_SELECTED : LOOK_NORMAL);
		int y = top + 1 + r, at = left;
		if (sel)
			draw_fill(y, left, width, look);
		at += draw_text(y, at, width, sel ? "›" : " ", look);
		/* The same retrospective's rows after the first name it dimly. */
		bool again = i > 0 && strcmp(h->retro_id, ui->wide[i - 1].retro_id) == 0 && !sel && r > 0;
		draw_text_fit(y, at, rw, h->retro_title ? h->retro_title : "?",
			      again ? term_attr(LOOK_DIM) : look);
		at += rw + 2;
		char w[64];
		where(h, w, sizeof w);
		draw_text_fit(y, at, ww, w, sel ? look : term_attr(LOOK_DIM));
		at += ww + 2;
		draw_snippet(y, at, width - (at - left) - 1, h->snippet ? h->snippet : "", look);
	}
}

static unsigned matches_request(struct ui *ui, enum command act)
{
	switch (act) {
	case ACT_DOWN: case ACT_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP: case ACT_FIRST: case ACT_LAST:
		ui_move(ui, act, &ui->wide_sel, ui->n_wide, ui->rows / 2);
		return VIEW_HANDLED;
	case ACT_OPEN_RETRO: {
		if (ui->wide_sel >= ui->n_wide)
			return VIEW_HANDLED;
		const struct search_hit *h = &ui->wide[ui->wide_sel];
		char retro_id[ID_LEN], record_id[ID_LEN];
		str_copy(retro_id, sizeof retro_id, h->retro_id);
		str_copy(record_id, sizeof record_id, h->record_id);
		if (ui_board_open_retro(ui, retro_id))
			ui_search_show(ui, ui->wide_query, record_id);
		return VIEW_HANDLED;
	}
	case ACT_SEARCH_ALL:
		ui_search_all(ui, true);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		ui_board(ui, BOARD_NONE);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

static size_t matches_count(struct ui *ui)
{
	return ui->n_wide;
}

const struct view_ops view_matches_ops = {
	.title = "matches",
	.scope = SCOPE_MATCHES,
	.flags = VIEW_SCROLLS,
	.draw = matches_draw,
	.request = matches_request,
	.count = matches_count,
	.header = matches_header,
};
