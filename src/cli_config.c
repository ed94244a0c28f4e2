/* The command line's side of the files a team writes: 'debrief agendas'
 * lists the agendas there are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "debrief/agenda.h"
#include "debrief/cli.h"
#include "debrief/text.h"

/* "45 min", or "-" without timeboxes. */
static void minutes(int64_t secs, char *buf, size_t size)
{
	if (secs > 0)
		snprintf(buf, size, "%lld min", (long long)(secs / 60));
	else
		snprintf(buf, size, "-");
}

/* debrief agendas [-f txt|tsv]: each agenda file found, the default first:
 * its name, how many questions, the timeboxes added up, and where it is
 * from. One that is malformed, or not used because another of its name
 * comes first, says why; a malformed one makes the exit status 1. */
int cmd_agendas(int argc, char **argv, struct args *a)
{
	const char *format = NULL;
	const struct option_def defs[] = {
		{"--format", "-f", true, &format, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("agendas takes no arguments ('%s')", a->pos[0]);
	bool tsv = format && strcmp(format, "tsv") == 0;
	if (format && !tsv && strcmp(format, "txt") != 0)
		return cli_usage_error("unknown format '%s' (txt or tsv)", format);
	struct agenda_info *v;
	size_t n;
	struct err e = {0};
	if (agenda_list(&v, &n, &e) != 0)
		return cli_fail(&e);
	if (tsv)
		puts("name\tquestions\tminutes\twhere\tpath\tproblem");
	else
		printf("%-16s %9s  %-8s  %s\n", "NAME", "QUESTIONS", "TIME", "FROM");
	for (size_t i = 0; i < n; i++) {
		const struct agenda_info *ag = &v[i];
		char time[32], count[24];
		minutes(ag->total_secs, time, sizeof time);
		snprintf(count, sizeof count, "%zu", ag->n_questions);
		bool malformed = ag->problem && strncmp(ag->problem, "not used", 8) != 0;
		if (malformed)
			rc = EXIT_FAIL;
		if (tsv) {
			printf("%s\t%s\t%lld\t%s\t", ag->name, ag->used ? count : "",
			       (long long)(ag->total_secs / 60), ag->where);
			printf("%s\t", cli_safe_text(ag->path, false));
			printf("%s\n", cli_safe_text(ag->problem ? ag->problem : "", false));
			continue;
		}
		printf("%-16s %9s  %-8s  %s (%s)\n", ag->name, ag->used ? count : "-",
		       ag->used ? time : "-", ag->where, cli_safe_text(ag->path, false));
		if (ag->problem)
			printf("%16s   %s: %s\n", "", malformed ? "refused" : "note",
			       cli_safe_text(ag->problem, false));
	}
	if (rc == EXIT_FAIL && !tsv)
		fputs("debrief: a malformed agenda is refused by 'debrief new --agenda'; the others are fine\n",
		      stderr);
	agenda_list_free(v, n);
	return rc;
}
