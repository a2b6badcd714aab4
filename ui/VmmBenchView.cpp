#include "VmmBenchView.h"

#include "FormWidgets.h"

#include "ChartExport.h"
#include "VmmCharts.h"

#include "common/InputError.h"
#include "common/QuantityText.h"

#include <QChart>
#include <QProgressBar>
#include <QShortcut>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kh::ui {

namespace {
QuantityField* number(double lo, double hi, double step, const std::string& unit = {})
{
    return quantitySpin(lo, hi, step, unit);
}

void fillTable(QTableWidget* t, const QStringList& header, const std::vector<QStringList>& rows)
{
    t->clear();
    t->setColumnCount(int(header.size()));
    t->setHorizontalHeaderLabels(header);
    t->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r)
        for (int c = 0; c < rows[size_t(r)].size(); ++c)
            t->setItem(r, c, new QTableWidgetItem(rows[size_t(r)][c]));
    t->resizeColumnsToContents();
}
} // namespace

VmmBenchView::VmmBenchView(const QString& presetDir, QWidget* parent) : QWidget(parent), presetDir_(presetDir)
{
    setWindowTitle(tr("Kirchhoff — VMM error benchmark"));
    presetBox_ = new QComboBox;
    for (const QFileInfo& f : QDir(presetDir + "/devices").entryInfoList({"*.json"}, QDir::Files, QDir::Name))
        presetBox_->addItem(f.completeBaseName(), f.absoluteFilePath());
    auto* open = new QPushButton(tr("Open…"));
    states_ = new QSpinBox;
    states_->setRange(2, 65536);
    nlLtp_ = number(-20, 20, 0.1);
    nlLtd_ = number(-20, 20, 0.1);
    rOn_ = number(1, 1e10, 1000, "ohm");
    window_ = number(1.01, 1e6, 1);
    c2c_ = number(0, 100, 0.5, "%");
    d2d_ = number(0, 100, 0.5, "%");
    readNoise_ = number(0, 100, 0.5, "%");
    auto* deviceForm = new QFormLayout;
    auto* pick = new QHBoxLayout;
    pick->addWidget(presetBox_, 1);
    pick->addWidget(open);
    deviceForm->addRow(tr("Preset"), pick);
    deviceForm->addRow(tr("Conductance states"), states_);
    deviceForm->addRow(tr("Non-linearity LTP"), nlLtp_);
    deviceForm->addRow(tr("Non-linearity LTD"), nlLtd_);
    deviceForm->addRow(tr("R_on"), rOn_);
    deviceForm->addRow(tr("Memory window G_max/G_min"), window_);
    deviceForm->addRow(tr("Cycle-to-cycle σ"), c2c_);
    deviceForm->addRow(tr("Device-to-device σ"), d2d_);
    deviceForm->addRow(tr("Read noise σ"), readNoise_);
    auto* deviceGroup = new QGroupBox(tr("Device"));
    deviceGroup->setLayout(deviceForm);

    trials_ = new QSpinBox;
    trials_->setRange(10, 100000);
    trials_->setValue(1000);
    size_ = new QSpinBox;
    size_->setRange(2, 1024);
    size_->setValue(32);
    weightBits_ = new QSpinBox;
    weightBits_->setRange(0, 16);
    weightBits_->setSpecialValueText(tr("all states"));
    useNl_ = new QCheckBox(tr("write non-linearity"));
    useC2c_ = new QCheckBox(tr("cycle-to-cycle variation"));
    useD2d_ = new QCheckBox(tr("device-to-device variation"));
    useRead_ = new QCheckBox(tr("read noise"));
    for (QCheckBox* c : {useNl_, useC2c_, useD2d_, useRead_})
        c->setChecked(true);
    auto* runForm = new QFormLayout;
    runForm->addRow(tr("Trials"), trials_);
    runForm->addRow(tr("Matrix size"), size_);
    runForm->addRow(tr("Weight bits"), weightBits_);
    for (QCheckBox* c : {useNl_, useC2c_, useD2d_, useRead_})
        runForm->addRow(c);
    auto* runGroup = new QGroupBox(tr("Population (random matrices and vectors, uniform in [−1, 1])"));
    runGroup->setLayout(runForm);
    run_ = new QPushButton(tr("&Run"));
    compare_ = new QPushButton(tr("&Compare presets"));
    auto* exportButton = new QPushButton(tr("&Export chart…"));
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setEnabled(false);
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    bar_->setValue(0);
    status_ = new QLabel;
    status_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(compare_);
    buttons->addWidget(cancel_);
    buttons->addWidget(exportButton);
    auto* left = new QVBoxLayout;
    left->addWidget(deviceGroup);
    left->addWidget(runGroup);
    left->addLayout(buttons);
    left->addWidget(bar_);
    left->addWidget(status_);
    left->addStretch();

    histogram_ = new QChartView;
    histogram_->setRenderHint(QPainter::Antialiasing);
    boxPlot_ = new QChartView;
    boxPlot_->setRenderHint(QPainter::Antialiasing);
    stats_ = new QTableWidget;
    fits_ = new QTableWidget;
    for (QTableWidget* t : {stats_, fits_}) {
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->horizontalHeader()->setStretchLastSection(true);
    }
    auto* tables = new QWidget;
    auto* tablesLayout = new QVBoxLayout(tables);
    tablesLayout->addWidget(new QLabel(tr("Statistics of the pooled errors")));
    tablesLayout->addWidget(stats_);
    tablesLayout->addWidget(new QLabel(tr("Maximum-likelihood fits, best (lowest AIC) first")));
    tablesLayout->addWidget(fits_);
    tabs_ = new QTabWidget;
    tabs_->addTab(histogram_, tr("Histogram and fits"));
    tabs_->addTab(tables, tr("Statistics"));
    tabs_->addTab(boxPlot_, tr("Device comparison"));
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addWidget(tabs_, 1);
    resize(1300, 760);

    task_ = new VmmTask(this);
    connect(task_, &TaskSignals::finished, this, &VmmBenchView::onFinished);
    connect(task_, &TaskSignals::progress, this, [this](double f, const QString& what) {
        remaining_.show(bar_, f, what);
    });
    connect(cancel_, &QPushButton::clicked, this, &VmmBenchView::cancel);
    // Esc stops a run, or closes the window when none runs.
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, [this] {
        if (task_->busy())
            cancel();
        else
            close();
    });
    connect(run_, &QPushButton::clicked, this, &VmmBenchView::runSelected);
    connect(compare_, &QPushButton::clicked, this, &VmmBenchView::comparePresets);
    connect(presetBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            openDevice(presetBox_->itemData(i).toString());
    });
    connect(open, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open device"), presetDir_ + "/devices", tr("Device (*.json)"));
        if (!f.isEmpty())
            openDevice(f);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString which = tabs_->currentWidget() == boxPlot_ ? "boxplot" : "histogram";
        const QString f = QFileDialog::getSaveFileName(this, tr("Export chart"), which + ".svg", tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
        if (!f.isEmpty())
            exportChart(which, f);
    });
    if (presetBox_->count())
        openDevice(presetBox_->itemData(0).toString());
}

