/* Unit tests: the one key table. A binding holds keys, and how they are
 * written is worked out from them; the editing keys are in it too. */
#include <curses.h>
#include <string.h>

#include "debrief/keymap.h"
#include "tap.h"

static const struct binding *find(enum command act, unsigned scope)
{
	size_t n;
	const struct binding *b = keymap_bindings(&n);
	for (size_t i = 0; i < n; i++)
		if (b[i].action == act && (b[i].scopes & scope))
			return &b[i];
	return NULL;
}

static void test_labels(void)
{
	is_str(binding_label(find(ACT_DOWN, SCOPE_TIMELINE)), "j Down", "a character and a code");
	is_str(binding_label(find(ACT_EDIT, SCOPE_TIMELINE)), "e Enter", "Enter's three codes, named once");
	is_str(binding_label(find(ACT_REDRAW, SCOPE_TIMELINE)), "Ctrl-L", "a control character");
	is_str(binding_label(find(ACT_PAGE_DOWN, SCOPE_TIMELINE)), "PgDn Space", "the space bar by name");
	is_str(binding_label(find(ACT_PREV_FIELD, SCOPE_FORM)), "S-Tab Up", "back-tab");
	is_str(binding_key(find(ACT_OPEN_RETRO, SCOPE_LIST)), "Enter", "the first key alone");
	is_str(keymap_key_for(SCOPE_NOTES, ACT_NOTE_LEAVE), "Esc", "the key for a command in a scope");
	is_str(keymap_key_for(SCOPE_NOTES, ACT_CLOSE_RETRO), "", "none where it is not bound");
	char name[16];
	keymap_key_name(0x00e9, false, name, sizeof name);
	is_str(name, "\xc3\xa9", "a character beyond ASCII is itself");
	size_t n;
	const struct binding *b = keymap_bindings(&n);
	size_t named = 0;
	for (size_t i = 0; i < n; i++)
		named += binding_label(&b[i])[0] != '\0' && strstr(binding_label(&b[i]), "key ") == NULL;
	ok(named == n, "every binding's keys have names (%zu of %zu)", named, n);
}

