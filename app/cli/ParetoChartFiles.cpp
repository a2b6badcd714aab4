#include "cli/ParetoChartFiles.h"

#include "cli/CliArgs.h"
#include "common/InputError.h"

#include <cstdio>

#ifdef KIRCHHOFF_CLI_CHARTS
#include "ChartExport.h"
#include "DemoChart.h"
#include "LineChart.h"

#include <QApplication>
#include <QChart>

#include <memory>
#endif

namespace kh::cli {

#ifdef KIRCHHOFF_CLI_CHARTS
namespace {
// The CLI has no window: Qt runs on the offscreen platform for as long as the charts are drawn.
std::unique_ptr<QApplication> headlessApplication()
{
    if (QApplication::instance())
        return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "kirchhoff-cli";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

std::string writeAll(QChart* chart, const ChartRequest& request, const std::vector<std::string>& paths)
{
    ui::ExportOptions options;
    options.widthMm = request.widthMm;
    options.heightMm = request.heightMm;
    options.fontPt = request.fontPt;
    options.dpi = request.dpi;
    for (const std::string& path : paths) {
        const QString error = ui::exportChart(chart, QString::fromStdString(path), options);
        if (!error.isEmpty())
            return error.toStdString();
    }
    return "";
}
} // namespace

std::string writeLineCharts(const ChartRequest& request, const std::vector<std::string>& paths)
{
    const auto app = headlessApplication();
    std::vector<std::pair<double, double>> points;
    for (const ChartPointData& p : request.points)
        points.push_back({p.x, p.y});
    std::unique_ptr<QChart> chart(ui::makeLineChart(points, QString::fromStdString(request.title), QString::fromStdString(request.xTitle),
                                                    QString::fromStdString(request.yTitle), request.logY));
    return writeAll(chart.get(), request, paths);
}

std::string writeTrendCharts(const ChartRequest& request, const std::vector<std::string>& paths)
{
    const auto app = headlessApplication();
    std::vector<ui::LineGroup> lines(std::max<std::size_t>(1, request.groups.size()));
    for (std::size_t g = 0; g < request.groups.size(); ++g)
        lines[g].name = QString::fromStdString(request.groups[g]);
    for (const ChartPointData& p : request.points)
        if (p.group >= 0 && std::size_t(p.group) < lines.size())
            lines[std::size_t(p.group)].points.push_back({p.x, p.y});
    std::unique_ptr<QChart> chart(ui::makeGroupedLineChart(lines, QString::fromStdString(request.title), QString::fromStdString(request.xTitle),
                                                           QString::fromStdString(request.yTitle), request.logX, request.logY));
    return writeAll(chart.get(), request, paths);
}

std::string writeParetoCharts(const ChartRequest& request, const std::vector<std::string>& paths)
{
    const auto app = headlessApplication();
    std::vector<ui::ChartPoint> points;
    for (const ChartPointData& p : request.points)
        points.push_back({p.x, p.y, p.onFront, QString::fromStdString(p.label)});
    std::unique_ptr<QChart> chart(ui::makeParetoChart(points, QString::fromStdString(request.title),
                                                      QString::fromStdString(request.xTitle),
                                                      QString::fromStdString(request.yTitle), request.logX, request.logY,
                                                      request.xHigherBetter, request.yHigherBetter));
    return writeAll(chart.get(), request, paths);
}
#else
std::string writeTrendCharts(const ChartRequest&, const std::vector<std::string>&)
{
    return "chart export needs a build with the GUI libraries (KIRCHHOFF_BUILD_GUI=ON); --csv works without them";
}

std::string writeLineCharts(const ChartRequest&, const std::vector<std::string>&)
{
    return "chart export needs a build with the GUI libraries (KIRCHHOFF_BUILD_GUI=ON); --csv works without them";
}

std::string writeParetoCharts(const ChartRequest&, const std::vector<std::string>&)
{
    return "chart export needs a build with the GUI libraries (KIRCHHOFF_BUILD_GUI=ON); --csv works without them";
}
#endif

std::vector<std::string> chartPathOptions(const CliArgs& a)
{
    std::vector<std::string> paths;
    for (const char* option : {"--svg", "--png", "--pdf"})
        if (a.has(option))
            paths.push_back(a.value(option));
    return paths;
}

void reportChartFiles(const std::string& error, const std::vector<std::string>& paths)
{
    if (!error.empty())
        throw InputError(error);
    for (const std::string& path : paths)
        std::printf("wrote %s\n", path.c_str());
}

void readChartSizeOptions(const CliArgs& a, ChartRequest& chart)
{
    // --width/--height in pixels at 96 per inch (the older options) or the printed size in mm.
    constexpr double kMmPer96DpiPixel = 25.4 / 96;
    chart.widthMm = a.has("--width") ? a.intValue("--width", 0, 100, 10000) * kMmPer96DpiPixel : a.numberValue("--width-mm", chart.widthMm, 20, 2000);
    chart.heightMm = a.has("--height") ? a.intValue("--height", 0, 100, 10000) * kMmPer96DpiPixel : a.numberValue("--height-mm", chart.heightMm, 20, 2000);
    chart.fontPt = a.intValue("--font-pt", chart.fontPt, 4, 48);
    chart.dpi = a.intValue("--dpi", chart.dpi, 50, 2400);
}

} // namespace kh::cli
