/* Storage: search, through the two FTS5 indexes the schema keeps
 * (store_schema.c: SEARCH_INDEXED), each row's rowid its record's times
 * eight plus its kind. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(SEARCH_RETRO == 0 && SEARCH_EVENT == 1 && SEARCH_NOTE == 2 && SEARCH_QUESTION == 3 &&
		       SEARCH_ACTION == 4 && SEARCH_PARKED == 5 && SEARCH_LABEL == 6,
	       "the search index's kinds are enum search_kind");

/* The records either index holds for the queries, each once, of the
 * retrospectives asked about (deleted ones left out), the first `limit`
 * in the order shown: kind, record, retrospective, its title and incident,
 * stage, time, offset, and the row's rowid in the indexes. Snippets are
 * made for those only (SEARCH_SNIPPET): making one reads the text again.
 * FROM_ROWS lists the index's rowids to show: every match (MATCHED), or
 * those picked already in the order shown (PICKED, search_picked). */
#define SEARCH_HITS(FROM_ROWS)                                                        \
	"SELECT x.kind, x.rec, x.rid, r.title AS rtitle, r.incident_ref AS rref, x.stage, x.at,"  \
	" x.off, x.hid FROM (SELECT h.rowid AS hid, h.rowid % 8 AS kind,"                   \
	"  coalesce(r0.id, e.id, n.id, q.id, a.id, p.id) AS rec,"                          \
	"  coalesce(r0.id, e.retro_id, n.retro_id, q.retro_id, a.retro_id, p.retro_id) AS rid," \
	"  CASE h.rowid % 8 WHEN 1 THEN 2 WHEN 2 THEN n.stage WHEN 3 THEN 3 WHEN 4 THEN 4"    \
	"   WHEN 5 THEN p.stage ELSE 0 END AS stage,"                                        \
	"  coalesce(e.at, n.created_at, a.created_at, p.created_at, r0.created_at, 0) AS at," \
	"  coalesce(e.offset_min, n.offset_min, 0) AS off"                                  \
	" FROM (" FROM_ROWS ") h"                                                          \
	" LEFT JOIN retro r0 ON h.rowid % 8 IN (0, 6) AND r0.rowid = h.rowid / 8"                \
	" LEFT JOIN event e ON h.rowid % 8 = 1 AND e.rowid = h.rowid / 8"                  \
	" LEFT JOIN note n ON h.rowid % 8 = 2 AND n.rowid = h.rowid / 8"                   \
	" LEFT JOIN question q ON h.rowid % 8 = 3 AND q.rowid = h.rowid / 8"               \
	" LEFT JOIN action a ON h.rowid % 8 = 4 AND a.rowid = h.rowid / 8"                 \
	" LEFT JOIN parked p ON h.rowid % 8 = 5 AND p.rowid = h.rowid / 8) x"              \
	" JOIN retro r ON r.id = x.rid AND r.deleted_at = 0 AND (:retro IS NULL OR r.id = :retro)" \
	" ORDER BY " RETRO_DATE " DESC, r.created_at DESC, r.id, x.stage, x.at, x.kind, x.hid"     \
	" LIMIT :limit"
#define MATCHED                                                                        \
	"SELECT rowid FROM search_words WHERE search_words MATCH :words"                   \
	" UNION"                                                                           \
	" SELECT rowid FROM search_runs WHERE :runs IS NOT NULL AND search_runs MATCH :runs"
#define PICKED "SELECT value AS rowid FROM json_each(:picked)"
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

#define SQL_SEARCH_(FROM_ROWS)                                                            \
	"SELECT y.kind, y.rec, y.rid, y.rtitle, y.rref, y.stage, y.at, y.off, " SEARCH_SNIPPET \
	" FROM (" SEARCH_HITS(FROM_ROWS) ") y"
/* The same as JSON, an object a hit (times in UTC). */
#define SQL_SEARCH_JSON_(FROM_ROWS)                                                        \
	"SELECT coalesce(json_group_array(json(o)), '[]') FROM (SELECT json_object("         \
	" 'retro', y.rid, 'retro_title', y.rtitle, 'incident', nullif(y.rref, ''),"          \
	" 'kind', CASE y.kind WHEN 0 THEN 'retrospective' WHEN 1 THEN 'event' WHEN 2 THEN 'note'" \
	"  WHEN 3 THEN 'question' WHEN 4 THEN 'action' WHEN 6 THEN 'label' ELSE 'parked' END,"  \
	" 'id', y.rec,"                                                                      \
	" 'stage', CASE y.stage WHEN 1 THEN 'prime-directive' WHEN 2 THEN 'timeline'"         \
	"  WHEN 3 THEN 'questions' WHEN 4 THEN 'actions' WHEN 5 THEN 'close' END,"            \
	" 'at', CASE WHEN y.at <> 0 THEN strftime('%Y-%m-%dT%H:%M:%SZ', y.at, 'unixepoch') END," \
	" 'snippet', " SEARCH_SNIPPET ") AS o FROM (" SEARCH_HITS(FROM_ROWS) ") y)"
