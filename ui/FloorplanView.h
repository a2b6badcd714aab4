#pragma once
// The chip as the estimator floorplanned it, drawn to scale in µm: tiles in a near-square grid,
// the PEs inside each tile, the subarrays inside each PE, coloured by the layer they hold (grey =
// allocated but empty). Each block's tooltip gives its layer, duplication and utilisation. Wheel
// zooms around the cursor, dragging pans. Large chips are drawn down to tiles only. The title,
// the legend (in the colours of the drawing) and a scale bar are drawn over the view at screen
// size, so they stay readable and whole at any zoom.
#include "ppa/PpaReport.h"

#include <QGraphicsView>

namespace kh::ui {

class FloorplanView : public QGraphicsView {
    Q_OBJECT
public:
    explicit FloorplanView(QWidget* parent = nullptr);
    // Drawn now when visible, otherwise when next shown: a large chip is thousands of items, and
    // rebuilding them for every estimate of a hidden view would cost the UI thread for nothing.
    void setReport(const PpaReport& report);
    int tileItems() const { return tiles_; }
    int subarrayItems() const { return subarrays_; }
    static QColor layerColor(int layer);
    // What the overlay shows: the title, one line per layer, and the scale bar's label.
    QString titleText() const { return title_; }
    const QStringList& legendLines() const { return legend_; }
    QString scaleBarText() const;

protected:
    void wheelEvent(QWheelEvent* e) override;
    void showEvent(QShowEvent* e) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void build();
    PpaReport report_;
    bool dirty_ = false;
    int tiles_ = 0, subarrays_ = 0;
    QString title_;
    QStringList legend_;
    // The scale bar's length in µm for the current zoom (1, 2 or 5 × 10^k, 60–150 px long).
    double scaleBarUm() const;
};

} // namespace kh::ui
