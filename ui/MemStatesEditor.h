#pragma once
// The mem_states table (conductance mean and σ per state, lowest first) with add/remove rows,
// paste from a spreadsheet (tab- or comma-separated) and import/export in NeuroSim's CSV layout.
// A paste or import that does not parse shows why (clipboard:line / file:line) and changes nothing.
#include "spec/DesignPoint.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace kh::ui {

class QuantityDelegate;

class MemStatesEditor : public QWidget {
    Q_OBJECT
public:
    explicit MemStatesEditor(QWidget* parent = nullptr);
    void setStates(const std::vector<MemState>& states);   // without emitting
    // The table's states; false and the reason (row named) when a row is not valid.
    bool states(std::vector<MemState>& out, QString* error) const;

    bool importCsv(const QString& path);
    bool exportCsv(const QString& path);
    bool pasteText(const QString& text);   // replaces the table
    QTableWidget* table() const { return table_; }

signals:
    void edited();
    void errorShown(const QString& message);

private:
    void fillRows(const std::vector<MemState>& states);
    QTableWidget* table_;
    QuantityDelegate* cells_;
    bool updating_ = false;
};

} // namespace kh::ui
