// SPDX-License-Identifier: MIT
// Tests for --output's atomic replacement and gzip compression.
#include "netstat_audit/report/atomic_file.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace netstat_audit;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        m_path = fs::temp_directory_path() / ("atomic_file_test." + std::to_string(::getpid()) +
                                              "." + std::to_string(s_count++));
        fs::create_directories(m_path);
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(m_path), {}));
    }

private:
    static inline int s_count = 0;
    fs::path m_path;
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string gunzip(const std::string& bytes) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    char buffer[4096];
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    EXPECT_EQ(result, Z_STREAM_END);
    inflateEnd(&stream);
    return out;
}

} // namespace

TEST(CompressionFor, GzSuffix) {
    EXPECT_EQ(compression_for("/var/log/a.json.gz"), FileCompression::gzip);
    EXPECT_EQ(compression_for("/var/log/a.json"), FileCompression::none);
    EXPECT_EQ(compression_for("gz"), FileCompression::none);
}

TEST(WriteFileAtomically, CreatesAndReplacesLeavingNoTemporaryFile) {
    TempDir dir;
    const std::string path = dir.file("snapshot.json");
    ASSERT_TRUE(write_file_atomically(path, "first\n", FileCompression::none));
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_TRUE(write_file_atomically(path, "second\n", FileCompression::none));
    EXPECT_EQ(read(path), "second\n");
    EXPECT_EQ(dir.entries(), 1u);
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write); // the replaced file's mode
}

TEST(WriteFileAtomically, GzipIsAStreamZlibInflates) {
    TempDir dir;
    const std::string path = dir.file("snapshot.json.gz");
    std::string content;
    for (int i = 0; i < 20000; ++i)
        content += "{\"n\":" + std::to_string(i) + "}\n";
    ASSERT_TRUE(write_file_atomically(path, content, compression_for(path)));
    const std::string stored = read(path);
    ASSERT_GE(stored.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(stored[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>(stored[1]), 0x8b);
    EXPECT_LT(stored.size(), content.size());
    EXPECT_EQ(gunzip(stored), content);
    EXPECT_EQ(gunzip(gzip_bytes("")), "");
}

TEST(WriteFileAtomically, RefusesASymbolicLinkAndLeavesItsTargetAlone) {
    TempDir dir;
    const std::string target = dir.file("target");
    std::ofstream(target) << "keep";
    fs::create_symlink(target, dir.file("link"));
    auto result = write_file_atomically(dir.file("link"), "x", FileCompression::none);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().find("symbolic link"), std::string::npos);
    EXPECT_EQ(read(target), "keep");
    EXPECT_TRUE(fs::is_symlink(dir.file("link")));
}

TEST(WriteFileAtomically, RefusesADirectoryAndAMissingDirectory) {
    TempDir dir;
    fs::create_directories(dir.file("sub"));
    EXPECT_FALSE(write_file_atomically(dir.file("sub"), "x", FileCompression::none));
    auto result = write_file_atomically(dir.file("missing/a.json"), "x", FileCompression::none);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().find("No such file or directory"), std::string::npos);
}

TEST(WriteFileAtomically, RefusesACharacterDevice) {
    auto result = write_file_atomically("/dev/full", "x", FileCompression::none);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().find("not a regular file"), std::string::npos);
}
