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
	if (!ui->choosing_role) /* (just opened, asked which role to take: not yet) */
		ui_save_position(ui);
	char what[32];
	snprintf(what, sizeof what, "%s", h->kind == SEARCH_RETRO ? "the title" : h->kind == SEARCH_EVENT ? "an event"
				    : h->kind == SEARCH_NOTE   ? "a note"
				    : h->kind == SEARCH_QUESTION ? "a question"
				    : h->kind == SEARCH_ACTION ? "an action item"
				    : h->kind == SEARCH_LABEL  ? "its services and tags"
							       : "a parked idea");
	ui_message(ui, false, "Match %zu of %zu for “%s”, in %s: %s next, %s back, %s everywhere.",
		   i + 1, ui->n_hits, ui->search_query, what, keymap_key_for(SCOPE_STAGES, ACT_SEARCH_NEXT),
		   keymap_key_for(SCOPE_STAGES, ACT_SEARCH_PREV), keymap_key_for(SCOPE_STAGES, ACT_SEARCH_ALL));
	ui->dirty = DIRTY_ALL;
}

bool ui_search_show(struct ui *ui, const char *query, const char *record_id)
{
	struct err e = {0};
	char q[sizeof ui->search_query];
	str_copy(q, sizeof q, query); /* (it may be the one freed here) */
	ui_search_free(ui);
	str_copy(ui->search_query, sizeof ui->search_query, q);
	if (model_search(ui->st, q, ui->doc.retro.id, "", "", SEARCH_MAX, &ui->hits, &ui->n_hits,
			 &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return false;
	}
	if (ui->n_hits == 0) {
		ui_message(ui, true, "Nothing in this retrospective matches “%s”. %s, then %s: every retrospective.",
			   q, keymap_key_for(SCOPE_PROMPT, ACT_CANCEL), keymap_key_for(SCOPE_STAGES, ACT_SEARCH_ALL));
		return false;
	}
	size_t at = 0;
	for (size_t i = 0; record_id && i < ui->n_hits; i++)
		if (strcmp(ui->hits[i].record_id, record_id) == 0) {
			at = i;
			break;
		}
	show_hit(ui, at);
	return true;
}

static unsigned search_submit(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	return ui_search_show(ui, line, NULL) ? VIEW_HANDLED : VIEW_KEEP_OPEN;
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

/* --- W: every retrospective --- */

void ui_matches_free(struct ui *ui)
{
	model_free_hits(ui->wide, ui->n_wide);
	ui->wide = NULL;
	ui->n_wide = ui->wide_sel = ui->wide_scroll = 0;
}

/* Searches every retrospective and lists the matches; false, said, when
 * there are none. */
static bool search_wide(struct ui *ui, const char *query)
{
	struct err e = {0};
	struct search_hit *v;
	size_t n;
	if (model_search(ui->st, query, NULL, SEARCH_MARK_OPEN, SEARCH_MARK_CLOSE, SEARCH_MAX, &v, &n,
			 &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return false;
	}
	if (n == 0) {
		model_free_hits(v, n);
		ui_message(ui, true, "Nothing in any retrospective matches “%s”.", query);
		return false;
	}
	ui_matches_free(ui);
	ui->wide = v;
	ui->n_wide = n;
	str_copy(ui->wide_query, sizeof ui->wide_query, query);
	size_t retros = 0;
	for (size_t i = 0; i < n; i++)
		retros += i == 0 || strcmp(v[i].retro_id, v[i - 1].retro_id) != 0;
	ui_board(ui, BOARD_MATCHES);
	ui_message(ui, false, "%zu%s match%s in %zu retrospective%s: %s opens one at its match.", n,
		   n == SEARCH_MAX ? " (the first)" : "", n == 1 ? "" : "es", retros, retros == 1 ? "" : "s",
		   keymap_key_for(SCOPE_MATCHES, ACT_OPEN_RETRO));
	return true;
}

static unsigned search_all_submit(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	return search_wide(ui, line) ? VIEW_HANDLED : VIEW_KEEP_OPEN;
}

static const struct prompt_ops search_all_prompt = {
	.label = "Search all",
	.hint = "words in every retrospective, in any case, accents or not: a list of the matches",
	.slot = NULL,
	.submit = search_all_submit,
};

void ui_search_all(struct ui *ui, bool ask)
{
	/* In a retrospective, the last search there at once; else asked. */
	bool here = ui->open && !ui->in_list && !ui->board && ui->search_query[0];
	if (here && !ask) {
		search_wide(ui, ui->search_query);
		return;
	}
	const char *last = ui->board == BOARD_MATCHES || !ui->search_query[0] || ui->in_list
				   ? ui->wide_query : ui->search_query;
	ui_open_prompt(ui, &search_all_prompt, NULL, last[0] ? last : NULL);
}
