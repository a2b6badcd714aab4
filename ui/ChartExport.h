#pragma once
// Writes a chart to SVG, PDF or PNG (chosen by the file suffix) at a given size and DPI with
// publication styling: white background, no UI theme colours, readable fonts. One routine for all
// formats so an exported figure looks the same whichever file type a paper needs.
#include <QSize>
#include <QString>

class QChart;

namespace kh::ui {

struct ExportOptions {
    QSize sizePx{1200, 800};   // logical size in pixels at 96 DPI
    int dpi = 300;             // PNG resolution (SVG/PDF are vector)
    int fontPt = 11;
};

// Returns an empty string on success, otherwise the reason it failed.
QString exportChart(QChart* chart, const QString& path, const ExportOptions& options = {});

} // namespace kh::ui
