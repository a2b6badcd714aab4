#include "ConductanceTimePlot.h"

#include "ChartAxes.h"
#include "cim/CellProgramming.h"
#include "cim/PcmModel.h"
#include "common/InputError.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace kh::ui {

ConductanceTimePlot::ConductanceTimePlot(QWidget* parent) : QChartView(new QChart, parent)
{
    chart()->legend()->hide();
    chart()->setTitle(tr("PCM conductance after programming"));
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

void ConductanceTimePlot::setDesign(const DesignPoint& dp)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* a : c->axes())
        c->removeAxis(a);
    states_ = 0;
    setVisible(dp.noise.pcm.enabled);
    if (!dp.noise.pcm.enabled)
        return;
    std::vector<MemState> states;
    try {
        states = cim::deviceStates(dp);
    } catch (const InputError&) {
        return;   // the Device page marks the table
    }
    constexpr double kFirstS = 1, kLastS = 10 * 365.25 * 86400;
    constexpr int kTimes = 41, kCells = 400;
    const double gMax = states.back().g_mean_s, toUs = 1e6;
    double hi = 0;
    std::vector<std::vector<cim::PcmModel::Spread>> traces(states.size());
    for (size_t k = 0; k < states.size(); ++k)
        for (int i = 0; i < kTimes; ++i) {
            const double t = kFirstS * std::pow(kLastS / kFirstS, double(i) / (kTimes - 1));
            traces[k].push_back(cim::PcmModel::spread(states[k].g_mean_s, gMax, dp.noise.pcm, t, kCells));
            hi = std::max(hi, traces[k].back().mean_s + traces[k].back().sigma_s);
        }
    QAbstractAxis* x = decadeLogAxis(kFirstS, kLastS, tr("Time since programming (s)"));
    QValueAxis* y = niceValueAxis(0, hi * toUs, tr("Conductance (µS)"), true);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    auto add = [&](QLineSeries* s) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    };
    for (size_t k = 0; k < states.size(); ++k) {
        auto* mean = new QLineSeries;
        auto* above = new QLineSeries;
        auto* below = new QLineSeries;
        for (int i = 0; i < kTimes; ++i) {
            const double t = kFirstS * std::pow(kLastS / kFirstS, double(i) / (kTimes - 1));
            const cim::PcmModel::Spread& s = traces[k][size_t(i)];
            mean->append(t, s.mean_s * toUs);
            above->append(t, (s.mean_s + s.sigma_s) * toUs);
            below->append(t, std::max(0.0, s.mean_s - s.sigma_s) * toUs);
        }
        add(mean);
        const QColor colour = mean->color();
        for (QLineSeries* band : {above, below}) {
            add(band);
            band->setPen(QPen(colour, 0.7, Qt::DashLine));
        }
    }
    // The evaluation time of the design point.
    auto* now = new QLineSeries;
    const double t = std::clamp(dp.noise.pcm.t_s, kFirstS, kLastS);
    now->append(t, 0);
    now->append(t, hi * toUs);
    add(now);
    now->setPen(QPen(Qt::gray, 1.0, Qt::DotLine));
    states_ = int(states.size());
}

} // namespace kh::ui
