// The sweep engine (docs/sweeps.md): spec validation, samplers, the results store, resume, shards,
// the accuracy cache, NSGA-II, cancellation, and the NeuroSim V1.5 study's qualitative findings.
#include "common/InputError.h"
#include "dse/Nsga2.h"
#include "dse/ParetoQuery.h"
#include "dse/ResultStore.h"
#include "dse/Samplers.h"
#include "dse/MetricInfo.h"
#include "dse/SweepEngine.h"
#include "dse/SweepPoint.h"
#include "dse/SweepSpec.h"
#include "spec/DesignPointJson.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>
#include <set>

using namespace kh;
using nlohmann::json;

namespace {

const std::string kPresets = KIRCHHOFF_TEST_PRESETS;

json ppaSpec()
{
    return json{{"name", "test"},
                {"network", kPresets + "/networks/vgg8.csv"},
                {"base", kPresets + "/designs/neurosim_vgg8_rram22.json"},
                {"axes",
                 {{"array.parallel_rows", {8, 16, 32, 64, 128}},
                  {"device.cell_bits", {1, 2, 4}},
                  {"precision.adc_bits", {{"lossless_minus", {0, 1, 2}}}},
                  {"precision.adc_type", {"flash", "sar"}}}}};
}

json mlpSpec()
{
    return json{{"model", kPresets + "/models/mlp_fashion.onnx"},
                {"base", kPresets + "/designs/neurosim_v15_default_rram22.json"},
                {"budget", {{"images", 100}, {"chips", 1}}},
                {"axes",
                 {{"device.cell_bits", {1, 2}},
                  {"precision.adc_bits", {{"lossless_minus", {0, 2}}}},
                  {"technology.node_nm", {22, 7}},
                  {"precision.adc_type", {"flash", "sar"}}}}};
}

SweepSpec specOf(const json& j)
{
    return sweepSpecFromJson(j, "", "");
}

std::string errorOf(const json& j)
{
    try {
        specOf(j);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::map<std::string, PointRecord> byHash(const ResultStore& store)
{
    std::map<std::string, PointRecord> out;
    for (PointRecord& r : store.records())
        out.emplace(r.hash, std::move(r));
    return out;
}

// Identical results: same points, same metrics, same status (timings may differ).
void compareStores(const ResultStore& a, const ResultStore& b)
{
    const auto ra = byHash(a), rb = byHash(b);
    QCOMPARE(ra.size(), rb.size());
    for (const auto& [hash, r] : ra) {
        QVERIFY2(rb.count(hash), hash.c_str());
        const PointRecord& o = rb.at(hash);
        QCOMPARE(r.seq, o.seq);
        QCOMPARE(r.status, o.status);
        QCOMPARE(r.config.dump(), o.config.dump());
        QCOMPARE(r.metrics.size(), o.metrics.size());
        for (const auto& [name, v] : r.metrics)
            QVERIFY2(o.metrics.at(name) == v, (hash + " " + name).c_str());
    }
}

class CancelAfter final : public Progress {
public:
    explicit CancelAfter(int points) : left_(points) {}
    void report(double, const std::string&) override { --left_; }
    bool cancelled() const override { return left_ <= 0; }

private:
    int left_;
};

// Area dominated by a max-max front above the origin (2-D hypervolume).
double hypervolume(std::vector<std::pair<double, double>> front)
{
    std::sort(front.begin(), front.end(), [](auto a, auto b) { return a.first > b.first; });
    double area = 0, yMax = 0;
    for (auto [x, y] : front)
        if (y > yMax) {
            area += x * (y - yMax);
            yMax = y;
        }
    return area;
}

} // namespace

class TestSweepEngine : public QObject {
    Q_OBJECT
private slots:
    void specRejectsBadInputWithTheKeyPath_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << R"({"frobnicate": 1})" << "frobnicate";
        QTest::newRow("unknown axis key") << R"({"axes": {"array.rowz": [1]}})" << "axes.array.rowz";
        QTest::newRow("wrong value type") << R"({"axes": {"device.cell_bits": [1, "two"]}})" << "axes.device.cell_bits[1]";
        QTest::newRow("empty axis") << R"({"axes": {"device.cell_bits": []}})" << "axes.device.cell_bits";
        QTest::newRow("bad range") << R"({"axes": {"array.rows": {"from": 64, "to": 32, "step": 8}}})" << "axes.array.rows.to";
        QTest::newRow("two range forms") << R"({"axes": {"array.rows": {"from": 1, "to": 4, "step": 1, "points": 3}}})" << "axes.array.rows";
        QTest::newRow("lossless elsewhere") << R"({"axes": {"array.rows": {"lossless_minus": [1]}}})" << "axes.array.rows";
        QTest::newRow("random without points") << R"({"sampler": {"kind": "random"}})" << "sampler.points";
        QTest::newRow("unknown sampler") << R"({"sampler": "annealing"})" << "sampler.kind";
        QTest::newRow("unknown metric") << R"({"objectives": ["speed"]})" << "objectives[0]";
        QTest::newRow("accuracy without model") << R"({"objectives": ["accuracy", "tops"]})" << "objectives[0]";
        QTest::newRow("bad direction") << R"({"objectives": [{"metric": "tops", "direction": "up"}]})" << "objectives[0].direction";
        QTest::newRow("bad constraint") << R"({"constraints": ["area_mm2 <= lots"]})" << "constraints[0]";
        QTest::newRow("constraint metric") << R"({"constraints": ["areaa <= 3"]})" << "constraints[0]";
        QTest::newRow("bad base key") << R"({"base": {"array": {"rows": -3}}})" << "base.array.rows";
        QTest::newRow("bad budget") << R"({"budget": {"images": 0}})" << "budget.images";
        QTest::newRow("missing network") << R"({"network": "no_such_network"})" << "network";
        QTest::newRow("table axis") << R"({"axes": {"device.mem_states": [1]}})" << "axes.device.mem_states";
    }
    void specRejectsBadInputWithTheKeyPath()
    {
        QFETCH(QString, patch);
        QFETCH(QString, expected);
        json j = ppaSpec();
        j.erase("axes");
        j.merge_patch(json::parse(patch.toStdString()));
        const std::string error = errorOf(j);
        QVERIFY2(!error.empty(), "accepted");
        QVERIFY2(error.rfind(expected.toStdString(), 0) == 0, error.c_str());
    }

    void rangesExpandToValues()
    {
        json j = ppaSpec();
        j["axes"] = {{"array.rows", {{"from", 32}, {"to", 256}, {"factor", 2}}},
                     {"chip.clock_ghz", {{"from", 0.5}, {"to", 2.0}, {"points", 3}, {"log", true}}},
                     {"array.cols", {{"from", 64}, {"to", 128}, {"step", 32}}}};
        const SweepSpec s = specOf(j);
        QCOMPARE(s.axes.size(), size_t(3));
        const auto& cols = s.axes[0];   // axes are kept in key order
        QCOMPARE(cols.name, std::string("array.cols"));
        QVERIFY(cols.values == (std::vector<json>{64, 96, 128}));
        QVERIFY(s.axes[1].values == (std::vector<json>{32, 64, 128, 256}));
        QCOMPARE(s.axes[2].values.size(), size_t(3));
        QVERIFY(std::abs(s.axes[2].values[1].get<double>() - 1.0) < 1e-12);   // geometric middle of 0.5 and 2
    }

    void samplersAreDeterministicAndDistinct()
    {
        const SweepSpec s = specOf(ppaSpec());
        const std::vector<Genome> grid = gridGenomes(s.axes);
        QCOMPARE(grid.size(), size_t(5 * 3 * 3 * 2));
        QCOMPARE(std::set<Genome>(grid.begin(), grid.end()).size(), grid.size());
        QCOMPARE(grid[1], (Genome{0, 0, 0, 1}));   // the last axis varies fastest
        const auto r1 = randomGenomes(s.axes, 20, 7), r2 = randomGenomes(s.axes, 20, 7), r3 = randomGenomes(s.axes, 20, 8);
        QCOMPARE(r1, r2);
        QVERIFY(r1 != r3);
        QCOMPARE(std::set<Genome>(r1.begin(), r1.end()).size(), size_t(20));
        QCOMPARE(randomGenomes(s.axes, 1000, 1).size(), grid.size());   // capped at the grid
        // Latin hypercube: with as many samples as values, every value of every axis appears once.
        std::vector<SweepAxis> axes(3);
        for (auto& a : axes)
            a.values.assign(10, json(0));
        const auto lhs = latinHypercubeGenomes(axes, 10, 3);
        QCOMPARE(lhs.size(), size_t(10));
        for (size_t k = 0; k < 3; ++k) {
            std::set<int> used;
            for (const Genome& g : lhs)
                used.insert(g[k]);
            QCOMPARE(used.size(), size_t(10));
        }
    }

    void losslessMinusFollowsEachPointsOwnResolution()
    {
        json j = ppaSpec();
        j["axes"] = {{"array.rows+array.cols+array.parallel_rows", {32, 128}}, {"precision.adc_bits", {{"lossless_minus", {0, 1}}}}};
        const SweepSpec s = specOf(j);
        for (const Genome& g : gridGenomes(s.axes)) {
            const SweepPoint p = buildSweepPoint(s, g, 0);
            QVERIFY2(p.invalid.empty(), p.invalid.c_str());
            DesignPoint probe = p.dp;
            QCOMPARE(p.dp.precision.adc_bits, losslessAdcBits(probe) - g[1]);
            QCOMPARE(p.dp.array.parallel_rows, p.dp.array.rows);
            QCOMPARE(p.dp.array.cols, p.dp.array.rows);
        }
    }

    void everyMetricIsRegistered()
    {
        // What the evaluator produces, the store indexes and a spec may name: one registry.
        QTemporaryDir dir;
        ResultStore store(dir.filePath("m.sqlite").toStdString());
        json j = ppaSpec();
        j["axes"] = {{"array.parallel_rows", {64}}};
        runSweep(specOf(j), store, {});
        const auto records = store.records();
        QCOMPARE(records.size(), size_t(1));
        for (const auto& [name, value] : records[0].metrics)
            QVERIFY2(findMetric(name), name.c_str());
        QVERIFY(records[0].metrics.size() >= 20);
        for (const std::string& name : ResultStore::indexedMetrics())
            QVERIFY2(findMetric(name), name.c_str());
        for (const MetricInfo& m : metricRegistry()) {
            QVERIFY2(isKnownMetric(m.name) && !m.label.empty() && !m.description.empty(), m.name.c_str());
            QCOMPARE(defaultDirection(m.name), m.better);
        }
        QVERIFY(!isKnownMetric("tops_per_watt"));
        QCOMPARE(metricDisplay("accuracy").scale, 100.0);
    }

    void invalidCombinationsAreStoredWithTheReason()
    {
        json j = ppaSpec();
        j["axes"] = {{"array.parallel_rows", {64, 256}}};
        QTemporaryDir dir;
        ResultStore store(dir.filePath("r.sqlite").toStdString());
        const SweepSummary s = runSweep(specOf(j), store, {});
        QCOMPARE(s.ok, 1LL);
        QCOMPARE(s.invalid, 1LL);
        for (const PointRecord& r : store.records())
            if (r.status == "invalid")
                QVERIFY2(r.error.find("array.parallel_rows") != std::string::npos, r.error.c_str());
    }

    void storeRoundTripsAndRejectsForeignFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.sqlite").toStdString();
        PointRecord r;
        r.hash = "abc";
        r.seq = 42;
        r.params = {{"array.rows", 64}};
        r.config = {{"array", {{"rows", 64}}}};
        r.metrics = {{"tops_per_w", 12.5}, {"accuracy", 0.875}, {"nan_is_dropped", std::nan("")}};
        r.layers = json::array({{{"index", 0}}});
        r.feasible = false;
        r.accuracy_key = "k1";
        {
            ResultStore store(path);
            QVERIFY(store.insert(r, json{{"accuracy", 0.875}}));
            QVERIFY(!store.insert(r));   // the same hash again: kept once
        }
        const ResultStore again(path, ResultStore::Mode::ReadOnly);
        const auto records = again.records();
        QCOMPARE(records.size(), size_t(1));
        const PointRecord& o = records[0];
        QCOMPARE(o.seq, 42LL);
        QVERIFY(o.params == r.params);
        QVERIFY(o.config == r.config);
        QVERIFY(o.layers == r.layers);
        QCOMPARE(o.metrics.size(), size_t(2));
        QCOMPARE(o.metrics.at("tops_per_w"), 12.5);
        QCOMPARE(o.feasible, false);
        QCOMPARE(o.tool_version, std::string(KIRCHHOFF_VERSION));
        QVERIFY(!o.finished_at.empty());
        QCOMPARE(again.accuracyCache().at("k1")["accuracy"].get<double>(), 0.875);

        const std::string garbage = dir.filePath("garbage.sqlite").toStdString();
        std::ofstream(garbage) << "this is not a database, just some text that is long enough to have a header";
        QVERIFY_THROWS_EXCEPTION(InputError, ResultStore(garbage, ResultStore::Mode::ReadOnly));
        QVERIFY_THROWS_EXCEPTION(InputError, ResultStore{garbage});
        QVERIFY_THROWS_EXCEPTION(InputError, ResultStore(dir.filePath("missing.sqlite").toStdString(), ResultStore::Mode::ReadOnly));
    }

