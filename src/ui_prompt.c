/* Messages, y/n questions, one-line prompts and the drafts of what is
 * typed into them; the keys of the text fields. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "ui_internal.h"

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->dirty = DIRTY_ALL;
}

void ui_ask(struct ui *ui, confirm_fn yes, const struct ui_target *target, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->confirm_msg, sizeof ui->confirm_msg, fmt, ap);
	va_end(ap);
	ui->confirm = true;
	ui->confirm_yes = yes;
	ui->confirm_choose = NULL;
	memset(&ui->confirm_target, 0, sizeof ui->confirm_target);
	if (target)
		ui->confirm_target = *target;
	ui->dirty = DIRTY_ALL;
}

bool ui_target_still(struct ui *ui, const struct ui_target *t, bool exists, int64_t rev,
		     size_t notes)
{
	if (!exists)
		ui_message(ui, true, "Nothing was deleted: %s was deleted meanwhile.", t->what);
	else if (rev != t->rev || notes != t->notes)
		ui_message(ui, true, "Nothing was deleted: %s was changed meanwhile; d asks again.",
			   t->what);
	return exists && rev == t->rev && notes == t->notes;
}

/* Drafts belong to this terminal: two of one role type apart, and each
 * gets its own text back after a crash (debrief/drafts.h). */
int ui_draft_put_at(struct ui *ui, const char *slot, const char *text, const char *anchor,
		    struct err *e)
{
	if (ui->read_only || !ui->open)
		return 0;
	if (!ui->drafts)
		return err_set(e, "drafts are not kept: %s", ui->drafts_off);
	return session_put_draft(ui->drafts, ui->doc.retro.id, slot, text, anchor, e);
}

int ui_draft_put(struct ui *ui, const char *slot, const char *text, struct err *e)
{
	return ui_draft_put_at(ui, slot, text, "", e);
}

char *ui_draft_get_at(struct ui *ui, const char *slot, char **anchor)
{
	char *body = NULL;
	struct err e;
	if (anchor)
		*anchor = NULL;
	if (ui->read_only || !ui->open || !ui->drafts)
		return NULL;
	int rc = session_get_draft(ui->drafts, ui->doc.retro.id, slot, &body, anchor, &e);
	if (rc != 0)
		ui_message(ui, true, "%s", e.msg); /* (a draft there, not read: said) */
	if (rc != 0 || (body && !*body)) {
		free(body);
		if (anchor) {
			free(*anchor);
			*anchor = NULL;
		}
		return NULL;
	}
	return body;
}

char *ui_draft_get(struct ui *ui, const char *slot)
{
	return ui_draft_get_at(ui, slot, NULL);
}

/* Saves what is being typed, so a crash loses at most the key in flight. */
void ui_save_drafts(struct ui *ui)
{
	struct err e = {0};
	if (!ui->open)
		return;
	bool failed = false;
	if (ui->note_draft_dirty) {
		if (notes_put_draft(ui, &e) == 0)
			ui->note_draft_dirty = false;
		else
			failed = true;
	}
	if (ui->note_edit_dirty) {
		if (notes_put_edit_draft(ui, &e) == 0)
			ui->note_edit_dirty = false;
		else
			failed = true;
	}
	if (ui->prompt_draft_dirty) {
		const char *slot = ui->prompt ? ui->prompt->slot : NULL;
		if (!slot || ui_draft_put(ui, slot, te_text(&ui->prompt_input), &e) == 0)
			ui->prompt_draft_dirty = false;
		else
			failed = true;
	}
	/* A note left for the stage (Esc), so that a terminal that comes back
	 * with it has the keys on the stage again (] is not typed into it). */
	bool left = ui->open && ui->focus == FOCUS_MAIN && te_text(&ui->note_input)[0];
	if (left != ui->note_left_kept) {
		if (ui_draft_put(ui, "focus", left ? "main" : "", &e) == 0)
			ui->note_left_kept = left;
		else
			failed = true;
	}
	ui_saved(ui, !failed, failed ? e.msg : NULL);
}

void ui_saved(struct ui *ui, bool ok, const char *why)
{
	/* The text stays on screen and is written again with the next key. */
	if (!ok) {
		/* Just the reason: the bar is short. */
		const char *reason = why ? strrchr(why, ':') : NULL;
		reason = reason ? reason + 2 : why ? why : "";
		ui_message(ui, true, "NOT SAVED, kept here, retried: %s", reason);
	}
	if (ok != !ui->unsaved)
		ui->dirty = DIRTY_ALL;
	ui->unsaved = !ok;
}

