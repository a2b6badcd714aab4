// ONNX import, then the CIM simulator on the declared input (what `eval` does per image batch):
// input calibration, then every linear layer on simulated arrays of the default design point, with
// device noise so that the programmed-cell path runs too. A lower tensor limit keeps each input fast.
#include "../FuzzTarget.h"

#include "cim/CimNetworkHook.h"
#include "cim/InputCalibration.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"
#include "nn/TensorLimits.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    kh::nn::setMaxTensorElements(std::int64_t(1) << 16);
    const kh::nn::Graph g = kh::nn::importOnnxBytes(bytes, "fuzz.onnx");
    if (g.inputs.size() != 1 || g.inputShapes.empty())
        return;
    std::vector<std::int64_t> shape = g.inputShapes[0];
    for (std::int64_t& d : shape)
        d = d <= 0 ? 1 : d;
    kh::nn::Tensor x = kh::nn::Tensor::floats(shape);
    for (std::size_t k = 0; k < x.f.size(); ++k)
        x.f[k] = float(k % 7) * 0.25f - 0.5f;   // both signs, a few distinct values
    const kh::nn::Executor ex(g);
    kh::DesignPoint dp;
    dp.array.rows = dp.array.cols = 32;
    dp.array.parallel_rows = 8;
    dp.noise.mode = kh::NoiseMode::Device;
    dp.noise.read_noise_rel = 0.02;
    kh::cim::CimNetworkHook hook(dp, kh::cim::calibrateInputs(ex, x, dp.precision.percentile), 1);
    ex.run({x}, &hook);
}
