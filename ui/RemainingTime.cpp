#include "RemainingTime.h"

#include <QCoreApplication>
#include <QProgressBar>

#include <cmath>

namespace kh::ui {

QString RemainingTime::duration(double seconds)
{
    const long long s = std::llround(std::max(0.0, seconds));
    if (s < 60)
        return QCoreApplication::translate("RemainingTime", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("RemainingTime", "%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return QCoreApplication::translate("RemainingTime", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
}

void RemainingTime::show(QProgressBar* bar, double fractionDone, const QString& what) const
{
    bar->setValue(int(fractionDone * (bar->maximum() - bar->minimum())) + bar->minimum());
    const QString left = text(fractionDone);
    bar->setFormat(what + "  %p%" + (left.isEmpty() ? QString() : " · " + left));
}

QString RemainingTime::text(double fractionDone) const
{
    if (!clock_.isValid())
        return {};
    const double elapsed = clock_.elapsed() * 1e-3;
    if (fractionDone < 0.02 || fractionDone >= 1 || elapsed < 1)
        return {};
    return QCoreApplication::translate("RemainingTime", "%1 left").arg(duration(elapsed * (1 - fractionDone) / fractionDone));
}

} // namespace kh::ui