static void clear_prompt_draft(struct ui *ui, const struct prompt_ops *p)
{
	struct err e;
	if (p && p->slot)
		ui_draft_put(ui, p->slot, "", &e);
}

void ui_open_prompt(struct ui *ui, const struct prompt_ops *p, const char *label,
		    const char *initial)
{
	ui->prompt = p;
	str_copy(ui->prompt_label, sizeof ui->prompt_label, label ? label : p->label);
	str_copy(ui->prompt_hint, sizeof ui->prompt_hint, p->hint ? p->hint : "");
	te_clear(&ui->prompt_input);
	/* A quick-add typed before a crash comes back where it was. */
	char *draft = p->slot ? ui_draft_get(ui, p->slot) : NULL;
	if (draft)
		te_set(&ui->prompt_input, draft);
	else if (initial)
		te_set(&ui->prompt_input, initial);
	free(draft);
	ui->msg[0] = '\0';
	ui->dirty = DIRTY_ALL;
}

static void close_prompt(struct ui *ui)
{
	ui->prompt = NULL;
	ui->prompt_origin_event[0] = ui->prompt_origin_question[0] = '\0';
	te_clear(&ui->prompt_input);
	ui->dirty = DIRTY_ALL;
}

/* The editing keys' actions, in the key table's order (ACT_EDIT_LEFT ..). */
static const enum te_key EDIT_KEYS[] = {
	TE_KEY_LEFT, TE_KEY_RIGHT, TE_KEY_HOME, TE_KEY_END, TE_KEY_WORD_LEFT, TE_KEY_WORD_RIGHT,
	TE_KEY_BACKSPACE, TE_KEY_DELETE, TE_KEY_DELETE_WORD_BACK, TE_KEY_KILL_TO_END,
	TE_KEY_KILL_TO_START, TE_KEY_YANK,
};
_Static_assert(sizeof EDIT_KEYS / sizeof EDIT_KEYS[0] == ACT_LAST_EDIT - ACT_FIRST_EDIT + 1,
	       "an editing action for each editing key");

bool ui_te_key(enum term_input kind, int key, enum te_key *out)
{
	/* Printable characters are text: only codes and controls edit. */
	if (kind == TERM_CHAR && key >= 0x20 && key != 0x7f)
		return false;
	enum command act = keymap_lookup(SCOPE_EDIT, key, kind == TERM_CODE);
	if (act < ACT_FIRST_EDIT || act > ACT_LAST_EDIT)
		return false;
	*out = EDIT_KEYS[act - ACT_FIRST_EDIT];
	return true;
}

bool ui_edit_key(struct textedit *te, enum term_input kind, int key, bool *changed)
{
	enum te_key k;
	enum te_result r;
	*changed = false;
	if (ui_te_key(kind, key, &k))
		r = te_key(te, k);
	else if (kind == TERM_CHAR && key >= 0x20 && key != 0x7f)
		r = te_insert_cp(te, (unsigned)key);
	else
		return false;
	*changed = r == TE_CHANGED;
	return true;
}

bool ui_confirm_key(struct ui *ui, enum term_input kind, int key)
{
	if (ui->confirm_choose) {
		/* Asked until one of its answers comes. */
		if (kind == TERM_CHAR && ui->confirm_choose(ui, key)) {
			ui->confirm = false;
			ui->confirm_choose = NULL;
		}
		ui->dirty = DIRTY_ALL;
		return true;
	}
	confirm_fn yes = ui->confirm_yes;
	struct ui_target t = ui->confirm_target;
	ui->confirm = false;
	ui->confirm_yes = NULL;
	ui->dirty = DIRTY_ALL;
	if (keymap_lookup(SCOPE_CONFIRM, key, kind == TERM_CODE) == ACT_YES && yes) {
		ui_check_outside(ui); /* act on the record as it is now */
		yes(ui, &t);
	} else {
		ui_message(ui, false, "Nothing changed.");
	}
	return true;
}

static void finish_prompt(struct ui *ui);

