#pragma once
// Every accuracy evaluation, sweep and pinned point, newest first, with what it was run on, its
// results and how long it took. The log is a file in the user's data folder (JSON Lines, see
// dse/RunLog.h), so it survives restarts; double-clicking an entry (or Reopen) brings it back:
// the design point into the design panel, a sweep's results into the Sweep view.
#include "dse/RunLog.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace kh::ui {

class RunLogView : public QWidget {
    Q_OBJECT
public:
    // path: the log file (created on the first entry).
    explicit RunLogView(const QString& path, QWidget* parent = nullptr);
    // The default file: runs.jsonl in the user's application data folder.
    static QString defaultPath();
    // Appends to the file and shows the entry; a write error is shown in the view's status.
    void add(const RunLogEntry& e);
    void reload();
    const std::vector<RunLogEntry>& entries() const { return entries_; }
    QTableWidget* table() const { return table_; }
    QLabel* status() const { return status_; }
    QString path() const { return path_; }

signals:
    void reopenRequested(const kh::RunLogEntry& e);

private:
    void show(const RunLogEntry& e, int row);
    QString path_;
    std::vector<RunLogEntry> entries_;   // oldest first; the table shows them newest first
    QTableWidget* table_;
    QLabel* status_;
};

} // namespace kh::ui
