/* debrief search: every retrospective's titles, events, notes, questions,
 * action items and parked ideas, through the search index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/model.h"

/* Hits shown at most. */
#define SEARCH_LIMIT 200
/* The match's ends while a snippet is made safe to print (cli_safe_text
 * leaves them as they are). */
#define MARK_OPEN SEARCH_MARK_OPEN
#define MARK_CLOSE SEARCH_MARK_CLOSE

static const char *const KIND_WORD[] = {"title", "event", "note", "question", "action", "parked", "label"};

/* The snippet as printed: the match in bold on a terminal that may show
 * it, else between « and ». */
static void print_snippet(const char *snippet, bool bold)
{
	const char *s = cli_safe_text(snippet, false);
	for (const char *p = s; *p;) {
		if (strncmp(p, MARK_OPEN, 3) == 0) {
			fputs(bold ? "\033[1m" : "«", stdout);
			p += 3;
		} else if (strncmp(p, MARK_CLOSE, 3) == 0) {
			fputs(bold ? "\033[0m" : "»", stdout);
			p += 3;
		} else {
			putchar(*p++);
		}
	}
	putchar('\n');
}

static void print_hits(const struct search_hit *v, size_t n)
{
	const char *nc = getenv("NO_COLOR");
	bool bold = isatty(STDOUT_FILENO) && !(nc && *nc);
	for (size_t i = 0; i < n; i++) {
		const struct search_hit *h = &v[i];
		if (i == 0 || strcmp(h->retro_id, v[i - 1].retro_id) != 0) {
			printf("%s", i ? "\n" : "");
			if (h->incident_ref && *h->incident_ref)
				printf("%s · ", cli_safe_text(h->incident_ref, false));
			printf("%s (%.8s)\n", cli_safe_text(h->retro_title, false), h->retro_id);
		}
		char when[32] = "";
		if (h->at.at && h->kind != SEARCH_RETRO && h->kind != SEARCH_LABEL) {
			char date[16], clock[16];
			instant_format_date(h->at, date, sizeof date);
			instant_format_clock(h->at, clock, sizeof clock);
			clock[5] = '\0';
			snprintf(when, sizeof when, "%s %s", date, clock);
		}
		printf("  %-15s %-16s %-8s ", h->stage ? stage_title(h->stage) : "", when,
		       KIND_WORD[h->kind]);
		print_snippet(h->snippet ? h->snippet : "", bold);
	}
}

int cmd_search(int argc, char **argv, struct args *a)
{
	const char *format = NULL, *retro = NULL;
	const struct option_def defs[] = {
		{"--retro", NULL, true, &retro, NULL},
		{"--format", "-f", true, &format, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos == 0)
		return cli_usage_error("search needs what to look for%s", "");
	bool json = format && strcmp(format, "json") == 0;
	if (format && !json && strcmp(format, "txt") != 0)
		return cli_usage_error("unknown format '%s' (txt or json)", format);
	struct strbuf query = {0};
	for (int i = 0; i < a->n_pos; i++)
		sb_printf(&query, "%s%s", i ? " " : "", a->pos[i]);
	struct store *st;
	if ((rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st))) {
		sb_free(&query);
		return rc;
	}
	char id[ID_LEN];
	struct err e = {0};
	if (retro && (rc = cli_resolve(st, retro, id))) {
		sb_free(&query);
		session_close(st);
		return rc;
	}
	if (json) {
		struct strbuf out = {0};
		rc = model_search_json(st, query.s, retro ? id : NULL, SEARCH_LIMIT, &out, &e);
		if (rc == 0)
			printf("%s\n", sb_str(&out));
		sb_free(&out);
	} else {
		struct search_hit *v;
		size_t n;
		rc = model_search(st, query.s, retro ? id : NULL, MARK_OPEN, MARK_CLOSE, SEARCH_LIMIT, &v, &n,
				  &e);
		if (rc == 0 && n == 0)
			fprintf(stderr, "Nothing matches '%s'.\n", cli_safe_text(query.s, false));
		if (rc == 0) {
			print_hits(v, n);
			if (n == SEARCH_LIMIT)
				fprintf(stderr, "(the first %d matches; say more to find fewer)\n", SEARCH_LIMIT);
		}
		if (rc == 0)
			model_free_hits(v, n);
	}
	sb_free(&query);
	session_close(st);
	return rc == 0 ? EXIT_OK : cli_fail(&e);
}
