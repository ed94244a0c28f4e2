/* Storage: reading rows, into records of their own (store_read_rows) or
 * one at a time as they come (store_walk_rows), and the helpers that read
 * a column. */
#include "store_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

char *store_col_text(sqlite3_stmt *s, int i)
{
	return (char *)(uintptr_t)sqlite3_column_text(s, i);
}

/* Set when an id read is longer than a UUID: a hand-edited file, whose
 * ids would collide once cut to fit (two events, one id). Readers of rows
 * clear it before and refuse what they read when it is set after. */
static _Thread_local bool long_id_read;

void store_col_id(sqlite3_stmt *s, int i, char id[ID_LEN])
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (t && (size_t)sqlite3_column_bytes(s, i) >= ID_LEN)
		long_id_read = true;
	str_copy(id, ID_LEN, t ? (const char *)t : "");
}

static int long_ids_refused(struct store *st, struct err *e)
{
	if (!long_id_read)
		return 0;
	long_id_read = false;
	return err_set(e, "%s has an id over 36 characters, edited by hand: not read; see 'debrief check'",
		       st->path);
}

int64_t store_col_time(sqlite3_stmt *s, int i)
{
	return time_clamp(sqlite3_column_int64(s, i));
}

int store_col_offset(sqlite3_stmt *s, int i)
{
	return offset_clamp(sqlite3_column_int64(s, i));
}

int store_col_enum(sqlite3_stmt *s, int i, int (*parse)(const char *), int fallback)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	int v = t ? parse((const char *)t) : -1;
	return v < 0 ? fallback : v;
}

/* Grows a result array by one zeroed element. */
static void *grow(void *arr, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		arr = xrealloc(arr, *cap * size);
	}
	memset((char *)arr + *n * size, 0, size);
	(*n)++;
	return arr;
}

/* Reads every row of a prepared, bound statement into a growing array of
 * size-byte records, each filled by read(). On an error, frees what was
 * read with release() and reports `what`. */
/* store_read_rows' rows so far. */
struct rows_read {
	size_t size;
	void (*read)(sqlite3_stmt *s, void *row);
	char *v;
	size_t len, cap;
};

static int read_one(sqlite3_stmt *s, void *ctx)
{
	struct rows_read *r = ctx;
	r->v = grow(r->v, &r->len, &r->cap, r->size);
	r->read(s, r->v + (r->len - 1) * r->size);
	return 0;
}

int store_read_rows(struct store *st, sqlite3_stmt *s, size_t size,
		     void (*read)(sqlite3_stmt *s, void *row),
		     void (*release)(void *rows, size_t n), const char *what,
		     void **out, size_t *n, struct err *e)
{
	struct rows_read r = {size, read, NULL, 0, 0};
	size_t walked;
	*out = NULL;
	*n = 0;
	if (store_walk_rows(st, s, read_one, &r, what, &walked, e) != 0) {
		release(r.v, r.len); /* (the refused row among them) */
		return -1;
	}
	*out = r.v;
	*n = r.len;
	return 0;
}

bool store_row_refused(void)
{
	return long_id_read;
}

int store_walk_rows(struct store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *s, void *ctx),
		    void *ctx, const char *what, size_t *n, struct err *e)
{
	int rc, stop = 0;
	*n = 0;
	long_id_read = false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		/* A row with an id too long ends the walk, refused (row() sees
		 * it: store_row_refused). */
		if ((stop = row(s, ctx)) != 0 || long_id_read)
			break;
		(*n)++;
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return stop ? stop : long_ids_refused(st, e);
	}
	sqlite3_reset(s);
	return store_sql_error(st, s, what, e);
}

/* The rows of one retrospective, for the listings that take only its id. */
int store_list_by_retro(struct store *st, const char *sql, const char *retro_id, size_t size,
			 void (*read)(sqlite3_stmt *s, void *row),
			 void (*release)(void *rows, size_t n), const char *what,
			 void **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, sql, e) || store_bind_text(s, ":retro", retro_id, e))
		return -1;
	return store_read_rows(st, s, size, read, release, what, out, n, e);
}

/* The one number a cached statement gives (bound to :retro when retro_id
 * is given); what names it in an error. */
int store_read_number(struct store *st, const char *sql, const char *retro_id, long long *out,
		       const char *what, struct err *e)
{
	sqlite3_stmt *s;
	*out = 0;
	if (store_prepare(st, &s, sql, e) || (retro_id && store_bind_text(s, ":retro", retro_id, e)))
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_sql_error(st, s, what, e);
}

int store_insert_touching(struct store *st, sqlite3_stmt *s, const char *retro_id,
			  const char *what, struct err *e)
{
	if (store_begin(st, e) != 0)
		return -1;
	if ((retro_id && store_touch_retro(st, retro_id, e) != 0) ||
	    store_step_done(st, s, what, e) != 0)
		return store_rollback(st);
	return store_commit(st, e);
}

int store_record_row(struct store *st, const char *sql, const char *retro_id, const char *id,
		     sqlite3_stmt **out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, sql, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_text(s, ":retro", retro_id, e))
		return ST_ERROR;
	int rc = sqlite3_step(s);
	*out = s;
	if (rc == SQLITE_ROW)
		return ST_OK;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return ST_NOT_FOUND;
	return store_sql_error(st, s, "cannot read the record", e), ST_ERROR;
}

int store_read_record(struct store *st, const char *sql, const char *retro_id, const char *id,
		      void (*read)(sqlite3_stmt *s, void *row), void *out, struct err *e)
{
	sqlite3_stmt *s;
	int rc = store_record_row(st, sql, retro_id, id, &s, e);
	if (rc == ST_OK) {
		read(s, out);
		sqlite3_reset(s);
	}
	return rc;
}
