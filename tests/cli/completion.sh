#!/bin/bash
# Shell completion: the bash script completes commands, options, formats,
# looks and the retrospectives' ids of the database on the line; the zsh
# and fish scripts parse (when those shells are here).
. "$(dirname "$0")/lib.sh" "$@"

run demo
id=$(printf '%s\n' "$out" | tail -n 1)
completions="$TESTS_DIR/../share/completions"
# As a user's shell runs it: debrief on the PATH.
mkdir -p "$WORK/bin"
ln -s "$(cd "$(dirname "$DEBRIEF")" && pwd)/$(basename "$DEBRIEF")" "$WORK/bin/debrief"
complete_line() { # the words of a line, the last being completed
	PATH="$WORK/bin:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1));
		_debrief; printf "%s\n" "${COMPREPLY[@]}"' sh "$completions/debrief.bash" "$@"
}
[ "$(complete_line debrief exp)" = export ]; ok $? "a command from its beginning"
contains "$(complete_line debrief "")" "$id" "the first word: commands, and the retrospectives' ids"
contains "$(complete_line debrief export "")" "$id" "export: a retrospective's full id"
[ "$(complete_line debrief export "${id:0:4}")" = "$id" ]; ok $? "from its first characters"
[ "$(complete_line debrief export x --format "" | tr '\n' ' ')" = "md json html txt " ]; ok $? "export's formats"
[ "$(complete_line debrief list -f "" | tr '\n' ' ')" = "txt tsv json " ]; ok $? "a listing's formats"
[ "$(complete_line debrief --look "" | tr '\n' ' ')" = "light dark mono " ]; ok $? "the looks"
contains "$(complete_line debrief actions --)" "--owner" "a command's options"
contains "$(complete_line debrief --scribe "")" "$id" "--scribe: a retrospective"
# --db on the line: that database's ids, not the default one's.
DEBRIEF_DB="$WORK/other.db" "$DEBRIEF" demo >/dev/null 2>&1
other=$(DEBRIEF_DB="$WORK/other.db" "$DEBRIEF" list -f tsv | tail -n 1 | cut -f1)
got=$(complete_line debrief --db "$WORK/other.db" export "")
ok $([ "$got" = "$other" ]; echo $?) "--db on the line: that file's retrospectives"

# delete and restore: a live retrospective to delete, a deleted one to restore.
run new "Gone for now"
gone=$(printf '%s\n' "$out" | tail -n 1)
run delete "$gone"
[ "$(complete_line debrief del)" = delete ]; ok $? "delete, from its beginning"
[ "$(complete_line debrief rest)" = restore ]; ok $? "restore, from its beginning"
[ "$(complete_line debrief restore "")" = "$gone" ]; ok $? "restore: the deleted ones alone"
got=$(complete_line debrief delete "")
contains "$got" "$id" "delete: the others"
lacks "$got" "$gone" "not the deleted one"
lacks "$(complete_line debrief export "")" "$gone" "nor does export offer it"
contains "$(complete_line debrief list --)" "--deleted" "list --deleted"
[ "$(complete_line debrief sea)" = search ]; ok $? "search, from its beginning"
contains "$(complete_line debrief search pool --)" "--retro" "search --retro"
contains "$(complete_line debrief search pool --retro "")" "$id" "search --retro: a retrospective"
[ "$(complete_line debrief search pool -f "")" = "$(printf 'txt\njson')" ]; ok $? "search's formats"
[ "$(complete_line debrief sta)" = stats ]; ok $? "stats, from its beginning"
[ "$(complete_line debrief stats --by "" | tr '\n' ' ')" = "month quarter " ]; ok $? "stats --by: its periods"
[ "$(complete_line debrief export x --profile "" | tr '\n' ' ')" = "internal external " ]; ok $? "export --profile: its profiles"
contains "$(complete_line debrief export x --pr)" "--profile" "export offers --profile"
[ "$(complete_line debrief stats -f "" | tr '\n' ' ')" = "txt json " ]; ok $? "stats' formats"
contains "$(complete_line debrief stats --by month --)" "--service" "stats --service, after --by's word"
[ "$(complete_line debrief action "")" = "$(printf 'done\ndrop\nreopen\nassign')" ]; ok $? "action: what to do"
aid=$("$DEBRIEF" actions -f tsv | sed -n 2p | cut -f1)
contains "$(complete_line debrief action done "")" "$aid" "action done: an action item's id"
contains "$(complete_line debrief actions -f "")" "csv" "actions: csv too"
contains "$(complete_line debrief actions --o)" "--overdue" "actions --overdue"

# Agendas: the command, its format, and new --agenda's names (the good ones).
mkdir -p "$XDG_CONFIG_HOME/debrief/agendas"
printf '? One\n' > "$XDG_CONFIG_HOME/debrief/agendas/short.agenda"
printf 'nonsense\n' > "$XDG_CONFIG_HOME/debrief/agendas/broken.agenda"
[ "$(complete_line debrief agen)" = agendas ]; ok $? "agendas, from its beginning"
[ "$(complete_line debrief new T --agenda "" | tr '\n' ' ')" = "default short " ]; ok $? "new --agenda: the agendas that load"
contains "$(complete_line debrief new T --)" "--agenda" "new's --agenda"
[ "$(complete_line debrief agendas -f "" | tr '\n' ' ')" = "txt tsv " ]; ok $? "agendas' formats"
got=$(complete_line debrief --)
contains "$got" "--no-config" "--no-config"
contains "$got" "--dump-config" "--dump-config"

if command -v fish >/dev/null; then
	fish_complete() {
		PATH="$WORK/bin:$PATH" fish -c "source '$completions/debrief.fish'; complete -C '$1'" | cut -f1
	}
	[ "$(fish_complete "debrief restore ")" = "$gone" ]; ok $? "fish: restore offers the deleted ones"
	got=$(fish_complete "debrief delete ")
	contains "$got" "$id" "fish: delete the others"
	lacks "$got" "$gone" "fish: not the deleted one"
	contains "$(fish_complete "debrief list --")" "--deleted" "fish: list --deleted"
	contains "$(fish_complete "debrief re")" "restore" "fish: the commands"
	contains "$(fish_complete "debrief search pool --")" "--retro" "fish: search --retro"
	[ "$(fish_complete "debrief stats --by " | tr '\n' ' ')" = "month quarter " ]; ok $? "fish: stats --by"
	fish_complete "debrief export x --profile " | grep -q '^external'; ok $? "fish: export --profile"
	[ "$(fish_complete "debrief new T --agenda " | tr '\n' ' ')" = "default short " ]; ok $? "fish: new --agenda"
else
	ok 0 "# SKIP fish is not installed"
fi

for shell in zsh fish; do
	if command -v "$shell" >/dev/null; then
		script="$completions/_debrief"
		[ "$shell" = fish ] && script="$completions/debrief.fish"
		"$shell" -n "$script"; ok $? "the $shell completion parses"
	else
		ok 0 "# SKIP $shell is not installed"
	fi
done
finish
