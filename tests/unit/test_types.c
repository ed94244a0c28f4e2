/* Unit tests: names, aliases and prefixes of the enumerations. */
#include "debrief/types.h"
#include "tap.h"

int main(void)
{
	is_int(event_kind_parse("detection"), EV_DETECTION, "a kind by name");
	is_int(event_kind_parse("detect"), EV_DETECTION, "a kind by alias");
	is_int(event_kind_parse("MITIG"), EV_MITIGATION, "a kind by unique prefix, any case");
	is_int(event_kind_parse("impact"), EV_IMPACT_START, "impact means its start");
	is_int(event_kind_parse("p"), EV_PAGE, "a one-letter unique prefix");
	is_int(event_kind_parse("i"), -1, "an ambiguous prefix is refused");
	is_int(event_kind_parse("bogus"), -1, "an unknown kind is refused");
	is_int(event_kind_parse(""), -1, "an empty kind is refused");
	is_str(event_kind_name(EV_IMPACT_END), "impact-end", "kind names as stored");
	is_int(event_mark_parse("lucky"), MARK_LUCKY, "a mark");
	is_int(event_mark_parse("well"), MARK_WENT_WELL, "a mark's alias");
	is_int(event_mark_parse("could"), MARK_COULD_BE_BETTER, "a mark's prefix");
	is_str(event_mark_name(MARK_NONE), "", "no mark has no name");
	is_int(action_type_parse("process"), ACT_PROCESS, "an action type");
	is_int(action_status_parse("dropped"), ACT_DROPPED, "an action status");
	is_int(priority_parse("p1"), PRIO_P1, "a priority");
	is_int(priority_parse("high"), PRIO_P1, "a priority by word");
	is_str(priority_name(PRIO_P3), "P3", "priority names");
	is_str(stage_title(STAGE_QUESTIONS), "Seven questions", "stage titles");
	is_str(stage_name(STAGE_CLOSE), "close", "stage names");
	is_str(stage_name((enum stage)9), "", "an out-of-range value has no name");
	ok(PRIME_DIRECTIVE[0] == 'R', "the Prime Directive is there, word for word");

	/* Who signs a note: the screen's and every export's one rule. */
	char who[SIGNER_SIZE];
	note_signer("Mei Lin", "Ravi Patel", ROLE_SCRIBE, who, sizeof who);
	is_str(who, "Ravi", "the scribe by first name");
	note_signer("Mei Lin", "Ravi Patel", ROLE_FACILITATOR, who, sizeof who);
	is_str(who, "Mei", "the facilitator by first name");
	note_signer("Mei Lin", "Ravi Patel", ROLE_PARTICIPANT, who, sizeof who);
	is_str(who, "participant", "a participant by the role");
	note_signer("Sam Lee", "Sam Okafor", ROLE_SCRIBE, who, sizeof who);
	is_str(who, "Sam Okafor", "a first name the two share: the whole name");
	note_signer(NULL, "  ", ROLE_SCRIBE, who, sizeof who);
	is_str(who, "scribe", "no name: the role");
	char small[8];
	note_signer("Zoë-Françoise Martin", NULL, ROLE_FACILITATOR, small, sizeof small);
	is_str(small, "Zoë-Fr", "cut to size between characters");
	note_signer("Zoë-Françoise Martin", NULL, ROLE_FACILITATOR, who, 4);
	is_str(who, "Zo", "never inside one");
	return done_testing();
}
