#include "ppa/MacroEstimator.h"

#include "common/IntegerMath.h"
#include "ppa/AdcModel.h"
#include "ppa/SubarrayModel.h"
#include "ppa/TechnologyLibrary.h"

#include <cmath>
#include <sstream>

namespace kh {

Breakdown macroReadEnergyPj(const SubarrayCost& sa, const LayerActivity& act, double conversions, double cellReads, double rowActivations,
                            double rowConversions)
{
    const double cellPj = act.weight_level_mean * sa.cell_on_read_pj + (1 - act.weight_level_mean) * sa.cell_off_read_pj;
    Breakdown e;
    e.arrays = conversions * sa.bitline_charge_pj + cellReads * cellPj;
    e.adc = conversions * sa.adc_conversion_pj;
    e.accumulation = conversions * sa.shift_add_pj;
    e.other = rowActivations * sa.row_activation_pj + rowConversions * sa.row_pulse_logic_pj + conversions * sa.mux_pj;
    return e;
}

MacroReport estimateMacro(const DesignPoint& dp, const LayerActivity& act)
{
    return estimateMacro(dp, act, subarrayCost(dp, technologyOf(dp)));
}

MacroReport estimateMacro(const DesignPoint& dp, const LayerActivity& act, const SubarrayCost& sa)
{
    MacroReport m;
    m.rows = dp.array.rows;
    m.weight_columns = dataColumns(dp) / columnsPerWeight(dp);
    m.macs_per_mvm = double(m.rows) * m.weight_columns;
    m.input_bit_density = act.input_bit_density;
    const double cycles = inputCycles(dp);
    const double blocks = ceilDiv(dp.array.rows, dp.array.parallel_rows);
    // The columns that hold whole weights and the reference columns are converted; a few columns
    // left over when a weight's slices do not divide the array hold nothing and are not read.
    const double colsRead = double(m.weight_columns) * columnsPerWeight(dp) + sa.reference_cols;
    m.conversions_per_mvm = cycles * blocks * colsRead;
    const double cellReads = m.rows * colsRead * sa.cellSlotsPerInput(act.input_bit_density);
    const double rowActivations = m.rows * sa.rowPulsesPerInput(act.input_bit_density);
    m.energy_breakdown_pj = macroReadEnergyPj(sa, act, m.conversions_per_mvm, cellReads, rowActivations, cycles * m.rows);
    m.energy_per_mvm_pj = m.energy_breakdown_pj.total();

    // The ADCs share columns through the mux, so a row block takes one read step per column an ADC serves.
    m.read_step_ns = sa.readStepNs();
    m.mvm_ns = cycles * blocks * ceilDiv(sa.physical_cols, sa.adcs) * m.read_step_ns;
    m.leakage_uw = sa.leakage_uw;
    const double leakagePj = m.leakage_uw * 1e-6 * m.mvm_ns * 1e-9 * 1e12;

    Breakdown& a = m.area_breakdown_mm2;
    a.arrays = sa.area_cells_um2 * 1e-6;
    a.adc = sa.area_adc_um2 * 1e-6;
    a.accumulation = sa.area_shift_add_um2 * 1e-6;
    a.other = (sa.area_row_periphery_um2 + sa.area_col_periphery_um2 + sa.area_control_um2) * 1e-6;
    m.area_mm2 = a.total();

    const double ops = 2 * m.macs_per_mvm;
    m.fj_per_mac = (m.energy_per_mvm_pj + leakagePj) * 1e3 / m.macs_per_mvm;
    m.tops_per_w = ops / (m.energy_per_mvm_pj + leakagePj);   // ops/pJ == TOPS/W
    m.tops = ops / m.mvm_ns * 1e-3;                           // ops/ns == 1e-3 TOPS
    m.tops_per_mm2 = m.tops / m.area_mm2;
    std::ostringstream p;
    p << m.rows << " x " << sa.physical_cols << " cells, " << dp.precision.weight_bits << "b weights, " << dp.precision.input_bits
      << "b inputs (" << inputEncodingText(dp) << "), "
      << dp.device.cell_bits << "b cells, " << sa.adcs << " x " << dp.precision.adc_bits << "b " << adcTypeLabel(dp.precision.adc_type)
      << " ADCs, " << dp.array.parallel_rows << " rows per read";
    m.precision = p.str();
    return m;
}

MacroReport estimateMacro(const DesignPoint& dp) { return estimateMacro(dp, DefaultActivity(dp.activity).layer(0)); }

} // namespace kh
