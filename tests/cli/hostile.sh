#!/bin/bash
# Hostile databases: read-only files and folders (as an unprivileged user,
# since root ignores modes), a file locked by another program, a damaged
# file. Each gets a clear message and exit 1, and the file is untouched.
. "$(dirname "$0")/lib.sh" "$@"

run demo
id=$(printf '%s\n' "$out" | tail -n 1)
sqlite3 "$DEBRIEF_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

sum() { sha256sum < "$1"; }

# A damaged file: the header intact, the pages garbage.
cp "$DEBRIEF_DB" "$WORK/damaged.db"
dd if=/dev/urandom of="$WORK/damaged.db" bs=1024 seek=4 count=8 conv=notrunc status=none
before=$(sum "$WORK/damaged.db")
run --db "$WORK/damaged.db" export "$id"
ok $([ "$rc" -eq 1 ]; echo $?) "a damaged database fails (exit $rc)"
contains "$err" "debrief: " "with a message"
[ "$(printf '%s\n' "$err" | wc -l)" -le 2 ]; ok $? "of one line"
ok $([ "$(sum "$WORK/damaged.db")" = "$before" ]; echo $?) "and is left untouched"

# debrief check looks the file over; a damaged file is not written to.
run --db "$DEBRIEF_DB" check
expect_rc 0 "debrief check passes a sound file"
contains "$out" "ok: " "saying so"
run --db "$WORK/damaged.db" check
expect_rc 1 "and fails a damaged one"
contains "$err" "problem" "counting what is wrong"
cp "$DEBRIEF_DB" "$WORK/zeroed.db"
dd if=/dev/zero of="$WORK/zeroed.db" bs=1024 seek=16 count=2 conv=notrunc status=none
before=$(sum "$WORK/zeroed.db")
run --db "$WORK/zeroed.db" new "On a damaged file"
expect_rc 1 "a new retrospective is refused on a damaged file"
contains "$err" "debrief check" "naming debrief check"
out=$(printf '09:00 more\n' | "$DEBRIEF" --db "$WORK/zeroed.db" import "$id" - 2>&1); rc=$?
expect_rc 1 "so is an import"
ok $([ "$(sum "$WORK/zeroed.db")" = "$before" ]; echo $?) "and the file is as it was"
cp "$DEBRIEF_DB" "$WORK/orphans.db"
sqlite3 "$WORK/orphans.db" "UPDATE note SET event_id = 'gone' WHERE rowid = (SELECT min(rowid) FROM note WHERE event_id IS NOT NULL);
	UPDATE retro SET n_events = n_events + 5;"
run --db "$WORK/orphans.db" check
expect_rc 1 "debrief check finds what SQLite's checks cannot"
contains "$out" "is on event gone, which is not there" "a note on an event that is not there"
contains "$out" "counts " "and counts that disagree"

# A file exactly as a debrief left it, having checked it, is not checked
# again (the check reads the whole file: issue 15); anything else that
# wrote it since makes the next command check (DEBRIEF_TEST_COUNTS: what
# the command says when it closes the file).
checked() { # checked ARGS...: how the quick check went for one run
	rm -f "$WORK/counts"
	DEBRIEF_TEST_COUNTS="$WORK/counts" "$DEBRIEF" "$@" >/dev/null 2>&1
	sed -n 's/^closed .* checked=\([a-z]*\)$/\1/p' "$WORK/counts" 2>/dev/null
}
cp "$DEBRIEF_DB" "$WORK/vouch.db"
[ "$(checked --db "$WORK/vouch.db" new "First on this copy")" = run ]; ok $? "a file not seen before is checked"
[ "$(checked --db "$WORK/vouch.db" new "Second")" = skipped ]; ok $? "as it was left, it is not checked again"
[ "$(checked --db "$WORK/vouch.db" list)" = none ]; ok $? "(reading checks nothing)"
sqlite3 "$WORK/vouch.db" "UPDATE retro SET title = title || ' (edited)' WHERE title = 'Second'"
[ "$(checked --db "$WORK/vouch.db" new "Third")" = run ]; ok $? "written by another program, it is checked"
[ "$(checked --db "$WORK/vouch.db" new "Fourth")" = skipped ]; ok $? "and then not again"
sqlite3 "$WORK/vouch.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp "$WORK/vouch.db" "$WORK/vouch-copy.db"
[ "$(checked --db "$WORK/vouch-copy.db" new "On the copy")" = run ]; ok $? "a copy of it is another file: checked"
dd if=/dev/zero of="$WORK/vouch.db" bs=1024 seek=16 count=2 conv=notrunc status=none
before=$(sum "$WORK/vouch.db")
run --db "$WORK/vouch.db" new "After damage"
expect_rc 1 "damaged in place after debrief left it, the file is checked and refused"
ok $([ "$(sum "$WORK/vouch.db")" = "$before" ]; echo $?) "and left as it was"

