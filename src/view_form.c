/* Edit forms: every field of an event, an action item, a custom question or
 * the retrospective's details, one text field at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static char form_error[200];

_Static_assert(RTF_COUNT <= FORM_MAX_FIELDS && ACF_COUNT <= FORM_MAX_FIELDS &&
		       EVF_COUNT <= FORM_MAX_FIELDS,
	       "a form holds every field of its record");

static void add_field(struct form *f, const char *label, const char *hint, const char *value)
{
	size_t i = f->n++;
	f->labels[i] = label;
	f->hints[i] = hint;
	te_init(&f->fields[i], false);
	te_set(&f->fields[i], value ? value : "");
	f->lines[i] = 1;
	/* What the record said when the edit began, to notice someone else's
	 * change before saving over it. */
	f->orig[i] = xstrdup(te_text(&f->fields[i]));
}

/* The field just added is long text, shown on several rows. */
static void tall(struct form *f, int lines)
{
	f->lines[f->n - 1] = lines;
}

/* A field of several lines (what the meeting learned): its line breaks
 * are kept (pasted, or from $EDITOR with Ctrl-E). */
static void add_lines_field(struct form *f, const char *label, const char *hint, const char *value)
{
	add_field(f, label, hint, NULL);
	struct textedit *te = &f->fields[f->n - 1];
	te_free(te);
	te_init(te, true);
	te_set(te, value ? value : "");
	free(f->orig[f->n - 1]);
	f->orig[f->n - 1] = xstrdup(te_text(te));
	tall(f, 3);
}

/* A form's draft is a line a field: a field's own line breaks are kept in
 * it as DRAFT_BREAK (a control character, which no clean text holds). */
#define DRAFT_BREAK '\x1f'

static void draft_lines(char *s, char from, char to)
{
	for (; *s; s++)
		if (*s == from)
			*s = to;
}

static void draft_slot(const struct form *f, char *buf, size_t size)
{
	snprintf(buf, size, "form:%d:%s", (int)f->kind, f->record_id);
}

/* An edit interrupted by a crash comes back as it was typed. */
static void restore_draft(struct ui *ui, struct form *f)
{
	char slot[80], *draft = NULL;
	struct err e;
	draft_slot(f, slot, sizeof slot);
	(void)e;
	if (!(draft = ui_draft_get(ui, slot)))
		return;
	char *p = draft;
	for (size_t i = 0; i < f->n && p; i++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		draft_lines(p, DRAFT_BREAK, '\n');
		te_set(&f->fields[i], p);
		p = nl ? nl + 1 : NULL;
	}
	free(draft);
	ui_message(ui, false, "Restored an unsaved edit.");
}

static void save_form_draft(struct ui *ui)
{
	struct form *f = ui->form;
	char slot[80];
	struct err e;
	struct strbuf b = {0};
	draft_slot(f, slot, sizeof slot);
	for (size_t i = 0; i < f->n; i++) {
		size_t at = b.len + (i > 0);
		sb_printf(&b, "%s%s", i ? "\n" : "", te_text(&f->fields[i]));
		draft_lines(b.s + at, '\n', DRAFT_BREAK);
	}
	ui_saved(ui, ui_draft_put(ui, slot, b.s ? b.s : " ", &e) == 0, e.msg);
	sb_free(&b);
}

static void clear_form_draft(struct ui *ui)
{
	char slot[80];
	struct err e;
	draft_slot(ui->form, slot, sizeof slot);
	ui_draft_put(ui, slot, "", &e);
}

static struct form *form_new(enum form_kind kind, const char *title, const char *id)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->kind = kind;
	str_copy(f->title, sizeof f->title, title);
	str_copy(f->record_id, sizeof f->record_id, id);
	return f;
}

static void form_show(struct ui *ui, struct form *f)
{
	form_free(ui);
	form_error[0] = '\0';
	ui->form = f;
	restore_draft(ui, f);
	ui->dirty = DIRTY_ALL;
}

