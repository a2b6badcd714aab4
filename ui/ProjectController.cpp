#include "ProjectController.h"

#include "PresetCatalog.h"

#include "cim/ModelLayerTable.h"
#include "common/InputError.h"
#include "common/TextFile.h"
#include "dse/SweepSpec.h"
#include "spec/DesignPointJson.h"
#include "vmm/DeviceToDesign.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QUndoStack>

namespace kh::ui {

namespace {
constexpr int kRecentProjects = 10;
}

ProjectController::ProjectController(DesignDocument* doc, const QString& presetDir, QObject* parent)
    : QObject(parent), doc_(doc), presetDir_(presetDir)
{
    connect(doc_, &DesignDocument::sourcesRestored, this, &ProjectController::reloadSources);
}

nlohmann::json ProjectController::defaultSweep()
{
    // The V1.5 study's core axes, small enough for a laptop.
    return nlohmann::json::parse(R"({"name": "GUI sweep",
        "axes": {"array.parallel_rows": [32, 64, 128], "device.cell_bits": [1, 2, 4],
                 "precision.adc_bits": {"lossless_minus": [0, 1, 2]}},
        "sampler": "grid", "objectives": ["tops_per_w", "accuracy"]})");
}

void ProjectController::newProject()
{
    const PresetCatalog catalog(presetDir_);
    const QString net = catalog.file("networks", "vgg8", "csv");
    const QString design = catalog.file("designs", "neurosim_vgg8_rram22", "json");
    const QString model = catalog.file("models", "mlp_fashion", "onnx");
    Project p;
    if (!design.isEmpty()) {
        try {
            p.design = loadDesignPointFile(design.toStdString());
        } catch (const InputError& e) {
            emit errorShown(tr("Cannot open design point"), QString::fromStdString(e.what()));
        }
    }
    p.model_path = model.toStdString();
    p.dataset = "fashion-mnist";
    p.sweep = defaultSweep();
    doc_->setProject(p, {});
    doc_->setModel(model, "fashion-mnist");
    emit sweepLoaded(p.sweep, {}, false);
    if (!net.isEmpty())
        loadNetwork(net);
}

void ProjectController::restoreLastProject()
{
    const QString last = QSettings().value("lastProject").toString();
    if (last.isEmpty() || !QFileInfo::exists(last) || !openProject(last))
        newProject();
}

bool ProjectController::openNetwork(const QString& path)
{
    const DesignSources before = doc_->sources();
    if (!loadNetwork(path))
        return false;
    doc_->recordSources(before, tr("Network %1").arg(QFileInfo(path).completeBaseName()));
    return true;
}

bool ProjectController::loadNetwork(const QString& path)
{
    LayerTable net;
    try {
        net = cim::loadNetworkFile(path.toStdString());
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot open network"), QString::fromStdString(e.what()));
        return false;
    }
    const size_t layers = net.layers.size();
    doc_->setNetwork(path, std::move(net));
    emit statusMessage(tr("Network %1: %2 layers").arg(QFileInfo(path).fileName()).arg(layers));
    return true;
}

void ProjectController::reloadSources(const DesignSources& s)
{
    if (!s.network.isEmpty() && s.network != doc_->sources().network)
        loadNetwork(s.network);
    doc_->setModel(s.model, s.dataset);
}

void ProjectController::chooseModel(const QString& model, const QString& dataset)
{
    const DesignSources before = doc_->sources();
    doc_->setModel(model, dataset);
    doc_->recordSources(before, tr("Model %1").arg(model.isEmpty() ? tr("none") : QFileInfo(model).completeBaseName()));
}

bool ProjectController::openDesign(const QString& path)
{
    DesignPoint dp;
    try {
        dp = loadDesignPointFile(path.toStdString());
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot open design point"), QString::fromStdString(e.what()));
        return false;
    }
    doc_->edit(dp, tr("Load %1").arg(PresetCatalog::label(path)));
    return true;
}

bool ProjectController::saveDesign(const QString& path)
{
    try {
        writeTextFile(path.toStdString(), designPointToJson(doc_->design()).dump(2) + "\n");
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot save design point"), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool ProjectController::applyDevicePreset(const QString& path)
{
    DesignPoint dp = doc_->design();
    try {
        vmm::applyDeviceToDesign(vmm::loadDeviceFile(path.toStdString()), dp);
        validateDesignPoint(dp);
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot use device"), QString::fromStdString(e.what()));
        return false;
    }
    doc_->edit(dp, tr("Device %1").arg(PresetCatalog::label(path)));
    return true;
}

bool ProjectController::loadSweepPreset(const QString& path)
{
    SweepSpec spec;
    try {
        spec = loadSweepSpecFile(path.toStdString(), QCoreApplication::applicationDirPath().toStdString());
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot open sweep"), QString::fromStdString(e.what()));
        return false;
    }
    // The spec's base, model and network become the project's; its axes and sampler the sweep's.
    nlohmann::json section = spec.source;
    for (const char* key : {"base", "model", "network", "dataset", "budget", "format"})
        section.erase(key);
    const QString name = QString::fromStdString(spec.name);
    doc_->undoStack()->beginMacro(tr("Load sweep %1").arg(name));
    const DesignSources before = doc_->sources();
    doc_->edit(designPointFromJson(spec.base), tr("Load sweep %1").arg(name));
    doc_->setSweep(section);
    doc_->setModel(QString::fromStdString(spec.model_path), QString::fromStdString(spec.dataset));
    const std::string net = spec.network_path.empty() ? spec.model_path : spec.network_path;
    if (!net.empty())
        loadNetwork(QString::fromStdString(net));
    doc_->recordSources(before, tr("Sources of sweep %1").arg(name));
    doc_->undoStack()->endMacro();
    emit sweepLoaded(section, {}, true);
    return true;
}

bool ProjectController::openProject(const QString& path)
{
    Project p;
    try {
        p = loadProjectFile(path.toStdString());
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot open project"), QString::fromStdString(e.what()));
        return false;
    }
    doc_->setProject(p, QFileInfo(path).absoluteFilePath());
    doc_->setModel(QString::fromStdString(p.model_path), QString::fromStdString(p.dataset));
    emit sweepLoaded(p.sweep.is_object() ? p.sweep : defaultSweep(), QString::fromStdString(p.results_path), false);
    if (!p.network_path.empty())
        loadNetwork(QString::fromStdString(p.network_path));
    addRecent(path);
    return true;
}

bool ProjectController::saveProject(const QString& path)
{
    emit aboutToSave();
    try {
        saveProjectFile(path.toStdString(), doc_->project());
    } catch (const InputError& e) {
        emit errorShown(tr("Cannot save project"), QString::fromStdString(e.what()));
        return false;
    }
    doc_->setProjectPath(QFileInfo(path).absoluteFilePath());
    doc_->undoStack()->setClean();
    addRecent(path);
    emit statusMessage(tr("Saved %1").arg(path));
    return true;
}

QStringList ProjectController::recentProjects() const { return QSettings().value("recentProjects").toStringList(); }

void ProjectController::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value("recentProjects").toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kRecentProjects)
        recent.removeLast();
    settings.setValue("recentProjects", recent);
    settings.setValue("lastProject", abs);
}

} // namespace kh::ui
