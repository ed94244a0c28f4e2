#!/bin/bash
# The settings file: /etc/debrief/config then $XDG_CONFIG_HOME/debrief/config
# (the user's wins), --dump-config saying where each setting came from, a
# bad line refused with FILE:LINE before anything is done, --no-config,
# and what the settings change on the command line (the agenda of 'new',
# the format of 'export', the keys of --help-keys).
. "$(dirname "$0")/lib.sh" "$@"

mine="$XDG_CONFIG_HOME/debrief/config"
sys="$DEBRIEF_SYSCONFDIR/config"
mkdir -p "$(dirname "$mine")" "$DEBRIEF_SYSCONFDIR"

run --dump-config
expect_rc 0 "--dump-config without settings files"
contains "$out" "look light" "the default look"
contains "$(printf '%s\n' "$out" | grep '^look ')" "# default" "said to be the default"
contains "$out" "bell off" "no bell"
contains "$out" "nudge on" "the nudge on"
contains "$out" "export-format md" "Markdown exports"
contains "$out" "agenda default" "the default agenda"
contains "$out" "notes-pane auto" "the notes pane by the width"
contains "$out" "# $DEBRIEF_SYSCONFDIR/config (not there)" "it names the files it looks at, in order"
contains "$out" "# $XDG_CONFIG_HOME/debrief/config (not there)" "the user's too"

cat > "$sys" <<'CONF'
# for everyone here
look mono
bell on
export-format txt
CONF
cat > "$mine" <<'CONF'
# mine
look dark

editor nano -w
export-dir ~/postmortems
bind timeline W mark-went-well
CONF
run --dump-config
expect_rc 0 "--dump-config with both files"
contains "$out" "look dark" "the user's file wins over the system's"
contains "$(printf '%s\n' "$out" | grep '^look ')" "# $mine:2" "and says file:line"
[ "$(printf '%s\n' "$out" | head -n 2 | tr '\n' '|')" = "# $sys|# $mine|" ]; ok $? "both files named, read"
contains "$(printf '%s\n' "$out" | grep '^bell ')" "# $sys:3" "the system's file where the user's says nothing"
contains "$(printf '%s\n' "$out" | grep '^editor ')" "nano -w" "a value is the rest of the line"
contains "$out" "export-dir ~/postmortems" "the export folder"
contains "$(printf '%s\n' "$out" | grep '^bind ')" "bind timeline W mark-went-well" "the bindings too"
DEBRIEF_LOOK=light run --dump-config
contains "$(printf '%s\n' "$out" | grep '^look ')" '# $DEBRIEF_LOOK' "\$DEBRIEF_LOOK over the file"
DEBRIEF_LOOK=light run --dump-config --look mono
contains "$(printf '%s\n' "$out" | grep '^look ')" "# --look" "--look over both"
rm "$mine"
VISUAL=vim EDITOR=ed run --dump-config
contains "$(printf '%s\n' "$out" | grep '^editor ')" 'vim' "no editor set: \$VISUAL's"
contains "$(printf '%s\n' "$out" | grep '^editor ')" '# $VISUAL' "said so"
printf 'editor emacs\n' > "$mine"
VISUAL=vim run --dump-config
contains "$(printf '%s\n' "$out" | grep '^editor ')" "emacs" "the settings' editor before \$VISUAL, as git's core.editor"
out=$(env -u HOME -u XDG_CONFIG_HOME "$DEBRIEF" --dump-config 2>&1); rc=$?
expect_rc 0 "without \$HOME nor \$XDG_CONFIG_HOME there is no user's file, and no failure"
run --no-config --dump-config
contains "$out" "no settings file read" "--no-config reads none"
contains "$(printf '%s\n' "$out" | grep '^look ')" "# default" "everything is the default"

