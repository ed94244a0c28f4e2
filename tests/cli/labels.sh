#!/bin/bash
# Services and tags (issue 13): given to new, checked, listed, filtered,
# searched and exported.
. "$(dirname "$0")/lib.sh" "$@"

json_of() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$WORK/out.json') AS j)"; }

# Each option again for more, or a list; names kept in lowercase, sorted,
# without repeats.
new_retro "Pool exhausted" --date 2026-11-02 --service payments-api --service Checkout,ledger \
	--tag config --tag config
expect_rc 0 "new --service --tag"
pool=$id
new_retro "Cache stampede" --date 2026-11-10 --tag=cache,database
expect_rc 0 "new --tag=a,b"
cache=$id
new_retro "Plain one" --date 2026-11-20
plain=$id

# Refused: one line, exit 2, nothing created.
before=$("$DEBRIEF" list -f tsv | wc -l)
for bad in "pay ments" "" "a,,b" "$(printf 'pay\001ments')" "$(printf 'x%.0s' $(seq 41))" "café"; do
	run new "Refused" --service "$bad"
	expect_rc 2 "a service name '$bad' is refused"
	[ "$(printf '%s\n' "$err" | grep -c .)" -le 2 ]; ok $? "in a line (and the help's)"
done
run new "Refused" --tag "bad tag"
contains "$err" "'bad tag' is not a tag name: use letters, digits, - _ and . (at most 40)" "saying the rule"
run new "Refused" --tag
expect_rc 2 "--tag without a value"
[ "$("$DEBRIEF" list -f tsv | wc -l)" = "$before" ]; ok $? "none of them was created"
run --db "$WORK/none.db" new "Refused" --service "pay ments"
[ ! -e "$WORK/none.db" ]; ok $? "nor an empty database"

# Listed: after the title; tsv's last two columns; JSON arrays.
run list
contains "$out" "Pool exhausted  · checkout, ledger, payments-api · #config" "list: services, then #tags"
contains "$out" "Cache stampede  · #cache #database" "tags alone"
printf '%s\n' "$out" | grep -q ' Plain one$'; ok $? "none: the title alone"
run list -f tsv
contains "$out" "$(printf 'title\tservices\ttags')" "tsv: services and tags last"
contains "$out" "$(printf 'Pool exhausted\tcheckout, ledger, payments-api\tconfig')" "tsv: each a list"
run list -f json
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of "json_extract(j, '\$[2].services')")" = '["checkout","ledger","payments-api"]' ]
ok $? "json: services an array"
[ "$(json_of "json_extract(j, '\$[2].tags') || json_extract(j, '\$[0].services')")" = '["config"][]' ]
ok $? "json: tags an array, empty when none"

# Filtered.
run list --service payments-api
contains "$out" "Pool exhausted" "list --service: that one"
lacks "$out" "Cache stampede" "not the others"
run list --tag DATABASE
contains "$out" "Cache stampede" "list --tag, in any case"
lacks "$out" "Pool exhausted" "only it"
run list --service payments-api --tag cache
ok $([ -z "$out" ]; echo $?) "both: only those with both (none here)"
run list --service "no such"
expect_rc 2 "list --service with a bad name"
run list -f json --tag config
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of "json_array_length(j)")" = 1 ]; ok $? "json filtered too"

# Searched, by the index.
run search payments-api
contains "$out" "Pool exhausted" "search finds a service"
contains "$out" "label" "as a match of its labels"
run search database -f json
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of "json_extract(j, '\$[0].kind') || ' ' || json_extract(j, '\$[0].retro')")" = "label $cache" ]
ok $? "search -f json: kind label, the retrospective"

# Exported: the facts, only when there are any.
for f in md txt html; do
	run export "$pool" --format "$f"
	contains "$out" "Services" "export $f: Services"
	[ "$f" = html ] && out=$(printf '%s' "$out" | sed 's/<span class="nw">\([^<]*\)<\/span>/\1/g')
	contains "$out" "checkout, ledger, payments-api" "export $f: the services"
	contains "$out" "Tags" "export $f: Tags"
	run export "$plain" --format "$f"
	lacks "$out" "Services" "export $f: no Services line without any"
done
run export "$pool" --format json
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of "json_extract(j, '\$.services') || json_extract(j, '\$.tags')")" = '["checkout","ledger","payments-api"]["config"]' ]
ok $? "export json: arrays services and tags"
run export "$plain" --format json
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of "json_extract(j, '\$.services') || json_extract(j, '\$.tags')")" = '[][]' ]
ok $? "empty arrays when none"

# The demo has some; the file checks clean.
run demo
run list --service checkout
contains "$out" "Checkout failures after payments-api pool change" "the demo names its services"
run check
expect_rc 0 "check: the file is sound"

# A closed retrospective's labels are kept as they are, whoever writes.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$DEBRIEF_DB" "UPDATE retro SET status = 'closed' WHERE id = '$pool'"
	sqlite3 "$DEBRIEF_DB" "INSERT INTO retro_label VALUES('$pool', 'tag', 'late')" 2>/dev/null
	ok $([ $? -ne 0 ]; echo $?) "a closed one's labels refuse a change"
	# Deleting the label keeps the index right: search no longer finds it.
	sqlite3 "$DEBRIEF_DB" "DELETE FROM retro_label WHERE retro_id = '$cache' AND name = 'database'"
	run search database
	lacks "$out" "Cache stampede" "a label gone is gone from the index"
	run search cache -f json
	printf '%s' "$out" >"$WORK/out.json"
	[ "$(json_of "json_extract(j, '\$[1].kind')")" = label ]; ok $? "the others stay in it"
fi
finish
