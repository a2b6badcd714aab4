#include "nn/OnnxImport.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "nn/ConstantFolding.h"
#include "nn/OpRegistry.h"
#include "nn/TensorLimits.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <set>

namespace kh::nn {

namespace {

// The item size of the raw bytes and the count of typed values for each supported data type.
struct ProtoLayout {
    std::size_t rawItem;
    int typedCount;
};

Tensor tensorFromProto(const onnx::TensorProto& t, const std::string& where)
{
    const std::string what = where + ": tensor '" + t.name() + "'";
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        throw InputError(what + " uses external data, which is not supported");
    Tensor out;
    out.shape.assign(t.dims().begin(), t.dims().end());
    std::size_t n = 0;
    try {
        n = checkedElementCount(out.shape);
    } catch (const TensorError& e) {
        throw InputError(what + ": " + e.what());
    }
    const int dt = t.data_type();
    ProtoLayout layout{};
    switch (dt) {
    case onnx::TensorProto::FLOAT: layout = {4, t.float_data_size()}; break;
    case onnx::TensorProto::DOUBLE: layout = {8, t.double_data_size()}; break;
    case onnx::TensorProto::INT64: layout = {8, t.int64_data_size()}; break;
    case onnx::TensorProto::INT32: layout = {4, t.int32_data_size()}; break;
    case onnx::TensorProto::BOOL:
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8: layout = {1, t.int32_data_size()}; break;
    default: throw InputError(what + " has unsupported data type " + std::to_string(dt));
    }
    // The values must be in the file: compare the declared count with the data before allocating.
    const std::string& raw = t.raw_data();
    if (!raw.empty() && raw.size() != n * layout.rawItem)
        throw InputError(what + " has " + std::to_string(raw.size()) + " bytes of data, " + std::to_string(n * layout.rawItem) + " expected");
    if (raw.empty() && std::size_t(layout.typedCount) != n && n != 0)
        throw InputError(what + " has " + std::to_string(layout.typedCount) + " values, " + std::to_string(n) + " expected");
    const bool typed = raw.empty() && std::size_t(layout.typedCount) == n;
    auto at = [&](std::size_t k) { return raw.data() + k * layout.rawItem; };
    if (dt == onnx::TensorProto::FLOAT || dt == onnx::TensorProto::DOUBLE) {
        out.type = DType::Float;
        out.f.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            if (dt == onnx::TensorProto::FLOAT) {
                if (typed) out.f[k] = t.float_data(int(k)); else std::memcpy(&out.f[k], at(k), 4);
            } else {
                double v = 0;
                if (typed) v = t.double_data(int(k)); else std::memcpy(&v, at(k), 8);
                out.f[k] = float(v);
            }
        }
        return out;
    }
    out.type = DType::Int64;
    out.i.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        if (dt == onnx::TensorProto::INT64) {
            if (typed) out.i[k] = t.int64_data(int(k)); else std::memcpy(&out.i[k], at(k), 8);
        } else if (dt == onnx::TensorProto::INT32) {
            std::int32_t v = 0;
            if (typed) v = t.int32_data(int(k)); else std::memcpy(&v, at(k), 4);
            out.i[k] = v;
        } else if (typed) {
            out.i[k] = t.int32_data(int(k));
        } else {
            out.i[k] = dt == onnx::TensorProto::INT8 ? std::int64_t(std::int8_t(*at(k))) : std::int64_t(std::uint8_t(*at(k)));
        }
    }
    return out;
}

Attribute attributeFromProto(const onnx::AttributeProto& a, const std::string& where)
{
    Attribute out;
    out.i = a.i();
    out.f = a.f();
    out.s = a.s();
    out.ints.assign(a.ints().begin(), a.ints().end());
    out.floats.assign(a.floats().begin(), a.floats().end());
    out.strings.assign(a.strings().begin(), a.strings().end());
    if (a.has_t()) {
        out.t = tensorFromProto(a.t(), where);
        out.hasTensor = true;
    }
    return out;
}

} // namespace

Graph importOnnxBytes(const std::string& bytes, const std::string& source)
{
    onnx::ModelProto model;
    if (bytes.empty() || !model.ParseFromString(bytes))
        throw InputError(source + ": not a valid ONNX model (protobuf parse failed; truncated or corrupted file?)");
    if (!model.has_graph())
        throw InputError(source + ": ONNX model has no graph");
    Graph g;
    for (const auto& op : model.opset_import())
        if (op.domain().empty() || op.domain() == "ai.onnx")
            g.opset = op.version();
    if (g.opset != 0 && (g.opset < 7 || g.opset > 21))
        throw InputError(source + ": unsupported opset " + std::to_string(g.opset) + " (11–17 are tested)");
    const onnx::GraphProto& gp = model.graph();
    g.name = gp.name();
    g.source = source;
    std::set<std::string> known;
    for (const auto& init : gp.initializer()) {
        g.initializers[init.name()] = tensorFromProto(init, source);
        known.insert(init.name());
    }
    for (const auto& in : gp.input()) {
        if (g.initializers.count(in.name()))
            continue;
        g.inputs.push_back(in.name());
        std::vector<std::int64_t> shape;
        if (in.type().has_tensor_type())
            for (const auto& d : in.type().tensor_type().shape().dim())
                shape.push_back(d.has_dim_value() ? d.dim_value() : -1);
        // A declared shape builds the input of shape inference (symbolic or unset dims as 1), so
        // it must be within the tensor limit.
        std::vector<std::int64_t> concrete = shape;
        for (std::int64_t& d : concrete)
            if (d <= 0)
                d = 1;
        try {
            checkedElementCount(concrete);
        } catch (const TensorError& e) {
            throw InputError(source + ": graph input '" + in.name() + "': " + e.what());
        }
        g.inputShapes.push_back(shape);
        known.insert(in.name());
    }
    if (g.inputs.empty())
        throw InputError(source + ": ONNX graph has no input");
    for (const auto& out : gp.output())
        g.outputs.push_back(out.name());
    for (const auto& np : gp.node()) {
        Node n;
        n.op = np.op_type();
        n.name = np.name();
        n.inputs.assign(np.input().begin(), np.input().end());
        n.outputs.assign(np.output().begin(), np.output().end());
        for (const auto& a : np.attribute())
            n.attrs[a.name()] = attributeFromProto(a, source);
        if (!np.domain().empty() && np.domain() != "ai.onnx")
            throw InputError(source + ": unsupported operator domain '" + np.domain() + "' in " + n.label());
        if (!isSupportedOp(n.op))
            throw InputError(source + ": unsupported operator " + n.label());
        for (const std::string& in : n.inputs)
            if (!in.empty() && !known.count(in))
                throw InputError(source + ": " + n.label() + " reads '" + in + "' before it is produced (graph not topologically sorted?)");
        for (const std::string& o : n.outputs)
            known.insert(o);
        g.nodes.push_back(std::move(n));
    }
    for (const std::string& o : g.outputs)
        if (!known.count(o))
            throw InputError(source + ": graph output '" + o + "' is never produced");
    try {
        foldConstants(g);
    } catch (const InputError& e) {
        throw InputError(source + ": " + e.what());
    }
    return g;
}

Graph importOnnx(const std::string& path) { return importOnnxBytes(readTextFile(path), path); }

} // namespace kh::nn
