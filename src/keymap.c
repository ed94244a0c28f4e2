/* The default key bindings: data, read by the dispatch and the help. */
#include "debrief/keymap.h"
#include "debrief/term.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

/* Curses function-key codes live beside Unicode characters in one int. */
#define KC(k) (0x110000 + (k))
#define CTRL(c) ((c) & 0x1f)

static const char *const NAMES[] = {
#define X(id, name, help) name,
	ACTION_LIST(X)
#undef X
};

static const char *const HELPS[] = {
#define X(id, name, help) help,
	ACTION_LIST(X)
#undef X
};

const char *command_name(enum command a)
{
	return (a >= 0 && a < ACT_COUNT) ? NAMES[a] : "";
}

const char *command_help(enum command a)
{
	return (a >= 0 && a < ACT_COUNT) ? HELPS[a] : "";
}

#define ALL (SCOPE_STAGES | SCOPE_LIST)

static const struct binding BINDINGS[] = {
	/* Everywhere on the stages. */
	{ACT_HELP, ALL, {'?', KC(KEY_F(1))}, true, "help", NULL},
	{ACT_FOCUS, SCOPE_STAGES, {'\t'}, true, "notes", NULL},
	{ACT_NEXT_STAGE, SCOPE_STAGES, {']'}, true, "next", NULL},
	{ACT_PREV_STAGE, SCOPE_STAGES, {'['}, BAR_IF_ROOM, "previous", NULL},
#define STAGE_KEY_(a, id, lower, num, name, title, short_title) \
	{ACT_STAGE_##num, SCOPE_STAGES, {'0' + num}, false, NULL, NULL},
	STAGE_LIST(STAGE_KEY_, _)
#undef STAGE_KEY_
	{ACT_DOWN, ALL, {'j', KC(KEY_DOWN)}, false, NULL, NULL},
	{ACT_UP, ALL, {'k', KC(KEY_UP)}, false, NULL, NULL},
	{ACT_PAGE_DOWN, ALL, {KC(KEY_NPAGE), ' '}, false, NULL, NULL},
	{ACT_PAGE_UP, ALL, {KC(KEY_PPAGE), 'b'}, false, NULL, NULL},
	{ACT_FIRST, ALL, {'g', KC(KEY_HOME)}, false, NULL, NULL},
	{ACT_LAST, ALL, {'G', KC(KEY_END)}, false, NULL, NULL},
	/* Adding, editing and deleting mean something on each stage. */
	{ACT_ADD, SCOPE_PRIME, {'a'}, true, "add", "add a participant"},
	{ACT_EDIT, SCOPE_PRIME, {'e', '\n', '\r', KC(KEY_ENTER)}, true, "edit",
	 "edit who facilitates, who is the scribe and who takes part"},
	{ACT_ADD, SCOPE_TIMELINE, {'a'}, true, "add",
	 "add an event: [YYYY-MM-DD ]HH:MM[:SS] text, with !kind anywhere (pasted lines: one each)"},
	{ACT_EDIT, SCOPE_TIMELINE, {'e', '\n', '\r', KC(KEY_ENTER)}, true, "edit",
	 "edit the event's time, kind, mark and text"},
	{ACT_DELETE, SCOPE_TIMELINE, {'d', KC(KEY_DC)}, true, "delete",
	 "delete the event and its notes (asks first)"},
	{ACT_ADD, SCOPE_QUESTIONS, {'a'}, true, "add", "add a question of your own (pasted lines: one each)"},
	{ACT_EDIT, SCOPE_QUESTIONS, {'e', '\n', '\r', KC(KEY_ENTER)}, true, "edit",
	 "write a note on the question (edit an added question)"},
	{ACT_DELETE, SCOPE_QUESTIONS, {'d', KC(KEY_DC)}, true, "delete",
	 "delete an added question (asks first)"},
	{ACT_ADD, SCOPE_ACTIONS, {'a'}, true, "add",
	 "add an action item: text @owner due:YYYY-MM-DD #type !P1 (pasted lines: one each)"},
	{ACT_EDIT, SCOPE_ACTIONS, {'e', '\n', '\r', KC(KEY_ENTER)}, true, "edit",
	 "edit every field of the action item; on a parked idea, make it an action item"},
	{ACT_DELETE, SCOPE_ACTIONS, {'d', KC(KEY_DC)}, true, "delete",
	 "delete the action item (asks first); on a parked idea, drop it (u brings it back)"},
	{ACT_UNDO, SCOPE_STAGES, {'u'}, true, "undo", NULL},
	{ACT_REDO, SCOPE_STAGES, {CTRL('r')}, true, "redo", NULL}, /* in the bar when there is one */
	{ACT_NEW_ACTION, SCOPE_STAGES, {'A'}, true, "action", NULL},
	{ACT_DETAILS, SCOPE_STAGES, {'i'}, BAR_IF_ROOM, "details", NULL},
	{ACT_EXPORT, SCOPE_STAGES, {'x'}, true, "export", NULL},
	{ACT_FOLLOW, SCOPE_STAGES, {'f'}, false, NULL, NULL},
	{ACT_CLOCK, SCOPE_STAGES, {'P'}, BAR_IF_ROOM, "pause clock", NULL},
	{ACT_PARK, SCOPE_STAGES, {'p'}, BAR_IF_ROOM, "park idea", NULL},
	{ACT_CHECK_TIMELINE, SCOPE_STAGES, {'!'}, false, "check timeline", NULL},
	{ACT_REDRAW, ALL, {CTRL('l')}, false, NULL, NULL},
	{ACT_QUIT, ALL, {'q'}, true, "quit", NULL},
	/* Timeline. */
	{ACT_MARK_WELL, SCOPE_TIMELINE, {'w'}, true, "well", NULL},
	{ACT_MARK_BETTER, SCOPE_TIMELINE, {'c'}, true, "better", NULL},
	{ACT_MARK_LUCKY, SCOPE_TIMELINE, {'l'}, true, "lucky", NULL},
	/* Action items. */
	{ACT_SET_OPEN, SCOPE_ACTIONS, {'o'}, true, "open", NULL},
	{ACT_SET_DONE, SCOPE_ACTIONS, {'D'}, true, "done", NULL},
	{ACT_SET_DROPPED, SCOPE_ACTIONS, {'X'}, true, "dropped", NULL},
	/* Close. */
	{ACT_CLOSE_RETRO, SCOPE_CLOSE, {'C'}, true, "close retro", NULL},
	{ACT_REOPEN_RETRO, SCOPE_CLOSE, {'R'}, true, "reopen", NULL},
	/* The list of retrospectives. */
	{ACT_OPEN_RETRO, SCOPE_LIST, {'\n', '\r', KC(KEY_ENTER), 'o'}, true, "open", NULL},
	{ACT_NEW_RETRO, SCOPE_LIST, {'n'}, true, "new", NULL},
	{ACT_FILTER, SCOPE_LIST, {'/'}, true, "filter", NULL},
	{ACT_DELETE, SCOPE_LIST, {'d', KC(KEY_DC)}, true, "delete",
	 "delete the retrospective, a closed one too (asks first): kept, out of sight, until u brings it back"},
	{ACT_UNDO, SCOPE_LIST, {'u'}, true, "bring back",
	 "bring back the last one deleted here, then the one before ('debrief restore' from anywhere)"},
	{ACT_CANCEL, SCOPE_LIST, {27}, false, NULL, "clear the filter"},
	/* Typing in the notes pane. */
	{ACT_NOTE_SAVE, SCOPE_NOTES, {'\n', '\r', KC(KEY_ENTER)}, true, "save note", NULL},
	{ACT_NOTE_LEAVE, SCOPE_NOTES, {27, '\t'}, true, "back", NULL},
	{ACT_NOTE_EDITOR, SCOPE_NOTES, {CTRL('e')}, true, "editor", NULL},
	{ACT_NOTE_EARLIER, SCOPE_NOTES, {KC(KEY_UP)}, true, "earlier", NULL},
	{ACT_NOTE_LATER, SCOPE_NOTES, {KC(KEY_DOWN)}, false, NULL, NULL},
	{ACT_NOTE_NEXT_ITEM, SCOPE_NOTES, {CTRL('n')}, true, "next", NULL},
	{ACT_NOTE_PREV_ITEM, SCOPE_NOTES, {CTRL('p')}, false, NULL, NULL},
	/* The layers over a stage. */
	{ACT_SUBMIT, SCOPE_FORM, {'\r', '\n', KC(KEY_ENTER)}, false, "save", "save the form"},
	{ACT_CANCEL, SCOPE_FORM, {27}, false, "cancel", "close the form; nothing is saved"},
	{ACT_NEXT_FIELD, SCOPE_FORM, {'\t', KC(KEY_DOWN)}, false, "next",
	 "the next field (Down: the next row of a long field first)"},
	{ACT_PREV_FIELD, SCOPE_FORM, {KC(KEY_BTAB), KC(KEY_UP)}, false, "previous",
	 "the previous field (Up: the row above in a long field first)"},
	{ACT_NOTE_EDITOR, SCOPE_FORM, {CTRL('e')}, false, "editor", "edit the field in $EDITOR (a long text)"},
	{ACT_SUBMIT, SCOPE_PROMPT, {'\r', '\n', KC(KEY_ENTER)}, false, NULL,
	 "take the line (add it, export there, ...)"},
	{ACT_CANCEL, SCOPE_PROMPT, {27}, false, NULL, "close the prompt; nothing is added"},
	{ACT_YES, SCOPE_CONFIRM, {'y', 'Y'}, false, NULL, NULL},
	{ACT_DOWN, SCOPE_CHECK, {'j', KC(KEY_DOWN)}, false, NULL, "the next problem"},
	{ACT_UP, SCOPE_CHECK, {'k', KC(KEY_UP)}, false, NULL, "the previous problem"},
	{ACT_SUBMIT, SCOPE_CHECK, {'\r', '\n', KC(KEY_ENTER)}, false, "go to the event",
	 "go to the problem's event on the timeline"},
	{ACT_ACCEPT_TIMELINE, SCOPE_CHECK, {'y', 'Y'}, false, "accept as it is", NULL},
	{ACT_CANCEL, SCOPE_CHECK, {27, 'q'}, false, "close", "close the list; nothing changes"},
	{ACT_DOWN, SCOPE_HELP, {'j', KC(KEY_DOWN)}, false, NULL, "scroll down"},
	{ACT_UP, SCOPE_HELP, {'k', KC(KEY_UP)}, false, NULL, "scroll up"},
	{ACT_PAGE_DOWN, SCOPE_HELP, {KC(KEY_NPAGE)}, false, NULL, "half a screen down"},
	{ACT_PAGE_UP, SCOPE_HELP, {KC(KEY_PPAGE)}, false, NULL, "half a screen up; any other key closes"},
	/* Typing in any text field (the notes pane, a prompt, a form), as in
	 * readline and Emacs. Ctrl-Left and Ctrl-Right are xterm's codes. */
	{ACT_EDIT_LEFT, SCOPE_EDIT, {KC(KEY_LEFT), CTRL('b')}, false, NULL, NULL},
	{ACT_EDIT_RIGHT, SCOPE_EDIT, {KC(KEY_RIGHT), CTRL('f')}, false, NULL, NULL},
	{ACT_EDIT_HOME, SCOPE_EDIT, {KC(KEY_HOME), CTRL('a')}, false, NULL, NULL},
	{ACT_EDIT_END, SCOPE_EDIT, {KC(KEY_END)}, false, NULL, NULL},
	{ACT_EDIT_WORD_LEFT, SCOPE_EDIT, {KC(TERM_KEY_WORD_LEFT)}, false, NULL, NULL},
	{ACT_EDIT_WORD_RIGHT, SCOPE_EDIT, {KC(TERM_KEY_WORD_RIGHT)}, false, NULL, NULL},
	{ACT_EDIT_BACKSPACE, SCOPE_EDIT, {KC(KEY_BACKSPACE), 0x7f, 0x08}, false, NULL, NULL},
	{ACT_EDIT_DELETE, SCOPE_EDIT, {KC(KEY_DC), CTRL('d')}, false, NULL, NULL},
	{ACT_EDIT_DELETE_WORD, SCOPE_EDIT, {CTRL('w')}, false, NULL, NULL},
	{ACT_EDIT_KILL_END, SCOPE_EDIT, {CTRL('k')}, false, NULL, NULL},
	{ACT_EDIT_KILL_START, SCOPE_EDIT, {CTRL('u')}, false, NULL, NULL},
	{ACT_EDIT_YANK, SCOPE_EDIT, {CTRL('y')}, false, NULL, NULL},
};
#define N_BINDINGS (sizeof BINDINGS / sizeof BINDINGS[0])

/* --- how keys are written --- */

static const struct {
	int key; /* a character, or KC(a curses code) */
	const char *name;
} KEY_NAMES[] = {
	{'\n', "Enter"}, {'\r', "Enter"}, {KC(KEY_ENTER), "Enter"}, {'\t', "Tab"}, {27, "Esc"},
	{' ', "Space"}, {0x7f, "Backspace"}, {KC(KEY_BACKSPACE), "Backspace"},
	{KC(KEY_UP), "Up"}, {KC(KEY_DOWN), "Down"}, {KC(KEY_LEFT), "Left"}, {KC(KEY_RIGHT), "Right"},
	{KC(KEY_NPAGE), "PgDn"}, {KC(KEY_PPAGE), "PgUp"}, {KC(KEY_HOME), "Home"}, {KC(KEY_END), "End"},
	{KC(KEY_DC), "Del"}, {KC(KEY_BTAB), "S-Tab"}, {KC(KEY_F(1)), "F1"},
	{KC(TERM_KEY_WORD_LEFT), "Ctrl-Left"}, {KC(TERM_KEY_WORD_RIGHT), "Ctrl-Right"},
};

/* k as stored in a binding: a character, or KC(code). */
static void name_key(int k, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof KEY_NAMES / sizeof KEY_NAMES[0]; i++)
		if (KEY_NAMES[i].key == k) {
			snprintf(buf, size, "%s", KEY_NAMES[i].name);
			return;
		}
	if (k > 0 && k < 0x20) {
		snprintf(buf, size, "Ctrl-%c", k + '@');
	} else if (k >= 0x20 && k < 0x110000) {
		struct strbuf u = {0};
		utf8_encode(&u, (unsigned)k);
		snprintf(buf, size, "%s", u.s);
		sb_free(&u);
	} else {
		snprintf(buf, size, "key %d", k - KC(0));
	}
}

