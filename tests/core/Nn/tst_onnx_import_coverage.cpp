// What real exporters emit beyond the basic operators: Pad (constant, reflect, edge, negative
// pads), weights reached through Identity or Transpose nodes (constant folding at import), and
// layers large enough to be handed over in chunks (one layer in the table all the same).
#include "OnnxModelBuilder.h"

#include "cim/ModelLayerTable.h"
#include "common/InputError.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"
#include "ppa/ChipEstimator.h"
#include "ppa/Floorplan.h"

#include <QtTest>

using namespace kh;
using kh::test::OnnxModelBuilder;

namespace {

// Pads x (1×1×2×3: 1 2 3 / 4 5 6) by H (1, 0) and W (2, 1) in the given mode.
std::vector<float> padded(const std::string& mode, std::vector<std::int64_t> pads = {0, 0, 1, 2, 0, 0, 0, 1})
{
    OnnxModelBuilder b(13);
    b.input("x", {1, 1, 2, 3}).output("y").ints("pads", {8}, pads).floats("value", {}, {9.0f});
    b.node("Pad", {"x", "pads", "value"}, {"y"}, "pad");
    if (!mode.empty()) {
        // The mode is a string attribute; the builder has none, so it is set on the proto.
        onnx::ModelProto m;
        m.ParseFromString(b.bytes());
        auto* a = m.mutable_graph()->mutable_node(0)->add_attribute();
        a->set_name("mode");
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(mode);
        const nn::Graph g = nn::importOnnxBytes(m.SerializeAsString(), "pad.onnx");
        return nn::Executor(g).run({nn::Tensor::floats({1, 1, 2, 3}, {1, 2, 3, 4, 5, 6})})[0].f;
    }
    const nn::Graph g = nn::importOnnxBytes(b.bytes(), "pad.onnx");
    return nn::Executor(g).run({nn::Tensor::floats({1, 1, 2, 3}, {1, 2, 3, 4, 5, 6})})[0].f;
}

class Recorder final : public nn::LinearHook {
public:
    void matmul(const nn::LinearLayerInfo& l, const float* x, int rows, float* y) override
    {
        names.push_back(l.name);
        nn::floatLinear(x, rows, l.in, l.weight, l.out, y);
    }
    std::vector<std::string> names;
};

} // namespace

class TestOnnxImportCoverage : public QObject {
    Q_OBJECT
private slots:
    void padModesMatchTheirDefinitions()
    {
        // Worked by hand from the ONNX definition: rows −1, 0, 1 and columns −2 … 3 of the source.
        QCOMPARE(padded("constant"), (std::vector<float>{9, 9, 9, 9, 9, 9, 9, 9, 1, 2, 3, 9, 9, 9, 4, 5, 6, 9}));
        QCOMPARE(padded(""), padded("constant"));   // constant is the default
        QCOMPARE(padded("reflect"), (std::vector<float>{6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5}));
        QCOMPARE(padded("edge"), (std::vector<float>{1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6}));
        // Negative pads crop: the middle column of each row stays.
        QCOMPARE(padded("constant", {0, 0, 0, -1, 0, 0, 0, -1}), (std::vector<float>{2, 5}));
    }

