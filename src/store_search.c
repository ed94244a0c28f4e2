/* Storage: search, through the two FTS5 indexes the schema keeps
 * (store_schema.c: SEARCH_INDEXED), each row's rowid its record's times
 * eight plus its kind. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(SEARCH_RETRO == 0 && SEARCH_EVENT == 1 && SEARCH_NOTE == 2 && SEARCH_QUESTION == 3 &&
		       SEARCH_ACTION == 4 && SEARCH_PARKED == 5 && SEARCH_LABEL == 6,
	       "the search index's kinds are enum search_kind");

/* The hits of either index, each record once (the words' snippet first),
 * with what they are of; deleted retrospectives left out. */
/* The records either index holds for the queries, each once, of the
 * retrospectives asked about (deleted ones left out), the first `limit`
 * in the order shown: kind, record, retrospective, its title and incident,
 * stage, time, offset, and the row's rowid in the indexes. Snippets are
 * made for those only (SEARCH_SNIPPET): making one reads the text again. */
#define SEARCH_HITS                                                                   \
	"SELECT x.kind, x.rec, x.rid, r.title AS rtitle, r.incident_ref AS rref, x.stage, x.at,"  \
	" x.off, x.hid FROM (SELECT h.rowid AS hid, h.rowid % 8 AS kind,"                   \
	"  coalesce(r0.id, e.id, n.id, q.id, a.id, p.id) AS rec,"                          \
	"  coalesce(r0.id, e.retro_id, n.retro_id, q.retro_id, a.retro_id, p.retro_id) AS rid," \
	"  CASE h.rowid % 8 WHEN 1 THEN 2 WHEN 2 THEN n.stage WHEN 3 THEN 3 WHEN 4 THEN 4"    \
	"   WHEN 5 THEN p.stage ELSE 0 END AS stage,"                                        \
	"  coalesce(e.at, n.created_at, a.created_at, p.created_at, r0.created_at, 0) AS at," \
	"  coalesce(e.offset_min, n.offset_min, 0) AS off"                                  \
	" FROM (SELECT rowid FROM search_words WHERE search_words MATCH :words"            \
	"   UNION"                                                                         \
	"   SELECT rowid FROM search_runs WHERE :runs IS NOT NULL AND search_runs MATCH :runs) h" \
	" LEFT JOIN retro r0 ON h.rowid % 8 IN (0, 6) AND r0.rowid = h.rowid / 8"                \
	" LEFT JOIN event e ON h.rowid % 8 = 1 AND e.rowid = h.rowid / 8"                  \
	" LEFT JOIN note n ON h.rowid % 8 = 2 AND n.rowid = h.rowid / 8"                   \
	" LEFT JOIN question q ON h.rowid % 8 = 3 AND q.rowid = h.rowid / 8"               \
	" LEFT JOIN action a ON h.rowid % 8 = 4 AND a.rowid = h.rowid / 8"                 \
	" LEFT JOIN parked p ON h.rowid % 8 = 5 AND p.rowid = h.rowid / 8) x"              \
	" JOIN retro r ON r.id = x.rid AND r.deleted_at = 0 AND (:retro IS NULL OR r.id = :retro)" \
	" ORDER BY " RETRO_DATE " DESC, r.created_at DESC, r.id, x.stage, x.at, x.kind LIMIT :limit"
/* A hit's snippet, made for one row: with the words whole (a prefix
 * looked up again for each row reads every word it begins: only when
 * nothing else marks it), else with the runs, else with the prefixes, else
 * the text's beginning. */
#define SEARCH_SNIPPET                                                                 \
	"coalesce((SELECT snippet(search_words, 0, :open, :close, '…', 12) FROM search_words" \
	"  WHERE search_words MATCH replace(:words, '\"*', '\"') AND rowid = y.hid),"                   \
	" (SELECT snippet(search_runs, 0, :open, :close, '…', 64) FROM search_runs"        \
	"  WHERE :runs IS NOT NULL AND search_runs MATCH :runs AND rowid = y.hid),"        \
	" (SELECT snippet(search_words, 0, :open, :close, '…', 12) FROM search_words"      \
	"  WHERE search_words MATCH :words AND rowid = y.hid),"                            \
	" (SELECT substr(body, 1, 80) FROM search_words WHERE rowid = y.hid))"

