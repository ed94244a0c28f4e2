/* Unit tests: the text-editing widget (editing, paste hygiene, layout). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "debrief/textedit.h"
#include "tap.h"

/* Some strings spelled as bytes, so the test reads the same in any editor. */
#define E_ACUTE "\xc3\xa9"          /* é, precomposed */
#define ACUTE "\xcc\x81"            /* U+0301 combining acute */
#define NI "\xe6\x97\xa5"           /* 日 */
#define HON "\xe6\x9c\xac"          /* 本 */
#define GO "\xe8\xaa\x9e"           /* 語 */
#define ENGINE "\xf0\x9f\x9a\x92"   /* 🚒 U+1F692 */
#define SYM_ESC "\xe2\x90\x9b"      /* U+241B */
#define SYM_BEL "\xe2\x90\x87"      /* U+2407 */
#define SYM_NUL "\xe2\x90\x80"      /* U+2400 */
#define SYM_DEL "\xe2\x90\xa1"      /* U+2421 */
#define REPL "\xef\xbf\xbd"         /* U+FFFD */

/* Types a UTF-8 string one code point at a time, as the keyboard would. */
static void type(struct textedit *te, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			abort(); /* the tests only type valid text */
		te_insert_cp(te, cp);
		i += len;
	}
}

static void press(struct textedit *te, enum te_key k, int times)
{
	while (times-- > 0)
		te_key(te, k);
}

static bool clean_ok(const struct textedit *te)
{
	const char *s = te_text(te);
	return utf8_valid(s, te->buf.len) && strlen(s) == te->buf.len &&
	       te->cursor <= te->buf.len;
}

static void test_typing(void)
{
	struct textedit te;
	te_init(&te, false);
	ok(te_empty(&te), "a new editor is empty");
	is_str(te_text(&te), "", "and reads as \"\"");
	is_int(te_insert_cp(&te, 'h'), TE_CHANGED, "typing changes the text");
	type(&te, "ello");
	is_str(te_text(&te), "hello", "types ASCII");
	is_int(te.cursor, 5, "cursor after the typed text");
	ok(!te_empty(&te), "not empty after typing");

	press(&te, TE_KEY_LEFT, 2);
	type(&te, "X");
	is_str(te_text(&te), "helXlo", "types in the middle");
	is_int(te.cursor, 4, "cursor after the inserted character");
	is_int(te_key(&te, TE_KEY_HOME), TE_MOVED, "Home moves");
	is_int(te.cursor, 0, "Home goes to the start");
	is_int(te_key(&te, TE_KEY_HOME), TE_UNCHANGED, "Home at the start does nothing");
	is_int(te_key(&te, TE_KEY_LEFT), TE_UNCHANGED, "Left at the start does nothing");
	is_int(te_key(&te, TE_KEY_BACKSPACE), TE_UNCHANGED, "Backspace at the start does nothing");
	is_int(te_key(&te, TE_KEY_END), TE_MOVED, "End moves");
	is_int(te.cursor, 6, "End goes to the end");
	is_int(te_key(&te, TE_KEY_RIGHT), TE_UNCHANGED, "Right at the end does nothing");
	is_int(te_key(&te, TE_KEY_DELETE), TE_UNCHANGED, "Delete at the end does nothing");

	is_int(te_insert_cp(&te, '\n'), TE_UNCHANGED, "a single-line field refuses a newline");
	is_int(te_key(&te, TE_KEY_NEWLINE), TE_UNCHANGED, "and the newline key");
	is_int(te_key(&te, TE_KEY_UP), TE_UNCHANGED, "Up is left to the caller in one line");
	is_int(te_key(&te, TE_KEY_DOWN), TE_UNCHANGED, "and Down");
	is_int(te_insert_cp(&te, 0x1b), TE_UNCHANGED, "refuses ESC");
	is_int(te_insert_cp(&te, '\r'), TE_UNCHANGED, "refuses CR");
	is_int(te_insert_cp(&te, 0x7f), TE_UNCHANGED, "refuses DEL");
	is_int(te_insert_cp(&te, 0x85), TE_UNCHANGED, "refuses a C1 control");
	is_int(te_insert_cp(&te, 0), TE_UNCHANGED, "refuses NUL");
	is_int(te_insert_cp(&te, 0xD800), TE_UNCHANGED, "refuses a surrogate");
	is_int(te_insert_cp(&te, 0x110000), TE_UNCHANGED, "refuses past U+10FFFF");
	is_str(te_text(&te), "helXlo", "refused characters leave the text alone");
	is_int(te_insert_cp(&te, '\t'), TE_CHANGED, "takes a tab");
	is_str(te_text(&te), "helXlo ", "as a space");

	te_set(&te, "abc");
	is_str(te_text(&te), "abc", "te_set replaces the text");
	is_int(te.cursor, 3, "te_set puts the cursor at the end");
	te_set(&te, NULL);
	ok(te_empty(&te), "te_set(NULL) clears");
	te_set(&te, "xyz");
	te_clear(&te);
	ok(te_empty(&te) && te.cursor == 0, "te_clear empties and resets the cursor");
	te_free(&te);
	is_str(te_text(&te), "", "a freed editor reads as empty");
	type(&te, "again");
	is_str(te_text(&te), "again", "and can be used again");
	te_free(&te);
}

