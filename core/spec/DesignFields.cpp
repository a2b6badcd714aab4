#include "spec/DesignFields.h"

#include "common/FindByName.h"
#include "common/InputError.h"
#include "spec/EnumNames.h"
#include "spec/TechnologyNodes.h"

#include <cmath>
#include <filesystem>
#include <sstream>
#include <tuple>

namespace kh {

namespace {

using nlohmann::json;

// A member of the design point by path: one generic lambda serves const reads and writes.
#define KH_MEMBER(path) [](auto& d) -> auto& { return d.path; }

struct Shown {
    const char* unit = "";          // SI unit of the value
    const char* displayUnit = "";   // editor unit
    double scale = 1;               // editor value = value × scale
    int decimals = 0;
    double step = 1;                // one arrow-key step, in editor units
};

DesignField base(const char* key, FieldKind kind, const Shown& shown, const char* description, unsigned readBy)
{
    DesignField f;
    f.key = key;
    f.kind = kind;
    f.unit = shown.unit;
    f.displayUnit = *shown.displayUnit ? shown.displayUnit : shown.unit;
    f.displayScale = shown.scale;
    f.decimals = shown.decimals;
    f.step = shown.step;
    f.description = description;
    f.readBy = readBy;
    return f;
}

template <class A>
DesignField intField(const char* key, A acc, long long lo, long long hi, const char* description, unsigned readBy, Shown shown = {})
{
    DesignField f = base(key, FieldKind::Int, shown, description, readBy);
    f.min = double(lo);
    f.max = double(hi);
    f.get = [acc](const DesignPoint& d) { return json(acc(d)); };
    f.read = [acc, lo, hi](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) { r.readInt(n, acc(d), lo, hi); };
    return f;
}

template <class A>
DesignField numberField(const char* key, A acc, double lo, double hi, const char* description, unsigned readBy, Shown shown = {})
{
    DesignField f = base(key, FieldKind::Number, shown, description, readBy);
    f.min = lo;
    f.max = hi;
    f.get = [acc](const DesignPoint& d) { return json(acc(d)); };
    f.read = [acc, lo, hi](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) { r.readNumber(n, acc(d), lo, hi); };
    return f;
}

template <class A>
DesignField optionalField(const char* key, A acc, double lo, double hi, const char* nullMeaning, const char* description, unsigned readBy,
                          Shown shown = {})
{
    DesignField f = base(key, FieldKind::OptionalNumber, shown, description, readBy);
    f.min = lo;
    f.max = hi;
    f.nullMeaning = nullMeaning;
    f.get = [acc](const DesignPoint& d) { return acc(d) ? json(*acc(d)) : json(nullptr); };
    f.read = [acc, lo, hi](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) {
        r.readOptionalNumber(n, acc(d), lo, hi);
    };
    return f;
}

template <class A>
DesignField boolField(const char* key, A acc, const char* description, unsigned readBy)
{
    DesignField f = base(key, FieldKind::Bool, {}, description, readBy);
    f.get = [acc](const DesignPoint& d) { return json(acc(d)); };
    f.read = [acc](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) { r.readBool(n, acc(d)); };
    return f;
}

template <class A, class E>
DesignField enumField(const char* key, A acc, const names::Table<E>& table, const char* description, unsigned readBy)
{
    DesignField f = base(key, FieldKind::Enum, {}, description, readBy);
    for (const auto& [name, value] : table)
        f.choices.push_back(name);
    f.get = [acc, &table](const DesignPoint& d) { return json(names::nameOf(table, acc(d))); };
    f.read = [acc, &table](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) { r.readEnum(n, acc(d), table); };
    return f;
}

// Per-channel values: null (the stated meaning) or a list of up to kMaxListValues numbers.
constexpr size_t kMaxListValues = 1024;

template <class A>
DesignField listField(const char* key, A acc, double lo, double hi, const char* nullMeaning, const char* description, unsigned readBy)
{
    DesignField f = base(key, FieldKind::NumberList, {}, description, readBy);
    f.min = lo;
    f.max = hi;
    f.nullMeaning = nullMeaning;
    f.get = [acc](const DesignPoint& d) { return acc(d).empty() ? json(nullptr) : json(acc(d)); };
    f.read = [acc, lo, hi](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) {
        r.readNumberList(n, acc(d), lo, hi, kMaxListValues);
    };
    return f;
}

DesignField plausibleUpTo(DesignField f, double bound, const char* note)
{
    f.plausibleMax = bound;
    f.plausibleNote = note;
    return f;
}

// The NeuroSim V1.5 paper (Georgia Tech, 2025) bounds realistic stuck-at rates at 1.75 % (LRS) and 9 % (HRS);
// 10 % is past both, where a typo (1e-1 for 1e-5) is more likely than a measured array.
constexpr double kImplausibleStuckRate = 0.1;
constexpr const char* kStuckRateNote = "more than 10 % of cells stuck: NeuroSim V1.5 puts realistic rates at 1.75 % (LRS) and 9 % (HRS)";

std::string resolvePath(const std::string& path, const std::string& baseDir)
{
    namespace fs = std::filesystem;
    if (path.empty() || baseDir.empty() || fs::path(path).is_absolute())
        return path;
    const fs::path candidate = fs::path(baseDir) / path;
    std::error_code ec;
    return fs::exists(candidate, ec) ? candidate.lexically_normal().string() : path;
}

void readMemStates(const json& v, const std::string& path, DeviceSpec& d, const std::string& baseDir)
{
    if (v.is_null())
        return;
    if (v.is_string()) {
        d.mem_states_path = resolvePath(v.get<std::string>(), baseDir);
        return;
    }
    if (!v.is_array())
        throw InputError::atKey(path, "expected a file path or [[g_mean, g_sigma], ...], got " + JsonObjectReader::typeName(v));
    for (size_t i = 0; i < v.size(); ++i) {
        const std::string rowPath = path + "[" + std::to_string(i) + "]";
        const json& row = v[i];
        if (!row.is_array() || row.size() != 2 || !row[0].is_number() || !row[1].is_number())
            throw InputError::atKey(rowPath, "expected [g_mean, g_sigma] numbers");
        MemState s{row[0].get<double>(), row[1].get<double>()};
        if (!std::isfinite(s.g_mean_s) || !std::isfinite(s.g_sigma_s) || s.g_mean_s < 0 || s.g_sigma_s < 0)
            throw InputError::atKey(rowPath, "conductance mean and sigma must be finite and >= 0");
        d.mem_states.push_back(s);
    }
}

void readOutputNoise(const json& v, const std::string& path, NoiseSpec& n, const std::string& baseDir)
{
    if (v.is_string()) {
        n.output_noise_path = resolvePath(v.get<std::string>(), baseDir);
    } else if (v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) {
            const json& row = v[i];
            const std::string rowPath = path + "[" + std::to_string(i) + "]";
            if (!row.is_array() || row.size() != 3 || !row[0].is_number_integer() || !row[1].is_number() || !row[2].is_number())
                throw InputError::atKey(rowPath, "expected [output (integer), mean, std]");
            OutputNoiseLevel l{row[0].get<long long>(), row[1].get<double>(), row[2].get<double>()};
            if (l.output < 0 || !std::isfinite(l.mean) || !std::isfinite(l.std) || l.std < 0)
                throw InputError::atKey(rowPath, "output must be >= 0, mean finite, std >= 0");
            if (!n.output_noise.empty() && l.output <= n.output_noise.back().output)
                throw InputError::atKey(rowPath, "output levels must increase");
            n.output_noise.push_back(l);
        }
    } else if (!v.is_null()) {
        throw InputError::atKey(path, "expected a file path or [[output, mean, std], ...], got " + JsonObjectReader::typeName(v));
    }
}

// A table held inline (rows, which take precedence) or as a file path; null when neither.
template <class Rows, class RowJson, class Read>
DesignField tableField(const char* key, FieldKind kind, const char* unit, const char* description, unsigned readBy, Rows rows,
                       RowJson rowJson, Read readTable)
{
    DesignField f = base(key, kind, {unit}, description, readBy);
    f.get = [rows, rowJson](const DesignPoint& dp) {
        const auto& [table, path] = rows(dp);
        if (!table.empty()) {
            json out = json::array();
            for (const auto& row : table)
                out.push_back(rowJson(row));
            return out;
        }
        return path.empty() ? json(nullptr) : json(path);
    };
    f.read = [readTable](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string& baseDir) {
        if (const json* v = r.raw(n))
            readTable(*v, r.pathOf(n), d, baseDir);
    };
    return f;
}

DesignField memStatesField()
{
    return tableField(
        "device.mem_states", FieldKind::MemStates, "S",
        "conductance states: a mem_states.csv path, or [[g_mean, g_sigma], ...] with 2^cell_bits rows, lowest first", kReadByBoth,
        [](const DesignPoint& dp) { return std::tie(dp.device.mem_states, dp.device.mem_states_path); },
        [](const MemState& s) { return json{s.g_mean_s, s.g_sigma_s}; },
        [](const json& v, const std::string& path, DesignPoint& d, const std::string& baseDir) { readMemStates(v, path, d.device, baseDir); });
}

DesignField outputNoiseField()
{
    return tableField(
        "noise.output_noise", FieldKind::OutputNoise, "",
        "circuit noise per ideal ADC output: an output_noise.csv path, or [[output, mean, std], ...] with increasing outputs",
        kReadByAccuracy, [](const DesignPoint& dp) { return std::tie(dp.noise.output_noise, dp.noise.output_noise_path); },
        [](const OutputNoiseLevel& l) { return json{l.output, l.mean, l.std}; },
        [](const json& v, const std::string& path, DesignPoint& d, const std::string& baseDir) { readOutputNoise(v, path, d.noise, baseDir); });
}

DesignField speedupField()
{
    DesignField f = base("chip.speedup", FieldKind::Speedup, {},
                         "cap on weight duplication per layer; \"auto\" is NeuroSim's default of 8", kReadByPpa);
    f.min = 1;
    f.max = 64;
    f.get = [](const DesignPoint& dp) { return dp.chip.speedup == 0 ? json("auto") : json(dp.chip.speedup); };
    f.read = [](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) {
        if (const json* v = r.raw(n)) {
            const bool isAuto = v->is_string() && v->get<std::string>() == "auto";
            const bool isCap = v->is_number_integer() && v->get<long long>() >= 1 && v->get<long long>() <= 64;
            if (!isAuto && !isCap)
                throw InputError::atKey(r.pathOf(n), "expected \"auto\" or an integer in [1, 64]");
            d.chip.speedup = isAuto ? 0 : v->get<int>();
        }
    };
    return f;
}

DesignField seedField()
{
    DesignField f = base("evaluation.seed", FieldKind::UInt64, {}, "seed of every random draw (chips, noise)", kReadByBudget);
    f.max = 18446744073709551615.0;
    f.get = [](const DesignPoint& dp) { return json(dp.evaluation.seed); };
    f.read = [](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string&) { r.readUInt64(n, d.evaluation.seed); };
    return f;
}

// A field whose unset value follows another field's (read just before its own key).
DesignField followsField(DesignField f, std::function<void(DesignPoint&)> unsetValue)
{
    auto read = f.read;
    f.read = [read, unsetValue](JsonObjectReader& r, const std::string& n, DesignPoint& d, const std::string& baseDir) {
        unsetValue(d);
        read(r, n, d, baseDir);
    };
    return f;
}

std::vector<DesignField> makeFields()
{
    const unsigned P = kReadByPpa, A = kReadByAccuracy, B = kReadByBoth, E = kReadByBudget;
    std::vector<DesignField> f;
    // technology
    f.push_back(intField("technology.node_nm", KH_MEMBER(technology.node_nm), 1, 1000,
                         "technology node (nodes: spec/TechnologyNodes.cpp; data: ppa/TechnologyLibrary.cpp)", P, {"nm"}));
    f.push_back(optionalField("technology.vdd_v", KH_MEMBER(technology.vdd_v), 0.2, 5.0, "the node's nominal supply", "supply voltage", P,
                              {"V", "V", 1, 3, 0.05}));
    f.push_back(numberField("technology.temperature_k", KH_MEMBER(technology.temperature_k), 200, 450,
                            "operating temperature; sets leakage (doubles every 20 K)", P, {"K", "K", 1, 1, 5}));
    // device
    f.push_back(enumField("device.type", KH_MEMBER(device.type), names::deviceTypes(), "memory cell technology", P));
    f.push_back(intField("device.cell_bits", KH_MEMBER(device.cell_bits), 1, 8, "bits stored per cell (SRAM: 1; at most weight_bits)", B,
                         {"bit"}));
    f.push_back(numberField("device.r_on_ohm", KH_MEMBER(device.r_on_ohm), 1.0, 1e12,
                            "on-state (lowest) resistance; for SRAM the read port's on-resistance", B, {"ohm", "kΩ", 1e-3, 6}));
    f.push_back(numberField("device.on_off_ratio", KH_MEMBER(device.on_off_ratio), 1.0, 1e9, "G_on / G_off", B, {"", "", 1, 4}));
    f.push_back(numberField("device.read_voltage_v", KH_MEMBER(device.read_voltage_v), 0.01, 5.0, "bitline read voltage", P,
                            {"V", "V", 1, 3, 0.05}));
    f.push_back(numberField("device.cell_area_f2", KH_MEMBER(device.cell_area_f2), 1.0, 10000.0,
                            "cell area in F² (F = node for planar nodes, an SRAM-scaled F below 22 nm)", P, {"F^2", "F²", 1, 1}));
    f.push_back(enumField("device.access", KH_MEMBER(device.access), names::accessTypes(), "access device; sets cell aspect and line loading",
                          P));
    f.push_back(memStatesField());
    // array
    f.push_back(intField("array.rows", KH_MEMBER(array.rows), 2, 4096, "subarray rows", B));
    f.push_back(intField("array.cols", KH_MEMBER(array.cols), 2, 4096, "subarray columns", B));
    f.push_back(followsField(intField("array.parallel_rows", KH_MEMBER(array.parallel_rows), 1, 4096,
                                      "rows read at once (partial-parallel read); unset: all rows, at most rows", B),
                             [](DesignPoint& d) { d.array.parallel_rows = d.array.rows; }));
    f.push_back(followsField(intField("array.cols_per_adc", KH_MEMBER(array.cols_per_adc), 1, 4096,
                                      "columns multiplexed onto one ADC; unset: 8 or cols if fewer, at most cols", P),
                             [](DesignPoint& d) { d.array.cols_per_adc = std::min(d.array.cols_per_adc, d.array.cols); }));
    f.push_back(enumField("array.readout", KH_MEMBER(array.readout), names::readouts(),
                          "column sensing of resistive cells: current (clamped bitline, cells conduct for the sensing time) or "
                          "voltage (precharged bitline left floating, discharged by the cells, sampled); SRAM and capacitive "
                          "cells keep their own readout",
                          P));
    // precision
    f.push_back(intField("precision.weight_bits", KH_MEMBER(precision.weight_bits), 1, 16, "quantized weight precision", B, {"bit"}));
    f.push_back(intField("precision.input_bits", KH_MEMBER(precision.input_bits), 1, 16, "quantized activation precision", B, {"bit"}));
    f.push_back(intField("precision.dac_bits", KH_MEMBER(precision.dac_bits), 1, 16,
                         "input bits applied per cycle (at most input_bits; 1 with bit_serial)", B, {"bit"}));
    f.push_back(intField("precision.adc_bits", KH_MEMBER(precision.adc_bits), 1, 16, "ADC resolution", B, {"bit"}));
    f.push_back(enumField("precision.adc_mode", KH_MEMBER(precision.adc_mode), names::adcModes(), "ADC transfer function", A));
    f.push_back(enumField("precision.adc_type", KH_MEMBER(precision.adc_type), names::adcTypes(),
                          "ADC circuit: flash (2^b-1 comparators, one step), sar (one comparator, b steps), ramp (single slope: "
                          "one comparator against a shared ramp, 2^b steps), cco (current-controlled oscillator counted over a "
                          "window of 2^b LSB times, HERMES), counting (integrate-and-fire: one count per charge packet, NeuRRAM)",
                          P));
    f.push_back(enumField("precision.adc_range", KH_MEMBER(precision.adc_range), names::adcRanges(),
                          "linear ADC: levels over [0, P_max], or over the max or a percentile of calibration partial sums", A));
    f.push_back(numberField("precision.adc_range_percentile", KH_MEMBER(precision.adc_range_percentile), 50.0, 100.0,
                            "percentile of partial sums for adc_range \"percentile\"", A, {"", "%", 1, 3, 0.1}));
    f.push_back(enumField("precision.calibration", KH_MEMBER(precision.calibration), names::calibrations(),
                          "input scale from max |x| or a percentile of |x| over the calibration batch", A));
    f.push_back(numberField("precision.percentile", KH_MEMBER(precision.percentile), 50.0, 100.0, "percentile for percentile calibration", A,
                            {"%", "%", 1, 3, 0.01}));
    // mapping
    f.push_back(enumField("mapping.conv", KH_MEMBER(mapping.conv), names::convMappings(),
                          "convolution unrolling: one column per kernel, or one sub-matrix per kernel position", B));
    f.push_back(enumField("mapping.weight_encoding", KH_MEMBER(mapping.weight_encoding), names::weightEncodings(), "signed-weight scheme", B));
    f.push_back(enumField("mapping.input_encoding", KH_MEMBER(mapping.input_encoding), names::inputEncodings(),
                          "how inputs drive the rows: bit_serial (one bit per converted cycle), dac (dac_bits per cycle), "
                          "pulse_count (2^k pulses for bit k integrated on the column, one conversion: NeuRRAM), "
                          "pulse_width (one pulse x time slots long, one conversion: HERMES)", B));
    f.push_back(boolField("mapping.first_layer_digital", KH_MEMBER(mapping.first_layer_digital),
                          "run the first linear layer in float (NeuroSim V1.5 default)", B));
    // noise
    f.push_back(enumField("noise.mode", KH_MEMBER(noise.mode), names::noiseModes(), "non-ideality model", A));
    f.push_back(boolField("noise.d2d_from_mem_states", KH_MEMBER(noise.d2d_from_mem_states), "sample per-state σ from mem_states", A));
    f.push_back(numberField("noise.read_noise_rel", KH_MEMBER(noise.read_noise_rel), 0.0, 10.0, "relative read noise per read", A,
                            {"", "", 1, 4, 0.005}));
    f.push_back(plausibleUpTo(numberField("noise.saf.p_stuck_min", KH_MEMBER(noise.saf.p_stuck_min), 0.0, 1.0,
                                          "probability a cell is stuck at G_min", A, {"", "", 1, 6, 0.005}),
                              kImplausibleStuckRate, kStuckRateNote));
    f.push_back(plausibleUpTo(numberField("noise.saf.p_stuck_max", KH_MEMBER(noise.saf.p_stuck_max), 0.0, 1.0,
                                          "probability a cell is stuck at G_max", A, {"", "", 1, 6, 0.005}),
                              kImplausibleStuckRate, kStuckRateNote));
    f.push_back(numberField("noise.drift.t_s", KH_MEMBER(noise.drift.t_s), 0.0, 1e12, "time since programming: G(t) = G0·(t/t0)^ν", A,
                            {"s", "s", 1, 3, 10}));
    f.push_back(numberField("noise.drift.t0_s", KH_MEMBER(noise.drift.t0_s), 1e-12, 1e12, "drift reference time t0", A, {"s", "s", 1, 3}));
    f.push_back(numberField("noise.drift.nu", KH_MEMBER(noise.drift.nu), -1.0, 1.0, "drift exponent ν", A, {"", "", 1, 4, 0.005}));
    f.push_back(enumField("noise.drift.mode", KH_MEMBER(noise.drift.mode), names::driftModes(), "drift direction", A));
    f.push_back(optionalField("noise.drift.target", KH_MEMBER(noise.drift.target), 0.0, 1.0, "no target; required for mode target",
                              "target level as a fraction of the conductance range", A, {"", "", 1, 3, 0.05}));
    f.push_back(outputNoiseField());
    f.push_back(numberField("noise.output_sigma", KH_MEMBER(noise.output_sigma), 0.0, 1e6,
                            "circuit mode without a table: one σ (in ADC levels) for every level", A, {"", "levels", 1, 3, 0.1}));
    f.push_back(numberField("noise.g_on_tcr_per_k", KH_MEMBER(noise.g_on_tcr_per_k), -0.05, 0.05,
                            "temperature coefficient of R_on (metallic filament): G_on(T) = G_on/(1 + tcr·(T − 300 K))", A,
                            {"1/K", "1/K", 1, 5, 0.0005}));
    f.push_back(numberField("noise.g_off_activation_ev", KH_MEMBER(noise.g_off_activation_ev), 0.0, 2.0,
                            "activation energy of G_off (Arrhenius): G_off(T) = G_off·exp(−Ea/k·(1/T − 1/300 K))", A,
                            {"eV", "eV", 1, 4, 0.01}));
    f.push_back(numberField("noise.relaxation_sigma_rel", KH_MEMBER(noise.relaxation_sigma_rel), 0.0, 2.0,
                            "RRAM relaxation: relative spread once relaxed, read at noise.drift.t_s", A, {"", "", 1, 4, 0.01}));
    f.push_back(numberField("noise.relaxation_tau_s", KH_MEMBER(noise.relaxation_tau_s), 1e-6, 1e10,
                            "RRAM relaxation time constant", A, {"s", "s", 1, 3, 60}));
    f.push_back(boolField("noise.pcm.enabled", KH_MEMBER(noise.pcm.enabled),
                          "PCM cells: programming noise, state-dependent drift and 1/f read noise (device mode)", A));
    f.push_back(numberField("noise.pcm.t_s", KH_MEMBER(noise.pcm.t_s), 0.0, 1e10, "time since programming (PCM model)", A,
                            {"s", "s", 1, 3, 10}));
    f.push_back(numberField("noise.pcm.programming_noise_scale", KH_MEMBER(noise.pcm.programming_noise_scale), 0.0, 10.0,
                            "scale of the published programming noise (0: none)", A, {"", "", 1, 3, 0.1}));
    f.push_back(numberField("noise.pcm.drift_scale", KH_MEMBER(noise.pcm.drift_scale), 0.0, 10.0,
                            "scale of every cell's drift exponent (0: no drift)", A, {"", "", 1, 3, 0.1}));
    f.push_back(numberField("noise.pcm.read_noise_scale", KH_MEMBER(noise.pcm.read_noise_scale), 0.0, 10.0,
                            "scale of the 1/f read noise (0: none)", A, {"", "", 1, 3, 0.1}));
    f.push_back(enumField("noise.drift_compensation", KH_MEMBER(noise.drift_compensation), names::driftCompensations(),
                          "outputs scaled by reference/now for a fixed read-out input: per layer or per column", A));
    f.push_back(boolField("noise.ir_drop.enabled", KH_MEMBER(noise.ir_drop.enabled),
                          "solve every read as a resistive network of wires and cells (none and device modes)", A));
    f.push_back(optionalField("noise.ir_drop.row_wire_ohm", KH_MEMBER(noise.ir_drop.row_wire_ohm), 0.0, 1e6,
                              "the node's wire resistance across one cell's width", "row wire resistance per cell", A,
                              {"ohm", "Ω", 1, 3, 0.1}));
    f.push_back(optionalField("noise.ir_drop.col_wire_ohm", KH_MEMBER(noise.ir_drop.col_wire_ohm), 0.0, 1e6,
                              "the node's wire resistance across one cell's height", "column wire resistance per cell", A,
                              {"ohm", "Ω", 1, 3, 0.1}));
    f.push_back(numberField("noise.ir_drop.driver_ohm", KH_MEMBER(noise.ir_drop.driver_ohm), 0.0, 1e7, "row driver output resistance", A,
                            {"ohm", "Ω", 1, 1, 10}));
    f.push_back(numberField("noise.ir_drop.sense_ohm", KH_MEMBER(noise.ir_drop.sense_ohm), 0.0, 1e7,
                            "column sense input resistance (0: ideal virtual ground)", A, {"ohm", "Ω", 1, 1, 10}));
    f.push_back(numberField("noise.adc_errors.offset_sigma_lsb", KH_MEMBER(noise.adc_errors.offset_sigma_lsb), 0.0, 1e3,
                            "comparator offset, drawn once per ADC (sigma)", A, {"", "LSB", 1, 3, 0.1}));
    f.push_back(numberField("noise.adc_errors.noise_sigma_lsb", KH_MEMBER(noise.adc_errors.noise_sigma_lsb), 0.0, 1e3,
                            "comparator noise, drawn per conversion (sigma)", A, {"", "LSB", 1, 3, 0.1}));
    f.push_back(numberField("noise.adc_errors.gain_sigma", KH_MEMBER(noise.adc_errors.gain_sigma), 0.0, 0.5,
                            "relative gain error of each column's readout (sigma)", A, {"", "", 1, 4, 0.005}));
    f.push_back(numberField("noise.adc_errors.column_offset_sigma_lsb", KH_MEMBER(noise.adc_errors.column_offset_sigma_lsb), 0.0, 1e3,
                            "offset of each column, e.g. capacitive coupling from the input lines (sigma)", A, {"", "LSB", 1, 3, 0.1}));
    f.push_back(numberField("noise.adc_errors.cap_mismatch_sigma", KH_MEMBER(noise.adc_errors.cap_mismatch_sigma), 0.0, 0.5,
                            "SAR only: relative mismatch of one unit capacitor (sigma)", A, {"", "", 1, 4, 0.005}));
    f.push_back(numberField("noise.adc_errors.inl_lsb", KH_MEMBER(noise.adc_errors.inl_lsb), -1e3, 1e3,
                            "bow-shaped integral non-linearity at mid-scale (ramp or oscillator curvature)", A, {"", "LSB", 1, 3, 0.1}));
    // chip
    f.push_back(enumField("chip.interconnect", KH_MEMBER(chip.interconnect), names::interconnects(), "global interconnect", P));
    f.push_back(enumField("chip.buffer_type", KH_MEMBER(chip.buffer_type), names::bufferTypes(),
                          "how the PE, tile and global buffers are built: sram (macros: dense, a fixed periphery per access) or "
                          "register_file (flip-flops and a read mux: larger, cheaper per bit when small; NeuroSim's default)",
                          P));
    f.push_back(boolField("chip.pipeline", KH_MEMBER(chip.pipeline), "layers run as a pipeline (throughput = slowest layer)", P));
    f.push_back(speedupField());
    f.push_back(optionalField("chip.clock_ghz", KH_MEMBER(chip.clock_ghz), 0.001, 20.0, "set by the slowest stage",
                              "clock, never faster than the slowest stage allows", P, {"GHz", "GHz", 1, 3, 0.1}));
    f.push_back(optionalField("chip.tile_bus_bits", KH_MEMBER(chip.tile_bus_bits), 1, 65536,
                              "wide enough for one read step of every subarray",
                              "wires from a tile's buffer to its PEs; a narrow bus makes buffer transfers the layer's bottleneck", P,
                              {"bit", "bit", 1, 0, 1}));
    f.push_back(enumField("chip.op_count", KH_MEMBER(chip.op_count), names::opCounts(),
                          "what TOPS counts: executed MACs, or NeuroSim's 2*H*W*C*K*K*Cout on the input map (stride ignored)", P));
    // activity
    f.push_back(numberField("activity.input_zero_fraction", KH_MEMBER(activity.input_zero_fraction), 0.0, 1.0,
                            "share of zero activations (energy, when no measured statistics)", P, {"", "", 1, 3, 0.05}));
    f.push_back(numberField("activity.input_bit_density", KH_MEMBER(activity.input_bit_density), 0.0, 1.0,
                            "P(bit = 1) within a non-zero activation", P, {"", "", 1, 3, 0.05}));
    f.push_back(numberField("activity.weight_bit_density", KH_MEMBER(activity.weight_bit_density), 0.0, 1.0, "mean normalised cell level", P,
                            {"", "", 1, 3, 0.05}));
    // evaluation
    f.push_back(intField("evaluation.images", KH_MEMBER(evaluation.images), 1, 10000000, "test images per accuracy run", E));
    f.push_back(intField("evaluation.chips", KH_MEMBER(evaluation.chips), 1, 100000, "simulated chips (Monte Carlo draws)", E));
    f.push_back(seedField());
    f.push_back(enumField("evaluation.dataset.format", KH_MEMBER(evaluation.dataset.format), names::datasetFormats(),
                          "how the dataset path is read (auto: from its contents)", A));
    f.push_back(enumField("evaluation.dataset.layout", KH_MEMBER(evaluation.dataset.layout), names::datasetLayouts(),
                          "axis order of NumPy image arrays (auto: channels are the axis of size 1 or 3)", A));
    const Shown pixels{"px", "px", 1, 0, 1};
    f.push_back(optionalField("evaluation.dataset.preprocessing.resize", KH_MEMBER(evaluation.dataset.preprocessing.resize), 1, 4096,
                              "images keep their size", "shorter side after resizing (bilinear, antialiased, aspect kept)", A, pixels));
    f.push_back(optionalField("evaluation.dataset.preprocessing.crop", KH_MEMBER(evaluation.dataset.preprocessing.crop), 1, 4096,
                              "no crop", "side of the square centre crop after resizing", A, pixels));
    f.push_back(optionalField("evaluation.dataset.preprocessing.scale", KH_MEMBER(evaluation.dataset.preprocessing.scale), 1e-9, 1e9,
                              "1/255 for 8-bit images, 1 for float arrays", "each value is multiplied by it before the mean is subtracted",
                              A, {"", "", 1, 6, 0.001}));
    f.push_back(listField("evaluation.dataset.preprocessing.mean", KH_MEMBER(evaluation.dataset.preprocessing.mean), -1e6, 1e6, "0",
                          "subtracted per channel after scaling, as in training (one value or one per channel)", A));
    f.push_back(listField("evaluation.dataset.preprocessing.std", KH_MEMBER(evaluation.dataset.preprocessing.std), 1e-9, 1e6, "1",
                          "divides each channel after the mean is subtracted (one value or one per channel)", A));
    return f;
}

std::string numberText(double v)
{
    std::ostringstream s;
    s.precision(12);
    s << v;
    return s.str();
}

} // namespace

