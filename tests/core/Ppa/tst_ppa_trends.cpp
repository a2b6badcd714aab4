// Trend tests: every knob moves the estimate the way the physics says (issue #2, "Done when").
#include "io/NetworkCsv.h"
#include "ppa/AdcModel.h"
#include "ppa/ChipEstimator.h"
#include "ppa/MacroEstimator.h"
#include "ppa/MemoryModels.h"
#include "ppa/SubarrayModel.h"
#include "ppa/TechnologyLibrary.h"
#include "spec/DesignPointJson.h"
#include "spec/TechnologyNodes.h"

#include <QTest>

#include <cmath>

using namespace kh;

namespace {
LayerTable vgg8() { return readNetworkCsv(std::string(KIRCHHOFF_TEST_PRESETS) + "/networks/vgg8.csv"); }
DesignPoint base() { return loadDesignPointFile(std::string(KIRCHHOFF_TEST_PRESETS) + "/designs/neurosim_vgg8_rram22.json"); }
PpaReport run(const DesignPoint& dp) { return estimateChip(vgg8(), dp); }
double energyPerOpPj(const PpaReport& r) { return (r.energy_pj + r.leakage_energy_pj) / r.ops_per_image; }
} // namespace

class TestPpaTrends : public QObject {
    Q_OBJECT
private slots:
    void moreAdcBitsCostMoreAdcAreaAndEnergy()
    {
        DesignPoint dp = base();
        double lastArea = 0, lastEnergy = 0;
        for (int bits = 2; bits <= 8; ++bits) {
            dp.precision.adc_bits = bits;
            const PpaReport r = run(dp);
            QVERIFY(r.area_breakdown_mm2.adc > lastArea);
            QVERIFY(r.energy_breakdown_pj.adc > lastEnergy);
            lastArea = r.area_breakdown_mm2.adc;
            lastEnergy = r.energy_breakdown_pj.adc;
        }
        // Same for the SAR type, and a SAR ADC is smaller than a flash one at 6 bits.
        const Technology t = makeTechnology(22, 0, 300);
        for (int bits = 2; bits < 8; ++bits) {
            QVERIFY(adcCost(t, AdcType::Sar, bits + 1).perConversion.energy_pj > adcCost(t, AdcType::Sar, bits).perConversion.energy_pj);
            QVERIFY(adcCost(t, AdcType::Sar, bits + 1).perConversion.latency_ns > adcCost(t, AdcType::Flash, bits + 1).perConversion.latency_ns);
        }
        QVERIFY(adcCost(t, AdcType::Sar, 6).perConversion.area_um2 < adcCost(t, AdcType::Flash, 6).perConversion.area_um2);
    }

    // Counting converters (ramp, CCO, integrate-and-fire) take 2^b steps: their time and energy
    // double per bit at high resolution, where a SAR's time grows by one step per bit; the CCO's
    // LSB time is HERMES's 300 ps at 14 nm and follows the FO4 delay elsewhere.
    void countingAdcsScaleWithTwoToTheBits()
    {
        const Technology t = makeTechnology(22, 0, 300);
        for (AdcType type : {AdcType::Ramp, AdcType::Cco, AdcType::Counting}) {
            const ComponentCost b7 = adcCost(t, type, 7).perConversion, b8 = adcCost(t, type, 8).perConversion;
            QVERIFY2(b8.latency_ns / b7.latency_ns > 1.9 && b8.latency_ns / b7.latency_ns <= 2.0 + 1e-9, adcTypeLabel(type));
            QVERIFY2(b8.energy_pj / b7.energy_pj > 1.8 && b8.energy_pj / b7.energy_pj < 2.2, adcTypeLabel(type));
            QVERIFY(b8.latency_ns > adcCost(t, AdcType::Sar, 8).perConversion.latency_ns);
            QVERIFY(b8.area_um2 < adcCost(t, AdcType::Flash, 8).perConversion.area_um2);
        }
        QVERIFY(std::abs(adcCost(makeTechnology(14, 0, 300), AdcType::Cco, 8).perConversion.latency_ns - 256 * 0.3) < 1e-9);
        QVERIFY(adcCost(makeTechnology(65, 0, 300), AdcType::Cco, 8).perConversion.latency_ns > 256 * 0.3);
        // 256 ramp steps against 8 SAR steps (each a decision plus DAC settling).
        QVERIFY(adcCost(t, AdcType::Ramp, 8).perConversion.latency_ns > 16 * adcCost(t, AdcType::Sar, 8).perConversion.latency_ns);
        // Every type estimates a whole chip.
        for (AdcType type : {AdcType::Flash, AdcType::Sar, AdcType::Ramp, AdcType::Cco, AdcType::Counting}) {
            DesignPoint dp = base();
            dp.precision.adc_type = type;
            const PpaReport r = run(dp);
            QVERIFY2(r.tops > 0 && r.tops_per_w > 0 && std::isfinite(r.area_mm2), adcTypeLabel(type));
        }
    }

