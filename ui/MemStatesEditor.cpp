#include "MemStatesEditor.h"

#include "QuantityDelegate.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/CsvLine.h"
#include "io/DeviceTables.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kh::ui {

MemStatesEditor::MemStatesEditor(QWidget* parent) : QWidget(parent)
{
    table_ = new QTableWidget(0, 2);
    table_->setObjectName("memStatesTable");
    table_->setHorizontalHeaderLabels({tr("G mean"), tr("G σ")});
    cells_ = new QuantityDelegate("S", this);
    table_->setItemDelegate(cells_);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setMinimumHeight(140);
    auto* add = new QPushButton(tr("Add"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* paste = new QPushButton(tr("Paste"));
    paste->setToolTip(tr("Replace the table with two columns (mean, σ) copied from a spreadsheet"));
    auto* importBtn = new QPushButton(tr("Import…"));
    auto* exportBtn = new QPushButton(tr("Export…"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {add, remove, paste, importBtn, exportBtn})
        buttons->addWidget(b);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
    layout->addLayout(buttons);

    connect(table_, &QTableWidget::cellChanged, this, [this] {
        if (!updating_)
            emit edited();
    });
    connect(add, &QPushButton::clicked, this, [this] {
        // A new state above the highest one keeps the means increasing.
        std::vector<MemState> s;
        QString error;
        if (!states(s, &error))
            return;
        const double top = s.empty() ? 1e-6 : s.back().g_mean_s * 1.1;
        s.push_back({top, s.empty() ? 0.0 : s.back().g_sigma_s});
        fillRows(s);
        emit edited();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = table_->currentRow() >= 0 ? table_->currentRow() : table_->rowCount() - 1;
        if (row < 0)
            return;
        table_->removeRow(row);
        emit edited();
    });
    connect(paste, &QPushButton::clicked, this, [this] { pasteText(QApplication::clipboard()->text()); });
    connect(importBtn, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import mem_states.csv"), {}, tr("CSV (*.csv)"));
        if (!f.isEmpty())
            importCsv(f);
    });
    connect(exportBtn, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export mem_states.csv"), "mem_states.csv", tr("CSV (*.csv)"));
        if (!f.isEmpty())
            exportCsv(f);
    });
}

void MemStatesEditor::fillRows(const std::vector<MemState>& states)
{
    updating_ = true;
    table_->setRowCount(int(states.size()));
    for (size_t i = 0; i < states.size(); ++i) {
        table_->setItem(int(i), 0, new QTableWidgetItem(cells_->cellText(states[i].g_mean_s)));
        table_->setItem(int(i), 1, new QTableWidgetItem(cells_->cellText(states[i].g_sigma_s)));
    }
    updating_ = false;
}

void MemStatesEditor::setStates(const std::vector<MemState>& states) { fillRows(states); }

bool MemStatesEditor::states(std::vector<MemState>& out, QString* error) const
{
    out.clear();
    for (int r = 0; r < table_->rowCount(); ++r) {
        double v[2] = {0, 0};
        for (int c = 0; c < 2; ++c) {
            const std::optional<double> cell = cells_->cellValue(table_->item(r, c));
            v[c] = cell.value_or(-1);
            if (!cell || v[c] < 0) {
                *error = tr("mem_states row %1: mean and std must be numbers >= 0").arg(r + 1);
                return false;
            }
        }
        if (!out.empty() && v[0] <= out.back().g_mean_s) {
            *error = tr("mem_states row %1: means must increase from row to row").arg(r + 1);
            return false;
        }
        out.push_back({v[0], v[1]});
    }
    return true;
}

bool MemStatesEditor::importCsv(const QString& path)
{
    try {
        fillRows(readMemStatesCsv(path.toStdString()));   // read first: a bad file leaves the table
    } catch (const InputError& e) {
        emit errorShown(QString::fromStdString(e.what()));
        return false;
    }
    emit edited();
    return true;
}

bool MemStatesEditor::exportCsv(const QString& path)
{
    std::vector<MemState> s;
    QString error;
    try {
        if (!states(s, &error))
            throw InputError(error.toStdString());
        writeTextFile(path.toStdString(), formatMemStatesCsv(s));
    } catch (const InputError& e) {
        emit errorShown(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool MemStatesEditor::pasteText(const QString& text)
{
    // Spreadsheet rows: "mean<TAB>std" or "state<TAB>mean<TAB>std"; a header row is skipped.
    std::vector<MemState> parsed;
    const QStringList lines = text.split('\n');
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = line.split(QRegularExpression("[\\t,;]+|\\s+"), Qt::SkipEmptyParts);
        double mean = 0, sd = 0;
        const bool numeric = f.size() >= 2 && f.size() <= 3 && csv::parseDouble(f[f.size() - 2].toStdString(), mean)
                             && csv::parseDouble(f.back().toStdString(), sd);
        if (!numeric && parsed.empty() && n == 0 && line.contains("mean", Qt::CaseInsensitive))
            continue;
        QString why;
        if (!numeric)
            why = tr("expected two numbers (mean, std), got \"%1\"").arg(line.left(60));
        else if (mean < 0 || sd < 0)
            why = tr("mean and std must be >= 0");
        else if (!parsed.empty() && mean <= parsed.back().g_mean_s)
            why = tr("means must increase from row to row");
        if (!why.isEmpty()) {
            emit errorShown(tr("clipboard:%1: %2").arg(n + 1).arg(why));
            return false;
        }
        parsed.push_back({mean, sd});
    }
    if (parsed.size() < 2) {
        emit errorShown(tr("clipboard: at least 2 states are needed"));
        return false;
    }
    fillRows(parsed);
    emit edited();
    return true;
}

} // namespace kh::ui
