/* Import of a prepared timeline: CSV with a header, a JSON array of objects,
 * or timestamped text lines.
 *
 * Dates carry over. A time written without a date takes the date of the most
 * recent event that had one (or default_date before any did). When such a
 * dateless time is earlier than the previous event's clock time, the log has
 * crossed midnight, so it goes on the next day: "23:50 ..." then "00:10 ..."
 * is twenty minutes, not a day backwards. Clock times are compared as
 * written (wall time in the offset they were written in). The same rule
 * holds for all three formats.
 *
 * All or nothing: the first problem stops the import, frees everything, and
 * is reported as "NAME:LINE: what is wrong". */
#include "debrief/import.h"

#include <csv.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "debrief/store.h"
#include "debrief/text.h"

/* Longest field (or text line) taken as an event's text. */
#define IMPORT_MAX_FIELD (64 * 1024)

enum import_col { COL_TIME, COL_KIND, COL_TEXT, COL_MARK, COL_SOURCE, COL_COUNT };

/* source: where the event was seen (a link to a graph, a log line). */
static const char *const import_col_names[COL_COUNT] = {"time", "kind", "text", "mark", "source"};

struct importer {
	const char *name;
	const struct civil_date *default_date;
	struct civil_date carry; /* date of the previous event, as written */
	int carry_secs;          /* its clock time, as written */
	bool have_carry;
	struct event *ev;
	size_t n, cap;
	struct err *e;
};

static const char utf8_bom[] = "\xEF\xBB\xBF";

static size_t import_skip_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, utf8_bom, 3) == 0 ? 3 : 0;
}

static int import_line_at(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

static int import_fail(struct importer *im, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int import_fail(struct importer *im, int line, const char *fmt, ...)
{
	struct strbuf b = {0};
	va_list ap;
	sb_printf(&b, "%s:%d: ", im->name, line);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	err_set(im->e, "%s", b.s);
	sb_free(&b);
	return -1;
}

/* A short, printable copy of a user's value for a message. */
static char *import_quote(const char *s)
{
	char cut[48];
	bool whole = str_copy(cut, sizeof cut, s);
	char *clean = utf8_valid(cut, strlen(cut)) ? text_clean(cut, strlen(cut),
								 TEXT_SINGLE_LINE)
						   : xstrdup("?");
	if (whole)
		return clean;
	struct strbuf b = {0};
	sb_puts(&b, clean);
	sb_puts(&b, "...");
	free(clean);
	return sb_take(&b);
}

static void import_kind_list(struct strbuf *b, const char *prefix)
{
	for (int k = 0; k < EV_KIND_COUNT; k++)
		sb_printf(b, "%s%s%s", k ? ", " : "", prefix,
			  event_kind_name((enum event_kind)k));
}

static int import_bad_kind(struct importer *im, int line, const char *word)
{
	struct strbuf kinds = {0};
	char *q = import_quote(word);
	import_kind_list(&kinds, "");
	import_fail(im, line, "unknown kind '%s' (expected %s)", q, kinds.s);
	free(q);
	sb_free(&kinds);
	return -1;
}

static void civil_next_day(struct civil_date *d)
{
	if (civil_date_valid(d->year, d->month, d->day + 1)) {
		d->day++;
	} else if (d->month < 12) {
		d->month++;
		d->day = 1;
	} else {
		d->year++;
		d->month = 1;
		d->day = 1;
	}
}

/* The date and clock time of t as they were written (in its own offset);
 * false when the date is not one a timeline can hold (past 9999-12-31). */
static bool instant_wall(struct instant t, struct civil_date *date, int *secs)
{
	char buf[32];
	int64_t local = t.at + (int64_t)t.offset_min * 60;
	int64_t rem = local % 86400;
	if (rem < 0)
		rem += 86400;
	*secs = (int)rem;
	instant_format_date(t, buf, sizeof buf);
	return date_parse(buf, date);
}

/* Parses a timestamp at the start of s, applying the date carry-over and
 * midnight rollover described at the top. */
static int import_time(struct importer *im, int line, const char *s, size_t *used,
		       struct instant *out)
{
	const struct civil_date *base = im->have_carry ? &im->carry : im->default_date;
	bool had_date;
	enum time_parse_status st = timestamp_parse(s, base, out, used, &had_date);
	if (st == TIME_OK && !had_date && im->have_carry) {
		struct civil_date d;
		int secs;
		if (instant_wall(*out, &d, &secs) && secs < im->carry_secs) {
			struct civil_date next = im->carry;
			civil_next_day(&next);
			st = timestamp_parse(s, &next, out, used, &had_date);
		}
	}
	if (st != TIME_OK) {
		size_t n = 0;
		while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != ']' && n < 40)
			n++;
		char *raw = xstrndup(s, n);
		char *q = import_quote(raw);
		if (st == TIME_NO_DATE || n == 0)
			import_fail(im, line, "%s", time_status_message(st));
		else
			import_fail(im, line, "bad time '%s': %s", q, time_status_message(st));
		free(q);
		free(raw);
		return -1;
	}
	if (!instant_wall(*out, &im->carry, &im->carry_secs)) {
		/* Crossing midnight from 9999-12-31, say: no date after it. */
		import_fail(im, line, "this time falls after 9999-12-31, the last date a timeline holds");
		return -1;
	}
	im->have_carry = true;
	return 0;
}

static int import_parse_mark(struct importer *im, int line, const char *s,
			     enum event_mark *out)
{
	char *m = str_trim(xstrdup(s ? s : ""));
	int v = *m ? event_mark_parse(m) : MARK_NONE;
	if (v < 0) {
		char *q = import_quote(m);
		import_fail(im, line,
			    "unknown mark '%s' (expected went-well, could-be-better, "
			    "lucky, or nothing)",
			    q);
		free(q);
	} else {
		*out = (enum event_mark)v;
	}
	free(m);
	return v < 0 ? -1 : 0;
}

static int import_parse_kind(struct importer *im, int line, const char *s,
			     enum event_kind *out)
{
	char *k = str_trim(xstrdup(s ? s : ""));
	int v = *k ? event_kind_parse(k) : EV_OTHER;
	if (v < 0)
		import_bad_kind(im, line, k);
	else
		*out = (enum event_kind)v;
	free(k);
	return v < 0 ? -1 : 0;
}

/* Takes ownership of text (already cleaned). */
static int import_push(struct importer *im, int line, struct instant t,
		       enum event_kind kind, enum event_mark mark, char *text)
{
	if (!*text) {
		free(text);
		return import_fail(im, line, "empty text");
	}
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 32;
		im->ev = xrealloc(im->ev, im->cap * sizeof *im->ev);
	}
	struct event *ev = &im->ev[im->n++];
	memset(ev, 0, sizeof *ev);
	ev->time = t;
	ev->kind = kind;
	ev->mark = mark;
	ev->text = text;
	return 0;
}

