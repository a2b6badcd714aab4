#pragma once
// Asks where and how to export a chart: file (the suffix picks SVG, PDF or PNG), size in pixels,
// PNG resolution and font size; remembers the last choices. The export itself is exportChart, the
// one routine every chart in the application goes through.
#include "ChartExport.h"

#include <QDialog>

class QChart;
class QLineEdit;
class QSpinBox;

namespace kh::ui {

class ChartExportDialog : public QDialog {
    Q_OBJECT
public:
    ChartExportDialog(const QString& suggestedName, QWidget* parent = nullptr);
    ExportOptions options() const;
    QString path() const;
    // Shows the dialog and exports; returns the error text ("" on success or when cancelled).
    static QString run(QWidget* parent, QChart* chart, const QString& suggestedName);

private:
    QLineEdit* path_;
    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* dpi_;
    QSpinBox* font_;
};

} // namespace kh::ui
