/* Storage: what the figures over time read (every retrospective not
 * deleted, its milestones and its action items), and the figures written
 * as JSON through SQLite's JSON functions. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* The retrospectives counted: not deleted, and of the service named (a
 * label of kind service, in any case), when one is. */
#define STATS_RETROS                                                                  \
	" r.deleted_at = 0 AND (:service IS NULL OR EXISTS (SELECT 1 FROM retro_label l"  \
	" WHERE l.retro_id = r.id AND l.kind = 'service' AND l.name = :service COLLATE NOCASE))"

static const char SQL_STATS_RETROS[] =
	"SELECT r.id, r.incident_date, r.created_at, nullif(r.severity, ''), r.clock_started"
	" FROM retro r WHERE" STATS_RETROS " ORDER BY r.id";
/* The milestones in the timeline's own order (store_timeline.c: at, then
 * rowid), read in the order of the index of every kind but other, which
 * is the retrospectives' ids' too; and the action items in that order.
 * Those of retrospectives not counted are passed over as they are read
 * (cheaper than looking each one's retrospective up). */
static const char SQL_STATS_EVENTS[] =
	"SELECT retro_id, at, offset_min, kind FROM event WHERE kind <> 'other'"
	" ORDER BY retro_id, at, rowid";
static const char SQL_STATS_ACTIONS[] =
	"SELECT retro_id, nullif(due, ''), status, status_at FROM action ORDER BY retro_id";

struct event_row {
	char retro[ID_LEN];
	struct event ev;
};
struct item_row {
	char retro[ID_LEN];
	struct stats_item it;
};

static void read_retro(sqlite3_stmt *s, void *row)
{
	struct stats_retro *x = row;
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->id);
	x->incident_date = store_col_dup(s, 1);
	x->created_at = store_col_time(s, 2);
	x->severity = store_col_dup(s, 3);
	x->clock_started = sqlite3_column_int64(s, 4) > 0 ? store_col_time(s, 4) : 0;
}

static void read_event_row(sqlite3_stmt *s, void *row)
{
	struct event_row *x = row;
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->retro);
	x->ev.time.at = store_col_time(s, 1);
	x->ev.time.offset_min = store_col_offset(s, 2);
	x->ev.kind = (enum event_kind)store_col_enum(s, 3, event_kind_parse, EV_OTHER);
}

static void read_item_row(sqlite3_stmt *s, void *row)
{
	struct item_row *x = row;
	memset(x, 0, sizeof *x);
	store_col_id(s, 0, x->retro);
	x->it.due = store_col_dup(s, 1);
	x->it.status = (enum action_status)store_col_enum(s, 2, action_status_parse, ACT_OPEN);
	x->it.status_at = sqlite3_column_int64(s, 3) > 0 ? store_col_time(s, 3) : 0;
}

static void release_retros(void *v, size_t n)
{
	store_free_stats_retros(v, n);
}

static void release_plain(void *v, size_t n)
{
	(void)n;
	free(v);
}

static void release_items(void *v, size_t n)
{
	struct item_row *x = v;
	for (size_t i = 0; i < n; i++)
		free(x[i].it.due);
	free(v);
}

static int read_stats_rows(struct store *st, const char *sql, const char *service, size_t size,
			   void (*read)(sqlite3_stmt *s, void *row),
			   void (*release)(void *rows, size_t n), void **out, size_t *n,
			   struct err *e)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, &s, sql, e) || (sql == SQL_STATS_RETROS && store_bind_opt(s, ":service", service, e)))
		return -1;
	return store_read_rows(st, s, size, read, release, "cannot read the figures over time", out, n, e);
}

/* The run of rows (each beginning with its retrospective's id) of id,
 * from *at on, past those of smaller ids: its start; *at is its end. */
static size_t run_of(const void *rows, size_t size, size_t n, size_t *at, const char *id)
{
	const char *p = rows;
	while (*at < n && strcmp(p + *at * size, id) < 0)
		(*at)++;
	size_t from = *at;
	while (*at < n && strcmp(p + *at * size, id) == 0)
		(*at)++;
	return from;
}

