#pragma once
// The "ideal vs actual output" view of a circuit-noise table (README, "The window"): for each listed ideal
// ADC level, the probability of every output level the simulator can produce. The simulator draws
// round(mean + std·N(0,1)) (CimLayer), so P(k) = Φ((k + ½ − mean)/std) − Φ((k − ½ − mean)/std);
// outputs beyond the table's range are counted at its ends, as an ADC clips them.
#include "spec/DesignPoint.h"

#include <vector>

namespace kh {

struct OutputNoiseConfusion {
    std::vector<long long> ideal;              // row labels: the table's ideal levels
    long long max_output = 0;                  // columns 0..max_output
    std::vector<std::vector<double>> p;        // p[row][k], each row sums to 1
    // Fraction of reads equal to the ideal level, averaged over the rows.
    double correctFraction() const;
};

OutputNoiseConfusion outputNoiseConfusion(const std::vector<OutputNoiseLevel>& rows);

} // namespace kh
