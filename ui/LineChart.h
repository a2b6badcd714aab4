#pragma once
// A single-series line chart with markers (a metric against a swept parameter), styled like the
// other exported charts.
#include <QString>
#include <vector>

class QChart;

namespace kh::ui {

// Caller owns the returned chart.
QChart* makeLineChart(const std::vector<std::pair<double, double>>& points, const QString& title, const QString& xTitle,
                      const QString& yTitle, bool logY);

} // namespace kh::ui
