// The malformed files a fuzzing campaign found (matrices, ONNX models, IDX data, sweep specs): each
// is a bad-input error (exit 2) naming the file and what is wrong, within 20 s, under a 2.5 GB
// address-space limit; none crashes, allocates gigabytes or ends as an internal error.
#include "MalformedModels.h"
#include "TestFiles.h"

#include "cim/ModelLayerTable.h"
#include "common/InputError.h"
#include "dse/SweepSpec.h"
#include "io/MatrixFile.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <cmath>
#include <limits>

using namespace kh;

namespace {
struct Outcome {
    int code = -1;
    QString err;
    qint64 ms = 0;
};

// Runs the CLI with a 2.5 GB address-space limit (prlimit; not under AddressSanitizer, whose
// shadow memory needs far more address space) and a 20 s deadline.
Outcome cli(const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(QString(KIRCHHOFF_TEST_PRESETS) + "/..");
    QString program = KIRCHHOFF_CLI_PATH;
    QStringList full = args;
#ifndef KIRCHHOFF_SANITIZED
    if (!QStandardPaths::findExecutable("prlimit").isEmpty()) {
        full = QStringList{"--as=2684354560", "--", program} + args;
        program = QStandardPaths::findExecutable("prlimit");
    }
#endif
    QElapsedTimer timer;
    timer.start();
    p.start(program, full);
    Outcome o;
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        o.err = "timeout after 20 s";
        return o;
    }
    o.ms = timer.elapsed();
    o.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

QString write(QTemporaryDir& dir, const QString& name, const std::string& bytes) { return kh::test::writeTestFile(dir, name, bytes); }

} // namespace

