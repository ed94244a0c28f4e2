/* The whole retrospective as one JSON document, built by SQLite's JSON
 * functions so that every user string is escaped by a JSON library, never
 * by hand. */
#include "store_internal.h"

#include <string.h>

#include "debrief/timeutil.h"
#include "debrief/types.h"

/* Every string that comes from the database reaches the document through
 * SQLite's json_quote(); numbers, times and our own names are written here.
 * Each listing is read in order by one statement and the notes on its items
 * by a second, in the same order, and the two are merged as they are
 * written: no nested aggregates (they made SQLite re-parse each level of
 * JSON) and no sorting of the long listing. */

/* The columns of a note: its owner's rowid, then these seven. */
#define NOTE_COLS                                                              \
	" json_quote(n.id), n.stage, json_quote(n.role), n.created_at,"        \
	" n.offset_min, json_quote(n.body), n.role"
#define NOTE_ORDER " n.created_at, n.rowid"

/* The participants as an array: the list split at commas, each name
 * trimmed, empty ones left out (as the other formats list them). */
#define PEOPLE_JSON                                                                       \
	"(WITH RECURSIVE cut(rest, name) AS (SELECT coalesce(participants, '') || ',', NULL"   \
	"  UNION ALL SELECT substr(rest, instr(rest, ',') + 1),"                                \
	"  trim(substr(rest, 1, instr(rest, ',') - 1)) FROM cut WHERE rest <> '')"             \
	" SELECT json_group_array(name) FROM cut WHERE name <> '')"

static const char SQL_JSON_RETRO[] =
	"SELECT json_quote(id), json_quote(title), json_quote(incident_ref),"
	" json_quote(severity), json_quote(incident_date), json_quote(status), stage,"
	" json_quote(facilitator), json_quote(scribe), " PEOPLE_JSON ","
	" json_quote(impact), json_quote(trigger_text), created_at, updated_at, closed_at,"
	" facilitator, scribe, " LABELS_JSON(":retro", "service") ", " LABELS_JSON(":retro", "tag") ","
	" (SELECT json_array_length(" PEOPLE_JSON "))"
	" FROM retro WHERE id = :retro";

static const char SQL_JSON_EVENTS[] =
	"SELECT e.rowid, json_quote(e.id), e.at, e.offset_min, json_quote(e.kind),"
	" json_quote(nullif(e.mark, '')), json_quote(e.text), json_quote(nullif(e.source, '')),"
	" e.unknown_then FROM event e WHERE e.retro_id = :retro ORDER BY e.at, e.rowid";
static const char SQL_JSON_EVENT_NOTES[] =
	"SELECT e.rowid," NOTE_COLS
	" FROM note n JOIN event e ON e.id = n.event_id AND e.retro_id = n.retro_id"
	" WHERE n.retro_id = :retro ORDER BY e.at, e.rowid," NOTE_ORDER;

/* The prompts come whole: they are split into lines here, each quoted by
 * SQL_JSON_QUOTE. (A recursive CTE split them before, and never ended on a
 * text with a NUL in it: SQLite's instr and substr disagree about it.) */
static const char SQL_JSON_QUESTIONS[] =
	"SELECT q.rowid, json_quote(q.id), q.position, json_quote(q.title), q.prompts,"
	" q.custom FROM question q WHERE q.retro_id = :retro ORDER BY q.position, q.rowid";
static const char SQL_JSON_QUOTE[] = "SELECT json_quote(:s)";
static const char SQL_JSON_QUESTION_NOTES[] =
	"SELECT q.rowid," NOTE_COLS
	" FROM note n JOIN question q ON q.id = n.question_id AND q.retro_id = n.retro_id"
	" WHERE n.retro_id = :retro ORDER BY q.position, q.rowid," NOTE_ORDER;

