#include "SinglePointView.h"

#include "AccuracyPanel.h"
#include "PpaReportView.h"

#include <QVBoxLayout>

namespace kh::ui {

SinglePointView::SinglePointView(QWidget* parent) : QWidget(parent)
{
    accuracy_ = new AccuracyPanel;
    report_ = new PpaReportView;
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(accuracy_);
    layout->addWidget(report_, 1);
    connect(accuracy_, &AccuracyPanel::accuracyShown, report_, &PpaReportView::setAccuracy);
}

} // namespace kh::ui
