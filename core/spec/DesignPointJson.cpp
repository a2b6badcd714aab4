#include "spec/DesignPointJson.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "spec/DesignFields.h"
#include "spec/JsonObjectReader.h"
#include "spec/TechnologyNodes.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace kh {

namespace {

using nlohmann::json;

// Reads the object at 'prefix' ("" for the root): its fields in table order, then its nested
// objects; finish() rejects any key the table does not have.
void readObject(const json& object, const std::string& prefix, DesignPoint& dp, const std::string& baseDir)
{
    JsonObjectReader r(object, prefix);
    std::vector<std::string> children;
    const std::string below = prefix.empty() ? "" : prefix + ".";
    for (const DesignField& f : designFields()) {
        const std::string section = f.section();
        if (section == prefix) {
            f.read(r, f.name(), dp, baseDir);
        } else if (section.rfind(below, 0) == 0) {
            const std::string child = section.substr(below.size(), section.find('.', below.size()) - below.size());
            if (std::find(children.begin(), children.end(), child) == children.end())
                children.push_back(child);
        }
    }
    for (const std::string& child : children)
        if (const json* v = r.raw(child))
            readObject(*v, below + child, dp, baseDir);
    if (prefix.empty()) {
        // "name" and "description" document presets; they do not change the point.
        r.raw("name");
        r.raw("description");
    }
    r.finish();
}

// Files of the session that introduced normalisation name one mean and std for all channels as
// evaluation.input_mean / input_std; they are read as the per-channel lists that replaced them.
json withCurrentKeys(const json& j)
{
    const json* evaluation = j.is_object() && j.contains("evaluation") ? &j["evaluation"] : nullptr;
    if (!evaluation || !evaluation->is_object() || (!evaluation->contains("input_mean") && !evaluation->contains("input_std")))
        return j;
    json out = j;
    json& e = out["evaluation"];
    for (const auto& [legacy, key] : {std::pair{"input_mean", "mean"}, std::pair{"input_std", "std"}})
        if (e.contains(legacy)) {
            const json value = e[legacy];
            e.erase(legacy);
            e["dataset"]["preprocessing"][key] = value.is_number() ? json::array({value}) : value;
        }
    return out;
}

} // namespace

