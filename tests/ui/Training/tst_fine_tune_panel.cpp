// The window's Fine-tune panel (ui/FineTunePanel): beside Evaluate accuracy in the single-point
// view; a run on the MLP draws its epochs live, writes a model the importer reads, shows the test
// accuracy before and after on fresh chips and offers the model to the design; bad fields are
// named at the panel and nothing runs; cancelling ends the run cleanly.
#include "AccuracyPanel.h"
#include "FineTuneChart.h"
#include "FineTunePanel.h"
#include "SinglePointView.h"

#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace kh;
using namespace kh::ui;

namespace {
const QString kModel = QStringLiteral(KIRCHHOFF_TEST_PRESETS "/models/mlp_fashion.onnx");

DesignPoint quickNoisyPoint()
{
    DesignPoint dp = loadDesignPointFile(KIRCHHOFF_TEST_PRESETS "/designs/rram_variation30_stuck3.json");
    dp.evaluation.images = 200;
    dp.evaluation.chips = 2;
    return dp;
}

void smallRun(FineTunePanel& p, const QString& out)
{
    p.setDesign(quickNoisyPoint());
    p.setModel(kModel, "fashion-mnist");
    p.epochsField()->setValue(1);
    p.trainImagesField()->setValue(640);
    p.validationImagesField()->setValue(200);
    p.outputField()->setText(out);
}
} // namespace

class TestFineTunePanel : public QObject {
    Q_OBJECT
private slots:
    void theActionSitsBesideEvaluateAccuracy()
    {
        SinglePointView view;
        view.show();
        QVERIFY(view.fineTune());
        QVERIFY(!view.fineTune()->isVisible());
        QPushButton* open = nullptr;
        for (QPushButton* b : view.accuracy()->findChildren<QPushButton*>())
            if (b->text() == "Fine-tune…")
                open = b;
        QVERIFY(open);
        open->click();
        QVERIFY(view.fineTune()->isVisible());
        // The design's model reaches the panel, with an output beside it.
        view.setModel(kModel, "fashion-mnist");
        QVERIFY(view.fineTune()->outputField()->text().endsWith("mlp_fashion_ft.onnx"));
    }

    void aRunDrawsItsEpochsAndOffersTheModel()
    {
        QTemporaryDir dir;
        FineTunePanel p;
        const QString out = dir.filePath("tuned.onnx");
        smallRun(p, out);
        QSignalSpy done(p.task(), &TaskSignals::finished);
        QSignalSpy chosen(&p, &FineTunePanel::modelChosen);
        std::map<std::string, double> logged;
        QString loggedModel, loggedLabel;
        connect(&p, &FineTunePanel::runLogged, this,
                [&](const DesignPoint&, const QString& model, const QString&, const QString& label, const std::map<std::string, double>& m, double) {
                    loggedModel = model;
                    loggedLabel = label;
                    logged = m;
                });
        p.start();
        QVERIFY(p.task()->busy());
        QVERIFY(done.wait(280000));
        QVERIFY2(p.task()->outcome().ok(), qPrintable(p.task()->outcome().error));
        QTRY_COMPARE(p.chart()->epochsShown(), 2);   // epoch 0 (before) and the one epoch
        const FineTuneRun& r = p.task()->outcome().value;
        QCOMPARE(r.after.chips, 2);
        QCOMPARE(r.after.images, 200);
        QVERIFY(r.after.accuracy > 0.3);
        QVERIFY2(p.resultLabel()->text().contains("before") && p.resultLabel()->text().contains("after"), qPrintable(p.resultLabel()->text()));
        QVERIFY(QFile::exists(out));
        QCOMPARE(nn::importOnnx(out.toStdString()).nodes.size(), nn::importOnnx(kModel.toStdString()).nodes.size());
        // The run log gets the written model and the accuracy after.
        QCOMPARE(loggedModel, out);
        QCOMPARE(loggedLabel, QString("noise-aware"));
        QCOMPARE(logged.at("accuracy"), r.after.accuracy);
        QCOMPARE(logged.at("accuracy_before"), r.before.accuracy);
        QVERIFY(p.useButton()->isEnabled());
        p.useButton()->click();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen[0][0].toString(), out);
    }

    void badFieldsAreNamedAndNothingRuns()
    {
        QTemporaryDir dir;
        FineTunePanel p;
        p.start();   // no model yet
        QVERIFY(!p.task()->busy());
        QVERIFY2(p.resultLabel()->text().contains("model"), qPrintable(p.resultLabel()->text()));
        smallRun(p, "");
        p.start();
        QVERIFY(!p.task()->busy());
        QVERIFY2(p.resultLabel()->text().contains("output model"), qPrintable(p.resultLabel()->text()));
        // Writing over the model itself is refused by the run, with the file named.
        smallRun(p, kModel);
        QSignalSpy done(p.task(), &TaskSignals::finished);
        QSignalSpy error(&p, &FineTunePanel::errorShown);
        p.start();
        QVERIFY(done.wait(60000));
        QCOMPARE(error.count(), 1);
        QVERIFY2(p.resultLabel()->text().contains("mlp_fashion.onnx"), qPrintable(p.resultLabel()->text()));
        QVERIFY(!p.useButton()->isEnabled());
        // More validation images than the training split leaves is the core's error, shown.
        smallRun(p, dir.filePath("t.onnx"));
        p.validationImagesField()->setValue(900000);
        p.start();
        QVERIFY(done.wait(120000));
        QCOMPARE(error.count(), 2);
        QVERIFY2(p.resultLabel()->text().contains("validation"), qPrintable(p.resultLabel()->text()));
        QVERIFY(!QFile::exists(dir.filePath("t.onnx")));
    }

    void cancellingEndsTheRun()
    {
        QTemporaryDir dir;
        FineTunePanel p;
        smallRun(p, dir.filePath("c.onnx"));
        p.trainImagesField()->setValue(20000);
        p.progressiveBox()->setChecked(true);
        QSignalSpy done(p.task(), &TaskSignals::finished);
        p.start();
        QTest::qWait(300);
        p.cancel();
        QVERIFY(done.wait(120000));
        QVERIFY(p.task()->outcome().error.isEmpty());
        QVERIFY(p.task()->outcome().cancelled || p.task()->outcome().value.cancelled);
        QVERIFY(!p.task()->busy());
    }
};

QTEST_MAIN(TestFineTunePanel)
#include "tst_fine_tune_panel.moc"
