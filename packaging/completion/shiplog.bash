# bash completion for shiplog(1): its commands, their options (as `shiplog COMMAND --help` lists
# them; tests/integration/tst_shell_completion checks that they agree), git refs for revisions and
# the kubeconfig's contexts for --context. Installed as
# /usr/share/bash-completion/completions/shiplog.

# The value of an option given earlier on the line (`--repo DIR` or `--repo=DIR`), with a leading
# ~ expanded, or nothing.
_shiplog_option_value()
{
    local option=$1 i value=
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == "$option" ]]; then
            if [[ ${COMP_WORDS[i + 1]} == = ]]; then value=${COMP_WORDS[i + 2]}; else value=${COMP_WORDS[i + 1]}; fi
        elif [[ ${COMP_WORDS[i]} == "$option"=* ]]; then
            value=${COMP_WORDS[i]#*=}
        fi
    done
    [[ $value == "~"* ]] && value=$HOME${value:1}
    printf '%s' "$value"
}

# Branches, tags and remote branches of the --repo repository (else the current folder's).
_shiplog_refs()
{
    local repo git=(git)
    repo=$(_shiplog_option_value --repo)
    [[ -n $repo ]] && git+=(-C "$repo")
    "${git[@]}" for-each-ref --format='%(refname:short)' refs/heads refs/tags refs/remotes 2>/dev/null
    printf '%s\n' HEAD
}

# The contexts of --kubeconfig (else KUBECONFIG / ~/.kube/config), as kubectl resolves them.
_shiplog_contexts()
{
    local kubeconfig kubectl=(kubectl)
    kubeconfig=$(_shiplog_option_value --kubeconfig)
    [[ -n $kubeconfig ]] && kubectl+=(--kubeconfig "$kubeconfig")
    "${kubectl[@]}" config get-contexts -o name 2>/dev/null
}

_shiplog()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    # `--rev=ma<TAB>`: bash splits at '=', so the option is the word before the '='.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    local commands="changes compare-envs demo-cluster drift envs log revert timeline"
    local IFS=$'\n'
    COMPREPLY=()

    local command=${COMP_WORDS[1]}
    if ((COMP_CWORD == 1)); then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W $'--demo\n--palette\n--version\n--help' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "${commands// /$'\n'}" -- "$cur") $(compgen -d -- "$cur"))
        fi
        return
    fi

    local options
    case $command in
        changes) options="--repo --parent --folder --env --json --help" ;;
        compare-envs) options="--repo --rev --no-blame --json --help" ;;
        demo-cluster) options="--repo --port --kubeconfig-out --plain-http --anonymous --token --deny --inject-drift --help" ;;
        drift) options="--repo --rev --env --kubeconfig --context --server-side --explain --json --help" ;;
        envs) options="--repo --rev --json --help" ;;
        log) options="--repo -n --max-count --author --grep --path --resource --since --until --rev --env --no-bots --json --help" ;;
        revert) options="--repo --mainline --remote --target --branch --forge --forge-api --dry-run --json --help" ;;
        timeline) options="--repo --rev --folder --env --json --help" ;;
        --palette)
            ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W $'dark\nlight' -- "$cur"))
            return ;;
        *) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac

    # The value of the option before the cursor.
    case $prev in
        --repo) COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --kubeconfig | --kubeconfig-out) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --folder | --path)
            local repo
            repo=$(_shiplog_option_value --repo)
            COMPREPLY=($(cd "${repo:-.}" 2>/dev/null && compgen -f -- "$cur"))
            return ;;
        --rev | --target) COMPREPLY=($(compgen -W "$(_shiplog_refs)" -- "$cur")); return ;;
        --context) COMPREPLY=($(compgen -W "$(_shiplog_contexts)" -- "$cur")); return ;;
        --forge) COMPREPLY=($(compgen -W $'github\ngitlab\ngitea\nbitbucket\nazure' -- "$cur")); return ;;
        --remote)
            local repo git=(git)
            repo=$(_shiplog_option_value --repo)
            [[ -n $repo ]] && git+=(-C "$repo")
            COMPREPLY=($(compgen -W "$("${git[@]}" remote 2>/dev/null)" -- "$cur"))
            return ;;
        -n | --max-count | --parent | --mainline | --port | --author | --grep | --since | --until | --branch | \
            --forge-api | --token | --deny | --env)
            return ;;  # free text or a number (an environment: see shiplog envs)
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${options// /$'\n'}" -- "$cur"))
        return
    fi
    # Positional arguments: a revision or range (changes), a commit (revert).
    case $command in
        changes | revert)
            local refs
            refs=$(_shiplog_refs)
            if [[ $command == changes && $cur == *..* ]]; then
                local from=${cur%%..*}
                COMPREPLY=($(compgen -P "$from.." -W "$refs" -- "${cur#*..}"))
            else
                COMPREPLY=($(compgen -W "$refs" -- "$cur"))
            fi ;;
    esac
}

complete -F _shiplog shiplog
