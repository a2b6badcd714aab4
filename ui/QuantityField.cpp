#include "QuantityField.h"

#include "common/QuantityText.h"

#include <QLineEdit>

#include <algorithm>
#include <cmath>

namespace kh::ui {

QuantityField::QuantityField(QWidget* parent) : QAbstractSpinBox(parent)
{
    setKeyboardTracking(false);
    setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    connect(this, &QAbstractSpinBox::editingFinished, this, &QuantityField::commitText);
    showValue();
}

QString QuantityField::textOf(double v) const { return QString::fromStdString(formatQuantity(v, unit_)); }

void QuantityField::setUnit(const std::string& unit)
{
    unit_ = unit;
    showValue();
}

void QuantityField::setRange(double lo, double hi)
{
    lo_ = lo;
    hi_ = std::max(lo, hi);
    if (value_ < lo_ || value_ > hi_)
        setValue(std::clamp(value_, lo_, hi_));
}

void QuantityField::setPlausibleMaximum(double bound, const QString& reason)
{
    plausibleMax_ = bound;
    plausibleReason_ = reason;
    refreshMarks();
}

void QuantityField::setDescription(const QString& text)
{
    description_ = text;
    refreshMarks();
}

void QuantityField::setValue(double v)
{
    const bool changed = v != value_;
    value_ = v;
    error_.clear();
    showValue();
    if (changed)
        emit valueChanged(v);
}

void QuantityField::showValue()
{
    lineEdit()->setText(textOf(value_));
    warning_ = value_ > plausibleMax_ ? plausibleReason_ : QString();
    refreshMarks();
}

void QuantityField::setError(const QString& reason)
{
    error_ = reason;
    refreshMarks();
}

void QuantityField::refreshMarks()
{
    if (!error_.isEmpty()) {
        setStyleSheet("QAbstractSpinBox { border: 2px solid #b00020; }");
        setToolTip(error_);
    } else if (!warning_.isEmpty()) {
        setStyleSheet("QAbstractSpinBox { border: 2px solid #c77700; }");
        setToolTip(warning_ + (description_.isEmpty() ? QString() : "\n" + description_));
    } else {
        setStyleSheet({});
        setToolTip(description_);
    }
}

void QuantityField::commitText()
{
    const std::string text = lineEdit()->text().toStdString();
    const QuantityParse p = parseQuantity(text, unit_);
    QString reason;
    if (!p.value)
        reason = QString::fromStdString(p.error);
    else if (*p.value < lo_)
        reason = tr("%1 is below the minimum %2").arg(textOf(*p.value), textOf(lo_));
    else if (*p.value > hi_)
        reason = tr("%1 is above the maximum %2").arg(textOf(*p.value), textOf(hi_));
    if (!reason.isEmpty()) {
        setError(reason);   // the typed text stays, so nothing is lost
        emit rejected(reason);
        return;
    }
    if (*p.value == value_) {
        error_.clear();
        showValue();   // shows what was parsed ("1.5M" becomes "1.5 MΩ")
        return;
    }
    setValue(*p.value);
}

void QuantityField::stepBy(int steps)
{
    // Rounded at the step's decimal place, so 0.1 + 0.2 shows as 0.3, not 0.30000000000000004.
    const double next = roundedAtResolution(value_ + steps * step_, step_);
    setValue(std::clamp(next, lo_, hi_));
    lineEdit()->selectAll();
}

QAbstractSpinBox::StepEnabled QuantityField::stepEnabled() const
{
    if (isReadOnly())
        return StepNone;
    StepEnabled e = StepNone;
    if (value_ > lo_)
        e |= StepDownEnabled;
    if (value_ < hi_)
        e |= StepUpEnabled;
    return e;
}

QValidator::State QuantityField::validate(QString& input, int& /*pos*/) const
{
    // Typing is never blocked: a half-typed "1.5e" is Intermediate, and a finished text that
    // does not parse is refused with its reason when editing finishes.
    return parseQuantity(input.toStdString(), unit_).value ? QValidator::Acceptable : QValidator::Intermediate;
}

QSize QuantityField::sizeHint() const
{
    QSize s = QAbstractSpinBox::sizeHint();
    const QFontMetrics fm(font());
    const int text = std::max({fm.horizontalAdvance(textOf(lo_)), fm.horizontalAdvance(textOf(hi_)), fm.horizontalAdvance("-0.000000 kΩ")});
    s.setWidth(std::min(text, fm.horizontalAdvance("-1.23456789e-12 kΩ")) + fm.horizontalAdvance("  ") + 40);
    return s;
}

QSize QuantityField::minimumSizeHint() const { return sizeHint(); }

} // namespace kh::ui
