#include "QuantityDelegate.h"

#include "common/QuantityText.h"

#include <QTableWidgetItem>

namespace kh::ui {

namespace {
constexpr int kTableDigits = 4;   // enough to tell neighbouring states apart, short enough to scan
}

QuantityDelegate::QuantityDelegate(const std::string& unit, QObject* parent) : QStyledItemDelegate(parent), unit_(unit) {}

QString QuantityDelegate::displayText(const QVariant& value, const QLocale& locale) const
{
    const QString text = value.toString();
    const QuantityParse p = parseQuantity(text.toStdString(), unit_);
    if (!p.value)
        return QStyledItemDelegate::displayText(value, locale);   // shown as typed, marked by the page
    return QString::fromStdString(formatQuantity(*p.value, unit_, kTableDigits));
}

QString QuantityDelegate::cellText(double v) const { return QString::fromStdString(formatQuantity(v, unit_)); }

std::optional<double> QuantityDelegate::cellValue(const QTableWidgetItem* item) const
{
    if (!item)
        return std::nullopt;
    return parseQuantity(item->text().toStdString(), unit_).value;
}

} // namespace kh::ui
