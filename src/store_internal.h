/* Private to the storage layer (store*.c): the connection and the cache of
 * prepared statements. */
#ifndef DEBRIEF_STORE_INTERNAL_H
#define DEBRIEF_STORE_INTERNAL_H

#include <sqlite3.h>

#include "debrief/error.h"
#include "debrief/store.h"

sqlite3 *store_db(struct store *st);

/* Prepares sql once per connection and hands back the cached statement,
 * reset and with its bindings cleared. sql must be a string with static
 * storage: its address is the cache key. */
int store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql,
		  struct err *e);

/* Binds by name; a misspelled name is a programming error reported loudly. */
int store_bind_text(sqlite3_stmt *s, const char *name, const char *v, struct err *e);
int store_bind_int(sqlite3_stmt *s, const char *name, long long v, struct err *e);

/* e gets "what: SQLite's message (SQL)". */
int store_sql_error(struct store *st, sqlite3_stmt *s, const char *what, struct err *e);

#endif
