#include "cim/ModelLayerTable.h"

#include "common/FileKinds.h"
#include "common/InputError.h"
#include "io/NetworkCsv.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace kh::cim {

namespace {
// Records one layer per layer of the table: the executor hands a large layer over in fixed-size
// chunks of rows (bounded memory) and a grouped conv one group at a time; chunks and groups share
// the table index, so a 224×224 stem is one layer, costed once, and a depthwise conv one layer
// whose groups the floorplan packs together.
class ShapeRecorder final : public nn::LinearHook {
public:
    void matmul(const nn::LinearLayerInfo& layer, const float* x, int rows, float* y) override
    {
        if (seen_.empty() || seen_.back().layer != layer.layer) {
            seen_.push_back({layer.layer, layer.conv, layer.in, layer.out, layer.cin, layer.kh, layer.kw, layer.groups, 0, layer});
            outputs.push_back(layer.output);
        }
        if (layer.group == 0)   // every group sees the same output positions
            seen_.back().rows += rows;
        nn::floatLinear(x, rows, layer.in, layer.weight, layer.out, y);
    }

    void digitalMatmul(const std::string& node, std::int64_t batch, std::int64_t m, std::int64_t k, std::int64_t n) override
    {
        digital_.push_back({node, batch, m, k, n});
    }

    LayerTable table() const
    {
        LayerTable t;
        t.digital = digital_;
        for (const Seen& l : seen_) {
            LayerShape s;
            if (l.conv) {
                // As NeuroSim's NetWork.csv has it: the input map and the stride, plus the output
                // map the conv really produces (its padding may not be 'same').
                s.ifm_h = l.info.inH;
                s.ifm_w = l.info.inW;
                s.stride = l.info.strideH;
                s.ofm_h = l.info.outH;
                s.ofm_w = l.info.outW;
                s.ifm_c = l.cin * l.groups;
                s.k_h = l.kh;
                s.k_w = l.kw;
                s.groups = l.groups;
            } else {
                s.ifm_h = int(l.rows);   // tokens (1 for an ordinary fully connected layer)
                s.ifm_w = 1;
                s.ifm_c = l.in;
            }
            s.c_out = l.out * l.groups;
            t.layers.push_back(s);
        }
        return t;
    }

    std::vector<std::string> outputs;   // per layer: the tensor its node writes

private:
    struct Seen {
        int layer;
        bool conv;
        int in, out, cin, kh, kw, groups;
        std::int64_t rows;
        nn::LinearLayerInfo info;   // the first chunk's description (maps, stride)
    };
    std::vector<Seen> seen_;
    std::vector<DigitalMatmul> digital_;
};

// NeuroSim's "followed by pooling" flag: the layer's output reaches a pooling node through ops that
// keep the map's shape (activation, normalisation, bias, residual add).
bool followedByPooling(const std::multimap<std::string, const nn::Node*>& consumers, std::string tensor)
{
    static const std::set<std::string> passThrough = {"Relu", "LeakyRelu", "Clip", "Sigmoid", "Tanh", "Gelu", "Erf",
                                                      "BatchNormalization", "Add", "Mul", "Sub", "Div", "Identity"};
    for (int hops = 0; hops < 16 && !tensor.empty(); ++hops) {
        if (consumers.count(tensor) != 1)
            return false;   // a branch (or the graph output): not a plain conv–pool pair
        const nn::Node* next = consumers.find(tensor)->second;
        if (next->op == "MaxPool" || next->op == "AveragePool" || next->op == "GlobalAveragePool" || next->op == "GlobalMaxPool")
            return true;
        if (!passThrough.count(next->op) || next->outputs.empty())
            return false;
        tensor = next->outputs[0];
    }
    return false;
}
} // namespace

LayerTable layerTableFromModel(const nn::Graph& model, const std::string& name)
{
    const std::string& where = model.source.empty() ? name : model.source;   // errors name the file
    if (model.inputs.size() != 1)
        throw InputError(where + ": model must have exactly one input");
    std::vector<std::int64_t> shape = model.inputShapes.empty() ? std::vector<std::int64_t>{} : model.inputShapes[0];
    if (shape.empty())
        throw InputError(where + ": model input has no declared shape");
    for (std::int64_t& d : shape)
        if (d <= 0)
            d = 1;
    ShapeRecorder rec;
    nn::Executor(model).run({nn::Tensor::floats(shape)}, &rec);
    LayerTable table = rec.table();
    if (table.layers.empty())
        throw InputError(where + ": model has no linear layers to map onto arrays");
    std::multimap<std::string, const nn::Node*> consumers;   // tensor → the nodes reading it
    for (const nn::Node& node : model.nodes)
        for (const std::string& input : std::set<std::string>(node.inputs.begin(), node.inputs.end()))
            consumers.emplace(input, &node);
    for (size_t i = 0; i < table.layers.size(); ++i)
        table.layers[i].followed_by_pooling = followedByPooling(consumers, rec.outputs[i]);
    table.name = name;
    return table;
}

bool isOnnxPath(const std::string& path)
{
    return lowerExtension(path) == ".onnx";
}

LayerTable loadNetworkFile(const std::string& path)
{
    if (isOnnxPath(path))
        return layerTableFromModel(nn::importOnnx(path), std::filesystem::path(path).stem().string());
    return readNetworkCsv(path);
}

} // namespace kh::cim
