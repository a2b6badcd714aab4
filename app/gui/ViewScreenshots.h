#pragma once
// Screenshot mode for the README: once the first estimate is shown, shows each result view next
// to a design page, saves the window as DIR/<view>.png, and quits.
#include <QString>

namespace kh::ui {
class MainWindow;
}

namespace kh::app {

// results: a sweep results file shown in the Sweep view (empty = none). Returns immediately; the
// application exits with 0 when every file was written.
void scheduleViewScreenshots(ui::MainWindow& window, const QString& dir, const QString& results);

} // namespace kh::app
