#include "MainWindow.h"

#include "AccuracyPanel.h"
#include "BreakdownChart.h"
#include "ChartExport.h"
#include "DesignKnobsPanel.h"
#include "NoisePanel.h"
#include "VmmBenchView.h"
#include "PpaReportView.h"
#include "PpaRunner.h"
#include "PresetCatalog.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/NetworkCsv.h"
#include "spec/DesignPointJson.h"

#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace kh::ui {

MainWindow::MainWindow(const QString& presetDir, QWidget* parent) : QMainWindow(parent), presetDir_(presetDir)
{
    setWindowTitle(tr("Kirchhoff — CIM design-space explorer"));
    const PresetCatalog catalog(presetDir_);

    networkBox_ = new QComboBox;
    for (const QString& f : catalog.files("networks", "csv"))
        networkBox_->addItem(PresetCatalog::label(f), f);
    auto* openNet = new QPushButton(tr("Open…"));
    auto* netRow = new QHBoxLayout;
    netRow->addWidget(networkBox_, 1);
    netRow->addWidget(openNet);
    auto* netGroup = new QGroupBox(tr("Network (NetWork.csv)"));
    netGroup->setLayout(netRow);

    designBox_ = new QComboBox;
    for (const QString& f : catalog.files("designs", "json"))
        designBox_->addItem(PresetCatalog::label(f), f);
    auto* openDp = new QPushButton(tr("Open…"));
    knobs_ = new DesignKnobsPanel;
    auto* dpLayout = new QVBoxLayout;
    auto* dpRow = new QHBoxLayout;
    dpRow->addWidget(designBox_, 1);
    dpRow->addWidget(openDp);
    dpLayout->addLayout(dpRow);
    dpLayout->addWidget(knobs_);
    auto* dpGroup = new QGroupBox(tr("Design point"));
    dpGroup->setLayout(dpLayout);

    // Long preset names must not widen the whole column.
    for (QComboBox* box : {networkBox_, designBox_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
    }
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(netGroup);
    leftLayout->addWidget(dpGroup);
    noise_ = new NoisePanel;
    accuracy_ = new AccuracyPanel(presetDir_);
    leftLayout->addWidget(noise_);
    leftLayout->addWidget(accuracy_);
    leftLayout->addStretch();
    auto* scroll = new QScrollArea;
    scroll->setWidget(left);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(420);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    view_ = new PpaReportView;
    auto* split = new QSplitter;
    split->addWidget(scroll);
    split->addWidget(view_);
    split->setStretchFactor(1, 1);
    split->setSizes({460, 940});
    setCentralWidget(split);

    runner_ = new PpaRunner(this);
    connect(runner_, &PpaRunner::started, this, [this] { view_->setBusy(true); });
    connect(runner_, &PpaRunner::finished, this, &MainWindow::onResult);
    connect(knobs_, &DesignKnobsPanel::designChanged, this, [this](const DesignPoint& dp) {
        noise_->setDesign(dp);
        accuracy_->setDesign(dp);
        recompute();
    });
    connect(noise_, &NoisePanel::changed, this, [this] {
        DesignPoint dp = knobs_->design();
        if (noise_->apply(dp))
            knobs_->setDesign(dp);
    });
    connect(noise_, &NoisePanel::errorShown, this, [this](const QString& m) { showError(tr("Cannot import mem_states"), m); });
    connect(accuracy_, &AccuracyPanel::errorShown, this, [this](const QString& m) { showError(tr("Cannot evaluate accuracy"), m); });
    connect(accuracy_, &AccuracyPanel::accuracyShown, view_, &PpaReportView::setAccuracy);
    connect(networkBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            openNetwork(networkBox_->itemData(i).toString());
    });
    connect(designBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            openDesign(designBox_->itemData(i).toString());
    });
    connect(openNet, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open NetWork.csv"), presetDir_ + "/networks", tr("NetWork CSV (*.csv)"));
        if (!f.isEmpty())
            openNetwork(f);
    });
    connect(openDp, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open design point"), presetDir_ + "/designs", tr("Design point (*.json)"));
        if (!f.isEmpty())
            openDesign(f);
    });
    buildMenus();

    // Restore the last session's choices; default to VGG8 and the first NeuroSim reference point.
    QSettings settings;
    int netIndex = networkBox_->findData(settings.value("lastNetwork").toString());
    if (netIndex < 0)
        netIndex = std::max(0, networkBox_->findText("vgg8"));
    int dpIndex = designBox_->findData(settings.value("lastDesign").toString());
    if (dpIndex < 0)
        dpIndex = std::max(0, designBox_->findText("NeuroSim VGG8 reference: RRAM 22 nm", Qt::MatchStartsWith));
    {
        const QSignalBlocker b1(networkBox_), b2(designBox_);
        networkBox_->setCurrentIndex(netIndex);
        designBox_->setCurrentIndex(dpIndex);
    }
    if (networkBox_->count())
        openNetwork(networkBox_->itemData(netIndex).toString());
    if (designBox_->count())
        openDesign(designBox_->itemData(dpIndex).toString());
    resize(1400, 900);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &network…"), QKeySequence::Open, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open NetWork.csv"), presetDir_ + "/networks", tr("NetWork CSV (*.csv)"));
        if (!f.isEmpty())
            openNetwork(f);
    });
    file->addAction(tr("Open &design point…"), QKeySequence(tr("Ctrl+Shift+O")), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open design point"), presetDir_ + "/designs", tr("Design point (*.json)"));
        if (!f.isEmpty())
            openDesign(f);
    });
    file->addAction(tr("&Save design point as…"), QKeySequence::SaveAs, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save design point"), {}, tr("Design point (*.json)"));
        if (!f.isEmpty())
            saveDesign(f);
    });
    file->addSeparator();
    for (const QString& which : {QStringLiteral("area"), QStringLiteral("energy")}) {
        file->addAction(tr("Export %1 chart…").arg(which), this, [this, which] {
            const QString f = QFileDialog::getSaveFileName(this, tr("Export chart"), which + ".svg", tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
            if (!f.isEmpty())
                exportChart(which, f);
        });
    }
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy layer table"), QKeySequence::Copy, this, [this] { view_->copyLayerTable(); });
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&VMM error benchmark…"), QKeySequence(tr("Ctrl+B")), this, [this] {
        auto* view = new VmmBenchView(presetDir_);
        view->setAttribute(Qt::WA_DeleteOnClose);
        view->show();
    });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Kirchhoff"), this, [this] {
        QMessageBox::about(this, tr("About Kirchhoff"),
                           tr("Kirchhoff %1 — design-space explorer for analog compute-in-memory accelerators.").arg(KIRCHHOFF_VERSION));
    });
}

