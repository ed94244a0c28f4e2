/* The full-screen meeting: the main loop and the dispatch of keys and
 * commands. The frame is drawn in ui_frame.c, prompts and questions live in
 * ui_prompt.c, the open retrospective in ui_retro.c, other terminals in
 * ui_live.c. */
#include "debrief/ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "debrief/text.h"
#include "debrief/watch.h"
#include "ui_internal.h"

#define KEYS_PER_BATCH 8192 /* a paste is handled whole before one redraw */
/* Another program's commit: inotify tells of its first write to the
 * log, and SQLite makes the commit visible only after its last one. So a
 * look at the file after writes is made again a moment later, the watch
 * set aside meanwhile (its writes then wake nobody), the moment doubled
 * while writes go on, until a look finds no more writes: a commit of many
 * writes costs a few wake-ups, and is never missed until the clock's. */
#define LOOK_AGAIN_MS 2
#define LOOK_AGAIN_MAX_MS 1000

static const struct view_ops *const STAGE_VIEWS[STAGE_COUNT + 1] = {
	NULL,
#define STAGE_VIEW_(a, id, lower, num, name, title, short_title) &view_##lower##_ops,
	STAGE_LIST(STAGE_VIEW_, _)
#undef STAGE_VIEW_
};

const struct view_ops *ui_stage_view(enum stage s)
{
	return STAGE_VIEWS[s];
}

const struct view_ops *ui_view(struct ui *ui)
{
	if (ui->board)
		return ui->board == BOARD_ACTIONS ? &view_allactions_ops : &view_matches_ops;
	return ui->in_list ? &view_list_ops : STAGE_VIEWS[ui->stage];
}

static unsigned current_scope(struct ui *ui)
{
	return ui_view(ui)->scope;
}

bool ui_move(struct ui *ui, enum command act, size_t *sel, size_t count, int page)
{
	size_t old = *sel;
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_DOWN:
		if (*sel + 1 < count)
			(*sel)++;
		break;
	case ACT_UP:
		if (*sel > 0)
			(*sel)--;
		break;
	case ACT_PAGE_DOWN:
		*sel = count ? (*sel + (size_t)page < count ? *sel + (size_t)page : count - 1) : 0;
		break;
	case ACT_PAGE_UP:
		*sel = *sel > (size_t)page ? *sel - (size_t)page : 0;
		break;
	case ACT_FIRST:
		*sel = 0;
		break;
	case ACT_LAST:
		*sel = count ? count - 1 : 0;
		break;
	default:
		return false;
	}
	if (*sel != old) {
		ui->dirty = DIRTY_ALL;
		if (!ui->in_list && !ui->board)
			ui_save_position(ui);
	}
	return true;
}

void ui_keep_in_view(size_t sel, size_t *scroll, size_t rows, size_t count)
{
	if (sel < *scroll)
		*scroll = sel;
	if (sel >= *scroll + rows)
		*scroll = sel - rows + 1;
	if (*scroll + rows > count)
		*scroll = count > rows ? count - rows : 0;
}

static void undo_anyway(struct ui *ui, const struct ui_target *t);

static void undo_run(struct ui *ui, bool force)
{
	char label[96], id[ID_LEN];
	struct err e = {0};
	int rc = model_undo(ui->st, &ui->undo, &ui->doc, force, label, sizeof label, id, &e);
	if (rc == 1) {
		ui_message(ui, false, "Nothing to undo.");
		return;
	}
	if (rc == ST_CONFLICT) { /* someone else's work is in the way: ask */
		ui_reload(ui);
		ui_ask(ui, undo_anyway, NULL, "%s Undo anyway? y/n", e.msg);
		return;
	}
	if (rc != 0) {
		ui_reload(ui); /* show what is there, whatever happened */
		ui_message(ui, true, "cannot undo: %s", e.msg);
		return;
	}
	ui_apply(ui, VIEW_RELOAD | VIEW_SAVE_POSITION, id); /* show what came back */
	ui_message(ui, false, "Undone: %s.", label);
}

static void undo_anyway(struct ui *ui, const struct ui_target *t)
{
	(void)t;
	undo_run(ui, true);
}

static void undo_last(struct ui *ui)
{
	undo_run(ui, false);
}

/* Ctrl-R: what u took back, made again; refused, saying why, where
 * another terminal changed the record since. */
