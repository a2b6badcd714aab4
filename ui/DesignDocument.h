#pragma once
// The document the whole window edits: one design point (with undo/redo of every edit), the network
// it is estimated on, the model and dataset for accuracy, the sweep spec and the results file, and
// the project file it came from. Panels never change the design directly; they propose an edit
// here and redraw on designChanged, so undo, redo and loading a project update every view alike.
#include "spec/DesignPoint.h"
#include "spec/LayerTable.h"
#include "spec/ProjectFile.h"

#include <QObject>
#include <QString>

class QUndoStack;

namespace kh::ui {

// What a design is evaluated on (paths; empty = none).
struct DesignSources {
    QString network;
    QString model;
    QString dataset;
    bool operator==(const DesignSources&) const = default;
};

class DesignDocument : public QObject {
    Q_OBJECT
public:
    explicit DesignDocument(QObject* parent = nullptr);

    const DesignPoint& design() const { return project_.design; }
    const Project& project() const { return project_; }
    QUndoStack* undoStack() const { return undo_; }
    QString projectPath() const { return projectPath_; }

    // One undoable edit; consecutive edits of the same field (non-empty) merge into one step, so
    // dragging a spin box is one step, not fifty.
    void edit(const DesignPoint& next, const QString& label, const QString& field = {});
    // Applies without recording (used by the undo commands themselves).
    void apply(const DesignPoint& dp);

    DesignSources sources() const;
    // Records a change of sources the window has already applied, as one undoable step.
    void recordSources(const DesignSources& before, const QString& label);
    // Undo/redo of such a step: the window reloads what sourcesRestored names.
    void restoreSources(const DesignSources& s) { emit sourcesRestored(s); }

    // The network the design is estimated on, already read (the path is kept for the project).
    const LayerTable& network() const { return network_; }
    bool hasNetwork() const { return hasNetwork_; }
    void setNetwork(const QString& path, LayerTable net);
    void setModel(const QString& modelPath, const QString& dataset);
    void setSweep(const nlohmann::json& sweep);
    void setResultsPath(const QString& path);
    // Replaces everything (opening a project); clears the undo history.
    void setProject(const Project& p, const QString& path);
    void setProjectPath(const QString& path);

signals:
    void designChanged(const kh::DesignPoint& dp);
    void sourcesRestored(const kh::ui::DesignSources& sources);
    void networkChanged(const QString& path);   // hasNetwork() is false after a new project without one
    void projectPathChanged(const QString& path);
    void modelChanged(const QString& modelPath, const QString& dataset);

private:
    Project project_;
    LayerTable network_;
    bool hasNetwork_ = false;
    QString projectPath_;
    QUndoStack* undo_;
};

} // namespace kh::ui
