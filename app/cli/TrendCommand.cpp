// kirchhoff-cli trend: a metric against a swept parameter, one line per value of a grouping key,
// each point the mean over the records at that value (docs/sweeps.md, "trend").
#include "cli/CliArgs.h"
#include "cli/Commands.h"
#include "cli/ParetoChartFiles.h"

#include "common/InputError.h"
#include "common/QuantityText.h"
#include "common/TextFile.h"
#include "dse/MetricInfo.h"
#include "dse/ResultStore.h"
#include "dse/SweepSpec.h"
#include "dse/TrendQuery.h"
#include "spec/DesignFields.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace kh::cli {

int runTrend(const CliContext&, const std::vector<std::string>& args)
{
    const CliArgs a(args, {"--db", "--x", "--y", "--group", "--csv", "--svg", "--png", "--pdf", "--title", "--width", "--height", "--width-mm",
                           "--height-mm", "--font-pt", "--dpi"},
                    {"--log-x", "--log-y", "--quiet"});
    const ResultStore store(a.required("--db"), ResultStore::Mode::ReadOnly);
    const std::vector<PointRecord> records = store.records();
    const std::string xKey = a.required("--x"), metric = a.value("--y", "accuracy"), groupKey = a.value("--group", "");
    if (!findDesignField(xKey))
        throw InputError("--x \"" + xKey + "\": not a design-point key (e.g. noise.pcm.t_s, array.rows)");
    if (!isKnownMetric(metric))
        throw InputError("--y \"" + metric + "\": unknown metric (e.g. accuracy, tops_per_w, area_mm2)");
    if (!groupKey.empty() && !findDesignField(groupKey))
        throw InputError("--group \"" + groupKey + "\": not a design-point key (e.g. noise.drift_compensation)");
    const std::vector<std::string> groups = groupKey.empty() ? std::vector<std::string>{""} : distinctSweptValues(records, groupKey);
    auto groupOf = [&](const PointRecord& r) {
        if (groupKey.empty())
            return 0;
        const auto it = std::find(groups.begin(), groups.end(), sweptValueText(r, groupKey));
        return it == groups.end() ? -1 : int(it - groups.begin());
    };
    const std::vector<std::vector<TrendPoint>> lines = trendLines(records, xKey, metric, int(groups.size()), groupOf);
    const bool any = std::any_of(lines.begin(), lines.end(), [](const auto& l) { return !l.empty(); });
    if (!any)
        throw InputError(store.path() + ": no successful, feasible point has " + xKey + " and " + metric);
    const MetricDisplay y = metricDisplay(metric);
    std::ostringstream csv;
    csv << (groupKey.empty() ? "" : groupKey + ",") << xKey << ",mean_" << metric << ",min_" << metric << ",max_" << metric << ",points\n";
    if (!a.has("--quiet"))
        std::printf("%s against %s%s\n", y.label.c_str(), xKey.c_str(), groupKey.empty() ? "" : (", by " + groupKey).c_str());
    for (std::size_t g = 0; g < lines.size(); ++g)
        for (const TrendPoint& p : lines[g]) {
            if (!groupKey.empty())
                csv << groups[g] << ",";
            csv << shortestNumber(p.x) << "," << shortestNumber(p.mean) << "," << shortestNumber(p.min) << "," << shortestNumber(p.max) << ","
                << p.count << "\n";
            if (!a.has("--quiet"))
                std::printf("  %-24s %14.6g  %10.5g  (%d points, %.5g … %.5g)\n", groups[g].c_str(), p.x, p.mean * y.scale, p.count,
                            p.min * y.scale, p.max * y.scale);
        }
    if (a.has("--csv")) {
        writeTextFile(a.value("--csv"), csv.str());
        std::printf("wrote %s\n", a.value("--csv").c_str());
    }
    const std::vector<std::string> charts = chartPathOptions(a);
    if (!charts.empty()) {
        ChartRequest chart;
        for (std::size_t g = 0; g < lines.size(); ++g) {
            chart.groups.push_back(groups[g]);   // the values; the title names the key
            for (const TrendPoint& p : lines[g])
                chart.points.push_back({p.x, p.mean * y.scale, false, "", int(g)});
        }
        const DesignField* field = findDesignField(xKey);
        chart.xTitle = xKey + (field && !field->unit.empty() ? " (" + field->unit + ")" : "");
        chart.yTitle = y.label;
        const std::string name = store.meta("name");
        chart.title = a.value("--title", y.label + (groupKey.empty() ? "" : " by " + groupKey) + (name.empty() ? "" : " (" + name + ")"));
        chart.logX = a.has("--log-x");
        chart.logY = a.has("--log-y");
        readChartSizeOptions(a, chart);
        reportChartFiles(writeTrendCharts(chart, charts), charts);
    }
    return 0;
}

} // namespace kh::cli