static const char SQL_JSON_ACTIONS[] =
	"SELECT a.rowid, json_quote(a.id), json_quote(a.title), json_quote(nullif(a.owner, '')),"
	" json_quote(nullif(a.due, '')), json_quote(nullif(a.type, '')), json_quote('P' || a.priority),"
	" json_quote(a.status), json_quote(nullif(a.tracker_ref, '')),"
	" json_quote(nullif(a.origin_event, '')), json_quote(nullif(a.origin_question, '')),"
	" json_quote(nullif(a.drop_reason, '')),"
	" a.created_at FROM action a WHERE a.retro_id = :retro ORDER BY a.created_at, a.rowid";
static const char SQL_JSON_ACTION_NOTES[] =
	"SELECT a.rowid," NOTE_COLS
	" FROM note n JOIN action a ON a.id = n.action_id AND a.retro_id = n.retro_id"
	" WHERE n.retro_id = :retro ORDER BY a.created_at, a.rowid," NOTE_ORDER;

/* Every parked idea, whatever became of it (a stage's notes never hang
 * on one). */
static const char SQL_JSON_PARKED[] =
	"SELECT json_quote(p.id), json_quote(p.text), p.stage, json_quote(p.status),"
	" json_quote(nullif(p.action_id, '')), json_quote(nullif(p.event_id, '')),"
	" json_quote(nullif(p.question_id, '')), p.created_at"
	" FROM parked p WHERE p.retro_id = :retro ORDER BY p.created_at, p.rowid";

/* Notes on a stage only, and any whose anchor is gone, so that no note is
 * left out. */
static const char SQL_JSON_STAGE_NOTES[] =
	"SELECT n.rowid," NOTE_COLS " FROM note n WHERE n.retro_id = :retro"
	" AND NOT EXISTS (SELECT 1 FROM event x WHERE x.id = n.event_id)"
	" AND NOT EXISTS (SELECT 1 FROM question x WHERE x.id = n.question_id)"
	" AND NOT EXISTS (SELECT 1 FROM action x WHERE x.id = n.action_id)"
	" ORDER BY" NOTE_ORDER;


/* --- a writer of indented JSON: two spaces a level, "[]" when empty --- */

#define JW_MAX_DEPTH 16

struct jw {
	struct strbuf *out;
	int depth;
	bool empty[JW_MAX_DEPTH]; /* nothing written yet at this level */
	struct store *st;         /* for quoting what SQLite did not */
	int failed;               /* such a quoting failed: e says why */
	bool external;            /* no notes, no names (json_parts) */
	struct err *e;
	struct strbuf by[ROLE_COUNT]; /* who signs a note in each role, quoted */
};

static const char SPACES[2 * JW_MAX_DEPTH + 1] = "                                ";

static void jw_newline(struct strbuf *out, int depth)
{
	char line[2 * JW_MAX_DEPTH + 1];
	size_t n = (size_t)(depth < JW_MAX_DEPTH ? depth : JW_MAX_DEPTH) * 2;
	line[0] = '\n';
	memcpy(line + 1, SPACES, n);
	sb_add(out, line, n + 1);
}

/* Starts a member: the comma, the line, and the key (none in an array),
 * added in one piece. Keys are our own short words. */
static void jw_key(struct jw *w, const char *key)
{
	char head[2 * JW_MAX_DEPTH + 64];
	size_t n = 0, indent = (size_t)(w->depth < JW_MAX_DEPTH ? w->depth : JW_MAX_DEPTH) * 2;
	size_t klen = key ? strlen(key) : 0;
	if (klen > 32) { /* not one of ours: write it the long way */
		jw_key(w, NULL);
		sb_putc(w->out, '"');
		sb_add(w->out, key, klen);
		sb_puts(w->out, "\": ");
		return;
	}
	if (!w->empty[w->depth])
		head[n++] = ',';
	w->empty[w->depth] = false;
	head[n++] = '\n';
	memcpy(head + n, SPACES, indent);
	n += indent;
	if (key) {
		head[n++] = '"';
		memcpy(head + n, key, klen);
		n += klen;
		memcpy(head + n, "\": ", 3);
		n += 3;
	}
	sb_add(w->out, head, n);
}

static void jw_open(struct jw *w, const char *key, char bracket)
{
	jw_key(w, key);
	sb_putc(w->out, bracket);
	w->depth++;
	w->empty[w->depth] = true;
}

