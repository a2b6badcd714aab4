#pragma once
// Asks where and how to export a figure: file (the suffix picks SVG, PDF or PNG), a journal preset
// or a printed size in mm, the font size on paper and the PNG resolution, with a preview drawn by
// the export itself. An existing file is replaced only after asking. The last choices are
// remembered. The export is exportChart or exportWidget, the routines every figure goes through.
#include "ChartExport.h"

#include <QDialog>
#include <QTemporaryDir>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace kh::ui {

class QuantityField;

class ChartExportDialog : public QDialog {
    Q_OBJECT
public:
    using Exporter = std::function<QString(const QString& path, const ExportOptions& options)>;
    ChartExportDialog(const QString& suggestedName, Exporter exporter, QWidget* parent = nullptr);
    ExportOptions options() const;
    void setOptions(const ExportOptions& o);
    QString path() const;
    void setPath(const QString& path);
    QComboBox* presetBox() const { return preset_; }
    QLabel* preview() const { return preview_; }
    // Exports to path(); asks first when the file exists. Returns the error ("" on success);
    // 'declined' is set when the user kept the existing file.
    QString exportNow(bool* declined = nullptr);
    // Shows the dialog and exports; returns the error text ("" on success or when cancelled).
    static QString run(QWidget* parent, QChart* chart, const QString& suggestedName);
    static QString runForWidget(QWidget* parent, QWidget* widget, const QString& suggestedName);

    // Answers the overwrite question without showing it (tests).
    void setOverwriteAnswer(std::function<bool(const QString& path)> answer) { overwrite_ = std::move(answer); }

private:
    void schedulePreview();
    void drawPreview();
    void remember() const;
    static QString runWith(QWidget* parent, const QString& suggestedName, Exporter exporter);

    Exporter exporter_;
    std::function<bool(const QString&)> overwrite_;
    QLineEdit* path_;
    QComboBox* preset_;
    QuantityField* width_;
    QuantityField* height_;
    QSpinBox* dpi_;
    QSpinBox* font_;
    QLabel* preview_;
    QLabel* sizeNote_;
    QTimer* previewTimer_;
    QTemporaryDir previewDir_;
    bool applyingPreset_ = false;
};

} // namespace kh::ui
