#!/bin/bash
# The postmortem document: a retrospective with every field (what was
# learned, where events were seen, what was not known at the time), notes
# of several paragraphs and lists, CJK and markup-like text, exported in
# every format and both profiles against golden files; laid out in the
# order readers look for things, safe whatever the room typed, and the
# external profile without notes or names.
# DEBRIEF_REGEN_GOLDEN=1 writes the golden files instead of comparing.
export DEBRIEF_NOW=1795604800
. "$(dirname "$0")/lib.sh" "$@"

if ! command -v sqlite3 >/dev/null || ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP needs sqlite3 and python3"
	exit 0
fi

run new "Login outage # | <img src=x onerror=alert(1)>" --incident INC-77 --severity SEV1 \
	--date 2026-11-24 --facilitator "Mei Lin" --scribe "山田太郎" \
	--participants "Ravi Patel, Zoe Quinn, 佐藤花子" --service auth-api --tag dns \
	--impact "Logins failed for 40% of users.
They retried; most got in after 14:50." \
	--trigger "A resolver config push & a typo"
expect_rc 0 "a retrospective with every field is made"
id=$(printf '%s\n' "$out" | tail -n 1)
e() { printf '00000000-0000-4000-8000-0000000e%04d' "$1"; }
sqlite3 "$DEBRIEF_DB" "
INSERT INTO event(id,retro_id,at,offset_min,kind,mark,text,source,unknown_then,created_at,rev) VALUES
('$(e 1)','$id',1795525200,60,'trigger','could-be-better','Config push # | <img src=x onerror=alert(1)>',
 'https://deploy.example.com/r/(41)?a=1&b=2',1,1795600000,1),
('$(e 2)','$id',1795525500,60,'impact-start','','決済エラーが増加 [x](javascript:alert(1))',
 'javascript:alert(1)',1,1795600000,1),
('$(e 3)','$id',1795526400,60,'detection','went-well','Alert pages the on-call *at once*',NULL,0,1795600000,1),
('$(e 4)','$id',1795527600,60,'mitigation','lucky','Rollback; traffic was low',
 'grafana: auth-api latency, panel 3',0,1795600000,1),
('$(e 5)','$id',1795528200,60,'impact-end','','Error rate back to baseline',NULL,0,1795600000,1),
('$(e 6)','$id',1795528800,60,'resolution','','Fixed config deployed',NULL,0,1795600000,1);
INSERT INTO note(id,retro_id,stage,event_id,role,body,created_at,offset_min) VALUES
('00000000-0000-4000-8000-0000000a0001','$id',2,'$(e 1)','scribe',
 'The push skipped review.

- the diff was 400 lines
- * the typo was on line 212
---
# not a heading | <b>bold</b>',1795600020,60);
INSERT INTO note(id,retro_id,stage,role,body,created_at,offset_min) VALUES
('00000000-0000-4000-8000-0000000a0002','$id',1,'facilitator','ノートは日本語でも書けます。',1795600080,60);
INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,drop_reason,created_at,rev) VALUES
('00000000-0000-4000-8000-0000000b0001','$id','Lint resolver configs','Ravi Patel','2026-12-10','prevent',1,'open',NULL,1795600100,1),
('00000000-0000-4000-8000-0000000b0002','$id','Rewrite the resolver','Zoe Quinn',NULL,'prevent',4,'dropped',
 'the lint covers it',1795600101,1),
('00000000-0000-4000-8000-0000000b0003','$id','Page sooner on login errors',NULL,NULL,'detect',2,'open',NULL,1795600102,1);
INSERT INTO note(id,retro_id,stage,action_id,role,body,created_at,offset_min) VALUES
('00000000-0000-4000-8000-0000000a0003','$id',4,'00000000-0000-4000-8000-0000000b0001','participant',
 'Ravi knows the lint tool well.',1795600200,60);
UPDATE retro SET summary = 'A typo in a resolver config push broke logins for 40% of users.

---
# This is not a heading, <img src=x onerror=alert(1)> is not an image.',
 factors = '- The push skipped review (14:00)
* Nobody watched login errors until 14:20 | [x](javascript:alert(1))
A factor without a time',
 lessons = 'Review every config push.
設定の変更は必ずレビューする。',
 links = 'Runbook https://wiki.example.com/runbooks/(login)
Incident channel: https://chat.example.com/c/inc-77
mailto:oncall@example.com
Bad link javascript:alert(1)
Just text, no address' WHERE id = '$id';"
ok $? "its events, notes, items and what was learned are written"

