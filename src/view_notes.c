/* The notes pane: what the room says about what is on screen. Enter saves
 * the line as a note on the highlighted event, the current question, the
 * selected action item, or the stage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define NOTES_INPUT_ROWS 4 /* the note being typed, before it scrolls */

static void current_anchor(struct ui *ui, struct note *n)
{
	memset(n, 0, sizeof *n);
	n->stage = ui->stage;
	const struct view_ops *v = ui_view(ui);
	if (v->anchor)
		v->anchor(ui, n);
}

static bool same_anchor(const struct note *a, const struct note *b)
{
	return a->stage == b->stage && strcmp(a->event_id, b->event_id) == 0 &&
	       strcmp(a->question_id, b->question_id) == 0 && strcmp(a->action_id, b->action_id) == 0;
}

static void current_label(struct ui *ui, char *label, size_t size)
{
	label[0] = '\0';
	const struct view_ops *v = ui_view(ui);
	if (v->item_label)
		v->item_label(ui, label, size);
}

void notes_repin(struct ui *ui)
{
	ui->note_pinned = false;
	if (ui->note_edit_id[0] || !*te_text(&ui->note_input))
		return;
	current_anchor(ui, &ui->note_pin);
	current_label(ui, ui->note_pin_label, sizeof ui->note_pin_label);
	ui->note_pinned = true;
}

/* Whether the item a note was begun on is still there. */
static bool anchor_exists(const struct retro_doc *doc, const struct note *a)
{
	if (a->event_id[0])
		return doc_event(doc, a->event_id) != NULL;
	for (size_t i = 0; a->question_id[0] && i < doc->n_questions; i++)
		if (strcmp(doc->questions[i].id, a->question_id) == 0)
			return true;
	for (size_t i = 0; a->action_id[0] && i < doc->n_actions; i++)
		if (strcmp(doc->actions[i].id, a->action_id) == 0)
			return true;
	return !a->question_id[0] && !a->action_id[0];
}

/* Draws one note upwards, its last row just above row y, cut at its top
 * when it reaches row min; returns its first row. */
static int draw_note(struct ui *ui, int y, int min, int left, int width, const char *head,
		     const char *body, enum look look)
{
	int hw = text_width(head);
	struct wrap_row rows[64];
	size_t nr = wrap_text(body, width - hw - 2, rows, 64);
	if (nr > 64)
		nr = 64;
	int need = (int)nr;
	int start_row = 0;
	if (need > y - min) { /* the oldest visible note may be cut at its top */
		start_row = need - (y - min);
		need = y - min;
	}
	y -= need;
	for (int r = 0; r < need; r++) {
		size_t ri = (size_t)(start_row + r);
		if (ri == 0)
			draw_text(y + r, left + 1, hw, head, term_attr(LOOK_DIM));
		int w = draw_textn(y + r, left + 1 + hw, width - hw - 2, body + rows[ri].start,
				   rows[ri].len, term_attr(look));
		ui_nudge_mark(ui, y + r, left + 1 + hw, w, body + rows[ri].start, rows[ri].len);
	}
	return y;
}

/* What a note was begun on, as the drafts file keeps it: "stage|event|
 * question|action", put together by hand: it is written at every key. */
static void anchor_format(const struct note *a, char *buf, size_t size)
{
	const char *ids[3] = {a->event_id, a->question_id, a->action_id};
	/* (At each key: the stage's one digit by hand, not by snprintf.) */
	_Static_assert(STAGE_COUNT < 10, "a stage is one digit");
	if (size < 2)
		return;
	buf[0] = (char)('0' + (int)a->stage);
	size_t n = 1;
	for (int i = 0; i < 3 && n + 1 < size; i++) {
		buf[n++] = '|';
		size_t len = strnlen(ids[i], ID_LEN - 1);
		if (len > size - 1 - n)
			len = size - 1 - n;
		memcpy(buf + n, ids[i], len);
		n += len;
	}
	buf[n < size ? n : size - 1] = '\0';
}

