#pragma once
// The time a run still needs, from its elapsed time and the share done (a steady rate), as text
// for a progress bar: "2 min 10 s left". Nothing is promised before 2 % or 1 s, when the rate
// says little yet.
#include <QElapsedTimer>
#include <QString>

class QProgressBar;

namespace kh::ui {

class RemainingTime {
public:
    void start() { clock_.start(); }
    // "" while no estimate is meaningful.
    QString text(double fractionDone) const;
    // Shows a run's progress on a bar: what it does, the percentage and the time left.
    void show(QProgressBar* bar, double fractionDone, const QString& what) const;
    // Seconds as a person reads them: "45 s", "3 min 05 s", "1 h 02 min".
    static QString duration(double seconds);

private:
    QElapsedTimer clock_;
};

} // namespace kh::ui