static struct form *build_event(const struct event *ev)
{
	struct form *f = form_new(FORM_EVENT, "Edit event", ev->id);
	char date[16], clock[16], off[16], when[64];
	instant_format_date(ev->time, date, sizeof date);
	instant_format(ev->time, when, sizeof when); /* "YYYY-MM-DD HH:MM:SS +HH:MM" */
	memcpy(clock, when + 11, 8);
	clock[8] = '\0';
	offset_format(ev->time.offset_min, off, sizeof off);
	snprintf(when, sizeof when, "%s %s%s", date, clock, off);
	add_field(f, "Time", "YYYY-MM-DD HH:MM[:SS][+HH:MM]", when);
	add_field(f, "Kind", "trigger impact-start alert detection page investigation escalation communication mitigation resolution impact-end other",
		  event_kind_name(ev->kind));
	add_field(f, "Mark", "went-well could-be-better lucky, or empty", event_mark_name(ev->mark));
	add_field(f, "What happened", NULL, ev->text);
	tall(f, 3);
	add_field(f, "Seen at", "where it was seen: a link to a graph, a log line; or empty", ev->source);
	add_field(f, "Known then", "yes, or no: learned only afterwards", ev->unknown_then ? "no" : "yes");
	return f;
}

static struct form *build_action(const struct action *a)
{
	struct form *f = form_new(FORM_ACTION, "Edit action item", a->id);
	add_field(f, "Action", NULL, a->title);
	tall(f, 2);
	add_field(f, "Owner", "required before the meeting closes", a->owner);
	add_field(f, "Due", "YYYY-MM-DD, or empty", a->due);
	add_field(f, "Type", "prevent detect mitigate process", action_type_name(a->type));
	add_field(f, "Priority", "P1 P2 P3 P4", priority_name(a->priority));
	add_field(f, "Status", "open done dropped", action_status_name(a->status));
	add_field(f, "Tracker", "a ticket reference, e.g. PAY-812", a->tracker_ref);
	return f;
}

static struct form *build_question(const struct question *q)
{
	struct form *f = form_new(FORM_QUESTION, "Edit question", q->id);
	add_field(f, "Question", NULL, q->title);
	tall(f, 3);
	return f;
}

/* (The labels short enough for the form's column.) */
static const char *const LEARNING_LABELS[LEARN_COUNT] = {"Summary", "Factors", "Lessons", "Links"};
static const char *const LEARNING_HINTS[LEARN_COUNT] = {
	"what happened, in two or three sentences (Ctrl-E: in $EDITOR)",
	"contributing factors, one a line; a time (09:42) links the event (Ctrl-E: $EDITOR)",
	"lessons learned, one a line (Ctrl-E: in $EDITOR)",
	"one a line: a label, then its address (Ctrl-E: in $EDITOR)",
};

static struct form *build_details(const struct retro *r, bool attendance_only)
{
	struct form *f = form_new(attendance_only ? FORM_ATTENDANCE : FORM_DETAILS,
				  attendance_only ? "Who is here" : "Details of the retrospective", r->id);
	if (!attendance_only) {
		add_field(f, "Title", NULL, r->title);
		tall(f, 2);
		add_field(f, "Incident", "a reference, e.g. INC-4127", r->incident_ref);
		add_field(f, "Severity", "e.g. SEV2", r->severity);
		add_field(f, "Incident date", "YYYY-MM-DD", r->incident_date);
		add_field(f, "Customer impact", NULL, r->impact);
		tall(f, 3);
		add_field(f, "Trigger", NULL, r->trigger);
		tall(f, 3);
	}
	add_field(f, "Facilitator", NULL, r->facilitator);
	add_field(f, "Scribe", NULL, r->scribe);
	add_field(f, "Participants", "names separated by commas", r->participants);
	tall(f, 2);
	if (!attendance_only) {
		add_field(f, "Services", "affected, separated by commas: payments-api, checkout", r->services);
		add_field(f, "Tags", "separated by commas, e.g. config, database", r->tags);
		for (int l = 0; l < LEARN_COUNT; l++)
			add_lines_field(f, LEARNING_LABELS[l], LEARNING_HINTS[l],
					model_learning_text(r, (enum learning)l));
	}
	return f;
}

void form_open_event(struct ui *ui, const struct event *ev)
{
	form_show(ui, build_event(ev));
}

void form_open_action(struct ui *ui, const struct action *a)
{
	form_show(ui, build_action(a));
}

void form_open_question(struct ui *ui, const struct question *q)
{
	form_show(ui, build_question(q));
}

void form_open_details(struct ui *ui, bool attendance_only)
{
	form_show(ui, build_details(&ui->doc.retro, attendance_only));
}

