#!/bin/bash
# Where the database lives, and files that are not ours.
# Now is after the incidents summarised here (2026-11-24, the demo's too),
# which the timeline's check would otherwise find in the future, and before
# the demo's meeting (2026-11-26) as the default was.
export DEBRIEF_NOW=1795604800
. "$(dirname "$0")/lib.sh" "$@"

unset DEBRIEF_DB
run demo
expect_rc 0 "demo with no database configured"
ok $([ -f "$XDG_DATA_HOME/debrief/debrief.db" ]; echo $?) "goes to \$XDG_DATA_HOME/debrief/debrief.db"
ok $([ "$(stat -c %a "$XDG_DATA_HOME/debrief")" = 700 ]; echo $?) "its folder is owner-only"
ok $([ "$(stat -c %a "$XDG_DATA_HOME/debrief/debrief.db")" = 600 ]; echo $?) "the file is owner-only"

(unset XDG_DATA_HOME; "$DEBRIEF" demo >/dev/null 2>&1)
ok $([ -f "$HOME/.local/share/debrief/debrief.db" ]; echo $?) "without XDG_DATA_HOME: ~/.local/share/debrief"

DEBRIEF_DB="$WORK/env.db" "$DEBRIEF" demo >/dev/null 2>&1
ok $([ -f "$WORK/env.db" ]; echo $?) "\$DEBRIEF_DB picks the file"
DEBRIEF_DB="$WORK/env.db" "$DEBRIEF" --db "$WORK/flag.db" demo >/dev/null 2>&1
ok $([ -f "$WORK/flag.db" ]; echo $?) "--db wins over \$DEBRIEF_DB"
run demo --db "$WORK/after.db"
ok $([ -f "$WORK/after.db" ]; echo $?) "--db works after the command too"

# Files that are not ours are refused, byte-for-byte untouched.
printf 'just some text\n' > "$WORK/text.db"
sum=$(sha256sum < "$WORK/text.db")
run --db "$WORK/text.db" new "X"
expect_rc 1 "a text file is refused"
contains "$err" "not a debrief database" "as not a debrief database"
ok $([ "$(sha256sum < "$WORK/text.db")" = "$sum" ]; echo $?) "and left untouched"

