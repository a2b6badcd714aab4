#pragma once
// The device's conductance states drawn as they are read: one normal density per state (mean, σ)
// over conductance in µS, so overlapping states — the cause of read errors — are visible at a glance.
#include "spec/DesignPoint.h"

#include <QChartView>

namespace kh::ui {

class MemStatesPlot : public QChartView {
    Q_OBJECT
public:
    explicit MemStatesPlot(QWidget* parent = nullptr);
    void setStates(const std::vector<MemState>& states);
    int curveCount() const;
};

} // namespace kh::ui
