/* The Action items stage says when an open item is past its due date, as
 * the list of every retrospective's items (A) and stage 1 do: "overdue" in
 * its status column, standing out. The clock is pinned at 2026-11-25. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	struct vt *vt = ut_spawn(&u, 24, 100, id, NULL);
	vt_wait_text(vt, "Who is here", T);
	vt_key(vt, "4");
	ok(vt_wait_text(vt, "Page on CheckoutErrorRate", T), "the action items");
	vt_key(vt, "a");
	vt_wait_text(vt, "Add action item", T);
	vt_type(vt, "Rotate the gateway keys @Dana due:2026-11-20 #prevent");
	vt_key(vt, "Enter");
	/* (The typed line says it too, until Enter has closed it.) */
	ok(vt_wait_gone(vt, "Add action item:", T) && vt_wait_text(vt, "Rotate the gateway keys", T),
	   "an item due five days ago is added");
	int r = vt_find_row(vt, "Rotate the gateway keys");
	char *row = r >= 0 ? vt_row_text(vt, r) : NULL;
	ok(row && strstr(row, "2026-11-20") && strstr(row, "overdue"), "its status says overdue");
	free(row);
	int col = -1;
	row = r >= 0 ? vt_row_text(vt, r) : NULL;
	if (row && strstr(row, "overdue")) { /* its column, in cells */
		const char *p = strstr(row, "overdue");
		col = 0;
		for (const unsigned char *q = (const unsigned char *)row; q < (const unsigned char *)p; col++)
			q += *q < 0x80 ? 1 : *q < 0xE0 ? 2 : *q < 0xF0 ? 3 : 4;
	}
	free(row);
	vt_key(vt, "j"); /* the highlight off it (it sorts first): its own look shows */
	ok(col > 0 && ut_wait_reverse(vt, r, col, false, T) &&
		   (vt_cell_coloured_text(vt, r, col) || vt_cell_bold(vt, r, col)),
	   "and stands out");
	if (col <= 0 || vt_cell_reverse(vt, r, col))
		vt_dump(vt, "overdue");
	r = vt_find_row(vt, "Canary step comparing");
	row = r >= 0 ? vt_row_text(vt, r) : NULL;
	ok(row && strstr(row, "open") && !strstr(row, "overdue"), "one due next month is only open");
	free(row);
	r = vt_find_row(vt, "Add the connection pool");
	row = r >= 0 ? vt_row_text(vt, r) : NULL;
	ok(row && strstr(row, "done") && !strstr(row, "overdue"), "and one done before its date is done");
	free(row);
	ok(ut_quit(vt), "quits");
	vt_free(vt);
	ut_done(&u);
	return done_testing();
}
