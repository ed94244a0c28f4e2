/* libFuzzer target for the timeline importer (CSV, JSON and text lines).
 *
 * The first byte picks how the rest is framed, so each parser gets inputs of
 * its own shape even when detection alone would rarely pick it:
 *   0: as is (format by detection)
 *   1: "time,kind,text,mark\n" put in front (CSV)
 *   2: wrapped as a JSON array "[" ... "]"
 * Every input is parsed twice, with a default date and with none. After each
 * call the documented contract is checked and a violation aborts:
 *   success: n > 0, every event's text is non-empty valid UTF-8 with no C0,
 *            DEL or C1 control characters, kind and mark in range, ids empty;
 *   failure: *out NULL, *n 0, e.msg is one printable line that starts with
 *            "NAME:LINE:" where LINE is a line of the input.
 * And: an input that imports without a default date imports the same with
 * one (the default date is only for times that have no date).
 *
 *   tests/fuzz/run     builds and runs it (see tests/fuzz/README.md)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/error.h"
#include "debrief/import.h"
#include "debrief/text.h"
#include "debrief/timeutil.h"
#include "debrief/types.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz.in"

static const char csv_header[] = "time,kind,text,mark\n";



static size_t count_lines(const char *s, size_t n)
{
	size_t lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

static void check_success(const struct event *ev, size_t n)
{
	check(n > 0);
	check(ev != NULL);
	for (size_t i = 0; i < n; i++) {
		const struct event *x = &ev[i];
		check(x->id[0] == '\0');
		check(x->text != NULL);
		size_t len = strlen(x->text);
		check(len > 0);
		check(printable_text(x->text, len));
		/* Cleaned text is trimmed. */
		check(x->text[0] != ' ' && x->text[len - 1] != ' ');
		check((unsigned)x->kind < EV_KIND_COUNT);
		check((unsigned)x->mark < MARK_COUNT);
		check(x->time.offset_min >= -(18 * 60 + 59) &&
		      x->time.offset_min <= 18 * 60 + 59);
	}
}

static void check_failure(const struct err *e, const char *input, size_t len,
			  const struct event *out, size_t n)
{
	check(out == NULL);
	check(n == 0);
	size_t mlen = strnlen(e->msg, sizeof e->msg);
	check(mlen > 0 && mlen < sizeof e->msg);
	check(printable_text(e->msg, mlen));
	size_t pre = strlen(NAME);
	check(strncmp(e->msg, NAME ":", pre + 1) == 0);
	const char *p = e->msg + pre + 1;
	size_t line = 0, digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 12) {
		line = line * 10 + (size_t)(*p - '0');
		p++;
		digits++;
	}
	check(digits > 0 && *p == ':');
	check(line >= 1 && line <= count_lines(input, len));
}

static void free_events(struct event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++)
		event_free(&ev[i]);
	free(ev);
}

static bool same_events(const struct event *a, const struct event *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].time.at != b[i].time.at ||
		    a[i].time.offset_min != b[i].time.offset_min ||
		    a[i].kind != b[i].kind || a[i].mark != b[i].mark ||
		    strcmp(a[i].text, b[i].text) != 0)
			return false;
	return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Local times must not depend on the machine running the fuzzer. */
	setenv("TZ", "UTC", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0] % 3;
	const char *body = (const char *)data + 1;
	size_t blen = size - 1;

	/* An exact-size heap copy, not NUL-terminated: the importer takes a
	 * length, and ASan then catches any read past it. */
	size_t len = blen;
	if (mode == 1)
		len += sizeof csv_header - 1;
	else if (mode == 2)
		len += 2;
	char *in = xmalloc(len ? len : 1);
	if (mode == 0) {
		memcpy(in, body, blen);
	} else if (mode == 1) {
		memcpy(in, csv_header, sizeof csv_header - 1);
		memcpy(in + sizeof csv_header - 1, body, blen);
	} else {
		in[0] = '[';
		memcpy(in + 1, body, blen);
		in[len - 1] = ']';
	}

	const struct civil_date day = {2026, 11, 24};
	/* Not NULL, so a failure that leaves *out alone is seen. */
	static struct event sentinel;
	struct event *with = &sentinel, *without = &sentinel;
	size_t n_with = 99, n_without = 99;
	struct err e1, e2;
	memset(&e1, 0, sizeof e1);
	memset(&e2, 0, sizeof e2);

	int rc_with = import_parse(in, len, NAME, &day, &with, &n_with, &e1);
	if (rc_with == 0) {
		check_success(with, n_with);
	} else {
		check(rc_with == -1);
		check_failure(&e1, in, len, with, n_with);
	}

	int rc_without = import_parse(in, len, NAME, NULL, &without, &n_without, &e2);
	if (rc_without == 0) {
		check_success(without, n_without);
	} else {
		check(rc_without == -1);
		check_failure(&e2, in, len, without, n_without);
	}

	if (rc_without == 0) {
		check(rc_with == 0);
		check(n_with == n_without);
		check(same_events(with, without, n_with));
	}

	free_events(with, n_with);
	free_events(without, n_without);
	free(in);
	return 0;
}