static void jw_close(struct jw *w, char bracket)
{
	bool empty = w->empty[w->depth];
	w->depth--;
	if (!empty)
		jw_newline(w->out, w->depth);
	sb_putc(w->out, bracket);
}

/* A value that is JSON already: a column made by json_quote(). Read as a
 * blob, which hands over the text as it is (json_quote's result has no NUL
 * for sqlite3_column_text to add, which would copy it). */
static void jw_col(struct jw *w, const char *key, sqlite3_stmt *s, int col)
{
	jw_key(w, key);
	const char *v = sqlite3_column_blob(s, col);
	int n = sqlite3_column_bytes(s, col);
	if (v && n > 0)
		sb_add(w->out, v, (size_t)n);
	else
		sb_puts(w->out, "null");
}

/* One of our own strings (a name, a time): nothing in it needs escaping. */
static void jw_name(struct jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	if (v) {
		sb_putc(w->out, '"');
		sb_puts(w->out, v);
		sb_putc(w->out, '"');
	} else {
		sb_puts(w->out, "null");
	}
}

static void jw_int(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	sb_printf(w->out, "%lld", v);
}

static void json_indent(const char *s, size_t n, int depth, struct strbuf *out);

/* Compact JSON (an array or object), indented to fit where it goes. */
static void jw_compact(struct jw *w, const char *key, const char *json)
{
	jw_key(w, key);
	json_indent(json, strlen(json), w->depth, w->out);
}

/* "2026-11-24T14:05:00+01:00" for a column pair (seconds, offset). */
static void jw_time(struct jw *w, const char *key, sqlite3_stmt *s, int col)
{
	char iso[48];
	instant_format_iso((struct instant){store_col_time(s, col), store_col_offset(s, col + 1)},
			   iso, sizeof iso);
	jw_name(w, key, iso);
}

/* "2026-11-24T13:05:00Z", or null for 0 (not yet). */
static void jw_utc(struct jw *w, const char *key, sqlite3_stmt *s, int col)
{
	int64_t at = sqlite3_column_int64(s, col) ? store_col_time(s, col) : 0;
	char iso[48];
	if (at)
		instant_format_iso_utc(at, iso, sizeof iso);
	jw_name(w, key, at ? iso : NULL);
}

static const char *stage_or_null(int v)
{
	return v >= STAGE_PRIME && v <= STAGE_COUNT ? stage_name((enum stage)v) : NULL;
}

/* The note in a row of (owner rowid, NOTE_COLS): its role, and "by" who
 * signs it, as the screen and the other exports sign it. */
static void jw_note(struct jw *w, sqlite3_stmt *s)
{
	jw_open(w, NULL, '{');
	jw_col(w, "id", s, 1);
	jw_name(w, "stage", stage_or_null(sqlite3_column_int(s, 2)));
	jw_col(w, "role", s, 3);
	int role = author_role_parse((const char *)sqlite3_column_text(s, 7));
	if (role >= 0 && w->by[role].len) {
		jw_key(w, "by");
		sb_add(w->out, w->by[role].s, w->by[role].len);
	} else {
		jw_col(w, "by", s, 3);
	}
	jw_time(w, "time", s, 4);
	jw_col(w, "text", s, 6);
	jw_close(w, '}');
}

/* The owner's members, up to (not including) its notes. */
typedef void owner_fn(struct jw *w, sqlite3_stmt *s);

static void event_members(struct jw *w, sqlite3_stmt *s)
{
	jw_col(w, "id", s, 1);
	jw_time(w, "time", s, 2);
	jw_col(w, "kind", s, 4);
	jw_col(w, "mark", s, 5);
	jw_col(w, "text", s, 6);
	jw_col(w, "source", s, 7);
	jw_key(w, "not_known_at_the_time");
	sb_puts(w->out, sqlite3_column_int(s, 8) ? "true" : "false");
}

