#include "dse/SweepSpec.h"

#include "common/Digest.h"
#include "common/InputError.h"
#include "common/PresetDirectory.h"
#include "common/TextFile.h"
#include "dse/MetricInfo.h"
#include "dse/PointRecord.h"
#include "io/DeviceTables.h"
#include "spec/DesignFields.h"
#include "spec/DesignPointJson.h"
#include "spec/JsonObjectReader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace kh {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr size_t kMaxAxisValues = 100000;

// A spec path: relative to the spec's folder, else as given, else a preset of that category.
std::string resolveFile(const std::string& value, const std::string& specDir, const std::string& executableDir,
                        const std::string& category, const std::vector<std::string>& suffixes, const std::string& key)
{
    std::error_code ec;
    if (!specDir.empty() && !fs::path(value).is_absolute() && fs::is_regular_file(fs::path(specDir) / value, ec))
        return (fs::path(specDir) / value).lexically_normal().string();
    if (fs::is_regular_file(value, ec))
        return value;
    for (const std::string& suffix : suffixes) {
        const std::string preset = findPreset(executableDir, category, value + suffix);
        if (!preset.empty())
            return preset;
    }
    throw InputError::atKey(key, "\"" + value + "\": no such file or " + category + " preset");
}

// Reads the base point (inline object or file), pulls file tables inline so the stored config is
// self-contained, and returns its canonical JSON.
json readBase(const json* v, const std::string& specDir, const std::string& executableDir, const json* budget)
{
    json raw = json::object();
    std::string baseDir = specDir;
    if (v && v->is_string()) {
        const std::string path = resolveFile(v->get<std::string>(), specDir, executableDir, "designs", {"", ".json"}, "base");
        raw = parseJsonText(readTextFile(path), path);
        baseDir = fs::path(path).parent_path().string();
    } else if (v && v->is_object()) {
        raw = *v;
    } else if (v) {
        throw InputError::atKey("base", "expected a design point object or a file/preset name, got " + JsonObjectReader::typeName(*v));
    }
    if (budget) {
        JsonObjectReader r(*budget, "budget");
        EvaluationSpec e;
        if (raw.contains("evaluation") && raw["evaluation"].is_object()) {
            // Start from the base point's own evaluation section, budget keys override it.
            const DesignPoint tmp = designPointFromJson(json{{"evaluation", raw["evaluation"]}});
            e = tmp.evaluation;
        }
        r.readInt("images", e.images, 1, 10000000);
        r.readInt("chips", e.chips, 1, 100000);
        r.readUInt64("seed", e.seed);
        r.finish();
        raw["evaluation"] = {{"images", e.images}, {"chips", e.chips}, {"seed", e.seed}};
    }
    DesignPoint dp;
    try {
        dp = designPointFromJson(raw, baseDir);
    } catch (const InputError& e) {
        throw InputError(std::string("base.") + e.what());
    }
    if (!dp.device.mem_states_path.empty()) {
        dp.device.mem_states = readMemStatesCsv(dp.device.mem_states_path);
        dp.device.mem_states_path.clear();
    }
    if (!dp.noise.output_noise_path.empty()) {
        dp.noise.output_noise = readOutputNoiseCsv(dp.noise.output_noise_path).rows;
        dp.noise.output_noise_path.clear();
    }
    return designPointToJson(dp);
}

double number(const json& obj, const std::string& key, const std::string& path)
{
    if (!obj.contains(key))
        throw InputError::atKey(path, "missing \"" + key + "\"");
    if (!obj[key].is_number())
        throw InputError::atKey(path + "." + key, "expected a number");
    const double v = obj[key].get<double>();
    if (!std::isfinite(v))
        throw InputError::atKey(path + "." + key, "must be finite");
    return v;
}

