/* HTML: the Markdown rendered by cmark-gfm in safe mode. */
#include "export_sink.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

/* --- HTML --- */

void html_escape(struct strbuf *b, const char *s)
{
	struct strbuf clean = {0};
	put_safe(&clean, s, false);
	for (const char *p = sb_str(&clean); *p; p++) {
		switch (*p) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		case '\'': sb_puts(b, "&#39;"); break;
		default: sb_putc(b, *p);
		}
	}
	sb_free(&clean);
}

static const char HTML_STYLE[] =
	"body{font:16px/1.5 -apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;"
	"color:#111;background:#fff;max-width:62em;margin:2em auto;padding:0 1em}\n"
	"h1{font-size:1.9em;margin:0 0 .2em;border-bottom:2px solid #222;padding-bottom:.2em}\n"
	"h2{font-size:1.35em;margin-top:1.8em;border-bottom:1px solid #bbb;padding-bottom:.15em}\n"
	"h3{font-size:1.1em;margin-top:1.3em}\n"
	"table{border-collapse:collapse;margin:.6em 0}\n"
	"th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}\n"
	/* A table's first column is a time or a name: never broken. */
	"td:first-child{white-space:nowrap}\n"
	/* ... nor is a date or a hyphenated word (put_body). */
	".nw{white-space:nowrap}\n"
	/* The event a link led to (link_events) stands out. */
	"tr:target{background:#fff3c4;outline:2px solid #e0a800}\n"
	"figure.timeline{margin:1em 0}figcaption{font-size:.85em;color:#555}\n"
	".ctl{font:.7em/1 monospace;border:1px solid #888;border-radius:3px;padding:0 .15em;"
	"margin:0 .05em;vertical-align:.15em}\n"
	"nav.toc{margin:1.2em 0;font-size:.95em}nav.toc ul{columns:2;column-gap:2em;margin:.3em 0}"
	"nav.toc li{margin:0 0 .15em}\n"
	"@media print{nav.toc{display:none}}\n"
	"th{background:#eee}\n"
	"tbody tr:nth-child(even){background:#f8f8f8}\n"
	"blockquote{margin:1em 0;padding:.5em 1.2em;border-left:4px solid #777;"
	"background:#f4f4f4;font-size:1.05em}\n"
	"ul{padding-left:1.5em}li{margin:.15em 0}\n"
	"em{color:#555}\n"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}"
	"h1,h2,h3{break-after:avoid;page-break-after:avoid}"
	"tr,li,blockquote{break-inside:avoid;page-break-inside:avoid}"
	"th,tbody tr:nth-child(even),blockquote{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}}\n";

static bool html_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The name of the control character whose picture (U+2400-U+2421,
 * U+2424: what text_clean shows one as) starts at p, else NULL. Few fonts
 * have those pictures (a box is drawn instead), so the page names it. */
static const char *control_name(const char *p)
{
	static const char *const C0[] = {
		"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
		"VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
		"SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US",  "SP",
		"DEL",
	};
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] != 0xE2 || u[1] != 0x90 || u[2] < 0x80)
		return NULL;
	unsigned i = u[2] - 0x80;
	return i < sizeof C0 / sizeof C0[0] ? C0[i] : i == 0x24 ? "NL" : NULL;
}

/* Appends cmark's HTML with each short hyphenated word of the text (a date,
 * "PAY-812", "in-progress") kept on one line: a browser breaks after a
 * hyphen, and "2026-" / "12-14" in a narrow column reads badly. Only text
 * is looked at: cmark escapes every "<" of the text, so one starts a tag. */
