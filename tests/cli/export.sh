#!/bin/bash
# Export: every format against the expected summary of the demo, byte for
# byte; determinism; files written owner-only and atomically.
# Now is after the incidents summarised here (2026-11-24, the demo's too),
# which the timeline's check would otherwise find in the future, and before
# the demo's meeting (2026-11-26) as the default was.
export DEBRIEF_NOW=1795604800
. "$(dirname "$0")/lib.sh" "$@"

run demo
id=$(printf '%s\n' "$out" | tail -n 1)
uuids='s/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g'

for f in md txt html json; do
	"$DEBRIEF" export "$id" --format "$f" > "$WORK/a.$f"; rc=$?
	ok $rc "export --format $f succeeds"
	sed -E "$uuids" "$WORK/a.$f" > "$WORK/norm.$f"
	same_file "$WORK/norm.$f" "$DATA/export/demo.$f" "the $f summary is as expected (ids aside)"
	"$DEBRIEF" export "$id" --format "$f" > "$WORK/b.$f"
	same_file "$WORK/b.$f" "$WORK/a.$f" "the $f export is deterministic"
done

run export "$id"
ok $([ "$out" = "$(cat "$WORK/a.md")" ]; echo $?) "Markdown is the default"

# Wide text: a CJK title, event, owner and action, combining marks and an
# emoji. The plain text keeps to 76 display columns and matches its golden.
if command -v sqlite3 >/dev/null; then
	run new "決済障害の振り返り" --date 2026-11-24 --facilitator "山田太郎" --scribe "$(printf 'Zoe\xcc\x88')"
	wide=$(printf '%s\n' "$out" | tail -n 1)
	sqlite3 "$DEBRIEF_DB" "INSERT INTO event(id,retro_id,at,offset_min,kind,text,created_at,rev)
		VALUES('00000000-0000-4000-8000-0000000e0001','$wide',1795507200,60,'trigger',
		'支払いサービスの接続プールが枯渇し、注文の処理が止まりました。再起動までの間、すべての決済要求がタイムアウトしました 😀',1795600000,1);
		INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,created_at,rev)
		VALUES('00000000-0000-4000-8000-0000000a0001','$wide','接続プールの上限を監視する','山田太郎',
		'2026-12-24','detect',2,'open',1795600000,1),
		('00000000-0000-4000-8000-0000000a0002','$wide','Revie'||char(769)||'w the cafe'||char(769)||' alerts','Zoe'||char(776),
		'2026-12-25','process',3,'open',1795600001,1)"
	LC_ALL=C.UTF-8 "$DEBRIEF" export "$wide" --format txt > "$WORK/wide.txt"
	sed -E "$uuids" "$WORK/wide.txt" > "$WORK/wide.norm.txt"
	same_file "$WORK/wide.norm.txt" "$DATA/export/wide.txt" "a wide-text plain export is as expected"
	widest=$(LC_ALL=C.UTF-8 wc -L < "$WORK/wide.txt")
	ok $([ "$widest" -le 76 ]; echo $?) "every line fits 76 display columns (widest $widest)"
	LC_ALL=C "$DEBRIEF" export "$wide" --format txt > "$WORK/wide.c.txt"
	same_file "$WORK/wide.c.txt" "$WORK/wide.txt" "the same bytes under another locale"
fi

