#include "cli/CliArgs.h"
#include "cli/Commands.h"
#include "cli/ParetoChartFiles.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "dse/MetricInfo.h"
#include "dse/ParetoQuery.h"
#include "dse/ResultStore.h"
#include "dse/SweepSpec.h"
#include "io/DeviceTables.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <sstream>

namespace kh::cli {

namespace {

std::string checkedMetric(const std::string& option, const std::string& name)
{
    if (!isKnownMetric(name) && name.find('.') == std::string::npos)
        throw InputError(option + " \"" + name + "\": unknown metric (e.g. accuracy, tops_per_w, tops, area_mm2, energy_pj, "
                                                 "latency_ns, fps, or a design-point key such as array.rows)");
    return name;
}

Direction directionOption(const CliArgs& a, const std::string& option, const std::string& metric)
{
    const std::string v = a.value(option, "");
    if (v.empty())
        return defaultDirection(metric);
    if (v == "max")
        return Direction::Maximize;
    if (v == "min")
        return Direction::Minimize;
    throw InputError(option + " \"" + v + "\": expected max or min");
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q.append(c == '"' ? "\"\"" : std::string(1, c));
    return q + "\"";
}

void writeCsv(const std::string& path, const std::vector<RankedPoint>& ranked, const std::vector<std::string>& metrics)
{
    std::set<std::string> paramKeys;
    for (const RankedPoint& p : ranked)
        for (const auto& [key, _] : p.record->params.items())
            paramKeys.insert(key);
    std::ostringstream out;
    out << "pareto_rank,on_front";
    for (const std::string& m : metrics)
        out << "," << csvField(m);
    for (const std::string& k : paramKeys)
        out << "," << csvField(k);
    out << ",hash,seq\n";
    for (const RankedPoint& p : ranked) {
        out << p.rank << "," << (p.rank == 0 ? 1 : 0);
        for (double v : p.values)
            out << "," << formatDouble(v);
        for (const std::string& k : paramKeys) {
            const nlohmann::json& params = p.record->params;
            out << ",";
            if (params.contains(k))
                out << csvField(params[k].is_string() ? params[k].get<std::string>() : params[k].dump());
        }
        out << "," << p.record->hash << "," << p.record->seq << "\n";
    }
    writeTextFile(path, out.str());
}

bool autoLog(const std::vector<RankedPoint>& ranked, size_t k)
{
    double lo = 1e300, hi = -1e300;
    for (const RankedPoint& p : ranked) {
        lo = std::min(lo, p.values[k]);
        hi = std::max(hi, p.values[k]);
    }
    return !ranked.empty() && lo > 0 && hi / lo > 20;   // more than a decade and a bit
}

} // namespace

void printFront(const std::vector<PointRecord>& records, const std::vector<std::string>& metrics,
                const std::vector<Direction>& directions, size_t maxRows)
{
    const std::vector<RankedPoint> ranked = rankRecords(records, metrics, directions);
    size_t front = 0;
    while (front < ranked.size() && ranked[front].rank == 0)
        ++front;
    std::printf("Pareto front: %zu of %zu feasible points (", front, ranked.size());
    for (size_t k = 0; k < metrics.size(); ++k)
        std::printf("%s%s %s", k ? ", " : "", directions[k] == Direction::Maximize ? "max" : "min", metrics[k].c_str());
    std::printf(")\n");
    for (const std::string& m : metrics)
        std::printf("%14.14s ", metricDisplay(m).label.c_str());
    std::printf(" parameters\n");
    for (size_t i = 0; i < front && i < maxRows; ++i) {
        for (size_t k = 0; k < metrics.size(); ++k)
            std::printf("%14.5g ", ranked[i].values[k] * metricDisplay(metrics[k]).scale);
        std::printf(" %s\n", ranked[i].record->paramsText().c_str());
    }
    if (front > maxRows)
        std::printf("... %zu more on the front\n", front - maxRows);
}

int runPareto(const CliContext&, const std::vector<std::string>& args)
{
    const CliArgs a(args,
                    {"--db", "--x", "--y", "--z", "--x-dir", "--y-dir", "--z-dir", "--csv", "--svg", "--png", "--pdf", "--title",
                     "--width", "--height", "--width-mm", "--height-mm", "--font-pt", "--dpi"},
                    {"--log-x", "--log-y", "--linear", "--quiet"});
    const ResultStore store(a.required("--db"), ResultStore::Mode::ReadOnly);
    const std::vector<PointRecord> records = store.records();
    const bool anyAccuracy = std::any_of(records.begin(), records.end(), [](const PointRecord& r) { return r.metrics.count("accuracy") > 0; });
    std::vector<std::string> metrics{checkedMetric("--x", a.value("--x", anyAccuracy ? "accuracy" : "tops")),
                                     checkedMetric("--y", a.value("--y", "tops_per_w"))};
    if (a.has("--z"))
        metrics.push_back(checkedMetric("--z", a.value("--z")));
    std::vector<Direction> directions{directionOption(a, "--x-dir", metrics[0]), directionOption(a, "--y-dir", metrics[1])};
    if (metrics.size() == 3)
        directions.push_back(directionOption(a, "--z-dir", metrics[2]));
    const std::vector<RankedPoint> ranked = rankRecords(records, metrics, directions);
    if (!a.has("--quiet"))
        printFront(records, metrics, directions, 1000000);
    if (ranked.empty())
        throw InputError(store.path() + ": no successful, feasible point has " + metrics[0] + " and " + metrics[1]);
    if (a.has("--csv")) {
        writeCsv(a.value("--csv"), ranked, metrics);
        std::printf("wrote %s\n", a.value("--csv").c_str());
    }
    const std::vector<std::string> charts = chartPathOptions(a);
    if (!charts.empty()) {
        ChartRequest chart;
        const MetricDisplay x = metricDisplay(metrics[0]), y = metricDisplay(metrics[1]);
        for (const RankedPoint& p : ranked)
            chart.points.push_back({p.values[0] * x.scale, p.values[1] * y.scale, p.rank == 0, p.record->paramsText()});
        const std::string name = store.meta("name");
        chart.title = a.value("--title", (name.empty() ? std::string("Design-space sweep") : name) + ": " + std::to_string(ranked.size())
                                             + " points, Pareto front highlighted");
        chart.xHigherBetter = directions[0] == Direction::Maximize;
        chart.yHigherBetter = directions[1] == Direction::Maximize;
        chart.xTitle = x.label;
        chart.yTitle = y.label;
        chart.logX = !a.has("--linear") && (a.has("--log-x") || autoLog(ranked, 0));
        chart.logY = !a.has("--linear") && (a.has("--log-y") || autoLog(ranked, 1));
        readChartSizeOptions(a, chart);
        reportChartFiles(writeParetoCharts(chart, charts), charts);
    }
    return 0;
}

int runMerge(const CliContext&, const std::vector<std::string>& args)
{
    const CliArgs a(args, {"-o", "--out"}, {});
    const std::string outPath = a.has("-o") ? a.value("-o") : a.required("--out");
    if (a.positional().empty())
        throw InputError("merge: name at least one results file: kirchhoff-cli merge A.sqlite B.sqlite ... -o ALL.sqlite");
    // Open every input first, so a bad one stops the merge before anything is written.
    std::vector<std::unique_ptr<ResultStore>> inputs;
    for (const std::string& path : a.positional()) {
        if (path == outPath)
            throw InputError(path + ": the output must differ from the inputs");
        inputs.push_back(std::make_unique<ResultStore>(path, ResultStore::Mode::ReadOnly));
    }
    ResultStore out(outPath);
    for (const auto& in : inputs) {
        const long long added = out.mergeFrom(*in);
        if (out.meta("spec").empty() && !in->meta("spec").empty())
            out.setMeta("spec", in->meta("spec"));
        if (out.meta("name").empty() && !in->meta("name").empty())
            out.setMeta("name", in->meta("name"));
        std::printf("%-40s %6lld points, %6lld new\n", in->path().c_str(), in->count(), added);
    }
    std::printf("%-40s %6lld points\n", out.path().c_str(), out.count());
    return 0;
}

} // namespace kh::cli
