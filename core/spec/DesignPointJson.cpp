#include "spec/DesignPointJson.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "spec/TechnologyNodes.h"
#include "spec/EnumNames.h"
#include "spec/JsonObjectReader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace kh {

namespace {

using nlohmann::json;

std::string resolvePath(const std::string& path, const std::string& baseDir)
{
    namespace fs = std::filesystem;
    if (path.empty() || baseDir.empty() || fs::path(path).is_absolute())
        return path;
    const fs::path candidate = fs::path(baseDir) / path;
    std::error_code ec;
    return fs::exists(candidate, ec) ? candidate.lexically_normal().string() : path;
}

void readTechnology(JsonObjectReader& r, TechnologySpec& t)
{
    r.readInt("node_nm", t.node_nm, 1, 1000);
    r.readOptionalNumber("vdd_v", t.vdd_v, 0.2, 5.0);
    r.readNumber("temperature_k", t.temperature_k, 200, 450);
    r.finish();
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
        throw InputError::atKey(path, "expected a file path or [[g_mean, g_sigma], ...], got "
                                          + JsonObjectReader::typeName(v));
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

void readDevice(JsonObjectReader& r, DeviceSpec& d, const std::string& baseDir)
{
    r.readEnum("type", d.type, names::deviceTypes());
    r.readInt("cell_bits", d.cell_bits, 1, 8);
    r.readNumber("r_on_ohm", d.r_on_ohm, 1.0, 1e12);
    r.readNumber("on_off_ratio", d.on_off_ratio, 1.0, 1e9);
    r.readNumber("read_voltage_v", d.read_voltage_v, 0.01, 5.0);
    r.readNumber("cell_area_f2", d.cell_area_f2, 1.0, 10000.0);
    r.readEnum("access", d.access, names::accessTypes());
    if (const json* v = r.raw("mem_states"))
        readMemStates(*v, r.pathOf("mem_states"), d, baseDir);
    r.finish();
}

void readArray(JsonObjectReader& r, ArraySpec& a)
{
    r.readInt("rows", a.rows, 2, 4096);
    r.readInt("cols", a.cols, 2, 4096);
    // Unset, parallel_rows reads the whole array and cols_per_adc stays within it.
    a.parallel_rows = a.rows;
    a.cols_per_adc = std::min(a.cols_per_adc, a.cols);
    r.readInt("parallel_rows", a.parallel_rows, 1, 4096);
    r.readInt("cols_per_adc", a.cols_per_adc, 1, 4096);
    r.finish();
}

void readPrecision(JsonObjectReader& r, PrecisionSpec& p)
{
    r.readInt("weight_bits", p.weight_bits, 1, 16);
    r.readInt("input_bits", p.input_bits, 1, 16);
    r.readInt("dac_bits", p.dac_bits, 1, 16);
    r.readInt("adc_bits", p.adc_bits, 1, 16);
    r.readEnum("adc_mode", p.adc_mode, names::adcModes());
    r.readEnum("adc_type", p.adc_type, names::adcTypes());
    r.readEnum("calibration", p.calibration, names::calibrations());
    r.readNumber("percentile", p.percentile, 50.0, 100.0);
    r.finish();
}

void readMapping(JsonObjectReader& r, MappingSpec& m)
{
    r.readEnum("conv", m.conv, names::convMappings());
    r.readEnum("weight_encoding", m.weight_encoding, names::weightEncodings());
    r.readEnum("input_encoding", m.input_encoding, names::inputEncodings());
    r.readBool("first_layer_digital", m.first_layer_digital);
    r.finish();
}

void readNoise(JsonObjectReader& r, NoiseSpec& n, const std::string& baseDir)
{
    r.readEnum("mode", n.mode, names::noiseModes());
    r.readBool("d2d_from_mem_states", n.d2d_from_mem_states);
    r.readNumber("read_noise_rel", n.read_noise_rel, 0.0, 10.0);
    if (const json* v = r.raw("saf")) {
        JsonObjectReader s(*v, r.pathOf("saf"));
        s.readNumber("p_stuck_min", n.saf.p_stuck_min, 0.0, 1.0);
        s.readNumber("p_stuck_max", n.saf.p_stuck_max, 0.0, 1.0);
        s.finish();
        if (n.saf.p_stuck_min + n.saf.p_stuck_max > 1.0)
            throw InputError::atKey(r.pathOf("saf"), "p_stuck_min + p_stuck_max must not exceed 1");
    }
    if (const json* v = r.raw("drift")) {
        JsonObjectReader d(*v, r.pathOf("drift"));
        d.readNumber("t_s", n.drift.t_s, 0.0, 1e12);
        d.readNumber("t0_s", n.drift.t0_s, 1e-12, 1e12);
        d.readNumber("nu", n.drift.nu, -1.0, 1.0);
        d.readEnum("mode", n.drift.mode, names::driftModes());
        d.readOptionalNumber("target", n.drift.target, 0.0, 1.0);
        d.finish();
        if (n.drift.mode == DriftMode::Target && !n.drift.target)
            throw InputError::atKey(r.pathOf("drift.target"), "required when drift.mode is \"target\"");
    }
    r.readNumber("output_sigma", n.output_sigma, 0.0, 1e6);
    if (const json* v = r.raw("output_noise")) {
        const std::string path = r.pathOf("output_noise");
        if (v->is_string()) {
            n.output_noise_path = resolvePath(v->get<std::string>(), baseDir);
        } else if (v->is_array()) {
            for (size_t i = 0; i < v->size(); ++i) {
                const json& row = (*v)[i];
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
        } else if (!v->is_null()) {
            throw InputError::atKey(path, "expected a file path or [[output, mean, std], ...], got " + JsonObjectReader::typeName(*v));
        }
    }
    r.finish();
}

void readChip(JsonObjectReader& r, ChipSpec& c)
{
    r.readEnum("interconnect", c.interconnect, names::interconnects());
    r.readBool("pipeline", c.pipeline);
    if (const json* v = r.raw("speedup")) {
        const bool isAuto = v->is_string() && v->get<std::string>() == "auto";
        const bool isCap = v->is_number_integer() && v->get<long long>() >= 1 && v->get<long long>() <= 64;
        if (!isAuto && !isCap)
            throw InputError::atKey(r.pathOf("speedup"), "expected \"auto\" or an integer in [1, 64]");
        c.speedup = isAuto ? 0 : v->get<int>();
    }
    r.readOptionalNumber("clock_ghz", c.clock_ghz, 0.001, 20.0);
    r.finish();
}

void readActivity(JsonObjectReader& r, ActivitySpec& a)
{
    r.readNumber("input_zero_fraction", a.input_zero_fraction, 0.0, 1.0);
    r.readNumber("input_bit_density", a.input_bit_density, 0.0, 1.0);
    r.readNumber("weight_bit_density", a.weight_bit_density, 0.0, 1.0);
    r.finish();
}

void readEvaluation(JsonObjectReader& r, EvaluationSpec& e)
{
    r.readInt("images", e.images, 1, 10000000);
    r.readInt("chips", e.chips, 1, 100000);
    r.readUInt64("seed", e.seed);
    r.finish();
}

template <class F>
void section(JsonObjectReader& root, const char* key, F&& read)
{
    if (const json* v = root.raw(key)) {
        JsonObjectReader r(*v, root.pathOf(key));
        read(r);
    }
}

} // namespace

DesignPoint designPointFromJson(const json& j, const std::string& baseDir)
{
    DesignPoint dp;
    JsonObjectReader root(j, "");
    section(root, "technology", [&](JsonObjectReader& r) { readTechnology(r, dp.technology); });
    section(root, "device", [&](JsonObjectReader& r) { readDevice(r, dp.device, baseDir); });
    section(root, "array", [&](JsonObjectReader& r) { readArray(r, dp.array); });
    section(root, "precision", [&](JsonObjectReader& r) { readPrecision(r, dp.precision); });
    section(root, "mapping", [&](JsonObjectReader& r) { readMapping(r, dp.mapping); });
    section(root, "noise", [&](JsonObjectReader& r) { readNoise(r, dp.noise, baseDir); });
    section(root, "chip", [&](JsonObjectReader& r) { readChip(r, dp.chip); });
    section(root, "activity", [&](JsonObjectReader& r) { readActivity(r, dp.activity); });
    section(root, "evaluation", [&](JsonObjectReader& r) { readEvaluation(r, dp.evaluation); });
    // "name" and "description" document presets; they do not change the point.
    root.raw("name");
    root.raw("description");
    root.finish();
    validateDesignPoint(dp);
    return dp;
}

void validateDesignPoint(const DesignPoint& dp)
{
    if (!isSupportedNode(dp.technology.node_nm))
        throw InputError::atKey("technology.node_nm", "no technology data for " + std::to_string(dp.technology.node_nm)
                                                          + " nm (supported: " + supportedNodesText() + ")");
    if (dp.array.parallel_rows > dp.array.rows)
        throw InputError::atKey("array.parallel_rows", "must not exceed array.rows ("
                                                           + std::to_string(dp.array.rows) + ")");
    if (dp.array.cols_per_adc > dp.array.cols)
        throw InputError::atKey("array.cols_per_adc", "must not exceed array.cols (" + std::to_string(dp.array.cols) + ")");
    if (dp.precision.dac_bits > dp.precision.input_bits)
        throw InputError::atKey("precision.dac_bits", "must not exceed precision.input_bits");
    if (dp.device.cell_bits > dp.precision.weight_bits)
        throw InputError::atKey("device.cell_bits", "must not exceed precision.weight_bits");
    if (dp.mapping.input_encoding == InputEncoding::BitSerial && dp.precision.dac_bits != 1)
        throw InputError::atKey("precision.dac_bits", "must be 1 with mapping.input_encoding \"bit_serial\"");
    if (dp.device.type == DeviceType::SRAM && dp.device.cell_bits != 1)
        throw InputError::atKey("device.cell_bits", "an SRAM cell stores 1 bit");
    const size_t states = dp.device.mem_states.size();
    if (states != 0 && states != (size_t(1) << dp.device.cell_bits))
        throw InputError::atKey("device.mem_states", "has " + std::to_string(states) + " states; "
                                    + std::to_string(1 << dp.device.cell_bits) + " (2^cell_bits) required");
    if (dp.noise.mode == NoiseMode::Circuit && dp.noise.output_noise_path.empty() && dp.noise.output_noise.empty()
        && dp.noise.output_sigma <= 0)
        throw InputError::atKey("noise.output_noise", "required when noise.mode is \"circuit\" (or set noise.output_sigma)");
}

json designPointToJson(const DesignPoint& dp)
{
    json memStates = nullptr;
    if (!dp.device.mem_states.empty()) {
        memStates = json::array();
        for (const MemState& s : dp.device.mem_states)
            memStates.push_back({s.g_mean_s, s.g_sigma_s});
    } else if (!dp.device.mem_states_path.empty()) {
        memStates = dp.device.mem_states_path;
    }
    auto optionalNumber = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    json outputNoise = nullptr;
    if (!dp.noise.output_noise.empty()) {
        outputNoise = json::array();
        for (const OutputNoiseLevel& l : dp.noise.output_noise)
            outputNoise.push_back({l.output, l.mean, l.std});
    } else if (!dp.noise.output_noise_path.empty()) {
        outputNoise = dp.noise.output_noise_path;
    }
    return json{
        {"technology",
         {{"node_nm", dp.technology.node_nm}, {"vdd_v", optionalNumber(dp.technology.vdd_v)},
          {"temperature_k", dp.technology.temperature_k}}},
        {"device",
         {{"type", names::nameOf(names::deviceTypes(), dp.device.type)}, {"cell_bits", dp.device.cell_bits},
          {"r_on_ohm", dp.device.r_on_ohm}, {"on_off_ratio", dp.device.on_off_ratio},
          {"read_voltage_v", dp.device.read_voltage_v}, {"cell_area_f2", dp.device.cell_area_f2},
          {"access", names::nameOf(names::accessTypes(), dp.device.access)}, {"mem_states", memStates}}},
        {"array",
         {{"rows", dp.array.rows}, {"cols", dp.array.cols}, {"parallel_rows", dp.array.parallel_rows},
          {"cols_per_adc", dp.array.cols_per_adc}}},
        {"precision",
         {{"weight_bits", dp.precision.weight_bits}, {"input_bits", dp.precision.input_bits},
          {"dac_bits", dp.precision.dac_bits}, {"adc_bits", dp.precision.adc_bits},
          {"adc_mode", names::nameOf(names::adcModes(), dp.precision.adc_mode)},
          {"adc_type", names::nameOf(names::adcTypes(), dp.precision.adc_type)},
          {"calibration", names::nameOf(names::calibrations(), dp.precision.calibration)},
          {"percentile", dp.precision.percentile}}},
        {"mapping",
         {{"conv", names::nameOf(names::convMappings(), dp.mapping.conv)},
          {"weight_encoding", names::nameOf(names::weightEncodings(), dp.mapping.weight_encoding)},
          {"input_encoding", names::nameOf(names::inputEncodings(), dp.mapping.input_encoding)},
          {"first_layer_digital", dp.mapping.first_layer_digital}}},
        {"noise",
         {{"mode", names::nameOf(names::noiseModes(), dp.noise.mode)},
          {"d2d_from_mem_states", dp.noise.d2d_from_mem_states},
          {"read_noise_rel", dp.noise.read_noise_rel},
          {"saf", {{"p_stuck_min", dp.noise.saf.p_stuck_min}, {"p_stuck_max", dp.noise.saf.p_stuck_max}}},
          {"drift",
           {{"t_s", dp.noise.drift.t_s}, {"t0_s", dp.noise.drift.t0_s}, {"nu", dp.noise.drift.nu},
            {"mode", names::nameOf(names::driftModes(), dp.noise.drift.mode)},
            {"target", optionalNumber(dp.noise.drift.target)}}},
          {"output_noise", outputNoise},
          {"output_sigma", dp.noise.output_sigma}}},
        {"chip",
         {{"interconnect", names::nameOf(names::interconnects(), dp.chip.interconnect)},
          {"pipeline", dp.chip.pipeline},
          {"speedup", dp.chip.speedup == 0 ? json("auto") : json(dp.chip.speedup)},
          {"clock_ghz", optionalNumber(dp.chip.clock_ghz)}}},
        {"activity",
         {{"input_zero_fraction", dp.activity.input_zero_fraction},
          {"input_bit_density", dp.activity.input_bit_density},
          {"weight_bit_density", dp.activity.weight_bit_density}}},
        {"evaluation",
         {{"images", dp.evaluation.images}, {"chips", dp.evaluation.chips}, {"seed", dp.evaluation.seed}}},
    };
}

json parseJsonText(const std::string& text, const std::string& sourceName)
{
    try {
        return json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::out_of_range& e) {
        throw InputError(sourceName + ": invalid JSON (" + std::string(e.what()) + ")");
    } catch (const json::parse_error& e) {
        // Turn nlohmann's byte offset into line:column so a user can find the spot.
        const size_t byte = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        int line = 1;
        size_t lineStart = 0;
        for (size_t i = 0; i < byte; ++i)
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        std::string what = e.what();
        const auto cut = what.find("parse error");
        if (cut != std::string::npos)
            what = what.substr(cut);
        throw InputError(sourceName + ":" + std::to_string(line) + ":" + std::to_string(byte - lineStart + 1)
                         + ": invalid JSON (" + what + ")");
    }
}

DesignPoint loadDesignPointFile(const std::string& path)
{
    const json j = parseJsonText(readTextFile(path), path);
    try {
        return designPointFromJson(j, std::filesystem::path(path).parent_path().string());
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());
    }
}

} // namespace kh
