#pragma once
// JSON <-> DesignPoint, both from the field table (spec/DesignFields.h). Parsing checks types,
// ranges and cross-field rules and names the key's path in every error; unknown keys are errors.
// Writing emits every key (defaults included), so a written point documents itself and
// round-trips exactly.
#include "spec/DesignPoint.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kh {

// baseDir resolves relative file paths (mem_states, output_noise) inside the point.
DesignPoint designPointFromJson(const nlohmann::json& j, const std::string& baseDir = "");
nlohmann::json designPointToJson(const DesignPoint& dp);
// Only the fields the accuracy engine reads or that set its budget: equal for two points exactly
// when their accuracy is the same computation (the accuracy cache's key).
nlohmann::json accuracyRelevantJson(const DesignPoint& dp);
// Only the fields the PPA estimator reads: equal for two points exactly when their PPA is the same.
nlohmann::json ppaRelevantJson(const DesignPoint& dp);

// Reads a design-point file (comments allowed). Syntax errors are reported as file:line:column.
DesignPoint loadDesignPointFile(const std::string& path);

// Parses JSON text; syntax errors become InputError("<sourceName>:line:col: ...").
nlohmann::json parseJsonText(const std::string& text, const std::string& sourceName);

// Cross-field checks (parallel_rows <= rows, dac_bits <= input_bits, known node, ...).
void validateDesignPoint(const DesignPoint& dp);

} // namespace kh
