#pragma once
// Evaluates sweep points (docs/sweeps.md): PPA for every point; accuracy when the spec names a
// model, cached by the subset of parameters that affect accuracy, so a change of technology node,
// interconnect, ADC type or columns per ADC reuses it. The behavioral run's bit statistics feed
// the PPA energy. Thread-safe: workers evaluate points concurrently, and two workers needing the
// same accuracy wait for one run instead of repeating it.
#include "common/Progress.h"
#include "dse/PointRecord.h"
#include "dse/SweepPoint.h"
#include "dse/SweepSpec.h"
#include "io/LabeledDataset.h"
#include "nn/Graph.h"
#include "spec/LayerTable.h"

#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace kh {

class PointEvaluator {
public:
    // Loads the network, model and dataset once; throws InputError for unreadable files.
    explicit PointEvaluator(const SweepSpec& spec);

    // Accuracy results of earlier runs (from the store), keyed by accuracyKey().
    void preloadAccuracy(const std::map<std::string, nlohmann::json>& entries);

    struct Outcome {
        PointRecord record;
        nlohmann::json newAccuracyEntry;   // null unless this call ran the simulator
    };
    // Never throws for a bad point (the record says "invalid" or "error"); throws Cancelled when
    // cancel reports cancellation.
    Outcome evaluate(const SweepPoint& point, const Progress* cancel = nullptr);

    // Identity of the accuracy-relevant subset of a design point (with model and dataset).
    std::string accuracyKey(const DesignPoint& dp) const;

    long long accuracyRuns() const { return runs_; }
    long long accuracyHits() const { return hits_; }
    const LayerTable& network() const { return network_; }

private:
    nlohmann::json accuracyFor(const DesignPoint& dp, const std::string& key, const Progress* cancel, bool& ranHere);

    const SweepSpec& spec_;
    LayerTable network_;
    std::unique_ptr<nn::Graph> model_;
    LabeledDataset test_, calibration_;
    std::mutex mutex_;
    std::map<std::string, std::shared_future<nlohmann::json>> cache_;
    std::atomic<long long> runs_{0}, hits_{0};
};

} // namespace kh
