#pragma once
// One linear layer y = W·x on simulated crossbars in the integer domain (docs/simulation.md, step 2–7):
// weights encoded into cells (WeightEncoding), inputs applied digit by digit (InputEncoding),
// rows split into arrays of 'rows' and blocks of 'parallel_rows', every (block, column, cycle)
// read through the analog model of the noise mode and the ADC, then shift-added.
// A CimLayer is one simulated chip: device-mode conductances are drawn when it is built.
#include "cim/AdcErrors.h"
#include "cim/AdcQuantizer.h"
#include "cim/CellProgramming.h"
#include "cim/ConductanceLut.h"
#include "cim/DriftCompensator.h"
#include "cim/IrDropArrays.h"
#include "cim/WeightEncoding.h"
#include "common/CounterRng.h"
#include "common/Progress.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <vector>

namespace kh::cim {

class CimLayer {
public:
    // w: outputs × inputs, row-major. chipSeed selects the simulated chip (device mode).
    CimLayer(const std::vector<std::int64_t>& w, int outputs, int inputs, const DesignPoint& dp, std::uint64_t chipSeed);

    // x: batch × inputs, row-major; returns y_int, batch × outputs. Unsigned inputs must lie in
    // [0, 2^b − 1], signed ones in [−2^(b−1), 2^(b−1) − 1] (InputError otherwise).
    std::vector<double> run(const std::vector<std::int64_t>& x, int batch, bool signedInputs) const;

    // Drift compensation factors, one per column (empty: none). noise.drift_compensation: the
    // read-out input (1 on every row) read on this chip as programmed and now, per layer or column.
    const std::vector<double>& driftCompensation() const { return drift_.scales(); }

    // With a lossless ADC and no noise, y_int is exactly W·x (the invariant the tests prove for
    // every encoding), so run() computes it as one exact GEMM instead of emulating every read.
    // Off: always emulate (used by the tests that prove the invariant).
    void setExactShortcut(bool on) { exactShortcut_ = on; }
    // Without device noise, reads use the bit-plane popcount kernel, with device noise the
    // conductance tables (ConductanceLut); off: row by row (the tests and bench/sim_speed compare them, which
    // must agree exactly).
    void setPackedReads(bool on) { packedReads_ = on; }
    // Checked for every input vector: run() throws Cancelled within one vector's reads.
    void setCancellation(const Progress* progress) { cancel_ = progress; }
    bool usesExactShortcut() const;
    // The exact shortcut on integer-valued float inputs (batch × inputs, within the design's input
    // range, as run() checks and the network hook clamps): y_int = W·x.
    // Float GEMMs over input chunks short enough that every partial sum is an integer below 2^24,
    // so exact in float, summed in double (a double GEMM past that). Fixed 64-vector blocks: the
    // numbers do not depend on the thread count. Only when usesExactShortcut(). Writes y (batch ×
    // outputs), or adds to it with 'accumulate' (the parts of a novel-mapped layer).
    void runExact(const float* x, int batch, double* y, bool accumulate) const;

    // Nonlinear ADC: sets level edges from the ideal partial sums of (up to 64 vectors of) x.
    void calibrateAdc(const std::vector<std::int64_t>& x, int batch, bool signedInputs);

    // Exact integer product W·x (reference for tests and the lossless invariant).
    static std::vector<std::int64_t> exactProduct(const std::vector<std::int64_t>& w, int outputs, int inputs,
                                                  const std::vector<std::int64_t>& x, int batch);

    const EncodedWeights& encoded() const { return enc_; }
    // Memory the programmed layer holds for its reads (weights, levels, packed planes, drawn
    // cells, tables), in bytes; in device mode the drawn cells take 4 bytes each.
    std::size_t heldBytes() const;
    const AdcQuantizer& adc() const { return adc_; }
    long long maxPartialSum() const { return pMax_; }

private:
    const Progress* cancel_ = nullptr;
    DriftCompensator drift_;
    // Accumulates every column's shift-added ADC outputs for one (already shifted) input vector.
    void columnSums(const std::int64_t* x, bool signedInputs, std::uint64_t vectorKey, std::vector<double>& ycol,
                    std::vector<double>* idealSamples) const;
    // The same in device mode, row by row from the fixed-point cells (the reference of deviceColumnSums).
    void deviceColumnSumsRowByRow(const std::int64_t* x, bool signedInputs, std::uint64_t vectorKey, std::vector<double>& ycol) const;
    void checkInputs(const std::vector<std::int64_t>& x, bool signedInputs) const;
    std::vector<double> exactDouble(const std::int64_t* x, int batch) const;   // the shortcut as one double GEMM