static const char SQL_SEARCH[] =
	"SELECT y.kind, y.rec, y.rid, y.rtitle, y.rref, y.stage, y.at, y.off, " SEARCH_SNIPPET
	" FROM (" SEARCH_HITS ") y";
/* The same as JSON, an object a hit (times in UTC). */
static const char SQL_SEARCH_JSON[] =
	"SELECT coalesce(json_group_array(json(o)), '[]') FROM (SELECT json_object("
	" 'retro', y.rid, 'retro_title', y.rtitle, 'incident', nullif(y.rref, ''),"
	" 'kind', CASE y.kind WHEN 0 THEN 'retrospective' WHEN 1 THEN 'event' WHEN 2 THEN 'note'"
	"  WHEN 3 THEN 'question' WHEN 4 THEN 'action' WHEN 6 THEN 'label' ELSE 'parked' END,"
	" 'id', y.rec,"
	" 'stage', CASE y.stage WHEN 1 THEN 'prime-directive' WHEN 2 THEN 'timeline'"
	"  WHEN 3 THEN 'questions' WHEN 4 THEN 'actions' WHEN 5 THEN 'close' END,"
	" 'at', CASE WHEN y.at <> 0 THEN strftime('%Y-%m-%dT%H:%M:%SZ', y.at, 'unixepoch') END,"
	" 'snippet', " SEARCH_SNIPPET ") AS o FROM (" SEARCH_HITS ") y)";

static int bind_search(sqlite3_stmt *s, const char *words, const char *runs, const char *retro_id,
		       const char *open, const char *close, size_t limit, struct err *e)
{
	if (store_bind_text(s, ":words", words, e) || store_bind_opt(s, ":runs", runs, e) ||
	    store_bind_opt(s, ":retro", retro_id, e) || store_bind_text(s, ":open", open, e) ||
	    store_bind_text(s, ":close", close, e) || store_bind_int(s, ":limit", (long long)limit, e))
		return -1;
	return 0;
}

int store_sqlite_search_json(struct store *st, const char *words, const char *runs,
			     const char *retro_id, size_t limit, struct strbuf *out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_SEARCH_JSON, e) ||
	    bind_search(s, words, runs, retro_id, "«", "»", limit, e))
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		sb_puts(out, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_sql_error(st, s, "cannot search", e);
}

int store_sqlite_search(struct store *st, const char *words, const char *runs, const char *retro_id,
			const char *open, const char *close, size_t limit, struct search_hit **out,
			size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_SEARCH, e) ||
	    bind_search(s, words, runs, retro_id, open, close, limit, e))
		return -1;
	struct search_hit *v = NULL;
	size_t len = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len % 32 == 0)
			v = xrealloc(v, (len + 32) * sizeof *v);
		struct search_hit *h = &v[len++];
		memset(h, 0, sizeof *h);
		int kind = sqlite3_column_int(s, 0), stage = sqlite3_column_int(s, 5);
		h->kind = kind >= SEARCH_RETRO && kind <= SEARCH_LABEL ? (enum search_kind)kind : SEARCH_RETRO;
		store_col_id(s, 1, h->record_id);
		store_col_id(s, 2, h->retro_id);
		h->retro_title = store_col_dup(s, 3);
		h->incident_ref = store_col_dup(s, 4);
		h->stage = stage >= STAGE_PRIME && stage <= STAGE_COUNT ? (enum stage)stage : STAGE_NONE_;
		h->at.at = store_col_time(s, 6);
		h->at.offset_min = sqlite3_column_int(s, 7);
		h->snippet = store_col_dup(s, 8);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_free_hits(v, len);
		return store_sql_error(st, s, "cannot search", e);
	}
	*out = v;
	*n = len;
	return 0;
}

void store_free_hits(struct search_hit *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].retro_title);
		free(v[i].incident_ref);
		free(v[i].snippet);
	}
	free(v);
}
