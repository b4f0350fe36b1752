# bash completion for ldfi: commands, options, the values of enumerated options, and files
# (.ded specs, .json manifests and counterexamples, directories for output directories).
# Installed as share/bash-completion/completions/ldfi; or `source` it from ~/.bashrc.
# tests/package/cli_docs_test.sh checks it names every option `ldfi COMMAND --help` lists.

_ldfi_files() {  # _ldfi_files EXT CUR: files ending in .EXT, and directories to descend into
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$2") $(compgen -f -X "!*.$1" -- "$2"))
}

_ldfi_dirs() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$1"))
}

_ldfi() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="run check suite replay sweep junit explain" cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            run | check | suite | replay | sweep | junit | explain)
                cmd=${COMP_WORDS[i]}
                break
                ;;
        esac
    done
    if [[ -z $cmd ]]; then
        case $prev in
            --log-level)
                COMPREPLY=($(compgen -W "trace debug info warn error off" -- "$cur"))
                return
                ;;
            --log-file)
                COMPREPLY=($(compgen -f -- "$cur"))
                return
                ;;
        esac
        COMPREPLY=($(compgen -W "$commands -h --help -V --version -v --verbose --log-level --log-file -q --quiet" \
            -- "$cur"))
        return
    fi
    if [[ $cmd == junit ]]; then  # its subcommand: merge
        [[ $((i + 1)) -lt $COMP_CWORD && ${COMP_WORDS[i + 1]} == merge ]] && cmd="junit merge"
        if [[ $cmd == junit && $cur != -* ]]; then
            COMPREPLY=($(compgen -W "merge" -- "$cur"))
            return
        fi
    fi

    local limits="--max-tuples --max-work --max-memory"
    local opts
    case $cmd in
        run) opts="-h --help -N --nodes -t --eot --EOT -f --eff --EFF --crash --omit --format --show
                   $limits --timeout" ;;
        check) opts="-h --help -N --nodes -t --eot --EOT -f --eff --EFF -c --crashes --oracle --strategy
                     --max-ground --all -j --jobs --max-runs --timeout --seed --dump-smt $limits
                     --format --no-timing --strict --junit --report --lineage" ;;
        suite) opts="-h --help -j --jobs --timeout --no-timing --max-memory --junit --shard --record-costs" ;;
        replay) opts="-h --help --force --format --show" ;;
        sweep) opts="-h --help -N --nodes -t --eot -f --eff -c --crashes --oracle --strategy --timeout -j --jobs
                     --shard --format --svg --no-timing --max-memory --merge" ;;
        junit) opts="-h --help" ;;
        "junit merge") opts="-h --help -o --output" ;;
        explain) opts="-h --help -N --nodes -t --eot --EOT -f --eff --EFF --crash --omit --format --depth
                       --max-entries --force" ;;
    esac

    case $prev in
        --format)
            COMPREPLY=($(compgen -W "text json" -- "$cur"))
            return
            ;;
        --oracle)
            COMPREPLY=($(compgen -W "implies molly" -- "$cur"))
            return
            ;;
        --strategy)
            COMPREPLY=($(compgen -W "auto symbolic ldfi random exhaustive" -- "$cur"))
            return
            ;;
        --junit | -o | --output)
            _ldfi_files xml "$cur"
            return
            ;;
        --svg)
            _ldfi_files svg "$cur"
            return
            ;;
        --record-costs)
            _ldfi_files json "$cur"
            return
            ;;
        --dump-smt | --report | --lineage)
            _ldfi_dirs "$cur"
            return
            ;;
        -N | --nodes | -t | --eot | --EOT | -f | --eff | --EFF | -c | --crashes | --crash | --omit | --show | \
            --max-tuples | --max-work | --max-memory | --timeout | --max-ground | -j | --jobs | --max-runs | --seed | \
            --shard | --depth | --max-entries)
            return  # a value of the user's own
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ $cmd == suite || $cmd == replay || ($cmd == sweep && " ${COMP_WORDS[*]} " == *" --merge "*) ]]; then
        _ldfi_files json "$cur"
    elif [[ $cmd == "junit merge" ]]; then
        _ldfi_files xml "$cur"
    elif [[ $cmd == explain ]]; then
        local IFS=$'\n'
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.@(ded|json)' -- "$cur"))
    else
        _ldfi_files ded "$cur"
    fi
}

complete -F _ldfi ldfi
