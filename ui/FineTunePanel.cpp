#include "FineTunePanel.h"

#include "FineTuneChart.h"

#include "common/InputError.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace kh::ui {

namespace {
QString percent(double v) { return QString::number(v * 100, 'f', 2) + " %"; }
} // namespace

FineTunePanel::FineTunePanel(QWidget* parent) : QGroupBox(tr("Fine-tuning"), parent)
{
    const train::FineTuneSettings defaults;
    const train::ProgressiveSettings progressiveDefaults;
    epochs_ = new QSpinBox;
    epochs_->setRange(1, 1000);
    epochs_->setValue(defaults.epochs);
    epochs_->setToolTip(tr("Passes over the training images (progressive: per stage)"));
    learningRate_ = new QDoubleSpinBox;
    learningRate_->setDecimals(6);
    learningRate_->setRange(1e-6, 1.0);
    learningRate_->setSingleStep(1e-4);
    learningRate_->setValue(defaults.learning_rate);
    trainImages_ = new QSpinBox;
    trainImages_->setRange(0, 100000000);
    trainImages_->setSpecialValueText(tr("all"));
    trainImages_->setValue(defaults.train_images);
    validationImages_ = new QSpinBox;
    validationImages_->setRange(1, 1000000);
    validationImages_->setValue(defaults.validation_images);
    validationImages_->setToolTip(tr("Held out from the end of the training split to pick the best epoch"));
    progressive_ = new QCheckBox(tr("Progressive on one fixed chip (chip 0 of the evaluation)"));
    progressive_->setToolTip(tr("Programs one layer at a time on the fixed chip and fine-tunes the layers after it on its outputs"));
    progressiveImages_ = new QSpinBox;
    progressiveImages_->setRange(2, 100000000);
    progressiveImages_->setValue(progressiveDefaults.images);
    progressiveImages_->setEnabled(false);
    progressiveImages_->setToolTip(tr("Training images run through the fixed chip"));
    out_ = new QLineEdit;
    out_->setPlaceholderText(tr("where the fine-tuned ONNX model is written"));
    auto* browse = new QPushButton(tr("Browse…"));
    run_ = new QPushButton(tr("Fine-tune"));
    stop_ = new QPushButton(tr("Cancel"));
    stop_->setEnabled(false);
    stop_->setToolTip(tr("Stops after the current step; the best epoch so far is written"));
    use_ = new QPushButton(tr("Use fine-tuned model"));
    use_->setEnabled(false);
    use_->setToolTip(tr("Makes the written model the design's model, for accuracy runs and sweeps"));
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    chart_ = new FineTuneChart;
    result_ = new QLabel(tr("Not fine-tuned yet"));
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    task_ = new FineTuneTask(this);

    auto* outRow = new QHBoxLayout;
    outRow->addWidget(out_, 1);
    outRow->addWidget(browse);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(stop_);
    buttons->addWidget(use_);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Learning rate (Adam)"), learningRate_);
    form->addRow(tr("Training images"), trainImages_);
    form->addRow(tr("Validation images"), validationImages_);
    form->addRow(progressive_);
    form->addRow(tr("Images through the chip"), progressiveImages_);
    form->addRow(tr("Output model"), outRow);
    form->addRow(buttons);
    form->addRow(bar_);
    form->addRow(chart_);
    form->addRow(result_);

    connect(progressive_, &QCheckBox::toggled, this, [this](bool on) {
        progressiveImages_->setEnabled(on);
        trainImages_->setEnabled(!on);
        if (on && epochs_->value() == train::FineTuneSettings{}.epochs)
            epochs_->setValue(1);   // the CLI's default per stage
    });
    connect(browse, &QPushButton::clicked, this, &FineTunePanel::browse);
    connect(run_, &QPushButton::clicked, this, &FineTunePanel::start);
    connect(stop_, &QPushButton::clicked, this, &FineTunePanel::cancel);
    connect(use_, &QPushButton::clicked, this, [this] {
        if (!task_->outcome().value.written.isEmpty())
            emit modelChosen(task_->outcome().value.written, dataset_);
    });
    connect(task_, &TaskSignals::progress, this, [this](double f, const QString& what) { remaining_.show(bar_, f, what); });
    connect(task_, &TaskSignals::finished, this, &FineTunePanel::onFinished);
}

QString FineTunePanel::defaultOutput() const
{
    if (modelPath_.isEmpty())
        return {};
    const QFileInfo model(modelPath_);
    // Beside the model when that folder can be written (a preset's folder may not be).
    const QString dir = QFileInfo(model.absolutePath()).isWritable() ? model.absolutePath()
                                                                       : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return dir + "/" + model.completeBaseName() + "_ft.onnx";
}

