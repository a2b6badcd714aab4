#include "TechnologyPage.h"

#include "FormWidgets.h"

#include "ppa/TechnologyLibrary.h"

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
    vdd_ = realSpin(0.3, 5.0, 3, 0.05, " V");
    temperature_ = realSpin(200, 450, 1, 5, " K");
    interconnect_ = enumBox(names::interconnects());
    pipeline_ = new QCheckBox(tr("layers pipelined"));
    speedup_ = intSpin(0, 1024);
    speedup_->setSpecialValueText(tr("auto"));
    speedup_->setToolTip(tr("Largest weight duplication for fast layers; auto balances the pipeline"));
    clockAuto_ = new QCheckBox(tr("set by the slowest stage"));
    clock_ = realSpin(0.01, 10, 3, 0.1, " GHz");

    auto* vddRow = new QHBoxLayout;
    vddRow->addWidget(vddNominal_);
    vddRow->addWidget(vdd_, 1);
    auto* clockRow = new QHBoxLayout;
    clockRow->addWidget(clockAuto_);
    clockRow->addWidget(clock_, 1);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Technology node"), node_);
    form->addRow(tr("Supply"), vddRow);
    form->addRow(tr("Temperature"), temperature_);
    form->addRow(tr("Interconnect"), interconnect_);
    form->addRow(tr("Pipeline"), pipeline_);
    form->addRow(tr("Duplication cap"), speedup_);
    form->addRow(tr("Clock"), clockRow);
    form->addRow(status_);
    bindField("technology.node_nm", node_);
    bindField("technology.vdd_v", vdd_);
    bindField("technology.temperature_k", temperature_);
    bindField("chip.interconnect", interconnect_);
    bindField("chip.speedup", speedup_);
    bindField("chip.clock_ghz", clock_);

    connect(node_, &QComboBox::currentIndexChanged, this, [this] { read(tr("Technology node")); });
    connect(interconnect_, &QComboBox::currentIndexChanged, this, [this] { read(tr("Interconnect")); });
    connect(vddNominal_, &QCheckBox::toggled, this, [this] { read(tr("Supply")); });
    connect(vdd_, &QDoubleSpinBox::valueChanged, this, [this] { read(tr("Supply")); });
    connect(temperature_, &QDoubleSpinBox::valueChanged, this, [this] { read(tr("Temperature")); });
    connect(pipeline_, &QCheckBox::toggled, this, [this] { read(tr("Pipeline")); });
    connect(speedup_, &QSpinBox::valueChanged, this, [this] { read(tr("Duplication cap")); });
    connect(clockAuto_, &QCheckBox::toggled, this, [this] { read(tr("Clock")); });
    connect(clock_, &QDoubleSpinBox::valueChanged, this, [this] { read(tr("Clock")); });
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
    temperature_->setValue(dp.technology.temperature_k);
    selectEnum(interconnect_, dp.chip.interconnect);
    pipeline_->setChecked(dp.chip.pipeline);
    speedup_->setValue(dp.chip.speedup);
    clockAuto_->setChecked(!dp.chip.clock_ghz);
    clock_->setEnabled(dp.chip.clock_ghz.has_value());
    if (dp.chip.clock_ghz)
        clock_->setValue(*dp.chip.clock_ghz);
}

void TechnologyPage::read(const QString& label)
{
    if (updating())
        return;
    DesignPoint next = shown();
    next.technology.node_nm = node_->currentData().toInt();
    next.technology.vdd_v = vddNominal_->isChecked() ? std::nullopt : std::optional<double>(vdd_->value());
    next.technology.temperature_k = temperature_->value();
    next.chip.interconnect = enumValue<InterconnectType>(interconnect_);
    next.chip.pipeline = pipeline_->isChecked();
    next.chip.speedup = speedup_->value();
    next.chip.clock_ghz = clockAuto_->isChecked() ? std::nullopt : std::optional<double>(clock_->value());
    vdd_->setEnabled(!vddNominal_->isChecked());
    clock_->setEnabled(!clockAuto_->isChecked());
    propose(next, label);
}

} // namespace kh::ui
