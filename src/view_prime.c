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

/* --- earlier incidents on the same services and tags --- */

/* The items the selection walks before the earlier incidents: those
 * shown, when the incidents come after them on screen. */
static size_t items_listed(const struct earlier_items *x)
{
	return x->n_rel && x->shown < x->n ? x->shown : x->n;
}

/* Its heading: "Earlier incidents on payments-api" ("tagged #config"). */
static void related_heading(const struct related_retro *r, char *buf, size_t size)
{
	snprintf(buf, size, r->by_tag ? "Earlier incidents tagged #%s" : "Earlier incidents on %s", r->shared);
}

static bool new_group(const struct earlier_items *x, size_t i)
{
	return i == 0 || x->rel[i].by_tag != x->rel[i - 1].by_tag ||
	       strcmp(x->rel[i].shared, x->rel[i - 1].shared) != 0;
}

/* The rows the earlier incidents take of the `room` below the items: a
 * blank row, then a heading each name and two rows each, as many as
 * there is room for when the items leave at least half of it. */
static int related_rows(const struct earlier_items *x, int room)
{
	if (!x->n_rel || room < 4)
		return 0;
	int need = 1;
	for (size_t i = 0; i < x->n_rel; i++)
		need += 2 + new_group(x, i);
	int items = x->total ? 2 * (int)x->total : 1, spare = room - items;
	int most = spare > room / 2 ? spare : room / 2;
	return need < most ? need : most;
}

/* Each: its incident date and title, then its open action items (the
 * first of them by name, as many as fit), under the name it shares; the
 * highlighted one stands out (selection after the items). One that does
 * not fit is counted on the last row, never hidden silently. */
static void draw_related(struct ui *ui, struct earlier_items *x, int y, int bottom, int left,
			 int width)
{
	size_t sel = ui->sel[STAGE_PRIME], items = items_listed(x);
	for (size_t i = 0; i < x->n_rel && y < bottom; i++) {
		const struct related_retro *r = &x->rel[i];
		char line[512];
		int need = 2 + new_group(x, i);
		if (y + need > bottom || (i + 1 < x->n_rel && y + need + 1 > bottom)) {
			snprintf(line, sizeof line, "… and %zu more earlier incident%s", x->n_rel - i,
				 x->n_rel - i == 1 ? "" : "s");
			draw_text_fit(y++, left, width, line, term_attr(LOOK_DIM));
			break;
		}
		if (new_group(x, i)) {
			related_heading(r, line, sizeof line);
			draw_text_fit(y++, left, width, line, term_attr(LOOK_TITLE));
		}
		bool here = sel == items + 1 + i;
		unsigned look = term_attr(here ? LOOK_SELECTED : LOOK_NORMAL);
		if (here)
			draw_fill(y, left - 1, width + 1, look);
		snprintf(line, sizeof line, "%s %s, %s", here ? "›" : "•", r->date ? r->date : "?", r->title);
		draw_text_fit(y++, left, width, line, look);
		if (r->open)
			snprintf(line, sizeof line, "  %d open: %s", r->open, r->open_titles ? r->open_titles : "");
		else
			snprintf(line, sizeof line, "  nothing left open");
		draw_text_fit(y++, left, width, line, term_attr(LOOK_DIM));
		x->rel_shown = i + 1;
	}
}

/* The earlier incidents the selection walks: those the screen shows. */
static size_t related_listed(const struct earlier_items *x)
{
	return x->rel_drawn && x->rel_shown < x->n_rel ? x->rel_shown : x->n_rel;
}

