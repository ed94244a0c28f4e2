#!/usr/bin/env bash
# Benchmark (not a test): `debrief export` of a 10,000-event retrospective to
# JSON and to Markdown, side by side with the sqlite3 shell reading the same
# rows as JSON. Timed with hyperfine when installed, else with a loop of
# `date +%s%N`. Never fails on timing.
#
# usage: bench/export.sh path/to/debrief [events]
set -euo pipefail

if [[ $# -lt 1 ]]; then
	echo "usage: $0 path/to/debrief [events]" >&2
	exit 2
fi
bin=$(readlink -f "$1")
events=${2:-10000}
warmup=2
runs=10
if [[ ! -x $bin ]]; then
	echo "export.sh: $1 is not an executable" >&2
	exit 1
fi
if ! command -v sqlite3 >/dev/null; then
	echo "export.sh: the sqlite3 shell is not installed (apt-get install sqlite3)" >&2
	exit 1
fi

dir=$(mktemp -d /tmp/debrief-export.XXXXXX)
trap 'rm -rf "$dir"' EXIT
db=$dir/export.db

# The retrospective to export, written by this debrief (bench/export-db.sh).
. "$(dirname "$0")/export-db.sh"
id=$(make_export_db "$bin" "$db" "$events")

count() { sqlite3 "$db" "SELECT count(*) FROM $1 WHERE retro_id='$id'"; }
n_events=$(count event)
n_notes=$(count note)
n_actions=$(count action)

peer_sql="SELECT id, at, offset_min, kind, mark, text FROM event WHERE retro_id='$id' ORDER BY at;"
peer_sql+=" SELECT id, stage, event_id, role, body, created_at FROM note WHERE retro_id='$id' ORDER BY created_at;"
cmd_json="'$bin' --db '$db' export $id --format json"
cmd_md="'$bin' --db '$db' export $id --format md"
cmd_peer="sqlite3 -json '$db' \"$peer_sql\""

# Every command must work before it is timed.
for c in "$cmd_json" "$cmd_md" "$cmd_peer"; do
	if ! bash -c "$c" >"$dir/out"; then
		echo "export.sh: failed: $c" >&2
		exit 1
	fi
	sizes+=("$(stat -c %s "$dir/out")")
done

# Median wall time in ms of each command, one per line, in order.
if command -v hyperfine >/dev/null; then
	how="hyperfine --warmup $warmup --runs $runs"
	hyperfine --warmup "$warmup" --runs "$runs" --style none \
		--export-json "$dir/hyperfine.json" "$cmd_json" "$cmd_md" "$cmd_peer" \
		>/dev/null 2>"$dir/hyperfine.err" || { cat "$dir/hyperfine.err" >&2; exit 1; }
	mapfile -t medians < <(sqlite3 :memory: \
		"SELECT printf('%.2f', json_extract(value, '\$.median') * 1000)
		 FROM json_each(readfile('$dir/hyperfine.json'), '\$.results') ORDER BY key")
else
	how="a loop of date +%s%N, $warmup warm-up and $runs runs (hyperfine not installed)"
	medians=()
	for c in "$cmd_json" "$cmd_md" "$cmd_peer"; do
		for ((i = 0; i < warmup; i++)); do bash -c "$c" >/dev/null; done
		: >"$dir/times"
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s%N)
			bash -c "$c" >/dev/null
			t1=$(date +%s%N)
			echo $((t1 - t0)) >>"$dir/times"
		done
		medians+=("$(sort -n "$dir/times" | awk '{ v[NR] = $1 }
			END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			      printf "%.2f", m / 1e6 }')")
	done
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

echo "debrief export benchmark: one retrospective of $n_events events, $n_notes notes, $n_actions action items"
echo "  timed with $how; median wall time"
echo
printf '%-40s %10s %12s %10s\n' "" "ms" "bytes out" "vs peer"
printf '%-40s %10s %12s %10s\n' "debrief export --format json" "${medians[0]}" "${sizes[0]}" \
	"$(ratio "${medians[0]}" "${medians[2]}")"
printf '%-40s %10s %12s %10s\n' "debrief export --format md" "${medians[1]}" "${sizes[1]}" \
	"$(ratio "${medians[1]}" "${medians[2]}")"
printf '%-40s %10s %12s %10s\n' "peer: sqlite3 -json (events, notes)" "${medians[2]}" "${sizes[2]}" "1.00x"
echo
echo "(target: each export within 1.5x of the peer reading the same rows)"
