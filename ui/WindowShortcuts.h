#pragma once
// Lets the window's own shortcuts win over a focused text field for keys the field would
// otherwise take: Ctrl+E (evaluate accuracy; a line edit moves to the end of the line) anywhere,
// and undo/redo inside number fields, where the document's undo is the one meant (an edit there is
// already a document step once committed).
#include <QKeySequence>
#include <QObject>

#include <vector>

namespace kh::ui {

class WindowShortcuts : public QObject {
    Q_OBJECT
public:
    explicit WindowShortcuts(QObject* parent);
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::vector<QKeySequence> everywhere_;
    std::vector<QKeySequence> inNumberFields_;
};

} // namespace kh::ui
