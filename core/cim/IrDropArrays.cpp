#include "cim/IrDropArrays.h"

#include "ppa/ArrayWires.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kh::cim {

CrossbarWires IrDropArrays::wires(const DesignPoint& dp)
{
    const IrDropSpec& s = dp.noise.ir_drop;
    CrossbarWires w{s.row_wire_ohm.value_or(0.0), s.col_wire_ohm.value_or(0.0), s.driver_ohm, s.sense_ohm};
    if (!s.row_wire_ohm || !s.col_wire_ohm) {
        const ArrayWireResistance node = arrayWireResistance(dp);
        w.row_segment_ohm = s.row_wire_ohm.value_or(node.row_segment_ohm);
        w.col_segment_ohm = s.col_wire_ohm.value_or(node.col_segment_ohm);
    }
    return w;
}

IrDropArrays::IrDropArrays(std::vector<double> normalized, int inputs, int columns, const DesignPoint& dp, double g0, double g1)
    : cells_(std::move(normalized)), columns_(columns), wires_(wires(dp)), arrayRows_(dp.array.rows),
      arrayCols_(dp.array.cols), rowsCutOff_(dp.device.access != AccessType::Crossbar), g0_(g0), stepS_(g1 - g0)
{
    if (cells_.size() != std::size_t(inputs) * std::size_t(columns))
        throw std::logic_error("IrDropArrays: one normalized value per cell expected");
    for (double& c : cells_)
        c = g0_ + c * stepS_;
    const int digitBits = std::min(bitsPerConversion(dp), dp.precision.input_bits);
    voltsPerDigit_ = dp.device.read_voltage_v / double((std::int64_t(1) << digitBits) - 1);
    if (!rowsCutOff_) {
        buildTransfer(inputs, dp.array.parallel_rows);
        return;
    }
    const int arrays = (columns_ + arrayCols_ - 1) / arrayCols_;
    rowConductance_.assign(size_t(inputs) * size_t(arrays), 0.0);
    for (int r = 0; r < inputs; ++r)
        for (int c = 0; c < columns_; ++c)
            rowConductance_[size_t(r) * size_t(arrays) + size_t(c / arrayCols_)] += cells_[size_t(r) * size_t(columns_) + size_t(c)];
}

bool IrDropArrays::idealIfNegligible(const std::int64_t* digits, int b0, int b1, double* reads) const
{
    // All driven rows at one voltage V, the sense at 0: every node lies in [0, V] and every cell
    // current flows from its row to its column. A row's nodes then sit at most (R_driver + M·r_row)
    // times its total current below V, and a column's nodes at most (R_sense + rows·r_col) times
    // its current above 0, so column j loses at most
    //     Σ_k G_kj·(R_driver + M·r_row)·V·ΣG_row,k + ΣG_col,j·(R_sense + rows·r_col)·V·ΣG_col,j,
    // with the sums over the driven rows. Below half a step the ideal integer read rounds to itself.
    std::int64_t level = 0;
    int driven = 0;
    for (int r = b0; r < b1; ++r)
        if (digits[r] != 0) {
            if (level != 0 && digits[r] != level)
                return false;
            level = digits[r];
            ++driven;
        }
    const int arrays = (columns_ + arrayCols_ - 1) / arrayCols_;
    const double colOhm = wires_.sense_ohm + wires_.col_segment_ohm * double(arrayRows_);
    thread_local std::vector<double> ideal, colG, rowLoss;
    for (int a = 0; a < arrays; ++a) {
        const int c0 = a * arrayCols_, width = std::min(arrayCols_, columns_ - c0);
        const double rowOhm = wires_.driver_ohm + wires_.row_segment_ohm * double(width);
        ideal.assign(size_t(width), 0.0);
        colG.assign(size_t(width), 0.0);
        rowLoss.assign(size_t(width), 0.0);
        for (int r = b0; r < b1 && driven > 0; ++r) {
            if (digits[r] == 0)
                continue;
            const double* g = &cells_[size_t(r) * size_t(columns_) + size_t(c0)];
            const double eps = rowOhm * rowConductance_[size_t(r) * size_t(arrays) + size_t(a)];
            for (int c = 0; c < width; ++c) {
                colG[size_t(c)] += g[c];
                rowLoss[size_t(c)] += g[c] * eps;
            }
        }
        const double volts = double(level) * voltsPerDigit_;
        for (int c = 0; c < width; ++c) {
            const double lossSteps = volts * (rowLoss[size_t(c)] + colG[size_t(c)] * colOhm * colG[size_t(c)]) / (voltsPerDigit_ * stepS_);
            if (!(lossSteps < 0.49))
                return false;
            // The ideal read in steps: Σ d·(G − g_0)/step, an integer for integer levels.
            reads[c0 + c] = std::round(double(level) * (colG[size_t(c)] - g0_ * double(driven)) / stepS_);
        }
    }
    return true;
}

