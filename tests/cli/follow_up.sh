#!/bin/bash
# Following action items up from the command line (issue 13): what is
# overdue (exit 3, for cron and a prompt), done, dropped with a reason
# (kept and exported), open again, assigned; a closed retrospective's too;
# and CSV for a tracker's import.
. "$(dirname "$0")/lib.sh" "$@"

run demo
demo=$(printf '%s\n' "$out" | tail -n 1)
sum() { sha256sum "$DEBRIEF_DB" | cut -d' ' -f1; }
idof() { "$DEBRIEF" actions -f tsv | grep "$1" | cut -f1; }
page=$(idof "Page on CheckoutErrorRate")
canary=$(idof "Canary step")
dash=$(idof "Move pool saturation")

run actions
contains "$out" "ID        RETRO     STATUS" "the table begins with each item's id"
contains "$out" "${page:0:8}  ${demo:0:8}  open" "its first eight characters"

# Overdue: open, and due before today (DEBRIEF_NOW is 2026-11-18).
run actions --overdue
expect_rc 0 "nothing overdue: exit 0"
contains "$err" "No overdue action items." "and says so"
DEBRIEF_NOW=1796515200 run actions --overdue
expect_rc 3 "something overdue: exit 3"
contains "$out" "Page on CheckoutErrorRate" "listing it (due 2026-12-01, today 2026-12-06)"
lacks "$out" "Add a schema" "and only what is overdue (due 2026-12-08)"
lacks "$out" "runbook" "a done one is never overdue"
DEBRIEF_NOW=1796515200 run actions --overdue -f json
expect_rc 3 "JSON too"
contains "$out" "Page on CheckoutErrorRate" "with the same items"
DEBRIEF_NOW=1796515200 run actions --overdue --owner marco
expect_rc 0 "an owner with nothing overdue: 0"

# done, drop (with why), reopen, assign.
before=$(sum)
run action drop "$canary"
expect_rc 2 "drop without a reason is refused"
contains "$err" 'action drop needs --reason "not doing, because ..."' "saying what to give"
run action drop "$canary" --reason "   "
expect_rc 1 "an empty reason is refused"
run action done
expect_rc 2 "done needs an id"
run action finish "$page"
expect_rc 2 "an unknown verb"
run action done ffffffff
expect_rc 1 "an unknown id"
contains "$err" "no action item has the id 'ffffffff' (see 'debrief actions')" "said"
run action assign "$dash" Jun --due 2026-02-30
expect_rc 1 "an impossible due date"
contains "$err" "2026-02-30" "said"
ok $([ "$(sum)" = "$before" ]; echo $?) "none of them changed the file"

run action done "${page:0:6}"
expect_rc 0 "done, by the start of its id"
contains "$err" "Done: \"Page on CheckoutErrorRate above 2% for 5 minutes\" (${page:0:8})." "said"
run actions --open
lacks "$out" "Page on CheckoutErrorRate" "no longer open"
run action drop "$canary" --reason "not doing, because the new alert covers it"
expect_rc 0 "dropped with a reason"
run export "$demo" --format md
contains "$out" "| dropped: not doing, because the new alert covers it |" "the reason is exported"
run export "$demo" --format json
contains "$out" '"drop_reason": "not doing, because the new alert covers it"' "and kept in JSON"
run actions -f json
contains "$out" '"drop_reason":"not doing, because the new alert covers it"' "and in the listing"
run action reopen "$canary"
expect_rc 0 "open again"
run actions -f json
lacks "$out" "the new alert covers it" "reopening clears the reason"
run action assign "$dash" "Jun Park" --due 2026-12-20
expect_rc 0 "assigned, with a due date"
contains "$err" "to Jun Park, due 2026-12-20." "said"
run actions --open
contains "$out" "2026-12-20  Jun Park" "the owner and the date are kept"

# A closed retrospective's items are followed up all the same.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$DEBRIEF_DB" "UPDATE retro SET status = 'closed', closed_at = 1795000000 WHERE id = '$demo'"
	run action done "$dash"
	expect_rc 0 "a closed retrospective's item is followed up"
	run action drop "$canary" --reason "superseded by PAY-900"
	expect_rc 0 "and dropped, with why"
fi
run delete "$demo"
run action reopen "$dash"
expect_rc 1 "a deleted retrospective's items are out of sight"

# CSV for a tracker, by libcsv; parsed here by Python's csv module.
run restore "$demo"
run actions --open -f csv
expect_rc 0 "csv"
if command -v python3 >/dev/null; then
	printf '%s' "$out" > "$WORK/a.csv"
	python3 - "$WORK/a.csv" "$demo" > "$WORK/csv.out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
demo = sys.argv[2]
print("head", rows[0] == ["Summary", "Description", "Assignee", "Due Date", "Labels", "Labels", "Priority"])
by = {r[0]: r for r in rows[1:]}
s = by["Add a schema with bounds for payments-api pool settings"]
print("assignee", s[2] == "Marco", "due", s[3] == "2026-12-08", "labels", s[4:6] == ["debrief", "prevent"],
      "priority", s[6] == "Highest")
print("link", ("Open it with: debrief %s (retrospective %s)." % (demo[:8], demo)) in s[1])
print("event", "Raised from the timeline's 09:42 Trigger: payments-api v2.31 deployed" in s[1])
print("title", 'From the blameless retrospective "Checkout failures after payments-api pool change" (INC-4127, 2026-11-24).' in s[1])
print("count", len(rows) - 1)
PY
	out=$(cat "$WORK/csv.out")
	contains "$out" "head True" "the columns Jira's importer maps"
	contains "$out" "assignee True due True labels True priority True" "an item's fields, P1 as Highest, the type a label"
	contains "$out" "link True" "the description says how to open its retrospective"
	contains "$out" "event True" "and the event it was raised from"
	contains "$out" "title True" "and which retrospective"
	contains "$out" "count 1" "only the open ones asked for"
fi
run actions -f xml
expect_rc 2 "an unknown format"
contains "$err" "txt, tsv, json or csv" "naming the four"
finish
