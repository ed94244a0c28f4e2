/* Storage: retrospectives (creating, finding, listing, changing). */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RETRO_COLS \
	"r.id, r.title, r.incident_ref, r.severity, r.incident_date, r.status," \
	" r.stage, r.current_item, r.facilitator, r.scribe, r.participants,"  \
	" r.impact, r.trigger_text, r.created_at, r.updated_at, r.closed_at, r.rev," \
	" r.clock_started, r.clock_paused_secs, r.clock_paused_at, r.deleted_at," \
	" r.agenda, r.timed_stage, r.stage_entered, r.timebox_rev, r.timeline_accepted," \
	" " LABELS_OF("r.id", "service") ", " LABELS_OF("r.id", "tag") ","        \
	" r.summary, r.factors, r.lessons, r.links"

static void read_retro(sqlite3_stmt *s, struct retro *r)
{
	memset(r, 0, sizeof *r);
	store_col_id(s, 0, r->id);
	r->title = store_col_dup(s, 1);
	r->incident_ref = store_col_dup(s, 2);
	r->severity = store_col_dup(s, 3);
	r->incident_date = store_col_dup(s, 4);
	r->status = (enum retro_status)store_col_enum(s, 5, retro_status_parse, RETRO_DRAFT);
	int stage = sqlite3_column_int(s, 6);
	r->stage = (stage >= STAGE_PRIME && stage <= STAGE_COUNT) ? (enum stage)stage : STAGE_PRIME;
	r->current_item = store_col_dup(s, 7);
	r->facilitator = store_col_dup(s, 8);
	r->scribe = store_col_dup(s, 9);
	r->participants = store_col_dup(s, 10);
	r->impact = store_col_dup(s, 11);
	r->trigger = store_col_dup(s, 12);
	r->created_at = store_col_time(s, 13);
	r->updated_at = store_col_time(s, 14);
	r->closed_at = store_col_time(s, 15);
	r->rev = sqlite3_column_int64(s, 16);
	r->clock_started = store_col_time(s, 17);
	r->clock_paused_secs = sqlite3_column_int64(s, 18);
	r->clock_paused_at = store_col_time(s, 19);
	r->deleted_at = store_col_time(s, 20);
	r->agenda = store_col_dup(s, 21);
	int timed = sqlite3_column_int(s, 22);
	r->timed_stage = (timed >= STAGE_PRIME && timed <= STAGE_COUNT) ? (enum stage)timed : STAGE_PRIME;
	r->stage_entered = sqlite3_column_int64(s, 23);
	r->timebox_rev = sqlite3_column_int64(s, 24);
	r->timeline_accepted = store_col_dup(s, 25);
	r->services = store_col_dup(s, 26);
	r->tags = store_col_dup(s, 27);
	r->summary = store_col_dup(s, 28);
	r->factors = store_col_dup(s, 29);
	r->lessons = store_col_dup(s, 30);
	r->links = store_col_dup(s, 31);
	if (!r->title)
		r->title = xstrdup("");
}

static const char SQL_INSERT_RETRO[] =
	"INSERT INTO retro(id, title, incident_ref, severity, incident_date,"
	" status, stage, facilitator, scribe, participants, impact, trigger_text,"
	" created_at, updated_at, agenda, summary, factors, lessons, links)"
	" VALUES(:id, :title, :ref, :sev, :date, :status, 1, :fac, :scribe,"
	" :people, :impact, :trigger, :now, :now, :agenda, :summary, :factors, :lessons, :links)";
static const char SQL_PLAN_STAGE[] =
	"INSERT INTO stage_time(retro_id, stage, planned) VALUES(:retro, :stage, :secs)";
static const char SQL_INSERT_QUESTION[] =
	"INSERT INTO question(id, retro_id, position, title, prompts, custom)"
	" VALUES(:id, :retro, :pos, :title, :prompts, :custom)";

static const char SQL_LABELS_NOW[] =
	"SELECT coalesce(" LABELS_OF(":retro", "service") ", ''), coalesce(" LABELS_OF(":retro", "tag") ", '')";
