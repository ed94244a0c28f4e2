#!/bin/bash
# Creating, listing and finding retrospectives.
. "$(dirname "$0")/lib.sh" "$@"

new_retro "Login outage" --incident INC-1 --date 2026-11-20 --severity SEV1 \
	--facilitator "Ana" --scribe "Bo" --participants "Cy, Di" --impact "No logins" --trigger "A cert expired"
expect_rc 0 "new succeeds"
[[ "$id" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]]; ok $? "prints a UUID on its last line ($id)"
first=$id
ok $([ "$(stat -c %a "$DEBRIEF_DB")" = 600 ]; echo $?) "the database is created owner-only"

new_retro "Disk full on db-3" --date 2026-11-25
second=$id
new_retro "Naïve cache — 日本語 ✓"
expect_rc 0 "UTF-8 titles are fine"
third=$id
ok $([ "$out" = "$id" ]; echo $?) "only the id goes to standard output"
contains "$err" "the incident date is today, 2026-11-18" "without --date it is dated today, and says so"

run list
expect_rc 0 "list succeeds"
contains "$out" "ID" "list has a header"
contains "$out" "${first:0:8}" "list shows the short id"
contains "$out" "Login outage" "list shows titles"
contains "$out" "Naïve cache — 日本語 ✓" "list shows UTF-8 titles intact"
# DEBRIEF_NOW pins "today" to 2026-11-18, the day the one made without
# --date is dated.
contains "$(printf '%s\n' "$out" | sed -n 2p)" "Disk full" "the newest incident comes first"
contains "$(printf '%s\n' "$out" | sed -n 3p)" "Login outage" "then older ones"
contains "$(printf '%s\n' "$out" | sed -n 4p)" "2026-11-18  draft" "dated today"
contains "$(printf '%s\n' "$out" | sed -n 4p)" "Naïve cache" "and listed by that day"

# Output that cannot be written is a failure, said, whatever the command did.
for cmd in list demo actions; do
	"$DEBRIEF" $cmd >/dev/full 2>"$WORK/full.err"; rc=$?
	ok $([ $rc -eq 1 ]; echo $?) "$cmd to a full disk fails (exit $rc)"
	contains "$(cat "$WORK/full.err")" "cannot write the output" "and says so"
done

run export "${first:0:6}" --format json
expect_rc 0 "a unique prefix finds the retrospective"
contains "$out" '"title": "Login outage"' "the right one"
contains "$out" '"incident_ref": "INC-1"' "with its incident reference"
contains "$out" '"trigger": "A cert expired"' "and its trigger"
upper=$(printf '%s' "${first:0:8}" | tr a-f A-F)
run export "$upper" --format json
expect_rc 0 "prefixes ignore case"

run export "ffffffff-nope"
expect_rc 1 "an unknown id fails"
contains "$err" "no retrospective matches" "and says so"

# An incident's reference names its retrospective, in any case.
run export inc-1 --format json
expect_rc 0 "an incident reference finds the retrospective (inc-1)"
contains "$out" '"title": "Login outage"' "the right one"
run new "Login outage, the second look" --incident INC-1 --date 2026-11-02
run export INC-1
expect_rc 1 "a reference two retrospectives share is ambiguous"
contains "$err" "Login outage, the second look" "and lists both"

# Make an ambiguous prefix: create retros until two share a first character.
for i in $(seq 1 40); do new_retro "filler $i"; done
run list
dup=$(printf '%s\n' "$out" | tail -n +2 | cut -c1 | sort | uniq -d | head -n 1)
run export "$dup"
expect_rc 1 "an ambiguous prefix fails"
contains "$err" "more than one retrospective" "saying it is ambiguous"
contains "$err" "$dup" "and listing the candidates"

run new $'bad \xff title'
expect_rc 1 "invalid UTF-8 in a title fails"
contains "$err" "UTF-8" "saying why"

run new $'Esc \e[31mred'
expect_rc 0 "control characters are accepted"
run export "$(printf '%s\n' "$out" | tail -n 1)" --format json
lacks "$out" $'\e' "but never stored raw"

finish
