#!/bin/bash
# Importing a timeline: CSV, JSON and text lines, from a file or stdin; bad
# files are refused with FILE:LINE and import nothing.
. "$(dirname "$0")/lib.sh" "$@"
IMP="$DATA/import"

# events_of ID: the EVENTS column of `debrief list` for that retrospective.
events_of() {
	"$DEBRIEF" list 2>/dev/null | awk -v p="${1:0:8}" '$1 == p { print $4 }'
}

# --- CSV ---
new_retro "Checkout latency after cache TTL change" --date 2026-11-24
expect_rc 0 "new retrospective for CSV"
csv_id=$id
run import "$csv_id" "$IMP/good.csv"
expect_rc 0 "imports good.csv"
contains "$out" "imported 8 events (csv)" "reports 8 CSV events"
contains "$out" "Checkout latency after cache TTL change" "names the retrospective"
[ "$(events_of "$csv_id")" = 8 ]; ok $? "list counts 8 events"
run export "$csv_id" --format json
expect_rc 0 "exports the CSV retrospective"
contains "$out" '"2026-11-24T14:02:00+01:00"' "dated CSV time, local offset"
contains "$out" '"2026-11-24T14:55:00+01:00"' "dateless CSV time on the incident date"
contains "$out" "Config change 4512 lowers the session cache TTL" "CSV text"
contains "$out" 'Payments on-call paged; \"session cache\" suspected' "CSV doubled quotes"
contains "$out" "rolled back, cache hit rate recovering" "CSV multi-line field joined"
contains "$out" '"impact-end"' "CSV kind"
contains "$out" '"could-be-better"' "CSV mark"
before=$out

# Each bad file: exit 1, FILE:LINE on stderr, and nothing imported.
check_bad() { # FILE LINE MESSAGE
	run import "$csv_id" "$IMP/$1"
	expect_rc 1 "refuses $1"
	contains "$err" "$1:$2: $3" "$1 names line $2"
	lacks "$out" "imported" "$1 claims no import"
	[ "$(events_of "$csv_id")" = 8 ]; ok $? "$1 leaves the event count at 8"
	run export "$csv_id" --format json
	[ "$out" = "$before" ]; ok $? "$1 leaves the export unchanged"
}
# A closed retrospective takes no import.
closed_id=$(run new "Closed already" --date 2026-11-24; printf '%s' "$out")
sqlite3 "$DEBRIEF_DB" "UPDATE retro SET status = 'closed' WHERE id = '$closed_id'"
run import "$closed_id" "$IMP/good.csv"
expect_rc 1 "an import into a closed retrospective fails"
contains "$err" "this retrospective is closed" "saying why"
[ "$(events_of "$closed_id")" = 0 ]; ok $? "and imports nothing"

# The same file again: what is already there is said and skipped.
run import "$csv_id" "$IMP/good.csv"
expect_rc 0 "importing the same file again succeeds"
contains "$out" "imported 0 events" "adding nothing"
contains "$out" "skipped 8 already there" "and saying what it skipped"
[ "$(events_of "$csv_id")" = 8 ]; ok $? "the timeline is not doubled"
run export "$csv_id" --format json
[ "$out" = "$before" ]; ok $? "nor changed"
dup_id=$(run new "Duplicates kept" --date 2026-11-24; printf '%s' "$out")
run import "$dup_id" "$IMP/good.csv"
run import "$dup_id" "$IMP/good.csv" --duplicates
expect_rc 0 "--duplicates keeps them"
[ "$(events_of "$dup_id")" = 16 ]; ok $? "twice the events"

check_bad bad_quote.csv 4 "malformed CSV"
check_bad bad_kind.csv 3 "unknown kind 'explosion'"
check_bad bad_time.txt 3 "bad time '2026-02-30'"
check_bad bad_utf8.txt 2 "invalid UTF-8"
check_bad bad.json 4 "element 3 is not valid JSON"

# --- JSON, through a unique prefix of the id ---
new_retro "Expired gateway certificate" --date 2026-11-24
json_id=$id
run import "${json_id:0:8}" "$IMP/good.json"
expect_rc 0 "imports good.json through an 8-character prefix"
contains "$out" "imported 8 events (json)" "reports 8 JSON events"
contains "$out" "Expired gateway certificate" "into the right retrospective"
[ "$(events_of "$json_id")" = 8 ]; ok $? "the JSON retrospective has 8 events"
[ "$(events_of "$csv_id")" = 8 ]; ok $? "the CSV one still has 8"
run export "$json_id" --format json
contains "$out" '"2026-11-24T09:17:00+01:00"' "JSON time"
contains "$out" 'Synthetic check \"login-eu\" turns red' "JSON text with escaped quotes"
contains "$out" "Rotation job fixed to include the gateway" "last JSON event"

# --- text lines from stdin, crossing midnight ---
new_retro "Ingest queue backlog" --date 2026-11-24
txt_id=$id
run import "$txt_id" - <"$IMP/good.txt"
expect_rc 0 "imports text lines from stdin"
contains "$out" "imported 8 events (text)" "reports 8 text events"
run export "$txt_id" --format json
contains "$out" '"2026-11-24T23:41:00+01:00"' "dated text line"
contains "$out" '"2026-11-24T23:52:00+01:00"' "date carried over"
contains "$out" '"2026-11-25T00:06:00+01:00"' "bracketed time rolls over midnight"
contains "$out" '"2026-11-25T01:15:00+01:00"' "later times stay on the next day"
contains "$out" '"Queue depth on ingest-worker grows past 50k"' "!kind word removed from the text"
contains "$out" '"detection"' "!detect alias"
lacks "$out" '!detect' "no tag left in any text"

