#include "LineChart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include "ChartAxes.h"

#include <algorithm>

namespace kh::ui {

QChart* makeLineChart(const std::vector<std::pair<double, double>>& points, const QString& title, const QString& xTitle,
                      const QString& yTitle, bool logY)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    auto* line = new QLineSeries;
    line->setPen(QPen(QColor(0x2c, 0x7f, 0xb8), 2));
    auto* marks = new QScatterSeries;
    marks->setColor(QColor(0x2c, 0x7f, 0xb8));
    marks->setMarkerSize(9);
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
    for (const auto& [x, y] : points) {
        line->append(x, y);
        marks->append(x, y);
        xlo = std::min(xlo, x);
        xhi = std::max(xhi, x);
        ylo = std::min(ylo, y);
        yhi = std::max(yhi, y);
    }
    chart->addSeries(line);
    chart->addSeries(marks);
    if (points.empty()) {
        xlo = ylo = 0;
        xhi = yhi = 1;
    }
    QAbstractAxis* xAxis = niceValueAxis(xlo, xhi, xTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);
    // Linear y starts at 0: these are error magnitudes, read against zero.
    QAbstractAxis* yAxis = dataAxis(logY && ylo > 0, ylo, yhi, yTitle, /*includeZero=*/true);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    return chart;
}

} // namespace kh::ui
