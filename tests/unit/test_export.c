/* Unit tests: the export of a retrospective in every format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/export.h"

#include <utf8proc.h>
#include "debrief/model.h"
#include "tap.h"

/* 2026-11-24 13:00:00 UTC, i.e. 14:00 in Berlin (+01:00). */
#define T0 ((int64_t)1795525200)

static char *clean(const char *s)
{
	return text_clean(s, strlen(s), TEXT_MULTILINE);
}

static struct event ev(int64_t at, enum event_kind k, enum event_mark m, const char *text)
{
	struct event e = {0};
	e.time.at = at;
	e.time.offset_min = 60;
	e.kind = k;
	e.mark = m;
	e.text = clean(text);
	return e;
}

static struct note note_on(enum stage s, const char *event, const char *question,
			   const char *action, enum author_role role, int64_t at,
			   const char *body)
{
	struct note n = {0};
	n.stage = s;
	snprintf(n.event_id, sizeof n.event_id, "%s", event ? event : "");
	snprintf(n.question_id, sizeof n.question_id, "%s", question ? question : "");
	snprintf(n.action_id, sizeof n.action_id, "%s", action ? action : "");
	n.role = role;
	n.created_at = at;
	n.offset_min = 60;
	n.body = clean(body);
	return n;
}

/* Offsets of each needle in hay, in order; false when one is missing or
 * out of order. */
static bool in_order(const char *hay, const char *const *needles, size_t n)
{
	const char *p = hay;
	for (size_t i = 0; i < n; i++) {
		const char *q = strstr(p, needles[i]);
		if (!q) {
			printf("#   missing or out of order: \"%s\"\n", needles[i]);
			return false;
		}
		p = q + strlen(needles[i]);
	}
	return true;
}

static bool one_trailing_newline(const struct strbuf *b)
{
	return b->len >= 2 && b->s[b->len - 1] == '\n' && b->s[b->len - 2] != '\n';
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Every "<" in the Markdown is escaped, so none can open a tag. */
static bool md_no_raw_lt(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p == '<' && (p == s || p[-1] != '\\'))
			return false;
	return true;
}

/* Brackets balance outside strings, and strings close. */
static bool json_balanced(const char *s)
{
	int depth = 0;
	bool str = false;
	for (const char *p = s; *p; p++) {
		if (str) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				str = false;
			else if ((unsigned char)*p < 0x20)
				return false;
		} else if (*p == '"') {
			str = true;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (--depth < 0)
				return false;
		}
	}
	return depth == 0 && !str;
}

static struct store *st;
static char retro_id[ID_LEN];

