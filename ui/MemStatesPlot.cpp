#include "MemStatesPlot.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include "ChartAxes.h"

#include <algorithm>
#include <cmath>

namespace kh::ui {

MemStatesPlot::MemStatesPlot(QWidget* parent) : QChartView(new QChart, parent)
{
    chart()->legend()->hide();
    chart()->setTitle(tr("Conductance states"));
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

int MemStatesPlot::curveCount() const { return int(chart()->series().size()); }

void MemStatesPlot::setStates(const std::vector<MemState>& states)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* a : c->axes())
        c->removeAxis(a);
    if (states.empty())
        return;
    const double toUs = 1e6;
    double lo = 1e300, hi = -1e300;
    for (const MemState& s : states) {
        lo = std::min(lo, s.g_mean_s - 4 * s.g_sigma_s);
        hi = std::max(hi, s.g_mean_s + 4 * s.g_sigma_s);
    }
    const double pad = 0.03 * (hi - lo) + 1e-12;
    lo = std::max(0.0, lo - pad);
    hi += pad;
    const double width = hi - lo;
    QValueAxis* x = niceValueAxis(lo * toUs, hi * toUs, tr("Conductance (µS)"));
    QValueAxis* y = niceValueAxis(0, 1, tr("Relative density"), true);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (size_t k = 0; k < states.size(); ++k) {
        auto* series = new QLineSeries;
        series->setName(tr("state %1").arg(k));
        const MemState& s = states[k];
        // A state without spread is a vertical line; otherwise its density scaled to peak 1.
        const double sigma = s.g_sigma_s > 0 ? s.g_sigma_s : 0;
        if (sigma <= width * 1e-4) {
            series->append(s.g_mean_s * toUs, 0);
            series->append(s.g_mean_s * toUs, 1);
        } else {
            for (int i = 0; i <= 120; ++i) {
                const double g = s.g_mean_s - 4 * sigma + 8 * sigma * i / 120.0;
                const double z = (g - s.g_mean_s) / sigma;
                series->append(g * toUs, std::exp(-0.5 * z * z));
            }
        }
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

} // namespace kh::ui
