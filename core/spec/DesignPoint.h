#pragma once
// One design point (docs/design-point.md): the unit of editors, CLI, sweeps and the results store.
// Defaults here are the documented defaults (docs/design-point.md); JSON keys match field names.
#include <optional>
#include <string>
#include <vector>

namespace kh {

enum class DeviceType { RRAM, PCM, FeFET, STTMRAM, SRAM, nvCap };
enum class AccessType { OneT1R, Crossbar, EightT, SixT, OneFeFET, OneC };
enum class AdcMode { Clip, Linear, Nonlinear };
enum class AdcRange { Full, Max, Percentile };
enum class AdcType { Flash, Sar, Ramp, Cco, Counting };
// How a resistive array's columns are sensed (SRAM and capacitive cells have their own readout).
enum class Readout { Current, Voltage };
enum class ConvMapping { Conventional, Novel };
enum class WeightEncoding { Offset, Differential, TwosComplement, NeuroSimShift };
// How an activation drives a row (docs/simulation.md, step 3; docs/ppa-model.md):
//  BitSerial:  one bit per cycle, each cycle converted and shift-added;
//  Dac:        dac_bits per cycle at 2^dac voltage levels, each cycle converted;
//  PulseCount: bit k sent as 2^k identical pulses whose charge the column integrates, one
//              conversion of the whole input (NeuRRAM, Wan et al., Nature 2022);
//  PulseWidth: one pulse of x time slots, one conversion (HERMES, Le Gallo et al., Nat. Electron. 2023).
enum class InputEncoding { BitSerial, Dac, PulseCount, PulseWidth };
enum class NoiseMode { None, Device, Circuit };
enum class DriftMode { Random, TowardMax, TowardMin, Target };
enum class DriftCompensation { None, Global, Column };
enum class InterconnectType { HTree, XYBus };
// How the PE, tile and global buffers are built: SRAM macros, or flip-flop register files (the
// default of NeuroSim V1.4's Param.cpp at all three levels).
enum class BufferType { Sram, RegisterFile };
enum class Calibration { Max, Percentile };
enum class DatasetFormat { Auto, Idx, Cifar, ImageFolder, Numpy };
enum class DatasetLayout { Auto, Nchw, Nhwc };
enum class OpCount { Executed, NeuroSim };

struct TechnologySpec {
    int node_nm = 22;
    std::optional<double> vdd_v;   // null: the node's nominal supply
    double temperature_k = 300;
};

struct MemState {
    double g_mean_s = 0;   // conductance (S), or capacitance (F) for capacitive cells
    double g_sigma_s = 0;
};

// One row of a circuit-noise table: what the circuit produces for an ideal ADC output level.
struct OutputNoiseLevel {
    long long output = 0;
    double mean = 0;
    double std = 0;
};

struct DeviceSpec {
    DeviceType type = DeviceType::RRAM;
    int cell_bits = 1;
    double r_on_ohm = 6000;
    double on_off_ratio = 17;
    double read_voltage_v = 0.5;
    double cell_area_f2 = 60;
    AccessType access = AccessType::OneT1R;
    std::string mem_states_path;          // empty: states derived from r_on and on/off ratio
    std::vector<MemState> mem_states;     // inline table (takes precedence over the path)
};

struct ArraySpec {
    int rows = 128;
    int cols = 128;
    int parallel_rows = 128;
    int cols_per_adc = 8;
    Readout readout = Readout::Current;
};

struct PrecisionSpec {
    int weight_bits = 8;
    int input_bits = 8;
    int dac_bits = 1;
    int adc_bits = 5;
    AdcMode adc_mode = AdcMode::Clip;
    AdcType adc_type = AdcType::Flash;
    // Linear ADC: its levels over [0, P_max] (full), or over the largest (max) or a percentile of
    // the ideal partial sums of the layer's first batch (docs/simulation.md, step 5).
    AdcRange adc_range = AdcRange::Full;
    double adc_range_percentile = 99.9;
    Calibration calibration = Calibration::Max;   // input scale from max |x| or a percentile of |x|
    double percentile = 99.99;
};

struct MappingSpec {
    ConvMapping conv = ConvMapping::Conventional;
    WeightEncoding weight_encoding = WeightEncoding::Offset;
    InputEncoding input_encoding = InputEncoding::BitSerial;
    bool first_layer_digital = false;   // NeuroSim V1.5 leaves the first layer unquantized
};

struct SafSpec {
    double p_stuck_min = 0;
    double p_stuck_max = 0;
};

struct DriftSpec {
    double t_s = 0;
    double t0_s = 1;
    double nu = 0;
    DriftMode mode = DriftMode::Random;
    std::optional<double> target;   // in [0, 1] of the conductance range, for mode "target"
};

// IR drop (docs/simulation.md): every read solved as a resistive network of wires and cells.
struct IrDropSpec {
    bool enabled = false;
    std::optional<double> row_wire_ohm;   // per cell along a row; null: the node's wire across the cell's width
    std::optional<double> col_wire_ohm;   // per cell along a column; null: across the cell's height
    double driver_ohm = 0;                // row driver output resistance
    double sense_ohm = 0;                 // column sense input resistance (0: an ideal virtual ground)
};

// Phase-change memory cells after the statistical model IBM published with AIHWKit
// (docs/simulation.md, "PCM"): programming noise, state-dependent drift, 1/f read noise.
struct PcmSpec {
    bool enabled = false;
    double t_s = 20;                       // time since programming (drift-free up to t0 = 20 s)
    double programming_noise_scale = 1;    // multiplies the published sigma (0: off)
    double drift_scale = 1;                // multiplies every cell's drift exponent (0: off)
    double read_noise_scale = 1;           // multiplies the 1/f read noise (0: off)
};

// Circuit errors of the column ADCs (docs/simulation.md, "ADC circuit errors"), in LSB unless said.
struct AdcErrorSpec {
    double offset_sigma_lsb = 0;         // comparator offset, drawn per ADC
    double noise_sigma_lsb = 0;          // comparator noise, drawn per conversion
    double gain_sigma = 0;               // relative gain error of each column's readout
    double column_offset_sigma_lsb = 0;  // per-column offset (capacitive coupling of the input lines)
    double cap_mismatch_sigma = 0;       // SAR: relative sigma of one unit capacitor (DNL/INL)
    double inl_lsb = 0;                  // bow-shaped integral non-linearity at mid-scale
};

struct NoiseSpec {
    NoiseMode mode = NoiseMode::None;
    bool d2d_from_mem_states = true;
    double read_noise_rel = 0;
    SafSpec saf;
    DriftSpec drift;
    std::string output_noise_path;   // circuit mode: per-level table (output_noise.csv)
    std::vector<OutputNoiseLevel> output_noise;   // ... or the same table inline (takes precedence)
    double output_sigma = 0;         // circuit mode without a table: one sigma for every level
    IrDropSpec ir_drop;
    AdcErrorSpec adc_errors;
    PcmSpec pcm;
    // RRAM conductance relaxation: a spread that grows after programming and saturates, read at
    // noise.drift.t_s (docs/simulation.md, "Relaxation").
    // Conductance against temperature (technology.temperature_k), read against the 300 K
    // references (docs/simulation.md, "Temperature"): G_max as a metallic filament,
    // G(T) = G(300 K)/(1 + tcr·(T − 300 K)); G_min thermally activated (Arrhenius),
    // G(T) = G(300 K)·exp(−Ea/k·(1/T − 1/300 K)); states between interpolate in log G. 0: none.
    double g_on_tcr_per_k = 0;
    double g_off_activation_ev = 0;
    double relaxation_sigma_rel = 0;   // relative σ once relaxed
    double relaxation_tau_s = 1800;    // time constant (NeuRRAM: most of it within ~30 minutes)
    // Drift compensation (device mode): outputs scaled digitally by reference / now for a fixed
    // read-out input, one factor per layer (global) or per output column.
    DriftCompensation drift_compensation = DriftCompensation::None;
};

struct ChipSpec {
    InterconnectType interconnect = InterconnectType::XYBus;
    BufferType buffer_type = BufferType::Sram;
    bool pipeline = true;
    int speedup = 0;                    // 0 = "auto"; otherwise the weight-duplication cap
    std::optional<double> clock_ghz;    // null: the clock set by the slowest stage
    // Wires from a tile's buffer to its PEs (inputs out, partial sums back); null: wide enough for
    // one read step of every subarray of the tile, so the buffer never holds the arrays back.
    std::optional<double> tile_bus_bits;
    // What TOPS and TOPS/W count: the MACs executed (output positions × weights), or NeuroSim's
    // 2·H·W·C·K·K·Cout over the input map with stride and padding ignored (to compare with it).
    OpCount op_count = OpCount::Executed;
};

// Switching activity used by the energy model when no behavioral run supplies bit statistics.
struct ActivitySpec {
    double input_zero_fraction = 0.5;     // ~50 % zeros after ReLU (NeuroSim's VGG8 activation traces, docs/validation.md §1)
    double input_bit_density = 0.5;       // P(bit = 1) within a non-zero input
    double weight_bit_density = 0.5;      // P(cell bit = 1)
};

// How the dataset's images become the model's input, as torchvision's transforms do it: resize
// (shorter side), centre crop, scale to [0, 1], then (x − mean) / std per channel.
struct DatasetPreprocessing {
    std::optional<double> resize;   // shorter side in pixels; null: images keep their size
    std::optional<double> crop;     // side of the centre crop in pixels; null: no crop
    std::optional<double> scale;    // null: 1/255 for 8-bit images, 1 for float arrays
    std::vector<double> mean;       // one value, or one per channel; empty: 0
    std::vector<double> std;        // one value, or one per channel; empty: 1
};

// The dataset's path is part of the project and the sweep spec (beside the model), so that a
// relative path resolves against the file that names it; how it is read is part of the point.
struct DatasetSpec {
    DatasetFormat format = DatasetFormat::Auto;   // auto: sniffed from the path's contents
    DatasetLayout layout = DatasetLayout::Auto;   // NumPy arrays: N×C×H×W or N×H×W×C
    DatasetPreprocessing preprocessing;
};

struct EvaluationSpec {
    int images = 1000;
    int chips = 3;
    unsigned long long seed = 1;
    DatasetSpec dataset;
};

struct DesignPoint {
    TechnologySpec technology;
    DeviceSpec device;
    ArraySpec array;
    PrecisionSpec precision;
    MappingSpec mapping;
    NoiseSpec noise;
    ChipSpec chip;
    ActivitySpec activity;
    EvaluationSpec evaluation;
};

// Number of cells (slices) per weight: ceil(weight_bits / cell_bits).
int cellsPerWeight(const DesignPoint& dp);
// True for the encodings that integrate the whole input on the column before one conversion.
bool pulseEncoded(const DesignPoint& dp);
// Input bits one conversion sees: dac_bits, or input_bits for the pulse encodings.
int bitsPerConversion(const DesignPoint& dp);
// "bit-serial", "4b DAC", "pulse counts" or "pulse width", for reports.
std::string inputEncodingText(const DesignPoint& dp);
// Conversions (input cycles) per activation: ceil(input_bits / bitsPerConversion).
int inputCycles(const DesignPoint& dp);
// Time slots the rows are driven for per conversion: 2^b − 1 for the pulse encodings (the largest
// input's pulses or pulse width), 1 otherwise.
int pulseSlots(const DesignPoint& dp);
// Largest partial sum one ADC read can see: parallel_rows · (2^bits per conversion − 1) · (2^cell − 1).
long long maxPartialSum(const DesignPoint& dp);
// Smallest ADC resolution that represents every partial sum exactly.
int losslessAdcBits(const DesignPoint& dp);
// Physical columns one weight occupies under the weight encoding (the simulator's arrays and the
// PPA's floorplan use the same count): differential pairs double it, two's complement with
// multi-bit cells adds a sign column.
int columnsPerWeight(const DesignPoint& dp);

// Which access structures a cell technology is built with: SRAM bitcells are 6T or 8T, a FeFET is
// its own access device (1FeFET, or a 1T1R-style select transistor), a capacitive cell is 1C;
// resistive cells (RRAM, PCM, STT-MRAM) use 1T1R or a selector-less crossbar.
bool accessFits(DeviceType type, AccessType access);
// The usual structure of a technology, for when the type changes and the old one no longer fits.
AccessType usualAccess(DeviceType type);
// Whether a device field describes this technology: an SRAM cell has no resistance ratio, no
// multi-level states and stores one bit.
bool deviceFieldApplies(DeviceType type, const std::string& key);

} // namespace kh
