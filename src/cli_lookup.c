/* The command line: finding a retrospective by what is typed (an id, the
 * start of one, an incident reference), saying which one is meant when it
 * is not found among those looked in; and deleting and restoring one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/model.h"
#include "debrief/text.h"

/* One not found among those looked in, found among the others, is named:
 * "it is deleted" (or "it is not"), with what to do. */
static bool say_other_side(struct store *st, const char *prefix, bool deleted)
{
	char other[ID_LEN];
	struct err e = {0};
	struct retro r = {0};
	int rc = deleted ? session_resolve_retro(st, prefix, other, NULL, &e)
			 : session_resolve_deleted_retro(st, prefix, other, NULL, &e);
	if (rc != ST_OK || session_get_retro(st, other, &r, &e) != ST_OK)
		return false;
	char title[256];
	str_copy(title, sizeof title, cli_safe_text(r.title, false));
	if (deleted)
		fprintf(stderr, "debrief: \"%s\" (%.8s) is not deleted\n", title, other);
	else
		fprintf(stderr, "debrief: \"%s\" (%.8s) is deleted: 'debrief restore %.8s' brings it back\n",
			title, other, other);
	retro_free(&r);
	return true;
}

static int resolve(struct store *st, const char *prefix, bool deleted, char id[ID_LEN])
{
	struct err e = {0};
	struct strbuf cands = {0};
	int rc = deleted ? session_resolve_deleted_retro(st, prefix, id, &cands, &e)
			 : session_resolve_retro(st, prefix, id, &cands, &e);
	if (rc == ST_NOT_FOUND && say_other_side(st, prefix, deleted)) {
		/* said */
	} else if (rc != ST_OK) {
		cli_fail(&e);
		if (rc == ST_AMBIGUOUS)
			fputs(cli_safe_text(sb_str(&cands), true), stderr);
	}
	sb_free(&cands);
	return rc == ST_OK ? EXIT_OK : EXIT_FAIL;
}

int cli_resolve(struct store *st, const char *prefix, char id[ID_LEN])
{
	return resolve(st, prefix, false, id);
}

static int set_deleted(int argc, char **argv, struct args *a, bool deleted)
{
	const char *verb = deleted ? "delete" : "restore";
	int rc = cli_parse_options(argc, argv, 2, NULL, a);
	if (rc)
		return rc;
	if (a->n_pos != 1)
		return cli_usage_error("%s needs one RETRO", verb);
	struct store *st;
	if ((rc = cli_open_store(a, STORE_WRITE, &st)))
		return rc;
	char id[ID_LEN];
	struct err e = {0};
	struct retro r = {0};
	if ((rc = resolve(st, a->pos[0], !deleted, id)))
		goto out;
	if (session_get_retro(st, id, &r, &e) != ST_OK ||
	    (deleted ? model_retro_delete(st, NULL, id, &e) : model_retro_restore(st, id, &e)) != ST_OK) {
		rc = cli_fail(&e);
		goto out;
	}
	if (deleted)
		fprintf(stderr, "deleted \"%s\" (%.8s); 'debrief restore %.8s' brings it back\n",
			cli_safe_text(r.title, false), id, id);
	else
		fprintf(stderr, "restored \"%s\" (%.8s)\n", cli_safe_text(r.title, false), id);
out:
	retro_free(&r);
	session_close(st);
	return rc;
}

int cmd_delete(int argc, char **argv, struct args *a)
{
	return set_deleted(argc, argv, a, true);
}

int cmd_restore(int argc, char **argv, struct args *a)
{
	return set_deleted(argc, argv, a, false);
}

