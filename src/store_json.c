/* The whole retrospective as one JSON document, built by SQLite's JSON
 * functions so that every user string is escaped by a JSON library, never
 * by hand. */
#include "store_internal.h"

#include <string.h>

/* An instant as ISO-8601 in its own offset: "2026-11-24T14:05:00+01:00". */
#define ISO_LOCAL(at, off)                                                     \
	"(strftime('%Y-%m-%dT%H:%M:%S', " at " + 60 * " off ", 'unixepoch')"   \
	" || CASE WHEN " off " < 0 THEN '-' ELSE '+' END"                      \
	" || printf('%02d:%02d', abs(" off ") / 60, abs(" off ") % 60))"

/* Seconds since the epoch as ISO-8601 UTC; null for 0 (not yet). */
#define ISO_UTC(at)                                                            \
	"CASE WHEN " at " = 0 THEN NULL"                                       \
	" ELSE strftime('%Y-%m-%dT%H:%M:%SZ', " at ", 'unixepoch') END"

#define STAGE_NAME(col)                                                        \
	"CASE " col " WHEN 1 THEN 'prime-directive' WHEN 2 THEN 'timeline'"    \
	" WHEN 3 THEN 'questions' WHEN 4 THEN 'actions' WHEN 5 THEN 'close'"   \
	" ELSE NULL END"

/* The notes matching cond, in writing order. SQLite before 3.44 has no
 * ORDER BY inside an aggregate, so the rows are ordered in a subquery and
 * collected outside it; json() keeps nested values JSON, not strings. */
#define NOTES_WHERE(cond)                                                      \
	"json((SELECT json_group_array(json(x)) FROM (SELECT json_object("     \
	"'id', n.id, 'stage', " STAGE_NAME("n.stage") ", 'role', n.role,"      \
	" 'time', " ISO_LOCAL("n.created_at", "n.offset_min") ","              \
	" 'text', n.body) AS x FROM note n WHERE n.retro_id = r.id AND "       \
	cond " ORDER BY n.created_at, n.rowid)))"

static const char SQL_RETRO_JSON[] =
	/* Prompt lines, split with a recursive walk over each question's
	 * text (one prompt per line). */
	"WITH RECURSIVE prompt(qid, k, line, rest) AS ("
	" SELECT id, 0, NULL, prompts || char(10) FROM question"
	"  WHERE retro_id = :retro"
	" UNION ALL"
	" SELECT qid, k + 1, substr(rest, 1, instr(rest, char(10)) - 1),"
	"  substr(rest, instr(rest, char(10)) + 1) FROM prompt WHERE rest <> '')"
	" SELECT json_object("
	"'debrief_format', 1, 'id', r.id, 'title', r.title,"
	" 'incident_ref', r.incident_ref, 'severity', r.severity,"
	" 'incident_date', r.incident_date, 'status', r.status,"
	" 'stage', " STAGE_NAME("r.stage") ","
	" 'facilitator', r.facilitator, 'scribe', r.scribe,"
	" 'participants', r.participants, 'impact', r.impact,"
	" 'trigger', r.trigger_text,"
	" 'created_at', " ISO_UTC("r.created_at") ","
	" 'updated_at', " ISO_UTC("r.updated_at") ","
	" 'closed_at', " ISO_UTC("r.closed_at") ","
	" 'computed', json(:computed),"
	/* events */
	" 'events', json((SELECT json_group_array(json(x)) FROM (SELECT json_object("
	"  'id', e.id, 'time', " ISO_LOCAL("e.at", "e.offset_min") ","
	"  'kind', e.kind, 'mark', nullif(e.mark, ''), 'text', e.text,"
	"  'notes', " NOTES_WHERE("n.event_id = e.id") ") AS x"
	"  FROM event e WHERE e.retro_id = r.id ORDER BY e.at, e.rowid))),"
	/* questions */
	" 'questions', json((SELECT json_group_array(json(x)) FROM (SELECT json_object("
	"  'id', q.id, 'position', q.position, 'title', q.title,"
	"  'prompts', json((SELECT json_group_array(line) FROM (SELECT p.line"
	"   FROM prompt p WHERE p.qid = q.id AND p.k > 0 AND trim(p.line) <> ''"
	"   ORDER BY p.k))),"
	"  'custom', json(CASE WHEN q.custom THEN 'true' ELSE 'false' END),"
	"  'notes', " NOTES_WHERE("n.question_id = q.id") ") AS x"
	"  FROM question q WHERE q.retro_id = r.id ORDER BY q.position, q.rowid))),"
	/* action items */
	" 'actions', json((SELECT json_group_array(json(x)) FROM (SELECT json_object("
	"  'id', a.id, 'title', a.title, 'owner', nullif(a.owner, ''),"
	"  'due', nullif(a.due, ''), 'type', a.type,"
	"  'priority', 'P' || a.priority, 'status', a.status,"
	"  'tracker_ref', nullif(a.tracker_ref, ''),"
	"  'origin_event', nullif(a.origin_event, ''),"
	"  'origin_question', nullif(a.origin_question, ''),"
	"  'created_at', " ISO_UTC("a.created_at") ","
	"  'notes', " NOTES_WHERE("n.action_id = a.id") ") AS x"
	"  FROM action a WHERE a.retro_id = r.id ORDER BY a.created_at, a.rowid))),"
	/* notes on a stage only, and any whose anchor is gone, so that
	 * no note is left out */
	" 'stage_notes', " NOTES_WHERE(
		"NOT EXISTS (SELECT 1 FROM event x WHERE x.id = n.event_id)"
		" AND NOT EXISTS (SELECT 1 FROM question x WHERE x.id = n.question_id)"
		" AND NOT EXISTS (SELECT 1 FROM action x WHERE x.id = n.action_id)")
	") FROM retro r WHERE r.id = :retro";

