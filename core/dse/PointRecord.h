#pragma once
// The result of one design point as the results store keeps it (docs/sweeps.md): configuration,
// identity, every metric, per-layer figures, status, error text, timings and tool version.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace kh {

// "precision.adc_bits" -> /precision/adc_bits: how sweeps name design-point keys.
nlohmann::json::json_pointer dottedKey(const std::string& dotted);

struct PointRecord {
    std::string hash;
    long long seq = 0;
    std::string status = "ok";          // ok | invalid (not a valid design point) | error
    std::string error;
    nlohmann::json params = nlohmann::json::object();   // the swept values
    nlohmann::json config = nlohmann::json::object();   // the whole design point
    std::map<std::string, double> metrics;              // area_mm2, tops_per_w, accuracy, ...
    nlohmann::json layers = nlohmann::json::array();    // per-layer PPA (and bit statistics)
    bool feasible = true;                                // every constraint holds
    double ppa_seconds = 0;
    double accuracy_seconds = 0;                         // 0 when taken from the cache
    bool accuracy_cached = false;
    std::string accuracy_key;                            // cache key of the accuracy-relevant subset
    std::string tool_version;
    std::string finished_at;                             // UTC, ISO 8601

    bool ok() const { return status == "ok"; }
    // A metric, or a design-point key such as "array.rows" (numbers only).
    std::optional<double> value(const std::string& name) const;
    // The swept values as "key=value, ..." for tables, tooltips and logs.
    std::string paramsText() const;
};

} // namespace kh