static const char SQL_UNLABEL[] = "DELETE FROM retro_label WHERE retro_id = :retro AND kind = :kind";
static const char SQL_LABEL[] = "INSERT INTO retro_label(retro_id, kind, name) VALUES(:retro, :kind, :name)";

/* A retrospective's services or tags (kind) made the kept list's names
 * (model_labels: "a, b"), inside the caller's transaction; nothing is
 * written when they are so already (a closed one's stay untouched). */
static int write_labels(struct store *st, const char *retro_id, const char *kind, const char *list,
			struct err *e)
{
	sqlite3_stmt *now, *del, *add;
	if (store_prepare(st, &now, SQL_LABELS_NOW, e) || store_bind_text(now, ":retro", retro_id, e))
		return -1;
	int rc = sqlite3_step(now);
	bool same = rc == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(now, strcmp(kind, "tag") == 0), list ? list : "") == 0;
	sqlite3_reset(now);
	if (rc != SQLITE_ROW)
		return store_sql_error(st, now, "cannot read the services and tags", e);
	if (same)
		return 0;
	if (store_prepare(st, &del, SQL_UNLABEL, e) || store_bind_text(del, ":retro", retro_id, e) ||
	    store_bind_text(del, ":kind", kind, e) ||
	    store_step_done(st, del, "cannot change the services and tags", e) != 0 ||
	    store_prepare(st, &add, SQL_LABEL, e))
		return -1;
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
		sqlite3_reset(add);
		if (store_bind_text(add, ":retro", retro_id, e) || store_bind_text(add, ":kind", kind, e) ||
		    store_bind_text(add, ":name", name, e) ||
		    store_step_done(st, add, "cannot change the services and tags", e) != 0)
			return -1;
		p += n;
		p += strspn(p, ", ");
	}
	return 0;
}

/* What the meeting learned (struct retro's summary to links). */
static int bind_learning(sqlite3_stmt *s, const struct retro *r, struct err *e)
{
	return store_bind_opt(s, ":summary", r->summary, e) || store_bind_opt(s, ":factors", r->factors, e) ||
	       store_bind_opt(s, ":lessons", r->lessons, e) || store_bind_opt(s, ":links", r->links, e);
}