static void redo_last(struct ui *ui)
{
	char label[96], id[ID_LEN];
	struct err e = {0};
	int rc = model_redo(ui->st, &ui->undo, &ui->doc, label, sizeof label, id, &e);
	if (rc == 1) {
		ui_message(ui, false, "Nothing to redo.");
		return;
	}
	if (rc != 0) {
		ui_reload(ui); /* show what is there, whatever happened */
		ui_message(ui, true, rc == ST_CONFLICT ? "Not redone: %s." : "cannot redo: %s", e.msg);
		return;
	}
	ui_apply(ui, VIEW_RELOAD | VIEW_SAVE_POSITION, id); /* show what came back */
	ui_message(ui, false, "Redone: %s.", label);
}

static void go_stage(struct ui *ui, int s)
{
	if (s < STAGE_PRIME || s > STAGE_COUNT || s == (int)ui->stage)
		return;
	bool leaving_timeline = ui->stage == STAGE_TIMELINE;
	ui_stop_following(ui);
	ui->stage = (enum stage)s;
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
	ui_save_position(ui);
	/* The facilitator leaving the timeline: is it to be trusted? */
	if (leaving_timeline && ui->role == ROLE_FACILITATOR && !ui->read_only)
		check_timeline(ui, true);
}

void ui_go_stage(struct ui *ui, enum stage s)
{
	go_stage(ui, (int)s);
}

/* Commands that change the retrospective: refused in a read-only view. */
bool ui_command_changes(enum command act)
{
	switch (act) {
	case ACT_ADD: case ACT_EDIT: case ACT_DELETE: case ACT_UNDO: case ACT_REDO: case ACT_NEW_ACTION:
	case ACT_PARK: case ACT_ACCEPT_TIMELINE:
	case ACT_DETAILS: case ACT_MARK_WELL: case ACT_MARK_BETTER: case ACT_MARK_LUCKY: case ACT_NOT_KNOWN:
	case ACT_SET_OPEN: case ACT_SET_DONE: case ACT_SET_DROPPED: case ACT_CLOSE_RETRO:
	case ACT_REOPEN_RETRO: case ACT_CLOCK: case ACT_EXTEND:
	case ACT_FOCUS: case ACT_NEW_RETRO:
		return true;
	default:
		return false;
	}
}

void ui_apply(struct ui *ui, unsigned r, const char *select)
{
	if (r & VIEW_RELOAD)
		ui_reload(ui);
	if (select && *select)
		ui_select_id(ui, select);
	if (r & VIEW_SAVE_POSITION)
		ui_save_position(ui);
	if (r & VIEW_REDRAW)
		ui->dirty = DIRTY_ALL;
}

static void quit(struct ui *ui)
{
	if (ui->open && !ui->in_list && ui->from_list)
		ui_back_to_list(ui);
	else
		ui->quit = true;
}

void ui_redraw(struct ui *ui)
{
	clearok(curscr, TRUE);
	ui->dirty = DIRTY_ALL;
}

static void focus_notes(struct ui *ui)
{
	ui->focus = FOCUS_NOTES;
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
}

static void next_stage(struct ui *ui)
{
	go_stage(ui, ui->stage < STAGE_COUNT ? (int)ui->stage + 1 : (int)ui->stage);
}

static void prev_stage(struct ui *ui)
{
	go_stage(ui, ui->stage > STAGE_PRIME ? (int)ui->stage - 1 : (int)ui->stage);
}

static void toggle_follow(struct ui *ui)
{
	if (ui->role == ROLE_FACILITATOR && !ui->read_only) {
		ui_message(ui, false, "The facilitator leads; the others follow.");
		return;
	}
	ui->follow = !ui->follow;
	ui_message(ui, false, ui->follow ? "Following the facilitator." :
		   "Stopped following; f follows again.");
	if (ui->follow)
		ui_follow(ui);
}

/* The meeting's clock, for a break or a meeting continued the next day:
 * every terminal shows it standing. */
static void pause_clock(struct ui *ui)
{
	struct err e;
	bool was_paused = ui->doc.retro.clock_paused_at > 0;
	if (ui_report(ui, model_clock_toggle(ui->st, &ui->doc.retro, &e), &e, NULL))
		ui_message(ui, false, was_paused ? "The meeting's clock goes on." :
			   "The meeting's clock is paused; %s lets it go on.",
			   keymap_key_for(SCOPE_STAGES, ACT_CLOCK));
}

