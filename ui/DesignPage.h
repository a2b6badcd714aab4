#pragma once
// Base of the design panel's pages (Device, Array & precision, Noise, Technology). A page shows a
// design point and proposes edits; an edit that the core's validation rejects is marked at the
// field that the error's key path names, with the reason as its tooltip and in the page's status
// line, and never reaches the document.
#include "spec/DesignPoint.h"

#include <QWidget>

#include <map>
#include <string>

class QLabel;

namespace kh::ui {

class DesignPage : public QWidget {
    Q_OBJECT
public:
    explicit DesignPage(QWidget* parent = nullptr);
    // Fills the widgets from dp without proposing anything.
    void showDesign(const DesignPoint& dp);
    QLabel* statusLabel() const { return status_; }
    // The field currently marked invalid (nullptr when none).
    QWidget* invalidField() const { return invalid_; }

signals:
    void edited(const kh::DesignPoint& next, const QString& label);

protected:
    virtual void fill(const DesignPoint& dp) = 0;
    // Registers the widget that edits a design-point key ("array.rows", "noise.saf").
    void bindField(const std::string& keyPath, QWidget* w);
    // Validates next: emits edited(next, label) or marks the offending field. Returns success.
    bool propose(const DesignPoint& next, const QString& label);
    // Marks a field for a reason found by the page itself (a table row that does not parse).
    void markInvalid(QWidget* w, const QString& reason);
    void clearMarks();
    bool updating() const { return updating_; }
    const DesignPoint& shown() const { return shown_; }

    QLabel* status_;

private:
    std::map<std::string, QWidget*> fields_;
    QWidget* invalid_ = nullptr;
    DesignPoint shown_;
    bool updating_ = false;
};

} // namespace kh::ui