int store_sqlite_create_retro(struct store *st, struct retro *r,
		       const struct question *questions, size_t n, struct err *e)
{
	sqlite3_stmt *s, *q;
	int64_t now = clock_now();
	store_new_id(r->id);
	r->created_at = r->updated_at = now;
	r->stage = STAGE_PRIME;
	r->rev = 1;
	if (store_prepare(st, &s, SQL_INSERT_RETRO, e) != 0 ||
	    store_prepare(st, &q, SQL_INSERT_QUESTION, e) != 0)
		return -1;
	if (store_bind_text(s, ":id", r->id, e) || store_bind_text(s, ":title", r->title, e) ||
	    store_bind_opt(s, ":ref", r->incident_ref, e) || store_bind_opt(s, ":sev", r->severity, e) ||
	    store_bind_opt(s, ":date", r->incident_date, e) ||
	    store_bind_text(s, ":status", retro_status_name(r->status), e) ||
	    store_bind_opt(s, ":fac", r->facilitator, e) || store_bind_opt(s, ":scribe", r->scribe, e) ||
	    store_bind_opt(s, ":people", r->participants, e) || store_bind_opt(s, ":impact", r->impact, e) ||
	    store_bind_opt(s, ":trigger", r->trigger, e) || store_bind_int(s, ":now", now, e) ||
	    store_bind_opt(s, ":agenda", r->agenda, e) || bind_learning(s, r, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (store_step_done(st, s, "cannot create the retrospective", e) != 0 ||
	    write_labels(st, r->id, "service", r->services, e) != 0 ||
	    write_labels(st, r->id, "tag", r->tags, e) != 0)
		return store_rollback(st);
	for (int stage = STAGE_PRIME; stage <= STAGE_COUNT; stage++) {
		sqlite3_stmt *p;
		if (r->plan_secs[stage] <= 0)
			continue;
		if (store_prepare(st, &p, SQL_PLAN_STAGE, e) || store_bind_text(p, ":retro", r->id, e) ||
		    store_bind_int(p, ":stage", stage, e) || store_bind_int(p, ":secs", r->plan_secs[stage], e) ||
		    store_step_done(st, p, "cannot plan the stages", e) != 0)
			return store_rollback(st);
	}
	for (size_t i = 0; i < n; i++) {
		char qid[ID_LEN];
		store_new_id(qid);
		sqlite3_reset(q);
		sqlite3_clear_bindings(q);
		if (store_bind_text(q, ":id", qid, e) || store_bind_text(q, ":retro", r->id, e) ||
		    store_bind_int(q, ":pos", (long long)i + 1, e) ||
		    store_bind_text(q, ":title", questions[i].title, e) ||
		    store_bind_text(q, ":prompts", questions[i].prompts ? questions[i].prompts : "", e) ||
		    store_bind_int(q, ":custom", questions[i].custom, e) ||
		    store_step_done(st, q, "cannot create the questions", e) != 0)
			return store_rollback(st);
	}
	return store_commit(st, e);
}

static const char SQL_GET_RETRO[] =
	"SELECT " RETRO_COLS " FROM retro r WHERE r.id = :id";
static const char SQL_STAGE_TIMES[] =
	"SELECT stage, planned, extra, spent FROM stage_time WHERE retro_id = :id";

/* The run of show's figures, into r. */
static int read_stage_times(struct store *st, struct retro *r, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_STAGE_TIMES, e) || store_bind_text(s, ":id", r->id, e))
		return ST_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int stage = sqlite3_column_int(s, 0);
		if (stage < STAGE_PRIME || stage > STAGE_COUNT)
			continue;
		r->plan_secs[stage] = sqlite3_column_int64(s, 1);
		r->extra_secs[stage] = sqlite3_column_int64(s, 2);
		r->spent_secs[stage] = sqlite3_column_int64(s, 3);
	}
	if (rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot read the run of show", e);
	sqlite3_reset(s);
	return ST_OK;
}

int store_sqlite_get_retro(struct store *st, const char *id, struct retro *out, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_GET_RETRO, e) || store_bind_text(s, ":id", id, e))
		return ST_ERROR;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_retro(s, out);
		sqlite3_reset(s);
		if (read_stage_times(st, out, e) != ST_OK) {
			retro_free(out);
			return ST_ERROR;
		}
		return ST_OK;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		err_set(e, "no retrospective %s", id);
		return ST_NOT_FOUND;
	}
	store_sql_error(st, s, "cannot read the retrospective", e);
	sqlite3_reset(s);
	return ST_ERROR;
}

static const char SQL_RESOLVE_RETRO[] =
	"SELECT id, title FROM retro"
	/* the range lets the primary key's index find them: nothing sorts
	 * after a prefix followed by the highest code point */
	" WHERE id >= :p AND id < :p || char(1114111) AND substr(id, 1, length(:p)) = :p"
	" AND (deleted_at <> 0) = :deleted ORDER BY created_at DESC, id LIMIT 11";
/* An incident's reference (INC-5512) names its retrospective too. */
static const char SQL_RESOLVE_INCIDENT[] =
	"SELECT id, title FROM retro WHERE incident_ref = :p COLLATE NOCASE"
	" AND (deleted_at <> 0) = :deleted ORDER BY created_at DESC, id LIMIT 11";

/* The rows of a bound look-up: how many (up to 11), the first one's id,
 * and the first ten as candidates; -1 on an error. */
static int matches(struct store *st, sqlite3_stmt *s, char id[ID_LEN], struct strbuf *candidates,
		   struct err *e)
{
	int found = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (found == 0)
			store_col_id(s, 0, id);
		if (candidates && found < 10)
			sb_printf(candidates, "%s  %s\n", sqlite3_column_text(s, 0),
				  sqlite3_column_text(s, 1));
		else if (candidates)
			sb_puts(candidates, "...\n");
		found++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot look up the retrospective", e);
	return found;
}

