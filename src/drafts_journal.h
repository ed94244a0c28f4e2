/* Storage: each draft's journal. A key typed into a draft appends the bytes
 * it changed to a file of the draft's own, named by the number the draft
 * was given when last written whole (its ekey, in the drafts file), in a
 * folder beside the drafts file: one write(2), no transaction, so a key
 * costs a few hundred bytes of the disk's cache and no commit. The drafts
 * file writes the draft whole again (and removes its journal) when it is
 * begun, saved, moved to another item, every 4,096 keys (EDITS_MAX), and
 * when typing pauses. Read back, the edits are played over the whole text
 * in the order typed, as far as they add up. */
#ifndef DEBRIEF_DRAFTS_JOURNAL_H
#define DEBRIEF_DRAFTS_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debrief/error.h"
#include "debrief/text.h"

/* Appends edit number seq (cut bytes at `at`, then put bytes there) to the
 * journal of ekey in dir, opening it into *fd when *fd is -1 (and closing
 * it, -1 again, when the write fails). */
int journal_append(const char *dir, long long ekey, int *fd, long seq, size_t at, size_t cut,
		   const char *bytes, size_t put, struct err *e);
/* Plays the journal of ekey over text, from edit *edits + 1 on, setting
 * *edits to the last played: 0 when it is whole or missing, JOURNAL_TORN
 * when it stops at an edit that does not add up (the rest is not this
 * text's), JOURNAL_UNREAD when the file cannot be read (nothing played:
 * it may hold keys, so it must not be written over). */
#define JOURNAL_TORN (-1)
#define JOURNAL_UNREAD (-2)
int journal_replay(const char *dir, long long ekey, struct strbuf *text, long *edits);
void journal_remove(const char *dir, long long ekey);
/* Removes every journal in dir that live says no draft names. */
void journal_sweep(const char *dir, bool (*live)(long long ekey, void *ctx), void *ctx);

#endif
