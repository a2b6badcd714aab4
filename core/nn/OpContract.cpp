#include "nn/OpContract.h"

#include "nn/TensorLimits.h"

namespace kh::nn {

namespace {
const char* typeName(ElemType t) { return t == ElemType::Float ? "float" : t == ElemType::Int ? "integer" : "any"; }

std::string describe(const Tensor& t) { return std::string(t.isFloat() ? "float " : "integer ") + shapeText(t.shape); }
} // namespace

void checkTensor(const Tensor& t)
{
    const std::size_t n = checkedElementCount(t.shape);
    const std::size_t held = t.isFloat() ? t.f.size() : t.i.size();
    if (held != n)
        throw TensorError("tensor of shape " + shapeText(t.shape) + " holds " + std::to_string(held) + " values");
}

void checkOpInputs(const Node& n, const OpContract& c, const std::vector<const Tensor*>& args)
{
    if (!c.variadic && args.size() > c.inputs.size())
        throw InputError(n.label() + ": takes at most " + std::to_string(c.inputs.size()) + " inputs, got " + std::to_string(args.size()));
    const size_t checked = c.variadic ? std::max(args.size(), c.inputs.size()) : c.inputs.size();
    for (size_t k = 0; k < checked; ++k) {
        const InputRule& rule = c.inputs.empty() ? InputRule{} : c.inputs[std::min(k, c.inputs.size() - 1)];
        const Tensor* t = k < args.size() ? args[k] : nullptr;
        const std::string which = "input " + std::to_string(k) + " (" + rule.name + ")";
        if (!t) {
            if (!rule.optional && k < c.inputs.size())
                throw InputError(n.label() + ": " + which + " is missing");
            continue;
        }
        if ((rule.type == ElemType::Float && !t->isFloat()) || (rule.type == ElemType::Int && t->isFloat()))
            throw InputError(n.label() + ": " + which + " must be " + typeName(rule.type) + ", got " + describe(*t));
        if (t->rank() < rule.minRank || t->rank() > rule.maxRank) {
            const std::string want = rule.minRank == rule.maxRank ? "rank " + std::to_string(rule.minRank)
                                                                  : "rank " + std::to_string(rule.minRank) + " to " + std::to_string(rule.maxRank);
            throw InputError(n.label() + ": " + which + " must have " + want + ", got " + describe(*t));
        }
        if (rule.elements >= 0 && std::int64_t(t->size()) != rule.elements)
            throw InputError(n.label() + ": " + which + " must hold " + std::to_string(rule.elements) + " value(s), got " + describe(*t));
    }
}

} // namespace kh::nn
