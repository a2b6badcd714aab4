#pragma once
// The "VMM bench" window (docs/validation.md §7; README, "The window"): pick or edit an RRAM device, run the VMM error
// benchmark off the UI thread, see the error histogram with the fitted densities, the statistics
// and the fits ranked by AIC, and box plots comparing the device presets. Charts export to
// SVG/PDF/PNG like every other chart.
#include "CoreJobs.h"
#include "RemainingTime.h"

#include "vmm/RramDevice.h"

#include <QWidget>

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QProgressBar;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace kh::ui {

class QuantityField;

class VmmBenchView : public QWidget {
    Q_OBJECT
public:
    explicit VmmBenchView(const QString& presetDir, QWidget* parent = nullptr);

    vmm::RramDevice device() const;          // as edited
    void setDevice(const vmm::RramDevice& d);
    vmm::VmmOptions options() const;
    bool openDevice(const QString& path);    // false (and errorShown) for a bad file
    void runSelected();                      // the edited device: histogram, statistics, fits
    void comparePresets();                   // every device preset: box plot
    bool exportChart(const QString& which, const QString& path);   // which: "histogram" | "boxplot"

    QComboBox* presets() const { return presetBox_; }
    QSpinBox* trials() const { return trials_; }
    QChartView* histogramView() const { return histogram_; }
    QChartView* boxPlotView() const { return boxPlot_; }
    QTableWidget* statisticsTable() const { return stats_; }
    QTableWidget* fitsTable() const { return fits_; }
    QProgressBar* progressBar() const { return bar_; }
    VmmTask* task() const { return task_; }
    void cancel();

signals:
    void runFinished();
    void cancelled();
    void errorShown(const QString& message);

private:
    void onFinished();
    void showError(const QString& message);

    QString presetDir_;
    QComboBox* presetBox_;
    QSpinBox* states_;
    QuantityField *nlLtp_, *nlLtd_, *rOn_, *window_, *c2c_, *d2d_, *readNoise_;
    QSpinBox *trials_, *size_, *weightBits_;
    QCheckBox *useNl_, *useC2c_, *useD2d_, *useRead_;
    QPushButton *run_, *compare_, *cancel_;
    QProgressBar* bar_;
    RemainingTime remaining_;
    QLabel* status_;
    QTabWidget* tabs_;
    QChartView* histogram_;
    QChartView* boxPlot_;
    QTableWidget* stats_;
    QTableWidget* fits_;
    VmmTask* task_;
    std::string name_;
    bool comparing_ = false;
};

} // namespace kh::ui
