#pragma once
// docs/simulation.md, step 2: a signed integer weight matrix W (M outputs × N inputs) becomes cell levels
// in physical columns, plus, per output, the linear combination of column results that gives
// y_int. Columns are laid out output by output (cells per weight side by side); every column array
// of 'cols' data columns gets its own reference/dummy columns after all data columns.
//  offset:          u = w + 2^(b−1) sliced; per array a reference column storing 2^(b−1), sliced;
//                   y = Σ_i 2^(i·cb)·(Y[slice i] − Y[ref slice i]).
//  differential:    G+ holds max(w,0), G− holds max(−w,0), each sliced; y = Σ 2^(i·cb)(Y+ − Y−).
//  twos_complement: u = w mod 2^b sliced; with 1-bit cells the top slice weighs −2^(b−1); with wider
//                   cells an extra sign column (level = top bit of u) weighs −2^b.
//  neurosim_shift:  W' = W + s (s = −min W) sliced; per array a dummy column storing s, sliced;
//                   y = Σ 2^(i·cb)(Y[slice] − Y[dummy]) − dummy_row + corner (see CimLayer).
#include "spec/DesignPoint.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh::cim {

struct OutputTerm {
    int column = 0;
    double coef = 0;
};

struct EncodedWeights {
    int inputs = 0;                    // N
    int outputs = 0;                   // M
    int data_columns = 0;
    int columns = 0;                   // data + reference/dummy
    int column_arrays = 0;
    int cell_bits = 1;
    std::vector<std::uint8_t> level;   // inputs × columns, row-major
    std::vector<std::vector<OutputTerm>> terms;   // per output
    std::vector<int> column_array;     // per column: index of its column array
    std::int64_t weight_shift = 0;     // neurosim_shift: s = −min W (≥ 0)

    std::uint8_t at(int row, int col) const { return level[std::size_t(row) * std::size_t(columns) + std::size_t(col)]; }
};

// Throws InputError (naming 'what') when a weight does not fit weight_bits signed bits.
EncodedWeights encodeWeights(const std::vector<std::int64_t>& w, int outputs, int inputs, const DesignPoint& dp,
                             const std::string& what = "weights");


} // namespace kh::cim
