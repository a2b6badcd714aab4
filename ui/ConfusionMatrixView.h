#pragma once
// The circuit-noise table as a confusion matrix: ideal ADC level (rows) against the level the
// circuit actually delivers (columns), shaded by probability. Computed in core
// (outputNoiseConfusion); this widget only paints it.
#include "cim/OutputNoiseConfusion.h"

#include <QWidget>

namespace kh::ui {

class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);
    void setConfusion(const OutputNoiseConfusion& c);
    const OutputNoiseConfusion& confusion() const { return c_; }
    QSize sizeHint() const override { return {320, 260}; }

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;   // tooltips: P(actual | ideal) of the cell under the mouse

private:
    QRectF plotRect() const;
    OutputNoiseConfusion c_;
};

} // namespace kh::ui
