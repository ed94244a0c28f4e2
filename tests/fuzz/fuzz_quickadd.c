/* libFuzzer target for the parsers behind quick-add lines and the agenda:
 *   quickadd_parse_action()  "text @owner due:YYYY-MM-DD #type !P1 ref:X"
 *   timestamp_parse()          "[YYYY-MM-DD ]HH:MM[:SS][offset]", with and
 *                              without a default date
 *   agenda_parse()             "? question" / "- prompt" lines
 *   ask_bank_parse(), nudge_parse() and nudge_find()  the question bank,
 *                              the phrase list, and finding phrases
 *   config_parse()             the settings file's "KEY VALUE" lines
 * The input is used as a C string (cut at its first NUL) for the first two,
 * and as raw bytes for the agenda and the settings. A broken contract
 * aborts.
 *
 *   tests/fuzz/run     builds and runs it (see tests/fuzz/README.md)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "debrief/agenda.h"
#include "debrief/bank.h"
#include "debrief/config.h"
#include "debrief/error.h"
#include "debrief/model.h"
#include "debrief/quickadd.h"
#include "debrief/text.h"
#include "debrief/timeutil.h"
#include "debrief/types.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static bool printable_line(const char *s)
{
	return printable_text(s, strlen(s));
}

static void check_message(const struct err *e)
{
	size_t n = strnlen(e->msg, sizeof e->msg);
	check(n > 0 && n < sizeof e->msg);
	check(printable_line(e->msg));
}

/* --- quick-add action lines --- */

static void fuzz_action_line(const char *s)
{
	struct action a;
	struct err e;
	memset(&e, 0, sizeof e);
	memset(&a, 0x5a, sizeof a); /* the parser must start from scratch */
	if (quickadd_parse_action(s, &a, &e) != 0) {
		check_message(&e);
		check(!a.title && !a.owner && !a.due && !a.tracker_ref && !a.retro_title);
		return;
	}
	check(a.title != NULL);
	size_t tlen = strlen(a.title);
	check(tlen > 0);
	check(printable_line(a.title));
	/* Words are joined by single spaces. */
	check(a.title[0] != ' ' && a.title[tlen - 1] != ' ');
	check(strstr(a.title, "  ") == NULL);
	if (a.owner) {
		check(*a.owner != '\0');
		check(printable_line(a.owner));
		check(strchr(a.owner, ' ') == NULL);
	}
	if (a.due) {
		struct civil_date d;
		check(date_parse(a.due, &d));
		check(civil_date_valid(d.year, d.month, d.day));
	}
	if (a.tracker_ref) {
		check(*a.tracker_ref != '\0');
		check(printable_line(a.tracker_ref));
		check(strchr(a.tracker_ref, ' ') == NULL);
	}
	check((unsigned)a.type < ACT_TYPE_COUNT);
	check(a.priority >= PRIO_P1 && a.priority <= PRIO_P4);
	check((unsigned)a.status < ACT_STATUS_COUNT);
	check(a.retro_title == NULL);
	check(a.id[0] == '\0' && a.origin_event[0] == '\0' &&
	      a.origin_question[0] == '\0');

	/* The spelling in use replaces the owner by a name of the same length
	 * that equals it but for case, or leaves it. */
	if (a.owner) {
		struct action other;
		memset(&other, 0, sizeof other);
		other.owner = "McKenzie";
		struct retro_doc doc;
		memset(&doc, 0, sizeof doc);
		doc.actions = &other;
		doc.n_actions = 1;
		doc.retro.participants = "Priya Raman, tom, , Zo\xc3\xab Li";
		char *typed = xstrdup(a.owner);
		quickadd_spell_owner(&doc, &a.owner);
		check(a.owner && strlen(a.owner) == strlen(typed));
		check(strcasecmp(a.owner, typed) == 0);
		free(typed);
	}
	action_free(&a);
}

/* --- quick-add event lines --- */