static int import_check_field(struct importer *im, int line, const char *what,
			      const char *s, size_t len)
{
	if (len > IMPORT_MAX_FIELD)
		return import_fail(im, line, "%s is longer than 64 KiB", what);
	if (!utf8_valid(s, len)) /* JSON escapes can still make bad UTF-8 */
		return import_fail(im, line, "invalid UTF-8 in %s", what);
	return 0;
}

/* One record of CSV or JSON: values indexed by enum import_col. */
static int import_record(struct importer *im, int line, const char *const *v)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (v[c] && import_check_field(im, line, import_col_names[c], v[c],
					       strlen(v[c])) < 0)
			return -1;
	char *time = str_trim(xstrdup(v[COL_TIME] ? v[COL_TIME] : ""));
	struct instant t;
	size_t used = 0;
	int rc = 0;
	if (!*time) {
		rc = import_fail(im, line, "missing time");
	} else if (import_time(im, line, time, &used, &t) < 0) {
		rc = -1;
	} else if (time[used]) {
		char *q = import_quote(time);
		rc = import_fail(im, line, "bad time '%s': %s", q,
				 time_status_message(TIME_MALFORMED));
		free(q);
	}
	free(time);
	if (rc < 0)
		return -1;
	enum event_kind kind = EV_OTHER;
	enum event_mark mark = MARK_NONE;
	if (import_parse_kind(im, line, v[COL_KIND], &kind) < 0 ||
	    import_parse_mark(im, line, v[COL_MARK], &mark) < 0)
		return -1;
	const char *text = v[COL_TEXT] ? v[COL_TEXT] : "";
	if (import_push(im, line, t, kind, mark, text_clean(text, strlen(text), TEXT_SINGLE_LINE)) < 0)
		return -1;
	char *source = v[COL_SOURCE] ? text_clean(v[COL_SOURCE], strlen(v[COL_SOURCE]), TEXT_SINGLE_LINE)
				     : NULL;
	if (source && !*str_trim(source)) {
		free(source);
		source = NULL;
	}
	im->ev[im->n - 1].source = source;
	return 0;
}

