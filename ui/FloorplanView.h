#pragma once
// The chip as the estimator floorplanned it, drawn to scale in µm: tiles in a near-square grid,
// the PEs inside each tile, the subarrays inside each PE, coloured by the layer they hold (grey =
// allocated but empty). Each block's tooltip gives its layer, duplication and utilisation. Wheel
// zooms around the cursor, dragging pans. Large chips are drawn down to tiles only.
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

protected:
    void wheelEvent(QWheelEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    void build();
    PpaReport report_;
    bool dirty_ = false;
    int tiles_ = 0, subarrays_ = 0;
};

} // namespace kh::ui
