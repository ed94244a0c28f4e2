/* The settings: /etc/debrief/config, then $XDG_CONFIG_HOME/debrief/config
 * (else ~/.config/debrief/config), the user's winning. A line is
 * "KEY VALUE" (the value is the rest of the line, blanks trimmed) or
 * "bind SCOPE KEY ACTION"; '#' starts a comment line. An unknown key or a
 * bad value is refused with "FILE:LINE: what is wrong", never passed
 * over (debrief-config(5)). The key bindings are checked by the screen's
 * key table (keymap_bind), which knows the key names and the actions. */
#ifndef DEBRIEF_CONFIG_H
#define DEBRIEF_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "debrief/error.h"
#include "debrief/text.h"

/* X(ID, name, default, what it is) */
#define CONFIG_LIST(X)                                                                 \
	X(LOOK, "look", "light", "the screen: light, dark or mono")                        \
	X(BELL, "bell", "off", "ring the terminal's bell when a stage's time runs out: on or off") \
	X(NUDGE, "nudge", "on", "mark blaming language in notes and events: on or off")    \
	X(EDITOR, "editor", "", "the editor for long notes (before $VISUAL and $EDITOR)")  \
	X(EXPORT_DIR, "export-dir", "", "the folder x offers to export to")               \
	X(EXPORT_FORMAT, "export-format", "md", "the format of an export: md, html, txt or json") \
	X(AGENDA, "agenda", "default", "the agenda of a new retrospective")                \
	X(NOTES_PANE, "notes-pane", "auto", "where the notes pane sits: auto, right or bottom")

enum config_key {
#define X(id, name, def, what) CFG_##id,
	CONFIG_LIST(X)
#undef X
	CFG_COUNT
};

/* A setting's value and where it came from ("FILE:LINE", "--look",
 * "$DEBRIEF_LOOK"); no origin: the default. */
struct config_value {
	char *value;
	char *origin;
};

/* "bind SCOPE KEY ACTION", checked later by the key table. */
struct config_bind {
	char *scope, *key, *action;
	char *origin; /* "FILE:LINE" */
};

struct config {
	struct config_value set[CFG_COUNT];
	struct config_bind *binds;
	size_t n_binds;
};

/* Reads settings text into c, over what is there (a later file wins).
 * file names it in messages. -1 with e "FILE:LINE: what is wrong". */
int config_parse(struct config *c, const char *text, size_t len, const char *file,
		 struct err *e);
/* Reads the system's file, then the user's (missing ones are no
 * failure, nor is there a user's without $HOME or $XDG_CONFIG_HOME). */
int config_load(struct config *c, struct err *e);
void config_free(struct config *c);

/* The value in force: set, else the default ("" for none). */
const char *config_get(const struct config *c, enum config_key k);
/* Whether an on/off setting is on. */
bool config_on(const struct config *c, enum config_key k);
/* Sets a value from elsewhere (the command line, the environment). */
void config_set(struct config *c, enum config_key k, const char *value, const char *origin);
const char *config_key_name(enum config_key k);

/* The settings in force as a settings file, each line saying where its
 * value came from ("# default", "# FILE:LINE"). */
void config_dump(const struct config *c, struct strbuf *out);

#endif
