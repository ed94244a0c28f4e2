/* Unit tests: the question bank and the language nudge (bank.h), and the
 * shipped files. */
#include <stdlib.h>
#include <string.h>

#include "debrief/bank.h"
#include "tap.h"

static void bank_refused(const char *text, const char *msg)
{
	struct ask_bank b;
	struct err e = {0};
	ok(ask_bank_parse(text, strlen(text), "b", &b, &e) != 0, "refused: %s", msg);
	is_str(e.msg, msg, "with its line");
	ok(b.n == 0 && b.groups == NULL && b.file == NULL, "nothing kept");
}

static void test_bank(void)
{
	struct ask_bank b;
	struct err e = {0};
	const char *text = "# c\n[detection]\n- D1\n- D2\n[mark lucky]\n- L1\n[any]\n- A1\n- D1\n[Page]\n- P1\n";
	ok(ask_bank_parse(text, strlen(text), "b", &b, &e) == 0, "parses a bank: %s", e.msg);
	const char *q[3];
	size_t n = ask_bank_for(&b, EV_DETECTION, MARK_LUCKY, q, 3);
	ok(n == 3 && strcmp(q[0], "L1") == 0 && strcmp(q[1], "D1") == 0 && strcmp(q[2], "D2") == 0,
	   "the mark's first, then the kind's, three at most");
	n = ask_bank_for(&b, EV_DETECTION, MARK_NONE, q, 3);
	ok(n == 3 && strcmp(q[2], "A1") == 0, "then any event's, each once (D1 is not twice)");
	n = ask_bank_for(&b, EV_PAGE, MARK_NONE, q, 3);
	ok(n == 3 && strcmp(q[0], "P1") == 0, "kinds in any case");
	n = ask_bank_for(&b, EV_OTHER, MARK_NONE, q, 3);
	ok(n == 2 && strcmp(q[0], "A1") == 0, "an event with no group of its own: any event's");
	ask_bank_free(&b);
	bank_refused("- Q\n", "b:1: a question before any group");
	bank_refused("[lunch]\n- Q\n", "b:1: no kind of event 'lunch'");
	bank_refused("[mark shiny]\n", "b:1: no mark 'shiny' (went-well, could-be-better, lucky)");
	bank_refused("[any\n", "b:1: a group is '[kind]', '[mark MARK]' or '[any]'");
	bank_refused("[any]\nfree text\n", "b:2: expected '[group]' or '- question'");
	bank_refused("[any]\n-   \n", "b:2: an empty question");

	ok(ask_bank_load(&b, &e) == 0, "the shipped bank loads: %s", e.msg);
	for (int k = 0; k < EV_KIND_COUNT; k++) {
		n = ask_bank_for(&b, (enum event_kind)k, MARK_NONE, q, 3);
		ok(n >= 2, "the shipped bank asks about every kind of event (%s: %zu)", event_kind_name(k), n);
	}
	n = ask_bank_for(&b, EV_DETECTION, MARK_NONE, q, 3);
	is_str(n ? q[0] : "", "How did the first person notice? What did they see?", "detection first");
	n = ask_bank_for(&b, EV_OTHER, MARK_LUCKY, q, 3);
	is_str(n ? q[0] : "", "What would have happened at peak traffic?", "lucky first");
	ask_bank_free(&b);
}

static bool finds(const struct nudge *nu, const char *text, const char *want)
{
	size_t at, span;
	const struct nudge_phrase *p;
	if (!nudge_find(nu, text, strlen(text), 0, &at, &span, &p))
		return want == NULL;
	return want && strlen(want) == span && strncmp(text + at, want, span) == 0;
}

static void test_nudge(void)
{
	struct nudge nu;
	struct err e = {0};
	const char *text = "? R1\nshould have\nif only\n? R2\nblame\n";
	ok(nudge_parse(text, strlen(text), "n", &nu, &e) == 0, "parses a phrase list: %s", e.msg);
	ok(finds(&nu, "We should have known", "should have"), "a phrase");
	ok(finds(&nu, "SHOULD HAVE", "SHOULD HAVE"), "in any case");
	ok(finds(&nu, "they shouldhave", NULL), "whole words only");
	ok(finds(&nu, "who is to blame?", "blame"), "at the end, before punctuation");
	ok(finds(&nu, "blames", NULL) && finds(&nu, "blameless", NULL), "not inside a longer word");
	ok(finds(&nu, "unblame", NULL), "nor at its end");
	ok(finds(&nu, "nobody", NULL), "nothing to find");
	size_t at, span;
	const struct nudge_phrase *p;
	ok(nudge_find(&nu, "if only, and blame", 18, 3, &at, &span, &p) && at == 13 && strcmp(p->reframe, "R2") == 0,
	   "from a place on, with its group's reframing question");
	nudge_free(&nu);
	struct nudge bad;
	ok(nudge_parse("blame\n", 6, "n", &bad, &e) != 0, "a phrase before any question is refused");
	is_str(e.msg, "n:1: a phrase before any '? reframing question'", "with its line");
	ok(nudge_parse("?  \n", 4, "n", &bad, &e) != 0 && strcmp(e.msg, "n:1: an empty reframing question") == 0,
	   "an empty question is refused");
	ok(nudge_load(&nu, &e) == 0, "the shipped list loads: %s", e.msg);
	ok(finds(&nu, "It was human error.", "human error"), "the shipped list knows human error");
	ok(finds(&nu, "They failed to check", "failed to"), "and failed to");
	ok(finds(&nu, "A canary would have stopped the rollout at 9:45.", NULL),
	   "the demo's hindsight about a safeguard is not nudged");
	nudge_free(&nu);
}

int main(void)
{
	test_bank();
	test_nudge();
	return done_testing();
}