/* s[0..n) as a JSON string, quoted by SQLite, appended to dst. */
static void json_quote_into(struct jw *w, const char *s, size_t n, struct strbuf *dst)
{
	sqlite3_stmt *q;
	if (w->failed || store_prepare(w->st, &q, SQL_JSON_QUOTE, w->e) != 0) {
		w->failed = 1;
		return;
	}
	if (sqlite3_bind_text(q, 1, s, (int)n, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW) {
		store_sql_error(w->st, q, "cannot export the retrospective as JSON", w->e);
		w->failed = 1;
	} else {
		sb_add(dst, sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0));
	}
	sqlite3_reset(q);
}

/* The same, as an array element. */
static void jw_quote(struct jw *w, const char *s, size_t n)
{
	jw_key(w, NULL);
	json_quote_into(w, s, n, w->out);
}

/* One prompt a line; lines of nothing but spaces are left out. */
static void jw_prompts(struct jw *w, sqlite3_stmt *s, int col)
{
	const char *text = sqlite3_column_blob(s, col);
	size_t len = (size_t)sqlite3_column_bytes(s, col);
	jw_open(w, "prompts", '[');
	for (size_t i = 0; text && i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		bool blank = true;
		for (size_t j = i; j < end && blank; j++)
			blank = text[j] == ' ';
		if (!blank)
			jw_quote(w, text + i, end - i);
		i = end + 1;
	}
	jw_close(w, ']');
}

static void question_members(struct jw *w, sqlite3_stmt *s)
{
	jw_col(w, "id", s, 1);
	jw_int(w, "position", sqlite3_column_int64(s, 2));
	jw_col(w, "title", s, 3);
	jw_prompts(w, s, 4);
	jw_key(w, "custom");
	sb_puts(w->out, sqlite3_column_int(s, 5) ? "true" : "false");
}

static void action_members(struct jw *w, sqlite3_stmt *s)
{
	static const char *const keys[] = {"id", "title", "owner", "due", "type", "priority",
					   "status", "tracker_ref", "origin_event",
					   "origin_question", "drop_reason"};
	for (int i = 0; i < 11; i++) {
		if (i == 2 && w->external && strcmp((const char *)sqlite3_column_text(s, 1 + i), "null") != 0)
			jw_name(w, keys[i], "assigned");
		else
			jw_col(w, keys[i], s, 1 + i);
	}
	jw_utc(w, "created_at", s, 12);
}

static int step_error(struct store *st, sqlite3_stmt *s, struct err *e)
{
	store_sql_error(st, s, "cannot export the retrospective as JSON", e);
	return -1;
}

/* Binds the retrospective to a cached statement. */
static int prepare_for(struct store *st, sqlite3_stmt **s, const char *sql,
		       const char *retro_id, struct err *e)
{
	return store_prepare(st, s, sql, e) != 0 ||
			       store_bind_text(*s, ":retro", retro_id, e) != 0
		       ? -1
		       : 0;
}

/* An array of owners (events, questions, actions), each with its notes. The
 * owners come from sql, rows of (rowid, ...); their notes from notes_sql,
 * rows of (owner rowid, NOTE_COLS) in the owners' order. */
