/* Import of a prepared timeline: CSV with a header, a JSON array of
 * objects, or plain "[YYYY-MM-DD ]HH:MM[:SS] text" lines. */
#ifndef DEBRIEF_IMPORT_H
#define DEBRIEF_IMPORT_H

#include <stddef.h>

#include "debrief/error.h"
#include "debrief/timeutil.h"
#include "debrief/types.h"

enum import_format { IMPORT_CSV, IMPORT_JSON, IMPORT_TEXT };

/* Guesses the format from the content. */
enum import_format import_detect(const char *data, size_t len);
const char *import_format_name(enum import_format f);

/* Parses the whole input into events (ids left empty). Times without a date
 * go on default_date (NULL: such a time is an error); times without an
 * offset are local time ($TZ). All or nothing: on the first problem, returns
 * -1 with e set to "NAME:LINE: what is wrong" and *out empty. Text is
 * cleaned (control characters never stored raw). */
int import_parse(const char *data, size_t len, const char *name,
		 const struct civil_date *default_date, struct event **out,
		 size_t *n, struct err *e);

#endif
