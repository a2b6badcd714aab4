#include "DemoChart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include "ChartAxes.h"

#include <algorithm>

namespace kh::ui {

namespace {
// Round ticks; a little room so that no point sits on the frame.
QAbstractAxis* makeAxis(bool log, const QString& title, double lo, double hi)
{
    const double pad = (hi - lo) * 0.02;
    return log && lo > 0 ? dataAxis(true, lo, hi, title) : dataAxis(false, lo - pad, hi + pad, title);
}

// The corner between two neighbours of a front: the worse coordinate of each, so the line is the
// boundary of the region the front dominates.
QPointF stepCorner(const ChartPoint& a, const ChartPoint& b, bool xHigherBetter, bool yHigherBetter)
{
    const double x = xHigherBetter ? std::min(a.x, b.x) : std::max(a.x, b.x);
    const double y = yHigherBetter ? std::min(a.y, b.y) : std::max(a.y, b.y);
    return {x, y};
}
} // namespace

QColor groupColour(int group)
{
    // The Okabe-Ito palette: readable with every common colour-vision deficiency.
    static const QColor palette[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                                     QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00),
                                     QColor(0xf0, 0xe4, 0x42), QColor(0x00, 0x00, 0x00)};
    return palette[(group % 8 + 8) % 8];
}

QChart* makeParetoChart(const std::vector<ChartPoint>& points, const QString& title, const QString& xTitle,
                        const QString& yTitle, bool logX, bool logY, bool xHigherBetter, bool yHigherBetter,
                        const QStringList& groups)
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
    // Colour by a parameter: one series per value; the front is then marked by rings around its points.
    std::vector<QScatterSeries*> grouped;
    for (int g = 0; g < groups.size(); ++g) {
        auto* s = new QScatterSeries;
        s->setName(groups[g]);
        s->setMarkerSize(7);
        s->setColor(groupColour(g));
        s->setBorderColor(groupColour(g).darker(130));
        grouped.push_back(s);
    }
    if (!grouped.empty()) {
        front->setColor(Qt::transparent);
        front->setMarkerSize(13);
        front->setPen(QPen(QColor(0xd9, 0x5f, 0x02), 2));
    }
    std::vector<ChartPoint> frontPoints;
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
    for (const ChartPoint& p : points) {
        if (!grouped.empty() && p.group >= 0 && p.group < int(grouped.size())) {
            grouped[size_t(p.group)]->append(p.x, p.y);
            if (p.onFront)
                front->append(p.x, p.y);
        } else {
            (p.onFront ? front : all)->append(p.x, p.y);
        }
        if (p.onFront)
            frontPoints.push_back(p);
        xlo = std::min(xlo, p.x);
        xhi = std::max(xhi, p.x);
        ylo = std::min(ylo, p.y);
        yhi = std::max(yhi, p.y);
    }
    std::sort(frontPoints.begin(), frontPoints.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
    for (size_t i = 0; i < frontPoints.size(); ++i) {
        if (i > 0)
            frontLine->append(stepCorner(frontPoints[i - 1], frontPoints[i], xHigherBetter, yHigherBetter));
        frontLine->append(frontPoints[i].x, frontPoints[i].y);
    }
    chart->addSeries(all);
    for (QScatterSeries* s : grouped)
        chart->addSeries(s);
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
    if (!grouped.empty())
        chart->legend()->markers(all).first()->setVisible(false);   // every point is in a group
    return chart;
}

} // namespace kh::ui
