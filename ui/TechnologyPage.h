#pragma once
// Technology and chip: process node (130 nm → 1 nm), supply (nominal or set), temperature,
// interconnect, pipelining, the weight-duplication cap and the clock.
#include "DesignPage.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace kh::ui {

class TechnologyPage : public DesignPage {
    Q_OBJECT
public:
    explicit TechnologyPage(QWidget* parent = nullptr);
    QComboBox* nodeBox() const { return node_; }

protected:
    void fill(const DesignPoint& dp) override;

private:
    QComboBox* node_;
    QCheckBox* vddNominal_;
    QDoubleSpinBox* vdd_;
    QDoubleSpinBox* temperature_;
    QComboBox* interconnect_;
    QCheckBox* pipeline_;
    QSpinBox* speedup_;
    QCheckBox* clockAuto_;
    QDoubleSpinBox* clock_;
};

} // namespace kh::ui
