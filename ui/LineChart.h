#pragma once
// Line charts with markers (a metric against a swept parameter), styled like the other exported
// charts: one series, or one series per group (colour by a second parameter).
#include <QString>
#include <QStringList>
#include <vector>

class QChart;

namespace kh::ui {

// Caller owns the returned chart.
QChart* makeLineChart(const std::vector<std::pair<double, double>>& points, const QString& title, const QString& xTitle,
                      const QString& yTitle, bool logY);

struct LineGroup {
    QString name;                                  // legend entry ("" for none)
    std::vector<std::pair<double, double>> points; // joined in the order given
};
// One line per group in the groups' colours (groupColour), a legend when there is more than one.
// Unlike makeLineChart the y axis is fitted to the data (accuracy, not an error read against 0).
QChart* makeGroupedLineChart(const std::vector<LineGroup>& groups, const QString& title, const QString& xTitle, const QString& yTitle,
                             bool logX, bool logY);

} // namespace kh::ui
