#include "MainWindow.h"

#include "AccuracyPanel.h"
#include "ArrayPage.h"
#include "BreakdownChart.h"
#include "ChartExport.h"
#include "ChartExportDialog.h"
#include "CompareView.h"
#include "RunLogView.h"
#include "DesignDocument.h"
#include "DevicePage.h"
#include "FloorplanView.h"
#include "HelpBrowser.h"
#include "LayerTableModel.h"
#include "LearnView.h"
#include "MemStatesPlot.h"
#include "NetworkPage.h"
#include "NoisePage.h"
#include "CircuitErrorsPage.h"
#include "ParetoScatterView.h"
#include "PpaReportView.h"
#include "PresetCatalog.h"
#include "ProjectController.h"
#include "SinglePointView.h"
#include "SweepView.h"
#include "TableCsv.h"
#include "TechnologyPage.h"
#include "VmmBenchView.h"
#include "WindowShortcuts.h"

#include "common/InputError.h"
#include "dse/PointRecord.h"
#include "spec/DesignPointJson.h"

#include <QApplication>
#include <QChartView>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QScreen>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

namespace kh::ui {

namespace {
// Pages and views scroll instead of setting the window's minimum size, so the window fits any
// screen down to 1280×720.
QScrollArea* scrolled(QWidget* w, bool horizontal = false)
{
    auto* s = new QScrollArea;
    s->setWidget(w);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    s->setHorizontalScrollBarPolicy(horizontal ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    return s;
}
} // namespace

MainWindow::MainWindow(const QString& presetDir, QWidget* parent) : QMainWindow(parent), presetDir_(presetDir)
{
    doc_ = new DesignDocument(this);
    project_ = new ProjectController(doc_, presetDir_, this);
    device_ = new DevicePage;
    array_ = new ArrayPage;
    networkPage_ = new NetworkPage(presetDir_);
    noise_ = new NoisePage;
    circuitErrors_ = new CircuitErrorsPage;
    technology_ = new TechnologyPage;
    designTabs_ = new QTabWidget;
    designTabs_->setObjectName("designTabs");
    designTabs_->addTab(scrolled(device_), tr("Device"));
    designTabs_->addTab(scrolled(array_), tr("Array && precision"));
    designTabs_->addTab(scrolled(networkPage_), tr("Network && dataset"));
    designTabs_->addTab(scrolled(noise_), tr("Noise"));
    designTabs_->addTab(scrolled(circuitErrors_), tr("Circuit errors"));
    designTabs_->addTab(scrolled(technology_), tr("Technology"));
    designTabs_->setMinimumWidth(300);

    single_ = new SinglePointView;
    sweep_ = new SweepView(doc_);
    floorplan_ = new FloorplanView;
    learn_ = new LearnView;
    compare_ = new CompareView;
    runLog_ = new RunLogView(RunLogView::defaultPath());
    viewTabs_ = new QTabWidget;
    viewTabs_->setObjectName("viewTabs");
    viewTabs_->addTab(scrolled(single_, true), tr("Single point"));
    viewTabs_->addTab(scrolled(sweep_, true), tr("Sweep"));
    viewTabs_->addTab(scrolled(floorplan_, true), tr("Floorplan"));
    viewTabs_->addTab(scrolled(learn_, true), tr("Learn"));
    viewTabs_->addTab(compare_, tr("Compare"));
    viewTabs_->addTab(runLog_, tr("Run log"));

    // The design panel is a dock: it can be moved to either side, floated onto a second screen or
    // hidden (View menu); the arrangement is restored at the next start.
    designDock_ = new QDockWidget(tr("Design"), this);
    designDock_->setObjectName("designDock");
    designDock_->setWidget(designTabs_);
    designDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, designDock_);
    setCentralWidget(viewTabs_);