static void fuzz_event_line(const char *s, const char *incident_date, int offset_min)
{
	struct event first;
	memset(&first, 0, sizeof first);
	first.time.offset_min = offset_min;
	struct retro_doc doc;
	memset(&doc, 0, sizeof doc);
	doc.retro.incident_date = (char *)incident_date;
	if (offset_min != 0) {
		doc.events = &first;
		doc.n_events = 1;
	}
	struct event ev;
	struct err e;
	memset(&e, 0, sizeof e);
	memset(&ev, 0x5a, sizeof ev); /* the parser must start from scratch */
	if (quickadd_parse_event(s, &doc, &ev, &e) != 0) {
		check_message(&e);
		check(e.msg[0] != ':'); /* the problem alone, not ":LINE: problem" */
		check(ev.text == NULL);
		return;
	}
	check(ev.text != NULL && printable_line(ev.text));
	check((unsigned)ev.kind < EV_KIND_COUNT);
	check((unsigned)ev.mark < MARK_COUNT);
	check(ev.id[0] == '\0');
	check(ev.time.offset_min >= -(18 * 60 + 59) && ev.time.offset_min <= 18 * 60 + 59);
	event_free(&ev);
}

/* --- timestamps --- */

/* The clock at s ("9:05" or "09:05") as "HH:MM". */
static void clock_as_written(const char *s, char want[6])
{
	if (s[1] == ':')
		snprintf(want, 6, "0%c:%c%c", s[0], s[2], s[3]);
	else
		snprintf(want, 6, "%c%c:%c%c", s[0], s[1], s[3], s[4]);
}

static void fuzz_timestamp(const char *s, const struct civil_date *def)
{
	struct instant t = {0, 0};
	size_t used = (size_t)-1;
	bool had_date = true;
	enum time_parse_status st = timestamp_parse(s, def, &t, &used, &had_date);
	check((unsigned)st <= TIME_LOCAL_GAP);
	const char *msg = time_status_message(st);
	check(msg != NULL && *msg != '\0');
	if (st != TIME_OK)
		return;
	size_t len = strlen(s);
	check(used >= 4 && used <= len); /* at least "H:MM" */
	check(had_date || def != NULL);
	check(t.offset_min >= -(18 * 60 + 59) && t.offset_min <= 18 * 60 + 59);

	/* The instant reads back as written, in its own offset. */
	char buf[64], date[16];
	instant_format(t, buf, sizeof buf);
	instant_format_date(t, date, sizeof date);
	char want[6];
	if (had_date) {
		check(used >= 15);
		check(strncmp(date, s, 10) == 0);
		clock_as_written(s + 11, want);
	} else {
		char want_date[16];
		snprintf(want_date, sizeof want_date, "%04d-%02d-%02d", def->year,
			 def->month, def->day);
		check(strcmp(date, want_date) == 0);
		clock_as_written(s, want);
	}
	/* "YYYY-MM-DD HH:MM:SS +HH:MM" */
	check(strncmp(buf + 11, want, 5) == 0);
}

/* --- the agenda --- */

static void fuzz_agenda(const char *data, size_t size)
{
	struct agenda ag;
	struct err e;
	memset(&e, 0, sizeof e);
	/* The agenda parser takes a length: an exact-size copy lets ASan see
	 * any read past it. */
	char *copy = xmalloc(size ? size : 1);
	memcpy(copy, data, size);
	memset(&ag, 0xa5, sizeof ag); /* must be replaced */
	int rc = agenda_parse(copy, size, "agenda", &ag, &e);
	struct question *q = ag.questions;
	size_t n = ag.n_questions;
	free(copy);
	if (rc != 0) {
		check(rc == -1);
		check(q == NULL && n == 0 && ag.name == NULL);
		check_message(&e);
		check(strncmp(e.msg, "agenda:", 7) == 0);
		return;
	}
	check(n > 0 && q != NULL && ag.name != NULL);
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		check(ag.timebox[s] >= 0 && ag.timebox[s] <= AGENDA_MAX_MINUTES * 60 && ag.timebox[s] % 60 == 0);
	for (size_t i = 0; i < n; i++) {
		check(q[i].position == (int)i + 1);
		check(q[i].title && *q[i].title && printable_line(q[i].title));
		check(q[i].prompts != NULL);
		/* Prompts: printable lines joined by '\n', none empty. */
		const char *p = q[i].prompts;
		check(utf8_valid(p, strlen(p)));
		if (*p) {
			char *dup = xstrdup(p);
			char *save = NULL;
			size_t lines = 0;
			for (char *l = strtok_r(dup, "\n", &save); l;
			     l = strtok_r(NULL, "\n", &save)) {
				check(printable_line(l));
				lines++;
			}
			free(dup);
			check(lines > 0);
			check(p[0] != '\n' && p[strlen(p) - 1] != '\n' &&
			      strstr(p, "\n\n") == NULL);
		}
		check(!q[i].custom);
	}
	agenda_free(&ag);
}