void keymap_key_name(int key, bool is_code, char *buf, size_t size)
{
	name_key(is_code ? KC(key) : key, buf, size);
}

/* Each binding's label and first key, written out once. */
static char labels[N_BINDINGS][48], firsts[N_BINDINGS][16];
static bool labelled;

static void write_labels(void)
{
	for (size_t i = 0; i < N_BINDINGS; i++) {
		char *l = labels[i];
		for (int j = 0; j < KEYMAP_MAX_KEYS && BINDINGS[i].keys[j]; j++) {
			char name[16];
			name_key(BINDINGS[i].keys[j], name, sizeof name);
			if (j == 0)
				snprintf(firsts[i], sizeof firsts[i], "%s", name);
			/* Enter is three codes, named once. */
			size_t len = strlen(name), at = 0;
			bool have = false;
			for (const char *p = l; *p && !have; p += at) {
				at = strcspn(p, " ");
				have = at == len && strncmp(p, name, len) == 0;
				at += p[at] == ' ';
			}
			if (!have)
				snprintf(l + strlen(l), sizeof labels[i] - strlen(l), "%s%s", *l ? " " : "", name);
		}
	}
	labelled = true;
}

const char *binding_label(const struct binding *b)
{
	if (!labelled)
		write_labels();
	return labels[b - BINDINGS];
}

