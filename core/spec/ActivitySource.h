#pragma once
// Switching activity per layer, the one interface through which bit statistics reach the energy
// model. Without a behavioral run the design point's stated default activity is used; the
// accuracy simulator supplies measured statistics through the same interface.
#include "spec/DesignPoint.h"

#include <cstddef>
#include <vector>

namespace kh {

struct LayerActivity {
    double input_bit_density = 0.25;    // P(an input bit-plane bit is 1), zeros included
    double weight_level_mean = 0.5;     // mean cell level / (2^cell_bits - 1)
};

class ActivitySource {
public:
    virtual ~ActivitySource() = default;
    virtual LayerActivity layer(std::size_t index) const = 0;
    virtual const char* description() const = 0;
};

// The design point's 'activity' section, the same for every layer.
class DefaultActivity final : public ActivitySource {
public:
    explicit DefaultActivity(const ActivitySpec& spec) : spec_(spec) {}
    LayerActivity layer(std::size_t) const override
    {
        return {(1.0 - spec_.input_zero_fraction) * spec_.input_bit_density, spec_.weight_bit_density};
    }
    const char* description() const override { return "default activity from the design point"; }

private:
    ActivitySpec spec_;
};

// Measured statistics, one entry per layer (e.g. from a behavioral run).
class MeasuredActivity final : public ActivitySource {
public:
    explicit MeasuredActivity(std::vector<LayerActivity> perLayer) : perLayer_(std::move(perLayer)) {}
    LayerActivity layer(std::size_t index) const override
    {
        return index < perLayer_.size() ? perLayer_[index] : LayerActivity{};
    }
    const char* description() const override { return "measured bit statistics"; }

private:
    std::vector<LayerActivity> perLayer_;
};

} // namespace kh
