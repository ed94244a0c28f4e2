/* Stage 1: the Prime Directive, who is here, and what is still open from
 * earlier retrospectives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static void draw_person(int y, int x, int width, const char *role, const char *who)
{
	int used = draw_text(y, x, width, role, term_attr(LOOK_DIM));
	char unset[48]; /* (the key as bound now) */
	snprintf(unset, sizeof unset, "(not set: press %s)", keymap_key_for(SCOPE_PRIME, ACT_EDIT));
	draw_text_fit(y, x + used, width - used, who && *who ? who : unset,
		  term_attr(who && *who ? LOOK_NORMAL : LOOK_DIM));
}

static void prime_draw(struct ui *ui, int top, int left, int height, int width)
{
	int quote_w = width - 8 < 72 ? width - 8 : 72;
	if (quote_w < 20)
		quote_w = width;
	int qx = left + (width - quote_w) / 2;
	char quoted[512];
	snprintf(quoted, sizeof quoted, "“%s”", PRIME_DIRECTIVE);
	struct wrap_row rows[32];
	size_t n = wrap_text(quoted, quote_w, rows, 32);
	int y = top + (height > 16 ? 1 : 0);
	for (size_t i = 0; i < n && i < 32 && y < top + height; i++, y++) {
		char line[256];
		size_t len = rows[i].len < sizeof line - 1 ? rows[i].len : sizeof line - 1;
		memcpy(line, quoted + rows[i].start, len);
		line[len] = '\0';
		draw_centred(y, qx, quote_w, str_trim(line), term_attr(LOOK_TITLE));
	}
	char by[160];
	snprintf(by, sizeof by, "— %s", PRIME_DIRECTIVE_BY);
	if (y < top + height)
		draw_centred(y++, left, width, by, term_attr(LOOK_DIM));
	y++;
	if (y >= top + height)
		return;

	const struct retro *r = &ui->doc.retro;
	int col_w = width / 2 - 2;
	draw_text_fit(y, left + 2, col_w, "Who is here", term_attr(LOOK_TITLE));
	draw_text_fit(y, left + width / 2, col_w, "Still open from earlier retrospectives",
		      term_attr(LOOK_TITLE));
	int ly = y + 1, ry = y + 1, bottom = top + height;
	if (ly < bottom)
		draw_person(ly++, left + 2, col_w, "Facilitator  ", r->facilitator);
	if (ly < bottom)
		draw_person(ly++, left + 2, col_w, "Scribe       ", r->scribe);
	if (ly < bottom)
		draw_text(ly++, left + 2, col_w, "Participants", term_attr(LOOK_DIM));
	if (r->participants) {
		char *copy = xstrdup(r->participants), *save = NULL;
		size_t total = 0, shown = 0;
		for (const char *c = r->participants; *c; c++)
			total += *c == ',';
		total++;
		for (char *p = strtok_r(copy, ",", &save); p && ly < bottom; p = strtok_r(NULL, ",", &save)) {
			char line[160];
			if (ly == bottom - 1 && shown + 1 < total) /* never hide people silently */
				snprintf(line, sizeof line, "  … and %zu more (e lists them)", total - shown);
			else
				snprintf(line, sizeof line, "  • %s", str_trim(p));
			draw_text_fit(ly++, left + 2, col_w, line, term_attr(LOOK_NORMAL));
			shown++;
		}
		free(copy);
	} else if (ly < bottom) {
		char none[48];
		snprintf(none, sizeof none, "(none yet: press %s)", keymap_key_for(SCOPE_PRIME, ACT_ADD));
		draw_text(ly++, left + 4, col_w, none, term_attr(LOOK_DIM));
	}
	/* Two rows an item: what and who, then where it came from; the one
	 * under review highlighted (selection 0 is who is here). */
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	size_t sel = ui->sel[STAGE_PRIME];
	char today[16];
	model_today(today, sizeof today);
	if (ry < bottom)
		ui_want_earlier(ui, x, (size_t)(bottom - ry) / 2 + 1);
	if (x->n == 0 && ry < bottom)
		draw_text(ry++, left + width / 2, col_w, "Nothing: well done.", term_attr(LOOK_DIM));
	for (size_t i = 0; i < x->n && ry < bottom; i++) {
		const struct action *a = &x->v[i];
		if (ry + 2 > bottom || (ry + 3 > bottom && x->total > i + 1)) {
			/* The last row that fits says how many more there are. */
			char more[80];
			snprintf(more, sizeof more, "… and %zu more: debrief actions --open",
				 x->total - i);
			draw_text_fit(ry++, left + width / 2, col_w, more, term_attr(LOOK_DIM));
			break;
		}
		char line[512];
		bool late = a->due && strcmp(a->due, today) < 0, here = sel == i + 1;
		unsigned look = term_attr(here ? LOOK_SELECTED : LOOK_NORMAL);
		if (here)
			draw_fill(ry, left + width / 2 - 1, col_w + 1, look);
		/* Who and when first: the title is what gets cut. */
		snprintf(line, sizeof line, "%s %s%s%s%s: %s", here ? "›" : "•", a->owner ? a->owner : "no owner",
			 a->due ? ", due " : "", a->due ? a->due : "", late ? " OVERDUE" : "", a->title);
		draw_text_fit(ry++, left + width / 2, col_w, line, look);
		snprintf(line, sizeof line, "  from %s", a->retro_title ? a->retro_title : "?");
		draw_text_fit(ry++, left + width / 2, col_w, line, term_attr(LOOK_DIM));
	}
}