bool notes_anchor_parse(const char *text, struct note *a)
{
	memset(a, 0, sizeof *a);
	char *end;
	long stage = text ? strtol(text, &end, 10) : -1;
	if (!text || end == text || *end != '|' || stage < 1 || stage > STAGE_COUNT)
		return false;
	a->stage = (enum stage)stage;
	char *fields[3] = {a->event_id, a->question_id, a->action_id};
	const char *p = end + 1;
	for (int i = 0; i < 3; i++) {
		size_t len = strcspn(p, "|");
		if (len >= ID_LEN || (i < 2 && p[len] != '|'))
			return false;
		memcpy(fields[i], p, len);
		fields[i][len] = '\0';
		p += len + (p[len] == '|');
	}
	return true;
}

/* An edit of a written note remembers the note and its rev when the edit
 * began ("id|rev"): after a restart, a change someone made meanwhile is
 * still a clash to be told of, not overwritten. */
int notes_put_edit_draft(struct ui *ui, struct err *e)
{
	char anchor[ID_LEN + 24];
	snprintf(anchor, sizeof anchor, "%s|%lld", ui->note_edit_id, (long long)ui->note_edit_rev);
	return ui_draft_put_at(ui, "note-edit", te_text(&ui->note_input), anchor, e);
}

int notes_put_draft(struct ui *ui, struct err *e)
{
	struct note at;
	char anchor[4 * ID_LEN + 16];
	if (ui->note_pinned)
		at = ui->note_pin;
	else
		current_anchor(ui, &at);
	anchor_format(&at, anchor, sizeof anchor);
	return ui_draft_put_at(ui, "notes", te_text(&ui->note_input), anchor, e);
}

