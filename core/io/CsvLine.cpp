#include "io/CsvLine.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace kh::csv {

namespace {
std::string trim(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        --e;
    return std::string(s.substr(b, e - b));
}
} // namespace

std::vector<Line> splitLines(std::string_view text)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    std::vector<Line> lines;
    int number = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        ++number;
        const std::string_view raw = text.substr(pos, end - pos);
        if (!trim(raw).empty()) {
            Line line;
            line.number = number;
            size_t f = 0;
            while (true) {
                size_t comma = raw.find(',', f);
                if (comma == std::string_view::npos) {
                    line.fields.push_back(trim(raw.substr(f)));
                    break;
                }
                line.fields.push_back(trim(raw.substr(f, comma - f)));
                f = comma + 1;
            }
            lines.push_back(std::move(line));
        }
        if (end == text.size())
            break;
        pos = end + 1;
    }
    return lines;
}

bool parseDouble(const std::string& field, double& out)
{
    if (field.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(field.c_str(), &end);
    if (end != field.c_str() + field.size() || errno == ERANGE || !std::isfinite(v))
        return false;
    out = v;
    return true;
}

bool parseLong(const std::string& field, long long& out)
{
    if (field.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(field.c_str(), &end, 10);
    if (end != field.c_str() + field.size() || errno == ERANGE)
        return false;
    out = v;
    return true;
}

} // namespace kh::csv
