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

# A record's text is indexed in batches: written, it waits in a queue (no
# index written in its commit); the next search, or the writer closing,
# puts every waiting text in, in one write. A queue left by a writer
# killed before it could is flushed by whoever searches next.
if command -v sqlite3 >/dev/null; then
	ok $([ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_queue')" = 0 ]; echo $?) \
		"a command that wrote leaves no text waiting to be indexed"
	words=$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_words')
	sqlite3 "$DEBRIEF_DB" "INSERT INTO note(id, retro_id, stage, role, body, created_at)
		VALUES('00000000-0000-4000-8000-00000000b001', '$demo', 2, 'scribe', 'A flange gasket leaked: 歯車が壊れた', 1795000000)"
	ok $([ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_queue')" = 1 ] &&
		[ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_words')" = "$words" ]; echo $?) \
		"a note written waits in the queue, the index not written in its commit"
	run search gasket
	contains "$out" "note     A flange «gasket» leaked" "the next search finds it"
	ok $([ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_queue')" = 0 ]; echo $?) \
		"having put it in the index"
	run search 車が壊
	contains "$out" "A flange gasket leaked: 歯«車が壊»れた" "in the runs of three characters too"
	printf '10:05 A gusset bolt sheared\n' | "$DEBRIEF" import "$demo" - >/dev/null 2>&1
	ok $([ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_queue')" = 0 ] &&
		[ "$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM search_words WHERE search_words MATCH 'gusset'")" = 1 ]; echo $?) \
		"a command that writes (an import) indexes what it wrote as it closes"
	# Many waiting (another program's import): indexed in short writes of
	# 256, all of them before the search.
	sqlite3 "$DEBRIEF_DB" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 600)
		INSERT INTO event(id, retro_id, at, offset_min, kind, text, created_at)
		SELECT printf('0000b0b0-0000-4000-8000-%012d', i), '$demo', 1795000000 + i, 60, 'other',
		  'sprongle ' || i, 1795000000 FROM k"
	ok $([ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_queue')" = 600 ]; echo $?) "600 texts waiting"
	run search sprongle -f json
	ok $([ "$(printf '%s' "$out" | grep -o '"kind":"event"' | wc -l)" = 200 ] &&
		[ "$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM search_words WHERE search_words MATCH 'sprongle'")" = 600 ] &&
		[ "$(sqlite3 "$DEBRIEF_DB" 'SELECT count(*) FROM search_queue')" = 0 ]; echo $?) \
		"a search indexes them all first, batch after batch"
fi

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

# Many matches are found in the order shown, retrospective by
# retrospective, so as to stop at the 200 shown: the same hits, in the
# same order, as reading every match and sorting them all
# (DEBRIEF_TEST_SEARCH=sort), ties and all: retrospectives of one day,
# made in the same second, records of one stage and one time, of every
# kind, and a deleted retrospective's left out.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$DEBRIEF_DB" "
	WITH RECURSIVE s(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM s WHERE j < 14)
	INSERT INTO retro(id, title, incident_date, status, created_at, updated_at, deleted_at)
	SELECT printf('5e5e5e5e-0000-4000-8000-%012d', j), 'Sprocketz outage ' || j,
	  CASE WHEN j % 3 = 0 THEN NULL ELSE date('2026-01-01', '+' || (j % 4) || ' days') END,
	  'in-progress', 1767225600 + (j % 2) * 86400, 1767225600, CASE WHEN j = 5 THEN 1790000000 ELSE 0 END
	FROM s;
	WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 40),
	  r AS (SELECT id, rowid AS n FROM retro WHERE title LIKE 'Sprocketz outage %')
	INSERT INTO event(id, retro_id, at, offset_min, kind, text, created_at)
	SELECT printf('5e5e5e5e-0001-4000-8000-%06d%06d', r.n, i), r.id, 1767258000 + (i % 5) * 60, 60,
	  'other', 'The sprocketz slipped ' || i, 1767258000 FROM r, k;
	WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20),
	  r AS (SELECT id, rowid AS n FROM retro WHERE title LIKE 'Sprocketz outage %')
	INSERT INTO note(id, retro_id, stage, role, body, created_at, offset_min)
	SELECT printf('5e5e5e5e-0002-4000-8000-%06d%06d', r.n, i), r.id, 1 + i % 5, 'scribe',
	  'Sprocketz note ' || i, 1767260000 + (i % 3), 60 FROM r, k;
	WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 10),
	  r AS (SELECT id, rowid AS n FROM retro WHERE title LIKE 'Sprocketz outage %')
	INSERT INTO action(id, retro_id, title, type, created_at)
	SELECT printf('5e5e5e5e-0003-4000-8000-%06d%06d', r.n, i), r.id, 'Oil the sprocketz ' || i,
	  'prevent', 1767261000 + (i % 2) FROM r, k;
	WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5),
	  r AS (SELECT id, rowid AS n FROM retro WHERE title LIKE 'Sprocketz outage %')
	INSERT INTO question(id, retro_id, position, title)
	SELECT printf('5e5e5e5e-0004-4000-8000-%06d%06d', r.n, i), r.id, i, 'Why the sprocketz ' || i FROM r, k;
	WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5),
	  r AS (SELECT id, rowid AS n FROM retro WHERE title LIKE 'Sprocketz outage %')
	INSERT INTO parked(id, retro_id, text, stage, created_at)
	SELECT printf('5e5e5e5e-0005-4000-8000-%06d%06d', r.n, i), r.id, 'Sprocketz for later ' || i,
	  1 + i % 3, 1767262000 FROM r, k;
	INSERT INTO retro_label(retro_id, kind, name)
	SELECT id, 'service', 'sprocketz-api' FROM retro WHERE title LIKE 'Sprocketz outage %';"
	for q in sprocketz "sprocketz slipped" "outage 7" "sprocketz 3"; do
		for f in txt json; do
			want=$(DEBRIEF_TEST_SEARCH=sort "$DEBRIEF" search $q -f $f 2>&1)
			got=$("$DEBRIEF" search $q -f $f 2>&1)
			picked=$(DEBRIEF_TEST_SEARCH=pick "$DEBRIEF" search $q -f $f 2>&1)
			[ -n "$want" ] && [ "$got" = "$want" ] && [ "$picked" = "$want" ]
			ok $? "search $q -f $f: found in the order shown, as sorting every match finds it"
		done
	done
	run search sprocketz
	[ "$(printf '%s\n' "$out" | grep -c '^Sprocketz outage')" -ge 3 ]
	ok $? "the 200 shown come from several retrospectives"
	contains "$err" "the first 200 matches" "and are said to be the first"
	lacks "$out" "Sprocketz outage 5 " "a deleted retrospective's matches are left out"
	one=5e5e5e5e-0000-4000-8000-000000000007
	want=$(DEBRIEF_TEST_SEARCH=sort "$DEBRIEF" search sprocketz --retro "$one" 2>&1)
	got=$(DEBRIEF_TEST_SEARCH=pick "$DEBRIEF" search sprocketz --retro "$one" 2>&1)
	[ -n "$want" ] && [ "$got" = "$want" ]
	ok $? "and in one retrospective (--retro)"
fi

# An older file is indexed by its upgrade.
cp "$DATA/schema2.db" "$WORK/old.db"
chmod 600 "$WORK/old.db"
run --db "$WORK/old.db" search saturation
contains "$out" "«saturation»" "an upgraded file is searchable"
finish
