/* Inside the exports: the sink interface the document walk speaks to,
 * and what the formats share. Not for use outside src/export*.c. */
#ifndef DEBRIEF_EXPORT_SINK_H
#define DEBRIEF_EXPORT_SINK_H

#include "debrief/export.h"

#define TXT_WIDTH 76

/* --- the sink --- */

enum style {
	ST_TEXT,   /* user text: escaped, may hold several lines */
	ST_PROSE,  /* user text that may be paragraphs and a list: as ST_TEXT,
		    * but a line that starts "- ", "* ", "+ " or "• " is a
		    * list item (a note is never read as Markdown otherwise) */
	ST_MID,    /* user text of one line, going on a line begun before */
	ST_LIT,    /* our own words, known to need no escaping */
	ST_STRONG, /* our own emphasis (labels) */
	ST_EM,     /* asides: "not recorded" */
};

struct sink;

/* A table of inline strings, row-major, row 0 being the header. A sink
 * that can write a table as it comes (Markdown) takes each cell at once;
 * one that must measure it first (plain text) gets it whole at the end. */
struct table {
	struct sink *k;
	size_t cols, n, cap;
	char **cell;
};

struct sink_ops {
	/* Appends s, formatted, to an inline buffer. */
	void (*inl)(struct strbuf *dst, const char *s, enum style st);
	void (*title)(struct sink *k, const char *inl);
	void (*heading)(struct sink *k, int level, const char *inl);
	void (*para)(struct sink *k, const char *inl);
	void (*quote)(struct sink *k, const char *inl, const char *by);
	/* One of the two: the whole table, or each cell as it is added
	 * (index counts from the header's first). */
	void (*table)(struct sink *k, const struct table *t);
	void (*cell)(struct sink *k, size_t index, size_t cols, const char *inl);
	void (*item)(struct sink *k, const char *inl);
	/* Appends a link: text (ours or the room's, escaped here) to url
	 * (an address model_followable accepts, or "#anchor" of the
	 * document's own), with a title or NULL. */
	void (*link)(struct strbuf *dst, const char *text, const char *url, size_t url_len,
		     const char *title);
};

struct sink {
	const struct sink_ops *ops;
	struct strbuf *out;
	bool started; /* a block has been written */
	bool in_list; /* the last block was a list item */
	bool external; /* the external profile: no notes, no names */
};

/* Blocks are separated by one blank line; list items follow each other. */
void block_begin(struct sink *k, bool item);
void table_init(struct table *t, struct sink *k, size_t cols);
void table_add(struct table *t, char *cell);
size_t table_rows(const struct table *t);
/* The table is complete: a sink that waited for it writes it now. */
void table_end(struct table *t);
void table_free(struct table *t);

/* The run at the start of s[0..n) that put_safe copies as it is. */
size_t clean_run(const char *s, size_t n, bool keep_lines);
/* Appends s with control characters made visible, as text_clean does. */
void put_safe(struct strbuf *b, const char *s, bool keep_lines);
/* Columns a string takes, by display width (text.c). */
size_t txt_width(const char *s, size_t n);
/* Splits inline text at '\n'; returns the line's length and moves *p. */
size_t next_line(const char **p, const char **line);
/* One line of inline text: line breaks become spaces. */
void md_flat(struct strbuf *out, const char *inl);

extern const struct sink_ops MD_OPS; /* export_md.c */
extern const struct sink_ops TXT_OPS; /* export_txt.c */

/* export_walk.c: the document, whatever the sink. */
void render_with(const struct sink_ops *ops, const struct retro_doc *doc, enum export_profile p,
		 struct strbuf *out);
/* ... and the pieces of it the walk's sections share. */
char *inl_new(struct sink *k, const char *s, enum style st);
void emit_para(struct sink *k, const char *s, enum style st);
void emit_heading(struct sink *k, int level, const char *s);
/* "14:05 +01:00", the date in front when it is not *prev_date (which it
 * then becomes, when given). */
void format_when(struct instant t, char *prev_date, char *buf, size_t size);
/* Where a link to the document's events[i] leads: the timeline, titled
 * "event N" so that the HTML can lead to its very row (EVENT_LINK_TITLE). */
#define EVENT_LINK_TARGET "#timeline"
#define EVENT_LINK_TITLE "event "
void event_link(struct sink *k, struct strbuf *b, size_t i, const char *text);

/* export_learned.c: what the meeting learned, as sections of the walk. */
void walk_summary(struct sink *k, const struct retro *r);
void walk_marks(struct sink *k, const struct retro_doc *doc);
void walk_factors(struct sink *k, const struct retro_doc *doc);
void walk_lessons(struct sink *k, const struct retro *r);
void walk_links(struct sink *k, const struct retro *r);
/* The next item of a list field from *p (NULL or at its end: false): a
 * line not blank, the bullet it may have been typed with ("- ", "* ",
 * "+ ", "• ") left out. */
bool next_item(const char **p, const char **line, size_t *len);
/* The events a factor's line names by their clock time ("09:42" as the
 * timeline shows it): calls fn with each event's index, in order. The
 * JSON's "events" of a factor and the documents' links agree by it. */
void factor_events(const struct retro_doc *doc, const char *line, size_t len,
		   void (*fn)(size_t i, size_t at, void *ctx), void *ctx);
/* export_svg.c: the incident on a time axis, for the HTML; false (and
 * nothing written) when the timeline is empty. */
bool svg_timeline(const struct retro_doc *doc, struct strbuf *out);
/* export_html.c: s made safe as text_clean does, then for HTML and XML
 * alike (& < > " ' as references). */
void html_escape(struct strbuf *b, const char *s);
/* export_html.c */
int render_html(const struct retro_doc *doc, enum export_profile p, struct strbuf *out,
		struct err *e);
/* export_json.c */
int render_json(struct store *st, const struct retro_doc *doc, size_t n_events,
		enum export_profile p, struct strbuf *out, struct err *e);

#endif
