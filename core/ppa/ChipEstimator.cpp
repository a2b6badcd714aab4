#include "ppa/ChipEstimator.h"

#include "common/IntegerMath.h"
#include "ppa/AdcModel.h"
#include "ppa/DigitalLogic.h"
#include "ppa/HierarchyModel.h"
#include "ppa/MacroEstimator.h"
#include "ppa/MemoryModels.h"
#include "ppa/TechnologyLibrary.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace kh {

namespace {


// Chip-level digital lanes (accumulation, ReLU, pooling) and global bus width.
constexpr Sourced<int> kGlobalBusBits{"kGlobalBusBits", 1024, "bit",
                                      "assumption: a 1024-bit data path keeps the tile array busy for VGG/ResNet-class layers"};
// A leaf of an H-tree is about L (the square's side) from the root.
constexpr Sourced<double> kHtreeWirePerLeafSide{
    "kHtreeWirePerLeafSide", 1.5, "1",
    "derived: level i of an H-tree holds 4^i H shapes of side L/2^i and 1.5 sides of wire each, so N = 4^m leaves need "
    "sum 1.5 L 2^i = 1.5 L (sqrt(N) - 1) ~ 1.5 L sqrt(N)"};
constexpr Sourced<double> kXyBusMeanPathFraction{
    "kXyBusMeanPathFraction", 0.5, "1", "derived: mean Manhattan distance from the centre of an X-Y bus ~ half the chip side"};
constexpr Sourced<int> kDigitalAccumulatorGuardBits{
    "kDigitalAccumulatorGuardBits", 10, "bit", "derived: headroom for 1024 products of 2b bits (log2 1024; attention's K up to 1024)"};
constexpr Sourced<double> kPoolComparisonsPerInput{
    "kPoolComparisonsPerInput", 0.75, "1", "derived: 2x2 max pooling takes 3 comparisons per 4 inputs (the VGG pooling of NetWork.csv)"};

std::string shapeText(const LayerShape& l)
{
    std::ostringstream s;
    s << l.ifm_h << 'x' << l.ifm_w << 'x' << l.ifm_c << " k" << l.k_h << 'x' << l.k_w << " -> " << l.c_out;
    if (l.groups > 1)
        s << " g" << l.groups;
    if (l.stride > 1)
        s << " /" << l.stride;
    if (l.followed_by_pooling)
        s << " +pool";
    return s.str();
}

std::string precisionText(const DesignPoint& dp)
{
    std::ostringstream s;
    s << dp.precision.weight_bits << "b weights, " << dp.precision.input_bits << "b inputs ("
      << inputEncodingText(dp)
      << "), " << dp.device.cell_bits << "b cells, " << dp.precision.adc_bits << "b "
      << adcTypeLabel(dp.precision.adc_type) << " ADC";
    return s.str();
}

} // namespace

PpaReport estimateChip(const LayerTable& net, const DesignPoint& dp)
{
    return estimateChip(net, dp, DefaultActivity(dp.activity));
}

