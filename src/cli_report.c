/* The command line's reports: the list of retrospectives, the action items
 * across them, and the check of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/model.h"
#include "debrief/paths.h"
#include "debrief/text.h"
#include "debrief/timeutil.h"

/* --format of the listings: for people (txt, the default), or for scripts
 * and completions (tsv: a header line, then a line a row, tabs between;
 * json: an array of objects), with full ids. */
enum listing { LISTING_TXT, LISTING_TSV, LISTING_JSON, LISTING_CSV };

/* (csv: for the action items, which a tracker imports.) */
static int listing_format(const char *name, bool csv, enum listing *out)
{
	static const char *const names[] = {"txt", "tsv", "json", "csv"};
	for (size_t i = 0; i < (csv ? 4u : 3u); i++)
		if (!name || strcmp(name, names[i]) == 0) {
			*out = name ? (enum listing)i : LISTING_TXT;
			return EXIT_OK;
		}
	return cli_usage_error(csv ? "unknown format '%s' (txt, tsv, json or csv)"
				   : "unknown format '%s' (txt, tsv or json)", name);
}

/* A line of tab-separated cells, added to out, each cleaned as the screen
 * shows text (a tab or a line break in it is shown as its symbol, never
 * splits it) but those whose bit is set in ours: names of debrief's own,
 * added as they are. A listing prints its lines once all are read: a file
 * refused part way (an id edited by hand) prints nothing. */
static void tsv_line(struct strbuf *out, const char *const *cells, size_t n, unsigned ours)
{
	for (size_t i = 0; i < n; i++) {
		if (ours & (1u << i))
			sb_add(out, cells[i], strlen(cells[i]));
		else
			cli_add_safe(out, cells[i], false);
		sb_putc(out, i + 1 < n ? '\t' : '\n');
	}
}

/* The listing's lines, printed when it was read whole (rc 0). */
static int tsv_done(struct strbuf *out, int rc)
{
	if (rc == 0)
		fwrite(out->s, 1, out->len, stdout);
	sb_free(out);
	return rc;
}

/* A JSON listing from the store, or the failure said. */
static int print_json(struct store *st, int rc, struct strbuf *json, struct err *e)
{
	if (rc == 0)
		fputs(sb_str(json), stdout);
	sb_free(json);
	session_close(st);
	return rc == 0 ? EXIT_OK : cli_fail(e);
}

/* When a deleted one was deleted: for people, local time to the minute;
 * for scripts, UTC in ISO 8601. */
static void deleted_when(int64_t at, bool iso, char *buf, size_t size)
{
	if (iso) {
		instant_format_iso_utc(at, buf, size);
		return;
	}
	char full[64];
	instant_format((struct instant){.at = at, .offset_min = local_offset_min(at)}, full, sizeof full);
	snprintf(buf, size, "%.16s", full); /* "2026-11-24 14:05" */
}

/* A number as text, into the end of buf (no printf: a listing prints two
 * a line). */
