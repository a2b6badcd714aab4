#include "ppa/HierarchyModel.h"

#include "common/IntegerMath.h"
#include "ppa/DigitalLogic.h"
#include "ppa/MemoryModels.h"

#include <algorithm>
#include <cmath>

namespace kh {

namespace {


int pow2AtLeast(double v, int lo, int hi)
{
    int w = lo;
    while (w < v && w < hi)
        w *= 2;
    return w;
}

constexpr Sourced<int> kDoubleBuffer{"kDoubleBuffer", 2, "1",
                                     "assumption: inputs are double-buffered so the next vector loads while the current one is read"};
constexpr Sourced<double> kHtreeMeanPathFraction{
    "kHtreeMeanPathFraction", 0.5, "1", "derived: root-to-leaf path of the few H-tree levels in a PE or tile ~ half the block side"};
// Bus widths are powers of two between these bounds, wide enough for one read step of every child.
constexpr Sourced<int> kPeBusBitsMin{"kPeBusBitsMin", 8, "bit", "assumption: a PE bus carries at least one byte"};
constexpr Sourced<int> kPeBusBitsMax{"kPeBusBitsMax", 1024, "bit", "assumption: PE buses up to 1024 wires (the global bus width)"};
constexpr Sourced<int> kTileBusBitsMin{"kTileBusBitsMin", 16, "bit", "assumption: twice the PE bus minimum"};
constexpr Sourced<int> kTileBusBitsMax{"kTileBusBitsMax", 2048, "bit", "assumption: twice the PE bus maximum"};

// Builds one level: 'children' blocks of area childAreaUm2 arranged in a square, fed by an H-tree
// of busBits wires from the level's buffer, reducing 'treeInputs' partial sums in 'lanes' adder trees.
LevelCost buildLevel(const Technology& t, int children, double childAreaUm2, double bufferBits, BufferType bufferType, int busBits,
                     int treeInputs, int lanes, int inBits)
{
    LevelCost c;
    c.area_children_um2 = children * childAreaUm2;
    const ComponentCost buffer = bufferCost(t, bufferBits, bufferType, busBits);
    c.area_buffer_um2 = buffer.area_um2;
    c.buffer_bit_pj = buffer.energy_pj;
    const ComponentCost tree = logic::adderTree(t, treeInputs, inBits);
    c.area_adder_um2 = lanes * tree.area_um2;
    c.adder_bits = inBits + ceilLog2(treeInputs);
    c.add_pj = logic::adder(t, c.adder_bits).energy_pj;
    const double side = std::sqrt(c.area_children_um2 + c.area_buffer_um2 + c.area_adder_um2);
    // H-tree over 'children' leaves: total wire ≈ side · √children; root-to-leaf path ≈ side / 2
    // for the few levels inside a PE or tile.
    const double treeLength = side * std::max(1.0, std::sqrt(double(children)));
    const ComponentCost wire = busCost(t, busBits, treeLength);
    c.area_htree_um2 = wire.area_um2;
    c.width_um = std::sqrt(c.totalAreaUm2());
    c.htree_bit_pj = wire.energy_pj * kHtreeMeanPathFraction * c.width_um;
    c.bus_bits = busBits;
    c.buffer_access_ns = buffer.latency_ns;
    c.latency_ns = tree.latency_ns + busCost(t, busBits, c.width_um).latency_ns + buffer.latency_ns;
    c.leakage_uw = buffer.leakage_uw + lanes * tree.leakage_uw + wire.leakage_uw;
    return c;
}

} // namespace

HierarchyCost hierarchyCost(const DesignPoint& dp, const Technology& t, const Floorplan& fp, const SubarrayCost& sa)
{
    HierarchyCost h;
    h.subarray = sa;
    const int inBits = dp.precision.input_bits;
    const int pe = fp.pe_dim;
    // Bits a subarray needs per read step: one input cycle (rows · dac bits) is spread over
    // blocks · cols-per-ADC read steps.
    const double stepsPerInputCycle = double(std::max(1, dp.array.rows / dp.array.parallel_rows)) * dp.array.cols_per_adc;
    const double subarrayBitsPerStep = dp.array.rows * bitsPerConversion(dp) / stepsPerInputCycle;

    // PE: pe × pe subarrays; the adder trees reduce the pe subarrays of a column, one per ADC lane.
    const double peInputBits = double(pe) * dp.array.rows * inBits;
    const double peOutputBits = double(pe) * sa.adcs * (sa.shift_add_bits + ceilLog2(pe));
    const int peBus = pow2AtLeast(pe * subarrayBitsPerStep, kPeBusBitsMin, kPeBusBitsMax);
    h.pe = buildLevel(t, pe * pe, sa.totalAreaUm2(), kDoubleBuffer * (peInputBits + peOutputBits), dp.chip.buffer_type, peBus, pe,
                      pe * sa.adcs, sa.shift_add_bits);

    // Tile: tile_pe_rows × tile_pe_cols PEs; adder trees reduce the PE rows (kernel positions in the
    // novel mapping), one per lane of a PE column.
    const int tilePes = fp.tile_pe_rows * fp.tile_pe_cols;
    const double tileInputBits = double(fp.tile_pe_rows) * pe * dp.array.rows * inBits;
    const double tileOutputBits = double(fp.tile_pe_cols) * pe * sa.adcs * (h.pe.adder_bits + ceilLog2(fp.tile_pe_rows));
    const int tileBus = dp.chip.tile_bus_bits ? std::max(1, int(std::lround(*dp.chip.tile_bus_bits)))
                                              : pow2AtLeast(tilePes * pe * subarrayBitsPerStep, kTileBusBitsMin, kTileBusBitsMax);
    h.tile = buildLevel(t, tilePes, h.pe.totalAreaUm2(), kDoubleBuffer * (tileInputBits + tileOutputBits), dp.chip.buffer_type, tileBus,
                        fp.tile_pe_rows, fp.tile_pe_cols * pe * sa.adcs, h.pe.adder_bits);
    return h;
}

ConstantGroup hierarchyConstants()
{
    return {"core/ppa/HierarchyModel.cpp", {kDoubleBuffer.record(), kHtreeMeanPathFraction.record(), kPeBusBitsMin.record(), kPeBusBitsMax.record(), kTileBusBitsMin.record(), kTileBusBitsMax.record()}};
}

} // namespace kh
