#pragma once
// Macro scope: what a CIM silicon paper measures — one array with its drivers, readout, ADCs and
// in-macro accumulation, fed from local registers (no buffers, no interconnect, no chip control).
// One matrix-vector product (MVM) uses every data row and weight column once, at the design
// point's input activity. Every figure carries its unit in its name.
#include "ppa/Breakdown.h"

#include <string>

namespace kh {

struct MacroReport {
    int rows = 0, weight_columns = 0;     // MACs per MVM = rows · weight_columns
    double macs_per_mvm = 0;
    double conversions_per_mvm = 0;       // ADC conversions of one MVM
    double mvm_ns = 0;                    // input cycles · row blocks · columns per ADC · read step
    double read_step_ns = 0;              // the macro's own two-phase read step
    double energy_per_mvm_pj = 0;         // dynamic
    Breakdown energy_breakdown_pj;        // arrays, adc, accumulation (shift-add), other (drivers, mux)
    double leakage_uw = 0;
    double area_mm2 = 0;                  // cells, drivers, mux, ADCs, shift-add, control
    Breakdown area_breakdown_mm2;
    double fj_per_mac = 0;                // (dynamic + leakage) energy per MAC
    double tops_per_w = 0;                // 2 OPs per MAC
    double tops = 0;
    double tops_per_mm2 = 0;
    double input_bit_density = 0;         // the activity it was computed for
    std::string precision;
};

} // namespace kh
