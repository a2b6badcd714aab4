#pragma once
// Technology and chip: process node (130 nm → 1 nm), supply (nominal or set), temperature,
// interconnect, the buffers' circuit, pipelining, the weight-duplication cap, the clock and the tile bus width.
#include "DesignPage.h"

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace kh::ui {

class QuantityField;

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
    QuantityField* vdd_;
    QuantityField* temperature_;
    QComboBox* interconnect_;
    QComboBox* bufferType_;
    QComboBox* opCount_;   // executed MACs or NeuroSim's count
    QCheckBox* pipeline_;
    QSpinBox* speedup_;
    QCheckBox* clockAuto_;
    QuantityField* clock_;
    QCheckBox* tileBusAuto_;
    QuantityField* tileBus_;
};

} // namespace kh::ui
