# Shared helpers for the command-line tests: TAP output, a scratch folder,
# and running the real binary with a pinned environment.
# Usage in a test: . "$(dirname "$0")/lib.sh" "$@"
set -u
DEBRIEF=${1:?usage: test.sh path/to/debrief}
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$TESTS_DIR/data"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/debrief-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/xdg" TZ=${TZ:-Europe/Berlin} LC_ALL=C.UTF-8
export DEBRIEF_DB="$WORK/test.db" DEBRIEF_NOW=${DEBRIEF_NOW:-1795000000}
# No settings but the test's own: an empty settings folder, and not
# /etc/debrief's (debrief-config(5)).
export XDG_CONFIG_HOME="$WORK/config" DEBRIEF_SYSCONFDIR="$WORK/etc"
mkdir -p "$HOME"

# DEBRIEF_VALGRIND=1: every run of the binary goes through valgrind's
# memcheck; an error or a definite leak makes it exit 97, which fails the
# test that ran it.
if [ -n "${DEBRIEF_VALGRIND:-}" ]; then
	real=$DEBRIEF
	DEBRIEF="$WORK/debrief-under-valgrind"
	cat > "$DEBRIEF" <<WRAP
#!/bin/sh
exec valgrind --quiet --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite --track-origins=yes "$real" "\$@"
WRAP
	chmod +x "$DEBRIEF"
fi
_n=0 _failed=0

ok() { # ok CONDITION-STATUS DESCRIPTION
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; _failed=$((_failed + 1)); fi
}

# run CMD...: runs debrief, capturing $out, $err and $rc.
run() {
	out=$("$DEBRIEF" "$@" 2>"$WORK/stderr"); rc=$?
	err=$(cat "$WORK/stderr")
}

# expect_rc N DESCRIPTION
expect_rc() {
	[ "$rc" -eq "$1" ]; ok $? "$2 (exit $rc, want $1)"
	[ "$rc" -eq "$1" ] || { echo "#   stdout: $out" | head -20; echo "#   stderr: $err" | head -20; }
}

# contains HAYSTACK NEEDLE DESCRIPTION
contains() {
	case "$1" in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; echo "#   wanted: $2"; echo "$1" | head -20 | sed 's/^/#   got: /' ;; esac
}
lacks() {
	case "$1" in *"$2"*) ok 1 "$3"; echo "#   unwanted: $2" ;; *) ok 0 "$3" ;; esac
}

# same_file GOT WANT DESCRIPTION: byte-for-byte, with a diff on failure.
same_file() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; diff -u "$2" "$1" | head -40 | sed 's/^/#   /'; fi
}

# new_retro TITLE [options]: creates one and sets $id.
new_retro() {
	run new "$@"
	id=$(printf '%s\n' "$out" | tail -n 1)
}

finish() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
