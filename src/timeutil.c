/* Civil dates and times: parsing, formatting and durations. */
#include "debrief/timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm, for the proleptic Gregorian calendar. */
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool civil_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

/* Reads exactly n digits. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Parses "YYYY-MM-DD" at s without requiring the end of string. 0: not a
 * date; -1: shaped like one but impossible; 10: parsed. */
static int date_prefix(const char *s, struct civil_date *out)
{
	int y, m, d;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d) || isdigit((unsigned char)s[10]))
		return 0;
	if (!civil_date_valid(y, m, d))
		return -1;
	out->year = y, out->month = m, out->day = d;
	return 10;
}

bool date_parse(const char *s, struct civil_date *out)
{
	struct civil_date d;
	if (date_prefix(s, &d) != 10 || s[10] != '\0')
		return false;
	*out = d;
	return true;
}

/* 0: not a clock; -1: shaped like one but impossible; else length. */
static int clock_prefix(const char *s, int *secs_of_day)
{
	int h, m, sec = 0, len;
	if (isdigit((unsigned char)s[0]) && s[1] == ':') { /* "9:05" */
		h = s[0] - '0';
		s += 1;
		len = 1;
	} else if (digits(s, 2, &h)) {
		s += 2;
		len = 2;
	} else {
		return 0;
	}
	if (s[0] != ':' || !digits(s + 1, 2, &m))
		return 0;
	len += 3;
	s += 3;
	if (s[0] == ':' && digits(s + 1, 2, &sec)) {
		len += 3;
		s += 3;
	}
	if (isdigit((unsigned char)s[0]) || (s[0] == ':' && isdigit((unsigned char)s[1])))
		return 0;
	if (h > 23 || m > 59 || sec > 59)
		return -1;
	*secs_of_day = h * 3600 + m * 60 + sec;
	return len;
}

size_t clock_parse(const char *s, int *secs_of_day)
{
	int n = clock_prefix(s, secs_of_day);
	return n > 0 ? (size_t)n : 0;
}

int local_offset_min(int64_t at)
{
	time_t t = (time_t)at;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

enum time_parse_status local_to_instant(struct civil_date d, int secs_of_day,
					struct instant *out)
{
	struct tm tm = {0};
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = secs_of_day / 3600;
	tm.tm_min = secs_of_day / 60 % 60;
	tm.tm_sec = secs_of_day % 60;
	tm.tm_isdst = -1;
	struct tm want = tm;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 && !(want.tm_year == 69 && want.tm_mon == 11))
		return TIME_IMPOSSIBLE;
	/* mktime moves a time inside a daylight-saving gap; such a time never
	 * happened on this clock, so say so instead of guessing. */
	if (tm.tm_hour != want.tm_hour || tm.tm_min != want.tm_min ||
	    tm.tm_mday != want.tm_mday)
		return TIME_LOCAL_GAP;
	out->at = (int64_t)t;
	out->offset_min = (int)(tm.tm_gmtoff / 60);
	return TIME_OK;
}

/* Parses Z, ±HH:MM, ±HHMM or ±HH; returns its length or 0 when absent,
 * -1 when malformed. */
static int offset_prefix(const char *s, int *offset_min)
{
	if (s[0] == 'Z' || s[0] == 'z') {
		*offset_min = 0;
		return 1;
	}
	if (s[0] != '+' && s[0] != '-')
		return 0;
	int sign = s[0] == '-' ? -1 : 1, h, m = 0, len;
	if (!digits(s + 1, 2, &h))
		return 0;
	if (s[3] == ':' && digits(s + 4, 2, &m))
		len = 6;
	else if (digits(s + 3, 2, &m))
		len = 5;
	else
		len = 3;
	if (h > 18 || m > 59)
		return -1;
	*offset_min = sign * (h * 60 + m);
	return len;
}

