/* The agenda: what fills the five stages of a new retrospective. The
 * seven questions with their prompts and each stage's timebox, read from
 * share/debrief/questions.txt and copied into each new retrospective, so
 * that editing the file never changes one already held. */
#ifndef DEBRIEF_AGENDA_H
#define DEBRIEF_AGENDA_H

#include <stddef.h>
#include <stdint.h>

#include "debrief/error.h"
#include "debrief/types.h"

/* The longest timebox an agenda may give a stage, in minutes. */
#define AGENDA_MAX_MINUTES 600

struct agenda {
	char *name;                       /* as recorded with the retrospective */
	struct question *questions;
	size_t n_questions;
	int64_t timebox[STAGE_COUNT + 1]; /* planned seconds by stage; 0: none */
};

/* Parses agenda text: "? Question" lines, each followed by "- prompt"
 * lines; "timebox STAGE MINUTES" lines (STAGE a stage's name or number,
 * MINUTES a whole number, "m" after it allowed); '#' starts a comment
 * line. A failure says "FILE:LINE: what is wrong" and leaves *out empty. */
int agenda_parse(const char *text, size_t len, const char *file, struct agenda *out,
		 struct err *e);
/* Loads the installed agenda, named "default". */
int agenda_load(struct agenda *out, struct err *e);
void agenda_free(struct agenda *a);

#endif