void notes_draw(struct ui *ui, int top, int left, int height, int width)
{
	bool focused = ui->focus == FOCUS_NOTES;
	char label[256] = "";
	const struct view_ops *v = ui_view(ui);
	if (v->item_label)
		v->item_label(ui, label, sizeof label);
	struct note here;
	current_anchor(ui, &here);
	char title[600];
	if (ui->note_edit_id[0])
		snprintf(title, sizeof title, " Editing a note on %s · %s saves · %s cancels ", label,
			 keymap_key_for(SCOPE_NOTES, ACT_NOTE_SAVE), keymap_key_for(SCOPE_NOTES, ACT_NOTE_LEAVE));
	else if (ui->note_pinned && !same_anchor(&ui->note_pin, &here))
		snprintf(title, sizeof title, " Your note is for %s, where you began it · notes on %s ",
			 ui->note_pin_label, label);
	else
		snprintf(title, sizeof title, " Notes on %s ", label);
	unsigned frame = term_attr(focused ? LOOK_FOCUS : LOOK_DIM);
	draw_hline(top, left, width, frame);
	draw_text_fit(top, left + 1, width - 2, title, frame);

	struct note anchor;
	current_anchor(ui, &anchor);
	const struct note **v_notes;
	size_t n = model_notes_for(&ui->doc, anchor.stage, anchor.event_id, anchor.question_id,
				   anchor.action_id, &v_notes);
	/* The note being typed grows to a few wrapped rows before it scrolls,
	 * so the room reads it whole (a viewer types nothing). */
	ui->input_w = width - 4;
	ui->input_max_rows = height - 2 < NOTES_INPUT_ROWS ? height - 2 : NOTES_INPUT_ROWS;
	ui->input_rows = ui->read_only ? 1 : input_rows_for(&ui->note_input, ui->input_w, ui->input_max_rows);
	/* Newest at the bottom, just above the input: fill upwards, first
	 * the notes still waiting for the database, then the stored. */
	int avail = height - 1 - ui->input_rows;
	int y = top + 1 + avail;
	/* Each note signed by who wrote it, the text after the signatures in
	 * one column. */
	/* An event's own facts first: where it was seen, and whether it was
	 * known at the time. */
	int floor = top + 1;
	const struct event *ev = anchor.event_id[0] ? doc_event(&ui->doc, anchor.event_id) : NULL;
	if (ev && (ev->source || ev->unknown_then) && avail > 2) {
		char facts[600];
		snprintf(facts, sizeof facts, "%s%s%s%s", ev->unknown_then ? "Not known at the time" : "",
			 ev->unknown_then && ev->source ? " · " : "", ev->source ? "seen at " : "",
			 ev->source ? ev->source : "");
		draw_text_fit(floor++, left + 2, width - 3, facts, term_attr(LOOK_DIM));
		avail--;
	}
	char signer[ROLE_COUNT][SIGNER_SIZE];
	int sign_w = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		note_signer(ui->doc.retro.facilitator, ui->doc.retro.scribe, (enum author_role)r, signer[r],
			    sizeof signer[r]);
		int w = text_width(signer[r]);
		if (r != ROLE_PARTICIPANT && w > sign_w)
			sign_w = w < 20 ? w : 20;
	}
	char pending_head[128]; /* "pending", as wide as a time and a signature */
	snprintf(pending_head, sizeof pending_head, "%-*s", 6 + sign_w + 2 > 10 ? 6 + sign_w + 2 : 10,
		 "pending");
	size_t stored = n;
	for (size_t i = ui->n_pending; i > 0 && y > floor; i--) {
		const struct pending_note *p = &ui->pending[i - 1];
		struct note at;
		if (notes_anchor_parse(p->anchor, &at) && same_anchor(&at, &anchor) && ++n)
			y = draw_note(ui, y, floor, left, width, pending_head, p->body, LOOK_DIM);
	}
	for (size_t i = stored; i > 0 && y > floor; i--) {
		const struct note *x = v_notes[i - 1];
		char head[128], clock[16];
		instant_format_clock((struct instant){x->created_at, x->offset_min}, clock, sizeof clock);
		clock[5] = '\0'; /* minutes are enough for when a note was said */
		const char *who = signer[x->role < ROLE_COUNT ? x->role : ROLE_PARTICIPANT];
		int pad = sign_w - text_width(who);
		snprintf(head, sizeof head, "%s %s%*s  ", clock, who, pad > 0 ? pad : 0, "");
		bool editing = ui->note_edit_id[0] && strcmp(ui->note_edit_id, x->id) == 0;
		y = draw_note(ui, y, floor, left, width, head, x->body,
			      editing ? LOOK_SELECTED : LOOK_NORMAL);
	}
	if (n == 0 && avail > 0) {
		char empty[96];
		if (focused)
			snprintf(empty, sizeof empty, "Type a note and press %s. %s goes back.",
				 keymap_key_for(SCOPE_NOTES, ACT_NOTE_SAVE),
				 keymap_key_for(SCOPE_NOTES, ACT_NOTE_LEAVE));
		else if (ui->read_only || ui_closed_refuses(ui, ACT_FOCUS))
			snprintf(empty, sizeof empty, "No notes here yet.");
		else
			snprintf(empty, sizeof empty, "No notes here yet. %s to write one.",
				 keymap_key_for(SCOPE_STAGES, ACT_FOCUS));
		draw_text(floor, left + 2, width - 3, empty, term_attr(LOOK_DIM));
	}
	free(v_notes);
	ui->input_y = top + height - ui->input_rows;
	ui->input_x = left + 3;
	notes_draw_input(ui);
}

void notes_draw_input(struct ui *ui)
{
	bool focused = ui->focus == FOCUS_NOTES;
	int y = ui->input_y;
	if (ui->input_w < 1 || ui->read_only)
		return; /* a viewer types nothing: no line to type into */
	int cx, cy;
	bool was_valid = ui->note_view.valid;
	draw_input_rows(&ui->note_view, y, ui->input_x, ui->input_w, ui->input_rows, &ui->note_input,
			term_attr(focused ? LOOK_NORMAL : LOOK_DIM), &cy, &cx);
	/* The prompt marks the note's first row: once that has scrolled out,
	 * every row reads as the one below it did, so the terminal scrolls
	 * them, and only the new row is sent. */
	bool first_row = ui->input_rows <= 1 || ui->note_view.first == 0;
	if (!was_valid || first_row != ui->note_prompt_shown)
		draw_text(y, ui->input_x - 2, 2, first_row ? "›" : " ",
			  term_attr(focused ? LOOK_FOCUS : LOOK_DIM));
	ui->note_prompt_shown = first_row;
	if (focused) {
		ui->cursor_y = cy;
		ui->cursor_x = cx;
	}
}

