/* Unit tests: storage is an interface. The model runs on a second backend
 * (a stand-in that hands every operation on to SQLite's, counting them and
 * refusing the ones it is told to), so nothing above storage depends on
 * which implementation is below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/model.h"
#include "debrief/store_backend.h"
#include "tap.h"

#define MAX_OPS 96

/* The stand-in's connection: the head every backend's begins with. */
struct proxy {
	struct store_head head;
	struct store *inner;
	const char *refuse; /* the operation to fail, or NULL */
	const char *seen[MAX_OPS];
	unsigned calls[MAX_OPS];
	size_t n_seen;
};

static void count(struct proxy *px, const char *op)
{
	for (size_t i = 0; i < px->n_seen; i++)
		if (strcmp(px->seen[i], op) == 0)
			return (void)px->calls[i]++;
	if (px->n_seen < MAX_OPS) {
		px->seen[px->n_seen] = op;
		px->calls[px->n_seen++] = 1;
	}
}

static unsigned calls(const struct proxy *px, const char *op)
{
	for (size_t i = 0; i < px->n_seen; i++)
		if (strcmp(px->seen[i], op) == 0)
			return px->calls[i];
	return 0;
}

/* Each operation: counted, refused when told (an int operation fails as
 * storage fails, with -1), else done by SQLite's backend on the inner
 * connection (the parameter st is the stand-in's until it is swapped). */
#define PROXY_OP_(r, op, p, a)                                                  \
	static r proxy_##op p                                                   \
	{                                                                       \
		struct proxy *px = (struct proxy *)(void *)st;                 \
		count(px, #op);                                                 \
		if (px->refuse && strcmp(px->refuse, #op) == 0)                 \
			return _Generic((r)0, int: -1, default: (r)0);          \
		st = px->inner;                                                 \
		return store_##op a;                                            \
	}
STORE_OPS(PROXY_OP_)
#undef PROXY_OP_

static void proxy_close(struct store *st)
{
	store_close(((struct proxy *)(void *)st)->inner);
}

static const struct store_ops proxy_ops = {
	.name = "proxy",
	.close = proxy_close,
#define PROXY_FIELD_(r, op, p, a) .op = proxy_##op,
	STORE_OPS(PROXY_FIELD_)
#undef PROXY_FIELD_
};

static void load(struct store *st, const char *rid, size_t *events, size_t *notes)
{
	struct retro_doc d;
	struct err e = {0};
	*events = *notes = (size_t)-1;
	if (model_load(st, rid, &d, &e) != 0)
		return;
	*events = d.n_events;
	*notes = d.n_notes;
	model_doc_free(&d);
}

int main(void)
{
	char dir[] = "/tmp/debrief-backend.XXXXXX", path[64], cmd[96];
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/b.db", dir);
	struct err e = {0};
	struct proxy px = {.head.ops = &proxy_ops};
	ok(store_open(path, STORE_CREATE, &px.inner, &e) == 0, "SQLite's backend opens (%s)", e.msg);
	struct store *st = (struct store *)(void *)&px;
	is_str(store_path(st), path, "the stand-in is asked where it is, and says");

	struct retro r = {.title = xstrdup("On another backend")};
	ok(model_create_retro(st, &r, &e) == 0, "the model creates a retrospective through it");
	ok(calls(&px, "create_retro") == 1, "by the stand-in's create_retro");
	char rid[ID_LEN];
	memcpy(rid, r.id, ID_LEN);
	retro_free(&r);

	struct undo_log log = {0};
	struct event ev = {.time = {1000, 0}, .kind = EV_TRIGGER, .text = "deployed"};
	ok(model_add_event(st, &log, rid, &ev, &e) == 0, "adds an event");
	struct note n1 = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "first"};
	struct note n2 = {.stage = STAGE_TIMELINE, .role = ROLE_SCRIBE, .body = "second"};
	memcpy(n1.event_id, ev.id, ID_LEN);
	memcpy(n2.event_id, ev.id, ID_LEN);
	ok(model_add_note(st, &log, rid, &n1, &e) == 0 && model_add_note(st, &log, rid, &n2, &e) == 0,
	   "and two notes on it");
	ok(calls(&px, "add_events") == 1 && calls(&px, "add_note") == 2, "each through the stand-in");

	size_t events, notes;
	load(st, rid, &events, &notes);
	ok(events == 1 && notes == 2, "loads what it wrote (%zu events, %zu notes)", events, notes);
	ok(calls(&px, "list_events") && calls(&px, "list_notes") && calls(&px, "change_seq"),
	   "reading through the stand-in too");

	struct retro_doc d;
	ok(model_load(st, rid, &d, &e) == 0 && model_delete_event(st, &log, &d, ev.id, &e) == 0,
	   "deletes the event and its notes");
	model_doc_free(&d);
	load(st, rid, &events, &notes);
	ok(events == 0 && notes == 0, "both gone");

	/* Undo restores the event, then its notes, in one transaction: the
	 * backend refusing the notes leaves nothing restored. */
	char label[96], id[ID_LEN];
	px.refuse = "add_note";
	unsigned rollbacks = calls(&px, "rollback");
	ok(model_load(st, rid, &d, &e) == 0 && model_undo(st, &log, &d, false, label, sizeof label, id, &e) != 0,
	   "undo fails when the backend refuses a note");
	model_doc_free(&d);
	ok(calls(&px, "rollback") > rollbacks, "and the backend is told to roll back");
	load(st, rid, &events, &notes);
	ok(events == 0 && notes == 0, "nothing half restored (%zu events, %zu notes)", events, notes);
	px.refuse = NULL;
	ok(model_load(st, rid, &d, &e) == 0 && model_undo(st, &log, &d, false, label, sizeof label, id, &e) == 0,
	   "tried again, undo goes through (%s)", e.msg);
	model_doc_free(&d);
	load(st, rid, &events, &notes);
	ok(events == 1 && notes == 2, "the event and both notes are back");

	/* A doc kept up to date through the stand-in reads only what changed. */
	struct note n3 = {.stage = STAGE_TIMELINE, .role = ROLE_FACILITATOR, .body = "third"};
	memcpy(n3.event_id, ev.id, ID_LEN);
	ok(model_load(st, rid, &d, &e) == 0 && model_add_note(st, NULL, rid, &n3, &e) == 0,
	   "another note, after a doc was read");
	enum refresh_how how = REFRESH_FULL;
	int rc = model_refresh(st, &d, &how, &e);
	ok(rc == 0 && how == REFRESH_PARTIAL, "a refresh through the stand-in reads what changed");
	ok(d.n_notes == 3, "the note is in the doc (%zu notes)", d.n_notes);
	ok(calls(&px, "changes_since") == 1 && calls(&px, "get_note") >= 1, "by its changes_since and get_note");
	model_doc_free(&d);

	undo_log_free(&log);
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	return done_testing();
}
