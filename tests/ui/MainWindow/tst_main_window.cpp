// The first window, driven through its real widgets (offscreen): presets load, knob edits update the
// report, bad files show an error and change nothing, charts export to SVG/PDF/PNG.
#include "BreakdownChart.h"
#include "DesignKnobsPanel.h"
#include "LayerTableModel.h"
#include "AccuracyPanel.h"
#include "AccuracyRunner.h"
#include "MainWindow.h"
#include "NoisePanel.h"
#include "PpaReportView.h"

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace kh::ui;

class TestMainWindow : public QObject {
    Q_OBJECT

    static void waitForEstimate(MainWindow& w, int atLeast)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() >= atLeast, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.reportView()->findChild<QLabel*>("headline")->text().contains("TOPS/W"), 20000);
    }
    static void closeErrorDialogs(MainWindow& w)
    {
        for (QMessageBox* box : w.findChildren<QMessageBox*>("errorDialog"))
            box->done(QMessageBox::Ok);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensWithTheReferenceEstimate()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        waitForEstimate(w, 1);
        QCOMPARE(w.network().layers.size(), size_t(8));
        QCOMPARE(w.reportView()->layerModel()->rowCount(), 8);
        QCOMPARE(w.knobs()->design().array.parallel_rows, 32);   // the RRAM 22 nm reference point
        const QList<qreal> area = w.reportView()->areaChart()->values();
        QCOMPARE(area.size(), 6);
        double sum = 0;
        for (qreal v : area)
            sum += v;
        QVERIFY(sum > 40 && sum < 120);   // mm², the reference chip is ~69 mm² in this model
        QVERIFY(w.reportView()->layerModel()->toTsv().count('\n') == 9);
    }

    void editingAKnobUpdatesTheReport()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        waitForEstimate(w, 1);
        const int before = w.completedEstimates();
        const qreal adcAreaBefore = w.reportView()->areaChart()->values()[1];
        w.knobs()->adcBitsBox()->setValue(6);
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > before, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.reportView()->areaChart()->values()[1] > adcAreaBefore * 2, 20000);
        QCOMPARE(w.knobs()->design().precision.adc_bits, 6);
    }

    void dependentLimitsFollowTheArray()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QComboBox* rows = w.knobs()->rowsBox();
        rows->setCurrentIndex(rows->findData(64));
        QCOMPARE(w.knobs()->parallelRowsBox()->maximum(), 64);
        QVERIFY(w.knobs()->design().array.parallel_rows <= 64);
        QVERIFY(w.knobs()->statusLabel()->text().isEmpty());
    }

    void everyPresetLoadsAndEstimates()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QSignalSpy errors(&w, &MainWindow::errorShown);
        for (QComboBox* box : {w.networkPresets(), w.designPresets()}) {
            QVERIFY(box->count() >= 3);
            for (int i = 0; i < box->count(); ++i) {
                const int before = w.completedEstimates();
                box->setCurrentIndex(i);
                QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > before || box->currentIndex() == i, 20000);
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() >= 2, 20000);
        QCOMPARE(errors.count(), 0);
    }

    void malformedNetworkShowsAnErrorAndChangesNothing()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        const QString bad = dir.filePath("NetWork.csv");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("32,32,3,3,3,128,0,1\n32,32,x,3,3,128,1,1\n");
        f.close();
        QSignalSpy errors(&w, &MainWindow::errorShown);
        const size_t layers = w.network().layers.size();
        QVERIFY(!w.openNetwork(bad));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("NetWork.csv:2: IFM_C is not an integer"));
        QCOMPARE(w.network().layers.size(), layers);
        QVERIFY(!w.findChildren<QMessageBox*>("errorDialog").isEmpty());
        closeErrorDialogs(w);

        const QString badDp = dir.filePath("dp.json");
        QFile g(badDp);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(R"({"array": {"rows": "many"}})");
        g.close();
        const int adcBits = w.knobs()->design().precision.adc_bits;
        QVERIFY(!w.openDesign(badDp));
        QVERIFY(errors.last().first().toString().contains("array.rows: expected an integer"));
        QCOMPARE(w.knobs()->design().precision.adc_bits, adcBits);
        closeErrorDialogs(w);
    }

    void chartsExportToSvgPdfAndPng()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        const QString svg = dir.filePath("area.svg"), pdf = dir.filePath("energy.pdf"), png = dir.filePath("area.png");
        QVERIFY(w.exportChart("area", svg));
        QVERIFY(w.exportChart("energy", pdf));
        QVERIFY(w.exportChart("area", png));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
        const QImage img(png);
        QCOMPARE(img.size(), QSize(3750, 2500));   // 1200×800 logical px at 300 DPI
        int dark = 0;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                dark += qGray(img.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
        QVERIFY(!w.exportChart("area", dir.filePath("chart.bmp")));   // unsupported: error, no crash
        closeErrorDialogs(w);
    }

    void memStatesTableEditsTheDesign()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTableWidget* t = w.noisePanel()->statesTable();
        QCOMPARE(t->rowCount(), 2);   // 1-bit cells: two states
        t->item(1, 0)->setText("2e-05");
        QCOMPARE(w.knobs()->design().device.mem_states.size(), size_t(2));
        QCOMPARE(w.knobs()->design().device.mem_states[1].g_mean_s, 2e-05);
        // Decreasing means are refused at the field; the design keeps the last valid table.
        w.noisePanel()->statesTable()->item(1, 0)->setText("1e-12");
        QVERIFY(w.noisePanel()->statusLabel()->text().contains("means must increase"));
        QCOMPARE(w.knobs()->design().device.mem_states[1].g_mean_s, 2e-05);
        w.noisePanel()->statesTable()->item(1, 0)->setText("2e-05");
        QVERIFY(w.noisePanel()->statusLabel()->text().isEmpty());

        QTemporaryDir dir;
        const QString good = dir.filePath("mem.csv");
        QVERIFY(w.noisePanel()->exportMemStates(good));
        QFile bad(dir.filePath("bad.csv"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("states,mean,std\n0,1e-6,0\n1,oops,0\n");
        bad.close();
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QVERIFY(!w.noisePanel()->importMemStates(bad.fileName()));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("bad.csv:3: mean must be"));
        QCOMPARE(w.knobs()->design().device.mem_states[1].g_mean_s, 2e-05);   // nothing changed
        closeErrorDialogs(w);
        QVERIFY(w.noisePanel()->importMemStates(good));
        QCOMPARE(w.knobs()->design().device.mem_states[1].g_mean_s, 2e-05);
    }

    void outputNoiseTableEditsTheDesign()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        QFile csv(dir.filePath("output_noise.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("output,mean,std\n0,0.1,0.2\n1,1.1,0.3\n2,1.9,0.4\n");
        csv.close();
        QVERIFY(w.noisePanel()->importOutputNoise(csv.fileName()));
        QCOMPARE(w.knobs()->design().noise.output_noise.size(), size_t(3));
        w.noisePanel()->outputNoiseTable()->item(2, 2)->setText("0.5");
        QCOMPARE(w.knobs()->design().noise.output_noise[2].std, 0.5);
        w.noisePanel()->outputNoiseTable()->item(2, 0)->setText("1");   // not increasing: refused
        QVERIFY(w.noisePanel()->statusLabel()->text().contains("output levels must increase"));
        QCOMPARE(w.knobs()->design().noise.output_noise[2].output, 2LL);
        w.noisePanel()->outputNoiseTable()->item(2, 0)->setText("2");
        const QString out = dir.filePath("out.csv");
        QVERIFY(w.noisePanel()->exportOutputNoise(out));
        QFile back(out);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), QByteArray("output,mean,std\n0,0.1,0.2\n1,1.1,0.3\n2,1.9,0.5\n"));
    }

    void accuracyRunsInTheBackgroundAndShowsBesidePpa()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        AccuracyPanel* a = w.accuracyPanel();
        a->modelBox()->setCurrentIndex(a->modelBox()->findText("mlp_fashion"));
        QVERIFY(a->modelBox()->currentIndex() >= 0);
        a->imagesBox()->setValue(50);
        a->chipsBox()->setValue(2);
        QSignalSpy shown(a, &AccuracyPanel::accuracyShown);
        a->evaluate();
        QVERIFY(a->runner()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 120000);
        QVERIFY(a->resultLabel()->text().contains("float"));
        QVERIFY(w.reportView()->headline()->text().contains("accuracy"));
        QVERIFY(w.reportView()->headline()->text().contains("TOPS/W"));
        // Cancel: the run stops and says so.
        a->imagesBox()->setValue(5000);
        a->evaluate();
        a->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!a->runner()->busy(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(a->resultLabel()->text() == "Cancelled", 5000);
    }

    void savedDesignRoundTrips()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        w.knobs()->adcBitsBox()->setValue(5);
        QTemporaryDir dir;
        const QString path = dir.filePath("mine.json");
        QVERIFY(w.saveDesign(path));
        w.knobs()->adcBitsBox()->setValue(3);
        QVERIFY(w.openDesign(path));
        QCOMPARE(w.knobs()->design().precision.adc_bits, 5);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