/* Indents compact JSON (as SQLite writes it: no whitespace outside
 * strings) two spaces a level, so exports diff line by line. Empty arrays
 * and objects stay "[]" and "{}". */
static void json_indent(const char *s, size_t n, struct strbuf *out)
{
	int depth = 0;
	bool in_str = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			sb_putc(out, c);
			if (c == '\\' && i + 1 < n)
				sb_putc(out, s[++i]);
			else if (c == '"')
				in_str = false;
			continue;
		}
		switch (c) {
		case '"':
			in_str = true;
			sb_putc(out, c);
			break;
		case '{':
		case '[':
			if (i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
				sb_putc(out, c);
				sb_putc(out, s[++i]);
				break;
			}
			sb_putc(out, c);
			depth++;
			sb_printf(out, "\n%*s", depth * 2, "");
			break;
		case '}':
		case ']':
			depth--;
			sb_printf(out, "\n%*s", depth * 2, "");
			sb_putc(out, c);
			break;
		case ',':
			sb_printf(out, ",\n%*s", depth * 2, "");
			break;
		case ':':
			sb_puts(out, ": ");
			break;
		default:
			sb_putc(out, c);
		}
	}
}

int store_retro_json(struct store *st, const char *retro_id,
		     const char *computed_json, struct strbuf *out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_RETRO_JSON, e) != 0 ||
	    store_bind_text(s, ":retro", retro_id, e) != 0 ||
	    store_bind_text(s, ":computed",
			    computed_json && *computed_json ? computed_json : "{}", e) != 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		err_set(e, "no retrospective %s", retro_id);
		return ST_NOT_FOUND;
	}
	if (rc != SQLITE_ROW) {
		store_sql_error(st, s, "cannot export the retrospective as JSON", e);
		sqlite3_reset(s);
		return -1;
	}
	const char *json = (const char *)sqlite3_column_text(s, 0);
	size_t len = (size_t)sqlite3_column_bytes(s, 0);
	if (!json) {
		sqlite3_reset(s);
		return err_set(e, "cannot export the retrospective as JSON: no result");
	}
	json_indent(json, len, out);
	sb_putc(out, '\n');
	sqlite3_reset(s);
	return 0;
}
