// NetWork.csv: NeuroSim's 8- and 7-column layouts, round trips, and file:line errors.
#include "common/InputError.h"
#include "io/NetworkCsv.h"

#include <QDir>
#include <QTest>

using namespace kh;

class TestNetworkCsv : public QObject {
    Q_OBJECT

    static QString errorOf(const std::string& text)
    {
        try {
            parseNetworkCsv(text, "net.csv");
        } catch (const InputError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void readsVgg8Preset()
    {
        const LayerTable t = readNetworkCsv(std::string(KIRCHHOFF_TEST_PRESETS) + "/networks/vgg8.csv");
        QCOMPARE(t.name, std::string("vgg8"));
        QCOMPARE(t.layers.size(), size_t(8));
        QCOMPARE(t.layers[1].ifm_c, 128);
        QVERIFY(t.layers[1].followed_by_pooling);
        QCOMPARE(t.layers[6].ifm_c, 8192);
        // NeuroSim's operation count for VGG8 (NeuroSim's file formats): 1.232 GOP per image.
        double ops = 0;
        for (const LayerShape& l : t.layers)
            ops += l.neurosimOps();
        QVERIFY(std::abs(ops / 1e9 - 1.232) < 0.0005);
    }

    void sevenColumnFormHasStrideOne()
    {
        const LayerTable t = parseNetworkCsv("32,32,3,3,3,64,0\n16,16,64,3,3,64,1\n", "old.csv");
        QCOMPARE(t.layers.size(), size_t(2));
        QCOMPARE(t.layers[0].stride, 1);
        QVERIFY(t.layers[1].followed_by_pooling);
    }

    void toleratesBomCrlfBlankLinesAndSpaces()
    {
        const LayerTable t = parseNetworkCsv("\xEF\xBB\xBF 32, 32,3,3,3,64,0,1\r\n\r\n16,16,64,3,3,64,1,2\r\n", "w.csv");
        QCOMPARE(t.layers.size(), size_t(2));
        QCOMPARE(t.layers[1].stride, 2);
        QCOMPARE(t.layers[1].ofmH(), 8);
    }

    void roundTripsEveryPreset()
    {
        const QDir dir(QString(KIRCHHOFF_TEST_PRESETS) + "/networks");
        const QStringList files = dir.entryList({"*.csv"});
        QVERIFY(files.size() >= 4);
        for (const QString& f : files) {
            const LayerTable a = readNetworkCsv(dir.filePath(f).toStdString());
            const std::string written = formatNetworkCsv(a);
            const LayerTable b = parseNetworkCsv(written, "rt.csv");
            QCOMPARE(b.layers.size(), a.layers.size());
            for (size_t i = 0; i < a.layers.size(); ++i)
                QVERIFY(a.layers[i] == b.layers[i]);
            QCOMPARE(formatNetworkCsv(b), written);
        }
    }

    void writesAndReadsAFile()
    {
        const std::string path = QDir::temp().filePath("kh_net_rt.csv").toStdString();
        LayerTable t;
        t.layers = {LayerShape{8, 8, 16, 3, 3, 32, true, 1}, LayerShape{1, 1, 512, 1, 1, 10, false, 1}};
        writeNetworkCsv(path, t);
        const LayerTable back = readNetworkCsv(path);
        QCOMPARE(back.layers.size(), size_t(2));
        QVERIFY(back.layers[0] == t.layers[0]);
    }

    void malformedRowsGiveFileAndLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "net.csv:1: no layers";
        QTest::newRow("blank only") << "\n \n" << "net.csv:1: no layers";
        QTest::newRow("truncated row") << "32,32,3,3,3,128,0,1\n32,32,128,3\n" << "net.csv:2: expected 8 columns";
        QTest::newRow("too many") << "32,32,3,3,3,128,0,1,9\n" << "net.csv:1: expected 8 columns";
        QTest::newRow("non-numeric") << "32,32,3,3,3,abc,0,1\n" << "net.csv:1: C_out is not an integer";
        QTest::newRow("float") << "32,32,3.5,3,3,12,0,1\n" << "net.csv:1: IFM_C is not an integer";
        QTest::newRow("negative") << "32,-32,3,3,3,12,0,1\n" << "net.csv:1: IFM_W must be in [1,";
        QTest::newRow("zero") << "32,32,3,0,3,12,0,1\n" << "net.csv:1: K_H must be in [1,";
        QTest::newRow("huge") << "32,32,3,3,3,99999999999,0,1\n" << "net.csv:1: C_out must be in [1,";
        QTest::newRow("overflow") << "32,32,3,3,3,999999999999999999999999,0,1\n" << "net.csv:1: C_out is not an integer";
        QTest::newRow("pooling 2") << "32,32,3,3,3,12,2,1\n" << "net.csv:1: followed_by_pooling must be 0 or 1";
        QTest::newRow("stride 0") << "32,32,3,3,3,12,0,0\n" << "net.csv:1: stride must be in";
        QTest::newRow("mixed forms") << "32,32,3,3,3,12,0,1\n32,32,12,3,3,12,0\n" << "net.csv:2: has 7 columns";
        QTest::newRow("empty field") << "32,,3,3,3,12,0,1\n" << "net.csv:1: IFM_W is not an integer";
        QTest::newRow("header row") << "IFM_H,IFM_W,IFM_C,K_H,K_W,C_out,pool,stride\n1,1,1,1,1,1,0,1\n"
                                    << "net.csv:1: IFM_H is not an integer";
        QTest::newRow("too many weights") << "1,1,1048576,1,1,1048576,0,1\n" << "net.csv:1: layer has more than 2^36";
    }
    void malformedRowsGiveFileAndLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString error = errorOf(text.toStdString());
        QVERIFY2(error.startsWith(expected), qPrintable("got: " + error));
    }

    void missingFileNamesIt()
    {
        try {
            readNetworkCsv("/no/such/NetWork.csv");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).startsWith("/no/such/NetWork.csv: cannot open"));
        }
    }
};

QTEST_APPLESS_MAIN(TestNetworkCsv)
#include "tst_network_csv.moc"
