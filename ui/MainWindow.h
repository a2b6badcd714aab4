#pragma once
// The explorer window (README, "The window"). Left: the design panel (Device, Array & precision, Network &
// dataset, Noise, Technology), every edit going through the document's undo stack. Right: the
// result views (Single point, Sweep, Floorplan, Learn). PPA estimates run off the UI thread and
// follow every accepted edit. Menus: projects (open/save/recent), presets (designs, devices,
// networks, sweeps), undo/redo, chart and table export, tools. What is done with files lives in
// the ProjectController; the window draws, edits and exports.
#include "CoreJobs.h"
#include "ResultInputs.h"

#include "dse/RunLog.h"
#include "spec/LayerTable.h"
#include "spec/DesignPoint.h"

#include <QMainWindow>

class QChart;
class QDockWidget;
class QMenu;
class QTabWidget;

namespace kh {
struct PointRecord;
}

namespace kh::ui {

class HelpBrowser;
class CompareView;
class RunLogView;

class AccuracyPanel;
class ArrayPage;
class DesignDocument;
class DevicePage;
class FloorplanView;
class LearnView;
class NetworkPage;
class NoisePage;
class CircuitErrorsPage;
class PpaReportView;
class ProjectController;
class SinglePointView;
class SweepView;
class TechnologyPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& presetDir, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Files, presets, the network and the model: a rejected file shows a non-blocking error
    // dialog and changes nothing.
    ProjectController* project() const { return project_; }
    // Each returns false (error dialog) when the export fails.
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
    CircuitErrorsPage* circuitErrorsPage() const { return circuitErrors_; }
    TechnologyPage* technologyPage() const { return technology_; }
    QTabWidget* designTabs() const { return designTabs_; }
    QTabWidget* viewTabs() const { return viewTabs_; }
    // Brings a view (single point, sweep, floorplan, learn) to the front.
    void showView(QWidget* view);
    // The user guide's section for what has the focus (a design page) or is in front (a view).
    QString helpSection() const;
    HelpBrowser* showHelp(const QString& section);
    // Every menu action with a shortcut: (text, keys).
    QList<QPair<QString, QString>> shortcuts() const;
    void showShortcuts();
    // Pins the current point (with its estimate, and its accuracy when current) for Compare;
    // false when no current estimate exists.
    bool pinCurrentPoint();
    void reopenLogEntry(const kh::RunLogEntry& e);
    // A run-log entry of this kind for dp, on the current network, stamped now.
    RunLogEntry logEntry(const std::string& kind, const DesignPoint& dp) const;
    CompareView* compareView() const { return compare_; }
    RunLogView* runLogView() const { return runLog_; }
    SinglePointView* singlePoint() const { return single_; }
    PpaReportView* reportView() const;
    AccuracyPanel* accuracyPanel() const;
    SweepView* sweepView() const { return sweep_; }
    FloorplanView* floorplanView() const { return floorplan_; }
    LearnView* learnView() const { return learn_; }
    QMenu* presetsMenu() const { return presetsMenu_; }
    int completedEstimates() const { return completed_; }
    const LayerTable& network() const;
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
    void updateTitle();
    void showError(const QString& title, const QString& message);
    void recompute();
    ResultInputs currentPpaInputs() const;
    ResultInputs currentAccuracyInputs() const;
    void showCurrentInputs();
    void showRefusedEdits();
    ResultInputs requestedPpa_;   // the inputs of the newest PPA request
    void onResult();
    bool saveProjectAs();

    QString presetDir_;
    DesignDocument* doc_;
    ProjectController* project_;
    QTabWidget* designTabs_;
    QDockWidget* designDock_;
    HelpBrowser* help_ = nullptr;
    CompareView* compare_;
    RunLogView* runLog_;
    QTabWidget* viewTabs_;
    DevicePage* device_;
    ArrayPage* array_;
    NetworkPage* networkPage_;
    NoisePage* noise_;
    CircuitErrorsPage* circuitErrors_;
    TechnologyPage* technology_;
    SinglePointView* single_;
    SweepView* sweep_;
    FloorplanView* floorplan_;
    LearnView* learn_;
    PpaTask* ppa_;
    QMenu* recentMenu_ = nullptr;
    QMenu* presetsMenu_ = nullptr;
    bool closeConfirmed_ = false;   // the unsaved-changes question was answered: close without asking
    int completed_ = 0;
};

} // namespace kh::ui
