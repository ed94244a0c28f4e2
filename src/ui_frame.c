/* The frame around the stages: the header (title, who is here, the
 * clock), the breadcrumb of stages, the durations, the bottom bar; and
 * painting a whole frame. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/text.h"
#include "ui_internal.h"

void ui_mmss(int64_t secs, char *buf, size_t size)
{
	if (secs >= 3600)
		snprintf(buf, size, "%lld:%02lld:%02lld", (long long)(secs / 3600),
			 (long long)(secs / 60 % 60), (long long)(secs % 60));
	else
		snprintf(buf, size, "%02lld:%02lld", (long long)(secs / 60), (long long)(secs % 60));
}

/* The meeting's clock, the same on every terminal, at the header's right
 * end, saying what it counts ("elapsed 12:05"); nothing before it starts.
 * Into buf; its width, 0 for nothing. */
static int clock_text(const struct ui *ui, char *buf, size_t size, enum meeting_clock *c)
{
	int64_t el;
	buf[0] = '\0';
	*c = ui->in_list || ui->board || !ui->open ? CLOCK_NOT_STARTED : model_clock(&ui->doc.retro, clock_now(), &el);
	if (*c == CLOCK_NOT_STARTED)
		return 0;
	const char *label = *c == CLOCK_PAUSED ? "paused" : *c == CLOCK_STOPPED ? "lasted" : "elapsed";
	char t[24];
	ui_mmss(el, t, sizeof t);
	snprintf(buf, size, " %s %s ", label, t);
	return text_width(buf);
}

static int clock_cols(const struct ui *ui)
{
	char buf[64];
	enum meeting_clock c;
	return clock_text(ui, buf, sizeof buf, &c);
}

/* The run of show, at the right end of the row of stages: the time spent
 * in the stage the meeting is at, against its timebox ("Timeline 18:40 /
 * 35:00"), saying "over" once it ran out. As long as fits in room: the
 * stage's name goes first when it is the one on screen. */
static int timer_text(const struct ui *ui, int room, char *buf, size_t size, bool *over)
{
	const struct retro *r = &ui->doc.retro;
	buf[0] = '\0';
	*over = false;
	if (ui->in_list || !ui->open || r->clock_started <= 0)
		return 0;
	struct stage_time t;
	model_stage_time(r, r->timed_stage, clock_now(), &t);
	*over = t.over && r->status != RETRO_CLOSED;
	char spent[24], plan[24] = "";
	ui_mmss(t.spent, spent, sizeof spent);
	if (t.plan)
		ui_mmss(t.plan, plan, sizeof plan);
	const char *names[] = {stage_title(r->timed_stage), stage_short_title(r->timed_stage), NULL};
	for (int v = 0; v < 4; v++) {
		const char *name = v < 2 ? names[v] : v == 2 && r->timed_stage != ui->stage ? names[1] : NULL;
		snprintf(buf, size, " %s%s%s%s%s%s ", name ? name : "", name ? " " : "", spent,
			 t.plan ? (v < 3 ? " / " : "/") : "", plan, *over ? " over" : "");
		int w = text_width(buf);
		if (w <= room)
			return w;
	}
	buf[0] = '\0';
	return 0;
}

/* Draws the run of show's timer where the row of stages left room. */
static void draw_timer(struct ui *ui)
{
	char buf[96];
	bool over;
	int room = ui->cols - ui->stages_end;
	int w = timer_text(ui, room, buf, sizeof buf, &over);
	if (ui->timer_cols > w)
		draw_fill(1, ui->cols - ui->timer_cols, ui->timer_cols - w, term_attr(LOOK_NORMAL));
	ui->timer_cols = w;
	if (w)
		draw_text(1, ui->cols - w, w, buf, term_attr(over ? LOOK_ERROR : LOOK_DIM));
}

static void draw_clock(struct ui *ui)
{
	char clock[64];
	enum meeting_clock c;
	int cw = clock_text(ui, clock, sizeof clock, &c);
	ui->clock_cols = cw;
	if (cw && ui->cols >= MIN_COLS && ui->rows >= MIN_ROWS) {
		draw_text(0, ui->cols - cw, cw, clock, term_attr(c == CLOCK_PAUSED ? LOOK_BETTER : LOOK_HEADER)); /* (a pause stands out) */
		draw_timer(ui);
	}
}

