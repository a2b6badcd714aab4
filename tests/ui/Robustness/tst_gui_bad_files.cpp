// The window on malformed files (offscreen), through the code paths of its dialogs: Open network
// (ONNX and NetWork.csv), Import mem_states / output_noise CSV, and the VMM bench's Open device.
// Every file shows an error, changes nothing, and the window goes on working; none crashes or hangs.
#include "MalformedModels.h"
#include "TestFiles.h"

#include "DevicePage.h"
#include "MainWindow.h"
#include "ProjectController.h"
#include "MemStatesEditor.h"
#include "NoisePage.h"
#include "VmmBenchView.h"

#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kh::ui;

namespace {
QString write(QTemporaryDir& dir, const QString& name, const std::string& bytes) { return kh::test::writeTestFile(dir, name, bytes); }

void closeErrorDialogs(QWidget& w)
{
    for (QMessageBox* box : w.findChildren<QMessageBox*>())
        box->done(QMessageBox::Ok);
}

// Every file of one fuzz-regression directory (crash inputs found by the fuzzers).
std::vector<QString> regressionFiles(const QString& target)
{
    std::vector<QString> out;
    const QDir d(QString(KIRCHHOFF_FUZZ_REGRESSIONS) + "/" + target);
    for (const QString& f : d.entryList(QDir::Files))
        if (f != "README.md")
            out.push_back(d.filePath(f));
    return out;
}
} // namespace

class TestGuiBadFiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void openNetworkRejectsMalformedModelsAndTables()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() >= 1, 20000);
        const size_t layers = w.network().layers.size();
        QTemporaryDir dir;
        QSignalSpy errors(&w, &MainWindow::errorShown);
        int files = 0;
        for (const kh::test::MalformedModel& m : kh::test::malformedModels()) {
            const QString path = write(dir, QString("model%1.onnx").arg(files++), m.bytes);
            QVERIFY2(!w.project()->openNetwork(path), m.name.c_str());
            QVERIFY2(errors.last().first().toString().contains(QString::fromStdString(m.expected)), qPrintable(errors.last().first().toString()));
            closeErrorDialogs(w);
        }
        std::vector<std::string> tables = {"32,32,3,3,3,128,0,1\n32,32,821,8123,352,6,0,1\n",   // unrolled rows past 2^31
                                           std::string("\0\0\xff,", 4), "1,1,1,1,1,1,2,1\n", "9999999999,1,1,1,1,1,0,1\n"};
        for (const QString& f : regressionFiles("network_csv")) {
            QFile in(f);
            QVERIFY(in.open(QIODevice::ReadOnly));
            tables.push_back(in.readAll().toStdString());
        }
        for (const std::string& t : tables) {
            const QString path = write(dir, QString("net%1.csv").arg(files++), t);
            w.project()->openNetwork(path);   // accepted or rejected, never a crash
            closeErrorDialogs(w);
        }
        QVERIFY(errors.count() >= int(kh::test::malformedModels().size()) + 3);
        // Still working: a good network opens and estimates.
        const int before = w.completedEstimates();
        QVERIFY(w.project()->openNetwork(QString(KIRCHHOFF_TEST_PRESETS) + "/networks/vgg8.csv"));
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > before, 20000);
        QCOMPARE(w.network().layers.size(), layers);
    }

    void importCsvRejectsMalformedTables()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() >= 1, 20000);
        QTemporaryDir dir;
        const auto before = w.design().device.mem_states;
        MemStatesEditor* states = w.devicePage()->statesEditor();
        for (const std::string& t : {std::string("states,mean,std\n0,nan,0\n1,1e-5,0\n"), std::string("states,mean,std\n"),
                                     std::string("\xEF\xBB\xBF"), std::string(100000, ','), std::string("states,mean,std\n0,1e308,1e308\n1,inf,0\n")}) {
            QVERIFY(!states->importCsv(write(dir, "m.csv", t)));
            closeErrorDialogs(w);
        }
        QCOMPARE(w.design().device.mem_states.size(), before.size());
        NoisePage* noise = w.noisePage();
        for (const std::string& t : {std::string("output,mean,std\n0,0,-1\n"), std::string("mean,std\n0,1\n"), std::string("\0\0\0", 3)}) {
            QVERIFY(!noise->importOutputNoise(write(dir, "n.csv", t)));
            closeErrorDialogs(w);
        }
    }

    void vmmBenchRejectsMalformedDevices()
    {
        VmmBenchView view(QString(KIRCHHOFF_TEST_PRESETS));
        QTemporaryDir dir;
        for (const std::string& t : {std::string("{"), std::string(R"({"states": 1e300})"), std::string(R"({"states": 2, "r_on_ohm": -1})"),
                                     std::string(R"({"mem_states": "/dev/null"})"), std::string("[]"), std::string(5000, '[')}) {
            QVERIFY(!view.openDevice(write(dir, "d.json", t)));
            closeErrorDialogs(view);
        }
        QVERIFY(view.openDevice(QString(KIRCHHOFF_TEST_PRESETS) + "/devices/epiram.json"));
    }
};

QTEST_MAIN(TestGuiBadFiles)
#include "tst_gui_bad_files.moc"
