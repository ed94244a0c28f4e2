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

/* Drafts belong to a role: the facilitator's and the scribe's terminals
 * type at once, and each must get its own text back after a crash. */
static void role_slot(struct ui *ui, const char *slot, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%s", author_role_name(ui->role), slot);
}

int ui_draft_put(struct ui *ui, const char *slot, const char *text, struct err *e)
{
	char full[96];
	if (ui->read_only || !ui->open)
		return 0;
	role_slot(ui, slot, full, sizeof full);
	return session_put_draft(ui->st, ui->doc.retro.id, full, text, e);
}

char *ui_draft_get(struct ui *ui, const char *slot)
{
	char full[96], *body = NULL;
	struct err e;
	if (ui->read_only || !ui->open)
		return NULL;
	role_slot(ui, slot, full, sizeof full);
	if (session_get_draft(ui->st, ui->doc.retro.id, full, &body, &e) != 0 || (body && !*body)) {
		free(body);
		return NULL;
	}
	return body;
}

/* What each prompt is for: where its draft is kept (NULL: nothing worth a
 * draft) and what Enter does with the line (true: the prompt may close;
 * false leaves it open with the text and an error message). */
struct prompt_def {
	const char *slot;
	bool (*submit)(struct ui *ui, const char *line);
};

static const struct prompt_def PROMPTS[] = {
	[PROMPT_NONE] = {NULL, NULL},
	[PROMPT_EVENT] = {"quick-add:event", timeline_quick_add},
	[PROMPT_ACTION] = {"quick-add:action", actions_quick_add},
	[PROMPT_QUESTION] = {"quick-add:question", questions_quick_add},
	[PROMPT_PARTICIPANT] = {"quick-add:participant", prime_add_participant},
	[PROMPT_EXPORT] = {NULL, ui_export_submit},
	[PROMPT_NEW_RETRO] = {NULL, ui_new_retro_submit},
};

const char *ui_prompt_slot(enum prompt_kind k)
{
	return PROMPTS[k].slot;
}

