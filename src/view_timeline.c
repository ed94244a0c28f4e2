/* Stage 2: the timeline, walked one highlighted event at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/quickadd.h"
#include "ui_internal.h"

/* The kind column: its longest title ("Communication"). */
#define KIND_W 13

static size_t timeline_count(struct ui *ui)
{
	return ui->doc.n_events;
}

static const struct event *selected(struct ui *ui)
{
	size_t i = ui->sel[STAGE_TIMELINE];
	return i < ui->doc.n_events ? &ui->doc.events[i] : NULL;
}

static const char *mark_word(enum event_mark m, enum look *look)
{
	switch (m) {
	case MARK_WENT_WELL: *look = LOOK_WELL; return "WELL";
	case MARK_COULD_BE_BETTER: *look = LOOK_BETTER; return "BETTER";
	case MARK_LUCKY: *look = LOOK_LUCKY; return "LUCKY";
	default: *look = LOOK_NORMAL; return "";
	}
}

static size_t notes_on(struct ui *ui, const char *event_id)
{
	return model_count_notes_on(&ui->doc, event_id);
}

enum { STRIP_MAX_COLS = 512 };

/* What a drawing needs of every event, worked out once for the events as
 * they are (forgotten when they change, timeline_forget): a repaint walks
 * only the rows on screen, however long the timeline. */
struct timeline_view {
	bool spanned;       /* days and offsets are known */
	bool days, offsets; /* whether the rows need their date, their offset */
	/* The strip for `cols` columns (0: not made), the highlight left out:
	 * each column's glyph, look and the rank of the event it shows. */
	int cols;
	char glyph[STRIP_MAX_COLS][4];
	unsigned char look[STRIP_MAX_COLS], rank[STRIP_MAX_COLS];
	size_t milestone[7]; /* each milestone's place (STRIP_MILESTONES), or n */
};

static void timeline_forget(struct ui *ui, void *state, bool reopened, bool gone)
{
	struct timeline_view *ts = state;
	(void)gone;
	/* A reload after a note keeps it: only the events matter, and for
	 * the days and offsets only their times. */
	if (reopened || (ui->doc.refreshed & REFRESHED_TIMELINE))
		ts->spanned = false;
	if (reopened || (ui->doc.refreshed & (1u << REC_EVENT)))
		ts->cols = 0;
}

/* Do the events span more than one day, or more than one offset? Then each
 * row shows its date, or its offset. */
static void spans(struct ui *ui, bool *days, bool *offsets)
{
	struct timeline_view *ts = ui_view_state(ui, STAGE_TIMELINE);
	if (ts->spanned) {
		*days = ts->days;
		*offsets = ts->offsets;
		return;
	}
	*days = *offsets = false;
	const struct event *v = ui->doc.events;
	size_t n = ui->doc.n_events;
	/* Events are in time order: the first and the last day tell, and the
	 * day of an instant is its own offset's, so the offsets are compared
	 * first. */
	for (size_t i = 1; i < n && !*offsets; i++)
		*offsets = v[i].time.offset_min != v[0].time.offset_min;
	int64_t first = n ? instant_day(v[0].time) : 0;
	*days = n && instant_day(v[n - 1].time) != first;
	for (size_t i = 1; *offsets && !*days && i < n; i++) /* dates of mixed offsets */
		*days = instant_day(v[i].time) != first;
	ts->days = *days;
	ts->offsets = *offsets;
	ts->spanned = true;
}

/* The strip's milestones: the first event of each kind (impact end the
 * last), found once a drawing, and their letters. */
static const struct {
	enum event_kind kind;
	char letter;
} STRIP_MILESTONES[] = {{EV_TRIGGER, 'T'},    {EV_IMPACT_START, 'I'}, {EV_DETECTION, 'D'}, {EV_PAGE, 'P'},
			{EV_MITIGATION, 'M'}, {EV_RESOLUTION, 'R'},   {EV_IMPACT_END, 'E'}};
