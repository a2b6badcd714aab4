#pragma once
// A results file's points as comparable text (hash → sequence, status and metrics), for tests that
// check that sharded, merged or resumed sweeps equal a plain run point for point.
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

} // namespace kh::test
