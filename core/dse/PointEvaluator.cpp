#include "dse/PointEvaluator.h"

#include "cim/AccuracyEvaluator.h"
#include "cim/ModelLayerTable.h"
#include "common/Digest.h"
#include "common/InputError.h"
#include "io/DatasetLoader.h"
#include "nn/OnnxImport.h"
#include "ppa/ChipEstimator.h"
#include "ppa/PpaReportJson.h"
#include "spec/DesignPointJson.h"

#include <chrono>
#include <filesystem>

namespace kh {

namespace {

using nlohmann::json;

// Forwards only cancellation: inside a sweep, progress is counted in points, not batches.
class CancelOnly final : public Progress {
public:
    explicit CancelOnly(const Progress* p) : p_(p) {}
    void report(double, const std::string&) override {}
    bool cancelled() const override { return p_ && p_->cancelled(); }

private:
    const Progress* p_;
};

void addBreakdown(std::map<std::string, double>& m, const char* prefix, const char* unit, const Breakdown& b)
{
    const std::pair<const char*, double> parts[] = {{"arrays", b.arrays},           {"adc", b.adc},
                                                    {"accumulation", b.accumulation}, {"interconnect", b.interconnect},
                                                    {"buffers", b.buffers},         {"other", b.other}};
    for (const auto& [name, v] : parts)
        m[std::string(prefix) + "_" + name + "_" + unit] = v;
}

std::map<std::string, double> ppaMetrics(const PpaReport& r)
{
    std::map<std::string, double> m{{"area_mm2", r.area_mm2},         {"latency_ns", r.latency_ns}, {"energy_pj", r.energy_pj},
                                    {"leakage_uw", r.leakage_uw},     {"tops", r.tops},             {"tops_per_w", r.tops_per_w},
                                    {"tops_per_mm2", r.tops_per_mm2}, {"fps", r.fps},               {"period_ns", r.period_ns},
                                    {"clock_ns", r.clock_ns},         {"ops_per_image", r.ops_per_image}};
    m["macro_tops_per_w"] = r.macro.tops_per_w;
    m["macro_tops"] = r.macro.tops;
    m["macro_tops_per_mm2"] = r.macro.tops_per_mm2;
    m["macro_fj_per_mac"] = r.macro.fj_per_mac;
    m["macro_energy_share"] = r.energy_pj > 0 ? r.macro_energy_pj / r.energy_pj : 0.0;
    addBreakdown(m, "area", "mm2", r.area_breakdown_mm2);
    addBreakdown(m, "energy", "pj", r.energy_breakdown_pj);
    return m;
}

std::vector<LayerActivity> activitiesFrom(const json& entry)
{
    std::vector<LayerActivity> out;
    for (const json& l : entry.value("layers", json::array()))
        out.push_back({l.value("input_bit_density", 0.25), l.value("weight_level_mean", 0.5)});
    return out;
}

} // namespace

PointEvaluator::PointEvaluator(const SweepSpec& spec) : spec_(spec)
{
    if (spec.hasModel()) {
        model_ = std::make_unique<nn::Graph>(nn::importOnnx(spec.model_path));
        // The dataset is read once, as the base point says; its reading is not a sweep axis.
        const EvaluationSpec e = designPointFromJson(spec.base).evaluation;
        test_ = loadDataset(spec.dataset, "test", e.dataset, e.images);
        calibration_ = loadCalibrationDataset(spec.dataset, e.dataset, test_);
    }
    const std::string networkPath = spec.network_path.empty() ? spec.model_path : spec.network_path;
    // The accuracy model is already imported: map it rather than reading the file again.
    network_ = model_ && networkPath == spec.model_path && cim::isOnnxPath(networkPath)
                   ? cim::layerTableFromModel(*model_, std::filesystem::path(networkPath).stem().string())
                   : cim::loadNetworkFile(networkPath);
}

void PointEvaluator::preloadAccuracy(const std::map<std::string, json>& entries)
{
    std::lock_guard lock(mutex_);
    for (const auto& [key, value] : entries) {
        std::promise<json> ready;
        ready.set_value(value);
        cache_.emplace(key, ready.get_future().share());
    }
}

std::string PointEvaluator::accuracyKey(const DesignPoint& dp) const
{
    // The fields the field table marks as read by the accuracy engine (or its budget): a new
    // field that changes accuracy is in the key as soon as it is in the table.
    const json j = accuracyRelevantJson(dp);
    return digestHex(json{{"point", j}, {"model", spec_.model_digest}, {"dataset", spec_.dataset}}.dump());
}

json PointEvaluator::accuracyFor(const DesignPoint& dp, const std::string& key, const Progress* cancel, bool& ranHere)
{
    std::promise<json> mine;
    std::shared_future<json> result;
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(key);
        if (it != cache_.end()) {
            result = it->second;
        } else {
            result = mine.get_future().share();
            cache_.emplace(key, result);
            ranHere = true;
        }
    }
    if (!ranHere) {
        ++hits_;
        return result.get();   // waits when another worker is still computing it
    }
    try {
        CancelOnly progress(cancel);
        const cim::AccuracyReport r = cim::evaluateAccuracy(*model_, test_, calibration_, dp, &progress);
        json layers = json::array();
        for (const LayerActivity& l : r.layers)
            layers.push_back({{"input_bit_density", l.input_bit_density}, {"weight_level_mean", l.weight_level_mean}});
        const json entry{{"accuracy", r.accuracy},       {"accuracy_std", r.accuracy_std}, {"accuracy_ci95", r.accuracy_ci95},
                         {"float_accuracy", r.float_accuracy}, {"chip_accuracy", r.chip_accuracy}, {"images", r.images},
                         {"chips", r.chips},             {"seconds", r.seconds},           {"layers", layers}};
        ++runs_;
        mine.set_value(entry);
        return entry;
    } catch (const Cancelled&) {
        // Not a result: forget it so a resumed run computes it.
        mine.set_exception(std::current_exception());
        std::lock_guard lock(mutex_);
        cache_.erase(key);
        throw;
    } catch (...) {
        mine.set_exception(std::current_exception());
        throw;
    }
}

