#include "dse/SweepEngine.h"

#include "common/InputError.h"
#include "dse/Nsga2.h"
#include "dse/PointEvaluator.h"
#include "dse/Samplers.h"
#include "dse/SweepPoint.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

namespace kh {

namespace {

using Clock = std::chrono::steady_clock;

// Cancellation seen by the evaluator: the user's request or a fatal error in another worker.
class EngineCancel final : public Progress {
public:
    explicit EngineCancel(Progress* user) : user_(user) {}
    void report(double, const std::string&) override {}
    bool cancelled() const override { return stop || (user_ && user_->cancelled()); }
    std::atomic<bool> stop{false};

private:
    Progress* user_;
};

class Scheduler {
public:
    Scheduler(const SweepSpec& spec, ResultStore& store, const SweepOptions& options)
        : spec_(spec), store_(store), options_(options), evaluator_(spec), cancel_(options.progress), t0_(Clock::now())
    {
        evaluator_.preloadAccuracy(store.accuracyCache());
        for (PointRecord& r : store.records())
            known_.emplace(r.hash, std::move(r));
        store.setMeta("spec", spec.source.dump());
        if (!spec.name.empty())
            store.setMeta("name", spec.name);
        ownPool_ = std::make_unique<ThreadTaskPool>(options.threads);
        pool_ = options.pool ? options.pool : ownPool_.get();
    }

    void setTotal(long long total) { total_ = total; }

    // Records of the given points in order; evaluates (in parallel) those the store lacks.
    std::vector<const PointRecord*> evaluate(const std::vector<SweepPoint>& points)
    {
        std::vector<size_t> pending;
        std::set<std::string> queued;
        for (size_t i = 0; i < points.size(); ++i) {
            if (known_.count(points[i].hash)) {
                if (queued.insert(points[i].hash).second) {
                    ++summary.skipped;
                    countStatus(known_.at(points[i].hash));
                    ++done_;
                }
            } else if (queued.insert(points[i].hash).second) {
                pending.push_back(i);
            }
        }
        // Points that share an accuracy (e.g. differing only in node or ADC type) would make workers
        // wait on each other: start every distinct accuracy first, its reusers after.
        if (spec_.hasModel()) {
            std::set<std::string> keys;
            std::vector<size_t> first, later;
            for (size_t i : pending)
                (points[i].invalid.empty() && !keys.insert(evaluator_.accuracyKey(points[i].dp)).second ? later : first).push_back(i);
            pending = first;
            pending.insert(pending.end(), later.begin(), later.end());
        }
        const bool parallel = pool_->threads() > 1;
        pool_->run(pending.size(), [&](size_t t) {
            if (cancel_.cancelled())
                return;
            try {
                std::unique_ptr<SingleThreadedOpenMp> single;
                if (parallel)
                    single = std::make_unique<SingleThreadedOpenMp>();
                const PointEvaluator::Outcome out = evaluator_.evaluate(points[pending[t]], &cancel_);
                store_.insert(out.record, out.newAccuracyEntry);
                finished(out.record);
            } catch (const Cancelled&) {
                // The point is dropped; a resumed run computes it.
            } catch (const std::exception& e) {
                // The store failed (disk full, file removed): stop everything, report it.
                std::lock_guard lock(mutex_);
                if (fatal_.empty())
                    fatal_ = e.what();
                cancel_.stop = true;
            }
        });
        if (!fatal_.empty())
            throw InputError(store_.path() + ": " + fatal_);
        if (cancel_.cancelled())
            summary.cancelled = true;
        std::vector<const PointRecord*> out;
        for (const SweepPoint& p : points) {
            auto it = known_.find(p.hash);
            out.push_back(it == known_.end() ? nullptr : &it->second);
        }
        return out;
    }

    SweepSummary finish()
    {
        summary.accuracy_runs = evaluator_.accuracyRuns();
        summary.accuracy_hits = evaluator_.accuracyHits();
        summary.seconds = std::chrono::duration<double>(Clock::now() - t0_).count();
        return summary;
    }

    bool cancelled() const { return cancel_.cancelled(); }

    SweepSummary summary;

private:
    void countStatus(const PointRecord& r)
    {
        if (r.status == "ok")
            ++summary.ok;
        else if (r.status == "invalid")
            ++summary.invalid;
        else
            ++summary.errors;
    }

    void finished(const PointRecord& r)
    {
        std::lock_guard lock(mutex_);
        const PointRecord& stored = known_.emplace(r.hash, r).first->second;
        ++summary.evaluated;
        countStatus(stored);
        ++done_;
        if (options_.progress) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - t0_).count();
            const double rate = double(summary.evaluated) / std::max(elapsed, 1e-9);
            const long long left = std::max(0LL, total_ - done_);
            char text[160];
            std::snprintf(text, sizeof text, "%lld/%lld points, %.1f points/s, ETA %.0f s", done_, total_, rate,
                          rate > 0 ? double(left) / rate : 0.0);
            options_.progress->report(total_ > 0 ? std::min(1.0, double(done_) / double(total_)) : 1.0, text);
        }
        if (options_.onPoint)
            options_.onPoint(stored);
    }

