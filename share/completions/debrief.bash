# bash completion for debrief: commands, options, formats, looks and the
# retrospectives' ids (read with 'debrief list -f tsv' from the database the
# line names with --db, else the default one; for restore, the deleted ones'
# with 'debrief list --deleted -f tsv'); the agendas' names with
# 'debrief agendas -f tsv'.

_debrief_retros()
{
	local db=$1
	debrief ${db:+--db "$db"} list ${2:+"$2"} -f tsv 2>/dev/null | tail -n +2 | cut -f1
}

_debrief_agendas()
{
	debrief agendas -f tsv 2>/dev/null | awk -F '\t' 'NR > 1 && $6 == "" { print $1 }'
}

_debrief()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=""
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	local commands="new list demo import export actions action search stats delete restore check agendas"
	local i db="" cmd="" npos=0
	# What the line holds so far: the database, the command, its words.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db) db=${COMP_WORDS[i + 1]}; ((i++)) ;;
		--look | --format | -f | -o | --output | --owner | --retro | --reason | --due | --date | \
		--incident | --severity | --service | --tag | --by | \
		--facilitator | --scribe | --participants | --impact | --trigger | --agenda)
			# (--scribe names a person after 'new', a retrospective before)
			if [[ ${COMP_WORDS[i]} == --scribe && -z $cmd ]]; then continue; fi
			((i++)) ;;
		-*) ;;
		*) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; else ((npos++)); fi ;;
		esac
	done
	case $prev in
	--db | -o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--look)
		COMPREPLY=($(compgen -W "light dark mono" -- "$cur"))
		return ;;
	--agenda)
		COMPREPLY=($(compgen -W "$(_debrief_agendas)" -- "$cur"))
		return ;;
	--by)
		COMPREPLY=($(compgen -W "month quarter" -- "$cur"))
		return ;;
	--profile)
		COMPREPLY=($(compgen -W "internal external" -- "$cur"))
		return ;;
	--format | -f)
		if [[ $cmd == export ]]; then
			COMPREPLY=($(compgen -W "md json html txt" -- "$cur"))
		elif [[ $cmd == search || $cmd == stats ]]; then
			COMPREPLY=($(compgen -W "txt json" -- "$cur"))
		elif [[ $cmd == actions ]]; then
			COMPREPLY=($(compgen -W "txt tsv json csv" -- "$cur"))
		elif [[ $cmd == agendas ]]; then
			COMPREPLY=($(compgen -W "txt tsv" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "txt tsv json" -- "$cur"))
		fi
		return ;;
	--retro)
		COMPREPLY=($(compgen -W "$(_debrief_retros "$db")" -- "$cur"))
		return ;;
	--scribe | --view)
		if [[ -z $cmd ]]; then
			COMPREPLY=($(compgen -W "$(_debrief_retros "$db")" -- "$cur"))
			return
		fi ;;
	esac
	case $cmd in
	"")
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--db --scribe --view --look --help --help-keys --version --no-config --dump-config" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands $(_debrief_retros "$db")" -- "$cur"))
		fi ;;
	new)
		COMPREPLY=($(compgen -W "--incident --date --severity --service --tag --facilitator --scribe --participants --impact --trigger --agenda" -- "$cur")) ;;
	agendas)
		COMPREPLY=($(compgen -W "--format" -- "$cur")) ;;
	list)
		COMPREPLY=($(compgen -W "--deleted --format --service --tag" -- "$cur")) ;;
	delete | restore)
		if ((npos == 0)) && [[ $cur != -* ]]; then
			local which=""
			[[ $cmd == restore ]] && which=--deleted
			COMPREPLY=($(compgen -W "$(_debrief_retros "$db" $which)" -- "$cur"))
		fi ;;
	actions)
		COMPREPLY=($(compgen -W "--open --overdue --owner --format" -- "$cur")) ;;
	action)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--reason --due" -- "$cur"))
		elif ((npos == 0)); then
			COMPREPLY=($(compgen -W "done drop reopen assign" -- "$cur"))
		elif ((npos == 1)); then
			COMPREPLY=($(compgen -W "$(debrief ${db:+--db "$db"} actions -f tsv 2>/dev/null | tail -n +2 | cut -f1)" -- "$cur"))
		fi ;;
	search)
		[[ $cur == -* ]] && COMPREPLY=($(compgen -W "--retro --format" -- "$cur")) ;;
	stats)
		COMPREPLY=($(compgen -W "--by --service --format" -- "$cur")) ;;
	import)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--duplicates" -- "$cur"))
		elif ((npos == 0)); then
			COMPREPLY=($(compgen -W "$(_debrief_retros "$db")" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	export)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--format --profile -o --output" -- "$cur"))
		elif ((npos == 0)); then
			COMPREPLY=($(compgen -W "$(_debrief_retros "$db")" -- "$cur"))
		fi ;;
	esac
}

complete -F _debrief debrief
