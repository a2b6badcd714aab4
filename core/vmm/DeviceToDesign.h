#pragma once
// Puts a measured RRAM device (a VMM device preset) into a design point: R_on and the on/off ratio
// from the device, and 2^cell_bits conductance states taken along its potentiation curve at equal
// pulse spacing, each with the device's cycle-to-cycle spread as σ. This is how a device engineer
// sees what their device's non-linearity does to the network's accuracy.
#include "spec/DesignPoint.h"
#include "vmm/RramDevice.h"

namespace kh::vmm {

void applyDeviceToDesign(const RramDevice& device, DesignPoint& dp);

} // namespace kh::vmm
