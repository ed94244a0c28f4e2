/* Unit tests: buffers, UTF-8 checks and cleaning of user text. */
#include <stdlib.h>
#include <string.h>

#include "debrief/error.h"
#include "debrief/text.h"
#include "tap.h"

static void test_strbuf(void)
{
	struct strbuf b = {0};
	is_str(sb_str(&b), "", "an empty buffer reads as \"\"");
	sb_puts(&b, "abc");
	sb_printf(&b, "-%d-", 42);
	sb_putc(&b, 'x');
	is_str(b.s, "abc-42-x", "appends text, formats and characters");
	for (int i = 0; i < 1000; i++)
		sb_puts(&b, "0123456789");
	is_int(b.len, 8 + 10000, "grows past its first capacity");
	char *s = sb_take(&b);
	ok(b.s == NULL && b.len == 0, "take empties the buffer");
	free(s);
	sb_free(&b);
}

static void test_utf8(void)
{
	ok(utf8_valid("héllo 日本 🚒", strlen("héllo 日本 🚒")), "accepts multi-byte text");
	is_int(utf8_invalid_at("ab\xffz", 4), 2, "finds a stray byte");
	is_int(utf8_invalid_at("a\xc0\xaf", 3), 1, "rejects an overlong encoding");
	is_int(utf8_invalid_at("\xed\xa0\x80", 3), 0, "rejects a surrogate");
	is_int(utf8_invalid_at("ab\xe6\x97", 4), 2, "rejects a truncated sequence");
	is_int(utf8_invalid_at("a\0b", 3), 1, "rejects NUL");
	is_int(utf8_invalid_at("\xf4\x90\x80\x80", 4), 0, "rejects past U+10FFFF");
}

