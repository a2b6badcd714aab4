// The README's main job without a display: `kirchhoff` runs the demo sweep and writes its Pareto chart.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

class TestDemo : public QObject {
    Q_OBJECT
private slots:
    void headlessRunWritesTheParetoChart()
    {
        QTemporaryDir dir;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(dir.path());
        p.start(KIRCHHOFF_GUI_PATH, {});
        QVERIFY(p.waitForFinished(900000));   // ~20 s normally; sanitizer builds are ~10x slower
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(out + p.readAllStandardError()));
        QVERIFY(out.contains("Pareto front"));
        for (const char* f : {"kirchhoff-demo.svg", "kirchhoff-demo.pdf", "kirchhoff-demo.png"}) {
            QFile file(dir.filePath(f));
            QVERIFY2(file.exists() && file.size() > 1000, f);
        }
        QFile svg(dir.filePath("kirchhoff-demo.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