void form_open_details_at(struct ui *ui, size_t field)
{
	struct form *f = build_details(&ui->doc.retro, false);
	if (field < f->n)
		f->cur = field;
	form_show(ui, f);
}

/* The same form built from the record as it is now; NULL if it is gone. */
static struct form *build_current(struct ui *ui, const struct form *f)
{
	const struct event *ev;
	const struct action *a;
	const struct question *q;
	switch (f->kind) {
	case FORM_EVENT:
		return (ev = doc_event(&ui->doc, f->record_id)) ? build_event(ev) : NULL;
	case FORM_ACTION:
		return (a = doc_action(&ui->doc, f->record_id)) ? build_action(a) : NULL;
	case FORM_QUESTION:
		return (q = doc_question(&ui->doc, f->record_id)) ? build_question(q) : NULL;
	case FORM_DETAILS:
	case FORM_ATTENDANCE:
		return build_details(&ui->doc.retro, f->kind == FORM_ATTENDANCE);
	}
	return NULL;
}

static void form_destroy(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		te_free(&f->fields[i]);
		free(f->orig[i]);
	}
	sb_free(&f->view.shown);
	free(f);
}

/* Did someone else change the record while this form was open? Then say
 * which field, take their values as the new starting point, and let a
 * second Enter save over them knowingly. */
static bool changed_meanwhile(struct ui *ui, struct form *f)
{
	struct form *cur = build_current(ui, f);
	if (!cur)
		return false; /* the save itself reports that it is gone */
	size_t which = f->n;
	for (size_t i = 0; i < f->n && i < cur->n; i++) {
		if (strcmp(f->orig[i], cur->orig[i]) != 0) {
			if (which == f->n)
				which = i;
			free(f->orig[i]);
			f->orig[i] = xstrdup(cur->orig[i]);
		}
	}
	if (which < f->n)
		str_format(form_error, sizeof form_error,
			   "Someone else changed %s meanwhile (now: %s). Enter saves yours over it; Esc drops yours.",
			   f->labels[which], f->orig[which][0] ? f->orig[which] : "empty");
	form_destroy(cur);
	return which < f->n;
}

void form_free(struct ui *ui)
{
	if (!ui->form)
		return;
	form_destroy(ui->form);
	ui->form = NULL;
}

/* A field not being typed into: its beginning, on its rows, and "…"
 * where it goes on. */
static void draw_field_start(int y, int x, int width, int lines, struct textedit *te)
{
	const char *s = te_text(te);
	unsigned attr = term_attr(LOOK_NORMAL);
	if (lines <= 1) {
		draw_text_fit(y, x, width, s, attr);
		return;
	}
	const struct te_laid *r;
	size_t n = te_layout(te, width, &r);
	for (int i = 0; i < lines && (size_t)i < n; i++) {
		if (i == lines - 1 && (size_t)lines < n)
			draw_text_fit(y + i, x, width, s + r[i].row.start, attr);
		else
			draw_textn(y + i, x, width, s + r[i].row.start, r[i].row.end - r[i].row.start, attr);
	}
}

/* The fields shown: from the first that keeps the current one on screen,
 * as many as fit in `room` rows. */
static size_t first_shown(const struct form *f, int room)
{
	size_t first = 0;
	for (;;) {
		int used = 0;
		for (size_t i = first; i <= f->cur; i++)
			used += f->lines[i];
		if (used <= room || first == f->cur)
			return first;
		first++;
	}
}

void form_draw(struct ui *ui)
{
	struct form *f = ui->form;
	int w = ui->cols - 4 < 90 ? ui->cols - 4 : 90;
	int h = 5;
	for (size_t i = 0; i < f->n; i++)
		h += f->lines[i];
	int top, left;
	h = draw_dialog(ui->rows, ui->cols, h, w, &top, &left);
	char title[96];
	snprintf(title, sizeof title, " %s ", f->title);
	draw_text_fit(top, left + 2, w - 4, title, term_attr(LOOK_TITLE));
	int label_w = 17, fx = left + 2 + label_w, fw = w - label_w - 4;
	f->field_w = fw;
	int room = h - 5, y = top + 2;
	f->view.valid = false; /* the form is drawn whole */
	for (size_t i = first_shown(f, room); i < f->n && y + f->lines[i] <= top + 2 + room; i++) {
		bool cur = i == f->cur;
		draw_text(y, left + 2, label_w, f->labels[i], term_attr(cur ? LOOK_TITLE : LOOK_DIM));
		if (cur)
			draw_input_rows(&f->view, y, fx, fw, f->lines[i], &f->fields[i],
					term_attr(LOOK_SELECTED), &ui->cursor_y, &ui->cursor_x);
		else
			draw_field_start(y, fx, fw, f->lines[i], &f->fields[i]);
		y += f->lines[i];
	}
	int hy = top + h - 2;
	if (form_error[0])
		draw_text_fit(hy, left + 2, w - 4, form_error, term_attr(LOOK_ERROR));
	else if (f->hints[f->cur])
		draw_text_fit(hy, left + 2, w - 4, f->hints[f->cur], term_attr(LOOK_DIM));
	else {
		struct strbuf hint = {0};
		keymap_hint(SCOPE_FORM, &hint); /* "Tab: next field · Enter: save ..." */
		draw_text_fit(hy, left + 2, w - 4, hint.s ? hint.s : "", term_attr(LOOK_DIM));
		sb_free(&hint);
	}
}

