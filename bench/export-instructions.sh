#!/usr/bin/env bash
# Benchmark (not a test): instructions (callgrind) that `debrief export`
# takes for a 10,000-event retrospective in each format, for one debrief or
# two side by side (an older build and this one), with the sqlite3 shell
# reading the same rows as JSON as the peer. Instruction counts do not
# depend on the machine's load, so two builds compare in one run.
#
# usage: bench/export-instructions.sh path/to/debrief [path/to/other-debrief] [events]
set -euo pipefail

bins=()
events=10000
for a in "$@"; do
	if [[ $a =~ ^[0-9]+$ ]]; then events=$a; else bins+=("$(readlink -f "$a")"); fi
done
if [[ ${#bins[@]} -lt 1 || ${#bins[@]} -gt 2 ]]; then
	echo "usage: $0 path/to/debrief [path/to/other-debrief] [events]" >&2
	exit 2
fi
for tool in valgrind sqlite3; do
	command -v $tool >/dev/null || { echo "export-instructions.sh: $tool is not installed" >&2; exit 1; }
done

dir=$(mktemp -d /tmp/debrief-export-ir.XXXXXX)
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/export-db.sh"

# instructions CMD...: the instructions callgrind counts for the command.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >"$dir/out" 2>/dev/null
	awk '/^summary:/ { print $2 }' "$dir/cg.out"
	rm -f "$dir/cg.out"
}
millions() { awk -v v="$1" 'BEGIN { printf "%.1f M", v / 1e6 }'; }

declare -A ir
formats=(txt md json html)
for b in "${!bins[@]}"; do
	db=$dir/export-$b.db
	id=$(make_export_db "${bins[$b]}" "$db" "$events")
	for f in "${formats[@]}"; do
		ir[$b,$f]=$(instructions "${bins[$b]}" --db "$db" export "$id" --format "$f")
	done
	peer_db=$db peer_id=$id
done
peer=$(instructions sqlite3 -json "$peer_db" \
	"SELECT id, at, offset_min, kind, mark, text FROM event WHERE retro_id='$peer_id' ORDER BY at;
	 SELECT id, stage, event_id, role, body, created_at FROM note WHERE retro_id='$peer_id' ORDER BY created_at;")

echo "debrief export, instructions (callgrind), one retrospective of $events events"
for b in "${!bins[@]}"; do echo "  debrief $((b + 1)): ${bins[$b]}"; done
printf '%-8s' "format"
for b in "${!bins[@]}"; do printf ' %12s' "debrief $((b + 1))"; done
printf ' %12s\n' "vs peer"
for f in "${formats[@]}"; do
	printf '%-8s' "$f"
	for b in "${!bins[@]}"; do printf ' %12s' "$(millions "${ir[$b,$f]}")"; done
	last=$(( ${#bins[@]} - 1 ))
	printf ' %12s\n' "$(awk -v a="${ir[$last,$f]}" -v b="$peer" 'BEGIN { printf "%.2fx", a / b }')"
done
echo "peer: the sqlite3 shell reading the events and notes as JSON: $(millions "$peer")"
echo "(the last debrief against the peer; outputs of the same build are deterministic)"