int store_sqlite_resolve_retro(struct store *st, const char *prefix, bool deleted, char id[ID_LEN],
			struct strbuf *candidates, struct err *e)
{
	char lower[ID_LEN];
	size_t n = strlen(prefix);
	if (n == 0) {
		err_set(e, "no retrospective matches '%s'", prefix);
		return ST_NOT_FOUND;
	}
	sqlite3_stmt *s;
	int found = 0;
	if (n < ID_LEN) {
		for (size_t i = 0; i <= n; i++)
			lower[i] = (char)((prefix[i] >= 'A' && prefix[i] <= 'F') ? prefix[i] + 32 : prefix[i]);
		if (store_prepare(st, &s, SQL_RESOLVE_RETRO, e) || store_bind_text(s, ":p", lower, e) ||
		    store_bind_int(s, ":deleted", deleted, e) || (found = matches(st, s, id, candidates, e)) < 0)
			return ST_ERROR;
	}
	if (found == 0 && (store_prepare(st, &s, SQL_RESOLVE_INCIDENT, e) ||
			   store_bind_text(s, ":p", prefix, e) || store_bind_int(s, ":deleted", deleted, e) ||
			   (found = matches(st, s, id, candidates, e)) < 0))
		return ST_ERROR;
	if (found == 0) {
		if (deleted)
			err_set(e, "no deleted retrospective matches '%s' by id or incident reference"
				" (see 'debrief list --deleted')", prefix);
		else
			err_set(e, "no retrospective matches '%s' by id or incident reference (see 'debrief list')",
				prefix);
		return ST_NOT_FOUND;
	}
	if (found > 1) {
		err_set(e, "'%s' matches more than one retrospective; give more of the id", prefix);
		return ST_AMBIGUOUS;
	}
	return ST_OK;
}

/* Only what a listing shows: a screenful of them is read at every start. */
static const char SQL_LIST_RETROS[] =
	"SELECT id, title, incident_date, status, created_at,"
	" n_events, n_notes, n_actions, n_open_actions, incident_ref, severity, deleted_at,"
	" " LABELS_OF("retro.id", "service") ", " LABELS_OF("retro.id", "tag")
	" FROM retro WHERE" RETRO_SHOWN " ORDER BY " RETRO_LIST_ORDER " LIMIT :limit OFFSET :offset";
static const char SQL_COUNT_RETROS[] = "SELECT count(*) FROM retro WHERE" RETRO_SHOWN;
static const char SQL_RETRO_SHOWN[] = "SELECT 1 FROM retro WHERE id = :id AND" RETRO_SHOWN;
/* Those that come before it in the listing's order (RETRO_LIST_ORDER). */
static const char SQL_RETRO_POSITION[] =
	"SELECT count(*) FROM retro, (SELECT " RETRO_DATE " AS day, created_at AS made, id AS me"
	" FROM retro WHERE id = :id) it WHERE" RETRO_SHOWN " AND (" RETRO_DATE " > it.day"
	" OR (" RETRO_DATE " = it.day AND (created_at > it.made OR (created_at = it.made AND id < it.me))))";

int store_bind_filter(sqlite3_stmt *s, const struct retro_filter *f, struct err *e)
{
	return store_bind_int(s, ":deleted", f && f->deleted, e) ||
	       store_bind_opt(s, ":text", f ? f->text : NULL, e) ||
	       store_bind_opt(s, ":service", f ? f->service : NULL, e) ||
	       store_bind_opt(s, ":tag", f ? f->tag : NULL, e);
}

