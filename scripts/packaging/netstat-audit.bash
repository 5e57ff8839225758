# SPDX-License-Identifier: MIT
# bash completion for netstat-audit and netstat-audit-capture (bash-completion conventions:
# installed as completions/netstat-audit and completions/netstat-audit-capture, loaded on demand).

# Completes the last item of a comma-separated list in $cur from the words in $1.
_netstat_audit_list() {
    local prefix="" item=$cur
    if [[ $cur == *,* ]]; then
        prefix=${cur%,*},
        item=${cur##*,}
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -P "$prefix" -W "$1" -- "$item"))
    [[ ${#COMPREPLY[@]} -eq 1 ]] && compopt -o nospace 2> /dev/null
    return 0
}

_netstat_audit() {
    local cur prev words cword split
    _init_completion -s || return

    # The subcommand, when one was given before the word being completed.
    local sub="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        audit | summary | trigger)
            sub=${words[i]}
            break
            ;;
        --audit)
            sub=audit
            break
            ;;
        esac
    done

    local families=$'inet\ninet6\nunix\nip\nip6\ntcpip\nax25\nnetrom\nrose\nipx\nddp\nappletalk\nx25\neconet\nash\nbluetooth'
    local states=$'ESTABLISHED\nSYN_SENT\nSYN_RECV\nFIN_WAIT1\nFIN_WAIT2\nTIME_WAIT\nCLOSE\nCLOSE_WAIT\nLAST_ACK\nLISTEN\nCLOSING\nUNKNOWN\nconnected\nsynchronized'
    case $prev in
    -A | --protocol)
        _netstat_audit_list "$families"
        return
        ;;
    --source)
        COMPREPLY=($(compgen -W 'proc netlink auto' -- "$cur"))
        return
        ;;
    --netns)
        local names
        names=$(ls /run/netns 2> /dev/null)
        COMPREPLY=($(compgen -W "all $names" -- "$cur"))
        return
        ;;
    --fail-on)
        COMPREPLY=($(compgen -W 'info warning critical' -- "$cur"))
        return
        ;;
    --state)
        if [[ $sub == audit ]]; then # the audit's --state FILE (counters of the last run)
            _filedir
        else
            # Lower-case input gets lower-case names (ss style); both are accepted.
            [[ $cur == [a-z]* || $cur == *,[a-z]* ]] && states=${states,,}
            _netstat_audit_list "$states"
        fi
        return
        ;;
    --proc-root | --compare-to | --dir)
        _filedir -d
        return
        ;;
    --output | --baseline | --save-baseline | --policy | --kmsg)
        _filedir
        return
        ;;
    --user)
        COMPREPLY=($(compgen -u -- "$cur"))
        return
        ;;
    --watch | --interval | --top | --sport | --dport | --src | --dst | --pid | --program | \
        --only | --skip | --every | --loss | --rtt | --retrans-peer | --syn-recv | --time-wait | \
        --cooldown | --keep | --count)
        return # a value of the user's own
        ;;
    esac
    $split && return

    if [[ $cur == -* ]]; then
        local opts
        case $sub in
        audit)
            opts='--proc-root= --source= --json --ndjson --output= --fail-on= --list-checks
                  --only= --skip= --baseline= --save-baseline= --interval= --state=
                  --compare-to= --kmsg= --help'
            ;;
        trigger)
            opts='--dir= --every= --loss= --rtt= --retrans-peer= --syn-recv= --time-wait=
                  --cooldown= --keep= --baseline= --proc-root= --count= --help'
            ;;
        summary)
            opts='--proc-root= --source= --json --output= --top= --state= --sport= --dport=
                  --src= --dst= --pid= --user= --program= --help'
            ;;
        *)
            # netstat 2.10's options, then netstat-audit's extensions.
            opts='-r --route -i --interfaces -g --groups -s --statistics -M --masquerade
                  -v --verbose -W --wide -n --numeric --numeric-hosts --numeric-ports
                  --numeric-users -N --symbolic -e --extend -p --programs -o --timers
                  -c --continuous -l --listening -a --all -F --fib -C --cache -Z --context
                  -t --tcp -u --udp -U --udplite -S --sctp -w --raw -x --unix -4 -6
                  -A --protocol= --inet --inet6 --ip --ipx --ax25 --netrom --x25 --rose
                  --ddp --appletalk --bluetooth -V --version -h --help
                  --proc-root= --source= --json --ndjson --watch --output= --state= --sport=
                  --dport= --src= --dst= --pid= --user= --program= --netns= --audit'
            ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace 2> /dev/null
        return
    fi
    [[ -z $sub ]] && COMPREPLY=($(compgen -W 'audit summary trigger' -- "$cur"))
    return 0
} && complete -F _netstat_audit netstat-audit

_netstat_audit_capture() {
    local cur prev words cword split
    _init_completion -s || return
    case $prev in
    -o | --output)
        _filedir '@(tar.gz|tgz)'
        return
        ;;
    esac
    $split && return
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-o --output= -f --force -h --help --version' -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace 2> /dev/null
        return
    fi
    _filedir -d
} && complete -F _netstat_audit_capture netstat-audit-capture