#define N_STRIP_MILESTONES (sizeof STRIP_MILESTONES / sizeof STRIP_MILESTONES[0])
_Static_assert(N_STRIP_MILESTONES == sizeof ((struct timeline_view *)0)->milestone /
		       sizeof ((struct timeline_view *)0)->milestone[0],
	       "a place for each milestone");

/* The incident on one row, as the HTML draws it: the first event's time,
 * the axis (the impact window heavier), each event where its time puts it
 * (a milestone as its letter, T I D P M R E; a marked one in its mark's
 * look), the highlighted event standing out, the last event's time. The
 * row without its highlight is made once for the events as they are; a
 * drawing puts the highlight on it. */
static void draw_strip(struct ui *ui, int y, int left, int width)
{
	const struct event *v = ui->doc.events;
	size_t n = ui->doc.n_events;
	struct timeline_view *ts = ui_view_state(ui, STAGE_TIMELINE);
	char from[16], to[16];
	instant_format_clock(v[0].time, from, sizeof from);
	instant_format_clock(v[n - 1].time, to, sizeof to);
	int cols = width - 4 - (int)strlen(from) - (int)strlen(to);
	if (cols < 10)
		return;
	if (cols > STRIP_MAX_COLS)
		cols = STRIP_MAX_COLS;
	int64_t t0 = v[0].time.at, t1 = v[n - 1].time.at;
#define STRIP_COL(t) (t1 > t0 ? (int)(((t) - t0) * (cols - 1) / (t1 - t0)) : cols / 2)
	if (ts->cols != cols) {
		const struct event *is = model_first_event(v, n, EV_IMPACT_START);
		const struct event *ie = model_last_event(v, n, EV_IMPACT_END);
		if (!ie)
			ie = model_first_event(v, n, EV_RESOLUTION);
		int i0 = is && ie ? STRIP_COL(is->time.at) : cols, i1 = is && ie ? STRIP_COL(ie->time.at) : -1;
		for (int c = 0; c < cols; c++) {
			strcpy(ts->glyph[c], c >= i0 && c <= i1 ? "\u2501" : "\u2500");
			ts->look[c] = c >= i0 && c <= i1 ? LOOK_NORMAL : LOOK_DIM;
			ts->rank[c] = 0;
		}
		size_t order[N_STRIP_MILESTONES]; /* the milestones in the timeline's order */
		for (size_t m = 0; m < N_STRIP_MILESTONES; m++) {
			enum event_kind k = STRIP_MILESTONES[m].kind;
			const struct event *x = k == EV_IMPACT_END ? model_last_event(v, n, k) :
					       model_first_event(v, n, k);
			ts->milestone[m] = x ? (size_t)(x - v) : n;
			size_t j = m;
			for (; j > 0 && ts->milestone[order[j - 1]] > ts->milestone[m]; j--)
				order[j] = order[j - 1];
			order[j] = m;
		}
		/* One cell, many events: the highlighted one wins (put on when
		 * drawn), then a milestone, then a marked one, then the last.
		 * Every event as a dot first, the milestones' letters over them. */
		for (size_t i = 0; i < n; i++) {
			int c = STRIP_COL(v[i].time.at);
			unsigned r = v[i].mark ? 2 : 1;
			if (r < ts->rank[c])
				continue;
			if (ts->rank[c] == 0)
				strcpy(ts->glyph[c], "\u2022");
			ts->rank[c] = (unsigned char)r;
			enum look ml = LOOK_NORMAL;
			if (v[i].mark)
				mark_word(v[i].mark, &ml);
			ts->look[c] = (unsigned char)ml;
		}
		for (size_t o = 0; o < N_STRIP_MILESTONES; o++) {
			size_t m = order[o], i = ts->milestone[m];
			if (i >= n)
				continue;
			int c = STRIP_COL(v[i].time.at);
			ts->rank[c] = 3;
			snprintf(ts->glyph[c], sizeof ts->glyph[c], "%c", STRIP_MILESTONES[m].letter);
			enum look ml = LOOK_TITLE;
			if (v[i].mark)
				mark_word(v[i].mark, &ml);
			ts->look[c] = (unsigned char)ml;
		}
		ts->cols = cols;
	}
	/* The highlighted event: its column, as a milestone's letter or a dot. */
	size_t sel = ui->sel[STAGE_TIMELINE];
	int sc = sel < n ? STRIP_COL(v[sel].time.at) : -1;
	char sel_glyph[4] = "\u2022";
	for (size_t m = 0; m < N_STRIP_MILESTONES; m++)
		if (ts->milestone[m] == sel)
			snprintf(sel_glyph, sizeof sel_glyph, "%c", STRIP_MILESTONES[m].letter);
#undef STRIP_COL
	int x = left + 1;
	x += draw_text(y, x, width, from, term_attr(LOOK_DIM)) + 1;
	for (int c = 0; c < cols; c++)
		x += draw_text(y, x, 1, c == sc ? sel_glyph : ts->glyph[c],
			       term_attr(c == sc ? LOOK_SELECTED : (enum look)ts->look[c]));
	draw_text(y, x + 1, width - (x + 1 - left), to, term_attr(LOOK_DIM));
}

