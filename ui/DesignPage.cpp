#include "DesignPage.h"

#include "common/InputError.h"
#include "spec/DesignPointJson.h"

#include <QLabel>

namespace kh::ui {

DesignPage::DesignPage(QWidget* parent) : QWidget(parent), status_(new QLabel)
{
    status_->setObjectName("pageStatus");
    status_->setWordWrap(true);
    status_->setStyleSheet("color: #b00020");
}

void DesignPage::showDesign(const DesignPoint& dp)
{
    clearMarks();   // before fill: a page may report a problem with what it shows
    updating_ = true;
    shown_ = dp;
    fill(dp);
    updating_ = false;
}

void DesignPage::bindField(const std::string& keyPath, QWidget* w) { fields_[keyPath] = w; }

void DesignPage::clearMarks()
{
    if (invalid_) {
        invalid_->setStyleSheet({});
        invalid_->setToolTip(invalid_->property("normalToolTip").toString());
    }
    invalid_ = nullptr;
    status_->clear();
}

void DesignPage::markInvalid(QWidget* w, const QString& reason)
{
    clearMarks();
    status_->setText(reason);
    if (!w)
        return;
    if (!w->property("normalToolTip").isValid())
        w->setProperty("normalToolTip", w->toolTip());
    w->setStyleSheet("border: 2px solid #b00020;");
    w->setToolTip(reason);
    invalid_ = w;
}

bool DesignPage::propose(const DesignPoint& next, const QString& label)
{
    if (updating_)
        return false;
    try {
        validateDesignPoint(next);
    } catch (const InputError& e) {
        const std::string message = e.what();
        const std::string key = message.substr(0, message.find(": "));
        // The most specific registered key that the error's path starts with.
        QWidget* field = nullptr;
        size_t best = 0;
        for (const auto& [path, w] : fields_)
            if (key.rfind(path, 0) == 0 && path.size() > best) {
                field = w;
                best = path.size();
            }
        markInvalid(field, QString::fromStdString(message));
        return false;
    }
    clearMarks();
    emit edited(next, label);
    return true;
}

} // namespace kh::ui
