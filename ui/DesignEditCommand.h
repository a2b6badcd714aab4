#pragma once
// One undoable edit of the design point: the point before and after, a label for the Edit menu
// ("Undo ADC bits"), and the one key it changed, if any: consecutive edits of the same key (a spin
// box stepped several times) merge into one step.
#include "spec/DesignPoint.h"

#include <QUndoCommand>

namespace kh::ui {

class DesignDocument;

class DesignEditCommand : public QUndoCommand {
public:
    DesignEditCommand(DesignDocument* doc, DesignPoint before, DesignPoint after, const QString& label, const QString& field);
    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    DesignDocument* doc_;
    DesignPoint before_, after_;
    QString field_;
};

} // namespace kh::ui
