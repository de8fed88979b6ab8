// libFuzzer entry for flowc::fuzz::Check (fuzz/targets.h).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return flowc::fuzz::Check(data, size);
}