    ppa_ = new PpaTask(this);
    connect(ppa_, &TaskSignals::started, this, [this] { reportView()->setBusy(true); });
    connect(ppa_, &TaskSignals::finished, this, &MainWindow::onResult);
    for (DesignPage* page : std::initializer_list<DesignPage*>{device_, array_, networkPage_, noise_, circuitErrors_, technology_}) {
        connect(page, &DesignPage::edited, doc_, &DesignDocument::edit);
        connect(page, &DesignPage::refusedEditChanged, this, &MainWindow::showRefusedEdits);
    }
    connect(doc_, &DesignDocument::designChanged, this, [this](const DesignPoint& dp) {
        for (DesignPage* page : std::initializer_list<DesignPage*>{device_, array_, networkPage_, noise_, circuitErrors_, technology_})
            page->showDesign(dp);
        single_->setDesign(dp);
        recompute();
        showCurrentInputs();
    });
    connect(doc_->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(networkPage_, &NetworkPage::networkChosen, project_, &ProjectController::openNetwork);
    connect(networkPage_, &NetworkPage::modelChosen, project_, &ProjectController::chooseModel);
    connect(doc_, &DesignDocument::networkChanged, this, [this](const QString& path) {
        networkPage_->showNetwork(path);
        if (!doc_->hasNetwork()) {
            ppa_->invalidate();
            reportView()->clearReport(tr("No network: choose a NetWork.csv or an ONNX model on the Network & dataset page"));
            floorplan_->setReport(PpaReport{});   // no chip of the old network either
        }
        recompute();
        showCurrentInputs();
    });
    connect(doc_, &DesignDocument::modelChanged, this, [this](const QString& model, const QString& dataset) {
        networkPage_->showModel(model, dataset);   // without emitting modelChosen again
        single_->setModel(model, dataset);
        showCurrentInputs();
    });
    connect(project_, &ProjectController::errorShown, this, &MainWindow::showError);
    connect(project_, &ProjectController::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(project_, &ProjectController::sweepLoaded, this, [this](const nlohmann::json& section, const QString& results, bool fromPreset) {
        sweep_->showSweep(section);
        sweep_->resultsEdit()->setText(results);
        if (!results.isEmpty() && QFileInfo::exists(results))
            sweep_->openResults(results);
        if (fromPreset)
            showView(sweep_);
    });
    connect(project_, &ProjectController::aboutToSave, this, [this] {
        nlohmann::json section;
        QString error;
        if (sweep_->sweepSection(section, &error))
            doc_->setSweep(section);
        doc_->setResultsPath(sweep_->resultsEdit()->text().trimmed());
    });
    connect(doc_, &DesignDocument::projectPathChanged, this, &MainWindow::updateTitle);
    connect(device_, &DevicePage::errorShown, this, [this](const QString& m) { showError(tr("Cannot use these states"), m); });
    connect(noise_, &NoisePage::errorShown, this, [this](const QString& m) { showError(tr("Cannot use this table"), m); });
    connect(accuracyPanel(), &AccuracyPanel::errorShown, this, [this](const QString& m) { showError(tr("Cannot evaluate accuracy"), m); });
    connect(single_, &SinglePointView::errorShown, this, &MainWindow::showError);
    connect(single_, &SinglePointView::modelChosen, project_, &ProjectController::chooseModel);
    connect(single_, &SinglePointView::fineTuneLogged, this,
            [this](const DesignPoint& dp, const QString& model, const QString& dataset, const QString& label,
                   const std::map<std::string, double>& metrics, double seconds) {
                RunLogEntry e = logEntry("finetune", dp);
                e.label = label.toStdString();
                e.model = model.toStdString();   // reopening it brings back the fine-tuned model
                e.dataset = dataset.toStdString();
                e.metrics = metrics;
                e.seconds = seconds;
                runLog_->add(e);
            });
    connect(sweep_, &SweepView::errorShown, this, [this](const QString& m) { showError(tr("Sweep"), m); });
    connect(sweep_, &SweepView::pointChosen, this, &MainWindow::loadRecord);
    // The run log: every accuracy evaluation, sweep and pin, reopenable after a restart.
    connect(accuracyPanel(), &AccuracyPanel::accuracyShown, this, [this](double accuracy, double ci95, const ResultInputs& inputs) {
        RunLogEntry e = logEntry("accuracy", accuracyPanel()->evaluatedDesign());
        e.model = inputs.source.toStdString();
        e.dataset = inputs.dataset.toStdString();
        e.metrics = {{"accuracy", accuracy}, {"accuracy_ci95", ci95}};
        e.seconds = accuracyPanel()->task()->outcome().seconds;
        runLog_->add(e);
    });
    connect(sweep_, &SweepView::runEnded, this, [this](const SweepSummary& s, const QString& results) {
        RunLogEntry e = logEntry("sweep", doc_->design());
        e.label = s.cancelled ? "stopped" : "finished";
        e.model = doc_->sources().model.toStdString();
        e.results = results.toStdString();
        e.metrics = {{"points", double(s.evaluated + s.skipped)}, {"ok", double(s.ok)}, {"accuracy_runs", double(s.accuracy_runs)}};
        e.seconds = s.seconds;
        runLog_->add(e);
    });
    connect(runLog_, &RunLogView::reopenRequested, this, &MainWindow::reopenLogEntry);
    connect(compare_, &CompareView::loadRequested, this, [this](const PinnedPoint& p) {
        doc_->edit(p.design, tr("Pinned point %1").arg(p.label));
        showView(single_);
    });
    buildMenus();
    qApp->installEventFilter(new WindowShortcuts(this));   // removed with the window

    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray())) {
        // First start: 1500×950 where the screen has room, else 92 % of what it has.
        const QRect avail = screen() ? screen()->availableGeometry() : QRect(0, 0, 1500, 950);
        resize(std::min(1500, int(avail.width() * 0.92)), std::min(950, int(avail.height() * 0.92)));
        resizeDocks({designDock_}, {std::min(520, width() * 2 / 5)}, Qt::Horizontal);
    }
    restoreState(settings.value("window/state").toByteArray());
    project_->restoreLastProject();
    updateTitle();
    designTabs_->setCurrentIndex(settings.value("window/designTab", 1).toInt());
    viewTabs_->setCurrentIndex(settings.value("window/viewTab", 0).toInt());
}

MainWindow::~MainWindow()
{
    // Child objects die after this class's part of the object: signals they send while dying
    // (the undo stack emits cleanChanged) must not reach a half-destroyed window.
    doc_->undoStack()->disconnect(this);
    doc_->disconnect(this);
}

QString MainWindow::helpSection() const
{
    // The page under the keyboard focus, else the view in front.
    static const char* const pages[] = {"Device", "Array and precision", "Network and dataset", "Noise", "Circuit errors", "Technology"};
    static const char* const views[] = {"Single point", "Sweep", "Floorplan", "Learn", "Compare", "Run log"};
    const QWidget* focus = QApplication::focusWidget();
    if (focus && designDock_->isAncestorOf(focus) && designTabs_->currentIndex() >= 0 && designTabs_->currentIndex() < 6)
        return pages[designTabs_->currentIndex()];
    if (viewTabs_->currentIndex() >= 0 && viewTabs_->currentIndex() < 6)
        return views[viewTabs_->currentIndex()];
    return {};
}

HelpBrowser* MainWindow::showHelp(const QString& section)
{
    if (!help_)
        help_ = new HelpBrowser(this);
    help_->show();
    help_->raise();
    if (!section.isEmpty())
        help_->showSection(section);
    return help_;
}

QList<QPair<QString, QString>> MainWindow::shortcuts() const
{
    // Read from the menus, so the list cannot drift from what the keys do.
    QList<QPair<QString, QString>> out;
    std::function<void(const QMenu*)> walk = [&](const QMenu* menu) {
        for (const QAction* a : menu->actions()) {
            if (a->menu())
                walk(a->menu());
            else if (!a->shortcut().isEmpty())
                out << qMakePair(QString(a->text()).remove('&').remove(QString::fromUtf8("…")), a->shortcut().toString(QKeySequence::NativeText));
        }
    };
    for (const QAction* top : menuBar()->actions())
        if (top->menu())
            walk(top->menu());
    return out;
}

void MainWindow::showShortcuts()
{
    auto* dialog = new QDialog(this);
    dialog->setObjectName("shortcutsDialog");
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    const auto list = shortcuts();
    auto* table = new QTableWidget(int(list.size()), 2, dialog);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < list.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(list[i].first));
        table->setItem(i, 1, new QTableWidgetItem(list[i].second));
    }
    table->resizeColumnsToContents();
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    dialog->resize(420, 480);
    dialog->show();
}