/* The notes shown for what is on screen, oldest first. */
static size_t anchored_notes(struct ui *ui, const struct note ***v)
{
	struct note anchor;
	current_anchor(ui, &anchor);
	return model_notes_for(&ui->doc, anchor.stage, anchor.event_id, anchor.question_id,
			       anchor.action_id, v);
}

static void edit_note(struct ui *ui, const struct note *n);

/* The label of what the note being written is pinned to. */
static void pin_label(struct ui *ui)
{
	const struct note *a = &ui->note_pin;
	const struct view_ops *v = ui_stage_view(a->stage);
	const char *id = a->event_id[0] ? a->event_id : a->question_id[0] ? a->question_id : a->action_id;
	if (!id[0] || !v->item_name ||
	    !v->item_name(ui, id, ui->note_pin_label, sizeof ui->note_pin_label))
		str_copy(ui->note_pin_label, sizeof ui->note_pin_label, v->title);
}

void notes_load_pending(struct ui *ui)
{
	struct err e;
	if (ui->pending_known)
		return;
	session_free_pending(ui->pending, ui->n_pending);
	ui->pending = NULL;
	ui->n_pending = 0;
	if (ui->drafts && ui->open &&
	    session_pending_notes(ui->drafts, ui->doc.retro.id, &ui->pending, &ui->n_pending, &e) == 0)
		ui->pending_known = true;
	ui->dirty = DIRTY_ALL;
}

void notes_flush_pending(struct ui *ui)
{
	notes_load_pending(ui);
	if (!ui->n_pending || ui->pending_refused || ui->read_only)
		return;
	size_t written = 0;
	struct err e = {0};
	for (size_t i = 0; i < ui->n_pending; i++) {
		const struct pending_note *p = &ui->pending[i];
		struct note n;
		if (!notes_anchor_parse(p->anchor, &n)) {
			memset(&n, 0, sizeof n);
			n.stage = STAGE_PRIME;
		} else if (!anchor_exists(&ui->doc, &n)) {
			/* What it was on is gone: a note of its stage. */
			n.event_id[0] = n.question_id[0] = n.action_id[0] = '\0';
		}
		n.role = ui->role;
		n.body = p->body;
		n.created_at = p->at;
		n.offset_min = p->offset_min;
		/* Its id was given when it was kept: one already in the file was
		 * written before (and the drafts file could not say so then). */
		str_copy(n.id, sizeof n.id, p->note_id);
		int rc = 0;
		if (!doc_note(&ui->doc, n.id)) {
			session_set_patience(ui->st, UI_NOTE_PATIENCE_MS, NULL, NULL);
			rc = model_add_note(ui->st, &ui->undo, ui->doc.retro.id, &n, &e);
			session_set_patience(ui->st, UI_PATIENCE_MS, NULL, NULL);
		}
		if (rc != 0 && e.busy)
			break; /* still busy: later, in order */
		if (rc != 0) {
			/* Refused for good: kept, said once, not tried again
			 * until the retrospective is opened again. */
			ui->pending_refused = true;
			ui_message(ui, true, "a kept note could not be written (%s); it stays in %s",
				   e.msg, session_drafts_path(ui->drafts));
			break;
		}
		written++;
		if (session_unpend_note(ui->drafts, p->seq, &e) != 0)
			break;
	}
	if (written) {
		ui->pending_known = false;
		notes_load_pending(ui);
		ui_reload(ui);
		if (!ui->n_pending)
			ui_message(ui, false, "The kept notes are written.");
	}
}

/* Brings back what this terminal (or one of its role that stopped) was
 * typing in the notes pane: a new note where it was begun, an edit of a
 * written note as that edit. */
