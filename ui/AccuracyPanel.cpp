#include "AccuracyPanel.h"

#include "AccuracyRunner.h"
#include "PresetCatalog.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

namespace kh::ui {

AccuracyPanel::AccuracyPanel(const QString& presetDir, QWidget* parent) : QGroupBox(tr("Network && dataset (accuracy)"), parent)
{
    model_ = new QComboBox;
    for (const QString& f : PresetCatalog(presetDir).files("models", "onnx"))
        model_->addItem(PresetCatalog::label(f), f);
    model_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    model_->setMinimumContentsLength(12);
    auto* open = new QPushButton(tr("Open…"));
    connect(open, &QPushButton::clicked, this, [this, presetDir] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open ONNX model"), presetDir + "/models", tr("ONNX (*.onnx)"));
        if (!f.isEmpty()) {
            model_->addItem(QFileInfo(f).completeBaseName(), f);
            model_->setCurrentIndex(model_->count() - 1);
        }
    });
    dataset_ = new QLineEdit("fashion-mnist");
    dataset_->setToolTip(tr("\"fashion-mnist\" (Debian package dataset-fashion-mnist) or a directory of IDX files"));
    images_ = new QSpinBox;
    images_->setRange(10, 10000);
    images_->setValue(500);
    chips_ = new QSpinBox;
    chips_->setRange(1, 100);
    chips_->setValue(3);
    run_ = new QPushButton(tr("Evaluate accuracy"));
    stop_ = new QPushButton(tr("Cancel"));
    stop_->setEnabled(false);
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    result_ = new QLabel(tr("Accuracy not evaluated yet"));
    result_->setWordWrap(true);
    runner_ = new AccuracyRunner(this);

    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(model_, 1);
    modelRow->addWidget(open);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(stop_);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Model"), modelRow);
    form->addRow(tr("Dataset"), dataset_);
    form->addRow(tr("Test images"), images_);
    form->addRow(tr("Simulated chips"), chips_);
    form->addRow(buttons);
    form->addRow(bar_);
    form->addRow(result_);

    connect(run_, &QPushButton::clicked, this, &AccuracyPanel::evaluate);
    connect(stop_, &QPushButton::clicked, this, &AccuracyPanel::cancel);
    connect(runner_, &AccuracyRunner::progress, this, [this](double f, const QString& what) {
        bar_->setValue(int(f * 1000));
        bar_->setFormat(what + "  %p%");
    });
    connect(runner_, &AccuracyRunner::finished, this, &AccuracyPanel::onFinished);
}

void AccuracyPanel::evaluate()
{
    if (runner_->busy() || model_->currentIndex() < 0)
        return;
    DesignPoint dp = dp_;
    dp.evaluation.images = images_->value();
    dp.evaluation.chips = chips_->value();
    run_->setEnabled(false);
    stop_->setEnabled(true);
    bar_->setValue(0);
    result_->setText(tr("Evaluating…"));
    runner_->start(model_->currentData().toString(), dataset_->text(), dp);
}

void AccuracyPanel::cancel() { runner_->cancel(); }

void AccuracyPanel::onFinished(const AccuracyResult& r)
{
    run_->setEnabled(true);
    stop_->setEnabled(false);
    if (r.cancelled) {
        result_->setText(tr("Cancelled"));
        return;
    }
    if (!r.error.isEmpty()) {
        result_->setText(r.error);
        emit errorShown(r.error);
        return;
    }
    const cim::AccuracyReport& a = r.report;
    bar_->setValue(1000);
    result_->setText(tr("<b>%1 %</b> ± %2 (std over %3 chips, 95 % CI ± %4) · float %5 % · %6 images in %7 s")
                         .arg(a.accuracy * 100, 0, 'f', 2)
                         .arg(a.accuracy_std * 100, 0, 'f', 2)
                         .arg(a.chips)
                         .arg(a.accuracy_ci95 * 100, 0, 'f', 2)
                         .arg(a.float_accuracy * 100, 0, 'f', 2)
                         .arg(a.images)
                         .arg(a.seconds, 0, 'f', 1));
    emit accuracyShown(a.accuracy, a.accuracy_ci95);
}

} // namespace kh::ui