// {"from","to","step"} | {"from","to","factor"} | {"from","to","points"[,"log"]}
std::vector<double> rangeValues(const json& obj, const std::string& path)
{
    const double from = number(obj, "from", path), to = number(obj, "to", path);
    if (to < from)
        throw InputError::atKey(path + ".to", "must not be below \"from\"");
    std::vector<double> out;
    const int forms = obj.contains("step") + obj.contains("factor") + obj.contains("points");
    if (forms != 1)
        throw InputError::atKey(path, "give exactly one of \"step\", \"factor\" or \"points\"");
    for (const auto& [k, _] : obj.items())
        if (k != "from" && k != "to" && k != "step" && k != "factor" && k != "points" && k != "log")
            throw InputError::atKey(path + "." + k, "unknown key");
    if (obj.contains("step")) {
        const double step = number(obj, "step", path);
        if (step <= 0)
            throw InputError::atKey(path + ".step", "must be > 0");
        if ((to - from) / step > double(kMaxAxisValues))
            throw InputError::atKey(path, "more than " + std::to_string(kMaxAxisValues) + " values");
        for (long long i = 0;; ++i) {
            const double v = from + double(i) * step;
            if (v > to + 1e-9 * std::max(1.0, std::abs(to)))
                break;
            out.push_back(v);
        }
    } else if (obj.contains("factor")) {
        const double factor = number(obj, "factor", path);
        if (factor <= 1 || from <= 0)
            throw InputError::atKey(path + ".factor", "needs factor > 1 and from > 0");
        for (double v = from; v <= to * (1 + 1e-9) && out.size() <= kMaxAxisValues; v *= factor)
            out.push_back(v);
    } else {
        const double points = number(obj, "points", path);
        if (points < 1 || points > double(kMaxAxisValues) || points != std::floor(points))
            throw InputError::atKey(path + ".points", "must be an integer in [1, " + std::to_string(kMaxAxisValues) + "]");
        const bool log = obj.contains("log") && obj["log"].is_boolean() && obj["log"].get<bool>();
        if (obj.contains("log") && !obj["log"].is_boolean())
            throw InputError::atKey(path + ".log", "expected true or false");
        if (log && from <= 0)
            throw InputError::atKey(path + ".from", "must be > 0 for a log range");
        const int n = int(points);
        for (int i = 0; i < n; ++i) {
            const double t = n == 1 ? 0.0 : double(i) / (n - 1);
            out.push_back(log ? from * std::pow(to / from, t) : from + (to - from) * t);
        }
    }
    return out;
}

