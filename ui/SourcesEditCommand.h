#pragma once
// One undoable change of what the design is evaluated on: the network for PPA, the model and the
// dataset for accuracy. Pushed after the change was applied (and loaded without error), so its
// first redo does nothing; undo and redo ask the document to restore the other set.
#include "DesignDocument.h"

#include <QUndoCommand>

namespace kh::ui {

class SourcesEditCommand : public QUndoCommand {
public:
    SourcesEditCommand(DesignDocument* doc, DesignSources before, DesignSources after, const QString& label);
    void undo() override;
    void redo() override;

private:
    DesignDocument* doc_;
    DesignSources before_, after_;
    bool applied_ = true;
};

} // namespace kh::ui
