/* A change another program commits while this one starts is read at the
 * first look, not missed: the file's change count is taken before the
 * retrospective is read. The test holds the viewer's start just after it
 * read the retrospective (DEBRIEF_TEST_HOLD), renames it from the sqlite3
 * shell then, and lets it go on. (Seen in CI: a viewer that started while
 * the facilitator saved never showed the save.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char id[64];

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, id, sizeof id))
		return 1;
	char go[512], held[520];
	snprintf(go, sizeof go, "%s/go", u.dir);
	snprintf(held, sizeof held, "%s.held", go);
	ut_setenv(&u, "DEBRIEF_TEST_HOLD", go);
	struct vt *viewer = ut_spawn(&u, 24, 80, "--view", id, NULL);
	long end = ut_ms() + T;
	while (access(held, F_OK) != 0 && ut_ms() < end)
		vt_pump(viewer, 20);
	ok(access(held, F_OK) == 0, "the viewer has read the retrospective and waits");
	free(ut_sql(&u, "UPDATE retro SET title = 'Renamed while it started', rev = rev + 1"));
	FILE *f = fopen(go, "w");
	if (f)
		fclose(f);
	ok(vt_wait_text(viewer, "Renamed while it started", T), "the rename committed meanwhile is shown");
	ok(vt_find_row(viewer, "Checkout failures after") < 0, "and the old title is gone");
	vt_key(viewer, "q");
	ok(ut_exited(viewer, 0), "quits");
	vt_free(viewer);
	ut_done(&u);
	return done_testing();
}
