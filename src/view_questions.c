/* Stage 3: the seven questions, one at a time, large, with prompts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static size_t questions_count(struct ui *ui)
{
	return ui->doc.n_questions;
}

static const struct question *selected(struct ui *ui)
{
	size_t i = ui->sel[STAGE_QUESTIONS];
	return i < ui->doc.n_questions ? &ui->doc.questions[i] : NULL;
}

static size_t notes_on(struct ui *ui, const char *qid)
{
	return model_count_notes_on(&ui->doc, qid);
}

static void questions_draw(struct ui *ui, int top, int left, int height, int width)
{
	const struct question *q = selected(ui);
	if (!q) {
		char say[64]; /* (the key as bound now) */
		snprintf(say, sizeof say, "No questions. Press %s to add one.",
			 keymap_key_for(SCOPE_QUESTIONS, ACT_ADD));
		draw_centred(top + height / 2, left, width, say, term_attr(LOOK_NORMAL));
		return;
	}
	/* The side list of all questions and which have notes. */
	/* The list takes its share of the screen: 35 %, from 24 to 60. */
	int share = width * 35 / 100;
	int side_w = width < 70 ? 0 : share < 24 ? 24 : share > 60 ? 60 : share;
	int main_x = left + 2, main_w = width - side_w - 4;
	if (side_w) {
		int sx = left + width - side_w;
		draw_vline(top, sx - 1, height, term_attr(LOOK_DIM));
		for (size_t i = 0; i < ui->doc.n_questions && (int)i < height; i++) {
			const struct question *x = &ui->doc.questions[i];
			bool sel = i == ui->sel[STAGE_QUESTIONS];
			size_t nn = notes_on(ui, x->id);
			char line[320];
			snprintf(line, sizeof line, "%s%zu %s %s", sel ? "›" : " ", i + 1, nn ? "✓" : "·",
				 x->title);
			unsigned a = term_attr(sel ? LOOK_SELECTED : nn ? LOOK_NORMAL : LOOK_DIM);
			if (sel)
				draw_fill(top + (int)i, sx, side_w, a);
			draw_text_fit(top + (int)i, sx, side_w, line, a);
		}
	}
	char num[48];
	snprintf(num, sizeof num, "Question %zu of %zu%s", ui->sel[STAGE_QUESTIONS] + 1,
		 ui->doc.n_questions, q->custom ? " (added in the meeting)" : "");
	int y = top;
	draw_text_fit(y++, main_x, main_w, num, term_attr(LOOK_DIM));
	y++;
	y += draw_wrapped(y, main_x, main_w, top + height - y, q->title, 0, draw_bold(term_attr(LOOK_TITLE)));
	y++;
	/* The prompts, one per line, each as a bullet. */
	const char *p = q->prompts;
	while (p && *p && y < top + height) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		char bullet[8] = "• ";
		draw_text(y, main_x, 2, bullet, term_attr(LOOK_DIM));
		y += draw_wrapped(y, main_x + 2, main_w - 2, top + height - y, line, 0, term_attr(LOOK_NORMAL));
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

/* Enter on `a`'s line: a question of the room's own. */
static unsigned questions_quick_add(struct ui *ui, const char *line, char select[ID_LEN])
{
	struct err e = {0};
	struct question q = {0};
	q.title = model_clean_field("the question", line, false, &e);
	q.prompts = xstrdup("");
	q.custom = true;
	int rc = q.title ? model_add_question(ui->st, &ui->undo, ui->doc.retro.id, &q, &e) : -1;
	str_copy(select, ID_LEN, q.id);
	question_free(&q);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	ui_message(ui, false, "Question added.");
	return VIEW_HANDLED | VIEW_RELOAD | VIEW_SAVE_POSITION;
}

static const struct prompt_ops questions_prompt = {
	.label = "Add a question",
	.hint = "a question of your own for this meeting",
	.slot = "quick-add:question",
	.many = "questions",
	.submit = questions_quick_add,
};

static void delete_yes(struct ui *ui, const struct ui_target *t)
{
	const struct question *q = doc_question(&ui->doc, t->id);
	struct err e = {0};
	if (!ui_target_still(ui, t, q != NULL, 0, 0))
		return;
	if (model_delete_question(ui->st, &ui->undo, &ui->doc, q->id, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui_reload(ui);
	ui_message(ui, false, "Question deleted. u brings it back.");
}

static unsigned questions_request(struct ui *ui, enum command act)
{
	const struct question *q = selected(ui);
	switch (act) {
	case ACT_ADD:
		ui_open_prompt(ui, &questions_prompt, NULL, NULL);
		return VIEW_HANDLED;
	case ACT_EDIT:
		if (q && q->custom)
			form_open_question(ui, q);
		else
			ui->focus = FOCUS_NOTES; /* the agenda's questions are quoted, not edited */
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_DELETE:
		if (q && !q->custom)
			ui_message(ui, true, "The seven questions are the agenda: only added ones can go.");
		else if (q) {
			struct ui_target t = {0};
			str_copy(t.id, ID_LEN, q->id);
			snprintf(t.what, sizeof t.what, "question %d", q->position);
			ui_ask(ui, delete_yes, &t, "Delete this question and its notes? y/n");
		}
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

static const char *questions_item(struct ui *ui)
{
	const struct question *q = selected(ui);
	return q ? q->id : NULL;
}

static void questions_label(struct ui *ui, char *buf, size_t size)
{
	const struct question *q = selected(ui);
	if (q)
		snprintf(buf, size, "question %zu: %s", ui->sel[STAGE_QUESTIONS] + 1, q->title);
	else
		snprintf(buf, size, "the questions");
}

static bool questions_name(struct ui *ui, const char *id, char *buf, size_t size)
{
	for (size_t i = 0; i < ui->doc.n_questions; i++)
		if (strcmp(ui->doc.questions[i].id, id) == 0) {
			snprintf(buf, size, "question %zu", i + 1);
			return true;
		}
	return false;
}

static void questions_anchor(struct ui *ui, struct note *n)
{
	const struct question *q = selected(ui);
	n->stage = STAGE_QUESTIONS;
	if (q)
		str_copy(n->question_id, ID_LEN, q->id);
}

static bool questions_select(struct ui *ui, const char *id)
{
	const struct question *x = doc_question(&ui->doc, id);
	if (x)
		ui->sel[STAGE_QUESTIONS] = (size_t)(x - ui->doc.questions);
	return x != NULL;
}

const struct view_ops view_questions_ops = {
	.title = "Seven questions",
	.scope = SCOPE_QUESTIONS,
	.draw = questions_draw,
	.request = questions_request,
	.count = questions_count,
	.item_id = questions_item,
	.item_label = questions_label,
	.anchor = questions_anchor,
	.item_name = questions_name,
	.select_id = questions_select,
	.add_prompt = &questions_prompt,
};