/* Five more minutes for the stage the meeting is at, on every terminal. */
static void extend_timebox(struct ui *ui)
{
	struct err e;
	const struct retro *r = &ui->doc.retro;
	enum stage s = r->clock_started ? r->timed_stage : ui->stage;
	if (ui_report(ui, model_extend_stage(ui->st, r, s, &e), &e, NULL)) {
		ui_reload(ui);
		struct stage_time t;
		model_stage_time(&ui->doc.retro, s, clock_now(), &t);
		char plan[24];
		ui_mmss(t.plan, plan, sizeof plan);
		ui_message(ui, false, "Five more minutes for the %s: %s in all.", stage_title(s), plan);
	}
}

static void search_open(struct ui *ui) { ui_search_open(ui); }
static void search_all(struct ui *ui) { ui_search_all(ui, false); }
static void search_next(struct ui *ui) { ui_search_walk(ui, false); }
static void search_prev(struct ui *ui) { ui_search_walk(ui, true); }

/* The loop's own commands: moving between stages, the screen, the session. */
static const struct {
	enum command act;
	void (*run)(struct ui *ui);
} LOOP_COMMANDS[] = {
	{ACT_QUIT, quit},
	{ACT_REDRAW, ui_redraw},
	{ACT_FOCUS, focus_notes},
	{ACT_NEXT_STAGE, next_stage},
	{ACT_PREV_STAGE, prev_stage},
	{ACT_UNDO, undo_last},
	{ACT_REDO, redo_last},
	{ACT_FOLLOW, toggle_follow},
	{ACT_CLOCK, pause_clock},
	{ACT_EXTEND, extend_timebox},
	{ACT_SEARCH, search_open},
	{ACT_SEARCH_NEXT, search_next},
	{ACT_SEARCH_PREV, search_prev},
	{ACT_SEARCH_ALL, search_all},
};

/* A command the stage on screen did not use: the loop's own, one a view
 * serves on every stage, or one that opens a layer. */
static bool run_elsewhere(struct ui *ui, enum command act)
{
	for (size_t i = 0; i < sizeof LOOP_COMMANDS / sizeof LOOP_COMMANDS[0]; i++)
		if (LOOP_COMMANDS[i].act == act)
			return LOOP_COMMANDS[i].run(ui), true;
	if (act >= ACT_FIRST_STAGE && act < ACT_FIRST_STAGE + STAGE_COUNT)
		return go_stage(ui, STAGE_PRIME + (int)(act - ACT_FIRST_STAGE)), true;
	for (int s = STAGE_PRIME; s <= STAGE_COUNT && !ui->in_list; s++)
		for (const struct view_command *c = STAGE_VIEWS[s]->everywhere; c && c->act != ACT_NONE; c++)
			if (c->act == act)
				return ui_apply(ui, c->run(ui), NULL), true;
	return ui_open_layer(ui, act);
}

static void handle_command(struct ui *ui, enum command act)
{
	const struct view_ops *v = ui_view(ui);
	if (ui_command_changes(act) && (ui_refuse_read_only(ui) || ui_refuse_closed(ui, act)))
		return;
	if (act >= ACT_DOWN && act <= ACT_LAST && !ui->in_list && !(v->flags & VIEW_SCROLLS))
		ui_stop_following(ui); /* moving on one's own */
	unsigned r = v->request ? v->request(ui, act) : VIEW_IGNORED;
	if (r != VIEW_IGNORED)
		ui_apply(ui, r, NULL);
	else if (!run_elsewhere(ui, act))
		ui_move(ui, act, ui->in_list ? &ui->list_sel : &ui->sel[ui->stage],
			v->count ? v->count(ui) : 0, ui->rows / 2);
}

/* The layer on top: found again only after something may have changed it. */
static const struct layer_ops *top_layer(struct ui *ui)
{
	if (!ui->top_known) {
		ui->top = ui_top_layer(ui);
		ui->top_known = true;
	}
	return ui->top;
}

/* A pasted character goes into whatever is being typed into, as text: a
 * line break or a tab inside it neither saves nor moves on. With nothing
 * being typed into, a paste is not taken as a run of keys. */
static void paste_key(struct ui *ui, int cp)
{
	if (cp == '\t')
		cp = ' '; /* a line break is the layer's to take */
	/* A paste is only text (term.c makes its controls visible): it opens
	 * and closes no layer. */
	const struct layer_ops *top = top_layer(ui);
	if (top && top->paste)
		top->paste(ui, cp);
	else
		ui_message(ui, true, "A paste goes into the notes pane (Tab) or a prompt; ignored here.");
}

