#include "SweepView.h"

#include "DesignDocument.h"
#include "ParetoScatterView.h"
#include "SweepAxesEditor.h"
#include "TableCsv.h"

#include "common/InputError.h"
#include "dse/MetricInfo.h"
#include "dse/ResultStore.h"
#include "dse/Samplers.h"
#include "dse/SweepSpec.h"
#include "spec/ProjectFile.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace kh::ui {

SweepView::SweepView(DesignDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc)
{
    axes_ = new SweepAxesEditor;
    sampler_ = new QComboBox;
    sampler_->addItem(tr("Grid (every combination)"), "grid");
    sampler_->addItem(tr("Random"), "random");
    sampler_->addItem(tr("Latin hypercube"), "lhs");
    sampler_->addItem(tr("NSGA-II (evolutionary)"), "nsga2");
    points_ = new QSpinBox;
    points_->setRange(1, 100000);
    points_->setValue(24);
    points_->setToolTip(tr("Random / LHS: samples; NSGA-II: population"));
    generations_ = new QSpinBox;
    generations_->setRange(1, 1000);
    generations_->setValue(10);
    samplerSeed_ = new QSpinBox;
    samplerSeed_->setRange(0, 2000000000);
    samplerSeed_->setValue(1);
    objectiveX_ = new QComboBox;
    objectiveY_ = new QComboBox;
    for (QComboBox* box : {sampler_, objectiveX_, objectiveY_}) {   // long names must not widen the view
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    for (const std::string& m : knownMetricNames()) {
        objectiveX_->addItem(QString::fromStdString(metricDisplay(m).label), QString::fromStdString(m));
        objectiveY_->addItem(QString::fromStdString(metricDisplay(m).label), QString::fromStdString(m));
    }
    objectiveX_->setCurrentIndex(objectiveX_->findData("tops_per_w"));
    objectiveY_->setCurrentIndex(objectiveY_->findData("accuracy"));
    results_ = new QLineEdit;
    results_->setPlaceholderText(tr("results file (.sqlite); empty = next to the project"));
    auto* browse = new QPushButton(tr("Open results…"));
    threads_ = new QSpinBox;
    threads_->setRange(1, 256);
    threads_->setValue(std::max(1, QThread::idealThreadCount()));
    start_ = new QPushButton(tr("Start"));
    start_->setObjectName("sweepStart");
    pause_ = new QPushButton(tr("Pause"));
    cancel_ = new QPushButton(tr("Cancel"));
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    status_ = new QLabel;
    status_->setWordWrap(true);
    // Room for two lines, so a longer status does not move the buttons above it.
    status_->setMinimumHeight(2 * status_->fontMetrics().lineSpacing());
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    plan_ = new QLabel;
    plan_->setObjectName("sweepPlan");
    plan_->setWordWrap(true);
    planTimer_ = new QTimer(this);
    planTimer_->setSingleShot(true);
    planTimer_->setInterval(300);   // after the typing stops
    scatter_ = new ParetoScatterView;
    task_ = new SweepTask(this);

    auto* resultsRow = new QHBoxLayout;
    resultsRow->addWidget(results_, 1);
    resultsRow->addWidget(browse);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(pause_);
    buttons->addWidget(cancel_);
    auto* objectives = new QHBoxLayout;
    objectives->addWidget(objectiveX_, 1);
    objectives->addWidget(objectiveY_, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Axes"), axes_);
    form->addRow(tr("Sampler"), sampler_);
    form->addRow(tr("Points / population"), points_);
    form->addRow(tr("Generations (NSGA-II)"), generations_);
    form->addRow(tr("Sampler seed"), samplerSeed_);
    form->addRow(tr("Objectives"), objectives);
    form->addRow(tr("Results"), resultsRow);
    form->addRow(tr("Threads"), threads_);
    form->addRow(tr("Plan"), plan_);
    form->addRow(buttons);
    form->addRow(bar_);
    form->addRow(status_);
    auto* left = new QWidget;
    left->setLayout(form);
    left->setMaximumWidth(520);
    auto* split = new QSplitter;
    split->addWidget(left);
    split->addWidget(scatter_);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(start_, &QPushButton::clicked, this, &SweepView::start);
    connect(pause_, &QPushButton::clicked, this, [this] { paused_ && !running() ? start() : pause(); });
    connect(cancel_, &QPushButton::clicked, this, &SweepView::cancel);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open sweep results"), {}, tr("Results (*.sqlite *.db)"));
        if (!f.isEmpty())
            openResults(f);
    });
    connect(this, &SweepView::pointStored, scatter_, &ParetoScatterView::addRecord);
    connect(task_, &TaskSignals::progress, this, [this](double f, const QString& what) {
        bar_->setValue(int(f * 1000));
        status_->setText(what);
    });
    connect(task_, &TaskSignals::finished, this, &SweepView::onFinished);
    connect(scatter_, &ParetoScatterView::pointChosen, this, &SweepView::pointChosen);
    auto objectivesChanged = [this] {
        scatter_->setAxes(objectiveX_->currentData().toString(), objectiveY_->currentData().toString());
    };
    connect(objectiveX_, &QComboBox::currentIndexChanged, this, objectivesChanged);
    connect(objectiveY_, &QComboBox::currentIndexChanged, this, objectivesChanged);
    // The plan follows every edit of what Start would run.
    connect(planTimer_, &QTimer::timeout, this, &SweepView::updatePlan);
    auto replan = [this] { planTimer_->start(); };
    connect(axes_, &SweepAxesEditor::edited, this, replan);
    connect(sampler_, &QComboBox::currentIndexChanged, this, replan);
    connect(points_, &QSpinBox::valueChanged, this, replan);
    connect(generations_, &QSpinBox::valueChanged, this, replan);
    connect(threads_, &QSpinBox::valueChanged, this, replan);
    connect(doc_, &DesignDocument::networkChanged, this, replan);
    connect(doc_, &DesignDocument::modelChanged, this, replan);
    updateButtons();
    replan();
}

