#pragma once
// Noise: the mode (none / device / circuit), stuck-at rates, drift, read noise, the device's
// mem_states table (editable, imported and exported in NeuroSim's CSV layout) and the circuit
// mode's output_noise file. Edits that would make the design point invalid are refused at the field.
#include "spec/DesignPoint.h"

#include <QGroupBox>

#include <functional>
#include <string>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace kh::ui {

class NoisePanel : public QGroupBox {
    Q_OBJECT
public:
    explicit NoisePanel(QWidget* parent = nullptr);
    // Shows the noise settings and mem_states of dp (without emitting).
    void setDesign(const DesignPoint& dp);
    // Writes the panel's settings into dp; false (and the reason in the status line) if invalid.
    bool apply(DesignPoint& dp) const;
    bool importMemStates(const QString& path);
    bool exportMemStates(const QString& path) const;
    bool importOutputNoise(const QString& path);
    bool exportOutputNoise(const QString& path) const;

    QComboBox* modeBox() const { return mode_; }
    QTableWidget* statesTable() const { return states_; }
    QTableWidget* outputNoiseTable() const { return outputTable_; }
    QLabel* statusLabel() const { return status_; }

signals:
    void changed();
    void errorShown(const QString& message);

private:
    std::vector<MemState> tableStates(QString* error) const;
    std::vector<OutputNoiseLevel> tableOutputNoise(QString* error) const;
    void fillTable(const std::vector<MemState>& states);
    void fillOutputTable(const std::vector<OutputNoiseLevel>& rows);
    // Reads a file and fills a table (signals off); on failure shows the error and changes nothing.
    bool importInto(const std::function<void()>& readAndFill);
    // Writes 'format()' to path unless the table is invalid (tableError) or the write fails.
    bool exportFrom(const QString& path, const QString& tableError, const std::function<std::string()>& format) const;
    QComboBox* mode_;
    QDoubleSpinBox* readNoise_;
    QDoubleSpinBox* safMin_;
    QDoubleSpinBox* safMax_;
    QComboBox* driftMode_;
    QDoubleSpinBox* driftT_;
    QDoubleSpinBox* driftNu_;
    QTableWidget* states_;
    QTableWidget* outputTable_;
    QDoubleSpinBox* outputSigma_;
    QLabel* status_;
    bool updating_ = false;
};

} // namespace kh::ui
