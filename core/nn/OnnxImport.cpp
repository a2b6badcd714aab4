#include "nn/OnnxImport.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "nn/OpRegistry.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <set>

namespace kh::nn {

namespace {

Tensor tensorFromProto(const onnx::TensorProto& t, const std::string& where)
{
    std::vector<std::int64_t> shape(t.dims().begin(), t.dims().end());
    for (std::int64_t d : shape)
        if (d < 0 || d > (std::int64_t(1) << 32))
            throw InputError(where + ": tensor '" + t.name() + "' has an invalid dimension");
    Tensor out;
    out.shape = shape;
    const std::size_t n = out.size();
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        throw InputError(where + ": tensor '" + t.name() + "' uses external data, which is not supported");
    const std::string& raw = t.raw_data();
    auto fromRaw = [&](std::size_t itemSize, auto convert) {
        if (raw.size() != n * itemSize)
            throw InputError(where + ": tensor '" + t.name() + "' has " + std::to_string(raw.size()) + " bytes of data, "
                             + std::to_string(n * itemSize) + " expected");
        for (std::size_t k = 0; k < n; ++k)
            convert(raw.data() + k * itemSize, k);
    };
    switch (t.data_type()) {
    case onnx::TensorProto::FLOAT:
        out.type = DType::Float;
        out.f.resize(n);
        if (!raw.empty())
            fromRaw(4, [&](const char* p, std::size_t k) { std::memcpy(&out.f[k], p, 4); });
        else if (std::size_t(t.float_data_size()) == n)
            out.f.assign(t.float_data().begin(), t.float_data().end());
        else if (n != 0)
            throw InputError(where + ": tensor '" + t.name() + "' has " + std::to_string(t.float_data_size()) + " values, "
                             + std::to_string(n) + " expected");
        break;
    case onnx::TensorProto::DOUBLE:
        out.type = DType::Float;
        out.f.resize(n);
        if (!raw.empty())
            fromRaw(8, [&](const char* p, std::size_t k) { double v; std::memcpy(&v, p, 8); out.f[k] = float(v); });
        else if (std::size_t(t.double_data_size()) == n)
            for (std::size_t k = 0; k < n; ++k) out.f[k] = float(t.double_data(int(k)));
        else if (n != 0)
            throw InputError(where + ": tensor '" + t.name() + "' has the wrong number of values");
        break;
    case onnx::TensorProto::INT64:
        out.type = DType::Int64;
        out.i.resize(n);
        if (!raw.empty())
            fromRaw(8, [&](const char* p, std::size_t k) { std::memcpy(&out.i[k], p, 8); });
        else if (std::size_t(t.int64_data_size()) == n)
            out.i.assign(t.int64_data().begin(), t.int64_data().end());
        else if (n != 0)
            throw InputError(where + ": tensor '" + t.name() + "' has the wrong number of values");
        break;
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::BOOL:
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8: {
        out.type = DType::Int64;
        out.i.resize(n);
        const int dt = t.data_type();
        const std::size_t item = dt == onnx::TensorProto::INT32 ? 4 : 1;
        if (!raw.empty()) {
            fromRaw(item, [&](const char* p, std::size_t k) {
                if (item == 4) { std::int32_t v; std::memcpy(&v, p, 4); out.i[k] = v; }
                else out.i[k] = dt == onnx::TensorProto::INT8 ? std::int64_t(std::int8_t(*p)) : std::int64_t(std::uint8_t(*p));
            });
        } else if (std::size_t(t.int32_data_size()) == n) {
            for (std::size_t k = 0; k < n; ++k) out.i[k] = t.int32_data(int(k));
        } else if (n != 0) {
            throw InputError(where + ": tensor '" + t.name() + "' has the wrong number of values");
        }
        break;
    }
    default:
        throw InputError(where + ": tensor '" + t.name() + "' has unsupported data type " + std::to_string(t.data_type()));
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
    return g;
}

Graph importOnnx(const std::string& path) { return importOnnxBytes(readTextFile(path), path); }

} // namespace kh::nn
