#include "io/NetworkCsv.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/CsvLine.h"

#include <filesystem>
#include <sstream>

namespace kh {

namespace {
// Largest accepted dimension: far beyond any real layer, small enough that products stay exact.
constexpr long long kMaxDim = 1 << 20;
constexpr long long kMaxWeightsPerLayer = 1LL << 36;
// Rows of one unrolled kernel (K_H · K_W · IFM_C): the mapping counts them in 32-bit integers;
// 2^28 is far beyond any real layer (VGG16's largest is 4608).
constexpr long long kMaxUnrolledRows = 1LL << 28;
const char* const kColumnNames[] = {"IFM_H", "IFM_W", "IFM_C", "K_H", "K_W", "C_out", "followed_by_pooling", "stride"};
} // namespace

LayerTable parseNetworkCsv(const std::string& text, const std::string& sourceName)
{
    LayerTable table;
    table.name = std::filesystem::path(sourceName).stem().string();
    size_t columns = 0;
    for (const csv::Line& line : csv::splitLines(text)) {
        const size_t n = line.fields.size();
        if (n != 7 && n != 8)
            throw InputError::atLine(sourceName, line.number,
                                     "expected 8 columns (IFM_H,IFM_W,IFM_C,K_H,K_W,C_out,pooling,stride) or the "
                                     "7-column form without stride, got " + std::to_string(n));
        if (columns == 0)
            columns = n;
        else if (n != columns)
            throw InputError::atLine(sourceName, line.number,
                                     "has " + std::to_string(n) + " columns but earlier rows have " + std::to_string(columns));
        long long v[8] = {0, 0, 0, 0, 0, 0, 0, 1};
        for (size_t c = 0; c < n; ++c) {
            if (!csv::parseLong(line.fields[c], v[c]))
                throw InputError::atLine(sourceName, line.number,
                                         std::string(kColumnNames[c]) + " is not an integer: \"" + line.fields[c] + "\"");
            const bool isPooling = c == 6;
            if (isPooling && v[c] != 0 && v[c] != 1)
                throw InputError::atLine(sourceName, line.number, "followed_by_pooling must be 0 or 1");
            if (!isPooling && (v[c] < 1 || v[c] > kMaxDim))
                throw InputError::atLine(sourceName, line.number,
                                         std::string(kColumnNames[c]) + " must be in [1, " + std::to_string(kMaxDim)
                                             + "], got " + std::to_string(v[c]));
        }
        LayerShape layer{int(v[0]), int(v[1]), int(v[2]), int(v[3]), int(v[4]), int(v[5]), v[6] == 1, int(v[7])};
        // Rows first: with at most 2^28 rows and 2^20 outputs the weight count cannot overflow.
        if (v[2] * v[3] * v[4] > kMaxUnrolledRows)
            throw InputError::atLine(sourceName, line.number, "K_H x K_W x IFM_C (the unrolled kernel) has more than 2^28 rows");
        if (layer.weightCount() > kMaxWeightsPerLayer)
            throw InputError::atLine(sourceName, line.number, "layer has more than 2^36 weights");
        table.layers.push_back(layer);
    }
    if (table.layers.empty())
        throw InputError::atLine(sourceName, 1, "no layers (empty NetWork.csv)");
    return table;
}

LayerTable readNetworkCsv(const std::string& path) { return parseNetworkCsv(readTextFile(path), path); }

std::string formatNetworkCsv(const LayerTable& table)
{
    std::ostringstream out;
    for (const LayerShape& l : table.layers)
        out << l.ifm_h << ',' << l.ifm_w << ',' << l.ifm_c << ',' << l.k_h << ',' << l.k_w << ',' << l.c_out << ','
            << (l.followed_by_pooling ? 1 : 0) << ',' << l.stride << '\n';
    return out.str();
}

void writeNetworkCsv(const std::string& path, const LayerTable& table) { writeTextFile(path, formatNetworkCsv(table)); }

} // namespace kh
