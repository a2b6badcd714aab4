#pragma once
// Circuit errors: IR drop of the arrays' wires (on/off, wire resistance per cell, empty for the
// node's wire; driver and sense resistance) and the column ADCs' circuit errors (offsets, noise,
// gain, SAR capacitor mismatch, INL). Every editor is bound to its design-point key, so a refusal
// (IR drop in circuit mode, mismatch without a SAR) is marked at the field that caused it.
#include "DesignPage.h"

class QCheckBox;
class QLineEdit;

namespace kh::ui {

class QuantityField;

class CircuitErrorsPage : public DesignPage {
    Q_OBJECT
public:
    explicit CircuitErrorsPage(QWidget* parent = nullptr);

    QCheckBox* irDropBox() const { return irDrop_; }
    QLineEdit* rowWireEdit() const { return rowWire_; }
    QuantityField* capMismatchBox() const { return capMismatch_; }
    QuantityField* offsetBox() const { return offset_; }

protected:
    void fill(const DesignPoint& dp) override;

private:
    QCheckBox* irDrop_;
    QLineEdit* rowWire_;
    QLineEdit* colWire_;
    QuantityField* driver_;
    QuantityField* sense_;
    QuantityField* offset_;
    QuantityField* noise_;
    QuantityField* gain_;
    QuantityField* columnOffset_;
    QuantityField* capMismatch_;
    QuantityField* inl_;
};

} // namespace kh::ui
