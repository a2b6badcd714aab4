#include "ppa/Floorplan.h"

#include "common/IntegerMath.h"
#include "ppa/SubarrayModel.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace kh {

namespace {


constexpr Sourced<int> kDefaultSpeedupCap{"kDefaultSpeedupCap", 8, "copies",
                                          "NeuroSim's default speed-up degree (maximum weight duplication per layer)"};
// Large enough to amortise a PE's buffers and adder tree, small enough to keep its H-tree short.
constexpr Sourced<int> kPeCells{"kPeCells", 512, "cells per side", "NeuroSim's desired PE size for VGG-class networks, ~512 x 512 cells"};
constexpr Sourced<int> kTilePeSide{"kTilePeSide", 2, "PEs per side",
                                   "NeuroSim's conventional mapping: a tile of 2 x 2 PEs sharing one buffer and adder tree"};
constexpr Sourced<int> kMappingWarningRatio{"kMappingWarningRatio", 4, "x tiles",
                                            "assumption: a mapping needing over 4x the tiles of the other one is worth a warning"};
constexpr Sourced<int> kMaxPeDim{"kMaxPeDim", 16, "subarrays per side", "assumption: bounds the PE for very small subarrays (8 rows)"};

int peDimFor(int rows)
{
    int pe = 1;
    while (pe * 2 * rows <= kPeCells && pe < kMaxPeDim)
        pe *= 2;
    return pe;
}

LayerMapping mapLayer(const LayerShape& l, const DesignPoint& dp, const Floorplan& fp, bool novelMapping)
{
    LayerMapping m;
    const int groups = std::max(1, l.groups);
    // The novel mapping spreads a kernel's positions over PE rows; a grouped conv keeps the
    // conventional one (its groups share arrays instead).
    const bool novel = novelMapping && (l.k_h * l.k_w > 1) && groups == 1;
    const int extraRow = dp.mapping.weight_encoding == WeightEncoding::NeuroSimShift ? 1 : 0;
    const int rows = dp.array.rows;
    // A grouped (depthwise) conv's groups are independent weight blocks: as many as fit by rows
    // and by columns are packed along one array's diagonal, each pack then mapped like a dense
    // layer, as CIM compilers place depthwise layers (one array per channel would leave a 3×3
    // depthwise layer's arrays 99 % empty).
    const int blockRows = (novel ? l.ifm_c : l.k_h * l.k_w * l.groupInputs()) + extraRow;
    const int blockCols = (l.c_out / groups) * columnsPerWeight(dp);
    const int perPack = groups == 1 ? 1 : std::clamp(std::min(rows / blockRows, dp.array.cols / std::max(1, blockCols)), 1, groups);
    const int packs = int(ceilDiv(groups, perPack));
    m.groups_per_array = perPack;
    m.row_groups = novel ? l.k_h * l.k_w : 1;
    m.group_rows = perPack * blockRows;
    const int chunksPerGroup = int(ceilDiv(m.group_rows, rows));
    m.subarray_rows = m.row_groups * chunksPerGroup;
    m.weight_cols = l.c_out * columnsPerWeight(dp);
    m.subarray_cols = packs * int(ceilDiv(perPack * blockCols, dp.array.cols));
    m.subarrays = 1LL * m.subarray_rows * m.subarray_cols;

    // Row chunks of one group: full ones and a last, possibly short one.
    const int lastRows = m.group_rows - (chunksPerGroup - 1) * rows;
    const int par = dp.array.parallel_rows;
    const long long blocksFull = ceilDiv(rows, par), blocksLast = ceilDiv(lastRows, par);
    m.row_blocks_max = int(chunksPerGroup > 1 ? blocksFull : blocksLast);
    m.row_chunk_blocks = m.row_groups * ((chunksPerGroup - 1) * blocksFull + blocksLast);
    m.rows_used = 1LL * m.row_groups * m.group_rows;
    m.pixels = 1LL * l.ofmH() * l.ofmW();
    m.cycles_per_pixel = 1LL * inputCycles(dp) * m.row_blocks_max * dp.array.cols_per_adc;

    m.pe_row_slots = novel ? m.row_groups * int(ceilDiv(chunksPerGroup, fp.pe_dim))
                           : int(ceilDiv(m.subarray_rows, fp.pe_dim));
    m.pe_col_slots = int(ceilDiv(m.subarray_cols, fp.pe_dim));
    m.tile_rows = int(ceilDiv(m.pe_row_slots, fp.tile_pe_rows));
    m.tile_cols = int(ceilDiv(m.pe_col_slots, fp.tile_pe_cols));
    m.tiles = 1LL * m.tile_rows * m.tile_cols;
    return m;
}

// Duplication (speed-up): a layer that leaves its tiles partly empty fills them with copies of
// its weights, up to the speed-up cap, so copies cost no extra tiles (NeuroSim's scheme). Each
// copy works on different output positions of the same image. Returns, per layer, the subarray
// rows and columns its copies occupy inside its tile.
std::vector<std::pair<long long, long long>> duplicateAndCount(const LayerTable& net, const DesignPoint& dp, Floorplan& fp)
{
    std::vector<std::pair<long long, long long>> occupied;
    const long long subarrayCells = 1LL * dp.array.rows * dp.array.cols;
    const long long tileSubarrays = 1LL * fp.tile_pe_rows * fp.tile_pe_cols * fp.pe_dim * fp.pe_dim;
    double usedCells = 0;
    fp.total_tiles = fp.used_subarrays = 0;
    for (size_t i = 0; i < fp.layers.size(); ++i) {
        LayerMapping& m = fp.layers[i];
        const LayerShape& l = net.layers[i];
        // Copies along the rows: chunks of one group inside a PE, groups inside the tile's PE rows.
        const int chunksPerGroup = int(ceilDiv(m.group_rows, dp.array.rows));
        const long long rowSlots = 1LL * m.tile_rows * fp.tile_pe_rows * fp.pe_dim;          // subarray rows available
        const long long colSlots = 1LL * m.tile_cols * fp.tile_pe_cols * fp.pe_dim;          // subarray cols available
        const bool novel = m.row_groups > 1;
        const long long rowCopies = novel ? std::max(1, fp.pe_dim / std::max(1, chunksPerGroup))
                                                * std::max(1, m.tile_rows * fp.tile_pe_rows / m.row_groups)
                                          : rowSlots / m.subarray_rows;
        const long long colCopies = colSlots / m.subarray_cols;
        const long long fit = std::max(1LL, rowCopies) * std::max(1LL, colCopies);
        const long long dup = std::min<long long>({fit, fp.speedup_cap, m.pixels});
        m.duplication = dp.chip.pipeline ? int(dup) : 1;
        // Copies stack along the rows first, then along the columns.
        const long long alongRows = std::min<long long>(std::max(1LL, rowCopies), m.duplication);
        occupied.emplace_back(m.subarray_rows * alongRows, m.subarray_cols * ceilDiv(m.duplication, alongRows));
        const double layerCells = double(l.weightCount()) * columnsPerWeight(dp) * m.duplication;
        m.utilization = layerCells / (double(m.tiles) * tileSubarrays * subarrayCells);
        usedCells += layerCells;
        fp.total_tiles += m.tiles;
        fp.used_subarrays += m.subarrays * m.duplication;
    }
    fp.total_subarrays = fp.total_tiles * tileSubarrays;
    fp.utilization = usedCells / (double(fp.total_subarrays) * subarrayCells);
    fp.chip_tiles_x = int(std::ceil(std::sqrt(double(fp.total_tiles))));
    fp.chip_tiles_y = int(ceilDiv(fp.total_tiles, fp.chip_tiles_x));
    return occupied;
}

} // namespace