static int jw_owners(struct store *st, struct jw *w, const char *key, const char *sql,
		     const char *notes_sql, const char *retro_id, owner_fn *members,
		     struct err *e)
{
	sqlite3_stmt *s, *ns;
	if (prepare_for(st, &s, sql, retro_id, e) != 0 ||
	    prepare_for(st, &ns, notes_sql, retro_id, e) != 0)
		return -1;
	int rc = 0, nrc = sqlite3_step(ns);
	jw_open(w, key, '[');
	while (rc == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rc = 0;
		sqlite3_int64 owner = sqlite3_column_int64(s, 0);
		jw_open(w, NULL, '{');
		members(w, s);
		if (!w->external)
			jw_open(w, "notes", '[');
		for (; nrc == SQLITE_ROW && sqlite3_column_int64(ns, 0) == owner;
		     nrc = sqlite3_step(ns))
			if (!w->external)
				jw_note(w, ns);
		if (!w->external)
			jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
	if (w->failed)
		rc = -1; /* e says why */
	else if (rc != SQLITE_DONE)
		rc = step_error(st, s, e);
	else if (nrc != SQLITE_ROW && nrc != SQLITE_DONE)
		rc = step_error(st, ns, e);
	else if (nrc == SQLITE_ROW) /* the two orders disagree: never drop a note */
		rc = err_set(e, "cannot export the retrospective as JSON: notes out of order");
	else
		rc = 0;
	sqlite3_reset(s);
	sqlite3_reset(ns);
	return rc;
}

static int jw_stage_notes(struct store *st, struct jw *w, const char *retro_id, struct err *e)
{
	sqlite3_stmt *s;
	if (prepare_for(st, &s, SQL_JSON_STAGE_NOTES, retro_id, e) != 0)
		return -1;
	jw_open(w, "stage_notes", '[');
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		jw_note(w, s);
	jw_close(w, ']');
	rc = rc == SQLITE_DONE ? 0 : step_error(st, s, e);
	sqlite3_reset(s);
	return rc;
}

/* The parking lot: each idea, where it was parked, and what became of it
 * (still "parked", "action" with the action item's id, or "dropped"). */
static int jw_parked(struct store *st, struct jw *w, const char *retro_id, struct err *e)
{
	sqlite3_stmt *s;
	if (prepare_for(st, &s, SQL_JSON_PARKED, retro_id, e) != 0)
		return -1;
	jw_open(w, "parked", '[');
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		jw_open(w, NULL, '{');
		jw_col(w, "id", s, 0);
		jw_col(w, "text", s, 1);
		jw_name(w, "stage", stage_or_null(sqlite3_column_int(s, 2)));
		jw_col(w, "status", s, 3);
		jw_col(w, "action", s, 4);
		jw_col(w, "event", s, 5);
		jw_col(w, "question", s, 6);
		jw_utc(w, "created_at", s, 7);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	rc = rc == SQLITE_DONE ? 0 : step_error(st, s, e);
	sqlite3_reset(s);
	return rc;
}

/* The retrospective's own fields, what the meeting learned, then
 * "computed". */
static int jw_retro(struct store *st, struct jw *w, const char *retro_id,
		    const struct json_parts *parts, struct err *e)
{
	sqlite3_stmt *s;
	if (prepare_for(st, &s, SQL_JSON_RETRO, retro_id, e) != 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		err_set(e, "no retrospective %s", retro_id);
		return ST_NOT_FOUND;
	}
	if (rc != SQLITE_ROW) {
		step_error(st, s, e);
		sqlite3_reset(s);
		return -1;
	}
	static const char *const keys[] = {"id", "title", "incident_ref", "severity",
					   "incident_date", "status"};
	static const char *const learned[] = {"summary", "contributing_factors", "lessons_learned",
					      "links"};
	/* 2: participants an array; 3: what was learned, sources, profiles */
	jw_int(w, "debrief_format", 3);
	jw_name(w, "profile", w->external ? "external" : "internal");
	for (int i = 0; i < 6; i++) {
		jw_col(w, keys[i], s, i);
		if (i == 3) { /* after the severity */
			jw_compact(w, "services", (const char *)sqlite3_column_text(s, 17));
			jw_compact(w, "tags", (const char *)sqlite3_column_text(s, 18));
		}
	}
	jw_name(w, "stage", stage_or_null(sqlite3_column_int(s, 6)));
	if (w->external) { /* people by role */
		jw_open(w, "people", '{');
		jw_int(w, "facilitator", sqlite3_column_type(s, 15) != SQLITE_NULL);
		jw_int(w, "scribe", sqlite3_column_type(s, 16) != SQLITE_NULL);
		jw_int(w, "participants", sqlite3_column_int(s, 19));
		jw_close(w, '}');
	} else {
		jw_col(w, "facilitator", s, 7);
		jw_col(w, "scribe", s, 8);
		jw_compact(w, "participants", (const char *)sqlite3_column_text(s, 9));
	}
	jw_col(w, "impact", s, 10);
	jw_col(w, "trigger", s, 11);
	for (int i = 0; i < 4; i++)
		jw_compact(w, learned[i], parts->learned[i] ? parts->learned[i] : "null");
	jw_utc(w, "created_at", s, 12);
	jw_utc(w, "updated_at", s, 13);
	jw_utc(w, "closed_at", s, 14);
	jw_compact(w, "computed", parts->computed && *parts->computed ? parts->computed : "{}");
	for (int r = 0; r < ROLE_COUNT; r++) { /* quoted once, written with every note */
		char who[SIGNER_SIZE];
		note_signer((const char *)sqlite3_column_text(s, 15), (const char *)sqlite3_column_text(s, 16),
			    (enum author_role)r, who, sizeof who);
		json_quote_into(w, who, strlen(who), &w->by[r]);
	}
	sqlite3_reset(s);
	return w->failed ? -1 : 0; /* e says why */
}

int store_sqlite_json_quote(struct store *st, const char *s, size_t n, struct strbuf *out,
			    struct err *e)
{
	struct jw w = {.st = st, .e = e};
	json_quote_into(&w, s, n, out);
	return w.failed ? -1 : 0;
}

/* Indents compact JSON (as SQLite writes it: no whitespace outside
 * strings) two spaces a level from depth, as jw does. Empty arrays and
 * objects stay "[]" and "{}". */
static void json_indent(const char *s, size_t n, int depth, struct strbuf *out)
{
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
			jw_newline(out, depth);
			break;
		case '}':
		case ']':
			depth--;
			jw_newline(out, depth);
			sb_putc(out, c);
			break;
		case ',':
			sb_putc(out, ',');
			jw_newline(out, depth);
			break;
		case ':':
			sb_puts(out, ": ");
			break;
		default:
			sb_putc(out, c);
		}
	}
}

