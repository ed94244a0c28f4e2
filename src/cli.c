/* The command line: one function per command, each turning arguments into
 * calls on the model and storage, and results into lines of text. */
#include "debrief/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "debrief/agenda.h"
#include "debrief/config.h"
#include "debrief/demo.h"
#include "debrief/export.h"
#include "debrief/import.h"
#include "debrief/model.h"
#include "debrief/paths.h"
#include "debrief/session.h"
#include "debrief/text.h"
#include "debrief/keymap.h"
#include "debrief/ui.h"
#include "cli_internal.h"

#define IMPORT_MAX_BYTES (64u << 20)

/* --- a small option parser: long options anywhere, "--" ends them --- */

int cli_usage_error(const char *fmt, const char *what)
{
	fputs("debrief: ", stderr);
	fprintf(stderr, fmt, what);
	fputs("\nTry 'debrief --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Parses argv[first..] against defs (plus the global --db). Returns 0, or an
 * exit status after printing the problem. */
int cli_take_repeated(int *argc, char **argv, int first, const char *name, struct strbuf *out)
{
	size_t len = strlen(name);
	int kept = first;
	for (int i = first; i < *argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			while (i < *argc)
				argv[kept++] = argv[i++];
			break;
		}
		const char *v = NULL;
		if (strncmp(arg, name, len) == 0 && arg[len] == '=') {
			v = arg + len + 1;
		} else if (strcmp(arg, name) == 0) {
			if (i + 1 >= *argc)
				return cli_usage_error("option '%s' needs a value", name);
			v = argv[++i];
		} else {
			argv[kept++] = argv[i];
			continue;
		}
		if (!*v)
			return cli_usage_error("option '%s' needs a name", name);
		sb_printf(out, "%s%s", out->len ? "," : "", v);
	}
	*argc = kept;
	return 0;
}

int cli_parse_options(int argc, char **argv, int first, const struct option_def *defs,
			 struct args *a)
{
	bool only_pos = false;
	for (int i = first; i < argc; i++) {
		char *arg = argv[i];
		if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
			a->pos[a->n_pos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			continue;
		}
		const char *eq = strchr(arg, '=');
		size_t name_len = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
		const char *inline_val = eq && arg[1] == '-' ? eq + 1 : NULL;
		const struct option_def *d = NULL;
		static const char *db_value;
		static const struct option_def db_def = {"--db", NULL, true, &db_value, NULL};
		if (strncmp(arg, "--db", name_len) == 0 && name_len == 4) {
			d = &db_def;
		} else if (strcmp(arg, "--no-config") == 0) {
			a->no_config = true; /* (seen by cli_main already) */
			continue;
		} else {
			for (const struct option_def *x = defs; x && x->name; x++) {
				if ((strlen(x->name) == name_len && strncmp(arg, x->name, name_len) == 0) ||
				    (x->alias && strcmp(arg, x->alias) == 0)) {
					d = x;
					break;
				}
			}
		}
		if (!d)
			return cli_usage_error("unknown option '%s'", arg);
		if (d->has_arg) {
			const char *v = inline_val;
			if (!v) {
				if (i + 1 >= argc)
					return cli_usage_error("option '%s' needs a value", arg);
				v = argv[++i];
			}
			*d->value = v;
			if (d == &db_def)
				a->db = v;
		} else {
			if (inline_val)
				return cli_usage_error("option '%s' takes no value", arg);
			*d->flag = true;
		}
	}
	return 0;
}

/* Text from the file (titles, owners) or quoted in a message, made safe
 * to print as the screen shows it: an escape sequence in a title is shown,
 * never obeyed by the terminal (text_put_clean). Valid until the next
 * call. */
const char *cli_safe_text(const char *s, bool lines)
{
	static struct strbuf b;
	if (!s)
		return "";
	size_t n = strlen(s);
	if (text_clean_run(s, n, lines ? TEXT_MULTILINE : TEXT_SINGLE_LINE) == n)
		return s; /* nothing to make safe (most text) */
	sb_reset(&b);
	cli_add_safe(&b, s, lines);
	return sb_str(&b);
}

void cli_add_safe(struct strbuf *b, const char *s, bool lines)
{
	if (s)
		text_put_clean(b, s, strlen(s), lines ? TEXT_MULTILINE : TEXT_SINGLE_LINE);
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "debrief: %s\n", cli_safe_text(e->msg, false));
	return EXIT_FAIL;
}

