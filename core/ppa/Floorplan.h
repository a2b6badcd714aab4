#pragma once
// Maps every layer onto subarrays, PEs and tiles (docs/architecture.md), NeuroSim's hierarchy:
//  subarray = rows × cols cells; PE = pe × pe subarrays (≈ 512 × 512 cells);
//  tile, conventional mapping = 2 × 2 PEs; novel mapping = K² PEs, one per kernel position, whose
//  outputs are summed digitally. Layers never share a tile; when every layer fits one tile, the
//  tile shrinks to what the fullest layer occupies. Weights of fast layers are duplicated
//  (speed-up) so the pipeline stages take similar time.
#include "ppa/SourcedConstant.h"
#include "spec/LayerTable.h"
#include "spec/DesignPoint.h"

#include <string>
#include <vector>

namespace kh {

struct LayerMapping {
    // Weight matrix split
    int row_groups = 1;             // K² for novel mapping, 1 for conventional
    int group_rows = 0;             // C (novel) or K²·C (conventional), + dummy row for neurosim_shift
    int subarray_rows = 0;          // subarrays stacked along the rows (all groups)
    int weight_cols = 0;            // c_out · columns per weight
    int subarray_cols = 0;          // subarrays side by side along the columns
    long long subarrays = 0;        // one copy of the weights
    // Read schedule
    int row_blocks_max = 0;         // partial-parallel blocks in the fullest subarray
    long long row_chunk_blocks = 0; // Σ over row chunks of their blocks
    long long rows_used = 0;        // Σ over row chunks of their used rows
    long long pixels = 0;           // output positions per image
    long long cycles_per_pixel = 0; // read steps per output position: input cycles · blocks · cols/ADC
    // Placement
    int pe_row_slots = 0, pe_col_slots = 0;
    int tile_rows = 0, tile_cols = 0;
    long long tiles = 0;            // one copy
    int duplication = 1;
    double utilization = 0;         // used cells / cells of the allocated tiles
    int groups_per_array = 1;       // grouped convs: groups packed along one array's diagonal
};

struct Floorplan {
    int pe_dim = 1;                 // subarrays per PE side
    int tile_pe_rows = 1, tile_pe_cols = 1;   // PEs per tile
    std::vector<LayerMapping> layers;
    long long total_tiles = 0;
    long long total_subarrays = 0;  // allocated (tiles · PEs · subarrays)
    long long used_subarrays = 0;   // holding weights (duplicates included)
    int chip_tiles_x = 0, chip_tiles_y = 0;
    double utilization = 0;         // used cells / allocated cells
    std::vector<std::string> warnings;   // mapping choices that make a layer far larger than needed
    int speedup_cap = 1;
};

Floorplan planFloor(const LayerTable& net, const DesignPoint& dp);

ConstantGroup floorplanConstants();

} // namespace kh
