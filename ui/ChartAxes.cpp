#include "ChartAxes.h"

#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace kh::ui {

TickScale niceTicks(double lo, double hi, int maxTicks)
{
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return {};
    if (hi < lo)
        std::swap(lo, hi);
    if (hi == lo) {   // one value: a unit-sized window around it
        const double half = lo == 0 ? 1 : std::fabs(lo) * 0.1;
        lo -= half;
        hi += half;
    }
    maxTicks = std::max(1, maxTicks);
    const double rough = (hi - lo) / maxTicks;
    const int power = int(std::floor(std::log10(rough)));
    TickScale s;
    for (int p = power; p <= power + 2; ++p) {
        for (const int m : {1, 2, 5}) {
            const double step = m * std::pow(10.0, p);
            const double first = std::floor(lo / step), last = std::ceil(hi / step);
            if (last - first <= maxTicks) {
                s.step = step;
                s.lo = first * step;
                s.hi = last * step;
                s.decimals = std::max(0, -p);
                // Round away the floating-point tails of k × step (0.30000000000000004).
                const double unit = std::pow(10.0, std::max(0, -p));
                s.lo = std::round(s.lo * unit) / unit;
                s.hi = std::round(s.hi * unit) / unit;
                return s;
            }
        }
    }
    return s;
}

QValueAxis* niceValueAxis(double lo, double hi, const QString& title, bool includeZero)
{
    if (includeZero) {
        lo = std::min(lo, 0.0);
        hi = std::max(hi, 0.0);
    }
    const TickScale s = niceTicks(lo, hi);
    auto* a = new QValueAxis;
    a->setRange(s.lo, s.hi);
    a->setTickType(QValueAxis::TicksDynamic);
    a->setTickAnchor(s.lo);
    a->setTickInterval(s.step);
    a->setLabelFormat(QString("%.%1f").arg(s.decimals));
    a->setTitleText(title);
    return a;
}

QAbstractAxis* decadeLogAxis(double lo, double hi, const QString& title)
{
    const double first = std::pow(10.0, std::floor(std::log10(lo)));
    double last = std::pow(10.0, std::ceil(std::log10(hi)));
    if (last <= first)
        last = first * 10;
    auto* a = new QLogValueAxis;
    a->setBase(10);
    a->setRange(first, last);
    a->setLabelFormat("%g");
    a->setMinorTickCount(8);
    a->setTitleText(title);
    return a;
}

QAbstractAxis* dataAxis(bool log, double lo, double hi, const QString& title, bool includeZero)
{
    if (log && lo > 0 && hi > 0)
        return decadeLogAxis(lo, hi, title);
    return niceValueAxis(lo, hi, title, includeZero);
}

} // namespace kh::ui
