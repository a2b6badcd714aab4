#pragma once
// Writes a chart to SVG, PDF or PNG (chosen by the file suffix) at its printed size, with text at
// its true point size on paper: a figure exported for an 89 mm journal column at 8 pt is 89 mm
// wide with 8 pt labels, whichever format. Publication styling (white background, light theme, no
// animations) applies for the export only. One routine for every chart in the application.
#include <QString>

#include <vector>

class QChart;
class QWidget;

namespace kh::ui {

struct ExportOptions {
    double widthMm = 89, heightMm = 62;   // printed size
    int fontPt = 8;                       // text on paper (titles one point larger)
    int dpi = 300;                        // PNG resolution (SVG and PDF are vector)
};

// Figure sizes of common venues: Nature's and IEEE's column widths, and a 16:9 slide.
struct JournalPreset {
    QString name;
    ExportOptions options;
};
const std::vector<JournalPreset>& journalPresets();

// Returns "" on success, otherwise the reason it failed.
QString exportChart(QChart* chart, const QString& path, const ExportOptions& options = {});
// The same for any widget that paints itself (the floorplan): drawn at the printed size.
QString exportWidget(QWidget* widget, const QString& path, const ExportOptions& options = {});

} // namespace kh::ui
