#!/bin/bash
# The HTML export in a real browser (issue 14): Debian's headless Chromium
# opens it, takes a screenshot 1200 px wide, and the page logs nothing to
# its console (a Content-Security-Policy violation, say, from markup that
# got through, would be logged). A page that breaks its CSP on purpose
# shows the check can fail. Without chromium (the bare root, a machine
# without it) the test is skipped; CI installs it.
if ! command -v chromium >/dev/null; then
	echo "1..0 # SKIP chromium is not installed"
	exit 0
fi
. "$(dirname "$0")/lib.sh" "$@"
export DEBRIEF_NOW=1795604800

# shot HTML PNG: the page in Chromium, its log in $WORK/chromium.log.
shot() {
	timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$WORK/chromium-profile" --enable-logging=stderr --v=0 \
		--window-size=1200,1600 --screenshot="$2" "file://$1" >"$WORK/chromium.log" 2>&1
}
# png_width FILE: the width its header says.
png_width() {
	od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}

run demo
demo=$(printf '%s\n' "$out" | tail -n 1)
"$DEBRIEF" export "$demo" -f html -o "$WORK/demo.html"
shot "$WORK/demo.html" "$WORK/demo.png"
ok $? "Chromium opens the demo's HTML and takes a screenshot"
[ "$(head -c 8 "$WORK/demo.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; ok $? "a PNG"
w=$(png_width "$WORK/demo.png")
ok $([ "$w" = 1200 ]; echo $?) "1200 px wide ($w)"
grep -q ':CONSOLE' "$WORK/chromium.log"; ok $((! $?)) "and the page logs nothing to its console"
grep ':CONSOLE' "$WORK/chromium.log" | head -3 | sed 's/^/#   /'

# Text that looks like markup, a script, an image and control characters.
run new $'<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3)) \e[31m' \
	--trigger '<iframe src="https://example.com"></iframe> & <style>body{display:none}</style>'
evil=$(printf '%s\n' "$out" | tail -n 1)
"$DEBRIEF" export "$evil" -f html -o "$WORK/evil.html"
shot "$WORK/evil.html" "$WORK/evil.png"
ok $? "a retrospective of hostile text opens too"
grep -q ':CONSOLE' "$WORK/chromium.log"; ok $((! $?)) "nothing in it tried to load or run (no CSP report)"

# The postmortem document with every field, both profiles (cli/document's
# golden files): links out of the page are never loaded, only followed.
for p in internal external; do
	shot "$DATA/export/full-$p.html" "$WORK/full-$p.png"
	ok $? "the $p document with every field opens"
	grep -q ':CONSOLE' "$WORK/chromium.log"; ok $((! $?)) "and logs nothing to its console"
done

# The check itself: a page that breaks its CSP is reported.
printf '%s\n' "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>" \
	'<body><img src="https://example.com/x.png"></body></html>' >"$WORK/bad.html"
shot "$WORK/bad.html" "$WORK/bad.png"
grep -q ':CONSOLE' "$WORK/chromium.log"; ok $? "(a page that breaks its CSP is reported: the check can fail)"

finish
