#include "ppa/SubarrayModel.h"

#include "common/IntegerMath.h"
#include "ppa/DigitalLogic.h"

#include <algorithm>
#include <cmath>

namespace kh {

namespace {

bool isNonVolatile(DeviceType d) { return d != DeviceType::SRAM; }
bool isCapacitive(DeviceType d) { return d == DeviceType::nvCap; }

// Width:height of a transistor-access cell: NeuroSim's 1T1R is 12F x 4F (its SRAM 28F x 10F); a
// selector-less crossbar cell or a capacitor is square (4F²).
constexpr Sourced<double> kAccessCellAspect{"kAccessCellAspect", 3, "1",
                                            "NeuroSim's default 1T1R cell geometry, 12F x 4F"};
double cellAspect(AccessType a) { return (a == AccessType::Crossbar || a == AccessType::OneC) ? 1.0 : kAccessCellAspect.value; }

constexpr Sourced<double> kSenseClampOhm{
    "kSenseClampOhm", 10e3, "ohm",
    "Razavi, Design of Analog CMOS Integrated Circuits, 2nd ed., ch. 2: 1/gm of a clamp biased at ~10 uA (gm ~ 100 uS)"};
// Write path of a non-volatile array: a transmission gate plus a level shifter per line, ~8
// thick-oxide devices carrying ~100 uA SET/RESET current at 2-3 V, each ~5 logic transistors of area.
constexpr Sourced<double> kNvmSwitchTransistors{
    "kNvmSwitchTransistors", 40, "transistors",
    "derived: ~8 I/O devices per line x ~5 logic-transistor areas (NeuroSim's WL/SL/BL switch matrices)"};
constexpr Sourced<double> kNvmSwitchedLinesPerRow{"kNvmSwitchedLinesPerRow", 2, "lines",
                                                  "1T1R arrays switch the WL and the SL of every row (NeuroSim)"};
constexpr Sourced<double> kSramColumnTransistors{"kSramColumnTransistors", 9, "transistors",
                                                 "assumption: precharge (3 T) plus write driver (6 T) per SRAM column"};
constexpr Sourced<double> kNvCapCellF{"kNvCapCellF", 1e-15, "F",
                                      "assumption: ~1 fF unit cell of a capacitive array when no mem_states table gives it"};
constexpr Sourced<double> kSramCellLeakageNa{
    "kSramCellLeakageNa", 0.05, "nA", "assumption: high-Vt HD bitcells leak tens of pA at 28-5 nm in ISSCC SRAM macro reports"};
constexpr Sourced<double> kControlTransistors{"kControlTransistors", 300, "transistors",
                                              "assumption: counters and mux sequencing of one subarray"};
constexpr Sourced<double> kDecoderTransistorsPerRow{"kDecoderTransistorsPerRow", 4, "transistors",
                                                    "assumption: one 2-input NAND of a predecoded row decoder per row"};
constexpr Sourced<double> kDacTransistorsPerLevel{
    "kDacTransistorsPerLevel", 2, "transistors", "assumption: one transmission gate per reference level of the input voltage selector"};
constexpr Sourced<double> kDacDecoderTransistorsPerBit{"kDacDecoderTransistorsPerBit", 4, "transistors",
                                                       "assumption: one NAND per input bit in the selector's decoder"};
// Pitch-matched line driver: a WL pulse lasts far longer than its edge, so drivers use a stage
// effort of ~16 instead of the delay-optimal 4, which keeps them to a few devices per row.
constexpr Sourced<double> kDriverStageEffort{"kDriverStageEffort", 16, "1",
                                             "Weste & Harris, CMOS VLSI Design, 4th ed., ch. 4: sizing for slow edges"};
constexpr Sourced<double> kFo4StageEffort{"kFo4StageEffort", 4, "1",
                                          "definition: an FO4 stage has electrical effort 4 (Sutherland et al., Logical Effort, 1999)"};
// Voltage-mode sensing integrates the cells' discharge of a floating, precharged bitline; it stays
// linear while the swing is a small part of the precharge level, so the window is set for the
// full-scale column (every parallel row on) to swing half the read voltage.
constexpr Sourced<double> kVoltageModeFullScaleSwing{
    "kVoltageModeFullScaleSwing", 0.5, "1",
    "assumption: full-scale swing V_read/2 keeps the RC discharge within ~20 % of linear (1 - e^-x vs x at x = 0.69)"};
constexpr Sourced<double> kCounterFlipsPerIncrement{
    "kCounterFlipsPerIncrement", 2, "bits", "derived: a b-bit binary counter makes 2^(b+1) - 2 bit flips over 2^b - 1 increments"};
constexpr Sourced<double> kDistributedRcDelay{
    "kDistributedRcDelay", 0.38, "1", "Rabaey et al., Digital Integrated Circuits, 2nd ed., ch. 4: 50 % delay of a distributed RC line 0.38 RC"};

// Returns transistor equivalents of area and FO4 delay.
void lineDriver(double loadFf, double unitFf, double& transistors, double& delayFo4)
{
    const double fanout = std::max(1.0, loadFf / unitFf);
    const double stages = std::max(1.0, std::ceil(std::log(fanout) / std::log(kDriverStageEffort.value)));
    const double finalSize = fanout / std::pow(kDriverStageEffort.value, stages - 1.0) / kDriverStageEffort;
    // Stage sizes 1, 16, ...; nMOS + pMOS.
    transistors = 2 * std::max(1.0, 1.0 + finalSize * (1.0 + 1.0 / kDriverStageEffort));
    delayFo4 = stages * kDriverStageEffort / kFo4StageEffort;
}

} // namespace

int referenceColumns(const DesignPoint& dp)
{
    switch (dp.mapping.weight_encoding) {
    case WeightEncoding::Offset:
    case WeightEncoding::NeuroSimShift: return cellsPerWeight(dp);
    case WeightEncoding::Differential:
    case WeightEncoding::TwosComplement: return 0;
    }
    return 0;
}

int dataColumns(const DesignPoint& dp) { return dp.array.cols; }


CellPitch cellPitch(const DesignPoint& dp, const Technology& t)
{
    const double fUm = t.node.f_layout_nm * 1e-3;
    const double area = dp.device.cell_area_f2 * fUm * fUm, aspect = cellAspect(dp.device.access);
    CellPitch p;
    p.height_um = std::sqrt(area / aspect);
    p.width_um = p.height_um * aspect;
    return p;
}

SubarrayCost subarrayCost(const DesignPoint& dp, const Technology& t)
{
    SubarrayCost s;
    const DeviceSpec& dev = dp.device;
    const double fo4Ns = t.fo4Ps() * 1e-3;
    const double trArea = t.transistorAreaUm2();
    const double cTr = t.switchedCapPerTransistorFf();
    const double eSwitchPj = t.transistorSwitchEnergyFj() * 1e-3;

    s.rows = dp.array.rows + (dp.mapping.weight_encoding == WeightEncoding::NeuroSimShift ? 1 : 0);
    s.reference_cols = referenceColumns(dp);
    s.physical_cols = dataColumns(dp) + s.reference_cols;
    s.adcs = ceilDiv(s.physical_cols, dp.array.cols_per_adc);

    // Cell and array geometry.
    const CellPitch pitch = cellPitch(dp, t);
    const double fUm = t.node.f_layout_nm * 1e-3;
    s.cell_area_um2 = dev.cell_area_f2 * fUm * fUm;
    const double cellH = pitch.height_um, cellW = pitch.width_um;
    s.width_um = s.physical_cols * cellW;
    s.height_um = s.rows * cellH;
    s.area_cells_um2 = s.rows * s.physical_cols * s.cell_area_um2;

    // Line capacitances: wire (0.2 fF/um) + one device load per cell (drain junction on the BL,
    // access gate on the WL; a crossbar cell loads the line only through its wire).
    const bool hasAccessDevice = dev.access != AccessType::Crossbar && dev.access != AccessType::OneC;
    const double cBlFf = s.rows * (cellH * Technology::kWireCapFfPerUm + (hasAccessDevice ? cTr : 0.0));
    const double cWlFf = s.physical_cols * (cellW * Technology::kWireCapFfPerUm + (hasAccessDevice ? cTr : 0.0));
    const double rWlOhm = s.width_um * t.node.wire_r_ohm_per_um;

    // Row periphery: decoder (~4 T/row) + tapered WL driver; 8T SRAM has a second (write) WL driver;
    // multi-bit DAC inputs add a 2^dac:1 voltage selector per row; NVM adds the write switch matrix.
    double drvTr = 0, drvFo4 = 0;
    lineDriver(cWlFf, cTr, drvTr, drvFo4);
    double rowTr = kDecoderTransistorsPerRow + drvTr;
    if (dev.type == DeviceType::SRAM)
        rowTr += drvTr;
    // Input register per row: the row's current input digit, double-buffered so the next digit
    // loads from the PE bus during the current read (2 flip-flops per bit of one conversion).
    s.input_encoding = dp.mapping.input_encoding;
    s.input_bits = dp.precision.input_bits;
    s.input_cycles = inputCycles(dp);
    s.pulse_slots = pulseSlots(dp);
    rowTr += 2.0 * bitsPerConversion(dp) * logic::kFlipFlopTransistors;
    // Pulse counts: the row gates the shared pulse train with the register bit of the current
    // burst (a b:1 mux). Pulse width: the row's pulse lasts while its input exceeds the shared slot
    // counter, a b-bit comparator per row (a subtractor, as the pooling comparator).
    ComponentCost pulseLogic;
    if (dp.mapping.input_encoding == InputEncoding::PulseCount)
        pulseLogic = logic::mux(t, dp.precision.input_bits, 1);
    else if (dp.mapping.input_encoding == InputEncoding::PulseWidth) {
        pulseLogic = logic::adder(t, dp.precision.input_bits);
        // A binary counter flips 2 bits per increment on average (2^(b+1) − 2 flips over 2^b − 1
        // increments), so a comparator sees 2 of its b counter inputs change per slot.
        s.row_pulse_logic_pj = pulseLogic.energy_pj * s.pulse_slots * kCounterFlipsPerIncrement / dp.precision.input_bits;
    }
    rowTr += pulseLogic.area_um2 / trArea;
    const int dacLevels = 1 << dp.precision.dac_bits;
    if (dp.precision.dac_bits > 1)
        rowTr += dacLevels * kDacTransistorsPerLevel + kDacDecoderTransistorsPerBit * dp.precision.dac_bits;
    if (isNonVolatile(dev.type))
        rowTr += kNvmSwitchedLinesPerRow * kNvmSwitchTransistors;
    s.area_row_periphery_um2 = s.rows * rowTr * trArea;

    // Column periphery: column mux TG (2 T/col) + its decoder, NVM BL/SL switch matrix or SRAM
    // precharge and write driver.
    const ComponentCost colMux = logic::mux(t, dp.array.cols_per_adc, 1);
    double colTr = isNonVolatile(dev.type) ? kNvmSwitchTransistors : kSramColumnTransistors;
    s.area_col_periphery_um2 = s.physical_cols * colTr * trArea + s.adcs * colMux.area_um2;

    // ADCs and shift-add (accumulates the shifted ADC outputs over all input cycles).
    const AdcCost adc = adcCost(t, dp.precision.adc_type, dp.precision.adc_bits);
    s.adc_model = adc.perConversion.model;
    s.area_adc_um2 = s.adcs * adc.perConversion.area_um2;
    s.shift_add_bits = dp.precision.adc_bits + dp.precision.input_bits;
    const ComponentCost sa = logic::shiftAdd(t, s.shift_add_bits, dp.precision.adc_bits);
    s.area_shift_add_um2 = s.adcs * sa.area_um2;
    s.area_control_um2 = kControlTransistors * trArea;

    // Energies per event.
    const double vRead = dev.read_voltage_v;
    s.bitline_charge_pj = cBlFf * vRead * vRead * 1e-3;
    s.adc_conversion_pj = adc.perConversion.energy_pj;
    s.shift_add_pj = sa.energy_pj;
    s.mux_pj = colMux.energy_pj;
    // WL drive at vdd (DAC inputs: average level swing); the write-path switch toggles with the row.
    s.row_activation_pj = cWlFf * t.vdd_v * t.vdd_v * 1e-3 + drvTr * logic::kActivity * eSwitchPj;

    // Timing: WL driver + distributed RC (Elmore 0.38·R·C); BL settles through the sense clamp to
    // half an LSB of the ADC: τ·ln(2^(b+1)); then the conversion and the shift-add.
    s.t_wordline_ns = drvFo4 * fo4Ns + kDistributedRcDelay * rWlOhm * cWlFf * 1e-15 * 1e9;
    const double tauNs = cBlFf * 1e-15 * kSenseClampOhm * 1e9;

    // Cell read energy: current-mode cells conduct V²·G for the sensing time; capacitive cells
    // take C·V² per read.
    const double gOn = 1.0 / dev.r_on_ohm;
    const double gOff = gOn / dev.on_off_ratio;
    s.t_bitline_ns = tauNs * std::log(std::pow(2.0, dp.precision.adc_bits + 1));
    if (isCapacitive(dev.type)) {
        const double cOn = dev.mem_states.empty() ? kNvCapCellF : dev.mem_states.back().g_mean_s;
        const double cOff = dev.mem_states.empty() ? kNvCapCellF / dev.on_off_ratio : dev.mem_states.front().g_mean_s;
        s.cell_on_read_pj = cOn * vRead * vRead * 1e12;
        s.cell_off_read_pj = cOff * vRead * vRead * 1e12;
    } else if (dev.type == DeviceType::SRAM || dp.array.readout == Readout::Voltage) {
        // Voltage-mode: the precharged bitline discharges through the on read ports; the sensing
        // time is set so that all parallel rows on swing it by at most the read voltage, so each
        // on cell costs at most C_BL·V·(V / parallel_rows).
        // A resistive column in voltage mode (NeuroSim V1.5's VSA, NeuRRAM's open-circuit read)
        // works the same way: precharge, let the cells discharge the floating bitline for a window
        // in which full scale swings half the read voltage, sample. The charge comes from the
        // bitline, so the energy no longer grows with G; the window shrinks with G instead.
        // The sample is taken once the line itself has settled along its length (distributed RC).
        if (dev.type != DeviceType::SRAM) {
            const double windowNs = kVoltageModeFullScaleSwing * cBlFf * 1e-15 / (dp.array.parallel_rows * gOn) * 1e9;
            const double lineRcNs = kDistributedRcDelay * s.height_um * t.node.wire_r_ohm_per_um * cBlFf * 1e-15 * 1e9;
            s.t_bitline_ns = std::max(windowNs, lineRcNs);
        }
        const double swingPerCellV = dev.type == DeviceType::SRAM
                                         ? std::min(vRead / dp.array.parallel_rows, vRead * gOn * s.t_bitline_ns * 1e-9 / (cBlFf * 1e-15))
                                         : kVoltageModeFullScaleSwing * vRead / dp.array.parallel_rows;
        s.cell_on_read_pj = cBlFf * 1e-15 * vRead * swingPerCellV * 1e12;
        s.cell_off_read_pj = s.cell_on_read_pj / dev.on_off_ratio;
        // Pulse inputs: every slot is a drive-float-sample of its own (NeuRRAM integrates the
        // sampled charge of each pulse), so the line is precharged once per slot.
        s.bitline_charge_pj *= s.pulse_slots;
    } else {
        s.cell_on_read_pj = vRead * vRead * gOn * s.t_bitline_ns * 1e-9 * 1e12;
        s.cell_off_read_pj = vRead * vRead * gOff * s.t_bitline_ns * 1e-9 * 1e12;
    }
    s.t_adc_ns = adc.perConversion.latency_ns;
    s.t_shift_add_ns = sa.latency_ns;

    const double logicTr = s.rows * rowTr + s.physical_cols * colTr
                           + (s.area_adc_um2 + s.area_shift_add_um2 + s.adcs * colMux.area_um2) / trArea
                           + kControlTransistors;
    s.leakage_uw = logic::leakageUw(t, logicTr);
    if (dev.type == DeviceType::SRAM)
        s.leakage_uw += double(s.rows) * s.physical_cols * kSramCellLeakageNa * t.vdd_v * 1e-3 * t.leakageScale();
    return s;
}

ConstantGroup subarrayConstants()
{
    return {"core/ppa/SubarrayModel.cpp",
            {kAccessCellAspect.record(), kSenseClampOhm.record(), kNvmSwitchTransistors.record(),
             kNvmSwitchedLinesPerRow.record(), kSramColumnTransistors.record(), kNvCapCellF.record(),
             kSramCellLeakageNa.record(), kControlTransistors.record(), kDecoderTransistorsPerRow.record(),
             kDacTransistorsPerLevel.record(), kDacDecoderTransistorsPerBit.record(), kDriverStageEffort.record(),
             kFo4StageEffort.record(), kDistributedRcDelay.record(), kCounterFlipsPerIncrement.record(), kVoltageModeFullScaleSwing.record()}};
}

} // namespace kh