    void rerunResumesWithoutRepeatingPoints()
    {
        QTemporaryDir dir;
        const SweepSpec s = specOf(ppaSpec());
        ResultStore store(dir.filePath("r.sqlite").toStdString());
        const SweepSummary first = runSweep(s, store, {});
        QCOMPARE(first.evaluated, first.planned);
        const SweepSummary second = runSweep(s, store, {});
        QCOMPARE(second.evaluated, 0LL);
        QCOMPARE(second.skipped, first.planned);
        QCOMPARE(store.count(), first.planned);
    }

    void shardsMergeToTheWholeSweep()
    {
        QTemporaryDir dir;
        const SweepSpec s = specOf(ppaSpec());
        ResultStore whole(dir.filePath("whole.sqlite").toStdString());
        runSweep(s, whole, {});
        ResultStore merged(dir.filePath("merged.sqlite").toStdString());
        long long planned = 0;
        for (int k = 1; k <= 3; ++k) {
            ResultStore part(dir.filePath(QString("part%1.sqlite").arg(k)).toStdString());
            SweepOptions o;
            o.shard = k;
            o.shards = 3;
            planned += runSweep(s, part, o).planned;
            merged.mergeFrom(part);
        }
        QCOMPARE(planned, whole.count());
        compareStores(whole, merged);
        QCOMPARE(merged.mergeFrom(whole), 0LL);   // duplicates collapse by hash
    }

