#pragma once
// Writes a Pareto chart (all points, front highlighted) to SVG/PDF/PNG files with Qt, headless:
// the CLI has no window, so Qt runs on its "offscreen" platform. Builds without the GUI
// (KIRCHHOFF_BUILD_GUI=OFF) report that charts are unavailable.
#include <string>
#include <vector>

namespace kh::cli {

struct ChartPointData {
    double x = 0, y = 0;
    bool onFront = false;
    std::string label;
    int group = 0;   // trend charts: index into ChartRequest::groups
};

struct ChartRequest {
    std::vector<ChartPointData> points;
    std::vector<std::string> groups;   // trend charts: one line per group, in this order
    std::string title, xTitle, yTitle;
    bool logX = false, logY = false;
    bool xHigherBetter = true, yHigherBetter = true;   // the front's staircase
    // Printed size and text size on paper; PNG resolution. Default: a single journal column.
    double widthMm = 89, heightMm = 62;
    int fontPt = 8, dpi = 600;
};

// Returns "" on success, else the reason (an unwritable path, no chart support).
std::string writeParetoCharts(const ChartRequest& request, const std::vector<std::string>& paths);
// A metric against a swept parameter (points in x order), e.g. error variance vs memory window.
std::string writeLineCharts(const ChartRequest& request, const std::vector<std::string>& paths);
// One line per group (points in x order within each), a legend naming the groups.
std::string writeTrendCharts(const ChartRequest& request, const std::vector<std::string>& paths);

class CliArgs;
// The chart files asked for with --svg, --png and --pdf (empty: none).
std::vector<std::string> chartPathOptions(const CliArgs& a);
// After a write*Charts call: throws InputError with its error, else prints each path written.
void reportChartFiles(const std::string& error, const std::vector<std::string>& paths);
// --width-mm/--height-mm (or the older --width/--height in pixels), --font-pt and --dpi into chart.
void readChartSizeOptions(const CliArgs& a, ChartRequest& chart);

} // namespace kh::cli
