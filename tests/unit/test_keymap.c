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

int main(void)
{
	test_labels();
	test_editing_keys();
	test_hint();
	return done_testing();
}
