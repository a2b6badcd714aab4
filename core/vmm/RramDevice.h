#pragma once
// An RRAM device as the VMM error benchmark sees it (docs/validation.md §7, MELISO, Table I): how many
// conductance states pulse programming reaches, how non-linear the potentiation (LTP) and
// depression (LTD) curves are, R_on, the memory window G_max/G_min, and the variations.
#include "spec/DesignPoint.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kh::vmm {

struct RramDevice {
    std::string name;
    int states = 64;              // conductance levels reachable by pulses (pulses = states − 1)
    double nl_ltp = 0;            // non-linearity label of potentiation (0 = linear)
    double nl_ltd = 0;            // of depression (negative by convention)
    double r_on_ohm = 100e3;      // 1 / G_max
    double memory_window = 10;    // G_max / G_min
    double c2c = 0;               // cycle-to-cycle: relative σ of a programmed conductance
    double d2d = 0;               // device-to-device: relative σ of each device's G_max and G_min
    double read_noise = 0;        // relative σ of the current at each read
    std::vector<MemState> levels; // optional measured states (S), lowest first: replace the NL curve
};

// JSON: {"name", "states", "nl_ltp", "nl_ltd", "r_on_ohm", "memory_window", "c2c", "d2d",
// "read_noise", "mem_states": [[g, sigma], ...] | "file.csv"}; errors name the key's path.
RramDevice deviceFromJson(const nlohmann::json& j, const std::string& baseDir = "");
nlohmann::json deviceToJson(const RramDevice& d);
RramDevice loadDeviceFile(const std::string& path);
// A device from a design point's mem_states table (its states, spread as c2c, its on/off ratio).
RramDevice deviceFromDesignPoint(const DesignPoint& dp);

// Normalized conductance (0 at G_min, 1 at G_max) after a fraction p ∈ [0, 1] of the full pulse
// train, for non-linearity label nl: (1 − e^(−|nl|·p)) / (1 − e^(−|nl|)), linear as nl → 0. LTP
// rises steeply first and saturates; LTD (from G_max downward) mirrors it.
double potentiationCurve(double nl, double p);
double depressionCurve(double nl, double p);   // conductance after a fraction p of depression pulses

} // namespace kh::vmm