SweepAxis readAxis(const std::string& name, const json& v, const json& base)
{
    const std::string path = "axes." + name;
    SweepAxis axis;
    axis.name = name;
    std::stringstream in(name);
    for (std::string key; std::getline(in, key, '+');) {
        const json::json_pointer ptr = dottedKey(key);
        if (key.empty() || !base.contains(ptr) || base.at(ptr).is_object())
            throw InputError::atKey(path, "\"" + key + "\" is not a design-point key (see docs/design-point.md)");
        const DesignField* field = findDesignField(key);
        if (field && (field->kind == FieldKind::MemStates || field->kind == FieldKind::OutputNoise || field->kind == FieldKind::NumberList))
            throw InputError::atKey(path, "tables and lists cannot be swept; sweep scalar keys");
        if (key.rfind("evaluation.dataset.", 0) == 0)
            throw InputError::atKey(path, "the dataset is read once per sweep; its format and preprocessing cannot be swept");
        axis.keys.push_back(key);
    }
    if (axis.keys.empty())
        throw InputError::atKey(path, "names no key");
    const json& leaf = base.at(dottedKey(axis.keys.front()));
    const bool integerKey = leaf.is_number_integer() || leaf.is_number_unsigned();
    if (v.is_array()) {
        axis.values.assign(v.begin(), v.end());
    } else if (v.is_object() && v.contains("lossless_minus")) {
        if (axis.keys.size() != 1 || axis.keys[0] != "precision.adc_bits")
            throw InputError::atKey(path, "\"lossless_minus\" applies to precision.adc_bits only");
        if (v.size() != 1 || !v["lossless_minus"].is_array() || v["lossless_minus"].empty())
            throw InputError::atKey(path + ".lossless_minus", "expected a non-empty list of integers, e.g. [0, 1, 2]");
        axis.losslessMinus = true;
        for (const json& k : v["lossless_minus"]) {
            if (!k.is_number_integer() || k.get<long long>() < 0 || k.get<long long>() > 16)
                throw InputError::atKey(path + ".lossless_minus", "entries must be integers in [0, 16]");
            axis.values.push_back(k);
        }
        return axis;
    } else if (v.is_object()) {
        // A range is monotonic, so rounding to integers can only repeat the previous value.
        for (double d : rangeValues(v, path)) {
            if (integerKey && !(std::abs(d) < 9.2e18))
                throw InputError::atKey(path, "value " + std::to_string(d) + " is outside the integer range");
            const json value = integerKey ? json((long long)std::llround(d)) : json(d);
            if (axis.values.empty() || axis.values.back() != value)
                axis.values.push_back(value);
        }
    } else {
        throw InputError::atKey(path, "expected a list of values, a range {\"from\", \"to\", \"step\"|\"factor\"|\"points\"} "
                                      "or {\"lossless_minus\": [...]}");
    }
    if (axis.values.empty())
        throw InputError::atKey(path, "has no values");
    if (axis.values.size() > kMaxAxisValues)
        throw InputError::atKey(path, "more than " + std::to_string(kMaxAxisValues) + " values");
    for (size_t i = 0; i < axis.values.size(); ++i) {
        for (const std::string& key : axis.keys) {
            const json& ref = base.at(dottedKey(key));
            const json& value = axis.values[i];
            const bool ok = ref.is_null() || (ref.is_number() && value.is_number()) || (ref.is_string() && value.is_string())
                            || (ref.is_boolean() && value.is_boolean());
            if (!ok)
                throw InputError::atKey(path + "[" + std::to_string(i) + "]",
                                        "expected " + JsonObjectReader::typeName(ref) + " for " + key + ", got "
                                            + JsonObjectReader::typeName(value));
        }
    }
    return axis;
}

SamplerSpec readSampler(const json& v)
{
    SamplerSpec s;
    const std::vector<std::pair<const char*, SamplerKind>> kinds{
        {"grid", SamplerKind::Grid}, {"random", SamplerKind::Random}, {"lhs", SamplerKind::LatinHypercube},
        {"nsga2", SamplerKind::Nsga2}};
    if (v.is_string()) {
        const json wrapped{{"kind", v}};   // the reader keeps a reference: it must outlive it
        JsonObjectReader r(wrapped, "sampler");
        r.readEnum("kind", s.kind, kinds);
    } else if (v.is_object()) {
        JsonObjectReader r(v, "sampler");
        r.readEnum("kind", s.kind, kinds);
        if (s.kind == SamplerKind::Random || s.kind == SamplerKind::LatinHypercube) {
            if (!r.has("points"))
                throw InputError::atKey("sampler.points", "required for the random and lhs samplers");
            r.readInt("points", s.points, 1, 10000000);
        }
        if (s.kind == SamplerKind::Nsga2) {
            r.readInt("population", s.population, 4, 100000);
            r.readInt("generations", s.generations, 0, 100000);
            r.readNumber("crossover", s.crossover, 0, 1);
            r.readNumber("mutation", s.mutation, 0, 1);
        }
        r.readUInt64("seed", s.seed);
        r.finish();
    } else {
        throw InputError::atKey("sampler", "expected \"grid\" or an object with \"kind\"");
    }
    return s;
}

