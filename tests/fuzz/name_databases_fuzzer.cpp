// SPDX-License-Identifier: MIT
// libFuzzer target: a capture's /etc name databases (selector % 5): passwd, services,
// protocols, hosts, networks.
#include "fuzz_input.hpp"

#include "netstat_audit/parse/name_databases.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    NameDatabases databases;
    switch (input.take_selector() % 5) {
    case 0:
        parse_passwd(input.text(), databases);
        break;
    case 1:
        parse_services(input.text(), databases);
        break;
    case 2:
        parse_protocols(input.text(), databases);
        break;
    case 3:
        parse_hosts(input.text(), databases);
        break;
    default:
        parse_networks(input.text(), databases);
        break;
    }
    return 0;
}
