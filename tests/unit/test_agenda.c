/* Unit tests: the agenda template and the shipped questions. */
#include <stdlib.h>
#include <string.h>

#include "debrief/agenda.h"
#include "tap.h"

int main(void)
{
	struct question *q;
	size_t n;
	struct err e = {0};
	const char *text = "# comment\n? First?\n- p1\n- p2\n\n? Second?\n";
	ok(agenda_parse(text, strlen(text), "t", &q, &n, &e) == 0, "parses an agenda");
	is_int(n, 2, "two questions");
	is_str(q[0].prompts, "p1\np2", "prompts one per line");
	is_str(q[1].title, "Second?", "titles without the marker");
	is_str(q[1].prompts, "", "a question may have no prompts");
	for (size_t i = 0; i < n; i++)
		question_free(&q[i]);
	free(q);

	const char *bad = "- orphan\n";
	ok(agenda_parse(bad, strlen(bad), "t", &q, &n, &e) != 0, "a prompt before any question is refused");
	is_str(e.msg, "t:1: a prompt before any question", "with its line");
	const char *junk = "? Q\nfree text\n";
	ok(agenda_parse(junk, strlen(junk), "t", &q, &n, &e) != 0, "other lines are refused");
	is_str(e.msg, "t:2: expected '? question' or '- prompt'", "with their line");

	ok(agenda_load(&q, &n, &e) == 0, "the shipped agenda loads: %s", e.msg);
	is_int(n, 7, "the seven questions");
	static const char *const titles[] = {
		"How were we notified about the problem?",
		"Was the right team paged?",
		"Could we have discovered the problem sooner?",
		"Was the information we needed to resolve the incident easily accessible?",
		"Did we get lucky? Could things have been worse?",
		"Where did we have humans doing work where computers should have done it?",
		"What did we set out to do? And what actually happened?",
	};
	for (size_t i = 0; i < n && i < 7; i++) {
		is_str(q[i].title, titles[i], "question %zu is quoted as it is", i + 1);
		ok(q[i].prompts && strchr(q[i].prompts, '\n'), "question %zu has prompts", i + 1);
	}
	for (size_t i = 0; i < n; i++)
		question_free(&q[i]);
	free(q);
	return done_testing();
}
