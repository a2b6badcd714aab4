#pragma once
// One libFuzzer entry point per reader. A reader may accept its input or reject it with an
// InputError; anything else (another exception, a crash, a sanitizer report, a hang) is a finding.
#include "common/InputError.h"

#include <cstddef>
#include <cstdint>
#include <string>

#define KIRCHHOFF_FUZZ_TARGET(bytes)                                                                                    \
    static void fuzzOne(const std::string& bytes);                                                                       \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)                                  \
    {                                                                                                                    \
        try {                                                                                                            \
            fuzzOne(std::string(reinterpret_cast<const char*>(data), size));                                            \
        } catch (const kh::InputError&) {                                                                                \
        }                                                                                                                \
        return 0;                                                                                                        \
    }                                                                                                                    \
    static void fuzzOne(const std::string& bytes)
