// SPDX-License-Identifier: MIT
// The audit's command line (CLI11 lives only here) and run_audit() as a list of named steps.
#include "netstat_audit/cli/audit_cli.hpp"

#include "netstat_audit/cli/cli11.hpp"
#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/cli/number_checks.hpp"

#include "netstat_audit/audit/baseline.hpp"
#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/audit/netns_audit.hpp"
#include "netstat_audit/audit/sensitive_services.hpp"
#include "netstat_audit/report/atomic_file.hpp"
#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/health_collect.hpp"
#include "netstat_audit/source/kmsg_reader.hpp"
#include "netstat_audit/source/netns_audit_collect.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace netstat_audit {

namespace {

constexpr int k_cannot_audit = 3;

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
    std::vector<std::string> ids;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            std::string id =
                value.substr(start, comma == std::string::npos ? comma : comma - start);
            if (!id.empty())
                ids.push_back(id);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return ids;
}

// An unknown rule id in --only/--skip, or empty.
std::string unknown_id(const std::vector<std::string>& ids) {
    for (const std::string& id : ids)
        if (find_rule(id) == nullptr)
            return id;
    return {};
}

std::string with_newline(std::string text) {
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    return text;
}

bool proc_root_usable(const std::string& root, std::string& why) {
    struct stat info {};
    if (::stat(root.c_str(), &info) != 0) {
        why = std::strerror(errno);
        return false;
    }
    if (!S_ISDIR(info.st_mode)) {
        why = "not a directory";
        return false;
    }
    return true;
}

// The earlier sample the counters are judged against: an earlier capture, a first live sample
// (then the interval is slept), or the previous run's state file. False when the audit cannot
// run (an unreadable --compare-to).
bool read_earlier_sample(const AuditOptions& options, const std::string& proc_root,
                         const Output& output, HealthInputs& health,
                         std::optional<HealthSample>& earlier) {
    const HealthCollectOptions counters_only{ProcessLimits::skip, HiddenSocketProbe::off};
    if (!options.compare_to.empty()) {
        std::string why;
        const std::string root = resolve_proc_root(options.compare_to);
        if (!proc_root_usable(root, why)) {
            output.write_err("netstat-audit audit: cannot read " + options.compare_to + ": " + why +
                             "\n");
            return false;
        }
        Snapshot scratch;
        earlier = collect_health_sample(ProcFs(root), scratch, counters_only);
        health.basis = RateBasis::captures;
    } else if (options.interval_seconds) {
        Snapshot scratch;
        earlier = collect_health_sample(ProcFs(proc_root), scratch, counters_only);
        std::this_thread::sleep_for(std::chrono::duration<double>(*options.interval_seconds));
        health.basis = RateBasis::interval;
    } else if (!options.state_file.empty()) {
        health.basis = RateBasis::state;
        auto text = read_whole_file(options.state_file, 64 * 1024 * 1024);
        if (!text && text.error() == std::errc::no_such_file_or_directory) {
            health.note = "first run: " + options.state_file + " holds no earlier state yet";
        } else if (!text) {
            health.note = "state file unreadable (" + text.error().message() + ")";
        } else if (auto parsed = parse_health_state(*text); !parsed) {
            health.note = "state file ignored (" + parsed.error() + ")";
        } else {
            earlier = std::move(*parsed);
        }
        if (!health.note.empty() && !earlier)
            output.write_err("netstat-audit audit: " + options.state_file + ": " + health.note +
                             "; judging totals since boot\n");
    }
    return true;
}

// Sets `health` to compare `now` with `earlier`; an earlier sample of another boot is a reset:
// totals since this boot are judged and the report says why. `health` points into both.
void judge_against(const std::optional<HealthSample>& earlier, const HealthSample& now,
                   HealthInputs& health) {
    health.now = &now;
    if (!earlier)
        return;
    if (!same_boot(earlier->boot_id, now.boot_id)) {
        health.reset = true;
        health.note = "reset: the earlier sample is of another boot (boot id " + earlier->boot_id +
                      "); judged totals since this boot";
        return;
    }
    health.before = &*earlier;
}