    void padRejectsWhatItCannotDo()
    {
        // Reflecting by as much as the axis is long has no source; a pad list of the wrong length
        // and an unknown mode are named.
        QVERIFY_THROWS_EXCEPTION(InputError, padded("reflect", {0, 0, 2, 0, 0, 0, 0, 0}));
        QVERIFY_THROWS_EXCEPTION(InputError, padded("wrap"));
        QVERIFY_THROWS_EXCEPTION(InputError, padded("constant", {0, 0, 0, -4, 0, 0, 0, 0}));
        try {
            OnnxModelBuilder b(13);
            b.input("x", {1, 1, 2, 3}).output("y").ints("pads", {3}, {0, 1, 1});
            b.node("Pad", {"x", "pads"}, {"y"}, "pad");
            nn::Executor(nn::importOnnxBytes(b.bytes(), "pad.onnx")).run({nn::Tensor::floats({1, 1, 2, 3})});
            QFAIL("three pads for four axes were accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("pad.onnx") && QString(e.what()).contains("'pad'"), e.what());
        }
    }

    void weightsThroughIdentityAndTransposeAreLayers()
    {
        // torch de-duplicates equal initializers by routing one through Identity; a Transpose of
        // a constant is a weight too. Both MatMuls must run on arrays (through the hook).
        OnnxModelBuilder b(13);
        b.input("x", {2, 3}).output("z").floats("w", {3, 2}, {1, 2, 3, 4, 5, 6}).floats("v", {3, 2}, {1, 0, 0, 1, 1, 1});
        b.node("Identity", {"w"}, {"w_copy"}, "dedup");
        b.node("MatMul", {"x", "w_copy"}, {"y"}, "first");
        b.node("Transpose", {"v"}, {"vt"}, "t");
        b.intsAttr("perm", {1, 0});
        b.node("Transpose", {"vt"}, {"v_again"}, "t2");
        b.intsAttr("perm", {1, 0});
        b.node("MatMul", {"x", "v_again"}, {"z0"}, "second");
        b.node("Add", {"y", "z0"}, {"z"}, "sum");
        const nn::Graph g = nn::importOnnxBytes(b.bytes(), "dedup.onnx");
        for (const nn::Node& n : g.nodes)
            QVERIFY2(n.op != "Identity" && n.op != "Transpose", ("left unfolded: " + n.label()).c_str());
        const nn::Executor ex(g);
        QCOMPARE(ex.linearLayerCount(), 2);
        Recorder hook;
        const std::vector<float> z = ex.run({nn::Tensor::floats({2, 3}, {1, 0, 0, 0, 1, 1})}, &hook)[0].f;
        QCOMPARE(hook.names, (std::vector<std::string>{"first", "second"}));
        // x·w = (1, 2) and (8, 10); x·v = (1, 0) and (1, 2).
        QCOMPARE(z, (std::vector<float>{2, 2, 9, 12}));
        QCOMPARE(cim::layerTableFromModel(g, "dedup").layers.size(), size_t(2));
    }

    void aLargeConvIsOneLayerOfTheTable()
    {
        // 100 × 100 output positions: handed to the hook in chunks of rows, one layer all the same,
        // with its whole map (NeuroSim's table would say 100, 100, 2, 3, 3, 4).
        OnnxModelBuilder b(13);
        std::vector<float> w(4 * 2 * 3 * 3, 0.1f);
        b.input("x", {1, 2, 100, 100}).output("y").floats("w", {4, 2, 3, 3}, w);
        b.node("Conv", {"x", "w"}, {"y"}, "stem");
        b.intsAttr("pads", {1, 1, 1, 1});
        const LayerTable t = cim::layerTableFromModel(nn::importOnnxBytes(b.bytes(), "big.onnx"), "big");
        QCOMPARE(t.layers.size(), size_t(1));
        QCOMPARE(t.layers[0].ifm_h, 100);
        QCOMPARE(t.layers[0].ifm_w, 100);
        QCOMPARE(t.layers[0].ifm_c, 2);
        QCOMPARE(t.layers[0].c_out, 4);
        QCOMPARE(t.layers[0].k_h, 3);
    }

    void aDepthwiseConvIsOneLayerPackedOntoSharedArrays()
    {
        // 32 channels, 3×3 depthwise on a 16×16 map: one layer of the table with 32 groups; on
        // 128 × 128 arrays with 8 columns per weight, 14 groups (9 rows, 8 columns each) share an
        // array, so 3 arrays hold the layer instead of 32.
        OnnxModelBuilder b(13);
        b.input("x", {1, 32, 16, 16}).output("y").floats("w", {32, 1, 3, 3}, std::vector<float>(32 * 9, 0.1f));
        b.node("Conv", {"x", "w"}, {"y"}, "dw");
        b.intsAttr("pads", {1, 1, 1, 1});
        b.intAttr("group", 32);
        const LayerTable t = cim::layerTableFromModel(nn::importOnnxBytes(b.bytes(), "dw.onnx"), "dw");
        QCOMPARE(t.layers.size(), size_t(1));
        QCOMPARE(t.layers[0].groups, 32);
        QCOMPARE(t.layers[0].ifm_c, 32);
        QCOMPARE(t.layers[0].c_out, 32);
        QCOMPARE(t.layers[0].weightCount(), 32LL * 9);
        DesignPoint dp;
        dp.array.rows = dp.array.cols = 128;
        dp.precision.weight_bits = 8;
        dp.device.cell_bits = 1;
        QCOMPARE(columnsPerWeight(dp), 8);
        const PpaReport r = estimateChip(t, dp);
        QCOMPARE(r.floorplan.layers[0].groups_per_array, 14);
        QCOMPARE(r.floorplan.layers[0].subarrays, 3LL);
        // NeuroSim's op count with the inputs of one group: 2 · 16 · 16 · 9 · 32.
        QCOMPARE(r.ops_per_image, 2.0 * 16 * 16 * 9 * 32);
    }

    void novelMappingOfAPatchEmbeddingIsFlagged()
    {
        // ViT's 16×16 patch conv beside 3×3 layers: the novel mapping shapes tiles for 3×3 kernels
        // and would spread this one over 256 PE rows; the report says so.
        OnnxModelBuilder b(13);
        b.input("x", {1, 3, 64, 64}).output("z").floats("w", {32, 3, 16, 16}, std::vector<float>(32 * 3 * 256, 0.01f));
        b.floats("v", {32, 32, 3, 3}, std::vector<float>(32 * 32 * 9, 0.01f)).floats("u", {64, 32, 3, 3}, std::vector<float>(64 * 32 * 9, 0.01f));
        b.node("Conv", {"x", "w"}, {"y"}, "patch");
        b.intsAttr("strides", {16, 16});
        b.node("Conv", {"y", "v"}, {"y2"}, "mix");
        b.intsAttr("pads", {1, 1, 1, 1});
        b.node("Conv", {"y2", "u"}, {"z"}, "mix2");
        b.intsAttr("pads", {1, 1, 1, 1});
        const LayerTable t = cim::layerTableFromModel(nn::importOnnxBytes(b.bytes(), "vit.onnx"), "vit");
        DesignPoint dp;
        dp.mapping.conv = ConvMapping::Novel;
        const PpaReport novel = estimateChip(t, dp);
        QCOMPARE(novel.floorplan.warnings.size(), size_t(1));
        QVERIFY2(novel.floorplan.warnings[0].find("layer 1 (16x16 kernel)") != std::string::npos, novel.floorplan.warnings[0].c_str());
        dp.mapping.conv = ConvMapping::Conventional;
        QVERIFY(estimateChip(t, dp).floorplan.warnings.empty());
    }
};

QTEST_GUILESS_MAIN(TestOnnxImportCoverage)
#include "tst_onnx_import_coverage.moc"
