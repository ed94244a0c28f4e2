/* Unit tests: dates, clock times, offsets and durations (TZ=Europe/Berlin). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/timeutil.h"
#include "tap.h"

static void test_dates(void)
{
	struct civil_date d;
	ok(date_parse("2026-11-24", &d) && d.year == 2026 && d.month == 11 && d.day == 24,
	   "parses a date");
	ok(!date_parse("2026-02-30", &d), "rejects February 30th");
	ok(date_parse("2024-02-29", &d), "accepts a leap day");
	ok(!date_parse("2100-02-29", &d), "rejects a leap day in a century year");
	ok(!date_parse("2026-13-01", &d), "rejects month 13");
	ok(!date_parse("2026-1-01", &d), "rejects a short month");
	ok(!date_parse("2026-01-011", &d), "rejects trailing digits");
	is_int(days_from_civil(1970, 1, 1), 0, "the epoch is day 0");
	is_int(days_from_civil(2000, 3, 1), 11017, "days after a leap day");
}

static void test_timestamps(void)
{
	struct instant t;
	size_t used;
	bool had;
	struct civil_date day = {2026, 11, 24};
	is_int(timestamp_parse("2026-11-24T14:05:00Z rest", NULL, &t, &used, &had), TIME_OK, "ISO with Z");
	is_int(t.at, 1795529100, "ISO with Z: the instant");
	is_int(t.offset_min, 0, "ISO with Z: offset 0");
	is_int(used, 20, "ISO with Z: length");
	ok(had, "ISO with Z: had a date");
	is_int(timestamp_parse("2026-11-24 14:05 text", NULL, &t, &used, &had), TIME_OK, "local date and time");
	is_int(t.at, 1795529100 - 3600, "local time is Europe/Berlin");
	is_int(t.offset_min, 60, "local offset recorded");
	is_int(timestamp_parse("14:05:30", &day, &t, &used, &had), TIME_OK, "clock time on a default date");
	ok(!had && t.at == 1795529130 - 3600, "clock time: the instant");
	is_int(timestamp_parse("9:05 x", &day, &t, &used, &had), TIME_OK, "a one-digit hour");
	is_int(timestamp_parse("2026-11-24T14:05+05:30", NULL, &t, &used, &had), TIME_OK, "an explicit offset");
	is_int(t.offset_min, 330, "explicit offset kept");
	is_int(t.at, 1795529100 - 330 * 60, "explicit offset applied");
	is_int(timestamp_parse("14:05", NULL, &t, &used, &had), TIME_NO_DATE, "a clock time needs a date");
	is_int(timestamp_parse("25:10", &day, &t, &used, &had), TIME_IMPOSSIBLE, "25:10 cannot exist");
	is_int(timestamp_parse("12:60", &day, &t, &used, &had), TIME_IMPOSSIBLE, "minute 60 cannot exist");
	is_int(timestamp_parse("2026-02-30 10:00", NULL, &t, &used, &had), TIME_IMPOSSIBLE, "Feb 30 cannot exist");
	is_int(timestamp_parse("hello", &day, &t, &used, &had), TIME_MALFORMED, "words are not a time");
	is_int(timestamp_parse("2026-03-29 02:30", NULL, &t, &used, &had), TIME_LOCAL_GAP,
	       "a time skipped by the spring change is refused");
	is_int(timestamp_parse("2026-11-24 14:05:00.123Z", NULL, &t, &used, &had), TIME_OK, "fractions are dropped");
	is_int(t.at, 1795529100, "fractions: the instant");
}

static void test_format(void)
{
	char buf[64];
	struct instant t = {1795529100, 60};
	instant_format(t, buf, sizeof buf);
	is_str(buf, "2026-11-24 15:05:00 +01:00", "full format shows the offset");
	instant_format_clock(t, buf, sizeof buf);
	is_str(buf, "15:05", "clock without seconds");
	t.at += 7;
	instant_format_clock(t, buf, sizeof buf);
	is_str(buf, "15:05:07", "clock with seconds");
	struct instant neg = {1795529100, -330};
	instant_format(neg, buf, sizeof buf);
	is_str(buf, "2026-11-24 08:35:00 -05:30", "negative offsets");
	instant_format_iso(neg, buf, sizeof buf);
	is_str(buf, "2026-11-24T08:35:00-05:30", "ISO 8601 in the instant's offset");
	instant_format_iso_utc(1795529100, buf, sizeof buf);
	is_str(buf, "2026-11-24T14:05:00Z", "ISO 8601 in UTC");
	instant_format_iso((struct instant){-1, 0}, buf, sizeof buf);
	is_str(buf, "1969-12-31T23:59:59+00:00", "before the epoch");
	instant_format((struct instant){253402300799, 14 * 60}, buf, sizeof buf);
	is_str(buf, "10000-01-01 13:59:59 +14:00", "a five-digit year is written whole");
	instant_format_date((struct instant){-62135596800, 0}, buf, sizeof buf);
	is_str(buf, "0001-01-01", "years are four digits at least");
	instant_format_date((struct instant){-62135596800 - (366 + 365) * 86400LL, 0}, buf, sizeof buf);
	is_str(buf, "-001-01-01", "before year 1, as printf writes it with a width of 4");
	instant_format(t, buf, 11);
	is_str(buf, "2026-11-24", "cut to the buffer, always terminated");
	offset_format(-(100 * 60 + 5), buf, sizeof buf);
	is_str(buf, "-100:05", "an offset past 99 hours is written whole");
	duration_format(45, buf, sizeof buf);
	is_str(buf, "45s", "seconds");
	duration_format(12 * 60, buf, sizeof buf);
	is_str(buf, "12m", "minutes");
	duration_format(3600 + 5 * 60, buf, sizeof buf);
	is_str(buf, "1h 05m", "hours and minutes");
	duration_format(2 * 86400 + 3 * 3600, buf, sizeof buf);
	is_str(buf, "2d 3h", "days");
	duration_format(-90, buf, sizeof buf);
	is_str(buf, "-1m 30s", "negative");
}

static void test_now(void)
{
	setenv("DEBRIEF_NOW", "1234567", 1);
	is_int(clock_now(), 1234567, "DEBRIEF_NOW pins the clock");
	unsetenv("DEBRIEF_NOW");
	ok(clock_now() > 1700000000, "the real clock otherwise");
}

/* The day an instant is shown on is the day of its written date, in its
 * own offset, on either side of midnight and of the epoch. */
static void test_day(void)
{
	static const int offsets[] = {0, 60, -300, 840, -720, 330};
	bool same = true;
	for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++)
		for (int64_t at = -3 * 86400 - 7; at < 3 * 86400; at += 1793) {
			struct instant t = {at, offsets[o]}, u = {at + 1, offsets[o]};
			char a[16], b[16];
			instant_format_date(t, a, sizeof a);
			instant_format_date(u, b, sizeof b);
			same = same && (strcmp(a, b) == 0) == (instant_day(t) == instant_day(u)) &&
			       instant_day(t) == days_from_civil(atoi(a), atoi(a + 5), atoi(a + 8));
		}
	ok(same, "instant_day is the day of the written date, in the instant's offset");
	ok(instant_day((struct instant){86399, 0}) == 0 && instant_day((struct instant){86399, 1}) == 1 &&
	       instant_day((struct instant){-1, 0}) == -1,
	   "midnight: 23:59:59Z is day 0, a minute east it is day 1; a second before the epoch, -1");
}

int main(void)
{
	test_day();
	test_dates();
	test_timestamps();
	test_format();
	test_now();
	return done_testing();
}
