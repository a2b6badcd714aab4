#include "NoisePage.h"

#include "ConductanceTimePlot.h"
#include "ConfusionMatrixView.h"
#include "FormWidgets.h"
#include "QuantityDelegate.h"
#include "spec/DesignFields.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/CsvLine.h"
#include "io/DeviceTables.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>

#include <cmath>

namespace kh::ui {

NoisePage::NoisePage(QWidget* parent) : DesignPage(parent)
{
    mode_ = enumEditor("noise.mode", tr("Noise mode"));
    d2d_ = new QCheckBox(tr("sample each cell from its state's σ"));
    readNoise_ = numberEditor("noise.read_noise_rel", tr("Read noise"));
    safMin_ = numberEditor("noise.saf.p_stuck_min", tr("Stuck at G_min"));
    safMax_ = numberEditor("noise.saf.p_stuck_max", tr("Stuck at G_max"));
    driftMode_ = enumEditor("noise.drift.mode", tr("Drift direction"));
    driftT_ = numberEditor("noise.drift.t_s", tr("Drift time"));
    driftNu_ = numberEditor("noise.drift.nu", tr("Drift exponent"));
    // Optional (null unless the drift mode is "target"): its own control, range from the table.
    driftTarget_ = quantityWidget("noise.drift.target");
    driftTarget_->setToolTip(tr("Drift mode \"target\": where in the conductance range states drift to (0 = G_min)"));
    relaxation_ = numberEditor("noise.relaxation_sigma_rel", tr("Relaxation spread"));
    relaxationTau_ = numberEditor("noise.relaxation_tau_s", tr("Relaxation time constant"));
    onTcr_ = numberEditor("noise.g_on_tcr_per_k", tr("G_on temperature coefficient"));
    offActivation_ = numberEditor("noise.g_off_activation_ev", tr("G_off activation energy"));
    pcm_ = new QCheckBox(tr("programming noise, state-dependent drift, 1/f read noise"));
    pcmTime_ = numberEditor("noise.pcm.t_s", tr("Time since programming"));
    pcmProgramming_ = numberEditor("noise.pcm.programming_noise_scale", tr("Programming noise scale"));
    pcmDrift_ = numberEditor("noise.pcm.drift_scale", tr("Drift scale"));
    pcmRead_ = numberEditor("noise.pcm.read_noise_scale", tr("Read noise scale"));
    compensation_ = enumEditor("noise.drift_compensation", tr("Drift compensation"));
    pcmPlot_ = new ConductanceTimePlot;
    outputTable_ = new QTableWidget(0, 3);
    outputTable_->setObjectName("outputNoiseTable");
    outputTable_->setHorizontalHeaderLabels({tr("ideal output"), tr("mean"), tr("std")});
    cells_ = new QuantityDelegate("", this);
    outputTable_->setItemDelegate(cells_);
    outputTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    outputTable_->setMinimumHeight(110);
    auto* importOut = new QPushButton(tr("Import CSV…"));
    auto* exportOut = new QPushButton(tr("Export CSV…"));
    auto* clearOut = new QPushButton(tr("Clear"));
    outputSigma_ = numberEditor("noise.output_sigma", tr("Output σ"));
    confusion_ = new ConfusionMatrixView;

    auto* io = new QHBoxLayout;
    io->addWidget(importOut);
    io->addWidget(exportOut);
    io->addWidget(clearOut);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Mode"), mode_);
    form->addRow(tr("Device-to-device"), d2d_);
    form->addRow(tr("Read noise (relative σ)"), readNoise_);
    form->addRow(tr("Stuck at G_min (rate)"), safMin_);
    form->addRow(tr("Stuck at G_max (rate)"), safMax_);
    form->addRow(tr("Drift direction"), driftMode_);
    form->addRow(tr("Drift time"), driftT_);
    form->addRow(tr("Drift exponent ν"), driftNu_);
    form->addRow(tr("Drift target"), driftTarget_);
    form->addRow(tr("Relaxation σ (relative, at drift time)"), relaxation_);
    form->addRow(tr("Relaxation time constant"), relaxationTau_);
    form->addRow(tr("R_on temperature coefficient (at technology temperature)"), onTcr_);
    form->addRow(tr("G_off activation energy"), offActivation_);
    form->addRow(tr("PCM model"), pcm_);
    form->addRow(tr("Time since programming"), pcmTime_);
    form->addRow(tr("Programming noise (× published)"), pcmProgramming_);
    form->addRow(tr("Drift exponent (× published)"), pcmDrift_);
    form->addRow(tr("1/f read noise (× published)"), pcmRead_);
    form->addRow(tr("Drift compensation"), compensation_);
    form->addRow(pcmPlot_);
    form->addRow(tr("output_noise (circuit)"), outputTable_);
    form->addRow(io);
    form->addRow(tr("Output σ"), outputSigma_);
    form->addRow(tr("Ideal vs actual"), confusion_);
    form->addRow(status_);
    bindField("noise.saf", safMax_);   // the sum rule is marked at the second rate
    bindField("noise.drift", driftMode_);
    bindField("noise.d2d_from_mem_states", d2d_);
    bindField("noise.drift.target", driftTarget_);
    bindField("noise.output_noise", outputTable_);
    bindField("noise.pcm.enabled", pcm_);
    connect(pcm_, &QCheckBox::toggled, this, [this](bool on) { proposeField("noise.pcm.enabled", on, tr("PCM model")); });

    connect(d2d_, &QCheckBox::toggled, this, [this](bool on) { proposeField("noise.d2d_from_mem_states", on, tr("Device-to-device")); });
    connect(driftTarget_, &QuantityField::valueChanged, this, [this](double v) { proposeField("noise.drift.target", v, tr("Drift target")); });
    connect(outputTable_, &QTableWidget::cellChanged, this, [this] {
        if (!filling_)
            readTable(tr("output_noise"));
    });
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
    connect(clearOut, &QPushButton::clicked, this, [this] {
        filling_ = true;
        outputTable_->setRowCount(0);
        filling_ = false;
        readTable(tr("Clear output_noise"));
    });
}

void NoisePage::fillOutputTable(const std::vector<OutputNoiseLevel>& rows)
{
    filling_ = true;
    outputTable_->setRowCount(int(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
        outputTable_->setItem(int(i), 0, new QTableWidgetItem(QString::number(rows[i].output)));
        outputTable_->setItem(int(i), 1, new QTableWidgetItem(cells_->cellText(rows[i].mean)));
        outputTable_->setItem(int(i), 2, new QTableWidgetItem(cells_->cellText(rows[i].std)));
    }
    filling_ = false;
    confusion_->setConfusion(outputNoiseConfusion(rows));
}

void NoisePage::fill(const DesignPoint& dp)
{
    fillEditors(dp);
    d2d_->setChecked(dp.noise.d2d_from_mem_states);
    pcm_->setChecked(dp.noise.pcm.enabled);
    for (QWidget* w : std::initializer_list<QWidget*>{pcmTime_, pcmProgramming_, pcmDrift_, pcmRead_})
        w->setEnabled(dp.noise.pcm.enabled);
    pcmPlot_->setDesign(dp);
    driftTarget_->setValue(dp.noise.drift.target.value_or(0.5));
    driftTarget_->setEnabled(dp.noise.drift.mode == DriftMode::Target);
    std::vector<OutputNoiseLevel> rows = dp.noise.output_noise;
    if (rows.empty() && !dp.noise.output_noise_path.empty()) {
        try {   // show the referenced file; saving the point then stores the table inline
            rows = readOutputNoiseCsv(dp.noise.output_noise_path).rows;
        } catch (const InputError& e) {
            status_->setText(QString::fromStdString(e.what()));
        }
    }
    fillOutputTable(rows);
}

bool NoisePage::tableRows(std::vector<OutputNoiseLevel>& out, QString* error) const
{
    out.clear();
    for (int r = 0; r < outputTable_->rowCount(); ++r) {
        double v[3] = {0, 0, 0};
        for (int c = 0; c < 3; ++c) {
            const std::optional<double> cell = cells_->cellValue(outputTable_->item(r, c));
            if (cell)
                v[c] = *cell;
            if (!cell) {
                *error = tr("output_noise row %1: three numbers needed (output, mean, std)").arg(r + 1);
                return false;
            }
        }
        const long long level = (long long)v[0];
        if (double(level) != v[0] || level < 0 || v[2] < 0) {
            *error = tr("output_noise row %1: output must be an integer >= 0, std >= 0").arg(r + 1);
            return false;
        }
        if (!out.empty() && level <= out.back().output) {
            *error = tr("output_noise row %1: output levels must increase").arg(r + 1);
            return false;
        }
        out.push_back({level, v[1], v[2]});
    }
    return true;
}

void NoisePage::adjust(DesignPoint& next, const std::string& key)
{
    // The target applies only in mode "target": it appears (at the control's value) with the mode.
    if (key == "noise.drift.mode") {
        next.noise.drift.target = next.noise.drift.mode == DriftMode::Target ? std::optional<double>(driftTarget_->value()) : std::nullopt;
        driftTarget_->setEnabled(next.noise.drift.mode == DriftMode::Target);
    }
}

void NoisePage::readTable(const QString& label)
{
    if (updating())
        return;
    DesignPoint next = shown();
    std::vector<OutputNoiseLevel> rows;
    QString error;
    if (!tableRows(rows, &error)) {
        markInvalid(outputTable_, error);
        return;
    }
    next.noise.output_noise = rows;
    next.noise.output_noise_path.clear();
    confusion_->setConfusion(outputNoiseConfusion(rows));
    propose(next, label, "noise.output_noise");
}

bool NoisePage::importOutputNoise(const QString& path)
{
    std::vector<OutputNoiseLevel> rows;
    try {
        rows = readOutputNoiseCsv(path.toStdString()).rows;   // read before touching the table
    } catch (const InputError& e) {
        emit errorShown(QString::fromStdString(e.what()));
        return false;
    }
    fillOutputTable(rows);
    readTable(tr("Import output_noise"));
    return true;
}

bool NoisePage::exportOutputNoise(const QString& path)
{
    std::vector<OutputNoiseLevel> rows;
    QString error;
    try {
        if (!tableRows(rows, &error))
            throw InputError(error.toStdString());
        writeTextFile(path.toStdString(), formatOutputNoiseCsv(OutputNoiseTable{{"output", "mean", "std"}, rows}));
    } catch (const InputError& e) {
        emit errorShown(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

} // namespace kh::ui