// The other namespaces' findings merged into `findings`, worst first.
void append_namespace_findings(const std::vector<NamespaceSnapshot>& others,
                               const Baseline* baseline, const RuleSelection& selection,
                               std::vector<Finding>& findings) {
    if (others.empty())
        return;
    std::vector<Finding> more = run_namespace_audits(others, findings, baseline, selection);
    findings.insert(findings.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
}

} // namespace

std::string render_check_list(Detail detail) {
    std::string out;
    for (const Rule& rule : rule_catalogue()) {
        std::string line(rule.id);
        line.resize(std::max<std::size_t>(line.size() + 2, 36), ' ');
        std::string severity(severity_name(rule.severity));
        severity.resize(10, ' ');
        out += line + severity + std::string(rule.title) +
               (rule.input == RuleInput::baseline ? " (with --baseline)" : "") + "\n";
        if (detail == Detail::everything)
            out +=
                "    why: " + std::string(rule.why) + "\n    fix: " + std::string(rule.fix) + "\n";
    }
    if (detail == Detail::everything) {
        out += "\nhealth thresholds (policy file: threshold NAME VALUE):\n";
        for (const ThresholdSpec& t : health_thresholds()) {
            char value[32];
            std::snprintf(value, sizeof value, "%g", t.default_value);
            out += "    " + std::string(t.name) + " " + value + " " + std::string(t.unit) +
                   "\n        " + std::string(t.reason) + "\n";
        }
    }
    if (detail == Detail::everything) {
        out += "\nsensitive-service-exposed covers these ports:\n";
        for (const SensitiveService& s : sensitive_services()) {
            std::string ports = std::to_string(s.first_port);
            if (s.last_port != s.first_port)
                ports += "-" + std::to_string(s.last_port);
            ports += s.transport == Transport::tcp   ? "/tcp"
                     : s.transport == Transport::udp ? "/udp"
                                                     : "/tcp+udp";
            ports.resize(std::max<std::size_t>(ports.size() + 2, 16), ' ');
            out += "    " + ports + std::string(s.name) + "\n";
        }
    }
    return out;
}