PointEvaluator::Outcome PointEvaluator::evaluate(const SweepPoint& p, const Progress* cancel)
{
    Outcome out;
    PointRecord& r = out.record;
    r.hash = p.hash;
    r.seq = p.seq;
    r.params = p.params;
    r.config = p.config;
    r.tool_version = KIRCHHOFF_VERSION;
    if (!p.invalid.empty()) {
        r.status = "invalid";
        r.error = p.invalid;
        r.feasible = false;
        return out;
    }
    try {
        std::vector<LayerActivity> measured;
        if (model_) {
            r.accuracy_key = accuracyKey(p.dp);
            bool ranHere = false;
            const auto t0 = std::chrono::steady_clock::now();
            const json entry = accuracyFor(p.dp, r.accuracy_key, cancel, ranHere);
            r.accuracy_cached = !ranHere;
            if (ranHere) {
                r.accuracy_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                out.newAccuracyEntry = entry;
            }
            for (const char* name : {"accuracy", "accuracy_std", "accuracy_ci95", "float_accuracy"})
                r.metrics[name] = entry.value(name, 0.0);
            r.metrics["accuracy_loss"] = r.metrics["float_accuracy"] - r.metrics["accuracy"];
            measured = activitiesFrom(entry);
        }
        const auto t0 = std::chrono::steady_clock::now();
        // Measured bit statistics drive the energy when they describe the same layers.
        const bool useMeasured = !measured.empty() && measured.size() == network_.layers.size();
        const PpaReport ppa = useMeasured ? estimateChip(network_, p.dp, MeasuredActivity(measured)) : estimateChip(network_, p.dp);
        r.ppa_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        for (const auto& [name, v] : ppaMetrics(ppa))
            r.metrics[name] = v;
        r.layers = ppaReportToJson(ppa)["layers"];
        if (useMeasured)
            for (size_t i = 0; i < measured.size() && i < r.layers.size(); ++i)
                r.layers[i]["input_bit_density"] = measured[i].input_bit_density;
        r.feasible = true;
        for (const Constraint& c : spec_.constraints) {
            const auto v = r.value(c.metric);
            if (!v || !c.holds(*v))
                r.feasible = false;
        }
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        r.status = "error";
        r.error = e.what();
        r.feasible = false;
        r.metrics.clear();
    }
    return out;
}

} // namespace kh
