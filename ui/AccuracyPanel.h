#pragma once
// Accuracy of the current design point: runs the Monte-Carlo evaluation of the chosen model and
// dataset (Network & dataset page) in the background, with progress and cancel, and shows the
// accuracy with its spread over simulated chips beside the PPA report.
#include "CoreJobs.h"
#include "RemainingTime.h"
#include "ResultInputs.h"

#include "spec/DesignPoint.h"

#include <QGroupBox>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace kh::ui {

class AccuracyPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit AccuracyPanel(QWidget* parent = nullptr);
    void setDesign(const DesignPoint& dp) { dp_ = dp; }
    void setModel(const QString& modelPath, const QString& dataset);
    void evaluate();
    void cancel();
    // Another action in the row of buttons (the view's Fine-tune…).
    void addButton(QPushButton* button);

    QLabel* resultLabel() const { return result_; }
    AccuracyTask* task() const { return task_; }
    // The design point of the last evaluation started.
    const DesignPoint& evaluatedDesign() const { return evaluated_; }

signals:
    void accuracyShown(double accuracy, double ci95, const kh::ui::ResultInputs& inputs);
    void errorShown(const QString& message);

private:
    void onFinished();
    DesignPoint dp_;
    DesignPoint evaluated_;
    RemainingTime remaining_;
    ResultInputs running_;   // the inputs of the evaluation in progress
    QString modelPath_;
    QString dataset_ = "fashion-mnist";
    QPushButton* run_;
    QPushButton* stop_;
    QHBoxLayout* buttons_;
    QProgressBar* bar_;
    QLabel* result_;
    AccuracyTask* task_;
};

} // namespace kh::ui
