/* Unit tests: typed characters put together from the terminal's bytes,
 * however the bytes are split between reads. */
#include <stdio.h>
#include <string.h>

#include "debrief/utf8in.h"
#include "tap.h"

#define FFFD 0xFFFDu

/* One call: how many bytes the first character takes, and which it is. */
static void next_is(const char *bytes, size_t n, bool complete, size_t want_len, unsigned want_cp,
		    const char *what)
{
	unsigned cp = 0x12345678u;
	size_t len = utf8in_next(bytes, n, complete, &cp);
	bool pass = len == want_len && (want_len == 0 || cp == want_cp);
	ok(pass, "%s", what);
	if (!pass)
		printf("#   got:  %zu bytes, U+%04X\n#   want: %zu bytes, U+%04X\n", len, cp, want_len,
		       want_cp);
}

/* Puts a whole input together as the terminal layer does: the bytes come in
 * reads of `chunk` bytes; after each read, every character that is whole is
 * taken; after the last, what is left is taken as complete. */
static size_t assemble(const char *bytes, size_t n, size_t chunk, unsigned *out, size_t max)
{
	char held[64];
	size_t held_len = 0, count = 0, fed = 0;
	while (fed < n || held_len > 0) {
		bool complete = fed == n;
		if (!complete) {
			size_t take = n - fed < chunk ? n - fed : chunk;
			memcpy(held + held_len, bytes + fed, take);
			held_len += take;
			fed += take;
			complete = fed == n;
		}
		size_t used;
		unsigned cp;
		while (count < max && (used = utf8in_next(held, held_len, complete, &cp)) > 0) {
			out[count++] = cp;
			memmove(held, held + used, held_len - used);
			held_len -= used;
		}
		if (count == max)
			break;
	}
	return count;
}

/* The same characters whatever the reads are: every chunk size from one
 * byte at a time to all at once. */
static void assembles_to(const char *bytes, const unsigned *want, size_t want_n, const char *what)
{
	size_t n = strlen(bytes);
	bool pass = true;
	for (size_t chunk = 1; chunk <= n && pass; chunk++) {
		unsigned got[64];
		size_t got_n = assemble(bytes, n, chunk, got, 64);
		pass = got_n == want_n && memcmp(got, want, want_n * sizeof *want) == 0;
		if (!pass) {
			printf("#   in reads of %zu bytes got %zu characters:", chunk, got_n);
			for (size_t i = 0; i < got_n; i++)
				printf(" U+%04X", got[i]);
			printf("\n");
		}
	}
	ok(pass, "%s", what);
}

static void test_whole_characters(void)
{
	next_is("a", 1, false, 1, 'a', "ASCII is itself");
	next_is("", 1, false, 1, 0, "NUL is the character 0, one byte");
	next_is("\x7f", 1, false, 1, 0x7F, "DEL is itself");
	next_is("\xc3\xa9", 2, false, 2, 0xE9, "a two-byte character (é)");
	next_is("\xc2\x80", 2, false, 2, 0x80, "the lowest two-byte character");
	next_is("\xe6\x97\xa5", 3, false, 3, 0x65E5, "a three-byte character (日)");
	next_is("\xe0\xa0\x80", 3, false, 3, 0x800, "the lowest three-byte character");
	next_is("\xed\x9f\xbf", 3, false, 3, 0xD7FF, "the last before the surrogates");
	next_is("\xee\x80\x80", 3, false, 3, 0xE000, "the first after the surrogates");
	next_is("\xef\xbf\xbd", 3, false, 3, FFFD, "U+FFFD typed is U+FFFD");
	next_is("\xf0\x9f\x98\x80", 4, false, 4, 0x1F600, "a four-byte emoji (U+1F600)");
	next_is("\xf0\x90\x80\x80", 4, false, 4, 0x10000, "the lowest four-byte character");
	next_is("\xf4\x8f\xbf\xbf", 4, false, 4, 0x10FFFF, "the last code point, U+10FFFF");
	next_is("\xc3\xa9z", 3, false, 2, 0xE9, "takes only the first character");
	next_is("", 0, true, 0, 0, "no bytes, no character");
}

