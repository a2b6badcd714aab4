#pragma once
// The main knobs of a design point: technology node, device, array size, cell/ADC bits, parallel
// rows, ADC type and mapping. Holds the full DesignPoint (from a preset or file) and overrides only
// what the widgets show. Emits designChanged only for points that pass validation.
#include "spec/DesignPoint.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace kh::ui {

class DesignKnobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DesignKnobsPanel(QWidget* parent = nullptr);
    void setDesign(const DesignPoint& dp);
    const DesignPoint& design() const { return dp_; }

    // Widgets exposed for tests and keyboard-driven automation.
    QComboBox* nodeBox() const { return node_; }
    QSpinBox* adcBitsBox() const { return adcBits_; }
    QSpinBox* parallelRowsBox() const { return parallelRows_; }
    QSpinBox* cellBitsBox() const { return cellBits_; }
    QComboBox* rowsBox() const { return rows_; }
    QLabel* statusLabel() const { return status_; }

signals:
    void designChanged(const kh::DesignPoint& dp);

private:
    void readWidgets();
    void writeWidgets();
    QComboBox* node_;
    QComboBox* deviceType_;
    QDoubleSpinBox* ronKohm_;
    QDoubleSpinBox* onOff_;
    QComboBox* rows_;
    QComboBox* cols_;
    QSpinBox* cellBits_;
    QSpinBox* adcBits_;
    QSpinBox* parallelRows_;
    QSpinBox* colsPerAdc_;
    QComboBox* adcType_;
    QComboBox* mapping_;
    QLabel* lossless_;
    QLabel* status_;
    DesignPoint dp_;
    bool updating_ = false;
};

} // namespace kh::ui
