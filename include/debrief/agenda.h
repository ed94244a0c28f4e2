/* The agenda template: the seven questions and their prompts, read from
 * share/debrief/questions.txt and copied into each new retrospective. */
#ifndef DEBRIEF_AGENDA_H
#define DEBRIEF_AGENDA_H

#include <stddef.h>

#include "debrief/error.h"
#include "debrief/types.h"

/* Parses the agenda text: "? Question" lines, each followed by "- prompt"
 * lines; '#' starts a comment line. */
int agenda_parse(const char *text, size_t len, const char *name,
		 struct question **out, size_t *n, struct err *e);
/* Loads the installed agenda. */
int agenda_load(struct question **out, size_t *n, struct err *e);

#endif
