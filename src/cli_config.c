/* The command line's side of the files a team writes: the settings
 * (read for the commands that use them, --dump-config), and 'debrief
 * agendas' listing the agendas there are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "debrief/agenda.h"
#include "debrief/cli.h"
#include "debrief/config.h"
#include "debrief/keymap.h"
#include "debrief/paths.h"
#include "debrief/text.h"

/* A setting not in the files, from the environment: origin names it. */
static void from_env(struct config *c, enum config_key k, const char *var)
{
	const char *v = getenv(var);
	if (v && *v) {
		char origin[64];
		snprintf(origin, sizeof origin, "$%s", var);
		config_set(c, k, v, origin);
	}
}

int cli_settings(const struct args *a, struct config *c)
{
	struct err e = {0};
	memset(c, 0, sizeof *c);
	if (!a->no_config && config_load(c, &e) != 0)
		goto bad;
	/* The key table takes the bindings, each checked there. */
	keymap_reset();
	for (size_t i = 0; i < c->n_binds; i++) {
		const struct config_bind *b = &c->binds[i];
		if (keymap_bind(b->scope, b->key, b->action, &e) != 0) {
			err_prefix(&e, "%s: bind", b->origin);
			keymap_reset();
			goto bad;
		}
	}
	/* The environment: $DEBRIEF_LOOK over the file (--look over both,
	 * where the command takes it); the editor as git finds its own, the
	 * file's before $VISUAL before $EDITOR. */
	from_env(c, CFG_LOOK, "DEBRIEF_LOOK");
	if (!c->set[CFG_EDITOR].value) {
		from_env(c, CFG_EDITOR, "EDITOR");
		from_env(c, CFG_EDITOR, "VISUAL");
	}
	if (!c->set[CFG_EDITOR].value)
		config_set(c, CFG_EDITOR, "vi", NULL);
	return EXIT_OK;
bad:
	config_free(c);
	fprintf(stderr, "debrief: %s\n", cli_safe_text(e.msg, false));
	fputs("debrief: correct that line, or start without the settings files: debrief --no-config\n",
	      stderr);
	return EXIT_FAIL;
}

/* Whether DIR/config is there. */
static bool file_there(const char *dir)
{
	struct strbuf p = {0};
	sb_printf(&p, "%s/config", dir);
	bool there = access(p.s, F_OK) == 0;
	sb_free(&p);
	return there;
}

int cli_dump_config(const struct args *a, const char *look)
{
	struct config c;
	int rc = cli_settings(a, &c);
	if (rc)
		return rc;
	if (look)
		config_set(&c, CFG_LOOK, look, "--look");
	struct strbuf out = {0}, path = {0};
	struct err e = {0};
	if (a->no_config) {
		sb_puts(&out, "# --no-config: no settings file read\n");
	} else {
		/* The files looked at, in the order they are read. */
		paths_sysconf_dir(&path);
		sb_printf(&out, "# %s/config%s\n", path.s, file_there(path.s) ? "" : " (not there)");
		if (paths_config_dir(&path, &e) == 0)
			sb_printf(&out, "# %s/config%s\n", path.s, file_there(path.s) ? "" : " (not there)");
	}
	sb_free(&path);
	config_dump(&c, &out);
	fputs(cli_safe_text(out.s, true), stdout);
	sb_free(&out);
	config_free(&c);
	return EXIT_OK;
}

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