bool ui_prompt_key(struct ui *ui, enum term_input kind, int key)
{
	enum command act = keymap_lookup(SCOPE_PROMPT, key, kind == TERM_CODE);
	if (act == ACT_CANCEL) {
		const struct prompt_ops *p = ui->prompt;
		close_prompt(ui);
		clear_prompt_draft(ui, p);
		ui->prompt_draft_dirty = false;
		ui->msg[0] = '\0';
		if (p->cancelled)
			p->cancelled(ui);
		return true;
	}
	if (act == ACT_SUBMIT) {
		finish_prompt(ui);
		return true;
	}
	bool changed;
	if (ui_edit_key(&ui->prompt_input, kind, key, &changed)) {
		if (changed) {
			ui->prompt_draft_dirty = true;
			/* A block's count of lines is shown over it. */
			size_t lines = ui->prompt->many ? ui_prompt_lines(te_text(&ui->prompt_input)) : 0;
			if (lines != ui->prompt_lines) {
				ui->prompt_lines = lines;
				ui->dirty = DIRTY_ALL;
			}
			if (ui->msg[0]) {
				ui->msg[0] = '\0';
				ui->dirty = DIRTY_ALL;
			}
			if (ui->prompt->typed)
				ui->prompt->typed(ui, te_text(&ui->prompt_input));
		}
		ui->dirty |= DIRTY_INPUT;
	}
	return false; /* typed, or nothing: the prompt keeps the keys */
}

size_t ui_prompt_lines(const char *text)
{
	size_t n = 0;
	for (const char *line = text; line; ) {
		const char *brk = strstr(line, PROMPT_LINE_BREAK);
		size_t len = brk ? (size_t)(brk - line) : strlen(line);
		for (size_t i = 0; i < len; i++)
			if (line[i] != ' ') {
				n++;
				break;
			}
		line = brk ? brk + strlen(PROMPT_LINE_BREAK) : NULL;
	}
	return n;
}

static char *breaks_to_spaces(const char *text)
{
	struct strbuf b = {0};
	for (const char *brk; (brk = strstr(text, PROMPT_LINE_BREAK)); text = brk + strlen(PROMPT_LINE_BREAK)) {
		sb_add(&b, text, (size_t)(brk - text));
		sb_putc(&b, ' ');
	}
	sb_puts(&b, text);
	return b.s ? b.s : xstrdup("");
}

/* A pasted block: each of its lines through the prompt's own submit, in
 * one transaction, so a line refused adds none of them. */