/* The row's summary, its text SQLite's own (store_col_text). */
static void view_summary(sqlite3_stmt *s, struct retro_summary *x)
{
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->retro.id);
	x->retro.title = store_col_text(s, 1);
	if (!x->retro.title)
		x->retro.title = "";
	x->retro.incident_date = store_col_text(s, 2);
	x->retro.status = (enum retro_status)store_col_enum(s, 3, retro_status_parse, RETRO_DRAFT);
	x->retro.stage = STAGE_PRIME;
	x->retro.created_at = store_col_time(s, 4);
	x->events = sqlite3_column_int(s, 5);
	x->notes = sqlite3_column_int(s, 6);
	x->actions = sqlite3_column_int(s, 7);
	x->actions_open = sqlite3_column_int(s, 8);
	x->retro.incident_ref = store_col_text(s, 9);
	x->retro.severity = store_col_text(s, 10);
	x->retro.deleted_at = store_col_time(s, 11);
	x->retro.services = store_col_text(s, 12);
	x->retro.tags = store_col_text(s, 13);
}

static void read_summary(sqlite3_stmt *s, void *row)
{
	struct retro_summary *x = row;
	view_summary(s, x);
	struct retro *r = &x->retro;
	char **text[] = {&r->title, &r->incident_date, &r->incident_ref, &r->severity,
			 &r->services, &r->tags};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		*text[i] = *text[i] ? xstrdup(*text[i]) : NULL;
}

static void release_summaries(void *v, size_t n)
{
	store_free_retro_summaries(v, n);
}

int store_sqlite_list_retros_page(struct store *st, const struct retro_filter *f, size_t offset,
				  size_t limit, struct retro_summary **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	void *rows;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, SQL_LIST_RETROS, e) || store_bind_filter(s, f, e) ||
	    store_bind_int(s, ":limit", limit > (size_t)INT64_MAX ? -1 : (long long)limit, e) ||
	    store_bind_int(s, ":offset", (long long)offset, e) ||
	    store_read_rows(st, s, sizeof **out, read_summary, release_summaries,
		      "cannot list the retrospectives", &rows, n, e))
		return -1;
	*out = rows;
	return 0;
}

struct retro_walk {
	store_retro_fn fn;
	void *ctx;
};

static int walk_summary(sqlite3_stmt *s, void *ctx)
{
	const struct retro_walk *w = ctx;
	struct retro_summary x;
	view_summary(s, &x);
	return store_row_refused() ? 0 : w->fn(&x, w->ctx);
}

int store_sqlite_each_retro(struct store *st, const struct retro_filter *f, store_retro_fn fn,
			    void *ctx, size_t *n, struct err *e)
{
	sqlite3_stmt *s;
	struct retro_walk w = {fn, ctx};
	*n = 0;
	if (store_prepare(st, &s, SQL_LIST_RETROS, e) || store_bind_filter(s, f, e) ||
	    store_bind_int(s, ":limit", -1, e) || store_bind_int(s, ":offset", 0, e))
		return -1;
	return store_walk_rows(st, s, walk_summary, &w, "cannot list the retrospectives", n, e);
}

int store_sqlite_list_retros(struct store *st, const struct retro_filter *f,
			     struct retro_summary **out, size_t *n, struct err *e)
{
	return store_list_retros_page(st, f, 0, SIZE_MAX, out, n, e);
}

/* The one number of a prepared, bound statement. */
static int count_rows(struct store *st, sqlite3_stmt *s, size_t *n, struct err *e)
{
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_sql_error(st, s, "cannot count the retrospectives", e);
}

int store_sqlite_count_retros(struct store *st, const struct retro_filter *f, size_t *n,
			      struct err *e)
{
	sqlite3_stmt *s;
	*n = 0;
	if (store_prepare(st, &s, SQL_COUNT_RETROS, e) || store_bind_filter(s, f, e))
		return -1;
	return count_rows(st, s, n, e);
}

