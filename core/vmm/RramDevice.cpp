#include "vmm/RramDevice.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/DeviceTables.h"
#include "spec/DesignPointJson.h"
#include "spec/JsonObjectReader.h"

#include <cmath>
#include <filesystem>

namespace kh::vmm {

double potentiationCurve(double nl, double p)
{
    const double a = std::abs(nl);
    if (a < 1e-9)
        return p;
    return (1 - std::exp(-a * p)) / (1 - std::exp(-a));
}

double depressionCurve(double nl, double p)
{
    // Depression from G_max: fast drop first, the mirror image of potentiation.
    return 1 - potentiationCurve(nl, p);
}

RramDevice deviceFromJson(const nlohmann::json& j, const std::string& baseDir)
{
    if (!j.is_object())
        throw InputError::atKey("", "a device is a JSON object");
    RramDevice d;
    JsonObjectReader r(j, "");
    r.readString("name", d.name);
    std::string documentation;   // "description" and "source" document presets
    r.readString("description", documentation);
    r.readString("source", documentation);
    r.readInt("states", d.states, 2, 65536);
    r.readNumber("nl_ltp", d.nl_ltp, -20, 20);
    r.readNumber("nl_ltd", d.nl_ltd, -20, 20);
    r.readNumber("r_on_ohm", d.r_on_ohm, 1, 1e12);
    r.readNumber("memory_window", d.memory_window, 1.0001, 1e9);
    r.readNumber("c2c", d.c2c, 0, 1);
    r.readNumber("d2d", d.d2d, 0, 1);
    r.readNumber("read_noise", d.read_noise, 0, 1);
    if (const nlohmann::json* v = r.raw("mem_states")) {
        // Reuse the design point's reader: same syntax, same checks, same messages.
        nlohmann::json wrapper{{"device", {{"mem_states", *v}}}};
        DesignPoint dp;
        try {
            dp = designPointFromJson(wrapper, baseDir);
        } catch (const InputError& e) {
            const std::string what = e.what();
            throw InputError(what.rfind("device.", 0) == 0 ? what.substr(7) : what);
        }
        d.levels = dp.device.mem_states.empty() && !dp.device.mem_states_path.empty() ? readMemStatesCsv(dp.device.mem_states_path)
                                                                                      : dp.device.mem_states;
        if (d.levels.size() < 2)
            throw InputError::atKey("mem_states", "needs at least 2 states");
        for (size_t i = 1; i < d.levels.size(); ++i)
            if (d.levels[i].g_mean_s <= d.levels[i - 1].g_mean_s)
                throw InputError::atKey("mem_states[" + std::to_string(i) + "]", "states must rise strictly");
        d.states = int(d.levels.size());
    }
    r.finish();
    return d;
}

nlohmann::json deviceToJson(const RramDevice& d)
{
    nlohmann::json j{{"name", d.name},       {"states", d.states},     {"nl_ltp", d.nl_ltp},
                     {"nl_ltd", d.nl_ltd},   {"r_on_ohm", d.r_on_ohm}, {"memory_window", d.memory_window},
                     {"c2c", d.c2c},         {"d2d", d.d2d},           {"read_noise", d.read_noise}};
    if (!d.levels.empty()) {
        nlohmann::json rows = nlohmann::json::array();
        for (const MemState& s : d.levels)
            rows.push_back({s.g_mean_s, s.g_sigma_s});
        j["mem_states"] = rows;
    }
    return j;
}

RramDevice loadDeviceFile(const std::string& path)
{
    const nlohmann::json j = parseJsonText(readTextFile(path), path);
    try {
        RramDevice d = deviceFromJson(j, std::filesystem::path(path).parent_path().string());
        if (d.name.empty())
            d.name = std::filesystem::path(path).stem().string();
        return d;
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());
    }
}

RramDevice deviceFromDesignPoint(const DesignPoint& dp)
{
    RramDevice d;
    d.name = "design point mem_states";
    d.levels = !dp.device.mem_states.empty() ? dp.device.mem_states
               : !dp.device.mem_states_path.empty() ? readMemStatesCsv(dp.device.mem_states_path)
                                                    : std::vector<MemState>{};
    if (d.levels.size() < 2)
        throw InputError::atKey("device.mem_states", "the design point has no mem_states table to benchmark");
    d.states = int(d.levels.size());
    d.r_on_ohm = 1.0 / d.levels.back().g_mean_s;
    d.memory_window = d.levels.back().g_mean_s / std::max(d.levels.front().g_mean_s, 1e-30);
    return d;
}

} // namespace kh::vmm
