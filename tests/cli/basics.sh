#!/bin/bash
# The command line's manners: help, version, usage errors and exit codes.
. "$(dirname "$0")/lib.sh" "$@"

run --help
expect_rc 0 "--help succeeds"
for word in "new TITLE" "list" "demo" "import RETRO" "export RETRO" "actions" "--db PATH" "--version"; do
	contains "$out" "$word" "--help lists $word"
done
wide=$(printf '%s\n' "$out" | awk 'length($0) > 80' | head -n 1)
ok $([ -z "$wide" ]; echo $?) "--help fits 80 columns${wide:+ (not: $wide)}"
run -h
expect_rc 0 "-h is --help"

run --version
expect_rc 0 "--version succeeds"
[[ "$out" =~ ^debrief\ [0-9]+\.[0-9]+\.[0-9]+$ ]]; ok $? "--version prints 'debrief X.Y.Z' ($out)"

run new
expect_rc 2 "new without a title is a usage error"
contains "$err" "needs a TITLE" "and says what is missing"
contains "$err" "debrief --help" "and points to --help"

run new "A" --bogus
expect_rc 2 "an unknown option is a usage error"
contains "$err" "unknown option '--bogus'" "naming the option"

run new "A" --date
expect_rc 2 "an option without its value is a usage error"

run new "A" --date 2026-02-30
expect_rc 2 "an impossible --date is a usage error"
ok $([ ! -e "$DEBRIEF_DB" ]; echo $?) "and nothing is created on disk"

run export
expect_rc 2 "export without RETRO is a usage error"
run export abc --format docx
expect_rc 2 "an unknown export format is a usage error"
contains "$err" "md, json, html or txt" "listing the formats"
run import onlyone
expect_rc 2 "import with one argument is a usage error"
run list extra
expect_rc 2 "list with an argument is a usage error"
run nosuchthing extra words
expect_rc 2 "an unknown command is a usage error"
run exprot
expect_rc 2 "a mistyped command is a usage error, not a retrospective not found"
contains "$err" "did you mean 'export'?" "naming the command it was meant to be"
run --db "$WORK/typo.db" 0a1b
expect_rc 1 "a word that may be an id is looked up as one"

run list
expect_rc 0 "list on no database is fine"
contains "$err" "No retrospectives yet" "and says there are none"
ok $([ ! -e "$DEBRIEF_DB" ]; echo $?) "listing creates no file"

run export abc
expect_rc 1 "export from a missing database fails"
contains "$err" "no database at" "saying there is no database"

run --scribe
expect_rc 2 "--scribe without RETRO is a usage error"
run --scribe --view abc
expect_rc 2 "--scribe and --view together are a usage error"
contains "$err" "do not go together" "saying why"

# The agenda is found beside the binary in the build tree, with no help.
out=$(env -u DEBRIEF_SHARE_DIR "$DEBRIEF" --db "$WORK/share.db" new "Found alone" 2>&1); ok $? "the build tree's binary finds its share data by itself"
rid=$(printf '%s\n' "$out" | tail -n 1)
env -u DEBRIEF_SHARE_DIR "$DEBRIEF" --db "$WORK/share.db" export "$rid" | grep -q "How were we notified"
ok $? "and copies the agenda's questions"
DEBRIEF_SHARE_DIR="$WORK/nowhere" "$DEBRIEF" --db "$WORK/share2.db" new "Lost" 2>"$WORK/lost.err"; rc=$?
ok $([ $rc -eq 1 ]; echo $?) "a missing share folder fails"
contains "$(cat "$WORK/lost.err")" "cannot read" "with a message"

# The keys: the man page's list is the program's own table.
run --help-keys
expect_rc 0 "--help-keys lists the keys"
contains "$out" "quit, or back to the list it was opened from (all is saved)" "with their help"
"$DEBRIEF" --help-keys=mdoc > "$WORK/keys.mdoc"
sed -n '/^\.\\" The lines from here to ENVIRONMENT/,/^\.Sh ENVIRONMENT/p' "$TESTS_DIR/../man/debrief.1" |
	sed '1,2d;$d' > "$WORK/man-keys.mdoc"
same_file "$WORK/man-keys.mdoc" "$WORK/keys.mdoc" "man/debrief.1's KEYS section matches the key table"

# The man page is clean to mandoc's and groff's checkers (./setup test
# installs both), and --help fits 80 columns.
for man in "$TESTS_DIR/../man/debrief.1" "$TESTS_DIR/../man/debrief-config.5"; do
	page=$(basename "$man")
	if command -v mandoc >/dev/null; then
		# (Whether the pages it refers to, git(1), vi(1), sqlite3(1), are
		# installed is this machine's affair, not the page's.)
		lint=$(mandoc -T lint -W style "$man" 2>&1 | grep -v -e 'mandoc.db' -e 'referenced manual not found')
		ok $([ -z "$lint" ]; echo $?) "mandoc -T lint finds nothing in $page: ${lint%%$'\n'*}"
	else
		ok 0 "# SKIP mandoc is not installed"
	fi
	if command -v groff >/dev/null; then
		warn=$(groff -mandoc -Tutf8 -ww -z "$man" 2>&1)
		ok $([ -z "$warn" ]; echo $?) "groff -ww warns of nothing in $page: ${warn%%$'\n'*}"
	else
		ok 0 "# SKIP groff is not installed"
	fi
done
run --help
wide=$(printf '%s\n' "$out" | awk 'length > 80' | head -n 1)
ok $([ -z "$wide" ]; echo $?) "--help fits 80 columns: $wide"

finish