/* The earlier incident highlighted, or NULL. */
static const struct related_retro *related_here(struct ui *ui)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	size_t sel = ui->sel[STAGE_PRIME];
	ui_want_related(ui, x);
	size_t items = items_listed(x);
	return sel > items && sel <= items + related_listed(x) ? &x->rel[sel - items - 1] : NULL;
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
	 * under review highlighted (selection 0 is who is here). Below them,
	 * the earlier incidents on the same services and tags, with the rows
	 * they need, up to half of them when the items need the rest. */
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	size_t sel = ui->sel[STAGE_PRIME];
	char today[16];
	model_today(today, sizeof today);
	int rel_rows = 0;
	if (ry < bottom) {
		ui_want_earlier(ui, x, (size_t)(bottom - ry) / 2 + 1);
		ui_want_related(ui, x);
		rel_rows = related_rows(x, bottom - ry);
	}
	int items_bottom = bottom - rel_rows;
	x->shown = 0;
	if (x->n == 0 && ry < items_bottom)
		draw_text(ry++, left + width / 2, col_w, "Nothing: well done.", term_attr(LOOK_DIM));
	for (size_t i = 0; i < x->n && ry < items_bottom; i++) {
		const struct action *a = &x->v[i];
		if (ry + 2 > items_bottom || (ry + 3 > items_bottom && x->total > i + 1)) {
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
		x->shown = i + 1;
	}
	x->rel_shown = 0;
	x->rel_drawn = true;
	if (rel_rows) /* (after a blank row, when there is room for one) */
		draw_related(ui, x, bottom - ry > 4 ? ry + 1 : ry, bottom, left + width / 2, col_w);
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
	return sel >= 1 && sel <= items_listed(x) ? &x->v[sel - 1] : NULL;
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
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	switch (act) {
	case ACT_ADD:
		ui_open_prompt(ui, &prime_prompt, NULL, NULL);
		return VIEW_HANDLED;
	case ACT_EDIT:
		if (related_here(ui))
			return prime_request(ui, ACT_PEEK); /* (nothing of it is edited here) */
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
	case ACT_PEEK: {
		const struct related_retro *r = related_here(ui);
		if (r)
			peek_open(ui, r->id);
		else if (x->n_rel)
			ui_message(ui, true, "Highlight one of the earlier incidents first (%s/%s).",
				   keymap_key_for(SCOPE_PRIME, ACT_DOWN), keymap_key_for(SCOPE_PRIME, ACT_UP));
		else
			ui_message(ui, true, "No earlier incident shares a service or tag with this one%s.",
				   ui->doc.retro.services || ui->doc.retro.tags ? "" : " (it has none: i adds them)");
		return VIEW_HANDLED;
	}
	default:
		return VIEW_IGNORED;
	}
}

/* On an earlier incident, v (and e) opens it; the decisions are for
 * the items. */
static bool prime_offers(struct ui *ui, enum command act)
{
	bool incident = related_here(ui) != NULL;
	switch (act) {
	case ACT_PEEK: return incident;
	case ACT_EDIT: case ACT_SET_OPEN: case ACT_SET_DONE: case ACT_SET_DROPPED: return !incident;
	default: return true;
	}
}

static size_t prime_count(struct ui *ui)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	ui_want_related(ui, x);
	return 1 + items_listed(x) + related_listed(x);
}

static const char *prime_item(struct ui *ui)
{
	const struct action *a = reviewed(ui);
	const struct related_retro *r = related_here(ui);
	return a ? a->id : r ? r->id : NULL;
}

static bool prime_select(struct ui *ui, const char *id)
{
	struct earlier_items *x = ui_view_state(ui, STAGE_PRIME);
	const struct action *a = earlier_by_id(ui, id);
	if (a)
		ui->sel[STAGE_PRIME] = (size_t)(a - x->v) + 1;
	if (!a)
		ui_want_related(ui, x);
	for (size_t i = 0; !a && id && i < x->n_rel; i++)
		if (strcmp(x->rel[i].id, id) == 0) {
			ui->sel[STAGE_PRIME] = items_listed(x) + 1 + i;
			return true;
		}
	return a != NULL;
}

static void prime_label(struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	snprintf(buf, size, "the Prime Directive");
}

/* Its own state is the open items of other retrospectives, read when
 * drawn; they change with the retrospective opened, not with each reload
 * (the earlier incidents do, with its services and tags). */
static void prime_forget(struct ui *ui, void *state, bool reopened, bool gone)
{
	(void)ui;
	/* (The earlier incidents are read again when what they are found by
	 * changed: ui_want_related.) */
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
	.flags = VIEW_SHOWS_NO_NOTES,
	.add_prompt = &prime_prompt,
	.private_size = sizeof(struct earlier_items),
	.forget = prime_forget,
	.offers = prime_offers,
};
