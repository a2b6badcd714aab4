#pragma once
// Splitting CSV text into lines and fields, shared by the NeuroSim table readers.
// Handles a UTF-8 byte-order mark, CRLF line ends and surrounding whitespace.
#include <string>
#include <string_view>
#include <vector>

namespace kh::csv {

struct Line {
    int number = 0;                    // 1-based line number in the file
    std::vector<std::string> fields;   // trimmed
};

// Non-blank lines of the text, in order.
std::vector<Line> splitLines(std::string_view text);

// Strict number parsing: the whole field must be a finite number / an integer.
bool parseDouble(const std::string& field, double& out);
bool parseLong(const std::string& field, long long& out);

} // namespace kh::csv