static void test_accents(void)
{
	struct textedit te;
	te_init(&te, false);
	type(&te, "caf" E_ACUTE);
	is_str(te_text(&te), "caf" E_ACUTE, "types a precomposed accent");
	is_int(te.cursor, 5, "cursor counts bytes");
	press(&te, TE_KEY_LEFT, 1);
	is_int(te.cursor, 3, "Left steps over a two-byte character");
	te_key(&te, TE_KEY_BACKSPACE);
	is_str(te_text(&te), "ca" E_ACUTE, "Backspace deletes the ASCII before it");
	is_int(te_key(&te, TE_KEY_DELETE), TE_CHANGED, "Delete on a two-byte character");
	is_str(te_text(&te), "ca", "deletes both bytes");

	te_set(&te, "e" ACUTE "x");
	te_key(&te, TE_KEY_HOME);
	te_key(&te, TE_KEY_RIGHT);
	is_int(te.cursor, 3, "Right steps over e and its combining mark together");
	te_key(&te, TE_KEY_RIGHT);
	is_int(te.cursor, 4, "then over x");
	te_key(&te, TE_KEY_LEFT);
	te_key(&te, TE_KEY_LEFT);
	is_int(te.cursor, 0, "Left steps back over the pair at once");
	te_key(&te, TE_KEY_DELETE);
	is_str(te_text(&te), "x", "Delete removes the letter with its mark");
	te_set(&te, "e" ACUTE "x");
	press(&te, TE_KEY_LEFT, 1);
	te_key(&te, TE_KEY_BACKSPACE);
	is_str(te_text(&te), "x", "Backspace removes the letter with its mark");
	is_int(te.cursor, 0, "and the cursor lands before x");

	te_clear(&te);
	type(&te, "e");
	is_int(te_insert_cp(&te, 0x301), TE_CHANGED, "types a combining mark");
	is_str(te_text(&te), "e" ACUTE, "after its letter");
	is_int(te_width(te_text(&te), te.buf.len), 1, "the pair is one column wide");
	te_set(&te, "a" ACUTE "\xcc\x82");
	te_key(&te, TE_KEY_LEFT);
	is_int(te.cursor, 0, "two stacked marks stay with their letter");

	te_set(&te, ACUTE "b");
	te_key(&te, TE_KEY_HOME);
	te_key(&te, TE_KEY_RIGHT);
	is_int(te.cursor, 2, "a mark at the start stands alone");
	te_key(&te, TE_KEY_HOME);
	type(&te, "a");
	is_str(te_text(&te), "a" ACUTE "b", "a letter typed before a lone mark takes it");
	is_int(te.cursor, 3, "and the cursor goes past the pair, not between");

	te_set(&te, "x " ACUTE "yz");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 4, "word left stops after a blank and its mark");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 0, "and does not get stuck there");
	te_free(&te);
}

