#pragma once
// Device-mode conductances of one layer as fixed-point integers in lookup tables of 4-row groups
// (the "Four Russians" method): with 1-bit digits a block's column sum is one table entry per group
// of four rows, the entry indexed by the group's four input bits, instead of one addition per row.
//
// Fixed point is what makes that possible: a cell holds round((G − g_0)/step · 2^k), and k is the
// largest for which every block sum fits 31 bits, so integer sums are exact in any order, the
// tables' as well as the row-by-row reads' (float sums would differ with the order). Resolution:
// 2^−k state steps, e.g. 2^−23 with 128 rows of 1-bit cells, finer than a float sum of the same
// cells rounds at its top (2^−24 of the sum, i.e. 2^−17 steps for 128 rows).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kh::cim {

struct RowBlock {
    int first = 0, end = 0;   // rows [first, end) read together
    int firstGroup = 0;       // index of its first 4-row group
    int groups = 0;
};

class ConductanceLut {
public:
    static constexpr int kGroupRows = 4;
    static constexpr int kEntries = 1 << kGroupRows;
    static constexpr int kTileColumns = 16;   // columns per table tile: one AVX-512 register

    ConductanceLut() = default;
    // normalized: (G − g_0)/step, rows × columns, row-major. The rows are read in arrays of
    // arrayRows, each in blocks of parallelRows (docs/simulation.md, step 4); every block is cut into
    // groups of 4 rows from its first row. maxDigit: the largest input digit of a read.
    // Throws InputError when even whole state steps (k = 0) would overflow 31 bits.
    ConductanceLut(const std::vector<float>& normalized, int rows, int columns, int arrayRows, int parallelRows, int maxDigit);

    int fractionBits() const { return fractionBits_; }   // k
    double stepsPerUnit() const { return stepsPerUnit_; }   // 2^−k: one integer unit in state steps
    const std::vector<RowBlock>& blocks() const { return blocks_; }
    int groups() const { return groups_; }
    int tiles() const { return tiles_; }
    // The tables of one block's groups in tile t, written to out (block.groups · kEntries ·
    // kTileColumns integers, 64-byte aligned): group g's entry e is the sum of the cells of the
    // group's rows whose bit is set in e (columns past the last are 0). Only the cells are stored
    // (4 bytes each); a block's tables are built when it is read, for every vector and cycle of the
    // read, which costs 11 additions per group and column against one per vector and digit bit.
    void buildTables(int t, const RowBlock& block, std::int32_t* out) const;
    std::size_t storedBytes() const { return cells_.size() * sizeof(std::int32_t); }
    std::int32_t cell(int row, int column) const;
    // The table index of every group for each input bit plane of one vector x (one value per
    // row): idx[p · planeStride + g] holds bit p of row r0 + t of group g at bit t, for the planes
    // p < inputBits of x mod 2^inputBits, and with signPlane plane inputBits holds [x < 0].
    void tableIndices(const std::int64_t* x, int inputBits, bool signPlane, std::uint8_t* idx, std::size_t planeStride) const;
    int groupOfRow(int row) const { return rowGroup_[std::size_t(row)]; }
    int rowInGroup(int row) const { return row - groupFirstRow_[std::size_t(rowGroup_[std::size_t(row)])]; }
    int groupFirstRow(int g) const { return groupFirstRow_[std::size_t(g)]; }
    int groupRows(int g) const { return groupRows_[std::size_t(g)]; }

private:
    int rows_ = 0, columns_ = 0, groups_ = 0, tiles_ = 0, fractionBits_ = 0;
    double stepsPerUnit_ = 1;
    std::vector<RowBlock> blocks_;
    std::vector<int> rowGroup_, groupFirstRow_, groupRows_;
    std::vector<std::int32_t> cells_;   // [tile][group][row in group][column in tile], fixed point
};

} // namespace kh::cim