static const char *field(struct form *f, size_t i)
{
	return te_text(&f->fields[i]);
}

static int fail_at(struct form *f, size_t i, const char *fmt, const char *value)
{
	f->cur = i;
	str_format(form_error, sizeof form_error, fmt, value);
	return -1;
}

/* The model checks every rule; the form shows its verdict on the field at
 * fault and puts the cursor there. */
static int show_fault(struct form *f, size_t base, const struct field_err *fe)
{
	size_t i = fe->field >= 0 ? (size_t)fe->field - base : f->cur;
	return fail_at(f, i < f->n ? i : f->cur, "%s", fe->msg);
}

static int save_event(struct ui *ui, struct form *f, struct err *e)
{
	const struct event *before = doc_event(&ui->doc, f->record_id);
	if (!before)
		return err_set(e, "this event was deleted meanwhile");
	struct event after;
	event_copy(&after, before);
	const char *v[EVF_COUNT];
	for (size_t i = 0; i < EVF_COUNT; i++)
		v[i] = field(f, i);
	struct field_err fe;
	int rc = model_event_from_fields(&after, v, &fe);
	if (rc != 0)
		show_fault(f, 0, &fe);
	else if ((rc = model_update_event(ui->st, &ui->undo, ui->doc.retro.id, before, &after, e)) != 0)
		fail_at(f, f->cur, "%s", e->msg);
	event_free(&after);
	return rc;
}

static int save_action(struct ui *ui, struct form *f, struct err *e)
{
	const struct action *before = doc_action(&ui->doc, f->record_id);
	if (!before)
		return err_set(e, "this action item was deleted meanwhile");
	struct action after;
	action_copy(&after, before);
	const char *v[ACF_COUNT];
	for (size_t i = 0; i < ACF_COUNT; i++)
		v[i] = field(f, i);
	struct field_err fe;
	int rc = model_action_from_fields(&ui->doc, &after, v, &fe);
	if (rc != 0)
		show_fault(f, 0, &fe);
	else if ((rc = model_update_action(ui->st, &ui->undo, ui->doc.retro.id, before, &after, e)) != 0)
		fail_at(f, f->cur, "%s", e->msg);
	action_free(&after);
	return rc;
}

static int save_details(struct ui *ui, struct form *f, struct err *e)
{
	struct retro after;
	retro_copy(&after, &ui->doc.retro);
	/* The attendance form holds only the three fields of people. */
	size_t base = f->kind == FORM_ATTENDANCE ? RTF_FAC : 0;
	const char *v[RTF_COUNT] = {0};
	for (size_t i = base; i < RTF_COUNT && i - base < f->n; i++)
		v[i] = field(f, i - base);
	struct field_err fe;
	int rc = model_retro_from_fields(&after, v, &fe);
	if (rc != 0)
		show_fault(f, base, &fe);
	else if ((rc = model_update_retro(ui->st, &ui->undo, &ui->doc.retro, &after, e)) != 0)
		fail_at(f, f->cur, "%s", e->msg);
	retro_free(&after);
	return rc;
}

static int save_question(struct ui *ui, struct form *f, struct err *e)
{
	const struct question *q = doc_question(&ui->doc, f->record_id);
	if (!q)
		return err_set(e, "this question was deleted meanwhile");
	/* A question keeps its id and notes: only its words change. */
	char *title = model_clean_field("the question", field(f, 0), false, e);
	if (!title)
		return fail_at(f, 0, "%s", e->msg);
	int rc = model_rename_question(ui->st, &ui->undo, &ui->doc, q->id, title, e);
	free(title);
	if (rc != 0)
		fail_at(f, 0, "%s", e->msg);
	return rc;
}

