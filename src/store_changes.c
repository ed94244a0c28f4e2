/* Storage: the log of which records changed (filled by the triggers of
 * store_schema.c), so that a terminal reads only what another one changed. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_LAST_SEQ[] = "SELECT coalesce(max(seq), 0) FROM change_log";

int store_sqlite_change_seq(struct store *st, int64_t *seq, struct err *e)
{
	long long v;
	if (store_read_number(st, SQL_LAST_SEQ, NULL, &v, "cannot read the change log", e) != 0)
		return -1;
	*seq = v;
	return 0;
}

/* The oldest entry kept: a reader that saw less than the one before it has
 * missed entries pruned since. */
static const char SQL_FIRST_SEQ[] = "SELECT coalesce(min(seq), 0) FROM change_log";

/* Each record once, at its last change; limit + 1 rows tell "more than
 * limit" without reading them all. */
static const char SQL_CHANGES_SINCE[] =
	"SELECT kind, record_id, max(seq) AS newest FROM change_log"
	" WHERE retro_id = :retro AND seq > :since AND seq <= :upto"
	" GROUP BY kind, record_id ORDER BY newest LIMIT :limit";

/* The reading itself, inside the snapshot store_sqlite_changes_since opens:
 * the last entry, the first one kept and the entries between are of one
 * moment, so no pruning can slip between them. */
static int changes_read(struct store *st, const char *retro_id, int64_t since, size_t limit,
			struct store_change **out, size_t *n, int64_t *upto, struct err *e)
{
	long long first, last;
	sqlite3_stmt *s;
	/* Up to the last entry now, whichever retrospective it is of: the
	 * next call starts there, and so is not taken for a reader left
	 * behind by other retrospectives' changes. */
	if (store_read_number(st, SQL_LAST_SEQ, NULL, &last, "cannot read the change log", e) != 0 ||
	    store_read_number(st, SQL_FIRST_SEQ, NULL, &first, "cannot read the change log", e) != 0)
		return -1;
	if (first > since + 1)
		return 1; /* pruned past where this reader was */
	if (store_prepare(st, &s, SQL_CHANGES_SINCE, e) || store_bind_text(s, ":retro", retro_id, e) ||
	    store_bind_int(s, ":since", since, e) || store_bind_int(s, ":upto", last, e) ||
	    store_bind_int(s, ":limit", (long long)limit + 1, e))
		return -1;
	struct store_change *v = NULL;
	size_t len = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == limit) {
			sqlite3_reset(s);
			free(v);
			return 1;
		}
		if (len % 32 == 0)
			v = xrealloc(v, (len + 32) * sizeof *v);
		int kind = sqlite3_column_int(s, 0);
		if (kind < REC_EVENT || kind > REC_PARKED) { /* not read by id (yet) */
			sqlite3_reset(s);
			free(v);
			return 1;
		}
		v[len].kind = (enum store_record)kind;
		store_col_id(s, 1, v[len].id);
		len++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sql_error(st, s, "cannot read the change log", e);
	}
	*out = v;
	*n = len;
	*upto = last;
	return 0;
}

int store_sqlite_changes_since(struct store *st, const char *retro_id, int64_t since,
			size_t limit, struct store_change **out, size_t *n, int64_t *upto,
			struct err *e)
{
	bool own;
	*out = NULL;
	*n = 0;
	*upto = since;
	if (store_read_begin(st, &own, "cannot read the change log", e) != 0)
		return -1;
	int rc = changes_read(st, retro_id, since, limit, out, n, upto, e);
	store_read_end(st, own);
	return rc;
}
