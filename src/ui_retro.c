/* The open retrospective: loading and reloading it, keeping each stage's
 * selection on the same item, and the saved position. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static size_t stage_count(struct ui *ui)
{
	const struct view_ops *v = ui_view(ui);
	return v->count ? v->count(ui) : 0;
}

static void clamp_selection(struct ui *ui)
{
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		if (ui_stage_view(s)->flags & VIEW_COUNT_WHEN_SHOWN)
			continue; /* kept in range when drawn */
		enum stage keep = ui->stage;
		ui->stage = (enum stage)s;
		size_t n = stage_count(ui);
		if (ui->sel[s] >= n)
			ui->sel[s] = n ? n - 1 : 0;
		ui->stage = keep;
	}
}

void ui_drop_related(struct earlier_items *x)
{
	session_free_related(x->rel, x->n_rel);
	x->rel = NULL;
	x->n_rel = 0;
	x->rel_loaded = false;
	x->rel_drawn = false;
}

void ui_drop_earlier(struct earlier_items *x)
{
	model_free_actions(x->v, x->n);
	ui_drop_related(x);
	memset(x, 0, sizeof *x);
}

/* (As many as the tallest screen could show.) */
#define RELATED_MAX 24

/* What the earlier incidents are found by: the services and tags, and
 * the incident's date (earlier than it). */
static uint64_t related_key(const struct retro *r)
{
	struct strbuf k = {0};
	sb_printf(&k, "%s\n%s\n%s", r->services ? r->services : "", r->tags ? r->tags : "",
		  r->incident_date ? r->incident_date : "");
	uint64_t h = text_hash(k.s, k.len);
	sb_free(&k);
	return h;
}

void ui_want_related(struct ui *ui, struct earlier_items *x)
{
	struct err e;
	uint64_t key = related_key(&ui->doc.retro);
	if (x->rel_loaded && x->rel_key == key)
		return;
	ui_drop_related(x);
	x->rel_loaded = true;
	x->rel_key = key;
	session_related(ui->st, ui->doc.retro.id, RELATED_MAX, &x->rel, &x->n_rel, &e);
}

void ui_want_earlier(struct ui *ui, struct earlier_items *x, size_t rows)
{
	/* Read again only for more rows than last time, when last time's
	 * reading stopped at what was asked (not at what there is). */
	if (x->loaded && (rows <= x->asked || x->n < x->asked))
		return;
	struct err e;
	ui_drop_earlier(x);
	x->loaded = true;
	x->asked = rows;
	session_open_elsewhere(ui->st, ui->doc.retro.id, rows, &x->v, &x->n, &x->total, &e);
}

void *ui_view_state(struct ui *ui, enum stage s)
{
	const struct view_ops *v = ui_stage_view(s);
	if (!ui->view_state[s] && v->private_size)
		ui->view_state[s] = xcalloc(1, v->private_size);
	return ui->view_state[s];
}

void ui_views_forget(struct ui *ui, bool reopened, bool gone)
{
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		const struct view_ops *v = ui_stage_view((enum stage)s);
		if (ui->view_state[s] && v->forget)
			v->forget(ui, ui->view_state[s], reopened, gone);
		if (s == STAGE_PRIME && (reopened || gone))
			peek_close(ui); /* an earlier incident of another meeting's */
		if (gone) {
			free(ui->view_state[s]);
			ui->view_state[s] = NULL;
		}
	}
}

/* The id of the item selected on a stage, to find it again after a reload
 * (others may have added items before it). */
void ui_selected_id(struct ui *ui, enum stage s, char id[ID_LEN])
{
	const struct view_ops *v = ui_stage_view(s);
	const char *have = v->item_id ? v->item_id(ui) : NULL;
	str_copy(id, ID_LEN, have ? have : "");
}

/* Selects the item with this id on whichever stage has it. */
void ui_select_id(struct ui *ui, const char *want)
{
	if (!want || !*want)
		return;
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		if (ui_stage_view(s)->select_id)
			ui_stage_view(s)->select_id(ui, want);
}

/* What the screen keeps across a change of the doc: each stage's
 * selection, by id, and the problems accepted on the timeline. */
struct kept {
	char sel[STAGE_COUNT + 1][ID_LEN];
	uint64_t accepted;
};

static void keep_before(struct ui *ui, struct kept *k)
{
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		ui_selected_id(ui, (enum stage)s, k->sel[s]);
	const char *was = ui->doc.retro.timeline_accepted;
	k->accepted = was ? text_hash(was, strlen(was)) : 0;
}

