/* Where things live: the database, the program's share data, and writing
 * files safely. */
#ifndef DEBRIEF_PATHS_H
#define DEBRIEF_PATHS_H

#include <stddef.h>

#include "debrief/error.h"
#include "debrief/text.h"

/* The database path: flag (--db) if given, else $DEBRIEF_DB, else
 * $XDG_DATA_HOME/debrief/debrief.db, else ~/.local/share/debrief/debrief.db. */
int paths_database(const char *flag, struct strbuf *out, struct err *e);

/* The drafts file of this user: $XDG_STATE_HOME/debrief/drafts.db, else
 * ~/.local/state/debrief/drafts.db (debrief/drafts.h). */
int paths_drafts(struct strbuf *out, struct err *e);
/* A file of debrief's own state: $XDG_STATE_HOME/debrief + name ("/x"). */
int paths_state_file(const char *name, struct strbuf *out, struct err *e);

/* This user's settings folder: $XDG_CONFIG_HOME/debrief, else
 * ~/.config/debrief (the settings file "config", the team's agendas in
 * "agendas/"). */
int paths_config_dir(struct strbuf *out, struct err *e);

/* The settings folder of every user here, read before the user's own:
 * $DEBRIEF_SYSCONFDIR if set (the tests point it at an empty folder), else
 * /etc/debrief. */
void paths_sysconf_dir(struct strbuf *out);

/* The full path of a file in share/debrief: $DEBRIEF_SHARE_DIR if set, next
 * to the executable (the build tree), ../share/debrief from the executable's
 * folder (a relocated install), then the configured data directory. */
int paths_share_file(const char *name, struct strbuf *out, struct err *e);

/* A file of this user's settings: $XDG_CONFIG_HOME/debrief/NAME, else
 * ~/.config/debrief/NAME (it need not exist). */
int paths_config_file(const char *name, struct strbuf *out, struct err *e);
/* Creates the folders leading to path (not the last part), mode 0700. */
int paths_make_parents(const char *path, struct err *e);

/* "~" or "~/..." at the start becomes $HOME's. */
void paths_expand_home(const char *path, struct strbuf *out);

/* Writes data to path ("~" expanded) atomically: a temporary file beside it
 * ("<name>.debrief-XXXXXX", mode 0600, locked while written; one left by a
 * killed process is removed by the next write), fsync, rename, fsync of the
 * folder. A symbolic link is written through (its target replaced in its
 * own folder); a device or a FIFO is written to directly. On failure what
 * was there is untouched. */
int file_write_atomic(const char *path, const char *data, size_t len, struct err *e);

/* Reads a whole file ("-" is standard input). Refuses more than max bytes. */
int file_read_all(const char *path, size_t max, char **data, size_t *len,
		  struct err *e);

#endif
