#include "ChartExport.h"

#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace kh::ui {

namespace {
// Applies publication styling for the duration of an export and restores the chart afterwards.
class PublicationStyle {
public:
    PublicationStyle(QChart* c, int fontPt) : chart_(c), theme_(c->theme()), animations_(c->animationOptions())
    {
        chart_->setAnimationOptions(QChart::NoAnimation);
        chart_->setTheme(QChart::ChartThemeLight);
        chart_->setBackgroundRoundness(0);
        chart_->setBackgroundBrush(Qt::white);
        QFont f("DejaVu Sans", fontPt);
        chart_->setTitleFont(QFont(f.family(), fontPt + 1, QFont::Bold));
        chart_->legend()->setFont(f);
        for (auto* axis : chart_->axes()) {
            axis->setLabelsFont(f);
            axis->setTitleFont(f);
        }
    }
    ~PublicationStyle()
    {
        chart_->setTheme(theme_);
        chart_->setAnimationOptions(animations_);
    }

private:
    QChart* chart_;
    QChart::ChartTheme theme_;
    QChart::AnimationOptions animations_;
};
} // namespace

QString exportChart(QChart* chart, const QString& path, const ExportOptions& o)
{
    if (!chart)
        return QStringLiteral("no chart");
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != "svg" && suffix != "pdf" && suffix != "png")
        return QStringLiteral("unsupported format \"%1\" (use .svg, .pdf or .png)").arg(suffix);

    // Render through a private scene so the chart keeps its on-screen size and parent.
    QGraphicsScene* oldScene = chart->scene();
    const QRectF oldGeometry = chart->geometry();
    QGraphicsScene scene;
    if (oldScene)
        oldScene->removeItem(chart);
    scene.addItem(chart);
    PublicationStyle style(chart, o.fontPt);
    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(o.sizePx)));
    const QRectF target(QPointF(0, 0), QSizeF(o.sizePx));

    QString error;
    if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(o.sizePx);
        svg.setViewBox(target);
        svg.setTitle(chart->title());
        QPainter p;
        if (!p.begin(&svg))
            error = QStringLiteral("cannot write %1").arg(path);
        else
            scene.render(&p, target, target);
    } else if (suffix == "pdf") {
        QPdfWriter pdf(path);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(o.sizePx) * 72.0 / 96.0, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf))
            error = QStringLiteral("cannot write %1").arg(path);
        else
            scene.render(&p, QRectF(0, 0, pdf.width(), pdf.height()), target);
    } else {
        const double scale = o.dpi / 96.0;
        QImage img((QSizeF(o.sizePx) * scale).toSize(), QImage::Format_ARGB32);
        img.fill(Qt::white);
        img.setDotsPerMeterX(int(o.dpi / 0.0254));
        img.setDotsPerMeterY(int(o.dpi / 0.0254));
        {
            QPainter p(&img);
            p.setRenderHint(QPainter::Antialiasing);
            scene.render(&p, QRectF(QPointF(0, 0), QSizeF(img.size())), target);
        }
        if (!img.save(path, "PNG"))
            error = QStringLiteral("cannot write %1").arg(path);
    }
    scene.removeItem(chart);
    if (oldScene)
        oldScene->addItem(chart);
    chart->setGeometry(oldGeometry);
    return error;
}

} // namespace kh::ui