const char *binding_key(const struct binding *b)
{
	if (!labelled)
		write_labels();
	return firsts[b - BINDINGS];
}

const char *keymap_key_for(unsigned scope, enum command act)
{
	for (size_t i = 0; i < N_BINDINGS; i++)
		if (BINDINGS[i].action == act && (BINDINGS[i].scopes & scope))
			return binding_key(&BINDINGS[i]);
	return "";
}

void keymap_hint(unsigned scope, struct strbuf *out)
{
	for (size_t i = 0; i < N_BINDINGS; i++)
		if ((BINDINGS[i].scopes & scope) && BINDINGS[i].bar_label)
			sb_printf(out, "%s%s: %s", out->len ? " · " : "", binding_key(&BINDINGS[i]),
				  BINDINGS[i].bar_label);
}

const char *binding_help(const struct binding *b)
{
	return b->help ? b->help : command_help(b->action);
}

const struct binding *keymap_bindings(size_t *n)
{
	*n = N_BINDINGS;
	return BINDINGS;
}

/* For each single scope, the plain characters below 128 that have a binding
 * there, worked out once: most keys typed into the notes pane have none,
 * and a pasted page should not walk the table once a character. */
static unsigned long long bound_ascii[SCOPE_BITS][2];
static unsigned bound_known;

