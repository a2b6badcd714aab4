#pragma once
#include <string>

namespace kh {

// Reads a whole file; throws InputError naming the file when it cannot be opened.
std::string readTextFile(const std::string& path);
// Writes a whole file; throws InputError naming the file when it cannot be written.
void writeTextFile(const std::string& path, const std::string& text);

} // namespace kh
