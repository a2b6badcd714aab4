#pragma once
// The VMM bench's charts: the error histogram (as a density) with the fitted densities drawn
// over it, and box plots comparing devices. Both are plain QCharts, so File → Export writes them
// like every other chart.
#include "vmm/DistributionFits.h"

#include <QString>
#include <QStringList>
#include <vector>

class QChart;

namespace kh::ui {

// bins: histogram bins over [q0.1 %, q99.9 %] of the errors; fits: drawn as lines (best first).
QChart* makeErrorHistogramChart(const std::vector<double>& errors, const std::vector<vmm::DistributionFit>& fits,
                                const QString& title, int bins = 80);
// One box per device: quartiles, median, whiskers at the 1 % and 99 % quantiles.
QChart* makeErrorBoxPlotChart(const QStringList& devices, const std::vector<std::vector<double>>& errors, const QString& title);

} // namespace kh::ui