AuditCommandLine parse_audit_command_line(const std::vector<std::string>& arguments,
                                          const std::string& program) {
    AuditCommandLine result;
    AuditOptions options;
    const std::ios_base::Init standard_streams; // CLI11 may write to std::cout (cli11.hpp)
    CLI::App app{"Audit this host's network exposure and socket owners: one snapshot of /proc, "
                 "a catalogue of checks, findings by severity. Exit status: 0 nothing at or "
                 "above --fail-on, 1 the worst is a warning, 2 a critical finding, 3 the audit "
                 "could not run.",
                 program + " audit"};
    app.add_option("--proc-root", options.proc_root,
                   "read /proc from DIR (a netstat-audit-capture directory or its proc/)")
        ->type_name("DIR");
    app.add_flag("--json", options.json, "print the report as one JSON document");
    app.add_flag("--list-checks", options.list_checks,
                 "list the checks (id, severity, title; with -v why, fix and the port table)");
    std::vector<std::string> only, skip;
    app.add_option("--only", only, "run only these checks (comma-separated ids)")
        ->type_name("ID,...")
        ->delimiter(',');
    app.add_option("--skip", skip, "skip these checks (comma-separated ids)")
        ->type_name("ID,...")
        ->delimiter(',');
    std::string fail_on = "warning";
    app.add_option("--fail-on", fail_on,
                   "lowest severity that makes the exit status non-zero (default warning)")
        ->check(CLI::IsMember({"info", "warning", "critical"}))
        ->type_name("SEVERITY");
    app.add_option("--save-baseline", options.save_baseline,
                   "write the expected listeners and default routes to FILE and exit 0")
        ->type_name("FILE");
    app.add_option("--baseline", options.baseline,
                   "compare with (and allow what is in) the baseline FILE")
        ->type_name("FILE");
    double interval = 0;
    auto* interval_option =
        app.add_option("--interval", interval,
                       "judge counters over two samples SECONDS apart (rates, not totals)")
            ->type_name("SECONDS")
            ->check(not_nan())
            ->check(CLI::Range(0.1, 3600.0));
    app.add_option("--state", options.state_file,
                   "judge counters since the run that wrote FILE, then write this run's "
                   "counters to FILE (for cron)")
        ->type_name("FILE");
    app.add_option("--compare-to", options.compare_to,
                   "judge counters between the capture EARLIER and --proc-root LATER")
        ->type_name("EARLIER")
        ->excludes(interval_option);
    app.add_option("--kmsg", options.kmsg,
                   "read the kernel log from FILE (/dev/kmsg text, as netstat-audit-capture "
                   "saves it; default: the capture's kmsg, or /dev/kmsg as root)")
        ->type_name("FILE");
    bool verbose = false, no_colour = false, colour = false;
    app.add_flag("-v,--verbose", verbose, "show every listener and every finding in full");
    auto* no_colour_flag = app.add_flag("--no-color", no_colour, "never colour the text report");
    app.add_flag("--color", colour,
                 "colour the text report even when not on a terminal "
                 "(NO_COLOR still wins)")
        ->excludes(no_colour_flag);

    std::vector<const char*> argv{program.c_str()};
    for (const std::string& argument : arguments)
        argv.push_back(argument.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& error) {
        std::ostringstream out, err;
        int code = app.exit(error, out, err);
        result.out = out.str();
        result.err = err.str();
        result.exit_status = code == 0 ? 0 : k_cannot_audit; // CLI11's codes → 3
        return result;
    }
    if (interval > 0)
        options.interval_seconds = interval;
    const bool offline = resolve_proc_root(options.proc_root) != "/proc";
    std::string conflict;
    if (!options.compare_to.empty() && !offline)
        conflict = "--compare-to EARLIER needs --proc-root LATER (two captures)";
    else if (options.interval_seconds && offline)
        conflict = "--interval reads the live /proc twice; for captures use --compare-to";
    else if (!options.compare_to.empty() && !options.state_file.empty())
        conflict = "--state and --compare-to both give the earlier sample; use one";
    if (!conflict.empty()) {
        result.err = program + " audit: " + conflict + "\n";
        result.exit_status = k_cannot_audit;
        return result;
    }
    options.selection.only = split_ids(only);
    options.selection.skip = split_ids(skip);
    for (const auto* list : {&options.selection.only, &options.selection.skip})
        if (std::string id = unknown_id(*list); !id.empty()) {
            result.err =
                program + " audit: unknown check \"" + id + "\" (--list-checks lists them)\n";
            result.exit_status = k_cannot_audit;
            return result;
        }
    options.fail_on = parse_severity(fail_on).value_or(Severity::warning);
    options.detail = verbose ? Detail::everything : Detail::collapsed;
    options.colour = no_colour ? ColourChoice::never
                     : colour  ? ColourChoice::always
                               : ColourChoice::automatic;
    result.options = std::move(options);
    return result;
}