static void changed_after(struct ui *ui, const struct kept *k, enum dirty dirty);

void ui_reload(struct ui *ui)
{
	struct err e = {0};
	enum refresh_how how;
	struct kept k;
	keep_before(ui, &k);
	/* Only what changed is read (by id), unless much did. */
	if (model_refresh(ui->st, &ui->doc, &how, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui->reloads[how]++;
	changed_after(ui, &k, DIRTY_ALL);
}

void ui_took_note(struct ui *ui, const struct note *n)
{
	struct kept k;
	keep_before(ui, &k);
	model_took_note(&ui->doc, n);
	changed_after(ui, &k, DIRTY_NOTES);
}

/* The screen after the doc changed: what is derived from it, the
 * selections found again, the views' own readings dropped, and what to
 * draw again. */
static void changed_after(struct ui *ui, const struct kept *k, enum dirty dirty)
{
	/* What is worked out from the events, when they (or the problems
	 * accepted) changed: a note on a long timeline costs a note. */
	const char *now = ui->doc.retro.timeline_accepted;
	if ((ui->doc.refreshed & REFRESHED_TIMELINE) ||
	    k->accepted != (now ? text_hash(now, strlen(now)) : 0)) {
		model_durations(ui->doc.events, ui->doc.n_events, &ui->dur);
		model_timeline_check_free(&ui->tl);
		model_timeline_check(&ui->doc, clock_now(), &ui->tl);
		ui->timeline_walked += ui->doc.n_events;
		if (ui->check_sel >= ui->tl.n)
			ui->check_sel = ui->tl.n ? ui->tl.n - 1 : 0;
	}
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
		ui_select_id(ui, k->sel[s]);
	clamp_selection(ui);
	ui_views_forget(ui, false, false); /* what they built from the old one */
	ui->dirty |= dirty;
}

bool ui_refuse_read_only(struct ui *ui)
{
	if (!ui->read_only)
		return false;
	ui_message(ui, true, "This is a read-only view: the facilitator and the scribe make the changes.");
	return true;
}

bool ui_closed_refuses(struct ui *ui, enum command act)
{
	if (ui->in_list || !ui->open || ui->doc.retro.status != RETRO_CLOSED || !ui_command_changes(act))
		return false;
	bool follow_up = act == ACT_SET_OPEN || act == ACT_SET_DONE || act == ACT_SET_DROPPED ||
			 (act == ACT_EDIT && (ui_view(ui)->flags & VIEW_FOLLOW_UP));
	return !follow_up && act != ACT_REOPEN_RETRO;
}

bool ui_refuse_closed(struct ui *ui, enum command act)
{
	if (!ui_closed_refuses(ui, act))
		return false;
	ui_message(ui, true, "This retrospective is closed: %s on the Close stage reopens it.",
		   keymap_key_for(SCOPE_CLOSE, ACT_REOPEN_RETRO));
	return true;
}

void ui_save_position(struct ui *ui)
{
	struct err e;
	/* The retrospective keeps the facilitator's place, which the others
	 * follow; theirs is their own. */
	if (!ui->open || ui->role != ROLE_FACILITATOR || ui->read_only)
		return;
	const struct view_ops *v = ui_view(ui);
	const char *item = v->item_id ? v->item_id(ui) : NULL;
	/* Busy: written again by the next wake-up, saying nothing. */
	ui->position_unsaved = session_set_position(ui->st, &ui->doc.retro, ui->stage, item, &e) != 0;
	if (ui->position_unsaved && !e.busy)
		ui_message(ui, true, "%s", e.msg);
	else if (!ui->position_unsaved && !ui->doc.retro.clock_started &&
		 ui->doc.retro.status != RETRO_CLOSED)
		ui_reload(ui); /* the first place saved started the meeting's clock */
}

/* Selects the saved item of the saved stage. */
static void restore_position(struct ui *ui)
{
	ui->stage = ui->doc.retro.stage;
	ui_select_id(ui, ui->doc.retro.current_item);
}

/* Shows a loaded retrospective, which the ui now owns. */
void ui_show_retro(struct ui *ui, struct retro_doc doc)
{
	if (ui->open)
		model_doc_free(&ui->doc);
	ui->doc = doc;
	ui->open = true;
	ui->timebox_seen = false;
	ui_search_free(ui); /* another retrospective's matches */
	ui->in_list = false;
	memset(ui->sel, 0, sizeof ui->sel);
	memset(ui->scroll, 0, sizeof ui->scroll);
	ui_views_forget(ui, true, false); /* another retrospective's */
	model_durations(ui->doc.events, ui->doc.n_events, &ui->dur);
	model_timeline_check_free(&ui->tl);
	model_timeline_check(&ui->doc, clock_now(), &ui->tl);
	ui->check_open = false;
	ui->check_sel = 0;
	ui->check_shown = 0;
	restore_position(ui);
	clamp_selection(ui);
	undo_log_free(&ui->undo);
	ui->focus = FOCUS_MAIN;
	/* What this terminal was typing here, or one of its role that
	 * stopped (a crash, a hang-up), comes back. */
	struct err e;
	bool taken;
	if (ui->drafts && session_claim_drafts(ui->drafts, ui->doc.retro.id, &taken, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	notes_restore(ui);
	/* An unfinished quick-add on this stage reopens with its text. */
	const struct prompt_ops *pk = ui_view(ui)->add_prompt;
	char *draft = pk && pk->slot ? ui_draft_get(ui, pk->slot) : NULL;
	if (draft) {
		ui->focus = FOCUS_MAIN;
		ui_view(ui)->request(ui, ACT_ADD); /* opens the prompt with the draft */
	}
	free(draft);
	ui_load_presence(ui);
	ui_check_facilitators(ui, true);
	if (!ui->choosing_role)
		ui_save_position(ui);
	ui->dirty = DIRTY_ALL;
}

bool ui_report(struct ui *ui, int rc, const struct err *e, const char *done)
{
	if (rc != 0) {
		ui_message(ui, true, "%s", e->msg);
		return false;
	}
	ui_reload(ui);
	if (done)
		ui_message(ui, false, "%s", done);
	return true;
}

void ui_back_to_list(struct ui *ui)
{
	struct err e;
	ui_save_drafts(ui);
	if (ui->last_beat)
		session_leave(ui->st, ui->presence_id, &e);
	ui->last_beat = 0;
	undo_log_free(&ui->undo); /* its changes are another retrospective's */
	model_doc_free(&ui->doc);
	model_timeline_check_free(&ui->tl);
	ui->check_open = false;
	ui->open = false;
	ui->in_list = true;
	ui->from_list = false;
	ui->list_loaded = false; /* its counts have changed */
	ui->focus = FOCUS_MAIN;
	enum board back = ui->board_back;
	ui->board_back = BOARD_NONE;
	if (back) { /* opened from a board: back to it, as it was */
		ui->acts.loaded = false;
		ui_board(ui, back);
		ui_message(ui, false, "Back to the %s; %s to the list.",
			   back == BOARD_ACTIONS ? "action items" : "matches",
			   keymap_key_for(ui_view(ui)->scope, ACT_CANCEL));
		return;
	}
	ui_message(ui, false, "Back to the list; %s quits.", keymap_key_for(SCOPE_LIST, ACT_QUIT));
}

void ui_board(struct ui *ui, enum board b)
{
	ui->board = b;
	ui->focus = FOCUS_MAIN;
	ui->top_known = false;
	ui->dirty = DIRTY_ALL;
}

bool ui_board_open_retro(struct ui *ui, const char *retro_id)
{
	char id[ID_LEN];
	str_copy(id, sizeof id, retro_id);
	if (ui->open && !ui->in_list && strcmp(ui->doc.retro.id, id) == 0) {
		ui_board(ui, BOARD_NONE); /* the one behind the board */
		return true;
	}
	struct err e = {0};
	struct retro_doc doc;
	if (model_load(ui->st, id, &doc, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return false;
	}
	/* From the list: q comes back to the board. From a retrospective:
	 * it is left as for the list (what is typed kept, this terminal gone
	 * from its header), and q goes where it would have gone from there. */
	enum board back = ui->in_list ? ui->board : ui->board_back;
	bool from_list = ui->in_list || ui->from_list;
	ui->board_back = BOARD_NONE;
	if (ui->open && !ui->in_list)
		ui_back_to_list(ui);
	ui->board = BOARD_NONE;
	ui->board_back = back;
	ui->from_list = from_list;
	ui_show_retro(ui, doc);
	return true;
}

void ui_open_retro(struct ui *ui, const char *id)
{
	struct err e = {0};
	struct retro_doc doc;
	if (model_load(ui->st, id, &doc, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui_show_retro(ui, doc);
}
