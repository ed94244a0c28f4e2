/* The document walk's sections of what the meeting learned: the summary,
 * what went well (and not) from the timeline's marks, the contributing
 * factors, the lessons and the links. */
#include "export_sink.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of a list field with the bullet it may have been typed with
 * ("- ", "* ", "+ ", "• ") left out: every line is an item already. */
static size_t skip_bullet(const char **line, size_t len)
{
	const char *p = *line;
	size_t i = 0;
	while (i < len && p[i] == ' ')
		i++;
	size_t b = 0;
	if (len - i >= 2 && strchr("-*+", p[i]) && p[i + 1] == ' ')
		b = 2;
	else if (len - i >= 4 && memcmp(p + i, "\xe2\x80\xa2 ", 4) == 0)
		b = 4;
	if (b) {
		i += b;
		while (i < len && p[i] == ' ')
			i++;
	} else {
		i = 0;
	}
	*line = p + i;
	return len - i;
}

bool next_item(const char **p, const char **line, size_t *len)
{
	while (*p && **p) {
		size_t n = next_line(p, line);
		n = skip_bullet(line, n);
		size_t blank = 0;
		while (blank < n && ((*line)[blank] == ' ' || (*line)[blank] == '\t'))
			blank++;
		if (blank < n) {
			*len = n;
			return true;
		}
	}
	return false;
}

/* Calls fn for each item of a list field. */
static void each_item(const char *text, void (*fn)(struct sink *k, const struct retro_doc *doc,
						   const char *line, size_t len),
		      struct sink *k, const struct retro_doc *doc)
{
	const char *line;
	size_t len;
	for (const char *p = text; next_item(&p, &line, &len);)
		fn(k, doc, line, len);
}

