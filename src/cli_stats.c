/* debrief stats: figures over time, a period (month or quarter) at a
 * time, from every retrospective not deleted (model_stats). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/model.h"

/* The severities of a period on one line: "SEV1 2 · SEV2 1 · none 1". */
static void print_severities(const struct stats_period *p)
{
	for (size_t i = 0; i < p->n_severities; i++) {
		const struct stats_count *c = &p->severities[i];
		printf("%s%s %zu", i ? " · " : ": ",
		       c->name ? cli_safe_text(c->name, false) : "no severity", c->n);
	}
	putchar('\n');
}

/* A row of a figure: its median, its worst and how many had it; "—"
 * when none had it. */
static void print_figure(const struct stats_period *p, int figure)
{
	const struct stats_figure *f = model_stats_figure(p, figure);
	char med[32] = "—", worst[32] = "—";
	if (f->n) {
		model_stats_value(figure, f->median, med, sizeof med);
		model_stats_value(figure, f->worst, worst, sizeof worst);
	}
	/* (Right-aligned by display columns: "—" is one, of three bytes.) */
	printf("  %-20s %*s %*s %5zu", model_stats_label(figure),
	       9 + (int)(strlen(med) - (size_t)text_width(med)), med,
	       9 + (int)(strlen(worst) - (size_t)text_width(worst)), worst, f->n);
	if (figure == STATS_DURATIONS && f->n)
		printf("   %zu within two business days", p->met_in_two);
	putchar('\n');
}

static void print_period(const struct stats_period *p)
{
	printf("\n%s  %zu retrospective%s", p->name, p->retros, p->retros == 1 ? "" : "s");
	print_severities(p);
	printf("  %-20s %9s %9s %5s\n", "", "median", "worst", "of");
	for (int k = 0; k < STATS_FIGURES; k++)
		print_figure(p, k);
	printf("  %-20s %zu opened · %zu done · %zu dropped · %zu overdue\n", "action items",
	       p->opened, p->done, p->dropped, p->overdue);
	size_t known = p->done_on_time + p->done_late;
	if (known)
		printf("  %-20s %zu of %zu done by their due date (%zu%%)", "", p->done_on_time, known,
		       (p->done_on_time * 100 + known / 2) / known);
	else if (p->done_unknown)
		printf("  %-20s none done with a due date and a known day", "");
	if (p->done_unknown)
		printf("%s%zu not known", known ? "; " : ": ", p->done_unknown);
	if (known || p->done_unknown)
		putchar('\n');
}

static void print_stats(const struct stats *s)
{
	printf("Figures by %s%s%s, %s to %s (today %s)\n", s->quarters ? "quarter" : "month",
	       s->service ? " for " : "", s->service ? cli_safe_text(s->service, false) : "",
	       s->v[0].name, s->v[s->n - 1].name, s->today);
	for (size_t i = 0; i < s->n; i++)
		print_period(&s->v[i]);
}

int cmd_stats(int argc, char **argv, struct args *a)
{
	const char *format = NULL, *by = NULL, *service = NULL;
	const struct option_def defs[] = {
		{"--by", NULL, true, &by, NULL},
		{"--service", NULL, true, &service, NULL},
		{"--format", "-f", true, &format, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("stats takes no arguments ('%s')", a->pos[0]);
	if (by && strcmp(by, "month") != 0 && strcmp(by, "quarter") != 0)
		return cli_usage_error("unknown period '%s' (month or quarter)", by);
	bool json = format && strcmp(format, "json") == 0;
	if (format && !json && strcmp(format, "txt") != 0)
		return cli_usage_error("unknown format '%s' (txt or json)", format);
	if (service && !*service)
		return cli_usage_error("--service needs a name%s", "");
	struct store *st;
	struct err e = {0};
	if ((rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st)))
		return rc;
	struct stats s;
	if (model_stats(st, by && strcmp(by, "quarter") == 0, service, &s, &e) != 0) {
		session_close(st);
		return cli_fail(&e);
	}
	if (s.n == 0) {
		if (service)
			fprintf(stderr, "No retrospectives of the service '%s'.\n", cli_safe_text(service, false));
		else
			fputs("No retrospectives yet: try 'debrief demo' or 'debrief new TITLE'.\n", stderr);
	}
	if (json) {
		struct strbuf out = {0};
		rc = model_stats_json(st, &s, &out, &e);
		if (rc == 0)
			printf("%s\n", sb_str(&out));
		sb_free(&out);
	} else if (s.n) {
		print_stats(&s);
	}
	model_stats_free(&s);
	session_close(st);
	return rc == 0 ? EXIT_OK : cli_fail(&e);
}
