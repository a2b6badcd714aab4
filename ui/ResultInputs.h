#pragma once
// What a shown result was computed from: the design-point fields its engine reads (as a digest),
// the network or model file, the dataset. A view keeps the inputs of each result it shows and
// compares them with the current ones, so a number whose inputs changed is marked stale instead
// of standing beside numbers of another design.
#include "spec/DesignPoint.h"

#include <QString>

#include <string>

namespace kh::ui {

struct ResultInputs {
    std::string design;   // digest of the fields the engine reads ("" : no result)
    QString source;       // the PPA network or the accuracy model
    QString dataset;      // accuracy only

    bool empty() const { return design.empty(); }
    bool operator==(const ResultInputs&) const = default;
};

ResultInputs ppaInputs(const DesignPoint& dp, const QString& network);
ResultInputs accuracyInputs(const DesignPoint& dp, const QString& model, const QString& dataset);

// The file's base name without its suffixes ("presets/models/mlp_fashion.onnx" → "mlp_fashion").
QString sourceName(const QString& path);

} // namespace kh::ui
