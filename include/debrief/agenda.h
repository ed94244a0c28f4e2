/* The agenda: what fills the five stages of a new retrospective, its
 * questions with their prompts and each stage's timebox. Agendas are files,
 * NAME.agenda: the shipped ones in share/debrief/agendas ("default", the
 * seven questions of a blameless review), a team's own in
 * $XDG_CONFIG_HOME/debrief/agendas (else ~/.config/debrief/agendas) and
 * in /etc/debrief/agendas. Each new retrospective copies its agenda, so
 * that editing a file never changes one already held. */
#ifndef DEBRIEF_AGENDA_H
#define DEBRIEF_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debrief/error.h"
#include "debrief/text.h"
#include "debrief/types.h"

/* The longest timebox an agenda may give a stage, in minutes. */
#define AGENDA_MAX_MINUTES 600
/* The name every retrospective gets without --agenda: the shipped one,
 * never a file of the same name elsewhere. */
#define AGENDA_DEFAULT "default"
#define AGENDA_MAX_NAME 64

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
void agenda_free(struct agenda *a);

/* Whether name may name an agenda: letters, digits, '-', '_' and '.', a
 * letter or digit first, at most AGENDA_MAX_NAME bytes. */
bool agenda_name_valid(const char *name);

/* Loads the agenda called name (NULL: "default"): NAME.agenda from the
 * user's folder, else the system's, else the shipped one; "default" is
 * always the shipped agenda. Fails with "FILE:LINE: what is wrong" for a
 * malformed one, and with the names there are for one not found. */
int agenda_load(const char *name, struct agenda *out, struct err *e);

/* One agenda file found, for 'debrief agendas'. */
struct agenda_info {
	char *name;
	char *path;
	const char *where;     /* "shipped", "system" or "yours" */
	int where_rank;        /* the order the places are looked in */
	bool used;             /* the one --agenda NAME takes, and it parses */
	size_t n_questions;
	int64_t total_secs;    /* the stages' timeboxes added up */
	char *problem;         /* NULL, or why it is not used ("FILE:LINE: ...") */
};

/* Every agenda file of the three places, the default first then by name
 * (a name found twice: the first place's is used, the other says so). */
int agenda_list(struct agenda_info **out, size_t *n, struct err *e);
void agenda_list_free(struct agenda_info *v, size_t n);
/* "default, ours": the names --agenda takes. */
void agenda_known(struct strbuf *out);

#endif
