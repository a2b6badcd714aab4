#pragma once
// Small factories shared by the design pages: enum combo boxes filled from the core's name tables
// (so the GUI offers exactly what the JSON accepts) and spin boxes with ranges and units.
#include "spec/EnumNames.h"

#include <QComboBox>
#include <QDoubleSpinBox>
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

inline QDoubleSpinBox* realSpin(double lo, double hi, int decimals, double step, const QString& suffix = {})
{
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false);
    return s;
}

} // namespace kh::ui
