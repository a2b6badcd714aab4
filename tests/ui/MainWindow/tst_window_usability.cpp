// The window as a day's work meets it (offscreen): number fields take what people type, window
// shortcuts reach the design from a focused field, a device type enables only its fields, F1
// opens the guide at the page in use, pinned points compare and the run log survives a restart,
// and the window fits a 1280x720 screen.
#include "ArrayPage.h"
#include "CompareView.h"
#include "DesignDocument.h"
#include "DevicePage.h"
#include "HelpBrowser.h"
#include "MainWindow.h"
#include "NetworkPage.h"
#include "NoisePage.h"
#include "PpaReportView.h"
#include "QuantityField.h"
#include "RunLogView.h"
#include "TaskSignals.h"
#include "AccuracyPanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace kh::ui;

class TestWindowUsability : public QObject {
    Q_OBJECT

    static void waitForEstimate(MainWindow& w, int atLeast)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() >= atLeast, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.reportView()->findChild<QLabel*>("headline")->text().contains("TOPS/W"), 20000);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void datasetPreprocessingIsEditedAtItsFields()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        NetworkPage* n = w.networkPage();
        // Per-channel lists typed with commas; an empty field is null (its placeholder says what
        // null means); a word is refused at the field and nothing reaches the document.
        n->meanEdit()->setText("0.485, 0.456, 0.406");
        emit n->meanEdit()->editingFinished();
        QCOMPARE(w.design().evaluation.dataset.preprocessing.mean, (std::vector<double>{0.485, 0.456, 0.406}));
        n->stdEdit()->setText("0.229, 0.224");
        emit n->stdEdit()->editingFinished();
        QVERIFY(w.design().evaluation.dataset.preprocessing.std.empty());   // 2 values for 3 means: refused
        QCOMPARE(n->invalidField(), static_cast<QWidget*>(n->stdEdit()));
        QVERIFY(n->refusedReason().contains("evaluation.dataset.preprocessing.std"));
        n->resizeEdit()->setText("abc");
        emit n->resizeEdit()->editingFinished();
        QVERIFY(!w.design().evaluation.dataset.preprocessing.resize);
        QCOMPARE(n->invalidField(), static_cast<QWidget*>(n->resizeEdit()));
        n->resizeEdit()->setText("256");
        emit n->resizeEdit()->editingFinished();
        QCOMPARE(*w.design().evaluation.dataset.preprocessing.resize, 256.0);
        n->meanEdit()->clear();
        emit n->meanEdit()->editingFinished();
        QVERIFY(w.design().evaluation.dataset.preprocessing.mean.empty());
        QCOMPARE(n->meanEdit()->placeholderText(), QString("0"));
        n->datasetFormatBox()->setCurrentText("cifar");
        QCOMPARE(w.design().evaluation.dataset.format, kh::DatasetFormat::Cifar);
    }

    void typedNumbersAreStoredAsTyped()
    {
        // SI prefixes and scientific notation in any field, stored exactly; refusals stay at the
        // field with the typed text, and nothing reaches the document.
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        auto type = [](QuantityField* f, const QString& text) {
            f->selectAll();
            QTest::keyClicks(f, text);
            QTest::keyClick(f, Qt::Key_Return);
        };
        QuantityField* ron = w.devicePage()->rOnBox();
        type(ron, "1.5M");
        QCOMPARE(w.design().device.r_on_ohm, 1.5e6);
        QCOMPARE(ron->text(), QString("1.5 MΩ"));   // shows what it parsed
        type(ron, "1e5");
        QCOMPARE(w.design().device.r_on_ohm, 1e5);
        type(ron, "6 kohm");   // QTest types ASCII only; "6 kΩ" is covered by tst_quantity_text
        QCOMPARE(w.design().device.r_on_ohm, 6000.0);
        type(ron, "abc");
        QCOMPARE(w.design().device.r_on_ohm, 6000.0);
        QCOMPARE(ron->text(), QString("abc"));   // the typed text is kept
        QVERIFY(ron->error().contains("not a number"));
        QCOMPARE(w.devicePage()->invalidField(), static_cast<QWidget*>(ron));
        QVERIFY(w.devicePage()->statusLabel()->text().contains("not a number"));
        type(ron, "2T");   // the table's maximum is 1 TΩ
        QVERIFY2(ron->error().contains("above the maximum 1 TΩ"), qPrintable(ron->error()));
        QCOMPARE(w.design().device.r_on_ohm, 6000.0);
        type(ron, "20k");
        QCOMPARE(w.design().device.r_on_ohm, 20000.0);
        QVERIFY(ron->error().isEmpty());
        QCOMPARE(w.devicePage()->invalidField(), static_cast<QWidget*>(nullptr));

        QuantityField* saf = w.noisePage()->safMinBox();
        type(saf, "1e-5");
        QCOMPARE(w.design().noise.saf.p_stuck_min, 1e-5);   // not 1.0, not rounded to 0
        type(saf, "5e-5");
        QCOMPARE(w.design().noise.saf.p_stuck_min, 5e-5);
        QCOMPARE(saf->text(), QString("5e-5"));
        QVERIFY(saf->warning().isEmpty());
        type(saf, "0.001%");
        QCOMPARE(w.design().noise.saf.p_stuck_min, 1e-5);
        type(saf, "0.2");   // stored, but marked as implausible
        QCOMPARE(w.design().noise.saf.p_stuck_min, 0.2);
        QVERIFY(saf->warning().contains("10 %"));
        QVERIFY(saf->toolTip().contains("10 %"));
    }

    void windowShortcutsWorkInsideNumberFields()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        waitForEstimate(w, 1);
        const int bits = w.design().precision.adc_bits;
        w.arrayPage()->adcBitsBox()->setValue(bits + 1);
        QCOMPARE(w.design().precision.adc_bits, bits + 1);
        w.designTabs()->setCurrentIndex(0);
        QuantityField* ron = w.devicePage()->rOnBox();
        ron->setFocus();
        QTRY_VERIFY(ron->hasFocus());
        QTest::keyClick(ron, Qt::Key_Z, Qt::ControlModifier);   // the document's undo, not the field's
        QCOMPARE(w.design().precision.adc_bits, bits);
        QSignalSpy started(w.accuracyPanel()->task(), &TaskSignals::started);
        QTest::keyClick(ron, Qt::Key_E, Qt::ControlModifier);   // Evaluate accuracy
        QTRY_VERIFY(!w.accuracyPanel()->resultLabel()->text().contains("not evaluated yet"));
        w.accuracyPanel()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!w.accuracyPanel()->task()->busy(), 60000);
    }

    void deviceTypeEnablesOnlyItsFields()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        DevicePage* d = w.devicePage();
        QCOMPARE(w.design().device.access, kh::AccessType::OneT1R);
        d->typeBox()->setCurrentText("SRAM");
        QCOMPARE(w.design().device.type, kh::DeviceType::SRAM);
        QCOMPARE(w.design().device.access, kh::AccessType::EightT);   // 1T1R does not make an SRAM cell
        QCOMPARE(w.design().device.cell_bits, 1);
        QVERIFY(!d->cellBitsBox()->isEnabled());
        QVERIFY(d->rOnBox()->isEnabled());   // the read port's resistance
        QComboBox* access = d->accessBox();
        auto* model = qobject_cast<QStandardItemModel*>(access->model());
        QVERIFY(model);
        QVERIFY(!model->item(access->findText("1T1R"))->isEnabled());
        QVERIFY(model->item(access->findText("6T"))->isEnabled());
        d->typeBox()->setCurrentText("RRAM");
        QCOMPARE(w.design().device.access, kh::AccessType::OneT1R);
        QVERIFY(d->cellBitsBox()->isEnabled());
        QVERIFY(!model->item(access->findText("8T"))->isEnabled());
    }

    void f1OpensTheGuideAtThePageInUse()
    {
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.designTabs()->setCurrentIndex(3);   // Noise
        w.noisePage()->safMinBox()->setFocus();
        QTRY_VERIFY(w.noisePage()->safMinBox()->hasFocus());
        QTest::keyClick(w.noisePage()->safMinBox(), Qt::Key_F1);
        HelpBrowser* help = w.findChild<HelpBrowser*>("helpBrowser");
        QVERIFY(help);
        QVERIFY(help->isVisible());
        QCOMPARE(help->currentSection(), QString("Noise"));
        // Every page and view has its section in the shipped guide.
        const QStringList sections = help->sections();
        for (const char* s : {"Device", "Array and precision", "Network and dataset", "Noise", "Circuit errors", "Technology", "Single point", "Sweep",
                              "Floorplan", "Learn", "Number fields", "Exporting figures"})
            QVERIFY2(sections.contains(s), s);
        w.viewTabs()->setCurrentIndex(1);
        w.viewTabs()->setFocus();
        QCOMPARE(w.helpSection(), QString("Sweep"));
        // The shortcut list is read from the menus.
        const auto keys = w.shortcuts();
        bool evaluate = false;
        for (const auto& [text, seq] : keys)
            evaluate = evaluate || (text == "Evaluate accuracy" && seq == QKeySequence("Ctrl+E").toString(QKeySequence::NativeText));
        QVERIFY(evaluate);
        w.showShortcuts();
        auto* dialog = w.findChild<QDialog*>("shortcutsDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QTableWidget*>()->rowCount(), int(keys.size()));
    }

    void pinnedPointsDiffAndTheRunLogSurvivesARestart()
    {
        QFile::remove(RunLogView::defaultPath());
        int bits = 0;
        {
            MainWindow w(KIRCHHOFF_TEST_PRESETS);
            waitForEstimate(w, 1);
            const int original = w.design().precision.adc_bits;
            bits = original;
            QVERIFY(w.pinCurrentPoint());   // A
            const int estimates = w.completedEstimates();
            w.arrayPage()->adcBitsBox()->setValue(original + 1);
            QVERIFY(!w.pinCurrentPoint());   // the estimate of this point is not in yet
            QTRY_VERIFY_WITH_TIMEOUT(w.completedEstimates() > estimates && !w.reportView()->ppaStale(), 20000);
            QVERIFY(w.pinCurrentPoint());   // B
            CompareView* c = w.compareView();
            QCOMPARE(c->pins().size(), size_t(2));
            QCOMPARE(c->table()->horizontalHeaderItem(1)->text(), QString("B"));
            QVERIFY(c->differs("precision.adc_bits"));
            QVERIFY(!c->differs("device.r_on_ohm"));
            c->onlyDifferences()->setChecked(true);
            QVERIFY(c->rowOf("device.r_on_ohm") < 0);
            QVERIFY(c->rowOf("precision.adc_bits") >= 0);
            QCOMPARE(w.runLogView()->entries().size(), size_t(2));
        }
        // A new window reads the log back; reopening pin A restores its design point.
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        waitForEstimate(w, 1);
        RunLogView* log = w.runLogView();
        QCOMPARE(log->entries().size(), size_t(2));
        QCOMPARE(log->entries()[0].kind, std::string("pin"));
        QCOMPARE(log->entries()[0].label, std::string("A"));
        QCOMPARE(log->table()->rowCount(), 2);
        QCOMPARE(log->table()->item(0, 2)->text(), QString("B"));   // newest first
        w.arrayPage()->adcBitsBox()->setValue(bits + 2);
        w.reopenLogEntry(log->entries()[0]);
        QCOMPARE(w.design().precision.adc_bits, bits);
    }

    void theWindowFitsA1280x720Screen()
    {
        QSettings().clear();   // a first start
        MainWindow w(KIRCHHOFF_TEST_PRESETS);
        w.resize(1280, 720);
        w.show();
        waitForEstimate(w, 1);
        for (int view = 0; view < w.viewTabs()->count(); ++view) {
            w.viewTabs()->setCurrentIndex(view);
            for (int page = 0; page < w.designTabs()->count(); ++page) {
                w.designTabs()->setCurrentIndex(page);
                QApplication::processEvents();
                QVERIFY2(w.minimumSizeHint().width() <= 1280 && w.minimumSizeHint().height() <= 720,
                         qPrintable(QString("view %1 page %2: minimum %3×%4").arg(view).arg(page).arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
                QVERIFY2(w.width() <= 1280 && w.height() <= 720, qPrintable(QString("%1×%2").arg(w.width()).arg(w.height())));
            }
            // The view itself fits beside the design panel, so nothing needs scrolling sideways.
            auto* area = qobject_cast<QScrollArea*>(w.viewTabs()->currentWidget());
            QWidget* content = area ? area->widget() : w.viewTabs()->currentWidget();
            const int room = w.viewTabs()->width();
            QVERIFY2(content->minimumSizeHint().width() <= room,
                     qPrintable(QString("view %1 needs %2 px, has %3").arg(view).arg(content->minimumSizeHint().width()).arg(room)));
        }
    }
};

QTEST_MAIN(TestWindowUsability)
#include "tst_window_usability.moc"
