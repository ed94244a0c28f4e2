/* Unit tests: the agenda template and the shipped questions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

	ok(agenda_load(NULL, &a, &e) == 0, "the shipped agenda loads: %s", e.msg);
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

	/* Agendas as files: a team's in $XDG_CONFIG_HOME/debrief/agendas. */
	ok(agenda_name_valid("short") && agenda_name_valid("sev-1_review.v2"), "names of letters, digits, - _ .");
	ok(!agenda_name_valid("") && !agenda_name_valid("../x") && !agenda_name_valid("a/b") &&
	   !agenda_name_valid(".hidden") && !agenda_name_valid("with space"),
	   "no empty name, no path, no hidden file, no blank");
	char dir[] = "/tmp/debrief-agenda-XXXXXX", path[256];
	ok(mkdtemp(dir) != NULL, "a scratch folder");
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("DEBRIEF_SYSCONFDIR", "/nonexistent", 1);
	snprintf(path, sizeof path, "%s/debrief", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/debrief/agendas", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/debrief/agendas/team.agenda", dir);
	FILE *f = fopen(path, "w");
	fputs("timebox timeline 20\n? One\n? Two\n", f);
	fclose(f);
	ok(agenda_load("team", &a, &e) == 0, "a team's agenda loads: %s", e.msg);
	is_str(a.name, "team", "named after its file");
	is_int(a.n_questions, 2, "its questions");
	is_int(a.timebox[STAGE_TIMELINE], 20 * 60, "its timebox");
	agenda_free(&a);
	ok(agenda_load("nothere", &a, &e) != 0, "an unknown name is refused");
	is_str(e.msg, "no agenda named 'nothere' (there are: default, team; 'debrief agendas' lists them)",
	       "naming those there are");
	f = fopen(path, "w");
	fputs("? One\nwhat\n", f);
	fclose(f);
	char want[512];
	snprintf(want, sizeof want, "%s:2: expected '? question', '- prompt' or 'timebox STAGE MINUTES'", path);
	ok(agenda_load("team", &a, &e) != 0 && a.questions == NULL, "a malformed one is refused, nothing kept");
	is_str(e.msg, want, "FILE:LINE: what is wrong");
	struct agenda_info *v;
	size_t n;
	ok(agenda_list(&v, &n, &e) == 0 && n == 2, "both listed");
	ok(n == 2 && strcmp(v[0].name, "default") == 0 && v[0].used && v[0].n_questions == 7 &&
	   v[0].total_secs == 3600, "the default first, used, seven questions, an hour");
	ok(n == 2 && strcmp(v[1].name, "team") == 0 && !v[1].used && v[1].problem &&
	   strcmp(v[1].problem, want) == 0, "the malformed one with its problem");
	agenda_list_free(v, n);
	ok(agenda_load("default", &a, &e) == 0 && a.n_questions == 7, "the default is unaffected");
	agenda_free(&a);
	unlink(path);
	snprintf(path, sizeof path, "%s/debrief/agendas", dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/debrief", dir);
	rmdir(path);
	rmdir(dir);
	return done_testing();
}
