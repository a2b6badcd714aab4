#include "NoisePanel.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/CsvLine.h"
#include "io/DeviceTables.h"
#include "spec/DesignPointJson.h"
#include "spec/EnumNames.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

#include <cmath>

namespace kh::ui {

namespace {
// Cells are parsed with the CSV readers' strict number syntax, so a table and its file agree.
bool cellNumber(const QTableWidget* t, int row, int col, double& out)
{
    const QTableWidgetItem* item = t->item(row, col);
    return item && csv::parseDouble(item->text().trimmed().toStdString(), out);
}

QDoubleSpinBox* spin(double lo, double hi, int decimals, double step)
{
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
}
} // namespace

NoisePanel::NoisePanel(QWidget* parent) : QGroupBox(tr("Noise"), parent)
{
    mode_ = new QComboBox;
    for (const auto& [name, value] : names::noiseModes())
        mode_->addItem(name, int(value));
    readNoise_ = spin(0, 10, 4, 0.005);
    safMin_ = spin(0, 1, 4, 0.005);
    safMax_ = spin(0, 1, 4, 0.005);
    driftMode_ = new QComboBox;
    for (const auto& [name, value] : names::driftModes())
        if (value != DriftMode::Target)
            driftMode_->addItem(name, int(value));
    driftT_ = spin(0, 1e9, 1, 10);
    driftT_->setSuffix(" s");
    driftNu_ = spin(0, 1, 4, 0.005);
    states_ = new QTableWidget(0, 2);
    states_->setHorizontalHeaderLabels({tr("mean (S)"), tr("std (S)")});
    states_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    states_->setMinimumHeight(120);
    auto* importBtn = new QPushButton(tr("Import CSV…"));
    auto* exportBtn = new QPushButton(tr("Export CSV…"));
    outputTable_ = new QTableWidget(0, 3);
    outputTable_->setHorizontalHeaderLabels({tr("ideal output"), tr("mean"), tr("std")});
    outputTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    outputTable_->setMinimumHeight(100);
    outputTable_->setToolTip(tr("Circuit mode: what the circuit produces for each ideal ADC output level"));
    auto* importOut = new QPushButton(tr("Import CSV…"));
    auto* exportOut = new QPushButton(tr("Export CSV…"));
    outputSigma_ = spin(0, 1000, 3, 0.1);
    outputSigma_->setToolTip(tr("Circuit mode without a table: one sigma (in ADC levels) for every level"));
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setStyleSheet("color: #b00020");

    auto* io = new QHBoxLayout;
    io->addWidget(importBtn);
    io->addWidget(exportBtn);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Mode"), mode_);
    form->addRow(tr("Read noise (relative)"), readNoise_);
    form->addRow(tr("Stuck at G_min"), safMin_);
    form->addRow(tr("Stuck at G_max"), safMax_);
    form->addRow(tr("Drift direction"), driftMode_);
    form->addRow(tr("Drift time"), driftT_);
    form->addRow(tr("Drift exponent ν"), driftNu_);
    form->addRow(tr("mem_states (lowest first)"), states_);
    form->addRow(io);
    auto* ioOut = new QHBoxLayout;
    ioOut->addWidget(importOut);
    ioOut->addWidget(exportOut);
    form->addRow(tr("output_noise (circuit)"), outputTable_);
    form->addRow(ioOut);
    form->addRow(tr("Output sigma"), outputSigma_);
    form->addRow(status_);

    auto emitChanged = [this] {
        if (!updating_)
            emit changed();
    };
    connect(mode_, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(driftMode_, &QComboBox::currentIndexChanged, this, emitChanged);
    for (QDoubleSpinBox* s : {readNoise_, safMin_, safMax_, driftT_, driftNu_, outputSigma_})
        connect(s, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(states_, &QTableWidget::cellChanged, this, emitChanged);
    connect(outputTable_, &QTableWidget::cellChanged, this, emitChanged);
    connect(importOut, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import output_noise.csv"), {}, tr("CSV (*.csv)"));
        if (!f.isEmpty())
            importOutputNoise(f);
    });
    connect(exportOut, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export output_noise.csv"), "output_noise.csv", tr("CSV (*.csv)"));
        if (!f.isEmpty())
            exportOutputNoise(f);
    });
    connect(importBtn, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import mem_states.csv"), {}, tr("CSV (*.csv)"));
        if (!f.isEmpty())
            importMemStates(f);
    });
    connect(exportBtn, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export mem_states.csv"), "mem_states.csv", tr("CSV (*.csv)"));
        if (!f.isEmpty())
            exportMemStates(f);
    });
}

