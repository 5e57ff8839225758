// SPDX-License-Identifier: MIT
// netstat's option grammar on glibc getopt_long: the same library netstat uses, so bundling,
// argument permutation, prefix matching and every getopt diagnostic are identical.
#include "netstat_audit/cli/cli.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/source/system_resolver.hpp"

#include <fmt/format.h>

#include <getopt.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace netstat_audit {

namespace {

// Values for long-only options; below 0 would clash with getopt's returns, above 255 are free.
enum LongOnly : int {
    k_family_by_name = 0, // entries 0-12 share val 0, exactly like netstat's table
    k_numeric_hosts = 256,
    k_numeric_ports,
    k_numeric_users,
    k_proc_root,
    k_source,
};

constexpr const char* k_short_options = "A:CFMacdeghilnNoprsStuUvVWw2fx64?Z";

// netstat's long-option table, in its order (order decides prefix resolution and the
// "ambiguous" lists), followed by netstat-audit's own options.
const std::array<option, 48> k_long_options = {{
    {"ax25", no_argument, nullptr, k_family_by_name},
    {"x25", no_argument, nullptr, k_family_by_name},
    {"ip", no_argument, nullptr, k_family_by_name},
    {"ipx", no_argument, nullptr, k_family_by_name},
    {"appletalk", no_argument, nullptr, k_family_by_name},
    {"netrom", no_argument, nullptr, k_family_by_name},
    {"inet", no_argument, nullptr, k_family_by_name},
    {"inet6", no_argument, nullptr, k_family_by_name},
    {"ddp", no_argument, nullptr, k_family_by_name},
    {"rose", no_argument, nullptr, k_family_by_name},
    {"unix", no_argument, nullptr, k_family_by_name},
    {"bluetooth", no_argument, nullptr, k_family_by_name},
    {"tcpip", no_argument, nullptr, k_family_by_name},
    {"version", no_argument, nullptr, 'V'},
    {"interfaces", no_argument, nullptr, 'i'},
    {"help", no_argument, nullptr, 'h'},
    {"route", no_argument, nullptr, 'r'},
    {"masquerade", no_argument, nullptr, 'M'},
    {"protocol", required_argument, nullptr, 'A'},
    {"tcp", no_argument, nullptr, 't'},
    {"sctp", no_argument, nullptr, 'S'},
    {"udp", no_argument, nullptr, 'u'},
    {"udplite", no_argument, nullptr, 'U'},
    {"raw", no_argument, nullptr, 'w'},
    {"unix", no_argument, nullptr, 'x'},
    {"l2cap", no_argument, nullptr, '2'},
    {"rfcomm", no_argument, nullptr, 'f'},
    {"listening", no_argument, nullptr, 'l'},
    {"all", no_argument, nullptr, 'a'},
    {"timers", no_argument, nullptr, 'o'},
    {"continuous", no_argument, nullptr, 'c'},
    {"extend", no_argument, nullptr, 'e'},
    {"programs", no_argument, nullptr, 'p'},
    {"verbose", no_argument, nullptr, 'v'},
    {"statistics", no_argument, nullptr, 's'},
    {"wide", no_argument, nullptr, 'W'},
    {"numeric", no_argument, nullptr, 'n'},
    {"numeric-hosts", no_argument, nullptr, k_numeric_hosts},
    {"numeric-ports", no_argument, nullptr, k_numeric_ports},
    {"numeric-users", no_argument, nullptr, k_numeric_users},
    {"symbolic", no_argument, nullptr, 'N'},
    {"cache", no_argument, nullptr, 'C'},
    {"fib", no_argument, nullptr, 'F'},
    {"groups", no_argument, nullptr, 'g'},
    {"context", no_argument, nullptr, 'Z'},
    // netstat-audit's own options.
    {"proc-root", required_argument, nullptr, k_proc_root},
    {"source", required_argument, nullptr, k_source},
    {nullptr, 0, nullptr, 0}, // getopt_long's end marker
}};

// Index of "--tcpip": netstat rejects it with a range check and carries on.
constexpr int k_tcpip_index = 12;

struct FamilyName {
    std::string_view name;
    Family family;
};

constexpr std::array<FamilyName, 15> k_family_names = {{
    {"inet", Family::inet},
    {"ip", Family::inet},
    {"tcpip", Family::inet},
    {"inet6", Family::inet6},
    {"ip6", Family::inet6},
    {"unix", Family::unix},
    {"ax25", Family::ax25},
    {"netrom", Family::netrom},
    {"rose", Family::rose},
    {"ipx", Family::ipx},
    {"ddp", Family::ddp},
    {"appletalk", Family::ddp},
    {"x25", Family::x25},
    {"econet", Family::econet},
    {"ash", Family::ash},
}};

void add_family(Options& options, Family family) {
    options.families.push_back(family);
    switch (family) {
    case Family::inet:
        options.family_inet = true;
        break;
    case Family::inet6:
        options.family_inet6 = true;
        break;
    case Family::unix:
        options.family_unix = true;
        break;
    case Family::ipx:
    case Family::ax25:
    case Family::netrom:
    case Family::rose:
    case Family::x25:
        options.family_other_explicit = true;
        break;
    case Family::bluetooth:
        options.bluetooth = true;
        break;
    case Family::ddp:
    case Family::econet:
    case Family::ash:
        break;
    }
}

// "-A a,b,c": every name must be known; the first unknown one ends the run with status 1.
bool add_family_list(Options& options, std::string_view list, std::FILE* err) {
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        std::string_view name = list.substr(start, comma - start);
        const FamilyName* known = nullptr;
        for (const FamilyName& candidate : k_family_names)
            if (candidate.name == name)
                known = &candidate;
        if (name == "bluetooth") {
            add_family(options, Family::bluetooth);
        } else if (known != nullptr) {
            add_family(options, known->family);
        } else {
            fmt::print(err, "Unknown address family `{}'.\n", name);
            return false;
        }
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return true;
}

std::string base_name(const char* path) {
    std::string_view text = path != nullptr ? path : "netstat-audit";
    std::size_t slash = text.rfind('/');
    return std::string(slash == text.npos ? text : text.substr(slash + 1));
}

// What an option does besides its assignment: count as a view (-i -r -s -M: more than one is a
// usage error) or end the parse (-h, -V act when reached, as getopt delivers them).
enum class OptionEffect : std::uint8_t { k_none, k_mode, k_stop };

struct ShortOption {
    int code;
    void (*apply)(Options&);
    OptionEffect effect;
};

// Every option that only sets Options, by its short code (long options map to these codes).
const ShortOption k_short_option_table[] = {
    {'C', [](Options& o) { o.cache = true; }, OptionEffect::k_none},
    {'F', [](Options& o) { o.fib = true; }, OptionEffect::k_none},
    {'M', [](Options& o) { o.mode = Mode::masquerade; }, OptionEffect::k_mode},
    {'a', [](Options& o) { o.all = true; }, OptionEffect::k_none},
    {'c', [](Options& o) { o.continuous = true; }, OptionEffect::k_none},
    {'d', [](Options&) {}, OptionEffect::k_none},
    {'e', [](Options& o) { ++o.extend; }, OptionEffect::k_none},
    {'g', [](Options& o) { o.groups = true; }, OptionEffect::k_none},
    {'h', [](Options& o) { o.mode = Mode::help; }, OptionEffect::k_stop},
    {'i', [](Options& o) { o.mode = Mode::interfaces; }, OptionEffect::k_mode},
    {'l', [](Options& o) { o.listening = true; }, OptionEffect::k_none},
    {'n',
     [](Options& o) {
         o.numeric = {true, true, true};
     },
     OptionEffect::k_none},
    {'N', [](Options& o) { o.symbolic = true; }, OptionEffect::k_none},
    {'o', [](Options& o) { o.timers = true; }, OptionEffect::k_none},
    {'p', [](Options& o) { o.programs = true; }, OptionEffect::k_none},
    {'r', [](Options& o) { o.mode = Mode::routes; }, OptionEffect::k_mode},
    {'s', [](Options& o) { o.mode = Mode::statistics; }, OptionEffect::k_mode},
    {'S', [](Options& o) { o.protocols.sctp = true; }, OptionEffect::k_none},
    {'t', [](Options& o) { o.protocols.tcp = true; }, OptionEffect::k_none},
    {'u', [](Options& o) { o.protocols.udp = true; }, OptionEffect::k_none},
    {'U', [](Options& o) { o.protocols.udplite = true; }, OptionEffect::k_none},
    {'v', [](Options& o) { o.verbose = true; }, OptionEffect::k_none},
    {'V', [](Options& o) { o.mode = Mode::version; }, OptionEffect::k_stop},
    {'W', [](Options& o) { o.wide = true; }, OptionEffect::k_none},
    {'w', [](Options& o) { o.protocols.raw = true; }, OptionEffect::k_none},
    {'2', [](Options& o) { o.bluetooth = true; }, OptionEffect::k_none},
    {'f', [](Options& o) { o.bluetooth = true; }, OptionEffect::k_none},
    {'x', [](Options& o) { add_family(o, Family::unix); }, OptionEffect::k_none},
    {'4', [](Options& o) { add_family(o, Family::inet); }, OptionEffect::k_none},
    {'6', [](Options& o) { add_family(o, Family::inet6); }, OptionEffect::k_none},
    {k_numeric_hosts, [](Options& o) { o.numeric.hosts = true; }, OptionEffect::k_none},
    {k_numeric_ports, [](Options& o) { o.numeric.ports = true; }, OptionEffect::k_none},
    {k_numeric_users, [](Options& o) { o.numeric.users = true; }, OptionEffect::k_none},
};

// --source=proc|netlink|auto; anything else is a usage error (status 3).
bool apply_source(Options& options, std::string_view value, std::FILE* err) {
    constexpr std::pair<std::string_view, SourceChoice> k_sources[] = {
        {"auto", SourceChoice::automatic},
        {"proc", SourceChoice::proc},
        {"netlink", SourceChoice::netlink}};
    for (auto [name, source] : k_sources)
        if (value == name) {
            options.source = source;
            return true;
        }
    std::fprintf(err, "%s: --source: expected proc, netlink or auto, not `%.*s'\n",
                 options.program_name.c_str(), static_cast<int>(value.size()), value.data());
    options.mode = Mode::exit_now;
    options.exit_status = exit_status::k_usage;
    return false;
}

// The filter options (full names only; see take_extension_options) and what their value adds.
struct FilterOption {
    std::string_view name; // without "--"
    std::expected<void, std::string> (*add)(SocketFilter&, std::string_view);
};

const FilterOption k_filter_options[] = {
    {"state", add_states},
    {"sport", [](SocketFilter& f, std::string_view v) { return add_ports(f.source_ports, v); }},
    {"dport",
     [](SocketFilter& f, std::string_view v) { return add_ports(f.destination_ports, v); }},
    {"src", [](SocketFilter& f, std::string_view v) { return add_prefixes(f.sources, v); }},
    {"dst", [](SocketFilter& f, std::string_view v) { return add_prefixes(f.destinations, v); }},
    {"pid", add_pids},
    {"user", [](SocketFilter& f, std::string_view v) { return add_users(f, v, system_user_id); }},
    {"program-name", add_programs},
};

// Applies one short option (or the short equivalent of a long one). Returns false when the
// parse must stop (the mode then says why).
bool apply_option(Options& options, int code, int& mode_count, std::FILE* err) {
    for (const ShortOption& option : k_short_option_table) {
        if (option.code != code)
            continue;
        option.apply(options);
        if (option.effect == OptionEffect::k_mode)
            ++mode_count;
        return option.effect != OptionEffect::k_stop;
    }
    switch (code) {
    case 'A':
        if (!add_family_list(options, optarg != nullptr ? optarg : "", err)) {
            options.mode = Mode::exit_now;
            options.exit_status = exit_status::k_failure;
            return false;
        }
        return true;
    case 'Z':
        // Checked as soon as it is parsed: this build, like Debian's netstat on a system
        // without SELinux, cannot show contexts.
        std::fputs("SELinux is not enabled on this machine.\n", err);
        options.mode = Mode::exit_now;
        options.exit_status = exit_status::k_failure;
        return false;
    case k_proc_root:
        // An empty value would silently read the live /proc or the current directory.
        if (optarg == nullptr || *optarg == '\0') {
            std::fputs(fmt::format("{}: option '--proc-root' needs a directory, not an empty "
                                   "value\n",
                                   options.program_name)
                           .c_str(),
                       err);
            options.mode = Mode::exit_now;
            options.exit_status = 3;
            return false;
        }
        options.proc_root = optarg;
        options.proc_root_given = true;
        return true;
    case k_source:
        return apply_source(options, optarg != nullptr ? optarg : "", err);
    default: // '?' (also -? itself) and ':'
        options.mode = Mode::usage_error;
        options.exit_status = exit_status::k_usage;
        return false;
    }
}

// The words of argv that a netstat option takes as its argument: "-A LIST" (also bundled as
// "-tA LIST") and "--protocol LIST" (or an unambiguous prefix of it, "--prot").
bool takes_next_word(std::string_view word) {
    if (word.starts_with("--"))
        return word.find('=') == word.npos && word.size() >= 6 &&
               std::string_view("--protocol").starts_with(word);
    if (word.size() < 2 || word[0] != '-')
        return false;
    return word.find('A') == word.size() - 1; // -A not last takes the rest of the word
}

bool reject_extension(Options& options, std::FILE* err, std::string_view message) {
    fmt::print(err, "{}: {}\n", options.program_name, message);
    options.mode = Mode::exit_now;
    options.exit_status = exit_status::k_usage;
    return false;
}

// A filter option ("--state LIST", "--state=LIST"): its value into options.filter; a bad or
// missing value is a usage error (status 3). Returns the words used (0: not a filter).
int apply_filter_extension(Options& options, std::string_view word, const char* next,
                           std::FILE* err, bool& ok) {
    if (!word.starts_with("--"))
        return 0;
    const std::string_view rest = word.substr(2);
    for (const FilterOption& option : k_filter_options) {
        const bool joined = rest.starts_with(option.name) && rest.size() > option.name.size() &&
                            rest[option.name.size()] == '=';
        if (rest != option.name && !joined)
            continue;
        if (!joined && next == nullptr) {
            ok = ok && reject_extension(options, err,
                                        fmt::format("--{}: a value is required", option.name));
            return 1;
        }
        const std::string_view value = joined ? rest.substr(option.name.size() + 1) : next;
        if (auto added = option.add(options.filter, value); !added && ok)
            ok =
                reject_extension(options, err, fmt::format("--{}: {}", option.name, added.error()));
        return joined ? 1 : 2;
    }
    return 0;
}

// Applies one of netstat-audit's machine-output options if `word` (with `next`, for
// "--output FILE") is one; returns how many words it used (0: not ours).
int apply_extension(Options& options, std::string_view word, const char* next, std::FILE* err,
                    bool& ok) {
    if (word == "--json" || word == "--ndjson") {
        const OutputFormat format = word == "--json" ? OutputFormat::json : OutputFormat::ndjson;
        if (options.format != OutputFormat::text && options.format != format)
            ok = reject_extension(options, err, "--json and --ndjson exclude each other");
        options.format = format;
        return 1;
    }
    if (word == "--watch" || word.starts_with("--watch=")) {
        options.watch_seconds = 1;
        if (word.size() > 8) {
            auto seconds = parse_decimal(word.substr(8));
            if (!seconds || *seconds == 0 || *seconds > 86400)
                ok = reject_extension(options, err, "--watch takes 1 to 86400 seconds");
            else
                options.watch_seconds = static_cast<unsigned>(*seconds);
        }
        return 1;
    }
    if (word.starts_with("--output=")) {
        options.output_path = std::string(word.substr(9));
        return 1;
    }
    if (word == "--output") {
        if (next == nullptr)
            ok = reject_extension(options, err, "--output needs a file name");
        else
            options.output_path = next;
        return next == nullptr ? 1 : 2;
    }
    if (word.starts_with("--netns=") || word == "--netns") {
        const bool joined = word.size() > 7;
        const std::string_view value = joined ? word.substr(8) : next ? next : "";
        if (value.empty())
            ok = reject_extension(options, err, "--netns needs all, a name or a pid");
        options.netns = std::string(value);
        return joined || next == nullptr ? 1 : 2;
    }
    return apply_filter_extension(options, word, next, err, ok);
}

// Takes --json, --ndjson, --watch[=N], --output and the filters out of argv before getopt sees it,
// so that netstat's table, its prefix matching ("--w" is --wide) and its ambiguity messages stay
// exactly netstat's. Words after "--" and option arguments are left alone. False on a usage
// error (message printed, mode set).
bool take_extension_options(std::vector<char*>& args, Options& options, std::FILE* err) {
    std::vector<char*> kept;
    bool ok = true;
    bool after_terminator = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view word = args[i] != nullptr ? args[i] : "";
        if (i == 0 || after_terminator || args[i] == nullptr) {
            kept.push_back(args[i]);
            continue;
        }
        if (word == "--")
            after_terminator = true;
        const char* next = i + 1 < args.size() ? args[i + 1] : nullptr;
        const int used = word == "--" ? 0 : apply_extension(options, word, next, err, ok);
        if (used == 0) {
            kept.push_back(args[i]);
            if (takes_next_word(word) && next != nullptr)
                kept.push_back(args[++i]);
        }
        i += used > 1 ? static_cast<std::size_t>(used - 1) : 0;
    }
    if (ok && options.format == OutputFormat::json && options.watch_seconds != 0)
        ok = reject_extension(options, err, "--watch prints events: use --ndjson, not --json");
    if (ok && options.watch_seconds != 0 && !options.output_path.empty())
        ok = reject_extension(options, err, "--watch writes a stream, not a file: drop --output");
    args = std::move(kept);
    return ok;
}

} // namespace

