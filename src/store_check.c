/* Storage: what `debrief check` asks of a file (SQLite's integrity and
 * foreign-key checks, the schema, rows that point at nothing, the counts
 * kept with each retrospective), and the quick check before a command
 * writes. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

/* Rows SQLite's own checks cannot see as wrong: notes on an event, a
 * question or an action that is not there, and counts that disagree with
 * what they count. Each row is one problem, said in a line. */
static const char SQL_ORPHANS[] =
	"SELECT 'note ' || id || ' is on event ' || event_id || ', which is not there'"
	" FROM note WHERE event_id IS NOT NULL AND event_id NOT IN (SELECT id FROM event)"
	" UNION ALL SELECT 'note ' || id || ' is on question ' || question_id || ', which is not there'"
	" FROM note WHERE question_id IS NOT NULL AND question_id NOT IN (SELECT id FROM question)"
	" UNION ALL SELECT 'note ' || id || ' is on action item ' || action_id || ', which is not there'"
	" FROM note WHERE action_id IS NOT NULL AND action_id NOT IN (SELECT id FROM action)"
	" UNION ALL SELECT 'retrospective ' || id || ' counts ' || n_events || ' events, '"
	" || n_notes || ' notes, ' || n_actions || ' action items (' || n_open_actions || ' open); there are '"
	" || e || ', ' || n || ', ' || a || ' (' || o || ')'"
	" FROM (SELECT r.id, r.n_events, r.n_notes, r.n_actions, r.n_open_actions,"
	" (SELECT count(*) FROM event WHERE retro_id = r.id) AS e,"
	" (SELECT count(*) FROM note WHERE retro_id = r.id) AS n,"
	" (SELECT count(*) FROM action WHERE retro_id = r.id) AS a,"
	" (SELECT count(*) FROM action WHERE retro_id = r.id AND status = 'open') AS o FROM retro r)"
	" WHERE n_events <> e OR n_notes <> n OR n_actions <> a OR n_open_actions <> o"
	" UNION ALL SELECT 'ids longer than 36 characters: ' || count(*) FROM"
	" (SELECT id FROM retro UNION ALL SELECT id FROM event UNION ALL SELECT id FROM note"
	" UNION ALL SELECT id FROM action UNION ALL SELECT id FROM question UNION ALL SELECT id FROM parked)"
	" WHERE length(id) > 36"
	" HAVING count(*) > 0";
static const char SQL_FOREIGN_KEYS[] =
	"SELECT \"table\" || ' row ' || rowid || ' points at a missing ' || parent FROM pragma_foreign_key_check";
static const char SQL_INTEGRITY[] = "SELECT integrity_check FROM pragma_integrity_check(100)";
static const char SQL_QUICK[] = "SELECT quick_check FROM pragma_quick_check(2)";

/* Each row of a one-column query that is not "ok" is a line of report and
 * one more problem. */
static int lines_of(struct store *st, const char *sql, const char *what, struct strbuf *report,
		    size_t *problems, struct err *e)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_sql_error(st, NULL, what, e);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		/* "*** in database main ***" heads what follows, in the same
		 * row or alone. */
		if (line && strncmp(line, "*** in database", 15) == 0) {
			const char *nl = strchr(line, '\n');
			line = nl ? nl + 1 : "";
		}
		if (line && (strcmp(line, "ok") == 0 || !*line))
			continue;
		sb_printf(report, "%s\n", line ? line : "(nothing said)");
		++*problems;
	}
	if (rc != SQLITE_DONE) {
		/* A damaged page can stop the check itself: that is a finding. */
		sb_printf(report, "%s: %s\n", what, sqlite3_errmsg(st->db));
		++*problems;
	}
	sqlite3_finalize(s);
	return 0;
}

int store_sqlite_check(struct store *st, struct strbuf *report, size_t *problems, struct err *e)
{
	*problems = 0;
	bool own;
	if (store_read_begin(st, &own, "cannot read the database", e) != 0)
		return -1;
	int rc = lines_of(st, SQL_INTEGRITY, "the integrity check", report, problems, e);
	if (rc == 0)
		rc = lines_of(st, SQL_FOREIGN_KEYS, "the foreign-key check", report, problems, e);
	if (rc == 0)
		rc = lines_of(st, SQL_ORPHANS, "the check of what rows point at", report, problems, e);
	store_read_end(st, own);
	return rc;
}

int store_sqlite_check_quick(struct store *st, struct err *e)
{
	if (store_vouched(st->path)) {
		st->checked = 2;
		st->sound = true;
		return 0;
	}
	struct strbuf report = {0};
	size_t problems = 0;
	int rc = lines_of(st, SQL_QUICK, "the quick check", &report, &problems, e);
	if (rc == 0 && problems)
		rc = err_set(e, "%s is damaged (%.*s): nothing was written; 'debrief check' says more",
			     st->path, (int)strcspn(sb_str(&report), "\n"), sb_str(&report));
	sb_free(&report);
	st->checked = 1;
	st->sound = rc == 0;
	return rc;
}
