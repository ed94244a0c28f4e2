/* The help overlay, generated from the key table. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

void help_open(struct ui *ui)
{
	ui->help = true;
	ui->help_scroll = 0;
	/* What is on screen first: this stage's keys (or the list's), and the
	 * typing keys when the notes pane has them. */
	ui->help_first[0] = ui->focus == FOCUS_NOTES && !ui->in_list ? SCOPE_NOTES | SCOPE_EDIT : 0;
	ui->help_first[1] = ui_view(ui)->scope;
	ui->dirty = DIRTY_ALL;
}

/* The help's width, and its text wrapped to it: a key's description that
 * does not fit goes on under itself, never cut off. */
static int help_width(const struct ui *ui)
{
	return ui->cols - 2 < 78 ? ui->cols - 2 : 78;
}

#define HELP_HANG 15 /* where a key's description starts: "  " label(12) " " */

static void help_text(const struct ui *ui, struct strbuf *out)
{
	struct strbuf keys = {0};
	keymap_describe_first(ui->help_first, 2, &keys);
	int room = help_width(ui) - 3;
	for (const char *p = sb_str(&keys); *p; ) {
		size_t len = strcspn(p, "\n");
		int hang = 0;
		for (size_t i = 0; i < len; ) {
			size_t next, row = text_wrap_row(p + i, len - i, room - hang, true, &next);
			sb_printf(out, "%*s", hang, "");
			sb_add(out, p + i, row);
			sb_putc(out, '\n');
			i += next ? next : len - i;
			hang = p[0] == ' ' && room > 2 * HELP_HANG ? HELP_HANG : 0;
		}
		if (len == 0)
			sb_putc(out, '\n');
		p += len + (p[len] == '\n');
	}
	sb_free(&keys);
}

void help_draw(struct ui *ui)
{
	struct strbuf b = {0};
	help_text(ui, &b);
	/* The whole screen: nothing behind it competes for the eye. */
	draw_clear();
	int w = help_width(ui);
	int h = ui->rows - 1;
	int top = 0, left = (ui->cols - w) / 2;
	draw_fill(top, 0, ui->cols, term_attr(LOOK_HEADER));
	draw_text(top, left, w, "Keys · j/k scroll · any other key closes", term_attr(LOOK_HEADER));
	size_t line = 0;
	int y = top + 1;
	const char *p = b.s;
	while (p && *p && y < top + h) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (line++ >= ui->help_scroll) {
			bool heading = len > 0 && p[0] != ' ';
			draw_textn(y++, left + 2, w - 3, p, len, term_attr(heading ? LOOK_TITLE : LOOK_NORMAL));
		}
		p = nl ? nl + 1 : NULL;
	}
	sb_free(&b);
}

bool help_key(struct ui *ui, enum term_input kind, int key)
{
	enum command act = keymap_lookup(SCOPE_HELP, key, kind == TERM_CODE);
	if (act == ACT_DOWN || act == ACT_PAGE_DOWN) {
		struct strbuf b = {0};
		help_text(ui, &b);
		size_t lines = 0;
		for (const char *p = b.s; p && *p; p++)
			lines += *p == '\n';
		sb_free(&b);
		/* Stop when the last line is on screen. */
		size_t max = lines > (size_t)(ui->rows - 2) ? lines - (size_t)(ui->rows - 2) : 0;
		ui->help_scroll += act == ACT_PAGE_DOWN ? (size_t)(ui->rows / 2) : 1;
		if (ui->help_scroll > max)
			ui->help_scroll = max;
		ui->dirty = DIRTY_ALL;
		return true;
	}
	if (act == ACT_UP || act == ACT_PAGE_UP) {
		size_t step = act == ACT_PAGE_UP ? (size_t)(ui->rows / 2) : 1;
		ui->help_scroll = ui->help_scroll > step ? ui->help_scroll - step : 0;
		ui->dirty = DIRTY_ALL;
		return true;
	}
	ui->help = false;
	ui->dirty = DIRTY_ALL;
	return true;
}

bool help_layer_key(struct ui *ui, enum term_input kind, int key)
{
	help_key(ui, kind, key);
	return true;
}
