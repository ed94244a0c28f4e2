# fish completion for debrief: commands, options, formats, looks and the
# retrospectives' ids (read with 'debrief list -f tsv' from the database the
# line names with --db, else the default one; for restore, the deleted ones'
# with 'debrief list --deleted -f tsv'); the agendas' names with
# 'debrief agendas -f tsv'.

function __debrief_retros
    set -l t (commandline -opc)
    set -l db
    for i in (seq (count $t))
        if test "$t[$i]" = --db; and test $i -lt (count $t)
            set db --db $t[(math $i + 1)]
        end
    end
    debrief $db list $argv -f tsv 2>/dev/null | tail -n +2 | cut -f1
end

function __debrief_agendas
    debrief agendas -f tsv 2>/dev/null | awk -F '\t' 'NR > 1 && $6 == "" { print $1 }'
end

set -l cmds new list demo import export actions action search stats delete restore check agendas
complete -c debrief -f
complete -c debrief -n "not __fish_seen_subcommand_from $cmds" -a "$cmds"
complete -c debrief -n "not __fish_seen_subcommand_from $cmds" -a "(__debrief_retros)"
complete -c debrief -l db -r -F -d 'the database'
complete -c debrief -l look -x -a 'light dark mono' -d 'how the screen looks'
complete -c debrief -n "not __fish_seen_subcommand_from $cmds" -l scribe -x -a "(__debrief_retros)" -d 'take notes'
complete -c debrief -n "not __fish_seen_subcommand_from $cmds" -l view -x -a "(__debrief_retros)" -d 'follow, read-only'
complete -c debrief -l help -d 'show the help'
complete -c debrief -l help-keys -d 'list the keys'
complete -c debrief -l version -d 'show the version'
complete -c debrief -l no-config -d 'read no settings file'
complete -c debrief -l dump-config -d 'the settings in force'
complete -c debrief -n "__fish_seen_subcommand_from export import delete" -a "(__debrief_retros)"
complete -c debrief -n "__fish_seen_subcommand_from restore" -a "(__debrief_retros --deleted)"
complete -c debrief -n "__fish_seen_subcommand_from list" -l deleted -d 'the deleted ones'
complete -c debrief -n "__fish_seen_subcommand_from list" -l service -x -d 'those with this service'
complete -c debrief -n "__fish_seen_subcommand_from list" -l tag -x -d 'those with this tag'
complete -c debrief -n "__fish_seen_subcommand_from new" -l service -x -d 'a service affected (repeatable)'
complete -c debrief -n "__fish_seen_subcommand_from new" -l tag -x -d 'a free tag (repeatable)'
complete -c debrief -n "__fish_seen_subcommand_from export" -s f -l format -x -a 'md json html txt'
complete -c debrief -n "__fish_seen_subcommand_from export" -s o -l output -r -F
complete -c debrief -n "__fish_seen_subcommand_from export" -l profile -x -a 'internal external' -d 'who it is for'
complete -c debrief -n "__fish_seen_subcommand_from list" -s f -l format -x -a 'txt tsv json'
complete -c debrief -n "__fish_seen_subcommand_from actions" -s f -l format -x -a 'txt tsv json csv'
complete -c debrief -n "__fish_seen_subcommand_from actions" -l overdue -d 'past their due date (exit 3)'
complete -c debrief -n "__fish_seen_subcommand_from action; and not __fish_seen_subcommand_from done drop reopen assign" -a 'done drop reopen assign'
complete -c debrief -n "__fish_seen_subcommand_from done drop reopen assign" -a "(debrief actions -f tsv 2>/dev/null | tail -n +2 | cut -f1)"
complete -c debrief -n "__fish_seen_subcommand_from drop" -l reason -x -d 'why it is dropped'
complete -c debrief -n "__fish_seen_subcommand_from assign" -l due -x -d 'YYYY-MM-DD'
complete -c debrief -n "__fish_seen_subcommand_from agendas" -s f -l format -x -a 'txt tsv'
complete -c debrief -n "__fish_seen_subcommand_from new" -l agenda -x -a "(__debrief_agendas)" -d 'its questions and timeboxes'
complete -c debrief -n "__fish_seen_subcommand_from actions" -l open -d 'open ones only'
complete -c debrief -n "__fish_seen_subcommand_from actions" -l owner -x -d 'one owner'
complete -c debrief -n "__fish_seen_subcommand_from search" -l retro -x -a "(__debrief_retros)" -d 'in that one only'
complete -c debrief -n "__fish_seen_subcommand_from search" -s f -l format -x -a 'txt json'
complete -c debrief -n "__fish_seen_subcommand_from stats" -l by -x -a 'month quarter' -d 'the periods'
complete -c debrief -n "__fish_seen_subcommand_from stats" -l service -x -d 'one service only'
complete -c debrief -n "__fish_seen_subcommand_from stats" -s f -l format -x -a 'txt json'
complete -c debrief -n "__fish_seen_subcommand_from import" -F
complete -c debrief -n "__fish_seen_subcommand_from import" -l duplicates -d 'keep events already there'
for o in incident date severity facilitator scribe participants impact trigger
    complete -c debrief -n "__fish_seen_subcommand_from new" -l $o -x
end