bool SweepView::running() const { return task_->busy(); }

void SweepView::updateButtons()
{
    // Paused: Resume goes on with the same file, Cancel discards the pause; Start waits for either.
    const bool busy = running();
    start_->setEnabled(!busy && !paused_);
    pause_->setEnabled(busy || paused_);
    pause_->setText(paused_ && !busy ? tr("Resume") : tr("Pause"));
    cancel_->setEnabled(busy || paused_);
}

void SweepView::updatePlan()
{
    // The spec as Start would run it, counted without evaluating anything; its errors show here first.
    nlohmann::json section;
    QString error;
    if (!sweepSection(section, &error)) {
        plan_->setText(error);
        return;
    }
    Project p = doc_->project();
    p.sweep = section;
    try {
        const QString specDir = doc_->projectPath().isEmpty() ? QDir::currentPath() : QFileInfo(doc_->projectPath()).absolutePath();
        const SweepSpec spec = sweepSpecFromJson(projectSweepSpec(p), specDir.toStdString(), QCoreApplication::applicationDirPath().toStdString());
        const double n = plannedPoints(spec);
        const int threads = threads_->value();
        plan_->setText(spec.sampler.kind == SamplerKind::Nsga2 ? tr("up to %1 points (population × generations), %2 threads").arg(n).arg(threads)
                                                               : tr("%1 points, %2 threads").arg(n).arg(threads));
        plan_->setStyleSheet({});
    } catch (const InputError& e) {
        plan_->setText(QString::fromStdString(e.what()));
        plan_->setStyleSheet("color: #b00020");
    }
}

void SweepView::showSweep(const nlohmann::json& sweep)
{
    if (!sweep.is_object())
        return;
    axes_->setAxes(sweep.value("axes", nlohmann::json::object()));
    const nlohmann::json sampler = sweep.value("sampler", nlohmann::json("grid"));
    const std::string kind = sampler.is_string() ? sampler.get<std::string>() : sampler.value("kind", std::string("grid"));
    sampler_->setCurrentIndex(std::max(0, sampler_->findData(QString::fromStdString(kind))));
    if (sampler.is_object()) {
        points_->setValue(sampler.value("points", sampler.value("population", points_->value())));
        generations_->setValue(sampler.value("generations", generations_->value()));
        samplerSeed_->setValue(int(sampler.value("seed", 1)));
    }
    const nlohmann::json objectives = sweep.value("objectives", nlohmann::json::array());
    auto objectiveName = [](const nlohmann::json& o) {
        return QString::fromStdString(o.is_string() ? o.get<std::string>() : o.value("metric", std::string()));
    };
    if (objectives.size() >= 2) {
        objectiveX_->setCurrentIndex(std::max(0, objectiveX_->findData(objectiveName(objectives[0]))));
        objectiveY_->setCurrentIndex(std::max(0, objectiveY_->findData(objectiveName(objectives[1]))));
    }
    planTimer_->start();
}

bool SweepView::sweepSection(nlohmann::json& out, QString* error) const
{
    nlohmann::json axes;
    if (!axes_->axes(axes, error))
        return false;
    out = nlohmann::json::object();
    out["name"] = "GUI sweep";
    out["axes"] = axes;
    const std::string kind = sampler_->currentData().toString().toStdString();
    if (kind == "grid") {
        out["sampler"] = "grid";
    } else if (kind == "nsga2") {
        out["sampler"] = {{"kind", kind}, {"population", points_->value()}, {"generations", generations_->value()},
                          {"seed", samplerSeed_->value()}};
    } else {
        out["sampler"] = {{"kind", kind}, {"points", points_->value()}, {"seed", samplerSeed_->value()}};
    }
    out["objectives"] = {objectiveX_->currentData().toString().toStdString(), objectiveY_->currentData().toString().toStdString()};
    return true;
}

