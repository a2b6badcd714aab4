#pragma once
// The sweep's live scatter: every stored point in two chosen metrics (any of the sweep's metrics,
// linear or log axes) with the non-dominated front highlighted and joined. Points arrive one by
// one; the chart is redrawn at most a few times a second. Hovering shows a point's parameters,
// clicking one emits it.
#include "dse/PointRecord.h"

#include <QChartView>
#include <QTimer>

#include <vector>

class QCheckBox;
class QComboBox;

namespace kh::ui {

class ParetoScatterView : public QWidget {
    Q_OBJECT
public:
    explicit ParetoScatterView(QWidget* parent = nullptr);
    void setRecords(std::vector<PointRecord> records);   // replaces (reopening a results file)
    void addRecord(const PointRecord& record);           // live
    void clear();
    // Chooses the axes (metric names from knownMetricNames()).
    void setAxes(const QString& x, const QString& y);
    void setLog(bool logX, bool logY);
    void redrawNow();

    const std::vector<PointRecord>& records() const { return records_; }
    int plottedPoints() const { return int(plotted_.size()); }   // points in the chart's series
    int frontPoints() const;
    QChart* chart() const { return view_->chart(); }
    QChartView* chartView() const { return view_; }
    // The record drawn nearest to (x, y) in data coordinates; nullptr when none is plotted.
    const PointRecord* recordNear(double x, double y) const;
    // Emits pointChosen for the plotted record nearest to (x, y) (what a click does).
    void choosePointNear(double x, double y);

signals:
    void pointChosen(const kh::PointRecord& record);

private:
    struct Plotted {
        double x, y;
        size_t record;
        bool front;
    };
    void scheduleRedraw();
    void redraw();
    void connectSeries();
    std::vector<PointRecord> records_;
    std::vector<Plotted> plotted_;
    QChartView* view_;
    QComboBox* xBox_;
    QComboBox* yBox_;
    QCheckBox* logX_;
    QCheckBox* logY_;
    QTimer redrawTimer_;
};

} // namespace kh::ui
