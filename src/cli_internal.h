/* Private to the command line (cli*.c): its option parser, the helpers
 * every command uses, and the commands of the other files. */
#ifndef DEBRIEF_CLI_INTERNAL_H
#define DEBRIEF_CLI_INTERNAL_H

#include <stdbool.h>

#include "debrief/error.h"
#include "debrief/session.h"

struct option_def {
	const char *name;  /* "--format" */
	const char *alias; /* "-o" or NULL */
	bool has_arg;
	const char **value;
	bool *flag;
};

struct args {
	const char *db;
	bool no_config;  /* --no-config: no settings file is read */
	char **pos;      /* positional arguments */
	int n_pos;
};

/* "debrief: <problem>" and a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *what);
/* Parses argv[first..] against defs (plus the global --db). Returns 0, or an
 * exit status after printing the problem. */
/* A repeatable option (--tag a --tag b): takes every one of argv[first..]
 * out of argv (before any "--"), its values appended to out, commas
 * between; EXIT_USAGE (said) when one has no value. */
int cli_take_repeated(int *argc, char **argv, int first, const char *name, struct strbuf *out);
int cli_parse_options(int argc, char **argv, int first, const struct option_def *defs,
		      struct args *a);
/* Text from the file (titles, owners) or quoted in a message, made safe
 * to print as the screen shows it; valid until the next call. */
const char *cli_safe_text(const char *s, bool lines);
/* The same, added to b (s may be NULL: nothing). */
void cli_add_safe(struct strbuf *b, const char *s, bool lines);
/* Prints the error; returns EXIT_FAIL. */
int cli_fail(const struct err *e);
int cli_open_store(const struct args *a, enum store_open_flags flags, struct store **st);
/* An id or a unique prefix into id; EXIT_OK or EXIT_FAIL (said). */
int cli_resolve(struct store *st, const char *prefix, char id[ID_LEN]);

/* cli_report.c: the commands that print reports. */
int cmd_list(int argc, char **argv, struct args *a);
int cmd_actions(int argc, char **argv, struct args *a);
int cmd_check(int argc, char **argv, struct args *a);
/* cli_lookup.c */
int cmd_delete(int argc, char **argv, struct args *a);
int cmd_restore(int argc, char **argv, struct args *a);
/* cli_action.c */
int cmd_action(int argc, char **argv, struct args *a);
/* cli_search.c */
int cmd_search(int argc, char **argv, struct args *a);
/* cli_export.c */
int cmd_export(int argc, char **argv, struct args *a);
/* cli_stats.c */
int cmd_stats(int argc, char **argv, struct args *a);

/* cli_config.c: the files a team writes. */
int cmd_agendas(int argc, char **argv, struct args *a);
struct config;
/* The settings in force into c (none read with --no-config), the
 * environment over them, their key bindings put in the key table. A bad
 * line: said with FILE:LINE and how to start without the files, and
 * EXIT_FAIL (c empty). */
int cli_settings(const struct args *a, struct config *c);
/* --dump-config: the settings in force, each with where it came from. */
int cli_dump_config(const struct args *a, const char *look);

#endif