/* A stage's timebox running out is said once on this terminal (and rung,
 * with the bell set): again only after + gave it more time and that ran
 * out too. One opened late says nothing of one already over. */
void ui_timebox_check(struct ui *ui)
{
	if (ui->in_list || !ui->open)
		return;
	const struct retro *r = &ui->doc.retro;
	struct stage_time t;
	model_stage_time(r, r->timed_stage, clock_now(), &t);
	int64_t over = t.over && r->status != RETRO_CLOSED ? (int64_t)r->timed_stage << 40 | t.plan : 0;
	bool seen = ui->timebox_seen;
	ui->timebox_seen = true;
	if (over == ui->timebox_over || !seen) {
		ui->timebox_over = over;
		return;
	}
	ui->timebox_over = over;
	ui->dirty |= DIRTY_ALL;
	if (!over)
		return;
	if (ui->bell)
		beep();
	char plan[24];
	ui_mmss(t.plan, plan, sizeof plan);
	if (ui->role == ROLE_FACILITATOR && !ui->read_only && !(ui->msg[0] && ui->msg_error))
		ui_message(ui, false, "The %s timebox (%s) ran out: %s gives five minutes more.",
			   stage_title(r->timed_stage), plan, keymap_key_for(SCOPE_STAGES, ACT_EXTEND));
}

/* Where the facilitator is while following is held: " · facilitator on
 * 09:58 Alert", with the stage when it is another. */
static void follow_hint(struct ui *ui, struct strbuf *out)
{
	if (ui->follow_stage < STAGE_PRIME || ui->follow_stage > STAGE_COUNT)
		return;
	const struct view_ops *v = ui_stage_view(ui->follow_stage);
	char name[128];
	bool named = v->item_name && ui->follow_item[0] &&
		     v->item_name(ui, ui->follow_item, name, sizeof name);
	if (named && ui->follow_stage == ui->stage)
		sb_printf(out, " · facilitator on %s", name);
	else if (named)
		sb_printf(out, " · facilitator on %s (%s)", name, stage_title(ui->follow_stage));
	else
		sb_printf(out, " · facilitator on %s", stage_title(ui->follow_stage));
}

