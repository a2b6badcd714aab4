#include "ConfusionMatrixView.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace kh::ui {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent)
{
    setMinimumHeight(200);
    setToolTip(tr("Ideal ADC level (rows) against the level the circuit delivers (columns)"));
}

void ConfusionMatrixView::setConfusion(const OutputNoiseConfusion& c)
{
    c_ = c;
    update();
}

QRectF ConfusionMatrixView::plotRect() const { return QRectF(48, 10, width() - 58, height() - 48); }

void ConfusionMatrixView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setPen(Qt::black);
    if (c_.ideal.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No output_noise table"));
        return;
    }
    const QRectF r = plotRect();
    const int nRows = int(c_.ideal.size()), nCols = int(c_.max_output) + 1;
    const double cw = r.width() / nCols, ch = r.height() / nRows;
    for (int i = 0; i < nRows; ++i)
        for (int k = 0; k < nCols; ++k) {
            // Probability on a square-root scale: rare misreads still show.
            const double v = std::sqrt(std::clamp(c_.p[size_t(i)][size_t(k)], 0.0, 1.0));
            const QColor col = QColor::fromRgbF(1.0 - 0.85 * v, 1.0 - 0.6 * v, 1.0 - 0.15 * v);
            p.fillRect(QRectF(r.left() + k * cw, r.top() + i * ch, cw + 0.5, ch + 0.5), col);
        }
    p.setPen(QPen(Qt::gray, 0));
    p.drawRect(r);
    p.setPen(Qt::black);
    const int labelEvery = std::max(1, nRows / 8);
    for (int i = 0; i < nRows; i += labelEvery)
        p.drawText(QRectF(0, r.top() + i * ch, 44, ch), Qt::AlignRight | Qt::AlignVCenter, QString::number(c_.ideal[size_t(i)]));
    const int colEvery = std::max(1, nCols / 8);
    for (int k = 0; k < nCols; k += colEvery)
        p.drawText(QRectF(r.left() + k * cw - 20, r.bottom() + 2, cw + 40, 16), Qt::AlignHCenter | Qt::AlignTop, QString::number(k));
    p.drawText(QRectF(r.left(), r.bottom() + 18, r.width(), 18), Qt::AlignCenter,
               tr("actual output level — %1 % of reads exact").arg(100.0 * c_.correctFraction(), 0, 'f', 1));
}

bool ConfusionMatrixView::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip && !c_.ideal.empty()) {
        const auto* he = static_cast<QHelpEvent*>(e);
        const QRectF r = plotRect();
        if (r.contains(he->pos())) {
            const int nRows = int(c_.ideal.size()), nCols = int(c_.max_output) + 1;
            const int k = std::min(nCols - 1, int((he->pos().x() - r.left()) / r.width() * nCols));
            const int i = std::min(nRows - 1, int((he->pos().y() - r.top()) / r.height() * nRows));
            QToolTip::showText(he->globalPos(), tr("ideal %1 → actual %2: P = %3")
                                                    .arg(c_.ideal[size_t(i)]).arg(k).arg(c_.p[size_t(i)][size_t(k)], 0, 'g', 3), this);
            return true;
        }
    }
    return QWidget::event(e);
}

} // namespace kh::ui
