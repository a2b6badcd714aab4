#include "PpaReportView.h"

#include "BreakdownChart.h"
#include "LayerTableModel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace kh::ui {

PpaReportView::PpaReportView(QWidget* parent) : QWidget(parent)
{
    headline_ = new QLabel(tr("No estimate yet"));
    headline_->setTextFormat(Qt::RichText);
    headline_->setObjectName("headline");
    QFont f = headline_->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    headline_->setFont(f);
    detail_ = new QLabel;
    detail_->setWordWrap(true);
    state_ = new QLabel;
    areaChart_ = new BreakdownChart(tr("Area"), "mm²", 1.0);
    energyChart_ = new BreakdownChart(tr("Dynamic energy per image"), "J", 1e-12);   // the report's energies are in pJ
    layerModel_ = new LayerTableModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(layerModel_);
    proxy->setSortRole(Qt::EditRole);
    table_ = new QTableView;
    table_->setModel(proxy);
    table_->setSortingEnabled(true);
    table_->sortByColumn(0, Qt::AscendingOrder);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* charts = new QHBoxLayout;
    charts->addWidget(areaChart_);
    charts->addWidget(energyChart_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline_);
    layout->addWidget(detail_);
    layout->addWidget(state_);
    layout->addLayout(charts, 3);
    layout->addWidget(table_, 2);
}

namespace {
// A stale part: grey, with the reason after it.
QString staleSpan(const QString& numbers, const QString& why)
{
    return QString("<span style=\"color:#8a8a8a\">%1 <i>(stale — %2)</i></span>").arg(numbers, why);
}
} // namespace

bool PpaReportView::ppaStale() const { return haveReport_ && (reportInputs_ != currentPpa_ || !refused_.isEmpty()); }

bool PpaReportView::accuracyStale() const { return accuracy_ >= 0 && (accuracyInputs_ != currentAccuracy_ || !refused_.isEmpty()); }

void PpaReportView::updateHeadline()
{
    QString text;
    if (accuracy_ >= 0) {
        QString part = tr("<b>%1 %</b> ± %2 accuracy").arg(accuracy_ * 100, 0, 'f', 2).arg(ci95_ * 100, 0, 'f', 2);
        const QString model = sourceName(accuracyInputs_.source);
        if (!model.isEmpty())
            part += tr(" <small>(%1 on %2)</small>").arg(model.toHtmlEscaped(), accuracyInputs_.dataset.toHtmlEscaped());
        if (accuracyStale())
            part = staleSpan(part, !refused_.isEmpty() ? tr("an edit is refused")
                                                       : tr("inputs changed: Evaluate accuracy again"));
        text = part + " &nbsp; ";
    }
    if (haveReport_) {
        const PpaReport& r = report_;
        QString part = tr("<b>%1</b> TOPS/W &nbsp; <b>%2</b> TOPS &nbsp; <b>%3</b> mm² &nbsp; <b>%4</b> TOPS/mm² &nbsp; <b>%5</b> FPS")
                           .arg(r.tops_per_w, 0, 'f', 2)
                           .arg(r.tops, 0, 'f', 2)
                           .arg(r.area_mm2, 0, 'f', 2)
                           .arg(r.tops_per_mm2, 0, 'f', 3)
                           .arg(r.fps, 0, 'f', 0);
        const QString network = sourceName(reportInputs_.source);
        if (!network.isEmpty())
            part += tr(" <small>(%1)</small>").arg(network.toHtmlEscaped());
        // Macro scope, the figures silicon papers report: one array with its readout and ADCs.
        part += tr("<br><small>Macro (one %1 × %2 array): <b>%3</b> TOPS/W, %4 fJ/MAC, %5 TOPS/mm²; the macros take %6 % of the chip's "
                   "dynamic energy</small>")
                    .arg(r.macro.rows)
                    .arg(r.macro.weight_columns)
                    .arg(r.macro.tops_per_w, 0, 'f', 1)
                    .arg(r.macro.fj_per_mac, 0, 'g', 3)
                    .arg(r.macro.tops_per_mm2, 0, 'f', 2)
                    .arg(r.energy_pj > 0 ? 100 * r.macro_energy_pj / r.energy_pj : 0.0, 0, 'f', 0);
        if (ppaStale())
            part = staleSpan(part, !refused_.isEmpty() ? tr("of the last valid point; an edit is refused") : tr("recomputing"));
        text += part;
    }
    headline_->setText(text);
}

void PpaReportView::setAccuracy(double accuracy, double ci95, const ResultInputs& inputs)
{
    accuracy_ = accuracy;
    ci95_ = ci95;
    accuracyInputs_ = inputs;
    updateHeadline();
}

void PpaReportView::setCurrentInputs(const ResultInputs& ppa, const ResultInputs& accuracy)
{
    currentPpa_ = ppa;
    currentAccuracy_ = accuracy;
    updateHeadline();
}

void PpaReportView::setRefusedEdit(const QString& reason)
{
    refused_ = reason;
    updateHeadline();
}

void PpaReportView::setReport(const PpaReport& r, const ResultInputs& inputs)
{
    report_ = r;
    reportInputs_ = inputs;
    haveReport_ = true;
    updateHeadline();
    detail_->setText(tr("%1 — %2. %3 tiles, utilisation %4 %, clock %5 ns, latency %6 µs, leakage %7 mW. Ops: %8.")
                         .arg(QString::fromStdString(r.network), QString::fromStdString(r.precision))
                         .arg(r.floorplan.total_tiles)
                         .arg(r.floorplan.utilization * 100, 0, 'f', 1)
                         .arg(r.clock_ns, 0, 'f', 3)
                         .arg(r.latency_ns * 1e-3, 0, 'f', 1)
                         .arg(r.leakage_uw * 1e-3, 0, 'f', 1)
                         .arg(QString::fromStdString(r.ops_convention)));
    areaChart_->setBreakdown(r.area_breakdown_mm2);
    energyChart_->setBreakdown(r.energy_breakdown_pj);
    layerModel_->setReport(r);
    setError({});
}

void PpaReportView::setBusy(bool busy) { state_->setText(busy ? tr("Estimating…") : QString()); }

void PpaReportView::setError(const QString& message)
{
    state_->setStyleSheet(message.isEmpty() ? QString() : "color: #b00020");
    state_->setText(message);
}

void PpaReportView::clearReport(const QString& reason)
{
    report_ = {};
    haveReport_ = false;
    reportInputs_ = {};
    accuracy_ = -1;
    accuracyInputs_ = {};
    updateHeadline();
    if (headline_->text().isEmpty())
        headline_->setText(tr("No estimate"));
    detail_->clear();
    areaChart_->setBreakdown({});
    energyChart_->setBreakdown({});
    layerModel_->setReport(report_);
    setError(reason);
}

void PpaReportView::copyLayerTable() const { QApplication::clipboard()->setText(layerModel_->toTsv()); }

} // namespace kh::ui
