#include "vmm/DeviceToDesign.h"

#include <algorithm>
#include <cmath>

namespace kh::vmm {

void applyDeviceToDesign(const RramDevice& device, DesignPoint& dp)
{
    dp.device.type = DeviceType::RRAM;
    dp.device.r_on_ohm = device.r_on_ohm;
    dp.device.on_off_ratio = device.memory_window;
    const double gMax = 1.0 / device.r_on_ohm, gMin = gMax / device.memory_window;
    const size_t levels = size_t(1) << dp.device.cell_bits;
    dp.device.mem_states.clear();
    dp.device.mem_states_path.clear();
    if (device.levels.size() >= levels) {
        // Measured states: take evenly spaced ones, lowest and highest included.
        for (size_t i = 0; i < levels; ++i) {
            const size_t k = levels == 1 ? 0 : i * (device.levels.size() - 1) / (levels - 1);
            dp.device.mem_states.push_back(device.levels[k]);
        }
        return;
    }
    // Equal pulse steps along the LTP curve: a non-linear device crowds its states near G_max.
    for (size_t i = 0; i < levels; ++i) {
        const double p = levels == 1 ? 0.0 : double(i) / double(levels - 1);
        const double g = gMin + (gMax - gMin) * potentiationCurve(device.nl_ltp, p);
        dp.device.mem_states.push_back({g, device.c2c * g});
    }
    // States must increase strictly; a flat curve segment (|nl| huge) is nudged apart.
    for (size_t i = 1; i < dp.device.mem_states.size(); ++i)
        dp.device.mem_states[i].g_mean_s = std::max(dp.device.mem_states[i].g_mean_s, std::nextafter(dp.device.mem_states[i - 1].g_mean_s, 1.0));
}

} // namespace kh::vmm
