#include "AccuracyPanel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace kh::ui {

AccuracyPanel::AccuracyPanel(QWidget* parent) : QGroupBox(tr("Accuracy"), parent)
{
    run_ = new QPushButton(tr("Evaluate accuracy"));
    stop_ = new QPushButton(tr("Cancel"));
    stop_->setEnabled(false);
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    result_ = new QLabel(tr("Accuracy not evaluated yet"));
    result_->setWordWrap(true);
    task_ = new AccuracyTask(this);

    buttons_ = new QHBoxLayout;
    buttons_->addWidget(run_);
    buttons_->addWidget(stop_);
    buttons_->addStretch(1);
    auto* form = new QFormLayout(this);
    form->addRow(buttons_);
    form->addRow(bar_);
    form->addRow(result_);

    connect(run_, &QPushButton::clicked, this, &AccuracyPanel::evaluate);
    connect(stop_, &QPushButton::clicked, this, &AccuracyPanel::cancel);
    connect(task_, &TaskSignals::progress, this, [this](double f, const QString& what) {
        remaining_.show(bar_, f, what);
    });
    connect(task_, &TaskSignals::finished, this, &AccuracyPanel::onFinished);
}

void AccuracyPanel::evaluate()
{
    if (task_->busy())
        return;
    if (modelPath_.isEmpty()) {
        result_->setText(tr("Choose a model on the Network & dataset page first"));
        return;
    }
    const DesignPoint dp = dp_;
    running_ = accuracyInputs(dp, modelPath_, dataset_);
    evaluated_ = dp;
    remaining_.start();
    run_->setEnabled(false);
    stop_->setEnabled(true);
    bar_->setValue(0);
    result_->setText(tr("Evaluating…"));
    task_->start(accuracyJob(modelPath_, dataset_, dp));
}

void AccuracyPanel::setModel(const QString& modelPath, const QString& dataset)
{
    modelPath_ = modelPath;
    dataset_ = dataset;
    result_->setText(modelPath.isEmpty() ? tr("No model: PPA only") : tr("Accuracy not evaluated yet"));
}

void AccuracyPanel::cancel() { task_->cancel(); }

void AccuracyPanel::addButton(QPushButton* button) { buttons_->insertWidget(buttons_->count() - 1, button); }

void AccuracyPanel::onFinished()
{
    const TaskOutcome<cim::AccuracyReport>& r = task_->outcome();
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
    const cim::AccuracyReport& a = r.value;
    bar_->setValue(1000);
    result_->setText(tr("<b>%1 %</b> ± %2 (std over %3 chips, 95 % CI ± %4) · float %5 % · %6 images in %7 s")
                         .arg(a.accuracy * 100, 0, 'f', 2)
                         .arg(a.accuracy_std * 100, 0, 'f', 2)
                         .arg(a.chips)
                         .arg(a.accuracy_ci95 * 100, 0, 'f', 2)
                         .arg(a.float_accuracy * 100, 0, 'f', 2)
                         .arg(a.images)
                         .arg(a.seconds, 0, 'f', 1));
    emit accuracyShown(a.accuracy, a.accuracy_ci95, running_);
}

} // namespace kh::ui