enum time_parse_status timestamp_parse(const char *s,
				       const struct civil_date *default_date,
				       struct instant *out, size_t *used,
				       bool *had_date)
{
	struct civil_date date;
	int n = date_prefix(s, &date);
	size_t pos = 0;
	*had_date = false;
	if (n < 0)
		return TIME_IMPOSSIBLE;
	if (n > 0) {
		*had_date = true;
		pos = 10;
		if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')
			return TIME_MALFORMED;
		pos++;
	}
	int secs;
	int c = clock_prefix(s + pos, &secs);
	if (c == 0)
		return TIME_MALFORMED;
	if (c < 0)
		return TIME_IMPOSSIBLE;
	pos += (size_t)c;
	/* Fractions of a second (from logs) are accepted and dropped. */
	if (s[pos] == '.' && isdigit((unsigned char)s[pos + 1])) {
		pos++;
		while (isdigit((unsigned char)s[pos]))
			pos++;
	}
	if (!*had_date) {
		if (!default_date)
			return TIME_NO_DATE;
		date = *default_date;
	}
	int off;
	int o = offset_prefix(s + pos, &off);
	if (o < 0)
		return TIME_IMPOSSIBLE;
	if (o > 0) {
		pos += (size_t)o;
		out->at = days_from_civil(date.year, date.month, date.day) * 86400 +
			  secs - (int64_t)off * 60;
		out->offset_min = off;
	} else {
		enum time_parse_status st = local_to_instant(date, secs, out);
		if (st != TIME_OK)
			return st;
	}
	*used = pos;
	return TIME_OK;
}

const char *time_status_message(enum time_parse_status st)
{
	switch (st) {
	case TIME_OK:
		return "ok";
	case TIME_MALFORMED:
		return "expected a time as [YYYY-MM-DD ]HH:MM[:SS]";
	case TIME_IMPOSSIBLE:
		return "this date or time cannot exist";
	case TIME_NO_DATE:
		return "a time without a date, and the retrospective has no incident date (give YYYY-MM-DD)";
	case TIME_LOCAL_GAP:
		return "this local time was skipped by a daylight-saving change";
	}
	return "bad time";
}

int64_t time_clamp(int64_t at)
{
	return at < TIME_AT_MIN ? TIME_AT_MIN : at > TIME_AT_MAX ? TIME_AT_MAX : at;
}

int offset_clamp(long long offset_min)
{
	return offset_min < -TIME_OFFSET_MAX	 ? -TIME_OFFSET_MAX
	       : offset_min > TIME_OFFSET_MAX ? TIME_OFFSET_MAX
					      : (int)offset_min;
}

/* Days since the epoch and seconds into the day, where the time is shown. */
static int64_t local_day(struct instant t, int64_t *rem)
{
	int64_t local = t.at + (int64_t)t.offset_min * 60;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	*rem = local - days * 86400;
	return days;
}

int64_t instant_day(struct instant t)
{
	int64_t rem;
	return local_day(t, &rem);
}

static void split(struct instant t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
	int64_t rem;
	civil_from_days(local_day(t, &rem), y, mo, d);
	*h = (int)(rem / 3600);
	*mi = (int)(rem / 60 % 60);
	*s = (int)(rem % 60);
}

void instant_hour_minute(struct instant t, int *h, int *mi)
{
	int64_t rem;
	local_day(t, &rem);
	*h = (int)(rem / 3600);
	*mi = (int)(rem / 60 % 60);
}

/* The formatters below write digits themselves: an export formats a time
 * for every event, and snprintf costs more than the rest of the row. */