static void put_body(struct strbuf *out, const char *body)
{
	const size_t most = 24;
	bool in_tag = false;
	char prev = ' ';
	for (const char *p = body; *p;) {
		if (in_tag || *p == '<' || *p == '&') {
			if (*p == '<')
				in_tag = true;
			else if (*p == '>')
				in_tag = false;
			/* an entity is copied whole, and is no word's part */
			const char *end = *p == '&' && !in_tag ? strchr(p, ';') : NULL;
			size_t n = end && end - p < 12 ? (size_t)(end - p) + 1 : 1;
			sb_add(out, p, n);
			prev = *p == '&' ? ';' : *p;
			p += n;
			continue;
		}
		const char *ctl = control_name(p);
		if (ctl) {
			sb_printf(out, "<span class=\"ctl\" title=\"a control character\">%s</span>", ctl);
			prev = ' ';
			p += 3;
			continue;
		}
		size_t len = 0, hyphens = 0;
		if (html_alnum(*p) && !html_alnum(prev) && prev != '-') {
			while (html_alnum(p[len]) || (p[len] == '-' && html_alnum(p[len + 1]) && len > 0)) {
				hyphens += p[len] == '-';
				len++;
			}
		}
		if (hyphens && len <= most && p[len] != '-') {
			sb_puts(out, "<span class=\"nw\">");
			sb_add(out, p, len);
			sb_puts(out, "</span>");
		} else {
			len = len ? len : 1;
			sb_add(out, p, len);
		}
		prev = p[len - 1];
		p += len;
	}
}

/* The headings cmark wrote ("<h2>" and "<h3>", no attributes in safe
 * mode), each with its offset in the body and its anchor. */
struct heading {
	size_t at, inner, end; /* "<hN>", its text, "</hN>" */
	int level;
	char id[64];
};

/* An anchor from a heading's text: its letters and digits, lowercased,
 * other runs as one '-' (tags and entities skipped); unique in the page. */
