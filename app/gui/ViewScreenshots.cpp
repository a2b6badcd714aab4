#include "ViewScreenshots.h"

#include "CompareView.h"
#include "DesignDocument.h"
#include "MainWindow.h"
#include "ParetoScatterView.h"
#include "SweepView.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QUndoStack>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
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
        {1, 0, "main-window"}, {2, 1, "sweep-view"}, {0, 2, "floorplan-view"}, {3, 3, "learn-view"}, {1, 4, "compare-view"}});
    ui::MainWindow* w = &window;
    // The first estimate is pinned as A; a point with two ADC bits fewer, once estimated, as B;
    // the edit is undone and, once the reference point is estimated again, the views are grabbed.
    auto estimates = std::make_shared<int>(0);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(w, &ui::MainWindow::estimateShown, w, [w, dir, results, shots, connection, estimates] {
        if (++*estimates == 1) {
            w->pinCurrentPoint();
            DesignPoint next = w->design();
            next.precision.adc_bits = std::max(1, next.precision.adc_bits - 2);
            w->document()->edit(next, QObject::tr("Screenshot: fewer ADC bits"));
            return;
        }
        if (*estimates == 2) {
            w->pinCurrentPoint();
            w->compareView()->onlyDifferences()->setChecked(true);
            w->document()->undoStack()->undo();
            return;
        }
        QObject::disconnect(*connection);
        if (!results.isEmpty()) {
            w->sweepView()->openResults(results);
            w->sweepView()->scatter()->redrawNow();
        }
        takeNext(w, dir, shots, true);
    });
}

} // namespace kh::app
