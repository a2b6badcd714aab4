#include "SourcesEditCommand.h"

namespace kh::ui {

SourcesEditCommand::SourcesEditCommand(DesignDocument* doc, DesignSources before, DesignSources after, const QString& label)
    : QUndoCommand(label), doc_(doc), before_(std::move(before)), after_(std::move(after))
{
}

void SourcesEditCommand::undo()
{
    doc_->restoreSources(before_);
    applied_ = false;
}

void SourcesEditCommand::redo()
{
    if (applied_)
        return;   // the push itself: the window has already loaded these sources
    doc_->restoreSources(after_);
    applied_ = true;
}

} // namespace kh::ui
