/* What the undo log (model_undo.c) and redo (model_redo.c) share: the
 * entries, the rules a change must pass, and the revs they carry. */
#ifndef DEBRIEF_MODEL_UNDO_INTERNAL_H
#define DEBRIEF_MODEL_UNDO_INTERNAL_H

#include "debrief/model.h"

void undo_entry_free(struct undo_entry *u);

/* Records a change on the log (NULL: nowhere), and returns its entry to
 * fill with the record as it was. rev: the record's rev as the change left
 * it (0 where it is gone or carries none). */
struct undo_entry *undo_push(struct undo_log *log, enum undo_kind kind, enum undo_what what,
			     const char *id, int64_t rev, const char *label);

/* Makes the parked idea an action item a (a->id kept when set): both in
 * one transaction, one entry on the log (model_parked.c). */
int parked_make_action(struct store *st, struct undo_log *log, const char *retro_id,
		       const char *parked_id, struct action *a, struct err *e);

/* A closed retrospective takes no change but the follow-up of its action
 * items: ST_ERROR with MODEL_CLOSED_MSG, else 0. */
int undo_refuse_closed(struct store *st, const char *retro_id, struct err *e);

/* Copies the notes the doc holds under the entry's record into u->notes. */
void undo_keep_notes(struct undo_entry *u, const struct retro_doc *doc);
/* Writes u->notes again (their ids kept). */
int undo_restore_notes(struct store *st, const char *retro_id, struct undo_entry *u,
		       struct err *e);
/* The notes' revs before undo_restore_notes sets them to 1 (caller frees). */
int64_t *undo_note_revs(const struct undo_entry *u);

/* "event", "action item", ... */
const char *undo_what_name(enum undo_what w);
enum store_record undo_record_kind(enum undo_what w);
/* The details the form edits are the same in a and b. */
bool undo_same_details(const struct retro *a, const struct retro *b);
/* The rev of the record copy the entry holds (event, action, note; else 0). */
int64_t undo_copy_rev(const struct undo_entry *u);

/* After a record moved from rev_was to rev_now: the nearest entry on it in
 * v[0..n) (searched from the top) expected rev_was and expects rev_now. */
void undo_carry_rev(struct undo_entry *v, size_t n, enum undo_what what, const char *id,
		    int64_t rev_was, int64_t rev_now);

/* Before an undo is applied (inside its transaction): the record as it is
 * now, which a redo brings back, into r. 0, 1 when there is nothing to
 * redo (the record is gone already), -1 on error. */
int redo_snapshot(struct store *st, const struct retro_doc *doc, const struct undo_entry *u,
		  struct undo_entry *r, struct err *e);
/* After the undo: r goes on the redo stack, expecting the record at rev. */
void redo_push(struct undo_log *log, struct undo_entry *r, int64_t rev);

#endif
