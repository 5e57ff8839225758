// SPDX-License-Identifier: MIT
// The trigger's live parts: sampling /proc and netlink, the snapshot's audit and views, and a
// wait that SIGTERM/SIGINT interrupt.
#pragma once

#include "netstat_audit/source/netlink_sockets.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/trigger/trigger.hpp"

#include <memory>
#include <optional>

namespace netstat_audit {

// Samples Tcp RetransSegs/OutSegs (net/snmp), the TCP tables (TIME_WAIT, SYN_RECV, the p95 RTT
// and per-peer retransmissions of established connections) and the boot id under `proc`. The
// TCP tables stream row by row (memory does not grow with them) from netlink with tcp_info for
// the live kernel, else from /proc text (then no RTT: rtt and retrans-peer cannot fire).
class LiveTriggerSampler final : public TriggerSampler {
public:
    explicit LiveTriggerSampler(const ProcFs& proc);
    std::optional<TriggerSample> sample(std::string& error) override;

private:
    const ProcFs& m_proc;
    ProcSocketSource m_proc_source;
    std::optional<NetlinkSocketSource> m_netlink;
};

// Runs `netstat-audit audit --json` and the --json form of every view (sockets -tuwxanpe,
// interfaces -ia, routes -rn -A inet,inet6, statistics -s and -s6, groups -gn) in-process on
// `proc_root` (the audit with `baseline` when not empty): {"audit": {...}, "views":
// {"sockets": ..., ...}}.
class LiveSnapshotContent final : public SnapshotContent {
public:
    LiveSnapshotContent(std::string proc_root, std::string baseline)
        : m_proc_root(std::move(proc_root)), m_baseline(std::move(baseline)) {}
    Json collect() override;

private:
    std::string m_proc_root;
    std::string m_baseline;
};

// Sleeps in nanosleep() steps; SIGTERM and SIGINT (handlers installed for the object's life,
// without SA_RESTART) end the wait and every later one. SIGPIPE is ignored meanwhile.
class SignalWaiter final : public TriggerWaiter {
public:
    SignalWaiter();
    ~SignalWaiter() override;
    SignalWaiter(const SignalWaiter&) = delete;
    SignalWaiter& operator=(const SignalWaiter&) = delete;
    bool wait(double seconds) override;
    // True once SIGTERM or SIGINT arrived.
    static bool stop_requested();
};

} // namespace netstat_audit