# The golden files: each format, each profile.
uuids='s/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g'
for profile in internal external; do
	for f in md txt html json; do
		"$DEBRIEF" export "$id" --format "$f" --profile "$profile" > "$WORK/$profile.$f"
		ok $? "export --format $f --profile $profile succeeds"
		sed -E "$uuids" "$WORK/$profile.$f" > "$WORK/$profile.norm.$f"
		golden="$DATA/export/full-$profile.$f"
		if [ -n "${DEBRIEF_REGEN_GOLDEN:-}" ]; then
			cp "$WORK/$profile.norm.$f" "$golden"
		fi
		same_file "$WORK/$profile.norm.$f" "$golden" "$profile $f is as expected (ids aside)"
	done
done
run export "$id" --profile outside
expect_rc 2 "an unknown profile is a usage error"
contains "$err" "unknown profile 'outside' (internal or external)" "saying which there are"
run export "$id"
ok $([ "$out" = "$(cat "$WORK/internal.md")" ]; echo $?) "internal is the default profile"

# The first lines say the profile.
sed -n 3p "$WORK/external.md" | grep -q 'External version: the meeting.s notes and people.s names are left out'
ok $? "the external Markdown's first lines say it is the external version"
sed -n 4p "$WORK/internal.txt" | grep -q 'Internal version, for the team'
ok $? "the internal text's say it is the internal version"
grep -q '"profile": "external"' "$WORK/external.json"; ok $? "JSON says its profile"
grep -q 'seven questions' "$WORK/external.md"; ok $((! $?)) "the external document has no questions: they are there for their notes"

# In the order readers look for things.
python3 - "$WORK/internal.md" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
want = ["| Incident | INC-77 |", "| Participants |", "## Summary", "**Trigger:**", "## Impact",
        "| Time to detect |", "## What went well, what could be better, where we got lucky",
        "## Contributing factors", "## Action items", "## Timeline", "### Where the events were seen",
        "### Notes on the timeline", "## The seven questions", "## Notes by stage",
        "## Lessons learned", "## Links", "## Prime Directive", "## Thanks"]
at = 0
for w in want:
    i = text.find(w, at)
    if i < 0:
        print("# out of order or missing:", w)
        sys.exit(1)
    at = i + len(w)
PY
ok $? "the sections come in the readers' order"

# What was learned, as written, each factor linked to the events it names.
md="$WORK/internal.md"
grep -qF -- '- The push skipped review ([14:00](#timeline "event 1"))' "$md"
ok $? "a factor's time links to its event (its typed bullet left out)"
grep -qF -- '- Nobody watched login errors until [14:20](#timeline "event 3") \| \[x\](javascript:alert(1))' "$md"
ok $? "a factor's markup is escaped around its link"
grep -qF -- '- [Runbook](https://wiki.example.com/runbooks/%28login%29)' "$md"
ok $? "a link line: its label leads to its address (parentheses written %28 %29)"
grep -qF -- '- [mailto:oncall@example.com](mailto:oncall@example.com)' "$md"
ok $? "an address alone is its own label"
grep -qF -- '- Bad link javascript:alert(1)' "$md" && ! grep -qE '(^|[^\\])\]\(javascript' "$md"
ok $? "a javascript: address is never a link, only text"
grep -qF -- '- [14:20](#timeline "event 3") Detection: Alert pages the on-call \*at once\*' "$md"
ok $? "what went well lists its events, each linked"
grep -qF -- '*not known at the time*' "$md"; ok $? "an event not known at the time says so"
grep -qF -- '- [14:00](#timeline "event 1") [https://deploy.example.com/r/(41)?a=1&b=2](https://deploy.example.com/r/%2841%29?a=1&b=2)' "$md"
ok $? "where an event was seen: its address, linked"
grep -qF -- '- [14:05](#timeline "event 2") javascript:alert(1)' "$md"
ok $? "a source that is no address a reader can follow is text"
grep -qF -- '- 14:00 <https://deploy.example.com/r/(41)?a=1&b=2>' "$WORK/internal.txt"
ok $? "plain text writes an address in <>"
widest=$(LC_ALL=C.UTF-8 wc -L < "$WORK/internal.txt")
ok $([ "$widest" -le 76 ]; echo $?) "plain text keeps to 76 columns (widest $widest)"

