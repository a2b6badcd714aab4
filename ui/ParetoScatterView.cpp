#include "ParetoScatterView.h"

#include "DemoChart.h"
#include "LineChart.h"

#include "dse/MetricInfo.h"
#include "dse/ParetoQuery.h"
#include "dse/SweepSpec.h"
#include "dse/TrendQuery.h"
#include "common/QuantityText.h"
#include "spec/DesignFields.h"

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScatterSeries>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <cmath>
#include <map>
#include <set>
#include <limits>

namespace kh::ui {

namespace {
// A record's value of one swept key (nullptr when it has none); its text is sweptValueText.
const nlohmann::json* sweptValue(const PointRecord& r, const std::string& key)
{
    const auto it = r.params.find(key);
    return it == r.params.end() ? nullptr : &*it;
}

} // namespace

ParetoScatterView::ParetoScatterView(QWidget* parent) : QWidget(parent)
{
    view_ = new QChartView(new QChart);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(300, 240);
    xBox_ = new QComboBox;
    yBox_ = new QComboBox;
    for (const std::string& m : knownMetricNames()) {
        const QString label = QString::fromStdString(metricDisplay(m).label);
        xBox_->addItem(label, QString::fromStdString(m));
        yBox_->addItem(label, QString::fromStdString(m));
    }
    logX_ = new QCheckBox(tr("log"));
    logY_ = new QCheckBox(tr("log"));
    colourBox_ = new QComboBox;
    // Long metric names must not set the view's minimum width; the popup still shows them whole.
    for (QComboBox* box : {xBox_, yBox_, colourBox_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    colourBox_->addItem(tr("one colour"), QString());
    colourBox_->setToolTip(tr("Colour the points by a swept parameter"));
    inspector_ = new QLabel(tr("Hover over a point to inspect it; click it to load it into the design panel."));
    inspector_->setObjectName("pointInspector");
    inspector_->setWordWrap(true);
    inspector_->setTextFormat(Qt::RichText);
    inspector_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    inspector_->setMinimumHeight(60);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("x:")));
    controls->addWidget(xBox_, 1);
    controls->addWidget(logX_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("y:")));
    controls->addWidget(yBox_, 1);
    controls->addWidget(logY_);
    auto* colour = new QHBoxLayout;   // a row of its own, so the view stays narrow
    colour->addWidget(new QLabel(tr("colour by:")));
    colour->addWidget(colourBox_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addLayout(colour);
    layout->addWidget(view_, 1);
    layout->addWidget(inspector_);
    // The axes and scales chosen last time (a new user gets TOPS/W against accuracy).
    const QSettings settings;
    setAxes(settings.value("sweepChart/x", "tops_per_w").toString(), settings.value("sweepChart/y", "accuracy").toString());
    setLog(settings.value("sweepChart/logX", false).toBool(), settings.value("sweepChart/logY", false).toBool());
    auto remember = [this] {
        QSettings s;
        s.setValue("sweepChart/x", xBox_->currentData());
        s.setValue("sweepChart/y", yBox_->currentData());
        s.setValue("sweepChart/logX", logX_->isChecked());
        s.setValue("sweepChart/logY", logY_->isChecked());
    };

    redrawTimer_.setSingleShot(true);
    redrawTimer_.setInterval(250);
    connect(&redrawTimer_, &QTimer::timeout, this, &ParetoScatterView::redraw);
    connect(xBox_, &QComboBox::currentIndexChanged, this, &ParetoScatterView::redraw);
    connect(yBox_, &QComboBox::currentIndexChanged, this, &ParetoScatterView::redraw);
    connect(logX_, &QCheckBox::toggled, this, &ParetoScatterView::redraw);
    connect(logY_, &QCheckBox::toggled, this, &ParetoScatterView::redraw);
    connect(colourBox_, &QComboBox::currentIndexChanged, this, &ParetoScatterView::redraw);
    for (QComboBox* box : {xBox_, yBox_})
        connect(box, &QComboBox::currentIndexChanged, this, remember);
    for (QCheckBox* box : {logX_, logY_})
        connect(box, &QCheckBox::toggled, this, remember);
    redraw();
}

void ParetoScatterView::setAxes(const QString& x, const QString& y)
{
    const QSignalBlocker bx(xBox_), by(yBox_);
    // A swept key is offered once records have it: remembered until then.
    pendingX_ = x;
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
    refreshColourKeys();
    redraw();
}

void ParetoScatterView::addRecord(const PointRecord& record)
{
    records_.push_back(record);
    if (records_.size() == 1)
        refreshColourKeys();
    scheduleRedraw();
}

void ParetoScatterView::clear()
{
    records_.clear();
    refreshColourKeys();
    redraw();
}

void ParetoScatterView::refreshColourKeys()
{
    // The swept keys of the records (one sweep shares them), kept selected when still there; the
    // numeric ones can also be the x axis (a metric against a swept parameter).
    const QString chosen = colourBox_->currentData().toString(), chosenX = xBox_->currentData().toString();
    const QSignalBlocker block(colourBox_), blockX(xBox_);
    while (colourBox_->count() > 1)
        colourBox_->removeItem(1);
    const int metrics = int(knownMetricNames().size());
    while (xBox_->count() > metrics)
        xBox_->removeItem(metrics);
    if (!records_.empty() && records_.front().params.is_object())
        for (const auto& [key, value] : records_.front().params.items()) {
            colourBox_->addItem(QString::fromStdString(key), QString::fromStdString(key));
            if (value.is_number())
                xBox_->addItem(tr("%1 (swept)").arg(QString::fromStdString(key)), QString::fromStdString(key));
        }
    colourBox_->setCurrentIndex(std::max(0, colourBox_->findData(chosen)));
    if (const int x = xBox_->findData(chosenX); x >= 0)
        xBox_->setCurrentIndex(x);
    else if (pendingX_.size() && xBox_->findData(pendingX_) >= 0)
        xBox_->setCurrentIndex(xBox_->findData(pendingX_));
}

void ParetoScatterView::setColourBy(const QString& key)
{
    colourBox_->setCurrentIndex(std::max(0, colourBox_->findData(key)));
    redraw();
}

void ParetoScatterView::inspect(const PointRecord& r)
{
    QString text = "<b>" + QString::fromStdString(r.paramsText()).toHtmlEscaped() + "</b><br>";
    QStringList metrics;
    for (const auto& [name, v] : r.metrics) {
        if (name.find('_') != std::string::npos && (name.rfind("area_", 0) == 0 || name.rfind("energy_", 0) == 0) && name != "energy_pj")
            continue;   // breakdown parts: the per-layer table of the loaded point has them
        const MetricDisplay d = metricDisplay(name);
        metrics << QString("%1 <b>%2</b>").arg(QString::fromStdString(d.label).toHtmlEscaped(),
                                               QString::fromStdString(formatQuantity(v * d.scale, "", 4)));
    }
    text += metrics.join(" &nbsp;·&nbsp; ");
    // Why a point can differ from Single point: with accuracy in the sweep, PPA uses the bit
    // statistics the simulation measured; Single point uses the design's assumed activity.
    const bool measured = r.layers.is_array() && !r.layers.empty() && r.layers.front().contains("input_bit_density");
    text += "<br><i>" + (measured ? tr("PPA from the activity measured in the accuracy simulation (Single point assumes the design point's activity fields, so its energy can differ).")
                                  : tr("PPA from the design point's assumed activity, as in Single point.")) + "</i>";
    if (!r.ok())
        text += "<br><span style=\"color:#b00020\">" + QString::fromStdString(r.status + ": " + r.error).toHtmlEscaped() + "</span>";
    inspector_->setText(text);
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
    // Colour groups: each distinct value of the chosen key (at most 8), else 6 ranges of equal count.
    const std::string colourKey = colourBox_->currentData().toString().toStdString();
    groups_.clear();
    std::map<std::string, int> groupOf;   // value text -> group
    std::vector<double> cuts;             // range bounds when binned
    if (!colourKey.empty()) {
        std::vector<std::pair<double, std::string>> values;
        std::set<std::string> distinct;
        for (const RankedPoint& r : ranked) {
            const nlohmann::json* v = sweptValue(*r.record, colourKey);
            const std::string t = sweptValueText(*r.record, colourKey);
            distinct.insert(t);
            values.push_back({v && v->is_number() ? v->get<double>() : std::nan(""), t});
        }
        const bool numeric = std::all_of(values.begin(), values.end(), [](const auto& p) { return std::isfinite(p.first); });
        if (distinct.size() <= 8 || !numeric) {
            std::vector<std::pair<double, std::string>> order;
            for (const std::string& t : distinct)
                order.push_back({numeric ? std::stod(t) : 0.0, t});
            std::sort(order.begin(), order.end());
            for (const auto& [n, t] : order) {
                groupOf[t] = int(groups_.size());
                groups_ << QString::fromStdString(colourKey + " = " + t);
            }
        } else {
            std::vector<double> sorted;
            for (const auto& p : values)
                sorted.push_back(p.first);
            std::sort(sorted.begin(), sorted.end());
            for (int k = 1; k < 6; ++k)
                cuts.push_back(sorted[sorted.size() * size_t(k) / 6]);
            cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
            double lo = sorted.front();
            for (size_t k = 0; k <= cuts.size(); ++k) {
                const double hi = k < cuts.size() ? cuts[k] : sorted.back();
                groups_ << QString("%1 %2 – %3").arg(QString::fromStdString(colourKey), QString::fromStdString(shortestNumber(lo)),
                                                      QString::fromStdString(shortestNumber(hi)));
                lo = hi;
            }
        }
    }
    auto groupFor = [&](const PointRecord& record) {
        if (colourKey.empty())
            return -1;
        const nlohmann::json* v = sweptValue(record, colourKey);
        if (!cuts.empty() && v && v->is_number())
            return int(std::upper_bound(cuts.begin(), cuts.end(), v->get<double>()) - cuts.begin());
        const std::string t = sweptValueText(record, colourKey);
        const auto it = groupOf.find(t);
        return it == groupOf.end() ? -1 : it->second;
    };
    if (isSweptKey(xm)) {
        redrawTrend(ranked, xm, ym, dy, logX, logY, groupFor);
        return;
    }
    for (const RankedPoint& r : ranked) {
        const double x = r.values[0] * dx.scale, y = r.values[1] * dy.scale;
        if ((logX && !(x > 0)) || (logY && !(y > 0)) || !std::isfinite(x) || !std::isfinite(y))
            continue;   // a log axis cannot show zero or negative values
        const size_t index = size_t(r.record - records_.data());
        plotted_.push_back({x, y, index, r.rank == 0});
        points.push_back({x, y, r.rank == 0, QString::fromStdString(r.record->paramsText()), groupFor(*r.record)});
    }
    QChart* chart = makeParetoChart(points, tr("%1 points, %2 on the front").arg(plotted_.size()).arg(frontPoints()),
                                    QString::fromStdString(dx.label), QString::fromStdString(dy.label), logX, logY,
                                    defaultDirection(xm) == Direction::Maximize, defaultDirection(ym) == Direction::Maximize, groups_);
    QChart* old = view_->chart();
    view_->setChart(chart);
    delete old;
    connectSeries();
}

bool ParetoScatterView::isSweptKey(const std::string& name) { return name.find('.') != std::string::npos; }

void ParetoScatterView::redrawTrend(const std::vector<RankedPoint>& ranked, const std::string& xKey, const std::string& yMetric, const MetricDisplay& dy, bool logX,
                                    bool logY, const std::function<int(const PointRecord&)>& groupFor)
{
    // A metric against a swept parameter (accuracy against time after programming, say): one line
    // per colour group through the mean at each swept value, as the other swept keys vary.
    const QString colourKey = colourBox_->currentData().toString();
    auto shown = [&](double x, double y) { return std::isfinite(x) && std::isfinite(y) && (!logX || x > 0) && (!logY || y > 0); };
    const int groups = std::max<int>(1, int(groups_.size()));
    auto groupOf = [&](const PointRecord& r) { return groups_.isEmpty() ? 0 : groupFor(r); };
    for (const RankedPoint& r : ranked)
        if (shown(r.values[0], r.values[1] * dy.scale) && groupOf(*r.record) >= 0)
            plotted_.push_back({r.values[0], r.values[1] * dy.scale, size_t(r.record - records_.data()), false});
    const std::vector<std::vector<TrendPoint>> means = trendLines(records_, xKey, yMetric, groups, groupOf);
    std::vector<LineGroup> lines;
    for (size_t g = 0; g < means.size(); ++g) {
        // The legend names the values; the title names the key.
        LineGroup line{groups_.isEmpty() ? QString() : QString(groups_[qsizetype(g)]).remove(colourKey + " = "), {}};
        for (const TrendPoint& p : means[g])
            if (shown(p.x, p.mean * dy.scale))
                line.points.push_back({p.x, p.mean * dy.scale});
        lines.push_back(std::move(line));
    }
    // The axis names the key with its stored unit (the values plotted are the stored ones).
    QString xTitle = QString::fromStdString(xKey);
    if (const DesignField* field = findDesignField(xKey); field && !field->unit.empty())
        xTitle += QString(" (%1)").arg(QString::fromStdString(field->unit));
    QChart* chart = makeGroupedLineChart(lines, (colourKey.isEmpty() ? tr("%1 points; each marker the mean at its %2").arg(plotted_.size()).arg(QString::fromStdString(xKey))
                                                             : tr("%1 points by %3; each marker the mean at its %2")
                                                                   .arg(plotted_.size())
                                                                   .arg(QString::fromStdString(xKey), colourKey)),
                                         xTitle, QString::fromStdString(dy.label), logX, logY);
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
            // The inspector keeps the last point hovered: nothing to chase before it vanishes.
            if (!state)
                return;
            if (const PointRecord* r = recordNear(p.x(), p.y()))
                inspect(*r);
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