Options parse_command_line(int argc, char** argv, std::FILE* err) {
    Options options;
    options.invocation_name = argc > 0 && argv[0] != nullptr ? argv[0] : "netstat-audit";
    options.program_name = base_name(options.invocation_name.c_str());
    std::vector<char*> args(argv, argv + std::max(argc, 0));
    if (!take_extension_options(args, options, err))
        return options;
    args.push_back(nullptr);
    argc = static_cast<int>(args.size() - 1);
    argv = args.data();
    int mode_count = 0;
    optind = 0; // full re-initialisation, so the parser can run more than once per process
    opterr = 1;
    for (;;) {
        int index = -1;
        int code = ::getopt_long(argc, argv, k_short_options, k_long_options.data(), &index);
        if (code == -1)
            break;
        if (code == k_family_by_name) {
            if (index == k_tcpip_index) {
                std::fputs("netstat.c: Internal Error `longopts 1 range'.\n", err);
                continue;
            }
            if (!add_family_list(options, k_long_options[static_cast<std::size_t>(index)].name,
                                 err)) {
                options.mode = Mode::exit_now;
                options.exit_status = exit_status::k_failure;
                return options;
            }
            continue;
        }
        if (!apply_option(options, code, mode_count, err))
            return options;
    }
    if (mode_count > 1) {
        options.mode = Mode::usage_error;
        options.exit_status = exit_status::k_usage;
    }
    return options;
}

