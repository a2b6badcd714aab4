#include "ChartExport.h"

#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QLegend>
#include <QPainter>
#include <QPdfWriter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QWidget>

#include <functional>

namespace kh::ui {

namespace {
constexpr double kMmPerInch = 25.4;
constexpr double kPointsPerInch = 72;   // PostScript points: the unit of font sizes

// The export draws in points: one scene unit is 1/72 inch on paper, so a font of n scene pixels
// prints at n pt and the page size is exact.
QSizeF sizeInPoints(const ExportOptions& o) { return {o.widthMm / kMmPerInch * kPointsPerInch, o.heightMm / kMmPerInch * kPointsPerInch}; }

// Applies publication styling for the duration of an export and restores the chart afterwards.
class PublicationStyle {
public:
    PublicationStyle(QChart* c, int fontPt) : chart_(c), theme_(c->theme()), animations_(c->animationOptions())
    {
        chart_->setAnimationOptions(QChart::NoAnimation);
        chart_->setTheme(QChart::ChartThemeLight);
        chart_->setBackgroundRoundness(0);
        chart_->setBackgroundBrush(Qt::white);
        chart_->setMargins(QMargins(2, 2, 2, 2));
        QFont f("DejaVu Sans");
        f.setPixelSize(fontPt);
        QFont title = f;
        title.setPixelSize(fontPt + 1);
        title.setBold(true);
        chart_->setTitleFont(title);
        chart_->legend()->setFont(f);
        for (auto* axis : chart_->axes()) {
            axis->setLabelsFont(f);
            axis->setTitleFont(f);
        }
        // Screen markers are sized for 96 dpi pixels; on paper they follow the text size.
        for (auto* s : chart_->series())
            if (auto* scatter = qobject_cast<QScatterSeries*>(s)) {
                markers_.push_back({scatter, scatter->markerSize()});
                scatter->setMarkerSize(std::max(2.0, scatter->markerSize() * fontPt / 14.0));
            }
    }
    ~PublicationStyle()
    {
        for (const auto& [s, size] : markers_)
            s->setMarkerSize(size);
        chart_->setTheme(theme_);
        chart_->setAnimationOptions(animations_);
    }

private:
    QChart* chart_;
    QChart::ChartTheme theme_;
    QChart::AnimationOptions animations_;
    std::vector<std::pair<QScatterSeries*, qreal>> markers_;
};

// Opens the painter for the file's format, calls draw(painter, target) and closes it.
QString paintToFile(const QString& path, const ExportOptions& o, const QString& title, const std::function<void(QPainter&, const QRectF&)>& draw)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != "svg" && suffix != "pdf" && suffix != "png")
        return QStringLiteral("unsupported format \"%1\" (use .svg, .pdf or .png)").arg(suffix);
    if (!(o.widthMm > 0 && o.heightMm > 0 && o.dpi > 0 && o.fontPt > 0))
        return QStringLiteral("the size, resolution and font size must be positive");
    const QSizeF pt = sizeInPoints(o);
    const QRectF source(QPointF(0, 0), pt);
    if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setResolution(int(kPointsPerInch));
        svg.setSize(pt.toSize());
        svg.setViewBox(source);
        svg.setTitle(title);
        QPainter p;
        if (!p.begin(&svg))
            return QStringLiteral("cannot write %1").arg(path);
        draw(p, source);
        return {};
    }
    if (suffix == "pdf") {
        QPdfWriter pdf(path);
        pdf.setResolution(int(kPointsPerInch));
        pdf.setPageSize(QPageSize(QSizeF(o.widthMm, o.heightMm), QPageSize::Millimeter, {}, QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(title);
        QPainter p;
        if (!p.begin(&pdf))
            return QStringLiteral("cannot write %1").arg(path);
        draw(p, QRectF(0, 0, pdf.width(), pdf.height()));
        return {};
    }
    const QSize px(qRound(o.widthMm / kMmPerInch * o.dpi), qRound(o.heightMm / kMmPerInch * o.dpi));
    QImage img(px, QImage::Format_ARGB32);
    img.fill(Qt::white);
    img.setDotsPerMeterX(qRound(o.dpi / kMmPerInch * 1000));
    img.setDotsPerMeterY(qRound(o.dpi / kMmPerInch * 1000));
    {
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        draw(p, QRectF(QPointF(0, 0), QSizeF(px)));
    }
    if (!img.save(path, "PNG"))
        return QStringLiteral("cannot write %1").arg(path);
    return {};
}
} // namespace

const std::vector<JournalPreset>& journalPresets()
{
    // Nature: 89 mm single, 183 mm double column (final size); IEEE Transactions: 88.9 mm (3.5 in)
    // and 181 mm; text of 7-9 pt in both. A slide: 254 × 143 mm (10 × 5.63 in, 16:9) at 14 pt.
    static const std::vector<JournalPreset> presets{
        {QObject::tr("Single column (89 mm)"), {89, 62, 8, 600}},
        {QObject::tr("IEEE column (3.5 in)"), {88.9, 62, 8, 600}},
        {QObject::tr("1.5 columns (120 mm)"), {120, 80, 8, 600}},
        {QObject::tr("Double column (183 mm)"), {183, 100, 9, 600}},
        {QObject::tr("Slide 16:9 (254 mm)"), {254, 143, 14, 200}},
    };
    return presets;
}

QString exportChart(QChart* chart, const QString& path, const ExportOptions& o)
{
    if (!chart)
        return QStringLiteral("no chart");
    // Render through a private scene so the chart keeps its on-screen size and parent.
    QGraphicsScene* oldScene = chart->scene();
    const QRectF oldGeometry = chart->geometry();
    QGraphicsScene scene;
    if (oldScene)
        oldScene->removeItem(chart);
    scene.addItem(chart);
    QString error;
    {
        PublicationStyle style(chart, o.fontPt);
        const QRectF source(QPointF(0, 0), sizeInPoints(o));
        chart->setGeometry(source);
        error = paintToFile(path, o, chart->title(), [&](QPainter& p, const QRectF& target) { scene.render(&p, target, source); });
    }
    scene.removeItem(chart);
    if (oldScene)
        oldScene->addItem(chart);
    chart->setGeometry(oldGeometry);
    return error;
}

QString exportWidget(QWidget* widget, const QString& path, const ExportOptions& o)
{
    if (!widget)
        return QStringLiteral("nothing to export");
    // The widget paints at a size in points with its font at the export's size, then is restored.
    const QSize oldSize = widget->size();
    const QFont oldFont = widget->font();
    QFont f = oldFont;
    f.setPixelSize(o.fontPt);
    widget->setFont(f);
    widget->resize(sizeInPoints(o).toSize());
    const QString error = paintToFile(path, o, widget->windowTitle(), [&](QPainter& p, const QRectF& target) {
        p.save();
        p.scale(target.width() / widget->width(), target.height() / widget->height());
        widget->render(&p, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
        p.restore();
    });
    widget->setFont(oldFont);
    widget->resize(oldSize);
    return error;
}

} // namespace kh::ui
