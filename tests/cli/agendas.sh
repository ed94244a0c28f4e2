#!/bin/bash
# Agendas as files: the shipped default, a team's own in
# $XDG_CONFIG_HOME/debrief/agendas, 'debrief agendas' listing them,
# 'debrief new --agenda NAME' using one, and what is refused (an unknown
# name, a malformed file) creating nothing.
. "$(dirname "$0")/lib.sh" "$@"

mine="$XDG_CONFIG_HOME/debrief/agendas"

run agendas
expect_rc 0 "agendas lists the agendas"
contains "$out" "NAME" "with a header"
line=$(printf '%s\n' "$out" | grep '^default ')
contains "$line" " 7 " "the shipped default: seven questions"
contains "$line" "60 min" "an hour in all"
contains "$line" "shipped (" "and where it is from"

# A team's agenda: three questions and its own timeboxes.
mkdir -p "$mine"
cat > "$mine/short.agenda" <<'AGENDA'
# A shorter review for small incidents.
timebox prime-directive 2
timebox timeline 15
timebox questions 8
timebox actions 5

? What surprised us?
- Which signal did we not expect?
? What made it hard to fix?
? What do we want to keep doing?
AGENDA
run agendas
expect_rc 0 "a team's agenda is listed"
line=$(printf '%s\n' "$out" | grep '^short ')
contains "$line" " 3 " "with its three questions"
contains "$line" "30 min" "its timeboxes added up"
contains "$line" "yours ($mine/short.agenda)" "and its file"
[ "$(printf '%s\n' "$out" | sed -n 2p | cut -c1-8)" = "default " ]; ok $? "the default comes first"
run agendas -f tsv
contains "$out" "$(printf 'short\t3\t30\tyours\t%s/short.agenda\t' "$mine")" "-f tsv: a row a file, tabs between"

new_retro "Cache stampede" --agenda short --date 2026-11-20
expect_rc 0 "new --agenda short creates one"
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT agenda FROM retro WHERE id = '$id'")" = short ]; ok $? "it records the agenda used"
got=$(sqlite3 "$DEBRIEF_DB" "SELECT group_concat(title, '|') FROM (SELECT title FROM question WHERE retro_id = '$id' ORDER BY position)")
[ "$got" = "What surprised us?|What made it hard to fix?|What do we want to keep doing?" ]
ok $? "exactly the agenda's three questions, in order ($got)"
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT prompts FROM question WHERE retro_id = '$id' AND position = 1")" = "Which signal did we not expect?" ]
ok $? "with their prompts"
got=$(sqlite3 "$DEBRIEF_DB" "SELECT group_concat(stage || '=' || planned, ' ') FROM (SELECT stage, planned FROM stage_time WHERE retro_id = '$id' ORDER BY stage)")
[ "$got" = "1=120 2=900 3=480 4=300" ]; ok $? "and its timeboxes, none for the close as it gave none ($got)"
new_retro "Plain one" --date 2026-11-21
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) || ' ' || agenda FROM question JOIN retro ON retro.id = retro_id WHERE retro_id = '$id'")" = "7 default" ]
ok $? "without --agenda: the default's seven questions"

# An unknown name: refused, naming those there are; nothing created.
count() { sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM retro"; }
before=$(count)
run new "Nope" --agenda longer
expect_rc 1 "an unknown agenda is refused"
contains "$err" "no agenda named 'longer' (there are: default, short" "naming the ones there are"
[ "$(count)" = "$before" ]; ok $? "nothing is created"
printf '? Fine question\ntimebox %s\n' "$(printf 'x%.0s' $(seq 40))" > "$mine/broken.agenda"
run new "Broken" --agenda broken
expect_rc 1 "a timebox of one 40-character word is refused"
contains "$err" "$mine/broken.agenda:2: expected 'timebox STAGE MINUTES'" "as one word, not cut in two at 31"
printf '? Fine question\n- a prompt\ntimebox timeline forty\n' > "$mine/broken.agenda"
run new "Nope" --agenda ../short
expect_rc 1 "a name that is a path is refused"
contains "$err" "is not an agenda's name" "saying what a name may be"
run --db "$WORK/fresh.db" new "Nope" --agenda longer
ok $([ ! -e "$WORK/fresh.db" ]; echo $?) "not even an empty database is made"

# A malformed agenda: FILE:LINE: what is wrong; nothing created; the
# default and the others unaffected.
printf '? Fine question\n- a prompt\ntimebox timeline forty\n' > "$mine/broken.agenda"
run new "Broken" --agenda broken
expect_rc 1 "a malformed agenda is refused"
contains "$err" "$mine/broken.agenda:3: 'forty' is not a number of minutes" "with FILE:LINE: what is wrong"
[ "$(count)" = "$before" ]; ok $? "nothing is created"
run agendas
expect_rc 1 "agendas exits 1 when one is malformed"
contains "$out" "refused: $mine/broken.agenda:3:" "and says which and why"
contains "$(printf '%s\n' "$out" | grep '^short ')" " 3 " "the others are still listed"
new_retro "Still fine" --date 2026-11-22
expect_rc 0 "the default still creates"
new_retro "Short still" --agenda short --date 2026-11-22
expect_rc 0 "and so does the good team agenda"

# A team file named default does not replace the shipped one.
printf '? Only this\n' > "$mine/default.agenda"
rm "$mine/broken.agenda"
run agendas
expect_rc 0 "a team file named default is no failure"
contains "$out" 'not used: "default" is always the shipped agenda' "it says it is not used"
new_retro "Default stays" --agenda default --date 2026-11-23
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM question WHERE retro_id = '$id'")" = 7 ]
ok $? "--agenda default is the shipped one"

# A system-wide agenda, and yours of the same name coming first.
mkdir -p "$DEBRIEF_SYSCONFDIR/agendas"
printf '? System one\n? System two\n' > "$DEBRIEF_SYSCONFDIR/agendas/house.agenda"
printf '? Mine\n' > "$DEBRIEF_SYSCONFDIR/agendas/short.agenda"
run agendas
contains "$(printf '%s\n' "$out" | grep '^house ')" "system (" "an agenda of $DEBRIEF_SYSCONFDIR/agendas is listed"
contains "$out" "not used: $mine/short.agenda comes first" "one of the same name as yours is not used, and says so"
new_retro "House" --agenda house --date 2026-11-23
[ "$(sqlite3 "$DEBRIEF_DB" "SELECT count(*) FROM question WHERE retro_id = '$id'")" = 2 ]
ok $? "new --agenda takes the system's"

run agendas extra
expect_rc 2 "agendas takes no arguments"
run --help
contains "$out" "--agenda NAME" "--help names new --agenda"
contains "$out" "agendas [-f txt|tsv]" "and the agendas command"

finish
