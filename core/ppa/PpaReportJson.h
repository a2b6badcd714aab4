#pragma once
// PpaReport -> JSON with the contract's metric names (README, "Command line") and -> a human-readable text.
#include "ppa/MacroReport.h"
#include "ppa/PpaReport.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kh {

nlohmann::json ppaReportToJson(const PpaReport& r);
std::string ppaReportToText(const PpaReport& r);

// Macro scope (ppa/MacroReport.h).
nlohmann::json macroReportToJson(const MacroReport& m);
std::string macroReportToText(const MacroReport& m);

} // namespace kh
