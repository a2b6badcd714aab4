#include "LineChart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include "ChartAxes.h"
#include "DemoChart.h"

#include <QLegendMarker>

#include <algorithm>

namespace kh::ui {

namespace {
struct Bounds {
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
    bool empty() const { return xlo > xhi; }
};

// A line with markers on its points, in one colour; the markers' series carries the name.
QScatterSeries* addLine(QChart* chart, const std::vector<std::pair<double, double>>& points, const QColor& colour, const QString& name,
                        Bounds& b)
{
    auto* line = new QLineSeries;
    line->setPen(QPen(colour, 2));
    auto* marks = new QScatterSeries;
    marks->setName(name);
    marks->setColor(colour);
    marks->setBorderColor(colour.darker(130));
    marks->setMarkerSize(9);
    for (const auto& [x, y] : points) {
        line->append(x, y);
        marks->append(x, y);
        b.xlo = std::min(b.xlo, x);
        b.xhi = std::max(b.xhi, x);
        b.ylo = std::min(b.ylo, y);
        b.yhi = std::max(b.yhi, y);
    }
    chart->addSeries(line);
    chart->addSeries(marks);
    return marks;
}

void attachAxes(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
{
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
}
} // namespace

QChart* makeLineChart(const std::vector<std::pair<double, double>>& points, const QString& title, const QString& xTitle,
                      const QString& yTitle, bool logY)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    Bounds b;
    addLine(chart, points, QColor(0x2c, 0x7f, 0xb8), QString(), b);
    if (b.empty())
        b = {0, 1, 0, 1};
    // Linear y starts at 0: these are error magnitudes, read against zero.
    attachAxes(chart, niceValueAxis(b.xlo, b.xhi, xTitle), dataAxis(logY && b.ylo > 0, b.ylo, b.yhi, yTitle, /*includeZero=*/true));
    return chart;
}

QChart* makeGroupedLineChart(const std::vector<LineGroup>& groups, const QString& title, const QString& xTitle, const QString& yTitle,
                             bool logX, bool logY)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    Bounds b;
    for (size_t g = 0; g < groups.size(); ++g) {
        addLine(chart, groups[g].points, groupColour(int(g)), groups[g].name, b);
        // The markers' legend entry names the group; the line's is hidden.
        chart->legend()->markers(chart->series()[chart->series().size() - 2]).first()->setVisible(false);
    }
    if (b.empty())
        b = {1, 10, 1, 10};
    attachAxes(chart, dataAxis(logX && b.xlo > 0, b.xlo, b.xhi, xTitle), dataAxis(logY && b.ylo > 0, b.ylo, b.yhi, yTitle));
    // At the right: a legend below takes the height a printed column chart needs for its y labels.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setVisible(groups.size() > 1);
    return chart;
}

} // namespace kh::ui