static void test_wide(void)
{
	struct textedit te;
	te_init(&te, false);
	type(&te, NI HON);
	is_int(te.buf.len, 6, "CJK is three bytes a character");
	is_int(te_width(te_text(&te), te.buf.len), 4, "and two columns");
	te_key(&te, TE_KEY_LEFT);
	is_int(te.cursor, 3, "Left steps over a whole CJK character");
	te_key(&te, TE_KEY_BACKSPACE);
	is_str(te_text(&te), HON, "Backspace deletes a whole CJK character");
	is_int(te.cursor, 0, "cursor at the start");

	te_set(&te, "ab");
	te_key(&te, TE_KEY_LEFT);
	type(&te, ENGINE);
	is_str(te_text(&te), "a" ENGINE "b", "types an emoji in the middle");
	is_int(te.cursor, 5, "cursor after its four bytes");
	is_int(te_width(ENGINE, 4), 2, "an emoji is two columns");
	te_key(&te, TE_KEY_BACKSPACE);
	is_str(te_text(&te), "ab", "Backspace deletes the whole emoji");

	te_set(&te, "\xe2\x9d\xa4\xef\xb8\x8f"); /* U+2764 U+FE0F */
	te_key(&te, TE_KEY_LEFT);
	is_int(te.cursor, 0, "a variation selector stays with its emoji");
	te_free(&te);
}

static void test_width(void)
{
	is_int(te_width("abc", 3), 3, "ASCII is one column each");
	is_int(te_width(NI HON, 6), 4, "CJK is two columns each");
	is_int(te_width("e" ACUTE, 3), 1, "a combining mark adds nothing");
	is_int(te_width("\xff", 1), 1, "a stray byte counts one column");
	is_int(te_width("abc", 0), 0, "nothing is zero columns");
	is_int(te_width(SYM_ESC, 3), 1, "a control picture is one column");
}

static void test_words(void)
{
	struct textedit te;
	te_init(&te, false);
	te_set(&te, "  alpha beta  gamma");
	te_key(&te, TE_KEY_HOME);
	te_key(&te, TE_KEY_WORD_RIGHT);
	is_int(te.cursor, 7, "word right skips spaces then a word");
	te_key(&te, TE_KEY_WORD_RIGHT);
	is_int(te.cursor, 12, "to the end of the next word");
	te_key(&te, TE_KEY_WORD_RIGHT);
	is_int(te.cursor, 19, "over two spaces to the last word's end");
	is_int(te_key(&te, TE_KEY_WORD_RIGHT), TE_UNCHANGED, "and no further");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 14, "word left goes to the word's start");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 8, "skips spaces then a word");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 2, "to the first word");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 0, "then over the leading spaces");
	is_int(te_key(&te, TE_KEY_WORD_LEFT), TE_UNCHANGED, "and no further");

	te_set(&te, NI HON " caf" E_ACUTE);
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 7, "word left over multi-byte words");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 0, "to the start");
	te_key(&te, TE_KEY_WORD_RIGHT);
	is_int(te.cursor, 6, "word right over a CJK word");
	te_free(&te);

	te_init(&te, true);
	te_set(&te, "one\ntwo");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 4, "a newline separates words");
	te_key(&te, TE_KEY_WORD_LEFT);
	is_int(te.cursor, 0, "word left crosses lines");
	te_key(&te, TE_KEY_WORD_RIGHT);
	is_int(te.cursor, 3, "word right stops before the newline");
	te_key(&te, TE_KEY_WORD_RIGHT);
	is_int(te.cursor, 7, "and crosses it next");
	te_free(&te);
}

