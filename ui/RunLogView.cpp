#include "RunLogView.h"

#include "RemainingTime.h"
#include "ResultInputs.h"

#include "common/InputError.h"
#include "common/QuantityText.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kh::ui {

namespace {
const QStringList kColumns{QObject::tr("time (UTC)"), QObject::tr("kind"), QObject::tr("label"), QObject::tr("accuracy"),
                           QObject::tr("TOPS/W"),     QObject::tr("points"), QObject::tr("took"), QObject::tr("on")};
}

RunLogView::RunLogView(const QString& path, QWidget* parent) : QWidget(parent), path_(path)
{
    table_ = new QTableWidget(0, int(kColumns.size()));
    table_->setObjectName("runLogTable");
    table_->setHorizontalHeaderLabels(kColumns);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    status_ = new QLabel;
    status_->setWordWrap(true);
    auto* reopen = new QPushButton(tr("Reopen"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(status_, 1);
    buttons->addWidget(reopen);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
    auto open = [this] {
        const int row = table_->currentRow();
        if (row >= 0 && row < int(entries_.size()))
            emit reopenRequested(entries_[entries_.size() - 1 - size_t(row)]);
    };
    connect(reopen, &QPushButton::clicked, this, open);
    connect(table_, &QTableWidget::cellDoubleClicked, this, open);
    reload();
}

QString RunLogView::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + "/runs.jsonl";
}

void RunLogView::reload()
{
    const RunLogContents c = readRunLog(path_.toStdString());
    entries_ = c.entries;
    table_->setRowCount(int(entries_.size()));
    for (size_t i = 0; i < entries_.size(); ++i)
        show(entries_[i], int(entries_.size() - 1 - i));
    status_->setText(c.problems.empty() ? tr("%1 entries in %2").arg(entries_.size()).arg(path_)
                                        : tr("%1 entries; skipped: %2").arg(entries_.size()).arg(QString::fromStdString(c.problems.front())));
}

void RunLogView::add(const RunLogEntry& e)
{
    try {
        appendRunLog(path_.toStdString(), e);
    } catch (const InputError& error) {
        status_->setText(QString::fromStdString(error.what()));
    }
    entries_.push_back(e);
    table_->insertRow(0);
    show(e, 0);
}

void RunLogView::show(const RunLogEntry& e, int row)
{
    auto metric = [&](const char* name, double scale) {
        const auto it = e.metrics.find(name);
        return it == e.metrics.end() ? QString() : QString::fromStdString(formatQuantity(it->second * scale, "", 4));
    };
    const QStringList on{sourceName(QString::fromStdString(e.network)), sourceName(QString::fromStdString(e.model)),
                         sourceName(QString::fromStdString(e.results))};
    QStringList parts;
    for (const QString& s : on)
        if (!s.isEmpty())
            parts << s;
    const QStringList cells{QString::fromStdString(e.time), QString::fromStdString(e.kind), QString::fromStdString(e.label),
                            metric("accuracy", 100), metric("tops_per_w", 1), metric("points", 1),
                            RemainingTime::duration(e.seconds), parts.join(", ")};
    for (int c = 0; c < cells.size(); ++c)
        table_->setItem(row, c, new QTableWidgetItem(cells[c]));
}

} // namespace kh::ui
