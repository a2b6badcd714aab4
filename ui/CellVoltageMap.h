#pragma once
// The Learn view's IR-drop map: one square per cell, shaded by the voltage across it as a share of
// its row's input (white: the full input, deep red: half of it or less), with the share printed in
// each square. The numbers come from the core (runTeachingCrossbar); this widget only paints them.
#include <QWidget>

#include <vector>

namespace kh::ui {

class CellVoltageMap : public QWidget {
    Q_OBJECT
public:
    explicit CellVoltageMap(QWidget* parent = nullptr);
    // shares: rows × cols values in [0, 1] (NaN where the row's input is 0 V).
    void setShares(int rows, int cols, std::vector<double> shares);
    double lowestShare() const;
    QSize sizeHint() const override { return QSize(240, 240); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int rows_ = 0, cols_ = 0;
    std::vector<double> shares_;
};

} // namespace kh::ui