void notes_restore(struct ui *ui)
{
	char *anchor = NULL;
	char *draft = ui_draft_get_at(ui, "notes", &anchor);
	te_clear(&ui->note_input);
	ui->note_pinned = false;
	/* Not known yet: the first save of drafts says it, clearing a stale
	 * one. */
	ui->note_left_kept = true;
	if (draft) {
		te_set(&ui->note_input, draft);
		/* Someone was typing a note: carry on, unless they had left it
		 * (Esc) for the stage. */
		char *focus = ui_draft_get(ui, "focus");
		ui->note_left_kept = focus && strcmp(focus, "main") == 0;
		ui->focus = ui->note_left_kept ? FOCUS_MAIN : FOCUS_NOTES;
		free(focus);
		struct note at;
		if (notes_anchor_parse(anchor, &at) && anchor_exists(&ui->doc, &at)) {
			ui->note_pin = at;
			ui->note_pinned = true;
			pin_label(ui);
		} else {
			notes_repin(ui); /* what it was begun on is gone: here */
		}
	}
	free(draft);
	free(anchor);
	char *edit = ui_draft_get_at(ui, "note-edit", &anchor);
	char id[ID_LEN] = "";
	long long rev = 0;
	if (anchor) {
		size_t len = strcspn(anchor, "|");
		if (len < ID_LEN) {
			memcpy(id, anchor, len);
			id[len] = '\0';
		}
		if (anchor[len] == '|')
			rev = strtoll(anchor + len + 1, NULL, 10);
	}
	const struct note *n = edit && id[0] ? doc_note(&ui->doc, id) : NULL;
	if (n) {
		free(ui->note_aside);
		ui->note_aside = xstrdup(te_text(&ui->note_input));
		edit_note(ui, n);
		if (rev > 0)
			ui->note_edit_rev = rev; /* a change since is a clash, told */
		te_set(&ui->note_input, edit);
		ui->focus = FOCUS_NOTES;
	} else if (edit) {
		/* Its note was deleted meanwhile: the text is not lost, it comes
		 * back as a new note (unless one is being written already). */
		struct err e;
		if (!*te_text(&ui->note_input)) {
			te_set(&ui->note_input, edit);
			ui->note_draft_dirty = true;
			ui->focus = FOCUS_NOTES;
			notes_repin(ui);
			ui_message(ui, false, "The note you were editing was deleted; your text is here as a new one.");
		}
		if (!ui->note_draft_dirty)
			ui_message(ui, true, "The note you were editing was deleted; your edit was: %.160s", edit);
		ui_draft_put(ui, "note-edit", "", &e);
	}
	free(edit);
	free(anchor);
	ui->pending_known = false;
	ui->pending_refused = false;
	notes_load_pending(ui);
}

static void edit_note(struct ui *ui, const struct note *n)
{
	str_copy(ui->note_edit_id, ID_LEN, n->id);
	ui->note_edit_rev = n->rev;
	te_set(&ui->note_input, n->body);
	ui->dirty = DIRTY_ALL;
}

/* Leaves editing a written note; the new note's text comes back. */
void notes_stop_editing(struct ui *ui)
{
	if (!ui->note_edit_id[0])
		return;
	struct err e;
	ui->note_edit_id[0] = '\0';
	ui->note_edit_dirty = false;
	ui_draft_put(ui, "note-edit", "", &e);
	te_set(&ui->note_input, ui->note_aside ? ui->note_aside : "");
	free(ui->note_aside);
	ui->note_aside = NULL;
	ui->dirty = DIRTY_ALL;
}

/* Up and Down walk the notes already written, to edit one; below the
 * newest is the note being written. */
