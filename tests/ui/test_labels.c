/* Services and tags (issue 13, "Memory across retrospectives"): edited in
 * the details form (i), undone by u, seen by a second terminal, shown in
 * the header and the list, and found by the list's filter; and on stage 1,
 * the earlier incidents on the same services and tags, each opened
 * read-only with v, Esc coming back to the meeting where it was. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "uitest.h"

static struct uitest u;
static char demo[64], earlier[64], other[64];

static void make(char *id, size_t size, ...)
{
	char *out = NULL;
	va_list ap;
	va_start(ap, size);
	const char *a[12] = {0};
	int n = 0;
	while (n < 11 && (a[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	ut_cli(&u, &out, NULL, "new", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], NULL);
	ut_last_line(out ? out : "", id, size);
	free(out);
}

/* The details form's field, its text replaced by what (Tab moves on). */
static void set_field(struct vt *vt, int tabs, const char *what)
{
	vt_key(vt, "i");
	vt_wait_text(vt, "Details of the retrospective", T);
	for (int i = 0; i < tabs; i++)
		vt_key(vt, "Tab");
	vt_key(vt, "C-a");
	vt_key(vt, "C-k");
	vt_type(vt, what);
	vt_key(vt, "Enter");
}

#define SERVICES_FIELD 9 /* Tabs from the title */
#define TAGS_FIELD 10

