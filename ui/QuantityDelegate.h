#pragma once
// The number format of the window's tables: a cell holds the exact text of its value (what is
// edited, copied and read back), and shows it to 4 significant digits with an SI prefix where
// the unit takes one ("1.176 µS" for 1.1764705882352942e-06 S). A cell's text parses with the
// same rules as a QuantityField ("850n", "1.2 µS", "3e-7").
#include <QStyledItemDelegate>

#include <optional>
#include <string>

class QTableWidgetItem;

namespace kh::ui {

class QuantityDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    QuantityDelegate(const std::string& unit, QObject* parent);
    QString displayText(const QVariant& value, const QLocale& locale) const override;

    // The exact text a cell holds for v.
    QString cellText(double v) const;
    // The value of a cell (nullopt when empty or not a number in the unit).
    std::optional<double> cellValue(const QTableWidgetItem* item) const;

private:
    std::string unit_;
};

} // namespace kh::ui
