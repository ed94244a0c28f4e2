/* debrief action done|drop|reopen|assign ID ...: following an action item
 * up from a script or a prompt, whichever retrospective it is of (a closed
 * one too). */
#include <stdio.h>
#include <string.h>

#include "cli_internal.h"
#include "debrief/cli.h"
#include "debrief/model.h"

static const struct {
	const char *verb;
	int args; /* after the id */
	bool set_status;
	enum action_status status;
	const char *said; /* what was done, for stderr */
} VERBS[] = {
	{"done", 0, true, ACT_DONE, "Done"},
	{"drop", 0, true, ACT_DROPPED, "Dropped"},
	{"reopen", 0, true, ACT_OPEN, "Open again"},
	{"assign", 1, false, ACT_OPEN, "Assigned"},
};

int cmd_action(int argc, char **argv, struct args *a)
{
	const char *reason = NULL, *due = NULL;
	const struct option_def defs[] = {
		{"--reason", NULL, true, &reason, NULL},
		{"--due", NULL, true, &due, NULL},
		{NULL, NULL, false, NULL, NULL},
	};
	int rc = cli_parse_options(argc, argv, 2, defs, a);
	if (rc)
		return rc;
	size_t v = 0, nv = sizeof VERBS / sizeof VERBS[0];
	while (a->n_pos && v < nv && strcmp(a->pos[0], VERBS[v].verb) != 0)
		v++;
	if (a->n_pos == 0 || v == nv)
		return cli_usage_error("action needs what to do: done, drop, reopen or assign%s", "");
	if (a->n_pos != 2 + VERBS[v].args)
		return cli_usage_error(VERBS[v].args ? "action %s needs an action item's id and an owner"
						      : "action %s needs an action item's id, and nothing more",
				       VERBS[v].verb);
	if (VERBS[v].status == ACT_DROPPED && VERBS[v].set_status && !reason)
		return cli_usage_error("action drop needs --reason \"not doing, because ...\"%s", "");
	if (reason && !(VERBS[v].set_status && VERBS[v].status == ACT_DROPPED))
		return cli_usage_error("--reason is for action drop%s", "");
	if (due && VERBS[v].set_status)
		return cli_usage_error("--due is for action assign%s", "");
	struct store *st;
	if ((rc = cli_open_store(a, STORE_WRITE, &st)))
		return rc;
	struct err e = {0};
	struct action before;
	struct undo_log log = {0};
	struct action_change c = {
		.set_status = VERBS[v].set_status,
		.status = VERBS[v].status,
		.reason = reason,
		.set_owner = VERBS[v].args == 1,
		.owner = VERBS[v].args == 1 ? a->pos[2] : NULL,
		.set_due = due != NULL,
		.due = due,
	};
	rc = model_find_action(st, a->pos[1], &before, &e);
	bool found = rc == ST_OK;
	if (found && (rc = model_follow_up_action(st, &log, &before, &c, &e)) == 0) {
		/* (cli_safe_text's text lasts until its next call: one at a time.) */
		fprintf(stderr, "%s: \"%s\" (%.8s)", VERBS[v].said, cli_safe_text(before.title, false),
			before.id);
		if (c.set_owner)
			fprintf(stderr, ", to %s", cli_safe_text(c.owner, false));
		if (due)
			fprintf(stderr, ", due %s", cli_safe_text(due, false));
		fputs(".\n", stderr);
	}
	if (found)
		action_free(&before);
	undo_log_free(&log);
	session_close(st);
	return rc == 0 ? EXIT_OK : cli_fail(&e);
}