int main(int argc, char **argv)
{
	if (!ut_demo(&u, argc, argv, demo, sizeof demo))
		return 1;
	make(earlier, sizeof earlier, "Earlier pool outage", "--date", "2026-10-02", "--service",
	     "payments-api", "--tag", "config", NULL);
	make(other, sizeof other, "Unrelated disk alarm", "--date", "2026-09-01", NULL);

	/* The header: the title first, then its services and tags where there
	 * is room. */
	struct vt *fac = ut_spawn(&u, 30, 200, demo, NULL);
	struct vt *viewer = ut_spawn(&u, 30, 200, "--view", demo, NULL);
	ok(vt_wait_row(fac, 0, " Checkout failures after payments-api pool change · INC-4127 · SEV2 · checkout, payments-api · #capacity #config", T),
	   "the header shows the services and tags after the title");

	/* Edited in the details form. */
	set_field(fac, SERVICES_FIELD, "payments-api, Ledger");
	ok(vt_wait_text(fac, "Saved. u undoes it.", T), "the details form saves services");
	ok(vt_wait_text(fac, "· SEV2 · ledger, payments-api · #capacity #config", T),
	   "the header shows them, lowercased and sorted");
	ok(ut_wait_sql(&u, fac,
		       "SELECT group_concat(name, ' ') FROM (SELECT name FROM retro_label WHERE kind = 'service'"
		       " AND retro_id = (SELECT id FROM retro WHERE title LIKE 'Checkout%') ORDER BY name)",
		       "ledger payments-api", T),
	   "kept, one row a name");
	ok(vt_wait_text(viewer, "· SEV2 · ledger, payments-api · #capacity", T), "a second terminal sees the edit");
	set_field(fac, TAGS_FIELD, "config, bad tag");
	ok(vt_wait_text(fac, "'bad tag' is not a tag name: use letters, digits, - _ and . (at most 40)", T),
	   "a bad name is refused, saying the rule");
	ok(vt_find_row(fac, "Details of the retrospective") >= 0, "the form stays open to correct it");
	vt_key(fac, "Esc");
	vt_wait_gone(fac, "Details of the retrospective", T);
	ok(ut_wait_sql(&u, fac, "SELECT count(*) FROM retro_label WHERE name = 'bad'", "0", T), "nothing was saved");

	/* Undone. */
	vt_key(fac, "u");
	ok(vt_wait_text(fac, "Undone: edit the details.", T), "u undoes the edit");
	ok(vt_wait_text(fac, "· SEV2 · checkout, payments-api · #capacity #config", T), "the services as they were");
	ok(ut_wait_sql(&u, fac, "SELECT count(*) FROM retro_label WHERE name = 'ledger'", "0", T), "in the file too");
	ok(vt_wait_text(viewer, "· SEV2 · checkout, payments-api · #capacity", T), "and on the second terminal");
	vt_free(viewer);
	vt_key(fac, "q");
	ok(ut_exited(fac, 0), "quits");
	vt_free(fac);

	/* At 80 columns the title keeps its place. */
	struct vt *narrow = ut_spawn(&u, 24, 80, demo, NULL);
	ok(vt_wait_row(narrow, 0, " Checkout failures after payments-api pool change · INC-4127 · …", T),
	   "at 80 columns the title is not pushed off");
	vt_free(narrow);

	/* The list: after each title; the filter finds them. */
	struct vt *list = ut_spawn(&u, 24, 200, NULL);
	ok(vt_wait_text(list, "Earlier pool outage · payments-api · #config", T), "the list shows services and tags");
	ok(vt_wait_text(list, "· INC-4127 · SEV2 · checkout, payments-api · #capacity #config", T),
	   "after the incident and severity");
	vt_key(list, "/");
	vt_wait_text(list, "Filter:", T);
	vt_type(list, "capacity");
	ok(vt_wait_text(list, "filter: capacity (1 shown)", T), "the filter matches a tag");
	ok(vt_find_row(list, "Earlier pool outage") < 0, "leaving out the others");
	vt_key(list, "C-u");
	vt_type(list, "PAYMENTS-API");
	ok(vt_wait_text(list, "filter: PAYMENTS-API (2 shown)", T), "and a service, in any case");
	ok(vt_find_row(list, "Unrelated disk alarm") < 0, "not one without it");
	vt_key(list, "Esc");
	vt_key(list, "q");
	ok(ut_exited(list, 0), "the list quits");
	vt_free(list);

	/* Stage 1 of a later meeting on payments-api: what was learned before. */
	char later[64];
	make(later, sizeof later, "Queue backlog", "--date", "2026-11-25", "--service", "payments-api", "--tag",
	     "config", NULL);
	struct vt *meet = ut_spawn(&u, 40, 120, later, NULL);
	ok(vt_wait_text(meet, "Earlier incidents on payments-api", T), "stage 1 lists the earlier incidents on its service");
	ok(vt_wait_text(meet, "• 2026-11-24, Checkout failures after payments-api pool c", T),
	   "each with its date and title");
	ok(vt_wait_text(meet, "4 open: Page on CheckoutErrorRate above 2% for 5 minute", T), "and its open items");
	ok(vt_wait_text(meet, "• 2026-10-02, Earlier pool outage", T) && vt_find_row(meet, "nothing left open") > 0,
	   "an older one, nothing left open");
	ok(vt_find_row(meet, "Unrelated disk alarm") < 0, "not one that shares nothing");
	vt_key(meet, "G");
	ok(vt_wait_text(meet, "› 2026-10-02, Earlier pool outage", T), "the last one highlighted");
	ok(vt_wait_row(meet, 39, "v view read-only", T), "the bar offers to open it");
	vt_key(meet, "k");
	ok(vt_wait_text(meet, "› 2026-11-24, Checkout failures", T), "k: the one before");
	vt_key(meet, "v");
	ok(vt_wait_row(meet, 0, " Checkout failures after payments-api pool change (incident of 2026-11-24)", T),
	   "v opens it, its title in the header");
	ok(vt_wait_text(meet, "read-only: Esc, q or v back", T), "saying it is read-only, and how to come back");
	ok(vt_wait_text(meet, "Services       checkout, payments-api", T), "its summary");
	vt_key(meet, "D");
	ok(vt_wait_text(meet, "Read-only: nothing here changes. Esc goes back to the meeting.", T),
	   "a writing key is refused, saying so");
	vt_key(meet, "a");
	vt_key(meet, "x");
	ok(ut_wait_sql(&u, meet, "SELECT count(*) FROM action WHERE status = 'open' AND retro_id = (SELECT id FROM retro"
		       " WHERE title LIKE 'Checkout%')", "4", T), "and changes nothing");
	vt_key(meet, "Esc");
	ok(vt_wait_text(meet, "› 2026-11-24, Checkout failures", T), "Esc: back to the meeting, at the same place");
	ok(vt_find_row(meet, "Earlier incidents on payments-api") > 0, "on stage 1");
	vt_key(meet, "v");
	vt_wait_text(meet, "read-only: Esc, q or v back", T);
	vt_key(meet, "q");
	ok(vt_wait_text(meet, "› 2026-11-24, Checkout failures", T), "q comes back too, not quitting");

	/* Its labels changed: the list follows. */
	set_field(meet, SERVICES_FIELD, "");
	ok(vt_wait_text(meet, "Earlier incidents tagged #config", T), "without the service: those tagged #config");
	vt_key(meet, "q");
	ok(ut_exited(meet, 0), "quits");
	vt_free(meet);
	ut_done(&u);
	return done_testing();
}
