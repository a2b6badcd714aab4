#pragma once
// The sweep view: axes editor, sampler, objectives, results file and threads; start, pause
// (stop now, resume later from the results file), cancel; progress with ETA; and the live Pareto
// scatter. The sweep's base is the document's design point with its model, network and dataset.
// Clicking a point emits it so the window can load it. Reopening a results file shows its points.
#include "CoreJobs.h"

#include "dse/PointRecord.h"

#include <nlohmann/json.hpp>

#include <QWidget>

class QComboBox;
class QLabel;
class QTimer;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace kh::ui {

class DesignDocument;
class ParetoScatterView;
class SweepAxesEditor;

class SweepView : public QWidget {
    Q_OBJECT
public:
    explicit SweepView(DesignDocument* doc, QWidget* parent = nullptr);

    // The document's sweep section shown in the editors (after loading a project or preset).
    void showSweep(const nlohmann::json& sweep);
    // The editors as a sweep section; false and the reason when a field cannot be read.
    bool sweepSection(nlohmann::json& out, QString* error) const;
    // Loads every point of a results file into the scatter; false (errorShown) when not one.
    bool openResults(const QString& path);

    // Every point (parameters, status, metrics) as CSV; returns the error text, "" on success.
    QString exportCsv(const QString& path) const;

    void start();
    void pause();
    void cancel();
    bool running() const;

    SweepAxesEditor* axesEditor() const { return axes_; }
    ParetoScatterView* scatter() const { return scatter_; }
    SweepTask* task() const { return task_; }
    QComboBox* samplerBox() const { return sampler_; }
    QLineEdit* resultsEdit() const { return results_; }
    QLabel* planLabel() const { return plan_; }
    QLabel* statusLabel() const { return status_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }

signals:
    void pointChosen(const kh::PointRecord& record);
    void pointStored(const kh::PointRecord& record);   // a running sweep stored this point
    void errorShown(const QString& message);
    // A run ended (finished, paused or cancelled) with this summary, into this results file.
    void runEnded(const kh::SweepSummary& summary, const QString& resultsPath);

private:
    void onFinished();
    void updateButtons();
    void updatePlan();
    QString defaultResultsPath() const;
    DesignDocument* doc_;
    SweepAxesEditor* axes_;
    QComboBox* sampler_;
    QSpinBox* points_;
    QSpinBox* generations_;
    QSpinBox* samplerSeed_;
    QComboBox* objectiveX_;
    QComboBox* objectiveY_;
    QLineEdit* results_;
    QSpinBox* threads_;
    QPushButton* start_;
    QPushButton* pause_;
    QPushButton* cancel_;
    QProgressBar* bar_;
    QLabel* status_;
    QLabel* plan_;
    QTimer* planTimer_;
    ParetoScatterView* scatter_;
    SweepTask* task_;
    bool paused_ = false;
};

} // namespace kh::ui
