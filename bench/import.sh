#!/usr/bin/env bash
# Benchmark (not a test): `debrief import` of a long timeline (a million
# text lines by default) beside the sqlite3 shell inserting the same rows
# into debrief's own tables (the same schema, indexes and triggers: a copy
# of an empty debrief file) in one transaction. Seconds, best of a few
# runs. Never fails on timing.
#
# usage: bench/import.sh path/to/debrief [lines] [runs]
set -euo pipefail

if [[ $# -lt 1 ]]; then
	echo "usage: $0 path/to/debrief [lines] [runs]" >&2
	exit 2
fi
bin=$(readlink -f "$1")
lines=${2:-1000000}
runs=${3:-3}
command -v sqlite3 >/dev/null || { echo "import.sh: needs the sqlite3 shell" >&2; exit 1; }

dir=$(mktemp -d /tmp/debrief-import.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# The timeline: a time, a text, a kind, one event a second.
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) printf "%02d:%02d:%02d event %d of the import, with words !other\n", int(i / 3600) % 24, int(i / 60) % 60, i % 60, i }' >"$dir/timeline.txt"
# The same rows for the shell: the ids, times and columns debrief would write.
awk -v n="$lines" 'BEGIN {
	print "BEGIN;"
	for (i = 0; i < n; i++)
		printf "INSERT INTO event(id, retro_id, at, offset_min, kind, mark, text, created_at) VALUES(lower(hex(randomblob(16))), (SELECT id FROM retro), %d, 60, %s, NULL, %s, 1795000000);\n", 1793862000 + i, "'\''other'\''", "'\''event " i " of the import, with words'\''"
	print "COMMIT;"
}' >"$dir/rows.sql"

DEBRIEF_DB=$dir/empty.db "$bin" new "Import benchmark" --date 2026-11-01 >/dev/null 2>&1
sqlite3 "$dir/empty.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

best() { sort -n | head -n 1; }
secs() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo "scale=3; ($t1 - $t0) / 1000000000" | bc; }
ours=() peer=()
for _ in $(seq 1 "$runs"); do
	cp "$dir/empty.db" "$dir/a.db"
	id=$(DEBRIEF_DB=$dir/a.db "$bin" list | awk 'NR == 2 { print $1 }')
	ours+=("$(secs env DEBRIEF_DB="$dir/a.db" "$bin" import "$id" "$dir/timeline.txt")")
	cp "$dir/empty.db" "$dir/b.db"
	peer+=("$(secs sqlite3 "$dir/b.db" ".read $dir/rows.sql")")
done
a=$(printf '%s\n' "${ours[@]}" | best)
b=$(printf '%s\n' "${peer[@]}" | best)
printf '%-44s %10s\n' "import of $lines lines (best of $runs)" "seconds"
printf '%-44s %10s\n' "debrief import (parse, check, one transaction)" "$a"
printf '%-44s %10s\n' "sqlite3 shell, the same rows, one transaction" "$b"
printf '%-44s %10s\n' "ratio" "$(echo "scale=2; $a / $b" | bc)"