static void draw_header(struct ui *ui)
{
	unsigned hdr = term_attr(LOOK_HEADER);
	draw_fill(0, 0, ui->cols, hdr);
	struct strbuf b = {0};
	const struct view_ops *v = ui_view(ui);
	if (ui->board) {
		sb_puts(&b, " debrief · ");
		if (v->header)
			v->header(ui, &b);
		else
			sb_puts(&b, v->title);
	} else if (ui->in_list) {
		sb_puts(&b, " debrief · retrospectives");
		if (ui->list_filter[0])
			sb_printf(&b, " · filter: %s (%zu shown)", ui->list_filter, ui_list_total(ui));
	} else {
		const struct retro *r = &ui->doc.retro;
		/* Closed (deleted) first: the title is what a narrow screen cuts. */
		sb_printf(&b, " %s%s%s", r->deleted_at ? "DELETED · " : "",
			  r->status == RETRO_CLOSED ? "CLOSED · " : "", r->title);
		if (r->incident_ref)
			sb_printf(&b, " · %s", r->incident_ref);
		if (r->severity)
			sb_printf(&b, " · %s", r->severity);
	}
	/* Who else is here, beside the clock; while following is held, where
	 * the facilitator went instead (it must not be cut at 80 columns). */
	struct strbuf who = {0};
	bool no_retro = ui->in_list || ui->board; /* the header is not a retrospective's */
	bool held = ui->follow && !no_retro && ui->follow_held;
	if (!no_retro && ui->n_present > 1 && !held) {
		int fac = 0, scr = 0, view = 0;
		for (size_t i = 0; i < ui->n_present; i++) {
			const char *r = ui->present[i].role;
			fac += strcmp(r, "facilitator") == 0;
			scr += strcmp(r, "scribe") == 0;
			view += strcmp(r, "viewer") == 0;
		}
		/* Counted: two of a role is worth seeing. */
		if (fac)
			sb_printf(&who, fac == 1 ? " ● facilitator" : " ● %d facilitators", fac);
		if (scr)
			sb_printf(&who, scr == 1 ? " ● scribe" : " ● %d scribes", scr);
		if (view)
			sb_printf(&who, " ● %d viewer%s", view, view == 1 ? "" : "s");
	}
	if (held)
		follow_hint(ui, &who);
	else if (ui->follow && !no_retro)
		sb_puts(&who, " · following");
	int ww = text_width(sb_str(&who)), cc = ui->in_list ? 0 : clock_cols(ui);
	if (ww > ui->cols / 2)
		ww = ui->cols / 2; /* a long hint gives way to the title */
	/* The services and tags after them, whole, where there is room (else
	 * beside the durations, below): they never cut the title. */
	struct strbuf labels = {0};
	if (!no_retro)
		model_labels_line(&ui->doc.retro, &labels);
	if (labels.len && text_width(b.s) + 3 + text_width(labels.s) <= ui->cols - 1 - cc - ww) {
		sb_printf(&b, " · %s", labels.s);
		sb_free(&labels);
	}
	draw_text_fit(0, 0, ui->cols - 1 - cc - ww, b.s, hdr);
	draw_text_fit(0, ui->cols - cc - ww, ww, sb_str(&who), hdr);
	sb_free(&who);
	sb_free(&b);
	draw_clock(ui);
	if (ui->in_list || ui->board) {
		sb_free(&labels);
		return;
	}

	/* The agenda as a breadcrumb, the current stage standing out. */
	int x = 1;
	draw_fill(1, 0, ui->cols, term_attr(LOOK_NORMAL));
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		char label[48];
		bool narrow = ui->cols < 90;
		snprintf(label, sizeof label, " %d %s ", s,
			 narrow ? stage_short_title((enum stage)s) : stage_title((enum stage)s));
		unsigned a = term_attr(s == (int)ui->stage ? LOOK_STAGE_NOW : LOOK_STAGE);
		x += draw_text(1, x, ui->cols - x, label, a);
		if (s < STAGE_COUNT)
			x += draw_text(1, x, ui->cols - x, "›", term_attr(LOOK_DIM));
	}
	ui->stages_end = x + 1;
	ui->timer_cols = 0;
	draw_timer(ui);

	/* Durations: computed from the timeline, never typed. */
	char d1[24] = "–", d2[24] = "–", d3[24] = "–", d4[24] = "–";
	if (ui->dur.has_detect)
		duration_format(ui->dur.detect, d1, sizeof d1);
	if (ui->dur.has_mitigate)
		duration_format(ui->dur.mitigate, d2, sizeof d2);
	if (ui->dur.has_resolve)
		duration_format(ui->dur.resolve, d3, sizeof d3);
	if (ui->dur.has_impact)
		duration_format(ui->dur.impact, d4, sizeof d4);
	char line[200];
	snprintf(line, sizeof line, " detect %s · mitigate %s · resolve %s · impact %s", d1, d2,
		 d3, d4);
	draw_fill(2, 0, ui->cols, term_attr(LOOK_NORMAL));
	/* Not to be trusted yet: the timeline's check found problems that
	 * were neither fixed nor accepted (said first: a narrow screen cuts
	 * the end). */
	int dx = 0;
	if (ui->tl.state == TIMELINE_UNCHECKED) {
		dx = draw_text(2, 0, ui->cols, " unchecked ·", term_attr(LOOK_BETTER));
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, " · %s lists %zu problem%s",
			 keymap_key_for(SCOPE_STAGES, ACT_CHECK_TIMELINE), ui->tl.unaccepted,
			 ui->tl.unaccepted == 1 ? "" : "s");
	}
	int used = dx + draw_text(2, dx, ui->cols - dx, line, term_attr(LOOK_DIM));
	int lw = labels.len ? text_width(labels.s) : 0;
	if (lw && used + 2 + lw + 1 <= ui->cols)
		draw_text(2, ui->cols - 1 - lw, lw, labels.s, term_attr(LOOK_DIM));
	sb_free(&labels);
}

/* The bottom bar: a message, a question, a prompt, or the keys that matter
 * here. */
