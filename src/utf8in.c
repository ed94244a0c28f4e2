/* Typed characters put together from the bytes a terminal sends. */
#include "debrief/utf8in.h"

#include "debrief/text.h"

#define REPLACEMENT 0xFFFDu

/* How many bytes a character beginning with `lead` has (0: none begins so),
 * and the range its second byte must lie in (Unicode's table of well-formed
 * sequences: the narrow ranges rule out overlong forms, surrogates and code
 * points past U+10FFFF as soon as the second byte arrives). */
static size_t lead_length(unsigned char lead, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (lead < 0x80)
		return 1;
	if (lead < 0xC2) /* a continuation byte, or the lead of an overlong form */
		return 0;
	if (lead < 0xE0)
		return 2;
	if (lead < 0xF0) {
		if (lead == 0xE0)
			*lo = 0xA0;
		else if (lead == 0xED)
			*hi = 0x9F;
		return 3;
	}
	if (lead < 0xF5) {
		if (lead == 0xF0)
			*lo = 0x90;
		else if (lead == 0xF4)
			*hi = 0x8F;
		return 4;
	}
	return 0;
}

size_t utf8in_next(const char *bytes, size_t n, bool complete, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)bytes;
	if (n == 0)
		return 0;
	unsigned char lo, hi;
	size_t len = lead_length(s[0], &lo, &hi);
	if (len == 1) {
		*cp = s[0];
		return 1;
	}
	/* The well-formed beginning: how far the bytes continue the lead. */
	size_t good = 1;
	while (len > 1 && good < len && good < n && s[good] >= lo && s[good] <= hi) {
		lo = 0x80;
		hi = 0xBF;
		good++;
	}
	if (len > 1 && good == len && utf8_decode(bytes, len, cp) == len)
		return len;
	if (len > 1 && good == n && !complete)
		return 0; /* the rest is on its way */
	*cp = REPLACEMENT;
	return good;
}