static void timeline_draw(struct ui *ui, int top, int left, int height, int width)
{
	if (ui->doc.n_events == 0) {
		draw_centred(top + height / 2 - 1, left, width, "No events yet.", term_attr(LOOK_TITLE));
		draw_centred(top + height / 2, left, width,
			     "Press a and type:  14:05 what happened !kind", term_attr(LOOK_NORMAL));
		draw_centred(top + height / 2 + 1, left, width,
			     "or before the meeting: debrief import RETRO timeline.csv",
			     term_attr(LOOK_DIM));
		return;
	}
	int panel = ui_ask_rows(ui, height);
	if (panel) {
		height -= panel;
		ui_ask_draw(ui, top + height, left, panel, width);
	}
	/* Where in the incident the room is: the strip, when there is room. */
	if (height >= 8) {
		draw_strip(ui, top, left, width);
		top++;
		height--;
	}
	bool days, offsets;
	spans(ui, &days, &offsets);
	char off[16];
	offset_format(ui->doc.events[0].time.offset_min, off, sizeof off);
	char head[128];
	int tw = days ? 17 : 11;
	/* (One offset for all is said once, after WHAT HAPPENED.) */
	snprintf(head, sizeof head, " %-*s %-*s %-6s ", tw - 1, !offsets && days ? "DATE  TIME" : "TIME",
		 KIND_W, "KIND", "MARK");
	int x = draw_text(top, left, width, head, term_attr(LOOK_TITLE));
	char what[64];
	snprintf(what, sizeof what, "WHAT HAPPENED%s%s", offsets ? "" : "  (UTC", offsets ? "" : off);
	if (!offsets)
		strncat(what, ")", sizeof what - strlen(what) - 1);
	draw_text(top, left + x, width - x, what, term_attr(LOOK_TITLE));

	int rows = height - 1;
	size_t sel = ui->sel[STAGE_TIMELINE];
	size_t *scroll = &ui->scroll[STAGE_TIMELINE];
	if (rows < 1)
		return;
	if (sel < *scroll)
		*scroll = sel;
	if (sel >= *scroll + (size_t)rows)
		*scroll = sel - (size_t)rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = *scroll + (size_t)r;
		if (i >= ui->doc.n_events)
			break;
		const struct event *ev = &ui->doc.events[i];
		bool is_sel = i == sel;
		int y = top + 1 + r;
		unsigned base = term_attr(is_sel ? LOOK_SELECTED : LOOK_NORMAL);
		if (is_sel)
			draw_fill(y, left, width, base);
		char t[40], clock[16], date[16];
		instant_format_clock(ev->time, clock, sizeof clock);
		instant_format_date(ev->time, date, sizeof date);
		if (offsets) {
			offset_format(ev->time.offset_min, off, sizeof off);
			snprintf(t, sizeof t, "%s%s %s", days ? date + 5 : "", days ? " " : "", clock);
		} else {
			snprintf(t, sizeof t, "%s%s%s", days ? date + 5 : "", days ? " " : "", clock);
		}
		char cell[64];
		snprintf(cell, sizeof cell, "%s%-*s ", is_sel ? "›" : " ", tw - 1, t);
		int cx = left + draw_text(y, left, width, cell, base);
		snprintf(cell, sizeof cell, "%-*s ", KIND_W, event_kind_title(ev->kind));
		cx += draw_text(y, cx, left + width - cx, cell,
				is_sel ? base : term_attr(ev->kind == EV_OTHER ? LOOK_DIM : LOOK_NORMAL));
		enum look ml;
		const char *mw = mark_word(ev->mark, &ml);
		snprintf(cell, sizeof cell, "%-6s ", mw);
		cx += draw_text(y, cx, left + width - cx, cell, is_sel ? base : term_attr(ml));
		size_t nn = notes_on(ui, ev->id);
		char count[48] = "";
		/* Not known at the time (?), seen somewhere (↗), its notes. */
		snprintf(count, sizeof count, "%s%s", ev->unknown_then ? " ?" : "", ev->source ? " \u2197" : "");
		if (nn)
			snprintf(count + strlen(count), sizeof count - strlen(count), " [%zu]", nn);
		int cw = text_width(count);
		int tx = cx;
		cx += draw_text_fit(y, cx, left + width - cx - cw, ev->text, base);
		ui_nudge_mark(ui, y, tx, cx - tx, ev->text, strlen(ev->text));
		if (count[0])
			draw_text(y, cx, cw, count, is_sel ? base : term_attr(LOOK_DIM));
	}
}