static void draw_bottom(struct ui *ui)
{
	int y = ui->rows - 1;
	draw_fill(y, 0, ui->cols, term_attr(LOOK_NORMAL));
	if (ui->confirm) {
		draw_text_fit(y, 1, ui->cols - 2, ui->confirm_msg, term_attr(LOOK_ERROR));
		return;
	}
	if (ui->prompt != NULL) {
		draw_fill(y - 1, 0, ui->cols, term_attr(LOOK_NORMAL));
		size_t lines = ui->prompt->many ? ui_prompt_lines(te_text(&ui->prompt_input)) : 0;
		char block[160];
		if (lines > 1)
			snprintf(block, sizeof block, "%zu lines pasted: Enter adds %zu %s, one a line, or none",
				 lines, lines, ui->prompt->many);
		if (ui->msg[0] && ui->msg_error)
			draw_text_fit(y - 1, 1, ui->cols - 2, ui->msg, term_attr(LOOK_ERROR));
		else
			draw_text_fit(y - 1, 1, ui->cols - 2, lines > 1 ? block : ui->prompt_hint,
				      term_attr(lines > 1 ? LOOK_NORMAL : LOOK_DIM));
		int x = 1 + draw_text(y, 1, ui->cols - 2, ui->prompt_label, term_attr(LOOK_TITLE));
		x += draw_text(y, x, 2, ": ", term_attr(LOOK_TITLE));
		ui->input_y = y;
		ui->input_x = x;
		ui->input_w = ui->cols - x - 1;
		return;
	}
	/* The saved indicator: everything typed is kept; notes kept while the
	 * database was busy are counted until they are in it. */
	char kept[48];
	snprintf(kept, sizeof kept, "%zu pending ", ui->n_pending);
	const char *state = ui->unsaved	    ? "✗ NOT SAVED "
			    : ui->read_only ? "read-only "
			    : ui->n_pending ? kept
					    : "✓ saved ";
	int sw = text_width(state);
	draw_text(y, ui->cols - sw, sw, state,
		  term_attr(ui->unsaved ? LOOK_ERROR : ui->n_pending ? LOOK_TITLE : LOOK_DIM));
	if (ui->msg[0]) {
		draw_text_fit(y, 1, ui->cols - 3 - sw, ui->msg, term_attr(ui->msg_error ? LOOK_ERROR : LOOK_OK));
		return;
	}
	size_t n;
	const struct binding *b = keymap_bindings(&n);
	/* Blaming words in what is typed or highlighted: a question that
	 * reframes them, in the keys' place (? lists them all). */
	char hint[320];
	if (ui_nudge_hint(ui, hint, sizeof hint)) {
		draw_text_fit(y, 1, ui->cols - 3 - sw, hint, term_attr(LOOK_DIM));
		return;
	}
	unsigned scope = ui->focus == FOCUS_NOTES ? SCOPE_NOTES : ui_ask_is_open(ui) ? SCOPE_ASK
										: ui_view(ui)->scope;
	int x = 1;
	/* A scribe or a viewer is shown first how to follow, or stop, and is
	 * always shown how to quit: the stage's keys take what room is left. */
	bool follower = !ui->in_list && !ui->board && ui->focus == FOCUS_MAIN &&
			(ui->role != ROLE_FACILITATOR || ui->read_only);
	const char *quit_key = keymap_key_for(SCOPE_STAGES, ACT_QUIT);
	int quit_w = follower ? text_width(quit_key) + 1 + text_width("quit") + 2 : 0;
	if (follower) {
		const char *fk = keymap_key_for(SCOPE_STAGES, ACT_FOLLOW);
		x += draw_text(y, x, ui->cols - x, fk, term_attr(LOOK_KEY));
		x += draw_text(y, x, ui->cols - x, ui->follow ? " stop following  " : " follow  ",
			       term_attr(LOOK_NORMAL));
	}
	/* This stage's own keys first, then those of every stage, as many as
	 * fit; ? lists them all. A follower, there to take notes or watch,
	 * sees the keys of every stage (help, the notes pane) first. */
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < n; i++) {
			bool everywhere = (b[i].scopes & SCOPE_STAGES) == SCOPE_STAGES ||
					  (b[i].scopes & SCOPE_LIST && b[i].scopes & SCOPE_STAGES);
			/* (The third pass: what is offered only where room is left.) */
			if (!(b[i].scopes & scope) || (pass == 2 ? b[i].in_bar != BAR_IF_ROOM :
			    b[i].in_bar != true || everywhere != ((pass == 1) != follower)))
				continue;
			if ((ui->read_only && ui_command_changes(b[i].action)) || ui_closed_refuses(ui, b[i].action))
				continue; /* offered only what may be done */
			if (!ui->in_list && scope == ui_view(ui)->scope && ui_view(ui)->offers &&
			    !ui_view(ui)->offers(ui, b[i].action))
				continue; /* nothing to do it on, highlighted */
			if (b[i].action == ACT_REOPEN_RETRO && ui->doc.retro.status != RETRO_CLOSED)
				continue; /* nothing to reopen */
			if (b[i].action == ACT_CLOSE_RETRO && ui->doc.retro.status == RETRO_CLOSED)
				continue; /* closed already */
			if (b[i].action == ACT_REDO && !model_can_redo(&ui->undo))
				continue; /* nothing undone to redo */
			if (b[i].action == ACT_NEXT_STAGE && !ui->in_list && ui->stage == STAGE_COUNT)
				continue; /* nothing comes after the last stage */
			if (b[i].action == ACT_UNDO && ui->in_list && ui->list_deletes.n == 0)
				continue; /* nothing deleted here to bring back */
			if (follower && b[i].action == ACT_QUIT)
				continue; /* kept for the end */
			const char *key = binding_key(&b[i]); /* the first is enough here */
			const char *label = b[i].action == ACT_CLOCK && ui->open && ui->doc.retro.clock_paused_at
						    ? "resume clock" : b[i].bar_label;
			int need = text_width(key) + 1 + text_width(label);
			if (x + need > ui->cols - 1 - sw - quit_w)
				continue;
			x += draw_text(y, x, ui->cols - x, key, term_attr(LOOK_KEY));
			x += draw_text(y, x, ui->cols - x, " ", 0);
			x += draw_text(y, x, ui->cols - x, label, term_attr(LOOK_NORMAL));
			/* (The gap never covers the saved indicator: an item that
			 * just fits wrote over "2 pending"'s figure.) */
			x += draw_text(y, x, ui->cols - sw - x, "  ", 0);
		}
	}
	if (follower) {
		x += draw_text(y, x, ui->cols - x, quit_key, term_attr(LOOK_KEY));
		draw_text(y, x, ui->cols - x, " quit", term_attr(LOOK_NORMAL));
	}
}