/* --- CSV --- */

/* A header wider than this is wrong anyway (it has only five names). */
#define CSV_MAX_FIELDS 16

struct csv_state {
	struct importer *im;
	int line;     /* line of the byte being fed */
	int rec_line; /* line where the current record starts */
	bool in_record;
	bool header_done;
	bool failed;
	char *fields[CSV_MAX_FIELDS]; /* the current record (those that fit) */
	size_t nfields;
	int cols[CSV_MAX_FIELDS]; /* column position -> enum import_col */
	size_t ncols;
};

static void csv_state_clear_fields(struct csv_state *cs)
{
	for (size_t i = 0; i < CSV_MAX_FIELDS; i++) {
		free(cs->fields[i]);
		cs->fields[i] = NULL;
	}
	cs->nfields = 0;
}

static void csv_on_field(void *s, size_t len, void *data)
{
	struct csv_state *cs = data;
	if (cs->failed)
		return;
	if (len > IMPORT_MAX_FIELD) {
		import_fail(cs->im, cs->rec_line, "a field is longer than 64 KiB");
		cs->failed = true;
		return;
	}
	if (cs->nfields < CSV_MAX_FIELDS)
		cs->fields[cs->nfields] = xstrndup(s ? s : "", s ? len : 0);
	cs->nfields++;
}

static int csv_take_header(struct csv_state *cs)
{
	struct importer *im = cs->im;
	bool seen[COL_COUNT] = {false};
	for (size_t i = 0; i < cs->nfields; i++) {
		if (i == CSV_MAX_FIELDS)
			return import_fail(im, cs->rec_line,
					   "too many columns (expected time, kind, text, mark, source)");
		char *name = str_trim(cs->fields[i]);
		int c = COL_COUNT;
		for (int k = 0; k < COL_COUNT; k++)
			if (strcasecmp(name, import_col_names[k]) == 0)
				c = k;
		if (c == COL_COUNT) {
			char *q = import_quote(name);
			import_fail(im, cs->rec_line,
				    "unknown column '%s' (expected time, kind, text, mark, source)", q);
			free(q);
			return -1;
		}
		if (seen[c])
			return import_fail(im, cs->rec_line, "column '%s' appears twice",
					   import_col_names[c]);
		seen[c] = true;
		cs->cols[i] = c;
	}
	cs->ncols = cs->nfields;
	if (!seen[COL_TIME])
		return import_fail(im, cs->rec_line, "missing column 'time'");
	if (!seen[COL_TEXT])
		return import_fail(im, cs->rec_line, "missing column 'text'");
	return 0;
}

static int csv_take_row(struct csv_state *cs)
{
	if (cs->nfields != cs->ncols)
		return import_fail(cs->im, cs->rec_line, "expected %zu fields, found %zu",
				   cs->ncols, cs->nfields);
	const char *v[COL_COUNT] = {NULL};
	for (size_t i = 0; i < cs->ncols; i++)
		v[cs->cols[i]] = cs->fields[i];
	return import_record(cs->im, cs->rec_line, v);
}

static void csv_on_row(int term, void *data)
{
	(void)term;
	struct csv_state *cs = data;
	cs->in_record = false;
	if (!cs->failed) {
		int rc = cs->header_done ? csv_take_row(cs) : csv_take_header(cs);
		cs->header_done = true;
		cs->failed = rc < 0;
	}
	csv_state_clear_fields(cs);
}

static int import_csv(struct importer *im, const char *data, size_t len)
{
	struct csv_parser p;
	struct csv_state cs = {.im = im, .line = 1, .rec_line = 1};
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return import_fail(im, 1, "cannot start the CSV parser");
	/* One byte at a time, so every callback knows the line it is on. */
	for (size_t i = 0; i < len && !cs.failed; i++) {
		char c = data[i];
		if (!cs.in_record && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			cs.in_record = true;
			cs.rec_line = cs.line;
		}
		if (csv_parse(&p, data + i, 1, csv_on_field, csv_on_row, &cs) != 1) {
			import_fail(im, cs.line,
				    "malformed CSV: a quote must open and close a whole "
				    "field (write \"\" for a quote inside it)");
			cs.failed = true;
		}
		cs.line += c == '\n';
	}
	if (!cs.failed && csv_fini(&p, csv_on_field, csv_on_row, &cs) != 0) {
		import_fail(im, cs.rec_line, "malformed CSV: a quoted field is never closed");
		cs.failed = true;
	}
	csv_free(&p);
	csv_state_clear_fields(&cs);
	if (!cs.failed && !cs.header_done)
		return import_fail(im, 1, "no events found");
	return cs.failed ? -1 : 0;
}

