#include "ChartExportDialog.h"

#include "QuantityField.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>

namespace kh::ui {

namespace {
constexpr int kPreviewDpi = 96;   // the preview at screen scale: 89 mm shows about 89 mm wide
}

ChartExportDialog::ChartExportDialog(const QString& suggestedName, Exporter exporter, QWidget* parent)
    : QDialog(parent), exporter_(std::move(exporter))
{
    setWindowTitle(tr("Export figure"));
    QSettings settings;
    const QString dir = settings.value("export/dir").toString();
    const QString suffix = settings.value("export/suffix", "pdf").toString();
    path_ = new QLineEdit(dir.isEmpty() ? suggestedName + "." + suffix : dir + "/" + suggestedName + "." + suffix);
    auto* browse = new QPushButton(tr("Browse…"));
    preset_ = new QComboBox;
    for (const JournalPreset& p : journalPresets())
        preset_->addItem(p.name);
    preset_->addItem(tr("Custom"));
    width_ = new QuantityField;
    width_->setUnit("mm");
    width_->setRange(20, 1000);
    height_ = new QuantityField;
    height_->setUnit("mm");
    height_->setRange(20, 1000);
    dpi_ = new QSpinBox;
    dpi_->setRange(72, 2400);
    dpi_->setSuffix(" dpi");
    font_ = new QSpinBox;
    font_->setRange(4, 48);
    font_->setSuffix(" pt");
    preview_ = new QLabel;
    preview_->setObjectName("exportPreview");
    preview_->setMinimumSize(300, 200);
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setStyleSheet("background: #f0f0f0; border: 1px solid #c0c0c0;");
    sizeNote_ = new QLabel;
    sizeNote_->setWordWrap(true);
    previewTimer_ = new QTimer(this);
    previewTimer_->setSingleShot(true);
    previewTimer_->setInterval(150);

    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("File (.pdf, .svg, .png)"), pathRow);
    form->addRow(tr("Size"), preset_);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Height"), height_);
    form->addRow(tr("Text size on paper"), font_);
    form->addRow(tr("PNG resolution"), dpi_);
    form->addRow(sizeNote_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addLayout(form);
    top->addWidget(preview_, 1);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);

    const ExportOptions d = journalPresets().front().options;
    ExportOptions saved;
    saved.widthMm = settings.value("export/widthMm", d.widthMm).toDouble();
    saved.heightMm = settings.value("export/heightMm", d.heightMm).toDouble();
    saved.fontPt = settings.value("export/fontPt", d.fontPt).toInt();
    saved.dpi = settings.value("export/dpi", d.dpi).toInt();
    setOptions(saved);

    connect(preset_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i < int(journalPresets().size())) {
            applyingPreset_ = true;
            setOptions(journalPresets()[size_t(i)].options);
            applyingPreset_ = false;
        }
        schedulePreview();
    });
    auto custom = [this] {
        if (!applyingPreset_)
            setOptions(options());   // selects the matching preset, or Custom
        schedulePreview();
    };
    connect(width_, &QuantityField::valueChanged, this, custom);
    connect(height_, &QuantityField::valueChanged, this, custom);
    connect(font_, &QSpinBox::valueChanged, this, custom);
    connect(dpi_, &QSpinBox::valueChanged, this, custom);
    connect(path_, &QLineEdit::textChanged, this, &ChartExportDialog::schedulePreview);
    connect(previewTimer_, &QTimer::timeout, this, &ChartExportDialog::drawPreview);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        bool declined = false;
        const QString error = exportNow(&declined);
        if (declined)
            return;   // the dialog stays open for another name
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Export failed"), error);
            return;
        }
        accept();
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        // The question about replacing a file is asked once, by exportNow.
        const QString f = QFileDialog::getSaveFileName(this, tr("Export figure"), path_->text(), tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png)"),
                                                       nullptr, QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty())
            path_->setText(f);
    });
    schedulePreview();
}

ExportOptions ChartExportDialog::options() const
{
    ExportOptions o;
    o.widthMm = width_->value();
    o.heightMm = height_->value();
    o.dpi = dpi_->value();
    o.fontPt = font_->value();
    return o;
}

