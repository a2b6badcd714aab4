// LSTM and GRU (ONNX opsets 7–14 definitions, default activations): the gate matrix products run
// as linear layers (the input weights W over all time steps at once, the recurrent weights R once
// per step, both through the LinearHook, so they are mapped onto arrays and simulated there); the
// gate non-linearities, the cell state and the recurrence stay digital.
#include "common/InputError.h"
#include "nn/OpHelpers.h"
#include "nn/OpRegistry.h"
#include "nn/TensorLimits.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace kh::nn {

namespace {

float sigmoid(float v) { return 1.0f / (1.0f + std::exp(-v)); }

enum class Cell { Lstm, Gru };

struct RecurrentShape {
    std::int64_t seq = 0, batch = 0, input = 0, hidden = 0, directions = 1;
    bool batchFirst = false;
};

// y (rows × out) = x · Wᵀ through the hook, as one layer of the graph.
void gateProduct(const Node& n, const std::string& part, int index, int layer, const float* w, int out, int in, const float* x, int rows, float* y,
                 OpContext& ctx)
{
    LinearLayerInfo info{index, n.name + "/" + part, out, in, false, in, 1, 1, w, n.outputs.empty() ? std::string() : n.outputs[0]};
    info.layer = layer;
    if (ctx.hook)
        ctx.hook->matmul(info, x, rows, y);
    else
        floatLinear(x, rows, in, w, out, y);
}

std::vector<Tensor> recurrent(const Node& n, const OpInputs& in, OpContext& ctx, Cell cell)
{
    const int gates = cell == Cell::Lstm ? 4 : 3;
    const Tensor& x = opInput(n, in, 0);
    const Tensor& W = opInput(n, in, 1);
    const Tensor& R = opInput(n, in, 2);
    const std::string direction = n.has("direction") ? n.attrs.at("direction").s : "forward";
    if (direction != "forward" && direction != "reverse" && direction != "bidirectional")
        throw InputError(n.label() + ": direction '" + direction + "' is not forward, reverse or bidirectional");
    if (n.has("activations")) {
        const std::vector<std::string> expected = cell == Cell::Lstm ? std::vector<std::string>{"Sigmoid", "Tanh", "Tanh"}
                                                                     : std::vector<std::string>{"Sigmoid", "Tanh"};
        std::vector<std::string> given = n.attrs.at("activations").strings;
        for (size_t k = 0; k < given.size(); ++k)
            if (given[k] != expected[k % expected.size()])
                throw InputError(n.label() + ": activation " + given[k] + " is not supported (only the default ones)");
    }
    if (n.intAttr("input_forget", 0) != 0)
        throw InputError(n.label() + ": input_forget is not supported");
    RecurrentShape s;
    s.batchFirst = n.intAttr("layout", 0) != 0;
    s.seq = x.shape[s.batchFirst ? 1 : 0];
    s.batch = x.shape[s.batchFirst ? 0 : 1];
    s.input = x.shape[2];
    s.hidden = n.intAttr("hidden_size", W.shape[1] / gates);
    s.directions = direction == "bidirectional" ? 2 : 1;
    const std::int64_t H = s.hidden, G = gates * H;
    if (H < 1 || W.shape[0] != s.directions || W.shape[1] != G || W.shape[2] != s.input || R.shape[0] != s.directions || R.shape[1] != G
        || R.shape[2] != H)
        throw InputError(n.label() + ": W " + shapeText(W.shape) + " and R " + shapeText(R.shape) + " do not fit " + std::to_string(s.directions)
                         + " direction(s), hidden size " + std::to_string(H) + " and input size " + std::to_string(s.input));
    const Tensor* B = in.size() > 3 ? in[3] : nullptr;
    if (B && (B->rank() != 2 || B->shape[0] != s.directions || B->shape[1] != 2 * G))
        throw InputError(n.label() + ": B must be " + std::to_string(s.directions) + " x " + std::to_string(2 * G));
    if (in.size() > 4 && in[4])
        for (size_t k = 0; k < in[4]->size(); ++k)
            if (in[4]->intAt(k) != s.seq)
                throw InputError(n.label() + ": sequence_lens shorter than the sequence are not supported");
    const Tensor* h0 = in.size() > 5 ? in[5] : nullptr;
    const Tensor* c0 = cell == Cell::Lstm && in.size() > 6 ? in[6] : nullptr;
    const Tensor* P = cell == Cell::Lstm && in.size() > 7 ? in[7] : nullptr;
    for (const Tensor* t : {h0, c0})
        if (t && std::int64_t(t->size()) != s.directions * s.batch * H)
            throw InputError(n.label() + ": initial state must be " + std::to_string(s.directions) + " x " + std::to_string(s.batch) + " x "
                             + std::to_string(H));
    if (P && std::int64_t(P->size()) != s.directions * 3 * H)
        throw InputError(n.label() + ": P must be " + std::to_string(s.directions) + " x " + std::to_string(3 * H));
    const float clip = n.floatAttr("clip", 0.0f);
    const bool linearBeforeReset = n.intAttr("linear_before_reset", 0) != 0;
    checkWork({s.seq * s.batch, s.input + H, G, s.directions}, "the recurrent layer");

    // Y: [seq, directions, batch, hidden] (layout 0) or [batch, seq, directions, hidden].
    const std::vector<std::int64_t> yShape = s.batchFirst ? std::vector<std::int64_t>{s.batch, s.seq, s.directions, H}
                                                          : std::vector<std::int64_t>{s.seq, s.directions, s.batch, H};
    const std::vector<std::int64_t> stateShape = s.batchFirst ? std::vector<std::int64_t>{s.batch, s.directions, H}
                                                              : std::vector<std::int64_t>{s.directions, s.batch, H};
    Tensor Y = Tensor::floats(yShape), Yh = Tensor::floats(stateShape), Yc = Tensor::floats(stateShape);
    const std::int64_t rows = s.seq * s.batch;
    // The inputs in time-major order, one row per (t, b).
    std::vector<float> xs(size_t(rows * s.input));
    for (std::int64_t t = 0; t < s.seq; ++t)
        for (std::int64_t b = 0; b < s.batch; ++b)
            std::copy_n(&x.f[size_t((s.batchFirst ? b * s.seq + t : t * s.batch + b) * s.input)], s.input, &xs[size_t((t * s.batch + b) * s.input)]);
    auto pre = [clip](float v) { return clip > 0 ? std::clamp(v, -clip, clip) : v; };
    for (std::int64_t d = 0; d < s.directions; ++d) {
        const bool reverse = direction == "reverse" || d == 1;
        const int wIndex = ctx.nextLinear++, rIndex = ctx.nextLinear++;
        const int wLayer = ctx.nextLayer++, rLayer = ctx.nextLayer++;
        const float* Wd = W.f.data() + size_t(d * G * s.input);
        const float* Rd = R.f.data() + size_t(d * G * H);
        const float* Wb = B ? B->f.data() + size_t(d * 2 * G) : nullptr;
        const float* Rb = B ? Wb + G : nullptr;
        std::vector<float> xw(size_t(rows * G));
        gateProduct(n, "W" + std::to_string(d), wIndex, wLayer, Wd, int(G), int(s.input), xs.data(), int(rows), xw.data(), ctx);
        std::vector<float> h(size_t(s.batch * H), 0.0f), c(size_t(s.batch * H), 0.0f), hr(size_t(s.batch * G)), hr2(size_t(s.batch * G));
        for (std::int64_t b = 0; b < s.batch; ++b)
            for (std::int64_t k = 0; k < H; ++k) {
                if (h0)
                    h[size_t(b * H + k)] = h0->f[size_t((s.batchFirst ? b * s.directions + d : d * s.batch + b) * H + k)];
                if (c0)
                    c[size_t(b * H + k)] = c0->f[size_t((s.batchFirst ? b * s.directions + d : d * s.batch + b) * H + k)];
            }
        for (std::int64_t step = 0; step < s.seq; ++step) {
            const std::int64_t t = reverse ? s.seq - 1 - step : step;
            gateProduct(n, "R" + std::to_string(d), rIndex, rLayer, Rd, int(G), int(H), h.data(), int(s.batch), hr.data(), ctx);
            std::vector<float> rh;   // GRU without linear_before_reset: (r ⊙ H) · Rᵀ for the h gate
            for (std::int64_t b = 0; b < s.batch; ++b) {
                const float* xg = &xw[size_t((t * s.batch + b) * G)];
                const float* hg = &hr[size_t(b * G)];
                auto bias = [&](std::int64_t gate, std::int64_t k) {
                    return B ? Wb[gate * H + k] + Rb[gate * H + k] : 0.0f;
                };
                if (cell == Cell::Lstm) {
                    // Gate order i, o, f, c.
                    for (std::int64_t k = 0; k < H; ++k) {
                        float& ck = c[size_t(b * H + k)];
                        const float pi = P ? P->f[size_t(d * 3 * H + k)] : 0.0f, po = P ? P->f[size_t(d * 3 * H + H + k)] : 0.0f,
                                    pf = P ? P->f[size_t(d * 3 * H + 2 * H + k)] : 0.0f;
                        const float i = sigmoid(pre(xg[k] + hg[k] + bias(0, k) + pi * ck));
                        const float f = sigmoid(pre(xg[2 * H + k] + hg[2 * H + k] + bias(2, k) + pf * ck));
                        const float g = std::tanh(pre(xg[3 * H + k] + hg[3 * H + k] + bias(3, k)));
                        ck = f * ck + i * g;
                        const float o = sigmoid(pre(xg[H + k] + hg[H + k] + bias(1, k) + po * ck));
                        hr2[size_t(b * G + k)] = o * std::tanh(ck);   // the new state, written back after the batch
                    }
                } else {
                    // Gate order z, r, h.
                    if (!linearBeforeReset && rh.empty()) {
                        std::vector<float> rH(size_t(s.batch * H));
                        for (std::int64_t bb = 0; bb < s.batch; ++bb)
                            for (std::int64_t k = 0; k < H; ++k) {
                                const float r = sigmoid(pre(xw[size_t((t * s.batch + bb) * G + H + k)] + hr[size_t(bb * G + H + k)] + bias(1, k)));
                                rH[size_t(bb * H + k)] = r * h[size_t(bb * H + k)];
                            }
                        rh.resize(size_t(s.batch * G));
                        gateProduct(n, "R" + std::to_string(d), rIndex, rLayer, Rd, int(G), int(H), rH.data(), int(s.batch), rh.data(), ctx);
                    }
                    for (std::int64_t k = 0; k < H; ++k) {
                        const float z = sigmoid(pre(xg[k] + hg[k] + bias(0, k)));
                        const float r = sigmoid(pre(xg[H + k] + hg[H + k] + bias(1, k)));
                        const float wbh = B ? Wb[2 * H + k] : 0.0f, rbh = B ? Rb[2 * H + k] : 0.0f;
                        const float hh = linearBeforeReset ? std::tanh(pre(xg[2 * H + k] + r * (hg[2 * H + k] + rbh) + wbh))
                                                           : std::tanh(pre(xg[2 * H + k] + rh[size_t(b * G + 2 * H + k)] + rbh + wbh));
                        hr2[size_t(b * G + k)] = (1.0f - z) * hh + z * h[size_t(b * H + k)];
                    }
                }
            }
            for (std::int64_t b = 0; b < s.batch; ++b)
                for (std::int64_t k = 0; k < H; ++k) {
                    h[size_t(b * H + k)] = hr2[size_t(b * G + k)];
                    const std::int64_t at = s.batchFirst ? ((b * s.seq + t) * s.directions + d) * H + k : ((t * s.directions + d) * s.batch + b) * H + k;
                    Y.f[size_t(at)] = h[size_t(b * H + k)];
                }
        }
        for (std::int64_t b = 0; b < s.batch; ++b)
            for (std::int64_t k = 0; k < H; ++k) {
                const std::int64_t at = (s.batchFirst ? b * s.directions + d : d * s.batch + b) * H + k;
                Yh.f[size_t(at)] = h[size_t(b * H + k)];
                Yc.f[size_t(at)] = c[size_t(b * H + k)];
            }
    }
    std::vector<Tensor> out;
    out.push_back(std::move(Y));
    out.push_back(std::move(Yh));
    if (cell == Cell::Lstm)
        out.push_back(std::move(Yc));
    return out;
}

} // namespace

void registerRecurrentOps(std::map<std::string, OpEntry>& r)
{
    const InputRule x{"X", ElemType::Float, 3, 3}, w{"W", ElemType::Float, 3, 3}, rr{"R", ElemType::Float, 3, 3},
        b{"B", ElemType::Float, 2, 2, true}, lens{"sequence_lens", ElemType::Any, 1, 1, true}, h0{"initial_h", ElemType::Float, 3, 3, true},
        c0{"initial_c", ElemType::Float, 3, 3, true}, p{"P", ElemType::Float, 2, 2, true};
    r["LSTM"] = {OpContract{{x, w, rr, b, lens, h0, c0, p}}, [](const Node& n, const OpInputs& in, OpContext& ctx) {
                     return recurrent(n, in, ctx, Cell::Lstm);
                 }};
    r["GRU"] = {OpContract{{x, w, rr, b, lens, h0}}, [](const Node& n, const OpInputs& in, OpContext& ctx) {
                    return recurrent(n, in, ctx, Cell::Gru);
                }};
}

} // namespace kh::nn
