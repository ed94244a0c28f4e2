/* The demo retrospective: an invented but realistic incident to try the
 * program on. */
#ifndef DEBRIEF_DEMO_H
#define DEBRIEF_DEMO_H

#include "debrief/error.h"
#include "debrief/store.h"
#include "debrief/types.h"

/* Creates the demo in st and returns its id. */
int demo_create(struct store *st, char id[ID_LEN], struct err *e);

#endif
