/* Unit tests: the agenda template and the shipped questions. */
#include <stdlib.h>
#include <string.h>

#include "debrief/agenda.h"
#include "tap.h"

static void refused(const char *text, const char *msg, const char *what)
{
	struct agenda a;
	struct err e = {0};
	ok(agenda_parse(text, strlen(text), "t", &a, &e) != 0, "%s is refused", what);
	is_str(e.msg, msg, "%s: with its line", what);
	ok(a.questions == NULL && a.n_questions == 0 && a.name == NULL, "%s: nothing kept", what);
}

int main(void)
{
	struct agenda a;
	struct err e = {0};
	const char *text = "# comment\ntimebox timeline 20\ntimebox 3 9m\n? First?\n- p1\n- p2\n\n? Second?\n";
	ok(agenda_parse(text, strlen(text), "t", &a, &e) == 0, "parses an agenda");
	is_int(a.n_questions, 2, "two questions");
	is_str(a.questions[0].prompts, "p1\np2", "prompts one per line");
	is_str(a.questions[1].title, "Second?", "titles without the marker");
	is_str(a.questions[1].prompts, "", "a question may have no prompts");
	is_int(a.timebox[STAGE_TIMELINE], 20 * 60, "a stage's timebox by name, in minutes");
	is_int(a.timebox[STAGE_QUESTIONS], 9 * 60, "by number, with m after the minutes");
	is_int(a.timebox[STAGE_PRIME], 0, "a stage without one has none");
	agenda_free(&a);

	refused("- orphan\n", "t:1: a prompt before any question", "a prompt first");
	refused("? Q\nfree text\n", "t:2: expected '? question', '- prompt' or 'timebox STAGE MINUTES'",
		"other lines");
	refused("? Q\ntimebox lunch 5\n", "t:2: no stage 'lunch' (prime-directive, timeline, questions, "
		"actions, close)", "an unknown stage");
	refused("? Q\ntimebox close 0\n", "t:2: '0' is not a number of minutes from 1 to 600",
		"no minutes");
	refused("? Q\ntimebox close 5h\n", "t:2: '5h' is not a number of minutes from 1 to 600",
		"hours");
	refused("? Q\ntimebox close 601\n", "t:2: '601' is not a number of minutes from 1 to 600",
		"too long");
	refused("? Q\ntimebox close\n", "t:2: expected 'timebox STAGE MINUTES'", "no minutes at all");
	refused("? Q\ntimebox close 5\ntimebox 5 6\n", "t:3: a second timebox for close", "twice");

	ok(agenda_load(&a, &e) == 0, "the shipped agenda loads: %s", e.msg);
	is_str(a.name, "default", "named default");
	is_int(a.n_questions, 7, "the seven questions");
	static const char *const titles[] = {
		"How were we notified about the problem?",
		"Was the right team paged?",
		"Could we have discovered the problem sooner?",
		"Was the information we needed to resolve the incident easily accessible?",
		"Did we get lucky? Could things have been worse?",
		"Where did we have humans doing work where computers should have done it?",
		"What did we set out to do? And what actually happened?",
	};
	for (size_t i = 0; i < a.n_questions && i < 7; i++) {
		is_str(a.questions[i].title, titles[i], "question %zu is quoted as it is", i + 1);
		ok(a.questions[i].prompts && strchr(a.questions[i].prompts, '\n'), "question %zu has prompts",
		   i + 1);
	}
	int64_t total = 0;
	for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++) {
		ok(a.timebox[s] > 0, "stage %d has a timebox", s);
		total += a.timebox[s];
	}
	is_int(total, 60 * 60, "an hour in all");
	is_int(a.timebox[STAGE_TIMELINE], 35 * 60, "35 minutes of it for the timeline");
	agenda_free(&a);
	return done_testing();
}