int store_sqlite_retro_position(struct store *st, const struct retro_filter *f, const char *id,
				size_t *pos, struct err *e)
{
	sqlite3_stmt *s;
	size_t shown;
	*pos = 0;
	if (store_prepare(st, &s, SQL_RETRO_SHOWN, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_filter(s, f, e))
		return ST_ERROR;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(st, s, "cannot find the retrospective in the list", e);
	if (rc == SQLITE_DONE) {
		err_set(e, "the retrospective %s is not in this list", id);
		return ST_NOT_FOUND;
	}
	if (store_prepare(st, &s, SQL_RETRO_POSITION, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_filter(s, f, e) || count_rows(st, s, &shown, e))
		return ST_ERROR;
	*pos = shown;
	return ST_OK;
}

/* debrief_holds(needle, text...): whether any text holds the needle, both
 * folded (text_fold); the needle is folded once a statement, not once a
 * row. */
static void holds_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char *mine = NULL;
	const char *needle = sqlite3_get_auxdata(cx, 0);
	if (!needle) {
		const unsigned char *raw = sqlite3_value_text(argv[0]);
		mine = text_fold(raw ? (const char *)raw : "");
		sqlite3_set_auxdata(cx, 0, mine, free);
		needle = sqlite3_get_auxdata(cx, 0);
		if (needle) {
			mine = NULL; /* SQLite keeps it now */
		} else {         /* it was freed at once: fold again, for this row */
			mine = text_fold(raw ? (const char *)raw : "");
			needle = mine;
		}
	}
	bool found = false;
	for (int i = 1; i < argc && !found; i++)
		found = text_holds_folded((const char *)sqlite3_value_text(argv[i]), needle);
	free(mine);
	sqlite3_result_int(cx, found);
}

int store_retro_functions(struct store *st, struct err *e)
{
	if (sqlite3_create_function_v2(st->db, "debrief_holds", -1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       holds_fn, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_error(st, NULL, "cannot configure the database", e);
	return 0;
}

void store_free_retro_summaries(struct retro_summary *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		retro_free(&list[i].retro);
	free(list);
}

static const char SQL_UPDATE_RETRO[] =
	"UPDATE retro SET title = :title, incident_ref = :ref, severity = :sev,"
	" incident_date = :date, facilitator = :fac, scribe = :scribe,"
	" participants = :people, impact = :impact, trigger_text = :trigger,"
	" summary = :summary, factors = :factors, lessons = :lessons, links = :links,"
	" updated_at = :now, rev = rev + 1 WHERE id = :id AND rev = :rev";
static const char SQL_RETRO_EXISTS[] = "SELECT 1 FROM retro WHERE id = :id";

int store_sqlite_update_retro(struct store *st, struct retro *r, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_UPDATE_RETRO, e) || store_bind_text(s, ":id", r->id, e) ||
	    store_bind_text(s, ":title", r->title, e) || store_bind_opt(s, ":ref", r->incident_ref, e) ||
	    store_bind_opt(s, ":sev", r->severity, e) || store_bind_opt(s, ":date", r->incident_date, e) ||
	    store_bind_opt(s, ":fac", r->facilitator, e) || store_bind_opt(s, ":scribe", r->scribe, e) ||
	    store_bind_opt(s, ":people", r->participants, e) || store_bind_opt(s, ":impact", r->impact, e) ||
	    store_bind_opt(s, ":trigger", r->trigger, e) || store_bind_int(s, ":now", clock_now(), e) ||
	    store_bind_int(s, ":rev", r->rev, e) || bind_learning(s, r, e))
		return ST_ERROR;
	/* The labels in the same transaction, after the check of rev (a
	 * refusal leaves them as they were). */
	if (store_begin(st, e) != 0)
		return ST_ERROR;
	int rc = store_guarded_update(st, s, NULL, SQL_RETRO_EXISTS, r->id, "retrospective", &r->rev, e);
	if (rc != ST_OK)
		return store_rollback(st), rc;
	if (write_labels(st, r->id, "service", r->services, e) != 0 ||
	    write_labels(st, r->id, "tag", r->tags, e) != 0 || store_commit(st, e) != 0) {
		if (st->tx_depth)
			store_rollback(st);
		r->rev--;
		return ST_ERROR;
	}
	return ST_OK;
}

/* The facilitator's place is saved from the program only: the first time,
 * the meeting's clock starts. Moving to another stage of an open
 * retrospective first adds the time of the stage whose time ran to its
 * spent seconds, and the new one's starts. */
static const char SQL_STAGE_SPENT[] =
	"INSERT INTO stage_time(retro_id, stage, spent)"
	" SELECT id, timed_stage, max(0, :elapsed - stage_entered) FROM retro"
	" WHERE id = :id AND timed_stage <> :stage AND status <> 'closed' AND clock_started > 0"
	" ON CONFLICT(retro_id, stage) DO UPDATE SET spent = spent + excluded.spent";
static const char SQL_SET_POSITION[] =
	"UPDATE retro SET stage = :stage, current_item = :item,"
	" status = CASE status WHEN 'draft' THEN 'in-progress' ELSE status END,"
	" clock_started = CASE WHEN clock_started = 0 AND status <> 'closed'"
	"  THEN :now ELSE clock_started END,"
	" stage_entered = CASE WHEN timed_stage <> :stage AND status <> 'closed'"
	"  THEN :elapsed ELSE stage_entered END,"
	" timed_stage = CASE WHEN status <> 'closed' THEN :stage ELSE timed_stage END"
	" WHERE id = :id";

int store_sqlite_set_position(struct store *st, const char *retro_id, enum stage stage,
		       const char *item_id, int64_t elapsed, struct err *e)
{
	sqlite3_stmt *s, *t;
	if (store_prepare(st, &t, SQL_STAGE_SPENT, e) || store_bind_text(t, ":id", retro_id, e) ||
	    store_bind_int(t, ":stage", stage, e) || store_bind_int(t, ":elapsed", elapsed, e) ||
	    store_prepare(st, &s, SQL_SET_POSITION, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_int(s, ":stage", stage, e) || store_bind_opt(s, ":item", item_id, e) ||
	    store_bind_int(s, ":now", clock_now(), e) || store_bind_int(s, ":elapsed", elapsed, e))
		return -1;
	/* Never waits (as store_write_now): the screen tries again later. */
	int patience = st->patience_ms, rc;
	if (st->tx_depth == 0)
		st->patience_ms = 0;
	if ((rc = store_begin(st, e)) == 0)
		rc = store_step_done(st, t, "cannot save the position", e) != 0 ||
				     store_step_done(st, s, "cannot save the position", e) != 0
			     ? store_rollback(st)
			     : store_commit(st, e);
	st->patience_ms = patience;
	return rc;
}

/* A longer timebox for a stage, seen by every terminal (timebox_rev). */
static const char SQL_EXTEND_STAGE[] =
	"INSERT INTO stage_time(retro_id, stage, extra) SELECT id, :stage, :secs FROM retro"
	" WHERE id = :id AND status <> 'closed'"
	" ON CONFLICT(retro_id, stage) DO UPDATE SET extra = extra + excluded.extra";
static const char SQL_TIMEBOX_MOVED[] =
	"UPDATE retro SET timebox_rev = timebox_rev + 1 WHERE id = :id AND status <> 'closed'";

int store_sqlite_extend_stage(struct store *st, const char *retro_id, enum stage stage,
			      int64_t secs, struct err *e)
{
	sqlite3_stmt *s, *t;
	if (store_prepare(st, &s, SQL_EXTEND_STAGE, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_int(s, ":stage", stage, e) || store_bind_int(s, ":secs", secs, e) ||
	    store_prepare(st, &t, SQL_TIMEBOX_MOVED, e) || store_bind_text(t, ":id", retro_id, e))
		return -1;
	if (store_begin(st, e) != 0)
		return -1;
	if (store_step_done(st, s, "cannot extend the stage", e) != 0 ||
	    store_step_done(st, t, "cannot extend the stage", e) != 0)
		return store_rollback(st);
	if (sqlite3_changes(st->db) != 1) {
		store_rollback(st);
		return err_set(e, STORE_CLOSED_MSG);
	}
	return store_commit(st, e);
}

/* Closing stops the meeting's clock (at closed_at); reopening goes on
 * from there, the time it stood closed counted as a pause. */
static const char SQL_SET_STATUS[] =
	"UPDATE retro SET status = :status, updated_at = :now, rev = rev + 1,"
	" closed_at = CASE WHEN :status = 'closed' THEN :now ELSE 0 END,"
	" clock_paused_secs = clock_paused_secs + CASE WHEN status = 'closed'"
	"  AND :status <> 'closed' AND clock_started > 0 AND clock_paused_at = 0"
	"  THEN max(0, :now - max(closed_at, clock_started)) ELSE 0 END"
	" WHERE id = :id";

/* Pausing and going on: each only from the other state, so that two
 * terminals pressing at once make one pause. */
static const char SQL_CLOCK_PAUSE[] =
	"UPDATE retro SET clock_paused_at = :now"
	" WHERE id = :id AND clock_started > 0 AND clock_paused_at = 0 AND status <> 'closed'";
static const char SQL_CLOCK_RESUME[] =
	"UPDATE retro SET clock_paused_at = 0, clock_paused_secs = clock_paused_secs"
	" + max(0, :now - clock_paused_at) WHERE id = :id AND clock_paused_at > 0";

int store_sqlite_pause_clock(struct store *st, const char *retro_id, bool pause, struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, pause ? SQL_CLOCK_PAUSE : SQL_CLOCK_RESUME, e) ||
	    store_bind_text(s, ":id", retro_id, e) || store_bind_int(s, ":now", clock_now(), e))
		return -1;
	return store_write_one(st, s, "cannot pause the meeting clock", e);
}

int store_sqlite_set_status(struct store *st, const char *retro_id, enum retro_status status,
		     struct err *e)
{
	sqlite3_stmt *s;
	if (store_prepare(st, &s, SQL_SET_STATUS, e) || store_bind_text(s, ":id", retro_id, e) ||
	    store_bind_text(s, ":status", retro_status_name(status), e) ||
	    store_bind_int(s, ":now", clock_now(), e))
		return -1;
	return store_write_one(st, s, "cannot change the status", e);
}

static const char SQL_SET_DELETED[] =
	"UPDATE retro SET deleted_at = :at WHERE id = :id AND (deleted_at <> 0) = (:at = 0)";
static const char SQL_DELETED_AT[] = "SELECT deleted_at FROM retro WHERE id = :id";

int store_sqlite_set_retro_deleted(struct store *st, const char *id, bool deleted, struct err *e)
{
	sqlite3_stmt *s, *q;
	/* A time, never 0 (which means "not deleted"), whatever the clock says. */
	int64_t now = clock_now();
	if (store_prepare(st, &s, SQL_SET_DELETED, e) || store_bind_text(s, ":id", id, e) ||
	    store_bind_int(s, ":at", deleted ? (now > 0 ? now : 1) : 0, e))
		return ST_ERROR;
	if (store_begin(st, e) != 0)
		return ST_ERROR;
	if (store_step_done(st, s, deleted ? "cannot delete the retrospective" :
				   "cannot bring the retrospective back", e) != 0)
		return store_rollback(st);
	if (sqlite3_changes(st->db) == 1)
		return store_commit(st, e) == 0 ? ST_OK : ST_ERROR;
	/* Nothing changed: say why. */
	int rc = ST_ERROR;
	if (store_prepare(st, &q, SQL_DELETED_AT, e) == 0 && store_bind_text(q, ":id", id, e) == 0) {
		int step = sqlite3_step(q);
		if (step == SQLITE_DONE) {
			err_set(e, "no retrospective %s", id);
			rc = ST_NOT_FOUND;
		} else if (step == SQLITE_ROW) {
			err_set(e, deleted ? "it is deleted already" : "it is not deleted");
			rc = ST_CONFLICT;
		} else {
			store_sql_error(st, q, "cannot read the retrospective", e);
		}
		sqlite3_reset(q);
	}
	store_rollback(st);
	return rc;
}
