#!/bin/bash
# Following up: action items across every retrospective.
. "$(dirname "$0")/lib.sh" "$@"

run demo
expect_rc 0 "demo succeeds"
run demo
expect_rc 0 "a second demo too"

run actions
expect_rc 0 "actions succeeds"
contains "$out" "Page on CheckoutErrorRate" "lists action items"
contains "$out" "done" "including done ones"
contains "$out" "(nobody)" "showing items without an owner"
[ "$(printf '%s\n' "$out" | grep -c 'Add a schema')" -eq 2 ]; ok $? "from every retrospective"

run actions --open
expect_rc 0 "actions --open succeeds"
lacks "$out" "runbook" "leaves out done items"
contains "$out" "Canary step" "keeps open ones"

run actions --owner priya
expect_rc 0 "actions --owner succeeds"
contains "$out" "Priya" "matches the owner in any case"
lacks "$out" "Marco" "and only that owner"

run actions --owner nobody-at-all
expect_rc 0 "an owner with nothing is not an error"
contains "$err" "No action items owned by nobody-at-all" "and says so"

run actions --bogus
expect_rc 2 "unknown options are usage errors"
finish