RunLogEntry MainWindow::logEntry(const std::string& kind, const DesignPoint& dp) const
{
    RunLogEntry e;
    e.time = runLogTimeNow();
    e.kind = kind;
    e.design = designPointToJson(dp);
    e.network = doc_->sources().network.toStdString();
    return e;
}

bool MainWindow::pinCurrentPoint()
{
    PpaReportView* r = reportView();
    if (!r->hasReport() || r->ppaStale()) {
        statusBar()->showMessage(tr("Nothing current to pin: wait for the estimate of this design point"), 6000);
        return false;
    }
    PinnedPoint p;
    p.label = compare_->nextLabel();
    p.design = doc_->design();
    p.network = doc_->sources().network;
    const PpaReport& report = r->report();
    p.metrics = {{"tops_per_w", report.tops_per_w}, {"tops", report.tops}, {"area_mm2", report.area_mm2},
                 {"tops_per_mm2", report.tops_per_mm2}, {"fps", report.fps}};
    if (r->accuracy() >= 0 && !r->accuracyStale()) {
        p.metrics["accuracy"] = r->accuracy();
        p.model = r->accuracyInputs().source;
    }
    compare_->pin(p);
    RunLogEntry e = logEntry("pin", p.design);
    e.label = p.label.toStdString();
    e.model = p.model.toStdString();
    e.metrics = p.metrics;
    runLog_->add(e);
    statusBar()->showMessage(tr("Pinned as %1").arg(p.label), 5000);
    return true;
}