void FineTunePanel::setModel(const QString& modelPath, const QString& dataset)
{
    const bool keepOut = !out_->text().isEmpty() && out_->text() != defaultOutput();
    modelPath_ = modelPath;
    dataset_ = dataset;
    if (!keepOut)
        out_->setText(defaultOutput());
    run_->setEnabled(!modelPath.isEmpty() && !task_->busy());
    if (!task_->busy())
        result_->setText(modelPath.isEmpty() ? tr("Choose a model on the Network & dataset page to fine-tune it") : tr("Not fine-tuned yet"));
}

void FineTunePanel::browse()
{
    const QString f = QFileDialog::getSaveFileName(this, tr("Write the fine-tuned model"), out_->text(), tr("ONNX models (*.onnx)"));
    if (!f.isEmpty())
        out_->setText(f);
}

FineTuneRequest FineTunePanel::request() const
{
    FineTuneRequest q;
    q.model = modelPath_;
    q.dataset = dataset_;
    q.out = out_->text().trimmed();
    q.dp = dp_;
    q.settings.epochs = epochs_->value();
    q.settings.learning_rate = learningRate_->value();
    q.settings.validation_images = validationImages_->value();
    if (progressive_->isChecked()) {
        train::ProgressiveSettings p;
        p.images = progressiveImages_->value();
        train::checkProgressiveSettings(p);
        q.progressive = p;
    } else {
        q.settings.train_images = trainImages_->value();
    }
    train::checkFineTuneSettings(q.settings);
    if (q.model.isEmpty())
        throw InputError("model: choose a model on the Network & dataset page first");
    if (q.out.isEmpty())
        throw InputError("output model: choose where the fine-tuned model is written");
    return q;
}

void FineTunePanel::start()
{
    if (task_->busy())
        return;
    FineTuneRequest q;
    try {
        q = request();
    } catch (const InputError& e) {
        result_->setText(QString::fromUtf8(e.what()));
        return;
    }
    running_ = q.dp;
    chart_->clear();
    remaining_.start();
    run_->setEnabled(false);
    stop_->setEnabled(true);
    use_->setEnabled(false);
    bar_->setValue(0);
    result_->setText(q.progressive ? tr("Fine-tuning progressively on the fixed chip…") : tr("Fine-tuning under the design's noise…"));
    task_->start(fineTuneJob(std::move(q), [chart = QPointer<FineTuneChart>(chart_)](const train::EpochRecord& r) {
        if (chart)
            chart->addEpoch(r);
    }));
}

void FineTunePanel::cancel() { task_->cancel(); }

void FineTunePanel::onFinished()
{
    const TaskOutcome<FineTuneRun>& o = task_->outcome();
    run_->setEnabled(!modelPath_.isEmpty());
    stop_->setEnabled(false);
    if (o.cancelled) {   // before the first epoch ended (nothing written) or while measuring the accuracy
        result_->setText(tr("Cancelled before the accuracy was measured"));
        return;
    }
    if (!o.error.isEmpty()) {
        result_->setText(o.error);
        emit errorShown(o.error);
        return;
    }
    const FineTuneRun& r = o.value;
    use_->setEnabled(true);
    bar_->setValue(1000);
    const train::EpochRecord& kept = r.epochs.at(size_t(r.best_record));
    QString text = tr("Written to %1 (best epoch %2, validation %3%4).")
                       .arg(r.written)
                       .arg(kept.epoch)
                       .arg(percent(kept.validation_accuracy))
                       .arg(r.cancelled ? tr(", cancelled") : QString());
    if (!r.cancelled) {
        const QString where = r.progressive ? tr("on the fixed chip") : tr("on %1 fresh chips (95 % CI)").arg(r.after.chips);
        text += "<br>" + tr("Test accuracy %1, %2 images: <b>%3</b> ± %4 before → <b>%5</b> ± %6 after · float %7 → %8")
                             .arg(where)
                             .arg(r.after.images)
                             .arg(percent(r.before.accuracy))
                             .arg(QString::number(r.before.accuracy_ci95 * 100, 'f', 2))
                             .arg(percent(r.after.accuracy))
                             .arg(QString::number(r.after.accuracy_ci95 * 100, 'f', 2))
                             .arg(percent(r.before.float_accuracy))
                             .arg(percent(r.after.float_accuracy));
    }
    result_->setText(text);
    std::map<std::string, double> metrics{{"validation_accuracy", kept.validation_accuracy}};
    if (!r.cancelled)
        metrics.insert({{"accuracy_before", r.before.accuracy}, {"accuracy", r.after.accuracy}, {"accuracy_ci95", r.after.accuracy_ci95}});
    emit runLogged(running_, r.written, dataset_, r.progressive ? QStringLiteral("progressive") : QStringLiteral("noise-aware"), metrics, o.seconds);
}

} // namespace kh::ui