void MainWindow::showError(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName("errorDialog");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();   // window-modal but non-blocking: the event loop (and any running estimate) continues
    statusBar()->showMessage(message, 10000);
    emit errorShown(message);
}

bool MainWindow::openNetwork(const QString& path)
{
    try {
        net_ = readNetworkCsv(path.toStdString());
    } catch (const InputError& e) {
        showError(tr("Cannot open network"), QString::fromStdString(e.what()));
        return false;
    }
    haveNetwork_ = true;
    networkBox_->setProperty("path", path);
    QSettings().setValue("lastNetwork", path);
    statusBar()->showMessage(tr("Network %1: %2 layers").arg(QFileInfo(path).fileName()).arg(net_.layers.size()), 5000);
    recompute();
    return true;
}

bool MainWindow::openDesign(const QString& path)
{
    DesignPoint dp;
    try {
        dp = loadDesignPointFile(path.toStdString());
    } catch (const InputError& e) {
        showError(tr("Cannot open design point"), QString::fromStdString(e.what()));
        return false;
    }
    QSettings().setValue("lastDesign", path);
    knobs_->setDesign(dp);
    return true;
}

bool MainWindow::saveDesign(const QString& path)
{
    try {
        writeTextFile(path.toStdString(), designPointToJson(knobs_->design()).dump(2) + "\n");
    } catch (const InputError& e) {
        showError(tr("Cannot save design point"), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool MainWindow::exportChart(const QString& which, const QString& path)
{
    BreakdownChart* chart = which == "energy" ? view_->energyChart() : view_->areaChart();
    const QString error = ui::exportChart(chart->chart(), path);
    if (!error.isEmpty()) {
        showError(tr("Export failed"), error);
        return false;
    }
    return true;
}

void MainWindow::recompute()
{
    if (haveNetwork_)
        runner_->request(net_, knobs_->design());
}

void MainWindow::onResult(const PpaResult& result)
{
    view_->setBusy(runner_->busy());
    if (!result.error.isEmpty()) {
        view_->setError(result.error);
        return;
    }
    view_->setReport(result.report);
    ++completed_;
    emit estimateShown();
}

} // namespace kh::ui