void MainWindow::reopenLogEntry(const RunLogEntry& e)
{
    if (e.kind == "sweep" && !e.results.empty()) {
        if (sweep_->openResults(QString::fromStdString(e.results)))
            showView(sweep_);
        return;
    }
    DesignPoint dp;
    try {
        dp = designPointFromJson(e.design);
    } catch (const InputError& error) {
        showError(tr("Cannot reopen this entry"), QString::fromStdString(error.what()));
        return;
    }
    const QString network = QString::fromStdString(e.network);
    if (!network.isEmpty() && network != doc_->sources().network && QFileInfo::exists(network))
        project_->openNetwork(network);
    const QString model = QString::fromStdString(e.model);
    if (!model.isEmpty() && model != doc_->sources().model && QFileInfo::exists(model))
        project_->chooseModel(model, QString::fromStdString(e.dataset));
    doc_->edit(dp, tr("Reopen %1 of %2").arg(QString::fromStdString(e.kind), QString::fromStdString(e.time)));
    showView(single_);
}

void MainWindow::showView(QWidget* view)
{
    for (int i = 0; i < viewTabs_->count(); ++i) {
        auto* s = qobject_cast<QScrollArea*>(viewTabs_->widget(i));
        if (viewTabs_->widget(i) == view || (s && s->widget() == view))
            viewTabs_->setCurrentIndex(i);
    }
}

