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
    double row_activation_pj = 0;       // per active row per read step (WL drive + DAC)

    // Timing, ns. A read step has two clock phases that cannot overlap because the sense path is
    // the ADC's input: (1) WL on + bitline settling, (2) conversion + shift-add. The subarray is
    // synchronous, so its clock is the slower phase and a read step takes two clocks.
    double t_wordline_ns = 0, t_bitline_ns = 0, t_adc_ns = 0, t_shift_add_ns = 0;
    double clockNs() const { return std::max(t_wordline_ns + t_bitline_ns, t_adc_ns + t_shift_add_ns); }
    double readStepNs() const { return 2.0 * clockNs(); }

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
