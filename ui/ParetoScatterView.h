#pragma once
// The sweep's live scatter: every stored point in two chosen metrics (any of the sweep's metrics,
// linear or log axes) with the non-dominated front highlighted and joined; or a metric against a
// numeric swept parameter, one line per colour group through the mean at each value. Points arrive one by
// one; the chart is redrawn at most a few times a second. Points can be coloured by any swept
// parameter. Hovering a point shows it in the inspector below the chart (parameters, metrics, where
// its activity came from) until another is hovered; clicking one emits it.
#include "dse/MetricInfo.h"
#include "dse/ParetoQuery.h"
#include "dse/PointRecord.h"

#include <QChartView>
#include <QTimer>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;

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
    // Shows a record in the inspector (what hovering does).
    void inspect(const PointRecord& record);
    QLabel* inspector() const { return inspector_; }
    // Colours points by a swept key ("" for none); the groups shown in the legend.
    void setColourBy(const QString& key);
    QStringList colourGroups() const { return groups_; }
    QComboBox* colourBox() const { return colourBox_; }

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
    // x is a swept design key (it has a dot; metric names have none): lines through the means.
    static bool isSweptKey(const std::string& name);
    void redrawTrend(const std::vector<RankedPoint>& ranked, const std::string& xKey, const std::string& yMetric, const MetricDisplay& dy, bool logX, bool logY,
                     const std::function<int(const PointRecord&)>& groupFor);
    void connectSeries();
    void refreshColourKeys();
    std::vector<PointRecord> records_;
    std::vector<Plotted> plotted_;
    QChartView* view_;
    QComboBox* xBox_;
    QComboBox* yBox_;
    QCheckBox* logX_;
    QCheckBox* logY_;
    QComboBox* colourBox_;
    QLabel* inspector_;
    QStringList groups_;
    QString pendingX_;
    std::string ym_;     // the metric of the trend being drawn   // the x asked for by setAxes, offered once the records sweep it
    QTimer redrawTimer_;
};

} // namespace kh::ui
