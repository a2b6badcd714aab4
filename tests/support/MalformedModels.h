#pragma once
// The malformed ONNX models a fuzzing campaign found (each crashed, read or wrote out of bounds,
// or allocated gigabytes before), with a phrase the error must contain. Shared by the reader/CLI
// test and the GUI test.
#include "OnnxModelBuilder.h"

#include <limits>
#include <string>
#include <vector>

namespace kh::test {

struct MalformedModel {
    std::string name, bytes, expected;
};

// X (1×2×4×4) → op → Y, with the op's extra inputs as initializers added by 'extra'.
template <class Extra>
inline std::string unaryGraph(const std::string& op, std::initializer_list<std::string> inputs, Extra extra)
{
    OnnxModelBuilder b;
    b.input("X", {1, 2, 4, 4}).output("Y");
    extra(b);
    b.node(op, inputs, {"Y"}, "bad");
    return b.bytes();
}

inline std::vector<MalformedModel> malformedModels()
{
    std::vector<MalformedModel> out;
    const auto row = [&](const char* name, const std::string& bytes, const char* expected) { out.push_back({name, bytes, expected}); };
    auto gemm = [](std::vector<std::int64_t> cDims, std::vector<float> c) {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").floats("W", {3, 4}, std::vector<float>(12, 0.5f)).floats("C", cDims, c);
        b.node("Gemm", {"X", "W", "C"}, {"Y"}, "bad").intAttr("transB", 1);
        return b.bytes();
    };
    row("gemm bias rank 3", gemm({2, 2, 2}, std::vector<float>(8, 1)), "input 2 (C) must have rank 0 to 2");
    row("gemm bias short", gemm({2}, {1, 2}), "do not broadcast");
    const std::vector<float> empty;
    row("batchnorm empty parameters", unaryGraph("BatchNormalization", {"X", "s", "b", "m", "v"}, [&](OnnxModelBuilder& b) {
            for (const char* p : {"s", "b", "m", "v"})
                b.floats(p, {0}, empty);
        }), "one per channel");
    row("clip empty min", unaryGraph("Clip", {"X", "lo"}, [&](OnnxModelBuilder& b) { b.floats("lo", {0}, empty); }), "min) must hold 1 value");
    row("layernorm short bias", unaryGraph("LayerNormalization", {"X", "s", "b"}, [&](OnnxModelBuilder& b) {
            b.floats("s", {4}, {1, 1, 1, 1}).floats("b", {2}, {0, 0});
        }), "bias has 2 values, 4 expected");
    {
        OnnxModelBuilder b;
        b.input("X", {1, 2, 4, 4}).output("Y").node("Transpose", {"X"}, {"Y"}, "bad").intsAttr("perm", {-1, 0, 1, 2});
        row("transpose negative perm", b.bytes(), "is not a permutation");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 2, 4, 4}).output("Y").node("Transpose", {"X"}, {"Y"}, "bad").intsAttr("perm", {0, 0, 1, 2});
        row("transpose repeated perm", b.bytes(), "is not a permutation");
    }
    row("concat mismatched dims", unaryGraph("Concat", {"X", "Z"}, [&](OnnxModelBuilder& b) {
            b.floats("Z", {1, 2, 3, 3}, std::vector<float>(18, 0));
        }), "differ outside axis");
    {
        OnnxModelBuilder b;
        b.input("X", {1, 2, 4, 4}).output("Y").floats("Z", {1, 0, 2, 2}, empty).node("GlobalAveragePool", {"Z"}, {"Y"}, "bad");
        b.output("X");
        row("global average pool of zero channels", b.bytes(), "no linear layers");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").floats("W", {65536, 65536}, empty).node("MatMul", {"X", "W"}, {"Y"}, "bad");
        row("initializer declares 16 GiB without data", b.bytes(), "tensor 'W'");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 1, 100000, 100000}).output("Y").node("Relu", {"X"}, {"Y"}, "bad");
        row("declared input of 40 GB", b.bytes(), "graph input 'X'");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").ints("S", {2}, {4, (std::int64_t(1) << 62) + 1}).node("Reshape", {"X", "S"}, {"Y"}, "bad");
        row("reshape element count overflows", b.bytes(), "overflows");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").floats("S", {2}, {1, std::numeric_limits<float>::quiet_NaN()}).node("Reshape", {"X", "S"}, {"Y"}, "bad");
        row("NaN in a float shape tensor", b.bytes(), "not a valid 64-bit integer");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {std::int64_t(1) << 32, std::int64_t(1) << 32}).output("Y").node("Relu", {"X"}, {"Y"}, "bad");
        row("input dims whose product wraps to 0", b.bytes(), "more than the limit");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").ints("S", {4}, {1, 1, 1, 4}).ints("A", {1}, {3});
        b.node("Reshape", {"X", "S"}, {"R"}).node("Squeeze", {"R", "A"}, {"Y"}, "bad");
        row("squeeze of a dimension that is not 1", b.bytes(), "cannot squeeze axis 3");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").ints("S", {2}, {-7, 4}).node("Expand", {"X", "S"}, {"Y"}, "bad");
        row("expand to a negative shape", b.bytes(), "negative dimension");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 1, 8, 8}).output("Y").node("MaxPool", {"X"}, {"Y"}, "bad").intsAttr("kernel_shape", {2, 2}).intsAttr("pads", {5, 0, 0, 0});
        row("pooling pad beyond the kernel", b.bytes(), "pad 5 outside");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 1, 8, 8}).output("Y").floats("W", {1, 1, 1, 1}, {1});
        b.node("Conv", {"X", "W"}, {"Y"}, "bad").intsAttr("strides", {0, 1});
        row("convolution stride 0", b.bytes(), "invalid kernel, stride or dilation");
    }
    {
        OnnxModelBuilder b;
        b.input("X", {1, 4}).output("Y").ints("A", {1}, {std::numeric_limits<std::int64_t>::max()}).ints("B", {1}, {2});
        b.node("Mul", {"A", "B"}, {"P"}).node("Reshape", {"X", "P"}, {"Y"}, "bad");
        row("integer overflow in shape arithmetic", b.bytes(), "integer overflow");
    }
    return out;
}

} // namespace kh::test