static void test_kills(void)
{
	struct textedit te;
	te_init(&te, false);
	is_int(te_key(&te, TE_KEY_YANK), TE_UNCHANGED, "yank with nothing killed does nothing");
	te_set(&te, "alpha beta gamma");
	is_int(te_key(&te, TE_KEY_DELETE_WORD_BACK), TE_CHANGED, "Ctrl-W changes");
	is_str(te_text(&te), "alpha beta ", "Ctrl-W deletes the word before the cursor");
	te_key(&te, TE_KEY_DELETE_WORD_BACK);
	is_str(te_text(&te), "alpha ", "again deletes the word and its space");
	is_str(sb_str(&te.kill), "beta gamma", "consecutive kills make one kill, in order");
	te_key(&te, TE_KEY_YANK);
	is_str(te_text(&te), "alpha beta gamma", "Ctrl-Y puts it back");
	is_int(te.cursor, 16, "cursor after the yanked text");

	te_set(&te, "foo bar  ");
	te_key(&te, TE_KEY_DELETE_WORD_BACK);
	is_str(te_text(&te), "foo ", "Ctrl-W takes trailing spaces with the word");

	te_set(&te, "hello world");
	te_key(&te, TE_KEY_HOME);
	te_key(&te, TE_KEY_WORD_RIGHT);
	te_key(&te, TE_KEY_RIGHT);
	te_key(&te, TE_KEY_KILL_TO_START);
	is_str(te_text(&te), "world", "Ctrl-U kills to the start");
	is_int(te.cursor, 0, "cursor at the start");
	te_key(&te, TE_KEY_YANK);
	is_str(te_text(&te), "hello world", "Ctrl-Y restores it");
	is_int(te.cursor, 6, "cursor after the yank");
	te_key(&te, TE_KEY_LEFT);
	te_key(&te, TE_KEY_KILL_TO_END);
	is_str(te_text(&te), "hello", "Ctrl-K kills to the end");
	is_str(sb_str(&te.kill), " world", "a kill after a move starts a new kill");
	is_int(te_key(&te, TE_KEY_KILL_TO_END), TE_UNCHANGED, "Ctrl-K at the end does nothing");
	te_key(&te, TE_KEY_LEFT);
	te_key(&te, TE_KEY_KILL_TO_END);
	is_str(sb_str(&te.kill), "o", "the kill buffer holds only the latest kill");
	te_key(&te, TE_KEY_YANK);
	te_key(&te, TE_KEY_YANK);
	is_str(te_text(&te), "helloo", "yank can repeat");

	te_set(&te, NI HON GO);
	te_key(&te, TE_KEY_LEFT);
	te_key(&te, TE_KEY_KILL_TO_START);
	is_str(te_text(&te), GO, "Ctrl-U over multi-byte text");
	is_str(sb_str(&te.kill), NI HON, "kills whole characters");
	te_free(&te);

	te_init(&te, true);
	te_set(&te, "ab\ncd");
	te_key(&te, TE_KEY_UP);
	te_key(&te, TE_KEY_HOME);
	te_key(&te, TE_KEY_KILL_TO_END);
	is_str(te_text(&te), "\ncd", "multi-line Ctrl-K kills to the line's end");
	te_key(&te, TE_KEY_KILL_TO_END);
	is_str(te_text(&te), "cd", "at the line's end it joins the next line");
	te_key(&te, TE_KEY_YANK);
	is_str(te_text(&te), "ab\ncd", "the two kills yank back as one");
	is_int(te.cursor, 3, "cursor after the yank");
	te_key(&te, TE_KEY_KILL_TO_START);
	is_str(te_text(&te), "abcd", "Ctrl-U at a line's start joins the previous line");
	is_int(te.cursor, 2, "cursor at the join");
	te_set(&te, "ab\ncd");
	te_key(&te, TE_KEY_KILL_TO_START);
	is_str(te_text(&te), "ab\n", "multi-line Ctrl-U kills to the line's start only");
	te_free(&te);
}

static void test_paste(void)
{
	struct textedit te;
	te_init(&te, false);
	const char *esc = "red \x1b[31malert\x07";
	is_int(te_insert(&te, esc, strlen(esc)), TE_CHANGED, "a paste changes the text");
	is_str(te_text(&te), "red " SYM_ESC "[31malert" SYM_BEL, "escape sequences show, never act");
	te_clear(&te);
	te_insert(&te, "a\r\nb\rc\nd\te", 10);
	is_str(te_text(&te), "a b c d e", "single-line: line breaks and tabs become spaces");
	te_clear(&te);
	te_insert(&te, "ab\xff" "c", 4);
	is_str(te_text(&te), "ab" REPL "c", "a stray byte becomes U+FFFD");
	te_clear(&te);
	te_insert(&te, "\xe6\x97", 2);
	is_str(te_text(&te), REPL REPL, "a cut sequence becomes U+FFFD per byte");
	te_clear(&te);
	te_insert(&te, "\xc0\xaf", 2);
	ok(utf8_valid(te_text(&te), te.buf.len) && strstr(te_text(&te), REPL),
	   "an overlong encoding is replaced");
	te_clear(&te);
	te_insert(&te, "\xed\xa0\x80", 3);
	ok(utf8_valid(te_text(&te), te.buf.len) && strstr(te_text(&te), REPL),
	   "an encoded surrogate is replaced");
	te_clear(&te);
	te_insert(&te, "x\xc2\x9by\x7f", 5);
	is_str(te_text(&te), "x" REPL "y" SYM_DEL, "C1 and DEL are made safe");
	te_clear(&te);
	te_insert(&te, "a\0b", 3);
	is_str(te_text(&te), "a" SYM_NUL "b", "a NUL byte shows as U+2400");
	te_clear(&te);
	te_insert(&te, "  a  ", 5);
	is_str(te_text(&te), "  a  ", "a paste is not trimmed");
	is_int(te_insert(&te, "", 0), TE_UNCHANGED, "an empty paste does nothing");

	te_set(&te, "[]");
	te_key(&te, TE_KEY_LEFT);
	te_insert(&te, NI HON, 6);
	is_str(te_text(&te), "[" NI HON "]", "pastes at the cursor");
	is_int(te.cursor, 7, "cursor after the paste");

	te_set(&te, "x\x1by");
	is_str(te_text(&te), "x" SYM_ESC "y", "te_set cleans like a paste");
	ok(clean_ok(&te), "the buffer stays valid");
	te_free(&te);

	te_init(&te, true);
	te_insert(&te, "a\r\nb\rc\nd\te", 10);
	is_str(te_text(&te), "a\nb\nc\nd e", "multi-line: CR LF and CR become newlines");
	te_clear(&te);
	te_insert(&te, "a\r", 2);
	is_str(te_text(&te), "a\n", "a CR at the end of a paste");
	te_free(&te);
}