int store_sqlite_stats_retros(struct store *st, const char *service, struct stats_retro **out,
			      size_t *n, struct err *e)
{
	void *retros = NULL, *events = NULL, *items = NULL;
	size_t n_retros = 0, n_events = 0, n_items = 0;
	bool own;
	*out = NULL;
	*n = 0;
	if (store_read_begin(st, &own, "cannot read the figures over time", e) != 0)
		return -1;
	int rc = read_stats_rows(st, SQL_STATS_RETROS, service, sizeof(struct stats_retro), read_retro,
				 release_retros, &retros, &n_retros, e);
	if (rc == 0)
		rc = read_stats_rows(st, SQL_STATS_EVENTS, service, sizeof(struct event_row),
				     read_event_row, release_plain, &events, &n_events, e);
	if (rc == 0)
		rc = read_stats_rows(st, SQL_STATS_ACTIONS, service, sizeof(struct item_row),
				     read_item_row, release_items, &items, &n_items, e);
	store_read_end(st, own);
	if (rc != 0) {
		store_free_stats_retros(retros, n_retros);
		free(events);
		release_items(items, n_items);
		return -1;
	}
	/* Each listing is in the order of the retrospectives' ids: their
	 * events and items are the runs of rows of the same id (those of
	 * others before them passed over). */
	struct stats_retro *r = retros;
	struct event_row *ev = events;
	struct item_row *it = items;
	size_t j = 0, k = 0;
	for (size_t i = 0; i < n_retros; i++) {
		size_t from = run_of(ev, sizeof *ev, n_events, &j, r[i].id);
		if ((r[i].n_events = j - from)) {
			r[i].events = xmalloc(r[i].n_events * sizeof *r[i].events);
			for (size_t x = from; x < j; x++)
				r[i].events[x - from] = ev[x].ev;
		}
		from = run_of(it, sizeof *it, n_items, &k, r[i].id);
		if ((r[i].n_items = k - from)) {
			r[i].items = xmalloc(r[i].n_items * sizeof *r[i].items);
			for (size_t x = from; x < k; x++) {
				r[i].items[x - from] = it[x].it;
				it[x].it.due = NULL; /* (the retrospective's now) */
			}
		}
	}
	free(events);
	release_items(items, n_items); /* (those of retrospectives not counted) */
	*out = retros;
	*n = n_retros;
	return 0;
}

void store_free_stats_retros(struct stats_retro *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].incident_date);
		free(v[i].severity);
		free(v[i].events);
		for (size_t k = 0; k < v[i].n_items; k++)
			free(v[i].items[k].due);
		free(v[i].items);
	}
	free(v);
}

/* --- JSON --- */

/* A figure's members: how many had it, its median and its worst (null
 * when none had it). */
#define JSON_FIGURE(p, unit)                                                       \
	"json_object('retrospectives', :" p "n, 'median_" unit "', :" p "med,"    \
	" 'worst_" unit "', :" p "max)"

static const char SQL_JSON_SEVERITY[] =
	"SELECT json_insert(:list, '$[#]', json_object('severity', :name, 'retrospectives', :n))";
static const char SQL_JSON_PERIOD[] =
	"SELECT json_insert(:list, '$[#]', json_object('period', :period, 'retrospectives', :retros,"
	" 'by_severity', json(:sev),"
	" 'time_to_detect', " JSON_FIGURE("d", "seconds") ","
	" 'time_to_mitigate', " JSON_FIGURE("m", "seconds") ","
	" 'time_to_resolve', " JSON_FIGURE("r", "seconds") ","
	" 'impact_duration', " JSON_FIGURE("i", "seconds") ","
	" 'incident_to_meeting', json_insert(" JSON_FIGURE("t", "days") ","
	"   '$.within_two_business_days', :two),"
	" 'action_items', json_object('opened', :opened, 'done', :done, 'dropped', :dropped,"
	"   'overdue', :overdue, 'done_by_due_date', :ontime, 'done_late', :late,"
	"   'done_unknown', :unknown, 'share_done_by_due_date',"
	"   CASE WHEN :ontime + :late > 0 THEN round(1.0 * :ontime / (:ontime + :late), 4) END)))";