    const SweepSpec& spec_;
    ResultStore& store_;
    const SweepOptions& options_;
    PointEvaluator evaluator_;
    EngineCancel cancel_;
    Clock::time_point t0_;
    std::map<std::string, PointRecord> known_;
    std::unique_ptr<ThreadTaskPool> ownPool_;
    TaskPool* pool_ = nullptr;
    std::mutex mutex_;
    std::string fatal_;
    long long total_ = 0, done_ = 0;
};

std::vector<Genome> sampledGenomes(const SweepSpec& spec)
{
    switch (spec.sampler.kind) {
    case SamplerKind::Random:
        return randomGenomes(spec.axes, spec.sampler.points, spec.sampler.seed);
    case SamplerKind::LatinHypercube:
        return latinHypercubeGenomes(spec.axes, spec.sampler.points, spec.sampler.seed);
    default:
        return gridGenomes(spec.axes);
    }
}

Nsga2Member memberOf(const SweepSpec& spec, const Genome& g, const PointRecord* r)
{
    Nsga2Member m;
    m.genome = g;
    m.objectives.assign(spec.objectives.size(), 0.0);
    if (!r || !r->ok()) {
        m.violation = 1e30;   // never preferred over a point that was evaluated
        return m;
    }
    for (size_t k = 0; k < spec.objectives.size(); ++k) {
        const auto v = r->value(spec.objectives[k].metric);
        if (!v || !std::isfinite(*v))
            m.violation += 1e20;
        else
            m.objectives[k] = *v;
    }
    for (const Constraint& c : spec.constraints) {
        const auto v = r->value(c.metric);
        m.violation += v ? c.violation(*v) : 1e20;
    }
    return m;
}

SweepSummary runEvolution(const SweepSpec& spec, Scheduler& s)
{
    std::vector<int> sizes;
    for (const SweepAxis& a : spec.axes)
        sizes.push_back(int(a.values.size()));
    std::vector<Direction> directions;
    for (const Objective& o : spec.objectives)
        directions.push_back(o.direction);
    Nsga2 search(sizes, directions, spec.sampler);
    const long long p = spec.sampler.population;
    s.setTotal(p * (spec.sampler.generations + 1));
    auto evaluateGeneration = [&](const std::vector<Genome>& genomes, int generation) {
        std::vector<SweepPoint> points;
        for (size_t i = 0; i < genomes.size(); ++i)
            points.push_back(buildSweepPoint(spec, genomes[i], generation * p + (long long)i));
        s.summary.planned += (long long)points.size();
        const std::vector<const PointRecord*> records = s.evaluate(points);
        std::vector<Nsga2Member> members;
        for (size_t i = 0; i < genomes.size(); ++i)
            members.push_back(memberOf(spec, genomes[i], records[i]));
        return members;
    };
    std::vector<Nsga2Member> population = evaluateGeneration(search.initialPopulation(), 0);
    for (int g = 1; g <= spec.sampler.generations && !s.cancelled(); ++g) {
        const std::vector<Genome> children = search.offspring(population);
        if (children.empty())
            break;   // the whole space is already in the population
        std::vector<Nsga2Member> combined = population;
        for (Nsga2Member& m : evaluateGeneration(children, g))
            combined.push_back(std::move(m));
        if (s.cancelled())
            break;
        population = search.survivors(combined);
    }
    return s.finish();
}

} // namespace

std::pair<int, int> parseShard(const std::string& text)
{
    int k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || k < 1 || k > n)
        throw InputError("--shard \"" + text + "\": expected k/N with 1 <= k <= N (e.g. 2/8)");
    return {k, n};
}

SweepSummary runSweep(const SweepSpec& spec, ResultStore& store, const SweepOptions& options)
{
    if (options.shards < 1 || options.shard < 1 || options.shard > options.shards)
        throw InputError("--shard: expected 1 <= k <= N");
    if (spec.sampler.kind == SamplerKind::Nsga2 && options.shards > 1)
        throw InputError("--shard: the nsga2 sampler proposes points from earlier results and cannot be sharded; "
                         "shard a grid, random or lhs sweep, or run one nsga2 search per seed");
    Scheduler s(spec, store, options);
    if (spec.sampler.kind == SamplerKind::Nsga2)
        return runEvolution(spec, s);
    // Deterministic list: sample, build, drop repeated configurations, keep this shard's slice.
    std::vector<SweepPoint> mine;
    std::set<std::string> seen;
    long long unique = 0;
    const std::vector<Genome> genomes = sampledGenomes(spec);
    for (size_t i = 0; i < genomes.size(); ++i) {
        SweepPoint p = buildSweepPoint(spec, genomes[i], (long long)i);
        if (!seen.insert(p.hash).second)
            continue;
        if (unique++ % options.shards == options.shard - 1)
            mine.push_back(std::move(p));
    }
    s.summary.planned = (long long)mine.size();
    s.setTotal(s.summary.planned);
    s.evaluate(mine);
    return s.finish();
}

} // namespace kh