/* Enter on `a`'s line: one more name among the participants. */
static unsigned prime_add_participant(struct ui *ui, const char *name, char select[ID_LEN])
{
	struct err e = {0};
	(void)select;
	struct retro after;
	retro_copy(&after, &ui->doc.retro);
	struct strbuf b = {0};
	if (after.participants && *after.participants)
		sb_printf(&b, "%s, %s", after.participants, name);
	else
		sb_puts(&b, name);
	free(after.participants);
	after.participants = model_clean_field("the participants", b.s, false, &e);
	sb_free(&b);
	int rc = after.participants ? model_update_retro(ui->st, &ui->undo, &ui->doc.retro, &after, &e) : -1;
	retro_free(&after);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	ui_message(ui, false, "Welcome, %s.", name);
	return VIEW_HANDLED | VIEW_RELOAD;
}

static const struct prompt_ops prime_prompt = {
	.label = "Add participant",
	.hint = "a name; e edits every role",
	.slot = "quick-add:participant",
	.submit = prime_add_participant,
};

/* --- the follow-up of earlier retrospectives' items --- */

/* The item under review (selection 1.. of the list; 0 is who is here). */
static const struct action *reviewed(struct ui *ui)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	size_t sel = ui->sel[STAGE_PRIME];
	return sel >= 1 && sel <= x->n ? &x->v[sel - 1] : NULL;
}

/* The earlier item with this id among those listed, or NULL. */
static const struct action *earlier_by_id(struct ui *ui, const char *id)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	for (size_t i = 0; id && *id && i < x->n; i++)
		if (strcmp(x->v[i].id, id) == 0)
			return &x->v[i];
	return NULL;
}