static void test_max_bytes(void)
{
	struct textedit te;
	te_init(&te, false);
	te.max_bytes = 5;
	type(&te, "abcde");
	is_int(te_insert_cp(&te, 'f'), TE_UNCHANGED, "typing past max_bytes is refused");
	is_str(te_text(&te), "abcde", "the text stays at max_bytes");
	te_clear(&te);
	te_insert(&te, "ab" NI HON, 8);
	is_str(te_text(&te), "ab" NI, "a paste is cut at a character boundary");
	is_int(te.cursor, 5, "cursor after the kept part");
	te.max_bytes = 4;
	te_clear(&te);
	is_int(te_insert(&te, "ab" NI, 5), TE_CHANGED, "a cut paste still changes");
	is_str(te_text(&te), "ab", "a character that does not fit is dropped whole");
	type(&te, "c");
	is_int(te_insert_cp(&te, 0xE9), TE_UNCHANGED, "a two-byte character does not fit in one byte");
	is_int(te_insert_cp(&te, 'd'), TE_CHANGED, "an ASCII one does");
	is_str(te_text(&te), "abcd", "fills up to the limit");
	is_int(te_insert(&te, "z", 1), TE_UNCHANGED, "a paste into a full field does nothing");
	te.max_bytes = 6;
	te_set(&te, ENGINE ENGINE);
	is_str(te_text(&te), ENGINE, "te_set is cut too");
	te.max_bytes = 5;
	te_clear(&te);
	te_insert(&te, "\x1b\x1b", 2);
	is_str(te_text(&te), SYM_ESC, "the limit counts the cleaned bytes");
	te.max_bytes = 0;
	te_clear(&te);
	size_t big = TE_DEFAULT_MAX_BYTES + 5000;
	char *a = malloc(big);
	memset(a, 'a', big);
	te_insert(&te, a, big);
	is_int(te.buf.len, 64 * 1024, "the default limit is 64 KiB");
	free(a);
	te_free(&te);
}

static void view(struct textedit *te, int w, size_t *start, size_t *end,
		 int *col)
{
	te_view_line(te, w, start, end, col);
}

