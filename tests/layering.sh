#!/bin/bash
# The layers look down only, checked in the source: the views name no
# storage function (every change goes through the model), the screen and
# the command line call none (they use the model and the session), only storage
# includes sqlite3.h, and only the screen layer includes curses.
# Usage: layering.sh [SOURCE_DIR]  (default: $SOURCE_DIR, else the tree
# this script is in). TAP output.
set -u
SRC=${1:-${SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}}
cd "$SRC" || exit 1
n=0 failed=0
ok() { # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
say() { sed 's/^/# /'; }

hits=$(grep -noE '\bstore_[a-z_]+' src/view_*.c | sed 's|^src/||')
ok "$([ -z "$hits" ]; echo $?)" "the views name no store_ function"
[ -n "$hits" ] && printf '%s\n' $hits | say

# The faces (the screen and the command line) reach the database only
# through the model and the session (debrief/session.h): no storage call,
# and no storage header of their own.
faces=$(ls src/ui*.c src/ui*.h src/view_*.c src/term.c src/keymap.c src/watch.c src/cli*.c src/main.c 2>/dev/null)
hits=$(grep -noE '\bstore_[a-z_]+[[:space:]]*\(' $faces | sed 's|^src/||')
ok "$([ -z "$hits" ]; echo $?)" "the screen and the command line call no store_ function"
[ -n "$hits" ] && printf '%s\n' $hits | say
hits=$(grep -noE '\bdrafts_[a-z_]+[[:space:]]*\(' $faces | sed 's|^src/||')
ok "$([ -z "$hits" ]; echo $?)" "nor any drafts_ function (the drafts file is storage too)"
[ -n "$hits" ] && printf '%s\n' $hits | say
hits=$(grep -lE '#include[[:space:]]*"debrief/store\.h"' $faces)
ok "$([ -z "$hits" ]; echo $?)" "nor include debrief/store.h (the model's and the session's headers give its types)"
[ -n "$hits" ] && echo "$hits" | say

bad=$(grep -lE '#include[[:space:]]*[<"]sqlite3\.h[>"]' src/* include/debrief/* | grep -vE '^src/store[a-z_]*\.[ch]$')
ok "$([ -z "$bad" ]; echo $?)" "only storage (src/store*) includes sqlite3.h"
[ -n "$bad" ] && echo "$bad" | say

bad=$(grep -lE '#include[[:space:]]*[<"](n?curses|ncursesw/curses)\.h[>"]' src/* include/debrief/* |
	grep -vE '^src/(term|keymap|ui[a-z_]*|view_[a-z_]+)\.c$')
ok "$([ -z "$bad" ]; echo $?)" "only the screen layer (term.c, keymap.c, ui*.c, view_*.c) includes curses"
[ -n "$bad" ] && echo "$bad" | say

bad=$(grep -lE '#include[[:space:]]*[<"](n?curses|ncursesw/curses)\.h[>"]' src/view_*.c)
ok "$([ -z "$bad" ]; echo $?)" "no view includes curses: they draw through ui_draw.c and ui_paint.c"
[ -n "$bad" ] && echo "$bad" | say

echo "1..$n"
[ "$failed" -eq 0 ]
