#pragma once
// NeuroSim's NetWork.csv: no header, one layer per row,
// IFM_H, IFM_W, IFM_C, K_H, K_W, C_out, followed_by_pooling (0/1)[, stride].
// The older 7-column form (no stride) is accepted; rows of both forms may not be mixed.
#include "spec/LayerTable.h"

#include <string>

namespace kh {

// Parses CSV text; errors name sourceName:line.
LayerTable parseNetworkCsv(const std::string& text, const std::string& sourceName);
LayerTable readNetworkCsv(const std::string& path);
// Writes the 8-column form.
std::string formatNetworkCsv(const LayerTable& table);
void writeNetworkCsv(const std::string& path, const LayerTable& table);

} // namespace kh
