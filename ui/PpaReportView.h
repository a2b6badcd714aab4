#pragma once
// The PPA result of one design point: headline metrics, area and energy breakdown charts and the
// per-layer table. Pure display: it never computes anything.
#include "ppa/PpaReport.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace kh::ui {

class BreakdownChart;
class LayerTableModel;

class PpaReportView : public QWidget {
    Q_OBJECT
public:
    explicit PpaReportView(QWidget* parent = nullptr);
    void setReport(const PpaReport& r);
    void setBusy(bool busy);
    void setError(const QString& message);
    // No report any more (the network is gone): the numbers are removed, the reason shown.
    void clearReport(const QString& reason);
    // Accuracy of the last Monte-Carlo evaluation, shown in the headline beside the PPA figures.
    void setAccuracy(double accuracy, double ci95);

    QLabel* headline() const { return headline_; }
    BreakdownChart* areaChart() const { return areaChart_; }
    BreakdownChart* energyChart() const { return energyChart_; }
    LayerTableModel* layerModel() const { return layerModel_; }
    QTableView* layerTable() const { return table_; }
    void copyLayerTable() const;

private:
    void updateHeadline();
    PpaReport report_;
    bool haveReport_ = false;
    double accuracy_ = -1, ci95_ = 0;
    QLabel* headline_;
    QLabel* detail_;
    QLabel* state_;
    BreakdownChart* areaChart_;
    BreakdownChart* energyChart_;
    LayerTableModel* layerModel_;
    QTableView* table_;
};

} // namespace kh::ui
