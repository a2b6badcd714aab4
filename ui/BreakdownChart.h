#pragma once
// A bar chart of one Breakdown (area in mm² or energy in µJ), one bar per category.
#include "ppa/PpaReport.h"

#include <QChartView>

class QBarSet;
class QBarCategoryAxis;
class QValueAxis;

namespace kh::ui {

class BreakdownChart : public QChartView {
    Q_OBJECT
public:
    BreakdownChart(const QString& title, const QString& unit, double scale, QWidget* parent = nullptr);
    // scale converts the breakdown's unit into the displayed one (e.g. 1e-6 for pJ -> µJ).
    void setBreakdown(const Breakdown& b);
    QList<qreal> values() const;
    static QStringList categories();

private:
    QBarSet* set_;
    QValueAxis* axis_;
    double scale_;
};

} // namespace kh::ui
