#pragma once
// One simulated chip running a whole network (docs/simulation.md): every linear layer's inputs and
// weights are quantized (per-channel weights, calibrated input scales), run through CimLayer in the
// integer domain — conventional mapping as one K·K·C-row matrix, novel mapping as K·K matrices of
// C rows summed digitally — and scaled back to float. The hook also records the bit statistics
// the PPA estimator needs (input bit density, mean cell level) per layer.
#include "cim/CimLayer.h"
#include "cim/InputCalibration.h"
#include "common/Progress.h"
#include "nn/OpRegistry.h"
#include "spec/ActivitySource.h"

#include <map>
#include <memory>
#include <vector>

namespace kh::cim {

class CimNetworkHook final : public nn::LinearHook {
public:
    CimNetworkHook(const DesignPoint& dp, std::vector<LayerInputRange> ranges, std::uint64_t chip);
    void matmul(const nn::LinearLayerInfo& layer, const float* x, int rows, float* y) override;
    // Quantizes a conv layer's input map once (kh·kw times fewer values than its unrolled rows),
    // with the bit statistic the unrolled rows would give.
    bool prepareConvInput(const nn::LinearLayerInfo& layer, const nn::ConvInputMap& map, float* out) override;
    // Off: conv inputs are quantized after unrolling (the same numbers; for tests and benchmarks).
    void setQuantizeConvMaps(bool on) { quantizeConvMaps_ = on; }

    // Measured activity per linear layer (layers left digital report the default).
    std::vector<LayerActivity> activity() const;
    // What the programmed layers hold (CimLayer::heldBytes) and their cells (rows × columns).
    struct HeldMemory {
        std::size_t bytes = 0;
        double cells = 0;
    };
    HeldMemory heldMemory() const;
    // Checked before every matmul chunk, so a long image batch stops within about a second.
    void setCancellation(const Progress* progress) { cancel_ = progress; }

private:
    struct Programmed {
        std::vector<std::unique_ptr<CimLayer>> parts;   // one (conventional) or K·K (novel)
        std::vector<double> weight_scale;               // per output channel
        bool calibrated = false;
        double cells = 0, levelSum = 0;                 // for the mean cell level
    };
    Programmed& program(const nn::LinearLayerInfo& layer);
    // A layer's input quantizer q = clamp(round(x / scale), lo, hi); digital layers have none.
    struct InputQuantization {
        bool digital = true, signedInputs = false;
        double scale = 1, lo = 0, hi = 0;
        std::int64_t mask = 0;   // 2^b − 1: the bits the statistic counts
    };
    InputQuantization inputQuantization(const nn::LinearLayerInfo& layer) const;

    DesignPoint dp_;
    std::vector<LayerInputRange> ranges_;
    std::uint64_t chip_;
    const Progress* cancel_ = nullptr;
    bool quantizeConvMaps_ = true;
    std::map<int, Programmed> layers_;
    struct Stats {
        double bits = 0, values = 0;
    };
    std::map<int, Stats> stats_;
    std::map<int, int> tableLayer_;     // hook index → layer of the layer table
    std::vector<float> floatScratch_;   // quantized inputs of the exact path, reused across calls
    std::vector<std::int64_t> intScratch_;   // and of the simulated reads
    std::vector<double> accScratch_;    // y_int of the current call
};

} // namespace kh::cim
