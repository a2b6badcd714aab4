#pragma once
// One crossbar subarray with its peripherals (docs/architecture.md): the cell array, WL drivers (and input
// DACs), the write-path switch matrices of non-volatile cells, SRAM precharge/write drivers, the
// column mux, the ADCs and the shift-add units that accumulate bit-serial input cycles.
// Energies are per event so the chip model can count events with the real activity.
#include "ppa/SourcedConstant.h"
#include "ppa/AdcModel.h"
#include "ppa/TechnologyLibrary.h"
#include "spec/DesignPoint.h"

#include <algorithm>
#include <cmath>

namespace kh {

struct SubarrayCost {
    // Geometry
    int rows = 0;              // physical rows (including a dummy row for neurosim_shift)
    int physical_cols = 0;     // data columns + reference/dummy columns
    int reference_cols = 0;
    int adcs = 0;
    double cell_area_um2 = 0;  // one cell
    double width_um = 0, height_um = 0;

    // Area of one subarray, um²
    double area_cells_um2 = 0;
    double area_row_periphery_um2 = 0;   // WL drivers, decoders, DACs, NVM row switch matrix
    double area_col_periphery_um2 = 0;   // column mux, NVM BL/SL switch matrix or SRAM precharge
    double area_adc_um2 = 0;
    double area_shift_add_um2 = 0;
    double area_control_um2 = 0;
    double totalAreaUm2() const
    {
        return area_cells_um2 + area_row_periphery_um2 + area_col_periphery_um2 + area_adc_um2 + area_shift_add_um2
               + area_control_um2;
    }

    // Energy per event, pJ
    double bitline_charge_pj = 0;       // per column read: charging the bitline to the read voltage
    double cell_on_read_pj = 0;         // per active row on a column read, for a cell at the top level
    double cell_off_read_pj = 0;        // ... and for a cell at the lowest level
    double adc_conversion_pj = 0;       // per conversion
    double shift_add_pj = 0;            // per conversion
    double mux_pj = 0;                  // per conversion
    double row_activation_pj = 0;       // per row pulse (WL drive + DAC): per active row per read step
    double row_pulse_logic_pj = 0;      // pulse-width inputs: each row's slot comparator, per row per conversion

    // How the inputs drive the rows (mapping.input_encoding). For an input whose bits are 1 with
    // probability d: the time slots a cell conducts, and the word-line pulses a row sends, summed
    // over the input's conversions. Bit-serial and DAC inputs: one slot and one pulse per 1-digit
    // and cycle. Pulse counts: 2^k pulses for bit k, d·(2^b − 1) of both. Pulse width: d·(2^b − 1)
    // slots in a single pulse, sent unless the input is 0 (1 − (1 − d)^b).
    InputEncoding input_encoding = InputEncoding::BitSerial;
    int input_bits = 1, input_cycles = 1;
    int pulse_slots = 1;                // slots the rows are driven for per conversion (1: not pulse-encoded)
    double cellSlotsPerInput(double d) const { return d * (pulse_slots > 1 ? pulse_slots : input_cycles); }
    double rowPulsesPerInput(double d) const
    {
        if (input_encoding == InputEncoding::PulseWidth)
            return 1.0 - std::pow(1.0 - d, input_bits);
        return input_encoding == InputEncoding::PulseCount ? d * pulse_slots : d * input_cycles;
    }

    // Timing, ns. A read step has phases that cannot overlap because the sense path is the ADC's
    // input: (1) WL on + bitline settling, once per input time slot (pulse inputs: 2^b − 1 slots
    // back to back, timed by the subarray's own pulse generator), (2) conversion + shift-add. The
    // subarray is synchronous, so its clock fits one slot and one conversion; a read step takes
    // the clocks the slots fill plus one for the conversion (2 for bit-serial inputs).
    double t_wordline_ns = 0, t_bitline_ns = 0, t_adc_ns = 0, t_shift_add_ns = 0;
    double clockNs() const { return std::max(t_wordline_ns + t_bitline_ns, t_adc_ns + t_shift_add_ns); }
    // clock ≥ one slot, so a single slot is one clock exactly.
    double senseClocks(double clock) const { return std::ceil(pulse_slots * (t_wordline_ns + t_bitline_ns) / clock); }
    double readStepClocks(double clock) const { return senseClocks(clock) + 1.0; }
    double readStepNs() const { return readStepClocks(clockNs()) * clockNs(); }

    double leakage_uw = 0;
    int shift_add_bits = 0;
    std::string adc_model;
};

SubarrayCost subarrayCost(const DesignPoint& dp, const Technology& t);

// One cell's footprint: its area in F² at the node's F, in the aspect of its access structure
// (the row wire crosses width_um per cell, the column wire height_um).
struct CellPitch {
    double width_um = 0, height_um = 0;
};
CellPitch cellPitch(const DesignPoint& dp, const Technology& t);

// Data columns usable for weights in one subarray (physical columns minus reference columns).
int dataColumns(const DesignPoint& dp);
// Reference/dummy columns the weight encoding adds to every subarray.
int referenceColumns(const DesignPoint& dp);

ConstantGroup subarrayConstants();

} // namespace kh
