/* Export of a retrospective's summary: Markdown, JSON, HTML, plain text.
 * Deterministic: the same retrospective gives the same bytes. */
#ifndef DEBRIEF_EXPORT_H
#define DEBRIEF_EXPORT_H

#include "debrief/error.h"
#include "debrief/model.h"
#include "debrief/store.h"
#include "debrief/text.h"

enum export_format { EXPORT_MD, EXPORT_JSON, EXPORT_HTML, EXPORT_TXT, EXPORT_FORMAT_COUNT };

/* "md", "markdown", "json", "html", "txt", "text"; -1 if none. */
int export_format_parse(const char *s);
/* The format a file name's extension names: EXPORT_MD without one, -1 for
 * an extension that is no format ("out.pdf"). */
int export_format_of_path(const char *path);
const char *export_format_name(enum export_format f); /* "md" */
const char *export_format_ext(enum export_format f);  /* ".md" */

/* Who the document is for: the team (everything), or readers outside it
 * (no notes, people by their role, an action item's owner as
 * "assigned"). */
enum export_profile { EXPORT_INTERNAL, EXPORT_EXTERNAL, EXPORT_PROFILE_COUNT };

/* "internal", "external"; -1 if neither. */
int export_profile_parse(const char *s);
const char *export_profile_name(enum export_profile p);

/* Renders doc in the format, appending to out. JSON needs the store (it is
 * produced by SQLite's JSON functions); the others only read doc. */
int export_render(struct store *st, const struct retro_doc *doc,
		  enum export_format f, struct strbuf *out, struct err *e);
/* The same for a profile (export_render's is internal). */
int export_render_as(struct store *st, const struct retro_doc *doc, enum export_format f,
		     enum export_profile p, struct strbuf *out, struct err *e);

/* Loads what the format needs from the store and renders it, appending to
 * out: for JSON that is only an outline (SQLite reads the rest as it
 * writes), so a long timeline is read once. */
int export_retro(struct store *st, const char *retro_id, enum export_format f,
		 enum export_profile p, struct strbuf *out, struct err *e);

/* Renders the retrospective and writes it to path: "-" (or NULL) is
 * standard output; a file is written whole to a temporary file beside it,
 * owner-only (0600), and renamed over it, so no reader sees half an export.
 * doc may be NULL: then what the format needs is loaded from the store. */
int export_to_file(struct store *st, const char *retro_id, const struct retro_doc *doc,
		   enum export_format f, const char *path, struct err *e);
/* The same for a profile (export_to_file's is internal). */
int export_to_file_as(struct store *st, const char *retro_id, const struct retro_doc *doc,
		      enum export_format f, enum export_profile p, const char *path, struct err *e);

#endif