static void test_view_line(void)
{
	struct textedit te;
	size_t start, end;
	int col;
	te_init(&te, false);
	te_set(&te, "hello");
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && end == 5 && col == 5, "short text shows whole, cursor after it");
	view(&te, 5, &start, &end, &col);
	ok(start == 3 && end == 5 && col == 2, "cursor past the edge scrolls by half a window");

	te_set(&te, "abcdefghijklmnopqrstuvwxyz");
	view(&te, 10, &start, &end, &col);
	ok(start == 21 && end == 26 && col == 5, "at the end of a long line");
	te_key(&te, TE_KEY_HOME);
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && end == 10 && col == 0, "Home scrolls back to the start");
	press(&te, TE_KEY_RIGHT, 9);
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && end == 10 && col == 9, "no scroll while the cursor is inside");
	te_key(&te, TE_KEY_RIGHT);
	view(&te, 10, &start, &end, &col);
	ok(start == 5 && end == 15 && col == 5, "scrolls when the cursor leaves on the right");
	press(&te, TE_KEY_RIGHT, 4);
	view(&te, 10, &start, &end, &col);
	ok(start == 5 && col == 9, "then stays put");
	press(&te, TE_KEY_LEFT, 9);
	view(&te, 10, &start, &end, &col);
	ok(start == 5 && col == 0, "moving back inside does not scroll");
	te_key(&te, TE_KEY_LEFT);
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && col == 4, "leaving on the left scrolls back");

	te_set(&te, "abcdefghi" NI);
	te_key(&te, TE_KEY_HOME);
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && end == 9 && col == 0, "a wide character at the edge is not cut in half");
	te_key(&te, TE_KEY_END);
	view(&te, 10, &start, &end, &col);
	ok(start == 6 && end == 12 && col == 5, "scrolls to show it whole");
	is_int(te_width(te_text(&te) + start, end - start) <= 10, 1, "the window fits its width");

	te_set(&te, "abcdefghi" NI "x");
	te_key(&te, TE_KEY_HOME);
	press(&te, TE_KEY_RIGHT, 9);
	view(&te, 10, &start, &end, &col);
	ok(start == 4 && end == 13 && col == 5, "the cursor on a wide character at the edge scrolls it in");

	/* The last column's letter takes the mark after it (ASCII is taken a
	 * run at a time, but never the byte before a mark). */
	te_set(&te, "abcdefghie\xcc\x81z");
	te_key(&te, TE_KEY_HOME);
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && end == 12, "a mark on the last column's letter is drawn with it (end %zu)", end);
	view(&te, 9, &start, &end, &col);
	ok(start == 0 && end == 9, "and the letter before it is the window's last (end %zu)", end);

	te_set(&te, NI);
	view(&te, 1, &start, &end, &col);
	ok(start == 3 && end == 3 && col == 0, "one column: cursor after a wide character");
	te_key(&te, TE_KEY_HOME);
	view(&te, 1, &start, &end, &col);
	ok(start == 0 && end == 0 && col == 0, "one column: a wide character is not drawn half");
	view(&te, 0, &start, &end, &col);
	ok(start == te.cursor && end == te.cursor && col == 0, "zero width shows nothing");

	te_set(&te, "abcdefghijklmnopqrstuvwxyz");
	view(&te, 10, &start, &end, &col);
	te_set(&te, "hi");
	view(&te, 10, &start, &end, &col);
	ok(start == 0 && end == 2 && col == 2, "new shorter text resets the scroll");

	te_set(&te, "abcdefghijklm" ENGINE);
	view(&te, 8, &start, &end, &col);
	ok(start < end && col >= 0 && col <= 7, "emoji at the end: cursor in the window");
	is_int(te_width(te_text(&te) + start, te.cursor - start), col, "cursor column matches the text before it");
	te_free(&te);

	te_init(&te, true);
	te_set(&te, "first line\nsecond");
	view(&te, 20, &start, &end, &col);
	ok(start == 11 && end == 17 && col == 6, "multi-line: the window is the cursor's line");
	te_free(&te);
}

