// kirchhoff: the desktop explorer. Without a display (or with --demo [DIR]) it runs the demo sweep
// and writes its Pareto chart instead of opening a window.
#include "DemoSweep.h"
#include "MainWindow.h"
#include "ViewScreenshots.h"
#include "VmmBenchView.h"

#include "common/PresetDirectory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdlib>

int main(int argc, char** argv)
{
    const bool noDisplay = !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM");
    if (noDisplay)
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Kirchhoff");
    QApplication::setApplicationName("Kirchhoff");
    QApplication::setApplicationVersion(KIRCHHOFF_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription("Design-space explorer for analog compute-in-memory accelerators");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo("demo", "Run the demo sweep and write its Pareto chart into DIR.", "DIR");
    parser.addOption(demo);
    QCommandLineOption screenshot("screenshot", "Open the window, wait for the first estimate, save a PNG of it to FILE and quit.", "FILE");
    parser.addOption(screenshot);
    QCommandLineOption vmmShot("vmm-screenshot", "Open the VMM bench, run the first device preset, save a PNG to FILE and quit.", "FILE");
    parser.addOption(vmmShot);
    QCommandLineOption viewShots("screenshots", "Open the window, save a PNG of each result view into DIR and quit.", "DIR");
    parser.addOption(viewShots);
    QCommandLineOption results("results", "With --screenshots: a sweep results file to show in the Sweep view.", "FILE");
    parser.addOption(results);
    parser.process(app);

    const QString presetDir = QString::fromStdString(kh::presetDirectory(QCoreApplication::applicationDirPath().toStdString()));
    if (parser.isSet(demo) || noDisplay) {
        const QString outDir = parser.isSet(demo) ? parser.value(demo) : QStringLiteral(".");
        if (noDisplay && !parser.isSet(demo))
            std::fprintf(stdout, "No display found: running the demo sweep instead of the window.\n");
        return kh::app::runDemoSweep(presetDir, outDir);
    }
    if (parser.isSet(vmmShot)) {
        kh::ui::VmmBenchView view(presetDir);
        view.show();
        const QString file = parser.value(vmmShot);
        QObject::connect(&view, &kh::ui::VmmBenchView::runFinished, &view, [&view, file] {
            QTimer::singleShot(300, &view, [&view, file] {
                const bool ok = view.grab().save(file);
                std::fprintf(ok ? stdout : stderr, ok ? "wrote %s\n" : "error: cannot write %s\n", qPrintable(file));
                QCoreApplication::exit(ok ? 0 : 1);
            });
        });
        QTimer::singleShot(0, &view, [&view] { view.runSelected(); });
        return app.exec();
    }
    kh::ui::MainWindow window(presetDir);
    window.show();
    if (parser.isSet(viewShots))
        kh::app::scheduleViewScreenshots(window, parser.value(viewShots), parser.value(results));
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QObject::connect(&window, &kh::ui::MainWindow::estimateShown, &window, [&window, file] {
            QTimer::singleShot(300, &window, [&window, file] {
                const bool ok = window.grab().save(file);
                std::fprintf(ok ? stdout : stderr, ok ? "wrote %s\n" : "error: cannot write %s\n", qPrintable(file));
                QCoreApplication::exit(ok ? 0 : 1);
            });
        });
    }
    return app.exec();
}
