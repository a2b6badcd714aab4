// Graph slices (nn/GraphSlice, used by progressive fine-tuning): the part of a graph that computes
// the output from recorded intermediate values gives the full run's output, also across skip
// connections and recurrent and attention layers; the linear-layer numbering at a node is the
// executor's; a value nobody provides is named.
#include "common/InputError.h"
#include "io/Npy.h"
#include "nn/Executor.h"
#include "nn/GraphSlice.h"
#include "nn/OnnxImport.h"

#include <QtTest>

#include <map>

using namespace kh;

namespace {

nn::Tensor tensorFromNpy(const NpyArray& a)
{
    std::vector<std::int64_t> shape(a.shape.begin(), a.shape.end());
    return nn::Tensor::floats(shape, std::vector<float>(a.floats.begin(), a.floats.end()));
}

// A float hook that remembers the numbering of every linear layer it meets, by the node's output.
class NumberingRecorder final : public nn::LinearHook {
public:
    void matmul(const nn::LinearLayerInfo& l, const float* x, int rows, float* y) override
    {
        for (int r = 0; r < rows; ++r)
            for (int o = 0; o < l.out; ++o) {
                double s = 0;
                for (int i = 0; i < l.in; ++i)
                    s += double(l.weight[size_t(o) * size_t(l.in) + size_t(i)]) * x[size_t(r) * size_t(l.in) + size_t(i)];
                y[size_t(r) * size_t(l.out) + size_t(o)] = float(s);
            }
        first.try_emplace(l.output, nn::LinearNumbering{l.index, l.layer});
    }
    std::map<std::string, nn::LinearNumbering> first;   // node output → its first linear layer
};

struct Model {
    nn::Graph g;
    nn::Tensor x;
};

Model load(const QString& onnx, const QString& input)
{
    return {nn::importOnnx(onnx.toStdString()), tensorFromNpy(readNpy(input.toStdString()))};
}

double maxDiff(const nn::Tensor& a, const nn::Tensor& b)
{
    if (a.shape != b.shape)
        return 1e30;
    double d = 0;
    for (size_t k = 0; k < a.f.size(); ++k)
        d = std::max(d, double(std::fabs(a.f[k] - b.f[k])));
    return d;
}

} // namespace

class TestGraphSlice : public QObject {
    Q_OBJECT
private slots:
    void models_data()
    {
        QTest::addColumn<QString>("onnx");
        QTest::addColumn<QString>("input");
        const QString presets = KIRCHHOFF_TEST_PRESETS "/models/", data = KIRCHHOFF_TEST_DATA "/models/";
        for (const char* n : {"mlp_fashion", "vgg_fashion", "resnet_fashion", "vit_fashion"})
            QTest::newRow(n) << presets + n + ".onnx" << presets + n + ".ref_input.npy";
        for (const char* n : {"resnet20_cifar", "lstm_rows", "gru_rows", "transformer_tiny"})
            QTest::newRow(n) << data + n + ".onnx" << data + n + ".input.npy";
    }

    // From every node's recorded output (with the graph input, which skip connections and attention
    // may still read), the slice's run gives the full run's output.
    void theSliceFromAnyRecordedValueGivesTheFullOutput_data() { models_data(); }
    void theSliceFromAnyRecordedValueGivesTheFullOutput()
    {
        QFETCH(QString, onnx);
        QFETCH(QString, input);
        const Model m = load(onnx, input);
        nn::Graph everything = m.g;
        everything.outputs.clear();
        for (const nn::Node& n : m.g.nodes)
            for (const std::string& o : n.outputs)
                if (!o.empty())
                    everything.outputs.push_back(o);
        const std::vector<nn::Tensor> all = nn::Executor(everything).run({m.x});
        std::map<std::string, nn::Tensor> value;
        for (size_t k = 0; k < all.size(); ++k)
            value[everything.outputs[k]] = all[k];
        const std::string y = m.g.outputs[0];
        const nn::Tensor& full = value.at(y);
        int cutAtAll = 0;
        for (size_t k = 0; k + 1 < m.g.nodes.size(); ++k) {
            const std::string v = m.g.nodes[k].outputs[0];
            const nn::GraphSlice s = nn::sliceGraph(m.g, {m.g.inputs[0], v}, {y});
            QVERIFY(!s.nodes.empty());
            QVERIFY(std::is_sorted(s.nodes.begin(), s.nodes.end()));
            // Node k and what only it needed do not run again.
            QVERIFY(std::find(s.nodes.begin(), s.nodes.end(), int(k)) == s.nodes.end());
            if (std::find(s.reads.begin(), s.reads.end(), m.g.inputs[0]) == s.reads.end())
                ++cutAtAll;
            std::vector<nn::Tensor> in;
            for (const std::string& r : s.reads)
                in.push_back(r == m.g.inputs[0] ? m.x : value.at(r));
            const nn::Tensor got = nn::Executor(nn::subgraph(m.g, s, {y})).run(in).at(0);
            QVERIFY2(maxDiff(got, full) <= 1e-5 * std::max(1.0, double(full.f.empty() ? 0 : std::fabs(full.f[0]))),
                     qPrintable(QString("from '%1'").arg(QString::fromStdString(v))));
        }
        // Some recorded value makes the graph input unnecessary (past a sequential part).
        QVERIFY(cutAtAll > 0);
    }