void ui_draw_prompt_input(struct ui *ui)
{
	if (ui->input_w < 1)
		return;
	int cx;
	draw_input(&ui->prompt_view, ui->input_y, ui->input_x, ui->input_w, &ui->prompt_input,
		   term_attr(LOOK_NORMAL), &cx);
	ui->cursor_y = ui->input_y;
	ui->cursor_x = cx;
}

static void draw_too_small(struct ui *ui)
{
	erase();
	char line[64];
	int y = ui->rows / 2;
	draw_centred(y > 0 ? y - 1 : 0, 0, ui->cols, "terminal too small", term_attr(LOOK_ERROR));
	snprintf(line, sizeof line, "%dx%d, need %dx%d", ui->cols, ui->rows, MIN_COLS, MIN_ROWS);
	if (y + 1 < ui->rows)
		draw_centred(y, 0, ui->cols, line, term_attr(LOOK_NORMAL));
}

/* The notes pane beside the stage (else below it): where the settings
 * put it, else from WIDE_COLS columns. */
static bool notes_beside(const struct ui *ui)
{
	const char *place = ui->opt && ui->opt->notes_pane ? ui->opt->notes_pane : "auto";
	if (strcmp(place, "auto") != 0)
		return strcmp(place, "right") == 0;
	return ui->cols >= WIDE_COLS;
}

/* Where the stage's view and the notes pane go (the pane beside the
 * view on a wide screen, else below it): false when there is no pane (a
 * board, the list). */
struct frame_areas {
	int top, height; /* the rows between the header and the bottom line */
	int view_w, view_h, notes_y, notes_x, notes_w, notes_h;
};

static bool frame_areas(const struct ui *ui, struct frame_areas *a)
{
	a->top = ui->in_list || ui->board ? 1 : 3;
	int bottom = ui->rows - 1 - (ui->prompt != NULL ? 1 : 0);
	a->height = bottom - a->top;
	if (ui->board || ui->in_list || !ui->open)
		return false;
	if (notes_beside(ui)) {
		a->notes_w = ui->cols / 3;
		a->view_w = ui->cols - a->notes_w - 1;
		a->view_h = a->notes_h = a->height;
		a->notes_y = a->top;
		a->notes_x = ui->cols - a->notes_w;
	} else {
		a->notes_h = a->height / 3 < 4 ? 4 : a->height / 3;
		a->view_w = a->notes_w = ui->cols;
		a->view_h = a->height - a->notes_h;
		a->notes_y = a->top + a->view_h;
		a->notes_x = 0;
	}
	return true;
}

