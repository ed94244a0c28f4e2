#!/bin/bash
# Export: formats, determinism, files.
. "$(dirname "$0")/lib.sh" "$@"
run demo
id=$(printf '%s\n' "$out" | tail -n 1)
run export "$id"
expect_rc 0 "export succeeds"
finish
