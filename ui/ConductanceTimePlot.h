#pragma once
// PCM conductance against time since programming: each state's mean (solid) and mean ± σ (thin)
// from 1 s to 10 years on a log time axis, as the simulator draws them (cim::PcmModel), with the
// design point's evaluation time marked. Hidden unless the PCM model is on.
#include "spec/DesignPoint.h"

#include <QChartView>

namespace kh::ui {

class ConductanceTimePlot : public QChartView {
    Q_OBJECT
public:
    explicit ConductanceTimePlot(QWidget* parent = nullptr);
    void setDesign(const DesignPoint& dp);
    int stateCount() const { return states_; }

private:
    int states_ = 0;
};

} // namespace kh::ui
