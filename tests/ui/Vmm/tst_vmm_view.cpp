// The VMM bench window with its real widgets (offscreen): load presets, run one device and see the
// histogram with fitted curves and the tables fill, compare the presets in a box plot, export
// charts, and reject a malformed device file without changing the edited device.
#include "QuantityField.h"
#include "VmmBenchView.h"

#include <QBoxPlotSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace kh;

class TestVmmView : public QObject {
    Q_OBJECT
private slots:
    void runShowsHistogramFitsAndStatistics()
    {
        ui::VmmBenchView view(KIRCHHOFF_TEST_PRESETS);
        QCOMPARE(view.presets()->count(), 4);
        view.presets()->setCurrentIndex(view.presets()->findText("alox_hfo2"));
        QCOMPARE(view.device().states, 40);
        // Fractions show in percent without binary tails, and read back as the same fraction.
        vmm::RramDevice d = view.device();
        d.c2c = 0.035;
        view.setDevice(d);
        QCOMPARE(view.device().c2c, 0.035);
        QVERIFY(!view.findChildren<ui::QuantityField*>().isEmpty());
        bool shown = false;
        for (ui::QuantityField* f : view.findChildren<ui::QuantityField*>())
            shown = shown || f->text() == "3.5 %";
        QVERIFY(shown);
        view.trials()->setValue(300);
        QSignalSpy done(&view, &ui::VmmBenchView::runFinished);
        view.runSelected();
        QVERIFY(done.wait(120000));
        const QList<QAbstractSeries*> series = view.histogramView()->chart()->series();
        QCOMPARE(series.size(), 6);   // the histogram and five fitted densities
        QVERIFY(static_cast<QLineSeries*>(series[0])->count() > 100);
        QVERIFY(view.statisticsTable()->rowCount() >= 8);
        QCOMPARE(view.fitsTable()->rowCount(), 5);
        QCOMPARE(view.statisticsTable()->item(0, 1)->text(), QString("9600"));   // 300 trials × 32 outputs

        QTemporaryDir dir;
        QVERIFY(view.exportChart("histogram", dir.filePath("h.svg")));
        QVERIFY(view.exportChart("histogram", dir.filePath("h.png")));
        QFile svg(dir.filePath("h.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("<svg"));
        QVERIFY(!QImage(dir.filePath("h.png")).isNull());
    }

    void aLongRunShowsProgressAndStopsOnEscape()
    {
        ui::VmmBenchView view(KIRCHHOFF_TEST_PRESETS);
        view.show();
        view.trials()->setValue(100000);
        QSignalSpy stopped(&view, &ui::VmmBenchView::cancelled);
        view.runSelected();
        QTRY_VERIFY_WITH_TIMEOUT(view.progressBar()->value() > 0, 60000);
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(stopped.wait(60000));
        QVERIFY(!view.task()->busy());
        QCOMPARE(view.progressBar()->format(), QString("Cancelled"));
        QVERIFY(view.isVisible());   // Esc while running stops the run, not the window
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.isVisible());
    }

    void compareDrawsOneBoxPerPreset()
    {
        ui::VmmBenchView view(KIRCHHOFF_TEST_PRESETS);
        view.trials()->setValue(200);
        QSignalSpy done(&view, &ui::VmmBenchView::runFinished);
        view.comparePresets();
        QVERIFY(done.wait(120000));
        const QList<QAbstractSeries*> series = view.boxPlotView()->chart()->series();
        QCOMPARE(series.size(), 1);
        QCOMPARE(static_cast<QBoxPlotSeries*>(series[0])->count(), 4);
        QTemporaryDir dir;
        QVERIFY(view.exportChart("boxplot", dir.filePath("b.pdf")));
        QFile pdf(dir.filePath("b.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
    }

    void malformedDeviceFileChangesNothing()
    {
        ui::VmmBenchView view(KIRCHHOFF_TEST_PRESETS);
        const int states = view.device().states;
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.json"));
        f.open(QIODevice::WriteOnly);
        f.write(R"({"states": 64, "nl_ltp": "steep"})");
        f.close();
        QSignalSpy errors(&view, &ui::VmmBenchView::errorShown);
        QVERIFY(!view.openDevice(dir.filePath("bad.json")));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains("nl_ltp"));
        QCOMPARE(view.device().states, states);
    }
};

QTEST_MAIN(TestVmmView)
#include "tst_vmm_view.moc"
