#include "WindowShortcuts.h"

#include <QAbstractSpinBox>
#include <QKeyEvent>
#include <QWidget>

namespace kh::ui {

WindowShortcuts::WindowShortcuts(QObject* parent)
    : QObject(parent),
      everywhere_{QKeySequence(tr("Ctrl+E"))},
      inNumberFields_{QKeySequence(QKeySequence::Undo), QKeySequence(QKeySequence::Redo), QKeySequence(tr("Ctrl+Shift+Z"))}
{
}

bool WindowShortcuts::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    const QKeySequence pressed(key->keyCombination());
    auto matches = [&](const std::vector<QKeySequence>& list) {
        for (const QKeySequence& s : list)
            if (s.matches(pressed) == QKeySequence::ExactMatch)
                return true;
        return false;
    };
    auto* widget = qobject_cast<QWidget*>(watched);
    bool inNumberField = false;
    for (QWidget* w = widget; w; w = w->parentWidget())
        if (qobject_cast<QAbstractSpinBox*>(w))
            inNumberField = true;
    // Not delivering the override leaves it unaccepted, so the shortcut map runs the action.
    return matches(everywhere_) || (inNumberField && matches(inNumberFields_));
}

} // namespace kh::ui