static const char SQL_JSON_STATS[] =
	"SELECT json_object('by', :by, 'service', :service, 'today', :today, 'periods', json(:list))";

/* Steps a statement that gives one text, into out (replacing it). */
static int json_step(struct store *st, sqlite3_stmt *s, struct strbuf *out, struct err *e)
{
	if (sqlite3_step(s) != SQLITE_ROW) {
		int rc = store_sql_error(st, s, "cannot write the figures as JSON", e);
		sqlite3_reset(s);
		return rc;
	}
	sb_reset(out);
	sb_add(out, (const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_reset(s);
	return 0;
}

/* A figure's three values, null where none had it. */
static int bind_figure(sqlite3_stmt *s, const char *names[3], const struct stats_figure *f,
		       struct err *e)
{
	if (store_bind_int(s, names[0], (long long)f->n, e))
		return -1;
	if (f->n == 0)
		return 0; /* (cleared bindings are null) */
	return store_bind_int(s, names[1], f->median, e) || store_bind_int(s, names[2], f->worst, e);
}

static int period_json(struct store *st, const struct stats_period *p, struct strbuf *list,
		       struct err *e)
{
	static const char *const figures[][3] = {
		{":dn", ":dmed", ":dmax"}, {":mn", ":mmed", ":mmax"},
		{":rn", ":rmed", ":rmax"}, {":in", ":imed", ":imax"},
	};
	struct strbuf sev = {0};
	sb_puts(&sev, "[]");
	sqlite3_stmt *s;
	for (size_t i = 0; i < p->n_severities; i++) {
		if (store_prepare(st, &s, SQL_JSON_SEVERITY, e) || store_bind_text(s, ":list", sev.s, e) ||
		    store_bind_opt(s, ":name", p->severities[i].name, e) ||
		    store_bind_int(s, ":n", (long long)p->severities[i].n, e) || json_step(st, s, &sev, e)) {
			sb_free(&sev);
			return -1;
		}
	}
	int rc = store_prepare(st, &s, SQL_JSON_PERIOD, e);
	if (rc == 0)
		rc = store_bind_text(s, ":list", list->s, e) || store_bind_text(s, ":period", p->name, e) ||
		     store_bind_int(s, ":retros", (long long)p->retros, e) ||
		     store_bind_text(s, ":sev", sev.s, e);
	for (int d = 0; d < STATS_DURATIONS && rc == 0; d++)
		rc = bind_figure(s, (const char **)figures[d], &p->dur[d], e);
	if (rc == 0)
		rc = bind_figure(s, (const char *[]){":tn", ":tmed", ":tmax"}, &p->to_meeting, e) ||
		     store_bind_int(s, ":two", (long long)p->met_in_two, e) ||
		     store_bind_int(s, ":opened", (long long)p->opened, e) ||
		     store_bind_int(s, ":done", (long long)p->done, e) ||
		     store_bind_int(s, ":dropped", (long long)p->dropped, e) ||
		     store_bind_int(s, ":overdue", (long long)p->overdue, e) ||
		     store_bind_int(s, ":ontime", (long long)p->done_on_time, e) ||
		     store_bind_int(s, ":late", (long long)p->done_late, e) ||
		     store_bind_int(s, ":unknown", (long long)p->done_unknown, e) || json_step(st, s, list, e);
	sb_free(&sev);
	return rc ? -1 : 0;
}

int store_sqlite_stats_json(struct store *st, const struct stats *x, struct strbuf *out, struct err *e)
{
	struct strbuf list = {0};
	sb_puts(&list, "[]");
	for (size_t i = 0; i < x->n; i++)
		if (period_json(st, &x->v[i], &list, e) != 0) {
			sb_free(&list);
			return -1;
		}
	sqlite3_stmt *s;
	int rc = store_prepare(st, &s, SQL_JSON_STATS, e) ||
		 store_bind_text(s, ":by", x->quarters ? "quarter" : "month", e) ||
		 store_bind_opt(s, ":service", x->service, e) || store_bind_text(s, ":today", x->today, e) ||
		 store_bind_text(s, ":list", list.s, e) || json_step(st, s, out, e);
	sb_free(&list);
	return rc ? -1 : 0;
}
