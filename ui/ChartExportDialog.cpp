#include "ChartExportDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace kh::ui {

ChartExportDialog::ChartExportDialog(const QString& suggestedName, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export chart"));
    QSettings settings;
    const QString dir = settings.value("export/dir").toString();
    path_ = new QLineEdit(dir.isEmpty() ? suggestedName + ".svg" : dir + "/" + suggestedName + "." + settings.value("export/suffix", "svg").toString());
    auto* browse = new QPushButton(tr("Browse…"));
    auto spin = [](int lo, int hi, int value, const QString& suffix) {
        auto* s = new QSpinBox;
        s->setRange(lo, hi);
        s->setValue(value);
        s->setSuffix(suffix);
        return s;
    };
    const ExportOptions d;
    width_ = spin(200, 10000, settings.value("export/width", d.sizePx.width()).toInt(), " px");
    height_ = spin(150, 10000, settings.value("export/height", d.sizePx.height()).toInt(), " px");
    dpi_ = spin(72, 1200, settings.value("export/dpi", d.dpi).toInt(), " dpi");
    font_ = spin(6, 32, settings.value("export/font", d.fontPt).toInt(), " pt");
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout(this);
    form->addRow(tr("File (.svg, .pdf, .png)"), pathRow);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Height"), height_);
    form->addRow(tr("PNG resolution"), dpi_);
    form->addRow(tr("Font size"), font_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export chart"), path_->text(), tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
        if (!f.isEmpty())
            path_->setText(f);
    });
}

ExportOptions ChartExportDialog::options() const
{
    ExportOptions o;
    o.sizePx = QSize(width_->value(), height_->value());
    o.dpi = dpi_->value();
    o.fontPt = font_->value();
    return o;
}

QString ChartExportDialog::path() const { return path_->text().trimmed(); }

QString ChartExportDialog::run(QWidget* parent, QChart* chart, const QString& suggestedName)
{
    ChartExportDialog dialog(suggestedName, parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const QString error = exportChart(chart, dialog.path(), dialog.options());
    if (error.isEmpty()) {
        QSettings settings;
        const QFileInfo info(dialog.path());
        settings.setValue("export/dir", info.absolutePath());
        settings.setValue("export/suffix", info.suffix().toLower());
        settings.setValue("export/width", dialog.width_->value());
        settings.setValue("export/height", dialog.height_->value());
        settings.setValue("export/dpi", dialog.dpi_->value());
        settings.setValue("export/font", dialog.font_->value());
    }
    return error;
}

} // namespace kh::ui
