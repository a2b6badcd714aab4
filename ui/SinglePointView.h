#pragma once
// The single-point view: accuracy with its interval (run on demand) above the PPA report
// (headline metrics, area/energy breakdowns, per-layer table). With training built in, a
// Fine-tune… button beside Evaluate accuracy opens the fine-tuning panel above the report.
#include "spec/DesignPoint.h"

#include <QWidget>

#include <map>
#include <string>

namespace kh::ui {

class AccuracyPanel;
class FineTunePanel;
class PpaReportView;

class SinglePointView : public QWidget {
    Q_OBJECT
public:
    explicit SinglePointView(QWidget* parent = nullptr);
    AccuracyPanel* accuracy() const { return accuracy_; }
    PpaReportView* report() const { return report_; }
    FineTunePanel* fineTune() const { return fineTune_; }   // null without training
    void setDesign(const DesignPoint& dp);
    void setModel(const QString& modelPath, const QString& dataset);

signals:
    // The fine-tuned model offered as the design's model ("Use fine-tuned model").
    void modelChosen(const QString& path, const QString& dataset);
    void errorShown(const QString& title, const QString& message);
    void fineTuneLogged(const kh::DesignPoint& dp, const QString& writtenModel, const QString& dataset, const QString& label,
                        const std::map<std::string, double>& metrics, double seconds);

private:
    AccuracyPanel* accuracy_;
    FineTunePanel* fineTune_ = nullptr;
    PpaReportView* report_;
};

} // namespace kh::ui
