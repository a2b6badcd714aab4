#pragma once
// The PPA result of one design point: headline metrics, area and energy breakdown charts and the
// per-layer table. Pure display: it never computes anything. Each result keeps the inputs it was
// computed from; when the current inputs differ, or an edit is still refused at a field, it is
// greyed and marked "stale" with what to do, so no number stands for a design it is not of.
#include "ResultInputs.h"

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
    void setReport(const PpaReport& r, const ResultInputs& inputs);
    void setBusy(bool busy);
    void setError(const QString& message);
    // No report any more (the network is gone): the numbers are removed, the reason shown.
    void clearReport(const QString& reason);
    // Accuracy of the last Monte-Carlo evaluation, shown in the headline beside the PPA figures.
    void setAccuracy(double accuracy, double ci95, const ResultInputs& inputs);
    // The inputs of the document now: results computed from others are marked stale.
    void setCurrentInputs(const ResultInputs& ppa, const ResultInputs& accuracy);
    // An edit refused at a field ("" when none): the numbers are of the last valid point.
    void setRefusedEdit(const QString& reason);
    bool ppaStale() const;
    bool hasReport() const { return haveReport_; }
    const PpaReport& report() const { return report_; }
    // The accuracy shown (-1 when none) and its 95 % half-width.
    double accuracy() const { return accuracy_; }
    double accuracyCi95() const { return ci95_; }
    const ResultInputs& accuracyInputs() const { return accuracyInputs_; }
    bool accuracyStale() const;

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
    ResultInputs reportInputs_, accuracyInputs_;
    ResultInputs currentPpa_, currentAccuracy_;
    QString refused_;
    QLabel* headline_;
    QLabel* detail_;
    QLabel* state_;
    BreakdownChart* areaChart_;
    BreakdownChart* energyChart_;
    LayerTableModel* layerModel_;
    QTableView* table_;
};

} // namespace kh::ui