static void test_editing_keys(void)
{
	static const struct {
		int key;
		bool code;
		enum command act;
	} want[] = {
		{1, false, ACT_EDIT_HOME},         {2, false, ACT_EDIT_LEFT},
		{4, false, ACT_EDIT_DELETE},       {6, false, ACT_EDIT_RIGHT},
		{11, false, ACT_EDIT_KILL_END},    {21, false, ACT_EDIT_KILL_START},
		{23, false, ACT_EDIT_DELETE_WORD}, {25, false, ACT_EDIT_YANK},
		{0x7f, false, ACT_EDIT_BACKSPACE}, {8, false, ACT_EDIT_BACKSPACE},
		{KEY_BACKSPACE, true, ACT_EDIT_BACKSPACE}, {KEY_DC, true, ACT_EDIT_DELETE},
		{KEY_LEFT, true, ACT_EDIT_LEFT},   {KEY_END, true, ACT_EDIT_END},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ok(keymap_lookup(SCOPE_EDIT, want[i].key, want[i].code) == want[i].act,
		   "editing: key %d is %s", want[i].key, command_name(want[i].act));
	ok(keymap_lookup(SCOPE_EDIT, 'a', false) == ACT_NONE, "a letter is text, not an editing key");
	struct strbuf help = {0};
	keymap_describe(&help);
	ok(strstr(help.s, "Typing in a field") && strstr(help.s, "Ctrl-K       cut to the end of the line"),
	   "the help lists the editing keys");
	sb_free(&help);
}

static void test_hint(void)
{
	struct strbuf h = {0};
	keymap_hint(SCOPE_FORM, &h);
	is_str(h.s, "Enter: save · Esc: cancel · Tab: next · S-Tab: previous · Ctrl-E: editor",
	       "the form's hint line comes from its bindings");
	sb_free(&h);
}

/* "bind SCOPE KEY ACTION": the key does the action there, what it did
 * there before is undone, the action's other keys stay; the help and the
 * bar's key follow. */
static void test_bind(void)
{
	struct err e = {0};
	ok(keymap_bind("timeline", "Z", "mark-went-well", &e) == 0, "bind timeline Z mark-went-well: %s", e.msg);
	ok(keymap_lookup(SCOPE_TIMELINE, 'Z', false) == ACT_MARK_WELL, "Z marks on the timeline");
	ok(keymap_lookup(SCOPE_TIMELINE, 'w', false) == ACT_MARK_WELL, "w still does");
	is_str(binding_label(find(ACT_MARK_WELL, SCOPE_TIMELINE)), "Z w", "the help writes both, Z first");
	is_str(binding_key(find(ACT_MARK_WELL, SCOPE_TIMELINE)), "Z", "the bar offers Z");
	ok(keymap_lookup(SCOPE_ACTIONS, 'Z', false) == ACT_NONE, "nowhere else");

	ok(keymap_bind("timeline", "x", "mark-lucky", &e) == 0, "x, export's key everywhere, to mark-lucky on the timeline");
	ok(keymap_lookup(SCOPE_TIMELINE, 'x', false) == ACT_MARK_LUCKY, "x marks lucky on the timeline");
	ok(keymap_lookup(SCOPE_QUESTIONS, 'x', false) == ACT_EXPORT, "and exports everywhere else");
	struct strbuf help = {0};
	keymap_describe(&help);
	ok(strstr(help.s, "  x l          mark: lucky") != NULL, "the help says so");
	ok(strstr(help.s, "Seven questions\n  x            export the summary") != NULL ||
	   strstr(help.s, "  x            export the summary") != NULL, "export keeps x elsewhere");
	sb_free(&help);

	ok(keymap_bind("timeline", "q", "none", &e) == 0, "bind timeline q none");
	ok(keymap_lookup(SCOPE_TIMELINE, 'q', false) == ACT_NONE && keymap_lookup(SCOPE_ACTIONS, 'q', false) == ACT_QUIT &&
	   keymap_lookup(SCOPE_LIST, 'q', false) == ACT_QUIT, "q does nothing on the timeline, and quits elsewhere");
	keymap_describe(&help);
	ok(strstr(help.s, "List of retrospectives\n  q            quit") != NULL &&
	   strstr(help.s, "Timeline\n  a ") != NULL && strstr(strstr(help.s, "Timeline\n"), "\n\n") <
	   strstr(strstr(help.s, "Timeline\n"), "  q            quit"),
	   "the help lists q under the list and the other stages, not the timeline");
	sb_free(&help);
	ok(keymap_bind("global", "q", "none", &e) == 0, "bind global q none");
	ok(keymap_lookup(SCOPE_TIMELINE, 'q', false) == ACT_NONE && keymap_lookup(SCOPE_LIST, 'q', false) == ACT_NONE,
	   "q does nothing, on a stage or the list");
	is_str(keymap_key_for(SCOPE_STAGES, ACT_QUIT), "", "quit has no key");
	ok(keymap_bind("global", "Q", "quit", &e) == 0, "bind global Q quit");
	ok(keymap_lookup(SCOPE_CLOSE, 'Q', false) == ACT_QUIT && keymap_lookup(SCOPE_LIST, 'Q', false) == ACT_QUIT,
	   "Q quits everywhere");
	const struct binding *quit = find(ACT_QUIT, SCOPE_TIMELINE);
	ok(quit && quit->in_bar && strcmp(quit->bar_label, "quit") == 0, "and takes q's place in the bar");
	ok(keymap_bind("edit", "Ctrl-G", "cursor-left", &e) == 0 && keymap_lookup(SCOPE_EDIT, 7, false) == ACT_EDIT_LEFT,
	   "Ctrl-G, named as the help names it");
	ok(keymap_bind("form", "F5", "submit", &e) == 0 && keymap_lookup(SCOPE_FORM, KEY_F(5), true) == ACT_SUBMIT,
	   "F5");
	ok(keymap_bind("list", "enter", "new", &e) == 0 && keymap_lookup(SCOPE_LIST, '\r', false) == ACT_NEW_RETRO &&
	   keymap_lookup(SCOPE_LIST, KEY_ENTER, true) == ACT_NEW_RETRO && keymap_lookup(SCOPE_LIST, 'o', false) == ACT_OPEN_RETRO,
	   "enter in any case is all three of Enter's codes; open keeps o");
	ok(keymap_bind("timeline", "\xc3\xa9", "add", &e) == 0 && keymap_lookup(SCOPE_TIMELINE, 0xe9, false) == ACT_ADD,
	   "a character beyond ASCII");

	ok(keymap_bind("nowhere", "x", "quit", &e) != 0 && strstr(e.msg, "no scope 'nowhere' (global, stages, prime-directive"),
	   "an unknown scope: %s", e.msg);
	ok(keymap_bind("timeline", "Super-X", "quit", &e) != 0 && strstr(e.msg, "no key 'Super-X'"), "an unknown key");
	ok(keymap_bind("timeline", "Ctrl-M", "quit", &e) != 0, "Ctrl-M is Enter: named so");
	ok(keymap_bind("timeline", "F13", "quit", &e) != 0, "no F13");
	ok(keymap_bind("timeline", "xy", "quit", &e) != 0, "two characters are no key");
	ok(keymap_bind("timeline", "x", "fly", &e) != 0 &&
	   strcmp(e.msg, "no action 'fly' in timeline (its own: delete ask mark-went-well mark-could-be-better "
			 "mark-lucky not-known-then, none; --help-keys=actions lists them all)") == 0,
	   "an unknown action names the scope's own: %s", e.msg);
	ok(keymap_bind("timeline", "x", "set-done", &e) != 0 &&
	   strcmp(e.msg, "set-done does nothing in timeline (only in prime-directive, actions, all-actions)") == 0, "an action where it does nothing");
	ok(keymap_bind("global", "x", "mark-lucky", &e) != 0 && strstr(e.msg, "mark-lucky does nothing in global (only in timeline)"),
	   "nor where it does only some of it");
	ok(keymap_bind("global", "x", "export", &e) != 0 && strcmp(e.msg, "export does nothing in global (only in stages)") == 0,
	   "every stage is said as stages: %s", e.msg);

	keymap_reset();
	ok(keymap_lookup(SCOPE_TIMELINE, 'q', false) == ACT_QUIT && keymap_lookup(SCOPE_TIMELINE, 'Z', false) == ACT_NONE,
	   "keymap_reset: the defaults again");
	is_str(binding_label(find(ACT_MARK_WELL, SCOPE_TIMELINE)), "w", "labels too");
}

int main(void)
{
	test_labels();
	test_editing_keys();
	test_hint();
	test_bind();
	return done_testing();
}
