#include "base/file_names.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(FileNames, ManifestInAnyCase) {
    EXPECT_TRUE(IsManifestStem("manifest"));
    EXPECT_TRUE(IsManifestStem("Manifest"));
    EXPECT_TRUE(IsManifestStem("MANIFEST"));
    EXPECT_FALSE(IsManifestStem("manifest_"));
    EXPECT_FALSE(IsManifestStem("Manifests"));
    EXPECT_FALSE(IsManifestStem("manifest.json"));
}

TEST(FileNames, WindowsDevicesInAnyCase) {
    for (const char* name : {"CON", "con", "Con", "PRN", "aux", "NUL", "COM0", "com9", "LPT0",
                             "lpt5", "CONIN$", "conout$", "Clock$"}) {
        EXPECT_TRUE(WindowsDeviceName(name)) << name;
    }
    EXPECT_EQ(WindowsDeviceName("nul"), "NUL");
    EXPECT_EQ(WindowsDeviceName("com\xC2\xB9"), "COM\xC2\xB9");  // COM¹
    EXPECT_EQ(WindowsDeviceName("LPT\xC2\xB3"), "LPT\xC2\xB3");  // LPT³
}

// Nothing appends `_` any more, so `CON_` is an ordinary name with a file of its own.
TEST(FileNames, NamesThatOnlyLookLikeDevices) {
    for (const char* name : {"CON_", "CONSOLE", "COM", "COM10", "LPT", "LPTA", "AUX1", "NUL_",
                             "XCON", "COM\xC2\xB4", "Main", ""}) {
        EXPECT_FALSE(WindowsDeviceName(name)) << name;
    }
}

}  // namespace
}  // namespace flowc