# Notes are signed as on the screen: the first name the retrospective
# gives the facilitator or the scribe (the whole names where the two share
# one), else the role. JSON keeps the role and says who in "by".
if command -v sqlite3 >/dev/null; then
	signed_notes() { # signed_notes ID-DIGITS RETRO: a note in each role
		sqlite3 "$DEBRIEF_DB" "INSERT INTO note(id,retro_id,stage,role,body,created_at,offset_min)
			VALUES('00000000-0000-4000-8000-$1','$2',1,'scribe','Search timed out for everyone.',1795600020,60),
			('00000000-0000-4000-8000-$1'||'1','$2',1,'facilitator','Thanks for coming.',1795600080,60),
			('00000000-0000-4000-8000-$1'||'2','$2',1,'participant','I was on call.',1795600140,60)"
	}
	run new "Search outage" --date 2026-11-24 --facilitator "Mei Lin" --scribe "Ravi Patel"
	named=$(printf '%s\n' "$out" | tail -n 1)
	signed_notes 00000000001 "$named"
	for f in md txt html; do
		"$DEBRIEF" export "$named" --format "$f" > "$WORK/named.$f"
		grep -q '— Ravi, 10:47' "$WORK/named.$f"; ok $? "$f: the scribe Ravi Patel's note is signed Ravi"
		grep -q '— Mei, 10:48' "$WORK/named.$f"; ok $? "$f: the facilitator's Mei"
		grep -q '— participant, 10:49' "$WORK/named.$f"; ok $? "$f: a participant's by the role"
		grep -q '— scribe,\|— facilitator,' "$WORK/named.$f"; ok $((! $?)) "$f: no named role signs by the role"
	done
	"$DEBRIEF" export "$named" --format json > "$WORK/named.json"
	tr -d '\n ' < "$WORK/named.json" | grep -q '"role":"scribe","by":"Ravi"'
	ok $? "json: the scribe's note keeps its role and says by Ravi"
	tr -d '\n ' < "$WORK/named.json" | grep -q '"role":"participant","by":"participant"'
	ok $? "json: a participant's by the role"
	run new "Shared names" --date 2026-11-24 --facilitator "Sam Lee" --scribe "Sam Okafor"
	shared=$(printf '%s\n' "$out" | tail -n 1)
	signed_notes 00000000002 "$shared"
	"$DEBRIEF" export "$shared" --format md > "$WORK/shared.md"
	grep -q '— Sam Okafor, 10:47' "$WORK/shared.md" && grep -q '— Sam Lee, 10:48' "$WORK/shared.md"
	ok $? "a first name the two share: the whole names"
	run new "Nobody named" --date 2026-11-24
	nameless=$(printf '%s\n' "$out" | tail -n 1)
	signed_notes 00000000003 "$nameless"
	"$DEBRIEF" export "$nameless" --format txt > "$WORK/nameless.txt"
	grep -q '— scribe, 10:47' "$WORK/nameless.txt" && grep -q '— facilitator, 10:48' "$WORK/nameless.txt"
	ok $? "no names: the roles sign"
	run new "Marked-up names" --date 2026-11-24 --scribe "<b>Eve</b>*x* Doe"
	marked=$(printf '%s\n' "$out" | tail -n 1)
	signed_notes 00000000004 "$marked"
	"$DEBRIEF" export "$marked" --format html > "$WORK/marked.html"
	grep -qF '— &lt;b&gt;Eve&lt;/b&gt;*x*, 10:47' "$WORK/marked.html"
	ok $? "a signature is text: its markup is escaped"
fi

umask 022
run export "$id" -o "$WORK/out.html"
expect_rc 0 "export -o writes a file"
ok $([ "$(stat -c %a "$WORK/out.html")" = 600 ]; echo $?) "owner-only even with umask 022"
head -c 15 "$WORK/out.html" | grep -q '<!DOCTYPE html>'; ok $? "the extension picks the format (html)"
run export "$id" --format txt -o "$WORK/out.html"
grep -q '<!DOCTYPE' "$WORK/out.html"; ok $((! $?)) "--format wins over the extension"
run export "$id" -o "$WORK/out.json"
grep -q '"debrief_format": 3' "$WORK/out.json"; ok $? ".json gives JSON"
people=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("|".join(d["participants"]) if isinstance(d["participants"], list) else "a string")' "$WORK/out.json" 2>&1)
ok $([ "$people" = "Priya Nair|Marco Rossi|Dana Levi|Sam Okafor|Lea Wagner" ]; echo $?) \
	"JSON's participants are an array of names, as its services and tags are ($people)"
ls "$WORK" | grep -q '\.XXXXXX\|out\.html\.' ; ok $((! $?)) "no temporary files are left behind"