/* Writes v (0..99) as two digits. */
static char *two(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* Writes "YYYY-MM-DD" and returns the end: the year as printf's "%04d"
 * would ("-001" before year 1, "10000" after 9999). */
static char *put_date(char *p, int y, int mo, int d)
{
	char digits[12];
	int n = 0;
	unsigned a = y < 0 ? (unsigned)-(long)y : (unsigned)y;
	if (y < 0)
		*p++ = '-';
	do {
		digits[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	while (n < (y < 0 ? 3 : 4))
		digits[n++] = '0';
	while (n)
		*p++ = digits[--n];
	*p++ = '-';
	p = two(p, mo);
	*p++ = '-';
	return two(p, d);
}

static char *put_offset(char *p, int offset_min)
{
	int a = offset_min < 0 ? -offset_min : offset_min;
	*p++ = offset_min < 0 ? '-' : '+';
	if (a >= 6000) { /* not a real offset; written whole, never cut */
		p += sprintf(p, "%d", a / 60);
	} else {
		p = two(p, a / 60);
	}
	*p++ = ':';
	return two(p, a % 60);
}

/* Copies the formatted bytes into buf, cut to fit (they are ASCII). */
static void emit(char *buf, size_t size, const char *s, const char *end)
{
	if (size == 0)
		return;
	size_t n = (size_t)(end - s);
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

void offset_format(int offset_min, char *buf, size_t size)
{
	char s[32];
	emit(buf, size, s, put_offset(s, offset_min));
}

/* "2026-11-24" sep "14:05:00", in the instant's own offset. */
static char *put_date_time(char *p, struct instant t, char sep)
{
	int y, mo, d, h, mi, sec;
	split(t, &y, &mo, &d, &h, &mi, &sec);
	p = put_date(p, y, mo, d);
	*p++ = sep;
	p = two(p, h);
	*p++ = ':';
	p = two(p, mi);
	*p++ = ':';
	return two(p, sec);
}

void instant_format(struct instant t, char *buf, size_t size)
{
	char s[64], *p = put_date_time(s, t, ' ');
	*p++ = ' ';
	emit(buf, size, s, put_offset(p, t.offset_min));
}

static void format_iso(struct instant t, bool zulu, char *buf, size_t size)
{
	char s[64], *p = put_date_time(s, t, 'T');
	if (zulu)
		*p++ = 'Z';
	else
		p = put_offset(p, t.offset_min);
	emit(buf, size, s, p);
}

void instant_format_iso(struct instant t, char *buf, size_t size)
{
	format_iso(t, false, buf, size);
}

void instant_format_iso_utc(int64_t at, char *buf, size_t size)
{
	format_iso((struct instant){at, 0}, true, buf, size);
}

void instant_format_clock(struct instant t, char *buf, size_t size)
{
	int y, mo, d, h, mi, sec;
	char s[16], *p;
	split(t, &y, &mo, &d, &h, &mi, &sec);
	p = two(s, h);
	*p++ = ':';
	p = two(p, mi);
	if (sec) {
		*p++ = ':';
		p = two(p, sec);
	}
	emit(buf, size, s, p);
}

void instant_format_date(struct instant t, char *buf, size_t size)
{
	int y, mo, d, h, mi, sec;
	char s[32];
	split(t, &y, &mo, &d, &h, &mi, &sec);
	emit(buf, size, s, put_date(s, y, mo, d));
}

void duration_format(int64_t secs, char *buf, size_t size)
{
	const char *sign = "";
	secs = secs < -(TIME_AT_MAX - TIME_AT_MIN) ? -(TIME_AT_MAX - TIME_AT_MIN) : secs; /* -INT64_MIN */
	if (secs < 0) {
		sign = "-";
		secs = -secs;
	}
	int64_t d = secs / 86400, h = secs / 3600 % 24, m = secs / 60 % 60, s = secs % 60;
	if (d)
		snprintf(buf, size, "%s%lldd %lldh", sign, (long long)d, (long long)h);
	else if (h)
		snprintf(buf, size, "%s%lldh %02lldm", sign, (long long)h, (long long)m);
	else if (m && s)
		snprintf(buf, size, "%s%lldm %02llds", sign, (long long)m, (long long)s);
	else if (m)
		snprintf(buf, size, "%s%lldm", sign, (long long)m);
	else
		snprintf(buf, size, "%s%llds", sign, (long long)s);
}

int64_t clock_now(void)
{
	/* Tests move a running program's time by rewriting a file. */
	const char *file = getenv("DEBRIEF_NOW_FILE");
	if (file && *file) {
		FILE *f = fopen(file, "r");
		long long v;
		int got = f ? fscanf(f, "%lld", &v) : 0;
		if (f)
			fclose(f);
		if (got == 1)
			return v;
	}
	const char *pin = getenv("DEBRIEF_NOW");
	if (pin && *pin) {
		char *end;
		long long v = strtoll(pin, &end, 10);
		if (*end == '\0')
			return v;
	}
	return (int64_t)time(NULL);
}