static const char SQL_SEARCH[] = SQL_SEARCH_(MATCHED);
static const char SQL_SEARCH_PICKED[] = SQL_SEARCH_(PICKED);
static const char SQL_SEARCH_JSON[] = SQL_SEARCH_JSON_(MATCHED);
static const char SQL_SEARCH_JSON_PICKED[] = SQL_SEARCH_JSON_(PICKED);

/* The rows either index matches, in the order of their rowids (each
 * index gives them so). */
static const char SQL_MATCHED_WORDS[] =
	"SELECT rowid FROM search_words WHERE search_words MATCH :words";
static const char SQL_MATCHED_RUNS[] = "SELECT rowid FROM search_runs WHERE search_runs MATCH :runs";
/* Many matches: the hits are found in the order shown, so as to stop at
 * the limit. The retrospectives in that order (their index, store_schema.c),
 * then each one's records in the order shown, those the indexes matched
 * kept. */
static const char SQL_RETROS_IN_ORDER[] =
	"SELECT id FROM retro WHERE deleted_at = 0 AND (:retro IS NULL OR id = :retro)"
	" ORDER BY " RETRO_LIST_ORDER;
static const char SQL_RETRO_ROWS[] =
	"SELECT hid FROM ("
	" SELECT rowid * 8 AS hid, 0 AS stage, created_at AS at, 0 AS kind FROM retro WHERE id = :rid"
	" UNION ALL SELECT rowid * 8 + 6, 0, created_at, 6 FROM retro WHERE id = :rid"
	" UNION ALL SELECT rowid * 8 + 1, 2, at, 1 FROM event WHERE retro_id = :rid"
	" UNION ALL SELECT rowid * 8 + 2, stage, created_at, 2 FROM note WHERE retro_id = :rid"
	" UNION ALL SELECT rowid * 8 + 3, 3, 0, 3 FROM question WHERE retro_id = :rid"
	" UNION ALL SELECT rowid * 8 + 4, 4, created_at, 4 FROM action WHERE retro_id = :rid"
	" UNION ALL SELECT rowid * 8 + 5, stage, created_at, 5 FROM parked WHERE retro_id = :rid)"
	" ORDER BY stage, at, kind, hid";
/* The queue of records whose text waits to be indexed (store_schema.c:
 * SEARCH_QUEUED), the oldest first, a batch at a time: each record's text
 * read where it is now (one gone meanwhile has none). */
#define QUEUED_ONE(table, col, kind) " WHEN " kind " THEN (SELECT " col " FROM " table " WHERE rowid = hid / 8)"
static const char SQL_QUEUED[] = "SELECT hid, CASE hid % 8" SEARCHED_TEXTS(QUEUED_ONE) " END"
				 " FROM search_queue ORDER BY hid LIMIT :max";
static const char SQL_ANY_QUEUED[] = "SELECT EXISTS(SELECT 1 FROM search_queue)";
/* (OR REPLACE: a row in the queue is in neither index, but should one be,
 * it is replaced rather than refused, which would stop every flush.) */
static const char SQL_INDEX_WORDS[] = "INSERT OR REPLACE INTO search_words(rowid, body) VALUES(:hid, :t)";
static const char SQL_INDEX_RUNS[] = "INSERT OR REPLACE INTO search_runs(rowid, body) VALUES(:hid, :t)";
static const char SQL_FLUSHED[] = "DELETE FROM search_queue WHERE hid <= :last";
/* Texts a transaction indexes: a file imported by another program (50,000
 * events queued) is indexed in short writes that others' go between,
 * a batch a quiet moment, not in one that holds the file for seconds. */
#define INDEX_BATCH 256

/* A batch of the texts waiting into both indexes (a statement each, read
 * once: one statement reading the queue for each index cost more to
 * prepare than a meeting's notes cost to index); *more when the queue may
 * hold more. */