/* Decides about an earlier item in this meeting, and says so. */
static unsigned review(struct ui *ui, const struct action *a, const struct action_change *c)
{
	struct err e = {0};
	char title[96];
	str_format(title, sizeof title, "%s", a->title);
	if (model_review_earlier(ui->st, NULL, ui->doc.retro.id, a, c, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	ui_drop_earlier(ui_view_state(ui, STAGE_PRIME)); /* read again as it stands */
	if (model_load_follow_ups(ui->st, &ui->doc, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	else if (!c->set_status)
		ui_message(ui, false, "%s%s%s, in the follow-up: “%s”", c->owner && *c->owner ? c->owner : "No owner",
			   c->due && *c->due ? ", due " : "", c->due && *c->due ? c->due : "", title);
	else
		ui_message(ui, false, "%s, in the follow-up: “%s”", c->status == ACT_DONE ? "Done"
			   : c->status == ACT_DROPPED ? "Dropped" : "Open", title);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* The earlier item a follow-up prompt was about, decided in this meeting. */
static unsigned prime_follow_up(struct ui *ui, const char *id, const struct action_change *c)
{
	const struct action *a = earlier_by_id(ui, id);
	if (!a) {
		ui_message(ui, true, "That action item is not open any more.");
		return VIEW_HANDLED;
	}
	return review(ui, a, c);
}

/* --- the follow-up prompts, here and on the board of every action item --- */

/* The item the open prompt is about, and what its Enter does. */
static char follow_target[ID_LEN];
static follow_up_fn follow_apply;

static unsigned dropped_because(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	struct action_change c = {.set_status = true, .status = ACT_DROPPED, .reason = line};
	return follow_apply(ui, follow_target, &c);
}

static const struct prompt_ops why_prompt = {
	.label = "Dropped, because",
	.hint = "why it is not done (kept with it): \"the new alert covers it\"",
	.submit = dropped_because,
};

/* "Priya Nair due:2026-12-20": the owner, and the due date after due:. */
static unsigned owner_and_due(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	struct strbuf owner = {0};
	const char *due = "";
	char *copy = xstrdup(line), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (strncmp(w, "due:", 4) == 0)
			due = w + 4;
		else
			sb_printf(&owner, "%s%s", owner.len ? " " : "", w);
	}
	struct action_change c = {.set_owner = true, .owner = sb_str(&owner), .set_due = true, .due = due};
	unsigned r = follow_apply(ui, follow_target, &c);
	sb_free(&owner);
	free(copy);
	return r;
}

static const struct prompt_ops owner_prompt = {
	.label = "Owner",
	.hint = "who does it, and when: Priya Nair due:2026-12-20",
	.submit = owner_and_due,
};

void ui_follow_up_prompt(struct ui *ui, const struct action *a, bool why, follow_up_fn apply)
{
	str_copy(follow_target, ID_LEN, a->id);
	follow_apply = apply;
	if (why) {
		ui_open_prompt(ui, &why_prompt, NULL, NULL);
		return;
	}
	char now[160];
	snprintf(now, sizeof now, "%s%s%s", a->owner ? a->owner : "", a->due ? " due:" : "",
		 a->due ? a->due : "");
	ui_open_prompt(ui, &owner_prompt, NULL, now);
}

static unsigned prime_request(struct ui *ui, enum command act)
{
	const struct action *a = reviewed(ui);
	switch (act) {
	case ACT_ADD:
		ui_open_prompt(ui, &prime_prompt, NULL, NULL);
		return VIEW_HANDLED;
	case ACT_EDIT:
		if (!a) {
			form_open_details(ui, true);
			return VIEW_HANDLED;
		}
		ui_follow_up_prompt(ui, a, false, prime_follow_up);
		return VIEW_HANDLED;
	case ACT_SET_OPEN:
	case ACT_SET_DONE:
		if (!a)
			return VIEW_IGNORED;
		return review(ui, a, &(struct action_change){.set_status = true,
			     .status = act == ACT_SET_DONE ? ACT_DONE : ACT_OPEN}) & ~VIEW_KEEP_OPEN;
	case ACT_SET_DROPPED:
		if (!a)
			return VIEW_IGNORED;
		ui_follow_up_prompt(ui, a, true, prime_follow_up);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

static size_t prime_count(struct ui *ui)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	return 1 + x->n;
}

static const char *prime_item(struct ui *ui)
{
	const struct action *a = reviewed(ui);
	return a ? a->id : NULL;
}

static bool prime_select(struct ui *ui, const char *id)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	const struct action *a = earlier_by_id(ui, id);
	if (a)
		ui->sel[STAGE_PRIME] = (size_t)(a - x->v) + 1;
	return a != NULL;
}

static void prime_label(struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	snprintf(buf, size, "the Prime Directive");
}

/* Its own state is the open items of other retrospectives, read when
 * drawn; they change with the retrospective opened, not with each reload. */
static void prime_forget(struct ui *ui, void *state, bool reopened, bool gone)
{
	(void)ui;
	if (reopened || gone)
		ui_drop_earlier(state);
}

static void prime_anchor(struct ui *ui, struct note *n)
{
	(void)ui;
	n->stage = STAGE_PRIME;
}

const struct view_ops view_prime_ops = {
	.title = "Prime Directive",
	.scope = SCOPE_PRIME,
	.draw = prime_draw,
	.request = prime_request,
	.count = prime_count,
	.item_id = prime_item,
	.select_id = prime_select,
	.item_label = prime_label,
	.anchor = prime_anchor,
	.add_prompt = &prime_prompt,
	.private_size = sizeof(struct earlier_items),
	.forget = prime_forget,
};
