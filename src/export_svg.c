/* The incident on a time axis, as inline SVG for the HTML export: the
 * milestones as labelled markers, the impact window shaded, time to
 * detect, mitigate and resolve as spans under the axis, marked events as
 * shapes of their own (readable in print and in greyscale: shapes, not
 * only colours). No script, no external file; only debrief's own words in
 * it, and event texts escaped, as hover titles. */
#include "export_sink.h"

#include <stdio.h>
#include <string.h>

#define SVG_W 960
#define AXIS_X0 40
#define AXIS_X1 920
#define AXIS_Y 96
#define LABEL_ROWS 3
#define LABEL_ROW_H 18
#define CHAR_W 7 /* a label character's width, about, at 12 px */
/* Words drawn over lines stay readable: a white edge around them. */
#define HALO " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""

/* The milestones drawn, in the order they usually come; impact end is the
 * last one, the others the first (as the durations measure them). */
static const enum event_kind MILESTONES[] = {
	EV_TRIGGER,    EV_IMPACT_START, EV_DETECTION,  EV_PAGE,
	EV_MITIGATION, EV_RESOLUTION,   EV_IMPACT_END,
};

struct axis {
	int64_t t0, t1;
};

static double x_of(const struct axis *a, int64_t t)
{
	if (a->t1 <= a->t0)
		return (AXIS_X0 + AXIS_X1) / 2.0;
	return AXIS_X0 + (double)(t - a->t0) * (AXIS_X1 - AXIS_X0) / (double)(a->t1 - a->t0);
}

/* A marked event's shape at x on the axis: a circle went well, a square
 * could be better, a diamond lucky. */
static void mark_shape(struct strbuf *out, const struct event *ev, double x)
{
	static const char *const fill[MARK_COUNT] = {"", "#2e7d32", "#e65100", "#1565c0"};
	double y = AXIS_Y;
	sb_printf(out, "<g class=\"mark\" data-mark=\"%s\">", event_mark_name(ev->mark));
	switch (ev->mark) {
	case MARK_WENT_WELL:
		sb_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\"", x, y);
		break;
	case MARK_COULD_BE_BETTER:
		sb_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\"", x - 4.5, y - 4.5);
		break;
	default:
		sb_printf(out, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\"", x, y - 6);
		break;
	}
	sb_printf(out, " fill=\"%s\" stroke=\"#111\" stroke-width=\"1\"><title>", fill[ev->mark]);
	html_escape(out, event_mark_title(ev->mark));
	sb_puts(out, ": ");
	html_escape(out, ev->text);
	sb_puts(out, "</title></");
	sb_puts(out, ev->mark == MARK_WENT_WELL ? "circle" : ev->mark == MARK_COULD_BE_BETTER ? "rect" : "path");
	sb_puts(out, "></g>\n");
}

/* A span under the axis, from the start of impact to a milestone. */
static void span(struct strbuf *out, const struct axis *a, const struct durations *d, int row,
		 const char *what, int64_t secs)
{
	double x0 = x_of(a, d->start.at), x1 = x_of(a, d->start.at + secs);
	double y = AXIS_Y + 26 + row * 20;
	char len[32];
	duration_format(secs, len, sizeof len);
	sb_printf(out,
		  "<g class=\"span\" data-what=\"%s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
		  " stroke=\"#444\" stroke-width=\"3\"/>"
		  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>",
		  what, x0, y, x1, y, x1, y - 5, x1, y + 5);
	/* Past the right edge, the words end at the span's end, over it. */
	bool flip = x1 + 6 + (double)(9 + strlen(what) + strlen(len)) * CHAR_W > SVG_W;
	sb_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\"" HALO "%s>time to %s %s</text></g>\n",
		  flip ? x1 : x1 + 6, flip ? y - 5 : y + 4, flip ? " text-anchor=\"end\"" : "", what, len);
}

/* Labels go in the first of LABEL_ROWS rows above the axis where they do
 * not run into the one before (right is each row's end so far), from left
 * to right of them. */
static int label_row(double right[LABEL_ROWS], double left, double end)
{
	int row = 0;
	for (int r = 0; r < LABEL_ROWS; r++)
		if (right[r] < left - 2) {
			right[r] = end;
			return r;
		}
	for (int r = 1; r < LABEL_ROWS; r++) /* all full: the one ending first */
		if (right[r] < right[row])
			row = r;
	right[row] = end;
	return row;
}

