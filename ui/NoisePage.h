#pragma once
// Noise: the mode (none / device / circuit), device-to-device spread from mem_states, read noise,
// stuck-at rates, drift (direction, time, exponent, target), and the circuit mode's output_noise
// table (editable, imported/exported as CSV) or one σ, with its confusion-matrix view.
#include "DesignPage.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QTableWidget;

namespace kh::ui {

class ConfusionMatrixView;

class NoisePage : public DesignPage {
    Q_OBJECT
public:
    explicit NoisePage(QWidget* parent = nullptr);
    bool importOutputNoise(const QString& path);
    bool exportOutputNoise(const QString& path);

    QComboBox* modeBox() const { return mode_; }
    QDoubleSpinBox* safMaxBox() const { return safMax_; }
    QTableWidget* outputNoiseTable() const { return outputTable_; }
    ConfusionMatrixView* confusionView() const { return confusion_; }

signals:
    void errorShown(const QString& message);

protected:
    void fill(const DesignPoint& dp) override;
    void adjust(DesignPoint& next, const std::string& key) override;

private:
    void readTable(const QString& label);
    bool tableRows(std::vector<OutputNoiseLevel>& out, QString* error) const;
    void fillOutputTable(const std::vector<OutputNoiseLevel>& rows);
    QComboBox* mode_;
    QCheckBox* d2d_;
    QDoubleSpinBox* readNoise_;
    QDoubleSpinBox* safMin_;
    QDoubleSpinBox* safMax_;
    QComboBox* driftMode_;
    QDoubleSpinBox* driftT_;
    QDoubleSpinBox* driftNu_;
    QDoubleSpinBox* driftTarget_;
    QTableWidget* outputTable_;
    QDoubleSpinBox* outputSigma_;
    ConfusionMatrixView* confusion_;
    bool filling_ = false;
};

} // namespace kh::ui
