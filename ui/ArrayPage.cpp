#include "ArrayPage.h"

#include "QuantityField.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QLabel>

namespace kh::ui {

ArrayPage::ArrayPage(QWidget* parent) : DesignPage(parent)
{
    rows_ = intEditor("array.rows", tr("Array rows"));
    cols_ = intEditor("array.cols", tr("Array columns"));
    parallelRows_ = intEditor("array.parallel_rows", tr("Parallel rows"));
    colsPerAdc_ = intEditor("array.cols_per_adc", tr("Columns per ADC"));
    weightBits_ = intEditor("precision.weight_bits", tr("Weight bits"));
    inputBits_ = intEditor("precision.input_bits", tr("Input bits"));
    dacBits_ = intEditor("precision.dac_bits", tr("DAC bits"));
    adcBits_ = intEditor("precision.adc_bits", tr("ADC bits"));
    adcMode_ = enumEditor("precision.adc_mode", tr("ADC mode"));
    adcType_ = enumEditor("precision.adc_type", tr("ADC type"));
    readout_ = enumEditor("array.readout", tr("Readout"));
    adcRange_ = enumEditor("precision.adc_range", tr("ADC range"));
    adcPercentile_ = numberEditor("precision.adc_range_percentile", tr("ADC range percentile"));
    conv_ = enumEditor("mapping.conv", tr("Conv mapping"));
    weightEnc_ = enumEditor("mapping.weight_encoding", tr("Weight encoding"));
    inputEnc_ = enumEditor("mapping.input_encoding", tr("Input encoding"));
    lossless_ = new QLabel;
    lossless_->setObjectName("losslessLabel");
    lossless_->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Array rows"), rows_);
    form->addRow(tr("Array columns"), cols_);
    form->addRow(tr("Rows read in parallel"), parallelRows_);
    form->addRow(tr("Columns per ADC"), colsPerAdc_);
    form->addRow(tr("Readout"), readout_);
    form->addRow(tr("Weight bits"), weightBits_);
    form->addRow(tr("Input bits"), inputBits_);
    form->addRow(tr("DAC bits"), dacBits_);
    form->addRow(tr("ADC bits"), adcBits_);
    form->addRow(tr("Lossless ADC"), lossless_);
    form->addRow(tr("ADC mode"), adcMode_);
    form->addRow(tr("ADC type"), adcType_);
    form->addRow(tr("ADC range (linear mode)"), adcRange_);
    form->addRow(tr("Range percentile"), adcPercentile_);
    form->addRow(tr("Conv mapping"), conv_);
    form->addRow(tr("Weight encoding"), weightEnc_);
    form->addRow(tr("Input encoding"), inputEnc_);
    form->addRow(status_);

    bindField("device.cell_bits", weightBits_);   // cell bits <= weight bits is decided here
}

void ArrayPage::fill(const DesignPoint& dp)
{
    fillEditors(dp);
    adcRange_->setEnabled(dp.precision.adc_mode == AdcMode::Linear);
    adcPercentile_->setEnabled(dp.precision.adc_range == AdcRange::Percentile);
    showLossless(dp);
}

void ArrayPage::adjust(DesignPoint& next, const std::string& key)
{
    if (key == "precision.adc_mode" && next.precision.adc_mode != AdcMode::Linear)
        next.precision.adc_range = AdcRange::Full;
}

// From the document's (valid) point only: a value the validation refused is not a design.
void ArrayPage::showLossless(const DesignPoint& dp)
{
    const int lossless = losslessAdcBits(dp);
    const QString verdict = dp.precision.adc_bits >= lossless ? tr("lossless")
                                                              : tr("%1 bit(s) below lossless").arg(lossless - dp.precision.adc_bits);
    lossless_->setText(tr("%1 bits for partial sums up to %2 — now %3").arg(lossless).arg(maxPartialSum(dp)).arg(verdict));
}


} // namespace kh::ui