bool notes_walk(struct ui *ui, bool up)
{
	const struct note **v;
	size_t n = anchored_notes(ui, &v);
	size_t at = n;
	for (size_t i = 0; ui->note_edit_id[0] && i < n; i++)
		if (strcmp(v[i]->id, ui->note_edit_id) == 0)
			at = i;
	if (up && at > 0) {
		if (!ui->note_edit_id[0]) {
			free(ui->note_aside);
			ui->note_aside = xstrdup(te_text(&ui->note_input));
		}
		edit_note(ui, v[at - 1]);
	} else if (!up && at + 1 < n) {
		edit_note(ui, v[at + 1]);
	} else if (!up && ui->note_edit_id[0]) {
		notes_stop_editing(ui);
	}
	free(v);
	return true;
}

/* After a key or a pasted character changed the notes line (or not). */
static void notes_edited(struct ui *ui, bool changed)
{
	if (changed && ui->note_edit_id[0]) {
		ui->note_edit_dirty = true; /* an edit is a draft of its own */
	} else if (changed) { /* the draft is the new note */
		ui->note_draft_dirty = true;
		bool empty = !*te_text(&ui->note_input), was = ui->note_pinned;
		if (empty || !ui->note_pinned)
			notes_repin(ui); /* begun here (or emptied) */
		if (was && !ui->note_pinned)
			ui->dirty = DIRTY_ALL; /* the pane's title said where it was for */
	}
	/* Grown (or shrunk) by a row: the pane makes room for it. */
	if (changed && input_rows_for(&ui->note_input, ui->input_w, ui->input_max_rows) != ui->input_rows)
		ui->dirty = DIRTY_ALL;

	ui->dirty |= DIRTY_INPUT;
}

bool notes_key(struct ui *ui, enum term_input kind, int key)
{
	bool changed;
	if (!ui_edit_key(&ui->note_input, kind, key, &changed))
		return false;
	notes_edited(ui, changed);
	return true;
}

void notes_paste_char(struct ui *ui, int cp)
{
	if (cp != '\n') {
		notes_key(ui, TERM_CHAR, cp);
		return;
	}
	/* A pasted line break stays one: the note keeps its lines and
	 * paragraphs (Enter typed saves). */
	notes_edited(ui, te_key(&ui->note_input, TE_KEY_NEWLINE) == TE_CHANGED);
}

void notes_insert(struct ui *ui, const char *text)
{
	struct textedit *te = &ui->note_input;
	te_key(te, TE_KEY_END);
	if (!te_empty(te) && te_text(te)[strlen(te_text(te)) - 1] != ' ')
		te_insert(te, " ", 1);
	te_insert(te, text, strlen(text));
	te_insert(te, " ", 1);
	if (ui->note_edit_id[0]) {
		ui->note_edit_dirty = true;
	} else {
		ui->note_draft_dirty = true;
		if (!ui->note_pinned)
			notes_repin(ui);
	}
	ui->focus = FOCUS_NOTES;
	ui->dirty = DIRTY_ALL;
}

static int save_note_text(struct ui *ui, const char *text, bool multiline)
{
	struct err e = {0};
	struct note n;
	current_anchor(ui, &n);
	if (ui->note_pinned && !ui->note_edit_id[0]) {
		if (anchor_exists(&ui->doc, &ui->note_pin))
			n = ui->note_pin;
		else
			ui_message(ui, false, "What this note was begun on is gone: it goes here.");
	}
	n.role = ui->role;
	n.body = model_clean_field("the note", text, multiline, &e);
	if (!n.body) {
		ui_message(ui, true, "%s", e.msg);
		return -1;
	}
	if (!*n.body) {
		free(n.body);
		return 0;
	}
	/* Enter must not wait for another program's write: when the database
	 * is busy the note is kept in the drafts file and written as soon as
	 * it is free (ui_flush_pending), in the order Enter came. */
	n.created_at = clock_now();
	n.offset_min = local_offset_min(n.created_at);
	/* Behind the notes still kept, in order, unless those were refused
	 * for good: then this one is tried on its own. */
	bool queue = ui->n_pending && !ui->pending_refused;
	int rc = queue ? -1 : -2;
	if (rc == -2) {
		session_set_patience(ui->st, UI_NOTE_PATIENCE_MS, NULL, NULL);
		rc = model_add_note(ui->st, &ui->undo, ui->doc.retro.id, &n, &e);
		session_set_patience(ui->st, UI_PATIENCE_MS, NULL, NULL);
		if (rc == 0)
			ui_took_note(ui, &n); /* in place: nothing read back */
	}
	if (rc != 0 && (queue || e.busy) && ui->drafts) {
		char anchor[4 * ID_LEN + 16];
		anchor_format(&n, anchor, sizeof anchor);
		rc = session_pend_note(ui->drafts, ui->doc.retro.id, anchor, n.body, n.created_at,
				       n.offset_min, &e);
		if (rc == 0) {
			ui->pending_known = false;
			notes_load_pending(ui);
			ui_message(ui, false, "Another program is writing the file: the note is kept "
					      "and goes in as soon as it can.");
		}
	}
	free(n.body);
	if (rc != 0) {
		ui_message(ui, true, "note not saved (still in the box): %s", e.msg);
		return -1;
	}
	return 1; /* (the caller empties the line and its draft, then reloads) */
}

