#!/bin/bash
# Figures over time (issue 13): `debrief stats` by month and quarter, each
# figure computed here by hand from the retrospectives this test makes
# (timelines imported with their milestones, action items followed up with
# `debrief action`), --service by labels put in with the sqlite3 shell,
# JSON read back by Python's parser, and the usage errors.
. "$(dirname "$0")/lib.sh" "$@"

# Seconds since the epoch of a local time (TZ=Europe/Berlin).
at() { date -d "$1" +%s; }
sql() { sqlite3 "$DEBRIEF_DB" "$1"; }

# Six retrospectives. September: A (Thu 3rd, SEV1), B (Sun 20th, SEV2), C
# (Mon 28th, SEV2); October: D (no severity, no timeline); November: E
# (deleted, SEV1), F (SEV3).
new_retro "Checkout errors" --date 2026-09-03 --severity SEV1; A=$id
new_retro "Search latency" --date 2026-09-20 --severity SEV2; B=$id
new_retro "Queue backlog" --date 2026-09-28 --severity SEV2; C=$id
new_retro "Certificate expiry" --date 2026-10-15; D=$id
new_retro "Deleted one" --date 2026-11-02 --severity SEV1; E=$id
new_retro "DNS failures" --date 2026-11-10 --severity SEV3; F=$id

# A: impact 10:00, detected 10:12, mitigated 10:40, resolved 11:30, impact
# ended 11:45: detect 720 s, mitigate 2400, resolve 5400, impact 6300.
printf '%s\n' "2026-09-03 09:58 !trigger deploy" "2026-09-03 10:00 !impact-start errors" \
	"2026-09-03 10:12 !detection paged" "2026-09-03 10:40 !mitigation rolled back" \
	"2026-09-03 11:30 !resolution fixed" "2026-09-03 11:45 !impact-end quiet" \
	"2026-09-03 12:00 !other lunch" | "$DEBRIEF" import "$A" - >/dev/null 2>&1
# B: a trigger before the impact (impact start wins), an alert before the
# detection (the detection wins), no impact end (the resolution ends it):
# detect 1200, mitigate 3600, resolve 7200, impact 7200.
printf '%s\n' "2026-09-20 08:00 !trigger config push" "2026-09-20 08:10 !impact-start slow" \
	"2026-09-20 08:15 !alert p99" "2026-09-20 08:30 !detection noticed" \
	"2026-09-20 09:10 !mitigation cache warmed" "2026-09-20 10:10 !resolution done" |
	"$DEBRIEF" import "$B" - >/dev/null 2>&1
# C: a trigger only (measured from it), an alert only (detected by it), no
# mitigation, no impact start (no impact duration): detect 300, resolve 9000.
printf '%s\n' "2026-09-28 14:00 !trigger disk full" "2026-09-28 14:05 !alert backlog" \
	"2026-09-28 16:30 !resolution drained" | "$DEBRIEF" import "$C" - >/dev/null 2>&1
printf '%s\n' "2026-11-02 09:00 !impact-start down" "2026-11-02 09:01 !detection seen" |
	"$DEBRIEF" import "$E" - >/dev/null 2>&1
# F: across midnight: detect 2700, resolve 7200, impact 7200.
printf '%s\n' "2026-11-10 23:30 !impact-start NXDOMAIN" "2026-11-11 00:15 !detection paged" \
	"2026-11-11 01:30 !resolution fixed" | "$DEBRIEF" import "$F" - >/dev/null 2>&1
ok $([ "$(sql "SELECT count(*) FROM event")" = 21 ]; echo $?) "the timelines are in"

# The meetings (when each one's clock started): A Mon 7th (4 days; Fri, Mon:
# two business days), B Wed 23rd (3 days; Mon, Tue, Wed: three), C at
# 00:30 local on Tue 29th (1 day, though still the 28th in UTC; one
# business day). F never met.
sql "UPDATE retro SET clock_started = $(at '2026-09-07 10:00') WHERE id = '$A';
     UPDATE retro SET clock_started = $(at '2026-09-23 15:00') WHERE id = '$B';
     UPDATE retro SET clock_started = $(at '2026-09-29 00:30') WHERE id = '$C';"

# Action items, all open at first.
item() { # item ID RETRO DUE|NULL
	sql "INSERT INTO action(id,retro_id,title,due,type,priority,status,created_at,rev)
	     VALUES('$1','$2','Item $1',$3,'process',2,'open',$(at '2026-09-04 09:00'),1)"
}
n=0
for spec in "$A '2026-09-10'" "$A '2026-09-10'" "$A '2026-09-30'" "$A '2026-10-01'" \
	"$A '2026-12-31'" "$A NULL" "$A '2026-09-15'" "$B '2026-09-25'" "$A '2026-09-30'" \
	"$F '2026-11-12'" "$E '2026-11-01'"; do
	n=$((n + 1))
	set -- $spec
	item "00000000-0000-4000-8000-0000000000$(printf '%02d' $n)" "$1" "$2"
