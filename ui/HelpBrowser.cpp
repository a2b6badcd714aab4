#include "HelpBrowser.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QVBoxLayout>

// The guide is a resource of a static library: it must be registered by name before use.
static void registerUserGuide() { Q_INIT_RESOURCE(user_guide); }

namespace kh::ui {

HelpBrowser::HelpBrowser(QWidget* parent) : QDialog(parent)
{
    registerUserGuide();
    setWindowTitle(tr("Kirchhoff user guide"));
    setObjectName("helpBrowser");
    text_ = new QTextBrowser;
    text_->setOpenExternalLinks(false);
    QFile guide(":/help/user-guide.md");
    if (guide.open(QIODevice::ReadOnly))
        text_->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        text_->setPlainText(tr("The user guide is missing from this build (:/help/user-guide.md)."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_);
    layout->addWidget(buttons);
    resize(720, 640);
}

QStringList HelpBrowser::sections() const
{
    QStringList out;
    for (QTextBlock b = text_->document()->begin(); b.isValid(); b = b.next())
        if (b.blockFormat().headingLevel() > 0)
            out << b.text();
    return out;
}

bool HelpBrowser::showSection(const QString& heading)
{
    for (QTextBlock b = text_->document()->begin(); b.isValid(); b = b.next())
        if (b.blockFormat().headingLevel() > 0 && b.text().compare(heading, Qt::CaseInsensitive) == 0) {
            // Put the heading at the top: scroll to the end first, then back to the heading.
            text_->verticalScrollBar()->setValue(text_->verticalScrollBar()->maximum());
            QTextCursor c(b);
            text_->setTextCursor(c);
            text_->ensureCursorVisible();
            current_ = b.text();
            return true;
        }
    return false;
}

} // namespace kh::ui
