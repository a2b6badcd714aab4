#pragma once
// Axes a reader can read: ticks at round values (steps of 1, 2 or 5 times a power of ten, the
// range widened to whole steps), labels with just the decimals the step needs, and log axes that
// always reach whole decades (so even data within one decade has labelled ticks, with the minor
// ticks at 2…9 between them).
#include <QString>

class QAbstractAxis;
class QValueAxis;

namespace kh::ui {

struct TickScale {
    double lo = 0, hi = 1;   // whole multiples of step
    double step = 1;         // 1, 2 or 5 × 10^k
    int decimals = 0;        // what a label needs to show the step
};

// The roundest scale with at most maxTicks intervals that covers [lo, hi].
TickScale niceTicks(double lo, double hi, int maxTicks = 6);

// A linear axis over [lo, hi] with round ticks (includeZero extends it to 0, for bars).
QValueAxis* niceValueAxis(double lo, double hi, const QString& title, bool includeZero = false);
// A log axis (lo > 0) from the decade at or below lo to the decade at or above hi.
QAbstractAxis* decadeLogAxis(double lo, double hi, const QString& title);
// Either of the two: a log axis where log is asked for and lo > 0, else a linear one.
QAbstractAxis* dataAxis(bool log, double lo, double hi, const QString& title, bool includeZero = false);

} // namespace kh::ui
