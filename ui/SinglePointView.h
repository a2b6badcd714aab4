#pragma once
// The single-point view: accuracy with its interval (run on demand) above the PPA report
// (headline metrics, area/energy breakdowns, per-layer table).
#include <QWidget>

namespace kh::ui {

class AccuracyPanel;
class PpaReportView;

class SinglePointView : public QWidget {
    Q_OBJECT
public:
    explicit SinglePointView(QWidget* parent = nullptr);
    AccuracyPanel* accuracy() const { return accuracy_; }
    PpaReportView* report() const { return report_; }

private:
    AccuracyPanel* accuracy_;
    PpaReportView* report_;
};

} // namespace kh::ui
