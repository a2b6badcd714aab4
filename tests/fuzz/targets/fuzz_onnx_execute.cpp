// ONNX import, then the executor on the declared input (what `ppa --network model.onnx` does to
// find the layer table), with a lower tensor limit so each input runs in well under a second.
#include "../FuzzTarget.h"

#include "cim/ModelLayerTable.h"
#include "nn/OnnxImport.h"
#include "nn/TensorLimits.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    kh::nn::setMaxTensorElements(std::int64_t(1) << 18);
    const kh::nn::Graph g = kh::nn::importOnnxBytes(bytes, "fuzz.onnx");
    kh::cim::layerTableFromModel(g, "fuzz");
}
