#pragma once
// A layer's arrays read with IR drop (docs/simulation.md, "IR drop"): the physical conductance of
// every cell, the wires of the design point, and one crossbar solve per (block, input cycle,
// column array). Reads come back in state steps with the reference subtraction of the ideal read,
// so a read without wire resistance is Σ d·(G − g_0)/(g_1 − g_0), the device-mode read.
#include "cim/CrossbarSolver.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <vector>

namespace kh::cim {

class IrDropArrays {
public:
    IrDropArrays() = default;
    // normalized: inputs × columns cell values (G − g_0)/(g_1 − g_0), row-major; g0, g1 the nominal
    // conductances of states 0 and 1 (S).
    IrDropArrays(std::vector<double> normalized, int inputs, int columns, const DesignPoint& dp, double g0, double g1);

    // The wires this design point resolves to (the node's wire unless set), before any layer.
    static CrossbarWires wires(const DesignPoint& dp);

    bool active() const { return !cells_.empty(); }
    std::size_t heldBytes() const { return (rowConductance_.capacity() + cells_.capacity() + transfer_.capacity()) * sizeof(double); }

    // One read of layer rows [b0, b1) of the array whose first row is arrayStart: digits[r] is
    // layer row r's input digit this cycle. Writes one read per layer column into reads.
    void blockReads(const std::int64_t* digits, int arrayStart, int b0, int b1, double* reads) const;

    // True when every read is one product with a precomputed transfer matrix (see transfer_).
    bool linear() const { return !transfer_.empty(); }

    // The caller rounds every read to the nearest integer (a clip ADC without circuit errors or
    // read noise) and the cells are integer levels. Then a read whose IR-drop loss is provably
    // below half a step is the ideal read exactly, and its network is not solved.
    void setRoundedReads(bool on) { roundedReads_ = on; }
    // The ideal reads of one block when, for every column, the bound on the IR-drop loss is below
    // half a step (false otherwise, or when the driven rows differ in voltage).
    bool idealIfNegligible(const std::int64_t* digits, int b0, int b1, double* reads) const;

private:
    void solveBlock(const std::vector<int>& layerRows, int arrayStart, const std::vector<double>& volts, double* reads) const;
    void buildTransfer(int inputs, int parallelRows);

    bool roundedReads_ = false;
    std::vector<double> rowConductance_;   // Σ_j G over each row's part of each column array (S)
    std::vector<double> cells_;   // conductance (S), inputs × columns
    int columns_ = 0;
    CrossbarWires wires_;
    int arrayRows_ = 0, arrayCols_ = 0;
    bool rowsCutOff_ = true;      // access transistors: rows with a zero digit are not driven
    double g0_ = 0, stepS_ = 1;   // nominal g_0 and g_1 − g_0
    double voltsPerDigit_ = 0;    // read voltage / largest digit
    // Selector-less crossbar: every row of a block is driven in every read (a zero digit at 0 V),
    // so the network of a block is the same for every input and linear in the drive voltages. Its
    // read is then exactly Σ_r d_r·T[r][c] with T[r][c] the read of row r driven alone by one
    // digit, solved once per block (inputs × columns, row-major, in state steps).
    std::vector<double> transfer_;
};

} // namespace kh::cim
