#pragma once
// Small factories shared by the design pages: enum combo boxes filled from the core's name tables
// (so the GUI offers exactly what the JSON accepts) and number fields with ranges and units.
#include "QuantityField.h"

#include "spec/EnumNames.h"

#include <QComboBox>
#include <QSpinBox>

#include <algorithm>

namespace kh::ui {

template <class E>
QComboBox* enumBox(const names::Table<E>& table)
{
    auto* box = new QComboBox;
    for (const auto& [name, value] : table)
        box->addItem(name, int(value));
    return box;
}

template <class E>
void selectEnum(QComboBox* box, E value)
{
    box->setCurrentIndex(std::max(0, box->findData(int(value))));
}

template <class E>
E enumValue(const QComboBox* box)
{
    return E(box->currentData().toInt());
}

inline QSpinBox* intSpin(int lo, int hi, const QString& suffix = {})
{
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false);   // one edit per finished number, not per keystroke
    return s;
}

// A number field in 'unit' (see QuantityField: SI prefixes, exact digits, refusals at the field).
inline QuantityField* quantitySpin(double lo, double hi, double step, const std::string& unit = {})
{
    auto* s = new QuantityField;
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setUnit(unit);
    return s;
}

} // namespace kh::ui