/* A write that waits for another program's says so once, on stderr. */
static void say_waiting(const char *path, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "debrief: waiting for another program to finish writing %s ...\n", path);
}

int cli_open_store(const struct args *a, enum store_open_flags flags, struct store **st)
{
	struct err e = {0};
	struct strbuf path = {0};
	int rc = EXIT_OK;
	if (paths_database(a->db, &path, &e) != 0 || session_open(path.s, flags, st, &e) != 0) {
		rc = cli_fail(&e);
	} else if ((flags & STORE_WRITE) && session_check_quick(*st, &e) != 0) {
		/* A damaged file is not written to: what is wrong would spread. */
		session_close(*st);
		*st = NULL;
		rc = cli_fail(&e);
	} else {
		session_set_patience(*st, STORE_WAIT_PROGRESS, say_waiting, NULL);
	}
	sb_free(&path);
	return rc;
}

/* --- commands --- */

static int cmd_new(int argc, char **argv, struct args *a)
{
	const char *ref = NULL, *date = NULL, *sev = NULL, *fac = NULL, *scribe = NULL,
		   *people = NULL, *impact = NULL, *trigger = NULL, *agenda = NULL;
	struct strbuf services_typed = {0}, tags_typed = {0};
	const struct option_def defs[] = {
		{"--agenda", NULL, true, &agenda, NULL},
		{"--incident", NULL, true, &ref, NULL},
		{"--date", NULL, true, &date, NULL},
		{"--severity", NULL, true, &sev, NULL},
		{"--facilitator", NULL, true, &fac, NULL},
		{"--scribe", NULL, true, &scribe, NULL},
		{"--participants", NULL, true, &people, NULL},
		{"--impact", NULL, true, &impact, NULL},
		{"--trigger", NULL, true, &trigger, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	/* --service and --tag, each as often as wanted, or a list each. */
	int rc = cli_take_repeated(&argc, argv, 2, "--service", &services_typed);
	if (!rc)
		rc = cli_take_repeated(&argc, argv, 2, "--tag", &tags_typed);
	if (!rc)
		rc = cli_parse_options(argc, argv, 2, defs, a);
	char *services = NULL, *tags = NULL;
	struct err e = {0};
	if (!rc && (model_labels("service", sb_str(&services_typed), &services, &e) != 0 ||
		    model_labels("tag", sb_str(&tags_typed), &tags, &e) != 0))
		rc = cli_usage_error("%s", e.msg);
	sb_free(&services_typed);
	sb_free(&tags_typed);
	if (!rc && a->n_pos != 1)
		rc = cli_usage_error("%s", a->n_pos ? "new takes one TITLE (quote it)" : "new needs a TITLE");
	struct civil_date d;
	if (!rc && date && !date_parse(date, &d))
		rc = cli_usage_error("--date '%s' is not a real date as YYYY-MM-DD", date);
	if (rc) {
		free(services);
		free(tags);
		return rc;
	}

	/* Without --agenda, the settings' (the default unless set). */
	struct config cfg;
	if ((rc = cli_settings(a, &cfg))) {
		free(services);
		free(tags);
		return rc;
	}
	const char *set_at = agenda ? NULL : cfg.set[CFG_AGENDA].origin;
	char *origin = set_at ? xstrdup(set_at) : NULL;
	char *agenda_name = xstrdup(agenda ? agenda : config_get(&cfg, CFG_AGENDA));
	config_free(&cfg);
	/* The agenda is read before the file is opened: one unknown or
	 * malformed creates nothing, not even an empty database. */
	struct agenda ag;
	int loaded = agenda_load(agenda_name, &ag, &e);
	if (loaded != 0 && origin)
		err_prefix(&e, "%s: agenda", origin);
	free(origin);
	if (loaded != 0) {
		free(agenda_name);
		free(services);
		free(tags);
		return cli_fail(&e);
	}
	agenda_free(&ag);
	struct store *st;
	if ((rc = cli_open_store(a, STORE_CREATE, &st))) {
		free(agenda_name);
		free(services);
		free(tags);
		return rc;
	}
	struct retro r = {0};
	r.services = services;
	r.tags = tags;
#define DUP(x) ((x) ? xstrdup(x) : NULL)
	r.agenda = agenda_name;
	r.title = DUP(a->pos[0]);
	r.incident_ref = DUP(ref);
	r.incident_date = DUP(date);
	r.severity = DUP(sev);
	r.facilitator = DUP(fac);
	r.scribe = DUP(scribe);
	r.participants = DUP(people);
	r.impact = DUP(impact);
	r.trigger = DUP(trigger);
#undef DUP
	if (model_create_retro(st, &r, &e) != 0) {
		rc = cli_fail(&e);
	} else {
		/* Only the id on standard output, for scripts. */
		fprintf(stderr, "created \"%s\"\n", cli_safe_text(r.title, false));
		if (!date)
			fprintf(stderr, "debrief: no --date: the incident date is today, %s (i changes it in the meeting)\n",
				r.incident_date);
		printf("%s\n", r.id);
	}
	retro_free(&r);
	session_close(st);
	return rc;
}

static int cmd_demo(int argc, char **argv, struct args *a)
{
	int rc = cli_parse_options(argc, argv, 2, NULL, a);
	if (rc)
		return rc;
	if (a->n_pos)
		return cli_usage_error("demo takes no arguments ('%s')", a->pos[0]);
	struct store *st;
	if ((rc = cli_open_store(a, STORE_CREATE, &st)))
		return rc;
	char id[ID_LEN];
	struct err e = {0};
	if (demo_create(st, id, &e) != 0) {
		rc = cli_fail(&e);
	} else {
		fputs("created the demo retrospective \"Checkout failures after payments-api pool change\"\n",
		      stderr);
		printf("%s\n", id);
	}
	session_close(st);
	return rc;
}

static int cmd_import(int argc, char **argv, struct args *a)
{
	bool duplicates = false;
	const struct option_def defs[] = {
		{"--duplicates", NULL, false, NULL, &duplicates},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos != 2)
		return cli_usage_error("%s", "import needs RETRO and FILE (or - for standard input)");
	struct store *st;
	if ((rc = cli_open_store(a, STORE_WRITE, &st)))
		return rc;
	char id[ID_LEN];
	struct err e = {0};
	struct retro r = {0};
	char *data = NULL;
	size_t len = 0, n = 0, skipped = 0;
	struct event *ev = NULL;
	const char *file = a->pos[1];
	const char *shown = strcmp(file, "-") == 0 ? "<stdin>" : file;
	if ((rc = cli_resolve(st, a->pos[0], id)))
		goto out;
	if (session_get_retro(st, id, &r, &e) != ST_OK ||
	    file_read_all(file, IMPORT_MAX_BYTES, &data, &len, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	struct civil_date day, *dayp = NULL;
	if (r.incident_date && date_parse(r.incident_date, &day))
		dayp = &day;
	enum import_format fmt = import_detect(data, len);
	if (import_parse(data, len, shown, dayp, &ev, &n, &e) != 0 ||
	    model_add_events(st, id, ev, &n, duplicates, &skipped, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("imported %zu event%s (%s) into \"%s\"\n", n, n == 1 ? "" : "s",
	       import_format_name(fmt), cli_safe_text(r.title, false));
	if (skipped)
		printf("skipped %zu already there (the same time, kind and text; --duplicates keeps them)\n",
		       skipped);
out:
	model_free_events(ev, n);
	free(data);
	retro_free(&r);
	session_close(st);
	return rc;
}

/* debrief delete RETRO / restore RETRO: a retrospective out of sight, or
 * back. What it did goes to standard error; a failure changes nothing. */
/* Opening the program: the meeting on a retrospective, or the list of them.
 * Without a terminal, the list is printed as text instead. */
static const char *meant_command(const char *word);

static int cmd_open(int argc, char **argv, struct args *a)
{
	bool scribe = false, view = false;
	const char *look = NULL;
	const struct option_def defs[] = {
		{"--scribe", NULL, false, NULL, &scribe},
		{"--view", NULL, false, NULL, &view},
		{"--look", NULL, true, &look, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 1, defs, a);
	if (rc)
		return rc;
	if (a->n_pos > 1)
		return cli_usage_error("unknown command '%s'", a->pos[0]);
	const char *meant = a->n_pos == 1 ? meant_command(a->pos[0]) : NULL;
	if (meant) {
		fprintf(stderr, "debrief: unknown command '%s': did you mean '%s'?\n", a->pos[0], meant);
		fputs("Try 'debrief --help'.\n", stderr);
		return EXIT_USAGE;
	}
	if (scribe && view)
		return cli_usage_error("%s", "--scribe and --view do not go together");
	if (look && !ui_look_known(look))
		return cli_usage_error("unknown look '%s' (light, dark or mono)", look);
	if ((scribe || view) && a->n_pos == 0)
		return cli_usage_error("%s needs a RETRO", scribe ? "--scribe" : "--view");
	if (a->n_pos == 0 && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
		return cmd_list(1, argv, a);
	/* The settings, read before the screen is taken: a bad line is said
	 * on a plain terminal, with how to start without it. */
	struct config cfg;
	if ((rc = cli_settings(a, &cfg)))
		return rc;
	if (!look)
		look = config_get(&cfg, CFG_LOOK); /* ($DEBRIEF_LOOK's or the file's) */
	if (!ui_look_known(look)) {
		fprintf(stderr, "debrief: unknown look '%s' in $DEBRIEF_LOOK (light, dark or mono)\n",
			cli_safe_text(look, false));
		config_free(&cfg);
		return EXIT_USAGE;
	}
	struct store *st;
	/* A viewer changes nothing, so it needs no write access: a file it may
	 * not write is read (and its presence is not shown). */
	if ((rc = cli_open_store(a, view ? STORE_READ : a->n_pos ? STORE_WRITE : STORE_CREATE, &st))) {
		config_free(&cfg);
		return rc;
	}
	char id[ID_LEN];
	struct err e = {0};
	if (a->n_pos && (rc = cli_resolve(st, a->pos[0], id))) {
		session_close(st);
		config_free(&cfg);
		return rc;
	}
	struct ui_options opt = {
		.role = scribe ? ROLE_SCRIBE : view ? ROLE_PARTICIPANT : ROLE_FACILITATOR,
		.read_only = view,
		.follow = scribe || view,
		.look = look,
		.bell = config_on(&cfg, CFG_BELL),
		.nudge_off = !config_on(&cfg, CFG_NUDGE),
		.editor = config_get(&cfg, CFG_EDITOR),
		.export_dir = config_get(&cfg, CFG_EXPORT_DIR),
		.export_format = export_format_parse(config_get(&cfg, CFG_EXPORT_FORMAT)),
		.agenda = config_get(&cfg, CFG_AGENDA),
		.notes_pane = config_get(&cfg, CFG_NOTES_PANE),
	};
	if (ui_run(st, a->n_pos ? id : NULL, &opt, &e) != 0)
		rc = cli_fail(&e);
	session_close(st);
	config_free(&cfg);
	return rc;
}

/* A word of help: what to type, and what it does. */
struct cli_help {
	const char *what;
	const char *does;
};

/* The commands: what runs each, and its help (`debrief --help` is written
 * from this table, so it lists exactly what there is). */
struct cli_command {
	const char *name;
	const char *args; /* "TITLE [OPTIONS]" */
	const char *does;
	const struct cli_help *options; /* ending with {NULL}; NULL: none */
	int (*run)(int argc, char **argv, struct args *a);
};

static const struct cli_help NEW_OPTIONS[] = {
	{"--incident REF", "incident reference (e.g. INC-4127)"},
	{"--date YYYY-MM-DD", "the day of the incident (default: today)"},
	{"--severity S", "e.g. SEV2"},
	{"--service NAME", "a service affected (again for more, or a,b); names: letters, digits, - _ ."},
	{"--tag TAG", "a free tag, e.g. config (again for more, or a,b)"},
	{"--facilitator NAME", "who runs the meeting"},
	{"--scribe NAME", "who takes the notes"},
	{"--participants \"A, B\"", "who else takes part"},
	{"--impact TEXT", "customer impact"},
	{"--trigger TEXT", "what set it off"},
	{"--agenda NAME", "its questions and timeboxes (default: default; see 'agendas')"},
	{NULL, NULL},
};

static const struct cli_help LIST_OPTIONS[] = {
	{"--deleted", "the deleted ones instead, with when ('restore' brings one back)"},
	{"--service NAME", "only those with that service"},
	{"--tag TAG", "only those with that tag"},
	{NULL, NULL},
};

static const struct cli_help IMPORT_OPTIONS[] = {
	{"--duplicates", "keep events already there (same time, kind, text)"},
	{NULL, NULL},
};

static const struct cli_help EXPORT_OPTIONS[] = {
	{"--profile internal|external", "external: no notes, people by role, owners as 'assigned'"},
	{NULL, NULL},
};

static const struct cli_help ACTIONS_OPTIONS[] = {
	{"--overdue", "open ones past their due date; exit 3 when there are any"},
	{"-f csv", "for a tracker: the columns Jira's CSV import maps"},
	{NULL, NULL},
};

static const struct cli_help ACTION_OPTIONS[] = {
	{"--reason TEXT", "why it is dropped (drop needs it)"},
	{"--due YYYY-MM-DD", "a due date, with assign"},
	{NULL, NULL},
};

static const struct cli_help SEARCH_OPTIONS[] = {
	{"--retro RETRO", "in that retrospective only"},
	{NULL, NULL},
};

static const struct cli_help STATS_OPTIONS[] = {
	{"--by month|quarter", "the periods (default: month), by the incident's date"},
	{"--service NAME", "only the retrospectives of that service"},
	{NULL, NULL},
};

static const struct cli_command COMMANDS[] = {
	{"new", "TITLE [OPTIONS]", "start a retrospective; prints its id", NEW_OPTIONS, cmd_new},
	{"list", "[--deleted] [-f txt|tsv|json]", "every retrospective, newest first", LIST_OPTIONS,
	 cmd_list},
	{"demo", "", "create a realistic sample retrospective", NULL, cmd_demo},
	{"import", "RETRO FILE|-", "add a timeline from CSV, JSON or text lines", IMPORT_OPTIONS,
	 cmd_import},
	{"export", "RETRO [--format md|json|html|txt] [--profile P] [-o FILE]",
	 "the summary (Markdown by default, to stdout)", EXPORT_OPTIONS, cmd_export},
	{"actions", "[--open] [--overdue] [--owner NAME] [-f txt|tsv|json|csv]",
	 "action items across every retrospective (--overdue: exit 3 when any)", ACTIONS_OPTIONS,
	 cmd_actions},
	{"action", "done|drop|reopen|assign ID [OWNER] [--reason TEXT] [--due DATE]",
	 "follow an action item up: done, dropped (with why), open again, or assigned", ACTION_OPTIONS,
	 cmd_action},
	{"search", "WORDS... [--retro RETRO] [-f txt|json]",
	 "find words in every retrospective's titles, events, notes, questions, action items, services and tags",
	 SEARCH_OPTIONS, cmd_search},
	{"stats", "[--by month|quarter] [--service NAME] [-f txt|json]",
	 "figures over time: retrospectives, durations, action items, incident to meeting",
	 STATS_OPTIONS, cmd_stats},
	{"delete", "RETRO", "put a retrospective out of sight, kept until restored (a closed one too)",
	 NULL, cmd_delete},
	{"restore", "RETRO", "bring a deleted retrospective back", NULL, cmd_restore},
	{"check", "", "look the file over: integrity, schema, rows that point at nothing", NULL,
	 cmd_check},
	{"agendas", "[-f txt|tsv]", "the agendas 'new --agenda' takes: questions, time, where from",
	 NULL, cmd_agendas},
};

/* Edits (insert, delete, change a letter) from a to b, up to 9. */
static int edit_distance(const char *a, const char *b)
{
	size_t n = strlen(b);
	int row[16];
	if (n >= sizeof row / sizeof row[0] || strlen(a) >= 16)
		return 9;
	for (size_t j = 0; j <= n; j++)
		row[j] = (int)j;
	for (size_t i = 1; a[i - 1]; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= n; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[n];
}

/* The command a mistyped word was meant to be, or NULL. A word that could
 * be a retrospective's id (hex digits and dashes) is taken as one. */
static const char *meant_command(const char *word)
{
	if (strspn(word, "0123456789abcdefABCDEF-") == strlen(word))
		return NULL;
	for (size_t c = 0; c < sizeof COMMANDS / sizeof COMMANDS[0]; c++)
		if (edit_distance(word, COMMANDS[c].name) <= 2)
			return COMMANDS[c].name;
	return NULL;
}

/* The ways to open the meeting, and the options every command takes. */
static const struct cli_help OPENING[] = {
	{"[RETRO]", "open the meeting (no RETRO: the list)"},
	{"--scribe RETRO", "take notes, following the facilitator"},
	{"--view RETRO", "follow the meeting, read-only"},
	{"COMMAND [ARGS]", NULL},
	{NULL, NULL},
};
static const struct cli_help GLOBAL_OPTIONS[] = {
	{"--db PATH", "the database (default: $DEBRIEF_DB, else $XDG_DATA_HOME/debrief/debrief.db)"},
	{"-h, --help", "show this help"},
	{"--help-keys", "list the keys of the full-screen program (=actions: the actions' names, for bind)"},
	{"--look LOOK", "the screen: light (default), dark or mono ($DEBRIEF_LOOK)"},
	{"--no-config", "read no settings file (a bad one stops debrief; this starts it)"},
	{"--dump-config", "the settings in force, each with where it came from"},
	{"--version", "show the version"},
	{NULL, NULL},
};

#define HELP_COLUMN 26 /* where the help of each line starts */
#define HELP_WIDTH 79

/* "  what                      does", the help starting on the next line
 * when what leaves it no room, and wrapped at HELP_WIDTH. */
static void help_line(struct strbuf *b, int indent, const char *what, const char *does)
{
	int col = indent + text_width(what);
	sb_printf(b, "%*s%s", indent, "", what);
	if (does && col + 2 > HELP_COLUMN) {
		sb_putc(b, '\n');
		col = 0;
	}
	while (does && *does) {
		size_t n = strlen(does);
		if (HELP_COLUMN + (int)n > HELP_WIDTH) { /* the last blank that fits */
			n = (size_t)(HELP_WIDTH - HELP_COLUMN);
			while (n > 0 && does[n] != ' ')
				n--;
			if (n == 0)
				n = strcspn(does, " ");
		}
		sb_printf(b, "%*s%.*s\n", HELP_COLUMN - col, "", (int)n, does);
		col = 0;
		does += n;
		does += *does == ' ';
	}
	if (!does)
		sb_putc(b, '\n');
}

static void write_usage(struct strbuf *b)
{
	int wide = 0;
	for (const struct cli_help *h = OPENING; h->what; h++)
		wide = text_width(h->what) > wide ? text_width(h->what) : wide;
	for (const struct cli_help *h = OPENING; h->what; h++) {
		sb_printf(b, "%s debrief [--db PATH] %s", h == OPENING ? "usage:" : "      ", h->what);
		if (h->does)
			sb_printf(b, "%*s%s", wide - text_width(h->what) + 2, "", h->does);
		sb_putc(b, '\n');
	}
	sb_puts(b, "\nRun a blameless incident retrospective as a live meeting.\n\nCommands:\n");
	for (size_t c = 0; c < sizeof COMMANDS / sizeof COMMANDS[0]; c++) {
		char what[96];
		snprintf(what, sizeof what, "%s%s%s", COMMANDS[c].name, *COMMANDS[c].args ? " " : "",
			 COMMANDS[c].args);
		help_line(b, 2, what, COMMANDS[c].does);
		for (const struct cli_help *o = COMMANDS[c].options; o && o->what; o++)
			help_line(b, 6, o->what, o->does);
	}
	sb_puts(b, "\nRETRO is an id, any unique prefix of one, or an incident reference (INC-4127).\n"
		   "\nOptions:\n");
	for (const struct cli_help *o = GLOBAL_OPTIONS; o->what; o++)
		help_line(b, 2, o->what, o->does);
	sb_puts(b, "\nExit status: 0 ok, 1 failure, 2 wrong usage. See debrief(1).\n");
}

int cli_main(int argc, char **argv)
{
	struct args a = {0};
	a.pos = xcalloc((size_t)argc + 1, sizeof *a.pos);
	int rc = -1;
	/* The command is the first word that is not an option (or --db's value). */
	int cmd_at = 0;
	const char *look = NULL;
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		a.no_config |= strcmp(argv[i], "--no-config") == 0;
		if (strcmp(argv[i], "--look") == 0 && i + 1 < argc)
			look = argv[i + 1];
		else if (strncmp(argv[i], "--look=", 7) == 0)
			look = argv[i] + 7;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			struct strbuf usage = {0};
			write_usage(&usage);
			fputs(sb_str(&usage), stdout);
			sb_free(&usage);
			rc = EXIT_OK;
			break;
		}
		if (strcmp(argv[i], "--dump-config") == 0) {
			rc = cli_dump_config(&a, look);
			break;
		}
		if (strcmp(argv[i], "--help-keys") == 0 || strcmp(argv[i], "--help-keys=mdoc") == 0 ||
		    strcmp(argv[i], "--help-keys=actions") == 0) {
			/* The keys in force, the settings' bindings too; but the
			 * man page's (mdoc) and the actions' names are the
			 * program's own, whatever a user's file says (and a bad
			 * line in it must not hide the names that would mend it). */
			struct config cfg;
			if (argv[i][11] != '=' && (rc = cli_settings(&a, &cfg)))
				break;
			if (argv[i][11] != '=')
				config_free(&cfg);
			struct strbuf keys = {0};
			if (strcmp(argv[i] + 11, "=actions") == 0)
				keymap_describe_actions(&keys);
			else if (argv[i][11] == '=')
				keymap_describe_mdoc(&keys);
			else
				keymap_describe(&keys);
			fputs(sb_str(&keys), stdout);
			sb_free(&keys);
			rc = EXIT_OK;
			break;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("debrief %s\n", DEBRIEF_VERSION);
			rc = EXIT_OK;
			break;
		}
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--db") == 0) {
			i++;
			continue;
		}
		if (argv[i][0] != '-' && !cmd_at)
			cmd_at = i;
	}
	if (rc < 0 && cmd_at) {
		for (size_t c = 0; c < sizeof COMMANDS / sizeof COMMANDS[0]; c++) {
			if (strcmp(argv[cmd_at], COMMANDS[c].name) == 0) {
				/* Move the command word to argv[1] so each command
				 * parses from argv[2]. */
				char *word = argv[cmd_at];
				memmove(&argv[2], &argv[1], (size_t)(cmd_at - 1) * sizeof *argv);
				argv[1] = word;
				rc = COMMANDS[c].run(argc, argv, &a);
				break;
			}
		}
	}
	if (rc < 0)
		rc = cmd_open(argc, argv, &a);
	free(a.pos);
	/* What a command printed must have reached its reader (a full disk, a
	 * closed pipe): else the command failed, whatever it did. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "debrief: cannot write the output: %s\n", strerror(errno));
		if (rc == EXIT_OK)
			rc = EXIT_FAIL;
	}
	return rc;
}
