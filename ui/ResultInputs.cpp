#include "ResultInputs.h"

#include "common/Digest.h"
#include "spec/DesignPointJson.h"

#include <QFileInfo>

namespace kh::ui {

ResultInputs ppaInputs(const DesignPoint& dp, const QString& network)
{
    return {digestHex(ppaRelevantJson(dp).dump()), network, {}};
}

ResultInputs accuracyInputs(const DesignPoint& dp, const QString& model, const QString& dataset)
{
    return {digestHex(accuracyRelevantJson(dp).dump()), model, dataset};
}

QString sourceName(const QString& path) { return path.isEmpty() ? QString() : QFileInfo(path).baseName(); }

} // namespace kh::ui