static void test_clean(void)
{
	char *s = text_clean("  red \x1b[31malert\x07 ", 18, TEXT_SINGLE_LINE);
	is_str(s, "red \xe2\x90\x9b[31malert\xe2\x90\x87", "control characters become visible symbols, ends trimmed");
	free(s);
	s = text_clean("a\r\nb\rc\td", 8, TEXT_MULTILINE);
	is_str(s, "a\nb\nc d", "multi-line keeps line breaks and folds CR LF");
	free(s);
	s = text_clean("a\nb", 3, TEXT_SINGLE_LINE);
	is_str(s, "a b", "single-line turns breaks into spaces");
	free(s);
	s = text_clean("x\xc2\x9by\x7f", 5, TEXT_SINGLE_LINE);
	is_str(s, "x\xef\xbf\xbdy\xe2\x90\xa1", "C1 controls and DEL are replaced");
	free(s);
	/* U+202E (RLO) and U+2066 (LRI): shown, never obeyed; U+200F (RLM),
	 * a mark that reorders nothing, stays. */
	s = text_clean("a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x80\x8f", 12, TEXT_SINGLE_LINE);
	is_str(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xe2\x80\x8f", "bidi overrides and isolates are replaced");
	free(s);
	ok(text_width("a\xe2\x80\xae" "b") == 3, "and measured as the one column they are drawn in");
}

static void test_copy(void)
{
	char buf[5];
	ok(str_copy(buf, sizeof buf, "abcd"), "a string that fits is copied whole");
	ok(!str_copy(buf, sizeof buf, "ab日"), "a long string is cut");
	is_str(buf, "ab", "never splits a UTF-8 sequence");
	char t[] = "  x y \n";
	is_str(str_trim(t), "x y", "trims both ends");
	ok(str_prefix_ci("Detection", "det"), "prefix test ignores case");
}

static void test_err(void)
{
	struct err e;
	is_int(err_set(&e, "bad %s", "thing"), -1, "err_set returns -1");
	err_prefix(&e, "file.csv:%d", 3);
	is_str(e.msg, "file.csv:3: bad thing", "err_prefix puts context in front");
	/* A message quoting long user text is cut on a character boundary. */
	char longtext[2000];
	size_t k = 0;
	while (k + 3 < sizeof longtext - 1) {
		memcpy(longtext + k, "日", 3);
		k += 3;
	}
	longtext[k] = '\0';
	err_set(&e, "x%s", longtext);
	ok(utf8_valid(e.msg, strlen(e.msg)), "a cut message stays valid UTF-8");
	ok(strlen(e.msg) > 1000, "and keeps as much as fits");
}

static void test_width(void)
{
	is_int(text_width("abc"), 3, "width: ASCII is one column each");
	is_int(text_width("日本"), 4, "width: CJK is two columns each");
	is_int(text_width("e\xcc\x81"), 1, "width: a combining mark adds nothing");
	is_int(text_width("\xf0\x9f\x98\x80"), 2, "width: an emoji is two columns");
	is_int(text_width("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"), 4,
	       "width: emoji joined by ZWJ count 2 each, the joiner nothing");
	is_int(text_width("\xe2\x9d\xa4\xef\xb8\x8f"), 1, "width: a variation selector adds nothing");
	ok(text_cp_hidden(0x200D) && text_cp_hidden(0xFE0F) && !text_cp_hidden(0x301),
	   "width: joiners and variation selectors are drawn as nothing");
	is_int(text_width("\xff\xfe"), 2, "width: each invalid byte is one column");
	is_int(text_width("\x1b"), 1, "width: a control character is one column (its symbol)");
	is_int(text_width("aÅÅÅÅÅÅÅÅ"), 9, "width: aÅÅÅÅÅÅÅÅ is nine columns");
	int used;
	is_int((int)text_fit("日本語", 9, 5, &used), 6, "fit: a wide character is never split");
	is_int(used, 4, "fit: and the columns used say so");
	is_int((int)text_fit("ae\xcc\x81x", 5, 2, &used), 4, "fit: a mark stays with its letter");
	is_int((int)text_fit("e\xcc\x81", 3, 0, &used), 0, "fit: nothing in no room");
	struct strbuf b = {0};
	text_pad(&b, "aÅÅÅÅÅÅÅÅ", 12);
	is_str(sb_str(&b), "aÅÅÅÅÅÅÅÅ   ", "pad: by display width, not bytes");
	sb_reset(&b);
	text_pad(&b, "日本語のなまえ", 12);
	is_str(sb_str(&b), "日本語のな… ", "pad: cut with an ellipsis, a straddling wide character as a blank");
	is_int(text_width(sb_str(&b)), 12, "pad: exactly the width");
	sb_reset(&b);
	text_pad(&b, "abcdefghijklmn", 12);
	is_str(sb_str(&b), "abcdefghijk…", "pad: ASCII cut with an ellipsis");
	sb_free(&b);
}

static void test_wrap(void)
{
	size_t next;
	const char *s = "日本語 の文章です";
	is_int((int)text_wrap_row(s, strlen(s), 8, true, &next), 9, "wrap: breaks at the space, by display width");
	is_int((int)next, 10, "wrap: the next row starts past the space");
	s = "日本語の文章";
	is_int((int)text_wrap_row(s, strlen(s), 5, true, &next), 6, "wrap: a long word is cut between characters");
	is_int((int)text_wrap_row(s, strlen(s), 5, false, &next), (int)strlen(s), "wrap: or kept whole");
	s = "ae\xcc\x81" "e\xcc\x81";
	is_int((int)text_wrap_row(s, strlen(s), 2, true, &next), 4, "wrap: a mark stays on its letter's row");
	s = "\xf0\x9f\x98\x80";
	is_int((int)text_wrap_row(s, strlen(s), 1, true, &next), 4, "wrap: a character wider than the row still moves on");
	s = "\xff\xfe abc";
	is_int((int)text_wrap_row(s, strlen(s), 3, true, &next), 2, "wrap: invalid bytes count one column each");
}

static void test_fold(void)
{
	char *f = text_fold("ÄRGER mit STRAẞE");
	is_str(f, "ärger mit strasse", "fold: case folded beyond ASCII, ß as ss");
	free(f);
	f = text_fold("ﬁle Cafe\xcc\x81");
	is_str(f, "file café", "fold: compatibility forms and composition");
	free(f);
	f = text_fold("bad \xff BYTE");
	is_str(f, "bad \xff byte", "fold: invalid UTF-8 in its ASCII letters only");
	free(f);
	ok(text_holds_folded("Database FAILOVER", "failover"), "holds: ASCII without a copy");
	ok(!text_holds_folded("Database", "databases"), "holds: not past the end");
	ok(text_holds_folded("Straße gesperrt", "strasse"), "holds: folded beyond ASCII");
	ok(text_holds_folded("anything", ""), "holds: an empty needle is in everything");
	ok(!text_holds_folded(NULL, "x"), "holds: nothing holds nothing");
	ok(!text_holds_folded("plain", "ä"), "holds: ASCII never holds what is not");
}

/* Words at blanks only, however long; exactly n or none. */
static void test_words(void)
{
	char long_word[100], line[200], *w[3];
	memset(long_word, 'x', 70);
	strcpy(long_word + 70, "\xc3\xa9");
	snprintf(line, sizeof line, " \ttimeline  %s\tquit ", long_word);
	bool three = text_words(line, w, 3);
	ok(three && strcmp(w[0], "timeline") == 0 && strcmp(w[1], long_word) == 0 &&
	       strcmp(w[2], "quit") == 0,
	   "three words, one of 72 bytes ending in an é, blanks around them");
	for (int i = 0; three && i < 3; i++)
		free(w[i]);
	ok(!text_words(line, w, 2) && !text_words("a b c d", w, 3) && !text_words("  ", w, 1),
	   "one too many, one too few, none: refused");
	ok(!text_words("a", w, TEXT_WORDS_MAX + 1), "more than it can hold: refused");
}

int main(void)
{
	test_words();
	test_fold();
	test_width();
	test_wrap();
	test_strbuf();
	test_utf8();
	test_clean();
	test_copy();
	test_err();
	return done_testing();
}
