/* The quick-add grammars: the one-line forms typed on a live screen
 * (/work/shared/PRODUCT.md). Part of the model: no curses, no storage. */
#ifndef DEBRIEF_QUICKADD_H
#define DEBRIEF_QUICKADD_H

#include "debrief/error.h"
#include "debrief/model.h"
#include "debrief/types.h"

/* "text @owner due:YYYY-MM-DD #type", each tag optional and anywhere; also
 * "!P1".."!P4" for priority and "ref:KEY-1" for a tracker reference. A
 * repeated tag: the last one wins. Fills a fresh action (free with
 * action_free); on error returns -1 with e set and out empty. */
int quickadd_parse_action(const char *line, struct action *out, struct err *e);

/* "[YYYY-MM-DD ]HH:MM[:SS][offset] [!kind] text", the importer's text-line
 * grammar for one line. A time without a date goes on the retrospective's
 * incident date; a time without an offset is read in the timeline's own
 * offset (its first event's), not this machine's, unless it names one.
 * Fills a fresh event (free with event_free). */
int quickadd_parse_event(const char *line, const struct retro_doc *doc,
			 struct event *out, struct err *e);

/* "@priya" takes the spelling the meeting already uses: an owner of another
 * item, or a participant's first name (any case). Replaces *owner. */
void quickadd_spell_owner(const struct retro_doc *doc, char **owner);

#endif
