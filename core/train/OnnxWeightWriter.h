#pragma once
// Writes a fine-tuned model (docs/training.md): the original ONNX file with the trained tensors'
// new values, everything else byte for byte as it was (nodes, attributes, metadata, opset). A
// trained tensor that the importer folded from a node (an Identity or Transpose of a weight)
// becomes an initializer and that node is dropped. The result must pass the ONNX checker.
#include "nn/Graph.h"

#include <string>
#include <vector>

namespace kh::train {

// InputError when the source cannot be read, a name is neither an initializer nor a node output,
// or the checker rejects the result; the output file is then not written.
void writeOnnxWithWeights(const std::string& sourcePath, const nn::Graph& trained, const std::vector<std::string>& names,
                          const std::string& outPath);

} // namespace kh::train
