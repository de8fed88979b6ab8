// libFuzzer entry for flowc::fuzz::Deploy (fuzz/targets.h).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return flowc::fuzz::Deploy(data, size);
}