static int build(const char *dir)
{
	char path[256];
	struct err e = {0};
	snprintf(path, sizeof path, "%s/export.db", dir);
	if (store_open(path, STORE_CREATE, &st, &e) != 0) {
		printf("# %s\n", e.msg);
		return -1;
	}
	struct question qs[3] = {
		{.title = "How were we notified about the problem?",
		 .prompts = "Which alert fired first?\nDid a customer tell us?"},
		{.title = "Was the right team paged?", .prompts = ""},
		{.title = "Why did the *cache* | fail?", .custom = true},
	};
	struct retro r = {0};
	r.title = clean("DNS <script>alert(1)</script> | *bold* _x_ \x1b[2J outage");
	r.incident_ref = clean("INC-2041");
	r.severity = clean("SEV2");
	r.incident_date = clean("2026-11-24");
	r.facilitator = clean("Ana");
	r.scribe = clean("Ben");
	r.participants = clean(" Cleo ,Dev,, Eve ");
	r.impact = clean("Logins failed for 40% of users.\n\n# not a heading\n- a list item\n* and another\n---");
	r.trigger = clean("A resolver config push & a typo");
	if (store_create_retro(st, &r, qs, 3, &e) != 0) {
		printf("# %s\n", e.msg);
		return -1;
	}
	snprintf(retro_id, sizeof retro_id, "%s", r.id);
	retro_free(&r);

	/* Out of order on purpose: the export sorts by time. */
	struct event evs[] = {
		ev(T0 + 300, EV_IMPACT_START, MARK_NONE, "Error rate climbs on login"),
		ev(T0, EV_TRIGGER, MARK_COULD_BE_BETTER, "Config push with a | pipe"),
		ev(T0 + 1620, EV_DETECTION, MARK_WENT_WELL, "1. Pager fires <b>loud</b>"),
		ev(T0 + 2640, EV_MITIGATION, MARK_LUCKY, "Rolled back by hand"),
		ev(T0 + 4680, EV_RESOLUTION, MARK_NONE, "All clear"),
	};
	size_t n_ev = sizeof evs / sizeof evs[0];
	if (store_add_events(st, retro_id, evs, n_ev, &e) != 0) {
		printf("# %s\n", e.msg);
		return -1;
	}

	struct question *loaded;
	size_t n_q;
	if (store_list_questions(st, retro_id, &loaded, &n_q, &e) != 0 || n_q != 3) {
		printf("# questions: %s\n", e.msg);
		return -1;
	}

	struct action a1 = {0};
	a1.title = clean("Alert on resolver errors_rate");
	a1.type = ACT_DETECT;
	a1.priority = PRIO_P1;
	a1.status = ACT_OPEN;
	a1.created_at = T0 + 7200;
	snprintf(a1.origin_event, sizeof a1.origin_event, "%s", evs[2].id);
	struct action a2 = {0};
	a2.title = clean("Lint DNS config before push");
	a2.owner = clean("Ana");
	a2.due = clean("2026-12-01");
	a2.type = ACT_PREVENT;
	a2.priority = PRIO_P2;
	a2.status = ACT_OPEN;
	a2.tracker_ref = clean("OPS-12");
	a2.created_at = T0 + 7260;
	snprintf(a2.origin_question, sizeof a2.origin_question, "%s", loaded[0].id);
	if (store_add_action(st, retro_id, &a1, &e) != 0 ||
	    store_add_action(st, retro_id, &a2, &e) != 0) {
		printf("# %s\n", e.msg);
		return -1;
	}

	struct note notes[] = {
		note_on(STAGE_TIMELINE, evs[2].id, NULL, NULL, ROLE_SCRIBE, T0 + 6960,
			"Paged the right rota\n- within two minutes"),
		note_on(STAGE_TIMELINE, evs[1].id, NULL, NULL, ROLE_FACILITATOR, T0 + 6900,
			"No review on config pushes"),
		note_on(STAGE_QUESTIONS, NULL, loaded[0].id, NULL, ROLE_SCRIBE, T0 + 7080,
			"Alert <script>x</script> at \x1b[31m14:27"),
		note_on(STAGE_ACTIONS, NULL, NULL, a1.id, ROLE_PARTICIPANT, T0 + 7260,
			"Threshold to be agreed"),
		note_on(STAGE_PRIME, NULL, NULL, NULL, ROLE_FACILITATOR, T0 + 6000,
			"Everyone attended"),
		note_on(STAGE_CLOSE, NULL, NULL, NULL, ROLE_SCRIBE, T0 + 8040, "Good meeting"),
		/* Its event is gone: it must still be exported. */
		note_on(STAGE_TIMELINE, "00000000-0000-0000-0000-000000000000", NULL, NULL,
			ROLE_SCRIBE, T0 + 8100, "Orphaned note"),
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		if (store_add_note(st, retro_id, &notes[i], &e) != 0) {
			printf("# %s\n", e.msg);
			return -1;
		}
		note_free(&notes[i]);
	}
	for (size_t i = 0; i < n_ev; i++)
		event_free(&evs[i]);
	action_free(&a1);
	action_free(&a2);
	store_free_questions(loaded, n_q);
	return 0;
}

static void render(const struct retro_doc *doc, enum export_format f, struct strbuf *out)
{
	struct err e = {0};
	sb_reset(out);
	int rc = export_render(st, doc, f, out, &e);
	ok(rc == 0, "renders %s%s%s", export_format_name(f), rc ? ": " : "", rc ? e.msg : "");
	struct strbuf again = {0};
	export_render(st, doc, f, &again, &e);
	ok(again.len == out->len && memcmp(sb_str(&again), sb_str(out), out->len) == 0,
	   "%s: the same retrospective gives the same bytes", export_format_name(f));
	ok(one_trailing_newline(out), "%s: ends with a single newline", export_format_name(f));
	sb_free(&again);
}