/* --- the listings: an object a row, made by json_object() --- */

#define JSON_RETRO_MEMBERS                                                                    \
	"'id', id, 'title', title, 'incident', nullif(incident_ref, ''),"                     \
	" 'severity', nullif(severity, ''),"                                                    \
	" 'services', json(" LABELS_JSON("retro.id", "service") "),"                           \
	" 'tags', json(" LABELS_JSON("retro.id", "tag") "),"                                   \
	" 'date', incident_date, 'status', status,"                                           \
	" 'events', n_events, 'notes', n_notes, 'actions', n_actions, 'open_actions', n_open_actions"
static const char SQL_JSON_LIST_RETROS[] =
	"SELECT json_object(" JSON_RETRO_MEMBERS ")"
	" FROM retro WHERE" RETRO_SHOWN " ORDER BY " RETRO_LIST_ORDER;
/* The deleted ones say when (UTC). */
static const char SQL_JSON_LIST_DELETED[] =
	"SELECT json_object(" JSON_RETRO_MEMBERS ", 'deleted', strftime('%Y-%m-%dT%H:%M:%SZ', deleted_at, 'unixepoch'))"
	" FROM retro WHERE" RETRO_SHOWN " ORDER BY " RETRO_LIST_ORDER;
static const char *const SQL_JSON_ALL_ACTIONS[] = ALL_ACTIONS_QUERIES(
	"SELECT json_object('id', a.id, 'title', a.title, 'owner', nullif(a.owner, ''),"
	" 'due', nullif(a.due, ''), 'type', nullif(a.type, ''), 'priority', 'P' || a.priority,"
	" 'status', a.status, 'drop_reason', nullif(a.drop_reason, ''),"
	" 'tracker_ref', nullif(a.tracker_ref, ''), 'retro', a.retro_id,"
	" 'retro_title', r.title) FROM action a JOIN retro r ON r.id = a.retro_id");

/* The rows of a bound statement of one JSON column, as an array. */
static int json_rows(struct store *st, sqlite3_stmt *s, const char *what, struct strbuf *out,
		     struct err *e)
{
	size_t start = out->len, n = 0;
	int rc;
	sb_putc(out, '[');
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sb_puts(out, n++ ? ",\n  " : "\n  ");
		sb_add(out, (const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		out->len = start;
		if (out->s)
			out->s[start] = '\0';
		return store_sql_error(st, s, what, e);
	}
	sb_puts(out, n ? "\n]\n" : "]\n");
	return 0;
}

int store_sqlite_retros_json(struct store *st, const struct retro_filter *f, struct strbuf *out,
			     struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, f && f->deleted ? SQL_JSON_LIST_DELETED : SQL_JSON_LIST_RETROS, e) ||
	    store_bind_filter(s, f, e))
		return -1;
	return json_rows(st, s, "cannot list the retrospectives", out, e);
}

