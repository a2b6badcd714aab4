#pragma once
// ONNX (opset 11–17) -> Graph. Malformed or truncated files, unsupported data types and
// unsupported operators are InputErrors naming the file and, for operators, the op and node.
#include "nn/Graph.h"

#include <string>

namespace kh::nn {

Graph importOnnx(const std::string& path);
Graph importOnnxBytes(const std::string& bytes, const std::string& sourceName);

} // namespace kh::nn