/* --- the question bank and the nudge --- */

static void fuzz_aids(const char *data, size_t size)
{
	char *copy = xmalloc(size ? size : 1);
	memcpy(copy, data, size);
	struct ask_bank b;
	struct err e;
	memset(&e, 0, sizeof e);
	if (ask_bank_parse(copy, size, "bank", &b, &e) != 0) {
		check(b.n == 0 && b.groups == NULL);
		check_message(&e);
		check(strncmp(e.msg, "bank:", 5) == 0);
	} else {
		const char *q[3];
		for (int k = 0; k < EV_KIND_COUNT; k++)
			for (int m = 0; m < MARK_COUNT; m++) {
				size_t n = ask_bank_for(&b, (enum event_kind)k, (enum event_mark)m, q, 3);
				check(n <= 3);
				for (size_t i = 0; i < n; i++)
					check(*q[i] && printable_line(q[i]));
			}
		ask_bank_free(&b);
	}
	struct nudge nu;
	if (nudge_parse(copy, size, "nudge", &nu, &e) != 0) {
		check(nu.n == 0 && nu.phrases == NULL);
		check_message(&e);
	} else {
		/* Every phrase found where it is, whole, in its own text. */
		for (size_t i = 0; i < nu.n; i++) {
			size_t at = 0, span;
			const struct nudge_phrase *p;
			const char *t = nu.phrases[i].text;
			check(nu.phrases[i].reframe != NULL);
			if (nudge_find(&nu, t, strlen(t), 0, &at, &span, &p))
				check(at + span <= strlen(t) && strncasecmp(t + at, p->text, span) == 0);
		}
		size_t at = 0, span;
		const struct nudge_phrase *p;
		while (nudge_find(&nu, copy, size, at, &at, &span, &p)) {
			check(span > 0 && at + span <= size);
			at += span;
		}
		nudge_free(&nu);
	}
	free(copy);
}

/* --- the settings file --- */

/* A printable line where a tab may stand between words. */
static bool printable_value(const char *s)
{
	char *dup = xstrdup(s);
	for (char *p = dup; *p; p++)
		if (*p == '\t')
			*p = ' ';
	bool ok = printable_line(dup);
	free(dup);
	return ok;
}

static void fuzz_config(const char *data, size_t size)
{
	struct config c;
	struct err e;
	memset(&c, 0, sizeof c);
	memset(&e, 0, sizeof e);
	char *copy = xmalloc(size ? size : 1);
	memcpy(copy, data, size);
	int rc = config_parse(&c, copy, size, "settings", &e);
	free(copy);
	if (rc != 0) {
		check(rc == -1);
		check_message(&e);
		check(strncmp(e.msg, "settings:", 9) == 0);
	}
	/* What was taken (all of it, or the lines before the bad one): each
	 * value a printable line, never empty, with its line. */
	for (int k = 0; k < CFG_COUNT; k++) {
		const char *v = c.set[k].value;
		check(!v || (*v && printable_value(v) && c.set[k].origin &&
			     strncmp(c.set[k].origin, "settings:", 9) == 0));
	}
	for (size_t i = 0; i < c.n_binds; i++)
		check(*c.binds[i].scope && *c.binds[i].key && *c.binds[i].action &&
		      printable_line(c.binds[i].key));
	struct strbuf dump = {0};
	config_dump(&c, &dump);
	check(utf8_valid(dump.s, dump.len));
	sb_free(&dump);
	config_free(&c);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "UTC", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A C string: the input up to its first NUL. */
	const uint8_t *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *s = xstrndup((const char *)data, n);

	fuzz_action_line(s);
	fuzz_event_line(s, NULL, 0);
	fuzz_event_line(s, "2026-11-24", 0);
	fuzz_event_line(s, "2026-11-24", -300);
	const struct civil_date def = {2026, 11, 24};
	fuzz_timestamp(s, NULL);
	fuzz_timestamp(s, &def);
	free(s);

	fuzz_agenda((const char *)data, size);
	fuzz_aids((const char *)data, size);
	fuzz_config((const char *)data, size);
	return 0;
}