vmm::RramDevice VmmBenchView::device() const
{
    vmm::RramDevice d;
    d.name = name_;
    d.states = states_->value();
    d.nl_ltp = nlLtp_->value();
    d.nl_ltd = nlLtd_->value();
    d.r_on_ohm = rOn_->value();
    d.memory_window = window_->value();
    d.c2c = c2c_->value() / 100;
    d.d2d = d2d_->value() / 100;
    d.read_noise = readNoise_->value() / 100;
    return d;
}

void VmmBenchView::setDevice(const vmm::RramDevice& d)
{
    name_ = d.name;
    states_->setValue(d.states);
    nlLtp_->setValue(d.nl_ltp);
    nlLtd_->setValue(d.nl_ltd);
    rOn_->setValue(d.r_on_ohm);
    window_->setValue(d.memory_window);
    // Fractions shown in percent, rounded where ×100 leaves a binary tail (3.5000000000000004).
    auto percent = [](double fraction) { return roundedAtResolution(fraction * 100, 1e-9); };
    c2c_->setValue(percent(d.c2c));
    d2d_->setValue(percent(d.d2d));
    readNoise_->setValue(percent(d.read_noise));
}

vmm::VmmOptions VmmBenchView::options() const
{
    vmm::VmmOptions o;
    o.trials = trials_->value();
    o.rows = o.cols = size_->value();
    o.weight_bits = weightBits_->value();
    o.nonlinearity = useNl_->isChecked();
    o.c2c = useC2c_->isChecked();
    o.d2d = useD2d_->isChecked();
    o.read_noise = useRead_->isChecked();
    return o;
}

