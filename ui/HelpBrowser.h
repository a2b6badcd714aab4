#pragma once
// The user guide, shipped inside the application (docs/user-guide.md as a Qt resource), shown at
// the section that belongs to what the user is looking at. Offline by design.
#include <QDialog>

class QTextBrowser;

namespace kh::ui {

class HelpBrowser : public QDialog {
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget* parent = nullptr);
    // Scrolls to the section whose heading is 'heading'; false when there is none.
    bool showSection(const QString& heading);
    // The heading of the section shown at the top ("" before any).
    QString currentSection() const { return current_; }
    QStringList sections() const;
    QTextBrowser* text() const { return text_; }

private:
    QTextBrowser* text_;
    QString current_;
};

} // namespace kh::ui
