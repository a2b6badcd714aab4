#pragma once
// Device: type, R_on, on/off ratio, bits per cell, read voltage, cell area, access device, and the
// mem_states table (editable, pasted, imported/exported as NeuroSim's CSV) with a plot of the
// states and their spread. Without a table the states are spaced evenly between G_off and G_on.
#include "DesignPage.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace kh::ui {

class QuantityField;

class MemStatesEditor;
class MemStatesPlot;

class DevicePage : public DesignPage {
    Q_OBJECT
public:
    explicit DevicePage(QWidget* parent = nullptr);
    MemStatesEditor* statesEditor() const { return states_; }
    MemStatesPlot* statesPlot() const { return plot_; }
    QSpinBox* cellBitsBox() const { return cellBits_; }
    QComboBox* typeBox() const { return type_; }
    QComboBox* accessBox() const { return access_; }
    QLabel* statesNote() const { return note_; }
    QuantityField* readVoltageBox() const { return readV_; }
    QuantityField* rOnBox() const { return rOn_; }

signals:
    void errorShown(const QString& message);

protected:
    void fill(const DesignPoint& dp) override;
    void adjust(DesignPoint& next, const std::string& key) override;

private:
    void readStates();
    QComboBox* type_;
    QuantityField* rOn_;
    QuantityField* onOff_;
    QSpinBox* cellBits_;
    QuantityField* readV_;
    QuantityField* cellArea_;
    QComboBox* access_;
    MemStatesEditor* states_;
    MemStatesPlot* plot_;
    QPushButton* derive_;
    QLabel* note_;   // information, not an error: the table and R_on disagree
};

} // namespace kh::ui