# Ids longer than a UUID, written by hand: cut to fit, two events became
# one id, and a note showed under both (an action item lost where it came
# from). Reading such a file is refused, naming debrief check.
cp "$DEBRIEF_DB" "$WORK/longids.db"
sqlite3 "$WORK/longids.db" "PRAGMA foreign_keys = OFF;
	CREATE TEMP TABLE pick AS SELECT
	 (SELECT event_id FROM note WHERE event_id IS NOT NULL ORDER BY rowid LIMIT 1) AS a,
	 (SELECT id FROM event WHERE id NOT IN (SELECT event_id FROM note WHERE event_id IS NOT NULL)
	  AND id NOT IN (SELECT origin_event FROM action WHERE origin_event IS NOT NULL) LIMIT 1) AS b;
	UPDATE note SET event_id = 'deadbeef-0000-4000-8000-000000000000-a' WHERE event_id = (SELECT a FROM pick);
	UPDATE action SET origin_event = 'deadbeef-0000-4000-8000-000000000000-a' WHERE origin_event = (SELECT a FROM pick);
	UPDATE event SET id = 'deadbeef-0000-4000-8000-000000000000-a' WHERE id = (SELECT a FROM pick);
	UPDATE event SET id = 'deadbeef-0000-4000-8000-000000000000-b' WHERE id = (SELECT b FROM pick);"
before=$(sum "$WORK/longids.db")
run --db "$WORK/longids.db" export "$id"
expect_rc 1 "a file with ids longer than 36 characters is refused, not read with two the same"
contains "$err" "debrief check" "naming debrief check"
lacks "$out" "Checkout" "and nothing of it is shown"
run --db "$WORK/longids.db" check
contains "$out" "ids longer than 36 characters: 2" "debrief check counts them"
ok $([ "$(sum "$WORK/longids.db")" = "$before" ]; echo $?) "and the file is as it was"
# The listings that print as they read print nothing of such a file either
# (they printed the rows read before the long id).
cp "$DEBRIEF_DB" "$WORK/longaction.db"
sqlite3 "$WORK/longaction.db" "PRAGMA foreign_keys = OFF; UPDATE action SET id = id || '-long'
	WHERE rowid = (SELECT rowid FROM action WHERE status = 'open' ORDER BY due IS NULL, due, priority,
	created_at, rowid LIMIT 1 OFFSET 2)"
run --db "$WORK/longaction.db" actions --open -f tsv
expect_rc 1 "actions -f tsv refuses a file with an action item's id over 36 characters"
ok $([ -z "$out" ]; echo $?) "printing none of its rows, not even those before it"
contains "$err" "debrief check" "naming debrief check"

# Random bytes and a truncated file.
head -c 10000 /dev/urandom > "$WORK/random.db"
before=$(sum "$WORK/random.db")
run --db "$WORK/random.db" list
expect_rc 1 "random bytes are refused"
ok $([ "$(sum "$WORK/random.db")" = "$before" ]; echo $?) "untouched"
head -c 3000 "$DEBRIEF_DB" > "$WORK/truncated.db"
before=$(sum "$WORK/truncated.db")
run --db "$WORK/truncated.db" export "$id"
expect_rc 1 "a truncated database is refused"
ok $([ "$(sum "$WORK/truncated.db")" = "$before" ]; echo $?) "untouched"

# Text written into the file by hand (anyone who can write a team's file
# can): escape sequences and bidi overrides in it are shown, never obeyed,
# by every command that prints it, as on screen.
cp "$DEBRIEF_DB" "$WORK/esc.db"
esc=$(printf '\033]2;pwned\007\033[31m')
rlo=$(printf '\342\200\256')
sqlite3 "$WORK/esc.db" "UPDATE retro SET title = 'Evil $esc title $rlo gnp.exe';
	UPDATE action SET owner = 'mallory$esc', title = 'Fix $rlo it' WHERE rowid = (SELECT min(rowid) FROM action);
	INSERT INTO retro(id, title, created_at, updated_at) VALUES('${id:0:2}ffffff-0000-4000-8000-000000000000', 'Twin $esc', 0, 0);"