    DesignPoint dp_;
    std::vector<std::int64_t> w_;   // the integer weights, for the exact shortcut
    std::vector<float> wFloat_;       // the same as floats, when exact float chunks exist
    std::vector<int> exactChunks_;    // input bounds of the exact float GEMM chunks (empty: double GEMM)
    void planExactChunks();
    bool exactShortcut_ = true;
    EncodedWeights enc_;
    AdcQuantizer adc_;
    long long pMax_ = 0;
    std::uint64_t seed_ = 0;
    // Device mode only: the chip's conductances in fixed point, in 4-row tables; g_0/step.
    ConductanceLut lut_;
    double g0Steps_ = 0;
    // The keys of one read's (vector, cycle·block) per-conversion draws; each column's draw is its
    // key xor the column (hashKey's last argument), so they are hashed once per read, not per column.
    struct ReadKeys {
        std::uint64_t readNoise = 0, circuitNoise = 0, comparator = 0;
    };
    ReadKeys readKeys(std::uint64_t vectorKey, std::uint64_t cycleBlock) const;
    // One device-mode read before the ADC, in state steps: a block's fixed-point sum, plus read noise
    // of (read, column) scaled by the whole current (digitSum: Σ digits of the block).
    double deviceRead(std::int64_t sum, std::int64_t digitSum, const ReadKeys& keys, int column) const;
    // deviceRead and a clip ADC for one tile's columns c0 … c0 + width − 1, added to y[c] · weight.
    void addNoisyClipReads(const std::int32_t* sums, int width, std::int64_t digitSum, const ReadKeys& keys, int c0, double weight,
                           double* y) const;
    // The same for an analog read in state steps (IR drop): read noise in device mode only.
    double noisyRead(double analog, std::int64_t digitSum, const ReadKeys& keys, int column) const;
    // IR drop (noise.ir_drop): every read solved as a resistive network; one vector at a time.
    IrDropArrays irDrop_;
    void irDropColumnSums(const std::int64_t* x, bool signedInputs, std::uint64_t vectorKey, std::vector<double>& ycol) const;
    // The chip's ADC circuit errors (noise.adc_errors); every conversion goes through convert().
    AdcErrors adcErrors_;
    double convert(double v, int column, const ReadKeys& keys) const
    {
        return adcErrors_.active() ? adcErrors_.convert(adc_, v, column, keys.comparator) : adc_(v);
    }
    std::vector<double> noiseMean_, noiseStd_;   // circuit mode, indexed by ideal level 0..pMax
    bool circuitTable_ = false;
    // Without device noise a cell is its integer level, so with digit planes x_q and level planes
    // L_k a partial sum is Σ_q Σ_k 2^(q+k) · popcount(x_q AND L_k) over the block's rows: 64 cells
    // per instruction (the hint; NeuroSim reads them one by one). Planes of each column,
    // rows packed 64 per word, word-major so one word of every column is contiguous:
    // packedLevels_[(w · levelPlanes + k) · columns + c].
    std::vector<std::uint64_t> packedLevels_;
    // The ADC's output for every integer partial sum 0..P_max (when P_max ≤ 2^16): without noise
    // the ADC sees only integers, and a lookup replaces round/clamp/search per read.
    std::vector<double> adcTable_;
    bool integerClipCodes_ = false;   // clip/lossless ADC whose codes may be summed as integers
    void buildAdcTable();
    int levelPlanes_ = 0;
    bool packedReads_ = true;
    int words_ = 0;
    // Partial sums of rows [b0, b1) for a group of input vectors (digit planes per vector).
    // xm: scratch for the block's masked digit words, reused by the caller.
    void packedBlockSums(const std::vector<std::uint64_t>& digitPlanes, int digitPlaneCount, int b0, int b1,
                         std::int32_t* acc, std::vector<std::uint64_t>& xm) const;
    // Adds one block's noise-free or circuit-mode reads (integer sums acc[c · stride]) through the ADC
    // to y: a table lookup without noise, otherwise the circuit noise of (vector, cycle·block, column).
    void addIntegerReads(const std::int32_t* acc, std::size_t stride, double weight, std::uint64_t vectorKey,
                         std::uint64_t cycleBlock, double* y) const;
    // columnSums for up to 256 vectors in device mode: one table entry per 4-row group and digit bit,
    // 16 columns at a time so each tile of the tables is loaded once for the whole group.
    void deviceColumnSums(const std::int64_t* x, int count, bool signedInputs, std::uint64_t firstKey,
                          std::vector<double>& ycols) const;
    // columnSums for up to 4 vectors at once through the popcount kernel (none / circuit modes).
    void packedColumnSums(const std::int64_t* x, int count, bool signedInputs, std::uint64_t firstKey,
                          std::vector<double>& ycols) const;
};

} // namespace kh::cim
