#!/bin/bash
# Following up: action items across every retrospective.
. "$(dirname "$0")/lib.sh" "$@"

run demo
expect_rc 0 "demo succeeds"
run demo
expect_rc 0 "a second demo too"

run actions
expect_rc 0 "actions succeeds"
contains "$out" "Page on CheckoutErrorRate" "lists action items"
contains "$out" "done" "including done ones"
contains "$out" "(nobody)" "showing items without an owner"
[ "$(printf '%s\n' "$out" | grep -c 'Add a schema')" -eq 2 ]; ok $? "from every retrospective"

run actions --open
expect_rc 0 "actions --open succeeds"
lacks "$out" "runbook" "leaves out done items"
contains "$out" "Canary step" "keeps open ones"

run actions --owner priya
expect_rc 0 "actions --owner succeeds"
contains "$out" "Priya" "matches the owner in any case"
lacks "$out" "Marco" "and only that owner"

run actions --owner nobody-at-all
expect_rc 0 "an owner with nothing is not an error"
contains "$err" "No action items owned by nobody-at-all" "and says so"

# For scripts and completions: --format tsv and json, with full ids (JSON
# made by SQLite's own functions; checked here by its own parser).
json_of() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$WORK/out.json') AS j)"; }
run actions --open --format json
expect_rc 0 "actions --format json"
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of 'json_valid(j)')" = 1 ]; ok $? "is valid JSON"
[ "$(json_of 'json_array_length(j)')" = "$(printf '%s\n' "$(run actions --open; printf '%s' "$out")" | tail -n +2 | wc -l)" ]
ok $? "with as many items as the table lists"
id36=$(json_of "json_extract(j, '\$[0].id')")
[ "${#id36}" = 36 ]; ok $? "each with its full id ($id36)"
[ "$(json_of "json_extract(j, '\$[0].priority') || ' ' || json_extract(j, '\$[0].status')")" = "P1 open" ]
ok $? "its priority and status as words"
run actions -f tsv --owner priya
expect_rc 0 "actions -f tsv"
[ "$(printf '%s\n' "$out" | head -n 1)" = "$(printf 'id\tretro\tstatus\tdue\towner\ttype\tpriority\ttitle\tretro_title')" ]
ok $? "a header line of tab-separated names"
[ "$(printf '%s\n' "$out" | tail -n +2 | awk -F '\t' 'NF != 9 || length($1) != 36 || $5 != "Priya"' | wc -l)" = 0 ]
ok $? "then a line an item, nine cells, full ids, the owner filtered"
run actions --format xml
expect_rc 2 "an unknown format is a usage error"
contains "$err" "txt, tsv, json or csv" "naming the formats"
run list --format json
printf '%s' "$out" >"$WORK/out.json"
[ "$(json_of "json_valid(j) || json_array_length(j) || length(json_extract(j, '\$[0].id'))")" = "1236" ]
ok $? "list --format json: both retrospectives, full ids"
run list -f tsv
[ "$(printf '%s\n' "$out" | tail -n +2 | awk -F '\t' 'NF == 8 && length($1) == 36' | wc -l)" = 2 ]
ok $? "list -f tsv: a line each, eight cells, full ids"

# Columns line up whatever the lengths, counted in characters (not bytes).
if command -v sqlite3 >/dev/null; then
	retro=$(sqlite3 "$DEBRIEF_DB" "SELECT id FROM retro LIMIT 1")
	sqlite3 "$DEBRIEF_DB" "INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,created_at,rev)
		VALUES('00000000-0000-4000-8000-00000000a11a','$retro',
		'Rotate the pager schedule so that nights are shared fairly','Łukasz Żółć',
		NULL,'process',2,'open',1795600000,1)"
	run actions --open
	contains "$out" "Łukasz Żółć" "a long owner name is listed"
	export LC_ALL=C.UTF-8
	starts=$(printf '%s\n' "$out" | while IFS= read -r line; do
		case $line in ID*) pre=${line%%FROM*} ;; *) pre=${line%%Checkout failures*} ;; esac
		echo "${#pre}"
	done | sort -u | wc -l)
	ok $([ "$starts" -eq 1 ]; echo $?) "every line's last column starts at the same character"

	# Wide and combining text lines up by display width: CJK owners and
	# titles take two columns a character.
	sqlite3 "$DEBRIEF_DB" "INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,created_at,rev)
		VALUES('00000000-0000-4000-8000-00000000a11b','$retro',
		'決済の再試行を見直す 😀','山田太郎',
		'2026-12-24','process',2,'open',1795600001,1),
		('00000000-0000-4000-8000-00000000a11c','$retro',
		'Revie'||char(769)||'w the cafe'||char(769)||' alerts','Zoe'||char(776),
		'2026-12-25','process',2,'open',1795600002,1)"
	run actions --open
	contains "$out" "山田太郎" "a CJK owner is listed"
	cols=$(printf '%s\n' "$out" | while IFS= read -r line; do
		case $line in ID*) pre=${line%%PRI*} ;; *) pre=${line%%P[1-4] *} ;; esac
		printf '%s' "$pre" | wc -L
	done | sort -u | wc -l)
	ok $([ "$cols" -eq 1 ]; echo $?) "the PRI column, after the owners, starts at the same display column on every line"
	starts=$(printf '%s\n' "$out" | while IFS= read -r line; do
		case $line in ID*) pre=${line%%FROM*} ;; *) pre=${line%%Checkout failures*} ;; esac
		printf '%s' "$pre" | wc -L
	done | sort -u | wc -l)
	ok $([ "$starts" -eq 1 ]; echo $?) "and so does the last, by display width"
