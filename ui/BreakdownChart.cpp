#include "BreakdownChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>

namespace kh::ui {

QStringList BreakdownChart::categories()
{
    // Short labels: the full names (report keys) do not fit under six bars in a half-width chart.
    return {"arrays", "ADC", "accum.", "interc.", "buffers", "other"};
}

BreakdownChart::BreakdownChart(const QString& title, const QString& unit, double scale, QWidget* parent)
    : QChartView(parent), scale_(scale)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    set_ = new QBarSet(unit);
    set_->setColor(QColor(0x2c, 0x7f, 0xb8));
    for (int i = 0; i < categories().size(); ++i)
        *set_ << 0.0;
    auto* series = new QBarSeries;
    series->append(set_);
    series->setLabelsVisible(true);
    series->setLabelsFormat("@value");
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    auto* cats = new QBarCategoryAxis;
    cats->append(categories());
    QFont small = cats->labelsFont();   // six names must fit under a half-width chart
    small.setPointSizeF(small.pointSizeF() * 0.8);
    cats->setLabelsFont(small);
    chart->addAxis(cats, Qt::AlignBottom);
    series->attachAxis(cats);
    axis_ = new QValueAxis;
    axis_->setTitleText(unit);
    axis_->setLabelFormat("%.3g");
    chart->addAxis(axis_, Qt::AlignLeft);
    series->attachAxis(axis_);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
}

void BreakdownChart::setBreakdown(const Breakdown& b)
{
    const double v[] = {b.arrays, b.adc, b.accumulation, b.interconnect, b.buffers, b.other};
    double maxV = 0;
    for (int i = 0; i < 6; ++i) {
        set_->replace(i, v[i] * scale_);
        maxV = std::max(maxV, v[i] * scale_);
    }
    axis_->setRange(0, maxV > 0 ? maxV * 1.15 : 1.0);
}

QList<qreal> BreakdownChart::values() const
{
    QList<qreal> out;
    for (int i = 0; i < set_->count(); ++i)
        out << set_->at(i);
    return out;
}

} // namespace kh::ui