run export "$id" -o "$WORK/no/such/dir/out.md"
expect_rc 1 "a folder that does not exist fails"
contains "$err" "cannot write" "with a message"

grep -qi '<script' "$WORK/a.html"; ok $((! $?)) "the HTML has no script"
grep -Eqi 'src=|<link|@import|url\([^#]' "$WORK/a.html"; ok $((! $?)) "and loads nothing from outside (its one url() is its own pattern)"
grep -Eo 'href="[^"]*"' "$WORK/a.html" | grep -Evq '^href="(#|https://|mailto:)'
ok $((! $?)) "its links are to its own sections or lead out to https and mailto addresses"

# Dates and other short hyphenated words never wrap in the HTML ("2026-" /
# "12-01" in the action items' Due column, issue 14).
grep -qF '<td><span class="nw">2026-12-01</span></td>' "$WORK/a.html"; ok $? "a due date is kept on one line"
grep -qF '<td><span class="nw">PAY-812</span></td>' "$WORK/a.html"; ok $? "and so is a tracker's key"
grep -qF '.nw{white-space:nowrap}' "$WORK/a.html"; ok $? "by the page's own style"

# The HTML draws the incident on a time axis (issue 14): inline SVG that
# parses as XML, a marker for each milestone at the x its time gives on the
# axis (the demo's events run from 09:42 to 11:05), the impact window from
# 09:47 to 10:41, a shape for each marked event, time to detect, mitigate
# and resolve as spans. No timeline, no picture.
svg_check=$(python3 - "$WORK/a.html" "$WORK/a.json" <<'PY' 2>&1
import json, re, sys
import xml.etree.ElementTree as ET
html = open(sys.argv[1], encoding="utf-8").read()
svgs = re.findall(r"<svg .*?</svg>", html, re.S)
if len(svgs) != 1:
    sys.exit("want one svg, found %d" % len(svgs))
ns = {"s": "http://www.w3.org/2000/svg"}
svg = ET.fromstring(svgs[0])
axis = svg.find("s:line[@class='axis']", ns)
x0, x1 = float(axis.get("x1")), float(axis.get("x2"))
def x_at(hhmm):
    h, m = map(int, hhmm.split(":"))
    return x0 + (h * 60 + m - (9 * 60 + 42)) / 83.0 * (x1 - x0)
want = {"trigger": "09:42", "impact-start": "09:47", "detection": "10:09", "page": "10:14",
        "mitigation": "10:31", "impact-end": "10:41", "resolution": "11:05"}
got = {}
for g in svg.findall("s:g[@class='milestone']", ns):
    got[g.get("data-kind")] = float(g.find("s:line", ns).get("x1"))
if set(got) != set(want):
    sys.exit("milestones %s, want %s" % (sorted(got), sorted(want)))
for k, t in want.items():
    if abs(got[k] - x_at(t)) > 0.2:
        sys.exit("%s at x=%.1f, want %.1f" % (k, got[k], x_at(t)))
labels = [t.text for t in svg.findall("s:text[@class='label']", ns)]
if "Detection 10:09" not in labels or "Resolution 11:05" not in labels:
    sys.exit("labels %s" % labels)
imp = svg.find("s:rect[@class='impact']", ns)
l, w = float(imp.get("x")), float(imp.get("width"))
if abs(l - x_at("09:47")) > 0.2 or abs(l + w - x_at("10:41")) > 0.2:
    sys.exit("impact window %.1f..%.1f" % (l, l + w))
marked = sum(1 for e in json.load(open(sys.argv[2], encoding="utf-8"))["events"] if e.get("mark"))
marks = svg.findall("s:g[@class='mark']", ns)
if len(marks) != marked or marked == 0:
    sys.exit("%d mark shapes for %d marked events" % (len(marks), marked))
spans = sorted(g.get("data-what") for g in svg.findall("s:g[@class='span']", ns))
if spans != ["detect", "mitigate", "resolve"]:
    sys.exit("spans %s" % spans)
print("ok")
PY
)
ok $([ "$svg_check" = ok ]; echo $?) "the HTML's timeline picture: markers where their times put them ($svg_check)"
empty=$("$DEBRIEF" new "No timeline yet" --date 2026-11-24 2>/dev/null)
"$DEBRIEF" export "$empty" -f html > "$WORK/empty.html"
ok $? "a retrospective without events exports to HTML"
grep -q '<svg' "$WORK/empty.html"; ok $((! $?)) "without a picture"

