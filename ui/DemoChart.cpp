#include "DemoChart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace kh::ui {

namespace {
QAbstractAxis* makeAxis(bool log, const QString& title, double lo, double hi)
{
    // A log axis over less than a decade shows a single label; fall back to linear there.
    if (log && lo > 0 && hi / lo >= 10) {
        auto* a = new QLogValueAxis;
        a->setBase(10);
        a->setLabelFormat("%g");
        a->setMinorTickCount(8);
        a->setRange(lo / 1.2, hi * 1.2);
        a->setTitleText(title);
        return a;
    }
    auto* a = new QValueAxis;
    const double pad = (hi - lo) * 0.08 + 1e-12;
    a->setRange(lo - pad, hi + pad);
    a->setLabelFormat("%.3g");
    a->setTitleText(title);
    return a;
}
} // namespace

QChart* makeParetoChart(const std::vector<ChartPoint>& points, const QString& title, const QString& xTitle,
                        const QString& yTitle, bool logX, bool logY)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    auto* all = new QScatterSeries;
    all->setName(QObject::tr("design points"));
    all->setMarkerSize(7);
    all->setColor(QColor(150, 150, 150));
    all->setBorderColor(QColor(110, 110, 110));
    auto* front = new QScatterSeries;
    front->setName(QObject::tr("Pareto front"));
    front->setMarkerSize(10);
    front->setColor(QColor(0xd9, 0x5f, 0x02));
    front->setBorderColor(QColor(0x80, 0x30, 0x00));
    auto* frontLine = new QLineSeries;
    frontLine->setColor(QColor(0xd9, 0x5f, 0x02));
    std::vector<ChartPoint> frontPoints;
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
    for (const ChartPoint& p : points) {
        (p.onFront ? front : all)->append(p.x, p.y);
        if (p.onFront)
            frontPoints.push_back(p);
        xlo = std::min(xlo, p.x);
        xhi = std::max(xhi, p.x);
        ylo = std::min(ylo, p.y);
        yhi = std::max(yhi, p.y);
    }
    std::sort(frontPoints.begin(), frontPoints.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
    for (const ChartPoint& p : frontPoints)
        frontLine->append(p.x, p.y);
    chart->addSeries(all);
    chart->addSeries(frontLine);
    chart->addSeries(front);
    if (points.empty()) {
        xlo = ylo = 1;
        xhi = yhi = 10;
    }
    QAbstractAxis* ax = makeAxis(logX, xTitle, xlo, xhi);
    QAbstractAxis* ay = makeAxis(logY, yTitle, ylo, yhi);
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(ay, Qt::AlignLeft);
    for (auto* s : chart->series()) {
        s->attachAxis(ax);
        s->attachAxis(ay);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    // The front line is drawn, not listed.
    chart->legend()->markers(frontLine).first()->setVisible(false);
    return chart;
}

} // namespace kh::ui
