#pragma once
// One undoable edit of the design point: the point before and after, and a label for the
// Edit menu ("Undo ADC bits").
#include "spec/DesignPoint.h"

#include <QElapsedTimer>
#include <QUndoCommand>

namespace kh::ui {

class DesignDocument;

class DesignEditCommand : public QUndoCommand {
public:
    DesignEditCommand(DesignDocument* doc, DesignPoint before, DesignPoint after, const QString& label);
    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    DesignDocument* doc_;
    DesignPoint before_, after_;
    QElapsedTimer age_;
};

} // namespace kh::ui