void NoisePanel::fillTable(const std::vector<MemState>& states)
{
    states_->setRowCount(int(states.size()));
    for (size_t i = 0; i < states.size(); ++i) {
        states_->setItem(int(i), 0, new QTableWidgetItem(QString::fromStdString(formatDouble(states[i].g_mean_s))));
        states_->setItem(int(i), 1, new QTableWidgetItem(QString::fromStdString(formatDouble(states[i].g_sigma_s))));
    }
}

void NoisePanel::setDesign(const DesignPoint& dp)
{
    updating_ = true;
    status_->clear();
    mode_->setCurrentIndex(mode_->findData(int(dp.noise.mode)));
    readNoise_->setValue(dp.noise.read_noise_rel);
    safMin_->setValue(dp.noise.saf.p_stuck_min);
    safMax_->setValue(dp.noise.saf.p_stuck_max);
    driftMode_->setCurrentIndex(std::max(0, driftMode_->findData(int(dp.noise.drift.mode))));
    driftT_->setValue(dp.noise.drift.t_s);
    driftNu_->setValue(std::fabs(dp.noise.drift.nu));
    std::vector<OutputNoiseLevel> outRows = dp.noise.output_noise;
    if (outRows.empty() && !dp.noise.output_noise_path.empty()) {
        try {   // show the referenced file's table; saving the point then stores it inline
            outRows = readOutputNoiseCsv(dp.noise.output_noise_path).rows;
        } catch (const InputError& e) {
            status_->setText(QString::fromStdString(e.what()));
        }
    }
    fillOutputTable(outRows);
    outputSigma_->setValue(dp.noise.output_sigma);
    std::vector<MemState> states = dp.device.mem_states;
    if (states.empty()) {
        // Show the states the simulator would use: evenly spaced between G_off and G_on.
        const size_t levels = size_t(1) << dp.device.cell_bits;
        const double gOn = 1.0 / dp.device.r_on_ohm, gOff = gOn / dp.device.on_off_ratio;
        for (size_t i = 0; i < levels; ++i)
            states.push_back({gOff + (gOn - gOff) * double(i) / double(levels - 1), 0.0});
    }
    fillTable(states);
    updating_ = false;
}

