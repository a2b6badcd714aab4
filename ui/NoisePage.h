#pragma once
// Noise: the mode (none / device / circuit), device-to-device spread from mem_states, read noise,
// stuck-at rates, drift (direction, time, exponent, target), the PCM model with its
// conductance-against-time plot and drift compensation, and the circuit mode's output_noise
// table (editable, imported/exported as CSV) or one σ, with its confusion-matrix view.
#include "DesignPage.h"

class QCheckBox;
class QComboBox;
class QTableWidget;

namespace kh::ui {

class QuantityField;
class QuantityDelegate;

class ConfusionMatrixView;
class ConductanceTimePlot;

class NoisePage : public DesignPage {
    Q_OBJECT
public:
    explicit NoisePage(QWidget* parent = nullptr);
    bool importOutputNoise(const QString& path);
    bool exportOutputNoise(const QString& path);

    QComboBox* modeBox() const { return mode_; }
    QuantityField* safMaxBox() const { return safMax_; }
    QuantityField* safMinBox() const { return safMin_; }
    QTableWidget* outputNoiseTable() const { return outputTable_; }
    ConfusionMatrixView* confusionView() const { return confusion_; }
    QCheckBox* pcmBox() const { return pcm_; }
    ConductanceTimePlot* pcmPlot() const { return pcmPlot_; }

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
    QuantityField* readNoise_;
    QuantityField* safMin_;
    QuantityField* safMax_;
    QComboBox* driftMode_;
    QuantityField* driftT_;
    QuantityField* driftNu_;
    QuantityField* driftTarget_;
    QuantityField* relaxation_;
    QuantityField* relaxationTau_;
    QuantityField* onTcr_;            // conductance against technology.temperature_k
    QuantityField* offActivation_;
    QCheckBox* pcm_;
    QuantityField* pcmTime_;
    QuantityField* pcmProgramming_;
    QuantityField* pcmDrift_;
    QuantityField* pcmRead_;
    QComboBox* compensation_;
    ConductanceTimePlot* pcmPlot_;
    QTableWidget* outputTable_;
    QuantityDelegate* cells_;
    QuantityField* outputSigma_;
    ConfusionMatrixView* confusion_;
    bool filling_ = false;
};

} // namespace kh::ui
