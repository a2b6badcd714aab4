#include "BreakdownChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>

#include "ChartAxes.h"

#include "common/QuantityText.h"

#include <algorithm>
#include <cmath>

namespace kh::ui {

QStringList BreakdownChart::categories()
{
    // Short labels: the full names (report keys) do not fit under six bars in a half-width chart.
    return {"arrays", "ADC", "accum.", "interc.", "buffers", "other"};
}

BreakdownChart::BreakdownChart(const QString& title, const std::string& unit, double toUnit, QWidget* parent)
    : QChartView(parent), unit_(unit), toUnit_(toUnit)
{
    chart_ = new QChart;
    chart_->setTitle(title);
    chart_->legend()->hide();
    set_ = new QBarSet(QString::fromStdString(unitSymbol(unit)));
    set_->setColor(QColor(0x2c, 0x7f, 0xb8));
    for (int i = 0; i < categories().size(); ++i)
        *set_ << 0.0;
    series_ = new QBarSeries;
    series_->append(set_);
    series_->setLabelsVisible(true);
    series_->setLabelsFormat("@value");
    series_->setLabelsPrecision(3);
    chart_->addSeries(series_);
    auto* cats = new QBarCategoryAxis;
    cats->append(categories());
    QFont small = cats->labelsFont();   // six names must fit under a half-width chart
    small.setPointSizeF(small.pointSizeF() * 0.8);
    cats->setLabelsFont(small);
    chart_->addAxis(cats, Qt::AlignBottom);
    series_->attachAxis(cats);
    setChart(chart_);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    setBreakdown({});
}

void BreakdownChart::setBreakdown(const Breakdown& b)
{
    const double v[] = {b.arrays, b.adc, b.accumulation, b.interconnect, b.buffers, b.other};
    double maxSi = 0;
    for (double x : v)
        maxSi = std::max(maxSi, x * toUnit_);
    // The prefix of the largest bar: its value shows between 1 and 1000.
    int exponent = 0;
    if (takesSiPrefix(unit_) && maxSi > 0)
        exponent = std::clamp(3 * int(std::floor(std::log10(maxSi) / 3)), -15, 12);
    const double shownPerSi = std::pow(10.0, -exponent);
    const std::string one = formatQuantity(std::pow(10.0, exponent), unit_);   // "1 µJ"
    shownUnit_ = QString::fromStdString(exponent == 0 ? unitSymbol(unit_) : one.substr(one.find(' ') + 1));
    double maxShown = 0;
    for (int i = 0; i < 6; ++i) {
        const double shown = v[i] * toUnit_ * shownPerSi;
        set_->replace(i, shown);
        maxShown = std::max(maxShown, shown);
    }
    set_->setLabel(shownUnit_);
    if (axis_) {
        series_->detachAxis(axis_);
        chart_->removeAxis(axis_);
        delete axis_;
    }
    axis_ = niceValueAxis(0, maxShown > 0 ? maxShown * 1.12 : 1.0, shownUnit_, true);   // room for the value labels
    chart_->addAxis(axis_, Qt::AlignLeft);
    series_->attachAxis(axis_);
}

QList<qreal> BreakdownChart::values() const
{
    QList<qreal> out;
    for (int i = 0; i < set_->count(); ++i)
        out << set_->at(i);
    return out;
}

} // namespace kh::ui