int run_audit(const AuditOptions& options, const Output& output, const TerminalFacts& terminal) {
    if (options.list_checks) {
        output.write_out(render_check_list(options.detail));
        return 0;
    }
    std::string why;
    const std::string proc_root = resolve_proc_root(options.proc_root);
    if (!proc_root_usable(proc_root, why)) {
        output.write_err("netstat-audit audit: cannot read " + options.proc_root + ": " + why +
                         "\n");
        return k_cannot_audit;
    }
    std::optional<Baseline> baseline;
    if (!options.baseline.empty()) {
        auto text = read_whole_file(options.baseline, 64 * 1024 * 1024);
        if (!text) {
            output.write_err("netstat-audit audit: cannot read baseline " + options.baseline +
                             ": " + text.error().message() + "\n");
            return k_cannot_audit;
        }
        auto parsed = parse_baseline(*text, options.baseline);
        if (!parsed) {
            output.write_err("netstat-audit audit: " + parsed.error().text() + "\n");
            return k_cannot_audit;
        }
        baseline = std::move(*parsed);
    }
    HealthInputs health;
    std::optional<HealthSample> earlier;
    if (!read_earlier_sample(options, proc_root, output, health, earlier))
        return k_cannot_audit; // (an earlier capture and the state file are read before confining)
    confine_reads_to_capture(proc_root); // a capture never makes us read outside it
    Snapshot snapshot = collect_audit_snapshot(ProcFs(proc_root));
    const HealthSample now = collect_health_sample(
        ProcFs(proc_root), snapshot,
        {ProcessLimits::read, options.selection.selected("hidden-socket") && proc_root == "/proc"
                                  ? HiddenSocketProbe::on
                                  : HiddenSocketProbe::off});
    judge_against(earlier, now, health);
    if (baseline)
        health.thresholds.overrides = baseline->thresholds;
    const AuditFacts facts = build_audit_facts(snapshot);
    const NamespaceCollection namespaces = collect_namespace_snapshots(ProcFs(proc_root), snapshot);
    const std::vector<NamespaceSnapshot>& others = namespaces.others;
    if (!options.save_baseline.empty()) {
        std::string text = render_baseline(snapshot, facts);
        std::size_t listeners = facts.listeners.size();
        for (const NamespaceSnapshot& one : others) {
            AuditFacts ns_facts = build_audit_facts(one.snapshot);
            ns_facts.netns = one.netns.label;
            listeners += ns_facts.listeners.size();
            if (!ns_facts.listeners.empty())
                text += "\n# network namespace " + escape_baseline_field(one.netns.label) + "\n" +
                        render_baseline_listens(ns_facts);
        }
        // the one writer of --output: temporary file and rename, no symlink or foreign target
        auto written = write_file_atomically(options.save_baseline, text, FileCompression::none);
        if (!written) {
            output.write_err("netstat-audit audit: " + written.error() + "\n");
            return k_cannot_audit;
        }
        output.write_out("baseline of " + std::to_string(listeners) + " listeners written to " +
                         options.save_baseline + "\n");
        return 0;
    }
    const std::optional<KernelLog> kernel_log = collect_kernel_log(proc_root, options.kmsg);
    if (!options.kmsg.empty() && !kernel_log) {
        output.write_err("netstat-audit audit: cannot read kernel log " + options.kmsg + "\n");
        return k_cannot_audit;
    }
    const AuditContext context{
        snapshot, facts,  baseline ? &*baseline : nullptr, kernel_log ? &*kernel_log : nullptr,
        nullptr,  &health};
    std::vector<Finding> findings = run_audit(context, options.selection);
    // The kernel log and the health counters are the host's: namespace passes judge their own
    // sockets and processes.
    append_namespace_findings(others, baseline ? &*baseline : nullptr, options.selection, findings);
    const int status = audit_exit_status(findings, options.fail_on);
    if (!options.state_file.empty())
        if (auto written = write_file_atomically(options.state_file, render_health_state(now),
                                                 FileCompression::none);
            !written) {
            output.write_err("netstat-audit audit: " + written.error() + "\n");
            return k_cannot_audit;
        }
    const ReportNamespaces report_namespaces =
        build_report_namespaces(namespaces, snapshot.visibility);
    const AuditReport report{snapshot, facts,   findings,          options.fail_on,
                             status,   &health, &report_namespaces};
    if (options.json) {
        Output json = output; // lossless on a terminal too: controls become \u escapes
        json.out_bytes = json_control_bytes_for(output.out);
        json.write_out(render_audit_json(report));
    } else {
        const bool colour =
            !terminal.no_color_set &&
            (options.colour == ColourChoice::always ||
             (options.colour == ColourChoice::automatic && terminal.stdout_is_terminal));
        output.write_out(
            render_audit_text(report, {colour ? Colour::on : Colour::off, options.detail}));
    }
    return status;
}

bool is_audit_invocation(int argc, char** argv) {
    return argc >= 2 &&
           (std::strcmp(argv[1], "audit") == 0 || std::strcmp(argv[1], "--audit") == 0);
}

int run_audit_main(int argc, char** argv, const Output& output) {
    // The audit's messages name "netstat-audit" whatever argv[0] is.
    auto parse = [](const std::vector<std::string>& arguments, const std::string&) {
        AuditCommandLine command = parse_audit_command_line(arguments);
        command.err = with_newline(std::move(command.err));
        return command;
    };
    return run_subcommand_main(argc, argv, output, parse, [&](const AuditOptions& options) {
        const char* no_color = std::getenv("NO_COLOR");
        TerminalFacts terminal{::isatty(::fileno(output.out)) == 1,
                               no_color != nullptr && *no_color != '\0'};
        int status = run_audit(options, output, terminal);
        flush_failed(output.out); // a failure is reported by finish_run()
        return status;
    });
}

} // namespace netstat_audit
