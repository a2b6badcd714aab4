#include "SinglePointView.h"

#include "AccuracyPanel.h"
#include "PpaReportView.h"
#ifdef KIRCHHOFF_TRAINING
#include "FineTunePanel.h"
#endif

#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace kh::ui {

SinglePointView::SinglePointView(QWidget* parent) : QWidget(parent)
{
    accuracy_ = new AccuracyPanel;
    report_ = new PpaReportView;
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(accuracy_);
#ifdef KIRCHHOFF_TRAINING
    // The panel and the report share the height; the splitter lets the user give either more.
    fineTune_ = new FineTunePanel;
    fineTune_->hide();
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(fineTune_);
    split->addWidget(report_);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    auto* open = new QPushButton(tr("Fine-tune…"));
    open->setCheckable(true);
    open->setToolTip(tr("Fine-tune the model under this design point's non-idealities"));
    accuracy_->addButton(open);
    connect(open, &QPushButton::toggled, fineTune_, &QWidget::setVisible);
    connect(fineTune_, &FineTunePanel::modelChosen, this, &SinglePointView::modelChosen);
    connect(fineTune_, &FineTunePanel::runLogged, this, &SinglePointView::fineTuneLogged);
    connect(fineTune_, &FineTunePanel::errorShown, this, [this](const QString& m) { emit errorShown(tr("Cannot fine-tune"), m); });
#else
    layout->addWidget(report_, 1);
#endif
    connect(accuracy_, &AccuracyPanel::accuracyShown, report_, &PpaReportView::setAccuracy);
}

void SinglePointView::setDesign(const DesignPoint& dp)
{
    accuracy_->setDesign(dp);
#ifdef KIRCHHOFF_TRAINING
    fineTune_->setDesign(dp);
#endif
}

void SinglePointView::setModel(const QString& modelPath, const QString& dataset)
{
    accuracy_->setModel(modelPath, dataset);
#ifdef KIRCHHOFF_TRAINING
    fineTune_->setModel(modelPath, dataset);
#endif
}

} // namespace kh::ui
