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

QChart* makeGroupedLineChart(const std::vector<LineGroup>& groups, const QString& title, const QString& xTitle, const QString& yTitle,
                             bool logX, bool logY)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
    std::vector<QScatterSeries*> marks;
    for (size_t g = 0; g < groups.size(); ++g) {
        const QColor colour = groupColour(int(g));
        auto* line = new QLineSeries;
        line->setPen(QPen(colour, 2));
        auto* mark = new QScatterSeries;
        mark->setName(groups[g].name);
        mark->setColor(colour);
        mark->setBorderColor(colour.darker(130));
        mark->setMarkerSize(9);
        for (const auto& [x, y] : groups[g].points) {
            line->append(x, y);
            mark->append(x, y);
            xlo = std::min(xlo, x);
            xhi = std::max(xhi, x);
            ylo = std::min(ylo, y);
            yhi = std::max(yhi, y);
        }
        chart->addSeries(line);
        chart->addSeries(mark);
        chart->legend()->markers(line).first()->setVisible(false);   // the markers' entry names the group
        marks.push_back(mark);
    }
    if (xlo > xhi) {
        xlo = ylo = 1;
        xhi = yhi = 10;
    }
    QAbstractAxis* xAxis = dataAxis(logX && xlo > 0, xlo, xhi, xTitle);
    QAbstractAxis* yAxis = dataAxis(logY && ylo > 0, ylo, yhi, yTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(groups.size() > 1);
    return chart;
}

} // namespace kh::ui
