#include "CompareView.h"

#include "ResultInputs.h"

#include "common/QuantityText.h"
#include "dse/MetricInfo.h"
#include "spec/DesignFields.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace kh::ui {

namespace {
const char* const kMetrics[] = {"accuracy", "tops_per_w", "tops", "area_mm2", "tops_per_mm2", "fps"};

QString fieldText(const DesignField& f, const DesignPoint& dp)
{
    const nlohmann::json v = f.get(dp);
    if (v.is_number())
        return QString::fromStdString(formatQuantity(v.get<double>(), f.unit));
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_array())
        return QObject::tr("%1 rows").arg(v.size());
    if (v.is_null())
        return QObject::tr("(unset)");
    return QString::fromStdString(v.dump());
}
} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    table_ = new QTableWidget;
    table_->setObjectName("compareTable");
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    onlyDiff_ = new QCheckBox(tr("only differences"));
    auto* clear = new QPushButton(tr("Clear pins"));
    hint_ = new QLabel(tr("Pin design points with Tools > Pin design point (Ctrl+P) to compare them here. "
                          "Double-click a column's header to load that point again."));
    hint_->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(onlyDiff_);
    controls->addStretch();
    controls->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint_);
    layout->addLayout(controls);
    layout->addWidget(table_, 1);
    connect(onlyDiff_, &QCheckBox::toggled, this, &CompareView::rebuild);
    connect(clear, &QPushButton::clicked, this, &CompareView::clear);
    connect(table_->horizontalHeader(), &QHeaderView::sectionDoubleClicked, this, [this](int column) {
        if (column >= 0 && column < int(pins_.size()))
            emit loadRequested(pins_[size_t(column)]);
    });
    rebuild();
}

QString CompareView::nextLabel() const
{
    const size_t n = pins_.size();
    return n < 26 ? QString(QChar('A' + int(n))) : QString("P%1").arg(n + 1);
}

void CompareView::pin(const PinnedPoint& p)
{
    pins_.push_back(p);
    rebuild();
}

void CompareView::clear()
{
    pins_.clear();
    rebuild();
}

void CompareView::rebuild()
{
    // Every row's texts, one per pin.
    std::vector<std::pair<QString, QStringList>> rows;
    QStringList sources;
    for (const PinnedPoint& p : pins_)
        sources << sourceName(p.network) + (p.model.isEmpty() ? QString() : " / " + sourceName(p.model));
    rows.push_back({tr("network / model"), sources});
    for (const char* m : kMetrics) {
        const MetricDisplay d = metricDisplay(m);
        QStringList texts;
        for (const PinnedPoint& p : pins_) {
            const auto it = p.metrics.find(m);
            texts << (it == p.metrics.end() || !std::isfinite(it->second) ? QString("—")
                                                                           : QString::fromStdString(formatQuantity(it->second * d.scale, "", 4)));
        }
        rows.push_back({QString::fromStdString(d.label), texts});
    }
    for (const DesignField& f : designFields()) {
        QStringList texts;
        for (const PinnedPoint& p : pins_)
            texts << fieldText(f, p.design);
        rows.push_back({QString::fromStdString(f.key), texts});
    }
    table_->clear();
    table_->setColumnCount(int(pins_.size()));
    QStringList headers;
    for (const PinnedPoint& p : pins_)
        headers << p.label;
    table_->setHorizontalHeaderLabels(headers);
    std::vector<std::pair<QString, QStringList>> shown;
    std::vector<bool> differ;
    for (const auto& [name, texts] : rows) {
        bool d = false;
        for (const QString& t : texts)
            d = d || t != texts.front();
        if (onlyDiff_->isChecked() && !d)
            continue;
        shown.push_back({name, texts});
        differ.push_back(d);
    }
    table_->setRowCount(int(shown.size()));
    QStringList names;
    for (size_t r = 0; r < shown.size(); ++r) {
        names << shown[r].first;
        for (int c = 0; c < shown[r].second.size(); ++c) {
            auto* item = new QTableWidgetItem(shown[r].second[c]);
            if (differ[r]) {
                item->setBackground(QColor(0xff, 0xf1, 0xb8));
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            table_->setItem(int(r), c, item);
        }
    }
    table_->setVerticalHeaderLabels(names);
    hint_->setVisible(pins_.size() < 2);
}

int CompareView::rowOf(const QString& name) const
{
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->verticalHeaderItem(r) && table_->verticalHeaderItem(r)->text() == name)
            return r;
    return -1;
}

bool CompareView::differs(const QString& name) const
{
    const int r = rowOf(name);
    if (r < 0 || table_->columnCount() == 0)
        return false;
    for (int c = 1; c < table_->columnCount(); ++c)
        if (table_->item(r, c)->text() != table_->item(r, 0)->text())
            return true;
    return false;
}

} // namespace kh::ui
