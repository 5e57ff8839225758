// SPDX-License-Identifier: MIT
// Tests for the audit presenters on snapshots built in code: escaping, colour, widths, JSON.
#include "netstat_audit/report/audit_report.hpp"
#include "netstat_audit/report/json_text.hpp"

#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/cli/audit_cli.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace netstat_audit;

namespace {

// A host with one listener owned by a process whose name carries a terminal escape.
Snapshot hostile_snapshot() {
    Snapshot s;
    s.host.hostname = "web\x1b]0;pwned\x07";
    s.host.kernel_release = "6.1.0";
    s.host.effective_uid = 0;
    s.visibility.root = true;
    FileTable<InetSocket> tcp;
    tcp.relative = "net/tcp";
    InetSocket socket;
    socket.local.address = make_ipv4(0, 0, 0, 0);
    socket.local.port = 4444;
    socket.state = 10;
    socket.inode = 77;
    tcp.parsed.rows.push_back(socket);
    s.sockets.tcp.push_back(tcp);
    ProcessInfo p;
    p.pid = 42;
    p.comm = "evil\x1b[2J";
    p.argv = {"evil\x1b[2J"};
    p.exe = "/tmp/\x9b"
            "31m (deleted)";
    p.exe_state = ExeState::known;
    p.effective_uid = 1000;
    p.cap_effective = 0;
    p.socket_fds = {{3, 77}};
    s.processes.push_back(p);
    return s;
}

struct Rendered {
    Snapshot snapshot;
    AuditFacts facts;
    std::vector<Finding> findings;
};

Rendered rendered(Snapshot s) {
    Rendered r{std::move(s), {}, {}};
    r.facts = build_audit_facts(r.snapshot);
    r.findings = run_audit({r.snapshot, r.facts, nullptr}, {});
    return r;
}

} // namespace

TEST(RenderAuditText, EscapesSystemStrings) {
    Rendered r = rendered(hostile_snapshot());
    AuditReport report{r.snapshot, r.facts, r.findings, Severity::warning, 2};
    std::string text = render_audit_text(report, {});
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\x9b'), std::string::npos);
    EXPECT_NE(text.find("evil\\x1b[2J"), std::string::npos);
    EXPECT_NE(text.find("web\\x1b]0;pwned\\x07"), std::string::npos);
}

TEST(RenderAuditText, ColourOnlyWhenAsked) {
    Rendered r = rendered(hostile_snapshot());
    AuditReport report{r.snapshot, r.facts, r.findings, Severity::warning, 2};
    std::string plain = render_audit_text(report, {Colour::off, Detail::collapsed});
    std::string coloured = render_audit_text(report, {Colour::on, Detail::collapsed});
    EXPECT_EQ(plain.find("\033["), std::string::npos);
    EXPECT_NE(coloured.find("\033[1;31mCRITICAL\033[0m"), std::string::npos);
}

TEST(RenderAuditText, HeaderSurfaceFindingsSummary) {
    Rendered r = rendered(hostile_snapshot());
    AuditReport report{r.snapshot, r.facts, r.findings, Severity::warning, 2};
    std::string text = render_audit_text(report, {});
    EXPECT_TRUE(text.starts_with("netstat-audit audit — web"));
    EXPECT_NE(
        text.find("Seen as root; 0 processes, 1 socket, 1 network namespace; nothing hidden."),
        std::string::npos);
    EXPECT_NE(text.find("\nLISTENING SURFACE\n"), std::string::npos);
    EXPECT_NE(text.find("tcp   0.0.0.0          4444 all       42     1000"), std::string::npos);
    EXPECT_NE(text.find("CRITICAL  deleted-executable"), std::string::npos);
    EXPECT_NE(text.find("— exit 2 (--fail-on warning"), std::string::npos);
}