class TestMalformedInputs : public QObject {
    Q_OBJECT
private slots:
    void malformedModelsAreBadInput_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("expected");
        for (const kh::test::MalformedModel& m : kh::test::malformedModels())
            QTest::newRow(m.name.c_str()) << QByteArray::fromStdString(m.bytes) << QString::fromStdString(m.expected);
    }
    void malformedModelsAreBadInput()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, expected);
        // In process: an InputError with the file name and the expected reason.
        try {
            const nn::Graph g = nn::importOnnxBytes(model.toStdString(), "bad.onnx");
            cim::layerTableFromModel(g, "bad.onnx");
            QFAIL("no error");
        } catch (const InputError& e) {
            const QString what = e.what();
            QVERIFY2(what.startsWith("bad.onnx: "), e.what());
            QVERIFY2(what.contains(expected), e.what());
        }
        // Through the shipped CLI: exit 2 with the path, in time, within the memory limit.
        QTemporaryDir dir;
        const QString path = write(dir, "bad.onnx", model.toStdString());
        const Outcome o = cli({"ppa", "--network", path, "--quiet"});
        QVERIFY2(o.code == 2, qPrintable(QString("exit %1: %2").arg(o.code).arg(o.err)));
        QVERIFY2(o.err.contains(path + ": ") && o.err.contains(expected), qPrintable(o.err));
    }

    void inconsistentInitializersAreRejectedOnce()
    {
        // A graph built in memory (not read by the importer) with an initializer whose data does
        // not match its shape: the executor refuses it when constructed, before any node runs.
        nn::Graph g;
        g.source = "built.onnx";
        g.inputs = {"X"};
        g.inputShapes = {{1, 4}};
        g.outputs = {"Y"};
        g.initializers["W"] = nn::Tensor::floats({4, 3});
        g.initializers["W"].f.resize(5);
        g.nodes.push_back(nn::Node{"MatMul", "mm", {"X", "W"}, {"Y"}, {}});
        try {
            nn::Executor ex(g);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith("built.onnx: initializer 'W': tensor of shape [4,3] holds 5 values"), e.what());
        }
    }

    void malformedMatricesAreBadInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const char* mm = "%%MatrixMarket matrix coordinate real symmetric\n";
        QTest::newRow("symmetric, not square (wrote past the buffer)") << (QByteArray(mm) + "1 65536 1\n1 65536 5\n") << ":2: a symmetric matrix must be square";
        QTest::newRow("symmetric array 3x1") << QByteArray("%%MatrixMarket matrix array real symmetric\n3 1\n1\n2\n3\n") << "must be square";
        QTest::newRow("65536 x 65536 (bad_alloc)") << QByteArray("%%MatrixMarket matrix coordinate real general\n65536 65536 0\n") << "outside the supported sizes";
        QTest::newRow("20000 x 20000 (3.2 GB zeroed)") << QByteArray("%%MatrixMarket matrix coordinate real general\n20000 20000 0\n") << "outside the supported sizes";
        QTest::newRow("index 1e300") << QByteArray("%%MatrixMarket matrix coordinate real general\n2 2 1\n1e300 1 5\n") << ":3: \"1e300\" is not an integer index";
        QTest::newRow("more entries than the file holds") << QByteArray("%%MatrixMarket matrix array real general\n4096 4096\n1\n") << "more than the file's";
        QTest::newRow("index 0") << QByteArray("%%MatrixMarket matrix coordinate real general\n2 2 1\n0 1 5\n") << "index 0 outside [1, 2]";
    }
    void malformedMatricesAreBadInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QVERIFY_THROWS_EXCEPTION(InputError, parseMatrixMarket(text.toStdString(), "m.mtx"));
        QTemporaryDir dir;
        const QString path = write(dir, "m.mtx", text.toStdString()), vectors = write(dir, "x.csv", "1\n");
        const Outcome o = cli({"vmm-bench", "--device", "epiram", "--matrix", path, "--vectors", vectors, "--trials", "1"});
        QVERIFY2(o.code == 2, qPrintable(QString("exit %1: %2").arg(o.code).arg(o.err)));
        QVERIFY2(o.err.contains(path + ":") && o.err.contains(expected), qPrintable(o.err));
    }

    void wellFormedMatricesStillRead()
    {
        const DenseMatrix s = parseMatrixMarket("%%MatrixMarket matrix coordinate real symmetric\n% c\n3 3 2\n1 1 4\n3 1 -2\n", "s.mtx");
        QCOMPARE(s.rows, 3);
        QCOMPARE(s.values[2], -2.0);   // (0, 2) mirrored from (2, 0)
        QCOMPARE(s.values[6], -2.0);
        const DenseMatrix a = parseMatrixMarket("%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n", "a.mtx");
        QCOMPARE(a.values, (std::vector<double>{1, 2, 2, 3}));
        const DenseMatrix e = parseMatrixMarket("%%MatrixMarket matrix coordinate integer general\n2 3 0\n", "e.mtx");
        QCOMPARE(e.values, std::vector<double>(6, 0.0));
    }

    void gzipBombDatasetIsRejectedBeforeInflating()
    {
        // 2 000 000 declared 28×28 images (1.5 GB of zeros, ~1.5 MB compressed) and 10 labels:
        // the counts disagree, which is found before the pixels are inflated.
        QTemporaryDir dir;
        const std::string images = dir.filePath("t10k-images-idx3-ubyte.gz").toStdString();
        gzFile gz = gzopen(images.c_str(), "wb9");
        QVERIFY(gz);
        const unsigned char header[16] = {0, 0, 8, 3, 0, 0x1e, 0x84, 0x80, 0, 0, 0, 28, 0, 0, 0, 28};
        QCOMPARE(gzwrite(gz, header, 16), 16);
        const std::string zeros(1 << 20, '\0');
        for (std::size_t written = 0; written < std::size_t(2000000) * 784; written += zeros.size())
            QVERIFY(gzwrite(gz, zeros.data(), unsigned(zeros.size())) > 0);
        gzclose(gz);
        std::string labels = {0, 0, 8, 1, 0, 0, 0, 10};
        labels += std::string(10, '\1');
        write(dir, "t10k-labels-idx1-ubyte", labels);
        const Outcome o = cli({"eval", "--model", "presets/models/mlp_fashion.onnx", "--dataset", dir.path(), "--images", "10", "--quiet"});
        QVERIFY2(o.code == 2, qPrintable(QString("exit %1: %2").arg(o.code).arg(o.err)));
        QVERIFY2(o.err.contains("10 labels for 2000000 images"), qPrintable(o.err));
    }

    void sweepSpecsCountAndParseLargeAxes()
    {
        // An axis of 100 000 points parses (de-duplication was quadratic: 21 s); the count of a
        // 10^20-point grid is reported, not a wrapped integer.
        const std::string presets = QString(KIRCHHOFF_TEST_PRESETS).toStdString();
        const nlohmann::json big = {{"format", 1}, {"base", "neurosim_vgg8_rram22"}, {"network", "vgg8"},
                                    {"axes", {{"device.read_voltage_v", {{"from", 0.05}, {"to", 0.5}, {"points", 100000}}}}},
                                    {"objectives", {"tops_per_w"}}};
        QElapsedTimer t;
        t.start();
        const SweepSpec s = sweepSpecFromJson(big, presets, presets + "/..");
        QCOMPARE(s.axes[0].values.size(), size_t(100000));
        nlohmann::json list = big;
        list["axes"]["device.read_voltage_v"] = nlohmann::json::array();
        for (int k = 0; k < 100000; ++k)
            list["axes"]["device.read_voltage_v"].push_back(0.05 + 1e-6 * k);
        QCOMPARE(sweepSpecFromJson(list, presets, presets + "/..").axes[0].values.size(), size_t(100000));
        qInfo("two 100 000-point axes (range and list) parsed in %lld ms", t.elapsed());
        nlohmann::json huge = big;
        huge["axes"] = nlohmann::json::object();
        for (const char* key : {"device.r_on_ohm", "device.on_off_ratio", "device.read_voltage_v", "activity.input_bit_density"})
            huge["axes"][key] = {{"from", 1}, {"to", 2}, {"points", 100000}};
        try {
            sweepSpecFromJson(huge, presets, presets + "/..");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("1e+20 points"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestMalformedInputs)
#include "tst_malformed_inputs.moc"
