#include "FloorplanView.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPainter>
#include <QWheelEvent>

#include "common/QuantityText.h"

#include <algorithm>
#include <cmath>

namespace kh::ui {

namespace {
// Above this many subarrays the drawing stops at PEs, and above kMaxPeItems at tiles.
constexpr long long kMaxSubarrayItems = 60000;
constexpr long long kMaxPeItems = 20000;
} // namespace

FloorplanView::FloorplanView(QWidget* parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHint(QPainter::Antialiasing, false);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(Qt::white);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);   // the overlay stays put while the drawing scrolls
}

QColor FloorplanView::layerColor(int layer)
{
    // Tableau-10 hues (colour-blind friendly ordering), repeated for deep networks.
    static const QRgb palette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                   0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    return QColor::fromRgb(palette[layer % 10]);
}

void FloorplanView::wheelEvent(QWheelEvent* e)
{
    const double factor = std::pow(1.0015, e->angleDelta().y());
    scale(factor, factor);
}

void FloorplanView::setReport(const PpaReport& report)
{
    report_ = report;
    dirty_ = true;
    if (isVisible())
        build();
}

void FloorplanView::showEvent(QShowEvent* e)
{
    QGraphicsView::showEvent(e);
    if (dirty_)
        build();
}

void FloorplanView::build()
{
    dirty_ = false;
    const PpaReport& r = report_;
    QGraphicsScene* s = scene();
    s->clear();
    tiles_ = subarrays_ = 0;
    title_.clear();
    legend_.clear();
    const Floorplan& fp = r.floorplan;
    if (fp.total_tiles <= 0 || r.tile_width_um <= 0)
        return;
    const double tileW = r.tile_width_um;
    const int pesPerTile = fp.tile_pe_rows * fp.tile_pe_cols;
    const int subPerPe = fp.pe_dim * fp.pe_dim;
    const long long allSubarrays = fp.total_tiles * pesPerTile * subPerPe;
    const bool drawPes = fp.total_tiles * pesPerTile <= kMaxPeItems;
    const bool drawSubarrays = allSubarrays <= kMaxSubarrayItems;
    // PEs sit in a near-square grid inside the tile (the novel mapping's K² PEs as 3 × 3, not 9 × 1),
    // as the estimator's tile width assumes.
    const int peCols = int(std::ceil(std::sqrt(double(pesPerTile))));
    const int peRows = (pesPerTile + peCols - 1) / peCols;
    const double peW = std::min(r.pe_width_um, tileW / std::max(peCols, peRows));
    const double pitch = peW / fp.pe_dim;
    const double saW = std::min(pitch * 0.92, r.subarray_width_um), saH = std::min(pitch * 0.92, r.subarray_height_um);
    const QPen thin(QColor(90, 90, 90), 0);

    long long tile = 0;
    for (size_t li = 0; li < fp.layers.size(); ++li) {
        const LayerMapping& m = fp.layers[li];
        const LayerReport* lr = li < r.layers.size() ? &r.layers[li] : nullptr;
        const QColor c = layerColor(int(li));
        // Subarrays holding weights (duplicates included), spread over the layer's tiles.
        const long long used = m.subarrays * m.duplication;
        const long long perTile = m.tiles > 0 ? (used + m.tiles - 1) / m.tiles : 0;
        const QString tip = QObject::tr("Layer %1%2\n%3 tiles, duplication ×%4\nutilisation %5 %")
                                .arg(li + 1)
                                .arg(lr ? "  " + QString::fromStdString(lr->shape) : QString())
                                .arg(m.tiles)
                                .arg(m.duplication)
                                .arg(100.0 * m.utilization, 0, 'f', 1);
        for (long long t = 0; t < m.tiles; ++t, ++tile) {
            const double x = double(tile % fp.chip_tiles_x) * tileW, y = double(tile / fp.chip_tiles_x) * tileW;
            auto* tileItem = s->addRect(x, y, tileW * 0.98, tileW * 0.98, thin, drawPes ? QColor(245, 245, 245) : c);
            tileItem->setToolTip(QObject::tr("Tile %1 — ").arg(tile + 1) + tip);
            ++tiles_;
            if (!drawPes)
                continue;
            long long left = std::min<long long>(perTile, std::max(0LL, used - t * perTile));
            for (int p = 0; p < pesPerTile; ++p) {
                    const int pr = p / peCols, pc = p % peCols;
                    const double px = x + pc * peW, py = y + pr * peW;
                    auto* pe = s->addRect(px, py, peW * 0.97, peW * 0.97, thin, left > 0 ? (drawSubarrays ? c.lighter(165) : c) : QColor(228, 228, 228));
                    pe->setToolTip(QObject::tr("PE %1 of tile %2 — ").arg(p + 1).arg(tile + 1) + tip);
                    if (!drawSubarrays) {
                        left -= subPerPe;
                        continue;
                    }
                    for (int k = 0; k < subPerPe; ++k) {
                        const bool holds = left-- > 0;
                        auto* sa = s->addRect(px + (k % fp.pe_dim) * pitch, py + (k / fp.pe_dim) * pitch, saW, saH, Qt::NoPen,
                                              holds ? c : QColor(205, 205, 205));
                        sa->setToolTip(holds ? QObject::tr("Subarray (%1×%2 µm) — ").arg(r.subarray_width_um, 0, 'f', 1).arg(r.subarray_height_um, 0, 'f', 1) + tip
                                             : QObject::tr("Empty subarray in tile %1").arg(tile + 1));
                        ++subarrays_;
                    }
                }
        }
    }
    // Title and legend are drawn over the view (drawForeground), at screen size.
    auto tiles = [](long long n) { return n == 1 ? QObject::tr("1 tile") : QObject::tr("%1 tiles").arg(n); };
    title_ = QObject::tr("%1 (%2 × %3), tile %4 µm, chip %5 mm², utilisation %6 %")
                 .arg(tiles(fp.total_tiles)).arg(fp.chip_tiles_x).arg(fp.chip_tiles_y)
                 .arg(tileW, 0, 'f', 0).arg(r.area_mm2, 0, 'f', 2).arg(100 * fp.utilization, 0, 'f', 1);
    for (size_t li = 0; li < fp.layers.size(); ++li)
        legend_ << QObject::tr("Layer %1: %2, ×%3, %4 %").arg(li + 1).arg(tiles(fp.layers[li].tiles)).arg(fp.layers[li].duplication)
                       .arg(100.0 * fp.layers[li].utilization, 0, 'f', 0);
    const double row = tileW * 0.5;
    s->setSceneRect(s->itemsBoundingRect().adjusted(-row, -row, row, row));
    resetTransform();
    fitInView(s->sceneRect(), Qt::KeepAspectRatio);
}