    // Pulse inputs integrate the whole input before one conversion: 1/input_bits of the
    // conversions, 2^b − 1 slots of row drive per conversion, and cells that conduct for x slots.
    void pulseInputsTradeConversionsForSlots()
    {
        DesignPoint serial = base();
        serial.precision.adc_bits = 8;
        const SubarrayCost s0 = subarrayCost(serial, technologyOf(serial));
        const MacroReport m0 = estimateMacro(serial);
        for (InputEncoding enc : {InputEncoding::PulseCount, InputEncoding::PulseWidth}) {
            DesignPoint pulses = serial;
            pulses.mapping.input_encoding = enc;
            const SubarrayCost s1 = subarrayCost(pulses, technologyOf(pulses));
            const MacroReport m1 = estimateMacro(pulses);
            QCOMPARE(m0.conversions_per_mvm / m1.conversions_per_mvm, 8.0);
            QCOMPARE(s1.pulse_slots, 255);
            const double d = 0.3;
            QCOMPARE(s1.cellSlotsPerInput(d) / s0.cellSlotsPerInput(d), 255.0 / 8.0);
            // The slots fill ceil(255 · sense / clock) clocks, then one clock converts.
            const double clock = s1.clockNs();
            QCOMPARE(s1.readStepClocks(clock), std::ceil(255 * (s1.t_wordline_ns + s1.t_bitline_ns) / clock) + 1);
            QVERIFY(s1.readStepNs() > 8 * s0.readStepNs() / 2);
            // Fewer conversions: less ADC and shift-add energy per MVM; longer drive: more cell energy.
            QVERIFY(m1.energy_breakdown_pj.adc < m0.energy_breakdown_pj.adc / 7.9);
            QVERIFY(m1.energy_breakdown_pj.arrays > m0.energy_breakdown_pj.arrays);
            const PpaReport r = run(pulses);
            QVERIFY(r.tops > 0 && std::isfinite(r.tops_per_w) && r.tops_per_w > 0);
        }
        // A pulse count toggles the word line once per pulse, a pulse width once per non-zero
        // input, at the price of a comparator per row that follows the slot counter.
        DesignPoint count = serial, width = serial;
        count.mapping.input_encoding = InputEncoding::PulseCount;
        width.mapping.input_encoding = InputEncoding::PulseWidth;
        const SubarrayCost sc = subarrayCost(count, technologyOf(count)), sw = subarrayCost(width, technologyOf(width));
        QCOMPARE(sw.rowPulsesPerInput(0.3), 1.0 - std::pow(0.7, 8));
        QCOMPARE(sc.rowPulsesPerInput(0.3), 0.3 * 255);
        QCOMPARE(sc.row_pulse_logic_pj, 0.0);
        QVERIFY(sw.row_pulse_logic_pj > 0);
        QVERIFY(sw.area_row_periphery_um2 > sc.area_row_periphery_um2);
        // One input bit: a pulse is one bit-serial cycle.
        DesignPoint one = count;
        one.precision.input_bits = 1;
        DesignPoint oneSerial = serial;
        oneSerial.precision.input_bits = 1;
        QCOMPARE(estimateMacro(one).mvm_ns, estimateMacro(oneSerial).mvm_ns);
    }

    // Register-file buffers: flip-flops cost far less per bit accessed than an SRAM macro's fixed
    // periphery, and far more area per bit; the chip estimate charges whichever chip.buffer_type says.
    void registerFileBuffersTradeAreaForEnergy()
    {
        const Technology t = makeTechnology(22, 0, 300);
        for (double bits : {4096.0, 65536.0}) {
            const ComponentCost sram = bufferCost(t, bits, BufferType::Sram, 128), regs = bufferCost(t, bits, BufferType::RegisterFile, 128);
            QVERIFY(regs.energy_pj < sram.energy_pj / 3);
            QVERIFY(regs.area_um2 > 3 * sram.area_um2);
        }
        QVERIFY(registerFileCost(t, 65536, 128).area_um2 > 10 * registerFileCost(t, 4096, 128).area_um2);
        DesignPoint dp = base();
        const PpaReport sram = run(dp);
        dp.chip.buffer_type = BufferType::RegisterFile;
        const PpaReport regs = run(dp);
        QVERIFY(regs.energy_breakdown_pj.buffers < sram.energy_breakdown_pj.buffers / 3);
        QVERIFY(regs.area_breakdown_mm2.buffers > sram.area_breakdown_mm2.buffers);
        QCOMPARE(regs.energy_breakdown_pj.adc, sram.energy_breakdown_pj.adc);
    }

