/* Unit tests: the settings file's parser. Every line is a setting, a
 * binding, a comment or blank; anything else, and every bad value, is
 * refused with FILE:LINE; a later file wins over an earlier one. */
#include <stdlib.h>
#include <string.h>

#include "debrief/config.h"
#include "tap.h"

static void refused(const char *text, const char *msg, const char *what)
{
	struct config c = {0};
	struct err e = {0};
	ok(config_parse(&c, text, strlen(text), "f", &e) != 0, "%s is refused", what);
	is_str(e.msg, msg, "%s: FILE:LINE: what is wrong", what);
	config_free(&c);
}

int main(void)
{
	struct config c = {0};
	struct err e = {0};
	is_str(config_get(&c, CFG_LOOK), "light", "the default look");
	ok(!config_on(&c, CFG_BELL) && config_on(&c, CFG_NUDGE), "no bell, the nudge on, by default");
	is_str(config_get(&c, CFG_EXPORT_DIR), "", "no export folder by default");

	const char *text = "# settings\n"
			   "\n"
			   "  look   dark  \n"
			   "bell on\n"
			   "nudge off\n"
			   "editor code --wait # not a comment\n"
			   "export-dir ~/post mortems\n"
			   "export-format HTML\n"
			   "agenda sev-1.short\n"
			   "bind timeline W mark-went-well\n"
			   "bind\tglobal  Q  quit\n";
	ok(config_parse(&c, text, strlen(text), "f", &e) == 0, "parses: %s", e.msg);
	is_str(config_get(&c, CFG_LOOK), "dark", "blanks around a value go");
	is_str(c.set[CFG_LOOK].origin, "f:3", "each value knows its line");
	ok(config_on(&c, CFG_BELL) && !config_on(&c, CFG_NUDGE), "on and off");
	is_str(config_get(&c, CFG_EDITOR), "code --wait # not a comment", "a value is the rest of the line");
	is_str(config_get(&c, CFG_EXPORT_DIR), "~/post mortems", "blanks inside a value stay");
	is_str(config_get(&c, CFG_EXPORT_FORMAT), "HTML", "a format in any case");
	is_str(config_get(&c, CFG_AGENDA), "sev-1.short", "an agenda's name");
	ok(c.n_binds == 2, "two bindings");
	ok(c.n_binds == 2 && !strcmp(c.binds[1].scope, "global") && !strcmp(c.binds[1].key, "Q") &&
	   !strcmp(c.binds[1].action, "quit") && !strcmp(c.binds[1].origin, "f:11"),
	   "a binding's three words (tabs too) and its line");

	/* A second file: its values win, the first's others stay. */
	const char *later = "look mono\n";
	ok(config_parse(&c, later, strlen(later), "g", &e) == 0, "a second file");
	is_str(config_get(&c, CFG_LOOK), "mono", "wins where it says something");
	is_str(c.set[CFG_LOOK].origin, "g:1", "and says so");
	ok(config_on(&c, CFG_BELL), "the first's other values stay");

	struct strbuf dump = {0};
	config_dump(&c, &dump);
	ok(strstr(dump.s, "look mono                            # g:1\n") != NULL, "the dump: value and origin");
	ok(strstr(dump.s, "bind global Q quit                   # f:11\n") != NULL, "bindings in the dump");
	sb_free(&dump);
	config_free(&c);
	config_dump(&c, &dump);
	ok(strstr(dump.s, "# export-dir                         # default: not set\n") != NULL,
	   "a value not set is a comment in the dump");
	ok(strstr(dump.s, "nudge on                             # default\n") != NULL, "defaults say so");
	sb_free(&dump);

	refused("look grey\n", "f:1: look: 'grey' is no look (light, dark or mono)", "an unknown look");
	refused("bell 1\n", "f:1: bell: '1' is neither on nor off", "a bell of 1");
	refused("nudge yes\n", "f:1: nudge: 'yes' is neither on nor off", "a nudge of yes");
	refused("\n\nlook\n", "f:3: 'look' needs a value: the screen: light, dark or mono", "no value");
	refused("notes-pane top\n", "f:1: notes-pane: 'top' is no place for it (auto, right or bottom)", "a pane on top");
	refused("colour red\n", "f:1: no setting 'colour' (look, bell, nudge, editor, export-dir, export-format, agenda, notes-pane, bind)",
		"an unknown setting");
	refused("export-format docx\n", "f:1: export-format: 'docx' is no format (md, html, txt or json)",
		"an unknown format");
	refused("export-dir out\n",
		"f:1: export-dir: 'out' is not a folder from / or ~ (a relative one would depend on where debrief starts)",
		"a relative folder");
	refused("agenda a/b\n", "f:1: agenda: 'a/b' is not an agenda's name (letters, digits, '-', '_' and '.')",
		"an agenda's path");
	refused("bell on\nbell off\n", "f:2: 'bell' again (line 1 set it already)", "twice in a file");
	refused("bind x y\n", "f:1: expected 'bind SCOPE KEY ACTION' (e.g. bind timeline W mark-went-well)",
		"a binding of two words");
	refused("bind a b c d\n", "f:1: expected 'bind SCOPE KEY ACTION' (e.g. bind timeline W mark-went-well)",
		"a binding of four");
	refused("look \x1b[31mred\n", "f:1: a control character (U+001B) in the line",
		"an escape in a line");
	refused("editor vi\xc2\x85\n", "f:1: a control character (U+0085) in the line", "a C1 control");
	refused("look \xff\n", "f: not valid UTF-8", "bytes that are not UTF-8");
	return done_testing();
}