# Safe whatever was typed: no markup of the room's in the HTML, links only
# where debrief made them, each leading to a row or section that is there.
for p in internal external; do
	h="$WORK/$p.html"
	grep -qiE '<img|<b>|<[a-z][^>]* on[a-z]+=|href="javascript' "$h"; ok $((! $?)) "$p HTML: no tag, handler or script link of the room's"
	python3 - "$h" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
ids = set(re.findall(r'id="([^"]+)"', html))
bad = [h for h in re.findall(r'href="#([^"]*)"', html) if h not in ids]
outside = [h for h in re.findall(r'href="([^#"][^"]*)"', html)
           if not re.match(r'(https://|mailto:)', h)]
if bad or outside:
    print("# dead:", bad, "outside:", outside)
    sys.exit(1)
rows = re.findall(r'<tr id="ev-(\d+)">', html)
sys.exit(0 if rows == [str(i) for i in range(1, 7)] else 1)
PY
	ok $? "$p HTML: every link leads to a section, an event's row or an https/mailto address"
done
grep -qF '<a href="#ev-1">14:00</a>' "$WORK/internal.html"; ok $? "HTML: a factor's time leads to its event's row"

# JSON keeps every field.
python3 - "$WORK/internal.json" "$WORK/external.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
x = json.load(open(sys.argv[2], encoding="utf-8"))
ev = {e["time"][11:16]: e["id"] for e in d["events"]}
fails = []
def want(cond, what):
    if not cond:
        fails.append(what)
want(d["debrief_format"] == 3 and d["profile"] == "internal", "format 3, internal")
want(d["summary"].startswith("A typo in a resolver") and "\n\n---\n" in d["summary"], "summary as written")
f = d["contributing_factors"]
want([x["text"] for x in f] == ["The push skipped review (14:00)",
     "Nobody watched login errors until 14:20 | [x](javascript:alert(1))", "A factor without a time"],
     "factors, bullets left out")
want(f[0]["events"] == [ev["14:00"]] and f[1]["events"] == [ev["14:20"]] and f[2]["events"] == [],
     "each factor's events by their time")
want(d["lessons_learned"] == ["Review every config push.", "設定の変更は必ずレビューする。"], "lessons")
want(d["links"][0] == {"label": "Runbook", "url": "https://wiki.example.com/runbooks/(login)"} and
     d["links"][1] == {"label": "Incident channel", "url": "https://chat.example.com/c/inc-77"} and
     d["links"][2] == {"label": None, "url": "mailto:oncall@example.com"} and
     d["links"][3] == {"label": "Bad link javascript:alert(1)", "url": None}, "links: label and url")
want(d["events"][0]["source"] == "https://deploy.example.com/r/(41)?a=1&b=2" and
     d["events"][0]["not_known_at_the_time"] is True and d["events"][2]["source"] is None and
     d["events"][2]["not_known_at_the_time"] is False, "events: source and not known at the time")
want(x["profile"] == "external" and x["people"] == {"facilitator": 1, "scribe": 1, "participants": 3}
     and "facilitator" not in x and "participants" not in x, "external: people by role")
want([a["owner"] for a in x["actions"]] == ["assigned", "assigned", None], "external: owners as assigned")
want(all("notes" not in e for e in x["events"] + x["questions"] + x["actions"]) and
     "stage_notes" not in x, "external: no notes")
want(x["summary"] == d["summary"] and x["contributing_factors"] == d["contributing_factors"],
     "external: what was learned is kept")
for w in fails:
    print("# failed:", w)
sys.exit(1 if fails else 0)
PY
ok $? "JSON keeps every field; the external one, people by role and no notes"

# The external profile: no note's text and no one's name, in any format.
for f in md txt html json; do
	leak=0
	grep -q 'A typo in a resolver' "$WORK/external.$f" || { echo "# $f has no summary"; leak=1; }
	for s in "Ravi knows" "skipped review." "400 lines" "日本語でも" "Mei Lin" "Mei" "Ravi" "Zoe" \
		"山田" "佐藤" "Patel"; do
		if grep -qF "$s" "$WORK/external.$f"; then
			echo "# $f holds: $s"
			leak=1
		fi
	done
	ok $leak "external $f: the summary, but no note text and no names"
done
grep -q 'People *| a facilitator, a scribe, 3 participants\|People  *a facilitator, a scribe, 3 participants' \
	"$WORK/external.md" "$WORK/external.txt"
ok $? "external: the people by role"

finish
