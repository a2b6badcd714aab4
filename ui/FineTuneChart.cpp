#include "FineTuneChart.h"

#include "ChartAxes.h"
#include "DemoChart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace kh::ui {

FineTuneChart::FineTuneChart(QWidget* parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    rebuild();
}

void FineTuneChart::clear()
{
    records_.clear();
    rebuild();
}

void FineTuneChart::addEpoch(const train::EpochRecord& r)
{
    records_.push_back(r);
    rebuild();
}

void FineTuneChart::rebuild()
{
    auto* chart = new QChart;
    chart->setTitle(tr("Fine-tuning"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto line = [&](const QString& name, const QColor& colour) {
        auto* s = new QLineSeries;
        s->setName(name);
        s->setPen(QPen(colour, 2));
        s->setPointsVisible(true);
        chart->addSeries(s);
        return s;
    };
    QLineSeries* validation = line(tr("validation accuracy"), groupColour(0));
    QLineSeries* training = line(tr("training accuracy"), groupColour(1));
    QLineSeries* loss = line(tr("training loss"), groupColour(2));
    // x: epochs trained so far; a stage's epoch 0 sits where the previous stage ended.
    double offset = 0, xhi = 1, lossHi = 0;
    for (size_t k = 0; k < records_.size(); ++k) {
        const train::EpochRecord& r = records_[k];
        if (r.epoch == 0 && k > 0)
            offset += records_[k - 1].epoch;
        const double x = offset + r.epoch;
        xhi = std::max(xhi, x);
        validation->append(x, r.validation_accuracy * 100);
        if (r.epoch > 0) {   // epoch 0 only validates
            training->append(x, r.train_accuracy * 100);
            loss->append(x, r.loss);
            lossHi = std::max(lossHi, r.loss);
        }
    }
    QValueAxis* xAxis = niceValueAxis(0, xhi, tr("epochs trained"));
    xAxis->setLabelFormat("%d");
    QValueAxis* accuracyAxis = niceValueAxis(0, 100, tr("accuracy (%)"));
    QValueAxis* lossAxis = niceValueAxis(0, lossHi > 0 ? lossHi : 1, tr("loss (cross-entropy)"), true);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(accuracyAxis, Qt::AlignLeft);
    chart->addAxis(lossAxis, Qt::AlignRight);
    for (QLineSeries* s : {validation, training, loss})
        s->attachAxis(xAxis);
    validation->attachAxis(accuracyAxis);
    training->attachAxis(accuracyAxis);
    loss->attachAxis(lossAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

} // namespace kh::ui
