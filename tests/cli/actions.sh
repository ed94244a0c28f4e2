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
		case $line in RETRO*) pre=${line%%FROM*} ;; *) pre=${line%%Checkout failures*} ;; esac
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
		case $line in RETRO*) pre=${line%%PRI*} ;; *) pre=${line%%P[1-4] *} ;; esac
		printf '%s' "$pre" | wc -L
	done | sort -u | wc -l)
	ok $([ "$cols" -eq 1 ]; echo $?) "the PRI column, after the owners, starts at the same display column on every line"
	starts=$(printf '%s\n' "$out" | while IFS= read -r line; do
		case $line in RETRO*) pre=${line%%FROM*} ;; *) pre=${line%%Checkout failures*} ;; esac
		printf '%s' "$pre" | wc -L
	done | sort -u | wc -l)
	ok $([ "$starts" -eq 1 ]; echo $?) "and so does the last, by display width"
fi

run actions --bogus
expect_rc 2 "unknown options are usage errors"
finish
