/* Stage 5: thanks, attendance, a preview of the summary, export and
 * closing the retrospective. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <strings.h>

#include "debrief/export.h"
#include "debrief/paths.h"
#include "ui_internal.h"

/* The Close stage's own state: the summary preview, built when the stage
 * is drawn and kept until the retrospective changes; and the step `a`
 * adds to (the one highlighted when its line was opened). */
struct close_state {
	char *preview;
	size_t *starts, n_lines; /* where each of its lines starts: read once */
	enum learning adding;
};

/* The selection: the steps of what was learned first (LEARN_COUNT rows),
 * then the preview's lines, which moving past the steps scrolls. */
static bool on_step(struct ui *ui)
{
	return ui->sel[STAGE_CLOSE] < LEARN_COUNT;
}

static const char *preview(struct ui *ui)
{
	struct close_state *cs = ui_view_state(ui, STAGE_CLOSE);
	if (!cs->preview) {
		struct strbuf b = {0};
		struct err e = {0};
		if (export_render(ui->st, &ui->doc, EXPORT_TXT, &b, &e) != 0) {
			sb_free(&b);
			sb_printf(&b, "(the preview failed: %s)", e.msg);
		}
		cs->preview = sb_take(&b);
		ui->builds++;
		size_t cap = 64;
		cs->starts = xmalloc(cap * sizeof *cs->starts);
		cs->starts[0] = 0;
		cs->n_lines = 1;
		for (const char *p = cs->preview; (p = strchr(p, '\n')) != NULL;) {
			if (cs->n_lines == cap)
				cs->starts = xrealloc(cs->starts, (cap *= 2) * sizeof *cs->starts);
			cs->starts[cs->n_lines++] = (size_t)(++p - cs->preview);
		}
	}
	return cs->preview;
}

static size_t preview_lines(struct ui *ui)
{
	struct close_state *cs = ui_view_state(ui, STAGE_CLOSE);
	preview(ui);
	return cs->n_lines;
}

static void close_forget(struct ui *ui, void *state, bool reopened, bool gone)
{
	struct close_state *cs = state;
	(void)ui, (void)reopened, (void)gone;
	free(cs->preview);
	free(cs->starts);
	cs->preview = NULL;
	cs->starts = NULL;
	cs->n_lines = 0;
}

/* The steps, then the preview, with the usual movement keys. */
static size_t close_count(struct ui *ui)
{
	return LEARN_COUNT + preview_lines(ui);
}

/* A step's row: its title, and its first line and how many lines it
 * has, or that it is not written yet. */
static void draw_step(struct ui *ui, int y, int left, int width, enum learning l)
{
	bool sel = ui->sel[STAGE_CLOSE] == (size_t)l;
	unsigned attr = term_attr(sel ? LOOK_SELECTED : LOOK_NORMAL);
	if (sel)
		draw_fill(y, left, width, attr);
	draw_text(y, left + 1, 22, model_learning_title(l), sel ? attr : term_attr(LOOK_TITLE));
	int x = left + 24;
	const char *text = model_learning_text(&ui->doc.retro, l);
	if (!text) {
		draw_text_fit(y, x, left + width - x, "not written yet", sel ? attr : term_attr(LOOK_DIM));
		return;
	}
	size_t lines = 1, first = strcspn(text, "\n");
	for (const char *p = text; *p; p++)
		lines += *p == '\n' && p[1] && p[1] != '\n';
	char count[32] = "";
	if (lines > 1)
		snprintf(count, sizeof count, "  (%zu lines)", lines);
	int room = left + width - x - text_width(count) - 1;
	struct strbuf line = {0};
	sb_add(&line, text, first);
	draw_text_fit(y, x, room > 8 ? room : left + width - x, sb_str(&line), attr);
	sb_free(&line);
	if (room > 8)
		draw_text(y, left + width - text_width(count) - 1, text_width(count) + 1, count,
			  sel ? attr : term_attr(LOOK_DIM));
}

