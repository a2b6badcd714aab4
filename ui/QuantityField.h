#pragma once
// The one number field of the window. It takes what people type ("1.5M", "1e-5", "6 kΩ",
// "100 µS", "0.1 %" for a fraction), shows the value it stored with an SI prefix and as many digits
// as the value needs (it never rounds), and refuses what it cannot read or what lies outside its
// limits with the reason at the field, keeping the typed text. A value above the plausible bound
// is stored but marked with a warning. Arrow keys and the mouse wheel step by the single step.
#include <QAbstractSpinBox>
#include <QString>

#include <limits>
#include <string>

namespace kh::ui {

class QuantityField : public QAbstractSpinBox {
    Q_OBJECT
public:
    explicit QuantityField(QWidget* parent = nullptr);

    double value() const { return value_; }
    // Shows v and emits valueChanged when it differs from the value shown before.
    void setValue(double v);
    void setRange(double lo, double hi);
    double minimum() const { return lo_; }
    double maximum() const { return hi_; }
    void setSingleStep(double step) { step_ = step; }
    double singleStep() const { return step_; }
    // The stored unit ("ohm", "V", "s", "" ...): values are shown and parsed in it.
    void setUnit(const std::string& unit);
    const std::string& unit() const { return unit_; }
    // Values above 'bound' are kept but marked with 'reason'.
    void setPlausibleMaximum(double bound, const QString& reason);

    // Marks the field as holding a value the document refused (or clears the mark with "").
    void setError(const QString& reason);
    QString error() const { return error_; }
    QString warning() const { return warning_; }
    // The tooltip without any mark.
    void setDescription(const QString& text);

    void stepBy(int steps) override;
    QValidator::State validate(QString& input, int& pos) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void valueChanged(double value);
    // Text that does not parse or is out of range: the reason, shown at the field.
    void rejected(const QString& reason);

protected:
    StepEnabled stepEnabled() const override;

private:
    void commitText();
    void showValue();
    void refreshMarks();
    QString textOf(double v) const;

    double value_ = 0;
    double lo_ = std::numeric_limits<double>::lowest();
    double hi_ = std::numeric_limits<double>::max();
    double step_ = 1;
    double plausibleMax_ = std::numeric_limits<double>::infinity();
    QString plausibleReason_;
    std::string unit_;
    QString description_;
    QString error_;
    QString warning_;
};

} // namespace kh::ui