    // The numbering a node starts at is the one the executor gives its layers, so a layer simulated
    // alone finds its input range and its chip draw.
    void theNumberingAtANodeIsTheExecutors_data() { models_data(); }
    void theNumberingAtANodeIsTheExecutors()
    {
        QFETCH(QString, onnx);
        QFETCH(QString, input);
        const Model m = load(onnx, input);
        NumberingRecorder rec;
        nn::Executor(m.g).run({m.x}, &rec);
        QVERIFY(!rec.first.empty());
        for (size_t k = 0; k < m.g.nodes.size(); ++k) {
            auto it = rec.first.find(m.g.nodes[k].outputs[0]);
            if (it == rec.first.end())
                continue;
            const nn::LinearNumbering at = nn::linearNumberingAt(m.g, int(k));
            QCOMPARE(at.linear, it->second.linear);
            QCOMPARE(at.layer, it->second.layer);
        }
        // Running the slice that starts at a layer with that numbering gives the same numbers.
        const int last = int(m.g.nodes.size()) - 1;
        for (int k = last; k >= 0; --k) {
            auto it = rec.first.find(m.g.nodes[size_t(k)].outputs[0]);
            if (it == rec.first.end() || it->second.linear == 0)
                continue;
            const std::string before = m.g.nodes[size_t(k)].inputs[0];
            nn::Graph upTo = m.g;
            upTo.outputs = {before};
            const nn::Tensor mid = nn::Executor(upTo).run({m.x}).at(0);
            const nn::GraphSlice s = nn::sliceGraph(m.g, {before}, {m.g.nodes[size_t(k)].outputs[0]});
            QCOMPARE(s.nodes, std::vector<int>{k});
            NumberingRecorder alone;
            nn::Executor(nn::subgraph(m.g, s, {m.g.nodes[size_t(k)].outputs[0]})).run({mid}, &alone, nn::linearNumberingAt(m.g, k));
            QCOMPARE(alone.first.begin()->second.linear, it->second.linear);
            QCOMPARE(alone.first.begin()->second.layer, it->second.layer);
            break;
        }
    }

    void aValueNobodyProvidesIsNamed()
    {
        const Model m = load(KIRCHHOFF_TEST_PRESETS "/models/resnet_fashion.onnx", KIRCHHOFF_TEST_PRESETS "/models/resnet_fashion.ref_input.npy");
        try {
            nn::sliceGraph(m.g, {}, {m.g.outputs[0]});
            QFAIL("the graph input was not needed");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(m.g.inputs[0])), e.what());
        }
        try {
            nn::sliceGraph(m.g, {m.g.inputs[0]}, {"no_such_value"});
            QFAIL("an unknown wanted value was accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("no_such_value"), e.what());
        }
        // Wanting a known value runs nothing and reads it.
        const nn::GraphSlice s = nn::sliceGraph(m.g, {m.g.inputs[0]}, {m.g.inputs[0]});
        QVERIFY(s.nodes.empty());
        QCOMPARE(s.reads, std::vector<std::string>{m.g.inputs[0]});
    }
};

QTEST_APPLESS_MAIN(TestGraphSlice)
#include "tst_graph_slice.moc"
