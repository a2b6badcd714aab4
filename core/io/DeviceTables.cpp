#include "io/DeviceTables.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/CsvLine.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace kh {

std::string formatDouble(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

namespace {
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
} // namespace

std::vector<MemState> parseMemStatesCsv(const std::string& text, const std::string& sourceName)
{
    const std::vector<csv::Line> lines = csv::splitLines(text);
    if (lines.empty())
        throw InputError::atLine(sourceName, 1, "empty file (expected the header \"states,mean,std\")");
    const csv::Line& header = lines.front();
    if (header.fields.size() != 3 || lower(header.fields[0]) != "states" || lower(header.fields[1]) != "mean"
        || lower(header.fields[2]) != "std")
        throw InputError::atLine(sourceName, header.number, "expected the header \"states,mean,std\"");
    std::vector<MemState> states;
    for (size_t i = 1; i < lines.size(); ++i) {
        const csv::Line& l = lines[i];
        if (l.fields.size() != 3)
            throw InputError::atLine(sourceName, l.number, "expected 3 columns (state, mean, std), got " + std::to_string(l.fields.size()));
        long long index = 0;
        double mean = 0, sd = 0;
        if (!csv::parseLong(l.fields[0], index))
            throw InputError::atLine(sourceName, l.number, "state index is not an integer: \"" + l.fields[0] + "\"");
        if (index != static_cast<long long>(states.size()))
            throw InputError::atLine(sourceName, l.number, "state index " + std::to_string(index) + " out of order (expected "
                                                                + std::to_string(states.size()) + ")");
        if (!csv::parseDouble(l.fields[1], mean) || mean < 0)
            throw InputError::atLine(sourceName, l.number, "mean must be a finite number >= 0: \"" + l.fields[1] + "\"");
        if (!csv::parseDouble(l.fields[2], sd) || sd < 0)
            throw InputError::atLine(sourceName, l.number, "std must be a finite number >= 0: \"" + l.fields[2] + "\"");
        if (!states.empty() && mean <= states.back().g_mean_s)
            throw InputError::atLine(sourceName, l.number, "states must be listed lowest first with increasing means");
        states.push_back({mean, sd});
    }
    if (states.size() < 2)
        throw InputError::atLine(sourceName, lines.back().number, "at least 2 states are needed");
    if (states.size() > 256)
        throw InputError::atLine(sourceName, lines.back().number, "more than 256 states (8 bits per cell)");
    return states;
}

std::vector<MemState> readMemStatesCsv(const std::string& path) { return parseMemStatesCsv(readTextFile(path), path); }

std::string formatMemStatesCsv(const std::vector<MemState>& states)
{
    std::ostringstream out;
    out << "states,mean,std\n";
    for (size_t i = 0; i < states.size(); ++i)
        out << i << ',' << formatDouble(states[i].g_mean_s) << ',' << formatDouble(states[i].g_sigma_s) << '\n';
    return out.str();
}

OutputNoiseTable parseOutputNoiseCsv(const std::string& text, const std::string& sourceName)
{
    const std::vector<csv::Line> lines = csv::splitLines(text);
    if (lines.empty())
        throw InputError::atLine(sourceName, 1, "empty file (expected a header naming output, mean, std)");
    OutputNoiseTable table;
    table.columns = lines.front().fields;
    int col[3] = {-1, -1, -1};
    const char* names[3] = {"output", "mean", "std"};
    for (size_t c = 0; c < table.columns.size(); ++c)
        for (int k = 0; k < 3; ++k)
            if (lower(table.columns[c]) == names[k]) {
                if (col[k] >= 0)
                    throw InputError::atLine(sourceName, lines.front().number, std::string("column \"") + names[k] + "\" appears twice");
                col[k] = int(c);
            }
    for (int k = 0; k < 3; ++k)
        if (col[k] < 0)
            throw InputError::atLine(sourceName, lines.front().number, std::string("header has no \"") + names[k] + "\" column");
    for (size_t i = 1; i < lines.size(); ++i) {
        const csv::Line& l = lines[i];
        if (l.fields.size() != table.columns.size())
            throw InputError::atLine(sourceName, l.number, "expected " + std::to_string(table.columns.size()) + " columns, got "
                                                                + std::to_string(l.fields.size()));
        OutputNoiseRow row;
        double out = 0;
        if (!csv::parseDouble(l.fields[size_t(col[0])], out) || out != std::floor(out) || out < 0 || out > 1e9)
            throw InputError::atLine(sourceName, l.number, "output must be a non-negative integer level: \"" + l.fields[size_t(col[0])] + "\"");
        row.output = (long long)out;
        if (!csv::parseDouble(l.fields[size_t(col[1])], row.mean))
            throw InputError::atLine(sourceName, l.number, "mean is not a finite number: \"" + l.fields[size_t(col[1])] + "\"");
        if (!csv::parseDouble(l.fields[size_t(col[2])], row.std) || row.std < 0)
            throw InputError::atLine(sourceName, l.number, "std must be a finite number >= 0: \"" + l.fields[size_t(col[2])] + "\"");
        if (!table.rows.empty() && row.output <= table.rows.back().output)
            throw InputError::atLine(sourceName, l.number, "output levels must increase from row to row");
        table.rows.push_back(row);
    }
    if (table.rows.empty())
        throw InputError::atLine(sourceName, lines.front().number, "no rows after the header");
    return table;
}

OutputNoiseTable readOutputNoiseCsv(const std::string& path) { return parseOutputNoiseCsv(readTextFile(path), path); }

std::string formatOutputNoiseCsv(const OutputNoiseTable& table)
{
    std::vector<std::string> columns = table.columns;
    if (columns.empty())
        columns = {"output", "mean", "std"};
    std::ostringstream out;
    for (size_t c = 0; c < columns.size(); ++c)
        out << columns[c] << (c + 1 < columns.size() ? "," : "\n");
    for (const OutputNoiseRow& r : table.rows) {
        for (size_t c = 0; c < columns.size(); ++c) {
            const std::string name = lower(columns[c]);
            out << (name == "output" ? std::to_string(r.output)
                    : name == "mean" ? formatDouble(r.mean)
                    : name == "std"  ? formatDouble(r.std)
                                     : std::string("0"))
                << (c + 1 < columns.size() ? "," : "\n");
        }
    }
    return out.str();
}

} // namespace kh
