#pragma once
// The sweep scheduler (docs/sweeps.md), shared by the CLI and the GUI: turns a spec into points
// (grid, random, Latin hypercube, or NSGA-II generation by generation), skips points the store
// already holds (resume), keeps a deterministic shard, evaluates the rest on a task pool and
// writes each point to the store the moment it finishes. Cancellation stops within a second.
#include "common/Progress.h"
#include "dse/PointRecord.h"
#include "dse/ResultStore.h"
#include "dse/SweepSpec.h"
#include "dse/TaskPool.h"

#include <functional>

namespace kh {

struct SweepOptions {
    int threads = 1;             // used when pool is null
    int shard = 1;               // this run evaluates slice `shard` of `shards` (1-based)
    int shards = 1;
    TaskPool* pool = nullptr;    // null: a ThreadTaskPool of `threads`
    Progress* progress = nullptr;   // fraction of points done, with rate and ETA; may cancel
    // Called from worker threads after each point is stored (the GUI forwards it to its thread).
    std::function<void(const PointRecord&)> onPoint;
};

struct SweepSummary {
    long long planned = 0;       // points of this shard
    long long skipped = 0;       // already in the store (resumed)
    long long evaluated = 0;     // computed and stored by this run
    long long ok = 0, invalid = 0, errors = 0;
    long long accuracy_runs = 0, accuracy_hits = 0;
    double seconds = 0;
    bool cancelled = false;
};

// "k/N" -> (k, N); throws InputError naming the option when malformed.
std::pair<int, int> parseShard(const std::string& text);

SweepSummary runSweep(const SweepSpec& spec, ResultStore& store, const SweepOptions& options);

} // namespace kh