DesignPoint designPointFromJson(const json& j, const std::string& baseDir)
{
    DesignPoint dp;
    readObject(withCurrentKeys(j), "", dp, baseDir);
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
    if (pulseEncoded(dp) && dp.precision.dac_bits != 1)
        throw InputError::atKey("precision.dac_bits", "must be 1 with pulse inputs: the rows are driven at one voltage, the input is "
                                                      "in the number or width of the pulses");
    if (pulseEncoded(dp) && dp.precision.input_bits > 12)
        throw InputError::atKey("precision.input_bits", "at most 12 with pulse inputs (2^b - 1 time slots per conversion)");
    if (pulseEncoded(dp) && dp.noise.ir_drop.enabled)
        throw InputError::atKey("noise.ir_drop.enabled", "not with pulse inputs: rows switch off at different times within one "
                                                         "conversion, which the per-read network solve does not model");
    if (dp.device.type == DeviceType::SRAM && dp.device.cell_bits != 1)
        throw InputError::atKey("device.cell_bits", "an SRAM cell stores 1 bit");
    const size_t states = dp.device.mem_states.size();
    if (states != 0 && states != (size_t(1) << dp.device.cell_bits))
        throw InputError::atKey("device.mem_states", "has " + std::to_string(states) + " states; "
                                    + std::to_string(1 << dp.device.cell_bits) + " (2^cell_bits) required");
    if (dp.noise.saf.p_stuck_min + dp.noise.saf.p_stuck_max > 1.0)
        throw InputError::atKey("noise.saf", "p_stuck_min + p_stuck_max must not exceed 1");
    if (dp.noise.drift.mode == DriftMode::Target && !dp.noise.drift.target)
        throw InputError::atKey("noise.drift.target", "required when drift.mode is \"target\"");
    const DatasetPreprocessing& pre = dp.evaluation.dataset.preprocessing;
    for (const auto& [value, key] : {std::pair{pre.resize, "resize"}, std::pair{pre.crop, "crop"}})
        if (value && *value != std::floor(*value))
            throw InputError::atKey(std::string("evaluation.dataset.preprocessing.") + key, "must be a whole number of pixels");
    if (pre.resize && pre.crop && *pre.crop > *pre.resize)
        throw InputError::atKey("evaluation.dataset.preprocessing.crop", "must not exceed resize (" + std::to_string(int(*pre.resize)) + ")");
    if (pre.mean.size() > 1 && pre.std.size() > 1 && pre.mean.size() != pre.std.size())
        throw InputError::atKey("evaluation.dataset.preprocessing.std", "has " + std::to_string(pre.std.size()) + " values, mean has "
                                                                            + std::to_string(pre.mean.size()));
    if (dp.noise.mode == NoiseMode::Circuit && dp.noise.output_noise_path.empty() && dp.noise.output_noise.empty()
        && dp.noise.output_sigma <= 0)
        throw InputError::atKey("noise.output_noise", "required when noise.mode is \"circuit\" (or set noise.output_sigma)");
    if (dp.noise.ir_drop.enabled && dp.noise.mode == NoiseMode::Circuit)
        throw InputError::atKey("noise.ir_drop.enabled", "not with noise.mode \"circuit\": measured output statistics already contain "
                                                         "the array's IR drop");
    if (dp.noise.pcm.enabled && dp.noise.mode != NoiseMode::Device)
        throw InputError::atKey("noise.pcm.enabled", "the PCM model draws conductances: set noise.mode to \"device\"");
    if (dp.noise.pcm.enabled && dp.noise.drift.t_s > 0 && dp.noise.drift.nu != 0)
        throw InputError::atKey("noise.pcm.enabled", "the PCM model has its own drift: set noise.drift.t_s or noise.drift.nu to 0");
    for (const auto& [key, value] : {std::pair<const char*, double>{"noise.g_on_tcr_per_k", dp.noise.g_on_tcr_per_k},
                                     {"noise.g_off_activation_ev", dp.noise.g_off_activation_ev}})
        if (value != 0 && dp.noise.mode != NoiseMode::Device)
            throw InputError::atKey(key, "temperature changes drawn conductances: set noise.mode to \"device\"");
    if (1.0 + dp.noise.g_on_tcr_per_k * (dp.technology.temperature_k - 300.0) <= 0.05)
        throw InputError::atKey("noise.g_on_tcr_per_k", "1 + tcr·(T − 300 K) must stay above 0.05 at technology.temperature_k");
    if (dp.noise.relaxation_sigma_rel > 0 && dp.noise.mode != NoiseMode::Device)
        throw InputError::atKey("noise.relaxation_sigma_rel", "relaxation spreads drawn conductances: set noise.mode to \"device\"");
    if (dp.noise.relaxation_sigma_rel > 0 && dp.noise.pcm.enabled)
        throw InputError::atKey("noise.relaxation_sigma_rel", "not with noise.pcm: the PCM model has its own read noise and drift");
    if (dp.noise.drift_compensation != DriftCompensation::None && dp.noise.mode != NoiseMode::Device)
        throw InputError::atKey("noise.drift_compensation", "compensates drawn conductances: set noise.mode to \"device\"");
    if (dp.precision.adc_range != AdcRange::Full && dp.precision.adc_mode != AdcMode::Linear)
        throw InputError::atKey("precision.adc_range", "sets the range of uniform levels: needs precision.adc_mode \"linear\"");
    if (dp.noise.adc_errors.cap_mismatch_sigma > 0 && dp.precision.adc_type != AdcType::Sar)
        throw InputError::atKey("noise.adc_errors.cap_mismatch_sigma", "models a SAR converter's capacitor array; set precision.adc_type "
                                                                      "to \"sar\"");
    if (dp.noise.adc_errors.cap_mismatch_sigma > 0 && dp.precision.adc_mode == AdcMode::Nonlinear)
        throw InputError::atKey("noise.adc_errors.cap_mismatch_sigma", "a SAR converter has uniform levels; not with precision.adc_mode "
                                                                      "\"nonlinear\"");
    if (dp.noise.ir_drop.enabled && (dp.device.type == DeviceType::SRAM || dp.device.type == DeviceType::nvCap))
        throw InputError::atKey("noise.ir_drop.enabled", "models resistive cells; an SRAM or capacitive array is not read as a current sum");
}

json designPointToJson(const DesignPoint& dp)
{
    json j = json::object();
    for (const DesignField& f : designFields())
        j[designKeyPointer(f.key)] = f.get(dp);
    return j;
}

json accuracyRelevantJson(const DesignPoint& dp)
{
    json j = json::object();
    for (const DesignField& f : designFields())
        if (f.readByAccuracy())
            j[designKeyPointer(f.key)] = f.get(dp);
    return j;
}

json ppaRelevantJson(const DesignPoint& dp)
{
    json j = json::object();
    for (const DesignField& f : designFields())
        if (f.readBy & kReadByPpa)
            j[designKeyPointer(f.key)] = f.get(dp);
    return j;
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
