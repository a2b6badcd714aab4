#include "LineChart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

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
    auto* xAxis = new QValueAxis;
    xAxis->setTitleText(xTitle);
    const double xpad = (xhi - xlo) * 0.05 + 1e-12;
    xAxis->setRange(xlo - xpad, xhi + xpad);
    xAxis->setLabelFormat("%.3g");
    chart->addAxis(xAxis, Qt::AlignBottom);
    QAbstractAxis* yAxis = nullptr;
    if (logY && ylo > 0) {
        auto* a = new QLogValueAxis;
        a->setRange(ylo / 1.5, yhi * 1.5);
        a->setLabelFormat("%.2g");
        a->setMinorTickCount(8);   // a span under a decade still gets grid lines to read values from
        yAxis = a;
    } else {
        auto* a = new QValueAxis;
        const double pad = (yhi - ylo) * 0.08 + 1e-12;
        a->setRange(std::min(0.0, ylo - pad), yhi + pad);
        a->setLabelFormat("%.3g");
        yAxis = a;
    }
    yAxis->setTitleText(yTitle);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    return chart;
}

} // namespace kh::ui
