/* Opening an SQLite database, every connection debrief makes: the store's
 * own, a side connection, and the JSON parser's in-memory one. Its own file
 * so the import fuzzer links it without the whole store. */
#include "store_internal.h"

#include <stdbool.h>

/* Before the first connection: SQLite single-threaded (debrief has one
 * thread; the mutex its allocator still took around every malloc and free
 * cost ~900 instructions a key typed at note length) and without its
 * memory statistics, which nothing reads. */
int store_open_db(const char *path, sqlite3 **db, int flags)
{
	static bool configured;
	if (!configured) {
		configured = true;
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	return sqlite3_open_v2(path, db, flags, NULL);
}
