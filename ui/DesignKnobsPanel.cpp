#include "DesignKnobsPanel.h"

#include "common/InputError.h"
#include "ppa/TechnologyLibrary.h"
#include "spec/DesignPointJson.h"
#include "spec/EnumNames.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace kh::ui {

namespace {
template <class E>
void fillEnum(QComboBox* box, const names::Table<E>& table)
{
    for (const auto& [name, value] : table)
        box->addItem(name, int(value));
}
template <class E>
void selectData(QComboBox* box, E value)
{
    box->setCurrentIndex(std::max(0, box->findData(int(value))));
}
} // namespace

DesignKnobsPanel::DesignKnobsPanel(QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    node_ = new QComboBox;
    for (const TechnologyNode& n : technologyNodes())
        node_->addItem(QString("%1 nm (%2)").arg(n.node_nm).arg(n.device), n.node_nm);
    deviceType_ = new QComboBox;
    fillEnum(deviceType_, names::deviceTypes());
    ronKohm_ = new QDoubleSpinBox;
    ronKohm_->setRange(0.001, 1e6);
    ronKohm_->setDecimals(3);
    ronKohm_->setSuffix(" kΩ");
    onOff_ = new QDoubleSpinBox;
    onOff_->setRange(1.0, 1e9);
    onOff_->setDecimals(1);
    rows_ = new QComboBox;
    cols_ = new QComboBox;
    for (int n : {16, 32, 64, 128, 256, 512, 1024}) {
        rows_->addItem(QString::number(n), n);
        cols_->addItem(QString::number(n), n);
    }
    cellBits_ = new QSpinBox;
    cellBits_->setRange(1, 8);
    adcBits_ = new QSpinBox;
    adcBits_->setRange(1, 16);
    parallelRows_ = new QSpinBox;
    parallelRows_->setRange(1, 1024);
    colsPerAdc_ = new QSpinBox;
    colsPerAdc_->setRange(1, 1024);
    adcType_ = new QComboBox;
    fillEnum(adcType_, names::adcTypes());
    mapping_ = new QComboBox;
    fillEnum(mapping_, names::convMappings());
    lossless_ = new QLabel;
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setStyleSheet("color: #b00020");

    form->addRow(tr("Technology node"), node_);
    form->addRow(tr("Device"), deviceType_);
    form->addRow(tr("R on"), ronKohm_);
    form->addRow(tr("On/off ratio"), onOff_);
    form->addRow(tr("Array rows"), rows_);
    form->addRow(tr("Array columns"), cols_);
    form->addRow(tr("Bits per cell"), cellBits_);
    form->addRow(tr("Rows read in parallel"), parallelRows_);
    form->addRow(tr("Columns per ADC"), colsPerAdc_);
    form->addRow(tr("ADC bits"), adcBits_);
    form->addRow(tr("ADC type"), adcType_);
    form->addRow(tr("Conv mapping"), mapping_);
    form->addRow(tr("Lossless ADC"), lossless_);
    form->addRow(status_);

    auto changed = [this] {
        if (!updating_)
            readWidgets();
    };
    for (QComboBox* b : {node_, deviceType_, rows_, cols_, adcType_, mapping_})
        connect(b, &QComboBox::currentIndexChanged, this, changed);
    for (QSpinBox* s : {cellBits_, adcBits_, parallelRows_, colsPerAdc_})
        connect(s, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* s : {ronKohm_, onOff_})
        connect(s, &QDoubleSpinBox::valueChanged, this, changed);
    writeWidgets();
}

void DesignKnobsPanel::setDesign(const DesignPoint& dp)
{
    dp_ = dp;
    writeWidgets();
    emit designChanged(dp_);
}

void DesignKnobsPanel::writeWidgets()
{
    updating_ = true;
    selectData(node_, dp_.technology.node_nm);
    selectData(deviceType_, dp_.device.type);
    ronKohm_->setValue(dp_.device.r_on_ohm / 1e3);
    onOff_->setValue(dp_.device.on_off_ratio);
    if (rows_->findData(dp_.array.rows) < 0)
        rows_->addItem(QString::number(dp_.array.rows), dp_.array.rows);
    if (cols_->findData(dp_.array.cols) < 0)
        cols_->addItem(QString::number(dp_.array.cols), dp_.array.cols);
    selectData(rows_, dp_.array.rows);
    selectData(cols_, dp_.array.cols);
    cellBits_->setMaximum(dp_.device.type == DeviceType::SRAM ? 1 : std::min(8, dp_.precision.weight_bits));
    cellBits_->setValue(dp_.device.cell_bits);
    parallelRows_->setMaximum(dp_.array.rows);
    parallelRows_->setValue(dp_.array.parallel_rows);
    colsPerAdc_->setMaximum(dp_.array.cols);
    colsPerAdc_->setValue(dp_.array.cols_per_adc);
    adcBits_->setValue(dp_.precision.adc_bits);
    selectData(adcType_, dp_.precision.adc_type);
    selectData(mapping_, dp_.mapping.conv);
    lossless_->setText(tr("%1 bits (partial sums up to %2)").arg(losslessAdcBits(dp_)).arg(maxPartialSum(dp_)));
    updating_ = false;
}

void DesignKnobsPanel::readWidgets()
{
    DesignPoint next = dp_;
    next.technology.node_nm = node_->currentData().toInt();
    next.device.type = DeviceType(deviceType_->currentData().toInt());
    next.device.r_on_ohm = ronKohm_->value() * 1e3;
    next.device.on_off_ratio = onOff_->value();
    next.array.rows = rows_->currentData().toInt();
    next.array.cols = cols_->currentData().toInt();
    next.device.cell_bits = next.device.type == DeviceType::SRAM ? 1 : cellBits_->value();
    next.array.parallel_rows = std::min(parallelRows_->value(), next.array.rows);
    next.array.cols_per_adc = std::min(colsPerAdc_->value(), next.array.cols);
    next.precision.adc_bits = adcBits_->value();
    next.precision.adc_type = AdcType(adcType_->currentData().toInt());
    next.mapping.conv = ConvMapping(mapping_->currentData().toInt());
    // A mem_states table no longer matching 2^cell_bits is dropped rather than left invalid.
    if (!next.device.mem_states.empty() && next.device.mem_states.size() != (size_t(1) << next.device.cell_bits))
        next.device.mem_states.clear();
    try {
        validateDesignPoint(next);
    } catch (const InputError& e) {
        status_->setText(QString::fromStdString(e.what()));
        return;
    }
    status_->clear();
    dp_ = next;
    writeWidgets();   // dependent limits (parallel rows <= rows, SRAM => 1 bit) and the lossless label
    emit designChanged(dp_);
}

} // namespace kh::ui