static void heading_id(const char *s, size_t n, const struct heading *before, size_t n_before,
		       char id[64])
{
	size_t len = 0;
	bool dash = false;
	for (size_t i = 0; i < n && len < 48; i++) {
		char c = s[i];
		if (c == '<' || c == '&') { /* a tag or an entity: skipped */
			const char *end = memchr(s + i, c == '<' ? '>' : ';', n - i);
			i = end ? (size_t)(end - s) : n;
			dash = len > 0;
			continue;
		}
		if (html_alnum(c)) {
			if (dash)
				id[len++] = '-';
			id[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			dash = false;
		} else {
			dash = len > 0;
		}
	}
	id[len] = '\0';
	if (!len)
		strcpy(id, "section");
	size_t base = strlen(id);
	for (int k = 2;; k++) {
		bool taken = false;
		for (size_t j = 0; j < n_before && !taken; j++)
			taken = strcmp(before[j].id, id) == 0;
		if (!taken)
			return;
		snprintf(id + base, 64 - base, "-%d", k);
	}
}

/* The body again with an anchor on each heading, and a short table of
 * contents (the sections) before the first section. */
static void add_anchors(const char *body, struct strbuf *out)
{
	struct heading *h = NULL;
	size_t n = 0;
	for (const char *p = body; (p = strstr(p, "<h")) != NULL; p++) {
		if ((p[2] != '2' && p[2] != '3') || p[3] != '>')
			continue;
		char close[6] = "</h2>";
		close[3] = p[2];
		const char *end = strstr(p, close);
		if (!end)
			break;
		h = xrealloc(h, (n + 1) * sizeof *h);
		h[n] = (struct heading){.at = (size_t)(p - body), .inner = (size_t)(p - body) + 4,
					.end = (size_t)(end - body), .level = p[2] - '0'};
		heading_id(body + h[n].inner, h[n].end - h[n].inner, h, n, h[n].id);
		n++;
	}
	size_t from = 0;
	bool toc = false;
	for (size_t i = 0; i < n; i++) {
		sb_add(out, body + from, h[i].at - from);
		if (h[i].level == 2 && !toc) {
			toc = true;
			sb_puts(out, "<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong>\n<ul>\n");
			for (size_t j = i; j < n; j++) {
				if (h[j].level != 2)
					continue;
				sb_printf(out, "<li><a href=\"#%s\">", h[j].id);
				sb_add(out, body + h[j].inner, h[j].end - h[j].inner);
				sb_puts(out, "</a></li>\n");
			}
			sb_puts(out, "</ul>\n</nav>\n");
		}
		sb_printf(out, "<h%d id=\"%s\">", h[i].level, h[i].id);
		from = h[i].inner;
	}
	sb_puts(out, body + from);
	free(h);
}

/* Links to an event lead to its very row: the Markdown's links to the
 * timeline titled "event N" (event_link) lead to "#ev-N", and the
 * timeline's rows (its table's, after the heading at) get those ids. */
static void link_events(const char *body, const char *at, struct strbuf *out)
{
	static const char LINK[] = "<a href=\"" EVENT_LINK_TARGET "\" title=\"" EVENT_LINK_TITLE;
	const size_t link_len = sizeof LINK - 1;
	const char *rows = at ? strstr(at, "<tbody>") : NULL;
	const char *rows_end = rows ? strstr(rows, "</tbody>") : NULL;
	size_t row = 0;
	const char *p = body;
	for (const char *tag; (tag = strchr(p, '<')) != NULL; p = tag + 1) {
		if (strncmp(tag, LINK, link_len) == 0) {
			const char *n = tag + link_len;
			size_t digits = strspn(n, "0123456789");
			if (digits && n[digits] == '"' && n[digits + 1] == '>') {
				sb_add(out, p, (size_t)(tag - p));
				sb_printf(out, "<a href=\"#ev-%.*s\">", (int)digits, n);
				tag = n + digits + 1;
				continue;
			}
		}
		if (rows && tag > rows && tag < rows_end && strncmp(tag, "<tr>", 4) == 0) {
			sb_add(out, p, (size_t)(tag - p));
			sb_printf(out, "<tr id=\"ev-%zu\">", ++row);
			tag += 3;
			continue;
		}
		sb_add(out, p, (size_t)(tag - p) + 1);
	}
	sb_puts(out, p);
}

int render_html(const struct retro_doc *doc, enum export_profile profile, struct strbuf *out,
		struct err *e)
{
	struct strbuf md = {0};
	render_with(&MD_OPS, doc, profile, &md);

	cmark_gfm_core_extensions_ensure_registered();
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (!table || !parser || !cmark_parser_attach_syntax_extension(parser, table)) {
		if (parser)
			cmark_parser_free(parser);
		sb_free(&md);
		return err_set(e, "cannot render HTML: the Markdown table extension is missing");
	}
	cmark_parser_feed(parser, sb_str(&md), md.len);
	cmark_node *root = cmark_parser_finish(parser);
	/* CMARK_OPT_DEFAULT is safe mode: raw HTML and dangerous URLs are
	 * dropped. Never CMARK_OPT_UNSAFE: the text is the room's. */
	char *body = root ? cmark_render_html(root, CMARK_OPT_DEFAULT,
					      cmark_parser_get_syntax_extensions(parser))
			  : NULL;
	if (root)
		cmark_node_free(root);
	cmark_parser_free(parser);
	sb_free(&md);
	if (!body)
		return err_set(e, "cannot render HTML");

	sb_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	/* Self-contained: nothing is fetched and nothing runs. */
	sb_puts(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		     "style-src 'unsafe-inline'\">\n");
	sb_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	sb_puts(out, "<title>");
	html_escape(out, doc->retro.title ? doc->retro.title : "Untitled retrospective");
	sb_puts(out, " — retrospective</title>\n<style>\n");
	sb_puts(out, HTML_STYLE);
	sb_puts(out, "</style>\n</head>\n<body>\n<main>\n");
	struct strbuf headed = {0}, anchored = {0};
	add_anchors(body, &headed);
	/* The picture of the timeline opens its section. */
	static const char AT[] = "<h2 id=\"timeline\">Timeline</h2>\n";
	link_events(sb_str(&headed), strstr(sb_str(&headed), AT), &anchored);
	sb_free(&headed);
	const char *text = sb_str(&anchored), *at = strstr(text, AT);
	struct strbuf svg = {0};
	if (at && svg_timeline(doc, &svg)) {
		struct strbuf head = {0};
		sb_add(&head, text, (size_t)(at - text) + strlen(AT));
		put_body(out, sb_str(&head));
		sb_add(out, svg.s, svg.len);
		put_body(out, at + strlen(AT));
		sb_free(&head);
	} else {
		put_body(out, text);
	}
	sb_free(&svg);
	sb_free(&anchored);
	sb_puts(out, "</main>\n</body>\n</html>\n");
	cmark_get_default_mem_allocator()->free(body);
	return 0;
}

