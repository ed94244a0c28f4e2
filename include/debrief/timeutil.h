/* Civil dates and times: parsing, formatting and durations.
 *
 * An instant is stored as seconds since the epoch (UTC) together with the UTC
 * offset, in minutes, that it was written in, so it can be shown the way the
 * room saw it. */
#ifndef DEBRIEF_TIMEUTIL_H
#define DEBRIEF_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct civil_date {
	int year, month, day;
};

struct instant {
	int64_t at;     /* seconds since 1970-01-01T00:00:00Z */
	int offset_min; /* the UTC offset it is shown in */
};

/* The day an instant is shown on, in its own offset: days since
 * 1970-01-01 (the same day as its date, instant_format_date, without
 * writing it out). */
int64_t instant_day(struct instant t);
/* Days since 1970-01-01 for a proleptic Gregorian date. */
int64_t days_from_civil(int y, int m, int d);
bool civil_date_valid(int y, int m, int d);

/* "YYYY-MM-DD", exactly; false for a malformed or impossible date. */
bool date_parse(const char *s, struct civil_date *out);

/* Wall clock time "HH:MM" or "HH:MM:SS"; returns the characters used, 0 if
 * none. Rejects 24:00 and beyond, minutes or seconds past 59. */
size_t clock_parse(const char *s, int *secs_of_day);

enum time_parse_status {
	TIME_OK = 0,
	TIME_MALFORMED,   /* not a time at all */
	TIME_IMPOSSIBLE,  /* looks like one but cannot exist (2026-02-30, 25:10) */
	TIME_NO_DATE,     /* only a clock time, and no date to put it on */
	TIME_LOCAL_GAP,   /* skipped by a daylight-saving change here */
};

/* Turns a local date and clock time into an instant using the process's time
 * zone ($TZ), recording the offset in force then. */
enum time_parse_status local_to_instant(struct civil_date d, int secs_of_day,
					struct instant *out);

/* Parses an ISO-8601-like timestamp at the start of s:
 *   YYYY-MM-DD[T| ]HH:MM[:SS][Z|±HH:MM|±HHMM]   or   HH:MM[:SS]
 * A time without a date goes on *default_date (TIME_NO_DATE if it is NULL);
 * a time without an offset is local time. *used receives the characters
 * consumed; *had_date tells whether a date was written. */
enum time_parse_status timestamp_parse(const char *s,
				       const struct civil_date *default_date,
				       struct instant *out, size_t *used,
				       bool *had_date);

const char *time_status_message(enum time_parse_status st);

/* "2026-11-24 14:05:00 +01:00" into buf (at least 32 bytes). */
void instant_format(struct instant t, char *buf, size_t size);
/* "2026-11-24T14:05:00+01:00" (ISO 8601, in the instant's own offset). */
void instant_format_iso(struct instant t, char *buf, size_t size);
/* "2026-11-24T13:05:00Z" */
void instant_format_iso_utc(int64_t at, char *buf, size_t size);
/* "14:05" (with ":SS" when the seconds are not zero). */
void instant_format_clock(struct instant t, char *buf, size_t size);
/* Its hour and minute where it is shown, as instant_format_clock writes
 * them, without writing them. */
void instant_hour_minute(struct instant t, int *h, int *mi);
/* "2026-11-24" in the instant's own offset. */
void instant_format_date(struct instant t, char *buf, size_t size);
/* "+01:00" */
void offset_format(int offset_min, char *buf, size_t size);

/* "1h 05m", "12m", "45s", "2d 3h"; negative durations get a leading '-'. */
void duration_format(int64_t secs, char *buf, size_t size);

/* The current time; $DEBRIEF_NOW (seconds since the epoch) pins it, so tests
 * and reproducible builds get the same output. */
int64_t clock_now(void);

/* The times debrief keeps: 0001-01-02 to 9999-12-30 (UTC), offsets within
 * a day, so that a local date is always of years 1 to 9999. A value outside
 * (a hand-edited file) is clamped where it is read, so no arithmetic on it
 * can overflow. */
#define TIME_AT_MIN (-62135596800LL + 86400)
#define TIME_AT_MAX (253402300799LL - 86400)
#define TIME_OFFSET_MAX (24 * 60 - 1)
int64_t time_clamp(int64_t at);
int offset_clamp(long long offset_min);
/* Offset of local time ($TZ) at the given instant, in minutes. */
int local_offset_min(int64_t at);

#endif
