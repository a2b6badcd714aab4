#pragma once
// The live chart of a fine-tuning run: validation and training accuracy (%, left axis) and the
// training loss (right axis) against the epochs trained so far. A progressive run's stages follow
// one another on the same axis; each stage starts with the accuracy of its newly programmed layer.
#include "train/FineTuner.h"

#include <QChartView>

#include <vector>

namespace kh::ui {

class FineTuneChart : public QChartView {
    Q_OBJECT
public:
    explicit FineTuneChart(QWidget* parent = nullptr);
    void clear();
    void addEpoch(const train::EpochRecord& r);
    int epochsShown() const { return int(records_.size()); }

private:
    void rebuild();
    std::vector<train::EpochRecord> records_;
};

} // namespace kh::ui