static void draw_all(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->cursor_y = ui->cursor_x = -1;
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		draw_too_small(ui);
		return;
	}
	erase();
	ui->whole_draws++;
	ui->note_view.valid = ui->prompt_view.valid = false; /* erased: draw whole */
	draw_header(ui);
	struct frame_areas a;
	if (!frame_areas(ui, &a)) {
		if (ui->board)
			ui_view(ui)->draw(ui, a.top, 0, a.height, ui->cols);
		else
			view_list_ops.draw(ui, a.top, 0, a.height, ui->cols);
	} else {
		ui_view(ui)->draw(ui, a.top, 0, a.view_h, a.view_w);
		if (a.notes_x > 0) {
			attrset(term_attr(LOOK_DIM));
			mvvline(a.top, a.view_w, ACS_VLINE, a.height);
			attrset(A_NORMAL);
		}
		notes_draw(ui, a.notes_y, a.notes_x, a.notes_h, a.notes_w);
	}
	draw_bottom(ui);
	ui_draw_layers(ui);
}

/* After a note saved on a stage whose view shows nothing of the notes:
 * the notes pane and the bottom line, the rest as it is. False when the
 * whole screen must be drawn instead. */
static bool draw_notes_only(struct ui *ui)
{
	struct frame_areas a;
	if (!(ui_view(ui)->flags & VIEW_SHOWS_NO_NOTES) || ui_layer_open(ui, LAYER_COVERS) ||
	    !frame_areas(ui, &a))
		return false;
	ui->cursor_y = ui->cursor_x = -1;
	for (int y = a.notes_y; y < a.notes_y + a.notes_h; y++)
		draw_fill(y, a.notes_x, a.notes_w, A_NORMAL);
	ui->note_view.valid = false; /* cleared: draw whole */
	notes_draw(ui, a.notes_y, a.notes_x, a.notes_h, a.notes_w);
	draw_bottom(ui);
	ui_draw_layers(ui);
	return true;
}

/* Test mode: a figure said with the frame marks when it changed. */
static void said_once(unsigned long now, unsigned long *said, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void said_once(unsigned long now, unsigned long *said, const char *fmt, ...)
{
	if (now == *said)
		return;
	char text[96];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(text + 4, sizeof text - 5, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof text - 5)
		return;
	memcpy(text, "\033]2;", 4);
	text[4 + n] = '\007';
	(void)!write(STDOUT_FILENO, text, (size_t)n + 5);
	*said = now;
}

void ui_paint(struct ui *ui)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (rows != ui->rows || cols != ui->cols || cols < MIN_COLS || rows < MIN_ROWS)
		ui->dirty = DIRTY_ALL; /* nothing drawn before can be trusted */
	if ((ui->dirty & DIRTY_ALL) || ((ui->dirty & DIRTY_NOTES) && !draw_notes_only(ui))) {
		draw_all(ui);
	} else {
		/* (The clock grown by a figure, at the hour: the header again.) */
		if ((ui->dirty & DIRTY_CLOCK) && !ui_layer_open(ui, LAYER_COVERS) &&
		    clock_cols(ui) != ui->clock_cols)
			draw_all(ui);
		else if ((ui->dirty & DIRTY_CLOCK) && !ui_layer_open(ui, LAYER_COVERS))
			draw_clock(ui);
		/* Typing: only the line being typed changes. */
		const struct layer_ops *top = ui_top_layer(ui);
		if ((ui->dirty & DIRTY_INPUT) && top && top->draw_input)
			top->draw_input(ui);
	}
	ui->dirty = DIRTY_NONE;
	if (ui->cursor_y >= 0 && !ui_layer_open(ui, LAYER_NO_CURSOR)) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
	if (ui->frame_marker) {
		/* Test mode: tell the harness the screen is whole (and, when it
		 * changed, how many derived views were built). */
		static const char marker[] = "\033]2;frame\007";
		fflush(stdout);
		said_once(ui->builds, &ui->builds_reported, "builds %lu", ui->builds);
		said_once(ui->reloads[0] + ui->reloads[1], &ui->reloads_reported,
			  "reloads %lu partial %lu whole", ui->reloads[REFRESH_PARTIAL],
			  ui->reloads[REFRESH_FULL]);
		said_once(ui->whole_draws, &ui->whole_draws_reported, "draws %lu whole", ui->whole_draws);
		(void)!write(STDOUT_FILENO, marker, sizeof marker - 1);
	}
}
