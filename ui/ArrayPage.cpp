#include "ArrayPage.h"

#include "FormWidgets.h"

#include <QFormLayout>
#include <QLabel>

namespace kh::ui {

ArrayPage::ArrayPage(QWidget* parent) : DesignPage(parent)
{
    rows_ = intSpin(2, 4096);
    cols_ = intSpin(2, 4096);
    parallelRows_ = intSpin(1, 4096);
    colsPerAdc_ = intSpin(1, 4096);
    weightBits_ = intSpin(1, 16);
    inputBits_ = intSpin(1, 16);
    dacBits_ = intSpin(1, 16);
    adcBits_ = intSpin(1, 16);
    adcMode_ = enumBox(names::adcModes());
    adcType_ = enumBox(names::adcTypes());
    conv_ = enumBox(names::convMappings());
    weightEnc_ = enumBox(names::weightEncodings());
    inputEnc_ = enumBox(names::inputEncodings());
    lossless_ = new QLabel;
    lossless_->setObjectName("losslessLabel");
    lossless_->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Array rows"), rows_);
    form->addRow(tr("Array columns"), cols_);
    form->addRow(tr("Rows read in parallel"), parallelRows_);
    form->addRow(tr("Columns per ADC"), colsPerAdc_);
    form->addRow(tr("Weight bits"), weightBits_);
    form->addRow(tr("Input bits"), inputBits_);
    form->addRow(tr("DAC bits"), dacBits_);
    form->addRow(tr("ADC bits"), adcBits_);
    form->addRow(tr("Lossless ADC"), lossless_);
    form->addRow(tr("ADC mode"), adcMode_);
    form->addRow(tr("ADC type"), adcType_);
    form->addRow(tr("Conv mapping"), conv_);
    form->addRow(tr("Weight encoding"), weightEnc_);
    form->addRow(tr("Input encoding"), inputEnc_);
    form->addRow(status_);

    bindField("array.rows", rows_);
    bindField("array.cols", cols_);
    bindField("array.parallel_rows", parallelRows_);
    bindField("array.cols_per_adc", colsPerAdc_);
    bindField("precision.weight_bits", weightBits_);
    bindField("precision.input_bits", inputBits_);
    bindField("precision.dac_bits", dacBits_);
    bindField("precision.adc_bits", adcBits_);
    bindField("precision.adc_mode", adcMode_);
    bindField("precision.adc_type", adcType_);
    bindField("mapping.conv", conv_);
    bindField("mapping.weight_encoding", weightEnc_);
    bindField("mapping.input_encoding", inputEnc_);
    bindField("device.cell_bits", weightBits_);   // cell bits <= weight bits is decided here

    const std::pair<QSpinBox*, QString> spins[] = {
        {rows_, tr("Array rows")},          {cols_, tr("Array columns")},   {parallelRows_, tr("Parallel rows")},
        {colsPerAdc_, tr("Columns per ADC")}, {weightBits_, tr("Weight bits")}, {inputBits_, tr("Input bits")},
        {dacBits_, tr("DAC bits")},           {adcBits_, tr("ADC bits")}};
    for (const auto& [spin, label] : spins)
        connect(spin, &QSpinBox::valueChanged, this, [this, label = label] { read(label); });
    const std::pair<QComboBox*, QString> boxes[] = {{adcMode_, tr("ADC mode")},      {adcType_, tr("ADC type")},
                                                    {conv_, tr("Conv mapping")},      {weightEnc_, tr("Weight encoding")},
                                                    {inputEnc_, tr("Input encoding")}};
    for (const auto& [box, label] : boxes)
        connect(box, &QComboBox::currentIndexChanged, this, [this, label = label] { read(label); });
}

void ArrayPage::fill(const DesignPoint& dp)
{
    rows_->setValue(dp.array.rows);
    cols_->setValue(dp.array.cols);
    parallelRows_->setValue(dp.array.parallel_rows);
    colsPerAdc_->setValue(dp.array.cols_per_adc);
    weightBits_->setValue(dp.precision.weight_bits);
    inputBits_->setValue(dp.precision.input_bits);
    dacBits_->setValue(dp.precision.dac_bits);
    adcBits_->setValue(dp.precision.adc_bits);
    selectEnum(adcMode_, dp.precision.adc_mode);
    selectEnum(adcType_, dp.precision.adc_type);
    selectEnum(conv_, dp.mapping.conv);
    selectEnum(weightEnc_, dp.mapping.weight_encoding);
    selectEnum(inputEnc_, dp.mapping.input_encoding);
    showLossless(dp);
}

void ArrayPage::showLossless(const DesignPoint& dp)
{
    const int lossless = losslessAdcBits(dp);
    const QString verdict = dp.precision.adc_bits >= lossless ? tr("lossless")
                                                              : tr("%1 bit(s) below lossless").arg(lossless - dp.precision.adc_bits);
    lossless_->setText(tr("%1 bits for partial sums up to %2 — now %3").arg(lossless).arg(maxPartialSum(dp)).arg(verdict));
}

void ArrayPage::read(const QString& label)
{
    if (updating())
        return;
    DesignPoint next = shown();
    next.array.rows = rows_->value();
    next.array.cols = cols_->value();
    next.array.parallel_rows = parallelRows_->value();
    next.array.cols_per_adc = colsPerAdc_->value();
    next.precision.weight_bits = weightBits_->value();
    next.precision.input_bits = inputBits_->value();
    next.precision.dac_bits = dacBits_->value();
    next.precision.adc_bits = adcBits_->value();
    next.precision.adc_mode = enumValue<AdcMode>(adcMode_);
    next.precision.adc_type = enumValue<AdcType>(adcType_);
    next.mapping.conv = enumValue<ConvMapping>(conv_);
    next.mapping.weight_encoding = enumValue<WeightEncoding>(weightEnc_);
    next.mapping.input_encoding = enumValue<InputEncoding>(inputEnc_);
    showLossless(next);   // live, even while the point is still invalid
    propose(next, label);
}

} // namespace kh::ui
