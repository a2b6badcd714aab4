#include "DesignDocument.h"

#include "DesignEditCommand.h"
#include "SourcesEditCommand.h"

#include <QUndoStack>

namespace kh::ui {

DesignDocument::DesignDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this))
{
    qRegisterMetaType<kh::DesignPoint>("kh::DesignPoint");
}

void DesignDocument::edit(const DesignPoint& next, const QString& label, const QString& field)
{
    undo_->push(new DesignEditCommand(this, project_.design, next, label, field));
}

void DesignDocument::apply(const DesignPoint& dp)
{
    project_.design = dp;
    emit designChanged(project_.design);
}

DesignSources DesignDocument::sources() const
{
    return {QString::fromStdString(project_.network_path), QString::fromStdString(project_.model_path),
            QString::fromStdString(project_.dataset)};
}

void DesignDocument::recordSources(const DesignSources& before, const QString& label)
{
    if (before != sources())
        undo_->push(new SourcesEditCommand(this, before, sources(), label));
}

void DesignDocument::setNetwork(const QString& path, LayerTable net)
{
    network_ = std::move(net);
    hasNetwork_ = true;
    project_.network_path = path.toStdString();
    emit networkChanged(path);
}

void DesignDocument::setModel(const QString& modelPath, const QString& dataset)
{
    project_.model_path = modelPath.toStdString();
    project_.dataset = dataset.toStdString();
    emit modelChanged(modelPath, dataset);
}

void DesignDocument::setSweep(const nlohmann::json& sweep) { project_.sweep = sweep; }

void DesignDocument::setResultsPath(const QString& path) { project_.results_path = path.toStdString(); }

void DesignDocument::setProject(const Project& p, const QString& path)
{
    project_ = p;
    projectPath_ = path;
    // The project's network is read next; until then the old table must not be estimated.
    network_ = {};
    hasNetwork_ = false;
    undo_->clear();
    emit designChanged(project_.design);
    emit networkChanged(QString::fromStdString(project_.network_path));
    emit projectPathChanged(path);
}

void DesignDocument::setProjectPath(const QString& path)
{
    projectPath_ = path;
    emit projectPathChanged(path);
}

} // namespace kh::ui