static int index_queued(struct store *st, bool *more, struct err *e)
{
	sqlite3_stmt *q, *w, *r, *d;
	if (store_prepare(st, &q, SQL_QUEUED, e) || store_bind_int(q, ":max", INDEX_BATCH, e) ||
	    store_prepare(st, &w, SQL_INDEX_WORDS, e) || store_prepare(st, &r, SQL_INDEX_RUNS, e) ||
	    store_prepare(st, &d, SQL_FLUSHED, e))
		return -1;
	int rc, n = 0;
	sqlite3_int64 last = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		last = sqlite3_column_int64(q, 0);
		n++;
		const char *t = (const char *)sqlite3_column_text(q, 1);
		if (!t)
			continue; /* gone meanwhile */
		if (store_bind_int(w, ":hid", last, e) || store_bind_text(w, ":t", t, e) ||
		    store_step_done(st, w, "cannot index for search", e) ||
		    store_bind_int(r, ":hid", last, e) || store_bind_text(r, ":t", t, e) ||
		    store_step_done(st, r, "cannot index for search", e)) {
			sqlite3_reset(q);
			return -1;
		}
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, q, "cannot index for search", e);
	*more = n == INDEX_BATCH;
	return store_bind_int(d, ":last", last, e) ||
	       store_step_done(st, d, "cannot index for search", e);
}

int store_search_catch_up(struct store *st, enum catch_up how, struct err *e)
{
	if (!st->queues || !sqlite3_get_autocommit(st->db))
		return 0;
	sqlite3_int64 changes = sqlite3_total_changes64(st->db);
	if (how != CATCH_UP_SEARCH && changes == st->queued_at)
		return 0;
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_ANY_QUEUED, e))
		return -1;
	int rc = sqlite3_step(s);
	bool any = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_sql_error(st, s, "cannot read the search index's queue", e);
	if (!any) {
		st->queued_at = changes;
		return 0;
	}
	int patience = st->patience_ms;
	if (how == CATCH_UP_QUIET)
		st->patience_ms = 0;
	/* A batch a transaction; at a quiet moment one, the next quiet
	 * moment the next (the queue is looked at again: queued_at kept). */
	bool more;
	do {
		more = false;
		rc = store_begin(st, e);
		if (rc == 0)
			rc = index_queued(st, &more, e) != 0 ? store_rollback(st) : store_commit(st, e);
	} while (rc == 0 && more && how != CATCH_UP_QUIET);
	st->patience_ms = patience;
	if (rc == 0 && !more)
		st->queued_at = sqlite3_total_changes64(st->db);
	return rc;
}

/* Up to this many matches for each hit shown, the matches are all
 * sorted (there are few); beyond, they are found in order. */
#define PICK_FROM 4

static int by_rowid(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* Appends the rowids a statement gives to *v. */
static int read_rowids(struct store *st, sqlite3_stmt *s, long long **v, size_t *n, size_t *cap,
		       struct err *e)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*v = xrealloc(*v, *cap * sizeof **v);
		}
		(*v)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_sql_error(st, s, "cannot search", e);
}

/* Every row the indexes match, sorted, each once. The query is looked up
 * in the index once: looking a record up in it again reads every word a
 * prefix begins, as often as it is asked. */
static int matched_rows(struct store *st, const char *words, const char *runs, long long **v,
			size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_MATCHED_WORDS, e) || store_bind_text(s, ":words", words, e) ||
	    read_rowids(st, s, v, n, &cap, e))
		return -1;
	if (!runs)
		return 0;
	if (store_prepare(st, &s, SQL_MATCHED_RUNS, e) || store_bind_text(s, ":runs", runs, e) ||
	    read_rowids(st, s, v, n, &cap, e))
		return -1;
	qsort(*v, *n, sizeof **v, by_rowid);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || (*v)[i] != (*v)[k - 1])
			(*v)[k++] = (*v)[i];
	*n = k;
	return 0;
}

/* The retrospectives' records in the order shown, those matched kept,
 * until `limit` are. */