bool svg_timeline(const struct retro_doc *doc, struct strbuf *out)
{
	const struct event *ev = doc->events;
	size_t n = doc->n_events;
	if (n == 0)
		return false;
	struct axis a = {ev[0].time.at, ev[n - 1].time.at};
	struct durations d;
	model_durations(ev, n, &d);
	int spans = d.has_detect + d.has_mitigate + d.has_resolve;
	int height = AXIS_Y + 30 + spans * 20;

	sb_printf(out, "<figure class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		       "viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-labelledby=\"timeline-title\" "
		       "font-family=\"sans-serif\" data-t0=\"%lld\" data-t1=\"%lld\">\n",
		  SVG_W, height, (long long)a.t0, (long long)a.t1);
	sb_puts(out, "<title id=\"timeline-title\">The incident on a time axis: its milestones, "
		     "the impact window shaded, and the time to detect, mitigate and resolve</title>\n");
	/* The impact window: shaded and hatched, so that it shows in grey. */
	const struct event *from = model_first_event(ev, n, EV_IMPACT_START);
	const struct event *to = model_last_event(ev, n, EV_IMPACT_END);
	if (!to)
		to = model_first_event(ev, n, EV_RESOLUTION);
	if (from && to && to->time.at >= from->time.at) {
		double x0 = x_of(&a, from->time.at), x1 = x_of(&a, to->time.at);
		sb_puts(out, "<defs><pattern id=\"impact-hatch\" width=\"8\" height=\"8\" "
			     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
			     "<rect width=\"8\" height=\"8\" fill=\"#fde0dc\"/>"
			     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#c62828\" stroke-width=\"1\" "
			     "stroke-opacity=\".35\"/></pattern></defs>\n");
		sb_printf(out, "<rect class=\"impact\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
			       "fill=\"url(#impact-hatch)\"><title>Impact</title></rect>\n",
			  x0, AXIS_Y - 12, x1 - x0 > 1 ? x1 - x0 : 1, 24);
	}
	sb_printf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\" "
		       "stroke-width=\"2\"/>\n",
		  AXIS_X0, AXIS_Y, AXIS_X1, AXIS_Y);
	/* Every event a tick; a marked one its shape. */
	for (size_t i = 0; i < n; i++) {
		double x = x_of(&a, ev[i].time.at);
		sb_printf(out, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			       "stroke=\"#777\"/>\n",
			  x, AXIS_Y - 4, x, AXIS_Y + 4);
	}
	/* The milestones, labelled above the axis: their lines first, then
	 * every label, so that no line crosses a label. */
	double right[LABEL_ROWS] = {-1e9, -1e9, -1e9};
	struct strbuf labels = {0};
	for (size_t m = 0; m < sizeof MILESTONES / sizeof MILESTONES[0]; m++) {
		enum event_kind k = MILESTONES[m];
		const struct event *e = k == EV_IMPACT_END ? model_last_event(ev, n, k) : model_first_event(ev, n, k);
		if (!e)
			continue;
		double x = x_of(&a, e->time.at);
		char clock[16], label[64];
		instant_format_clock(e->time, clock, sizeof clock);
		snprintf(label, sizeof label, "%s %s", event_kind_title(k), clock);
		/* Past the right edge, a label ends at its marker instead. */
		double w = (double)strlen(label) * CHAR_W;
		bool flip = x + w > SVG_W - 4;
		int row = flip ? label_row(right, x - w, x) : label_row(right, x, x + w);
		double top = AXIS_Y - 22 - row * LABEL_ROW_H;
		sb_printf(out, "<g class=\"milestone\" data-kind=\"%s\" data-at=\"%lld\">"
			       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111\" "
			       "stroke-dasharray=\"2 2\"/><title>",
			  event_kind_name(k), (long long)e->time.at, x, top + 3, x, AXIS_Y);
		html_escape(out, e->text);
		sb_puts(out, "</title></g>\n");
		/* On a white ground: no line of a label above crosses it. */
		sb_printf(&labels, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#fff\"/>",
			  flip ? x - 3 - w : x + 1, top - 11, w + 2);
		sb_printf(&labels, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\"" HALO "%s>",
			  flip ? x - 2 : x + 2, top, flip ? " text-anchor=\"end\"" : "");
		html_escape(&labels, label);
		sb_puts(&labels, "</text>\n");
	}
	if (labels.len)
		sb_add(out, labels.s, labels.len);
	sb_free(&labels);
	for (size_t i = 0; i < n; i++)
		if (ev[i].mark != MARK_NONE && ev[i].mark < MARK_COUNT)
			mark_shape(out, &ev[i], x_of(&a, ev[i].time.at));
	int row = 0;
	if (d.has_detect)
		span(out, &a, &d, row++, "detect", d.detect);
	if (d.has_mitigate)
		span(out, &a, &d, row++, "mitigate", d.mitigate);
	if (d.has_resolve)
		span(out, &a, &d, row++, "resolve", d.resolve);
	sb_puts(out, "</svg>\n<figcaption>The incident on a time axis: the impact window hatched; "
		     "● went well, ■ could be better, ◆ lucky.</figcaption></figure>\n");
	return true;
}
