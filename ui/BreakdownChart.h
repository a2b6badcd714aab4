#pragma once
// A bar chart of one Breakdown (area in mm², energy in J with the SI prefix that suits the largest
// bar: 854 pJ, not 0.000854 µJ), one bar per category, on an axis with round ticks.
#include "ppa/PpaReport.h"

#include <QChartView>

class QBarSeries;
class QBarSet;
class QBarCategoryAxis;
class QValueAxis;

namespace kh::ui {

class BreakdownChart : public QChartView {
    Q_OBJECT
public:
    // toUnit converts the breakdown's numbers into 'unit' (1e-12 for pJ in J). A unit that takes SI
    // prefixes (J, W, s) is shown with the prefix of the largest bar.
    BreakdownChart(const QString& title, const std::string& unit, double toUnit, QWidget* parent = nullptr);
    void setBreakdown(const Breakdown& b);
    // The bars as shown, in shownUnit().
    QList<qreal> values() const;
    QString shownUnit() const { return shownUnit_; }
    static QStringList categories();

private:
    QBarSet* set_;
    QValueAxis* axis_ = nullptr;
    QChart* chart_;
    QBarSeries* series_;
    std::string unit_;
    double toUnit_;
    QString shownUnit_;
};

} // namespace kh::ui