done
a() { printf '00000000-0000-4000-8000-0000000000%02d' "$1"; }
act() { # act WHEN VERB ITEM [ARGS]: follow an item up at a local time
	local when=$1; shift
	DEBRIEF_NOW=$(at "$when") "$DEBRIEF" action "$@" >/dev/null 2>&1
}
act '2026-09-09 12:00' done "$(a 1)"                         # on time ...
act '2026-09-12 12:00' done "$(a 2)"                         # late
act '2026-09-13 12:00' drop "$(a 3)" --reason "not needed"  # dropped
# (4 stays open, due 2026-10-01: overdue today, 2026-11-18; 5 is due later.)
act '2026-09-10 12:00' done "$(a 6)"                         # no due date: not known
sql "UPDATE action SET status = 'done' WHERE id = '$(a 7)'"  # done, when not kept: not known
act '2026-09-26 00:30' done "$(a 8)"                         # late here (on time in UTC)
act '2026-09-12 09:00' done "$(a 9)"
act '2026-09-14 09:00' reopen "$(a 9)"
act '2026-09-20 09:00' done "$(a 9)"                         # on time, done again
act '2026-09-20 09:00' reopen "$(a 1)"
act '2026-09-21 09:00' done "$(a 1)"                         # ... now late
act '2026-09-22 09:00' assign "$(a 1)" Priya                 # not a change of status
# (10, F's, stays open, due 2026-11-12: overdue; 11 is the deleted E's.)
run delete "$E"

# Storage keeps when each status changed, from the program's clock.
ok $([ "$(sql "SELECT status_at FROM action WHERE id = '$(a 2)'")" = "$(at '2026-09-12 12:00')" ]; echo $?) \
	"action done: when, kept in status_at"
ok $([ "$(sql "SELECT status_at FROM action WHERE id = '$(a 3)'")" = "$(at '2026-09-13 12:00')" ]; echo $?) \
	"action drop too"
ok $([ "$(sql "SELECT status_at FROM action WHERE id = '$(a 1)'")" = "$(at '2026-09-21 09:00')" ]; echo $?) \
	"reopen and done again move it; assigning an owner does not"

# By hand. September: A, B, C.
#   detect [720, 1200, 300]: median 720 (12m), worst 1200 (20m), of 3
#   mitigate [2400, 3600]: median the lower middle, 2400 (40m), worst 3600 (1h 00m), of 2
#   resolve [5400, 7200, 9000]: median 7200 (2h 00m), worst 9000 (2h 30m), of 3
#   impact [6300, 7200]: median 6300 (1h 45m), worst 7200 (2h 00m), of 2
#   to the meeting [4, 3, 1] days: median 3, worst 4, of 3; 2 within two business days
#   items: 9 opened (1-9), 6 done (1 2 6 7 8 9), 1 dropped, 1 overdue (4);
#   done by the due date 1 (9) of 4 known (1 2 8 9): 25%; 2 not known (6 7)
run stats
expect_rc 0 "stats succeeds"
sep=$(printf '%s\n' "$out" | sed -n '/^2026-09/,/^$/p')
contains "$sep" "2026-09  3 retrospectives: SEV1 1 · SEV2 2" "September: three, by severity"
contains "$sep" "  time to detect             12m       20m     3" "time to detect: median, worst, of how many"
contains "$sep" "  time to mitigate           40m    1h 00m     2" "time to mitigate: the lower middle of two"
contains "$sep" "  time to resolve         2h 00m    2h 30m     3" "time to resolve"
contains "$sep" "  impact duration         1h 45m    2h 00m     2" "impact duration"
contains "$sep" "  incident to meeting     3 days    4 days     3   2 within two business days" \
	"incident to meeting, in local days, and within two business days"
contains "$sep" "9 opened · 6 done · 1 dropped · 1 overdue" "September's action items"
contains "$sep" "1 of 4 done by their due date (25%); 2 not known" "done by their due date, in local days"
oct=$(printf '%s\n' "$out" | sed -n '/^2026-10/,/^$/p')
contains "$oct" "2026-10  1 retrospective: no severity 1" "October: one, without a severity"
contains "$oct" "  time to detect               —         —     0" "a figure no retrospective had: —"
contains "$oct" "0 opened · 0 done · 0 dropped · 0 overdue" "and no items"
nov=$(printf '%s\n' "$out" | sed -n '/^2026-11/,$p')
contains "$nov" "2026-11  1 retrospective: SEV3 1" "November: the deleted one left out"
contains "$nov" "  time to detect             45m       45m     1" "across midnight"
contains "$nov" "1 opened · 0 done · 0 dropped · 1 overdue" "the deleted one's items left out"
contains "$out" "Figures by month, 2026-09 to 2026-11 (today 2026-11-18)" "a heading"
[ "$(printf '%s\n' "$out" | awk '{ print length($0) }' | sort -n | tail -1)" -le 80 ]
ok $? "every line within 80 columns"
sep_at() { printf '%s\n' "$out" | grep -n "^$1" | cut -d: -f1; }
[ "$(sep_at 2026-09)" -lt "$(sep_at 2026-10)" ] && [ "$(sep_at 2026-10)" -lt "$(sep_at 2026-11)" ]
ok $? "oldest first"