static void test_formats(void)
{
	is_int(export_format_parse("md"), EXPORT_MD, "md");
	is_int(export_format_parse("Markdown"), EXPORT_MD, "markdown, any case");
	is_int(export_format_parse("JSON"), EXPORT_JSON, "json");
	is_int(export_format_parse("html"), EXPORT_HTML, "html");
	is_int(export_format_parse("text"), EXPORT_TXT, "text");
	is_int(export_format_parse("TXT"), EXPORT_TXT, "txt");
	is_int(export_format_parse("pdf"), -1, "pdf is not a format");
	is_int(export_format_parse(NULL), -1, "NULL is not a format");
	is_str(export_format_ext(EXPORT_HTML), ".html", "html extension");
	is_str(export_format_ext(EXPORT_TXT), ".txt", "txt extension");
	is_str(export_format_name(EXPORT_JSON), "json", "json name");
}

static void test_markdown(const struct retro_doc *doc)
{
	struct strbuf out = {0};
	render(doc, EXPORT_MD, &out);
	const char *s = sb_str(&out);
	const char *sections[] = {
		"# DNS ",
		"*Blameless incident retrospective. Internal version",
		"| Incident | INC-2041 |",
		"| Participants | Cleo, Dev, Eve |",
		"## Summary",
		"**Trigger:**",
		"## Impact",
		"| Time to detect |",
		"## What went well, what could be better, where we got lucky",
		"## Contributing factors",
		"## Action items",
		"### Notes on action items",
		"## Timeline",
		"### Notes on the timeline",
		"## The seven questions",
		"### 1. How were we notified about the problem?",
		"### 2. Was the right team paged?",
		"### 3. Why did the \\*cache\\* \\| fail?",
		"## Notes by stage",
		"### Prime Directive",
		"### Close",
		"## Lessons learned",
		"## Links",
		"## Prime Directive",
		"## Thanks",
	};
	ok(in_order(s, sections, sizeof sections / sizeof sections[0]), "md: sections in order");
	const char *title = "# DNS \\<script>alert(1)\\</script> \\| \\*bold\\* \\_x\\_ "
			    "\xe2\x90\x9b\\[2J outage\n";
	ok(strncmp(s, title, strlen(title)) == 0, "md: the title is escaped, the escape character shown");
	ok(md_no_raw_lt(s), "md: no unescaped '<' anywhere");
	ok(!strchr(s, '\x1b'), "md: no escape character");
	ok(strstr(s, "| Scribe | Ben |") != NULL, "md: facts table");
	ok(strstr(s, "\n\\# not a heading") && strstr(s, "\n\\---\n"),
	   "md: block markup in user text is escaped");
	ok(strstr(s, "40% of users.\n\n\\# not a heading\n- a list item\n- and another\n\n\\---\n") != NULL,
	   "md: a paragraph keeps its lines and its blank line, its lines starting '- ' or '* ' are a list");
	ok(strstr(s, "A resolver config push & a typo") != NULL,
	   "md: '&' is not escaped where it cannot make an entity");
	ok(strstr(s, "| Time to detect | 22m |") && strstr(s, "| Time to mitigate | 39m |") &&
		   strstr(s, "| Time to resolve | 1h 13m |") && strstr(s, "| Impact duration | 1h 13m |"),
	   "md: durations from the timeline");
	ok(strstr(s, "measured from the start of impact at 2026-11-24 14:05 +01:00.") != NULL,
	   "md: where durations are measured from");
	ok(strstr(s, "> Regardless of what we discover,") && strstr(s, ">\n> — Norm Kerth,"),
	   "md: Prime Directive quoted with attribution");
	ok(strstr(s, "| Participants | Cleo, Dev, Eve |\n") != NULL, "md: participants listed");
	const char *timeline[] = {
		"| Time | Kind | Event | Mark |",
		"| 2026-11-24 14:00 +01:00 | Trigger | Config push with a \\| pipe | Could be better |",
		"| 14:05 +01:00 | Impact start | Error rate climbs on login |  |",
		"| 14:27 +01:00 | Detection | 1\\. Pager fires \\<b>loud\\</b> | Went well |",
		"| 14:44 +01:00 | Mitigation |",
		"| 15:18 +01:00 | Resolution | All clear |",
	};
	ok(in_order(s, timeline, 6), "md: the timeline table in time order");
	const char *tnotes[] = {
		("**2026-11-24 14:00 +01:00** · Trigger: Config push with a \\| pipe\n\n"
		 "- No review on config pushes — Ana, 15:55\n"),
		"**2026-11-24 14:27 +01:00** · Detection: 1\\. Pager fires",
		"- Paged the right rota\n  - within two minutes — Ben, 15:56\n",
	};
	ok(in_order(s, tnotes, 3), "md: notes under their events, multi-line kept in the item");
	ok(strstr(s, "- Alert \\<script>x\\</script> at \xe2\x90\x9b\\[31m14:27 — Ben, 15:58\n") !=
		   NULL,
	   "md: a question's note escaped, signed by the scribe's name, and time");
	ok(strstr(s, "*Added during the meeting.*") != NULL, "md: a custom question is marked");
	ok(strstr(s, "### 2. Was the right team paged?\n\n*No notes.*\n") != NULL,
	   "md: a question without notes says so");
	ok(strstr(s, "| # | Action | Owner | Due | Type | Priority | Status | Tracker | From |") != NULL,
	   "md: action table header");
	ok(strstr(s, "| 1 | Alert on resolver errors_rate | **unassigned** | — | detect | P1 | open | — "
		     "| Event 14:27 1\\. Pager fires \\<b>loud\\</b> |") != NULL,
	   "md: an unowned action, from an event");
	ok(strstr(s, "| 2 | Lint DNS config before push | Ana | 2026-12-01 | prevent | P2 | open | OPS-12 "
		     "| Question 1 |") != NULL,
	   "md: an owned action, from a question");
	ok(strstr(s, "**1.** Alert on resolver errors_rate\n\n- Threshold to be agreed — participant, 16:01\n") !=
		   NULL,
	   "md: notes on an action");
	ok(strstr(s, "### Prime Directive\n\n- Everyone attended — Ana, 15:40\n") != NULL,
	   "md: stage notes");
	ok(strstr(s, "Thank you to everyone who took part: Ana, Ben, Cleo, Dev, Eve.\n") != NULL,
	   "md: closing thanks");
	ok(strstr(s, "### Timeline\n\n- Orphaned note — Ben, 16:15\n") != NULL,
	   "md: a note whose event is gone is kept with the stage notes");
	is_int(count(s, "## Notes by stage"), 1, "md: one stage-notes section");
	sb_free(&out);
}