QString SweepView::defaultResultsPath() const
{
    const QString project = doc_->projectPath();
    if (!project.isEmpty()) {
        QString base = QFileInfo(project).fileName();
        base.replace(".kirchhoff.json", "").replace(".json", "");
        return QFileInfo(project).dir().filePath(base + ".sqlite");
    }
    // A folder the user sees, not the hidden application data.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + "/Kirchhoff sweeps";
    QDir().mkpath(dir);
    return dir + "/sweep-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss") + ".sqlite";
}

void SweepView::start()
{
    if (running())
        return;
    nlohmann::json section;
    QString error;
    if (!sweepSection(section, &error)) {
        emit errorShown(error);
        return;
    }
    doc_->setSweep(section);
    if (results_->text().trimmed().isEmpty())
        results_->setText(defaultResultsPath());
    doc_->setResultsPath(results_->text().trimmed());
    nlohmann::json spec;
    try {
        spec = projectSweepSpec(doc_->project());
    } catch (const InputError& e) {
        emit errorShown(QString::fromStdString(e.what()));
        return;
    }
    // Resuming a file shows what it already holds; a fresh file starts an empty chart.
    if (!paused_ && QFileInfo::exists(results_->text().trimmed()))
        openResults(results_->text().trimmed());
    else if (!paused_)
        scatter_->clear();
    paused_ = false;
    const QString specDir = doc_->projectPath().isEmpty() ? QDir::currentPath() : QFileInfo(doc_->projectPath()).absolutePath();
    task_->start(sweepJob(sweepSpecJson(spec, specDir), results_->text().trimmed(), threads_->value(),
                         [this](const PointRecord& r) { emit pointStored(r); }));
    bar_->setValue(0);
    status_->setText(tr("Starting…"));
    updateButtons();
}

void SweepView::pause()
{
    if (!running())
        return;
    paused_ = true;
    task_->cancel();
    status_->setText(tr("Pausing: running points finish…"));
}

void SweepView::cancel()
{
    if (paused_ && !running())
        status_->setText(tr("Cancelled: the results file keeps the points already stored"));
    paused_ = false;
    task_->cancel();
    updateButtons();
}

void SweepView::onFinished()
{
    const TaskOutcome<SweepSummary>& outcome = task_->outcome();
    scatter_->redrawNow();
    if (!outcome.error.isEmpty()) {
        paused_ = false;
        status_->setText(outcome.error);
        emit errorShown(outcome.error);
    } else {
        const SweepSummary& s = outcome.value;
        const QString what = s.cancelled ? (paused_ ? tr("Paused") : tr("Cancelled")) : tr("Finished");
        status_->setText(tr("%1: %2 new points (%3 ok, %4 invalid, %5 errors), %6 already stored, %7 accuracy runs, %8 s")
                             .arg(what).arg(s.evaluated).arg(s.ok).arg(s.invalid).arg(s.errors).arg(s.skipped)
                             .arg(s.accuracy_runs).arg(s.seconds, 0, 'f', 1));
        if (!s.cancelled)
            bar_->setValue(1000);
        emit runEnded(s, results_->text().trimmed());
    }
    updateButtons();
}

bool SweepView::openResults(const QString& path)
{
    try {
        const ResultStore store(path.toStdString(), ResultStore::Mode::ReadOnly);
        scatter_->setRecords(store.records());
    } catch (const InputError& e) {
        emit errorShown(QString::fromStdString(e.what()));
        return false;
    }
    results_->setText(path);
    doc_->setResultsPath(path);
    status_->setText(tr("%1 points in %2").arg(scatter_->records().size()).arg(QFileInfo(path).fileName()));
    return true;
}

} // namespace kh::ui

namespace kh::ui {

QString SweepView::exportCsv(const QString& path) const
{
    const std::vector<PointRecord>& records = scatter_->records();
    QStringList headers{"hash", "status", "feasible", "params"};
    const std::vector<std::string>& metrics = knownMetricNames();
    for (const std::string& m : metrics)
        headers << QString::fromStdString(m);
    headers << "error";
    QStandardItemModel model(int(records.size()), int(headers.size()));
    model.setHorizontalHeaderLabels(headers);
    for (size_t r = 0; r < records.size(); ++r) {
        const PointRecord& p = records[r];
        int c = 0;
        auto put = [&](const QString& text) { model.setItem(int(r), c++, new QStandardItem(text)); };
        put(QString::fromStdString(p.hash));
        put(QString::fromStdString(p.status));
        put(p.feasible ? "1" : "0");
        put(QString::fromStdString(p.params.dump()));
        for (const std::string& m : metrics) {
            const auto it = p.metrics.find(m);
            put(it == p.metrics.end() ? QString() : QString::number(it->second, 'g', 10));
        }
        put(QString::fromStdString(p.error));
    }
    return writeTableCsv(&model, path);
}

} // namespace kh::ui