void IrDropArrays::solveBlock(const std::vector<int>& layerRows, int arrayStart, const std::vector<double>& volts,
                              double* reads) const
{
    // reads[c] receives the column current (A) of layer column c.
    std::vector<int> positions(layerRows.size());
    for (std::size_t k = 0; k < layerRows.size(); ++k)
        positions[k] = layerRows[k] - arrayStart;
    // One solver and cell buffer per thread: their workspace outlives the read (no allocation,
    // no page faults per read).
    thread_local CrossbarSolver solver;
    thread_local std::vector<double> g;
    solver.setArray(wires_, arrayRows_);
    for (int c0 = 0; c0 < columns_; c0 += arrayCols_) {
        const int width = std::min(arrayCols_, columns_ - c0);
        g.resize(layerRows.size() * std::size_t(width));
        for (std::size_t k = 0; k < layerRows.size(); ++k)
            std::copy_n(&cells_[std::size_t(layerRows[k]) * std::size_t(columns_) + std::size_t(c0)], width, &g[k * std::size_t(width)]);
        solver.solve(positions, volts, g.data(), width, reads + c0);
    }
}

void IrDropArrays::buildTransfer(int inputs, int parallelRows)
{
    transfer_.assign(cells_.size(), 0.0);
    std::vector<double> amps(static_cast<std::size_t>(columns_));
    for (int arrayStart = 0; arrayStart < inputs; arrayStart += arrayRows_) {
        const int arrayEnd = std::min(inputs, arrayStart + arrayRows_);
        for (int b0 = arrayStart; b0 < arrayEnd; b0 += parallelRows) {
            const int b1 = std::min(arrayEnd, b0 + parallelRows);
            std::vector<int> layerRows;
            for (int r = b0; r < b1; ++r)
                layerRows.push_back(r);
            std::vector<double> volts(layerRows.size(), 0.0);
            for (std::size_t k = 0; k < layerRows.size(); ++k) {
                // Row k alone at one digit's voltage, the block's other rows held at 0 V.
                volts[k] = voltsPerDigit_;
                solveBlock(layerRows, arrayStart, volts, amps.data());
                volts[k] = 0;
                double* t = &transfer_[std::size_t(layerRows[k]) * std::size_t(columns_)];
                for (int c = 0; c < columns_; ++c)
                    t[c] = (amps[std::size_t(c)] / voltsPerDigit_ - g0_) / stepS_;
            }
        }
    }
}

void IrDropArrays::blockReads(const std::int64_t* digits, int arrayStart, int b0, int b1, double* reads) const
{
    if (linear()) {
        std::fill_n(reads, columns_, 0.0);
        for (int r = b0; r < b1; ++r)
            if (digits[r] != 0) {
                const double d = double(digits[r]);
                const double* t = &transfer_[std::size_t(r) * std::size_t(columns_)];
                for (int c = 0; c < columns_; ++c)
                    reads[c] += d * t[c];
            }
        return;
    }
    if (roundedReads_ && idealIfNegligible(digits, b0, b1, reads))
        return;
    // Behind access transistors only the rows with a non-zero digit are driven: the network
    // changes with the input, and every read is solved.
    thread_local std::vector<int> layerRows;   // per thread: no allocation per read
    thread_local std::vector<double> volts;
    layerRows.clear();
    volts.clear();
    std::int64_t digitSum = 0;
    for (int r = b0; r < b1; ++r) {
        digitSum += digits[r];
        if (digits[r] == 0)
            continue;
        layerRows.push_back(r);
        volts.push_back(double(digits[r]) * voltsPerDigit_);
    }
    solveBlock(layerRows, arrayStart, volts, reads);
    // Back to state steps: Σ d·G = I / (V per digit), less the nominal g_0 of every digit.
    for (int c = 0; c < columns_; ++c)
        reads[c] = (reads[c] / voltsPerDigit_ - g0_ * double(digitSum)) / stepS_;
}

} // namespace kh::cim
