#pragma once
// The JSON spelling of every design-point enum (docs/design-point.md). One table per enum serves both
// parsing and writing, so the two can never disagree.
#include "spec/DesignPoint.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kh::names {

template <class E>
using Table = std::vector<std::pair<const char*, E>>;

inline const Table<DeviceType>& deviceTypes()
{
    static const Table<DeviceType> t{{"RRAM", DeviceType::RRAM},       {"PCM", DeviceType::PCM},
                                     {"FeFET", DeviceType::FeFET},     {"STTMRAM", DeviceType::STTMRAM},
                                     {"SRAM", DeviceType::SRAM},       {"nvCap", DeviceType::nvCap}};
    return t;
}
inline const Table<AccessType>& accessTypes()
{
    static const Table<AccessType> t{{"1T1R", AccessType::OneT1R}, {"crossbar", AccessType::Crossbar},
                                     {"8T", AccessType::EightT},   {"6T", AccessType::SixT},
                                     {"1FeFET", AccessType::OneFeFET}, {"1C", AccessType::OneC}};
    return t;
}
inline const Table<AdcMode>& adcModes()
{
    static const Table<AdcMode> t{{"clip", AdcMode::Clip}, {"linear", AdcMode::Linear}, {"nonlinear", AdcMode::Nonlinear}};
    return t;
}
inline const Table<AdcType>& adcTypes()
{
    static const Table<AdcType> t{{"flash", AdcType::Flash}, {"sar", AdcType::Sar}, {"ramp", AdcType::Ramp}, {"cco", AdcType::Cco},
                                  {"counting", AdcType::Counting}};
    return t;
}
inline const Table<Readout>& readouts()
{
    static const Table<Readout> t{{"current", Readout::Current}, {"voltage", Readout::Voltage}};
    return t;
}
inline const Table<ConvMapping>& convMappings()
{
    static const Table<ConvMapping> t{{"conventional", ConvMapping::Conventional}, {"novel", ConvMapping::Novel}};
    return t;
}
inline const Table<WeightEncoding>& weightEncodings()
{
    static const Table<WeightEncoding> t{{"offset", WeightEncoding::Offset},
                                         {"differential", WeightEncoding::Differential},
                                         {"twos_complement", WeightEncoding::TwosComplement},
                                         {"neurosim_shift", WeightEncoding::NeuroSimShift}};
    return t;
}
inline const Table<DatasetFormat>& datasetFormats()
{
    static const Table<DatasetFormat> t{{"auto", DatasetFormat::Auto},
                                        {"idx", DatasetFormat::Idx},
                                        {"cifar", DatasetFormat::Cifar},
                                        {"image_folder", DatasetFormat::ImageFolder},
                                        {"numpy", DatasetFormat::Numpy}};
    return t;
}
inline const Table<DatasetLayout>& datasetLayouts()
{
    static const Table<DatasetLayout> t{{"auto", DatasetLayout::Auto}, {"nchw", DatasetLayout::Nchw}, {"nhwc", DatasetLayout::Nhwc}};
    return t;
}
inline const Table<InputEncoding>& inputEncodings()
{
    static const Table<InputEncoding> t{{"bit_serial", InputEncoding::BitSerial},
                                        {"dac", InputEncoding::Dac},
                                        {"pulse_count", InputEncoding::PulseCount},
                                        {"pulse_width", InputEncoding::PulseWidth}};
    return t;
}
inline const Table<NoiseMode>& noiseModes()
{
    static const Table<NoiseMode> t{{"none", NoiseMode::None}, {"device", NoiseMode::Device}, {"circuit", NoiseMode::Circuit}};
    return t;
}
inline const Table<DriftMode>& driftModes()
{
    static const Table<DriftMode> t{{"random", DriftMode::Random}, {"toward_max", DriftMode::TowardMax},
                                    {"toward_min", DriftMode::TowardMin}, {"target", DriftMode::Target}};
    return t;
}
inline const Table<AdcRange>& adcRanges()
{
    static const Table<AdcRange> t{{"full", AdcRange::Full}, {"max", AdcRange::Max}, {"percentile", AdcRange::Percentile}};
    return t;
}
inline const Table<DriftCompensation>& driftCompensations()
{
    static const Table<DriftCompensation> t{{"none", DriftCompensation::None}, {"global", DriftCompensation::Global},
                                            {"column", DriftCompensation::Column}};
    return t;
}
inline const Table<OpCount>& opCounts()
{
    static const Table<OpCount> t{{"executed", OpCount::Executed}, {"neurosim", OpCount::NeuroSim}};
    return t;
}
inline const Table<BufferType>& bufferTypes()
{
    static const Table<BufferType> t{{"sram", BufferType::Sram}, {"register_file", BufferType::RegisterFile}};
    return t;
}

inline const Table<InterconnectType>& interconnects()
{
    static const Table<InterconnectType> t{{"xybus", InterconnectType::XYBus}, {"htree", InterconnectType::HTree}};
    return t;
}

inline const Table<Calibration>& calibrations()
{
    static const Table<Calibration> t{{"max", Calibration::Max}, {"percentile", Calibration::Percentile}};
    return t;
}

template <class E>
const char* nameOf(const Table<E>& table, E value)
{
    for (const auto& [name, v] : table)
        if (v == value)
            return name;
    throw std::logic_error("enum value without a name");
}

} // namespace kh::names
