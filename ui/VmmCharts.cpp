#include "VmmCharts.h"

#include "vmm/ErrorStatistics.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include "ChartAxes.h"

#include <algorithm>

namespace kh::ui {

QChart* makeErrorHistogramChart(const std::vector<double>& errors, const std::vector<vmm::DistributionFit>& fits, const QString& title,
                                int bins)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    std::vector<double> sorted = errors;
    std::sort(sorted.begin(), sorted.end());
    const double lo = vmm::quantileSorted(sorted, 0.001), hi = vmm::quantileSorted(sorted, 0.999);
    const double width = hi > lo ? (hi - lo) / bins : 1.0;
    std::vector<double> counts(size_t(std::max(bins, 1)), 0.0);
    for (double e : errors) {
        if (e < lo || e > hi)
            continue;
        counts[std::min(size_t((e - lo) / width), counts.size() - 1)] += 1;
    }
    // The histogram as a density (a step line), so the fitted densities share its axis.
    auto* histogram = new QLineSeries;
    histogram->setName(QObject::tr("errors (density)"));
    histogram->setPen(QPen(QColor(0x9e, 0x9e, 0x9e), 2));
    double top = 0;
    for (size_t b = 0; b < counts.size(); ++b) {
        const double density = counts[b] / (double(errors.size()) * width);
        top = std::max(top, density);
        histogram->append(lo + double(b) * width, density);
        histogram->append(lo + double(b + 1) * width, density);
    }
    chart->addSeries(histogram);
    const QColor colours[] = {QColor(0xd9, 0x5f, 0x02), QColor(0x1b, 0x9e, 0x77), QColor(0x75, 0x70, 0xb3), QColor(0xe7, 0x29, 0x8a),
                              QColor(0x66, 0xa6, 0x1e)};
    for (size_t f = 0; f < fits.size() && f < 5; ++f) {
        auto* line = new QLineSeries;
        line->setName(QString("%1 (AIC %2)").arg(QString::fromStdString(fits[f].name)).arg(fits[f].aic, 0, 'f', 0));
        line->setPen(QPen(colours[f], f == 0 ? 2.5 : 1.5, f == 0 ? Qt::SolidLine : Qt::DashLine));
        for (int k = 0; k <= 200; ++k) {
            const double x = lo + (hi - lo) * k / 200.0;
            line->append(x, vmm::fittedDensity(fits[f], x));
        }
        chart->addSeries(line);
    }
    QValueAxis* x = niceValueAxis(lo, hi, QObject::tr("VMM error (value domain)"));
    QValueAxis* y = niceValueAxis(0, top > 0 ? top * 1.05 : 1.0, QObject::tr("probability density"), true);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignRight);   // six fits with their AIC: a column reads whole, a row was cut off
    return chart;
}

QChart* makeErrorBoxPlotChart(const QStringList& devices, const std::vector<std::vector<double>>& errors, const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    auto* series = new QBoxPlotSeries;
    double lo = 0, hi = 0;
    for (size_t d = 0; d < errors.size(); ++d) {
        std::vector<double> sorted = errors[d];
        std::sort(sorted.begin(), sorted.end());
        auto* box = new QBoxSet(d < size_t(devices.size()) ? devices[int(d)] : QString::number(d));
        const double q[] = {vmm::quantileSorted(sorted, 0.01), vmm::quantileSorted(sorted, 0.25), vmm::quantileSorted(sorted, 0.5),
                            vmm::quantileSorted(sorted, 0.75), vmm::quantileSorted(sorted, 0.99)};
        box->setValue(QBoxSet::LowerExtreme, q[0]);
        box->setValue(QBoxSet::LowerQuartile, q[1]);
        box->setValue(QBoxSet::Median, q[2]);
        box->setValue(QBoxSet::UpperQuartile, q[3]);
        box->setValue(QBoxSet::UpperExtreme, q[4]);
        lo = std::min(lo, q[0]);
        hi = std::max(hi, q[4]);
        series->append(box);
    }
    series->setName(QObject::tr("error quartiles, whiskers at 1 % / 99 %"));
    chart->addSeries(series);
    auto* cats = new QBarCategoryAxis;
    cats->append(devices);
    const double pad = (hi - lo) * 0.04;
    QValueAxis* y = niceValueAxis(lo - pad, hi + pad, QObject::tr("VMM error (value domain)"));
    chart->addAxis(cats, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(cats);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

} // namespace kh::ui