if command -v sqlite3 >/dev/null; then
	sqlite3 "$WORK/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (42);'
	sum=$(sha256sum < "$WORK/other.db")
	run --db "$WORK/other.db" list
	expect_rc 1 "another program's SQLite file is refused"
	contains "$err" "another program" "saying whose it looks"
	ok $([ "$(sha256sum < "$WORK/other.db")" = "$sum" ]; echo $?) "and left untouched"

	"$DEBRIEF" --db "$WORK/newer.db" demo >/dev/null
	sqlite3 "$WORK/newer.db" 'PRAGMA journal_mode=DELETE; PRAGMA user_version=999;' >/dev/null
	sum=$(sha256sum < "$WORK/newer.db")
	run --db "$WORK/newer.db" list
	expect_rc 1 "a database from a newer debrief is refused"
	contains "$err" "newer debrief" "saying so"
	ok $([ "$(sha256sum < "$WORK/newer.db")" = "$sum" ]; echo $?) "and left untouched"

	run --db "$WORK/env.db" list
	jm=$(sqlite3 "$WORK/env.db" 'PRAGMA journal_mode;')
	ok $([ "$jm" = wal ]; echo $?) "our databases are in WAL mode ($jm)"
	app=$(sqlite3 "$WORK/env.db" 'PRAGMA application_id;')
	ok $([ "$app" = 1145197126 ]; echo $?) "and carry debrief's application_id ($app)"
	ver=$(sqlite3 "$WORK/env.db" 'PRAGMA user_version;')
	ok $([ "$ver" = 14 ]; echo $?) "and a schema version ($ver)"
	dbid=$(sqlite3 "$WORK/env.db" "SELECT value FROM meta WHERE key = 'id'")
	ok $(printf '%s' "$dbid" | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'; echo $?) \
		"and an id of its own, a UUID ($dbid)"

	# The demo is made all or nothing: when its seventh event cannot be
	# written, no retrospective is left behind.
	run --db "$WORK/half.db" new "Already here"
	sqlite3 "$WORK/half.db" "CREATE TRIGGER refuse BEFORE INSERT ON event
		WHEN NEW.text LIKE 'Pool saturation%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
	run --db "$WORK/half.db" demo
	expect_rc 1 "a demo that cannot be written whole fails"
	contains "$err" "refused by the test" "saying why"
	ok $([ "$(sqlite3 "$WORK/half.db" 'SELECT count(*) FROM retro')" = 1 ]; echo $?) \
		"and leaves no retrospective behind"
	ok $([ "$(sqlite3 "$WORK/half.db" 'SELECT count(*) FROM question WHERE retro_id NOT IN (SELECT id FROM retro)')" = 0 ]; echo $?) \
		"nor any of its questions"
fi

# A database written by an older debrief (schema 2, the demo) is upgraded in
# place, keeping everything.
cp "$DATA/schema2.db" "$WORK/old.db"
chmod 600 "$WORK/old.db"
run --db "$WORK/old.db" list
expect_rc 0 "an older database opens"
contains "$out" "      11     4  Checkout failures" "with its counts computed by the upgrade"
if command -v sqlite3 >/dev/null; then
	ok $([ "$(sqlite3 "$WORK/old.db" 'PRAGMA user_version;')" = 14 ]; echo $?) "upgraded to schema 14"
	ok $([ "$(sqlite3 "$WORK/old.db" "SELECT count(*) FROM sqlite_master WHERE name = 'retro_by_date'")" = 1 ]; echo $?) \
		"and given the listing's index"
	ok $([ "$(sqlite3 "$WORK/old.db" "SELECT count(*) FROM sqlite_master WHERE name = 'action_by_order'")" = 1 ]; echo $?) \
		"and the action items' index"
fi
old_id=$(printf '%s\n' "$out" | sed -n 2p | cut -c1-8)
"$DEBRIEF" --db "$WORK/old.db" export "$old_id" --format md |
	sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g' > "$WORK/old.md"
# (The demo of schema 2 had no services, tags, what was learned or where
# events were seen; today's has: a demo of today's without them is the
# same document.)
if command -v sqlite3 >/dev/null; then
	"$DEBRIEF" --db "$WORK/today.db" demo >/dev/null 2>&1
	sqlite3 "$WORK/today.db" "DELETE FROM retro_label; UPDATE retro SET summary = NULL,
		factors = NULL, lessons = NULL, links = NULL; UPDATE event SET source = NULL, unknown_then = 0"
	today_id=$(sqlite3 "$WORK/today.db" 'SELECT id FROM retro')
	"$DEBRIEF" --db "$WORK/today.db" export "$today_id" --format md |
		sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g' > "$WORK/today.md"
	same_file "$WORK/old.md" "$WORK/today.md" "its summary is unchanged by the upgrade"
fi
run --db "$WORK/old.db" new "After the upgrade"
expect_rc 0 "and takes new retrospectives"

# Six programs open a new file at once: the schema is made once, inside
# one write transaction that reads the version again, and none of them
# fails ("table retro already exists", "not a debrief database" before).
bad=0
for round in 1 2 3 4 5; do
	rm -f "$WORK/race.db" "$WORK/race.db-wal" "$WORK/race.db-shm"
	pids=()
	for i in 1 2 3 4 5 6; do
		"$DEBRIEF" --db "$WORK/race.db" new "Race $round.$i" >/dev/null 2>"$WORK/race.$i.err" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
	n=$("$DEBRIEF" --db "$WORK/race.db" list 2>/dev/null | grep -c "Race $round\.")
	[ "$n" = 6 ] || bad=$((bad + 1))
done
ok "$bad" "six 'debrief new' at once on a new file, five times: every one made ($bad failed)"
[ "$bad" = 0 ] || cat "$WORK"/race.*.err | sed 's/^/#   /' | head -5

mkdir "$WORK/adir"
run --db "$WORK/adir" list
expect_rc 1 "a folder is refused"
finish
