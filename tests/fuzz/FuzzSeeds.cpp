// Writes the generated part of the fuzz seed corpora: small, valid files of every format that the
// repository has no small example of (ONNX graphs using each operator, IDX, Matrix Market, tables,
// a project). The rest of each corpus is the repository's own files (presets).
// Usage: kirchhoff-fuzz-seeds OUTDIR  (writes OUTDIR/<target>/<name>)
#include "OnnxModelBuilder.h"

#include "io/DeviceTables.h"
#include "io/ImageCodec.h"
#include "io/Npy.h"

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using kh::test::OnnxModelBuilder;

namespace {
std::filesystem::path gOut;

void put(const std::string& target, const std::string& name, const std::string& bytes)
{
    std::filesystem::create_directories(gOut / target);
    std::ofstream(gOut / target / name, std::ios::binary) << bytes;
}

std::string gzip(const std::string& raw)
{
    uLongf size = compressBound(uLong(raw.size())) + 32;
    std::string out(size, '\0');
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

std::string be32(std::uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

void onnxSeeds()
{
    const std::vector<float> w9(2 * 2 * 3 * 3, 0.25f);
    {
        OnnxModelBuilder b;   // conv → BN → relu → pool → flatten → gemm
        b.input("X", {1, 2, 6, 6}).output("Y").floats("W", {2, 2, 3, 3}, w9).floats("B", {2}, {0.1f, -0.1f});
        for (const char* p : {"s", "bb", "m", "v"})
            b.floats(p, {2}, {1, 1});
        b.floats("G", {4, 18}, std::vector<float>(72, 0.1f)).floats("C", {4}, {0, 1, 2, 3});
        b.node("Conv", {"X", "W", "B"}, {"c"}).intsAttr("pads", {1, 1, 1, 1}).intsAttr("strides", {1, 1});
        b.node("BatchNormalization", {"c", "s", "bb", "m", "v"}, {"n"});
        b.node("Relu", {"n"}, {"r"});
        b.node("MaxPool", {"r"}, {"p"}).intsAttr("kernel_shape", {2, 2}).intsAttr("strides", {2, 2});
        b.node("AveragePool", {"p"}, {"q"}).intsAttr("kernel_shape", {2, 2}).intsAttr("strides", {1, 1}).intsAttr("pads", {1, 1, 0, 0});
        b.node("Flatten", {"q"}, {"f"});
        b.node("Gemm", {"f", "G", "C"}, {"Y"}).intAttr("transB", 1);
        put("onnx", "cnn.onnx", b.bytes());
    }
    {
        OnnxModelBuilder b;   // grouped conv, global pool, softmax
        b.input("X", {1, 4, 5, 5}).output("Y").floats("W", {4, 2, 3, 3}, std::vector<float>(72, 0.1f));
        b.node("Conv", {"X", "W"}, {"c"}).intAttr("group", 2).intsAttr("dilations", {1, 1});
        b.node("GlobalAveragePool", {"c"}, {"g"});
        b.node("Softmax", {"g"}, {"Y"}).intAttr("axis", 1);
        put("onnx", "grouped.onnx", b.bytes());
    }
    {
        OnnxModelBuilder b;   // transformer pieces: matmul, layer norm, attention matmul, gelu, reshape plumbing
        b.input("X", {1, 4, 8}).output("Y").floats("W", {8, 8}, std::vector<float>(64, 0.05f)).floats("s", {8}, std::vector<float>(8, 1))
            .floats("b", {8}, std::vector<float>(8, 0)).ints("S", {3}, {1, 4, 8}).ints("A", {1}, {0}).ints("st", {1}, {0})
            .ints("en", {1}, {2}).ints("ax", {1}, {1});
        b.node("MatMul", {"X", "W"}, {"q"});
        b.node("LayerNormalization", {"q", "s", "b"}, {"l"}).intAttr("axis", -1);
        b.node("Transpose", {"l"}, {"t"}).intsAttr("perm", {0, 2, 1});
        b.node("MatMul", {"l", "t"}, {"att"});
        b.node("Softmax", {"att"}, {"sm"});
        b.node("MatMul", {"sm", "l"}, {"o"});
        b.node("Gelu", {"o"}, {"g"});
        b.node("Shape", {"g"}, {"sh"});
        b.node("Gather", {"sh", "A"}, {"d0"});
        b.node("Slice", {"g", "st", "en", "ax"}, {"sl"});
        b.node("Concat", {"sl", "sl"}, {"cc"}).intAttr("axis", 1);
        b.node("ReduceMean", {"cc"}, {"rm"}).intsAttr("axes", {1});
        b.node("Unsqueeze", {"rm", "A"}, {"u"});
        b.node("Squeeze", {"u", "A"}, {"sq"});
        b.node("Reshape", {"o", "S"}, {"re"});
        b.node("Add", {"re", "g"}, {"ad"});
        b.node("Mul", {"ad", "ad"}, {"mu"});
        b.node("Sub", {"mu", "ad"}, {"su"});
        b.node("Div", {"su", "mu"}, {"dv"});
        b.node("Sqrt", {"mu"}, {"sr"});
        b.node("Pow", {"sr", "sr"}, {"pw"});
        b.node("Tanh", {"pw"}, {"th"});
        b.node("Sigmoid", {"th"}, {"sg"});
        b.node("Erf", {"sg"}, {"ef"});
        b.node("Clip", {"ef"}, {"cl"});
        b.node("Equal", {"cl", "ef"}, {"eq"});
        b.node("Where", {"eq", "cl", "ef"}, {"wh"});
        b.node("Cast", {"wh"}, {"ca"}).intAttr("to", 1);
        b.node("Identity", {"ca"}, {"id"});
        b.node("Expand", {"id", "S"}, {"ex"});
        b.node("ConstantOfShape", {"S"}, {"cs"});
        b.node("Add", {"ex", "cs"}, {"Y"});
        put("onnx", "transformer_ops.onnx", b.bytes());
    }
    {
        OnnxModelBuilder b;   // MLP with a Constant node
        b.input("X", {1, 16}).output("Y").floats("W", {16, 4}, std::vector<float>(64, 0.1f));
        b.node("Constant", {}, {"k"}).intsAttr("value_ints", {1, 2});
        b.node("MatMul", {"X", "W"}, {"m"});
        b.node("Relu", {"m"}, {"Y"});
        put("onnx", "mlp.onnx", b.bytes());
    }
}

void otherSeeds()
{
    std::string images = be32(2051) + be32(2) + be32(3) + be32(3) + std::string(18, '\x40');
    std::string labels = be32(2049) + be32(2) + std::string("\x01\x07", 2);
    put("idx", "images.idx", images);
    put("idx", "images.idx.gz", gzip(images));
    put("idx", "labels.idx", labels);
    put("idx", "labels.idx.gz", gzip(labels));
    put("matrix_mtx", "general.mtx", "%%MatrixMarket matrix coordinate real general\n% comment\n3 4 3\n1 1 0.5\n2 4 -1\n3 2 2e-3\n");
    put("matrix_mtx", "symmetric.mtx", "%%MatrixMarket matrix coordinate integer symmetric\n3 3 2\n1 1 4\n3 1 -2\n");
    put("matrix_mtx", "array.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n");
    put("matrix_mtx", "array_symmetric.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n");
    put("matrix_csv", "matrix.csv", "# weights\n0.1, 0.2, 0.3\n-1, 0, 1e-3\n");
    put("mem_states", "mem_states.csv", "states,mean,std\n0,1e-6,1e-8\n1,2e-6,2e-8\n2,4e-6,3e-8\n3,8e-6,1e-7\n");
    put("output_noise", "output_noise.csv", "output,mean,std\n0,0,0.1\n1,1.02,0.2\n2,1.95,0.3\n3,3.1,0.25\n");
    put("npy", "int64.npy", kh::formatNpyInt64({2, 3}, {1, -2, 3, 4, 5, -6}));
    // CIFAR: the first byte picks the layout in the target (even: CIFAR-10, odd: CIFAR-100).
    put("cifar", "cifar10.bin", std::string(1, '\x02') + std::string("\x03", 1) + std::string(3072, '\x20'));
    put("cifar", "cifar100.bin", std::string(1, '\x01') + std::string("\x04\x31", 2) + std::string(3072, '\x60'));
    kh::RgbImage img{5, 4, {}};
    for (int k = 0; k < 5 * 4 * 3; ++k)
        img.rgb.push_back(std::uint8_t(k * 7));
    put("image", "tiny.png", kh::encodePng(img));
    put("image", "tiny.jpg", kh::encodeJpeg(img, 80));
    put("npy", "float64.npy", kh::formatNpyFloat64({4}, {0.5, -1, 2, 1e-3}));
    put("project", "minimal.kirchhoff.json", R"({"format": 1, "design": {"array": {"rows": 64}}, "network": "net.csv", "dataset": "fashion-mnist"})");
}
} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    gOut = argv[1];
    onnxSeeds();
    otherSeeds();
    return 0;
}