bool VmmBenchView::openDevice(const QString& path)
{
    try {
        setDevice(vmm::loadDeviceFile(path.toStdString()));
        return true;
    } catch (const InputError& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

void VmmBenchView::showError(const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, tr("VMM benchmark"), message, QMessageBox::Ok, this);
    box->setObjectName("errorDialog");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    status_->setText(message);
    emit errorShown(message);
}

void VmmBenchView::cancel() { task_->cancel(); }

void VmmBenchView::runSelected()
{
    if (task_->busy())
        return;
    comparing_ = false;
    remaining_.start();
    run_->setEnabled(false);
    compare_->setEnabled(false);
    cancel_->setEnabled(true);
    status_->setText(tr("Running…"));
    task_->start(vmmJob({device()}, options(), true));
}

void VmmBenchView::comparePresets()
{
    if (task_->busy())
        return;
    std::vector<vmm::RramDevice> devices;
    try {
        for (int i = 0; i < presetBox_->count(); ++i)
            devices.push_back(vmm::loadDeviceFile(presetBox_->itemData(i).toString().toStdString()));
    } catch (const InputError& e) {
        showError(QString::fromStdString(e.what()));
        return;
    }
    comparing_ = true;
    remaining_.start();
    run_->setEnabled(false);
    compare_->setEnabled(false);
    cancel_->setEnabled(true);
    status_->setText(tr("Running %1 devices…").arg(devices.size()));
    task_->start(vmmJob(devices, options(), false));
}

void VmmBenchView::onFinished()
{
    const TaskOutcome<VmmRun>& outcome = task_->outcome();
    const VmmRun& run = outcome.value;
    run_->setEnabled(true);
    compare_->setEnabled(true);
    cancel_->setEnabled(false);
    if (outcome.cancelled) {
        bar_->setValue(0);
        bar_->setFormat(tr("Cancelled"));
        status_->setText(tr("Cancelled"));
        emit cancelled();
        return;
    }
    bar_->setValue(1000);
    bar_->setFormat("%p%");
    if (!outcome.error.isEmpty()) {
        showError(outcome.error);
        emit runFinished();
        return;
    }
    status_->setText(tr("%1 trials of %2×%2: %3 s with the fits").arg(run.options.trials).arg(run.options.rows).arg(outcome.seconds, 0, 'f', 2));
    if (comparing_) {
        QChart* old = boxPlot_->chart();
        boxPlot_->setChart(makeErrorBoxPlotChart(run.devices, run.errors, tr("VMM error by device (%1 trials of %2×%2)")
                                                                              .arg(run.options.trials).arg(run.options.rows)));
        delete old;
        tabs_->setCurrentWidget(boxPlot_);
    } else {
        QChart* old = histogram_->chart();
        histogram_->setChart(makeErrorHistogramChart(run.errors.front(), run.fits,
                                                     tr("%1: VMM error distribution and fits").arg(run.devices.front())));
        delete old;
        const vmm::ErrorStatistics& s = run.statistics.front();
        std::vector<QStringList> rows{{tr("errors"), QString::number(s.count)},
                                      {tr("mean"), QString::number(s.mean, 'g', 5)},
                                      {tr("variance"), QString::number(s.variance, 'g', 5)},
                                      {tr("standard deviation"), QString::number(s.std, 'g', 5)},
                                      {tr("skewness"), QString::number(s.skewness, 'f', 4)},
                                      {tr("excess kurtosis"), QString::number(s.excess_kurtosis, 'f', 4)},
                                      {tr("relative L2 error"), QString::number(s.relative_l2_mean, 'g', 4)},
                                      {tr("relative L∞ error"), QString::number(s.relative_linf_mean, 'g', 4)}};
        for (size_t i = 0; i < s.quantiles.size(); ++i)
            rows.push_back({tr("quantile %1 %").arg(s.quantile_levels[i] * 100), QString::number(s.quantiles[i], 'g', 5)});
        fillTable(stats_, {tr("statistic"), tr("value")}, rows);
        std::vector<QStringList> fitRows;
        for (const vmm::DistributionFit& f : run.fits) {
            QStringList params;
            for (const auto& [key, v] : f.parameters)
                params << QString("%1=%2").arg(QString::fromStdString(key)).arg(v, 0, 'g', 4);
            fitRows.push_back({QString::fromStdString(f.name), QString::number(f.aic, 'f', 1), QString::number(f.log_likelihood, 'f', 1),
                               params.join(", ")});
        }
        fillTable(fits_, {tr("family"), tr("AIC"), tr("log L"), tr("parameters")}, fitRows);
        tabs_->setCurrentWidget(histogram_);
    }
    emit runFinished();
}

bool VmmBenchView::exportChart(const QString& which, const QString& path)
{
    QChartView* view = which == "boxplot" ? boxPlot_ : histogram_;
    const QString error = ui::exportChart(view->chart(), path);
    if (!error.isEmpty()) {
        showError(error);
        return false;
    }
    return true;
}

} // namespace kh::ui
