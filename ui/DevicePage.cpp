#include "DevicePage.h"

#include "MemStatesEditor.h"
#include "MemStatesPlot.h"
#include "QuantityField.h"

#include "cim/CellProgramming.h"
#include "common/InputError.h"
#include "common/QuantityText.h"
#include "spec/EnumNames.h"

#include <QComboBox>
#include <QStandardItemModel>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

#include <cmath>

namespace kh::ui {

namespace {
// How far the table's outer states may sit from 1/R_on and 1/(R_on·ratio) before the page says
// so: 10 %, above the spread of typical programmed RRAM states (assumption, a display threshold).
constexpr double kStatesAgree = 0.10;
} // namespace

DevicePage::DevicePage(QWidget* parent) : DesignPage(parent)
{
    type_ = enumEditor("device.type", tr("Device type"));
    rOn_ = numberEditor("device.r_on_ohm", tr("R on"));
    onOff_ = numberEditor("device.on_off_ratio", tr("On/off ratio"));
    cellBits_ = intEditor("device.cell_bits", tr("Bits per cell"));
    readV_ = numberEditor("device.read_voltage_v", tr("Read voltage"));
    cellArea_ = numberEditor("device.cell_area_f2", tr("Cell area"));
    access_ = enumEditor("device.access", tr("Access device"));
    states_ = new MemStatesEditor;
    plot_ = new MemStatesPlot;
    derive_ = new QPushButton(tr("Use evenly spaced states"));
    derive_->setToolTip(tr("Drop the table: states evenly spaced between G_off and G_on, no spread"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("Device"), type_);
    form->addRow(tr("R on"), rOn_);
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
    note_ = new QLabel;
    note_->setObjectName("statesNote");
    note_->setWordWrap(true);
    note_->setStyleSheet("color: #8a5a00");
    form->addRow(note_);
    bindField("device.mem_states", states_->table());

    connect(states_, &MemStatesEditor::edited, this, &DevicePage::readStates);
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
    fillEditors(dp);
    // Only the fields that describe this technology are editable; access structures it is not
    // built with are greyed in the list.
    const DeviceType type = dp.device.type;
    onOff_->setEnabled(deviceFieldApplies(type, "device.on_off_ratio"));
    cellBits_->setEnabled(deviceFieldApplies(type, "device.cell_bits"));
    states_->setEnabled(deviceFieldApplies(type, "device.mem_states"));
    if (auto* model = qobject_cast<QStandardItemModel*>(access_->model()))
        for (int i = 0; i < access_->count(); ++i)
            for (const auto& [name, access] : names::accessTypes())
                if (access_->itemText(i) == name)
                    model->item(i)->setEnabled(accessFits(type, access));
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
    // A measured table and R_on / on-off ratio describe the same cell; say so when they disagree,
    // since the simulator reads the table and the PPA estimate R_on and the ratio.
    const bool measured = !dp.device.mem_states.empty() || !dp.device.mem_states_path.empty();
    note_->clear();
    if (measured && s.size() >= 2 && type != DeviceType::nvCap) {
        const double gOn = 1.0 / dp.device.r_on_ohm, gOff = gOn / dp.device.on_off_ratio;
        const double onError = s.back().g_mean_s / gOn - 1, offError = s.front().g_mean_s / gOff - 1;
        if (std::fabs(onError) > kStatesAgree || std::fabs(offError) > kStatesAgree)
            note_->setText(tr("Note: the mem_states table spans %1 … %2, R_on and the on/off ratio give %3 … %4. "
                                "Accuracy uses the table, PPA uses R_on and the ratio.")
                                 .arg(QString::fromStdString(formatQuantity(s.front().g_mean_s, "S", 3)),
                                      QString::fromStdString(formatQuantity(s.back().g_mean_s, "S", 3)),
                                      QString::fromStdString(formatQuantity(gOff, "S", 3)),
                                      QString::fromStdString(formatQuantity(gOn, "S", 3))));
    }
}

void DevicePage::readStates()
{
    if (updating())
        return;
    DesignPoint next = shown();
    std::vector<MemState> s;
    QString error;
    if (!states_->states(s, &error)) {
        markInvalid(states_->table(), error);
        return;
    }
    next.device.mem_states = s;
    next.device.mem_states_path.clear();
    propose(next, tr("mem_states"), "device.mem_states");
}

void DevicePage::adjust(DesignPoint& next, const std::string& key)
{
    // A new technology brings its own access structure and, for SRAM, one bit per cell.
    if (key == "device.type") {
        if (!accessFits(next.device.type, next.device.access))
            next.device.access = usualAccess(next.device.type);
        if (!deviceFieldApplies(next.device.type, "device.cell_bits")) {
            next.device.cell_bits = 1;
            next.device.mem_states.clear();
            next.device.mem_states_path.clear();
        }
    }
    // A measured table for another cell resolution no longer applies: fall back to even spacing.
    if (key == "device.cell_bits" && !next.device.mem_states.empty() && next.device.mem_states.size() != (size_t(1) << next.device.cell_bits)) {
        next.device.mem_states.clear();
        next.device.mem_states_path.clear();
    }
}

} // namespace kh::ui
