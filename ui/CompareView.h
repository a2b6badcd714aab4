#pragma once
// Pinned design points side by side: headline metrics first, then every design-point field, one
// column per pin (A, B, …). Rows whose values differ are highlighted; "only differences" hides
// the rest. Double-clicking a column's header loads that point again.
#include "spec/DesignPoint.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace kh::ui {

struct PinnedPoint {
    QString label;                          // "A", "B", …
    DesignPoint design;
    QString network;                        // the PPA network it was estimated on
    QString model;                          // the accuracy model ("" without accuracy)
    std::map<std::string, double> metrics;  // tops_per_w, tops, area_mm2, tops_per_mm2, fps, accuracy
};

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    void pin(const PinnedPoint& p);
    void clear();
    const std::vector<PinnedPoint>& pins() const { return pins_; }
    // The label the next pin gets.
    QString nextLabel() const;
    QTableWidget* table() const { return table_; }
    QCheckBox* onlyDifferences() const { return onlyDiff_; }
    // Whether the row named 'name' (a metric label or a field key) differs between the pins.
    bool differs(const QString& name) const;
    // The table row named 'name', or -1.
    int rowOf(const QString& name) const;

signals:
    void loadRequested(const kh::ui::PinnedPoint& p);

private:
    void rebuild();
    std::vector<PinnedPoint> pins_;
    QTableWidget* table_;
    QCheckBox* onlyDiff_;
    QLabel* hint_;
};

} // namespace kh::ui