const std::vector<DesignField>& designFields()
{
    static const std::vector<DesignField> fields = makeFields();
    return fields;
}

const DesignField* findDesignField(const std::string& key) { return findByName(designFields(), &DesignField::key, key); }

nlohmann::json::json_pointer designKeyPointer(const std::string& key)
{
    std::string p;
    std::stringstream in(key);
    for (std::string part; std::getline(in, part, '.');) {
        // RFC 6901 escapes, so any text makes a valid pointer (a key with '~' or '/' then simply
        // names nothing).
        std::string escaped;
        for (char c : part)
            escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        p.append("/").append(escaped);
    }
    return nlohmann::json::json_pointer(p);
}

std::vector<std::string> sweepableDesignKeys()
{
    std::vector<std::string> keys;
    for (const DesignField& f : designFields())
        if (f.kind != FieldKind::MemStates && f.kind != FieldKind::OutputNoise && f.kind != FieldKind::NumberList
            && f.section().rfind("evaluation.dataset", 0) != 0)   // the dataset is read once per sweep
            keys.push_back(f.key);
    return keys;
}

std::string designFieldsMarkdown()
{
    const DesignPoint defaults;
    std::ostringstream md;
    md << "| key | default | range / values | unit | meaning | read by |\n|---|---|---|---|---|---|\n";
    for (const DesignField& f : designFields()) {
        const json d = f.get(defaults);
        std::string def = d.is_string() ? "`" + d.get<std::string>() + "`" : d.dump();
        std::string range;
        switch (f.kind) {
        case FieldKind::Int:
        case FieldKind::Number:
        case FieldKind::OptionalNumber: range = numberText(f.min) + " – " + numberText(f.max); break;
        case FieldKind::NumberList: range = "list of " + numberText(f.min) + " – " + numberText(f.max); break;
        case FieldKind::UInt64: range = "0 – 2^64 − 1"; break;
        case FieldKind::Bool: range = "`true` `false`"; break;
        case FieldKind::Speedup: range = "`\"auto\"` or 1 – 64"; break;
        case FieldKind::MemStates:
        case FieldKind::OutputNoise: range = "path or inline table"; break;
        case FieldKind::Enum:
            for (const std::string& c : f.choices)
                range += (range.empty() ? "`" : " `") + c + "`";
            break;
        }
        if (f.key == "technology.node_nm")
            range = supportedNodesText();
        if (f.kind == FieldKind::OptionalNumber || f.kind == FieldKind::NumberList)
            def = "null (" + f.nullMeaning + ")";
        if (f.key == "array.parallel_rows")
            def = "= `rows`";
        const char* by = f.readBy == kReadByBoth ? "PPA, accuracy" : f.readBy == kReadByPpa ? "PPA" : f.readBy == kReadByAccuracy ? "accuracy"
                                                                                                                                 : "accuracy budget";
        std::string description = f.description;
        for (std::string::size_type at = 0; (at = description.find('|', at)) != std::string::npos; at += 2)
            description.replace(at, 1, "\\|");   // a literal bar inside a Markdown table cell
        md << "| `" << f.key << "` | " << def << " | " << range << " | " << f.unit << " | " << description << " | " << by << " |\n";
    }
    return md.str();
}