static bool maybe_bound(unsigned scope, int k)
{
	if (k < 0 || k >= 128 || scope == 0 || (scope & (scope - 1)) || scope >= 1u << SCOPE_BITS)
		return true;
	int bit = __builtin_ctz(scope); /* a single scope: its one bit */
	if (!(bound_known & scope)) {
		for (size_t i = 0; i < sizeof BINDINGS / sizeof BINDINGS[0]; i++)
			for (int j = 0; j < KEYMAP_MAX_KEYS && BINDINGS[i].keys[j]; j++) {
				int c = BINDINGS[i].keys[j];
				if ((BINDINGS[i].scopes & scope) && c >= 0 && c < 128)
					bound_ascii[bit][c >> 6] |= 1ull << (c & 63);
			}
		bound_known |= scope;
	}
	return bound_ascii[bit][k >> 6] >> (k & 63) & 1;
}

enum command keymap_lookup(unsigned scope, int key, bool is_code)
{
	if (!is_code && !maybe_bound(scope, key))
		return ACT_NONE;
	int k = is_code ? KC(key) : key;
	for (size_t i = 0; i < sizeof BINDINGS / sizeof BINDINGS[0]; i++) {
		if (!(BINDINGS[i].scopes & scope))
			continue;
		for (int j = 0; j < KEYMAP_MAX_KEYS && BINDINGS[i].keys[j]; j++)
			if (BINDINGS[i].keys[j] == k)
				return BINDINGS[i].action;
	}
	return ACT_NONE;
}

