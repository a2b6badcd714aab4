#pragma once
// The run log: one JSON object per line (JSON Lines), appended after every accuracy evaluation,
// sweep and pinned point, so a past result can be found and reopened after a restart with the
// inputs it came from. Appending never rewrites earlier lines; a line that cannot be read (a
// crash mid-write, a hand edit) is reported as "file:line: why" and skipped, not fatal.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace kh {

struct RunLogEntry {
    std::string time;                      // UTC, ISO 8601 ("2026-12-02T15:04:05Z")
    std::string kind;                      // "accuracy" | "sweep" | "pin" | "finetune" (model: the written one)
    std::string label;                     // a pin's letter, a sweep's name, ...
    nlohmann::json design = nlohmann::json::object();   // the design point it was computed for
    std::string network, model, dataset;   // what it was computed on ("" when not used)
    std::string results;                   // a sweep's results file
    std::map<std::string, double> metrics; // accuracy, tops_per_w, points, ...
    double seconds = 0;                    // wall time of the run

    bool operator==(const RunLogEntry&) const = default;
};

nlohmann::json runLogEntryToJson(const RunLogEntry& e);
// Throws InputError naming 'where' and the key.
RunLogEntry runLogEntryFromJson(const nlohmann::json& j, const std::string& where);

// Appends one line; throws InputError when the file cannot be written.
void appendRunLog(const std::string& path, const RunLogEntry& e);

struct RunLogContents {
    std::vector<RunLogEntry> entries;    // oldest first
    std::vector<std::string> problems;   // "file:line: why" for each skipped line
};
// A missing file is an empty log.
RunLogContents readRunLog(const std::string& path);

// The current time as RunLogEntry::time wants it.
std::string runLogTimeNow();

} // namespace kh
