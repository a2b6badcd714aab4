#pragma once
// Everything the window does with files, apart from drawing: projects (open, save, recent, the
// last one reopened at start), design points, device and sweep presets, and the network and model
// the design is evaluated on. It reads files through the core, applies them to the document (as
// undoable steps where the user would expect undo), and reports a rejected file as errorShown;
// nothing the document held is changed then.
#include "DesignDocument.h"

#include "spec/ProjectFile.h"

#include <QObject>
#include <QString>
#include <QStringList>

namespace kh::ui {

class ProjectController : public QObject {
    Q_OBJECT
public:
    ProjectController(DesignDocument* doc, const QString& presetDir, QObject* parent = nullptr);

    // The project a new window starts with: VGG8 on NeuroSim's 22 nm RRAM point for PPA, the
    // Fashion-MNIST MLP for accuracy (fast on a laptop), the default sweep.
    void newProject();
    // Reopens the last project, or starts a new one when there is none or it cannot be read.
    void restoreLastProject();

    // Each returns false (errorShown) when the file is rejected.
    bool openNetwork(const QString& path);   // undoable
    bool openDesign(const QString& path);    // undoable
    bool saveDesign(const QString& path);
    bool applyDevicePreset(const QString& path);   // undoable
    bool loadSweepPreset(const QString& path);     // undoable (design and sources)
    bool openProject(const QString& path);
    bool saveProject(const QString& path);
    // The model and dataset for accuracy, as one undoable step.
    void chooseModel(const QString& model, const QString& dataset);

    QStringList recentProjects() const;   // newest first, absolute paths

    static nlohmann::json defaultSweep();

signals:
    void errorShown(const QString& title, const QString& message);
    void statusMessage(const QString& message);
    // A project or sweep preset brings a sweep section (and a results file, "" for none) that the
    // sweep view shows; fromPreset: the user chose a sweep, so the view comes to the front.
    void sweepLoaded(const nlohmann::json& section, const QString& resultsPath, bool fromPreset);
    // Saving asks the views to put their unsaved state (the sweep editors) into the document first.
    void aboutToSave();

private:
    // Reads a network (NetWork.csv or ONNX) into the document without an undo step.
    bool loadNetwork(const QString& path);
    void reloadSources(const DesignSources& s);
    void addRecent(const QString& path);

    DesignDocument* doc_;
    QString presetDir_;
};

} // namespace kh::ui
