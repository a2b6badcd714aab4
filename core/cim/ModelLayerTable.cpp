#include "cim/ModelLayerTable.h"

#include "common/InputError.h"
#include "nn/Executor.h"

#include <cmath>

namespace kh::cim {

namespace {
class ShapeRecorder final : public nn::LinearHook {
public:
    void matmul(const nn::LinearLayerInfo& layer, const float* x, int rows, float* y) override
    {
        LayerShape s;
        if (layer.conv) {
            // rows = output positions of one image; NeuroSim's table gives the map the kernel slides
            // over, and its op count (2·H·W·C·K·K·Cout) then matches the MACs actually done.
            const int side = int(std::lround(std::sqrt(double(rows))));
            s.ifm_h = side * side == rows ? side : rows;
            s.ifm_w = side * side == rows ? side : 1;
            s.ifm_c = layer.cin;
            s.k_h = layer.kh;
            s.k_w = layer.kw;
        } else {
            s.ifm_h = rows;   // tokens (1 for an ordinary fully connected layer)
            s.ifm_w = 1;
            s.ifm_c = layer.in;
        }
        s.c_out = layer.out;
        table.layers.push_back(s);
        nn::floatLinear(x, rows, layer.in, layer.weight, layer.out, y);
    }
    LayerTable table;
};
} // namespace

LayerTable layerTableFromModel(const nn::Graph& model, const std::string& name)
{
    if (model.inputs.size() != 1)
        throw InputError(name + ": model must have exactly one input");
    std::vector<std::int64_t> shape = model.inputShapes.empty() ? std::vector<std::int64_t>{} : model.inputShapes[0];
    if (shape.empty())
        throw InputError(name + ": model input has no declared shape");
    for (std::int64_t& d : shape)
        if (d <= 0)
            d = 1;
    ShapeRecorder rec;
    nn::Executor(model).run({nn::Tensor::floats(shape)}, &rec);
    if (rec.table.layers.empty())
        throw InputError(name + ": model has no linear layers to map onto arrays");
    rec.table.name = name;
    return rec.table;
}

} // namespace kh::cim