static char *dup_n(const char *s, size_t n)
{
	char *c = xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

static void not_written(struct sink *k)
{
	emit_para(k, "Not written.", ST_EM);
}

void walk_summary(struct sink *k, const struct retro *r)
{
	emit_heading(k, 2, "Summary");
	if (r->summary && *r->summary)
		emit_para(k, r->summary, ST_PROSE);
	else
		not_written(k);
	if (r->trigger && *r->trigger) {
		struct strbuf b = {0};
		k->ops->inl(&b, "Trigger:", ST_STRONG);
		k->ops->inl(&b, " ", ST_LIT);
		k->ops->inl(&b, r->trigger, ST_TEXT);
		k->ops->para(k, sb_str(&b));
		sb_free(&b);
	}
}

/* An event in a line of its own: its time (a link to it on the
 * timeline), its kind unless "other", and its text. */
static void event_line(struct sink *k, struct strbuf *b, const struct retro_doc *doc, size_t i)
{
	const struct event *ev = &doc->events[i];
	char clock[16];
	instant_format_clock(ev->time, clock, sizeof clock);
	event_link(k, b, i, clock);
	k->ops->inl(b, " ", ST_LIT);
	if (ev->kind != EV_OTHER) {
		k->ops->inl(b, event_kind_title(ev->kind), ST_LIT);
		k->ops->inl(b, ": ", ST_LIT);
	}
	k->ops->inl(b, ev->text, ST_TEXT);
}

void walk_marks(struct sink *k, const struct retro_doc *doc)
{
	static const struct {
		enum event_mark mark;
		const char *title;
	} GROUPS[] = {
		{MARK_WENT_WELL, "What went well"},
		{MARK_COULD_BE_BETTER, "What could be better"},
		{MARK_LUCKY, "Where we got lucky"},
	};
	emit_heading(k, 2, "What went well, what could be better, where we got lucky");
	bool any = false;
	for (size_t g = 0; g < sizeof GROUPS / sizeof GROUPS[0]; g++) {
		bool heading = false;
		for (size_t i = 0; i < doc->n_events; i++) {
			if (doc->events[i].mark != GROUPS[g].mark)
				continue;
			if (!heading) {
				char *x = inl_new(k, GROUPS[g].title, ST_STRONG);
				k->ops->para(k, x);
				free(x);
				heading = any = true;
			}
			struct strbuf b = {0};
			event_line(k, &b, doc, i);
			k->ops->item(k, sb_str(&b));
			sb_free(&b);
		}
	}
	if (!any)
		emit_para(k, "No event on the timeline was marked.", ST_EM);
}

/* The clock time an event is named by in a factor: "09:42", seconds left
 * out. */
static void event_clock(const struct event *ev, char buf[8])
{
	char clock[16];
	instant_format_clock(ev->time, clock, sizeof clock);
	snprintf(buf, 8, "%.5s", clock);
}

/* The times in a line written as an event's clock is ("09:42",
 * instant_format_clock), in the line's order: where, and the hour and
 * minute. */
struct clocks {
	size_t n, at[32];
	int h[32], mi[32];
};

static void clocks_in(const char *line, size_t len, struct clocks *c)
{
	c->n = 0;
	for (size_t at = 0; at + 5 <= len && c->n < 32; at++)
		if (line[at + 2] == ':' && isdigit((unsigned char)line[at]) &&
		    isdigit((unsigned char)line[at + 1]) && isdigit((unsigned char)line[at + 3]) &&
		    isdigit((unsigned char)line[at + 4])) {
			c->at[c->n] = at;
			c->h[c->n] = (line[at] - '0') * 10 + line[at + 1] - '0';
			c->mi[c->n++] = (line[at + 3] - '0') * 10 + line[at + 4] - '0';
		}
}

void factor_events(const struct retro_doc *doc, const char *line, size_t len,
		   void (*fn)(size_t i, size_t at, void *ctx), void *ctx)
{
	/* Each event's clock is found where it first appears in the line:
	 * compared as numbers with the line's times, not written out for
	 * each line (a factor line against 50,000 events). */
	struct clocks c;
	clocks_in(line, len, &c);
	if (c.n == 0)
		return;
	for (size_t i = 0; i < doc->n_events; i++) {
		int h, mi;
		instant_hour_minute(doc->events[i].time, &h, &mi);
		for (size_t k = 0; k < c.n; k++)
			if (c.h[k] == h && c.mi[k] == mi) {
				fn(i, c.at[k], ctx);
				break;
			}
	}
}

/* Where a factor's line names events: the first event named at each
 * place, in the line's order. */
struct named {
	size_t n, at[32], event[32];
};

static void name_at(size_t i, size_t at, void *ctx)
{
	struct named *v = ctx;
	for (size_t j = 0; j < v->n; j++)
		if (v->at[j] == at)
			return; /* an earlier event has this time */
	if (v->n == sizeof v->at / sizeof v->at[0])
		return;
	size_t j = v->n++;
	while (j > 0 && v->at[j - 1] > at) {
		v->at[j] = v->at[j - 1];
		v->event[j] = v->event[j - 1];
		j--;
	}
	v->at[j] = at;
	v->event[j] = i;
}

static void factor_item(struct sink *k, const struct retro_doc *doc, const char *line, size_t len)
{
	struct named v = {0};
	factor_events(doc, line, len, name_at, &v);
	struct strbuf b = {0};
	size_t from = 0;
	for (size_t j = 0; j < v.n; j++) {
		if (v.at[j] < from)
			continue; /* inside the last link */
		char *text = dup_n(line + from, v.at[j] - from);
		k->ops->inl(&b, text, from ? ST_MID : ST_TEXT);
		free(text);
		char clock[8];
		event_clock(&doc->events[v.event[j]], clock);
		event_link(k, &b, v.event[j], clock);
		from = v.at[j] + strlen(clock);
	}
	char *rest = dup_n(line + from, len - from);
	k->ops->inl(&b, rest, from ? ST_MID : ST_TEXT);
	free(rest);
	k->ops->item(k, sb_str(&b));
	sb_free(&b);
}

void walk_factors(struct sink *k, const struct retro_doc *doc)
{
	emit_heading(k, 2, "Contributing factors");
	if (!doc->retro.factors)
		not_written(k);
	each_item(doc->retro.factors, factor_item, k, doc);
}

static void text_item(struct sink *k, const struct retro_doc *doc, const char *line, size_t len)
{
	(void)doc;
	char *text = dup_n(line, len);
	char *x = inl_new(k, text, ST_TEXT);
	k->ops->item(k, x);
	free(x);
	free(text);
}

void walk_lessons(struct sink *k, const struct retro *r)
{
	emit_heading(k, 2, "Lessons learned");
	if (!r->lessons)
		not_written(k);
	each_item(r->lessons, text_item, k, NULL);
}

/* "Label" linked to its address; a line without one is text. */
static void link_item(struct sink *k, const struct retro_doc *doc, const char *line, size_t len)
{
	(void)doc;
	struct link_line l;
	model_link_parse(line, len, &l);
	if (!l.url_len) {
		text_item(k, doc, line, len);
		return;
	}
	char *label = l.label_len ? dup_n(l.label, l.label_len) : dup_n(l.url, l.url_len);
	struct strbuf b = {0};
	k->ops->link(&b, label, l.url, l.url_len, NULL);
	k->ops->item(k, sb_str(&b));
	sb_free(&b);
	free(label);
}

void walk_links(struct sink *k, const struct retro *r)
{
	emit_heading(k, 2, "Links");
	if (!r->links)
		not_written(k);
	each_item(r->links, link_item, k, NULL);
}