fi

# The listings read their rows in the order shown through an index, and
# print each as it is read (issue 15): no sort, whatever the number of
# rows, and every open item read once (DEBRIEF_TEST_COUNTS: the program's
# own count, said when its file closes).
if command -v sqlite3 >/dev/null; then
	retro=$(sqlite3 "$DEBRIEF_DB" "SELECT id FROM retro LIMIT 1")
	sqlite3 "$DEBRIEF_DB" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300)
		INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,created_at,rev)
		SELECT printf('00000000-0000-4000-8000-%012d', i), '$retro', 'Bulk item ' || i, 'Dana',
		CASE WHEN i % 7 THEN date('2026-12-01', '+' || (i % 40) || ' days') END, 'process',
		1 + i % 4, CASE WHEN i % 3 THEN 'open' ELSE 'done' END, 1795600000 + i, 1 FROM k"
	n_open=$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM action WHERE status = 'open'")
	counted() { # counted ARGS...: the "closed ..." line of one run
		rm -f "$WORK/counts"
		DEBRIEF_TEST_COUNTS="$WORK/counts" "$DEBRIEF" "$@" >"$WORK/listed" 2>/dev/null
		grep '^closed ' "$WORK/counts" 2>/dev/null
	}
	c=$(counted actions --open -f tsv)
	contains "$c" " sorts=0 " "actions --open -f tsv reads its index: no sort ($c)"
	contains "$c" "closed rows=$n_open " "and reads each of the $n_open open items once"
	[ "$(tail -n +2 "$WORK/listed" | wc -l)" = "$n_open" ]; ok $? "listing each"
	[ "$(tail -n +2 "$WORK/listed" | cut -f4 | sed '/^$/d' | awk 'p > $0 { bad = 1 } { p = $0 } END { exit bad }'; echo $?)" = 0 ]
	ok $? "by due date"
	[ "$(tail -n +2 "$WORK/listed" | cut -f4 | awk '$0 == "" { e = 1 } e && $0 != "" { bad = 1 } END { exit bad }'; echo $?)" = 0 ]
	ok $? "those without a due date last"
	c=$(counted actions --open)
	contains "$c" " sorts=0 " "and so does the table ($c)"
	c=$(DEBRIEF_NOW=1797000000 counted actions --overdue -f tsv) # 2026-12-11
	n_over=$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM action WHERE status = 'open' AND due < '2026-12-11'")
	contains "$c" " sorts=0 " "and --overdue ($c)"
	contains "$c" "closed rows=$n_over " "reading only the $n_over overdue"
	c=$(counted list -f tsv)
	contains "$c" " sorts=0 " "list -f tsv reads its index: no sort ($c)"

	# A title that would move the cursor, and a tab in an owner, are
	# shown as text in a tsv line, never obeyed nor split.
	sqlite3 "$DEBRIEF_DB" "UPDATE action SET title = 'Clear' || char(27) || '[2J the screen',
		owner = 'Da' || char(9) || 'na' WHERE id = '00000000-0000-4000-8000-000000000001'"
	run actions --open -f tsv
	line=$(printf '%s
' "$out" | grep 'the screen')
	lacks "$line" "$(printf '\033')" "an escape in a title is not printed"
	[ "$(printf '%s\n' "$line" | awk -F '\t' '{ print NF }')" = 9 ]; ok $? "nor does a tab split a line ($line)"
fi

run actions --bogus
expect_rc 2 "unknown options are usage errors"
finish
