// SPDX-License-Identifier: MIT
// The health, capacity, routing and hardening checks (audit part 2): one check_* per rule id,
// listed in the catalogue of rules.cpp. Counter checks read AuditContext::health and stay quiet
// without it; routing and hardening checks read the Snapshot.
#pragma once

#include "netstat_audit/audit/rules.hpp"

namespace netstat_audit {

void check_tcp_retransmission_rate(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_interface_errors(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_time_wait_pressure(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_close_wait_buildup(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_listen_queue_overflow(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_syn_flood(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_ephemeral_port_exhaustion(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_tcp_errors(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_udp_buffer_errors(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_orphan_sockets(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_tcp_memory_pressure(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_conntrack_table_full(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_fd_exhaustion(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_stuck_queue(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_no_default_route(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_multiple_default_routes(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_gateway_unreachable(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_ip_forwarding_enabled(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_hidden_socket(const AuditContext&, const Rule&, std::vector<Finding>&);
void check_sysctl_hardening(const AuditContext&, const Rule&, std::vector<Finding>&);

} // namespace netstat_audit
