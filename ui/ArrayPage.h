#pragma once
// Array & precision: array size, rows read in parallel, columns per ADC, weight/input/DAC/ADC bits,
// ADC mode and type, conv mapping and the weight/input encodings. The lossless ADC resolution for
// the current settings is shown live beside the ADC bits.
#include "DesignPage.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace kh::ui {

class QuantityField;

class ArrayPage : public DesignPage {
    Q_OBJECT
public:
    explicit ArrayPage(QWidget* parent = nullptr);

    QSpinBox* rowsBox() const { return rows_; }
    QSpinBox* parallelRowsBox() const { return parallelRows_; }
    QSpinBox* adcBitsBox() const { return adcBits_; }
    QSpinBox* dacBitsBox() const { return dacBits_; }
    QLabel* losslessLabel() const { return lossless_; }
    QComboBox* adcModeBox() const { return adcMode_; }
    QComboBox* adcRangeBox() const { return adcRange_; }

protected:
    void fill(const DesignPoint& dp) override;
    // Leaving the linear ADC mode drops a calibrated range, which only uniform levels have.
    void adjust(DesignPoint& next, const std::string& key) override;

private:
    void showLossless(const DesignPoint& dp);
    QSpinBox *rows_, *cols_, *parallelRows_, *colsPerAdc_;
    QSpinBox *weightBits_, *inputBits_, *dacBits_, *adcBits_;
    QComboBox *adcMode_, *adcType_, *readout_, *adcRange_, *conv_, *weightEnc_, *inputEnc_;
    QuantityField* adcPercentile_;
    QLabel* lossless_;
};

} // namespace kh::ui