static void handle_key(struct ui *ui, enum term_input kind, int key)
{
	if (kind == TERM_CODE && key == KEY_RESIZE) {
		ui->dirty = DIRTY_ALL;
		return;
	}
	if (kind == TERM_PASTE) {
		paste_key(ui, key);
		return;
	}

	const struct layer_ops *top = top_layer(ui);
	if (top) {
		bool held = top->flags & LAYER_HOLDS_FOLLOW;
		ui->top_known = !top->key(ui, kind, key);
		if (held && ui->follow && !ui_layer_open(ui, LAYER_HOLDS_FOLLOW))
			ui_follow(ui); /* closed: catch up with the facilitator */
		return;
	}
	/* A message stays until the next key. */
	if (ui->msg[0]) {
		ui->msg[0] = '\0';
		ui->dirty = DIRTY_ALL;
	}
	ui->top_known = false; /* a command may open a layer */
	enum command act = keymap_lookup(current_scope(ui), key, kind == TERM_CODE);
	if (act != ACT_NONE) {
		handle_command(ui, act);
		if (ui->note_pinned)
			notes_repin(ui); /* moved by this terminal's own keys: the note goes along */
	}
}

static void ui_free(struct ui *ui)
{
	if (ui->open)
		model_doc_free(&ui->doc);
	session_free_summaries(ui->list, ui->n_list);
	retro_deletes_free(&ui->list_deletes);
	ui_views_forget(ui, true, true);
	undo_log_free(&ui->undo);
	model_timeline_check_free(&ui->tl);
	te_free(&ui->note_input);
	te_free(&ui->prompt_input);
	sb_free(&ui->note_view.shown);
	sb_free(&ui->prompt_view.shown);
	form_free(ui);
	free(ui->present);
	free(ui->note_aside);
	session_free_pending(ui->pending, ui->n_pending);
	ui_aids_free(ui);
	ui_search_free(ui);
	stats_free(ui);
	ui_matches_free(ui);
	ui_all_actions_free(ui);
}

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ui_count(struct ui *ui, const char *fmt, ...)
{
	if (!ui->counts)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(ui->counts, fmt, ap);
	va_end(ap);
	fputc('\n', ui->counts);
	fflush(ui->counts);
}

/* Tests only: DEBRIEF_TEST_COUNTS=PATH appends to PATH a line for each
 * wake-up of the meeting's loop ("wake key", "wake watch": another
 * program wrote the database's folder, "wake timer") and one for each
 * change by another program it looked at ("outside reload=none|partial|whole
 * rows=R steps=S timeline=N": what reading it cost, debrief/store.h, and
 * the events walked to work the durations and the timeline's check out
 * again, 0 when the timeline itself did not change). */
static FILE *counts_open(void)
{
	const char *path = getenv("DEBRIEF_TEST_COUNTS");
	return path && *path ? fopen(path, "ae") : NULL;
}

/* Tests only: DEBRIEF_TEST_HOLD=PATH holds the start after the
 * retrospective is read, saying so in PATH.held, until PATH exists (at
 * most ten seconds), so that a test can change the file just then. */
static void test_hold(void)
{
	const char *path = getenv("DEBRIEF_TEST_HOLD");
	if (!path || !*path)
		return;
	char held[4096];
	snprintf(held, sizeof held, "%s.held", path);
	FILE *f = fopen(held, "w");
	if (f)
		fclose(f);
	for (int i = 0; i < 1000 && access(path, F_OK) != 0; i++)
		poll(NULL, 0, 10);
}