    void sameResultsForAnyThreadCount()
    {
        QTemporaryDir dir;
        const SweepSpec s = specOf(mlpSpec());
        ResultStore one(dir.filePath("one.sqlite").toStdString()), two(dir.filePath("two.sqlite").toStdString());
        SweepOptions o1, o2;
        o1.threads = 1;
        o2.threads = 2;
        runSweep(s, one, o1);
        runSweep(s, two, o2);
        compareStores(one, two);
    }

    void accuracyIsReusedAcrossHardwareOnlyChanges()
    {
        QTemporaryDir dir;
        const SweepSpec s = specOf(mlpSpec());
        ResultStore store(dir.filePath("r.sqlite").toStdString());
        SweepOptions o;
        o.threads = 2;
        const SweepSummary sum = runSweep(s, store, o);
        // 2 cell sizes x 2 ADC resolutions need the simulator; node and ADC type do not.
        QCOMPARE(sum.accuracy_runs, 4LL);
        QCOMPARE(sum.accuracy_hits, 12LL);
        std::map<std::string, std::set<double>> accuracyByKey;
        std::set<double> energies;
        for (const PointRecord& r : store.records()) {
            QVERIFY2(r.ok(), r.error.c_str());
            accuracyByKey[r.accuracy_key].insert(r.metrics.at("accuracy"));
            energies.insert(r.metrics.at("energy_pj"));
        }
        QCOMPARE(accuracyByKey.size(), size_t(4));
        for (const auto& [key, values] : accuracyByKey)
            QCOMPARE(values.size(), size_t(1));
        QCOMPARE(energies.size(), size_t(16));   // while the hardware differs at every point
        // A resumed run reads the cache from the store instead of simulating again.
        QFile::remove(dir.filePath("r2.sqlite"));
        ResultStore copy(dir.filePath("r2.sqlite").toStdString());
        copy.mergeFrom(store);
        json wider = mlpSpec();
        wider["axes"]["technology.node_nm"] = {22, 7, 14};
        const SweepSummary more = runSweep(specOf(wider), copy, o);
        QCOMPARE(more.evaluated, 8LL);
        QCOMPARE(more.accuracy_runs, 0LL);
    }

