#include "DesignEditCommand.h"

#include "DesignDocument.h"

namespace kh::ui {

DesignEditCommand::DesignEditCommand(DesignDocument* doc, DesignPoint before, DesignPoint after, const QString& label, const QString& field)
    : QUndoCommand(label), doc_(doc), before_(std::move(before)), after_(std::move(after)), field_(field)
{
}

void DesignEditCommand::undo() { doc_->apply(before_); }

void DesignEditCommand::redo() { doc_->apply(after_); }

bool DesignEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const DesignEditCommand*>(other);
    if (field_.isEmpty() || o->field_ != field_)
        return false;
    after_ = o->after_;
    return true;
}

} // namespace kh::ui
