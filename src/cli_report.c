/* The command line's reports: the list of retrospectives, the action items
 * across them, and the check of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/model.h"
#include "debrief/paths.h"
#include "debrief/text.h"
#include "debrief/timeutil.h"

/* --format of the listings: for people (txt, the default), or for scripts
 * and completions (tsv: a header line, then a line a row, tabs between;
 * json: an array of objects), with full ids. */
enum listing { LISTING_TXT, LISTING_TSV, LISTING_JSON };

static int listing_format(const char *name, enum listing *out)
{
	static const char *const names[] = {"txt", "tsv", "json"};
	for (size_t i = 0; i < 3; i++)
		if (!name || strcmp(name, names[i]) == 0) {
			*out = name ? (enum listing)i : LISTING_TXT;
			return EXIT_OK;
		}
	return cli_usage_error("unknown format '%s' (txt, tsv or json)", name);
}

/* A line of tab-separated cells, each cleaned as the screen shows text (a
 * tab or a line break in it is shown as its symbol, never splits it). */
static void print_tsv(const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs(cli_safe_text(cells[i] ? cells[i] : "", false), stdout);
		putchar(i + 1 < n ? '\t' : '\n');
	}
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

static void list_tsv(const struct retro_summary *v, size_t n, bool deleted)
{
	static const char *const head[] = {"id", "date", "status", "events", "open_actions", "title",
					   "deleted"};
	size_t cols = deleted ? 7 : 6;
	print_tsv(head, cols);
	for (size_t i = 0; i < n; i++) {
		const struct retro *r = &v[i].retro;
		char events[24], open[24], when[64];
		snprintf(events, sizeof events, "%d", v[i].events);
		snprintf(open, sizeof open, "%d", v[i].actions_open);
		deleted_when(r->deleted_at, true, when, sizeof when);
		const char *cells[] = {r->id, r->incident_date, retro_status_name(r->status), events, open,
				       r->title, when};
		print_tsv(cells, cols);
	}
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
		printf("%s  %-10s  %-11s  %6d  %4d  %s%s%s\n", rid, date, retro_status_name(r->status),
		       v[i].events, v[i].actions_open, when, deleted ? "  " : "", cli_safe_text(r->title, false));
	}
}

int cmd_list(int argc, char **argv, struct args *a)
{
	const char *format = NULL;
	bool deleted = false;
	const struct option_def defs[] = {
		{"--format", "-f", true, &format, NULL},
		{"--deleted", NULL, false, NULL, &deleted},
		{NULL, NULL, false, NULL, NULL},
	};
	enum listing how = LISTING_TXT;
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("list takes no arguments ('%s')", a->pos[0]);
	if ((rc = listing_format(format, &how)))
		return rc;
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
	const struct retro_filter which = {.deleted = deleted};
	if (how == LISTING_JSON) {
		struct strbuf json = {0};
		return print_json(st, session_retros_json(st, &which, &json, &e), &json, &e);
	}
	struct retro_summary *v;
	size_t n;
	if (session_list_retros(st, &which, &v, &n, &e) != 0) {
		session_close(st);
		return cli_fail(&e);
	}
	if (how == LISTING_TSV)
		list_tsv(v, n, deleted);
	else
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
enum { AC_RETRO, AC_STATUS, AC_DUE, AC_OWNER, AC_TYPE, AC_PRI, AC_TITLE, AC_FROM, AC_COUNT };

static void action_cells(const struct action *x, char retro[9], const char *cell[AC_COUNT])
{
	snprintf(retro, 9, "%.8s", x->retro_id);
	cell[AC_RETRO] = retro;
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
	static const char *const head[AC_COUNT] = {"RETRO", "STATUS", "DUE", "OWNER",
						   "TYPE", "PRI", "ACTION", "FROM"};
	int width[AC_COUNT];
	const char *cell[AC_COUNT];
	char retro[9];
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

static void actions_tsv(const struct action *v, size_t n)
{
	static const char *const head[] = {"id", "retro", "status", "due", "owner", "type", "priority",
					   "title", "retro_title"};
	print_tsv(head, 9);
	for (size_t i = 0; i < n; i++) {
		const struct action *x = &v[i];
		const char *cells[] = {x->id, x->retro_id, action_status_name(x->status), x->due, x->owner,
				       action_type_name(x->type), priority_name(x->priority), x->title,
				       x->retro_title};
		print_tsv(cells, 9);
	}
}

int cmd_actions(int argc, char **argv, struct args *a)
{
	bool open_only = false;
	const char *owner = NULL, *format = NULL;
	const struct option_def defs[] = {
		{"--open", NULL, false, NULL, &open_only},
		{"--owner", NULL, true, &owner, NULL},
		{"--format", "-f", true, &format, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	enum listing how = LISTING_TXT;
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("actions takes no arguments ('%s')", a->pos[0]);
	if ((rc = listing_format(format, &how)))
		return rc;
	struct store *st;
	if ((rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st)))
		return rc;
	struct err e = {0};
	if (how == LISTING_JSON) {
		struct strbuf json = {0};
		return print_json(st, session_all_actions_json(st, open_only, owner, &json, &e), &json, &e);
	}
	struct action *v;
	size_t n;
	if (session_list_all_actions(st, open_only, owner, &v, &n, &e) != 0) {
		session_close(st);
		return cli_fail(&e);
	}
	if (how == LISTING_TSV)
		actions_tsv(v, n);
	else if (n == 0)
		fprintf(stderr, "No %saction items%s%s.\n", open_only ? "open " : "",
			owner ? " owned by " : "", owner ? owner : "");
	else
		print_actions(v, n);
	model_free_actions(v, n);
	session_close(st);
	return EXIT_OK;
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
