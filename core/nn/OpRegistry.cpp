#include "nn/OpRegistry.h"

#include "common/InputError.h"
#include "nn/TensorError.h"


#include <algorithm>

#include <map>

namespace kh::nn {

namespace {
const std::map<std::string, OpEntry>& registry()
{
    static const std::map<std::string, OpEntry> r = [] {
        std::map<std::string, OpEntry> m;
        registerElementwiseOps(m);
        registerShapeOps(m);
        registerNeuralOps(m);
        registerPadOp(m);
        registerRecurrentOps(m);
        return m;
    }();
    return r;
}
} // namespace

bool isSupportedOp(const std::string& op) { return registry().count(op) != 0; }
const OpEntry& opEntry(const std::string& op) { return registry().at(op); }

std::vector<Tensor> runOp(const Node& n, const std::vector<const Tensor*>& args, OpContext& ctx)
{
    const OpEntry& op = opEntry(n.op);
    checkOpInputs(n, op.contract, args);
    std::vector<Tensor> results;
    try {
        results = op.run(n, args, ctx);
        for (const Tensor& t : results)
            checkTensor(t);
    } catch (const TensorError& e) {
        throw InputError(n.label() + ": " + e.what());
    } catch (const std::bad_alloc&) {
        throw InputError(n.label() + ": not enough memory for its tensors");
    } catch (const std::length_error&) {
        throw InputError(n.label() + ": not enough memory for its tensors");
    }
    return results;
}

std::vector<std::string> supportedOps()
{
    std::vector<std::string> ops;
    for (const auto& [name, fn] : registry())
        ops.push_back(name);
    return ops;
}

} // namespace kh::nn
