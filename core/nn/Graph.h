#pragma once
// A network graph as imported from ONNX: nodes in topological order, constant initializers, and
// the graph's inputs/outputs. Nothing here executes; see Executor.
#include "nn/Tensor.h"

#include <map>
#include <string>
#include <vector>

namespace kh::nn {

struct Attribute {
    std::int64_t i = 0;
    float f = 0;
    std::string s;
    std::vector<std::int64_t> ints;
    std::vector<float> floats;
    std::vector<std::string> strings;
    Tensor t;
    bool hasTensor = false;
};

struct Node {
    std::string op;
    std::string name;
    std::vector<std::string> inputs;    // "" marks an omitted optional input
    std::vector<std::string> outputs;
    std::map<std::string, Attribute> attrs;

    bool has(const std::string& a) const { return attrs.count(a) != 0; }
    std::int64_t intAttr(const std::string& a, std::int64_t fallback) const;
    float floatAttr(const std::string& a, float fallback) const;
    std::vector<std::int64_t> intsAttr(const std::string& a, std::vector<std::int64_t> fallback = {}) const;
    std::string label() const;   // "Conv 'conv1'" for messages
};

struct Graph {
    std::string name;
    std::string source;   // the file it came from; the executor's errors start with it
    std::int64_t opset = 0;
    std::vector<Node> nodes;
    std::map<std::string, Tensor> initializers;
    std::vector<std::string> inputs;    // graph inputs that are not initializers
    std::vector<std::vector<std::int64_t>> inputShapes;   // -1 for symbolic dimensions
    std::vector<std::string> outputs;
};

} // namespace kh::nn