raw() { printf '%s' "$1" | grep -c "$(printf '\033')\|$rlo"; }
run --db "$WORK/esc.db" list
ok $([ "$(raw "$out")" = 0 ]; echo $?) "list prints no raw escape or bidi override"
contains "$out" "Evil ␛]2;pwned" "but shows them"
run --db "$WORK/esc.db" actions
ok $([ "$(raw "$out")" = 0 ]; echo $?) "nor does actions"
contains "$out" "mallory␛" "which shows them too"
run --db "$WORK/esc.db" export "${id:0:2}"
ok $([ "$(raw "$err")" = 0 ]; echo $?) "nor the candidates of an ambiguous prefix"
contains "$err" "Twin ␛" "which are listed"
out=$(printf '09:00 something\n' | "$DEBRIEF" --db "$WORK/esc.db" import "$id" - 2>&1)
ok $([ "$(raw "$out")" = 0 ]; echo $?) "nor import's line"
run --db "$WORK/esc.db" export "$id" --format md
ok $([ "$(raw "$out")" = 0 ]; echo $?) "nor an export"

# Extreme values written by hand: times at the ends of 64 bits, offsets at
# the ends of 32 (signed overflow in the time formatter before, which UBSan
# reports): clamped where they are read, to years 1 and 9999.
cp "$DEBRIEF_DB" "$WORK/extreme.db"
sqlite3 "$WORK/extreme.db" "UPDATE event SET at = -9223372036854775808, offset_min = -2147483648
	WHERE rowid = (SELECT min(rowid) FROM event);
	UPDATE event SET at = 9223372036854775807, offset_min = 2147483647
	WHERE rowid = (SELECT max(rowid) FROM event);
	UPDATE note SET created_at = -9223372036854775808, offset_min = -2147483648;"
run --db "$WORK/extreme.db" export "$id" --format json
expect_rc 0 "a file with times at the ends of 64 bits exports"
contains "$out" '"0001-01-01T00:01:00-23:59"' "the earliest clamped to year 1"
contains "$out" '"9999-12-31T23:58:59+23:59"' "the latest to year 9999"
for f in md txt html; do
	run --db "$WORK/extreme.db" export "$id" --format $f
	expect_rc 0 "and as $f"
done

# Paths that are not regular files are refused at once: a FIFO used to hang
# the open forever, and /dev/null (as root) got a /dev/null-journal.
mkfifo "$WORK/fifo.db"
start=$(date +%s%N)
out=$(timeout 10 "$DEBRIEF" --db "$WORK/fifo.db" list 2>"$WORK/stderr"); rc=$?
err=$(cat "$WORK/stderr")
took=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc 1 "a FIFO as the database is refused"
contains "$err" "not a regular file" "saying why"
ok $([ "$took" -lt 5000 ]; echo $?) "at once (${took} ms)"
run --db /dev/null new "Into the void"
expect_rc 1 "/dev/null as the database is refused"
ok $([ ! -e /dev/null-journal ] && [ ! -e /dev/null-wal ]; echo $?) "and nothing is made beside it"

# Locked by another program for a while (a backup, a long import, the
# sqlite3 shell): a write waits, says so after a second or two, and goes in
# once the lock is released. It never fails for that (it used to give up
# after 3 s with "database is locked").
cp "$DEBRIEF_DB" "$WORK/locked.db"
mkfifo "$WORK/hold"
sqlite3 "$WORK/locked.db" < "$WORK/hold" > "$WORK/holder.out" 2>&1 &
holder=$!
exec 7> "$WORK/hold"
echo "BEGIN EXCLUSIVE; SELECT 'locked';" >&7
# Wait until the lock is really held (the holder says so), not for a time.
for _ in $(seq 1 500); do grep -q locked "$WORK/holder.out" 2>/dev/null && break; read -rt 0.01 <> <(:) || true; done
"$DEBRIEF" --db "$WORK/locked.db" new "While locked" >"$WORK/waiter.out" 2>"$WORK/waiter.err" &
waiter=$!
said=1
for _ in $(seq 1 1000); do
	grep -q "waiting for another program" "$WORK/waiter.err" 2>/dev/null && { said=0; break; }
	read -rt 0.01 <> <(:) || true
done
ok $said "a write to a locked database waits, and says so on stderr"
ok $(kill -0 "$waiter" 2>/dev/null; echo $?) "still waiting while the lock is held"
echo "ROLLBACK;" >&7
exec 7>&-
wait "$holder"
wait "$waiter"; rc=$?
out=$(cat "$WORK/waiter.out") err=$(cat "$WORK/waiter.err")
expect_rc 0 "and succeeds once it is released"
run --db "$WORK/locked.db" list
contains "$out" "While locked" "written whole"