# No PDF of its own: the HTML is made to print, and the refusal says so.
run export "$id" --format pdf -o "$WORK/inc.pdf"
expect_rc 2 "--format pdf is refused"
contains "$err" "export HTML (-f html) and print that to PDF" "pointing at the HTML"
run export "$id" -o "$WORK/inc.pdf"
expect_rc 2 "and so is an .pdf file"
[ ! -e "$WORK/inc.pdf" ]; ok $? "nothing is written"

# Headings have anchors, and the sections a short table of contents
# (issue 14): every link in it leads to a heading, every section is in it,
# and no two anchors are the same.
toc_check=$(python3 - "$WORK/a.html" <<'PY' 2>&1
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
ids = re.findall(r'<h[23] id="([^"]+)">', html)
nav = re.search(r'<nav class="toc".*?</nav>', html, re.S)
links = re.findall(r'href="#([^"]+)"', nav.group(0)) if nav else []
h2 = re.findall(r'<h2 id="([^"]+)">', html)
if not nav or html.index("<nav") > html.index("<h2"):
    sys.exit("no contents before the first section")
if len(ids) != len(set(ids)) or len(ids) < 15:
    sys.exit("anchors: %d, %d distinct" % (len(ids), len(set(ids))))
if links != h2:
    sys.exit("contents %s, sections %s" % (links, h2))
if "timeline" not in h2 or "action-items" not in h2:
    sys.exit("sections %s" % h2)
print("ok")
PY
)
ok $([ "$toc_check" = ok ]; echo $?) "the HTML's headings have anchors and a table of contents ($toc_check)"

# Hostile text is escaped in every format.
new_retro $'<script>alert(1)</script> | *bold* \e]0;pwned\a'
evil=$id
"$DEBRIEF" export "$evil" --format html > "$WORK/evil.html"
grep -q '<script>alert' "$WORK/evil.html"; ok $((! $?)) "HTML escapes markup in user text"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$WORK/evil.html"; ok $? "and shows it as text"
# (A control character is named in a small frame: few fonts have the
# "Control Pictures" a box would stand for, issue 14.)
grep -qF '<span class="ctl" title="a control character">ESC</span>]0;pwned<span class="ctl" title="a control character">BEL</span>' \
	"$WORK/evil.html"; ok $? "and names the control characters in it"
sed -n '/<body>/,$p' "$WORK/evil.html" | grep -q $'\xe2\x90\x9b'; ok $((! $?)) "with no picture of one left for a box"
"$DEBRIEF" export "$evil" --format txt > "$WORK/evil.txt"
LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$WORK/evil.txt"; ok $((! $?)) "plain text has no control characters"
"$DEBRIEF" export "$evil" --format md > "$WORK/evil.md"
grep -q '\\<script>' "$WORK/evil.md"; ok $? "Markdown escapes the markup"

