#pragma once
// "Learn": one 8×8 crossbar for a class. Input voltages (first column) and conductances are
// editable; a right click makes a cell stuck at G_min or G_max. The chart shows, column by column,
// the ideal current Σ V·G (Kirchhoff's sum of Ohm's-law cell currents), the current with the chosen
// non-idealities, and what the ADC reports, with its full scale (clipping) marked; with wire
// resistance, a map of the voltage each cell still sees (IR drop). All arithmetic
// is the core's runTeachingCrossbar; this view only edits and draws.
#include "cim/TeachingCrossbar.h"

#include <QColor>
#include <QWidget>

class QChartView;
class QLabel;
class QSpinBox;
class QTableWidget;
class QTableWidgetItem;

namespace kh::ui {

class QuantityField;
class CellVoltageMap;

class LearnView : public QWidget {
    Q_OBJECT
public:
    explicit LearnView(QWidget* parent = nullptr);
    void setStuck(int row, int col, StuckState s);
    void recompute();

    QTableWidget* table() const { return table_; }
    QSpinBox* adcBitsBox() const { return adcBits_; }
    QuantityField* variationBox() const { return variation_; }
    QuantityField* driftTimeBox() const { return driftT_; }
    QuantityField* wireBox() const { return wire_; }
    CellVoltageMap* voltageMap() const { return map_; }
    QChartView* chartView() const { return chart_; }
    const TeachingCrossbarResult& result() const { return result_; }
    QLabel* explanation() const { return explain_; }

private:
    static QColor stuckColour(StuckState s);
    // The table and controls as the core's input; false (the cell marked, the reason in the
    // explanation) when a cell is not a number.
    bool input(TeachingCrossbarInput& in);
    void drawChart();
    QTableWidget* table_;
    QSpinBox* adcBits_;
    QuantityField* fullScale_;
    QuantityField* gMin_;
    QuantityField* gMax_;
    QuantityField* variation_;
    QuantityField* driftT_;
    QuantityField* driftNu_;
    QuantityField* wire_;
    CellVoltageMap* map_;
    QSpinBox* seed_;
    QChartView* chart_;
    QLabel* explain_;
    std::vector<StuckState> stuck_;
    TeachingCrossbarResult result_;
    bool filling_ = false;
    QTableWidgetItem* badCell_ = nullptr;
};

} // namespace kh::ui