    void everyValidNodeHasTechnologyData()
    {
        // The design point's node list (spec) and the technology table (ppa) name the same nodes.
        std::vector<int> table;
        for (const TechnologyNode& n : technologyNodes())
            table.push_back(n.node_nm);
        QCOMPARE(table, supportedNodesNm());
    }

    void smallerNodeMeansLessAreaAndEnergyPerOp()
    {
        DesignPoint dp = base();
        double lastArea = 1e300, lastEnergy = 1e300;
        for (const TechnologyNode& n : technologyNodes()) {   // 130 nm -> 1 nm
            dp.technology.node_nm = n.node_nm;
            const PpaReport r = run(dp);
            QVERIFY2(r.area_mm2 < lastArea, qPrintable(QString("area at %1 nm").arg(n.node_nm)));
            QVERIFY2(energyPerOpPj(r) < lastEnergy, qPrintable(QString("energy at %1 nm").arg(n.node_nm)));
            lastArea = r.area_mm2;
            lastEnergy = energyPerOpPj(r);
        }
    }

    void moreParallelRowsMeanMoreTops()
    {
        DesignPoint dp = base();
        double last = 0;
        for (int rows : {8, 16, 32, 64, 128}) {
            dp.array.parallel_rows = rows;
            const PpaReport r = run(dp);
            QVERIFY(r.tops > last);
            last = r.tops;
        }
    }

    // The tile bus is a pipeline stage: by default it keeps up with the arrays; a narrow one makes
    // buffer transfers the bottleneck, and then faster reads (more rows in parallel) stop helping.
    void aNarrowTileBusMakesBuffersTheBottleneck()
    {
        DesignPoint dp = base();
        const PpaReport wide = run(dp);
        for (const LayerReport& l : wide.layers) {
            QVERIFY(l.latency_ns >= l.latency_breakdown_ns.buffers * (1 - 1e-12));
            QVERIFY(l.latency_ns >= l.latency_breakdown_ns.interconnect * (1 - 1e-12));
            QVERIFY(l.latency_breakdown_ns.buffers > 0 && l.latency_breakdown_ns.arrays > 0);
        }
        dp.chip.tile_bus_bits = 8;
        const PpaReport narrow = run(dp);
        QVERIFY2(narrow.tops < 0.5 * wide.tops, qPrintable(QString("%1 vs %2").arg(narrow.tops).arg(wide.tops)));
        QVERIFY(narrow.latency_breakdown_ns.buffers > 10 * wide.latency_breakdown_ns.buffers);
        // Energy per image does not depend on how fast the bus is (only its wires' area does).
        QVERIFY(std::abs(narrow.energy_pj / wide.energy_pj - 1) < 0.05);
        DesignPoint fast = dp;
        fast.array.parallel_rows = 64;
        const double narrowGain = run(fast).tops / narrow.tops;
        DesignPoint wideFast = base();
        wideFast.array.parallel_rows = 64;
        const double wideGain = run(wideFast).tops / wide.tops;
        QVERIFY2(narrowGain < 1.05 && wideGain > 1.5, qPrintable(QString("gain %1 (narrow bus), %2").arg(narrowGain).arg(wideGain)));
    }