# Text comes out as written: a backslash only where a character could start
# markup there (issue 14), and user text still makes no markup.
new_retro "Latency >20% for AT&T users" --trigger 'snake_case_rate went to 3 < 4 -> 5 & C:\temp # not a heading --- > not a quote 1. not a list <img src=x onerror=alert(1)> [x](javascript:alert(1)) &amp; *a* _b_ ~c~'
plain=$id
"$DEBRIEF" export "$plain" --format md > "$WORK/plain.md"
grep -qF '# Latency >20% for AT&T users' "$WORK/plain.md"; ok $? "'>' and '&' in the middle of a line are not escaped"
grep -qF 'snake_case_rate went to 3 < 4 -> 5 & C:\temp # not a heading --- > not a quote 1. not a list' "$WORK/plain.md"
ok $? "nor '_' in a word, '<' before a space, a lone '&', '\\' before a letter, block markup mid-line"
grep -qF '\<img src=x onerror=alert(1)> \[x\](javascript:alert(1)) \&amp; \*a\* \_b\_ \~c\~' "$WORK/plain.md"
ok $? "a tag, a link, an entity and emphasis are escaped"
"$DEBRIEF" export "$plain" --format html > "$WORK/plain.html"
grep -qF 'Latency &gt;20% for AT&amp;T users' "$WORK/plain.html"; ok $? "the HTML shows the text as written"
grep -qF 'C:\temp # not a heading --- &gt; not a quote 1. not a list &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) &amp;amp; *a* _b_ ~c~' "$WORK/plain.html"
ok $? "and makes no markup of it: no tag, link, entity, emphasis"

# -o writes where it is told, as a shell's > would: into a device or a FIFO,
# through a symbolic link; an extension that is no format is refused; "~" is
# home; a temporary file left by a killed export goes with the next one.
# (A private device node, as root: a broken export must not hurt /dev/null.)
if [ "$(id -u)" -eq 0 ] && mknod -m 666 "$WORK/null" c 1 3 2>/dev/null; then
	run export "$id" -o "$WORK/null"
	expect_rc 0 "-o a device (a null device) writes into it"
	ok $([ -c "$WORK/null" ]; echo $?) "and it stays a device"
fi
mkfifo "$WORK/pipe.md"
cat "$WORK/pipe.md" > "$WORK/from-pipe.md" &
reader=$!
run export "$id" -o "$WORK/pipe.md"
wait "$reader"
expect_rc 0 "-o a FIFO writes into it"
ok $([ -p "$WORK/pipe.md" ] && grep -q '^# ' "$WORK/from-pipe.md"; echo $?) "which stays a FIFO, and its reader gets the summary"
echo old > "$WORK/real.md"
ln -s real.md "$WORK/link.md"
run export "$id" -o "$WORK/link.md"
ok $([ -L "$WORK/link.md" ] && grep -q '^# ' "$WORK/real.md"; echo $?) "-o a symbolic link writes its target; the link stays"
ln -s "$WORK/not-yet.md" "$WORK/dangling.md"
run export "$id" -o "$WORK/dangling.md"
ok $([ -L "$WORK/dangling.md" ] && [ -f "$WORK/not-yet.md" ]; echo $?) "a link to nothing yet: its target is made"
run export "$id" -o "$WORK/out.pdf"
expect_rc 2 "an extension that is no format is refused"
ok $([ ! -e "$WORK/out.pdf" ]; echo $?) "and nothing is written"
mkdir -p "$WORK/home"
HOME="$WORK/home" "$DEBRIEF" export "$id" -o '~/tilde.md' 2>/dev/null
ok $([ -f "$WORK/home/tilde.md" ]; echo $?) "~ is home"
echo "half" > "$WORK/again.md.debrief-Ab12Cd"
run export "$id" -o "$WORK/again.md"
ok $([ ! -e "$WORK/again.md.debrief-Ab12Cd" ] && [ -z "$(ls "$WORK" | grep -F '.debrief-')" ]; echo $?) \
	"a temporary file a killed export left is removed, and none is left"

# A file written by something else may hold a NUL inside a text: the JSON
# export used to split prompts in SQL and never ended on one.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$DEBRIEF_DB" "UPDATE question SET prompts = CAST(X'6F6E65006F6E650A2020200A74776F' AS TEXT)
		WHERE retro_id = '$evil' AND position = 1"
	timeout 20 "$DEBRIEF" export "$evil" --format json > "$WORK/nul.json"
	ok $? "a NUL in a prompt: the JSON export ends"
	grep -q '"one\\u0000one",' "$WORK/nul.json" && grep -q '^ *"two"$' "$WORK/nul.json"
	ok $? "with the NUL escaped and the blank line left out"
fi

finish
