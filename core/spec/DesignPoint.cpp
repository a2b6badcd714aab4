#include "spec/DesignPoint.h"

namespace kh {

int cellsPerWeight(const DesignPoint& dp)
{
    return (dp.precision.weight_bits + dp.device.cell_bits - 1) / dp.device.cell_bits;
}

bool pulseEncoded(const DesignPoint& dp)
{
    return dp.mapping.input_encoding == InputEncoding::PulseCount || dp.mapping.input_encoding == InputEncoding::PulseWidth;
}

std::string inputEncodingText(const DesignPoint& dp)
{
    switch (dp.mapping.input_encoding) {
    case InputEncoding::PulseCount: return "pulse counts, integrated";
    case InputEncoding::PulseWidth: return "pulse width";
    case InputEncoding::BitSerial:
    case InputEncoding::Dac: break;
    }
    return dp.precision.dac_bits == 1 ? std::string("bit-serial") : std::to_string(dp.precision.dac_bits) + "b DAC";
}

int bitsPerConversion(const DesignPoint& dp) { return pulseEncoded(dp) ? dp.precision.input_bits : dp.precision.dac_bits; }

int inputCycles(const DesignPoint& dp)
{
    const int bits = bitsPerConversion(dp);
    return (dp.precision.input_bits + bits - 1) / bits;
}

int pulseSlots(const DesignPoint& dp) { return pulseEncoded(dp) ? (1 << dp.precision.input_bits) - 1 : 1; }

long long maxPartialSum(const DesignPoint& dp)
{
    return static_cast<long long>(dp.array.parallel_rows) * ((1LL << bitsPerConversion(dp)) - 1)
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