std::vector<Objective> readObjectives(const json& v, bool hasModel)
{
    std::vector<Objective> out;
    if (!v.is_array() || v.empty() || v.size() > 3)
        throw InputError::atKey("objectives", "expected a list of 1 to 3 objectives");
    for (size_t i = 0; i < v.size(); ++i) {
        const std::string path = "objectives[" + std::to_string(i) + "]";
        Objective o;
        if (v[i].is_string()) {
            o.metric = v[i].get<std::string>();
            o.direction = defaultDirection(o.metric);
        } else if (v[i].is_object()) {
            JsonObjectReader r(v[i], path);
            r.readString("metric", o.metric);
            o.direction = defaultDirection(o.metric);
            r.readEnum("direction", o.direction, {{"max", Direction::Maximize}, {"min", Direction::Minimize}});
            r.finish();
        } else {
            throw InputError::atKey(path, "expected a metric name or {\"metric\", \"direction\"}");
        }
        if (!isKnownMetric(o.metric))
            throw InputError::atKey(path, "unknown metric \"" + o.metric + "\"");
        if (!hasModel && o.metric.rfind("accuracy", 0) == 0)
            throw InputError::atKey(path, "\"" + o.metric + "\" needs a \"model\" to evaluate accuracy");
        out.push_back(o);
    }
    return out;
}

} // namespace

bool Constraint::holds(double value) const
{
    return violation(value) == 0;
}

double Constraint::violation(double value) const
{
    if (!std::isfinite(value))
        return 1e30;
    const double scale = std::max(std::abs(bound), 1e-12);
    switch (op) {
    case CompareOp::Less:
        return value < bound ? 0 : (value - bound) / scale + 1e-12;
    case CompareOp::LessEqual:
        return value <= bound ? 0 : (value - bound) / scale;
    case CompareOp::Greater:
        return value > bound ? 0 : (bound - value) / scale + 1e-12;
    case CompareOp::GreaterEqual:
        return value >= bound ? 0 : (bound - value) / scale;
    case CompareOp::Equal:
        return value == bound ? 0 : std::abs(value - bound) / scale;
    }
    return 0;
}

const std::vector<std::string>& knownMetricNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const MetricInfo& m : metricRegistry())
            n.push_back(m.name);
        return n;
    }();
    return names;
}

bool isKnownMetric(const std::string& name) { return findMetric(name) != nullptr; }

Direction defaultDirection(const std::string& metric)
{
    const MetricInfo* m = findMetric(metric);
    return m ? m->better : Direction::Minimize;
}