int store_sqlite_all_actions_json(struct store *st, const struct action_filter *f,
				  struct strbuf *out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_JSON_ALL_ACTIONS[store_action_query(f)], e) || store_bind_action_filter(s, f, e))
		return -1;
	return json_rows(st, s, "cannot list the action items", out, e);
}

/* An owner's name, or "assigned" in the external profile (:external). */
#define OWNER_SHOWN(col) "CASE WHEN :external AND " col " IS NOT NULL THEN 'assigned' ELSE " col " END"

/* The earlier retrospectives' action items this meeting followed up: how
 * each stood before and how it stands now (made by SQLite). */
static const char SQL_JSON_FOLLOW_UP[] =
	"SELECT coalesce(json_group_array(json(o)), '[]') FROM (SELECT json_object("
	" 'action', a.id, 'title', a.title, 'retro', a.retro_id, 'retro_title', r.title,"
	" 'before', json_object('status', f.status_before, 'owner', " OWNER_SHOWN("nullif(f.owner_before, '')") ","
	" 'due', f.due_before),"
	" 'now', json_object('status', a.status, 'owner', " OWNER_SHOWN("nullif(a.owner, '')") ", 'due', nullif(a.due, ''),"
	"  'drop_reason', nullif(a.drop_reason, '')),"
	" 'reviewed_at', strftime('%Y-%m-%dT%H:%M:%SZ', f.at, 'unixepoch')) AS o"
	" FROM follow_up f JOIN action a ON a.id = f.action_id JOIN retro r ON r.id = a.retro_id"
	" WHERE f.retro_id = :retro ORDER BY f.at, a.rowid)";

static int jw_follow_up(struct store *st, struct jw *w, const char *retro_id, struct err *e)
{
	sqlite3_stmt *s;
	if (prepare_for(st, &s, SQL_JSON_FOLLOW_UP, retro_id, e) != 0 ||
	    store_bind_int(s, ":external", w->external, e) != 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		jw_compact(w, "follow_up", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : step_error(st, s, e);
}

int store_sqlite_retro_json(struct store *st, const char *retro_id, const struct json_parts *parts,
			    struct strbuf *out, struct err *e)
{
	/* One read transaction, so the document is one moment's state. */
	bool own;
	if (store_read_begin(st, &own, "cannot read the retrospective", e) != 0)
		return -1;
	size_t start = out->len;
	struct jw w = {.out = out, .depth = 1, .empty = {[1] = true}, .st = st, .e = e,
		       .external = parts->external};
	sb_putc(out, '{');
	int rc = jw_retro(st, &w, retro_id, parts, e);
	if (rc == 0)
		rc = jw_owners(st, &w, "events", SQL_JSON_EVENTS, SQL_JSON_EVENT_NOTES, retro_id,
			       event_members, e);
	if (rc == 0)
		rc = jw_owners(st, &w, "questions", SQL_JSON_QUESTIONS, SQL_JSON_QUESTION_NOTES,
			       retro_id, question_members, e);
	if (rc == 0)
		rc = jw_owners(st, &w, "actions", SQL_JSON_ACTIONS, SQL_JSON_ACTION_NOTES, retro_id,
			       action_members, e);
	if (rc == 0)
		rc = jw_parked(st, &w, retro_id, e);
	if (rc == 0 && !w.external)
		rc = jw_stage_notes(st, &w, retro_id, e);
	if (rc == 0)
		rc = jw_follow_up(st, &w, retro_id, e);
	store_read_end(st, own);
	for (int r = 0; r < ROLE_COUNT; r++)
		sb_free(&w.by[r]);
	if (rc != 0) {
		out->len = start;
		if (out->s)
			out->s[start] = '\0';
		return rc;
	}
	jw_close(&w, '}');
	sb_putc(out, '\n');
	return 0;
}
