#include "DevicePage.h"

#include "FormWidgets.h"
#include "MemStatesEditor.h"
#include "MemStatesPlot.h"

#include "cim/CellProgramming.h"
#include "common/InputError.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

namespace kh::ui {

DevicePage::DevicePage(QWidget* parent) : DesignPage(parent)
{
    type_ = enumBox(names::deviceTypes());
    ronKohm_ = realSpin(0.001, 1e6, 3, 1, " kΩ");
    onOff_ = realSpin(1.0, 1e9, 1, 1);
    cellBits_ = intSpin(1, 8);
    readV_ = realSpin(0.01, 5, 3, 0.05, " V");
    cellArea_ = realSpin(1, 10000, 1, 1, " F²");
    access_ = enumBox(names::accessTypes());
    states_ = new MemStatesEditor;
    plot_ = new MemStatesPlot;
    derive_ = new QPushButton(tr("Use evenly spaced states"));
    derive_->setToolTip(tr("Drop the table: states evenly spaced between G_off and G_on, no spread"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("Device"), type_);
    form->addRow(tr("R on"), ronKohm_);
    form->addRow(tr("On/off ratio"), onOff_);
    form->addRow(tr("Bits per cell"), cellBits_);
    form->addRow(tr("Read voltage"), readV_);
    form->addRow(tr("Cell area"), cellArea_);
    form->addRow(tr("Access"), access_);
    form->addRow(new QLabel(tr("mem_states (lowest first)")));
    form->addRow(states_);
    form->addRow(derive_);
    form->addRow(plot_);
    form->addRow(status_);
    bindField("device.type", type_);
    bindField("device.r_on_ohm", ronKohm_);
    bindField("device.on_off_ratio", onOff_);
    bindField("device.cell_bits", cellBits_);
    bindField("device.read_voltage_v", readV_);
    bindField("device.cell_area_f2", cellArea_);
    bindField("device.access", access_);
    bindField("device.mem_states", states_->table());

    connect(type_, &QComboBox::currentIndexChanged, this, [this] { read(tr("Device type"), false); });
    connect(access_, &QComboBox::currentIndexChanged, this, [this] { read(tr("Access device"), false); });
    connect(cellBits_, &QSpinBox::valueChanged, this, [this] { read(tr("Bits per cell"), false); });
    const std::pair<QDoubleSpinBox*, QString> spins[] = {
        {ronKohm_, tr("R on")}, {onOff_, tr("On/off ratio")}, {readV_, tr("Read voltage")}, {cellArea_, tr("Cell area")}};
    for (const auto& [spin, label] : spins)
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, label = label] { read(label, false); });
    connect(states_, &MemStatesEditor::edited, this, [this] { read(tr("mem_states"), true); });
    connect(states_, &MemStatesEditor::errorShown, this, &DevicePage::errorShown);
    connect(derive_, &QPushButton::clicked, this, [this] {
        DesignPoint next = shown();
        next.device.mem_states.clear();
        next.device.mem_states_path.clear();
        propose(next, tr("Evenly spaced states"));
    });
}

void DevicePage::fill(const DesignPoint& dp)
{
    selectEnum(type_, dp.device.type);
    ronKohm_->setValue(dp.device.r_on_ohm / 1e3);
    onOff_->setValue(dp.device.on_off_ratio);
    cellBits_->setValue(dp.device.cell_bits);
    readV_->setValue(dp.device.read_voltage_v);
    cellArea_->setValue(dp.device.cell_area_f2);
    selectEnum(access_, dp.device.access);
    // The states the simulator will use: the table, or evenly spaced between G_off and G_on.
    std::vector<MemState> s = dp.device.mem_states;
    try {
        s = cim::deviceStates(dp);
    } catch (const InputError& e) {
        status_->setText(QString::fromStdString(e.what()));   // an unreadable mem_states file
    }
    states_->setStates(s);
    plot_->setStates(s);
    derive_->setEnabled(!dp.device.mem_states.empty());
}

void DevicePage::read(const QString& label, bool fromTable)
{
    if (updating())
        return;
    DesignPoint next = shown();
    next.device.type = enumValue<DeviceType>(type_);
    next.device.r_on_ohm = ronKohm_->value() * 1e3;
    next.device.on_off_ratio = onOff_->value();
    next.device.cell_bits = cellBits_->value();
    next.device.read_voltage_v = readV_->value();
    next.device.cell_area_f2 = cellArea_->value();
    next.device.access = enumValue<AccessType>(access_);
    if (fromTable) {
        std::vector<MemState> s;
        QString error;
        if (!states_->states(s, &error)) {
            markInvalid(states_->table(), error);
            return;
        }
        next.device.mem_states = s;
        next.device.mem_states_path.clear();
    } else if (!next.device.mem_states.empty() && next.device.mem_states.size() != (size_t(1) << next.device.cell_bits)) {
        // A measured table for another cell resolution no longer applies: fall back to even spacing.
        next.device.mem_states.clear();
        next.device.mem_states_path.clear();
    }
    propose(next, label);
}

} // namespace kh::ui
