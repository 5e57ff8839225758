// SPDX-License-Identifier: MIT
// Tests for the -p map: link and cmdline rules, escaping, the inode index, notices, and the walk
// over fixture trees built here (real symlinks) and over the live /proc while processes churn.
#include "netstat_audit/parse/socket_link.hpp"
#include "netstat_audit/source/process_map.hpp"
#include "netstat_audit/view/programs.hpp"

#include <gtest/gtest.h>

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace netstat_audit {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

// Whether a user other than the owner can traverse every directory from / down to `dir`.
bool others_can_reach(const fs::path& dir) {
    fs::path prefix;
    for (const fs::path& part : fs::absolute(dir)) {
        prefix /= part;
        struct stat info {};
        if (::stat(prefix.c_str(), &info) != 0 || (info.st_mode & S_IXOTH) == 0)
            return false;
    }
    return true;
}

// Where fixture trees go: the temporary directory, unless we are root and uid 65534 of the
// EACCES tests could not reach it (TMPDIR under a mode-700 home); then the first of /tmp,
// /var/tmp, /dev/shm it can reach (else the temporary directory, and those tests skip).
fs::path fixture_base() {
    fs::path temp = fs::temp_directory_path();
    if (::geteuid() != 0 || others_can_reach(temp))
        return temp;
    for (const char* candidate : {"/tmp", "/var/tmp", "/dev/shm"})
        if (others_can_reach(candidate))
            return candidate;
    return temp;
}

// A /proc stand-in in a temporary directory: pid dirs with cmdline files and fd symlinks.
class FixtureTree {
public:
    FixtureTree() {
        std::string pattern = (fixture_base() / "process_map_test.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        m_root = pattern;
        // readable by the unprivileged user of the EACCES tests
        fs::permissions(m_root, fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
    }
    FixtureTree(const FixtureTree&) = delete;
    FixtureTree& operator=(const FixtureTree&) = delete;
    ~FixtureTree() {
        std::error_code ignored;
        for (const auto& entry : fs::recursive_directory_iterator(m_root, ignored))
            if (entry.is_directory(ignored) && !entry.is_symlink(ignored))
                fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(m_root, ignored);
    }

    const fs::path& root() const { return m_root; }
    ProcFs proc() const { return ProcFs(m_root.string()); }

    // A process directory with `cmdline` (nullopt: no cmdline file) and an empty fd directory.
    void process(const std::string& pid, const std::optional<std::string>& cmdline) {
        fs::create_directories(m_root / pid / "fd");
        if (cmdline) {
            std::ofstream file(m_root / pid / "cmdline", std::ios::binary);
            file << *cmdline;
        }
    }
    void link(const std::string& pid, const std::string& fd, const std::string& target) {
        fs::create_symlink(target, m_root / pid / "fd" / fd);
    }
    void socket(const std::string& pid, const std::string& fd, std::uint64_t inode) {
        link(pid, fd, "socket:[" + std::to_string(inode) + "]");
    }
    // The all-digit entries of the root in readdir order: the order the walk must follow.
    std::vector<std::string> readdir_pids() const {
        std::vector<std::string> pids;
        DIR* dir = ::opendir(m_root.c_str());
        while (const dirent* entry = ::readdir(dir)) {
            std::string name = entry->d_name;
            if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos)
                pids.push_back(name);
        }
        ::closedir(dir);
        return pids;
    }

private:
    fs::path m_root;
};

std::string column(const ProcessMap& map, std::uint64_t inode) {
    return std::string(render_program_column(map, inode));
}

// --- pure rules ------------------------------------------------------------------------------

TEST(ParseSocketLink, BothFormsAndStrtoulBases) {
    EXPECT_EQ(parse_socket_link("socket:[12345]"), 12345u);
    EXPECT_EQ(parse_socket_link("[0000]:1010"), 1010u);
    EXPECT_EQ(parse_socket_link("socket:[0x1F]"), 31u);
    EXPECT_EQ(parse_socket_link("socket:[017]"), 15u);
    EXPECT_EQ(parse_socket_link("socket:[ 42]"), 42u); // strtoul skips leading blanks
    EXPECT_EQ(parse_socket_link("[0000]:0x10"), 16u);
    EXPECT_EQ(parse_socket_link("socket:[4294967296000]"), 4294967296000u);
}

TEST(ParseSocketLink, RejectsWhatNetstatRejects) {
    EXPECT_EQ(parse_socket_link("socket:[1]"), std::nullopt); // netstat wants >= 11 bytes
    EXPECT_EQ(parse_socket_link("socket:[12]"), 12u);
    EXPECT_EQ(parse_socket_link("socket:[08]"), std::nullopt); // octal stops at 8
    EXPECT_EQ(parse_socket_link("socket:[12"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[12x]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[0x]"), std::nullopt); // strtoul stops before the x
    EXPECT_EQ(parse_socket_link("[0000]:-0X"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[42 ]"), std::nullopt); // a trailing blank is left
    EXPECT_EQ(parse_socket_link("socket:[-1]"), std::nullopt);  // ULONG_MAX
    EXPECT_EQ(parse_socket_link("socket:[18446744073709551615]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[99999999999999999999]"), std::nullopt); // overflow
    EXPECT_EQ(parse_socket_link("[0000]:"), std::nullopt);
    EXPECT_EQ(parse_socket_link("pipe:[123]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("anon_inode:[eventpoll]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("/dev/null"), std::nullopt);
    EXPECT_EQ(parse_socket_link(""), std::nullopt);
}

TEST(ParseSocketLink, OnlyTheFirst29BytesCount) {
    // 30 bytes: the cut loses the closing bracket
    EXPECT_EQ(parse_socket_link("socket:[" + std::string(21, '1') + "]"), std::nullopt);
    // the old form keeps its first 22 digits
    EXPECT_EQ(parse_socket_link("[0000]:" + std::string(22, '0') + "777"), 0u);
    EXPECT_EQ(parse_socket_link("[0000]:1234567890123456789"), 1234567890123456789u);
}

TEST(ProgramNameFromCmdline, SpecExamples) {
    EXPECT_EQ(program_name_from_cmdline("/usr/sbin/sshd\0-D\0"s), "sshd");
    EXPECT_EQ(program_name_from_cmdline("sshd: alice@pts/0\0\0\0"s), "sshd: alice@pts/0");
    EXPECT_EQ(program_name_from_cmdline("/opt/x/y z/prog with space\0"s), "prog with space");
    EXPECT_EQ(program_name_from_cmdline("/usr/bin/\0"s), "");
    EXPECT_EQ(program_name_from_cmdline("relative/path/tool\0x\0"s), "relative/path/tool");
    EXPECT_EQ(program_name_from_cmdline(""), "");
    EXPECT_EQ(program_name_from_cmdline("no-nul-terminator"), "no-nul-terminator");
    EXPECT_EQ(program_name_from_cmdline("\0/usr/bin/x\0"s), ""); // argv[0] only
}

TEST(RenderProgramText, SpecTable) {
    EXPECT_EQ(render_program_text("1234", "/usr/sbin/sshd"), "1234/sshd");
    EXPECT_EQ(render_program_text("2345", "sshd: alice@pts/0"), "2345/sshd: alice@pt");
    EXPECT_EQ(render_program_text("3456", "/usr/bin/python3"), "3456/python3");
    EXPECT_EQ(render_program_text("4567", ""), "4567/");
    EXPECT_EQ(render_program_text("5678", "averyveryverylongprogramname"), "5678/averyveryveryl");
    EXPECT_EQ(render_program_text("123456", "/usr/lib/systemd/systemd-resolved"),
              "123456/systemd-reso");
    EXPECT_EQ(render_program_text("0042", "x"), "0042/x"); // the entry name, not a number
}

TEST(RenderProgramText, Utf8StaysRawEvenWhenTheCutSplitsACharacter) {
    EXPECT_EQ(render_program_text("7", "/bin/\xc3\xa9t\xc3\xa9"), "7/\xc3\xa9t\xc3\xa9");
    // "1234567/" + 11 bytes: the cut leaves the first byte of the euro sign
    EXPECT_EQ(render_program_text("1234567", "abcdefghij\xe2\x82\xac"), "1234567/abcdefghij\xe2");
    EXPECT_EQ(render_program_text("123456", "abcdefghij\xe2\x82\xac"), "123456/abcdefghij\xe2\x82");
}

TEST(RenderProgramText, EscapesAfterTheCut) {
    EXPECT_EQ(render_program_text("54", "/bin/tab\tname"), "54/tab\\x09name");
    // 19 raw bytes are kept, then escaped: the text grows beyond 19
    EXPECT_EQ(render_program_text("1", "\x1b[2J\x1b[31mred-alert-x"),
              "1/\\x1b[2J\\x1b[31mred-aler");
}

TEST(EscapeProgramText, PrintableTextIsUnchanged) {
    for (std::string text : {"sshd: alice@pts/0"s, "prog with space"s, "back\\slash"s, ""s,
                             "\xc3\xa9t\xc3\xa9-\xff"s, "\xe4\xb8\xad\xe6\x96\x87"s,
                             "\xf0\x9f\x90\xa7 tux"s, "nbsp\xc2\xa0"s, "latin1 \xe9\xa0"s})
        EXPECT_EQ(escape_program_text(text), text) << text;
}

TEST(EscapeProgramText, ControlBytes) {
    EXPECT_EQ(escape_program_text("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");
    EXPECT_EQ(escape_program_text("a\nb\rc"), "a\\x0ab\\x0dc");
    EXPECT_EQ(escape_program_text("del\x7f"), "del\\x7f");
    EXPECT_EQ(escape_program_text("\x01"), "\\x01");
}

TEST(EscapeProgramText, C1ControlsRawAndUtf8Encoded) {
    EXPECT_EQ(escape_program_text("\x9b"
                                  "31m"),
              "\\x9b31m"); // 8-bit CSI
    EXPECT_EQ(escape_program_text("\xc2\x9b"
                                  "31m"),
              "\\xc2\\x9b31m"); // U+009B
    EXPECT_EQ(escape_program_text("\xc2\x85"), "\\xc2\\x85");
    // 0x80-0x9f as continuation bytes of real characters stay
    EXPECT_EQ(escape_program_text("\xe2\x82\xac"), "\xe2\x82\xac");
    // a broken sequence: the stray continuation is escaped, the lead byte kept
    EXPECT_EQ(escape_program_text("\xe2x\x82"), "\xe2x\\x82");
}

TEST(InodeOwnerIndex, FirstInsertWinsAndGrows) {
    InodeOwnerIndex index;
    EXPECT_FALSE(index.find(5));
    EXPECT_TRUE(index.insert(5, 1));
    EXPECT_FALSE(index.insert(5, 2));
    EXPECT_TRUE(index.insert(0, 3)); // inode 0 is a key like any other
    for (std::uint64_t inode = 1000; inode < 101000; ++inode)
        ASSERT_TRUE(index.insert(inode, static_cast<std::uint32_t>(inode % 7)));
    EXPECT_EQ(index.size(), 100002u);
    EXPECT_EQ(index.find(5), 1u);
    EXPECT_EQ(index.find(0), 3u);
    EXPECT_EQ(index.find(55555), 55555u % 7);
    EXPECT_FALSE(index.find(101000));
}

TEST(RenderProcessMapNotice, ThreeCases) {
    ProcessMap map;
    EXPECT_EQ(render_process_map_notice(map, 1000), "");
    map.access_denied = true;
    EXPECT_EQ(render_process_map_notice(map, 1000),
              "(No info could be read for \"-p\": geteuid()=1000 but you should be root.)\n");
    add_socket_owner(map, "1", "init", 77);
    EXPECT_EQ(render_process_map_notice(map, 1000),
              "(Not all processes could be identified, non-owned process info\n"
              " will not be shown, you would have to be root to see it all.)\n");
    ProcessMap unreadable;
    unreadable.proc_unreadable = true;
    EXPECT_EQ(render_process_map_notice(unreadable, 0),
              "(No info could be read for \"-p\": geteuid()=0 but you should be root.)\n");
}

TEST(RenderProgramColumn, DashWithoutOwner) {
    ProcessMap map;
    add_socket_owner(map, "10", "/bin/a", 100);
    add_socket_owner(map, "20", "/bin/b", 100); // later holder ignored
    add_socket_owner(map, "20", "/bin/b", 200);
    EXPECT_EQ(column(map, 100), "10/a");
    EXPECT_EQ(column(map, 200), "20/b");
    EXPECT_EQ(column(map, 300), "-");
}

// --- the walk on fixture trees ---------------------------------------------------------------

TEST(BuildProcessMap, NetstatRulesOnAFixtureTree) {
    FixtureTree tree;
    tree.process("1234", "/usr/sbin/sshd\0-D\0"s);
    tree.socket("1234", "3", 1001);
    tree.link("1234", "0", "/dev/null");
    tree.link("1234", "1", "pipe:[1002]");
    tree.process("2345", "sshd: alice@pts/0\0\0\0"s);
    tree.socket("2345", "4", 1003);
    tree.process("4567", ""); // zombie or kernel thread: empty name
    tree.socket("4567", "5", 1005);
    tree.process("6789", "/opt/x/y z/prog with space\0"s);
    tree.socket("6789", "3", 1009);
    tree.process("8901", "/bin/oldstyle\0"s);
    tree.link("8901", "3", "[0000]:1010");
    tree.process("9000", "/bin/names\0"s);
    tree.socket("9000", "x7", 1011);    // not digit-led: ignored
    tree.socket("9000", "7x", 1012);    // digit-led: read
    tree.process("9100", std::nullopt); // no cmdline: its sockets stay unattributed
    tree.socket("9100", "3", 1013);
    tree.process("9200", "/bin/ctl\x1b[31m\0"s);
    tree.socket("9200", "3", 1014);
    fs::create_directories(tree.root() / "self" / "fd"); // non-numeric entries are ignored
    tree.socket("self", "3", 1015);
    fs::create_directories(tree.root() / "9300"); // no fd directory: skipped silently

    ProcessMap map = build_process_map(tree.proc(), ProcessWalkOptions{1});
    EXPECT_EQ(column(map, 1001), "1234/sshd");
    EXPECT_EQ(column(map, 1002), "-");
    EXPECT_EQ(column(map, 1003), "2345/sshd: alice@pt");
    EXPECT_EQ(column(map, 1005), "4567/");
    EXPECT_EQ(column(map, 1009), "6789/prog with spac");
    EXPECT_EQ(column(map, 1010), "8901/oldstyle");
    EXPECT_EQ(column(map, 1011), "-");
    EXPECT_EQ(column(map, 1012), "9000/names");
    EXPECT_EQ(column(map, 1013), "-");
    EXPECT_EQ(column(map, 1014), "9200/ctl\\x1b[31m");
    EXPECT_EQ(column(map, 1015), "-");
    EXPECT_FALSE(map.access_denied);
    EXPECT_FALSE(map.proc_unreadable);
    EXPECT_EQ(render_process_map_notice(map, 0), "");
}

TEST(BuildProcessMap, CmdlineThatCannotBeReadSkipsTheProcess) {
    FixtureTree tree;
    tree.process("10", std::nullopt);
    fs::create_directories(tree.root() / "10" / "cmdline"); // read() fails with EISDIR
    tree.socket("10", "3", 500);
    tree.socket("10", "4", 501);
    tree.process("11", "/bin/next\0"s);
    tree.socket("11", "3", 501);
    ProcessMap map = build_process_map(tree.proc(), ProcessWalkOptions{1});
    EXPECT_EQ(column(map, 500), "-");
    EXPECT_EQ(column(map, 501), "11/next");
}

TEST(BuildProcessMap, LongCmdlineUsesAtMost511Bytes) {
    FixtureTree tree;
    tree.process("5", std::string(600, 'a')); // no NUL within the first 511 bytes
    tree.socket("5", "3", 900);
    tree.process("6", "/a/" + std::string(520, 'b') + "/tool\0"s); // cut before the last '/'
    tree.socket("6", "3", 901);
    ProcessMap map = build_process_map(tree.proc(), ProcessWalkOptions{1});
    EXPECT_EQ(column(map, 900), "5/aaaaaaaaaaaaaaaaa");
    EXPECT_EQ(column(map, 901), "6/bbbbbbbbbbbbbbbbb");
    ASSERT_EQ(map.owners.size(), 2u);
    EXPECT_EQ(map.owners[1].argv0.size(), 511u);
}

TEST(BuildProcessMap, FirstProcessInReaddirOrderWinsWithAnyThreadCount) {
    FixtureTree tree;
    std::mt19937 random(42);
    for (int pid = 1; pid <= 300; ++pid) {
        std::string name = std::to_string(pid * 37 % 1000 + 1);
        tree.process(name, "/bin/p" + name + "\0"s);
        for (int fd = 0; fd < 6; ++fd)
            tree.socket(name, std::to_string(fd + 3), 10000 + random() % 400); // many shared
    }
    const std::vector<std::string> order = tree.readdir_pids();
    // expected: scan in readdir order, first holder wins
    std::map<std::uint64_t, std::string> expected;
    for (const std::string& pid : order)
        for (const auto& entry : fs::directory_iterator(tree.root() / pid / "fd")) {
            auto inode = parse_socket_link(fs::read_symlink(entry.path()).string());
            expected.try_emplace(*inode, render_program_text(pid, "/bin/p" + pid));
        }
    for (unsigned threads : {1u, 2u, 3u, 8u, 0u}) {
        ProcessMap map = build_process_map(tree.proc(), ProcessWalkOptions{threads});
        EXPECT_EQ(map.by_inode.size(), expected.size()) << threads;
        for (const auto& [inode, text] : expected)
            ASSERT_EQ(column(map, inode), text) << "inode " << inode << ", threads " << threads;
        for (std::size_t i = 1; i < map.owners.size(); ++i) // owners keep /proc order
            ASSERT_LT(std::find(order.begin(), order.end(), map.owners[i - 1].pid),
                      std::find(order.begin(), order.end(), map.owners[i].pid));
    }
}

TEST(BuildProcessMap, MissingRootIsUnreadable) {
    ProcessMap map = build_process_map(ProcFs("/nonexistent/process_map_test"));
    EXPECT_TRUE(map.proc_unreadable);
    EXPECT_EQ(render_process_map_notice(map, 1000),
              "(No info could be read for \"-p\": geteuid()=1000 but you should be root.)\n");
}

TEST(StartProcessMap, SameResultAsTheSynchronousWalk) {
    FixtureTree tree;
    tree.process("1", "/sbin/init\0"s);
    tree.socket("1", "3", 42);
    auto walk = start_process_map(tree.proc());
    ProcessMap map = walk.get();
    EXPECT_EQ(column(map, 42), "1/init");
}

// --- EACCES: real permission checks, as an unprivileged user when the tests run as root --------

struct DeniedWalk {
    bool access_denied = false;
    std::string columns; // column of inodes 11..13, ';'-separated
    std::string notice;
};

// Runs the walk as uid/gid 65534 in a child process when we are root (root ignores the mode
// bits), else right here.
DeniedWalk walk_unprivileged(const FixtureTree& tree) {
    auto run = [&] {
        ProcessMap map = build_process_map(tree.proc(), ProcessWalkOptions{2});
        return DeniedWalk{map.access_denied,
                          column(map, 11) + ";" + column(map, 12) + ";" + column(map, 13),
                          render_process_map_notice(map, ::geteuid())};
    };
    if (::geteuid() != 0)
        return run();
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0)
        throw std::runtime_error("pipe failed");
    pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        if (::setgroups(0, nullptr) != 0 || ::setresgid(65534, 65534, 65534) != 0 ||
            ::setresuid(65534, 65534, 65534) != 0)
            ::_exit(3);
        DeniedWalk result = run();
        std::string text = std::string(result.access_denied ? "1" : "0") + "\n" + result.columns +
                           "\n" + result.notice;
        ssize_t ignored = ::write(pipe_fds[1], text.data(), text.size());
        (void)ignored;
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    std::string text;
    char buffer[512];
    for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, static_cast<std::size_t>(got));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("unprivileged walk failed");
    std::size_t first = text.find('\n');
    std::size_t second = text.find('\n', first + 1);
    return DeniedWalk{text[0] == '1', text.substr(first + 1, second - first - 1),
                      text.substr(second + 1)};
}

TEST(BuildProcessMap, UnreadableFdDirectorySetsAccessDenied) {
    FixtureTree tree;
    tree.process("100", "/bin/visible\0"s);
    tree.socket("100", "3", 11);
    tree.process("200", "/bin/hidden\0"s);
    tree.socket("200", "3", 12);
    fs::permissions(tree.root() / "200" / "fd", fs::perms::none);
    tree.process("300", "/bin/also-visible\0"s);
    tree.socket("300", "3", 13);
    if (::geteuid() == 0 && !others_can_reach(tree.root()))
        GTEST_SKIP() << "uid 65534 cannot reach " << tree.root()
                     << " (nor /tmp, /var/tmp, /dev/shm)";
    DeniedWalk result = walk_unprivileged(tree);
    EXPECT_TRUE(result.access_denied);
    EXPECT_EQ(result.columns, "100/visible;-;300/also-visible");
    EXPECT_EQ(result.notice, "(Not all processes could be identified, non-owned process info\n"
                             " will not be shown, you would have to be root to see it all.)\n");
}

TEST(BuildProcessMap, NothingReadableGivesTheNoInfoNotice) {
    FixtureTree tree;
    tree.process("100", "/bin/hidden\0"s);
    tree.socket("100", "3", 11);
    // no permission for anyone but root: as a non-root owner too (the tests run in-process then)
    fs::permissions(tree.root() / "100" / "fd", fs::perms::none);
    tree.process("200", "/bin/no-sockets\0"s); // readable, but holds no socket
    tree.link("200", "0", "/dev/null");
    if (::geteuid() == 0 && !others_can_reach(tree.root()))
        GTEST_SKIP() << "uid 65534 cannot reach " << tree.root()
                     << " (nor /tmp, /var/tmp, /dev/shm)";
    DeniedWalk result = walk_unprivileged(tree);
    EXPECT_TRUE(result.access_denied);
    EXPECT_EQ(result.columns, "-;-;-");
    const std::string uid = ::geteuid() == 0 ? "65534" : std::to_string(::geteuid());
    EXPECT_EQ(result.notice, "(No info could be read for \"-p\": geteuid()=" + uid +
                                 " but you should be root.)\n");
}

// --- live /proc: fd probing against listing --------------------------------------------------

// On a real procfs the walk tries fd numbers instead of listing /proc/PID/fd; both must find
// the same sockets of this process, including ones at sparse, high fd numbers (below 1024, the
// usual soft RLIMIT_NOFILE).
TEST(BuildProcessMapLive, ProbingFdNumbersFindsWhatListingFinds) {
    struct rlimit limit {};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_cur < 1024)
        GTEST_SKIP() << "needs fd numbers up to 1000; the soft RLIMIT_NOFILE is " << limit.rlim_cur;
    std::vector<int> fds;
    std::vector<std::uint64_t> inodes;
    for (int i = 0; i < 40; ++i) {
        int pair[2];
        ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        fds.insert(fds.end(), {pair[0], pair[1]});
    }
    for (int target : {500, 501, 800}) { // a sparse tail beyond the probing budget
        int fd = ::fcntl(fds[static_cast<std::size_t>(target % 7)], F_DUPFD_CLOEXEC, target);
        ASSERT_GE(fd, target);
        fds.push_back(fd);
    }
    int far[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, far), 0);
    ASSERT_EQ(::dup3(far[0], 1000, O_CLOEXEC), 1000);
    fds.insert(fds.end(), {far[0], far[1], 1000});
    for (int fd : fds) {
        struct stat info {};
        ASSERT_EQ(::fstat(fd, &info), 0);
        inodes.push_back(info.st_ino);
    }
    ProcessMap probed = build_process_map(ProcFs("/proc"), {1, FdEnumeration::automatic});
    ProcessMap listed = build_process_map(ProcFs("/proc"), {1, FdEnumeration::listing});
    const std::string self = std::to_string(::getpid()) + "/";
    for (std::uint64_t inode : inodes) {
        EXPECT_TRUE(column(probed, inode).starts_with(self)) << inode;
        EXPECT_EQ(column(probed, inode), column(listed, inode)) << inode;
    }
    for (int fd : fds)
        ::close(fd);
}

// --- live /proc: processes start and exit during the walk ------------------------------------

// Children that each hold a socket pair and exit after a random short life, replaced by new
// ones, while the walk runs again and again. Checks only what must hold whatever the timing:
// no crash, no access_denied as root, every surviving child that finished setting up and
// outlives the walk is found. Bounded: 40 walks, at most 32 children alive.
TEST(BuildProcessMapLive, ProcessesComingAndGoingDuringTheWalk) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to see every process's fds";
    constexpr int k_children = 32;
    std::vector<pid_t> children;
    auto spawn = [&](int lifetime_ms) {
        int ready[2];
        if (::pipe(ready) != 0)
            return;
        pid_t child = ::fork();
        if (child == 0) {
            int pair[2];
            if (::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
                ::_exit(1);
            char byte = 1;
            ssize_t ignored = ::write(ready[1], &byte, 1);
            (void)ignored;
            ::usleep(static_cast<useconds_t>(lifetime_ms) * 1000);
            ::_exit(0);
        }
        ::close(ready[1]);
        char byte = 0;
        ssize_t ignored = ::read(ready[0], &byte, 1);
        (void)ignored;
        ::close(ready[0]);
        children.push_back(child);
    };
    // one long-lived child that must always be found
    int pair[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    struct stat info {};
    ASSERT_EQ(::fstat(pair[0], &info), 0);
    const std::uint64_t own_inode = info.st_ino;
    std::mt19937 random(7);
    for (int round = 0; round < 40; ++round) {
        while (children.size() < k_children)
            spawn(static_cast<int>(random() % 20));
        ProcessMap map = build_process_map(ProcFs("/proc"), ProcessWalkOptions{2});
        EXPECT_FALSE(map.access_denied);
        EXPECT_FALSE(map.proc_unreadable);
        auto owner = map.by_inode.find(own_inode);
        ASSERT_TRUE(owner) << "round " << round;
        // this test process, or a child forked with the pair inherited and earlier in /proc
        EXPECT_NE(map.owners[*owner].column, "-");
        // reap whatever exited, keep the rest
        std::erase_if(children,
                      [](pid_t child) { return ::waitpid(child, nullptr, WNOHANG) == child; });
    }
    for (pid_t child : children) {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }
    ::close(pair[0]);
    ::close(pair[1]);
}

} // namespace
} // namespace netstat_audit