static unsigned submit_lines(struct ui *ui, const struct prompt_ops *p, char *text,
			     char select[ID_LEN])
{
	size_t total = ui_prompt_lines(text), k = 0, mark;
	unsigned r = VIEW_HANDLED;
	struct err e = {0};
	if (model_group_begin(ui->st, &ui->undo, &mark, &e) != 0) {
		ui_message(ui, true, "Nothing was added: %s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	int rc = 0;
	for (char *line = text, *next; line && rc == 0; line = next) {
		char *brk = strstr(line, PROMPT_LINE_BREAK);
		next = brk ? brk + strlen(PROMPT_LINE_BREAK) : NULL;
		if (brk)
			*brk = '\0';
		str_trim(line);
		if (!*line)
			continue;
		k++;
		unsigned one = p->submit(ui, line, select);
		if (one & VIEW_KEEP_OPEN) {
			char why[sizeof ui->msg];
			str_copy(why, sizeof why, ui->msg);
			ui_message(ui, true, "Line %zu of %zu: %s Nothing was added.", k, total, why);
			rc = -1;
		}
		r |= one;
	}
	if (model_group_end(ui->st, &ui->undo, mark, rc, &e) != 0) {
		if (rc == 0)
			ui_message(ui, true, "Nothing was added: %s", e.msg);
		return VIEW_KEEP_OPEN | VIEW_RELOAD;
	}
	ui_message(ui, false, "Added %zu %s, one a line; u takes back the last.", k, p->many);
	return r;
}

/* Enter: the prompt's view takes the line and says what should happen,
 * which is done once the prompt is closed (a reload, a selection). */
static void finish_prompt(struct ui *ui)
{
	const struct prompt_ops *p = ui->prompt;
	char *text = xstrdup(te_text(&ui->prompt_input));
	char select[ID_LEN] = "";
	unsigned r;
	if (p->many && p->submit && ui_prompt_lines(text) > 1) {
		r = submit_lines(ui, p, text, select);
	} else {
		/* One line (a break left at either end is no line). */
		char *one = breaks_to_spaces(text);
		free(text);
		text = one;
		str_trim(text);
		r = *text && p->submit ? p->submit(ui, text, select) : VIEW_HANDLED;
	}
	free(text);
	if (!(r & VIEW_KEEP_OPEN) && ui->prompt == p) {
		clear_prompt_draft(ui, p);
		ui->prompt_draft_dirty = false;
		close_prompt(ui);
	}
	ui_apply(ui, r, select);
}

/* --- the stack of layers over the stage --- */

static bool confirm_open(const struct ui *ui) { return ui->confirm; }
static bool help_is_open(const struct ui *ui) { return ui->help; }
static bool form_open(const struct ui *ui) { return ui->form != NULL; }
static bool prompt_open(const struct ui *ui) { return ui->prompt != NULL; }
static bool notes_open(const struct ui *ui) { return ui->focus == FOCUS_NOTES && !ui->in_list; }
static bool check_is_open(const struct ui *ui) { return ui->check_open && ui->open && !ui->in_list; }
static void check_open_key(struct ui *ui) { check_timeline(ui, false); }

/* A pasted line break is a space in a form; the notes line keeps it; a
 * prompt that takes a block of lines shows and keeps it (one break between
 * two lines). */
static void form_paste(struct ui *ui, int cp) { form_key(ui, TERM_CHAR, cp == '\n' ? ' ' : cp); }
static void notes_paste(struct ui *ui, int cp) { notes_paste_char(ui, cp); }

static void prompt_paste(struct ui *ui, int cp)
{
	if (cp == '\n') {
		struct textedit *te = &ui->prompt_input;
		size_t at = te->cursor, len = strlen(PROMPT_LINE_BREAK);
		bool after_break = at >= len && memcmp(te_text(te) + at - len, PROMPT_LINE_BREAK, len) == 0;
		if (!ui->prompt->many)
			cp = ' ';
		else if (at == 0 || after_break)
			return; /* no empty lines */
		else
			cp = PROMPT_LINE_BREAK_CP;
	}
	(void)ui_prompt_key(ui, TERM_CHAR, cp);
}

static void details_open(struct ui *ui) { form_open_details(ui, false); }

/* Top first. */
static const struct layer_ops LAYERS[] = {
	{"question", LAYER_HOLDS_FOLLOW, ACT_NONE, NULL, confirm_open, ui_confirm_key, NULL, NULL, NULL},
	{"peek", LAYER_COVERS | LAYER_NO_CURSOR, ACT_NONE, NULL, peek_is_open, peek_layer_key, NULL,
	 peek_draw, NULL},
	{"help", LAYER_COVERS | LAYER_NO_CURSOR, ACT_HELP, help_open, help_is_open, help_layer_key,
	 NULL, help_draw, NULL},
	{"stats", LAYER_COVERS | LAYER_NO_CURSOR, ACT_STATS, stats_open_layer, stats_is_open,
	 stats_layer_key, NULL, stats_draw, NULL},
	{"form", LAYER_HOLDS_FOLLOW | LAYER_COVERS, ACT_DETAILS, details_open, form_open,
	 form_layer_key, form_paste, form_draw, form_draw},
	{"check", LAYER_NO_CURSOR, ACT_CHECK_TIMELINE, check_open_key, check_is_open, check_layer_key,
	 NULL, check_draw, NULL},
	{"prompt", 0, ACT_NONE, NULL, prompt_open, ui_prompt_key, prompt_paste, ui_draw_prompt_input,
	 ui_draw_prompt_input},
	{"ask", 0, ACT_NONE, NULL, ui_ask_is_open, ui_ask_key, NULL, NULL, NULL},
	{"notes", 0, ACT_NONE, NULL, notes_open, notes_layer_key, notes_paste, NULL, notes_draw_input},
};
#define N_LAYERS (sizeof LAYERS / sizeof LAYERS[0])

const struct layer_ops *ui_top_layer(const struct ui *ui)
{
	for (size_t i = 0; i < N_LAYERS; i++)
		if (LAYERS[i].is_open(ui))
			return &LAYERS[i];
	return NULL;
}

void ui_draw_layers(struct ui *ui)
{
	for (size_t i = N_LAYERS; i > 0; i--)
		if (LAYERS[i - 1].draw && LAYERS[i - 1].is_open(ui))
			LAYERS[i - 1].draw(ui);
}

bool ui_layer_open(const struct ui *ui, unsigned flag)
{
	for (size_t i = 0; i < N_LAYERS; i++)
		if ((LAYERS[i].flags & flag) && LAYERS[i].is_open(ui))
			return true;
	return false;
}

bool ui_open_layer(struct ui *ui, enum command act)
{
	for (size_t i = 0; i < N_LAYERS; i++)
		if (LAYERS[i].open && LAYERS[i].opens == act)
			return LAYERS[i].open(ui), true;
	return false;
}
