/* Lines, boxes and attributes for the views, so that no view needs curses
 * itself. (Text goes through ui_draw.c.) */
#include <curses.h>

#include "ui_internal.h"

void draw_hline(int y, int x, int width, unsigned attr)
{
	if (width < 1)
		return;
	attrset(attr);
	mvhline(y, x, ACS_HLINE, width);
	attrset(A_NORMAL);
}

void draw_vline(int y, int x, int height, unsigned attr)
{
	if (height < 1)
		return;
	attrset(attr);
	mvvline(y, x, ACS_VLINE, height);
	attrset(A_NORMAL);
}

void draw_box(int top, int left, int height, int width, unsigned attr)
{
	attrset(attr);
	mvhline(top, left, ACS_HLINE, width);
	mvhline(top + height - 1, left, ACS_HLINE, width);
	mvvline(top, left, ACS_VLINE, height);
	mvvline(top, left + width - 1, ACS_VLINE, height);
	mvaddch(top, left, ACS_ULCORNER);
	mvaddch(top, left + width - 1, ACS_URCORNER);
	mvaddch(top + height - 1, left, ACS_LLCORNER);
	mvaddch(top + height - 1, left + width - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
}

int draw_dialog(int rows, int cols, int height, int width, int *top, int *left)
{
	if (height > rows - 2)
		height = rows - 2;
	*top = (rows - height) / 2;
	*left = (cols - width) / 2;
	for (int y = *top; y < *top + height; y++)
		draw_fill(y, *left, width, term_attr(LOOK_NORMAL));
	draw_box(*top, *left, height, width, term_attr(LOOK_FOCUS));
	return height;
}

void draw_clear(void)
{
	erase();
}

unsigned draw_bold(unsigned attr)
{
	return attr | A_BOLD;
}

enum ui_key ui_key_of(enum term_input kind, int key)
{
	if (kind == TERM_CHAR) {
		switch (key) {
		case '\r': case '\n': return UI_KEY_ENTER;
		case '\t': return UI_KEY_TAB;
		case 27: return UI_KEY_ESC;
		default: return UI_KEY_OTHER;
		}
	}
	if (kind != TERM_CODE)
		return UI_KEY_OTHER;
	switch (key) {
	case KEY_ENTER: return UI_KEY_ENTER;
	case KEY_UP: return UI_KEY_UP;
	case KEY_DOWN: return UI_KEY_DOWN;
	case KEY_BTAB: return UI_KEY_BACKTAB;
	case KEY_NPAGE: return UI_KEY_PAGE_DOWN;
	case KEY_PPAGE: return UI_KEY_PAGE_UP;
	case KEY_F(1): return UI_KEY_F1;
	default: return UI_KEY_OTHER;
	}
}
