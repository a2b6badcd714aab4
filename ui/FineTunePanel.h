#pragma once
// Fine-tuning of the chosen model under the current design point, beside Evaluate accuracy
// (docs/training.md): the main settings, a live loss/accuracy chart, the accuracy before and after
// on chips training never drew (progressive: on the fixed chip), and the fine-tuned model offered
// as the model of the design, so accuracy runs and sweeps use it. Built with KIRCHHOFF_TRAINING.
#include "FineTuneJob.h"
#include "RemainingTime.h"

#include <QGroupBox>

#include <map>
#include <string>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace kh::ui {

class FineTuneChart;

class FineTunePanel : public QGroupBox {
    Q_OBJECT
public:
    explicit FineTunePanel(QWidget* parent = nullptr);
    void setDesign(const DesignPoint& dp) { dp_ = dp; }
    void setModel(const QString& modelPath, const QString& dataset);
    void start();
    void cancel();

    // The settings the run will use (from the fields); InputError names the field.
    FineTuneRequest request() const;

    QSpinBox* epochsField() const { return epochs_; }
    QSpinBox* trainImagesField() const { return trainImages_; }
    QSpinBox* validationImagesField() const { return validationImages_; }
    QCheckBox* progressiveBox() const { return progressive_; }
    QLineEdit* outputField() const { return out_; }
    QPushButton* useButton() const { return use_; }
    QLabel* resultLabel() const { return result_; }
    FineTuneChart* chart() const { return chart_; }
    FineTuneTask* task() const { return task_; }

signals:
    // "Use this model": the fine-tuned file becomes the design's model.
    void modelChosen(const QString& path, const QString& dataset);
    void errorShown(const QString& message);
    // A finished run for the run log: the design it ran under, the written model, the accuracy
    // before and after (absent when cancelled) and the wall time.
    void runLogged(const kh::DesignPoint& dp, const QString& writtenModel, const QString& dataset, const QString& label,
                   const std::map<std::string, double>& metrics, double seconds);

private:
    void onFinished();
    void browse();
    QString defaultOutput() const;
    DesignPoint dp_;
    DesignPoint running_;   // the design of the run in progress
    QString modelPath_, dataset_ = "fashion-mnist";
    RemainingTime remaining_;
    QSpinBox* epochs_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* trainImages_;
    QSpinBox* validationImages_;
    QCheckBox* progressive_;
    QSpinBox* progressiveImages_;
    QLineEdit* out_;
    QPushButton* run_;
    QPushButton* stop_;
    QPushButton* use_;
    QProgressBar* bar_;
    FineTuneChart* chart_;
    QLabel* result_;
    FineTuneTask* task_;
};

} // namespace kh::ui
