#!/bin/bash
# Files debrief refuses are left as they were found, byte for byte, with
# their write-ahead log or journal: nothing is checkpointed into them and no
# hot journal is rolled back.
. "$(dirname "$0")/lib.sh" "$@"

if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP needs the sqlite3 shell"
	exit 0
fi

# held NAME SQL...: runs SQL in a sqlite3 shell on $WORK/NAME.db that stays
# open, then copies the file and whatever is beside it (-wal, -journal) to
# $WORK/copy/NAME.db*, as they are while it is open, and closes it.
held() {
	local name=$1 db=$WORK/$1.db
	shift
	mkfifo "$WORK/$name.in"
	sqlite3 "$db" <"$WORK/$name.in" >"$WORK/$name.out" 2>&1 &
	local pid=$!
	exec 8>"$WORK/$name.in"
	printf '%s\n' "$@" "SELECT 'ready';" >&8
	for _ in $(seq 1 500); do grep -q ready "$WORK/$name.out" && break; read -rt 0.01 <> <(:) || true; done
	mkdir -p "$WORK/copy"
	for f in "$db" "$db-wal" "$db-journal"; do
		[ -e "$f" ] && cp "$f" "$WORK/copy/"
	done
	echo ".quit" >&8
	exec 8>&-
	wait "$pid"
}
sums() { (cd "$WORK/copy" && sha256sum "$1".db "$1".db-wal "$1".db-journal 2>/dev/null); }

# Another program's file in WAL mode, with a write still in its log.
held foreign "PRAGMA journal_mode=WAL;" "PRAGMA application_id=305419896;" \
	"CREATE TABLE t(x);" "INSERT INTO t VALUES(1);" "PRAGMA wal_checkpoint(TRUNCATE);" \
	"INSERT INTO t VALUES(2);"
ok $([ -s "$WORK/copy/foreign.db-wal" ]; echo $?) "a foreign file with a write in its log"
before=$(sums foreign)
run --db "$WORK/copy/foreign.db" list
expect_rc 1 "is refused"
contains "$err" "belongs to another program" "as another program's"
ok $([ "$(sums foreign)" = "$before" ]; echo $?) "and left as it was, its log included"

# The same with nothing checkpointed yet: only SQLite can tell whose it is.
held young "PRAGMA journal_mode=WAL;" "PRAGMA application_id=305419896;" \
	"CREATE TABLE t(x);" "INSERT INTO t VALUES(1);"
before=$(sums young)
run --db "$WORK/copy/young.db" list
expect_rc 1 "a foreign file whose every write is still in its log is refused"
ok $([ "$(sums young)" = "$before" ]; echo $?) "and nothing of the log goes into it"

# A newer debrief's file whose version is still in its log.
"$DEBRIEF" --db "$WORK/newer.db" new "From the future" >/dev/null 2>&1
held newer "PRAGMA wal_checkpoint(TRUNCATE);" "PRAGMA user_version=99;"
before=$(sums newer)
run --db "$WORK/copy/newer.db" list
expect_rc 1 "a newer debrief's file is refused"
contains "$err" "newer debrief" "saying so"
ok $([ "$(sums newer)" = "$before" ]; echo $?) "and left as it was, its log included"

# Another program's file with an unfinished write: a hot journal, which
# reading would roll back.
held hot "PRAGMA journal_mode=DELETE;" "PRAGMA cache_size=2;" "CREATE TABLE t(x);" \
	"INSERT INTO t SELECT randomblob(3000) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50) SELECT i FROM c);" \
	"BEGIN;" "UPDATE t SET x = randomblob(3000);"
ok $([ -s "$WORK/copy/hot.db-journal" ]; echo $?) "a foreign file with a hot journal"
before=$(sums hot)
run --db "$WORK/copy/hot.db" list
expect_rc 1 "is refused"
ok $([ "$(sums hot)" = "$before" ]; echo $?) "and neither rolled back nor otherwise touched"
finish