void NoisePanel::fillOutputTable(const std::vector<OutputNoiseLevel>& rows)
{
    outputTable_->setRowCount(int(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
        outputTable_->setItem(int(i), 0, new QTableWidgetItem(QString::number(rows[i].output)));
        outputTable_->setItem(int(i), 1, new QTableWidgetItem(QString::fromStdString(formatDouble(rows[i].mean))));
        outputTable_->setItem(int(i), 2, new QTableWidgetItem(QString::fromStdString(formatDouble(rows[i].std))));
    }
}

std::vector<OutputNoiseLevel> NoisePanel::tableOutputNoise(QString* error) const
{
    std::vector<OutputNoiseLevel> out;
    for (int r = 0; r < outputTable_->rowCount(); ++r) {
        double outputLevel = 0, mean = 0, sd = 0;
        const bool ok = cellNumber(outputTable_, r, 0, outputLevel) && cellNumber(outputTable_, r, 1, mean)
                        && cellNumber(outputTable_, r, 2, sd);
        const long long level = (long long)outputLevel;
        if (!ok || outputLevel != double(level) || level < 0 || sd < 0) {
            *error = tr("output_noise row %1: output must be an integer >= 0, std >= 0").arg(r + 1);
            return {};
        }
        if (!out.empty() && level <= out.back().output) {
            *error = tr("output_noise row %1: output levels must increase").arg(r + 1);
            return {};
        }
        out.push_back({level, mean, sd});
    }
    return out;
}

bool NoisePanel::importInto(const std::function<void()>& readAndFill)
{
    try {
        updating_ = true;
        readAndFill();
        updating_ = false;
    } catch (const InputError& e) {
        updating_ = false;
        status_->setText(QString::fromStdString(e.what()));
        emit errorShown(QString::fromStdString(e.what()));
        return false;
    }
    emit changed();
    return true;
}

bool NoisePanel::exportFrom(const QString& path, const QString& tableError, const std::function<std::string()>& format) const
{
    try {
        if (!tableError.isEmpty())
            throw InputError(tableError.toStdString());
        writeTextFile(path.toStdString(), format());
    } catch (const InputError& e) {
        status_->setText(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool NoisePanel::importOutputNoise(const QString& path)
{
    // The read happens before the table is touched, so a bad file leaves it as it was.
    return importInto([&] { fillOutputTable(readOutputNoiseCsv(path.toStdString()).rows); });
}

bool NoisePanel::exportOutputNoise(const QString& path) const
{
    QString error;
    const std::vector<OutputNoiseLevel> rows = tableOutputNoise(&error);
    return exportFrom(path, error, [&] { return formatOutputNoiseCsv(OutputNoiseTable{{"output", "mean", "std"}, rows}); });
}

std::vector<MemState> NoisePanel::tableStates(QString* error) const
{
    std::vector<MemState> out;
    for (int r = 0; r < states_->rowCount(); ++r) {
        double mean = 0, sd = 0;
        if (!cellNumber(states_, r, 0, mean) || !cellNumber(states_, r, 1, sd) || mean < 0 || sd < 0) {
            *error = tr("mem_states row %1: mean and std must be numbers >= 0").arg(r + 1);
            return {};
        }
        if (!out.empty() && mean <= out.back().g_mean_s) {
            *error = tr("mem_states row %1: means must increase from row to row").arg(r + 1);
            return {};
        }
        out.push_back({mean, sd});
    }
    return out;
}

bool NoisePanel::apply(DesignPoint& dp) const
{
    DesignPoint next = dp;
    next.noise.mode = NoiseMode(mode_->currentData().toInt());
    next.noise.read_noise_rel = readNoise_->value();
    next.noise.saf.p_stuck_min = safMin_->value();
    next.noise.saf.p_stuck_max = safMax_->value();
    next.noise.drift.mode = DriftMode(driftMode_->currentData().toInt());
    next.noise.drift.t_s = driftT_->value();
    next.noise.drift.nu = driftNu_->value();
    QString outError;
    const std::vector<OutputNoiseLevel> outRows = tableOutputNoise(&outError);
    if (outError.isEmpty() && !outRows.empty()) {
        next.noise.output_noise = outRows;
        next.noise.output_noise_path.clear();
    }
    next.noise.output_sigma = outputSigma_->value();
    QString error = outError;
    const std::vector<MemState> states = error.isEmpty() ? tableStates(&error) : std::vector<MemState>{};
    if (error.isEmpty()) {
        next.device.mem_states = states;
        next.device.mem_states_path.clear();
        if (next.noise.saf.p_stuck_min + next.noise.saf.p_stuck_max > 1.0)
            error = tr("stuck-at rates add up to more than 1");
    }
    if (error.isEmpty()) {
        try {
            validateDesignPoint(next);
        } catch (const InputError& e) {
            error = QString::fromStdString(e.what());
        }
    }
    status_->setText(error);
    if (!error.isEmpty())
        return false;
    dp = next;
    return true;
}

bool NoisePanel::importMemStates(const QString& path)
{
    return importInto([&] { fillTable(readMemStatesCsv(path.toStdString())); });
}

bool NoisePanel::exportMemStates(const QString& path) const
{
    QString error;
    const std::vector<MemState> states = tableStates(&error);
    return exportFrom(path, error, [&] { return formatMemStatesCsv(states); });
}

} // namespace kh::ui
