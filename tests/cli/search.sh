#!/bin/bash
# debrief search: every retrospective's titles, events, notes, questions,
# action items and parked ideas; words in any case and without accents,
# runs of three characters inside text written without spaces; nothing
# typed is taken as search syntax; the index follows every change.
. "$(dirname "$0")/lib.sh" "$@"

run demo
demo=$(printf '%s\n' "$out" | tail -n 1)
run search pool
expect_rc 0 "search finds"
contains "$out" "INC-4127 · Checkout failures after payments-api pool change (${demo:0:8})" "each retrospective once, with its incident and id"
contains "$out" "title    Checkout failures after payments-api «pool» change" "its title's match marked"
contains "$out" "Timeline        2026-11-24 09:42 event    payments-api v2.31 deployed" "an event, with its stage and time"
contains "$out" "note     The «pool» size lives in a YAML file" "a note"
contains "$out" "Action items    2026-11-26 09:41 action   Add a schema with bounds for payments-api «pool» settings" "an action item"
run search POOL
contains "$out" "«Pool» saturation found" "in any case"
run search deplo
contains "$out" "v2.31 «deployed»" "a word's beginning finds it"
run search "pool yaml"
contains "$out" "The «pool» size lives in a «YAML» file" "every word, anywhere in the text"
lacks "$out" "Add a schema" "and only where all are"
run search "How were we notified"
contains "$out" "question" "the questions"

new_retro "Café outage in Zürich" --date 2026-11-30
cafe=$id
printf '10:00 Le café était fermé\n' | "$DEBRIEF" import "$cafe" - >/dev/null 2>&1
run search cafe zurich
contains "$out" "«Café» outage in «Zürich»" "without accents, a title with them"
run search fermé
contains "$out" "Le café était «fermé»" "and with them"
new_retro "決済障害の振り返り" --date 2026-11-29
printf '09:00 決済サービスの接続プールが枯渇\n' | "$DEBRIEF" import "$id" - >/dev/null 2>&1
run search 障害の
contains "$out" "決済障害の振り返り" "CJK: a run of three characters inside a title"
run search 接続プール
contains "$out" "event" "and inside an event's text"

for q in '"' '*' '-' '(' ')' 'NEAR(' 'pool OR' 'AND' '^pool' 'title:pool' '"pool' "pool'" '{' '+'; do
	run search "$q"
	[ "$rc" -eq 0 ] && [ -z "$(printf '%s' "$err" | grep -v '^Nothing matches')" ]
	ok $? "FTS syntax in a query is only text: $q"
done
run search "  "
expect_rc 1 "nothing to search for"
contains "$err" "nothing to search for" "says so"
run search
expect_rc 2 "search needs words"
run search pool -f xml
expect_rc 2 "an unknown format"

run search pool --retro "$cafe"
contains "$err" "Nothing matches 'pool'." "--retro: in that one only"
run search pool -f json
expect_rc 0 "JSON"
if command -v python3 >/dev/null; then
	kinds=$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(sorted({h["kind"] for h in json.load(sys.stdin)})))')
	ok $([ "$kinds" = "action event note retrospective" ]; echo $?) "parses, of every kind ($kinds)"
fi
contains "$out" '"snippet":"«Pool» saturation found on the payments-api dashboard' "the match between « and »"

# The index follows every change: an edit, a delete, a parked idea, a
# deleted retrospective.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$DEBRIEF_DB" "UPDATE event SET text = 'The sprocket broke' WHERE text LIKE 'Le café%'"
	run search fermé
	contains "$err" "Nothing matches" "an edited text is no longer found by its old words"
	run search sprocket
	contains "$out" "The «sprocket» broke" "but by its new"
	sqlite3 "$DEBRIEF_DB" "DELETE FROM event WHERE text = 'The sprocket broke'"
	run search sprocket
	contains "$err" "Nothing matches" "a deleted event is gone"
	sqlite3 "$DEBRIEF_DB" "INSERT INTO parked(id, retro_id, text, stage, created_at)
		VALUES('00000000-0000-4000-8000-00000000a001', '$demo', 'A canary for config changes', 2, 1795000000)"
	run search canary config
	contains "$out" "parked   A «canary» for «config» changes" "a parked idea"
fi
run delete "$cafe"
run search cafe
lacks "$out" "Café outage" "a deleted retrospective is not searched"

# An older file is indexed by its upgrade.
cp "$DATA/schema2.db" "$WORK/old.db"
chmod 600 "$WORK/old.db"
run --db "$WORK/old.db" search saturation
contains "$out" "«saturation»" "an upgraded file is searchable"
finish
