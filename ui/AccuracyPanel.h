#pragma once
// Network & dataset for accuracy: pick an ONNX model and dataset, set images and chips, run the
// Monte-Carlo evaluation in the background (with progress and cancel) and show the accuracy with
// its spread beside the PPA report.
#include "spec/DesignPoint.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace kh::ui {

class AccuracyRunner;
struct AccuracyResult;

class AccuracyPanel : public QGroupBox {
    Q_OBJECT
public:
    AccuracyPanel(const QString& presetDir, QWidget* parent = nullptr);
    void setDesign(const DesignPoint& dp) { dp_ = dp; }
    void evaluate();
    void cancel();

    QComboBox* modelBox() const { return model_; }
    QSpinBox* imagesBox() const { return images_; }
    QSpinBox* chipsBox() const { return chips_; }
    QLabel* resultLabel() const { return result_; }
    AccuracyRunner* runner() const { return runner_; }

signals:
    void accuracyShown(double accuracy, double ci95);
    void errorShown(const QString& message);

private:
    void onFinished(const AccuracyResult& r);
    DesignPoint dp_;
    QComboBox* model_;
    QLineEdit* dataset_;
    QSpinBox* images_;
    QSpinBox* chips_;
    QPushButton* run_;
    QPushButton* stop_;
    QProgressBar* bar_;
    QLabel* result_;
    AccuracyRunner* runner_;
};

} // namespace kh::ui
