#pragma once
// The first window: pick a network and a design preset (or open files), edit the main knobs and
// see the PPA report update. Estimates run off the UI thread through PpaRunner.
#include "nn/LayerTable.h"
#include "spec/DesignPoint.h"

#include <QMainWindow>

class QComboBox;

namespace kh::ui {

class AccuracyPanel;
class DesignKnobsPanel;
class NoisePanel;
class PpaReportView;
class PpaRunner;
struct PpaResult;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& presetDir, QWidget* parent = nullptr);

    // Each returns false (and shows a non-blocking error dialog) when the file is rejected;
    // nothing the user had is changed then.
    bool openNetwork(const QString& path);
    bool openDesign(const QString& path);
    bool saveDesign(const QString& path);
    bool exportChart(const QString& which, const QString& path);   // which: "area" | "energy"

    DesignKnobsPanel* knobs() const { return knobs_; }
    NoisePanel* noisePanel() const { return noise_; }
    AccuracyPanel* accuracyPanel() const { return accuracy_; }
    PpaReportView* reportView() const { return view_; }
    QComboBox* networkPresets() const { return networkBox_; }
    QComboBox* designPresets() const { return designBox_; }
    int completedEstimates() const { return completed_; }
    const LayerTable& network() const { return net_; }

signals:
    void errorShown(const QString& message);
    void estimateShown();

private:
    void buildMenus();
    void showError(const QString& title, const QString& message);
    void recompute();
    void onResult(const PpaResult& result);

    QString presetDir_;
    QComboBox* networkBox_;
    QComboBox* designBox_;
    DesignKnobsPanel* knobs_;
    NoisePanel* noise_;
    AccuracyPanel* accuracy_;
    PpaReportView* view_;
    PpaRunner* runner_;
    LayerTable net_;
    bool haveNetwork_ = false;
    int completed_ = 0;
};

} // namespace kh::ui