/* The widest line in display columns, measured with utf8proc's table
 * directly (not with the function under test). */
static int widest_line(const char *s)
{
	int width = 0, widest = 0;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		if (s[i] == '\n') {
			width = 0;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							 (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) {
			len = 1;
			cp = 0xFFFD;
		}
		width += utf8proc_charwidth(cp);
		if (width > widest)
			widest = width;
		i += (size_t)len;
	}
	return widest;
}

/* Wide text: a CJK event, an owner and a title, with combining marks and
 * emoji. Every line must still fit 76 display columns, and the title's
 * underline must be as wide as the title. */
static void test_text_wide(const struct retro_doc *doc)
{
	struct retro_doc d = *doc;
	struct event e = ev(1795500000, EV_OTHER, MARK_NONE,
			    "支払いサービスの接続プールが枯渇し、注文の処理が止まりました。"
			    "再起動までの間、すべての決済要求がタイムアウトしました 😀 e\xcc\x81");
	d.events = &e;
	d.n_events = 1;
	d.n_notes = 0;
	char *title = clean("決済障害の振り返り");
	d.retro.title = title;
	struct strbuf out = {0};
	render(&d, EXPORT_TXT, &out);
	const char *s = sb_str(&out);
	int widest = widest_line(s);
	ok(widest <= 76, "txt: a CJK event still fits 76 display columns (widest %d)", widest);
	ok(strncmp(s, "決済障害の振り返り\n==================\n", strlen("決済障害の振り返り\n") + 19) == 0,
	   "txt: a CJK title's underline is as wide as the title (18 columns)");
	sb_free(&out);
	free(title);
	free(e.text);
}