    // A network whose layers each fit one tile gets a tile (and PE) only as large as its fullest
    // layer needs; networks spanning several tiles keep the uniform tile.
    void aSmallNetworkPaysOnlyForTheArraysItUses()
    {
        const DesignPoint dp = base();
        auto fc = [](int in, int out) {
            LayerShape l;
            l.ifm_c = in;
            l.c_out = out;
            return l;
        };
        LayerTable tiny;
        tiny.name = "tiny";
        tiny.layers = {fc(128, 10)};
        const PpaReport one = estimateChip(tiny, dp);
        QCOMPARE(one.floorplan.total_subarrays, 1LL);
        QCOMPARE(one.floorplan.used_subarrays, 1LL);
        QVERIFY(one.floorplan.utilization > 0.5);
        // Two row chunks and three column blocks: a 1 x 1 PE of 3 x 3 subarrays, 6 of them used.
        LayerTable wider = tiny;
        wider.layers = {fc(256, 40)};
        const PpaReport six = estimateChip(wider, dp);
        QCOMPARE(six.floorplan.used_subarrays, 6LL);
        QCOMPARE(six.floorplan.total_subarrays, 9LL);
        QVERIFY(six.area_mm2 > one.area_mm2);
        QVERIFY(six.area_breakdown_mm2.arrays < 9.5 * one.area_breakdown_mm2.arrays);
        // An MLP keeps the grid of its largest layer; VGG8 keeps NeuroSim's tile.
        const LayerTable mlp = readNetworkCsv(std::string(KIRCHHOFF_TEST_PRESETS) + "/networks/mlp_fashion_mnist.csv");
        const PpaReport m = estimateChip(mlp, dp);
        QVERIFY(m.floorplan.total_subarrays >= m.floorplan.used_subarrays);
        QCOMPARE(run(dp).floorplan.tile_pe_rows, 9);
        QCOMPARE(run(dp).floorplan.pe_dim, 4);
    }

    void twoBitsPerCellNeedFewerArrays()
    {
        DesignPoint dp = base();
        const PpaReport one = run(dp);
        dp.device.cell_bits = 2;
        const PpaReport two = run(dp);
        dp.device.cell_bits = 4;
        const PpaReport four = run(dp);
        QVERIFY(two.floorplan.total_subarrays < one.floorplan.total_subarrays);
        QVERIFY(four.floorplan.total_subarrays < two.floorplan.total_subarrays);
        QVERIFY(two.area_breakdown_mm2.arrays < one.area_breakdown_mm2.arrays);
    }

    void smallerArraysRaiseUtilisationAndAdcShare()
    {
        DesignPoint dp = base();
        auto withSize = [&](int n) {
            dp.array.rows = dp.array.cols = n;
            dp.array.parallel_rows = std::min(32, n);
            return run(dp);
        };
        const PpaReport r64 = withSize(64), r128 = withSize(128), r256 = withSize(256);
        // Finer granularity wastes fewer cells on partly filled arrays...
        QVERIFY(r64.floorplan.utilization >= r128.floorplan.utilization);
        QVERIFY(r128.floorplan.utilization > r256.floorplan.utilization);
        // ...but every cell carries more periphery: more ADC area per bit and a larger ADC share.
        QVERIFY(r64.area_breakdown_mm2.adc > r128.area_breakdown_mm2.adc);
        QVERIFY(r64.area_breakdown_mm2.adc / r64.area_mm2 > r256.area_breakdown_mm2.adc / r256.area_mm2);
        QVERIFY(r64.area_mm2 > r128.area_mm2);
    }

    void activityMovesEnergyNotSpeed()
    {
        // NeuroSim runs (docs/validation.md §1): doubling input density moved NeuroSim's energy 10–13 % and left TOPS unchanged.
        DesignPoint dp = base();
        dp.activity.input_bit_density = 0.25;
        const PpaReport low = run(dp);
        dp.activity.input_bit_density = 0.5;
        const PpaReport high = run(dp);
        QCOMPARE(high.tops, low.tops);
        const double rise = high.energy_pj / low.energy_pj - 1.0;
        QVERIFY2(rise > 0.02 && rise < 0.4, qPrintable(QString::number(rise)));
        // Measured statistics take the same path as the default.
        const PpaReport measured = estimateChip(vgg8(), dp, MeasuredActivity(std::vector<LayerActivity>(8, {0.25 * 0.5 * 2, 0.5})));
        QVERIFY(std::abs(measured.energy_pj / high.energy_pj - 1.0) < 1e-12);
    }

    void pipeliningRaisesThroughputNotEnergy()
    {
        DesignPoint dp = base();
        const PpaReport piped = run(dp);
        dp.chip.pipeline = false;
        const PpaReport serial = run(dp);
        QVERIFY(piped.fps > serial.fps);
        QVERIFY(std::abs(piped.energy_pj / serial.energy_pj - 1.0) < 1e-12);
        QVERIFY(std::abs(serial.period_ns - serial.latency_ns) < 1e-9);
    }