std::string render_usage(const std::string& program_name) {
    const std::string& p = program_name;
    std::string text = fmt::format(
        "usage: {0} [-vWeenNcCF] [<Af>] -r         {0} {{-V|--version|-h|--help}}\n"
        "       {0} [-vWnNcaeol] [<Socket> ...]\n"
        "       {0} {{ [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }}\n"
        "\n"
        "        -r, --route              display routing table\n"
        "        -i, --interfaces         display interface table\n"
        "        -g, --groups             display multicast group memberships\n"
        "        -s, --statistics         display networking statistics (like SNMP)\n"
        "        -M, --masquerade         display masqueraded connections\n"
        "\n"
        "        -v, --verbose            be verbose\n"
        "        -W, --wide               don't truncate IP addresses\n"
        "        -n, --numeric            don't resolve names\n"
        "        --numeric-hosts          don't resolve host names\n"
        "        --numeric-ports          don't resolve port names\n"
        "        --numeric-users          don't resolve user names\n"
        "        -N, --symbolic           resolve hardware names\n"
        "        -e, --extend             display other/more information\n"
        "        -p, --programs           display PID/Program name for sockets\n"
        "        -o, --timers             display timers\n"
        "        -c, --continuous         continuous listing\n"
        "\n"
        "        -l, --listening          display listening server sockets\n"
        "        -a, --all                display all sockets (default: connected)\n"
        "        -F, --fib                display Forwarding Information Base (default)\n"
        "        -C, --cache              display routing cache instead of FIB\n"
        "        -Z, --context            display SELinux security context for sockets\n"
        "\n",
        p);
    // netstat-audit's own options; a binary invoked as "netstat" prints netstat's text only.
    if (p != "netstat")
        text +=
            "  netstat-audit extensions:\n"
            "        --proc-root=DIR          read /proc data from DIR: a capture directory\n"
            "                                 (netstat-audit-capture) or a /proc tree\n"
            "        --source=proc|netlink|auto  where socket tables come from (default auto:\n"
            "                                 netlink for the live system, else /proc)\n"
            "        --json                   one JSON document (schema_version 1)\n"
            "        --ndjson                 one JSON record per line, each with its metadata\n"
            "        --watch[=SECONDS]        print sockets added and removed (default 1 s)\n"
            "        --output=FILE            replace FILE atomically (FILE.gz: gzip)\n"
            "        --netns=all|NAME|PID     every network namespace (containers, pods,\n"
            "                                 /run/netns), or the one of NAME or PID\n"
            "        --state=LIST             only sockets in these states (established,\n"
            "                                 time-wait, listen, ...; connected, ...)\n"
            "        --sport=PORT[-PORT],...  only sockets with such a local port\n"
            "        --dport=PORT[-PORT],...  only sockets with such a foreign port\n"
            "        --src=ADDR[/PREFIX],...  only sockets with such a local address\n"
            "        --dst=ADDR[/PREFIX],...  only sockets with such a foreign address\n"
            "        --pid=PID,...            only sockets held by these processes\n"
            "        --user=NAME|UID,...      only sockets of these users (the -e User)\n"
            "        --program-name=NAME,...  only sockets held by these programs\n"
            "        (options AND, list items OR)\n"
            "        summary [--help]         socket counts, top peers and ports, hot spots,\n"
            "                                 RTT and retransmissions (tcp_info)\n"
            "        audit [options]          exposure and integrity audit with findings\n"
            "                                 and exit codes (netstat-audit audit --help)\n"
            "        trigger --dir DIR [...]  snapshots when TCP loss, RTT or socket counts\n"
            "                                 cross thresholds (netstat-audit trigger --help)\n"
            "\n";
    text += "  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}\n"
            "           {-x|--unix} --ax25 --ipx --netrom\n"
            "  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n"
            "  List of possible address families (which support routing):\n";
    return text;
}

std::string render_usage_families() {
    return "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n"
           "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n"
           "    ddp (Appletalk DDP) x25 (CCITT X.25) \n";
}

std::string render_version(const std::string& program_name) {
    std::string text;
    if (program_name != "netstat")
        text = fmt::format("netstat-audit {}\ncompatible with:\n", NETSTAT_AUDIT_VERSION);
    text += "net-tools 2.10\n"
            "Fred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek "
            "and others\n"
            "+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX\n"
            "AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE "
            "-BLUETOOTH\n"
            "HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT "
            "+FDDI +HIPPI +HDLC/LAPB +EUI64 \n";
    return text;
}

} // namespace netstat_audit
