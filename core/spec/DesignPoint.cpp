#include "spec/DesignPoint.h"

namespace kh {

int cellsPerWeight(const DesignPoint& dp)
{
    return (dp.precision.weight_bits + dp.device.cell_bits - 1) / dp.device.cell_bits;
}

int inputCycles(const DesignPoint& dp)
{
    return (dp.precision.input_bits + dp.precision.dac_bits - 1) / dp.precision.dac_bits;
}

long long maxPartialSum(const DesignPoint& dp)
{
    return static_cast<long long>(dp.array.parallel_rows) * ((1LL << dp.precision.dac_bits) - 1)
           * ((1LL << dp.device.cell_bits) - 1);
}

int losslessAdcBits(const DesignPoint& dp)
{
    const long long pmax = maxPartialSum(dp);
    int bits = 1;
    while ((1LL << bits) - 1 < pmax)
        ++bits;
    return bits;
}

int columnsPerWeight(const DesignPoint& dp)
{
    const int ncell = cellsPerWeight(dp);
    switch (dp.mapping.weight_encoding) {
    case WeightEncoding::Differential: return 2 * ncell;
    case WeightEncoding::TwosComplement: return ncell + (dp.device.cell_bits > 1 ? 1 : 0);
    case WeightEncoding::Offset:
    case WeightEncoding::NeuroSimShift: return ncell;
    }
    return ncell;
}

} // namespace kh
