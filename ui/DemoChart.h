#pragma once
// A scatter chart of design points in two metrics with the Pareto front drawn as a staircase — the
// chart of the main job and, later, of the sweep view.
#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

class QChart;

namespace kh::ui {

struct ChartPoint {
    double x = 0, y = 0;
    bool onFront = false;
    QString label;
    int group = -1;   // index into the chart's groups (colour by a parameter), -1 for none
};

// The colour of group g (colour by a parameter), shared by every chart that groups points.
QColor groupColour(int group);

// Caller owns the returned chart. logX/logY select logarithmic axes; the directions shape the
// front as a staircase (the boundary of what it dominates), not as straight segments.
QChart* makeParetoChart(const std::vector<ChartPoint>& points, const QString& title, const QString& xTitle,
                        const QString& yTitle, bool logX, bool logY, bool xHigherBetter, bool yHigherBetter,
                        const QStringList& groups = {});

} // namespace kh::ui
