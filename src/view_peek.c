/* An earlier incident, opened from the Prime Directive's "Earlier
 * incidents" read-only: its summary, over the whole screen, scrolled with
 * the movement keys; Esc, q or the key that opened it come back to the
 * meeting, as it was. Nothing in it can change anything: it holds a text
 * made once, and every other key is refused, saying so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/export.h"
#include "ui_internal.h"

void peek_open(struct ui *ui, const char *retro_id)
{
	struct err e = {0};
	struct retro_doc doc;
	if (model_load(ui->st, retro_id, &doc, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	struct strbuf b = {0};
	if (export_render(ui->st, &doc, EXPORT_TXT, &b, &e) != 0) {
		sb_free(&b);
		model_doc_free(&doc);
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	peek_close(ui);
	struct strbuf head = {0};
	sb_printf(&head, " %s (incident of %s)", doc.retro.title,
		  doc.retro.incident_date ? doc.retro.incident_date : "an unknown day");
	ui->peek_title = sb_take(&head);
	ui->peek_text = sb_take(&b);
	ui->peek_scroll = 0;
	ui->peek_said = false;
	model_doc_free(&doc);
	ui->dirty = DIRTY_ALL;
}

void peek_close(struct ui *ui)
{
	free(ui->peek_text);
	free(ui->peek_title);
	ui->peek_text = ui->peek_title = NULL;
	ui->dirty = DIRTY_ALL;
}

bool peek_is_open(const struct ui *ui)
{
	return ui->peek_text != NULL;
}

static size_t peek_lines(const struct ui *ui)
{
	size_t n = 0;
	for (const char *p = ui->peek_text; p && *p; p++)
		n += *p == '\n';
	return n;
}

void peek_draw(struct ui *ui)
{
	draw_clear();
	unsigned hdr = term_attr(LOOK_HEADER);
	char back[96]; /* (the key as bound now) */
	snprintf(back, sizeof back, " · read-only: Esc, q or %s back", keymap_key_for(SCOPE_PRIME, ACT_PEEK));
	int bw = text_width(back);
	draw_fill(0, 0, ui->cols, hdr);
	draw_text_fit(0, 0, ui->cols - bw > 1 ? ui->cols - bw : 1, ui->peek_title, hdr);
	if (bw < ui->cols)
		draw_text(0, ui->cols - bw, bw, back, hdr);
	int w = ui->cols - 2 < 78 ? ui->cols - 2 : 78, left = (ui->cols - w) / 2;
	size_t line = 0;
	int y = 1;
	for (const char *p = ui->peek_text; p && *p && y < ui->rows - 1;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (line++ >= ui->peek_scroll)
			draw_textn(y++, left, w, p, len, term_attr(LOOK_NORMAL));
		p = nl ? nl + 1 : NULL;
	}
	int by = ui->rows - 1;
	draw_fill(by, 0, ui->cols, term_attr(LOOK_NORMAL));
	if (ui->peek_said)
		draw_text_fit(by, 1, ui->cols - 2,
			      "Read-only: nothing here changes. Esc goes back to the meeting.",
			      term_attr(LOOK_ERROR));
	else
		draw_text_fit(by, 1, ui->cols - 2, "An earlier incident, read-only · j/k scroll · Esc back to the meeting",
			      term_attr(LOOK_DIM));
}

bool peek_layer_key(struct ui *ui, enum term_input kind, int key)
{
	bool code = kind == TERM_CODE;
	ui->dirty = DIRTY_ALL;
	ui->peek_said = false;
	if ((!code && (key == 27 || key == 'q')) || keymap_lookup(SCOPE_PRIME, key, code) == ACT_PEEK) {
		peek_close(ui);
		return true;
	}
	enum command act = keymap_lookup(SCOPE_HELP, key, code);
	size_t lines = peek_lines(ui), page = (size_t)(ui->rows > 4 ? ui->rows / 2 : 1);
	size_t max = lines > (size_t)(ui->rows - 2) ? lines - (size_t)(ui->rows - 2) : 0;
	switch (act) {
	case ACT_DOWN: ui->peek_scroll++; break;
	case ACT_PAGE_DOWN: ui->peek_scroll += page; break;
	case ACT_UP: ui->peek_scroll = ui->peek_scroll ? ui->peek_scroll - 1 : 0; break;
	case ACT_PAGE_UP: ui->peek_scroll = ui->peek_scroll > page ? ui->peek_scroll - page : 0; break;
	default: ui->peek_said = true; return true; /* refused, saying so */
	}
	if (ui->peek_scroll > max)
		ui->peek_scroll = max;
	return true;
}
