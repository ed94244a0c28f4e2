/* Timeline import: the three formats, dates carried over and rolled past
 * midnight, and every way an input is refused. Runs with TZ=Europe/Berlin,
 * so local November times are +01:00. */
#include "debrief/import.h"
#include "debrief/store.h"
#include "debrief/text.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"

static const struct civil_date day = {2026, 11, 24};

static struct event *ev;
static size_t nev;

static void free_events(void)
{
	for (size_t i = 0; i < nev; i++)
		event_free(&ev[i]);
	free(ev);
	ev = NULL;
	nev = 0;
}

/* Parses a C string (its strlen) with the incident day as default date. */
static int parse(const char *s, const char *name)
{
	struct err e = {0};
	free_events();
	int rc = import_parse(s, strlen(s), name, &day, &ev, &nev, &e);
	if (rc != 0)
		printf("#   unexpected error: %s\n", e.msg);
	return rc;
}

static const char *when(size_t i)
{
	static char buf[64];
	if (i >= nev)
		return "(none)";
	instant_format(ev[i].time, buf, sizeof buf);
	return buf;
}

static const char *text_of(size_t i)
{
	return i < nev ? ev[i].text : "(none)";
}

static int kind_of(size_t i)
{
	return i < nev ? (int)ev[i].kind : -1;
}

static int mark_of(size_t i)
{
	return i < nev ? (int)ev[i].mark : -1;
}

/* Expects a refusal whose message starts with want, with nothing handed
 * back. */
static void refuses_n(const char *s, size_t len, const char *name,
		      const struct civil_date *d, const char *want, const char *what)
{
	struct err e = {0};
	struct event *out = (struct event *)&e; /* must be reset to NULL */
	size_t n = 99;
	int rc = import_parse(s, len, name, d, &out, &n, &e);
	bool pass = rc == -1 && out == NULL && n == 0 &&
		    strncmp(e.msg, want, strlen(want)) == 0;
	ok(pass, "refuses %s", what);
	if (!pass)
		printf("#   rc %d, n %zu\n#   got:  \"%s\"\n#   want: \"%s...\"\n", rc, n,
		       e.msg, want);
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			event_free(&out[i]);
		free(out);
	}
}

static void refuses(const char *s, const char *name, const char *want,
		    const char *what)
{
	refuses_n(s, strlen(s), name, &day, want, what);
}

