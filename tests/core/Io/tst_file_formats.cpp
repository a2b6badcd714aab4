// mem_states.csv, output_noise.csv and .npy: NeuroSim's layouts read and written unchanged, every
// NumPy dtype/version we promise, and clear errors for malformed, truncated and corrupted files.
#include "common/InputError.h"
#include "io/DeviceTables.h"
#include "io/Npy.h"

#include <QTest>

#include <cstring>
#include <random>

using namespace kh;

namespace {
// Builds a .npy file by hand, as NumPy would write it.
std::string npyBytes(int major, const std::string& dict, const std::string& data)
{
    std::string header = dict;
    const size_t prefix = major == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64)
        header.push_back(' ');
    header.push_back('\n');
    std::string out("\x93NUMPY", 6);
    out.push_back(char(major));
    out.push_back(0);
    const uint32_t len = uint32_t(header.size());
    out.append(reinterpret_cast<const char*>(&len), major == 1 ? 2 : 4);
    return out + header + data;
}
template <class T>
std::string raw(std::initializer_list<T> values)
{
    std::string s;
    for (T v : values)
        s.append(reinterpret_cast<const char*>(&v), sizeof(T));
    return s;
}
QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}
} // namespace

class TestFileFormats : public QObject {
    Q_OBJECT
private slots:
    void memStatesRoundTrip()
    {
        const std::string text = "\xEF\xBB\xBFstates,mean,std\r\n0,1e-15,0\r\n1,1e-14,2.5e-16\r\n2,3e-14,0\r\n3,7.5e-14,1e-15\r\n";
        const std::vector<MemState> s = parseMemStatesCsv(text, "m.csv");
        QCOMPARE(s.size(), size_t(4));
        QCOMPARE(s[1].g_sigma_s, 2.5e-16);
        const std::string written = formatMemStatesCsv(s);
        QVERIFY(written.rfind("states,mean,std\n0,1e-15,0\n", 0) == 0);
        const std::vector<MemState> back = parseMemStatesCsv(written, "w.csv");
        for (size_t i = 0; i < s.size(); ++i) {
            QCOMPARE(back[i].g_mean_s, s[i].g_mean_s);
            QCOMPARE(back[i].g_sigma_s, s[i].g_sigma_s);
        }
    }

