/* Export of a retrospective's summary: the formats, the entry points and
 * export_to_file(). The walk is export_walk.c, each format its own file
 * (export_md.c, export_txt.c, export_html.c, export_json.c).
 *
 * Markdown and plain text share one walk over the document (walk_doc),
 * which speaks to a small "sink": inline text is formatted by the sink as
 * it is added, and blocks (headings, paragraphs, tables, list items) are
 * laid out by it. HTML is the Markdown rendered by cmark-gfm in safe mode;
 * JSON comes from SQLite's JSON functions (store_json.c). Nothing here
 * depends on the locale, and nothing on the clock but the timeline's check
 * of events in the future (model_timeline_check), so the same
 * retrospective gives the same bytes. */
#include "debrief/export.h"
#include "export_sink.h"
#include "debrief/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- formats --- */

static const struct {
	const char *name, *alias, *ext;
} FORMATS[EXPORT_FORMAT_COUNT] = {
	[EXPORT_MD] = {"md", "markdown", ".md"},
	[EXPORT_JSON] = {"json", NULL, ".json"},
	[EXPORT_HTML] = {"html", "htm", ".html"},
	[EXPORT_TXT] = {"txt", "text", ".txt"},
};

int export_format_parse(const char *s)
{
	if (!s)
		return -1;
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
		if (strcasecmp(s, FORMATS[f].name) == 0 ||
		    (FORMATS[f].alias && strcasecmp(s, FORMATS[f].alias) == 0))
			return f;
	return -1;
}

int export_format_of_path(const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : path ? path : "";
	const char *dot = strrchr(base, '.');
	if (!dot || dot == base)
		return EXPORT_MD; /* no extension ("summary", ".hidden") */
	return export_format_parse(dot + 1);
}

const char *export_format_name(enum export_format f)
{
	return (unsigned)f < EXPORT_FORMAT_COUNT ? FORMATS[f].name : "";
}

const char *export_format_ext(enum export_format f)
{
	return (unsigned)f < EXPORT_FORMAT_COUNT ? FORMATS[f].ext : "";
}

static const char *const PROFILES[EXPORT_PROFILE_COUNT] = {
	[EXPORT_INTERNAL] = "internal",
	[EXPORT_EXTERNAL] = "external",
};

int export_profile_parse(const char *s)
{
	for (int p = 0; s && p < EXPORT_PROFILE_COUNT; p++)
		if (strcasecmp(s, PROFILES[p]) == 0)
			return p;
	return -1;
}

const char *export_profile_name(enum export_profile p)
{
	return (unsigned)p < EXPORT_PROFILE_COUNT ? PROFILES[p] : "";
}

/* --- entry points --- */

int export_render_as(struct store *st, const struct retro_doc *doc, enum export_format f,
		     enum export_profile p, struct strbuf *out, struct err *e)
{
	switch (f) {
	case EXPORT_MD:
		render_with(&MD_OPS, doc, p, out);
		return 0;
	case EXPORT_TXT:
		render_with(&TXT_OPS, doc, p, out);
		return 0;
	case EXPORT_HTML:
		return render_html(doc, p, out, e);
	case EXPORT_JSON:
		return render_json(st, doc, doc->n_events, p, out, e);
	case EXPORT_FORMAT_COUNT:
		break;
	}
	return err_set(e, "unknown export format");
}

int export_render(struct store *st, const struct retro_doc *doc,
		  enum export_format f, struct strbuf *out, struct err *e)
{
	return export_render_as(st, doc, f, EXPORT_INTERNAL, out, e);
}

int export_retro(struct store *st, const char *retro_id, enum export_format f,
		 enum export_profile p, struct strbuf *out, struct err *e)
{
	struct retro_doc doc;
	size_t n_events;
	int rc;
	if (f == EXPORT_JSON) {
		if (model_load_outline(st, retro_id, &doc, &n_events, e) != 0)
			return -1;
		rc = render_json(st, &doc, n_events, p, out, e);
	} else {
		if (model_load(st, retro_id, &doc, e) != 0)
			return -1;
		rc = export_render_as(st, &doc, f, p, out, e);
	}
	model_doc_free(&doc);
	return rc;
}

int export_to_file_as(struct store *st, const char *retro_id, const struct retro_doc *doc,
		      enum export_format f, enum export_profile p, const char *path, struct err *e)
{
	struct strbuf out = {0};
	int rc = doc ? export_render_as(st, doc, f, p, &out, e) : export_retro(st, retro_id, f, p, &out, e);
	if (rc == 0) {
		if (path && strcmp(path, "-") != 0)
			rc = file_write_atomic(path, sb_str(&out), out.len, e);
		else if (fwrite(sb_str(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0)
			rc = err_set(e, "cannot write the export to standard output");
	}
	sb_free(&out);
	return rc;
}

int export_to_file(struct store *st, const char *retro_id, const struct retro_doc *doc,
		   enum export_format f, const char *path, struct err *e)
{
	return export_to_file_as(st, retro_id, doc, f, EXPORT_INTERNAL, path, e);
}