Floorplan planFloor(const LayerTable& net, const DesignPoint& dp)
{
    Floorplan fp;
    fp.pe_dim = peDimFor(dp.array.rows);
    fp.tile_pe_rows = fp.tile_pe_cols = kTilePeSide;
    // Novel mapping: a tile has one PE per kernel position of the kernel size holding most of the
    // weights (3×3 for VGG/ResNet); layers with larger kernels span several tile rows.
    std::map<int, double> weightsByKernel;
    for (const LayerShape& l : net.layers)
        if (l.k_h * l.k_w > 1)
            weightsByKernel[l.k_h * l.k_w] += double(l.weightCount());
    if (dp.mapping.conv == ConvMapping::Novel && !weightsByKernel.empty()) {
        const auto dominant = std::max_element(weightsByKernel.begin(), weightsByKernel.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
        fp.tile_pe_rows = dominant->first;
        fp.tile_pe_cols = 1;
    }
    fp.speedup_cap = dp.chip.speedup > 0 ? dp.chip.speedup : kDefaultSpeedupCap;

    const bool novel = dp.mapping.conv == ConvMapping::Novel;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const LayerShape& l = net.layers[i];
        fp.layers.push_back(mapLayer(l, dp, fp, novel));
        // A kernel far from the one the tiles were shaped for (ViT's 16×16 patch embedding in a
        // 3×3 network) can need orders of magnitude more tiles under the novel mapping: say so.
        if (novel && l.k_h * l.k_w > 1) {
            const long long conventional = mapLayer(l, dp, fp, false).tiles, tiles = fp.layers.back().tiles;
            if (tiles > kMappingWarningRatio * conventional)
                fp.warnings.push_back("layer " + std::to_string(i + 1) + " (" + std::to_string(l.k_h) + "x" + std::to_string(l.k_w)
                                      + " kernel): the novel mapping needs " + std::to_string(tiles) + " tiles, the conventional one "
                                      + std::to_string(conventional) + "; consider mapping.conv = \"conventional\"");
        }
    }

    std::vector<std::pair<long long, long long>> occupied = duplicateAndCount(net, dp, fp);

    // A network whose every layer fits one tile (an MLP, a single-array test layer) does not pay for
    // empty slots: the tile design shrinks to the PE grid, and a single PE to the subarray grid, that
    // its fullest layer occupies. Larger networks keep one uniform tile (the chip replicates it).
    // The novel mapping's tile rows are kernel positions; it keeps its grid.
    const bool allInOneTile = std::all_of(fp.layers.begin(), fp.layers.end(), [](const LayerMapping& m) { return m.tiles == 1; });
    const bool anyNovel = std::any_of(fp.layers.begin(), fp.layers.end(), [](const LayerMapping& m) { return m.row_groups > 1; });
    if (!fp.layers.empty() && allInOneTile && !anyNovel) {
        long long rowsUsed = 1, colsUsed = 1;
        for (const auto& [r, c] : occupied) {
            rowsUsed = std::max(rowsUsed, r);
            colsUsed = std::max(colsUsed, c);
        }
        const int peRows = int(std::min<long long>(fp.tile_pe_rows, ceilDiv(rowsUsed, fp.pe_dim)));
        const int peCols = int(std::min<long long>(fp.tile_pe_cols, ceilDiv(colsUsed, fp.pe_dim)));
        const int peDim = peRows * peCols == 1 ? int(std::min<long long>(fp.pe_dim, std::max(rowsUsed, colsUsed))) : fp.pe_dim;
        if (peRows != fp.tile_pe_rows || peCols != fp.tile_pe_cols || peDim != fp.pe_dim) {
            fp.tile_pe_rows = peRows;
            fp.tile_pe_cols = peCols;
            fp.pe_dim = peDim;
            for (size_t i = 0; i < net.layers.size(); ++i)
                fp.layers[i] = mapLayer(net.layers[i], dp, fp, novel);
            duplicateAndCount(net, dp, fp);
        }
    }
    return fp;
}

ConstantGroup floorplanConstants()
{
    return {"core/ppa/Floorplan.cpp", {kDefaultSpeedupCap.record(), kPeCells.record(), kTilePeSide.record(), kMaxPeDim.record(), kMappingWarningRatio.record()}};
}

} // namespace kh
