#include "cim/ConductanceLut.h"

#include "common/InputError.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <string>

namespace kh::cim {

ConductanceLut::ConductanceLut(const std::vector<float>& normalized, int rows, int columns, int arrayRows, int parallelRows,
                               int maxDigit)
    : rows_(rows), columns_(columns)
{
    int widest = 0;
    for (int a0 = 0; a0 < rows; a0 += arrayRows) {
        const int a1 = std::min(rows, a0 + arrayRows);
        for (int b0 = a0; b0 < a1; b0 += parallelRows) {
            RowBlock b{b0, std::min(a1, b0 + parallelRows), groups_, 0};
            b.groups = (b.end - b.first + kGroupRows - 1) / kGroupRows;
            for (int g = 0; g < b.groups; ++g) {
                groupFirstRow_.push_back(b0 + g * kGroupRows);
                groupRows_.push_back(std::min(kGroupRows, b.end - (b0 + g * kGroupRows)));
            }
            groups_ += b.groups;
            widest = std::max(widest, b.end - b.first);
            blocks_.push_back(b);
        }
    }
    rowGroup_.resize(std::size_t(rows));
    for (int g = 0; g < groups_; ++g)
        for (int r = groupFirstRow_[std::size_t(g)], e = r + groupRows(g); r < e; ++r)
            rowGroup_[std::size_t(r)] = g;

    // The largest k whose worst block sum, widest block × largest digit × largest |cell| (each
    // rounded up by at most one unit), stays below 2^31.
    float maxAbs = 0;
    for (float v : normalized)
        maxAbs = std::max(maxAbs, std::abs(v));
    const double limit = std::ldexp(1.0, 31) - 1;
    fractionBits_ = 30;
    while (fractionBits_ >= 0 && double(widest) * double(maxDigit) * (std::ldexp(double(maxAbs), fractionBits_) + 1.0) > limit)
        --fractionBits_;
    if (fractionBits_ < 0)
        throw InputError("device mode: a read of " + std::to_string(widest) + " rows with digits up to " + std::to_string(maxDigit)
                         + " and conductances up to " + std::to_string(maxAbs) + " state steps exceeds 2^31 steps");
    stepsPerUnit_ = std::ldexp(1.0, -fractionBits_);

    tiles_ = (columns + kTileColumns - 1) / kTileColumns;
    cells_.assign(std::size_t(tiles_) * std::size_t(groups_) * kGroupRows * kTileColumns, 0);
    for (int t = 0; t < tiles_; ++t) {
        const int c0 = t * kTileColumns, width = std::min(kTileColumns, columns - c0);
        for (int g = 0; g < groups_; ++g)
            for (int i = 0; i < groupRows(g); ++i) {
                const float* row = &normalized[std::size_t(groupFirstRow_[std::size_t(g)] + i) * std::size_t(columns) + std::size_t(c0)];
                std::int32_t* cell = &cells_[((std::size_t(t) * std::size_t(groups_) + std::size_t(g)) * kGroupRows + std::size_t(i)) * kTileColumns];
                for (int c = 0; c < width; ++c)
                    cell[c] = std::int32_t(std::llround(std::ldexp(double(row[c]), fractionBits_)));
            }
    }
}

void ConductanceLut::buildTables(int t, const RowBlock& block, std::int32_t* out) const
{
    for (int g = 0; g < block.groups; ++g) {
        const std::int32_t* cell = &cells_[(std::size_t(t) * std::size_t(groups_) + std::size_t(block.firstGroup + g)) * kGroupRows * kTileColumns];
        std::int32_t* entry = out + std::size_t(g) * kEntries * kTileColumns;
        for (int c = 0; c < kTileColumns; ++c)
            entry[c] = 0;
        // Entry e: its lowest row plus the entry without that row (missing rows of a short group are 0).
        for (int e = 1; e < kEntries; ++e) {
            const int low = e & -e;
            const std::int32_t* row = cell + std::size_t(std::countr_zero(unsigned(low))) * kTileColumns;
            const std::int32_t* rest = entry + std::size_t(e - low) * kTileColumns;
            std::int32_t* dst = entry + std::size_t(e) * kTileColumns;
            for (int c = 0; c < kTileColumns; ++c)
                dst[c] = row[c] + rest[c];
        }
    }
}

std::int32_t ConductanceLut::cell(int row, int column) const
{
    const std::size_t g = std::size_t(groupOfRow(row)), t = std::size_t(column / kTileColumns);
    return cells_[((t * std::size_t(groups_) + g) * kGroupRows + std::size_t(rowInGroup(row))) * kTileColumns + std::size_t(column % kTileColumns)];
}

void ConductanceLut::tableIndices(const std::int64_t* x, int inputBits, bool signPlane, std::uint8_t* idx, std::size_t planeStride) const
{
    // A table spreads the 8 bits of a byte over 8 bytes, so the 4 rows of a group give 8 planes'
    // indices at once.
    static const std::array<std::uint64_t, 256> spread = [] {
        std::array<std::uint64_t, 256> t{};
        for (unsigned u = 0; u < 256; ++u)
            for (unsigned q = 0; q < 8; ++q)
                t[u] |= std::uint64_t((u >> q) & 1U) << (8 * q);
        return t;
    }();
    const std::uint64_t mask = inputBits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << inputBits) - 1;
    for (int g = 0; g < groups_; ++g) {
        const std::int64_t* xg = x + groupFirstRow_[std::size_t(g)];
        const int size = groupRows_[std::size_t(g)];
        for (int p0 = 0; p0 < inputBits; p0 += 8) {
            std::uint64_t w = 0;
            for (int t = 0; t < size; ++t)
                w |= spread[((std::uint64_t(xg[t]) & mask) >> p0) & 255U] << t;
            for (int p = p0; p < std::min(inputBits, p0 + 8); ++p)
                idx[std::size_t(p) * planeStride + std::size_t(g)] = std::uint8_t(w >> (8 * (p - p0)));
        }
        if (signPlane) {
            unsigned nibble = 0;
            for (int t = 0; t < size; ++t)
                nibble |= unsigned(xg[t] < 0) << t;
            idx[std::size_t(inputBits) * planeStride + std::size_t(g)] = std::uint8_t(nibble);
        }
    }
}

} // namespace kh::cim
