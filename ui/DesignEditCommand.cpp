#include "DesignEditCommand.h"

#include "DesignDocument.h"

namespace kh::ui {

DesignEditCommand::DesignEditCommand(DesignDocument* doc, DesignPoint before, DesignPoint after, const QString& label)
    : QUndoCommand(label), doc_(doc), before_(std::move(before)), after_(std::move(after))
{
    age_.start();
}

void DesignEditCommand::undo() { doc_->apply(before_); }

void DesignEditCommand::redo() { doc_->apply(after_); }

bool DesignEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const DesignEditCommand*>(other);
    if (o->text() != text() || age_.elapsed() > 1000)
        return false;
    after_ = o->after_;
    age_.restart();
    return true;
}

} // namespace kh::ui
