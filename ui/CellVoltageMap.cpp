#include "CellVoltageMap.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace kh::ui {

CellVoltageMap::CellVoltageMap(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(160, 160);
    setToolTip(tr("Voltage across each cell as a share of its row's input: what the wires leave of it"));
}

void CellVoltageMap::setShares(int rows, int cols, std::vector<double> shares)
{
    rows_ = rows;
    cols_ = cols;
    shares_ = std::move(shares);
    update();
}

double CellVoltageMap::lowestShare() const
{
    double lo = 1;
    for (double s : shares_)
        if (!std::isnan(s))
            lo = std::min(lo, s);
    return lo;
}

void CellVoltageMap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (rows_ <= 0 || cols_ <= 0 || shares_.size() != size_t(rows_) * size_t(cols_))
        return;
    const double side = std::min(double(width()) / cols_, double(height()) / rows_);
    QFont f = font();
    f.setPixelSize(std::max(7, int(side * 0.28)));
    p.setFont(f);
    for (int i = 0; i < rows_; ++i)
        for (int j = 0; j < cols_; ++j) {
            const double s = shares_[size_t(i) * size_t(cols_) + size_t(j)];
            const QRectF cell(j * side, i * side, side - 1, side - 1);
            if (std::isnan(s)) {   // a row at 0 V
                p.fillRect(cell, palette().mid());
                continue;
            }
            // White at the full input, deep red at half or less.
            const double loss = std::clamp((1.0 - s) * 2.0, 0.0, 1.0);
            const QColor c(255, int(255 - 200 * loss), int(255 - 220 * loss));
            p.fillRect(cell, c);
            p.setPen(loss > 0.6 ? Qt::white : Qt::black);
            p.drawText(cell, Qt::AlignCenter, QString::number(100 * s, 'f', s > 0.995 ? 0 : 1));
        }
}

} // namespace kh::ui