# Modes, as an unprivileged user: root ignores them.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
	mkdir -m 0755 "$WORK/ro"
	cp "$DEBRIEF_DB" "$WORK/ro/file.db"
	chown nobody:nogroup "$WORK/ro/file.db"
	chmod 0400 "$WORK/ro/file.db"
	chmod 0755 "$WORK" "$WORK/ro"
	before=$(sum "$WORK/ro/file.db")
	out=$(as_nobody "$DEBRIEF" --db "$WORK/ro/file.db" new "Nope" 2>&1); rc=$?
	ok $([ "$rc" -eq 1 ]; echo $?) "a read-only file refuses a write (exit $rc)"
	contains "$out" "read-only" "saying it is read-only"
	out=$(as_nobody "$DEBRIEF" --db "$WORK/ro/file.db" list 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "it can still be read, though its folder is read-only too (exit $rc)"
	contains "$out" "Checkout failures" "and lists what is in it"
	out=$(as_nobody "$DEBRIEF" --db "$WORK/ro/file.db" export "$id" 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "and exports"
	ok $([ "$(sum "$WORK/ro/file.db")" = "$before" ]; echo $?) "the read-only file is untouched"

	mkdir -m 0755 "$WORK/rodir"
	cp "$DEBRIEF_DB" "$WORK/rodir/file.db"
	chown nobody:nogroup "$WORK/rodir/file.db"
	chmod 0600 "$WORK/rodir/file.db"
	before=$(sum "$WORK/rodir/file.db")
	out=$(as_nobody "$DEBRIEF" --db "$WORK/rodir/file.db" new "Nope" 2>&1); rc=$?
	ok $([ "$rc" -eq 1 ]; echo $?) "a read-only folder (no room for the WAL) fails (exit $rc)"
	contains "$out" "debrief: " "with a message: $out"
	ok $([ "$(sum "$WORK/rodir/file.db")" = "$before" ]; echo $?) "and the file is untouched"
	out=$(as_nobody "$DEBRIEF" --db "$WORK/rodir/new.db" new "Nope" 2>&1); rc=$?
	ok $([ "$rc" -eq 1 ] && [ ! -e "$WORK/rodir/new.db" ]; echo $?) "no new database in a read-only folder"

	# A read-only file in a folder its owner may write: reading it leaves
	# nothing beside it (a 0444 -shm made every later write fail once the
	# owner gave the file its write permission back).
	mkdir -m 0777 "$WORK/rwdir"
	cp "$DEBRIEF_DB" "$WORK/rwdir/file.db"
	chown nobody:nogroup "$WORK/rwdir/file.db"
	chmod 0444 "$WORK/rwdir/file.db"
	out=$(as_nobody "$DEBRIEF" --db "$WORK/rwdir/file.db" list 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "a read-only file in a writable folder is read (exit $rc)"
	ok $([ ! -e "$WORK/rwdir/file.db-shm" ] && [ ! -e "$WORK/rwdir/file.db-wal" ]; echo $?) \
		"and nothing is left beside it"
	chmod 0644 "$WORK/rwdir/file.db"
	out=$(as_nobody "$DEBRIEF" --db "$WORK/rwdir/file.db" new "Writable again" 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "once its owner makes it writable, it is written (exit $rc)"
else
	echo "# skipping the unprivileged checks (needs root and setpriv)"
fi

# A read-only mount (a bind mount of the team's folder with -o ro): it is
# read, as it stands ("unable to open database file" before), and refuses
# a write with a message. Needs root, in a mount namespace of its own.
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	mkdir -p "$WORK/rosrc" "$WORK/romnt"
	cp "$DEBRIEF_DB" "$WORK/rosrc/file.db"
	before=$(sum "$WORK/rosrc/file.db")
	on_ro_mount() {
		unshare -m sh -c 'mount --bind -o ro "$1" "$2" && shift 2 && exec "$@"' sh \
			"$WORK/rosrc" "$WORK/romnt" "$@"
	}
	out=$(on_ro_mount "$DEBRIEF" --db "$WORK/romnt/file.db" list 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "a file on a read-only mount is listed (exit $rc)"
	contains "$out" "Checkout failures" "with what is in it"
	out=$(on_ro_mount "$DEBRIEF" --db "$WORK/romnt/file.db" export "$id" 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "exported (exit $rc)"
	contains "$out" "Checkout failures" "whole"
	out=$(on_ro_mount "$DEBRIEF" --db "$WORK/romnt/file.db" check 2>&1); rc=$?
	ok $([ "$rc" -eq 0 ]; echo $?) "and checked (exit $rc)"
	out=$(on_ro_mount "$DEBRIEF" --db "$WORK/romnt/file.db" new "Nope" 2>&1); rc=$?
	ok $([ "$rc" -eq 1 ]; echo $?) "a write there is refused (exit $rc)"
	contains "$out" "read-only" "saying it is read-only"
	ok $([ "$(sum "$WORK/rosrc/file.db")" = "$before" ] && [ ! -e "$WORK/rosrc/file.db-shm" ]; echo $?) \
		"and the file is untouched"
else
	echo "# skipping the read-only mount (needs root and unshare -m)"
fi
finish
