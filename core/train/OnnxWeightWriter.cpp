#include "train/OnnxWeightWriter.h"

#include "common/InputError.h"
#include "common/TextFile.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <cstring>

namespace kh::train {

namespace {
void setFloatTensor(onnx::TensorProto& p, const std::string& name, const nn::Tensor& t)
{
    p.Clear();
    p.set_name(name);
    for (std::int64_t d : t.shape)
        p.add_dims(d);
    p.set_data_type(onnx::TensorProto::FLOAT);
    // ONNX raw data is little-endian, as this machine is.
    std::string raw(t.f.size() * sizeof(float), '\0');
    std::memcpy(raw.data(), t.f.data(), raw.size());
    p.set_raw_data(std::move(raw));
}
} // namespace

void writeOnnxWithWeights(const std::string& sourcePath, const nn::Graph& trained, const std::vector<std::string>& names,
                          const std::string& outPath)
{
    onnx::ModelProto model;
    if (!model.ParseFromString(readTextFile(sourcePath)))
        throw InputError(sourcePath + ": cannot read it as an ONNX model");
    onnx::GraphProto& g = *model.mutable_graph();
    for (const std::string& name : names) {
        const auto t = trained.initializers.find(name);
        if (t == trained.initializers.end() || !t->second.isFloat())
            throw InputError(outPath + ": trained tensor '" + name + "' is missing or not float");
        onnx::TensorProto* target = nullptr;
        for (auto& init : *g.mutable_initializer())
            if (init.name() == name)
                target = &init;
        if (!target) {
            // Folded at import: the node that computed it goes, an initializer takes its place.
            int producer = -1;
            for (int k = 0; k < g.node_size(); ++k)
                for (const std::string& o : g.node(k).output())
                    if (o == name)
                        producer = k;
            if (producer < 0)
                throw InputError(sourcePath + ": trained tensor '" + name + "' is neither an initializer nor a node's output");
            g.mutable_node()->DeleteSubrange(producer, 1);
            target = g.add_initializer();
        }
        setFloatTensor(*target, name, t->second);
    }
    try {
        onnx::checker::check_model(model);
    } catch (const std::exception& e) {
        throw InputError(outPath + ": the ONNX checker rejects the fine-tuned model: " + e.what());
    }
    std::string bytes;
    if (!model.SerializeToString(&bytes))
        throw InputError(outPath + ": cannot serialize the model");
    writeTextFile(outPath, bytes);
}

} // namespace kh::train