static void test_text(const struct retro_doc *doc)
{
	struct strbuf out = {0};
	render(doc, EXPORT_TXT, &out);
	const char *s = sb_str(&out);
	bool clean_bytes = true;
	for (size_t i = 0; i < out.len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7F)
			clean_bytes = false;
	ok(clean_bytes, "txt: no control characters but newlines");
	const char *sections[] = {
		"DNS <script>alert(1)</script> | *bold* _x_ \xe2\x90\x9b[2J outage\n=====",
		"Summary\n-------\n",
		"Impact\n------\n",
		"What went well, what could be better, where we got lucky\n---",
		"Contributing factors\n----",
		"Action items\n------------\n",
		"Notes on action items\n",
		"Timeline\n--------\n",
		"Notes on the timeline\n",
		"The seven questions\n",
		"1. How were we notified about the problem?\n",
		"Notes by stage\n",
		"Lessons learned\n---",
		"Links\n-----\n",
		"Prime Directive\n---------------\n",
		"Thanks\n------\n",
	};
	ok(in_order(s, sections, sizeof sections / sizeof sections[0]),
	   "txt: same sections in the same order, underlined");
	ok(!strstr(s, "**") && !strstr(s, "| ---") && !strstr(s, "\n## ") && !strstr(s, "\\|"),
	   "txt: no Markdown syntax");
	ok(strstr(s, "Time to detect    22m\n") != NULL, "txt: aligned columns");
	ok(strstr(s, "  - Paged the right rota\n    - within two minutes — Ben, 15:56\n") != NULL,
	   "txt: a multi-line note stays indented under its bullet");
	ok(strstr(s, "    \"Regardless of what we discover,") != NULL, "txt: the quote");
	ok(strstr(s, "unassigned") != NULL, "txt: the unowned action");
	/* Prose wraps, and so do tables: a wide column within itself, a table
	 * of many columns as one record a row. */
	int widest = widest_line(s);
	ok(widest <= 76, "txt: every line fits 76 display columns (widest %d)", widest);
	ok(strstr(s, "Owner: ") != NULL, "txt: the action items, too wide for columns, as records");
	sb_free(&out);
}

static void test_html(const struct retro_doc *doc)
{
	struct strbuf out = {0};
	render(doc, EXPORT_HTML, &out);
	const char *s = sb_str(&out);
	ok(strncmp(s, "<!DOCTYPE html>\n", 16) == 0, "html: a document");
	ok(strstr(s, "<meta charset=\"utf-8\">") != NULL, "html: UTF-8");
	ok(strstr(s, "<title>DNS &lt;script&gt;alert(1)&lt;/script&gt; | *bold* _x_ ") != NULL,
	   "html: the title escaped");
	ok(strstr(s, "<h1>DNS &lt;script&gt;alert(1)&lt;/script&gt; | *bold* _x_ ") != NULL,
	   "html: the heading escaped, markup shown as text");
	ok(strstr(s, "&lt;script&gt;x&lt;/script&gt;") != NULL, "html: a note's markup as text");
	ok(!strstr(s, "<script") && !strstr(s, "<SCRIPT") && !strstr(s, "<b>"),
	   "html: no tags from the text");
	ok(strstr(s, "<table>") && strstr(s, "<th>Time</th>") &&
		   strstr(s, "<td>Config push with a | pipe</td>"),
	   "html: tables rendered, pipes in cells kept");
	ok(strstr(s, "<blockquote>") != NULL, "html: the Prime Directive as a quote");
	bool outside = false; /* a url() to anything but the page's own parts */
	for (const char *u = strstr(s, "url("); u; u = strstr(u + 1, "url("))
		outside |= u[4] != '#';
	ok(strstr(s, "<style>") && !strstr(s, "<link") && !strstr(s, "src=") && !outside,
	   "html: self-contained");
	ok(strstr(s, "<td><strong>unassigned</strong></td>") != NULL, "html: unassigned in bold");
	ok(strstr(s, "</html>\n") != NULL, "html: closed");
	sb_free(&out);
}

