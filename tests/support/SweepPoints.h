#pragma once
// Sweep test data: a results file's points as comparable text (hash → sequence, status and
// metrics), for tests that check that sharded, merged or resumed sweeps equal a plain run point
// for point, and a fast PPA-only spec to run.
#include "dse/ResultStore.h"

#include <nlohmann/json.hpp>

#include <QString>

#include <map>
#include <string>

namespace kh::test {

inline std::map<std::string, std::string> sweepPointsOf(const QString& db)
{
    std::map<std::string, std::string> out;
    const ResultStore store(db.toStdString(), ResultStore::Mode::ReadOnly);
    for (const PointRecord& r : store.records()) {
        nlohmann::json m(r.metrics);
        out[r.hash] = std::to_string(r.seq) + " " + r.status + " " + m.dump();
    }
    return out;
}

// 60 PPA-only points (VGG8 on 22 and 7 nm RRAM): a few seconds, 20 per shard of 3.
inline nlohmann::json ppaSweepSpec()
{
    return {{"name", "shard test"},
            {"network", "vgg8"},
            {"base", "neurosim_vgg8_rram22"},
            {"axes",
             {{"array.parallel_rows", {8, 16, 32, 64, 128}},
              {"device.cell_bits", {1, 2, 4}},
              {"technology.node_nm", {22, 7}},
              {"precision.adc_type", {"flash", "sar"}}}}};
}

} // namespace kh::test
