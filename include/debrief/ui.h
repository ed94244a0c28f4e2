/* The full-screen meeting. */
#ifndef DEBRIEF_UI_H
#define DEBRIEF_UI_H

#include "debrief/error.h"
#include "debrief/store.h"
#include "debrief/types.h"

/* Runs the program on st: retro_id opens that retrospective, NULL the list
 * of retrospectives. Returns when the user quits; 0, or -1 with e set. */
int ui_run(struct store *st, const char *retro_id, enum author_role role, struct err *e);

#endif