static void close_draw(struct ui *ui, int top, int left, int height, int width)
{
	const struct retro *r = &ui->doc.retro;
	int y = top;
	size_t owners_missing = 0;
	for (size_t i = 0; i < ui->doc.n_actions; i++)
		owners_missing += ui->doc.actions[i].owner == NULL;
	draw_centred(y++, left, width,
		     r->status == RETRO_CLOSED ? "This retrospective is closed. Thank you, everyone."
					      : "Thank you, everyone, for your time and your candour.",
		     term_attr(LOOK_TITLE));
	char line[512];
	snprintf(line, sizeof line, "Facilitator %s · scribe %s · %s", r->facilitator ? r->facilitator : "–",
		 r->scribe ? r->scribe : "–", r->participants ? r->participants : "no participants listed");
	y += draw_wrapped(y, left + 2, width - 4, 3, line, 0, term_attr(LOOK_NORMAL));
	size_t parked = model_parked_waiting(&ui->doc);
	bool unchecked = ui->tl.state == TIMELINE_UNCHECKED;
	int ln = snprintf(line, sizeof line, "%zu events · %zu notes · %zu action items", ui->doc.n_events,
			 ui->doc.n_notes, ui->doc.n_actions);
	if (parked && ln > 0 && (size_t)ln < sizeof line)
		snprintf(line + ln, sizeof line - (size_t)ln, " · %zu idea%s parked", parked,
			 parked == 1 ? "" : "s");
	if (owners_missing || unchecked)
		strncat(line, " · ", sizeof line - strlen(line) - 1);
	int w = text_width(line);
	/* What closing will ask about stands out. */
	char warn[96] = "";
	if (owners_missing)
		snprintf(warn, sizeof warn, "%zu without an owner%s", owners_missing,
			 unchecked ? " · timeline unchecked" : "");
	else if (unchecked)
		snprintf(warn, sizeof warn, "timeline unchecked%s",
			 ui->doc.n_actions == 0 ? " · no action items yet" : "");
	else if (ui->doc.n_actions == 0)
		snprintf(warn, sizeof warn, " · no action items yet");
	int total = w + text_width(warn);
	if (total > width && warn[0]) { /* the warning on a row of its own */
		static const char dot[] = " · ";
		size_t len = strlen(line), d = strlen(dot);
		if (len >= d && strcmp(line + len - d, dot) == 0)
			line[len - d] = '\0';
		draw_centred(y++, left, width, line, term_attr(LOOK_NORMAL));
		draw_centred(y++, left, width, strncmp(warn, dot, d) == 0 ? warn + d : warn,
			     term_attr(LOOK_ERROR));
	} else {
		int x = left + (total < width ? (width - total) / 2 : 0);
		x += draw_text(y, x, width, line, term_attr(LOOK_NORMAL));
		draw_text(y++, x, left + width - x, warn, term_attr(LOOK_ERROR));
	}
	y++;
	if (y >= top + height)
		return;
	if (on_step(ui)) { /* (scrolled away with the preview) */
		char what[160];
		snprintf(what, sizeof what, "What the meeting learned (%s adds a line to the step · %s edits it)",
			 keymap_key_for(SCOPE_CLOSE, ACT_ADD), keymap_key_for(SCOPE_CLOSE, ACT_EDIT));
		draw_text_fit(y++, left + 1, width - 1, ui->read_only ? "What the meeting learned" : what,
			      term_attr(LOOK_DIM));
		for (int l = 0; l < LEARN_COUNT && y < top + height; l++)
			draw_step(ui, y++, left + 1, width - 2, (enum learning)l);
		y++;
	}
	if (y >= top + height)
		return;
	{
		/* The keys named from the table: C, or R once it is closed. */
		bool closed = ui->doc.retro.status == RETRO_CLOSED;
		char what[128];
		int n = snprintf(what, sizeof what, "Summary preview (%s/%s scroll · %s export",
				 keymap_key_for(SCOPE_CLOSE, ACT_DOWN), keymap_key_for(SCOPE_CLOSE, ACT_UP),
				 keymap_key_for(SCOPE_STAGES, ACT_EXPORT));
		if (!ui->read_only && n > 0 && (size_t)n < sizeof what) /* a viewer closes nothing */
			snprintf(what + n, sizeof what - (size_t)n, " · %s %s",
				 keymap_key_for(SCOPE_CLOSE, closed ? ACT_REOPEN_RETRO : ACT_CLOSE_RETRO),
				 closed ? "reopens it" : "closes the retrospective");
		strncat(what, ")", sizeof what - strlen(what) - 1);
		draw_text_fit(y++, left + 1, width - 1, what, term_attr(LOOK_DIM));
	}
	size_t n = close_count(ui);
	if (ui->sel[STAGE_CLOSE] >= n) /* the summary got shorter */
		ui->sel[STAGE_CLOSE] = n - 1;
	size_t first = on_step(ui) ? 0 : ui->sel[STAGE_CLOSE] - LEARN_COUNT;
	struct close_state *cs = ui_view_state(ui, STAGE_CLOSE);
	const char *p = preview(ui) + cs->starts[first < cs->n_lines ? first : cs->n_lines - 1];
	while (p && *p && y < top + height) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		draw_textn(y++, left + 2, width - 3, p, len, term_attr(LOOK_NORMAL));
		p = nl ? nl + 1 : NULL;
	}
}