/* A note is in (and in the doc, or kept to go in): the line and its
 * draft emptied at once (a kill before the draft is emptied would bring
 * the saved text back as a draft). */
static void note_saved(struct ui *ui)
{
	struct err e;
	te_clear(&ui->note_input);
	ui->note_pinned = false;
	ui->note_draft_dirty = false;
	ui_draft_put(ui, "notes", "", &e);
}

/* y to "Delete this note?": the note emptied in the notes pane. */
static void delete_note_yes(struct ui *ui, const struct ui_target *t)
{
	const struct note *n = doc_note(&ui->doc, t->id);
	struct err e = {0};
	if (!ui_target_still(ui, t, n != NULL, n ? n->rev : 0, 0))
		return;
	if (model_delete_note(ui->st, &ui->undo, &ui->doc, n->id, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui_reload(ui);
	notes_stop_editing(ui);
	ui_message(ui, false, "Note deleted. u brings it back.");
}

/* Saves an edit of a written note, unless someone changed it meanwhile:
 * then the text stays here, and Enter again overwrites theirs. An edit
 * that empties the note asks whether to delete it. */
static void save_edit(struct ui *ui)
{
	struct err e = {0};
	const struct note *before = doc_note(&ui->doc, ui->note_edit_id);
	if (!before) {
		ui_message(ui, true, "That note was deleted meanwhile; your text is still here.");
		return;
	}
	struct note after;
	note_copy(&after, before);
	free(after.body);
	after.body = model_clean_field("the note", te_text(&ui->note_input), true, &e);
	after.rev = ui->note_edit_rev;
	int rc = -1;
	if (after.body && !*after.body) {
		note_free(&after);
		struct ui_target t = {.rev = ui->note_edit_rev};
		str_copy(t.id, sizeof t.id, before->id);
		char who[SIGNER_SIZE];
		note_signer(ui->doc.retro.facilitator, ui->doc.retro.scribe, before->role, who, sizeof who);
		snprintf(t.what, sizeof t.what, "The note by %s", who);
		ui_ask(ui, delete_note_yes, &t, "Delete this note by %s? y/n (n keeps it as it was)", who);
		return;
	}
	if (after.body)
		rc = model_update_note(ui->st, &ui->undo, ui->doc.retro.id, before, &after, &e);
	note_free(&after);
	if (rc != 0) {
		if (rc == ST_CONFLICT) {
			/* Catch up with what they saved (this screen may not have
			 * yet); Enter again overwrites it, knowingly. */
			char id[ID_LEN];
			str_copy(id, sizeof id, ui->note_edit_id);
			ui_reload(ui);
			const struct note *now = doc_note(&ui->doc, id);
			if (now)
				ui->note_edit_rev = now->rev;
			ui_message(ui, true, "Someone else changed this note meanwhile. Your text is kept: "
					     "Enter saves it over theirs, Esc drops it.");
		} else {
			ui_message(ui, true, "%s", e.msg);
		}
		return;
	}
	ui_reload(ui);
	notes_stop_editing(ui);
	ui_message(ui, false, "Note updated.");
}

void notes_save(struct ui *ui)
{
	if (ui->note_edit_id[0]) {
		save_edit(ui);
		return;
	}
	if (save_note_text(ui, te_text(&ui->note_input), true) > 0) {
		note_saved(ui);
		ui->dirty |= DIRTY_NOTES; /* (and all of it, after a message) */
	} else {
		ui->dirty = DIRTY_ALL;
	}
}

/* Ctrl-N / Ctrl-P: the next or previous item of the stage, without leaving
 * the pane, as the main pane's own moves do (the note being written goes
 * along; following stops). An earlier note being edited is finished
 * first. */
static void notes_move(struct ui *ui, bool next)
{
	if (ui->note_edit_id[0]) {
		ui_message(ui, true, "%s saves this edit first; %s drops it.",
			   keymap_key_for(SCOPE_NOTES, ACT_NOTE_SAVE),
			   keymap_key_for(SCOPE_NOTES, ACT_NOTE_LEAVE));
		return;
	}
	const struct view_ops *v = ui_view(ui);
	if (!(v->flags & VIEW_SCROLLS))
		ui_stop_following(ui);
	ui_move(ui, next ? ACT_DOWN : ACT_UP, &ui->sel[ui->stage], v->count ? v->count(ui) : 0, 1);
	if (ui->note_pinned)
		notes_repin(ui);
	ui->dirty = DIRTY_ALL;
}

bool notes_layer_key(struct ui *ui, enum term_input kind, int key)
{
	/* A message stays until the next key. */
	if (ui->msg[0]) {
		ui->msg[0] = '\0';
		ui->dirty = DIRTY_ALL;
	}
	enum command act = keymap_lookup(SCOPE_NOTES, key, kind == TERM_CODE);
	if ((act == ACT_NOTE_EARLIER || act == ACT_NOTE_LATER) && ui->input_rows > 1 &&
	    te_move_row(&ui->note_input, ui->input_w, act == ACT_NOTE_LATER) != TE_UNCHANGED) {
		ui->dirty |= DIRTY_INPUT; /* Up and Down move within the note first */
	} else if (act == ACT_NOTE_EARLIER || act == ACT_NOTE_LATER) {
		notes_walk(ui, act == ACT_NOTE_EARLIER);
	} else if (act == ACT_NOTE_LEAVE && ui->note_edit_id[0] && ui_key_of(kind, key) != UI_KEY_TAB) {
		notes_stop_editing(ui); /* Esc first drops the edit */
	} else if (act == ACT_NOTE_LEAVE) {
		notes_stop_editing(ui);
		ui->focus = FOCUS_MAIN;
		ui->dirty = DIRTY_ALL;
	} else if (act == ACT_NOTE_NEXT_ITEM || act == ACT_NOTE_PREV_ITEM) {
		notes_move(ui, act == ACT_NOTE_NEXT_ITEM);
	} else if (act == ACT_NOTE_SAVE) {
		notes_save(ui);
	} else if (act == ACT_NOTE_EDITOR) {
		notes_editor(ui);
	} else if (act == ACT_REDRAW) {
		ui_redraw(ui);
	} else if (kind == TERM_CODE && ui_key_of(kind, key) == UI_KEY_F1) {
		help_open(ui);
	} else {
		notes_key(ui, kind, key);
		return false; /* typed: the pane keeps the keys */
	}
	return true;
}

void notes_editor(struct ui *ui)
{
	char path[512];
	char *data = ui_editor_run(ui, "note", te_text(&ui->note_input), path, sizeof path);
	if (!data)
		return;
	bool keep = save_note_text(ui, data, true) <= 0; /* then its file stays */
	if (!keep) {
		note_saved(ui);
		ui_message(ui, false, "Note saved from the editor.");
	} else {
		size_t len = strlen(ui->msg);
		snprintf(ui->msg + len, sizeof ui->msg - len, "; the text is kept in %s", path);
	}
	free(data);
	ui_editor_done(path, keep);
}
