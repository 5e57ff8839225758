// SPDX-License-Identifier: MIT
// Tests for the lossless JSON text encoding and the metadata every record carries.
#include "netstat_audit/report/json_metadata.hpp"
#include "netstat_audit/report/json_text.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (int value : values)
        out += static_cast<char>(value);
    return out;
}

} // namespace

TEST(EncodeJsonText, KeepsValidUtf8AsIs) {
    const std::string text = "/run/caf\xc3\xa9/\xe2\x82\xac/\xf0\x9f\x98\x80.sock";
    EXPECT_EQ(encode_json_text(text), text);
}

TEST(EncodeJsonText, ControlBytesQuotesAndBackslashesUseJsonEscapes) {
    const std::string text = std::string("a\"b\\c\x01\x1b[0m\n", 11) + std::string(1, '\0');
    EXPECT_EQ(dump_json_line(json_text(text)), "\"a\\\"b\\\\c\\u0001\\u001b[0m\\n\\u0000\"");
}

TEST(EncodeJsonText, InvalidBytesBecomePrivateUseCodePoints) {
    // 0xff and a lone continuation byte 0x80: U+EFFF and U+EF80.
    EXPECT_EQ(encode_json_text(bytes({'a', 0xff, 0x80, 'b'})), "a\xee\xbf\xbf\xee\xbe\x80"
                                                               "b");
}

TEST(EncodeJsonText, RejectsOverlongsSurrogatesAndTruncatedSequences) {
    // c0 af (overlong '/'), ed a0 80 (U+D800), e2 82 (cut short at the end).
    const std::string input = bytes({0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82});
    const std::string encoded = encode_json_text(input);
    EXPECT_EQ(encoded.size(), 7u * 3u); // one private-use code point per byte
    EXPECT_EQ(decode_json_text(encoded), input);
}

TEST(EncodeJsonText, LiteralPrivateUseCodePointsAreEscapedToStayReversible) {
    const std::string literal = "\xee\xbe\x80"; // U+EF80 in the input
    const std::string encoded = encode_json_text(literal);
    EXPECT_NE(encoded, literal);
    EXPECT_EQ(decode_json_text(encoded), literal);
    EXPECT_EQ(encode_json_text("\xee\xbd\xbf"), "\xee\xbd\xbf"); // U+EF7F is outside the range
}

TEST(EncodeJsonText, EveryByteRoundTripsThroughJson) {
    std::string all;
    for (int value = 0; value < 256; ++value)
        all += static_cast<char>(value);
    all += "\xc3\xa9\xee\xbf\xbf";
    const std::string line = dump_json_line(json_text(all));
    const Json parsed = Json::parse(line); // strict: valid UTF-8 throughout
    EXPECT_EQ(decode_json_text(parsed.get<std::string>()), all);
}

TEST(FormatTimestamp, Rfc3339WithMicroseconds) {
    EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000000Z");
    EXPECT_EQ(format_timestamp(1'796'131'728'123'456'789), "2026-12-01T13:28:48.123456Z");
}

TEST(JsonMetadata, CarriesHostCollectionAndVisibility) {
    HostInfo host;
    host.hostname = "web1";
    host.kernel_release = "6.1.0-13-amd64";
    host.boot_id = "0b8c3a54-6c2e-4c55-a3a0-5f7e8e9d0c11";
    host.collected_at_unix_ns = 1'000'000'000;
    host.collection_duration_ns = 2500;
    host.effective_uid = 1000;
    Visibility visibility;
    visibility.processes_seen = 12;
    visibility.processes_unreadable = 3;
    visibility.processes_vanished = 1;
    visibility.notes = {"not run as root"};
    const Json json = json_metadata(host, visibility);
    EXPECT_EQ(dump_json_line(json),
              R"({"@timestamp":"1970-01-01T00:00:01.000000Z","event":{"start":)"
              R"("1970-01-01T00:00:01.000000Z","duration":2500},"host":{"name":"web1",)"
              R"("hostname":"web1","os":{"kernel":"6.1.0-13-amd64"},"boot":{"id":)"
              R"("0b8c3a54-6c2e-4c55-a3a0-5f7e8e9d0c11"}},"observer":{"product":"netstat-audit",)"
              R"("version":")" NETSTAT_AUDIT_TEST_VERSION R"(","type":"host"},"netstat_audit":{)"
              R"("collection":{"offline":false,"effective_uid":1000},"visibility":{)"
              R"("complete":false,"root":false,"hidepid":false,"processes_seen":12,)"
              R"("processes_unreadable":3,"processes_vanished":1,"notes":["not run as root"]}}})");
}

TEST(JsonMetadata, EmptyHostFieldsAreLeftOut) {
    const Json json = to_json(HostInfo{});
    EXPECT_EQ(dump_json_line(json["host"]), "{}");
}

TEST(JsonRecord, MergesMetadataAndNamesTheRecordType) {
    const Json metadata = json_metadata(HostInfo{}, Visibility{});
    const Json record = Json{{"source", {{"port", 22}}}, {"netstat_audit", {{"socket", {}}}}};
    const Json json = json_record("socket", metadata, record);
    EXPECT_EQ(json["event"]["dataset"], "netstat_audit.socket");
    EXPECT_EQ(json["event"]["kind"], "state");
    EXPECT_EQ(json["event"]["duration"], 0);
    EXPECT_EQ(json["netstat_audit"]["schema_version"], k_json_schema_version);
    EXPECT_EQ(json["netstat_audit"]["record_type"], "socket");
    EXPECT_TRUE(json["netstat_audit"].contains("visibility"));
    EXPECT_EQ(json["source"]["port"], 22);
}

TEST(JsonDocument, StartsWithSchemaVersion) {
    const Json json = json_document("routes", json_metadata(HostInfo{}, Visibility{}));
    EXPECT_EQ(json.begin().key(), "schema_version");
    EXPECT_EQ(json["document_type"], "routes");
    EXPECT_EQ(json["event"]["dataset"], "netstat_audit.routes");
}

TEST(DumpJsonLine, UnicodeLineBreaksAndC1ControlsAreEscaped) {
    const std::string text = "a\xc2\x85"
                             "b\xe2\x80\xa8"
                             "c\xe2\x80\xa9\xc2\x9b\xc2\xa0";
    const std::string line = dump_json_line(json_text(text));
    EXPECT_EQ(line, "\"a\\u0085b\\u2028c\\u2029\\u009b\xc2\xa0\"");
    EXPECT_EQ(Json::parse(line).get<std::string>(), text);
}
