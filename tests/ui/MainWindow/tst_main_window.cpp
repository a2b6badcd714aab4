// The explorer window's design panel, driven through its real widgets (offscreen): presets load,
// edits update the report and undo, invalid values are marked at the field, bad files show an
// error and change nothing, charts export to SVG/PDF/PNG. (Number fields, shortcuts, help, pins and
// the window's size: tst_window_usability.cpp.)
#include "AccuracyPanel.h"
#include "ArrayPage.h"
#include "BreakdownChart.h"
#include "CircuitErrorsPage.h"
#include "ConductanceTimePlot.h"
#include "ConfusionMatrixView.h"
#include "DesignDocument.h"
#include "DevicePage.h"
#include "FloorplanView.h"
#include "LayerTableModel.h"
#include "MainWindow.h"
#include "ProjectController.h"
#include "MemStatesEditor.h"
#include "MemStatesPlot.h"
#include "NetworkPage.h"
#include "NoisePage.h"
#include "PpaReportView.h"
#include "PresetCatalog.h"
#include "QuantityField.h"
#include "TechnologyPage.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLineEdit>
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStyledItemDelegate>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

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
    static void writeFile(const QString& path, const QByteArray& text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
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
        QCOMPARE(w.design().array.parallel_rows, 32);   // the RRAM 22 nm reference point
        const QList<qreal> area = w.reportView()->areaChart()->values();
        QCOMPARE(area.size(), 6);
        double sum = 0;
        for (qreal v : area)
            sum += v;
        QVERIFY(sum > 40 && sum < 120);   // mm², the reference chip is ~69 mm² in this model
        QVERIFY(w.reportView()->layerModel()->toTsv().count('\n') == 9);
    }

    void editingAFieldUpdatesTheReport()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        waitForEstimate(w, 1);
        const int before = w.completedEstimates();
        const qreal adcAreaBefore = w.reportView()->areaChart()->values()[1];
        w.arrayPage()->adcBitsBox()->setValue(6);
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > before, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.reportView()->areaChart()->values()[1] > adcAreaBefore * 2, 20000);
        QCOMPARE(w.design().precision.adc_bits, 6);
    }

    void invalidValuesAreMarkedAtTheFieldAndNeverApplied()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        ArrayPage* a = w.arrayPage();
        QCOMPARE(w.design().array.rows, 128);
        const QString losslessBefore = a->losslessLabel()->text();
        a->parallelRowsBox()->setValue(256);   // more than the array's 128 rows
        QCOMPARE(a->losslessLabel()->text(), losslessBefore);   // not computed from the refused value
        QCOMPARE(a->invalidField(), static_cast<QWidget*>(a->parallelRowsBox()));
        QVERIFY(a->statusLabel()->text().contains("array.parallel_rows: must not exceed array.rows"));
        QVERIFY(a->parallelRowsBox()->toolTip().contains("must not exceed"));
        QCOMPARE(w.design().array.parallel_rows, 32);   // nothing invalid reached the document
        a->rowsBox()->setValue(256);                     // now it fits: both apply, the mark goes
        QCOMPARE(w.design().array.rows, 256);
        QCOMPARE(w.design().array.parallel_rows, 256);
        QCOMPARE(a->invalidField(), static_cast<QWidget*>(nullptr));
        // The lossless resolution follows the document: 256 rows, 1-bit cells and inputs need 9 bits.
        QVERIFY2(a->losslessLabel()->text().startsWith("9 bits"), qPrintable(a->losslessLabel()->text()));
        // Bit-serial inputs with a 2-bit DAC are refused at the DAC field.
        a->dacBitsBox()->setValue(2);
        QCOMPARE(a->invalidField(), static_cast<QWidget*>(a->dacBitsBox()));
        QCOMPARE(w.design().precision.dac_bits, 1);
    }

    void anEditChangesOnlyItsField()
    {
        // Values the spin boxes cannot show exactly (R_on past their old 1e9 Ω, a ratio with two
        // decimals) survive an edit of another field: a page proposes only the field edited.
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        const QString point = dir.filePath("dp.json");
        writeFile(point, R"({"device": {"r_on_ohm": 1e12, "on_off_ratio": 17.25},
                             "noise": {"saf": {"p_stuck_min": 5e-5}, "drift": {"nu": -0.05}},
                             "evaluation": {"images": 5000000}})");
        QVERIFY(w.project()->openDesign(point));
        QCOMPARE(w.design().device.r_on_ohm, 1e12);
        // On the Noise page too: a negative drift exponent (shown as |ν| before) and a stuck-at
        // rate below the old 4 decimals survive an edit of the read noise.
        w.noisePage()->findChildren<kh::ui::QuantityField*>().first()->setValue(0.01);   // read noise
        QCOMPARE(w.design().noise.read_noise_rel, 0.01);
        QCOMPARE(w.design().noise.drift.nu, -0.05);
        QCOMPARE(w.design().noise.saf.p_stuck_min, 5e-5);
        w.devicePage()->readVoltageBox()->setValue(0.2);
        QCOMPARE(w.design().device.read_voltage_v, 0.2);
        QCOMPARE(w.design().device.r_on_ohm, 1e12);
        QCOMPARE(w.design().device.on_off_ratio, 17.25);
        // Editors take their range, unit and tooltip from the field table.
        QCOMPARE(w.devicePage()->readVoltageBox()->maximum(), 5.0);
        QCOMPARE(w.devicePage()->readVoltageBox()->singleStep(), 0.05);   // the table's step, in volts
        QVERIFY(w.devicePage()->readVoltageBox()->toolTip().startsWith("device.read_voltage_v: "));
        // Stepping one field repeatedly is one undo step; another field starts a new one.
        QUndoStack* undo = w.document()->undoStack();
        const int steps = undo->count();
        w.devicePage()->readVoltageBox()->setValue(0.25);
        w.devicePage()->readVoltageBox()->setValue(0.3);
        QCOMPARE(undo->count(), steps);
        w.arrayPage()->adcBitsBox()->setValue(6);
        QCOMPARE(undo->count(), steps + 1);
        undo->undo();
        undo->undo();
        QCOMPARE(w.design().device.read_voltage_v, 0.5);   // back before the first read-voltage edit
        QCOMPARE(w.design().device.r_on_ohm, 1e12);
        // The Network page too: more test images than its old box held survive a chips edit.
        w.networkPage()->chipsBox()->setValue(2);
        QCOMPARE(w.design().evaluation.chips, 2);
        QCOMPARE(w.design().evaluation.images, 5000000);
    }

    void closingWithUnsavedChangesAsksWithoutBlocking()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        const QString project = dir.filePath("p.kirchhoff.json");
        QVERIFY(w.project()->saveProject(project));
        w.arrayPage()->adcBitsBox()->setValue(6);   // unsaved
        w.close();
        QVERIFY(w.isVisible());   // still open: the question is asked, nothing blocks
        auto* box = w.findChild<QMessageBox*>("unsavedChangesDialog");
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(w.isVisible());
        w.close();
        box = w.findChild<QMessageBox*>("unsavedChangesDialog");
        QVERIFY(box);
        box->button(QMessageBox::Discard)->click();
        QTRY_VERIFY(!w.isVisible());
    }

    void editsUndoAndRedo()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QUndoStack* undo = w.document()->undoStack();
        QVERIFY(!undo->canUndo());
        QTableWidget* t = w.devicePage()->statesEditor()->table();
        const QString old = t->item(1, 0)->text();
        const auto statesBefore = w.design().device.mem_states.size();
        t->item(1, 0)->setText("2e-05");
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 2e-05);
        QVERIFY(undo->canUndo());
        undo->undo();
        QCOMPARE(t->item(1, 0)->text(), old);   // the table shows the undone state
        QCOMPARE(w.design().device.mem_states.size(), statesBefore);
        undo->redo();
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 2e-05);
        QCOMPARE(t->item(1, 0)->text(), QString("20 µS"));   // exact text with the unit's prefix
        // 20 µS is twice 1/R_on (100 kΩ): the page says the two descriptions disagree, without refusing.
        QVERIFY2(w.devicePage()->statesNote()->text().contains("20 µS"), qPrintable(w.devicePage()->statesNote()->text()));
        QVERIFY(w.devicePage()->refusedReason().isEmpty());
        // A cell keeps the exact value and shows 4 digits.
        t->item(1, 0)->setText("1.1764705882352942e-06");
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 1.1764705882352942e-06);
        QCOMPARE(qobject_cast<QStyledItemDelegate*>(t->itemDelegate())->displayText(t->item(1, 0)->text(), QLocale()), QString("1.176 µS"));
        undo->undo();
        // A spin box edit and a combo edit are separate steps, undone in reverse order.
        w.arrayPage()->adcBitsBox()->setValue(6);
        w.technologyPage()->nodeBox()->setCurrentIndex(w.technologyPage()->nodeBox()->findData(7));
        QCOMPARE(w.design().technology.node_nm, 7);
        undo->undo();
        QCOMPARE(w.design().technology.node_nm, 22);
        QCOMPARE(w.design().precision.adc_bits, 6);
        undo->undo();
        QCOMPARE(w.design().precision.adc_bits, 4);
        QCOMPARE(w.arrayPage()->adcBitsBox()->value(), 4);
    }

    void networkAndModelChoicesUndoToo()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QUndoStack* undo = w.document()->undoStack();
        QCOMPARE(w.network().layers.size(), size_t(8));   // vgg8
        QComboBox* nets = w.networkPage()->networkBox();
        const int before = w.completedEstimates();
        nets->setCurrentIndex(nets->findText("mlp_fashion_mnist"));
        QCOMPARE(w.network().layers.size(), size_t(2));
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > before, 20000);
        QComboBox* models = w.networkPage()->modelBox();
        models->setCurrentIndex(models->findText("vgg_fashion"));
        QVERIFY(w.document()->project().model_path.find("vgg_fashion") != std::string::npos);
        undo->undo();   // the model
        QVERIFY(w.document()->project().model_path.find("mlp_fashion") != std::string::npos);
        QCOMPARE(models->currentText(), QString("mlp_fashion"));
        undo->undo();   // the network
        QCOMPARE(w.network().layers.size(), size_t(8));
        QCOMPARE(nets->currentText(), QString("vgg8"));
        undo->redo();
        QCOMPARE(w.network().layers.size(), size_t(2));
        QCOMPARE(nets->currentText(), QString("mlp_fashion_mnist"));
    }

    void everyPresetLoadsAndEstimates()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QSignalSpy errors(&w, &MainWindow::errorShown);
        int loaded = 0;
        for (QAction* category : w.presetsMenu()->actions()) {
            QVERIFY(category->menu());
            QVERIFY2(!category->menu()->actions().isEmpty(), qPrintable(category->text()));
            for (QAction* preset : category->menu()->actions()) {
                const int before = w.completedEstimates();
                preset->trigger();
                QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > before, 60000);
                QVERIFY2(errors.isEmpty(), qPrintable(preset->text()));
                ++loaded;
            }
        }
        QVERIFY(loaded >= 4 + 4 + 6 + 2);   // designs, devices, networks (+ ONNX), sweeps
        // A device preset puts its states on the Device page: EpiRAM's 50.2× window.
        for (QAction* a : w.presetsMenu()->actions()[1]->menu()->actions())
            if (a->text() == "EpiRAM")
                a->trigger();
        QCOMPARE(w.design().device.on_off_ratio, 50.2);
        QCOMPARE(int(w.design().device.mem_states.size()), 1 << w.design().device.cell_bits);
        QCOMPARE(w.devicePage()->statesPlot()->curveCount(), int(w.design().device.mem_states.size()));
        QVERIFY(w.design().device.mem_states[1].g_sigma_s > 0);   // its cycle-to-cycle spread
    }

    void malformedNetworkShowsAnErrorAndChangesNothing()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        const QString bad = dir.filePath("NetWork.csv");
        writeFile(bad, "32,32,3,3,3,128,0,1\n32,32,x,3,3,128,1,1\n");
        QSignalSpy errors(&w, &MainWindow::errorShown);
        const size_t layers = w.network().layers.size();
        QVERIFY(!w.project()->openNetwork(bad));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("NetWork.csv:2: IFM_C is not an integer"));
        QCOMPARE(w.network().layers.size(), layers);
        QVERIFY(!w.findChildren<QMessageBox*>("errorDialog").isEmpty());
        closeErrorDialogs(w);

        const QString badDp = dir.filePath("dp.json");
        writeFile(badDp, R"({"array": {"rows": "many"}})");
        const int adcBits = w.design().precision.adc_bits;
        QVERIFY(!w.project()->openDesign(badDp));
        QVERIFY(errors.last().first().toString().contains("array.rows: expected an integer"));
        QCOMPARE(w.design().precision.adc_bits, adcBits);
        QVERIFY(!w.document()->undoStack()->canUndo());
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
        QCOMPARE(img.size(), QSize(1051, 732));   // 89 × 62 mm (one journal column) at 300 DPI
        int dark = 0;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                dark += qGray(img.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
        QVERIFY(w.exportChart("states", dir.filePath("states.svg")));
        QVERIFY(QSvgRenderer(dir.filePath("states.svg")).isValid());
        QVERIFY(!w.exportChart("area", dir.filePath("chart.bmp")));   // unsupported: error, no crash
        closeErrorDialogs(w);
        // The per-layer table as CSV: a header and one row per layer.
        const QString csv = dir.filePath("layers.csv");
        QVERIFY(w.exportLayerCsv(csv));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = c.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 9);
        QVERIFY(lines[0].contains("TOPS/W"));
    }

    void memStatesTableEditsTheDesign()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTableWidget* t = w.devicePage()->statesEditor()->table();
        QCOMPARE(t->rowCount(), 2);   // 1-bit cells: two states
        t->item(1, 0)->setText("2e-05");
        QCOMPARE(w.design().device.mem_states.size(), size_t(2));
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 2e-05);
        // Decreasing means are refused at the field; the design keeps the last valid table.
        t->item(1, 0)->setText("1e-12");
        QVERIFY(w.devicePage()->statusLabel()->text().contains("means must increase"));
        QCOMPARE(w.devicePage()->invalidField(), static_cast<QWidget*>(t));
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 2e-05);
        t->item(1, 0)->setText("2e-05");
        QVERIFY(w.devicePage()->statusLabel()->text().isEmpty());

        QTemporaryDir dir;
        const QString good = dir.filePath("mem.csv");
        MemStatesEditor* ed = w.devicePage()->statesEditor();
        QVERIFY(ed->exportCsv(good));
        writeFile(dir.filePath("bad.csv"), "states,mean,std\n0,1e-6,0\n1,oops,0\n");
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QVERIFY(!ed->importCsv(dir.filePath("bad.csv")));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("bad.csv:3: mean must be"));
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 2e-05);   // nothing changed
        QCOMPARE(qobject_cast<QStyledItemDelegate*>(t->itemDelegate())->displayText(t->item(1, 0)->text(), QLocale()), QString("20 µS"));   // nor the table
        closeErrorDialogs(w);
        QVERIFY(ed->importCsv(good));
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 2e-05);

        // Paste from a spreadsheet: tab-separated with a header; a bad row names its line.
        QVERIFY(ed->pasteText("mean\tstd\n1e-6\t1e-8\n3e-5\t2e-7\n"));
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 3e-5);
        QCOMPARE(w.design().device.mem_states[1].g_sigma_s, 2e-7);
        QVERIFY(!ed->pasteText("1e-6\t0\n5e-7\t0\n"));
        QVERIFY(errors.last().first().toString().contains("clipboard:2: means must increase"));
        QVERIFY(!ed->pasteText("1e-6\tabc\n"));
        QVERIFY(errors.last().first().toString().contains("clipboard:1:"));
        QCOMPARE(w.design().device.mem_states[1].g_mean_s, 3e-5);
        QCOMPARE(w.devicePage()->statesPlot()->curveCount(), 2);
        closeErrorDialogs(w);
    }

    void outputNoiseTableEditsTheDesign()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        writeFile(dir.filePath("output_noise.csv"), "output,mean,std\n0,0.1,0.2\n1,1.1,0.3\n2,1.9,0.4\n");
        NoisePage* n = w.noisePage();
        QVERIFY(n->importOutputNoise(dir.filePath("output_noise.csv")));
        QCOMPARE(w.design().noise.output_noise.size(), size_t(3));
        n->outputNoiseTable()->item(2, 2)->setText("0.5");
        QCOMPARE(w.design().noise.output_noise[2].std, 0.5);
        n->outputNoiseTable()->item(2, 0)->setText("1");   // not increasing: refused
        QVERIFY(n->statusLabel()->text().contains("output levels must increase"));
        QCOMPARE(n->invalidField(), static_cast<QWidget*>(n->outputNoiseTable()));
        QCOMPARE(w.design().noise.output_noise[2].output, 2LL);
        n->outputNoiseTable()->item(2, 0)->setText("2");
        const QString out = dir.filePath("out.csv");
        QVERIFY(n->exportOutputNoise(out));
        QFile back(out);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), QByteArray("output,mean,std\n0,0.1,0.2\n1,1.1,0.3\n2,1.9,0.5\n"));
        // The confusion view shows the same table: every row is a probability distribution.
        const kh::OutputNoiseConfusion& c = n->confusionView()->confusion();
        QCOMPARE(int(c.ideal.size()), 3);
        for (const auto& row : c.p) {
            double sum = 0;
            for (double p : row)
                sum += p;
            QVERIFY(std::fabs(sum - 1) < 1e-12);
        }
        // A malformed file changes nothing.
        writeFile(dir.filePath("bad_noise.csv"), "output,mean,std\n0,0.1,0.2\n1,x,0.3\n");
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QVERIFY(!n->importOutputNoise(dir.filePath("bad_noise.csv")));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("bad_noise.csv:3"));
        QCOMPARE(w.design().noise.output_noise[2].std, 0.5);
        QCOMPARE(n->outputNoiseTable()->rowCount(), 3);
        closeErrorDialogs(w);
    }

    void pcmModelIsRefusedWithoutDeviceModeAndPlotsItsStates()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        NoisePage* n = w.noisePage();
        n->modeBox()->setCurrentText("none");
        n->pcmBox()->setChecked(true);   // the model draws conductances: refused without device mode
        QVERIFY(!w.design().noise.pcm.enabled);
        QCOMPARE(n->invalidField(), static_cast<QWidget*>(n->pcmBox()));
        QVERIFY(n->statusLabel()->text().contains("device"));
        n->pcmBox()->setChecked(false);
        n->modeBox()->setCurrentText("device");
        n->pcmBox()->setChecked(true);
        QVERIFY(w.design().noise.pcm.enabled);
        QCOMPARE(n->pcmPlot()->stateCount(), 1 << w.design().device.cell_bits);
        QVERIFY(!n->pcmPlot()->isHidden());
    }

    void adcRangeFollowsTheAdcMode()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        kh::ui::ArrayPage* a = w.arrayPage();
        a->adcModeBox()->setCurrentText("linear");
        QVERIFY(a->adcRangeBox()->isEnabled());
        a->adcRangeBox()->setCurrentText("max");
        QVERIFY(w.design().precision.adc_range == kh::AdcRange::Max);
        // Back to the clip ADC: the calibrated range goes with it instead of blocking the edit.
        a->adcModeBox()->setCurrentText("clip");
        QVERIFY(w.design().precision.adc_mode == kh::AdcMode::Clip);
        QVERIFY(w.design().precision.adc_range == kh::AdcRange::Full);
        QVERIFY(!a->adcRangeBox()->isEnabled());
    }

    void circuitErrorsPageEditsTheDesignAndMarksRefusals()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        CircuitErrorsPage* page = w.circuitErrorsPage();
        page->irDropBox()->setChecked(true);
        QVERIFY(w.design().noise.ir_drop.enabled);
        QVERIFY(!w.design().noise.ir_drop.row_wire_ohm);   // empty: the node's wire
        page->rowWireEdit()->setText("1.5");
        emit page->rowWireEdit()->editingFinished();
        QCOMPARE(*w.design().noise.ir_drop.row_wire_ohm, 1.5);
        page->offsetBox()->setValue(0.4);
        QCOMPARE(w.design().noise.adc_errors.offset_sigma_lsb, 0.4);
        // A SAR capacitor mismatch on a flash ADC is refused at its field, and nothing changes.
        QVERIFY(w.design().precision.adc_type != kh::AdcType::Sar);
        page->capMismatchBox()->setValue(0.01);
        QCOMPARE(w.design().noise.adc_errors.cap_mismatch_sigma, 0.0);
        QCOMPARE(page->invalidField(), static_cast<QWidget*>(page->capMismatchBox()));
        QVERIFY(page->statusLabel()->text().contains("adc_type"));
        // Undo takes the edits back one by one.
        w.document()->undoStack()->undo();
        QCOMPARE(w.design().noise.adc_errors.offset_sigma_lsb, 0.0);
    }

    void accuracyRunsInTheBackgroundAndShowsBesidePpa()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        AccuracyPanel* a = w.accuracyPanel();
        NetworkPage* n = w.networkPage();
        n->modelBox()->setCurrentIndex(n->modelBox()->findText("mlp_fashion"));
        QVERIFY(w.document()->project().model_path.find("mlp_fashion") != std::string::npos);
        n->imagesBox()->setValue(50);
        n->chipsBox()->setValue(2);
        QCOMPARE(w.design().evaluation.images, 50);
        QSignalSpy shown(a, &AccuracyPanel::accuracyShown);
        a->evaluate();
        QVERIFY(a->task()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 120000);
        QVERIFY(a->resultLabel()->text().contains("float"));
        QVERIFY(w.reportView()->headline()->text().contains("accuracy"));
        QVERIFY(w.reportView()->headline()->text().contains("TOPS/W"));
        // Every result says what it is of, and is marked stale when its inputs change.
        PpaReportView* r = w.reportView();
        QVERIFY2(r->headline()->text().contains("mlp_fashion on fashion-mnist"), qPrintable(r->headline()->text()));
        QVERIFY2(r->headline()->text().contains("(vgg8)"), qPrintable(r->headline()->text()));
        QVERIFY(!r->accuracyStale());
        QVERIFY(!r->ppaStale());
        const int adcBits = w.design().precision.adc_bits;
        const int estimates = w.completedEstimates();
        w.arrayPage()->adcBitsBox()->setValue(adcBits - 1);
        QVERIFY(r->accuracyStale());
        QVERIFY(r->headline()->text().contains("Evaluate accuracy again"));
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > estimates, 20000);
        QTRY_VERIFY(!r->ppaStale());   // the PPA follows by itself
        QVERIFY(r->accuracyStale());
        w.arrayPage()->adcBitsBox()->setValue(adcBits);   // back to the evaluated point
        QVERIFY(!r->accuracyStale());
        // A refused edit: the numbers shown are of the last valid point, and say so.
        w.arrayPage()->parallelRowsBox()->setValue(4096);
        QVERIFY(w.arrayPage()->invalidField() != nullptr);
        QVERIFY(r->ppaStale());
        QVERIFY(r->accuracyStale());
        QVERIFY(r->headline()->text().contains("an edit is refused"));
        w.arrayPage()->parallelRowsBox()->setValue(w.design().array.parallel_rows);
        QVERIFY(w.arrayPage()->invalidField() == nullptr);
        QVERIFY(!r->accuracyStale());
        QTRY_VERIFY_WITH_TIMEOUT(!r->ppaStale(), 20000);   // once the estimate of the restored point is in
        // Cancel: the run stops and says so.
        n->imagesBox()->setValue(5000);
        a->evaluate();
        a->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!a->task()->busy(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(a->resultLabel()->text() == "Cancelled", 5000);
    }

    void aProjectWhoseNetworkIsGoneShowsNoStaleNumbers()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        QTemporaryDir dir;
        const QString net = dir.filePath("mine.csv");
        QVERIFY(QFile::copy(QString(KIRCHHOFF_TEST_PRESETS) + "/networks/mlp_fashion_mnist.csv", net));
        QVERIFY(w.project()->openNetwork(net));
        QCOMPARE(w.network().layers.size(), size_t(2));
        const QString project = dir.filePath("p.kirchhoff.json");
        QVERIFY(w.project()->saveProject(project));
        QVERIFY(QFile::remove(net));
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QVERIFY(w.project()->openProject(project));   // the project opens; its network cannot
        QVERIFY(errors.count() >= 1);
        QVERIFY2(errors.last().at(0).toString().contains("mine.csv"), qPrintable(errors.last().at(0).toString()));
        QVERIFY(!w.document()->hasNetwork());
        QTest::qWait(200);
        const QString headline = w.reportView()->findChild<QLabel*>("headline")->text();
        QVERIFY2(!headline.contains("TOPS/W"), qPrintable(headline));
        QCOMPARE(w.reportView()->layerModel()->rowCount(), 0);
        w.showView(w.floorplanView());
        QCOMPARE(w.floorplanView()->tileItems(), 0);   // nor the old chip
        QVERIFY(w.floorplanView()->titleText().isEmpty());
        closeErrorDialogs(w);
        // Choosing a network brings the estimate back.
        QVERIFY(w.project()->openNetwork(QString(KIRCHHOFF_TEST_PRESETS) + "/networks/vgg8.csv"));
        QTRY_VERIFY_WITH_TIMEOUT(w.reportView()->findChild<QLabel*>("headline")->text().contains("TOPS/W"), 20000);
        QCOMPARE(w.reportView()->layerModel()->rowCount(), 8);
    }

    void presetsAreFoundByFileStem()
    {
        const PresetCatalog catalog(KIRCHHOFF_TEST_PRESETS);
        QVERIFY(catalog.file("networks", "vgg8", "csv").endsWith("/networks/vgg8.csv"));
        QVERIFY(catalog.file("designs", "neurosim_vgg8_rram22", "json").endsWith("neurosim_vgg8_rram22.json"));
        QVERIFY(catalog.file("networks", "no_such_preset", "csv").isEmpty());
        QVERIFY(catalog.file("networks", "vgg8", "onnx").isEmpty());
    }

    void savedDesignRoundTrips()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        w.arrayPage()->adcBitsBox()->setValue(5);
        QTemporaryDir dir;
        const QString path = dir.filePath("mine.json");
        QVERIFY(w.project()->saveDesign(path));
        w.arrayPage()->adcBitsBox()->setValue(3);
        QVERIFY(w.project()->openDesign(path));
        QCOMPARE(w.design().precision.adc_bits, 5);
        QCOMPARE(w.arrayPage()->adcBitsBox()->value(), 5);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
