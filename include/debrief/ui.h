/* The full-screen meeting. */
#ifndef DEBRIEF_UI_H
#define DEBRIEF_UI_H

#include "debrief/error.h"
#include "debrief/store.h"
#include "debrief/types.h"

/* How this terminal takes part. */
struct ui_options {
	enum author_role role; /* facilitator or scribe; viewers are read-only */
	bool read_only;        /* --view: follows and shows, never changes */
	bool follow;           /* follow the facilitator's stage and item */
	const char *look;      /* "light", "dark" or "mono" (NULL: light) */
	bool bell;             /* ring once when a stage's timebox runs out */
	bool nudge_off;        /* leave blaming language unmarked */
	/* From the settings (debrief-config(5)); NULL or "": none. */
	const char *editor;     /* the editor for long texts, before $VISUAL */
	const char *export_dir; /* the folder x offers to export to */
	int export_format;      /* enum export_format x offers; -1: Markdown */
	const char *agenda;     /* the agenda a new retrospective gets */
	const char *notes_pane; /* "right", "bottom" or "auto" (NULL): by width */
};

/* Whether name is a look ui_options.look may name. */
bool ui_look_known(const char *name);

/* Runs the program on st: retro_id opens that retrospective, NULL the list
 * of retrospectives. Returns when the user quits; 0, or -1 with e set. */
int ui_run(struct store *st, const char *retro_id, const struct ui_options *opt,
	   struct err *e);

#endif