TEST(RenderAuditText, CollapsesInfoFindingsUnlessVerbose) {
    Snapshot s;
    s.visibility.root = true;
    s.host.effective_uid = 0;
    FileTable<InetSocket> tcp;
    for (std::uint16_t port = 8000; port < 8006; ++port) {
        InetSocket socket;
        socket.local.address = make_ipv4(0, 0, 0, 0);
        socket.local.port = port;
        socket.state = 10;
        socket.inode = port;
        tcp.parsed.rows.push_back(socket);
    }
    s.sockets.tcp.push_back(tcp);
    Rendered r = rendered(std::move(s));
    AuditReport report{r.snapshot, r.facts, r.findings, Severity::warning, 0};
    std::string collapsed = render_audit_text(report, {Colour::off, Detail::collapsed});
    std::string all = render_audit_text(report, {Colour::off, Detail::everything});
    EXPECT_NE(collapsed.find("(3 more listener-all-interfaces: tcp 0.0.0.0:8003"),
              std::string::npos);
    EXPECT_EQ(all.find("more listener-all-interfaces"), std::string::npos);
    EXPECT_NE(all.find("tcp 0.0.0.0:8005"), std::string::npos);
}

TEST(RenderAuditJson, SameFindingsAsDataWithLosslessInvalidUtf8) {
    Rendered r = rendered(hostile_snapshot());
    AuditReport report{r.snapshot, r.facts, r.findings, Severity::warning, 2};
    auto doc = nlohmann::json::parse(render_audit_json(report));
    EXPECT_EQ(doc["schema_version"], k_audit_schema_version);
    EXPECT_EQ(doc["host"]["kernel"], "6.1.0");
    ASSERT_EQ(doc["findings"].size(), r.findings.size());
    EXPECT_EQ(doc["findings"][0]["id"], r.findings[0].id);
    EXPECT_EQ(doc["findings"][0]["subject"]["pid"], 42);
    EXPECT_EQ(doc["findings"][0]["subject"]["program"], "evil\x1b[2J");
    EXPECT_EQ(doc["listening"][0]["port"], 4444);
    EXPECT_EQ(doc["summary"]["exit_status"], 2);
    EXPECT_EQ(doc["document_type"], "audit");
    EXPECT_EQ(doc["host"]["os"]["kernel"], "6.1.0");
    EXPECT_TRUE(doc.contains("netstat_audit"));
    // The lone 0x9b is kept losslessly (json_text), not replaced by U+FFFD.
    std::string exe = doc["listening"][0]["holders"][0]["exe"];
    EXPECT_EQ(exe.find("\xef\xbf\xbd"), std::string::npos);
    EXPECT_NE(decode_json_text(exe).find('\x9b'), std::string::npos);
}

TEST(ParseAuditCommandLine, OptionsAndUsageErrors) {
    auto ok = parse_audit_command_line({"--proc-root", "/x", "--json", "--only",
                                        "raw-socket,memfd-executable", "--fail-on", "critical",
                                        "-v", "--no-color"});
    ASSERT_TRUE(ok.options);
    EXPECT_EQ(ok.options->proc_root, "/x");
    EXPECT_TRUE(ok.options->json);
    EXPECT_EQ(ok.options->selection.only,
              (std::vector<std::string>{"raw-socket", "memfd-executable"}));
    EXPECT_EQ(ok.options->fail_on, Severity::critical);
    EXPECT_EQ(ok.options->detail, Detail::everything);
    EXPECT_EQ(ok.options->colour, ColourChoice::never);
    for (auto args : std::vector<std::vector<std::string>>{
             {"--bogus"}, {"--fail-on", "x"}, {"--skip", "nope"}, {"--proc-root"}, {"extra"}}) {
        auto bad = parse_audit_command_line(args);
        EXPECT_FALSE(bad.options);
        EXPECT_EQ(bad.exit_status, 3) << args[0];
        EXPECT_FALSE(bad.err.empty());
    }
    auto help = parse_audit_command_line({"--help"});
    EXPECT_FALSE(help.options);
    EXPECT_EQ(help.exit_status, 0);
    EXPECT_NE(help.out.find("--baseline"), std::string::npos);
}

TEST(RunAudit, NoColorWinsOverColor) {
    AuditOptions options;
    options.proc_root = std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/audit/implant/proc";
    options.colour = ColourChoice::always;
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = ::open_memstream(&buffer, &size);
    int status = run_audit(options, Output{out, stderr}, TerminalFacts{true, true});
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    EXPECT_EQ(status, 2);
    EXPECT_EQ(text.find("\033["), std::string::npos);
}
