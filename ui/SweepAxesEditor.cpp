#include "SweepAxesEditor.h"

#include "spec/DesignFields.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kh::ui {

namespace {
nlohmann::json scalar(const QString& token)
{
    bool ok = false;
    const long long i = token.toLongLong(&ok);
    if (ok)
        return i;
    const double d = token.toDouble(&ok);
    if (ok)
        return d;
    if (token == "true" || token == "false")
        return token == "true";
    return token.toStdString();
}
} // namespace

SweepAxesEditor::SweepAxesEditor(QWidget* parent) : QWidget(parent)
{
    table_ = new QTableWidget(0, 2);
    table_->setObjectName("axesTable");
    table_->setHorizontalHeaderLabels({tr("Parameter"), tr("Values")});
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->setMinimumHeight(130);
    auto* key = new QComboBox;
    key->setEditable(true);
    // Square arrays first (the common axis), then every scalar key of the field table, each with
    // its description as tooltip.
    key->addItem("array.rows+array.cols");
    key->setItemData(0, tr("square subarrays: rows and columns together"), Qt::ToolTipRole);
    for (const std::string& k : sweepableDesignKeys()) {
        key->addItem(QString::fromStdString(k));
        key->setItemData(key->count() - 1, QString::fromStdString(findDesignField(k)->description), Qt::ToolTipRole);
    }
    auto* add = new QPushButton(tr("Add axis"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* row = new QHBoxLayout;
    row->addWidget(key, 1);
    row->addWidget(add);
    row->addWidget(remove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
    layout->addLayout(row);
    connect(add, &QPushButton::clicked, this, [this, key] { addAxis(key->currentText(), {}); table_->setCurrentCell(table_->rowCount() - 1, 1); });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int r = table_->currentRow() >= 0 ? table_->currentRow() : table_->rowCount() - 1;
        if (r >= 0) {
            table_->removeRow(r);
            emit edited();
        }
    });
    connect(table_, &QTableWidget::cellChanged, this, &SweepAxesEditor::edited);
}

void SweepAxesEditor::addAxis(const QString& key, const QString& values)
{
    const QSignalBlocker block(table_);
    const int r = table_->rowCount();
    table_->insertRow(r);
    table_->setItem(r, 0, new QTableWidgetItem(key));
    table_->setItem(r, 1, new QTableWidgetItem(values));
    emit edited();
}

void SweepAxesEditor::setAxes(const nlohmann::json& axes)
{
    {
        const QSignalBlocker block(table_);
        table_->setRowCount(0);
    }
    if (!axes.is_object())
        return;
    for (const auto& [key, values] : axes.items())
        addAxis(QString::fromStdString(key), formatValues(values));
}

bool SweepAxesEditor::parseValues(const QString& text, nlohmann::json& out)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return false;
    if (t.startsWith('[') || t.startsWith('{')) {
        out = nlohmann::json::parse(t.toStdString(), nullptr, false);
        return !out.is_discarded();
    }
    QString list = t;
    const bool lossless = t.startsWith("lossless_minus") || t.startsWith("lossless-");
    if (lossless)
        list = t.mid(t.indexOf(QRegularExpression("[0-9]")));
    nlohmann::json values = nlohmann::json::array();
    for (const QString& token : list.split(',', Qt::SkipEmptyParts))
        if (!token.trimmed().isEmpty())
            values.push_back(scalar(token.trimmed()));
    if (values.empty())
        return false;
    out = lossless ? nlohmann::json{{"lossless_minus", values}} : values;
    return true;
}

QString SweepAxesEditor::formatValues(const nlohmann::json& values)
{
    auto list = [](const nlohmann::json& a) {
        QStringList parts;
        for (const auto& v : a)
            parts << (v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump()));
        return parts.join(", ");
    };
    if (values.is_array())
        return list(values);
    if (values.is_object() && values.size() == 1 && values.contains("lossless_minus") && values["lossless_minus"].is_array())
        return "lossless_minus " + list(values["lossless_minus"]);
    return QString::fromStdString(values.dump());
}

bool SweepAxesEditor::axes(nlohmann::json& out, QString* error) const
{
    out = nlohmann::json::object();
    for (int r = 0; r < table_->rowCount(); ++r) {
        const QString key = table_->item(r, 0) ? table_->item(r, 0)->text().trimmed() : QString();
        const QString text = table_->item(r, 1) ? table_->item(r, 1)->text() : QString();
        nlohmann::json values;
        if (key.isEmpty() || !parseValues(text, values)) {
            *error = tr("axis %1 (%2): give a key and values such as \"32, 64, 128\"").arg(r + 1).arg(key);
            return false;
        }
        out[key.toStdString()] = values;
    }
    return true;
}

} // namespace kh::ui
