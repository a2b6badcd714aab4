#pragma once
// The PPA estimator's view of an ONNX model: one NetWork.csv row per linear layer (Conv, Gemm,
// MatMul with a constant weight), in execution order, the same layers the simulator runs on the
// arrays, so measured bit statistics line up with PPA layers. Found by running the model once on
// a zero input of its declared shape (symbolic dimensions = 1).
//  conv:   output H×W (stride folded in: NeuroSim rows list the map the kernel slides over), C_in, K, C_out
//  linear: 1×1 input, or tokens×1 when a MatMul applies one weight to every token of a sequence
#include "nn/Graph.h"
#include "spec/LayerTable.h"

namespace kh::cim {

LayerTable layerTableFromModel(const nn::Graph& model, const std::string& name);

// Whether a path names an ONNX model (suffix .onnx, any case) rather than a NetWork.csv.
bool isOnnxPath(const std::string& path);
// The layer table of a network file: an ONNX model (mapped as above) or a NetWork.csv. The one
// place that makes this choice, for the CLI, the sweep evaluator and the GUI.
LayerTable loadNetworkFile(const std::string& path);

} // namespace kh::cim