static bool timeline_select(struct ui *ui, const char *id);

/* Enter on `a`'s line: "[YYYY-MM-DD ]HH:MM[:SS] text" with !kind anywhere. */
static unsigned timeline_quick_add(struct ui *ui, const char *line, char select[ID_LEN])
{
	struct err e = {0};
	struct event ev;
	if (quickadd_parse_event(line, &ui->doc, &ev, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	int rc = model_add_event(ui->st, &ui->undo, ui->doc.retro.id, &ev, &e);
	str_copy(select, ID_LEN, ev.id);
	event_free(&ev);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	ui_message(ui, false, "Event added. u undoes it.");
	return VIEW_HANDLED | VIEW_RELOAD | VIEW_SAVE_POSITION;
}

static const struct prompt_ops timeline_prompt = {
	.label = "Add event",
	.hint = "[YYYY-MM-DD ]HH:MM[:SS] what happened  !trigger !impact !alert !detect !page !investigate"
		" !escalate !comms !mitigate !resolve !end",
	.slot = "quick-add:event",
	.many = "events",
	.submit = timeline_quick_add,
};

/* w c l set a mark (the same key again clears it); K says the event was
 * not known at the time (again: it was). */
static unsigned change_selected(struct ui *ui, enum command act)
{
	const struct event *ev = selected(ui);
	struct err e = {0};
	if (!ev)
		return VIEW_HANDLED;
	struct event after;
	event_copy(&after, ev);
	enum event_mark m = act == ACT_MARK_WELL ? MARK_WENT_WELL
			    : act == ACT_MARK_BETTER ? MARK_COULD_BE_BETTER : MARK_LUCKY;
	if (act == ACT_NOT_KNOWN)
		after.unknown_then = !ev->unknown_then;
	else
		after.mark = ev->mark == m ? MARK_NONE : m;
	if (model_update_event(ui->st, &ui->undo, ui->doc.retro.id, ev, &after, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	else if (act == ACT_NOT_KNOWN)
		ui_message(ui, false, after.unknown_then ? "Not known at the time: learned afterwards. %s again clears it."
							 : "Known at the time. %s again says it was not.",
			   keymap_key_for(SCOPE_TIMELINE, ACT_NOT_KNOWN));
	event_free(&after);
	return VIEW_HANDLED | VIEW_RELOAD;
}

static void delete_yes(struct ui *ui, const struct ui_target *t)
{
	const struct event *ev = doc_event(&ui->doc, t->id);
	struct err e = {0};
	if (ui_target_still(ui, t, ev != NULL, ev ? ev->rev : 0, ev ? notes_on(ui, ev->id) : 0))
		ui_report(ui, model_delete_event(ui->st, &ui->undo, &ui->doc, ev->id, &e), &e,
			  "Event deleted. u brings it back.");
}

static unsigned timeline_request(struct ui *ui, enum command act)
{
	const struct event *ev = selected(ui);
	switch (act) {
	case ACT_ADD:
		ui_open_prompt(ui, &timeline_prompt, NULL, NULL);
		return VIEW_HANDLED;
	case ACT_EDIT:
		if (ev)
			form_open_event(ui, ev);
		return VIEW_HANDLED;
	case ACT_DELETE:
		if (ev) {
			struct ui_target t = {.rev = ev->rev, .notes = notes_on(ui, ev->id)};
			char clock[16];
			instant_format_clock(ev->time, clock, sizeof clock);
			str_copy(t.id, ID_LEN, ev->id);
			snprintf(t.what, sizeof t.what, "the %s event", clock);
			if (t.notes)
				ui_ask(ui, delete_yes, &t, "Delete the %s event and its %zu note%s? y/n", clock,
				       t.notes, t.notes == 1 ? "" : "s");
			else
				ui_ask(ui, delete_yes, &t, "Delete the %s event? y/n", clock);
		}
		return VIEW_HANDLED;
	case ACT_ASK:
		ui_ask_open(ui);
		return VIEW_HANDLED;
	case ACT_MARK_WELL:
	case ACT_MARK_BETTER:
	case ACT_MARK_LUCKY:
	case ACT_NOT_KNOWN:
		return change_selected(ui, act);
	default:
		return VIEW_IGNORED;
	}
}

static const char *timeline_item(struct ui *ui)
{
	const struct event *ev = selected(ui);
	return ev ? ev->id : NULL;
}

static void timeline_label(struct ui *ui, char *buf, size_t size)
{
	const struct event *ev = selected(ui);
	if (!ev) {
		snprintf(buf, size, "the timeline");
		return;
	}
	char clock[16];
	instant_format_clock(ev->time, clock, sizeof clock);
	snprintf(buf, size, "%s %s: %s", clock, event_kind_title(ev->kind), ev->text);
}

static bool timeline_name(struct ui *ui, const char *id, char *buf, size_t size)
{
	const struct event *ev = doc_event(&ui->doc, id);
	char clock[16];
	if (!ev)
		return false;
	instant_format_clock(ev->time, clock, sizeof clock);
	snprintf(buf, size, "%s %s", clock, event_kind_title(ev->kind));
	return true;
}

static void timeline_anchor(struct ui *ui, struct note *n)
{
	const struct event *ev = selected(ui);
	n->stage = STAGE_TIMELINE;
	if (ev)
		str_copy(n->event_id, ID_LEN, ev->id);
}

static bool timeline_select(struct ui *ui, const char *id)
{
	const struct event *x = doc_event(&ui->doc, id);
	if (x)
		ui->sel[STAGE_TIMELINE] = (size_t)(x - ui->doc.events);
	return x != NULL;
}

const struct view_ops view_timeline_ops = {
	.title = "Timeline",
	.scope = SCOPE_TIMELINE,
	.draw = timeline_draw,
	.request = timeline_request,
	.count = timeline_count,
	.item_id = timeline_item,
	.item_label = timeline_label,
	.anchor = timeline_anchor,
	.item_name = timeline_name,
	.select_id = timeline_select,
	.private_size = sizeof(struct timeline_view),
	.forget = timeline_forget,
	.add_prompt = &timeline_prompt,
};