double FloorplanView::scaleBarUm() const
{
    const double pxPerUm = std::fabs(transform().m11());
    if (!(pxPerUm > 0))
        return 0;
    for (double decade = 1e-3; decade < 1e9; decade *= 10)
        for (double m : {1.0, 2.0, 5.0})
            if (m * decade * pxPerUm >= 60)
                return m * decade;
    return 0;
}

QString FloorplanView::scaleBarText() const
{
    const double um = scaleBarUm();
    return um > 0 ? QString::fromStdString(formatQuantity(um * 1e-6, "m")) : QString();
}

void FloorplanView::drawForeground(QPainter* painter, const QRectF& rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (title_.isEmpty())
        return;
    painter->save();
    painter->resetTransform();   // viewport pixels: text at screen size whatever the zoom
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QFontMetrics fm(font());
    const int line = fm.lineSpacing(), pad = 6;
    const QRect view = viewport()->rect();
    auto panel = [&](const QRect& r) {
        painter->setPen(QColor(200, 200, 200));
        painter->setBrush(QColor(255, 255, 255, 225));
        painter->drawRect(r);
    };
    // Title across the top.
    const QString title = fm.elidedText(title_, Qt::ElideRight, view.width() - 4 * pad);
    panel(QRect(pad, pad, fm.horizontalAdvance(title) + 2 * pad, line + pad));
    painter->setPen(Qt::black);
    painter->drawText(2 * pad, pad + pad / 2 + fm.ascent(), title);
    // Legend at the top right, as many layers as fit, in the colours of the drawing.
    const int rows = std::max(1, std::min(int(legend_.size()), (view.height() - 4 * line) / line));
    int width = 0;
    for (int i = 0; i < rows; ++i)
        width = std::max(width, fm.horizontalAdvance(legend_[i]));
    const bool more = rows < legend_.size();
    if (more)
        width = std::max(width, fm.horizontalAdvance(tr("… %1 more layers").arg(legend_.size() - rows)));
    const QRect box(view.right() - width - line - 4 * pad, 2 * pad + line + pad, width + line + 3 * pad, (rows + (more ? 1 : 0)) * line + pad);
    panel(box);
    for (int i = 0; i < rows; ++i) {
        const int y = box.top() + pad / 2 + i * line;
        painter->setPen(Qt::NoPen);
        painter->setBrush(layerColor(i));
        painter->drawRect(box.left() + pad, y + (line - fm.ascent()) / 2, fm.ascent(), fm.ascent());
        painter->setPen(Qt::black);
        painter->drawText(box.left() + 2 * pad + line, y + fm.ascent(), legend_[i]);
    }
    if (more)
        painter->drawText(box.left() + 2 * pad + line, box.top() + pad / 2 + rows * line + fm.ascent(), tr("… %1 more layers").arg(legend_.size() - rows));
    // Scale bar at the bottom left.
    const double um = scaleBarUm();
    if (um > 0) {
        const int len = int(std::lround(um * std::fabs(transform().m11())));
        const QString label = scaleBarText();
        const int x = pad * 2, y = view.bottom() - 2 * pad;
        panel(QRect(pad, y - line - pad, std::max(len, fm.horizontalAdvance(label)) + 2 * pad, line + 2 * pad));
        painter->setPen(QPen(Qt::black, 2));
        painter->drawLine(x, y, x + len, y);
        painter->drawLine(x, y - 4, x, y + 1);
        painter->drawLine(x + len, y - 4, x + len, y + 1);
        painter->drawText(x, y - 4, label);
    }
    painter->restore();
}

} // namespace kh::ui
