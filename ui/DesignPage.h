#pragma once
// Base of the design panel's pages (Device, Array & precision, Noise, Technology). A page shows a
// design point and proposes edits; an edit that the core's validation rejects is marked at the
// field that the error's key path names, with the reason as its tooltip and in the page's status
// line, and never reaches the document.
#include "spec/DesignPoint.h"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace kh::ui {

class QuantityField;

class DesignPage : public QWidget {
    Q_OBJECT
public:
    explicit DesignPage(QWidget* parent = nullptr);
    // Fills the widgets from dp without proposing anything.
    void showDesign(const DesignPoint& dp);
    QLabel* statusLabel() const { return status_; }
    // The field currently marked invalid (nullptr when none).
    QWidget* invalidField() const { return invalid_; }
    // Why the edit at invalidField() was refused ("" when none).
    QString refusedReason() const;

signals:
    // 'field' names the one key an editor changed ("" for edits of several keys): the undo stack
    // merges consecutive edits of the same field into one step.
    void edited(const kh::DesignPoint& next, const QString& label, const QString& field);
    // An edit is refused at a field (its reason), or no longer ("").
    void refusedEditChanged(const QString& reason);

protected:
    virtual void fill(const DesignPoint& dp) = 0;
    // Editors of one scalar key, set up from the field table (range, decimals, unit and tooltip at
    // the table's display scale) and bound to it: an edit proposes that key alone, so a value
    // another widget cannot show exactly is never written back. fillEditors shows dp in all of them.
    QSpinBox* intEditor(const std::string& key, const QString& label);
    QuantityField* numberEditor(const std::string& key, const QString& label);
    // A number field set up from the field table (range, unit, step, tooltip, plausible bound)
    // whose refusals are marked on this page, but not bound to its key: for optional numbers
    // whose page decides when to propose them.
    QuantityField* quantityWidget(const std::string& key);
    QComboBox* enumEditor(const std::string& key, const QString& label);
    // A text field for an optional number or a list of numbers ("0.485, 0.456, 0.406"); empty is null.
    QLineEdit* textEditor(const std::string& key, const QString& label);
    void fillEditors(const DesignPoint& dp);
    // Sets one key (a JSON value, range-checked by the field table) on the shown point and proposes it.
    bool proposeField(const std::string& key, const nlohmann::json& value, const QString& label);
    // Changes a page makes to a proposal of one key before it is validated (a measured table that
    // no longer fits the new cell resolution, a live readout of a derived quantity).
    virtual void adjust(DesignPoint& /*next*/, const std::string& /*key*/) {}
    // Registers the widget that edits a design-point key ("array.rows", "noise.saf").
    void bindField(const std::string& keyPath, QWidget* w);
    // Validates next: emits edited(next, label) or marks the offending field. Returns success.
    bool propose(const DesignPoint& next, const QString& label, const QString& field = {});
    // Marks a field for a reason found by the page itself (a table row that does not parse).
    void markInvalid(QWidget* w, const QString& reason);
    void clearMarks();
    bool updating() const { return updating_; }
    const DesignPoint& shown() const { return shown_; }

    QLabel* status_;

private:
    std::map<std::string, QWidget*> fields_;
    std::vector<std::function<void(const DesignPoint&)>> fillers_;   // one per table-bound editor
    std::optional<std::pair<std::string, nlohmann::json>> pending_;  // a single-key edit rejected by validation
    static void setField(DesignPoint& dp, const std::string& key, const nlohmann::json& value);
    QWidget* invalid_ = nullptr;
    DesignPoint shown_;
    bool updating_ = false;
};

} // namespace kh::ui