# A bad line: FILE:LINE: what is wrong, exit 1, nothing done; --no-config
# gets past it.
bad() { # bad CONTENT EXPECTED DESCRIPTION
	printf '%s\n' "$1" > "$mine"
	run --dump-config
	expect_rc 1 "$3: refused"
	contains "$err" "$mine:$2" "$3: with FILE:LINE: what is wrong"
}
bad "look purple" "1: look: 'purple' is no look (light, dark or mono)" "an unknown look"
bad "# a comment
bell loud" "2: bell: 'loud' is neither on nor off" "a bell neither on nor off"
bad "nudge" "1: 'nudge' needs a value" "a setting without a value"
bad "colour red" "1: no setting 'colour'" "an unknown setting"
bad "export-format pdf" "1: export-format: 'pdf' is no format" "an unknown format"
bad "export-dir exports" "1: export-dir: 'exports' is not a folder from / or ~" "a relative export folder"
bad "agenda ../x" "1: agenda: '../x' is not an agenda's name" "an agenda that is a path"
bad "notes-pane left" "1: notes-pane: 'left' is no place for it (auto, right or bottom)" "a notes pane on the left"
bad "look dark
look light" "2: 'look' again (line 1 set it already)" "a setting twice in one file"
bad "bind timeline" "1: expected 'bind SCOPE KEY ACTION'" "a binding of two words"
long=$(printf 'x%.0s' $(seq 70))
bad "bind timeline $long" "1: expected 'bind SCOPE KEY ACTION'" "a binding of two words, one of 70 characters (it was cut in two at 63)"
bad "bind timeline ${long}é quit" "1: bind: no key 'xxxxxxxxxx" "a key of 72 characters, an é at the 71st: one word, not cut in two"
bad "bind everywhere x quit" "1: bind: no scope 'everywhere'" "a binding's unknown scope"
bad "bind timeline Hyper-Q quit" "1: bind: no key 'Hyper-Q'" "a binding's unknown key"
bad "bind timeline x launch" "1: bind: no action 'launch' in timeline" "a binding's unknown action"
bad "bind timeline x set-done" "1: bind: set-done does nothing in timeline (only in prime-directive, actions, all-actions)" "an action where it does nothing"
contains "$err" "debrief --no-config" "the message says how to start without the settings"
printf 'look purple\n' > "$mine"
run --no-config --dump-config
expect_rc 0 "--no-config starts anyway"
run --help-keys
expect_rc 1 "--help-keys reads the settings too, so a bad line stops it"
run --help-keys=actions
expect_rc 0 "--help-keys=actions does not: the names that mend a bad binding stay at hand"
contains "$out" "mark-went-well" "the actions' names"
run new "Not made"
expect_rc 1 "new refuses with a bad settings file"
ok $([ ! -e "$DEBRIEF_DB" ]; echo $?) "and creates nothing"
run --no-config new "Made" --date 2026-11-20
expect_rc 0 "with --no-config it creates"
run new "Made too" --date 2026-11-20 --no-config
expect_rc 0 "--no-config after the command too"
printf 'look dark\n' > "$sys"
printf '\xff\xfe\n' > "$mine"
run --dump-config
expect_rc 1 "a settings file that is not UTF-8 is refused"
contains "$err" "$mine: not valid UTF-8" "saying so"
rm "$sys"

# What the settings change on the command line.
mkdir -p "$XDG_CONFIG_HOME/debrief/agendas"
printf 'timebox timeline 15\n? One?\n? Two?\n' > "$XDG_CONFIG_HOME/debrief/agendas/ours.agenda"
printf 'agenda ours\nexport-format json\nbind global Q quit\nbind timeline W mark-went-well\n' > "$mine"
new_retro "With our agenda" --date 2026-11-21
expect_rc 0 "new with the settings' agenda"
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT agenda || ' ' || (SELECT count(*) FROM question WHERE retro_id = '$id') FROM retro WHERE id = '$id'")" = "ours 2" ]
ok $? "the settings' agenda is used"
new_retro "Default on the line" --date 2026-11-21 --agenda default
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM question WHERE retro_id = '$id'")" = 7 ]
ok $? "--agenda wins over the settings"
run export "$id"
expect_rc 0 "export"
contains "$out" '"title": "Default on the line"' "in the settings' format (JSON)"
run export "$id" --format md
contains "$out" "# Default on the line" "--format wins"
run export "$id" -o "$WORK/out.txt"
ok $(grep -q "Default on the line" "$WORK/out.txt" && ! grep -q '"title"' "$WORK/out.txt"; echo $?) "-o's extension wins"
run --help-keys
contains "$out" "W w          mark: went well" "--help-keys shows a rebound key"
contains "$out" "Q q          quit" "and one added to an action"
run --help-keys=mdoc
lacks "$out" '"\&W w"' "--help-keys=mdoc, the man page's, is the program's own keys"
contains "$out" '.It Li "\&w"' "(w alone)"
printf 'agenda gone\n' > "$mine"
run new "Settings name a missing agenda" --date 2026-11-21
expect_rc 1 "the settings naming an agenda not there: refused"
contains "$err" "$mine:1: agenda: no agenda named 'gone'" "with the line that named it"

# The test suite runs with no settings of the user's (tests/meson.build,
# tests/cli/lib.sh).
ok $([ "$XDG_CONFIG_HOME" = "$WORK/config" ] && [ "$DEBRIEF_SYSCONFDIR" = "$WORK/etc" ]; echo $?) "these tests read only their own settings"
run --help
contains "$out" "--no-config" "--help names --no-config"
contains "$out" "--dump-config" "and --dump-config"

finish