static void test_json(const struct retro_doc *doc)
{
	struct strbuf out = {0};
	render(doc, EXPORT_JSON, &out);
	const char *s = sb_str(&out);
	ok(s[0] == '{' && json_balanced(s), "json: one balanced object");
	ok(strstr(s, "\"debrief_format\": 3") != NULL, "json: format version");
	ok(strstr(s, "\"participants\": [\n    \"Cleo\",\n    \"Dev\",\n    \"Eve\"\n  ]") != NULL,
	   "json: the participants an array of names, trimmed, the empty one left out");
	ok(strstr(s, "\"title\": \"DNS <script>alert(1)</script> | *bold* _x_ \xe2\x90\x9b[2J outage\"") !=
		   NULL,
	   "json: the title as a JSON string");
	const char *events[] = {
		"\"events\": [",
		"\"time\": \"2026-11-24T14:00:00+01:00\"",
		"\"text\": \"Config push with a | pipe\"",
		"\"text\": \"No review on config pushes\"",
		"\"time\": \"2026-11-24T14:05:00+01:00\"",
		"\"mark\": null",
		"\"kind\": \"detection\"",
		"\"mark\": \"went-well\"",
		"\"text\": \"Paged the right rota\\n- within two minutes\"",
		"\"kind\": \"resolution\"",
		"\"questions\": [",
	};
	ok(in_order(s, events, sizeof events / sizeof events[0]),
	   "json: events in time order with their notes");
	ok(strstr(s, "\"prompts\": [\n") && strstr(s, "\"Which alert fired first?\",") &&
		   strstr(s, "\"prompts\": [],"),
	   "json: prompts as an array of lines");
	ok(strstr(s, "\"custom\": true") && strstr(s, "\"custom\": false"), "json: booleans");
	ok(strstr(s, "\"owner\": null") && strstr(s, "\"priority\": \"P1\""), "json: actions");
	ok(strstr(s, "\"time_to_detect_seconds\": 1320") &&
		   strstr(s, "\"measured_from\": \"2026-11-24T14:05:00+01:00\""),
	   "json: computed durations spliced in");
	ok(strstr(s, "\"closed_at\": null") != NULL, "json: an open retrospective");
	const char *stage_notes[] = {"\"stage_notes\": [", "\"stage\": \"prime-directive\"",
				     "\"text\": \"Everyone attended\"", "\"stage\": \"close\""};
	ok(in_order(s, stage_notes, 4) && strstr(strstr(s, "\"stage_notes\""), "Orphaned note"),
	   "json: stage notes, in writing order, orphans too");
	ok(strstr(s, "\"role\": \"scribe\",\n          \"by\": \"Ben\",") &&
		   strstr(s, "\"role\": \"facilitator\",\n          \"by\": \"Ana\",") &&
		   strstr(s, "\"role\": \"participant\",\n          \"by\": \"participant\","),
	   "json: each note keeps its role, and is by whom the other exports sign it");
	/* The command line reads only an outline before SQLite writes the
	 * rest: the same document. */
	struct strbuf direct = {0};
	struct err e = {0};
	ok(export_retro(st, doc->retro.id, EXPORT_JSON, EXPORT_INTERNAL, &direct, &e) == 0 &&
		   direct.len == out.len && memcmp(sb_str(&direct), s, out.len) == 0,
	   "json: from the store alone, the same bytes as from a loaded retrospective");
	sb_reset(&direct);
	struct strbuf md = {0};
	render(doc, EXPORT_MD, &md);
	ok(export_retro(st, doc->retro.id, EXPORT_MD, EXPORT_INTERNAL, &direct, &e) == 0 &&
		   direct.len == md.len && memcmp(sb_str(&direct), sb_str(&md), md.len) == 0,
	   "md: the same from the store alone");
	sb_reset(&direct);
	ok(export_retro(st, "no-such-retro", EXPORT_JSON, EXPORT_INTERNAL, &direct, &e) != 0 && direct.len == 0,
	   "json: an unknown retrospective is an error, with nothing written");
	sb_free(&md);
	sb_free(&direct);
	sb_free(&out);
}

/* What cmark writes for text: & < > " escaped. */
static void html_text(struct strbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		default: sb_putc(b, *s);
		}
	}
}

/* Markup typed into a note must come out of Markdown-to-HTML as the same
 * text: each one is a note, and its list item must read exactly as typed. */
