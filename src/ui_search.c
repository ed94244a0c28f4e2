/* Searching the retrospective on screen: / asks for words, the first
 * match is shown (its stage, the record highlighted), n and N walk the
 * others. The search is the model's (model_search), as the command line's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

/* Matches kept at most. */
#define SEARCH_MAX 500

void ui_search_free(struct ui *ui)
{
	model_free_hits(ui->hits, ui->n_hits);
	ui->hits = NULL;
	ui->n_hits = ui->hit_at = 0;
}

/* Shows match i: its stage, and the record it is on highlighted. */
static void show_hit(struct ui *ui, size_t i)
{
	const struct search_hit *h = &ui->hits[i];
	enum stage s = h->stage ? h->stage : STAGE_PRIME;
	const char *select = h->record_id;
	const struct note *n = h->kind == SEARCH_NOTE ? doc_note(&ui->doc, h->record_id) : NULL;
	if (n) /* the note's anchor: the event, question or item */
		select = n->event_id[0] ? n->event_id : n->question_id[0] ? n->question_id : n->action_id;
	ui_stop_following(ui);
	ui->hit_at = i;
	ui->stage = s;
	if (select && *select)
		ui_select_id(ui, select);
	ui_save_position(ui);
	char what[32];
	snprintf(what, sizeof what, "%s", h->kind == SEARCH_RETRO ? "the title" : h->kind == SEARCH_EVENT ? "an event"
				    : h->kind == SEARCH_NOTE   ? "a note"
				    : h->kind == SEARCH_QUESTION ? "a question"
				    : h->kind == SEARCH_ACTION ? "an action item"
				    : h->kind == SEARCH_LABEL  ? "its services and tags"
							       : "a parked idea");
	ui_message(ui, false, "Match %zu of %zu for “%s”, in %s: %s next, %s back.", i + 1, ui->n_hits,
		   ui->search_query, what, keymap_key_for(SCOPE_STAGES, ACT_SEARCH_NEXT),
		   keymap_key_for(SCOPE_STAGES, ACT_SEARCH_PREV));
	ui->dirty = DIRTY_ALL;
}

static unsigned search_submit(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	struct err e = {0};
	ui_search_free(ui);
	str_copy(ui->search_query, sizeof ui->search_query, line);
	if (model_search(ui->st, line, ui->doc.retro.id, "", "", SEARCH_MAX, &ui->hits, &ui->n_hits,
			 &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	if (ui->n_hits == 0) {
		ui_message(ui, true, "Nothing in this retrospective matches “%s”.", line);
		return VIEW_KEEP_OPEN;
	}
	show_hit(ui, 0);
	return VIEW_HANDLED;
}

static const struct prompt_ops search_prompt = {
	.label = "Search",
	.hint = "words in this retrospective, in any case, accents or not (debrief search: all of them)",
	.slot = NULL,
	.submit = search_submit,
};

void ui_search_open(struct ui *ui)
{
	ui_open_prompt(ui, &search_prompt, NULL, ui->search_query[0] ? ui->search_query : NULL);
}

void ui_search_walk(struct ui *ui, bool back)
{
	if (!ui->n_hits) {
		ui_message(ui, false, "Nothing searched yet: %s searches this retrospective.",
			   keymap_key_for(SCOPE_STAGES, ACT_SEARCH));
		return;
	}
	size_t i = back ? (ui->hit_at + ui->n_hits - 1) % ui->n_hits : (ui->hit_at + 1) % ui->n_hits;
	show_hit(ui, i);
}