static void form_save(struct ui *ui)
{
	struct form *f = ui->form;
	struct err e = {0};
	int rc;
	form_error[0] = '\0';
	if (changed_meanwhile(ui, f)) {
		ui->dirty = DIRTY_ALL;
		return;
	}
	switch (f->kind) {
	case FORM_EVENT: rc = save_event(ui, f, &e); break;
	case FORM_ACTION: rc = save_action(ui, f, &e); break;
	case FORM_QUESTION: rc = save_question(ui, f, &e); break;
	default: rc = save_details(ui, f, &e); break;
	}
	if (rc == ST_CONFLICT) {
		/* Someone saved first and this screen had not caught up yet: catch
		 * up now, and say what they changed; Enter again overwrites. */
		ui_reload(ui);
		if (ui->form == f && !changed_meanwhile(ui, f))
			str_copy(form_error, sizeof form_error, e.msg);
		ui->dirty = DIRTY_ALL;
		return;
	}
	if (rc != 0) {
		if (!form_error[0])
			str_copy(form_error, sizeof form_error, e.msg);
		ui->dirty = DIRTY_ALL;
		return;
	}
	clear_form_draft(ui);
	form_free(ui);
	ui_reload(ui);
	ui_message(ui, false, "Saved. %s undoes it.", keymap_key_for(SCOPE_STAGES, ACT_UNDO));
}

/* Ctrl-E: the field in $EDITOR, for a long text; lines become one. */
static void form_editor(struct ui *ui)
{
	struct form *f = ui->form;
	struct textedit *te = &f->fields[f->cur];
	char path[512];
	char *data = ui_editor_run(ui, "field", te_text(te), path, sizeof path);
	if (!data)
		return;
	size_t n = strlen(data);
	while (n && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		data[--n] = '\0'; /* the newline an editor ends its file with */
	size_t limit = te->max_bytes ? te->max_bytes : TE_DEFAULT_MAX_BYTES;
	bool keep = n > limit;
	if (keep) {
		ui_message(ui, true, "%s takes at most %zu bytes; the text is kept in %s",
			   f->labels[f->cur], limit, path);
	} else {
		te_set(te, data);
		save_form_draft(ui);
		form_error[0] = '\0';
		ui_message(ui, false, "%s taken from the editor; Enter saves the form.", f->labels[f->cur]);
	}
	free(data);
	ui_editor_done(path, keep);
}

bool form_key(struct ui *ui, enum term_input kind, int key)
{
	struct form *f = ui->form;
	switch (keymap_lookup(SCOPE_FORM, key, kind == TERM_CODE)) {
	case ACT_CANCEL:
		clear_form_draft(ui);
		form_free(ui);
		ui->dirty = DIRTY_ALL;
		ui_message(ui, false, "Nothing changed.");
		return true;
	case ACT_SUBMIT:
		form_save(ui);
		return true;
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD: {
		bool next = keymap_lookup(SCOPE_FORM, key, kind == TERM_CODE) == ACT_NEXT_FIELD;
		/* Down and Up move within a long field's rows first. */
		enum ui_key k = ui_key_of(kind, key);
		if ((k == UI_KEY_UP || k == UI_KEY_DOWN) && f->lines[f->cur] > 1 &&
		    te_move_row(&f->fields[f->cur], f->field_w, next) != TE_UNCHANGED) {
			ui->dirty = DIRTY_ALL;
			return true;
		}
		f->cur = (f->cur + (next ? 1 : f->n - 1)) % f->n;
		ui->dirty = DIRTY_ALL;
		return true;
	}
	case ACT_NOTE_EDITOR:
		form_editor(ui);
		return true;
	default:
		break;
	}
	bool changed;
	if (ui_edit_key(&f->fields[f->cur], kind, key, &changed)) {
		if (changed) {
			save_form_draft(ui);
			form_error[0] = '\0';
		}
		ui->dirty = DIRTY_ALL;
		return true;
	}
	return false;
}

bool form_layer_key(struct ui *ui, enum term_input kind, int key)
{
	form_key(ui, kind, key);
	return true;
}