    void memStatesErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "m.csv:1: empty file";
        QTest::newRow("no header") << "0,1e-15,0\n1,1e-14,0\n" << "m.csv:1: expected the header";
        QTest::newRow("non-numeric") << "states,mean,std\n0,abc,0\n" << "m.csv:2: mean must be";
        QTest::newRow("negative std") << "states,mean,std\n0,1e-15,-1\n1,2e-15,0\n" << "m.csv:2: std must be";
        QTest::newRow("index order") << "states,mean,std\n0,1e-15,0\n2,2e-15,0\n" << "m.csv:3: state index 2 out of order";
        QTest::newRow("decreasing") << "states,mean,std\n0,1e-14,0\n1,1e-15,0\n" << "m.csv:3: states must be listed lowest first";
        QTest::newRow("one state") << "states,mean,std\n0,1e-15,0\n" << "m.csv:2: at least 2 states";
        QTest::newRow("truncated row") << "states,mean,std\n0,1e-15,0\n1,2e-15\n" << "m.csv:3: expected 3 columns";
    }
    void memStatesErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString e = errorOf([&] { parseMemStatesCsv(text.toStdString(), "m.csv"); });
        QVERIFY2(e.startsWith(expected), qPrintable(e));
    }

    void outputNoiseColumnsByNameAnyOrder()
    {
        const std::string text = "std,output,note,mean\n0.5,0,a,0.1\n0.7,1,b,1.2\n0.9,3,c,2.8\n";
        const OutputNoiseTable t = parseOutputNoiseCsv(text, "o.csv");
        QCOMPARE(t.rows.size(), size_t(3));
        QCOMPARE(t.rows[2].output, 3LL);
        QCOMPARE(t.rows[1].mean, 1.2);
        QCOMPARE(t.rows[0].std, 0.5);
        // Written back in the column order it was read in.
        const std::string written = formatOutputNoiseCsv(t);
        QVERIFY(written.rfind("std,output,note,mean\n0.5,0,", 0) == 0);
        const OutputNoiseTable back = parseOutputNoiseCsv(written, "w.csv");
        QCOMPARE(back.rows[2].mean, 2.8);
    }

    void outputNoiseErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing column") << "output,mean\n0,0\n" << "o.csv:1: header has no \"std\"";
        QTest::newRow("duplicate") << "output,mean,std,std\n0,0,0,0\n" << "o.csv:1: column \"std\" appears twice";
        QTest::newRow("fractional output") << "output,mean,std\n0.5,0,0\n" << "o.csv:2: output must be";
        QTest::newRow("negative std") << "output,mean,std\n0,0,-1\n" << "o.csv:2: std must be";
        QTest::newRow("not increasing") << "output,mean,std\n1,0,0\n1,0,0\n" << "o.csv:3: output levels must increase";
        QTest::newRow("no rows") << "output,mean,std\n" << "o.csv:1: no rows";
        QTest::newRow("short row") << "output,mean,std\n0,0\n" << "o.csv:2: expected 3 columns";
    }
    void outputNoiseErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString e = errorOf([&] { parseOutputNoiseCsv(text.toStdString(), "o.csv"); });
        QVERIFY2(e.startsWith(expected), qPrintable(e));
    }

    void npyEveryPromisedDtype()
    {
        const NpyArray a = parseNpy(npyBytes(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }",
                                             raw<int8_t>({-128, 0, 127, 1, 2, 3})), "a.npy");
        QCOMPARE(a.shape, (std::vector<size_t>{2, 3}));
        QVERIFY(a.is_integer);
        QCOMPARE(a.ints[0], std::int64_t(-128));
        QCOMPARE(parseNpy(npyBytes(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", raw<int16_t>({-300, 300})), "b").ints[0], std::int64_t(-300));
        QCOMPARE(parseNpy(npyBytes(2, "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", raw<int32_t>({-70000})), "c").ints[0], std::int64_t(-70000));
        QCOMPARE(parseNpy(npyBytes(3, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", raw<int64_t>({1LL << 40})), "d").ints[0], std::int64_t(1) << 40);
        QCOMPARE(parseNpy(npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", raw<uint8_t>({255})), "e").ints[0], std::int64_t(255));
        const NpyArray f = parseNpy(npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", raw<float>({1.5f, -2.0f})), "f");
        QVERIFY(!f.is_integer);
        QCOMPARE(f.floats[0], 1.5);
        QVERIFY_THROWS_EXCEPTION(InputError, f.asInt64("f"));   // 1.5 is not an integer
        const NpyArray g = parseNpy(npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", raw<double>({3.0, -4.0})), "g");
        QCOMPARE(g.asInt64("g"), (std::vector<std::int64_t>{3, -4}));
    }

    void npyFortranOrderIsTransposed()
    {
        // [[1, 2, 3], [4, 5, 6]] stored column by column.
        const NpyArray a = parseNpy(npyBytes(1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }",
                                             raw<int32_t>({1, 4, 2, 5, 3, 6})), "f.npy");
        QCOMPARE(a.ints, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
    }

    void npyRoundTrip()
    {
        const std::vector<std::int64_t> data{-5, 0, 7, 1LL << 50, 2, 3};
        const NpyArray a = parseNpy(formatNpyInt64({3, 2}, data), "rt.npy");
        QCOMPARE(a.shape, (std::vector<size_t>{3, 2}));
        QCOMPARE(a.ints, data);
        const NpyArray b = parseNpy(formatNpyFloat64({2}, {0.25, -1e300}), "rt2.npy");
        QCOMPARE(b.floats[1], -1e300);
    }

    void npyErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const std::string ok = npyBytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }", raw<int32_t>({1, 2, 3, 4}));
        QTest::newRow("magic") << QByteArray("PK\x03\x04 not numpy") << "x.npy: not a NumPy .npy file";
        QTest::newRow("empty") << QByteArray() << "x.npy: not a NumPy .npy file";
        QTest::newRow("truncated header") << QByteArray::fromStdString(ok.substr(0, 30)) << "x.npy: truncated npy header";
        QTest::newRow("truncated data") << QByteArray::fromStdString(ok.substr(0, ok.size() - 3)) << "x.npy: truncated data";
        QTest::newRow("version") << QByteArray::fromStdString(std::string("\x93NUMPY\x07\x00\x10\x00", 10)) << "x.npy: unsupported npy format version 7";
        QTest::newRow("big endian") << QByteArray::fromStdString(npyBytes(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }", raw<int32_t>({1})))
                                    << "x.npy: unsupported dtype '>i4'";
        QTest::newRow("complex") << QByteArray::fromStdString(npyBytes(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", std::string(16, '\0')))
                                 << "x.npy: unsupported dtype '<c16'";
        QTest::newRow("no shape") << QByteArray::fromStdString(npyBytes(1, "{'descr': '<i4', 'fortran_order': False}", raw<int32_t>({1})))
                                  << "x.npy: npy header has no 'shape'";
        QTest::newRow("bad shape") << QByteArray::fromStdString(npyBytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (a,), }", raw<int32_t>({1})))
                                   << "x.npy: npy header: bad shape";
        QTest::newRow("overflowing shape") << QByteArray::fromStdString(npyBytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }", ""))
                                           << "x.npy: array too large";
        QTest::newRow("huge shape") << QByteArray::fromStdString(npyBytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999,), }", ""))
                                    << "x.npy: npy header: dimension too large";
    }
    void npyErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString e = errorOf([&] { parseNpy(bytes.toStdString(), "x.npy"); });
        QVERIFY2(e.startsWith(expected), qPrintable(e));
    }

    void corruptedNpyNeverCrashes()
    {
        const std::string ok = formatNpyInt64({4, 8}, std::vector<std::int64_t>(32, 7));
        std::mt19937 rng(99);
        for (int i = 0; i < 4000; ++i) {
            std::string s = ok;
            const int edits = 1 + int(rng() % 3);
            for (int k = 0; k < edits && !s.empty(); ++k) {
                const size_t pos = rng() % s.size();
                if (rng() % 3 == 0)
                    s.resize(pos);
                else if (!s.empty())
                    s[pos] = char(rng());
            }
            try {
                const NpyArray a = parseNpy(s, "fuzz.npy");
                QVERIFY(a.size() == (a.is_integer ? a.ints.size() : a.floats.size()));
            } catch (const InputError&) {
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestFileFormats)
#include "tst_file_formats.moc"