static int walk_in_order(struct store *st, const long long *matched, size_t n_matched,
			 const char *retro_id, size_t limit, struct strbuf *picked, struct err *e)
{
	sqlite3_stmt *r, *h;
	if (store_prepare(st, &r, SQL_RETROS_IN_ORDER, e) || store_bind_opt(r, ":retro", retro_id, e) ||
	    store_prepare(st, &h, SQL_RETRO_ROWS, e))
		return -1;
	size_t n = 0;
	int rc;
	while (n < limit && (rc = sqlite3_step(r)) == SQLITE_ROW) {
		if (store_bind_text(h, ":rid", (const char *)sqlite3_column_text(r, 0), e)) {
			sqlite3_reset(r);
			return -1;
		}
		int hr = SQLITE_DONE;
		while (n < limit && (hr = sqlite3_step(h)) == SQLITE_ROW) {
			long long hid = sqlite3_column_int64(h, 0);
			if (bsearch(&hid, matched, n_matched, sizeof *matched, by_rowid))
				sb_printf(picked, "%s%lld", n++ ? "," : "", hid);
		}
		sqlite3_reset(h);
		if (n < limit && hr != SQLITE_DONE) {
			sqlite3_reset(r);
			return store_sql_error(st, h, "cannot search", e);
		}
	}
	if (n < limit && rc != SQLITE_DONE) {
		sqlite3_reset(r);
		return store_sql_error(st, r, "cannot search", e);
	}
	sqlite3_reset(r);
	return 0;
}

/* The rowids of the hits to show, as a JSON array: every match when there
 * are few (the statement sorts them), else the first `limit` hits in the
 * order shown, found in that order. 1 (and nothing) when
 * DEBRIEF_TEST_SEARCH=sort asks for every match to be read and sorted by
 * the statement, as before; =pick finds them in order however few there
 * are (a test compares the ways). */
static int pick_hits(struct store *st, const char *words, const char *runs, const char *retro_id,
		     size_t limit, struct strbuf *picked, struct err *e)
{
	const char *test = getenv("DEBRIEF_TEST_SEARCH");
	if (test && strcmp(test, "sort") == 0)
		return 1;
	long long *m;
	size_t n;
	if (matched_rows(st, words, runs, &m, &n, e) != 0)
		return -1;
	int rc = 0;
	sb_putc(picked, '[');
	if (n <= PICK_FROM * limit && !(test && strcmp(test, "pick") == 0)) {
		for (size_t i = 0; i < n; i++)
			sb_printf(picked, "%s%lld", i ? "," : "", m[i]);
	} else {
		rc = walk_in_order(st, m, n, retro_id, limit, picked, e);
	}
	sb_putc(picked, ']');
	free(m);
	return rc;
}

/* Before a search, what waits in the queue goes into the indexes, so
 * that what was just written is found. Should that fail (another program
 * holding the file too long, a read-only file), the search goes on with
 * the indexes as they are. */
static void search_queue_in(struct store *st)
{
	struct err e;
	(void)store_search_catch_up(st, CATCH_UP_SEARCH, &e);
}

static int bind_search(sqlite3_stmt *s, const char *words, const char *runs, const char *retro_id,
		       const char *open, const char *close, size_t limit, const char *picked,
		       struct err *e)
{
	if (store_bind_text(s, ":words", words, e) || store_bind_opt(s, ":runs", runs, e) ||
	    store_bind_opt(s, ":retro", retro_id, e) || store_bind_text(s, ":open", open, e) ||
	    store_bind_text(s, ":close", close, e) || store_bind_int(s, ":limit", (long long)limit, e) ||
	    (picked && store_bind_text(s, ":picked", picked, e)))
		return -1;
	return 0;
}

/* The statement that shows the hits: of those picked in order, else of
 * every match, sorted. */
static int prepare_search(struct store *st, const char *all_sql, const char *picked_sql,
			  const char *words, const char *runs, const char *retro_id, const char *open,
			  const char *close, size_t limit, struct strbuf *picked, sqlite3_stmt **s,
			  struct err *e)
{
	int rc = pick_hits(st, words, runs, retro_id, limit, picked, e);
	if (rc < 0)
		return -1;
	if (store_prepare(st, s, rc == 0 ? picked_sql : all_sql, e) ||
	    bind_search(*s, words, runs, retro_id, open, close, limit, rc == 0 ? picked->s : NULL, e))
		return -1;
	return 0;
}

int store_sqlite_search_json(struct store *st, const char *words, const char *runs,
			     const char *retro_id, size_t limit, struct strbuf *out, struct err *e)
{
	sqlite3_stmt *s;
	search_queue_in(st);
	struct strbuf picked = {0};
	int prc = prepare_search(st, SQL_SEARCH_JSON, SQL_SEARCH_JSON_PICKED, words, runs, retro_id, "«",
				 "»", limit, &picked, &s, e);
	sb_free(&picked); /* (bound as a copy) */
	if (prc != 0)
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
	search_queue_in(st);
	struct strbuf picked = {0};
	int prc = prepare_search(st, SQL_SEARCH, SQL_SEARCH_PICKED, words, runs, retro_id, open, close,
				 limit, &picked, &s, e);
	sb_free(&picked); /* (bound as a copy) */
	if (prc != 0)
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
