/* Inside the model: what its files share. Not for use outside src/model*.c. */
#ifndef DEBRIEF_MODEL_INTERNAL_H
#define DEBRIEF_MODEL_INTERNAL_H

#include "debrief/error.h"

/* Replaces a typed list of names (services, tags) by the kept one
 * (model_labels); what names them in a message. */
int model_relabel(const char *what, char **list, struct err *e);

#endif