PpaReportView* MainWindow::reportView() const { return single_->report(); }
AccuracyPanel* MainWindow::accuracyPanel() const { return single_->accuracy(); }
const DesignPoint& MainWindow::design() const { return doc_->design(); }
const LayerTable& MainWindow::network() const { return doc_->network(); }

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New project"), QKeySequence::New, this, [this] {
        QSettings().remove("lastProject");
        project_->newProject();
    });
    file->addAction(tr("&Open project…"), QKeySequence::Open, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open project"), {}, tr("Kirchhoff project (*.kirchhoff.json);;JSON (*.json)"));
        if (!f.isEmpty())
            project_->openProject(f);
    });
    recentMenu_ = file->addMenu(tr("Open &recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(tr("&Save project"), QKeySequence::Save, this, [this] {
        if (doc_->projectPath().isEmpty())
            saveProjectAs();
        else
            project_->saveProject(doc_->projectPath());
    });
    file->addAction(tr("Save project &as…"), QKeySequence::SaveAs, this, &MainWindow::saveProjectAs);
    file->addSeparator();
    file->addAction(tr("Open &network…"), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open network"), presetDir_ + "/networks", tr("Networks (*.csv *.onnx)"));
        if (!f.isEmpty())
            project_->openNetwork(f);
    });
    file->addAction(tr("Open &design point…"), QKeySequence(tr("Ctrl+Shift+O")), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open design point"), presetDir_ + "/designs", tr("Design point (*.json)"));
        if (!f.isEmpty())
            project_->openDesign(f);
    });
    file->addAction(tr("Save design &point as…"), QKeySequence(tr("Ctrl+Shift+D")), this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save design point"), {}, tr("Design point (*.json)"));
        if (!f.isEmpty())
            project_->saveDesign(f);
    });
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    const std::pair<QString, QString> charts[] = {{"area", tr("Area breakdown chart…")},   {"energy", tr("Energy breakdown chart…")},
                                                  {"pareto", tr("Sweep Pareto chart…")},     {"states", tr("Conductance states chart…")},
                                                  {"learn", tr("Learn view chart…")}};
    for (const auto& [which, text] : charts)
        exportMenu->addAction(text, this, [this, which = which] {
            const QString error = ChartExportDialog::run(this, chartNamed(which), which);
            if (!error.isEmpty())
                showError(tr("Export failed"), error);
        });
    exportMenu->addAction(tr("Floorplan…"), this, [this] {
        const QString error = ChartExportDialog::runForWidget(this, floorplan_, "floorplan");
        if (!error.isEmpty())
            showError(tr("Export failed"), error);
    });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Per-layer table (CSV)…"), this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export per-layer table"), "layers.csv", tr("CSV (*.csv)"));
        if (!f.isEmpty())
            exportLayerCsv(f);
    });
    exportMenu->addAction(tr("Sweep points (CSV)…"), this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export sweep points"), "sweep.csv", tr("CSV (*.csv)"));
        if (!f.isEmpty())
            exportSweepCsv(f);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Copy layer table"), QKeySequence::Copy, this, [this] { reportView()->copyLayerTable(); });

    presetsMenu_ = menuBar()->addMenu(tr("&Presets"));
    buildPresetsMenu();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList names{tr("Single point"), tr("Sweep"), tr("Floorplan"), tr("Learn"), tr("Compare"), tr("Run log")};
    for (int i = 0; i < names.size(); ++i)
        view->addAction(names[i], QKeySequence(QString("Ctrl+%1").arg(i + 1)), this, [this, i] { viewTabs_->setCurrentIndex(i); });
    view->addSeparator();
    QAction* design = designDock_->toggleViewAction();
    design->setText(tr("&Design panel"));
    design->setShortcut(QKeySequence(tr("Ctrl+D")));
    view->addAction(design);

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Evaluate accuracy"), QKeySequence(tr("Ctrl+E")), this, [this] {
        showView(single_);
        accuracyPanel()->evaluate();
    });
    tools->addAction(tr("&Pin design point"), QKeySequence(tr("Ctrl+P")), this, [this] {
        if (pinCurrentPoint())
            viewTabs_->setCurrentWidget(compare_);
    });
    tools->addAction(tr("&Start sweep"), QKeySequence(tr("Ctrl+R")), this, [this] {
        showView(sweep_);
        sweep_->start();
    });
    tools->addAction(tr("&VMM error benchmark…"), QKeySequence(tr("Ctrl+B")), this, [this] {
        auto* bench = new VmmBenchView(presetDir_);
        bench->setAttribute(Qt::WA_DeleteOnClose);
        // On the window's screen, centred on the window, never larger than the screen.
        const QRect avail = screen() ? screen()->availableGeometry() : geometry();
        const QSize size = bench->sizeHint().boundedTo(avail.size() * 0.9).expandedTo(QSize(640, 480)).boundedTo(avail.size());
        bench->resize(size);
        QRect frame(QPoint(0, 0), size);
        frame.moveCenter(geometry().center());
        frame.moveLeft(std::clamp(frame.left(), avail.left(), std::max(avail.left(), avail.right() - size.width())));
        frame.moveTop(std::clamp(frame.top(), avail.top(), std::max(avail.top(), avail.bottom() - size.height())));
        bench->move(frame.topLeft());
        bench->show();
    });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this, [this] { showHelp(helpSection()); });
    help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    help->addSeparator();
    help->addAction(tr("&About Kirchhoff"), this, [this] {
        QMessageBox::about(this, tr("About Kirchhoff"),
                           tr("Kirchhoff %1 — design-space explorer for analog compute-in-memory accelerators.").arg(KIRCHHOFF_VERSION));
    });
}

