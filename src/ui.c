/* The full-screen meeting: the main loop and the dispatch of keys and
 * commands. The frame is drawn in ui_frame.c, prompts and questions live in
 * ui_prompt.c, the open retrospective in ui_retro.c, other terminals in
 * ui_live.c. */
#include "debrief/ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/export.h"
#include "debrief/paths.h"
#include "debrief/text.h"
#include "debrief/watch.h"
#include "ui_internal.h"

#define KEYS_PER_BATCH 8192 /* a paste is handled whole before one redraw */

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
		if (!ui->in_list)
			ui_save_position(ui);
	}
	return true;
}

/* Selects the item with this id on whichever stage has it. */
static void select_id(struct ui *ui, const char *id)
{
	ui_select_id(ui, id);
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
	ui_reload(ui);
	select_id(ui, id); /* show what came back */
	ui_save_position(ui);
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

static void go_stage(struct ui *ui, int s)
{
	if (s < STAGE_PRIME || s > STAGE_COUNT || s == (int)ui->stage)
		return;
	ui_stop_following(ui);
	ui->stage = (enum stage)s;
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
	ui_save_position(ui);
}

/* A file name for the export from the incident or the title. */
static void default_export_name(struct ui *ui, char *buf, size_t size)
{
	const struct retro *r = &ui->doc.retro;
	const char *src = r->incident_ref && *r->incident_ref ? r->incident_ref : r->title;
	size_t k = 0;
	for (const char *p = src; *p && k + 4 < size && k < 48; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[k++] = c;
		else if (c >= 'A' && c <= 'Z')
			buf[k++] = (char)(c + 32);
		else if (k > 0 && buf[k - 1] != '-')
			buf[k++] = '-';
	}
	while (k > 0 && buf[k - 1] == '-')
		k--;
	if (k == 0)
		k = (size_t)snprintf(buf, size, "retrospective");
	snprintf(buf + k, size - k, ".md");
}

static bool do_export(struct ui *ui, const char *path)
{
	struct err e = {0};
	if (strcmp(path, "-") == 0) { /* standard output is this screen */
		ui_message(ui, true, "Export needs a file name here (- is for the command line).");
		return false;
	}
	const char *dot = strrchr(path, '.');
	int f = dot ? export_format_parse(dot + 1) : -1;
	if (f < 0)
		f = EXPORT_MD;
	if (export_to_file(ui->st, ui->doc.retro.id, &ui->doc, (enum export_format)f, path, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return false; /* the prompt stays open with the name, to correct it */
	}
	{
		/* Say where it went: the folder debrief was started in is easy to
		 * forget in the middle of a meeting. */
		char *full = realpath(path, NULL);
		ui_message(ui, false, "Exported the summary to %s (%s).", full ? full : path,
			   export_format_name((enum export_format)f));
		free(full);
	}
	return true;
}

static void new_retro(struct ui *ui, const char *title)
{
	struct retro r = {0};
	struct err e = {0};
	r.title = xstrdup(title);
	if (model_create_retro(ui->st, &r, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		retro_free(&r);
		return;
	}
	char id[ID_LEN];
	str_copy(id, sizeof id, r.id);
	retro_free(&r);
	ui_open_retro(ui, id);
	ui_message(ui, false, "Started \"%s\". Press i for its details.", title);
}

bool ui_export_submit(struct ui *ui, const char *path)
{
	return !*path || do_export(ui, path);
}

bool ui_new_retro_submit(struct ui *ui, const char *title)
{
	if (*title)
		new_retro(ui, title);
	return true;
}

/* Commands that change the retrospective: refused in a read-only view. */
bool ui_command_changes(enum command act)
{
	switch (act) {
	case ACT_ADD: case ACT_EDIT: case ACT_DELETE: case ACT_UNDO: case ACT_NEW_ACTION:
	case ACT_DETAILS: case ACT_MARK_WELL: case ACT_MARK_BETTER: case ACT_MARK_LUCKY:
	case ACT_SET_OPEN: case ACT_SET_DONE: case ACT_SET_DROPPED: case ACT_CLOSE_RETRO:
	case ACT_FOCUS: case ACT_NEW_RETRO:
		return true;
	default:
		return false;
	}
}

static void handle_command(struct ui *ui, enum command act)
{
	const struct view_ops *v = ui_view(ui);
	if (ui_command_changes(act) && ui_refuse_read_only(ui))
		return;
	if (act == ACT_FOLLOW) {
		if (ui->role == ROLE_FACILITATOR && !ui->read_only) {
			ui_message(ui, false, "The facilitator leads; the others follow.");
		} else {
			ui->follow = !ui->follow;
			ui_message(ui, false, ui->follow ? "Following the facilitator." :
				   "Stopped following; f follows again.");
			if (ui->follow)
				ui_follow(ui);
		}
		return;
	}
	if (act >= ACT_DOWN && act <= ACT_LAST && !ui->in_list && !(v->flags & VIEW_SCROLLS))
		ui_stop_following(ui); /* moving on one's own */
	unsigned r = v->request ? v->request(ui, act) : VIEW_IGNORED;
	if (r & VIEW_RELOAD)
		ui_reload(ui);
	if (r & VIEW_SAVE_POSITION)
		ui_save_position(ui);
	if (r & VIEW_REDRAW)
		ui->dirty = DIRTY_ALL;
	if (r != VIEW_IGNORED)
		return;
	if (act >= ACT_FIRST_STAGE && act < ACT_FIRST_STAGE + STAGE_COUNT) {
		go_stage(ui, STAGE_PRIME + (int)(act - ACT_FIRST_STAGE));
		return;
	}
	char name[64];
	switch (act) {
	case ACT_HELP:
		help_open(ui);
		break;
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		ui->dirty = DIRTY_ALL;
		break;
	case ACT_FOCUS:
		ui->focus = FOCUS_NOTES;
		ui->msg[0] = '\0';
		ui->dirty = DIRTY_ALL;
		break;
	case ACT_NEXT_STAGE:
		go_stage(ui, ui->stage < STAGE_COUNT ? (int)ui->stage + 1 : (int)ui->stage);
		break;
	case ACT_PREV_STAGE:
		go_stage(ui, ui->stage > STAGE_PRIME ? (int)ui->stage - 1 : (int)ui->stage);
		break;
	case ACT_UNDO:
		undo_last(ui);
		break;
	case ACT_DETAILS:
		form_open_details(ui, false);
		break;
	case ACT_EXPORT:
		default_export_name(ui, name, sizeof name);
		ui_open_prompt(ui, PROMPT_EXPORT, "Export to",
			       "the extension picks the format: .md .json .html .txt", name);
		break;
	case ACT_NEW_ACTION: {
		/* Linked to what is on screen: the event or question. */
		struct note anchor = {0};
		if (v->anchor)
			v->anchor(ui, &anchor);
		/* Say what it will be linked to. */
		char label[64] = "New action item";
		const struct event *ev = doc_event(&ui->doc, anchor.event_id);
		const struct question *q = doc_question(&ui->doc, anchor.question_id);
		if (ev) {
			char clock[16];
			instant_format_clock(ev->time, clock, sizeof clock);
			snprintf(label, sizeof label, "New action item (from the %s event)", clock);
		} else if (q) {
			snprintf(label, sizeof label, "New action item (from question %d)", q->position);
		}
		ui_open_prompt(ui, PROMPT_ACTION, label,
			       "text @owner due:YYYY-MM-DD #prevent|detect|mitigate|process !P1", NULL);
		str_copy(ui->prompt_origin_event, ID_LEN, anchor.event_id);
		str_copy(ui->prompt_origin_question, ID_LEN, anchor.question_id);
		break;
	}
	default:
		if (ui_move(ui, act, ui->in_list ? &ui->list_sel : &ui->sel[ui->stage],
			    v->count ? v->count(ui) : 0, ui->rows / 2))
			break;
		break;
	}
}

/* A pasted character goes into whatever is being typed into, as text: a
 * line break or a tab inside it neither saves nor moves on. With nothing
 * being typed into, a paste is not taken as a run of keys. */
static void paste_key(struct ui *ui, int cp)
{
	if (cp == '\n' || cp == '\t')
		cp = ' ';
	const struct layer_ops *top = ui_top_layer(ui);
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
	const struct layer_ops *top = ui_top_layer(ui);
	if (top) {
		bool held = top->flags & LAYER_HOLDS_FOLLOW;
		top->key(ui, kind, key);
		if (held && ui->follow && !ui_layer_open(ui, LAYER_HOLDS_FOLLOW))
			ui_follow(ui); /* closed: catch up with the facilitator */
		return;
	}
	/* A message stays until the next key. */
	if (ui->msg[0]) {
		ui->msg[0] = '\0';
		ui->dirty = DIRTY_ALL;
	}
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
	ui_views_forget(ui, true, true);
	undo_log_free(&ui->undo);
	te_free(&ui->note_input);
	te_free(&ui->prompt_input);
	sb_free(&ui->note_view.shown);
	sb_free(&ui->prompt_view.shown);
	form_free(ui);
	free(ui->present);
	free(ui->note_aside);
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
	session_new_id(ui.presence_id);
	ui.started = clock_now();
	const char *frames = getenv("DEBRIEF_TEST_FRAMES");
	ui.frame_marker = frames && *frames;
	te_init(&ui.note_input, false);
	te_init(&ui.prompt_input, false);
	/* Loaded before the screen is taken, so that a failure is a plain
	 * message on a plain terminal. */
	struct retro_doc first;
	if (retro_id && model_load(st, retro_id, &first, e) != 0) {
		ui_free(&ui);
		return -1;
	}
	if (term_start(e) != 0) {
		if (retro_id)
			model_doc_free(&first);
		ui_free(&ui);
		return -1;
	}
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
	session_data_version(st, &ui.data_version, e);
	int watch = watch_open(session_path(st));
	term_watch(watch);
	ui.dirty = DIRTY_ALL;
	while (!ui.quit && !term_should_quit()) {
		if (ui.in_list && !ui.list_loaded)
			ui_load_list(&ui);
		ui_beat(&ui);
		if (ui.dirty)
			ui_paint(&ui);
		int key;
		/* Asleep in one poll: keys, changes by other terminals (inotify),
		 * and each second the meeting clock. Without inotify, look for
		 * changes five times a second. */
		enum term_input kind = term_read(watch >= 0 ? (ui.in_list ? -1 : 1000) : 200, &key);
		if (kind == TERM_WATCH) {
			watch_drain(watch);
			ui_check_outside(&ui);
			continue;
		}
		if (kind == TERM_NONE) {
			if (!ui.in_list)
				ui.dirty |= DIRTY_CLOCK;
			ui_check_outside(&ui);
			ui_load_presence(&ui);
			continue;
		}
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
	}
	ui_save_drafts(&ui);
	term_watch(-1);
	watch_close(watch);
	term_stop();
	struct err bye;
	if (ui.last_beat)
		session_leave(st, ui.presence_id, &bye);
	ui_free(&ui);
	return 0;
}