static const struct {
	unsigned scope;
	const char *title;
} SECTIONS[] = {
	{SCOPE_STAGES, "On every stage"},
#define STAGE_SECTION_(a, id, lower, num, name, title, short_title) {SCOPE_##id, title},
	STAGE_LIST(STAGE_SECTION_, _)
#undef STAGE_SECTION_
	{SCOPE_NOTES, "Notes pane (typing)"},
	{SCOPE_EDIT, "Typing in a field (the notes pane, a prompt, a form)"},
	{SCOPE_FORM, "Edit form"},
	{SCOPE_PROMPT, "Prompt (a line to type)"},
	{SCOPE_CONFIRM, "Question (y/n)"},
	{SCOPE_CHECK, "Timeline check (its list of problems)"},
	{SCOPE_HELP, "This list"},
	{SCOPE_LIST, "List of retrospectives"},
};

/* A binding goes in the first section whose scope it covers whole; one
 * that applies to only some stages is listed under each of them. */
static bool in_section(const struct binding *b, size_t s)
{
	unsigned sc = SECTIONS[s].scope;
	if (s == 0)
		return (b->scopes & SCOPE_STAGES) == SCOPE_STAGES;
	if (sc & SCOPE_STAGES)
		return (b->scopes & sc) && (b->scopes & SCOPE_STAGES) != SCOPE_STAGES;
	if (sc == SCOPE_LIST)
		return (b->scopes & SCOPE_LIST) && !(b->scopes & SCOPE_STAGES);
	return (b->scopes & sc) != 0;
}

/* Text for the man page, in lines of at most 78 bytes broken at blanks
 * (mandoc -T lint asks for 80 at most). */
static void mdoc_text(struct strbuf *out, const char *s)
{
	while (*s) {
		size_t len = strlen(s), cut = len;
		if (len > 78) {
			cut = 78;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = strcspn(s, " ");
		}
		sb_add(out, s, cut);
		sb_putc(out, '\n');
		s += cut;
		while (*s == ' ')
			s++;
	}
}

void keymap_describe_mdoc(struct strbuf *out)
{
	size_t n = sizeof BINDINGS / sizeof BINDINGS[0];
	for (size_t s = 0; s < sizeof SECTIONS / sizeof SECTIONS[0]; s++) {
		sb_printf(out, ".Ss %s\n.Bl -tag -width \"PgDn Space\" -compact\n", SECTIONS[s].title);
		for (size_t i = 0; i < n; i++)
			if (in_section(&BINDINGS[i], s)) {
				/* \& keeps ] [ ? from being read as punctuation. */
				sb_printf(out, ".It Li \"\\&%s\"\n", binding_label(&BINDINGS[i]));
				mdoc_text(out, binding_help(&BINDINGS[i]));
			}
		sb_puts(out, ".El\n");
	}
}

static void describe_section(size_t s, struct strbuf *out)
{
	sb_printf(out, "%s\n", SECTIONS[s].title);
	for (size_t i = 0; i < N_BINDINGS; i++)
		if (in_section(&BINDINGS[i], s)) {
			/* Padded by display width, as everything is; a longer
			 * label pushes its help along. */
			const char *l = binding_label(&BINDINGS[i]);
			int width = text_width(l);
			sb_printf(out, "  %s%*s %s\n", l, width < 12 ? 12 - width : 0, "",
				  binding_help(&BINDINGS[i]));
		}
	sb_putc(out, '\n');
}

#define N_SECTIONS (sizeof SECTIONS / sizeof SECTIONS[0])

void keymap_describe_first(const unsigned *first, size_t n, struct strbuf *out)
{
	bool done[N_SECTIONS] = {false};
	for (size_t f = 0; f <= n; f++) /* and last, everything left */
		for (size_t s = 0; s < N_SECTIONS; s++) {
			/* "On every stage" is no stage's own. */
			bool mine = f == n || (SECTIONS[s].scope != SCOPE_STAGES && (SECTIONS[s].scope & first[f]));
			if (mine && !done[s]) {
				describe_section(s, out);
				done[s] = true;
			}
		}
}

void keymap_describe(struct strbuf *out)
{
	keymap_describe_first(NULL, 0, out);
}
