#pragma once
// One candidate of a sweep: the base point with one value per axis written in, its identity hash,
// and — when the combination is not a valid design point — the reason (stored as "invalid").
#include "dse/Samplers.h"
#include "dse/SweepSpec.h"
#include "spec/DesignPoint.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kh {

struct SweepPoint {
    long long seq = 0;          // position in the sweep's deterministic order
    Genome genome;
    nlohmann::json params;      // axis name -> value written (adc bits resolved for lossless axes)
    nlohmann::json config;      // the whole design point
    std::string hash;           // identity: config + network/model contents + dataset
    std::string invalid;        // non-empty when config is not a valid design point
    DesignPoint dp;             // parsed config (valid points only)
};

SweepPoint buildSweepPoint(const SweepSpec& spec, const Genome& genome, long long seq);

// Canonical identity of a configuration within a spec's network/model/dataset.
std::string pointHash(const SweepSpec& spec, const nlohmann::json& config);

} // namespace kh