Constraint parseConstraint(const std::string& text, const std::string& keyPath)
{
    Constraint c;
    c.text = text;
    static const std::vector<std::pair<std::string, CompareOp>> ops{{"<=", CompareOp::LessEqual}, {">=", CompareOp::GreaterEqual},
                                                                    {"==", CompareOp::Equal},     {"<", CompareOp::Less},
                                                                    {">", CompareOp::Greater}};
    for (const auto& [symbol, op] : ops) {
        const size_t at = text.find(symbol);
        if (at == std::string::npos)
            continue;
        auto trim = [](std::string s) {
            s.erase(0, s.find_first_not_of(" \t"));
            s.erase(s.find_last_not_of(" \t") + 1);
            return s;
        };
        c.metric = trim(text.substr(0, at));
        c.op = op;
        const std::string bound = trim(text.substr(at + symbol.size()));
        size_t used = 0;
        try {
            c.bound = std::stod(bound, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != bound.size() || !std::isfinite(c.bound))
            throw InputError::atKey(keyPath, "\"" + text + "\": the bound must be a number");
        if (!isKnownMetric(c.metric))
            throw InputError::atKey(keyPath, "\"" + text + "\": unknown metric \"" + c.metric + "\"");
        return c;
    }
    throw InputError::atKey(keyPath, "\"" + text + "\": expected \"metric <= number\" (operators < <= > >= ==)");
}

SweepSpec sweepSpecFromJson(const json& j, const std::string& specDir, const std::string& executableDir)
{
    if (!j.is_object())
        throw InputError::atKey("", "a sweep spec is a JSON object");
    SweepSpec s;
    s.source = j;
    JsonObjectReader root(j, "");
    int format = 1;
    root.readInt("format", format, 1, 1);
    root.readString("name", s.name);
    root.readString("description", s.description);
    if (const json* v = root.raw("model")) {
        if (!v->is_string())
            throw InputError::atKey("model", "expected a file path or model preset name");
        s.model_path = resolveFile(v->get<std::string>(), specDir, executableDir, "models", {"", ".onnx"}, "model");
        s.model_digest = digestHex(readTextFile(s.model_path));
    }
    if (const json* v = root.raw("network")) {
        if (!v->is_string())
            throw InputError::atKey("network", "expected a NetWork.csv / ONNX path or a network preset name");
        s.network_path = resolveFile(v->get<std::string>(), specDir, executableDir, "networks", {"", ".csv"}, "network");
        s.network_digest = digestHex(readTextFile(s.network_path));
    }
    if (s.network_path.empty() && s.model_path.empty())
        throw InputError::atKey("network", "a sweep needs a \"network\" (for PPA) or a \"model\" (accuracy and PPA)");
    root.readString("dataset", s.dataset);
    s.base = readBase(root.raw("base"), specDir, executableDir, root.raw("budget"));
    if (const json* v = root.raw("axes")) {
        if (!v->is_object())
            throw InputError::atKey("axes", "expected an object {\"key\": [values] | range, ...}");
        for (const auto& [name, value] : v->items())
            s.axes.push_back(readAxis(name, value, s.base));
    }
    if (const json* v = root.raw("sampler"))
        s.sampler = readSampler(*v);
    if (s.sampler.kind != SamplerKind::Grid && s.axes.empty())
        throw InputError::atKey("sampler", "random, lhs and nsga2 need at least one axis");
    if (const json* v = root.raw("objectives"))
        s.objectives = readObjectives(*v, s.hasModel());
    else if (s.hasModel())
        s.objectives = {{"tops_per_w", Direction::Maximize}, {"accuracy", Direction::Maximize}};
    else
        s.objectives = {{"tops_per_w", Direction::Maximize}, {"tops", Direction::Maximize}};
    if (const json* v = root.raw("constraints")) {
        if (!v->is_array())
            throw InputError::atKey("constraints", "expected a list such as [\"area_mm2 <= 100\"]");
        for (size_t i = 0; i < v->size(); ++i) {
            const std::string path = "constraints[" + std::to_string(i) + "]";
            if (!(*v)[i].is_string())
                throw InputError::atKey(path, "expected a string such as \"area_mm2 <= 100\"");
            s.constraints.push_back(parseConstraint((*v)[i].get<std::string>(), path));
            if (!s.hasModel() && s.constraints.back().metric.rfind("accuracy", 0) == 0)
                throw InputError::atKey(path, "an accuracy constraint needs a \"model\"");
        }
    }
    root.raw("budget");
    root.finish();
    // A grid must stay countable.
    if (s.sampler.kind == SamplerKind::Grid) {
        double size = 1;
        for (const SweepAxis& a : s.axes)
            size *= double(a.values.size());
        if (size > 1e7) {
            char count[32];
            std::snprintf(count, sizeof count, size < 1e15 ? "%.0f" : "%.3g", size);
            throw InputError::atKey("axes", std::string("the grid has ") + count + " points (limit 10 000 000); use a random, lhs or nsga2 sampler");
        }
    }
    return s;
}

SweepSpec loadSweepSpecFile(const std::string& path, const std::string& executableDir)
{
    const json j = parseJsonText(readTextFile(path), path);
    try {
        return sweepSpecFromJson(j, fs::path(path).parent_path().string(), executableDir);
    } catch (const InputError& e) {
        // Key paths are relative to the spec; name the file too.
        const std::string what = e.what();
        if (what.rfind(path, 0) == 0)
            throw;
        throw InputError(path + ": " + what);
    }
}

} // namespace kh
