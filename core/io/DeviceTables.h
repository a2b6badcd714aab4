#pragma once
// NeuroSim's device-expert and circuit-expert tables (NeuroSim's file formats), read and written unchanged.
//  mem_states.csv:   header "states,mean,std", one row per programmable state, lowest first.
//  output_noise.csv: header naming "output", "mean", "std" (any order, found by name), one row per
//                    ideal ADC output level.
#include "spec/DesignPoint.h"

#include <string>
#include <vector>

namespace kh {

std::vector<MemState> parseMemStatesCsv(const std::string& text, const std::string& sourceName);
std::vector<MemState> readMemStatesCsv(const std::string& path);
std::string formatMemStatesCsv(const std::vector<MemState>& states);

// One row: ideal ADC output level, mean and std of what the circuit produces (DesignPoint.h).
using OutputNoiseRow = OutputNoiseLevel;

struct OutputNoiseTable {
    std::vector<std::string> columns;   // header as read (order and extra columns kept for writing)
    std::vector<OutputNoiseRow> rows;
};

OutputNoiseTable parseOutputNoiseCsv(const std::string& text, const std::string& sourceName);
OutputNoiseTable readOutputNoiseCsv(const std::string& path);
std::string formatOutputNoiseCsv(const OutputNoiseTable& table);

// Shortest text that reads back to the same double.
std::string formatDouble(double v);

} // namespace kh
