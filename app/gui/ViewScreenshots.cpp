#include "ViewScreenshots.h"

#include "MainWindow.h"
#include "ParetoScatterView.h"
#include "SweepView.h"

#include <QCoreApplication>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace kh::app {

namespace {
struct Shot {
    int designTab;
    int viewTab;
    QString name;
};

void takeNext(ui::MainWindow* w, const QString& dir, std::shared_ptr<std::vector<Shot>> shots, bool ok)
{
    if (shots->empty()) {
        QCoreApplication::exit(ok ? 0 : 1);
        return;
    }
    const Shot s = shots->front();
    shots->erase(shots->begin());
    w->designTabs()->setCurrentIndex(s.designTab);
    w->viewTabs()->setCurrentIndex(s.viewTab);
    // Let layouts settle and charts paint before grabbing.
    QTimer::singleShot(600, w, [w, dir, shots, s, ok] {
        const QString file = QDir(dir).filePath(s.name + ".png");
        const bool saved = w->grab().save(file);
        std::fprintf(saved ? stdout : stderr, saved ? "wrote %s\n" : "error: cannot write %s\n", qPrintable(file));
        takeNext(w, dir, shots, ok && saved);
    });
}
} // namespace

void scheduleViewScreenshots(ui::MainWindow& window, const QString& dir, const QString& results)
{
    QDir().mkpath(dir);
    auto shots = std::make_shared<std::vector<Shot>>(std::vector<Shot>{
        {1, 0, "main-window"}, {2, 1, "sweep-view"}, {0, 2, "floorplan-view"}, {3, 3, "learn-view"}});
    ui::MainWindow* w = &window;
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(w, &ui::MainWindow::estimateShown, w, [w, dir, results, shots, connection] {
        QObject::disconnect(*connection);
        if (!results.isEmpty()) {
            w->sweepView()->openResults(results);
            w->sweepView()->scatter()->redrawNow();
        }
        takeNext(w, dir, shots, true);
    });
}

} // namespace kh::app
