#include "CircuitErrorsPage.h"

#include "QuantityField.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace kh::ui {

CircuitErrorsPage::CircuitErrorsPage(QWidget* parent) : DesignPage(parent)
{
    irDrop_ = new QCheckBox(tr("solve every read as a resistive network"));
    rowWire_ = textEditor("noise.ir_drop.row_wire_ohm", tr("Row wire per cell"));
    colWire_ = textEditor("noise.ir_drop.col_wire_ohm", tr("Column wire per cell"));
    driver_ = numberEditor("noise.ir_drop.driver_ohm", tr("Driver resistance"));
    sense_ = numberEditor("noise.ir_drop.sense_ohm", tr("Sense resistance"));
    offset_ = numberEditor("noise.adc_errors.offset_sigma_lsb", tr("Comparator offset"));
    noise_ = numberEditor("noise.adc_errors.noise_sigma_lsb", tr("Comparator noise"));
    gain_ = numberEditor("noise.adc_errors.gain_sigma", tr("Column gain error"));
    columnOffset_ = numberEditor("noise.adc_errors.column_offset_sigma_lsb", tr("Column offset"));
    capMismatch_ = numberEditor("noise.adc_errors.cap_mismatch_sigma", tr("SAR capacitor mismatch"));
    inl_ = numberEditor("noise.adc_errors.inl_lsb", tr("INL at mid-scale"));

    auto* form = new QFormLayout(this);
    auto* irTitle = new QLabel(tr("<b>IR drop</b>"));
    form->addRow(irTitle);
    form->addRow(tr("IR drop"), irDrop_);
    form->addRow(tr("Row wire per cell (Ω)"), rowWire_);
    form->addRow(tr("Column wire per cell (Ω)"), colWire_);
    form->addRow(tr("Driver resistance"), driver_);
    form->addRow(tr("Sense resistance"), sense_);
    form->addRow(new QLabel(tr("<b>ADC circuit errors</b> (σ, in LSB unless relative)")));
    form->addRow(tr("Comparator offset (per ADC)"), offset_);
    form->addRow(tr("Comparator noise (per conversion)"), noise_);
    form->addRow(tr("Column gain error (relative)"), gain_);
    form->addRow(tr("Column offset"), columnOffset_);
    form->addRow(tr("SAR capacitor mismatch (relative)"), capMismatch_);
    form->addRow(tr("INL at mid-scale"), inl_);
    form->addRow(status_);
    bindField("noise.ir_drop.enabled", irDrop_);
    connect(irDrop_, &QCheckBox::toggled, this, [this](bool on) {
        if (!updating())
            proposeField("noise.ir_drop.enabled", on, tr("IR drop"));
    });
}

void CircuitErrorsPage::fill(const DesignPoint& dp)
{
    fillEditors(dp);
    irDrop_->setChecked(dp.noise.ir_drop.enabled);
    for (QWidget* w : std::initializer_list<QWidget*>{rowWire_, colWire_, driver_, sense_})
        w->setEnabled(dp.noise.ir_drop.enabled);
}

} // namespace kh::ui