/* --- JSON --- */

struct json_state {
	struct importer *im;
	bool cb_failed; /* the message is already complete */
};

static int json_on_object(void *ctx, size_t index, int line,
			  const char *const *values, struct err *e)
{
	(void)index;
	(void)e;
	struct json_state *js = ctx;
	if (import_record(js->im, line, values) < 0) {
		js->cb_failed = true;
		return -1;
	}
	return 0;
}

static int import_json(struct importer *im, const char *data, size_t len)
{
	struct json_state js = {.im = im};
	struct err e = {0};
	if (store_json_each_object(data, len, import_col_names, COL_COUNT,
				   json_on_object, &js, &e) == 0)
		return 0;
	if (js.cb_failed)
		return -1;
	/* The parser's messages start with "LINE: ". */
	return err_set(im->e, "%s:%s", im->name, e.msg);
}

/* --- text lines --- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Finds a "!kind" word (or a "!mark" word) in the text and takes it out. */
static int text_take_tags(struct importer *im, int line, char *text,
			  enum event_kind *kind, enum event_mark *mark)
{
	bool have_kind = false, have_mark = false;
	char *p = text;
	while (*p) {
		while (is_blank(*p))
			p++;
		char *word = p;
		while (*p && !is_blank(*p))
			p++;
		if (word[0] != '!' || !isalpha((unsigned char)word[1]))
			continue;
		char *tag = xstrndup(word + 1, (size_t)(p - word - 1));
		int k = event_kind_parse(tag);
		int m = k < 0 ? event_mark_parse(tag) : -1;
		if (k < 0 && m < 0) {
			struct strbuf kinds = {0};
			char *q = import_quote(tag);
			import_kind_list(&kinds, "!");
			import_fail(im, line,
				    "unknown kind '!%s' (expected %s; or a mark: !went-well, "
				    "!could-be-better, !lucky)",
				    q, kinds.s);
			free(q);
			sb_free(&kinds);
		} else if ((k >= 0 && have_kind) || (m >= 0 && have_mark)) {
			import_fail(im, line, "more than one %s given", k >= 0 ? "!kind" : "mark");
			k = m = -1;
		}
		free(tag);
		if (k < 0 && m < 0)
			return -1;
		if (k >= 0) {
			*kind = (enum event_kind)k;
			have_kind = true;
		} else {
			*mark = (enum event_mark)m;
			have_mark = true;
		}
		/* Remove the word and the blanks after it. */
		char *rest = p;
		while (is_blank(*rest))
			rest++;
		memmove(word, rest, strlen(rest) + 1);
		p = word;
	}
	return 0;
}

static int text_take_line(struct importer *im, int line, char *s)
{
	struct instant t;
	size_t used = 0;
	char *after;
	if (*s == '[') { /* chat exports: "[14:05] text" */
		if (import_time(im, line, s + 1, &used, &t) < 0)
			return -1;
		if (s[1 + used] != ']')
			return import_fail(im, line, "expected ']' after the time");
		after = s + used + 2;
	} else {
		if (import_time(im, line, s, &used, &t) < 0)
			return -1;
		after = s + used;
	}
	if (*after && !is_blank(*after))
		return import_fail(im, line, "expected a blank between the time and the text");
	enum event_kind kind = EV_OTHER;
	enum event_mark mark = MARK_NONE;
	if (text_take_tags(im, line, after, &kind, &mark) < 0)
		return -1;
	return import_push(im, line, t, kind, mark,
			   text_clean(after, strlen(after), TEXT_SINGLE_LINE));
}