PpaReport estimateChip(const LayerTable& net, const DesignPoint& dp, const ActivitySource& activity)
{
    const Technology t = technologyOf(dp);
    PpaReport r;
    r.network = net.name;
    r.precision = precisionText(dp);
    r.ops_convention = dp.chip.op_count == OpCount::NeuroSim
                           ? "2 OPs per MAC, counted as NeuroSim does: 2*H*W*C*K*K*Cout per layer over its input map (padding and stride "
                             "ignored; C per group), plus 2*batch*M*K*N per digital product of activations"
                           : "2 OPs per MAC executed: 2*Ho*Wo*C*K*K*Cout per layer over its output map (with stride and padding; C per "
                             "group), plus 2*batch*M*K*N per digital product of activations";
    r.activity = activity.description();
    r.pipelined = dp.chip.pipeline;
    r.floorplan = planFloor(net, dp);
    const Floorplan& fp = r.floorplan;
    const SubarrayCost sa = subarrayCost(dp, t);
    const HierarchyCost h = hierarchyCost(dp, t, fp, sa);

    // The chip is synchronous: one clock must fit the slower subarray phase and the register-to-
    // register hop through a PE's and a tile's H-tree and adder tree.
    r.clock_ns = std::max({sa.clockNs(), h.pe.latency_ns, h.tile.latency_ns});
    if (dp.chip.clock_ghz)
        r.clock_ns = std::max(r.clock_ns, 1.0 / *dp.chip.clock_ghz);
    const double readStepNs = sa.readStepClocks(r.clock_ns) * r.clock_ns;
    r.subarray_area_um2 = sa.totalAreaUm2();
    r.subarray_width_um = sa.width_um;
    r.subarray_height_um = sa.height_um;
    r.pe_width_um = h.pe.width_um;
    r.tile_area_mm2 = h.tile.totalAreaUm2() * 1e-6;
    r.tile_width_um = h.tile.width_um;

    // ---- Chip-level blocks -------------------------------------------------------------------
    const int inBits = dp.precision.input_bits;
    double maxActivationBits = 0;
    int maxTileRows = 1;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const LayerShape& l = net.layers[i];
        maxActivationBits = std::max(maxActivationBits, (double(l.ifm_h) * l.ifm_w * l.ifm_c
                                                         + double(fp.layers[i].pixels) * l.c_out) * inBits);
        maxTileRows = std::max(maxTileRows, fp.layers[i].tile_rows);
    }
    const ComponentCost globalBuffer = bufferCost(t, maxActivationBits, dp.chip.buffer_type, kGlobalBusBits);
    const int accBits = h.tile.adder_bits + ceilLog2(maxTileRows);
    const int lanes = kGlobalBusBits / inBits;
    const ComponentCost chipTree = logic::adderTree(t, std::max(2, maxTileRows), h.tile.adder_bits);
    const ComponentCost chipAdd = logic::adder(t, accBits);
    const ComponentCost relu = logic::block(t, inBits * logic::kMux2Transistors, logic::kActivity, 2, "ReLU: sign-controlled mux");
    const ComponentCost poolCmp = logic::adder(t, inBits);   // max-pool comparator = subtractor
    // Products of two activations (attention) run on digital MAC units, one per lane of the
    // chip's datapath beside its ReLU and pooling units; only a network that has such products
    // pays for them.
    ComponentCost mac = logic::multiplier(t, inBits);
    {
        const ComponentCost acc = logic::shiftAdd(t, 2 * inBits + kDigitalAccumulatorGuardBits, 2 * inBits);
        mac.area_um2 += acc.area_um2;
        mac.energy_pj += acc.energy_pj;
        mac.leakage_uw += acc.leakage_uw;
        mac.latency_ns = std::max(mac.latency_ns, acc.latency_ns);
    }
    const double macLanes = net.digital.empty() ? 0.0 : double(lanes);
    const double tilesArea = double(fp.total_tiles) * h.tile.totalAreaUm2();
    const double chipSideUm = std::sqrt(tilesArea + globalBuffer.area_um2);
    // Global interconnect: X–Y bus (a horizontal bus per tile row + one vertical spine) or an H-tree.
    const bool htree = dp.chip.interconnect == InterconnectType::HTree;
    const double globalWireUm = htree ? kHtreeWirePerLeafSide * chipSideUm * std::sqrt(double(fp.total_tiles))
                                      : chipSideUm * (fp.chip_tiles_y + 1);
    // Average path from the global buffer to a tile: root-to-leaf of an H-tree ≈ the chip side;
    // Manhattan distance from the centre of an X–Y bus ≈ half the side.
    const double globalPathUm = htree ? chipSideUm : kXyBusMeanPathFraction * chipSideUm;
    const ComponentCost globalBus = busCost(t, kGlobalBusBits, globalWireUm);
    const double globalBitPj = globalBus.energy_pj * globalPathUm;
    const double globalBusNsPerBit = r.clock_ns / kGlobalBusBits;

    // ---- Area ---------------------------------------------------------------------------------
    const double nSub = double(fp.total_subarrays), nPe = nSub / (fp.pe_dim * fp.pe_dim), nTile = double(fp.total_tiles);
    Breakdown& a = r.area_breakdown_mm2;
    a.arrays = nSub * sa.area_cells_um2;
    a.adc = nSub * sa.area_adc_um2;
    a.accumulation = nSub * sa.area_shift_add_um2 + nPe * h.pe.area_adder_um2 + nTile * h.tile.area_adder_um2
                     + lanes * chipTree.area_um2;
    a.interconnect = nPe * h.pe.area_htree_um2 + nTile * h.tile.area_htree_um2 + globalBus.area_um2;
    a.buffers = nPe * h.pe.area_buffer_um2 + nTile * h.tile.area_buffer_um2 + globalBuffer.area_um2;
    a.other = nSub * (sa.area_row_periphery_um2 + sa.area_col_periphery_um2 + sa.area_control_um2)
              + lanes * (relu.area_um2 + poolCmp.area_um2);
    a.accumulation += macLanes * mac.area_um2;
    for (double* v : {&a.arrays, &a.adc, &a.accumulation, &a.interconnect, &a.buffers, &a.other})
        *v *= 1e-6;
    r.area_mm2 = a.total();

    r.leakage_uw = nSub * sa.leakage_uw + nPe * h.pe.leakage_uw + nTile * h.tile.leakage_uw + globalBuffer.leakage_uw
                   + globalBus.leakage_uw + lanes * (chipTree.leakage_uw + relu.leakage_uw + poolCmp.leakage_uw)
                   + macLanes * mac.leakage_uw;

    // ---- Per layer: events of one image ------------------------------------------------------
    const double nIn = inputCycles(dp);
    const int refCols = sa.reference_cols;
    double sumLayerNs = 0, maxLayerNs = 0, busNs = 0;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const LayerShape& l = net.layers[i];
        const LayerMapping& m = fp.layers[i];
        const LayerActivity act = activity.layer(i);
        LayerReport lr;
        lr.index = int(i);
        lr.shape = shapeText(l);
        lr.ops = dp.chip.op_count == OpCount::NeuroSim ? l.neurosimOps() : l.executedOps();
        lr.duplication = m.duplication;
        lr.subarrays = m.subarrays * m.duplication;
        lr.tiles = m.tiles;
        lr.utilization = m.utilization;
        lr.area_mm2 = double(lr.tiles) * h.tile.totalAreaUm2() * 1e-6;

        const double px = double(m.pixels);
        const double colsRead = double(m.weight_cols) + double(m.subarray_cols) * refCols;
        const double conversions = px * nIn * double(m.row_chunk_blocks) * colsRead;
        const double cellReads = px * double(m.rows_used) * colsRead * sa.cellSlotsPerInput(act.input_bit_density);
        const double rowActivations = px * double(m.rows_used) * m.subarray_cols * sa.rowPulsesPerInput(act.input_bit_density);
        const double rowConversions = px * nIn * double(m.rows_used) * m.subarray_cols;

        // Partial sums per output: every row chunk × (slice columns + their reference columns).
        const double operands = double(m.subarray_rows) * (columnsPerWeight(dp) + refCols);
        const double outputs = px * l.c_out;
        const double ifmBits = double(l.ifm_h) * l.ifm_w * l.ifm_c * inBits;
        const bool novel = m.row_groups > 1;
        const double windowBits = px * double(m.rows_used) * inBits;   // inputs every PE row-chunk needs
        const double tileReadBits = (novel ? ifmBits : windowBits) * m.tile_cols;
        const double peBits = windowBits * m.pe_col_slots;
        const double psumBits = outputs * double(m.pe_row_slots) * h.pe.adder_bits;
        // A layer held by one row of tiles finishes its sums in the tile, which then sends quantized
        // activations; otherwise every tile row sends full-width partial sums to chip accumulation.
        const double tileOutBits = m.tile_rows == 1 ? double(inBits) : double(m.tile_rows) * h.tile.adder_bits;
        const double globalBits = ifmBits * m.tile_cols + outputs * tileOutBits;

        // Inside the macros: what estimateMacro charges per read. Outside: adders, wires, buffers.
        const Breakdown inMacro = macroReadEnergyPj(sa, act, conversions, cellReads, rowActivations, rowConversions);
        r.macro_energy_pj += inMacro.total();
        Breakdown& e = lr.energy_breakdown_pj;
        e.arrays = inMacro.arrays;
        e.adc = inMacro.adc;
        e.accumulation = inMacro.accumulation + outputs * std::max(0.0, operands - 1) * chipAdd.energy_pj;
        e.interconnect = peBits * h.pe.htree_bit_pj + (tileReadBits + psumBits) * h.tile.htree_bit_pj
                         + globalBits * globalBitPj;
        e.buffers = 2 * peBits * h.pe.buffer_bit_pj + (ifmBits * m.tile_cols + tileReadBits) * h.tile.buffer_bit_pj
                    + (ifmBits + outputs * inBits) * globalBuffer.energy_pj;
        e.other = inMacro.other + outputs * relu.energy_pj
                  + (l.followed_by_pooling ? kPoolComparisonsPerInput * outputs * poolCmp.energy_pj : 0.0);
        lr.energy_pj = e.total();
        r.energy_breakdown_pj += e;

        // Time each stage of the layer is busy for one image. A read step is a sense clock per input
        // slot (word line and bitline settling; one for bit-serial inputs) and the convert clock
        // (conversion, then shift-add).
        Breakdown& busy = lr.latency_breakdown_ns;
        const double readSteps = std::ceil(px / m.duplication) * double(m.cycles_per_pixel);
        const double convertShare = sa.t_adc_ns / std::max(1e-30, sa.t_adc_ns + sa.t_shift_add_ns);
        busy.arrays = readSteps * r.clock_ns * sa.senseClocks(r.clock_ns);
        busy.adc = readSteps * r.clock_ns * convertShare;
        busy.accumulation = readSteps * r.clock_ns * (1 - convertShare) + h.pe.latency_ns + h.tile.latency_ns;
        // Buffers: every input bit leaves a PE's or a tile's buffer through its bus, and partial sums
        // come back, one bus width per access. Copies of the weights sit in the layer's own tiles, so
        // duplication adds PEs (and PE buses) but no tile buffer: tile transfers do not shrink with it.
        const double pesOfLayer = double(lr.subarrays) / (fp.pe_dim * fp.pe_dim);
        const double peBufferNs = peBits / (std::max(1.0, pesOfLayer) * h.pe.bus_bits)
                                  * std::max(r.clock_ns, h.pe.buffer_access_ns);
        const double tileBufferNs = (tileReadBits + psumBits) / (double(std::max(1LL, m.tiles)) * h.tile.bus_bits)
                                    * std::max(r.clock_ns, h.tile.buffer_access_ns);
        busy.buffers = std::max(peBufferNs, tileBufferNs);
        busy.interconnect = globalBits * globalBusNsPerBit;
        const double computeNs = readSteps * readStepNs + h.pe.latency_ns + h.tile.latency_ns;
        const double layerBusNs = busy.interconnect;
        // Inputs and partial sums are double-buffered, so transfers overlap the reads: the layer
        // takes as long as its slowest stage.
        lr.latency_ns = std::max({computeNs, busy.buffers, layerBusNs});
        r.latency_breakdown_ns += busy;
        busNs += layerBusNs;
        sumLayerNs += lr.latency_ns;
        maxLayerNs = std::max(maxLayerNs, lr.latency_ns);
        lr.tops_per_w = lr.ops / lr.energy_pj;   // ops/pJ == TOPS/W
        r.ops_per_image += lr.ops;
        r.layers.push_back(lr);
    }
    // Digital products: every MAC on a lane, operands read from and results written to the global
    // buffer over the global bus.
    for (const DigitalMatmul& d : net.digital) {
        LayerReport lr;
        lr.index = int(r.layers.size());
        lr.shape = "digital " + d.name + " " + std::to_string(d.batch) + "x(" + std::to_string(d.m) + "x" + std::to_string(d.k) + " . "
                   + std::to_string(d.k) + "x" + std::to_string(d.n) + ")";
        lr.ops = 2.0 * d.macs();   // the report's convention: 2 OPs per MAC
        const double bits = d.operandElements() * inBits;
        Breakdown& e = lr.energy_breakdown_pj;
        e.accumulation = d.macs() * mac.energy_pj;
        e.buffers = bits * globalBuffer.energy_pj;
        e.interconnect = bits * globalBitPj;
        lr.energy_pj = e.total();
        r.energy_breakdown_pj += e;
        const double computeNs = std::ceil(d.macs() / macLanes) * std::max(r.clock_ns, mac.latency_ns);
        const double layerBusNs = bits * globalBusNsPerBit;
        lr.latency_breakdown_ns.accumulation = computeNs;
        lr.latency_breakdown_ns.interconnect = layerBusNs;
        r.latency_breakdown_ns += lr.latency_breakdown_ns;
        lr.latency_ns = std::max(computeNs, layerBusNs);
        busNs += layerBusNs;
        sumLayerNs += lr.latency_ns;
        maxLayerNs = std::max(maxLayerNs, lr.latency_ns);
        lr.tops_per_w = lr.ops / lr.energy_pj;
        r.ops_per_image += lr.ops;
        r.layers.push_back(lr);
    }
    r.energy_pj = r.energy_breakdown_pj.total();
    r.latency_ns = sumLayerNs;
    // Pipelined: layers work concurrently, but all of them share the global bus.
    r.period_ns = dp.chip.pipeline ? std::max(maxLayerNs, busNs) : sumLayerNs;
    r.leakage_energy_pj = r.leakage_uw * 1e-6 * r.period_ns * 1e-9 * 1e12;
    r.fps = 1e9 / r.period_ns;
    r.tops = r.ops_per_image * r.fps * 1e-12;
    r.tops_per_w = r.ops_per_image / (r.energy_pj + r.leakage_energy_pj);
    r.tops_per_mm2 = r.tops / r.area_mm2;
    r.macro = estimateMacro(dp, DefaultActivity(dp.activity).layer(0), sa);

    std::ostringstream vddText;
    vddText << std::fixed << std::setprecision(2) << t.vdd_v;
    r.models = {
        {"technology", std::string(t.node.device) + " " + std::to_string(t.node.node_nm) + " nm, Vdd "
                           + vddText.str() + " V (core/ppa/TechnologyLibrary.cpp)"},
        {"cell array", dp.device.type == DeviceType::nvCap ? "cell_area_f2 x F^2; capacitive cells, C*V^2 per cell read"
                       : dp.array.readout == Readout::Voltage || dp.device.type == DeviceType::SRAM
                           ? "cell_area_f2 x F^2; voltage-mode read: precharged floating bitline discharged by the cells, C_BL*V^2 bitline charge"
                           : "cell_area_f2 x F^2; current-mode read V^2*G*t_sense, C_BL*V^2 bitline charge"},
        {"adc", sa.adc_model},
        {"shift-add / adder trees", "ripple-carry adders + TG flip-flops (Weste & Harris), Horowitz ISSCC'14 energy anchor"},
        {"buffers", dp.chip.buffer_type == BufferType::RegisterFile
                        ? "register files: TG flip-flops, a words:1 read mux per bit"
                        : "SRAM, Horowitz ISSCC'14 anchor scaled by sqrt(capacity), C, V^2"},
        {"interconnect", std::string(htree ? "H-tree" : "X-Y bus") + ", repeated wires 0.2 fF/um, Bakoglu delay"},
        {"activity", activity.description()},
    };
    return r;
}

ConstantGroup chipConstants()
{
    return {"core/ppa/ChipEstimator.cpp", {kGlobalBusBits.record(), kHtreeWirePerLeafSide.record(), kXyBusMeanPathFraction.record(), kPoolComparisonsPerInput.record(), kDigitalAccumulatorGuardBits.record()}};
}

} // namespace kh
