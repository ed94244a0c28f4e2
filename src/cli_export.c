/* debrief export: the summary of one retrospective, in a format, for an
 * audience (the profile). */
#include <string.h>
#include <strings.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/config.h"
#include "debrief/export.h"
#include "debrief/session.h"

/* Writes the summary of one retrospective to output (NULL or "-": stdout). */
static int run_export(const struct args *a, const char *retro, enum export_format f,
		      enum export_profile p, const char *output)
{
	struct store *st;
	int rc = cli_open_store(a, STORE_READ | STORE_READ_ONCE, &st);
	if (rc)
		return rc;
	char id[ID_LEN];
	struct err e = {0};
	if ((rc = cli_resolve(st, retro, id)))
		goto done;
	if (export_to_file_as(st, id, NULL, f, p, output, &e) != 0)
		rc = cli_fail(&e);
done:
	session_close(st);
	return rc;
}

int cmd_export(int argc, char **argv, struct args *a)
{
	const char *format = NULL, *output = NULL, *profile = NULL;
	const struct option_def defs[] = {
		{"--format", "-f", true, &format, NULL},
		{"--profile", NULL, true, &profile, NULL},
		{"--output", "-o", true, &output, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	if (a->n_pos != 1)
		return cli_usage_error("%s", "export needs one RETRO");
	int p = profile ? export_profile_parse(profile) : EXPORT_INTERNAL;
	if (p < 0)
		return cli_usage_error("unknown profile '%s' (internal or external)", profile);
	/* The format: --format, else -o's extension, else the settings'. */
	struct config cfg;
	if ((rc = cli_settings(a, &cfg)))
		return rc;
	int f = export_format_parse(config_get(&cfg, CFG_EXPORT_FORMAT));
	config_free(&cfg);
	/* A PDF is printed from the HTML, which is made for it. */
	size_t olen = output ? strlen(output) : 0;
	if ((format && strcasecmp(format, "pdf") == 0) ||
	    (!format && olen > 4 && strcasecmp(output + olen - 4, ".pdf") == 0))
		return cli_usage_error("%s", "no PDF of its own: export HTML (-f html) and print that to PDF "
					     "(debrief(1), under export, says how)");
	if (format) {
		f = export_format_parse(format);
		if (f < 0)
			return cli_usage_error("unknown format '%s' (md, json, html or txt)", format);
	} else if (output && strcmp(output, "-") != 0) {
		/* The extension picks the format; one that is none is refused
		 * as an unknown --format is (it wrote Markdown into out.pdf). */
		f = export_format_of_path(output);
		if (f < 0)
			return cli_usage_error("unknown extension in '%s' (.md, .json, .html or .txt; or give --format)",
					       output);
	}
	return run_export(a, a->pos[0], (enum export_format)f, (enum export_profile)p, output);
}