    void constraintsMarkInfeasiblePoints()
    {
        QTemporaryDir dir;
        json j = ppaSpec();
        j["constraints"] = {"area_mm2 <= 150", "tops >= 1"};
        ResultStore store(dir.filePath("r.sqlite").toStdString());
        runSweep(specOf(j), store, {});
        int feasible = 0, infeasible = 0;
        for (const PointRecord& r : store.records()) {
            const bool holds = r.metrics.at("area_mm2") <= 150 && r.metrics.at("tops") >= 1;
            QCOMPARE(r.feasible, holds);
            (holds ? feasible : infeasible)++;
        }
        QVERIFY(feasible > 0 && infeasible > 0);
    }

    void nsga2ApproachesTheGridFrontWithFewerEvaluations()
    {
        json j = ppaSpec();
        j["axes"] = {{"array.parallel_rows", {4, 8, 16, 32, 64, 128}},
                     {"array.cols_per_adc", {1, 2, 4, 8, 16, 32}},
                     {"device.cell_bits", {1, 2, 4}},
                     {"precision.adc_bits", {{"lossless_minus", {0, 1, 2}}}},
                     {"precision.adc_type", {"flash", "sar"}}};
        j["objectives"] = {"tops_per_w", "tops"};
        QTemporaryDir dir;
        ResultStore grid(dir.filePath("grid.sqlite").toStdString());
        const SweepSummary all = runSweep(specOf(j), grid, {});
        j["sampler"] = {{"kind", "nsga2"}, {"population", 24}, {"generations", 12}, {"seed", 3}};
        ResultStore evo(dir.filePath("evo.sqlite").toStdString());
        const SweepSummary searched = runSweep(specOf(j), evo, {});
        QVERIFY(evo.count() < all.planned / 2);
        auto frontOf = [](const ResultStore& store) {
            std::vector<std::pair<double, double>> front;
            const auto records = store.records();
            for (const RankedPoint& p : rankRecords(records, {"tops_per_w", "tops"}, {Direction::Maximize, Direction::Maximize}))
                if (p.rank == 0)
                    front.push_back({p.values[0], p.values[1]});
            return front;
        };
        const double hvGrid = hypervolume(frontOf(grid)), hvEvo = hypervolume(frontOf(evo));
        qInfo("grid: %lld points, HV %.1f; NSGA-II: %lld points, HV %.1f (%.1f %%)", all.planned, hvGrid, evo.count(), hvEvo,
              100 * hvEvo / hvGrid);
        QVERIFY(hvEvo >= 0.95 * hvGrid);
        // Same seed, same search.
        ResultStore evo2(dir.filePath("evo2.sqlite").toStdString());
        runSweep(specOf(j), evo2, {});
        compareStores(evo, evo2);
        QVERIFY(searched.planned > 0);
    }

