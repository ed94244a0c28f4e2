/* HTML: the Markdown rendered by cmark-gfm in safe mode. */
#include "export_sink.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <string.h>

/* --- HTML --- */

static void html_escape(struct strbuf *b, const char *s)
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
	"figure.timeline{margin:1em 0}figcaption{font-size:.85em;color:#555}\n"
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

int render_html(const struct retro_doc *doc, struct strbuf *out, struct err *e)
{
	struct strbuf md = {0};
	render_with(&MD_OPS, doc, &md);

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
	/* The picture of the timeline opens its section. */
	static const char AT[] = "<h2>Timeline</h2>\n";
	const char *at = strstr(body, AT);
	struct strbuf svg = {0};
	if (at && svg_timeline(doc, &svg)) {
		struct strbuf head = {0};
		sb_add(&head, body, (size_t)(at - body) + strlen(AT));
		put_body(out, sb_str(&head));
		sb_add(out, svg.s, svg.len);
		put_body(out, at + strlen(AT));
		sb_free(&head);
	} else {
		put_body(out, body);
	}
	sb_free(&svg);
	sb_puts(out, "</main>\n</body>\n</html>\n");
	cmark_get_default_mem_allocator()->free(body);
	return 0;
}

