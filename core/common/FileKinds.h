#pragma once
// What a path names, without throwing: the dataset readers probe folders and file names to find
// a format, and a missing or unreadable path is simply "not this one".
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace kh {

inline bool isDirectoryPath(const std::filesystem::path& p)
{
    std::error_code ec;
    return std::filesystem::is_directory(p, ec);
}

inline bool isRegularFilePath(const std::filesystem::path& p)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

// ".onnx", ".jpg": the extension in lower case ("" when none).
inline std::string lowerExtension(const std::filesystem::path& p)
{
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return e;
}

} // namespace kh
