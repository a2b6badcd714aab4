#include "dse/RunLog.h"

#include "common/InputError.h"
#include "common/UtcTime.h"

#include <cmath>
#include <ctime>
#include <fstream>

namespace kh {

namespace {
using nlohmann::json;

constexpr size_t kMaxLineBytes = 16 << 20;   // a design point with inline tables stays far below

const std::vector<std::string>& kinds()
{
    static const std::vector<std::string> k{"accuracy", "sweep", "pin", "finetune"};
    return k;
}

std::string stringAt(const json& j, const char* key, const std::string& where, bool required)
{
    if (!j.contains(key)) {
        if (required)
            throw InputError(where + ": missing \"" + key + "\"");
        return {};
    }
    if (!j[key].is_string())
        throw InputError(where + ": \"" + key + "\" must be a string");
    return j[key].get<std::string>();
}
} // namespace

json runLogEntryToJson(const RunLogEntry& e)
{
    json j = {{"time", e.time}, {"kind", e.kind}, {"label", e.label}, {"design", e.design}, {"seconds", e.seconds}};
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"network", &e.network},
                                     {"model", &e.model},
                                     {"dataset", &e.dataset},
                                     {"results", &e.results}})
        if (!value->empty())
            j[key] = *value;
    json m = json::object();
    for (const auto& [name, v] : e.metrics)
        m[name] = std::isfinite(v) ? json(v) : json(nullptr);
    j["metrics"] = m;
    return j;
}

RunLogEntry runLogEntryFromJson(const json& j, const std::string& where)
{
    if (!j.is_object())
        throw InputError(where + ": an entry must be a JSON object");
    RunLogEntry e;
    e.time = stringAt(j, "time", where, true);
    e.kind = stringAt(j, "kind", where, true);
    bool known = false;
    for (const std::string& k : kinds())
        known = known || k == e.kind;
    if (!known)
        throw InputError(where + ": unknown kind \"" + e.kind + "\" (accuracy, sweep, pin, finetune)");
    e.label = stringAt(j, "label", where, false);
    e.network = stringAt(j, "network", where, false);
    e.model = stringAt(j, "model", where, false);
    e.dataset = stringAt(j, "dataset", where, false);
    e.results = stringAt(j, "results", where, false);
    if (j.contains("design")) {
        if (!j["design"].is_object())
            throw InputError(where + ": \"design\" must be an object");
        e.design = j["design"];
    }
    if (j.contains("seconds")) {
        if (!j["seconds"].is_number() || !std::isfinite(j["seconds"].get<double>()) || j["seconds"].get<double>() < 0)
            throw InputError(where + ": \"seconds\" must be a number >= 0");
        e.seconds = j["seconds"].get<double>();
    }
    if (j.contains("metrics")) {
        if (!j["metrics"].is_object())
            throw InputError(where + ": \"metrics\" must be an object");
        for (const auto& [name, v] : j["metrics"].items()) {
            if (v.is_null()) {
                e.metrics[name] = std::nan("");
                continue;
            }
            if (!v.is_number())
                throw InputError(where + ": metrics." + name + " must be a number");
            e.metrics[name] = v.get<double>();
        }
    }
    return e;
}

void appendRunLog(const std::string& path, const RunLogEntry& e)
{
    std::ofstream out(path, std::ios::app | std::ios::binary);
    if (!out)
        throw InputError(path + ": cannot append to the run log");
    out << runLogEntryToJson(e).dump() << '\n';
    out.flush();
    if (!out)
        throw InputError(path + ": cannot append to the run log");
}

RunLogContents readRunLog(const std::string& path)
{
    RunLogContents c;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return c;
    std::string line;
    for (long long number = 1; std::getline(in, line); ++number) {
        const std::string where = path + ":" + std::to_string(number);
        if (line.empty())
            continue;
        if (line.size() > kMaxLineBytes) {
            c.problems.push_back(where + ": line longer than " + std::to_string(kMaxLineBytes) + " bytes");
            continue;
        }
        try {
            const json j = json::parse(line);
            c.entries.push_back(runLogEntryFromJson(j, where));
        } catch (const json::exception& e) {
            c.problems.push_back(where + ": not JSON (" + std::string(e.what()) + ")");
        } catch (const InputError& e) {
            c.problems.push_back(e.what());
        }
    }
    return c;
}

std::string runLogTimeNow() { return utcTimestamp(); }

} // namespace kh