static void test_wrap(void)
{
	struct textedit te;
	struct te_row rows[8];
	int row, col;
	te_init(&te, true);

	te_set(&te, "the quick brown fox");
	is_int(te_wrap(&te, 10, rows, 8), 2, "wraps a sentence into two rows");
	ok(rows[0].start == 0 && rows[0].end == 10, "the first row breaks after a space");
	ok(rows[1].start == 10 && rows[1].end == 19, "the second holds the rest");
	te_cursor_rowcol(&te, 10, &row, &col);
	ok(row == 1 && col == 9, "cursor at the end of the second row");
	te_key(&te, TE_KEY_HOME);
	press(&te, TE_KEY_WORD_RIGHT, 2);
	te_cursor_rowcol(&te, 10, &row, &col);
	ok(row == 0 && col == 9, "cursor before the break is on the first row");
	te_key(&te, TE_KEY_RIGHT);
	te_cursor_rowcol(&te, 10, &row, &col);
	ok(row == 1 && col == 0, "cursor after the break starts the next row");

	te_set(&te, "abcdefghijklmnop");
	is_int(te_wrap(&te, 5, rows, 8), 4, "a long word is cut to fit");
	ok(rows[0].end == 4 && rows[1].start == 4 && rows[3].end == 16,
	   "keeping a column free for the cursor");
	te_cursor_rowcol(&te, 5, &row, &col);
	ok(row == 3 && col == 4, "cursor after the last piece");
	is_int(te_wrap(&te, 5, rows, 2), 4, "the count is whole when rows run out");
	is_int(te_wrap(&te, 5, NULL, 0), 4, "and rows may be NULL to count");

	te_set(&te, "ab\n\ncd");
	is_int(te_wrap(&te, 10, rows, 8), 3, "each logical line gets a row, blank ones too");
	ok(rows[0].start == 0 && rows[0].end == 2 && rows[1].start == 3 &&
	   rows[1].end == 3 && rows[2].start == 4 && rows[2].end == 6,
	   "rows leave out the newlines");
	te_key(&te, TE_KEY_UP);
	te_cursor_rowcol(&te, 10, &row, &col);
	ok(row == 1 && col == 0, "cursor on the blank line");

	te_set(&te, "ab\n");
	is_int(te_wrap(&te, 10, rows, 8), 2, "a final newline opens a row");
	te_cursor_rowcol(&te, 10, &row, &col);
	ok(row == 1 && col == 0, "where the cursor goes");

	te_clear(&te);
	is_int(te_wrap(&te, 10, rows, 8), 1, "empty text is one empty row");
	te_cursor_rowcol(&te, 10, &row, &col);
	ok(row == 0 && col == 0, "with the cursor at its start");

	te_set(&te, "abc ");
	is_int(te_wrap(&te, 4, rows, 8), 2, "a full last row gets a row for the cursor");
	ok(rows[0].end == 4 && rows[1].start == 4 && rows[1].end == 4, "an empty one");
	te_cursor_rowcol(&te, 4, &row, &col);
	ok(row == 1 && col == 0, "the cursor goes there");
	te_key(&te, TE_KEY_LEFT);
	te_cursor_rowcol(&te, 4, &row, &col);
	ok(row == 0 && col == 3, "and back on the space");

	te_set(&te, NI HON GO "\xe3\x81\xa7\xe3\x81\x99");
	is_int(te_wrap(&te, 5, rows, 8), 3, "wide characters wrap whole");
	ok(rows[0].end == 6 && rows[1].end == 12 && rows[2].end == 15, "two to a row");
	te_cursor_rowcol(&te, 5, &row, &col);
	ok(row == 2 && col == 2, "cursor after the last wide character");

	te_set(&te, "ab" NI);
	is_int(te_wrap(&te, 4, rows, 8), 2, "a wide character that does not fit moves down");
	ok(rows[0].end == 2 && rows[1].start == 2 && rows[1].end == 5, "whole");

	te_set(&te, "\xe8\x9f\xbf\xe2\x80\x8d"); /* U+87FF U+200D */
	is_int(te_wrap(&te, 1, rows, 8), 2, "one column: a wide character overflows alone");
	te_cursor_rowcol(&te, 1, &row, &col);
	ok(row == 1 && col == 0, "and the cursor after it has a cell of its own");
	te_set(&te, "\xe2\x80\x8d");
	te_key(&te, TE_KEY_HOME);
	type(&te, "\xe8\x9f\xbf");
	is_int(te.cursor, 6, "typing before a zero-width joiner steps past it");
	te_cursor_rowcol(&te, 1, &row, &col);
	ok(row == 1 && col == 0, "so the cursor never sits inside a character");

	te_set(&te, "e" ACUTE "e" ACUTE "e" ACUTE "e" ACUTE);
	is_int(te_wrap(&te, 3, rows, 8), 2, "combining marks take no room");
	ok(rows[0].end == 6 && rows[1].end == 12, "and stay with their letters");

	te_set(&te, "one two three four five six seven");
	size_t n = te_wrap(&te, 12, rows, 8);
	bool fits = true, joined = rows[0].start == 0;
	for (size_t i = 0; i < n && i < 8; i++) {
		if (te_width(te_text(&te) + rows[i].start, rows[i].end - rows[i].start) > 12)
			fits = false;
		if (i > 0 && rows[i].start != rows[i - 1].end)
			joined = false;
	}
	ok(fits, "no row is wider than the pane");
	ok(joined && rows[n - 1].end == te.buf.len, "rows cover the text in order");
	is_int(n, 4, "four rows at width 12");
	te_free(&te);
}

