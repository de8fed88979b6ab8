#include "base/own_files.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace flowc {
namespace {

namespace fs = std::filesystem;

class OwnFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "flowc-own-files-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string Path(const std::string& name) const { return (dir_ / name).string(); }
    static void Put(const std::string& path, const std::string& bytes) {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    static std::string Get(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    std::size_t EntryCount() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
    }

    fs::path dir_;
};

TEST_F(OwnFiles, ReadsARegularFileWhole) {
    Put(Path("a"), "abc\n");
    OwnFileRead read = ReadOwnFile(Path("a"), 100);
    EXPECT_EQ(read.outcome, OwnFileOutcome::kOk);
    EXPECT_EQ(read.bytes, "abc\n");
}

TEST_F(OwnFiles, MissingFileAndDanglingLinkAreMissing) {
    EXPECT_EQ(ReadOwnFile(Path("none"), 100).outcome, OwnFileOutcome::kMissing);
    fs::create_symlink(Path("none"), Path("link"));
    EXPECT_EQ(ReadOwnFile(Path("link"), 100).outcome, OwnFileOutcome::kMissing);
}

TEST_F(OwnFiles, RefusesDirectoriesFifosAndDevicesWithoutBlocking) {
    fs::create_directory(Path("d"));
    OwnFileRead dir = ReadOwnFile(Path("d"), 100);
    EXPECT_EQ(dir.outcome, OwnFileOutcome::kNotRegular);
    EXPECT_EQ(dir.reason, "is a directory, not a regular file");
    ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0600), 0);
    OwnFileRead fifo = ReadOwnFile(Path("fifo"), 100);  // would hang if it waited for a writer
    EXPECT_EQ(fifo.outcome, OwnFileOutcome::kNotRegular);
    EXPECT_EQ(fifo.reason, "is a FIFO, not a regular file");
    EXPECT_EQ(ReadOwnFile("/dev/full", 100).outcome, OwnFileOutcome::kNotRegular);
    EXPECT_EQ(ReadOwnFile("/dev/zero", 100).outcome, OwnFileOutcome::kNotRegular);
}

TEST_F(OwnFiles, CapsTheSize) {
    Put(Path("big"), std::string(101, 'x'));
    EXPECT_EQ(ReadOwnFile(Path("big"), 100).outcome, OwnFileOutcome::kTooLarge);
    EXPECT_EQ(ReadOwnFile(Path("big"), 101).outcome, OwnFileOutcome::kOk);
}

TEST_F(OwnFiles, WriteReplacesAtomicallyAndLeavesNoTemporary) {
    Put(Path("state"), "old");
    std::string error;
    ASSERT_TRUE(WriteOwnFile(Path("state"), "new", SpecialTarget::kRefuse, error)) << error;
    EXPECT_EQ(Get(Path("state")), "new");
    EXPECT_EQ(EntryCount(), 1u);
}

TEST_F(OwnFiles, WriteReplacesALinkInsteadOfFollowingIt) {
    Put(Path("outside"), "precious");
    fs::create_symlink(Path("outside"), Path("state"));
    std::string error;
    ASSERT_TRUE(WriteOwnFile(Path("state"), "new", SpecialTarget::kRefuse, error)) << error;
    EXPECT_EQ(Get(Path("outside")), "precious");
    EXPECT_FALSE(fs::is_symlink(Path("state")));
    EXPECT_EQ(Get(Path("state")), "new");
}

TEST_F(OwnFiles, TemporariesAreNewFilesUnderUnpredictableNames) {
    std::string first, second;
    int a = CreateTemporaryBeside(Path("x"), first);
    int b = CreateTemporaryBeside(Path("x"), second);
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    ::close(a);
    ::close(b);
    EXPECT_NE(first, second);
    EXPECT_NE(fs::path(first).filename().string().find(kTemporaryMarker), std::string::npos);
}

TEST_F(OwnFiles, WriteRefusesADirectoryAndLeavesItAlone) {
    fs::create_directory(Path("state"));
    std::string error;
    EXPECT_FALSE(WriteOwnFile(Path("state"), "x", SpecialTarget::kWriteThrough, error));
    EXPECT_NE(error.find("is a directory"), std::string::npos) << error;
    EXPECT_TRUE(fs::is_directory(Path("state")));
    EXPECT_EQ(EntryCount(), 1u);
}

TEST_F(OwnFiles, SpecialTargetIsRefusedOrWrittenIntoNeverReplaced) {
    std::string error;
    EXPECT_FALSE(WriteOwnFile("/dev/null", "x", SpecialTarget::kRefuse, error));
    EXPECT_NE(error.find("character device"), std::string::npos) << error;
    ASSERT_TRUE(WriteOwnFile("/dev/null", "x", SpecialTarget::kWriteThrough, error)) << error;
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(OwnFiles, AFullDeviceIsAnErrorNotACrash) {
    std::string error;
    EXPECT_FALSE(WriteOwnFile("/dev/full", "x", SpecialTarget::kWriteThrough, error));
    EXPECT_NE(error.find("/dev/full"), std::string::npos) << error;
}

}  // namespace
}  // namespace flowc