/* The name part: from the incident's reference or the title, and ext. */
static void name_from_title(struct ui *ui, char *buf, size_t size, const char *ext)
{
	const struct retro *r = &ui->doc.retro;
	const char *src = r->incident_ref && *r->incident_ref ? r->incident_ref : r->title;
	size_t k = 0;
	for (const char *p = src; *p && k + 4 < size && k < 48; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[k++] = c;
		else if (c >= 'A' && c <= 'Z')
			buf[k++] = (char)(c + 32);
		else if (k > 0 && buf[k - 1] != '-')
			buf[k++] = '-';
	}
	while (k > 0 && buf[k - 1] == '-')
		k--;
	if (k == 0)
		k = (size_t)snprintf(buf, size, "retrospective");
	snprintf(buf + k, size - k, "%s", ext);
}

/* A file name for the export from the incident or the title, in the
 * settings' folder and format (export-dir, export-format) if they say. */
static void default_export_name(struct ui *ui, char *buf, size_t size)
{
	const char *dir = ui->opt && ui->opt->export_dir ? ui->opt->export_dir : "";
	int fmt = ui->opt ? ui->opt->export_format : -1;
	size_t at = 0;
	if (*dir) {
		at = (size_t)snprintf(buf, size, "%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
		if (at >= size / 2)
			at = 0; /* a folder too long to offer: the name alone */
	}
	name_from_title(ui, buf + at, size - at, fmt < 0 ? ".md" : export_format_ext((enum export_format)fmt));
}

/* The export waiting for "replace it? y/n" (one screen, one question). */
static struct {
	char path[4096];
	enum export_format format;
} asked;

static bool export_now(struct ui *ui, const char *path, enum export_format f)
{
	struct err e = {0};
	if (export_to_file(ui->st, ui->doc.retro.id, &ui->doc, f, path, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return false;
	}
	/* Say where it went: the folder debrief was started in is easy to
	 * forget in the middle of a meeting. */
	struct strbuf full = {0};
	paths_expand_home(path, &full);
	char *real = realpath(sb_str(&full), NULL);
	ui_message(ui, false, "Exported the summary to %s (%s).", real ? real : sb_str(&full),
		   export_format_name(f));
	free(real);
	sb_free(&full);
	return true;
}

static void replace_yes(struct ui *ui, const struct ui_target *t)
{
	(void)t;
	export_now(ui, asked.path, asked.format);
}

/* Enter on the export prompt: the file named (its extension picks the
 * format; "~" is home); a name that fails keeps the prompt open to correct
 * it, and a file already there is replaced only after asking. */
static unsigned export_submit(struct ui *ui, const char *path, char select[ID_LEN])
{
	(void)select;
	if (strcmp(path, "-") == 0) { /* standard output is this screen */
		ui_message(ui, true, "Export needs a file name here (- is for the command line).");
		return VIEW_KEEP_OPEN;
	}
	int f = export_format_of_path(path);
	size_t len = strlen(path);
	if (f < 0 && len > 4 && strcasecmp(path + len - 4, ".pdf") == 0) {
		ui_message(ui, true, "No PDF of its own: export .html and print that to PDF.");
		return VIEW_KEEP_OPEN;
	}
	if (f < 0) {
		ui_message(ui, true, "That extension is no format: .md .json .html or .txt.");
		return VIEW_KEEP_OPEN; /* with the name, to correct it */
	}
	struct strbuf full = {0};
	paths_expand_home(path, &full);
	/* The settings' export folder is made when it is not there yet
	 * (owner-only, as the exports are); any other must exist. */
	const char *dir = ui->opt && ui->opt->export_dir ? ui->opt->export_dir : "";
	size_t dl = strlen(dir);
	struct err e = {0};
	if (dl && strncmp(path, dir, dl) == 0 && (path[dl] == '/' || dir[dl - 1] == '/') &&
	    paths_make_parents(sb_str(&full), &e) != 0) {
		sb_free(&full);
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	struct stat sb;
	bool there = stat(sb_str(&full), &sb) == 0 && S_ISREG(sb.st_mode);
	sb_free(&full);
	if (there) {
		str_copy(asked.path, sizeof asked.path, path);
		asked.format = (enum export_format)f;
		ui_ask(ui, replace_yes, NULL, "%.200s is already there. Replace it? y/n", path);
		return VIEW_HANDLED;
	}
	return export_now(ui, path, (enum export_format)f) ? VIEW_HANDLED : VIEW_KEEP_OPEN;
}

static const struct prompt_ops export_prompt = {
	.label = "Export to",
	.hint = "the extension picks the format: .md .json .html .txt",
	.submit = export_submit,
};

/* `x`, from any stage. */
static unsigned export_open(struct ui *ui)
{
	char name[1024];
	default_export_name(ui, name, sizeof name);
	ui_open_prompt(ui, &export_prompt, NULL, name);
	return VIEW_HANDLED;
}

static const struct view_command close_everywhere[] = {
	{ACT_EXPORT, export_open},
	{ACT_NONE, NULL},
};

static void close_yes(struct ui *ui, const struct ui_target *t)
{
	(void)t;
	struct err e = {0};
	if (model_set_status(ui->st, ui->doc.retro.id, RETRO_CLOSED, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui_reload(ui);
	ui_message(ui, false, "Closed. Thank you all. %s exports the summary; %s quits.",
		   keymap_key_for(SCOPE_CLOSE, ACT_EXPORT), keymap_key_for(SCOPE_CLOSE, ACT_QUIT));
}

static void reopen_yes(struct ui *ui, const struct ui_target *t)
{
	(void)t;
	struct err e = {0};
	if (ui_report(ui, model_set_status(ui->st, ui->doc.retro.id, RETRO_IN_PROGRESS, &e), &e,
		      "Reopened: every change can be made again."))
		ui_save_position(ui);
}

/* Enter on `a`'s line: the line added to the step it was opened on (a
 * new paragraph of the summary, a new item of the others). */
static unsigned close_add_line(struct ui *ui, const char *line, char select[ID_LEN])
{
	(void)select;
	struct close_state *cs = ui_view_state(ui, STAGE_CLOSE);
	enum learning l = cs->adding;
	const char *now = model_learning_text(&ui->doc.retro, l);
	struct strbuf b = {0};
	if (now)
		sb_printf(&b, "%s%s", now, l == LEARN_SUMMARY ? "\n\n" : "\n");
	sb_puts(&b, line);
	struct err e = {0};
	int rc = model_set_learning(ui->st, &ui->undo, &ui->doc.retro, l, sb_str(&b), &e);
	sb_free(&b);
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return VIEW_KEEP_OPEN;
	}
	ui_message(ui, false, "Added to %s. %s takes it back.", model_learning_title(l),
		   keymap_key_for(SCOPE_STAGES, ACT_UNDO));
	return VIEW_HANDLED | VIEW_RELOAD;
}

static const char *const ADD_LABELS[LEARN_COUNT] = {
	"Add to the summary", "Add a contributing factor", "Add a lesson", "Add a link",
};
static const char *const ADD_HINTS[LEARN_COUNT] = {
	"a sentence or a paragraph",
	"one factor; a time such as 09:42 links the event at that time",
	"one lesson learned",
	"a label, then its address: Runbook https://wiki.example.com/rb",
};

static struct prompt_ops add_prompt = {
	.slot = "quick-add:learned",
	.submit = close_add_line,
};

static unsigned close_request(struct ui *ui, enum command act)
{
	if (act == ACT_ADD || act == ACT_EDIT) {
		if (!on_step(ui)) {
			ui_message(ui, false, "Move up to a step (%s...) to %s it.", model_learning_title(0),
				   act == ACT_ADD ? "add to" : "edit");
			return VIEW_HANDLED;
		}
		enum learning l = (enum learning)ui->sel[STAGE_CLOSE];
		if (act == ACT_EDIT) {
			form_open_details_at(ui, RTF_SUMMARY + (size_t)l);
			return VIEW_HANDLED;
		}
		struct close_state *cs = ui_view_state(ui, STAGE_CLOSE);
		cs->adding = l;
		add_prompt.label = ADD_LABELS[l];
		add_prompt.hint = ADD_HINTS[l];
		ui_open_prompt(ui, &add_prompt, NULL, NULL);
		return VIEW_HANDLED;
	}
	if (act == ACT_REOPEN_RETRO) {
		if (ui->doc.retro.status != RETRO_CLOSED)
			ui_message(ui, false, "It is open.");
		else
			ui_ask(ui, reopen_yes, NULL, "Reopen this retrospective? y/n");
		return VIEW_HANDLED;
	}
	if (act != ACT_CLOSE_RETRO)
		return VIEW_IGNORED;
	struct closing_check c;
	char warn[160];
	model_closing_check(&ui->doc, &c);
	if (ui->doc.retro.status == RETRO_CLOSED)
		ui_message(ui, false, "It is closed already.");
	else if (model_closing_warning(&c, warn, sizeof warn))
		ui_ask(ui, close_yes, NULL, "%s Close anyway? y/n", warn);
	else
		close_yes(ui, NULL);
	return VIEW_HANDLED;
}

static void close_label(struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	snprintf(buf, size, "the close");
}

static void close_anchor(struct ui *ui, struct note *n)
{
	(void)ui;
	n->stage = STAGE_CLOSE;
}

/* The step highlighted, as the place the others follow: "close:factors"
 * (the preview's lines are nobody's item). */
static const char *close_item(struct ui *ui)
{
	static char id[ID_LEN];
	if (!on_step(ui))
		return NULL;
	snprintf(id, sizeof id, "close:%s", model_learning_name((enum learning)ui->sel[STAGE_CLOSE]));
	return id;
}

static bool close_select(struct ui *ui, const char *id)
{
	if (!id || strncmp(id, "close:", 6) != 0)
		return false;
	for (int l = 0; l < LEARN_COUNT; l++)
		if (strcmp(id + 6, model_learning_name((enum learning)l)) == 0) {
			ui->sel[STAGE_CLOSE] = (size_t)l;
			return true;
		}
	return false;
}

const struct view_ops view_close_ops = {
	.title = "Close",
	.scope = SCOPE_CLOSE,
	.flags = VIEW_COUNT_WHEN_SHOWN | VIEW_SCROLLS,
	.private_size = sizeof(struct close_state),
	.forget = close_forget,
	.draw = close_draw,
	.request = close_request,
	.count = close_count,
	.item_id = close_item,
	.select_id = close_select,
	.item_label = close_label,
	.anchor = close_anchor,
	.everywhere = close_everywhere,
};
