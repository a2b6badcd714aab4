#include "cli/ParetoChartFiles.h"

#ifdef KIRCHHOFF_CLI_CHARTS
#include "ChartExport.h"
#include "DemoChart.h"

#include <QApplication>
#include <QChart>

#include <memory>
#endif

namespace kh::cli {

#ifdef KIRCHHOFF_CLI_CHARTS
std::string writeParetoCharts(const ChartRequest& request, const std::vector<std::string>& paths)
{
    std::unique_ptr<QApplication> app;
    if (!QApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "kirchhoff-cli";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QApplication>(argc, argv);
    }
    std::vector<ui::ChartPoint> points;
    for (const ChartPointData& p : request.points)
        points.push_back({p.x, p.y, p.onFront, QString::fromStdString(p.label)});
    std::unique_ptr<QChart> chart(ui::makeParetoChart(points, QString::fromStdString(request.title),
                                                      QString::fromStdString(request.xTitle),
                                                      QString::fromStdString(request.yTitle), request.logX, request.logY));
    ui::ExportOptions options;
    options.sizePx = QSize(request.widthPx, request.heightPx);
    options.dpi = request.dpi;
    for (const std::string& path : paths) {
        const QString error = ui::exportChart(chart.get(), QString::fromStdString(path), options);
        if (!error.isEmpty())
            return error.toStdString();
    }
    return "";
}
#else
std::string writeParetoCharts(const ChartRequest&, const std::vector<std::string>&)
{
    return "chart export needs a build with the GUI libraries (KIRCHHOFF_BUILD_GUI=ON); --csv works without them";
}
#endif

} // namespace kh::cli