run import "$txt_id" - <"$IMP/bad_kind.csv"
expect_rc 1 "a bad file on stdin fails"
contains "$err" "<stdin>:3: unknown kind" "stdin is named <stdin>"
[ "$(events_of "$txt_id")" = 8 ]; ok $? "nothing imported from bad stdin"

run import "$txt_id" - </dev/null
expect_rc 1 "empty stdin fails"
contains "$err" "no events found" "saying there are no events"

# --- a retrospective without a date (as older debriefs made them): a
# dateless first time needs one ---
new_retro "Undated incident"
undated=$id
sqlite3 "$DEBRIEF_DB" "UPDATE retro SET incident_date = NULL WHERE id = '$undated'"
run import "$undated" - <<<'14:05 !alert pager fired'
expect_rc 1 "a dateless time without an incident date fails"
contains "$err" "<stdin>:1: a time without a date" "saying a date is needed"
[ "$(events_of "$undated")" = 0 ]; ok $? "and imports nothing"
run import "$undated" "$IMP/good.csv"
expect_rc 0 "dateless CSV lines take the date of the lines before them"
run export "$undated" --format json
contains "$out" '"2026-11-24T14:55:00+01:00"' "the carried date"

# --- errors around the file and the arguments ---
run import "$csv_id" "$WORK/no-such-file.csv"
expect_rc 1 "a missing file fails"
contains "$err" "no-such-file.csv" "naming the file"
run import "ffffffff-nope" "$IMP/good.csv"
expect_rc 1 "an unknown retrospective fails"
run import
expect_rc 2 "import without arguments is a usage error"
run import "$csv_id"
expect_rc 2 "import without a file is a usage error"
run import "$csv_id" "$IMP/good.csv" extra
expect_rc 2 "import with an extra argument is a usage error"
[ "$(events_of "$csv_id")" = 8 ]; ok $? "failed commands imported nothing"

# Three long imports at once: each waits for the others' write (it used to
# give up after 3 s with "database is locked"); none fails, nothing is lost.
run new "Three at once" --date 2026-11-01
three=$(printf '%s\n' "$out" | tail -n 1)
# (Under valgrind a hundredth as long: the point there is memory, not the wait.)
lines=100000
[ -n "${DEBRIEF_VALGRIND:-}" ] && lines=1000
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) printf "%02d:%02d:%02d line %d !other\n", int(i / 3600) % 24, int(i / 60) % 60, i % 60, i }' >"$WORK/long.txt"
pids=()
for i in 1 2 3; do
	"$DEBRIEF" import --duplicates "$three" "$WORK/long.txt" >/dev/null 2>"$WORK/three.$i.err" &
	pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
ok "$bad" "three imports of $lines lines at once all succeed ($bad failed)"
[ "$bad" = 0 ] || cat "$WORK"/three.*.err | sed 's/^/#   /' | head -3
[ "$(events_of "$three")" = $((3 * lines)) ]; ok $? "and every line is there once per import ($(events_of "$three"))"

# The kinds SREs log besides the milestones: investigation, escalation and
# communication, by name or by the short words; every older name as before.
run new "More kinds" --date 2026-11-01
kinds=$(printf '%s\n' "$out" | tail -n 1)
printf '%s\n' "09:00 looked at the pool graphs !investigate" "09:01 database team called in !escalation" \
	"09:02 status page updated !comms" "09:03 on-call paged !page" "09:04 errors noticed !detect" |
	"$DEBRIEF" import "$kinds" - >/dev/null 2>&1
printf 'time,kind,text\n09:05,communication,customers mailed\n09:06,diagnosis,heap dump read\n' |
	"$DEBRIEF" import "$kinds" - >/dev/null 2>&1
run export "$kinds"
for row in "09:00 +01:00 | Investigation | looked at the pool graphs" "09:01 +01:00 | Escalation | database team" \
	"09:02 +01:00 | Communication | status page" "09:03 +01:00 | Page | on-call paged" \
	"09:04 +01:00 | Detection | errors noticed" "09:05 +01:00 | Communication | customers mailed" \
	"09:06 +01:00 | Investigation | heap dump read"; do
	contains "$out" "$row" "kind: $row"
done

# Where an event was seen comes with it: a source column in CSV, a
# "source" member in JSON; a blank one is none.
run new "Sources" --date 2026-11-24
src=$(printf '%s\n' "$out" | tail -n 1)
printf 'time,text,source\n09:00,pool graph flat,https://grafana.example.com/d/pool\n09:01,nothing seen,  \n' |
	"$DEBRIEF" import "$src" - >/dev/null 2>&1
printf '[{"time":"09:02","text":"log line","source":"kibana: payments 09:02:13"}]' > "$WORK/src.json"
"$DEBRIEF" import "$src" "$WORK/src.json" >/dev/null 2>&1
run export "$src" -f json
sources=$(printf '%s' "$out" | python3 -c 'import json,sys; print("|".join(str(e["source"]) for e in json.load(sys.stdin)["events"]))' 2>&1)
ok $([ "$sources" = "https://grafana.example.com/d/pool|None|kibana: payments 09:02:13" ]; echo $?) \
	"a source column (CSV) and member (JSON) say where each event was seen ($sources)"
run export "$src"
contains "$out" "- [09:00](#timeline \"event 1\") [https://grafana.example.com/d/pool](https://grafana.example.com/d/pool)" \
	"and the document lists it, linked"

finish
