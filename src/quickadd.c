/* The quick-add grammars: an action line, an event line (the importer's
 * text-line parser, so there is one grammar) and @owner's spelling. */
#include "debrief/quickadd.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "debrief/import.h"
#include "debrief/text.h"
#include "debrief/timeutil.h"

int quickadd_parse_action(const char *line, struct action *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->priority = PRIO_P2;
	out->type = ACT_TYPE_NONE; /* unset until a #type says */
	char *clean = model_clean_field("the action item", line, false, e);
	if (!clean)
		return -1;
	struct strbuf title = {0};
	char *save = NULL;
	int rc = 0;
	for (char *w = strtok_r(clean, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (w[0] == '@' && w[1]) {
			free(out->owner);
			out->owner = xstrdup(w + 1);
		} else if (strncmp(w, "due:", 4) == 0) {
			struct civil_date d;
			if (!date_parse(w + 4, &d)) {
				rc = err_set(e, "due date '%s' is not a real date as YYYY-MM-DD", w + 4);
				break;
			}
			free(out->due);
			out->due = xstrdup(w + 4);
		} else if (strncmp(w, "ref:", 4) == 0 && w[4]) {
			free(out->tracker_ref);
			out->tracker_ref = xstrdup(w + 4);
		} else if (w[0] == '#' && w[1]) {
			int t = action_type_parse(w + 1);
			if (t < 0) {
				rc = err_set(e, "unknown type '%s' (#prevent, #detect, #mitigate or #process)", w);
				break;
			}
			out->type = (enum action_type)t;
		} else if (w[0] == '!' && (w[1] == 'P' || w[1] == 'p') && w[2] >= '1' && w[2] <= '4' && !w[3]) {
			out->priority = (enum priority)(w[2] - '0');
		} else if (w[0] == '!' && isalnum((unsigned char)w[1])) {
			/* A tag, not a word of the title: one that means nothing is
			 * a slip to point out, not text to keep. */
			int used; /* a long word is cut between characters */
			size_t keep = text_fit(w, strlen(w), 40, &used);
			rc = err_set(e, "unknown priority '%.*s' (!P1, !P2, !P3 or !P4)", (int)keep, w);
			break;
		} else {
			if (title.len)
				sb_putc(&title, ' ');
			sb_puts(&title, w);
		}
	}
	free(clean);
	if (rc == 0 && title.len == 0)
		rc = err_set(e, "an action item needs some text besides its tags");
	if (rc != 0) {
		sb_free(&title);
		action_free(out);
		return -1;
	}
	out->title = sb_take(&title);
	return 0;
}

/* Whether the time in an event line names its own offset (Z, +01:00). */
static bool names_offset(const char *line)
{
	const char *colon = strchr(line, ':');
	if (!colon)
		return false;
	/* The time token: from its colon to the next blank. */
	for (const char *p = colon; *p && *p != ' '; p++)
		if (*p == 'Z' || *p == 'z' || *p == '+' || *p == '-')
			return true;
	return false;
}

int quickadd_parse_event(const char *line, const struct retro_doc *doc,
			 struct event *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct civil_date day, *dayp = NULL;
	if (doc->retro.incident_date && date_parse(doc->retro.incident_date, &day))
		dayp = &day;
	struct event *ev = NULL;
	size_t n = 0;
	struct err ie = {0};
	if (import_parse(line, strlen(line), "", dayp, &ev, &n, &ie) != 0 || n != 1) {
		/* ":LINE: problem" from the importer (its name is ""): keep
		 * just the problem. */
		const char *p = ie.msg;
		if (*p == ':' && p[1] >= '0' && p[1] <= '9') {
			p += 1 + strspn(p + 1, "0123456789");
			if (p[0] == ':' && p[1] == ' ')
				p += 2;
			else
				p = ie.msg;
		}
		err_set(e, "%s", n > 1 ? "one event at a time" :
			n == 0 && !ie.msg[0] ? "an event needs a time and some text" : p);
		model_free_events(ev, n);
		return -1;
	}
	*out = ev[0];
	free(ev);
	/* A clock time as the room reads it: in the timeline's own offset (the
	 * first event's), not this machine's time zone, unless it says. */
	if (doc->n_events && !names_offset(line)) {
		int want = doc->events[0].time.offset_min;
		out->time.at += (int64_t)(out->time.offset_min - want) * 60;
		out->time.offset_min = want;
	}
	return 0;
}

void quickadd_spell_owner(const struct retro_doc *doc, char **owner)
{
	if (!*owner)
		return;
	for (size_t i = 0; i < doc->n_actions; i++) {
		const char *o = doc->actions[i].owner;
		if (o && strcasecmp(o, *owner) == 0) {
			free(*owner);
			*owner = xstrdup(o);
			return;
		}
	}
	const char *people[] = {doc->retro.facilitator, doc->retro.scribe, doc->retro.participants};
	for (size_t k = 0; k < 3; k++) {
		if (!people[k])
			continue;
		char *copy = xstrdup(people[k]), *save = NULL;
		for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
			str_trim(p);
			size_t first = strcspn(p, " ");
			if (first == strlen(*owner) && strncasecmp(p, *owner, first) == 0) {
				free(*owner);
				*owner = xstrndup(p, first);
				free(copy);
				return;
			}
		}
		free(copy);
	}
}