static void test_escaping(void)
{
	static const char *const tricky[] = {
		"*a* _b_ **c** __d__",
		"[link](javascript:alert(1))",
		"<img src=x onerror=alert(1)>",
		"`code` ``more``",
		"~~~",
		"```c",
		"> quoted",
		"1. one",
		"2) two",
		"+ plus",
		"= equals",
		"---",
		"***",
		"# hash",
		"a\\b and a trailing backslash\\",
		"&amp; &lt; &#65; &copy",
		"![img](http://x.example/i.png)",
		"|a|b|",
		"<http://x.example>",
		"~~strike~~",
		"[ref]: http://x.example",
		"a_b_c and 2*3*4",
		"<!-- comment -->",
		"\"quotes\" and 'single'",
	};
	size_t n = sizeof tricky / sizeof tricky[0];
	struct err e = {0};
	struct retro r = {0};
	r.title = clean("Escaping");
	if (store_create_retro(st, &r, NULL, 0, &e) != 0) {
		ok(0, "creates: %s", e.msg);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct note x = note_on(STAGE_CLOSE, NULL, NULL, NULL, ROLE_SCRIBE,
					T0 + 60 * (int64_t)i, tricky[i]);
		if (store_add_note(st, r.id, &x, &e) != 0)
			ok(0, "adds a note: %s", e.msg);
		note_free(&x);
	}
	struct retro_doc doc;
	if (model_load(st, r.id, &doc, &e) != 0) {
		ok(0, "loads: %s", e.msg);
		retro_free(&r);
		return;
	}
	struct strbuf html = {0}, want = {0};
	ok(export_render(st, &doc, EXPORT_HTML, &html, &e) == 0, "escaping: renders");
	for (size_t i = 0; i < n; i++) {
		char clock[16];
		instant_format_clock((struct instant){T0 + 60 * (int64_t)i, 60}, clock, sizeof clock);
		sb_reset(&want);
		sb_puts(&want, "<li>");
		html_text(&want, tricky[i]);
		sb_printf(&want, " — scribe, %s</li>", clock);
		ok(strstr(sb_str(&html), sb_str(&want)) != NULL, "escaping: %s", tricky[i]);
		if (!strstr(sb_str(&html), sb_str(&want)))
			printf("#   want: %s\n", sb_str(&want));
	}
	ok(!strstr(sb_str(&html), "<img") &&
		   count(sb_str(&html), "<a ") == count(sb_str(&html), "<a href=\"#") &&
		   !strstr(sb_str(&html), "<code>") && !strstr(sb_str(&html), "<!--"),
	   "escaping: no markup made it through (the only links: the contents' own)");
	sb_free(&html);
	sb_free(&want);
	model_doc_free(&doc);
	retro_free(&r);
}

static void test_empty(void)
{
	struct err e = {0};
	struct retro r = {0};
	r.title = clean("Quiet one");
	struct retro_doc doc;
	if (store_create_retro(st, &r, NULL, 0, &e) != 0 || model_load(st, r.id, &doc, &e) != 0) {
		ok(0, "an empty retrospective loads: %s", e.msg);
		retro_free(&r);
		return;
	}
	struct strbuf out = {0};
	render(&doc, EXPORT_MD, &out);
	const char *s = sb_str(&out);
	ok(strstr(s, "| Time to detect | *not known* |") != NULL, "empty: durations not known");
	ok(strstr(s, "*No events were recorded.*") && strstr(s, "*No action items were recorded.*"),
	   "empty: says what is missing");
	ok(strstr(s, "| Facilitator | — |") && strstr(s, "| Scribe | — |"),
	   "empty: missing people");
	ok(!strstr(s, "Notes by stage"), "empty: no stage notes section");
	render(&doc, EXPORT_TXT, &out);
	render(&doc, EXPORT_HTML, &out);
	render(&doc, EXPORT_JSON, &out);
	ok(strstr(sb_str(&out), "\"events\": []") && json_balanced(sb_str(&out)),
	   "empty: JSON with empty arrays");
	sb_free(&out);
	model_doc_free(&doc);
	retro_free(&r);
}

int main(void)
{
	setenv("DEBRIEF_NOW", "1795970000", 1);
	test_formats();
	char dir[] = "/tmp/debrief-export.XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "a temporary folder");
		return done_testing();
	}
	if (build(dir) != 0) {
		ok(0, "builds the retrospective");
		return done_testing();
	}
	struct retro_doc doc;
	struct err e = {0};
	int rc = model_load(st, retro_id, &doc, &e);
	ok(rc == 0, "loads: %s", e.msg);
	if (rc == 0) {
		test_markdown(&doc);
		test_text(&doc);
		test_text_wide(&doc);
		test_html(&doc);
		test_json(&doc);
		model_doc_free(&doc);
	}
	test_empty();
	test_escaping();
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done_testing();
}
