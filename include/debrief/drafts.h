/* Drafts: the text being typed, kept as it is typed in a small file of
 * each user's own ($XDG_STATE_HOME/debrief/drafts.db, else
 * ~/.local/state/debrief/drafts.db; owner-only), not in the shared
 * database: typing never waits for another program's write lock, and a
 * note whose Enter came while the shared file was busy is kept here as
 * pending until it can be written.
 *
 * Each running program is a terminal (a row of its own); drafts are keyed
 * by the shared database's own id (store_db_id), the retrospective, the
 * terminal and the field (slot), with the anchor the text was begun on. A
 * program that starts takes over the drafts of a terminal of its role
 * that is no longer running, never those of one still running.
 *
 * Storage (src/store_drafts.c); the screen reaches it through the session
 * (debrief/session.h). */
#ifndef DEBRIEF_DRAFTS_H
#define DEBRIEF_DRAFTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debrief/error.h"
#include "debrief/text.h"
#include "debrief/types.h"

struct drafts;

/* Opens (creating it, and its folders, when missing) the drafts file at
 * path and registers this program as a terminal of role on the database
 * db_id. */
int drafts_open(const char *path, const char *db_id, const char *role, struct drafts **out,
		struct err *e);
/* Forgets this terminal when it leaves nothing behind; closes. */
void drafts_close(struct drafts *d);
/* Copies the file's write-ahead log into it, when typing pauses: 1 when
 * it did (store_quiet_moment). */
int drafts_quiet_moment(struct drafts *d);
const char *drafts_path(const struct drafts *d);

/* When this terminal has no draft on the retrospective, takes over those
 * of a terminal of its role that is no longer running (the one that started
 * last). *taken says whether it did. */
int drafts_claim(struct drafts *d, const char *retro_id, bool *taken, struct err *e);

/* Saves a field's text (an empty body removes it) and what it was begun
 * on (anchor, any text the caller understands; "" for none). */
int drafts_put(struct drafts *d, const char *retro_id, const char *slot, const char *body,
	       const char *anchor, struct err *e);
/* *body (and *anchor, when anchor is not NULL) are NULL when there is no
 * draft; the caller frees them. */
int drafts_get(struct drafts *d, const char *retro_id, const char *slot, char **body,
	       char **anchor, struct err *e);

/* A note whose Enter came when it could not be written: kept, in order,
 * until drafts_unpend. */
struct pending_note {
	int64_t seq;
	char note_id[ID_LEN]; /* the note's id, given when it was kept */
	char *anchor;
	char *body;
	int64_t at; /* when Enter was pressed */
	int offset_min;
};
int drafts_pend(struct drafts *d, const char *retro_id, const char *anchor, const char *body,
		int64_t at, int offset_min, struct err *e);
int drafts_pending(struct drafts *d, const char *retro_id, struct pending_note **out, size_t *n,
		   struct err *e);
int drafts_unpend(struct drafts *d, int64_t seq, struct err *e);
void drafts_free_pending(struct pending_note *v, size_t n);

#endif