static int import_text(struct importer *im, const char *data, size_t len)
{
	int line = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		line++;
		size_t n = end - pos;
		if (n > IMPORT_MAX_FIELD)
			return import_fail(im, line, "line is longer than 64 KiB");
		char *s = xstrndup(data + pos, n);
		pos = end + 1;
		char *p = s;
		while (is_blank(*p))
			p++;
		size_t plen = strlen(p);
		while (plen > 0 && (is_blank(p[plen - 1]) || p[plen - 1] == '\r'))
			p[--plen] = '\0';
		int rc = 0;
		if (*p && *p != '#')
			rc = text_take_line(im, line, p);
		free(s);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* --- detection and entry point --- */

/* A CSV header: comma-separated names (optionally quoted), at least one of
 * them ours. Unknown names still make a header, so they get a clear "unknown
 * column" rather than "expected a time". */
static bool import_is_csv_header(const char *s, size_t n)
{
	size_t fields = 0, ours = 0, i = 0;
	while (i <= n) {
		size_t start = i;
		while (i < n && s[i] != ',')
			i++;
		size_t a = start, b = i;
		while (a < b && (is_blank(s[a]) || s[a] == '"'))
			a++;
		while (b > a && (is_blank(s[b - 1]) || s[b - 1] == '"' || s[b - 1] == '\r'))
			b--;
		if (a == b)
			return false;
		for (size_t k = a; k < b; k++)
			if (!isalpha((unsigned char)s[k]) && s[k] != '_' && s[k] != '-' &&
			    s[k] != ' ')
				return false;
		for (int c = 0; c < COL_COUNT; c++)
			if (b - a == strlen(import_col_names[c]) &&
			    strncasecmp(s + a, import_col_names[c], b - a) == 0)
				ours++;
		fields++;
		i++; /* past the comma (or the end) */
	}
	return fields >= 2 && ours >= 1;
}

/* "[14:05] ..." or "[2026-11-24 ...": a bracketed timestamp, not JSON. */
static bool import_is_bracketed_time(const char *s, size_t n)
{
	char d[6] = {0};
	for (size_t i = 0; i < 5 && i + 1 < n; i++)
		d[i] = s[i + 1];
	if (!isdigit((unsigned char)d[0]))
		return false;
	if (d[1] == ':')
		return true;
	if (!isdigit((unsigned char)d[1]))
		return false;
	return d[2] == ':' || (isdigit((unsigned char)d[2]) &&
			       isdigit((unsigned char)d[3]) && d[4] == '-');
}

enum import_format import_detect(const char *data, size_t len)
{
	size_t i = import_skip_bom(data, len);
	while (i < len && (is_blank(data[i]) || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i == len)
		return IMPORT_TEXT;
	/* '{' too, so a lone object is told it must be in an array. */
	if ((data[i] == '[' && !import_is_bracketed_time(data + i, len - i)) ||
	    data[i] == '{')
		return IMPORT_JSON;
	const char *nl = memchr(data + i, '\n', len - i);
	size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
	return import_is_csv_header(data + i, n) ? IMPORT_CSV : IMPORT_TEXT;
}

const char *import_format_name(enum import_format f)
{
	switch (f) {
	case IMPORT_CSV:
		return "csv";
	case IMPORT_JSON:
		return "json";
	case IMPORT_TEXT:
		return "text";
	}
	return "text";
}

static void import_free_events(struct event *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		event_free(&v[i]);
	free(v);
}

int import_parse(const char *data, size_t len, const char *name,
		 const struct civil_date *default_date, struct event **out,
		 size_t *n, struct err *e)
{
	struct importer im = {.name = name ? name : "<input>",
			      .default_date = default_date, .e = e};
	*out = NULL;
	*n = 0;
	size_t bad = utf8_invalid_at(data, len);
	if (bad < len)
		return import_fail(&im, import_line_at(data, bad), "%s",
				   data[bad] == '\0' ? "NUL byte (this is not a text file)"
						     : "invalid UTF-8");
	size_t bom = import_skip_bom(data, len);
	data += bom;
	len -= bom;
	int rc;
	switch (import_detect(data, len)) {
	case IMPORT_CSV:
		rc = import_csv(&im, data, len);
		break;
	case IMPORT_JSON:
		rc = import_json(&im, data, len);
		break;
	default:
		rc = import_text(&im, data, len);
		break;
	}
	if (rc == 0 && im.n == 0)
		rc = import_fail(&im, 1, "no events found");
	if (rc < 0) {
		import_free_events(im.ev, im.n);
		return -1;
	}
	*out = im.ev;
	*n = im.n;
	return 0;
}