    void cancellationKeepsFinishedPointsAndResumes()
    {
        QTemporaryDir dir;
        const SweepSpec s = specOf(mlpSpec());
        ResultStore store(dir.filePath("r.sqlite").toStdString());
        CancelAfter cancel(3);
        SweepOptions o;
        o.progress = &cancel;
        const SweepSummary first = runSweep(s, store, o);
        QVERIFY(first.cancelled);
        QVERIFY(store.count() >= 3 && store.count() < 16);
        const SweepSummary rest = runSweep(s, store, {});
        QVERIFY(!rest.cancelled);
        QCOMPARE(rest.skipped + rest.evaluated, 16LL);
        QCOMPARE(store.count(), 16LL);
    }

    // NeuroSim V1.5 defaults: TOPS/W-optimal points avoid the largest arrays, 2–3-bit cells sit on the
    // TOPS/W-accuracy front, and the ADC can drop one bit below lossless at little cost. The
    // preset's axes as shipped; the 2-layer MLP stands in for the VGG-style CNN to keep the test
    // short (the preset itself runs the CNN).
    void neurosimV15StudyFindings()
    {
        std::ifstream in(kPresets + "/sweeps/neurosim_v15_study.json");
        std::string text((std::istreambuf_iterator<char>(in)), {});
        json j = parseJsonText(text, "neurosim_v15_study.json");
        j["model"] = kPresets + "/models/mlp_fashion.onnx";
        j["budget"] = {{"images", 300}, {"chips", 1}};
        j["axes"]["mapping.first_layer_digital"] = {false};   // the MLP's first layer is half its arrays
        const SweepSpec s = sweepSpecFromJson(j, kPresets + "/sweeps", "");
        QTemporaryDir dir;
        ResultStore store(dir.filePath("v15.sqlite").toStdString());
        SweepOptions o;
        o.threads = 2;
        const SweepSummary sum = runSweep(s, store, o);
        QCOMPARE(sum.ok, 192LL);
        QCOMPARE(sum.accuracy_runs, 96LL);
        const auto records = store.records();
        auto param = [](const PointRecord& r, const char* key) { return r.params.at(key).get<int>(); };
        const char* rowsKey = "array.rows+array.cols+array.parallel_rows";
        const char* bitsKey = "precision.weight_bits+precision.input_bits";
        // (1) In every slice (cell bits, ADC offset, precision, node) the best TOPS/W is never at
        // the largest array, and the overall best uses at most 128 rows.
        std::map<std::tuple<int, int, int, int>, std::pair<double, int>> best;
        const PointRecord* top = nullptr;
        for (const PointRecord& r : records) {
            const auto key = std::make_tuple(param(r, "device.cell_bits"), param(r, "adc_lossless_minus"), param(r, bitsKey),
                                             param(r, "technology.node_nm"));
            auto& b = best[key];
            if (r.metrics.at("tops_per_w") > b.first)
                b = {r.metrics.at("tops_per_w"), param(r, rowsKey)};
            if (!top || r.metrics.at("tops_per_w") > top->metrics.at("tops_per_w"))
                top = &r;
        }
        for (const auto& [key, b] : best)
            QVERIFY2(b.second < 256, "TOPS/W-optimal at the largest array");
        QVERIFY(param(*top, rowsKey) <= 128);
        // (2) 2- or 3-bit cells on the TOPS/W-accuracy front.
        bool midCellsOnFront = false;
        for (const RankedPoint& p : rankRecords(records, {"tops_per_w", "accuracy"}, {Direction::Maximize, Direction::Maximize}))
            if (p.rank == 0 && (param(*p.record, "device.cell_bits") == 2 || param(*p.record, "device.cell_bits") == 3))
                midCellsOnFront = true;
        QVERIFY(midCellsOnFront);
        // (3) One bit below lossless costs little (≤ 1.5 points everywhere); two bits cost more.
        std::map<std::string, std::map<int, double>> accuracy;   // slice -> ADC offset -> accuracy
        for (const PointRecord& r : records) {
            json slice = r.params;
            slice.erase("adc_lossless_minus");
            slice.erase("precision.adc_bits");
            accuracy[slice.dump()][param(r, "adc_lossless_minus")] = r.metrics.at("accuracy");
        }
        double lossOne = 0, lossTwo = 0;
        for (const auto& [slice, byOffset] : accuracy) {
            QVERIFY2(byOffset.at(0) - byOffset.at(1) <= 0.015, slice.c_str());
            lossOne += byOffset.at(0) - byOffset.at(1);
            lossTwo += byOffset.at(0) - byOffset.at(2);
        }
        QVERIFY(lossTwo > lossOne + 0.1 * double(accuracy.size()));
    }
};

QTEST_GUILESS_MAIN(TestSweepEngine)
#include "tst_sweep_engine.moc"