static void test_need_more(void)
{
	next_is("\xc3", 1, false, 0, 0, "the lead of a two-byte character needs more");
	next_is("\xe6", 1, false, 0, 0, "the lead of a three-byte character needs more");
	next_is("\xe6\x97", 2, false, 0, 0, "two bytes of three need more");
	next_is("\xf0", 1, false, 0, 0, "one byte of an emoji needs more");
	next_is("\xf0\x9f", 2, false, 0, 0, "two bytes of an emoji need more");
	next_is("\xf0\x9f\x98", 3, false, 0, 0, "three bytes of an emoji need more");
	next_is("\xe0\xa0", 2, false, 0, 0, "a good beginning after E0 needs more");
	next_is("\xc3", 1, true, 1, FFFD, "a lead with no more to come is U+FFFD");
	next_is("\xf0\x9f\x98", 3, true, 3, FFFD, "three bytes of four with no more to come: one U+FFFD");
}

static void test_ill_formed(void)
{
	next_is("\x80", 1, false, 1, FFFD, "a stray continuation byte is U+FFFD at once");
	next_is("\xbf", 1, false, 1, FFFD, "the last continuation byte too");
	next_is("\xff", 1, false, 1, FFFD, "FF is never UTF-8");
	next_is("\xfe", 1, false, 1, FFFD, "nor FE");
	next_is("\xf5", 1, false, 1, FFFD, "F5 would be past U+10FFFF");
	next_is("\xc0", 1, false, 1, FFFD, "C0 only begins overlong forms");
	next_is("\xc1\xbf", 2, false, 1, FFFD, "an overlong two-byte form: the lead alone");
	next_is("\xe0\x80", 2, false, 1, FFFD, "an overlong three-byte form is refused at its second byte");
	next_is("\xf0\x8f", 2, false, 1, FFFD, "an overlong four-byte form too");
	next_is("\xed\xa0", 2, false, 1, FFFD, "a surrogate is refused at its second byte");
	next_is("\xf4\x90", 2, false, 1, FFFD, "past U+10FFFF is refused at its second byte");
	next_is("\xe6z", 2, false, 1, FFFD, "a lead cut short by ASCII: U+FFFD, the ASCII not taken");
	next_is("\xe6\x97z", 3, false, 2, FFFD, "two bytes cut short: one U+FFFD for both");
	next_is("\xe6\xc3\xa9", 3, false, 1, FFFD, "a lead cut short by another lead");
}

static void test_streams(void)
{
	const unsigned cafe[] = {'c', 'a', 'f', 0xE9, ' ', 0x65E5, ' ', 'x', FFFD, 'y', ' ', FFFD, 'z'};
	assembles_to("caf\xc3\xa9 \xe6\x97\xa5 x\xffy \xe6z", cafe, sizeof cafe / sizeof *cafe,
		     "split anywhere, characters join and stray bytes are U+FFFD");
	const unsigned emoji[] = {0x1F600, 0x1F692, '!'};
	assembles_to("\xf0\x9f\x98\x80\xf0\x9f\x9a\x92!", emoji, 3, "four-byte emoji, split anywhere");
	const unsigned overlong[] = {FFFD, FFFD, '/', FFFD, FFFD, FFFD, 'a'};
	assembles_to("\xc0\xaf/\xe0\x80\xaf" "a", overlong, 7,
		     "overlong forms: one U+FFFD per byte, as Unicode says");
	const unsigned surrogate[] = {FFFD, FFFD, FFFD, 0xD7FF};
	assembles_to("\xed\xa0\x80\xed\x9f\xbf", surrogate, 4, "a surrogate is three U+FFFD; U+D7FF is fine");
	const unsigned stray[] = {'a', FFFD, FFFD, 'b'};
	assembles_to("a\x80\xbf" "b", stray, 4, "stray continuation bytes, one U+FFFD each");
	const unsigned truncated[] = {FFFD, 'q', FFFD, 'j', FFFD, 0xE9};
	assembles_to("\xf0\x9f\x98q\xe6j\xe6\x97\xc3\xa9", truncated, 6,
		     "truncated sequences followed by ASCII or a new character keep what follows");
	const unsigned tail[] = {'o', 'k', FFFD};
	assembles_to("ok\xe6\x97", tail, 3, "a character cut off at the end is U+FFFD");
}

int main(void)
{
	test_whole_characters();
	test_need_more();
	test_ill_formed();
	test_streams();
	return done_testing();
}
