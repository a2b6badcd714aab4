#include "TechnologyPage.h"

#include "FormWidgets.h"

#include "ppa/TechnologyLibrary.h"
#include "spec/DesignFields.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QHBoxLayout>

namespace kh::ui {

TechnologyPage::TechnologyPage(QWidget* parent) : DesignPage(parent)
{
    node_ = new QComboBox;
    for (const TechnologyNode& n : technologyNodes())
        node_->addItem(QString("%1 nm (%2)").arg(n.node_nm).arg(n.device), n.node_nm);
    vddNominal_ = new QCheckBox(tr("nominal"));
    const DesignField& vdd = *findDesignField("technology.vdd_v");
    vdd_ = quantityWidget(vdd.key);
    temperature_ = numberEditor("technology.temperature_k", tr("Temperature"));
    interconnect_ = enumEditor("chip.interconnect", tr("Interconnect"));
    bufferType_ = enumEditor("chip.buffer_type", tr("Buffers"));
    opCount_ = enumEditor("chip.op_count", tr("TOPS counts"));
    pipeline_ = new QCheckBox(tr("layers pipelined"));
    // 0 shows as "auto"; the cap's range is the field table's.
    const DesignField& speedup = *findDesignField("chip.speedup");
    speedup_ = intSpin(0, int(speedup.max));
    speedup_->setSpecialValueText(tr("auto"));
    speedup_->setToolTip(QString::fromStdString(speedup.key + ": " + speedup.description));
    clockAuto_ = new QCheckBox(tr("set by the slowest stage"));
    const DesignField& clock = *findDesignField("chip.clock_ghz");
    clock_ = quantityWidget(clock.key);
    tileBusAuto_ = new QCheckBox(tr("keeps up with the arrays"));
    tileBus_ = quantityWidget("chip.tile_bus_bits");
    tileBus_->setValue(256);   // where the box starts when the user first unchecks "keeps up"

    auto* vddRow = new QHBoxLayout;
    vddRow->addWidget(vddNominal_);
    vddRow->addWidget(vdd_, 1);
    auto* clockRow = new QHBoxLayout;
    clockRow->addWidget(clockAuto_);
    clockRow->addWidget(clock_, 1);
    auto* tileBusRow = new QHBoxLayout;
    tileBusRow->addWidget(tileBusAuto_);
    tileBusRow->addWidget(tileBus_, 1);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Technology node"), node_);
    form->addRow(tr("Supply"), vddRow);
    form->addRow(tr("Temperature"), temperature_);
    form->addRow(tr("Interconnect"), interconnect_);
    form->addRow(tr("Buffers"), bufferType_);
    form->addRow(tr("Pipeline"), pipeline_);
    form->addRow(tr("Duplication cap"), speedup_);
    form->addRow(tr("Clock"), clockRow);
    form->addRow(tr("Tile bus"), tileBusRow);
    form->addRow(tr("TOPS counts"), opCount_);
    form->addRow(status_);
    bindField("technology.node_nm", node_);
    bindField("technology.vdd_v", vdd_);
    bindField("chip.pipeline", pipeline_);
    bindField("chip.speedup", speedup_);
    bindField("chip.clock_ghz", clock_);
    bindField("chip.tile_bus_bits", tileBus_);

    // Every control proposes its own key only (optional numbers: null while the box is checked).
    connect(node_, &QComboBox::currentIndexChanged, this,
            [this] { proposeField("technology.node_nm", node_->currentData().toInt(), tr("Technology node")); });
    auto supply = [this] {
        vdd_->setEnabled(!vddNominal_->isChecked());
        proposeField("technology.vdd_v", vddNominal_->isChecked() ? nlohmann::json(nullptr) : nlohmann::json(vdd_->value()), tr("Supply"));
    };
    connect(vddNominal_, &QCheckBox::toggled, this, supply);
    connect(vdd_, &QuantityField::valueChanged, this, supply);
    connect(pipeline_, &QCheckBox::toggled, this, [this](bool on) { proposeField("chip.pipeline", on, tr("Pipeline")); });
    connect(speedup_, &QSpinBox::valueChanged, this, [this](int v) {
        proposeField("chip.speedup", v == 0 ? nlohmann::json("auto") : nlohmann::json(v), tr("Duplication cap"));
    });
    auto clockEdit = [this] {
        clock_->setEnabled(!clockAuto_->isChecked());
        proposeField("chip.clock_ghz", clockAuto_->isChecked() ? nlohmann::json(nullptr) : nlohmann::json(clock_->value()), tr("Clock"));
    };
    connect(clockAuto_, &QCheckBox::toggled, this, clockEdit);
    connect(clock_, &QuantityField::valueChanged, this, clockEdit);
    auto tileBusEdit = [this] {
        tileBus_->setEnabled(!tileBusAuto_->isChecked());
        proposeField("chip.tile_bus_bits", tileBusAuto_->isChecked() ? nlohmann::json(nullptr) : nlohmann::json(tileBus_->value()),
                     tr("Tile bus"));
    };
    connect(tileBusAuto_, &QCheckBox::toggled, this, tileBusEdit);
    connect(tileBus_, &QuantityField::valueChanged, this, tileBusEdit);
}

void TechnologyPage::fill(const DesignPoint& dp)
{
    node_->setCurrentIndex(std::max(0, node_->findData(dp.technology.node_nm)));
    vddNominal_->setChecked(!dp.technology.vdd_v);
    vdd_->setEnabled(dp.technology.vdd_v.has_value());
    if (dp.technology.vdd_v)
        vdd_->setValue(*dp.technology.vdd_v);
    else
        vdd_->setValue(makeTechnology(dp.technology.node_nm, 0, dp.technology.temperature_k).vdd_v);
    fillEditors(dp);
    pipeline_->setChecked(dp.chip.pipeline);
    speedup_->setValue(dp.chip.speedup);
    clockAuto_->setChecked(!dp.chip.clock_ghz);
    clock_->setEnabled(dp.chip.clock_ghz.has_value());
    if (dp.chip.clock_ghz)
        clock_->setValue(*dp.chip.clock_ghz);
    tileBusAuto_->setChecked(!dp.chip.tile_bus_bits);
    tileBus_->setEnabled(dp.chip.tile_bus_bits.has_value());
    if (dp.chip.tile_bus_bits)
        tileBus_->setValue(*dp.chip.tile_bus_bits);
}

} // namespace kh::ui