static void test_updown(void)
{
	struct textedit te;
	te_init(&te, true);
	te_set(&te, "abcdef\nxy\nabcdef");
	te_key(&te, TE_KEY_HOME);
	press(&te, TE_KEY_RIGHT, 3);
	is_int(te.cursor, 13, "column 3 on the last line");
	is_int(te_key(&te, TE_KEY_UP), TE_MOVED, "Up moves");
	is_int(te.cursor, 9, "to the end of a shorter line");
	te_key(&te, TE_KEY_UP);
	is_int(te.cursor, 3, "and keeps the column on a longer line");
	is_int(te_key(&te, TE_KEY_UP), TE_UNCHANGED, "Up on the first line is the caller's");
	te_key(&te, TE_KEY_RIGHT);
	te_key(&te, TE_KEY_DOWN);
	is_int(te.cursor, 9, "a sideways move sets a new column");
	te_key(&te, TE_KEY_DOWN);
	is_int(te.cursor, 14, "Down keeps column 4");
	is_int(te_key(&te, TE_KEY_DOWN), TE_UNCHANGED, "Down on the last line is the caller's");

	te_set(&te, NI HON GO "\nabcdef");
	te_key(&te, TE_KEY_HOME);
	press(&te, TE_KEY_RIGHT, 3);
	te_key(&te, TE_KEY_UP);
	is_int(te.cursor, 3, "Up to column 3 stops before a wide character it would split");
	te_key(&te, TE_KEY_DOWN);
	is_int(te.cursor, 13, "Down returns to the kept column 3");
	te_key(&te, TE_KEY_HOME);
	press(&te, TE_KEY_RIGHT, 4);
	te_key(&te, TE_KEY_UP);
	is_int(te.cursor, 6, "column 4 lands after two wide characters");

	te_set(&te, "e" ACUTE "e" ACUTE "e" ACUTE "\nabc");
	te_key(&te, TE_KEY_HOME);
	te_key(&te, TE_KEY_RIGHT);
	te_key(&te, TE_KEY_UP);
	is_int(te.cursor, 3, "columns count a letter and its mark once");

	te_set(&te, "ab\ncd");
	te_key(&te, TE_KEY_LEFT);
	te_key(&te, TE_KEY_UP);
	te_key(&te, TE_KEY_END);
	is_int(te.cursor, 2, "End goes to the end of the line, not the text");
	te_key(&te, TE_KEY_RIGHT);
	is_int(te.cursor, 3, "Right crosses the newline");
	te_key(&te, TE_KEY_BACKSPACE);
	is_str(te_text(&te), "abcd", "Backspace at a line's start joins the lines");
	is_int(te.cursor, 2, "at the join");
	te_key(&te, TE_KEY_NEWLINE);
	is_str(te_text(&te), "ab\ncd", "the newline key splits it again");
	is_int(te_insert_cp(&te, '\n'), TE_CHANGED, "a typed newline is taken in multi-line");
	is_str(te_text(&te), "ab\n\ncd", "and inserted");
	te_free(&te);
}

/* A cheap model check: random keys must keep the buffer clean and the
 * cursor on a boundary (the fuzzer goes much further). */
static void test_random_keys(void)
{
	struct textedit te;
	const char *bits[] = {"a", " ", "\n", E_ACUTE, ACUTE, NI, ENGINE, "\x1b", "\xff"};
	bool good = true;
	srand(7);
	for (int ml = 0; ml < 2; ml++) {
		te_init(&te, ml);
		te.max_bytes = 200;
		for (int i = 0; i < 20000 && good; i++) {
			int r = rand() % 3;
			if (r == 0) {
				te_key(&te, (enum te_key)(rand() % TE_KEY_COUNT));
			} else {
				const char *b = bits[rand() % 9];
				te_insert(&te, b, strlen(b));
			}
			good = clean_ok(&te) && te.buf.len <= 200 &&
			       (te.cursor == te.buf.len ||
				(te.buf.s[te.cursor] & 0xC0) != 0x80);
			if (!ml && strchr(te_text(&te), '\n'))
				good = false;
		}
		te_free(&te);
	}
	ok(good, "random editing keeps the text clean and the cursor on a boundary");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	test_typing();
	test_accents();
	test_wide();
	test_width();
	test_words();
	test_kills();
	test_paste();
	test_max_bytes();
	test_view_line();
	test_wrap();
	test_updown();
	test_random_keys();
	return done_testing();
}
