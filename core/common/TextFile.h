#pragma once
#include <cstddef>
#include <string>

namespace kh {

// Largest file any reader accepts: 1 GiB, past the largest ONNX model a 2-core, few-GB machine
// can evaluate (ResNet-152 is 240 MB) and every table or JSON file by orders of magnitude.
constexpr std::size_t kMaxInputFileBytes = std::size_t(1) << 30;

// Reads a whole file; throws InputError naming the file when it cannot be opened or passes
// kMaxInputFileBytes.
std::string readTextFile(const std::string& path);
// Writes a whole file; throws InputError naming the file when it cannot be written.
void writeTextFile(const std::string& path, const std::string& text);

} // namespace kh