void MainWindow::buildPresetsMenu()
{
    const PresetCatalog catalog(presetDir_);
    QMenu* designs = presetsMenu_->addMenu(tr("&Designs"));
    for (const QString& f : catalog.files("designs", "json"))
        designs->addAction(PresetCatalog::label(f), this, [this, f] { project_->openDesign(f); });
    QMenu* devices = presetsMenu_->addMenu(tr("De&vices"));
    for (const QString& f : catalog.files("devices", "json"))
        devices->addAction(PresetCatalog::label(f), this, [this, f] {
            if (project_->applyDevicePreset(f))
                designTabs_->setCurrentIndex(0);   // show what the device changed
        });
    QMenu* networks = presetsMenu_->addMenu(tr("&Networks"));
    for (const QString& f : catalog.files("networks", "csv"))
        networks->addAction(PresetCatalog::label(f), this, [this, f] { project_->openNetwork(f); });
    for (const QString& f : catalog.files("models", "onnx"))
        networks->addAction(PresetCatalog::label(f) + " (ONNX)", this, [this, f] { project_->openNetwork(f); });
    QMenu* sweeps = presetsMenu_->addMenu(tr("&Sweeps"));
    for (const QString& f : catalog.files("sweeps", "json"))
        sweeps->addAction(PresetCatalog::label(f), this, [this, f] { project_->loadSweepPreset(f); });
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = project_->recentProjects();
    for (const QString& f : recent)
        recentMenu_->addAction(QFileInfo(f).fileName() + "  —  " + QFileInfo(f).absolutePath(), this, [this, f] { project_->openProject(f); });
    if (recent.isEmpty())
        recentMenu_->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::updateTitle()
{
    const QString name = doc_->projectPath().isEmpty() ? tr("untitled") : QFileInfo(doc_->projectPath()).fileName();
    setWindowTitle(tr("%1%2 — Kirchhoff").arg(name, doc_->undoStack()->isClean() ? QString() : QStringLiteral(" *")));
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

bool MainWindow::saveProjectAs()
{
    QString f = QFileDialog::getSaveFileName(this, tr("Save project"), "design.kirchhoff.json", tr("Kirchhoff project (*.kirchhoff.json)"));
    if (f.isEmpty())
        return false;
    if (!f.endsWith(".kirchhoff.json"))
        f += f.endsWith(".json") ? QString() : QStringLiteral(".kirchhoff.json");
    return project_->saveProject(f);
}

QChart* MainWindow::chartNamed(const QString& which) const
{
    if (which == "area")
        return reportView()->areaChart()->chart();
    if (which == "energy")
        return reportView()->energyChart()->chart();
    if (which == "pareto")
        return sweep_->scatter()->chart();
    if (which == "states")
        return device_->statesPlot()->chart();
    if (which == "learn")
        return learn_->chartView()->chart();
    return nullptr;
}

bool MainWindow::exportChart(const QString& which, const QString& path)
{
    QChart* chart = chartNamed(which);
    const QString error = which == "floorplan" ? ui::exportWidget(floorplan_, path)
                          : chart              ? ui::exportChart(chart, path)
                                               : tr("no chart named \"%1\"").arg(which);
    if (!error.isEmpty()) {
        showError(tr("Export failed"), error);
        return false;
    }
    return true;
}

bool MainWindow::exportLayerCsv(const QString& path)
{
    const QString error = writeTableCsv(reportView()->layerModel(), path);
    if (!error.isEmpty())
        showError(tr("Export failed"), error);
    return error.isEmpty();
}

bool MainWindow::exportSweepCsv(const QString& path)
{
    const QString error = sweep_->exportCsv(path);
    if (!error.isEmpty())
        showError(tr("Export failed"), error);
    return error.isEmpty();
}

void MainWindow::loadRecord(const PointRecord& record)
{
    DesignPoint dp;
    try {
        dp = designPointFromJson(record.config);
    } catch (const InputError& e) {
        showError(tr("Cannot load this point"), QString::fromStdString(e.what()));
        return;
    }
    doc_->edit(dp, tr("Sweep point %1").arg(QString::fromStdString(record.paramsText())));
    if (const auto acc = record.metrics.find("accuracy"); acc != record.metrics.end())
        reportView()->setAccuracy(acc->second, 0, currentAccuracyInputs());
    statusBar()->showMessage(tr("Loaded sweep point: %1").arg(QString::fromStdString(record.paramsText())), 8000);
}

void MainWindow::recompute()
{
    if (!doc_->hasNetwork())
        return;
    requestedPpa_ = currentPpaInputs();
    ppa_->request(ppaJob(doc_->network(), doc_->design()));
}

ResultInputs MainWindow::currentPpaInputs() const { return ppaInputs(doc_->design(), doc_->sources().network); }

ResultInputs MainWindow::currentAccuracyInputs() const
{
    const DesignSources s = doc_->sources();
    return accuracyInputs(doc_->design(), s.model, s.dataset);
}

void MainWindow::showCurrentInputs() { reportView()->setCurrentInputs(currentPpaInputs(), currentAccuracyInputs()); }

void MainWindow::showRefusedEdits()
{
    QString reason;
    for (DesignPage* page : std::initializer_list<DesignPage*>{device_, array_, networkPage_, noise_, circuitErrors_, technology_})
        if (reason.isEmpty())
            reason = page->refusedReason();
    reportView()->setRefusedEdit(reason);
}

void MainWindow::onResult()
{
    const TaskOutcome<PpaReport>& result = ppa_->outcome();
    reportView()->setBusy(ppa_->busy());
    if (!ppa_->isCurrent())
        return;   // a newer request runs next, or the network is gone
    if (!result.error.isEmpty()) {
        reportView()->setError(result.error);
        return;
    }
    reportView()->setReport(result.value, requestedPpa_);
    floorplan_->setReport(result.value);
    ++completed_;
    emit estimateShown();
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (!closeConfirmed_ && !doc_->undoStack()->isClean() && !doc_->projectPath().isEmpty() && isVisible()) {
        // Window-modal and non-blocking: the event loop (and a running sweep) goes on while the
        // question is open; the window closes again once it is answered.
        e->ignore();
        auto* box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"), tr("Save the project before closing?"),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName("unsavedChangesDialog");
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box] {
            const QMessageBox::StandardButton answer = box->standardButton(box->clickedButton());
            if (answer == QMessageBox::Save && !project_->saveProject(doc_->projectPath()))
                return;
            if (answer == QMessageBox::Save || answer == QMessageBox::Discard) {
                closeConfirmed_ = true;
                close();
            }
        });
        box->open();
        return;
    }
    sweep_->cancel();
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/designTab", designTabs_->currentIndex());
    settings.setValue("window/viewTab", viewTabs_->currentIndex());
    e->accept();
}

} // namespace kh::ui