int ui_run(struct store *st, const char *retro_id, const struct ui_options *opt,
	   struct err *e)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.st = st;
	ui.role = opt->role;
	ui.read_only = opt->read_only;
	ui.follow = opt->follow;
	ui.bell = opt->bell;
	ui.nudge_off = opt->nudge_off;
	ui.opt = opt;
	session_new_id(ui.presence_id);
	const char *frames = getenv("DEBRIEF_TEST_FRAMES");
	ui.frame_marker = frames && *frames;
	te_init(&ui.note_input, true);
	te_init(&ui.prompt_input, false);
	session_set_patience(st, UI_PATIENCE_MS, NULL, NULL);
	/* Drafts go to this user's own file: typing never waits for the
	 * shared one. Without it the meeting goes on, and the bar says that
	 * what is typed is not kept. */
	struct err de;
	if (!ui.read_only && session_drafts_open(st, ui.role, &ui.drafts, &de) != 0)
		str_copy(ui.drafts_off, sizeof ui.drafts_off, de.msg);
	/* No key waits for a checkpoint: each file's log is copied in when
	 * nothing has been typed for a while (below, TERM_NONE). */
	if (!ui.read_only)
		session_checkpoint_later(st);
	/* Loaded before the screen is taken, so that a failure is a plain
	 * message on a plain terminal. */
	/* What the file holds is counted from before it is read: a change
	 * another program commits while this one starts is read at the first
	 * look (counted after, it would be taken as seen, and missed). */
	session_data_version(st, &ui.data_version, e);
	struct retro_doc first;
	if (retro_id && model_load(st, retro_id, &first, e) != 0) {
		ui_free(&ui);
		return -1;
	}
	test_hold();
	term_set_look(opt->look ? opt->look : "light");
	if (term_start(e) != 0) {
		if (retro_id)
			model_doc_free(&first);
		ui_free(&ui);
		return -1;
	}
	ui_nudge_load(&ui);
	if (retro_id) {
		ui_show_retro(&ui, first);
		if (ui.follow)
			ui_follow(&ui);
		if (ui.role == ROLE_SCRIBE && !ui.read_only)
			ui.focus = FOCUS_NOTES; /* the scribe is here to write */
	} else {
		ui.in_list = true;
		ui_load_list(&ui);
	}
	ui.counts = counts_open();
	int watch = watch_open(session_path(st));
	term_watch(watch);
	ui.dirty = DIRTY_ALL;
	long long again_at = 0; /* when to look again (LOOK_AGAIN_MS), 0: not */
	int again_ms = 0;
	while (!ui.quit && !term_should_quit()) {
		if (ui.in_list && !ui.list_loaded)
			ui_load_list(&ui);
		ui_beat(&ui);
		ui_timebox_check(&ui);
		if (ui.dirty)
			ui_paint(&ui);
		int key;
		/* Asleep in one poll: keys, changes by other terminals (inotify),
		 * and each second the meeting clock. Without inotify, look for
		 * changes five times a second. */
		int wait = watch >= 0 ? (ui.in_list ? -1 : 1000) : 200;
		if (ui_writes_waiting(&ui))
			wait = 100; /* kept notes go in soon after the file is free */
		if (again_at) {
			long long left = again_at - mono_ms();
			left = left < 0 ? 0 : left;
			if (wait < 0 || left < wait)
				wait = (int)left;
		}
		term_watch(again_at ? -1 : watch);
		enum term_input kind = term_read(wait, &key);
		ui_count(&ui, "wake %s", kind == TERM_WATCH ? "watch" : kind == TERM_NONE ? "timer" : "key");
		if (kind == TERM_WATCH || (kind == TERM_NONE && again_at && mono_ms() >= again_at)) {
			bool writes = watch_drain(watch);
			ui_check_outside(&ui);
			/* Writes since the last look: look again after a while. */
			again_ms = !writes ? 0 : kind == TERM_WATCH ? LOOK_AGAIN_MS :
				   again_ms * 2 > LOOK_AGAIN_MAX_MS ? LOOK_AGAIN_MAX_MS : again_ms * 2;
			again_at = again_ms ? mono_ms() + again_ms : 0;
			ui_catch_up_writes(&ui);
			continue;
		}
		if (kind == TERM_NONE) {
			if (session_quiet_moment(st, ui.drafts) > 0)
				ui_count(&ui, "checkpoint quiet");
			if (!ui.in_list)
				ui.dirty |= DIRTY_CLOCK;
			if (!ui_check_outside(&ui))
				ui_presence_tick(&ui);
			ui_catch_up_writes(&ui);
			continue;
		}
		ui.top_known = false; /* anything may have happened since */
		handle_key(&ui, kind, key);
		/* Everything already typed or pasted, before one redraw and one
		 * draft write. */
		for (int i = 0; i < KEYS_PER_BATCH && !ui.quit; i++) {
			kind = term_read_now(&key);
			if (kind == TERM_NONE)
				break;
			handle_key(&ui, kind, key);
		}
		ui_save_drafts(&ui);
		ui_nudge_typed(&ui); /* once a batch: a long paste is read once */
		/* This terminal's own writes to the file woke its watch: a look
		 * now, and again after a while, instead of a wake-up for each. */
		if (!again_at && watch_drain(watch)) {
			ui_check_outside(&ui);
			again_ms = LOOK_AGAIN_MS;
			again_at = mono_ms() + again_ms;
		}
	}
	ui_save_drafts(&ui);
	term_watch(-1);
	watch_close(watch);
	term_stop();
	struct err bye;
	if (ui.last_beat)
		session_leave(st, ui.presence_id, &bye);
	session_drafts_close(ui.drafts);
	ui_free(&ui);
	if (ui.counts)
		fclose(ui.counts);
	return 0;
}

bool ui_look_known(const char *name)
{
	return term_look_known(name);
}