/* Saves what is being typed, so a crash loses at most the key in flight. */
void ui_save_drafts(struct ui *ui)
{
	struct err e = {0};
	if (!ui->open)
		return;
	bool failed = false;
	if (ui->note_draft_dirty) {
		if (ui_draft_put(ui, "notes", te_text(&ui->note_input), &e) == 0)
			ui->note_draft_dirty = false;
		else
			failed = true;
	}
	if (ui->prompt_draft_dirty) {
		const char *slot = ui_prompt_slot(ui->prompt);
		if (!slot || ui_draft_put(ui, slot, te_text(&ui->prompt_input), &e) == 0)
			ui->prompt_draft_dirty = false;
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

static void clear_prompt_draft(struct ui *ui, enum prompt_kind kind)
{
	const char *slot = ui_prompt_slot(kind);
	struct err e;
	if (slot)
		ui_draft_put(ui, slot, "", &e);
}

void ui_open_prompt(struct ui *ui, enum prompt_kind kind, const char *label,
		    const char *hint, const char *initial)
{
	ui->prompt = kind;
	str_copy(ui->prompt_label, sizeof ui->prompt_label, label);
	str_copy(ui->prompt_hint, sizeof ui->prompt_hint, hint ? hint : "");
	te_clear(&ui->prompt_input);
	const char *slot = ui_prompt_slot(kind);
	/* A quick-add typed before a crash comes back where it was. */
	char *draft = slot ? ui_draft_get(ui, slot) : NULL;
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
	ui->prompt = PROMPT_NONE;
	ui->prompt_origin_event[0] = ui->prompt_origin_question[0] = '\0';
	te_clear(&ui->prompt_input);
	ui->dirty = DIRTY_ALL;
}

bool ui_te_key(enum term_input kind, int key, enum te_key *out)
{
	if (kind == TERM_CODE) {
		switch (key) {
		case KEY_LEFT: *out = TE_KEY_LEFT; return true;
		case KEY_RIGHT: *out = TE_KEY_RIGHT; return true;
		case KEY_UP: *out = TE_KEY_UP; return true;
		case KEY_DOWN: *out = TE_KEY_DOWN; return true;
		case KEY_HOME: *out = TE_KEY_HOME; return true;
		case KEY_END: *out = TE_KEY_END; return true;
		case KEY_BACKSPACE: *out = TE_KEY_BACKSPACE; return true;
		case KEY_DC: *out = TE_KEY_DELETE; return true;
		case 0x222: *out = TE_KEY_WORD_LEFT; return true;  /* kLFT5: Ctrl-Left */
		case 0x231: *out = TE_KEY_WORD_RIGHT; return true; /* kRIT5: Ctrl-Right */
		default: return false;
		}
	}
	switch (key) {
	case 0x7f:
	case 0x08: *out = TE_KEY_BACKSPACE; return true;
	case 0x01: *out = TE_KEY_HOME; return true;        /* Ctrl-A */
	case 0x02: *out = TE_KEY_LEFT; return true;        /* Ctrl-B */
	case 0x04: *out = TE_KEY_DELETE; return true;      /* Ctrl-D */
	case 0x06: *out = TE_KEY_RIGHT; return true;       /* Ctrl-F */
	case 0x0b: *out = TE_KEY_KILL_TO_END; return true; /* Ctrl-K */
	case 0x15: *out = TE_KEY_KILL_TO_START; return true; /* Ctrl-U */
	case 0x17: *out = TE_KEY_DELETE_WORD_BACK; return true; /* Ctrl-W */
	case 0x19: *out = TE_KEY_YANK; return true;        /* Ctrl-Y */
	default: return false;
	}
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

void ui_confirm_key(struct ui *ui, enum term_input kind, int key)
{
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
}

static void finish_prompt(struct ui *ui);

void ui_prompt_key(struct ui *ui, enum term_input kind, int key)
{
	enum command act = keymap_lookup(SCOPE_PROMPT, key, kind == TERM_CODE);
	if (act == ACT_CANCEL) {
		enum prompt_kind k = ui->prompt;
		close_prompt(ui);
		clear_prompt_draft(ui, k);
		ui->prompt_draft_dirty = false;
		ui->msg[0] = '\0';
		return;
	}
	if (act == ACT_SUBMIT) {
		finish_prompt(ui);
		return;
	}
	bool changed;
	if (ui_edit_key(&ui->prompt_input, kind, key, &changed)) {
		if (changed) {
			ui->prompt_draft_dirty = true;
			if (ui->msg[0]) {
				ui->msg[0] = '\0';
				ui->dirty = DIRTY_ALL;
			}
		}
		ui->dirty |= DIRTY_INPUT;
	}
}

static void finish_prompt(struct ui *ui)
{
	enum prompt_kind k = ui->prompt;
	char *text = xstrdup(te_text(&ui->prompt_input));
	str_trim(text);
	bool ok = PROMPTS[k].submit ? PROMPTS[k].submit(ui, text) : true;
	free(text);
	if (ok && ui->prompt == k) {
		clear_prompt_draft(ui, k);
		ui->prompt_draft_dirty = false;
		close_prompt(ui);
	}
}

/* --- the stack of layers over the stage --- */

static bool confirm_open(const struct ui *ui) { return ui->confirm; }
static bool help_is_open(const struct ui *ui) { return ui->help; }
static bool form_open(const struct ui *ui) { return ui->form != NULL; }
static bool prompt_open(const struct ui *ui) { return ui->prompt != PROMPT_NONE; }
static bool notes_open(const struct ui *ui) { return ui->focus == FOCUS_NOTES && !ui->in_list; }

static void form_paste(struct ui *ui, int cp) { form_key(ui, TERM_CHAR, cp); }
static void prompt_paste(struct ui *ui, int cp) { ui_prompt_key(ui, TERM_CHAR, cp); }
static void notes_paste(struct ui *ui, int cp) { notes_key(ui, TERM_CHAR, cp); }

/* Top first. */
static const struct layer_ops LAYERS[] = {
	{"question", LAYER_HOLDS_FOLLOW, confirm_open, ui_confirm_key, NULL, NULL, NULL},
	{"help", LAYER_COVERS | LAYER_NO_CURSOR, help_is_open, help_layer_key, NULL, help_draw, NULL},
	{"form", LAYER_HOLDS_FOLLOW | LAYER_COVERS, form_open, form_layer_key, form_paste, form_draw,
	 form_draw},
	{"prompt", 0, prompt_open, ui_prompt_key, prompt_paste, ui_draw_prompt_input,
	 ui_draw_prompt_input},
	{"notes", 0, notes_open, notes_layer_key, notes_paste, NULL, notes_draw_input},
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
