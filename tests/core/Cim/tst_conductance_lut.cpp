// The device-mode cell store (ConductanceLut, docs/simulation.md "Device noise"): fixed-point
// cells with the largest fraction bits that fit, blocks and 4-row groups as the reads cut them,
// tables built per block that hold exact sums, table indices from the input bits, 4 bytes per cell.
#include "cim/ConductanceLut.h"
#include "common/InputError.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace kh;
using namespace kh::cim;

class TestConductanceLut : public QObject {
    Q_OBJECT
private slots:
    // Device-mode conductances in fixed point: the largest fraction bits k that keep every block sum
    // within 31 bits, every cell round(G_norm · 2^k), every table entry the exact sum of its rows'
    // cells, blocks and groups covering the rows as the reads cut them (partial groups included).
    void conductanceTablesHoldTheCellsInFixedPoint()
    {
        const int rows = 300, cols = 37;   // 3 arrays of 128 (the last 44), blocks of 100: groups of 4, 4·…+1
        std::mt19937 rng(5);
        std::normal_distribution<float> spread(0.0f, 0.05f);
        std::vector<float> g(size_t(rows) * cols);
        for (size_t i = 0; i < g.size(); ++i)
            g[i] = float(i % 3 == 0 ? 0 : 1) + spread(rng);   // 1-bit cells with 5 % variation, some below g_0
        for (int maxDigit : {1, 3}) {
            const ConductanceLut lut(g, rows, cols, 128, 100, maxDigit);
            const int k = lut.fractionBits();
            const double maxAbs = double(*std::max_element(g.begin(), g.end(), [](float a, float b) { return std::abs(a) < std::abs(b); }));
            auto worst = [&](int bits) { return 100.0 * maxDigit * (std::ldexp(std::abs(maxAbs), bits) + 1.0); };
            QVERIFY(worst(k) < std::ldexp(1.0, 31));
            QVERIFY(worst(k + 1) >= std::ldexp(1.0, 31) - 1);   // the largest such k
            QCOMPARE(lut.stepsPerUnit(), std::ldexp(1.0, -k));
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c) {
                    const float v = g[size_t(r) * cols + size_t(c)];
                    QCOMPARE(lut.cell(r, c), std::int32_t(std::llround(std::ldexp(double(v), k))));
                    QVERIFY(std::abs(lut.cell(r, c) * lut.stepsPerUnit() - double(v)) <= std::ldexp(1.0, -k - 1));
                }
            // Blocks: [0,100) [100,128) [128,228) [228,256) [256,300), each cut into groups from its first row.
            const std::vector<std::pair<int, int>> expected{{0, 100}, {100, 128}, {128, 228}, {228, 256}, {256, 300}};
            QCOMPARE(int(lut.blocks().size()), 5);
            int group = 0;
            for (size_t b = 0; b < expected.size(); ++b) {
                const RowBlock& block = lut.blocks()[b];
                QCOMPARE(std::make_pair(block.first, block.end), expected[b]);
                QCOMPARE(block.firstGroup, group);
                QCOMPARE(block.groups, (block.end - block.first + 3) / 4);
                group += block.groups;
            }
            QCOMPARE(lut.groups(), group);
            // The tables each block's read builds: every entry the exact sum of its rows.
            const size_t entries = size_t(ConductanceLut::kEntries) * ConductanceLut::kTileColumns;
            for (int t = 0; t < lut.tiles(); ++t)
                for (const RowBlock& block : lut.blocks()) {
                    std::vector<std::int32_t> tables(size_t(block.groups) * entries, -1);
                    lut.buildTables(t, block, tables.data());
                    for (int bg = 0; bg < block.groups; ++bg)
                        for (int e = 0; e < ConductanceLut::kEntries; ++e)
                            for (int c = 0; c < ConductanceLut::kTileColumns; ++c) {
                                const int column = t * ConductanceLut::kTileColumns + c, gi = block.firstGroup + bg;
                                std::int64_t sum = 0;
                                for (int i = 0; i < lut.groupRows(gi); ++i)
                                    if (column < cols && ((e >> i) & 1))
                                        sum += lut.cell(lut.groupFirstRow(gi) + i, column);
                                const std::int32_t entry = tables[size_t(bg) * entries + size_t(e) * ConductanceLut::kTileColumns + size_t(c)];
                                QCOMPARE(std::int64_t(entry), sum);
                            }
                }
            // Only the cells are held: 4 bytes each (partial groups and tiles padded).
            QCOMPARE(lut.storedBytes(), size_t(lut.tiles()) * size_t(lut.groups()) * 4 * ConductanceLut::kTileColumns * sizeof(std::int32_t));
            QVERIFY(lut.storedBytes() <= size_t(4 * rows * cols) * 2);
        }
        // Table indices: bit t of group g's index in plane p is bit p of its row t's input (x mod
        // 2^b), the sign plane holds x < 0; 10-bit inputs cross a byte of the spreading table.
        {
            const ConductanceLut lut(g, rows, cols, 128, 100, 1);
            std::uniform_int_distribution<std::int64_t> xd(-512, 511);
            std::vector<std::int64_t> x(rows);
            for (auto& e : x)
                e = xd(rng);
            const size_t stride = size_t(lut.groups()) + 3;
            std::vector<std::uint8_t> idx(11 * stride, 0xFF);
            lut.tableIndices(x.data(), 10, true, idx.data(), stride);
            for (int gi = 0; gi < lut.groups(); ++gi)
                for (int p = 0; p <= 10; ++p) {
                    unsigned expected = 0;
                    for (int t = 0; t < lut.groupRows(gi); ++t) {
                        const std::int64_t v = x[size_t(lut.groupFirstRow(gi) + t)];
                        expected |= unsigned(p < 10 ? (std::uint64_t(v) & 1023U) >> p & 1U : unsigned(v < 0)) << t;
                    }
                    QCOMPARE(unsigned(idx[size_t(p) * stride + size_t(gi)]), expected);
                }
        }
        // 128 rows of 1-bit cells near one state step: 2^−23 steps, finer than a float sum rounds at 128.
        std::vector<float> ones(128 * 16, 1.25f);
        QCOMPARE(ConductanceLut(ones, 128, 16, 128, 128, 1).fractionBits(), 23);
        // Sums that cannot fit 31 bits even in whole steps are an input error, not a wrap-around.
        std::vector<float> huge(128 * 16, 1e8f);
        QVERIFY_THROWS_EXCEPTION(InputError, ConductanceLut(huge, 128, 16, 128, 128, 1));
    }

};

QTEST_APPLESS_MAIN(TestConductanceLut)
#include "tst_conductance_lut.moc"
