#pragma once
// Network & dataset: the network the hardware is estimated on (a NetWork.csv or an ONNX model),
// the ONNX model and dataset accuracy is measured with, and the evaluation budget (test images,
// simulated chips, seed).
#include "DesignPage.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace kh::ui {

class QuantityField;

class NetworkPage : public DesignPage {
    Q_OBJECT
public:
    NetworkPage(const QString& presetDir, QWidget* parent = nullptr);
    // Selects (adding when new) without emitting.
    void showNetwork(const QString& path);
    void showModel(const QString& path, const QString& dataset);
    QString modelPath() const;
    QString dataset() const;

    QComboBox* networkBox() const { return network_; }
    QComboBox* modelBox() const { return model_; }
    QSpinBox* imagesBox() const { return images_; }
    QLineEdit* meanEdit() const { return mean_; }
    QLineEdit* stdEdit() const { return std_; }
    QLineEdit* resizeEdit() const { return resize_; }
    QComboBox* datasetFormatBox() const { return format_; }
    QSpinBox* chipsBox() const { return chips_; }

signals:
    void networkChosen(const QString& path);
    void modelChosen(const QString& path, const QString& dataset);

protected:
    void fill(const DesignPoint& dp) override;

private:
    static void select(QComboBox* box, const QString& path);
    QString presetDir_;
    QComboBox* network_;
    QComboBox* model_;
    QLineEdit* dataset_;
    QSpinBox* images_;
    QSpinBox* chips_;
    QSpinBox* seed_;
    QComboBox* format_;
    QLineEdit* resize_;
    QLineEdit* crop_;
    QLineEdit* mean_;
    QLineEdit* std_;
};

} // namespace kh::ui