    void opCountConventionChangesOnlyTheOpsOfStridedLayers()
    {
        // ResNet-style stride-2 stem and a stride-1 layer: NeuroSim counts the stem over its
        // 224×224 input map, 4× the MACs the 112×112 outputs execute; energy and time are the same.
        const LayerTable t = parseNetworkCsv("224,224,3,7,7,64,1,2\n56,56,64,3,3,64,0,1\n", "strided.csv");
        const double executed = 2.0 * (112.0 * 112 * 147 * 64 + 56.0 * 56 * 576 * 64);
        const double neurosim = 2.0 * (224.0 * 224 * 147 * 64 + 56.0 * 56 * 576 * 64);
        DesignPoint dp = base();
        dp.chip.op_count = OpCount::Executed;
        const PpaReport e = estimateChip(t, dp);
        dp.chip.op_count = OpCount::NeuroSim;
        const PpaReport n = estimateChip(t, dp);
        QCOMPARE(e.ops_per_image, executed);
        QCOMPARE(n.ops_per_image, neurosim);
        QCOMPARE(n.layers[0].ops, 4 * e.layers[0].ops);
        QCOMPARE(n.layers[1].ops, e.layers[1].ops);
        QCOMPARE(n.energy_pj, e.energy_pj);
        QCOMPARE(n.fps, e.fps);
        QVERIFY(std::abs(n.tops / e.tops - neurosim / executed) < 1e-12);
        QVERIFY(e.ops_convention.find("executed") != std::string::npos);
        QVERIFY(n.ops_convention.find("NeuroSim") != std::string::npos);
        // A conv without 'same' padding states its output map; the executed count follows it.
        LayerTable valid = t;
        valid.layers[1].ofm_h = valid.layers[1].ofm_w = 54;
        dp.chip.op_count = OpCount::Executed;
        QCOMPARE(estimateChip(valid, dp).layers[1].ops, 2.0 * 54 * 54 * 576 * 64);
    }

    void novelMappingChangesFloorplan()
    {
        DesignPoint dp = base();
        const PpaReport novel = run(dp);
        dp.mapping.conv = ConvMapping::Conventional;
        const PpaReport conventional = run(dp);
        QCOMPARE(novel.floorplan.tile_pe_rows, 9);
        QCOMPARE(conventional.floorplan.tile_pe_rows, 2);
        QVERIFY(novel.area_mm2 != conventional.area_mm2);
        // The novel mapping broadcasts each input once per tile: less buffer traffic.
        QVERIFY(novel.energy_breakdown_pj.buffers < conventional.energy_breakdown_pj.buffers);
    }

    void encodingsChangeColumns()
    {
        DesignPoint dp = base();
        const PpaReport offset = run(dp);
        dp.mapping.weight_encoding = WeightEncoding::Differential;
        const PpaReport diff = run(dp);
        dp.mapping.weight_encoding = WeightEncoding::TwosComplement;
        const PpaReport twos = run(dp);
        QVERIFY(diff.floorplan.total_subarrays > offset.floorplan.total_subarrays);
        QVERIFY(twos.area_mm2 < offset.area_mm2);   // no reference columns
    }

    void moreWeightAndInputBitsCostMore()
    {
        DesignPoint dp = base();
        const PpaReport b8 = run(dp);
        dp.precision.weight_bits = 4;
        dp.precision.input_bits = 4;
        const PpaReport b4 = run(dp);
        QVERIFY(b4.area_mm2 < b8.area_mm2);
        QVERIFY(b4.tops > b8.tops);
        QVERIFY(b4.tops_per_w > b8.tops_per_w);
    }

    void sharingAdcsAcrossMoreColumnsSavesAreaCostsSpeed()
    {
        DesignPoint dp = base();
        dp.array.cols_per_adc = 4;
        const PpaReport four = run(dp);
        dp.array.cols_per_adc = 16;
        const PpaReport sixteen = run(dp);
        QVERIFY(sixteen.area_breakdown_mm2.adc < four.area_breakdown_mm2.adc);
        QVERIFY(sixteen.tops < four.tops);
    }

    void everyNetworkPresetEstimates()
    {
        const DesignPoint dp = base();
        for (const char* name : {"vgg8", "resnet18_cifar100", "resnet18_imagenet", "vgg16_imagenet", "mlp_fashion_mnist",
                                 "vgg8_fashion_mnist"}) {
            const LayerTable net = readNetworkCsv(std::string(KIRCHHOFF_TEST_PRESETS) + "/networks/" + name + ".csv");
            const PpaReport r = estimateChip(net, dp);
            QVERIFY2(r.area_mm2 > 0 && r.tops > 0 && r.tops_per_w > 0 && std::isfinite(r.fps), name);
        }
    }
};

QTEST_APPLESS_MAIN(TestPpaTrends)
#include "tst_ppa_trends.moc"