json designPointSchema()
{
    const DesignPoint defaults;
    json root = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                 {"title", "Kirchhoff design point"},
                 {"type", "object"},
                 {"additionalProperties", false},
                 {"properties", {{"name", {{"type", "string"}}}, {"description", {{"type", "string"}}}}}};
    for (const DesignField& f : designFields()) {
        json s;
        switch (f.kind) {
        case FieldKind::Int: s = {{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}}; break;
        case FieldKind::UInt64: s = {{"type", "integer"}, {"minimum", 0}}; break;
        case FieldKind::Number: s = {{"type", "number"}, {"minimum", f.min}, {"maximum", f.max}}; break;
        case FieldKind::OptionalNumber: s = {{"type", {"number", "null"}}, {"minimum", f.min}, {"maximum", f.max}}; break;
        case FieldKind::NumberList: {
            const json item = {{"type", "number"}, {"minimum", f.min}, {"maximum", f.max}};
            s = {{"oneOf", json::array({json{{"type", "null"}}, json{{"type", "array"}, {"items", item}, {"minItems", 1}, {"maxItems", kMaxListValues}}})}};
            break;
        }
        case FieldKind::Bool: s = {{"type", "boolean"}}; break;
        case FieldKind::Enum: s = {{"enum", f.choices}}; break;
        case FieldKind::Speedup:
            s = {{"oneOf", json::array({json{{"const", "auto"}}, json{{"type", "integer"}, {"minimum", 1}, {"maximum", 64}}})}};
            break;
        case FieldKind::MemStates:
        case FieldKind::OutputNoise: {
            const int width = f.kind == FieldKind::MemStates ? 2 : 3;
            const json row = {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", width}, {"maxItems", width}};
            const json table = {{"type", "array"}, {"items", row}};
            s = {{"oneOf", json::array({json{{"type", "null"}}, json{{"type", "string"}}, table})}};
            break;
        }
        }
        s["description"] = f.description + (f.unit.empty() ? "" : " [" + f.unit + "]");
        if (f.kind != FieldKind::MemStates && f.kind != FieldKind::OutputNoise)
            s["default"] = f.get(defaults);
        // Walk (and create) the nested objects down to the field's parent.
        json* node = &root;
        std::stringstream path(f.section());
        for (std::string part; std::getline(path, part, '.');) {
            json& child = (*node)["properties"][part];
            if (child.is_null())
                child = {{"type", "object"}, {"additionalProperties", false}, {"properties", json::object()}};
            node = &child;
        }
        (*node)["properties"][f.name()] = s;
    }
    return root;
}

} // namespace kh