void ChartExportDialog::setOptions(const ExportOptions& o)
{
    const QSignalBlocker b1(width_), b2(height_), b3(dpi_), b4(font_), b5(preset_);
    width_->setValue(o.widthMm);
    height_->setValue(o.heightMm);
    dpi_->setValue(o.dpi);
    font_->setValue(o.fontPt);
    int match = int(journalPresets().size());   // Custom
    for (size_t i = 0; i < journalPresets().size(); ++i) {
        const ExportOptions& p = journalPresets()[i].options;
        if (p.widthMm == o.widthMm && p.heightMm == o.heightMm && p.fontPt == o.fontPt && p.dpi == o.dpi)
            match = int(i);
    }
    preset_->setCurrentIndex(match);
    sizeNote_->setText(tr("%1 × %2 mm (%3 × %4 in); PNG %5 × %6 px")
                           .arg(o.widthMm)
                           .arg(o.heightMm)
                           .arg(o.widthMm / 25.4, 0, 'f', 2)
                           .arg(o.heightMm / 25.4, 0, 'f', 2)
                           .arg(qRound(o.widthMm / 25.4 * o.dpi))
                           .arg(qRound(o.heightMm / 25.4 * o.dpi)));
}

QString ChartExportDialog::path() const { return path_->text().trimmed(); }
void ChartExportDialog::setPath(const QString& path) { path_->setText(path); }

void ChartExportDialog::schedulePreview() { previewTimer_->start(); }

void ChartExportDialog::drawPreview()
{
    if (!previewDir_.isValid())
        return;
    ExportOptions o = options();
    o.dpi = kPreviewDpi;
    const QString file = previewDir_.filePath("preview.png");
    const QString error = exporter_(file, o);
    if (!error.isEmpty()) {
        preview_->setText(error);
        return;
    }
    QPixmap pixmap(file);
    if (pixmap.width() > 640 || pixmap.height() > 480)
        pixmap = pixmap.scaled(640, 480, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    preview_->setPixmap(pixmap);
}

QString ChartExportDialog::exportNow(bool* declined)
{
    if (declined)
        *declined = false;
    const QString file = path();
    if (file.isEmpty())
        return tr("no file name");
    if (QFileInfo::exists(file)) {
        const bool replace = overwrite_ ? overwrite_(file)
                                        : QMessageBox::question(this, tr("Replace file?"), tr("%1 exists. Replace it?").arg(file),
                                                                QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
        if (!replace) {
            if (declined)
                *declined = true;
            return {};
        }
    }
    const QString error = exporter_(file, options());
    if (error.isEmpty())
        remember();
    return error;
}

void ChartExportDialog::remember() const
{
    QSettings settings;
    const QFileInfo info(path());
    const ExportOptions o = options();
    settings.setValue("export/dir", info.absolutePath());
    settings.setValue("export/suffix", info.suffix().toLower());
    settings.setValue("export/widthMm", o.widthMm);
    settings.setValue("export/heightMm", o.heightMm);
    settings.setValue("export/dpi", o.dpi);
    settings.setValue("export/fontPt", o.fontPt);
}

QString ChartExportDialog::runWith(QWidget* parent, const QString& suggestedName, Exporter exporter)
{
    ChartExportDialog dialog(suggestedName, std::move(exporter), parent);
    dialog.exec();
    return {};   // errors are shown by the dialog, which stays open until an export succeeds
}

QString ChartExportDialog::run(QWidget* parent, QChart* chart, const QString& suggestedName)
{
    if (!chart)
        return tr("no chart to export");
    return runWith(parent, suggestedName, [chart](const QString& path, const ExportOptions& o) { return exportChart(chart, path, o); });
}

QString ChartExportDialog::runForWidget(QWidget* parent, QWidget* widget, const QString& suggestedName)
{
    if (!widget)
        return tr("nothing to export");
    return runWith(parent, suggestedName, [widget](const QString& path, const ExportOptions& o) { return exportWidget(widget, path, o); });
}

} // namespace kh::ui