static const char *number_text(long long v, char buf[24])
{
	char *p = buf + 23;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

/* `list -f tsv`: its lines, and whether the deleted are listed. */
struct list_tsv {
	struct strbuf out;
	bool deleted;
};

/* A line of `list -f tsv`, made as the retrospective is read
 * (session_each_retro). */
static int list_tsv_line(const struct retro_summary *x, void *ctx)
{
	struct list_tsv *t = ctx;
	bool deleted = t->deleted;
	const struct retro *r = &x->retro;
	char events[24], open[24], when[64];
	if (deleted)
		deleted_when(r->deleted_at, true, when, sizeof when);
	const char *cells[] = {r->id, r->incident_date, retro_status_name(r->status),
			       number_text(x->events, events), number_text(x->actions_open, open),
			       r->title, deleted ? when : r->services, deleted ? r->services : r->tags,
			       r->tags};
	tsv_line(&t->out, cells, deleted ? 9 : 8, 1u << 2 | 1u << 3 | 1u << 4 | (deleted ? 1u << 6 : 0));
	return 0;
}

static int list_tsv(struct store *st, const struct retro_filter *f, bool deleted, struct err *e)
{
	/* (services and tags last, "a, b" each: what scripts read by
	 * position stays where it was.) */
	const char *head[] = {"id", "date", "status", "events", "open_actions", "title",
			      deleted ? "deleted" : "services", deleted ? "services" : "tags", "tags"};
	struct list_tsv t = {{0}, deleted};
	tsv_line(&t.out, head, deleted ? 9 : 8, 0);
	size_t n;
	return tsv_done(&t.out, session_each_retro(st, f, list_tsv_line, &t, &n, e));
}

/* What an empty listing says, on standard error. */
static const char *none_listed(bool deleted)
{
	return deleted ? "No deleted retrospectives.\n"
		       : "No retrospectives yet: try 'debrief demo' or 'debrief new TITLE'.\n";
}

static void list_txt(const struct retro_summary *v, size_t n, bool deleted)
{
	if (n == 0)
		fputs(none_listed(deleted), stderr);
	else
		printf("%-8s  %-10s  %-11s  %6s  %4s  %s%s\n", "ID", "DATE", "STATUS", "EVENTS",
		       "OPEN", deleted ? "DELETED           " : "", "TITLE");
	for (size_t i = 0; i < n; i++) {
		const struct retro *r = &v[i].retro;
		char rid[64], date[64], when[64] = ""; /* each cleaned in turn: safe_text's buffer is one */
		snprintf(rid, sizeof rid, "%.8s", cli_safe_text(r->id, false));
		snprintf(date, sizeof date, "%s", cli_safe_text(r->incident_date ? r->incident_date : "-", false));
		if (deleted)
			deleted_when(r->deleted_at, false, when, sizeof when);
		printf("%s  %-10s  %-11s  %6d  %4d  %s%s%s", rid, date, retro_status_name(r->status),
		       v[i].events, v[i].actions_open, when, deleted ? "  " : "", cli_safe_text(r->title, false));
		/* Its services and tags after the title: payments-api · #config */
		struct strbuf labels = {0};
		model_labels_line(r, &labels);
		printf("%s%s\n", labels.len ? "  · " : "", labels.len ? cli_safe_text(labels.s, false) : "");
		sb_free(&labels);
	}
}

int cmd_list(int argc, char **argv, struct args *a)
{
	const char *format = NULL, *service = NULL, *tag = NULL;
	bool deleted = false;
	const struct option_def defs[] = {
		{"--format", "-f", true, &format, NULL},
		{"--deleted", NULL, false, NULL, &deleted},
		{"--service", NULL, true, &service, NULL},
		{"--tag", NULL, true, &tag, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	enum listing how = LISTING_TXT;
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("list takes no arguments ('%s')", a->pos[0]);
	if ((rc = listing_format(format, false, &how)))
		return rc;
	char service_name[LABEL_MAX + 1], tag_name[LABEL_MAX + 1];
	struct err bad = {0};
	if ((service && model_label_name("service", service, service_name, &bad) != 0) ||
	    (tag && model_label_name("tag", tag, tag_name, &bad) != 0))
		return cli_usage_error("%s", bad.msg);
	struct store *st;
	struct strbuf path = {0};
	struct err e = {0};
	if (paths_database(a->db, &path, &e) != 0)
		return cli_fail(&e);
	if (access(path.s, F_OK) != 0) {
		fputs(none_listed(deleted), stderr);
		sb_free(&path);
		if (how == LISTING_JSON)
			puts("[]");
		return EXIT_OK;
	}
	sb_free(&path);
	if ((rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st)))
		return rc;
	const struct retro_filter which = {.deleted = deleted, .service = service ? service_name : NULL,
					   .tag = tag ? tag_name : NULL};
	if (how == LISTING_JSON) {
		struct strbuf json = {0};
		return print_json(st, session_retros_json(st, &which, &json, &e), &json, &e);
	}
	if (how == LISTING_TSV) {
		rc = list_tsv(st, &which, deleted, &e) == 0 ? EXIT_OK : cli_fail(&e);
		session_close(st);
		return rc;
	}
	struct retro_summary *v;
	size_t n;
	if (session_list_retros(st, &which, &v, &n, &e) != 0) {
		session_close(st);
		return cli_fail(&e);
	}
	list_txt(v, n, deleted);
	session_free_summaries(v, n);
	session_close(st);
	return EXIT_OK;
}

/* Display columns (text.c), for lining up columns of text. */
static int columns_of(const char *s)
{
	return text_width(s);
}

/* One cell padded to width (by display columns, not bytes: names are not
 * all ASCII), then the gap to the next column. */
static void print_cell(const char *s, int width)
{
	s = cli_safe_text(s, false);
	fputs(s, stdout);
	for (int pad = width - columns_of(s); pad > 0; pad--)
		putchar(' ');
	fputs("  ", stdout);
}

/* The table of action items, each column as wide as its widest cell; a
 * title longer than ACTION_COLUMN_MAX runs past its column rather than
 * widening every line. */
#define ACTION_COLUMN_MAX 60
enum { AC_ID, AC_RETRO, AC_STATUS, AC_DUE, AC_OWNER, AC_TYPE, AC_PRI, AC_TITLE, AC_FROM, AC_COUNT };

static void action_cells(const struct action *x, char ids[2][9], const char *cell[AC_COUNT])
{
	snprintf(ids[0], 9, "%.8s", x->id);
	snprintf(ids[1], 9, "%.8s", x->retro_id);
	cell[AC_ID] = ids[0];
	cell[AC_RETRO] = ids[1];
	cell[AC_STATUS] = action_status_name(x->status);
	cell[AC_DUE] = x->due ? x->due : "-";
	cell[AC_OWNER] = x->owner ? x->owner : "(nobody)";
	cell[AC_TYPE] = x->type != ACT_TYPE_NONE ? action_type_name(x->type) : "-";
	cell[AC_PRI] = priority_name(x->priority);
	cell[AC_TITLE] = x->title;
	cell[AC_FROM] = x->retro_title ? x->retro_title : "";
}

static void print_actions(const struct action *v, size_t n)
{
	static const char *const head[AC_COUNT] = {"ID", "RETRO", "STATUS", "DUE", "OWNER",
						   "TYPE", "PRI", "ACTION", "FROM"};
	int width[AC_COUNT];
	const char *cell[AC_COUNT];
	char retro[2][9];
	for (int c = 0; c < AC_COUNT; c++)
		width[c] = columns_of(head[c]);
	for (size_t i = 0; i < n; i++) {
		action_cells(&v[i], retro, cell);
		for (int c = 0; c < AC_COUNT; c++)
			if (columns_of(cli_safe_text(cell[c], false)) > width[c])
				width[c] = columns_of(cli_safe_text(cell[c], false));
	}
	if (width[AC_TITLE] > ACTION_COLUMN_MAX)
		width[AC_TITLE] = ACTION_COLUMN_MAX;
	for (size_t i = 0; i <= n; i++) {
		if (i == 0)
			memcpy(cell, head, sizeof cell);
		else
			action_cells(&v[i - 1], retro, cell);
		for (int c = 0; c < AC_FROM; c++)
			print_cell(cell[c], width[c]);
		puts(cli_safe_text(cell[AC_FROM], false));
	}
}

/* A line of `actions -f tsv`, made as the item is read (so the items are
 * never held: session_each_action); ctx: the listing's lines. */
static int action_tsv(const struct action *x, void *ctx)
{
	const char *cells[] = {x->id, x->retro_id, action_status_name(x->status), x->due, x->owner,
			       action_type_name(x->type), priority_name(x->priority), x->title,
			       x->retro_title};
	tsv_line(ctx, cells, 9, 1u << 2 | 1u << 5 | 1u << 6); /* names of our own */
	return 0;
}

static int actions_tsv(struct store *st, const struct action_filter *f, size_t *n, struct err *e)
{
	static const char *const head[] = {"id", "retro", "status", "due", "owner", "type", "priority",
					   "title", "retro_title"};
	struct strbuf out = {0};
	tsv_line(&out, head, 9, 0);
	return tsv_done(&out, session_each_action(st, f, action_tsv, &out, n, e));
}

/* A Jira priority for ours (its default scheme). */
static const char *jira_priority(enum priority p)
{
	switch (p) {
	case PRIO_P1: return "Highest";
	case PRIO_P2: return "High";
	case PRIO_P3: return "Medium";
	default: return "Low";
	}
}

/* The description an imported issue carries: where it came from, to find
 * it again (the retrospective's id and how to open it; the event or the
 * question it was raised from), and why it was dropped. */
static void csv_description(struct store *st, const struct action *x, const struct retro *r,
			    struct strbuf *d)
{
	struct err e;
	sb_printf(d, "From the blameless retrospective \"%s\"", r->title ? r->title : "");
	if (r->incident_ref && *r->incident_ref)
		sb_printf(d, " (%s, %s)", r->incident_ref, r->incident_date ? r->incident_date : "");
	else if (r->incident_date)
		sb_printf(d, " (%s)", r->incident_date);
	sb_printf(d, ".\nOpen it with: debrief %.8s (retrospective %s).", r->id, r->id);
	struct event ev;
	char *question = NULL;
	if (x->origin_event[0] && session_get_event(st, r->id, x->origin_event, &ev, &e) == ST_OK) {
		char clock[16];
		instant_format_clock(ev.time, clock, sizeof clock);
		clock[5] = '\0';
		sb_printf(d, "\nRaised from the timeline's %s %s: %s (event %s).", clock,
			  event_kind_title(ev.kind), ev.text ? ev.text : "", ev.id);
		event_free(&ev);
	} else if (x->origin_question[0] &&
		   session_get_question_title(st, r->id, x->origin_question, &question, &e) == ST_OK) {
		sb_printf(d, "\nRaised from the question: %s", question);
		free(question);
	}
	if (x->status == ACT_DROPPED && x->drop_reason)
		sb_printf(d, "\nDropped: %s", x->drop_reason);
}

static void csv_field(const char *s, bool last)
{
	s = cli_safe_text(s ? s : "", true);
	csv_fwrite(stdout, s, strlen(s));
	putchar(last ? '\n' : ',');
}

/* CSV with the columns Jira's CSV importer maps: Summary, Description,
 * Assignee, Due Date (YYYY-MM-DD), Labels (twice: debrief and the type),
 * Priority; written by libcsv. */
static int actions_csv(struct store *st, const struct action *v, size_t n)
{
	static const char *const head[] = {"Summary", "Description", "Assignee", "Due Date", "Labels",
					   "Labels", "Priority"};
	for (size_t c = 0; c < 7; c++)
		csv_field(head[c], c == 6);
	struct retro r = {0};
	struct err e;
	for (size_t i = 0; i < n; i++) {
		const struct action *x = &v[i];
		if (strcmp(r.id, x->retro_id) != 0) {
			retro_free(&r);
			if (session_get_retro(st, x->retro_id, &r, &e) != ST_OK)
				return cli_fail(&e);
		}
		struct strbuf d = {0};
		csv_description(st, x, &r, &d);
		csv_field(x->title, false);
		csv_field(d.s, false);
		csv_field(x->owner ? x->owner : "", false);
		csv_field(x->due ? x->due : "", false);
		csv_field("debrief", false);
		csv_field(x->type != ACT_TYPE_NONE ? action_type_name(x->type) : "", false);
		csv_field(jira_priority(x->priority), true);
		sb_free(&d);
	}
	retro_free(&r);
	return EXIT_OK;
}

int cmd_actions(int argc, char **argv, struct args *a)
{
	bool overdue = false;
	struct action_filter f = {0};
	const char *format = NULL;
	const struct option_def defs[] = {
		{"--open", NULL, false, NULL, &f.open},
		{"--overdue", NULL, false, NULL, &overdue},
		{"--owner", NULL, true, &f.owner, NULL},
		{"--format", "-f", true, &format, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	enum listing how = LISTING_TXT;
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("actions takes no arguments ('%s')", a->pos[0]);
	if ((rc = listing_format(format, true, &how)))
		return rc;
	/* Overdue: open, and due before today (DEBRIEF_NOW pins it). */
	char today[16];
	model_today(today, sizeof today);
	if (overdue)
		f.overdue_before = today;
	struct store *st;
	if ((rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st)))
		return rc;
	struct err e = {0};
	struct action *v = NULL;
	size_t n = 0;
	/* (tsv: made as the items are read, without the list) */
	if (how != LISTING_TSV && session_list_all_actions(st, &f, &v, &n, &e) != 0) {
		session_close(st);
		return cli_fail(&e);
	}
	rc = EXIT_OK;
	if (how == LISTING_TSV) {
		rc = actions_tsv(st, &f, &n, &e) == 0 ? EXIT_OK : cli_fail(&e);
	} else if (how == LISTING_JSON) {
		struct strbuf json = {0};
		rc = session_all_actions_json(st, &f, &json, &e);
		if (rc == 0)
			fputs(sb_str(&json), stdout);
		sb_free(&json);
		rc = rc == 0 ? EXIT_OK : cli_fail(&e);
	} else if (how == LISTING_CSV) {
		rc = actions_csv(st, v, n);
	} else if (n == 0) {
		fprintf(stderr, "No %saction items%s%s.\n", overdue ? "overdue " : f.open ? "open " : "",
			f.owner ? " owned by " : "", f.owner ? cli_safe_text(f.owner, false) : "");
	} else {
		print_actions(v, n);
	}
	if (v)
		model_free_actions(v, n);
	session_close(st);
	/* Anything overdue: 3, for cron and a shell's prompt. */
	return rc == EXIT_OK && overdue && n > 0 ? EXIT_OVERDUE : rc;
}

/* debrief check: SQLite's integrity and foreign-key checks, the schema,
 * rows that point at nothing. Exit 1 with what is wrong, a line each. */
int cmd_check(int argc, char **argv, struct args *a)
{
	int rc = cli_parse_options(argc, argv, 2, NULL, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("check takes no arguments ('%s')", a->pos[0]);
	struct store *st;
	if ((rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st)))
		return rc;
	struct strbuf report = {0};
	size_t problems = 0, n = 0;
	struct err e = {0};
	if (session_check(st, &report, &problems, &e) != 0 ||
	    (!problems && session_count_retros(st, NULL, &n, &e) != 0)) {
		sb_free(&report);
		session_close(st);
		return cli_fail(&e);
	}
	if (problems) {
		fputs(cli_safe_text(sb_str(&report), true), stdout);
		fprintf(stderr, "debrief: %s: %zu problem%s found\n", session_path(st), problems,
			problems == 1 ? "" : "s");
		rc = EXIT_FAIL;
	} else {
		printf("ok: %s: schema %d, %zu retrospective%s, integrity and foreign keys checked\n",
		       cli_safe_text(session_path(st), false), STORE_SCHEMA_VERSION, n, n == 1 ? "" : "s");
	}
	sb_free(&report);
	session_close(st);
	return rc;
}
