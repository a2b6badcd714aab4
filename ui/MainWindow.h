#pragma once
// The explorer window (README, "The window"). Left: the design panel (Device, Array & precision, Network &
// dataset, Noise, Technology), every edit going through the document's undo stack. Right: the
// result views (Single point, Sweep, Floorplan, Learn). PPA estimates run off the UI thread and
// follow every accepted edit. Menus: projects (open/save/recent), presets (designs, devices,
// networks, sweeps), undo/redo, chart and table export, tools.
#include "CoreJobs.h"

#include "spec/LayerTable.h"
#include "spec/DesignPoint.h"

#include <QMainWindow>

class QChart;
class QMenu;
class QTabWidget;

namespace kh {
struct PointRecord;
}

namespace kh::ui {

class AccuracyPanel;
class ArrayPage;
class DesignDocument;
class DevicePage;
class FloorplanView;
class LearnView;
class NetworkPage;
class NoisePage;
class PpaReportView;
class SinglePointView;
class SweepView;
class TechnologyPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& presetDir, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Each returns false (and shows a non-blocking error dialog) when the file is rejected;
    // nothing the user had is changed then.
    bool openNetwork(const QString& path);   // undoable
    bool openDesign(const QString& path);   // undoable
    bool saveDesign(const QString& path);
    bool openProject(const QString& path);
    bool saveProject(const QString& path);
    bool applyDevicePreset(const QString& path);   // undoable
    bool loadSweepPreset(const QString& path);
    // which: area | energy | pareto | states | learn
    bool exportChart(const QString& which, const QString& path);
    bool exportLayerCsv(const QString& path);
    bool exportSweepCsv(const QString& path);
    void loadRecord(const kh::PointRecord& record);

    DesignDocument* document() const { return doc_; }
    DevicePage* devicePage() const { return device_; }
    ArrayPage* arrayPage() const { return array_; }
    NetworkPage* networkPage() const { return networkPage_; }
    NoisePage* noisePage() const { return noise_; }
    TechnologyPage* technologyPage() const { return technology_; }
    QTabWidget* designTabs() const { return designTabs_; }
    QTabWidget* viewTabs() const { return viewTabs_; }
    SinglePointView* singlePoint() const { return single_; }
    PpaReportView* reportView() const;
    AccuracyPanel* accuracyPanel() const;
    SweepView* sweepView() const { return sweep_; }
    FloorplanView* floorplanView() const { return floorplan_; }
    LearnView* learnView() const { return learn_; }
    QMenu* presetsMenu() const { return presetsMenu_; }
    int completedEstimates() const { return completed_; }
    const LayerTable& network() const { return net_; }
    const DesignPoint& design() const;

signals:
    void errorShown(const QString& message);
    void estimateShown();

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    void buildMenus();
    QChart* chartNamed(const QString& which) const;
    void buildPresetsMenu();
    void rebuildRecentMenu();
    void addRecent(const QString& path);
    void updateTitle();
    void showError(const QString& title, const QString& message);
    void recompute();
    void onResult();
    void startDefaults();
    // Loads a network for PPA without recording an undo step; false (error shown) when rejected.
    bool loadNetwork(const QString& path);
    // The model and dataset for accuracy, shown on the Network page and used by the accuracy panel.
    void useModel(const QString& model, const QString& dataset);
    void chooseModel(const QString& model, const QString& dataset);   // the same, undoable
    bool saveProjectAs();

    QString presetDir_;
    DesignDocument* doc_;
    QTabWidget* designTabs_;
    QTabWidget* viewTabs_;
    DevicePage* device_;
    ArrayPage* array_;
    NetworkPage* networkPage_;
    NoisePage* noise_;
    TechnologyPage* technology_;
    SinglePointView* single_;
    SweepView* sweep_;
    FloorplanView* floorplan_;
    LearnView* learn_;
    PpaTask* ppa_;
    QMenu* recentMenu_ = nullptr;
    QMenu* presetsMenu_ = nullptr;
    LayerTable net_;
    bool haveNetwork_ = false;
    bool closeConfirmed_ = false;   // the unsaved-changes question was answered: close without asking
    int completed_ = 0;
};

} // namespace kh::ui
