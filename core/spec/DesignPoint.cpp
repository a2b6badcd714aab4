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

bool accessFits(DeviceType type, AccessType access)
{
    switch (type) {
    case DeviceType::SRAM: return access == AccessType::SixT || access == AccessType::EightT;
    case DeviceType::FeFET: return access == AccessType::OneFeFET || access == AccessType::OneT1R;
    case DeviceType::nvCap: return access == AccessType::OneC;
    case DeviceType::RRAM:
    case DeviceType::PCM:
    case DeviceType::STTMRAM: return access == AccessType::OneT1R || access == AccessType::Crossbar;
    }
    return false;
}

AccessType usualAccess(DeviceType type)
{
    switch (type) {
    case DeviceType::SRAM: return AccessType::EightT;   // a decoupled read port for CIM
    case DeviceType::FeFET: return AccessType::OneFeFET;
    case DeviceType::nvCap: return AccessType::OneC;
    default: return AccessType::OneT1R;
    }
}

bool deviceFieldApplies(DeviceType type, const std::string& key)
{
    if (type == DeviceType::SRAM)
        return key != "device.on_off_ratio" && key != "device.mem_states" && key != "device.cell_bits" && key != "noise.d2d_from_mem_states";
    return true;
}

} // namespace kh