# Quarters: Q3 is September's; Q4 holds D and F.
run stats --by quarter
expect_rc 0 "--by quarter"
contains "$out" "2026-Q3  3 retrospectives: SEV1 1 · SEV2 2" "the third quarter"
contains "$out" "2026-Q4  2 retrospectives: SEV3 1 · no severity 1" "the fourth: October and November"
q4=$(printf '%s\n' "$out" | sed -n '/^2026-Q4/,$p')
contains "$q4" "  time to resolve         2h 00m    2h 00m     1" "its figures from F alone"
contains "$q4" "1 opened · 0 done · 0 dropped · 1 overdue" "its items"

# JSON: SQLite's, parsed here by Python's.
run stats --by quarter --format json
expect_rc 0 "--format json"
check_json() { printf '%s' "$out" | python3 -c "import json, sys; d = json.load(sys.stdin); $1"; }
check_json "assert d['by'] == 'quarter' and d['service'] is None and d['today'] == '2026-11-18', d"
ok $? "parses, saying how it was asked"
check_json "
p = d['periods'][0]
assert [x['period'] for x in d['periods']] == ['2026-Q3', '2026-Q4']
assert p['retrospectives'] == 3
assert p['by_severity'] == [{'severity': 'SEV1', 'retrospectives': 1}, {'severity': 'SEV2', 'retrospectives': 2}]
assert p['time_to_detect'] == {'retrospectives': 3, 'median_seconds': 720, 'worst_seconds': 1200}
assert p['time_to_mitigate'] == {'retrospectives': 2, 'median_seconds': 2400, 'worst_seconds': 3600}
assert p['time_to_resolve'] == {'retrospectives': 3, 'median_seconds': 7200, 'worst_seconds': 9000}
assert p['impact_duration'] == {'retrospectives': 2, 'median_seconds': 6300, 'worst_seconds': 7200}
assert p['incident_to_meeting'] == {'retrospectives': 3, 'median_days': 3, 'worst_days': 4, 'within_two_business_days': 2}
assert p['action_items'] == {'opened': 9, 'done': 6, 'dropped': 1, 'overdue': 1, 'done_by_due_date': 1,
  'done_late': 3, 'done_unknown': 2, 'share_done_by_due_date': 0.25}, p['action_items']
q = d['periods'][1]
assert q['by_severity'][-1] == {'severity': None, 'retrospectives': 1}
assert q['time_to_mitigate'] == {'retrospectives': 0, 'median_seconds': None, 'worst_seconds': None}
assert q['action_items']['share_done_by_due_date'] is None
"
ok $? "the same figures, nulls where none had it"

# --service: labels of kind service (in any case), not tags.
sql "INSERT INTO retro_label(retro_id, kind, name) VALUES('$A', 'service', 'payments'),
     ('$B', 'service', 'Payments'), ('$C', 'tag', 'payments'), ('$F', 'service', 'dns'),
     ('$E', 'service', 'payments')"
run stats --service payments
expect_rc 0 "--service"
contains "$out" "Figures by month for payments" "says which service"
contains "$out" "2026-09  2 retrospectives: SEV1 1 · SEV2 1" "only A and B (C's is a tag)"
contains "$out" "  time to detect             12m       20m     2" "their figures: 720 the lower middle of 720 and 1200"
lacks "$out" "2026-11  " "the deleted one stays out"
run stats --service PAYMENTS -f json
check_json "assert d['service'] == 'PAYMENTS' and [p['retrospectives'] for p in d['periods']] == [2]"
ok $? "in any case, in JSON too"
run stats --service nothing-here
expect_rc 0 "a service with none is no error"
contains "$err" "No retrospectives of the service 'nothing-here'." "and says so"

# Usage errors: one line, exit 2, nothing changed.
before=$(sha256sum "$DEBRIEF_DB")
run stats --by week
expect_rc 2 "an unknown period"
contains "$err" "unknown period 'week' (month or quarter)" "naming the ones there are"
run stats --format xml
expect_rc 2 "an unknown format"
contains "$err" "unknown format 'xml' (txt or json)" "naming the formats"
run stats extra
expect_rc 2 "an argument"
ok $([ "$(sha256sum "$DEBRIEF_DB")" = "$before" ]; echo $?) "none of them changed the file"
DEBRIEF_DB="$WORK/none.db" run stats
expect_rc 1 "no database: a failure"
run --help
contains "$out" "stats [--by month|quarter] [--service NAME] [-f txt|json]" "--help lists it"

finish