static void test_detect(void)
{
	static const struct {
		const char *in;
		enum import_format want;
	} cases[] = {
		{"[{\"time\":\"14:05\"}]", IMPORT_JSON},
		{"\n  \n [\n]", IMPORT_JSON},
		{"{\"time\":\"14:05\"}", IMPORT_JSON},
		{"time,kind,text\n14:05,alert,x\n", IMPORT_CSV},
		{"\n\nText,TIME\r\n", IMPORT_CSV},
		{"\"time\",\"text\"\n", IMPORT_CSV},
		{"\xEF\xBB\xBFtime,text\n", IMPORT_CSV},
		{"kind,text\n", IMPORT_CSV},
		{"14:05 text, more text\n", IMPORT_TEXT},
		{"[14:05] chat line\n", IMPORT_TEXT},
		{"[9:05] chat line\n", IMPORT_TEXT},
		{"[2026-11-24 14:05] chat line\n", IMPORT_TEXT},
		{"# time,text\n14:05 x\n", IMPORT_TEXT},
		{"", IMPORT_TEXT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(import_format_name(import_detect(cases[i].in, strlen(cases[i].in))),
		       import_format_name(cases[i].want), "detects %s in case %zu",
		       import_format_name(cases[i].want), i);
	is_str(import_format_name(IMPORT_CSV), "csv", "csv's name");
	is_str(import_format_name(IMPORT_JSON), "json", "json's name");
	is_str(import_format_name(IMPORT_TEXT), "text", "text's name");
}

static void test_text_lines(void)
{
	const char *log = "# pasted from the incident channel\n"
			  "\n"
			  "2026-11-24 23:50 !trigger deploy 4512 starts\n"
			  "23:55 error rate climbs !impact\n"
			  "00:05 pager !detect fired\n"
			  "[00:10] on-call acks !page\n"
			  "  00:20:30 rollback started !mitigation !went-well\n"
			  "[2026-11-25T01:00:00Z] error rate normal !resolution\n"
			  "00:40 note written\n";
	ok(parse(log, "log.txt") == 0, "text lines parse");
	is_int(nev, 7, "seven events (comments and blank lines skipped)");
	is_str(when(0), "2026-11-24 23:50:00 +01:00", "dated line");
	is_int(kind_of(0), EV_TRIGGER, "!trigger at the start");
	is_str(text_of(0), "deploy 4512 starts", "!kind word taken out");
	is_str(when(1), "2026-11-24 23:55:00 +01:00", "date carried over");
	is_int(kind_of(1), EV_IMPACT_START, "!impact alias at the end");
	is_str(text_of(1), "error rate climbs", "trailing !kind taken out");
	is_str(when(2), "2026-11-25 00:05:00 +01:00", "rolls over midnight");
	is_int(kind_of(2), EV_DETECTION, "!detect in the middle");
	is_str(text_of(2), "pager fired", "middle !kind taken out");
	is_str(when(3), "2026-11-25 00:10:00 +01:00", "bracketed time, next day kept");
	is_int(kind_of(3), EV_PAGE, "!page");
	is_str(text_of(3), "on-call acks", "bracketed text");
	is_str(when(4), "2026-11-25 00:20:30 +01:00", "seconds, leading blanks");
	is_int(kind_of(4), EV_MITIGATION, "!mitigation");
	is_int(mark_of(4), MARK_WENT_WELL, "!went-well sets the mark");
	is_str(text_of(4), "rollback started", "both tags taken out");
	is_str(when(5), "2026-11-25 01:00:00 +00:00", "bracketed ISO time with Z");
	is_int(kind_of(5), EV_RESOLUTION, "!resolution");
	/* 01:00Z was 01:00 on the clock it was written in; 00:40 is earlier. */
	is_str(when(6), "2026-11-26 00:40:00 +01:00", "later clock comparison rolls again");
	is_int(kind_of(6), EV_OTHER, "no tag is 'other'");
	is_int(mark_of(6), MARK_NONE, "no mark");

	ok(parse("14:05 first\r\n14:10 !alert second\r\n\r\n", "crlf.txt") == 0,
	   "CRLF text lines");
	is_int(nev, 2, "two CRLF events");
	is_str(when(0), "2026-11-24 14:05:00 +01:00", "default date used");
	ok(nev && ev[0].time.at == days_from_civil(2026, 11, 24) * 86400 + 13 * 3600 + 5 * 60,
	   "14:05 in Berlin is 13:05Z");
	is_str(text_of(1), "second", "no CR left in the text");
	is_int(kind_of(1), EV_ALERT, "alert on a CRLF line");

	ok(parse("2026-11-24T14:05:00+05:30 offset given\n"
		 "2026-11-24 14:06-0800 compact offset\n"
		 "[2026-11-24 14:05:00] chat export\n"
		 "14:07 !lucky !Det caught early\n",
		 "off.txt") == 0,
	   "offsets and chat exports");
	is_str(when(0), "2026-11-24 14:05:00 +05:30", "offset +05:30 kept");
	is_str(when(1), "2026-11-24 14:06:00 -08:00", "offset -0800 kept");
	is_str(when(2), "2026-11-24 14:05:00 +01:00", "bracketed date-time is local");
	is_int(kind_of(3), EV_DETECTION, "unique prefix !Det");
	is_int(mark_of(3), MARK_LUCKY, "!lucky is a mark");
	is_str(text_of(3), "caught early", "text after two tags");

	ok(parse("2026-11-30 23:59 a\n00:01 b\n", "month.txt") == 0, "end of month");
	is_str(when(1), "2026-12-01 00:01:00 +01:00", "rollover into the next month");
	ok(parse("2026-12-31 23:59 a\n00:01 b\n", "year.txt") == 0, "end of year");
	is_str(when(1), "2027-01-01 00:01:00 +01:00", "rollover into the next year");
	ok(parse("14:05 a\n14:05 b\n", "same.txt") == 0, "same clock time");
	is_str(when(1), "2026-11-24 14:05:00 +01:00", "equal time does not roll over");

	ok(parse("14:05 a \x1b[31mred\x1b[0m and a bell\x07!\n", "ctl.txt") == 0,
	   "control characters");
	is_str(text_of(0), "a \xE2\x90\x9B[31mred\xE2\x90\x9B[0m and a bell\xE2\x90\x87!",
	       "escape and bell shown, not stored raw");
	ok(parse("14:05 it works! !! done\n", "bang.txt") == 0, "bare ! words are text");
	is_str(text_of(0), "it works! !! done", "exclamation marks kept");

	/* Summer time: the offset in force at that date. */
	ok(parse("2026-07-01 12:00 summer\n", "dst.txt") == 0, "summer date");
	is_str(when(0), "2026-07-01 12:00:00 +02:00", "CEST offset");
}

static void test_csv(void)
{
	const char *csv = "time,kind,text,mark\n"
			  "2026-11-24 14:05,trigger,\"deploy, with a comma\",\n"
			  "14:10,detect,\"spans\n"
			  "two lines, says \"\"hi\"\"\",went-well\n"
			  "14:20,,plain,lucky\n"
			  "2026-11-24T13:30:00Z,Resolved,  spaced  ,could-be-better\n";
	ok(parse(csv, "t.csv") == 0, "CSV parses");
	is_int(nev, 4, "four CSV events");
	is_str(when(0), "2026-11-24 14:05:00 +01:00", "CSV local time");
	is_int(kind_of(0), EV_TRIGGER, "CSV kind");
	is_str(text_of(0), "deploy, with a comma", "quoted comma kept");
	is_int(mark_of(0), MARK_NONE, "empty mark");
	is_str(text_of(1), "spans two lines, says \"hi\"", "quoted newline and quotes");
	is_int(kind_of(1), EV_DETECTION, "detect alias");
	is_int(mark_of(1), MARK_WENT_WELL, "went-well");
	is_int(kind_of(2), EV_OTHER, "empty kind is other");
	is_int(mark_of(2), MARK_LUCKY, "lucky");
	is_str(when(3), "2026-11-24 13:30:00 +00:00", "CSV Z time");
	is_int(kind_of(3), EV_RESOLUTION, "case-insensitive kind");
	is_str(text_of(3), "spaced", "blanks trimmed");
	is_int(mark_of(3), MARK_COULD_BE_BETTER, "could-be-better");

	ok(parse("\xEF\xBB\xBF\"Text\",\"TIME\"\r\nhello,14:05\r\n\"bye\r\nnow\",14:06\r\n",
		 "crlf.csv") == 0,
	   "columns in any order, quoted header, BOM, CRLF");
	is_int(nev, 2, "two events");
	is_str(text_of(0), "hello", "text column first");
	is_str(when(1), "2026-11-24 14:06:00 +01:00", "time column second");
	is_str(text_of(1), "bye now", "quoted CRLF becomes a space");

	ok(parse("time,text\n23:50,a\n00:10,b\n", "night.csv") == 0, "CSV past midnight");
	is_str(when(1), "2026-11-25 00:10:00 +01:00", "CSV rollover");
	ok(parse("time,text\n14:05,a", "nonl.csv") == 0, "no final newline");
	is_int(nev, 1, "last record without newline");
}

static void test_json(void)
{
	const char *json =
		"[\n"
		"  {\"time\": \"2026-11-24T14:05:00+01:00\", \"kind\": \"trigger\",\n"
		"   \"text\": \"deploy\", \"mark\": \"could-be-better\"},\n"
		"  {\"time\": \"14:10\", \"text\": \"no kind\", \"mark\": null},\n"
		"  {\"text\": \"fixed \\\"it\\\" \\u00e9\\ttab\", \"time\": \"2026-11-24 14:20Z\",\n"
		"   \"kind\": \"resolved\", \"id\": 5, \"extra\": {\"ignored\": true}},\n"
		"  {\"time\": \"00:10\", \"text\": \"after midnight\", \"kind\": \"\"}\n"
		"]\n";
	ok(parse(json, "t.json") == 0, "JSON parses");
	is_int(nev, 4, "four JSON events");
	is_str(when(0), "2026-11-24 14:05:00 +01:00", "JSON offset");
	is_int(kind_of(0), EV_TRIGGER, "JSON kind");
	is_int(mark_of(0), MARK_COULD_BE_BETTER, "JSON mark");
	is_str(text_of(1), "no kind", "JSON text");
	is_int(kind_of(1), EV_OTHER, "absent kind is other");
	is_int(mark_of(1), MARK_NONE, "null mark is none");
	is_str(text_of(2), "fixed \"it\" \xC3\xA9 tab", "escapes decoded, tab cleaned");
	is_str(when(2), "2026-11-24 14:20:00 +00:00", "JSON Z time");
	is_int(kind_of(2), EV_RESOLUTION, "resolved alias");
	is_str(when(3), "2026-11-25 00:10:00 +01:00", "JSON rollover");
	is_int(kind_of(3), EV_OTHER, "empty kind is other");
}

static void test_refusals(void)
{
	const struct civil_date *none = NULL;

	refuses("9999-12-31 23:50 the last minutes\n00:10 past midnight\n", "end.txt",
		"end.txt:2: this time falls after 9999-12-31",
		"rolling over midnight from the last date there is (it used to go to 1970)");

	/* CSV */
	refuses("time,text\n14:05,ab\"c\n", "q.csv", "q.csv:2: malformed CSV",
		"a quote inside an unquoted CSV field");
	refuses("time,text\n14:05,\"ab\"c\n", "q.csv", "q.csv:2: malformed CSV",
		"text after a closing quote");
	refuses("time,text\n14:05,a\n14:06,\"never\nclosed\n", "q.csv",
		"q.csv:3: malformed CSV: a quoted field is never closed",
		"an unclosed quote (at the record's line)");
	refuses("time,text\n14:05,a,b\n", "f.csv", "f.csv:2: expected 2 fields, found 3",
		"too many fields");
	refuses("time,kind,text\n14:05,a\n", "f.csv", "f.csv:2: expected 3 fields, found 2",
		"too few fields");
	refuses("time,text,who\n14:05,a,me\n", "c.csv",
		"c.csv:1: unknown column 'who' (expected time, kind, text, mark, source)",
		"an unknown column");
	refuses("\ntime,kind,text,mark,who\n", "c.csv", "c.csv:2: unknown column 'who'",
		"an unknown fifth column, on its line");
	refuses("kind,text\nalert,x\n", "c.csv", "c.csv:1: missing column 'time'",
		"a missing time column");
	refuses("time,kind\n14:05,alert\n", "c.csv", "c.csv:1: missing column 'text'",
		"a missing text column");
	refuses("time,text,Time\n", "c.csv", "c.csv:1: column 'time' appears twice",
		"a repeated column");
	refuses("time,kind,text\n14:05,bogus,x\n", "k.csv",
		"k.csv:2: unknown kind 'bogus' (expected trigger, impact-start, alert, "
		"detection, page, investigation, escalation, communication, mitigation, resolution, "
		"impact-end, other)",
		"an unknown kind, listing the kinds");
	refuses("time,kind,text\n14:05,alert,\"two\nlines\"\n14:06,bogus,x\n", "k.csv",
		"k.csv:4: unknown kind 'bogus' (expected",
		"a bad kind after a two-line record, with the right line");
	refuses("time,kind,text\n14:05,alert,x\n14:06,bogus,\"two\nlines\"\n", "k.csv",
		"k.csv:3: unknown kind 'bogus' (expected",
		"a bad kind in a two-line record, at its first line");
	refuses("time,kind,text\n14:05,i,x\n", "k.csv", "k.csv:2: unknown kind 'i'",
		"an ambiguous kind prefix");
	refuses("time,text,mark\n14:05,x,great\n", "m.csv",
		"m.csv:2: unknown mark 'great' (expected went-well, could-be-better, lucky",
		"an unknown mark");
	refuses("time,text\n,x\n", "t.csv", "t.csv:2: missing time", "an empty time");
	refuses("time,text\n14:05,\"  \"\n", "t.csv", "t.csv:2: empty text",
		"an empty CSV text");
	refuses("time,text\n14:05 oops,x\n", "t.csv",
		"t.csv:2: bad time '14:05 oops': expected a time",
		"a time with words after it");
	refuses("time,text\n", "h.csv", "h.csv:1: no events found", "a header alone");

	/* Times */
	refuses("14:05 fine\n2026-02-30 14:05 no such day\n", "t.txt",
		"t.txt:2: bad time '2026-02-30': this date or time cannot exist",
		"February 30th");
	refuses("25:10 late\n", "t.txt", "t.txt:1: bad time '25:10': this date or time cannot exist",
		"25:10");
	refuses("time,text\n2026-11-24 14:65,x\n", "t.csv",
		"t.csv:2: bad time '2026-11-24': this date or time cannot exist",
		"minute 65 in CSV");
	refuses_n("14:05 x\n", 8, "t.txt", none,
		  "t.txt:1: a time without a date, and the retrospective has no incident date",
		  "a time with no date and no default date");
	refuses_n("time,text\n14:05,x\n", 18, "t.csv", none,
		  "t.csv:2: a time without a date", "a CSV time with no date");
	refuses("pager fired at 14:05\n", "t.txt",
		"t.txt:1: bad time 'pager': expected a time as [YYYY-MM-DD ]HH:MM[:SS]",
		"a line that does not start with a time");
	refuses("14:05pager\n", "t.txt", "t.txt:1: expected a blank between the time and the text",
		"a time glued to the text");
	refuses("[14:05 pager\n", "t.txt", "t.txt:1: expected ']' after the time",
		"an unclosed bracket");
	refuses("2026-03-29 02:30 lost hour\n", "t.txt",
		"t.txt:1: bad time '2026-03-29': this local time was skipped",
		"a time inside the spring-forward gap");

	/* Text lines */
	refuses("14:05 !bogus x\n", "k.txt", "k.txt:1: unknown kind '!bogus' (expected !trigger",
		"an unknown !kind");
	refuses("14:05 !alert x !page\n", "k.txt", "k.txt:1: more than one !kind given",
		"two kinds on a line");
	refuses("14:05 a\n14:06 b    \n14:07 !alert\n", "e.txt", "e.txt:3: empty text",
		"a line with only a tag");
	refuses("14:05\n", "e.txt", "e.txt:1: empty text", "a time alone");

	/* Bytes */
	refuses("14:05 a\n14:06 b\n14:07 caf\xC3 x\n", "u.txt", "u.txt:3: invalid UTF-8",
		"invalid UTF-8 on line 3");
	refuses("time,text\n14:05,\xED\xA0\x80\n", "u.csv", "u.csv:2: invalid UTF-8",
		"a UTF-8 surrogate in CSV");
	refuses("[\n{\"time\":\"14:05\",\n\"text\":\"\xC0\xAF\"}]", "u.json",
		"u.json:3: invalid UTF-8", "an overlong sequence in JSON");
	refuses_n("14:05 a\n14:06 b\0c\n", 17, "n.txt", &day, "n.txt:2: NUL byte",
		  "a NUL byte");
	refuses("", "-", "-:1: no events found", "empty input");
	refuses("\n  \n# only a comment\n", "<stdin>", "<stdin>:1: no events found",
		"comments only");
	refuses("[]", "e.json", "e.json:1: no events found", "an empty JSON array");

	/* Field size */
	{
		struct strbuf b = {0};
		sb_puts(&b, "time,text\n14:05,");
		for (int i = 0; i < 64 * 1024 + 1; i++)
			sb_putc(&b, 'x');
		sb_putc(&b, '\n');
		refuses(b.s, "big.csv", "big.csv:2: a field is longer than 64 KiB",
			"a CSV field over 64 KiB");
		sb_reset(&b);
		sb_puts(&b, "14:05 ");
		for (int i = 0; i < 64 * 1024; i++)
			sb_putc(&b, 'x');
		refuses(b.s, "big.txt", "big.txt:1: line is longer than 64 KiB",
			"a text line over 64 KiB");
		sb_free(&b);
	}

	/* JSON */
	refuses("{\"time\": \"14:05\", \"text\": \"x\"}", "j.json",
		"j.json:1: expected a JSON array of objects, found an object",
		"a JSON object that is not in an array");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"},\n \"oops\"\n]", "j.json",
		"j.json:3: element 2 is a string, not an object", "an element that is a string");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"},\n [1]\n]", "j.json",
		"j.json:3: element 2 is an array, not an object", "an element that is an array");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"},\n {\"time\": \"14:06\" \"text\": \"b\"}\n]",
		"j.json", "j.json:3: element 2 is not valid JSON", "a missing comma");
	refuses("[\n  {\n    \"time\": \"14:05\",\n    \"text\": \"a\",\n    \"kind\": tru\n  }\n]",
		"j.json", "j.json:5: element 1 is not valid JSON",
		"a bad literal, on its own line inside the object");
	refuses("[\n  {\n    \"time\": \"14:05\",\n    \"text\": \"a\",\n  }\n]", "j.json",
		"j.json:5: element 1 is not valid JSON", "a trailing comma in an object");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"},\n]", "j.json",
		"j.json:3: expected a value before ']'", "a trailing comma in the array");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"abc}\n]", "j.json",
		"j.json:2: unterminated string", "an unterminated string");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"}\n\n", "j.json",
		"j.json:2: the array is never closed", "an unterminated array");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"\n", "j.json",
		"j.json:2: unterminated object", "an unterminated object");
	refuses("[\n {\"time\": \"14:05\", \"text\": [\"a\"}\n]", "j.json",
		"j.json:2: '}' does not close '['", "mismatched brackets");
	refuses("[\n {\"time\": \"14:05\", \"text\": \"a\"}\n] x", "j.json",
		"j.json:3: unexpected text after the array", "text after the array");
	refuses("[{\"time\": \"14:05\", \"text\": {\"a\": 1}}]", "j.json",
		"j.json:1: element 1: \"text\" is an object (expected a string)",
		"a value that is an object");
	refuses("[{\"time\": \"14:05\", \"text\": \"a\", \"text\": \"b\"}]", "j.json",
		"j.json:1: element 1 has \"text\" twice", "a repeated key");
	refuses("[\n{\"time\": \"14:05\", \"text\": \"a\\u0000b\"}]", "j.json",
		"j.json:2: a string contains \\u0000 (a NUL character)",
		"an escaped NUL");
	refuses("[\n{\"time\": \"14:05\", \"kind\": \"x\", \"text\": \"a\"}]", "j.json",
		"j.json:2: unknown kind 'x'", "a bad kind in JSON");
	refuses("[\n{\"time\": \"14:05\", \"mark\": 7, \"text\": \"a\"}]", "j.json",
		"j.json:2: unknown mark '7'", "a number where a mark should be");
	refuses("[\n{\"time\": \"14:05\"}]", "j.json", "j.json:2: empty text",
		"a JSON element without text");
	refuses("[\n{\"text\": \"a\"}]", "j.json", "j.json:2: missing time",
		"a JSON element without time");
	refuses("[\n{\"time\": \"2026-02-30 10:00\", \"text\": \"a\"}]", "j.json",
		"j.json:2: bad time '2026-02-30'", "an impossible JSON date");
	refuses("[\n  \"a\",\n", "j.json", "j.json:2: the array is never closed",
		"an array that stops");
}

int main(void)
{
	test_detect();
	test_text_lines();
	test_csv();
	test_json();
	test_refusals();
	free_events();
	return done_testing();
}
