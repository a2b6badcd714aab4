#include "ParetoScatterView.h"

#include "DemoChart.h"

#include "dse/MetricInfo.h"
#include "dse/ParetoQuery.h"
#include "dse/SweepSpec.h"

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace kh::ui {

ParetoScatterView::ParetoScatterView(QWidget* parent) : QWidget(parent)
{
    view_ = new QChartView(new QChart);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(400, 300);
    xBox_ = new QComboBox;
    yBox_ = new QComboBox;
    for (const std::string& m : knownMetricNames()) {
        const QString label = QString::fromStdString(metricDisplay(m).label);
        xBox_->addItem(label, QString::fromStdString(m));
        yBox_->addItem(label, QString::fromStdString(m));
    }
    logX_ = new QCheckBox(tr("log"));
    logY_ = new QCheckBox(tr("log"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("x:")));
    controls->addWidget(xBox_, 1);
    controls->addWidget(logX_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("y:")));
    controls->addWidget(yBox_, 1);
    controls->addWidget(logY_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    setAxes("tops_per_w", "accuracy");

    redrawTimer_.setSingleShot(true);
    redrawTimer_.setInterval(250);
    connect(&redrawTimer_, &QTimer::timeout, this, &ParetoScatterView::redraw);
    connect(xBox_, &QComboBox::currentIndexChanged, this, &ParetoScatterView::redraw);
    connect(yBox_, &QComboBox::currentIndexChanged, this, &ParetoScatterView::redraw);
    connect(logX_, &QCheckBox::toggled, this, &ParetoScatterView::redraw);
    connect(logY_, &QCheckBox::toggled, this, &ParetoScatterView::redraw);
    redraw();
}

void ParetoScatterView::setAxes(const QString& x, const QString& y)
{
    const QSignalBlocker bx(xBox_), by(yBox_);
    xBox_->setCurrentIndex(std::max(0, xBox_->findData(x)));
    yBox_->setCurrentIndex(std::max(0, yBox_->findData(y)));
    redraw();
}

void ParetoScatterView::setLog(bool logX, bool logY)
{
    const QSignalBlocker bx(logX_), by(logY_);
    logX_->setChecked(logX);
    logY_->setChecked(logY);
    redraw();
}

void ParetoScatterView::setRecords(std::vector<PointRecord> records)
{
    records_ = std::move(records);
    redraw();
}

void ParetoScatterView::addRecord(const PointRecord& record)
{
    records_.push_back(record);
    scheduleRedraw();
}

void ParetoScatterView::clear()
{
    records_.clear();
    redraw();
}

void ParetoScatterView::scheduleRedraw()
{
    if (!redrawTimer_.isActive())
        redrawTimer_.start();
}

void ParetoScatterView::redrawNow() { redraw(); }

int ParetoScatterView::frontPoints() const
{
    return int(std::count_if(plotted_.begin(), plotted_.end(), [](const Plotted& p) { return p.front; }));
}

void ParetoScatterView::redraw()
{
    redrawTimer_.stop();
    const std::string xm = xBox_->currentData().toString().toStdString();
    const std::string ym = yBox_->currentData().toString().toStdString();
    const MetricDisplay dx = metricDisplay(xm), dy = metricDisplay(ym);
    const bool logX = logX_->isChecked(), logY = logY_->isChecked();
    // The front uses each metric's natural direction (higher accuracy, lower area, ...).
    const std::vector<RankedPoint> ranked = rankRecords(records_, {xm, ym}, {defaultDirection(xm), defaultDirection(ym)});
    plotted_.clear();
    std::vector<ChartPoint> points;
    for (const RankedPoint& r : ranked) {
        const double x = r.values[0] * dx.scale, y = r.values[1] * dy.scale;
        if ((logX && !(x > 0)) || (logY && !(y > 0)) || !std::isfinite(x) || !std::isfinite(y))
            continue;   // a log axis cannot show zero or negative values
        const size_t index = size_t(r.record - records_.data());
        plotted_.push_back({x, y, index, r.rank == 0});
        points.push_back({x, y, r.rank == 0, QString::fromStdString(r.record->paramsText())});
    }
    QChart* chart = makeParetoChart(points, tr("%1 points, %2 on the front").arg(plotted_.size()).arg(frontPoints()),
                                    QString::fromStdString(dx.label), QString::fromStdString(dy.label), logX, logY,
                                    defaultDirection(xm) == Direction::Maximize, defaultDirection(ym) == Direction::Maximize);
    QChart* old = view_->chart();
    view_->setChart(chart);
    delete old;
    connectSeries();
}

void ParetoScatterView::connectSeries()
{
    for (QAbstractSeries* s : view_->chart()->series()) {
        auto* scatter = qobject_cast<QScatterSeries*>(s);
        if (!scatter)
            continue;
        connect(scatter, &QScatterSeries::hovered, this, [this](const QPointF& p, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            if (const PointRecord* r = recordNear(p.x(), p.y())) {
                QString text = QString::fromStdString(r->paramsText());
                for (const auto& [name, v] : r->metrics) {
                    const MetricDisplay d = metricDisplay(name);
                    text += QString("\n%1: %2").arg(QString::fromStdString(d.label)).arg(v * d.scale, 0, 'g', 4);
                }
                QToolTip::showText(QCursor::pos(), text, view_);
            }
        });
        connect(scatter, &QScatterSeries::clicked, this, [this](const QPointF& p) { choosePointNear(p.x(), p.y()); });
    }
}

const PointRecord* ParetoScatterView::recordNear(double x, double y) const
{
    const Plotted* best = nullptr;
    double bestD = std::numeric_limits<double>::infinity();
    for (const Plotted& p : plotted_) {
        // Relative distance: the axes have very different scales.
        const double ddx = (p.x - x) / (std::fabs(x) + 1e-12), ddy = (p.y - y) / (std::fabs(y) + 1e-12);
        const double d = ddx * ddx + ddy * ddy;
        if (d < bestD) {
            bestD = d;
            best = &p;
        }
    }
    return best ? &records_[best->record] : nullptr;
}

void ParetoScatterView::choosePointNear(double x, double y)
{
    if (const PointRecord* r = recordNear(x, y))
        emit pointChosen(*r);
}

} // namespace kh::ui
