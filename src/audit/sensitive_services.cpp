// SPDX-License-Identifier: MIT
// The sensitive-service table: one row per service, documented in the man page (AUDIT).
#include "netstat_audit/audit/sensitive_services.hpp"

#include <array>

namespace netstat_audit {

namespace {

using enum Transport;

constexpr std::array k_services = {
    SensitiveService{23, 23, tcp, "telnet", "disable the telnet service (inetd/systemd socket)"},
    SensitiveService{111, 111, both, "rpcbind (portmapper)",
                     "rpcbind -h 127.0.0.1 or mask rpcbind.socket"},
    SensitiveService{135, 135, tcp, "MS-RPC endpoint mapper", "the service's bind address"},
    SensitiveService{137, 138, udp, "NetBIOS (Samba nmbd)",
                     "smb.conf: interfaces = lo, bind interfaces only = yes"},
    SensitiveService{139, 139, tcp, "NetBIOS session (SMB)",
                     "smb.conf: interfaces = lo, bind interfaces only = yes"},
    SensitiveService{445, 445, tcp, "SMB (Samba)",
                     "smb.conf: interfaces = lo, bind interfaces only = yes"},
    SensitiveService{512, 514, tcp, "rexec/rlogin/rsh", "remove the r-services"},
    SensitiveService{873, 873, tcp, "rsync daemon", "rsyncd.conf: address = 127.0.0.1"},
    SensitiveService{1433, 1433, tcp, "Microsoft SQL Server", "mssql-conf set network.ipaddress"},
    SensitiveService{1521, 1521, tcp, "Oracle listener", "listener.ora HOST"},
    SensitiveService{2049, 2049, both, "NFS", "/etc/exports and the firewall"},
    SensitiveService{2181, 2181, tcp, "ZooKeeper", "zoo.cfg: clientPortAddress"},
    SensitiveService{2375, 2376, tcp, "Docker Engine API",
                     "remove -H tcp:// from dockerd (use the UNIX socket)"},
    SensitiveService{2379, 2380, tcp, "etcd", "--listen-client-urls / --listen-peer-urls"},
    SensitiveService{3306, 3306, tcp, "MySQL/MariaDB", "my.cnf: bind-address = 127.0.0.1"},
    SensitiveService{3389, 3389, tcp, "RDP (xrdp)", "xrdp.ini: address"},
    SensitiveService{4369, 4369, tcp, "Erlang port mapper (epmd)", "ERL_EPMD_ADDRESS=127.0.0.1"},
    SensitiveService{5432, 5432, tcp, "PostgreSQL",
                     "postgresql.conf: listen_addresses = 'localhost'"},
    SensitiveService{5672, 5672, tcp, "AMQP (RabbitMQ)",
                     "rabbitmq.conf: listeners.tcp.default = 127.0.0.1:5672"},
    SensitiveService{5900, 5909, tcp, "VNC",
                     "the VNC server's -localhost option (tunnel over SSH)"},
    SensitiveService{5984, 5984, tcp, "CouchDB", "local.ini: bind_address = 127.0.0.1"},
    SensitiveService{6000, 6063, tcp, "X11", "start X with -nolisten tcp"},
    SensitiveService{6379, 6379, tcp, "Redis",
                     "redis.conf: bind 127.0.0.1 -::1, protected-mode yes"},
    SensitiveService{8086, 8086, tcp, "InfluxDB", "influxdb.conf: http bind-address"},
    SensitiveService{8500, 8500, tcp, "Consul HTTP API", "consul: client_addr = 127.0.0.1"},
    SensitiveService{8983, 8983, tcp, "Apache Solr", "SOLR_JETTY_HOST=127.0.0.1"},
    SensitiveService{9042, 9042, tcp, "Cassandra CQL", "cassandra.yaml: rpc_address"},
    SensitiveService{9092, 9092, tcp, "Kafka", "server.properties: listeners"},
    SensitiveService{9200, 9200, tcp, "Elasticsearch/OpenSearch HTTP",
                     "elasticsearch.yml: network.host: 127.0.0.1"},
    SensitiveService{9300, 9300, tcp, "Elasticsearch transport",
                     "elasticsearch.yml: transport.host"},
    SensitiveService{10250, 10250, tcp, "kubelet API",
                     "kubelet --address and --anonymous-auth=false"},
    SensitiveService{10255, 10255, tcp, "kubelet read-only API", "kubelet --read-only-port=0"},
    SensitiveService{11211, 11211, both, "Memcached", "memcached -l 127.0.0.1 -U 0"},
    SensitiveService{11300, 11300, tcp, "beanstalkd", "beanstalkd -l 127.0.0.1"},
    SensitiveService{15672, 15672, tcp, "RabbitMQ management", "rabbitmq.conf: management.tcp.ip"},
    SensitiveService{26379, 26379, tcp, "Redis Sentinel", "sentinel.conf: bind 127.0.0.1"},
    SensitiveService{27017, 27019, tcp, "MongoDB", "mongod.conf: net.bindIp: 127.0.0.1"},
};

bool covers(Transport transport, InetProtocol protocol) {
    switch (protocol) {
    case InetProtocol::tcp:
        return transport != udp;
    case InetProtocol::udp:
    case InetProtocol::udplite:
        return transport != tcp;
    case InetProtocol::raw:
        break;
    }
    return false;
}

} // namespace

std::span<const SensitiveService> sensitive_services() {
    return k_services;
}

const SensitiveService* find_sensitive_service(InetProtocol protocol, std::uint16_t port) {
    for (const SensitiveService& service : k_services)
        if (port >= service.first_port && port <= service.last_port &&
            covers(service.transport, protocol))
            return &service;
    return nullptr;
}

} // namespace netstat_audit
