/* The default key bindings: data, read by the dispatch and the help. */
#include "debrief/keymap.h"
#include "debrief/term.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
/* The full-screen lists over every retrospective: moving, help, redraw. */
#define BOARDS (SCOPE_ALL_ACTIONS | SCOPE_MATCHES)

static const struct binding BINDINGS[] = {
	/* Everywhere on the stages. */
	{ACT_HELP, ALL | BOARDS, {'?', KC(KEY_F(1))}, true, "help", NULL},
	{ACT_FOCUS, SCOPE_STAGES, {'\t'}, true, "notes", NULL},
	{ACT_NEXT_STAGE, SCOPE_STAGES, {']'}, true, "next", NULL},
	{ACT_PREV_STAGE, SCOPE_STAGES, {'['}, BAR_IF_ROOM, "previous", NULL},
#define STAGE_KEY_(a, id, lower, num, name, title, short_title) \
	{ACT_STAGE_##num, SCOPE_STAGES, {'0' + num}, false, NULL, NULL},
	STAGE_LIST(STAGE_KEY_, _)
#undef STAGE_KEY_
	{ACT_DOWN, ALL | BOARDS, {'j', KC(KEY_DOWN)}, false, NULL, NULL},
	{ACT_UP, ALL | BOARDS, {'k', KC(KEY_UP)}, false, NULL, NULL},
	{ACT_PAGE_DOWN, ALL | BOARDS, {KC(KEY_NPAGE), ' '}, false, NULL, NULL},
	{ACT_PAGE_UP, ALL | BOARDS, {KC(KEY_PPAGE), 'b'}, false, NULL, NULL},
	{ACT_FIRST, ALL | BOARDS, {'g', KC(KEY_HOME)}, false, NULL, NULL},
	{ACT_LAST, ALL | BOARDS, {'G', KC(KEY_END)}, false, NULL, NULL},
	/* Adding, editing and deleting mean something on each stage. */
	{ACT_ADD, SCOPE_PRIME, {'a'}, true, "add", "add a participant"},
	{ACT_EDIT, SCOPE_PRIME, {'e', '\n', '\r', KC(KEY_ENTER)}, true, "edit",
	 "edit who facilitates, who is the scribe and who takes part; on an earlier retrospective's action item, its owner and due date; on an earlier incident, open it read-only"},
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
	{ACT_ADD, SCOPE_CLOSE, {'a'}, true, "add",
	 "add a line to the highlighted step: a sentence of the summary, a contributing factor (09:42 links that event), a lesson, a link (a label, then its address)"},
	{ACT_EDIT, SCOPE_CLOSE, {'e', '\n', '\r', KC(KEY_ENTER)}, true, "edit",
	 "edit the highlighted step's whole text in the details form (Ctrl-E there: in $EDITOR)"},
	{ACT_UNDO, SCOPE_STAGES, {'u'}, true, "undo", NULL},
	{ACT_REDO, SCOPE_STAGES, {CTRL('r')}, true, "redo", NULL}, /* in the bar when there is one */
	{ACT_NEW_ACTION, SCOPE_STAGES, {'A'}, true, "action", NULL},
	{ACT_DETAILS, SCOPE_STAGES, {'i'}, BAR_IF_ROOM, "details", NULL},
	{ACT_EXPORT, SCOPE_STAGES, {'x'}, true, "export", NULL},
	{ACT_FOLLOW, SCOPE_STAGES, {'f'}, false, NULL, NULL},
	{ACT_CLOCK, SCOPE_STAGES, {'P'}, BAR_IF_ROOM, "pause clock", NULL},
	{ACT_EXTEND, SCOPE_STAGES, {'+'}, BAR_IF_ROOM, "more time", NULL},
	{ACT_SEARCH, SCOPE_STAGES, {'/'}, BAR_IF_ROOM, "search", NULL},
	{ACT_SEARCH_NEXT, SCOPE_STAGES, {'n'}, false, NULL, NULL},
	{ACT_SEARCH_PREV, SCOPE_STAGES, {'N'}, false, NULL, NULL},
	{ACT_SEARCH_ALL, SCOPE_STAGES, {'W'}, false, "all retrospectives",
	 "the last search (else words asked for) in every retrospective: a list of the matches, Enter opens one at its match"},
	{ACT_PARK, SCOPE_STAGES, {'p'}, BAR_IF_ROOM, "park idea", NULL},
	{ACT_CHECK_TIMELINE, SCOPE_STAGES, {'!'}, false, "check timeline", NULL},
	{ACT_REDRAW, ALL | BOARDS | SCOPE_NOTES, {CTRL('l')}, false, NULL, NULL},
	{ACT_QUIT, ALL, {'q'}, true, "quit", NULL},
	/* Timeline. */
	{ACT_MARK_WELL, SCOPE_TIMELINE, {'w'}, true, "well", NULL},
	{ACT_MARK_BETTER, SCOPE_TIMELINE, {'c'}, true, "better", NULL},
	{ACT_MARK_LUCKY, SCOPE_TIMELINE, {'l'}, true, "lucky", NULL},
	{ACT_NOT_KNOWN, SCOPE_TIMELINE, {'K'}, BAR_IF_ROOM, "not known then", NULL},
	{ACT_ASK, SCOPE_TIMELINE, {'s', 'Q'}, BAR_IF_ROOM, "ask", NULL},
	/* Action items. */
	{ACT_PEEK, SCOPE_PRIME, {'v'}, true, "view read-only", NULL},
	{ACT_SET_OPEN, SCOPE_ACTIONS | SCOPE_PRIME, {'o'}, true, "open", NULL},
	{ACT_SET_DONE, SCOPE_ACTIONS | SCOPE_PRIME, {'D'}, true, "done", NULL},
	{ACT_SET_DROPPED, SCOPE_ACTIONS | SCOPE_PRIME, {'X'}, true, "dropped",
	 "status: dropped, asking why (the reason is kept with it; a parked idea is dropped at once)"},
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
	{ACT_STATS, SCOPE_LIST, {'S'}, true, "stats", NULL},
	{ACT_ALL_ACTIONS, SCOPE_LIST, {'A'}, true, "action items", NULL},
	{ACT_SEARCH_ALL, SCOPE_LIST, {'W'}, BAR_IF_ROOM, "search all", NULL},
	/* The action items of every retrospective (A on the list). */
	{ACT_OPEN_RETRO, SCOPE_ALL_ACTIONS, {'\n', '\r', KC(KEY_ENTER)}, true, "open",
	 "open its retrospective on the Action items stage, the item highlighted (q there comes back here)"},
	{ACT_SET_OPEN, SCOPE_ALL_ACTIONS, {'o'}, BAR_IF_ROOM, "reopen", NULL},
	{ACT_SET_DONE, SCOPE_ALL_ACTIONS, {'D'}, true, "done", NULL},
	{ACT_SET_DROPPED, SCOPE_ALL_ACTIONS, {'X'}, true, "drop",
	 "status: dropped, asking why (the reason is kept with it)"},
	{ACT_EDIT, SCOPE_ALL_ACTIONS, {'e'}, true, "assign",
	 "its owner and due date (Priya Nair due:2026-12-20), even when its retrospective is closed"},
	{ACT_SORT, SCOPE_ALL_ACTIONS, {'s'}, BAR_IF_ROOM, "sort", NULL},
	{ACT_SHOW, SCOPE_ALL_ACTIONS, {'f'}, true, "show", NULL},
	{ACT_OWNER, SCOPE_ALL_ACTIONS, {'/'}, true, "owner", NULL},
	{ACT_CANCEL, SCOPE_ALL_ACTIONS, {27, 'q'}, true, "back", "back to the list of retrospectives"},
	/* A search's matches in every retrospective (W). */
	{ACT_OPEN_RETRO, SCOPE_MATCHES, {'\n', '\r', KC(KEY_ENTER)}, true, "open",
	 "open the match's retrospective at it (its stage, the record highlighted; n and N walk its matches there)"},
	{ACT_SEARCH_ALL, SCOPE_MATCHES, {'/'}, true, "search again", "search every retrospective for other words"},
	{ACT_CANCEL, SCOPE_MATCHES, {27, 'q'}, true, "back", "back to where the search began"},
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
	{ACT_DOWN, SCOPE_ASK, {'j', KC(KEY_DOWN)}, true, "next", "the next question"},
	{ACT_UP, SCOPE_ASK, {'k', KC(KEY_UP)}, false, NULL, "the question before"},
	{ACT_ASK_TAKE, SCOPE_ASK, {'\r', '\n', KC(KEY_ENTER)}, true, "into notes", NULL},
	{ACT_CANCEL, SCOPE_ASK, {27, '\t'}, true, "back", "back to the timeline; the questions stay shown"},
	{ACT_ASK_HIDE, SCOPE_ASK, {'s', 'Q'}, true, "hide", NULL},
	{ACT_DOWN, SCOPE_CHECK, {'j', KC(KEY_DOWN)}, false, NULL, "the next problem"},
	{ACT_UP, SCOPE_CHECK, {'k', KC(KEY_UP)}, false, NULL, "the previous problem"},
	{ACT_SUBMIT, SCOPE_CHECK, {'\r', '\n', KC(KEY_ENTER)}, false, "go to the event",
	 "go to the problem's event on the timeline"},
	{ACT_ACCEPT_TIMELINE, SCOPE_CHECK, {'y', 'Y'}, false, "accept as it is", NULL},
	{ACT_CANCEL, SCOPE_CHECK, {27, 'q'}, false, "close", "close the list; nothing changes"},
	{ACT_DOWN, SCOPE_STATS, {'j', KC(KEY_DOWN)}, true, "scroll", "scroll down"},
	{ACT_UP, SCOPE_STATS, {'k', KC(KEY_UP)}, false, NULL, "scroll up"},
	{ACT_PAGE_DOWN, SCOPE_STATS, {KC(KEY_NPAGE), ' '}, false, NULL, "a page down"},
	{ACT_PAGE_UP, SCOPE_STATS, {KC(KEY_PPAGE), 'b'}, false, NULL, "a page up"},
	{ACT_FIRST, SCOPE_STATS, {'g', KC(KEY_HOME)}, false, NULL, "the first period"},
	{ACT_LAST, SCOPE_STATS, {'G', KC(KEY_END)}, false, NULL, "the last period"},
	{ACT_STATS_PERIOD, SCOPE_STATS, {'m'}, true, "month/quarter", NULL},
	{ACT_HELP, SCOPE_STATS, {'?', KC(KEY_F(1))}, true, "help", NULL},
	{ACT_CANCEL, SCOPE_STATS, {27, 'q'}, true, "back", "back to the list of retrospectives"},
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

/* The table in force: the defaults above, or after a rebinding
 * (keymap_bind) a copy of them changed. */
static const struct binding *table = BINDINGS;
static size_t n_table = N_BINDINGS;

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
static char (*labels)[96], (*firsts)[16];
static bool labelled;

static void write_labels(void)
{
	labels = xrealloc(labels, n_table * sizeof *labels);
	firsts = xrealloc(firsts, n_table * sizeof *firsts);
	memset(labels, 0, n_table * sizeof *labels);
	memset(firsts, 0, n_table * sizeof *firsts);
	for (size_t i = 0; i < n_table; i++) {
		char *l = labels[i];
		for (int j = 0; j < KEYMAP_MAX_KEYS && table[i].keys[j]; j++) {
			char name[16];
			name_key(table[i].keys[j], name, sizeof name);
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
	return labels[b - table];
}

const char *binding_key(const struct binding *b)
{
	if (!labelled)
		write_labels();
	return firsts[b - table];
}

const char *keymap_key_for(unsigned scope, enum command act)
{
	for (size_t i = 0; i < n_table; i++)
		if (table[i].action == act && (table[i].scopes & scope))
			return binding_key(&table[i]);
	return "";
}

void keymap_hint(unsigned scope, struct strbuf *out)
{
	for (size_t i = 0; i < n_table; i++)
		if ((table[i].scopes & scope) && table[i].bar_label)
			sb_printf(out, "%s%s: %s", out->len ? " · " : "", binding_key(&table[i]),
				  table[i].bar_label);
}

const char *binding_help(const struct binding *b)
{
	return b->help ? b->help : command_help(b->action);
}

const struct binding *keymap_bindings(size_t *n)
{
	*n = n_table;
	return table;
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
		for (size_t i = 0; i < n_table; i++)
			for (int j = 0; j < KEYMAP_MAX_KEYS && table[i].keys[j]; j++) {
				int c = table[i].keys[j];
				if ((table[i].scopes & scope) && c >= 0 && c < 128)
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
	for (size_t i = 0; i < n_table; i++) {
		if (!(table[i].scopes & scope))
			continue;
		for (int j = 0; j < KEYMAP_MAX_KEYS && table[i].keys[j]; j++)
			if (table[i].keys[j] == k)
				return table[i].action;
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
	{SCOPE_ASK, "Questions for the event (s on the timeline)"},
	{SCOPE_CONFIRM, "Question (y/n)"},
	{SCOPE_CHECK, "Timeline check (its list of problems)"},
	{SCOPE_STATS, "Figures over time (S on the list)"},
	{SCOPE_HELP, "This list"},
	{SCOPE_LIST, "List of retrospectives"},
	{SCOPE_ALL_ACTIONS, "Action items of every retrospective (A on the list)"},
	{SCOPE_MATCHES, "Matches in every retrospective (W)"},
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
	if (sc == SCOPE_LIST) /* (one on every stage too is in that section) */
		return (b->scopes & SCOPE_LIST) && (b->scopes & SCOPE_STAGES) != SCOPE_STAGES;
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
	size_t n = n_table;
	for (size_t s = 0; s < sizeof SECTIONS / sizeof SECTIONS[0]; s++) {
		sb_printf(out, ".Ss %s\n.Bl -tag -width \"PgDn Space\" -compact\n", SECTIONS[s].title);
		for (size_t i = 0; i < n; i++)
			if (in_section(&table[i], s)) {
				/* \& keeps ] [ ? from being read as punctuation. */
				sb_printf(out, ".It Li \"\\&%s\"\n", binding_label(&table[i]));
				mdoc_text(out, binding_help(&table[i]));
			}
		sb_puts(out, ".El\n");
	}
}

static void describe_section(size_t s, struct strbuf *out)
{
	sb_printf(out, "%s\n", SECTIONS[s].title);
	for (size_t i = 0; i < n_table; i++)
		if (in_section(&table[i], s)) {
			/* Padded by display width, as everything is; a longer
			 * label pushes its help along. */
			const char *l = binding_label(&table[i]);
			int width = text_width(l);
			sb_printf(out, "  %s%*s %s\n", l, width < 12 ? 12 - width : 0, "",
				  binding_help(&table[i]));
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

/* --- rebinding: "bind SCOPE KEY ACTION" from the settings --- */

static const struct {
	const char *name;
	unsigned scope;
} SCOPE_NAMES[] = {
	{"global", SCOPE_STAGES | SCOPE_LIST}, {"stages", SCOPE_STAGES},
#define STAGE_SCOPE_NAME_(a, id, lower, num, name, title, short_title) {name, SCOPE_##id},
	STAGE_LIST(STAGE_SCOPE_NAME_, _)
#undef STAGE_SCOPE_NAME_
	{"list", SCOPE_LIST}, {"notes", SCOPE_NOTES}, {"edit", SCOPE_EDIT}, {"form", SCOPE_FORM},
	{"prompt", SCOPE_PROMPT}, {"confirm", SCOPE_CONFIRM}, {"help", SCOPE_HELP}, {"ask", SCOPE_ASK},
	{"check", SCOPE_CHECK}, {"stats", SCOPE_STATS}, {"all-actions", SCOPE_ALL_ACTIONS},
	{"matches", SCOPE_MATCHES},
};
#define N_SCOPE_NAMES (sizeof SCOPE_NAMES / sizeof SCOPE_NAMES[0])

/* The codes a key name stands for (Enter is three), as stored in a
 * binding; how many, 0 for no such key. */
static int parse_key(const char *name, int codes[KEYMAP_MAX_KEYS])
{
	int n = 0;
	for (size_t i = 0; i < sizeof KEY_NAMES / sizeof KEY_NAMES[0] && n < KEYMAP_MAX_KEYS; i++)
		if (strcasecmp(name, KEY_NAMES[i].name) == 0)
			codes[n++] = KEY_NAMES[i].key;
	if (n)
		return n;
	if (strncasecmp(name, "Ctrl-", 5) == 0 && name[5] && !name[6]) {
		int c = name[5] >= 'a' && name[5] <= 'z' ? name[5] - 32 : name[5];
		if (c >= '@' && c <= '_' && c != 'I' && c != 'M' && c != '[') /* Tab, Enter, Esc */
			codes[n++] = c & 0x1f;
		return n;
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		int f = 0;
		const char *p = name + 1;
		while (*p >= '0' && *p <= '9' && f < 100)
			f = f * 10 + (*p++ - '0');
		if (!*p && f >= 1 && f <= 12)
			codes[n++] = KC(KEY_F(f));
		return n;
	}
	/* One character, itself (' ' is Space). */
	size_t len = strlen(name);
	unsigned cp;
	if (len && utf8_decode(name, len, &cp) == len && cp > ' ' && cp != 0x7f)
		codes[n++] = (int)cp;
	return n;
}

/* The scopes where act does something: where it has a default binding
 * (a rebinding may have taken its keys away). */
static unsigned scopes_of(enum command act)
{
	unsigned s = 0;
	for (size_t i = 0; i < N_BINDINGS; i++)
		if (BINDINGS[i].action == act)
			s |= BINDINGS[i].scopes;
	return s;
}

/* "timeline, actions": the names of the single scopes in mask. */
static void scope_names(unsigned mask, struct strbuf *out)
{
	for (size_t i = 2; i < N_SCOPE_NAMES; i++) /* not global nor stages */
		if (mask & SCOPE_NAMES[i].scope)
			sb_printf(out, "%s%s", out->len ? ", " : "", SCOPE_NAMES[i].name);
}

static struct binding *own_table(void)
{
	if (table == BINDINGS) {
		struct binding *copy = xmalloc(sizeof BINDINGS);
		memcpy(copy, BINDINGS, sizeof BINDINGS);
		table = copy;
	}
	return (struct binding *)table;
}

/* Room for one binding more after position at; returns the new one. */
static struct binding *insert_after(size_t at)
{
	struct binding *t = xrealloc(own_table(), (n_table + 1) * sizeof *t);
	memmove(&t[at + 2], &t[at + 1], (n_table - at - 1) * sizeof *t);
	n_table++;
	table = t;
	return &t[at + 1];
}

/* Removes codes from keys; whether any was there. */
static bool remove_codes(int keys[KEYMAP_MAX_KEYS], const int *codes, int n)
{
	int kept[KEYMAP_MAX_KEYS] = {0}, k = 0;
	bool had = false;
	for (int j = 0; j < KEYMAP_MAX_KEYS && keys[j]; j++) {
		bool drop = false;
		for (int c = 0; c < n; c++)
			drop |= keys[j] == codes[c];
		had |= drop;
		if (!drop)
			kept[k++] = keys[j];
	}
	memcpy(keys, kept, sizeof kept);
	return had;
}

/* In scope, the keys codes stop doing what they did: bindings wholly in
 * scope lose them, one reaching beyond it is split at scope's edge. */
static void unbind_codes(unsigned scope, const int *codes, int n)
{
	struct binding *t = own_table();
	for (size_t i = 0; i < n_table; i++) {
		if (!(t[i].scopes & scope))
			continue;
		struct binding probe = t[i];
		if (!remove_codes(probe.keys, codes, n))
			continue;
		if (!(t[i].scopes & ~scope)) {
			t[i] = probe;
			continue;
		}
		t[i].scopes &= ~scope;
		probe.scopes &= scope;
		*insert_after(i) = probe;
		t = (struct binding *)table;
		i++;
	}
}

/* A binding with no key left is no binding: it shows nowhere. */
static void drop_keyless(void)
{
	struct binding *t = own_table();
	size_t k = 0;
	for (size_t i = 0; i < n_table; i++)
		if (t[i].keys[0])
			t[k++] = t[i];
	n_table = k;
}

/* The binding of act over exactly scope, or n_table. */
static size_t exact_binding(enum command act, unsigned scope)
{
	for (size_t i = 0; i < n_table; i++)
		if (table[i].action == act && table[i].scopes == scope)
			return i;
	return n_table;
}

/* Puts codes in front of keys; false if there is no room. */
static bool prepend_codes(int keys[KEYMAP_MAX_KEYS], const int *codes, int n)
{
	int have = 0;
	while (have < KEYMAP_MAX_KEYS && keys[have])
		have++;
	if (have + n > KEYMAP_MAX_KEYS)
		return false;
	memmove(&keys[n], keys, (size_t)have * sizeof *keys);
	memcpy(keys, codes, (size_t)n * sizeof *keys);
	return true;
}

static void where_names(unsigned mask, struct strbuf *out);

int keymap_bind(const char *scope_name, const char *key_name, const char *action_name,
		struct err *e)
{
	/* What was typed, quoted in a message, cut on a character's edge. */
	char scope_cut[48], key_cut[48], action_cut[48];
	str_copy(scope_cut, sizeof scope_cut, scope_name);
	str_copy(key_cut, sizeof key_cut, key_name);
	str_copy(action_cut, sizeof action_cut, action_name);
	unsigned scope = 0;
	for (size_t i = 0; i < N_SCOPE_NAMES && !scope; i++)
		if (strcmp(scope_name, SCOPE_NAMES[i].name) == 0)
			scope = SCOPE_NAMES[i].scope;
	if (!scope) {
		struct strbuf all = {0};
		scope_names(~0u, &all);
		err_set(e, "no scope '%s' (global, stages, %s)", scope_cut, all.s);
		sb_free(&all);
		return -1;
	}
	int codes[KEYMAP_MAX_KEYS];
	int n = parse_key(key_name, codes);
	if (n == 0)
		return err_set(e, "no key '%s' (a character, or Enter Tab Esc Space Backspace Up Down Left "
			       "Right PgUp PgDn Home End Del S-Tab F1-F12 Ctrl-A...)", key_cut);
	enum command act = ACT_NONE;
	for (int a = 0; a < ACT_COUNT && act == ACT_NONE; a++)
		if (strcmp(action_name, NAMES[a]) == 0)
			act = (enum command)a;
	if (act == ACT_NONE && strcmp(action_name, "none") != 0) {
		/* The scope's own actions, to pick from (a stage's without
		 * those of every stage). */
		bool one_stage = (scope & SCOPE_STAGES) && !(scope & (scope - 1));
		struct strbuf there = {0};
		for (int a = 0; a < ACT_COUNT; a++) {
			unsigned w = scopes_of((enum command)a);
			if ((w & scope) == scope && !(one_stage && (w & SCOPE_STAGES) == SCOPE_STAGES))
				sb_printf(&there, "%s%s", there.len ? " " : "", NAMES[a]);
		}
		err_set(e, "no action '%s' in %s (%s: %s, none; --help-keys=actions lists them all)",
			action_cut, scope_name, one_stage ? "its own" : "there", there.len ? there.s : "none");
		sb_free(&there);
		return -1;
	}
	unsigned works = act == ACT_NONE ? scope : scopes_of(act);
	if ((works & scope) != scope) {
		struct strbuf where = {0};
		where_names(works, &where);
		err_set(e, "%s does nothing in %s (only in %s)", action_name, scope_name, where.s);
		sb_free(&where);
		return -1;
	}
	/* The room is checked before anything changes. */
	size_t exact = act == ACT_NONE ? n_table : exact_binding(act, scope);
	if (exact < n_table) {
		struct binding probe = table[exact];
		remove_codes(probe.keys, codes, n);
		if (!prepend_codes(probe.keys, codes, n))
			return err_set(e, "%s has too many keys in %s", action_name, scope_name);
	}
	unbind_codes(scope, codes, n);
	if (act != ACT_NONE) {
		struct binding *t = own_table();
		exact = exact_binding(act, scope);
		if (exact < n_table) {
			prepend_codes(t[exact].keys, codes, n);
		} else {
			/* Its own binding in this scope, after the action's first
			 * one there (the help lists it beside it); if its keys there
			 * were all taken away, in its default's place in the bar. */
			size_t at = 0;
			while (at < n_table && !(t[at].action == act && (t[at].scopes & scope)))
				at++;
			const struct binding *d = BINDINGS;
			while (!(d->action == act && (d->scopes & scope)))
				d++;
			bool alone = at == n_table;
			struct binding b = {.action = act, .scopes = scope, .in_bar = alone ? d->in_bar : false,
					    .bar_label = alone ? d->bar_label : NULL, .help = d->help};
			memcpy(b.keys, codes, (size_t)n * sizeof *codes);
			*insert_after(alone ? n_table - 1 : at) = b;
		}
	}
	drop_keyless();
	labelled = false;
	bound_known = 0;
	memset(bound_ascii, 0, sizeof bound_ascii);
	return 0;
}

void keymap_reset(void)
{
	if (table != BINDINGS)
		free((struct binding *)table);
	table = BINDINGS;
	n_table = N_BINDINGS;
	labelled = false;
	bound_known = 0;
	memset(bound_ascii, 0, sizeof bound_ascii);
}

/* "global", "stages, list", "timeline, actions": where a mask reaches. */
static void where_names(unsigned mask, struct strbuf *out)
{
	if ((mask & (SCOPE_STAGES | SCOPE_LIST)) == (SCOPE_STAGES | SCOPE_LIST)) {
		sb_puts(out, "global");
		mask &= ~(SCOPE_STAGES | SCOPE_LIST);
	} else if ((mask & SCOPE_STAGES) == SCOPE_STAGES) {
		sb_puts(out, "stages");
		mask &= ~SCOPE_STAGES;
	}
	scope_names(mask, out);
}

void keymap_describe_actions(struct strbuf *out)
{
	sb_printf(out, "%-22s %-46s %s\n", "ACTION", "SCOPES", "WHAT IT DOES");
	for (int a = 0; a < ACT_COUNT; a++) {
		unsigned mask = scopes_of((enum command)a);
		if (!mask)
			continue;
		struct strbuf where = {0};
		where_names(mask, &where);
		sb_printf(out, "%-22s %-46s %s\n", NAMES[a], where.s, HELPS[a]);
		sb_free(&where);
	}
}
