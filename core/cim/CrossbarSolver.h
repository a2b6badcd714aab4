#pragma once
// One crossbar read as a resistive network (docs/simulation.md, "IR drop"): each driven row is a
// wire from its driver (source voltage behind driver_ohm) along the array's columns, one segment
// of row_segment_ohm per cell; each column is a wire from the top row down to its sense circuit
// (a virtual ground behind sense_ohm), one segment of col_segment_ohm per cell row. A cell is a
// linear conductance between its row node and its column node. Rows that are not driven are cut
// off by their access transistors and carry no current; their segments of the column wire remain.
//
// Solved by alternating line relaxation (block Gauss-Seidel): every row wire exactly for the
// present column voltages (a tridiagonal solve), then every column wire for the new row voltages,
// until no node moves by more than kToleranceRel of the largest drive voltage. The network is a
// grounded resistor network (a symmetric M-matrix), for which block Gauss-Seidel converges; a
// read that does not converge within kMaxSweeps throws, naming the array and the wires.
#include <cstddef>
#include <vector>

namespace kh::cim {

struct CrossbarWires {
    double row_segment_ohm = 0;   // row wire between adjacent cells
    double col_segment_ohm = 0;   // column wire between adjacent cell rows
    double driver_ohm = 0;        // row driver's output resistance
    double sense_ohm = 0;         // column sense circuit's input resistance
    bool ideal() const { return row_segment_ohm == 0 && col_segment_ohm == 0 && driver_ohm == 0 && sense_ohm == 0; }
};

class CrossbarSolver {
public:
    static constexpr double kToleranceRel = 1e-9;
    static constexpr int kMaxSweeps = 5000;

    // arrayRows: the physical rows of the array (the sense circuits sit below the last).
    CrossbarSolver(CrossbarWires wires, int arrayRows);
    CrossbarSolver() : CrossbarSolver(CrossbarWires{}, 1) {}
    // A solver keeps its workspace between reads: reuse one per thread, re-aimed at other arrays.
    void setArray(CrossbarWires wires, int arrayRows)
    {
        wires_ = wires;
        arrayRows_ = arrayRows;
    }

    // One read. rowPositions[k] (strictly increasing, < arrayRows): the array row of driven row k;
    // volts[k] its source voltage; g: rows × columns conductances (S), row-major. Writes the
    // current (A) each column's sense circuit receives into amps[0 … columns). Returns the
    // sweeps it took (0 when the wires are ideal).
    int solve(const std::vector<int>& rowPositions, const std::vector<double>& volts, const double* g, int columns,
              double* amps);

    // After solve(): node voltages of driven row k at column j (row wire, column wire).
    double rowNodeVolts(int k, int j) const { return vr_[std::size_t(k) * std::size_t(columns_) + std::size_t(j)]; }
    double colNodeVolts(int k, int j) const { return vc_[std::size_t(k) * std::size_t(columns_) + std::size_t(j)]; }

private:
    // Lines of zero resistance (one node per line) take the general line solves below; resistive
    // rows and columns the factored path: each line's tridiagonal matrix depends only on the cells
    // and the wires, so it is factored once per read and every sweep is a substitution, all rows
    // (or all columns) side by side so that the inner loops run over contiguous memory.
    void solveRows(const std::vector<double>& volts, const double* g, double& change);
    void solveColumns(const std::vector<int>& rowPositions, const double* g, double& change);
    int solveFactored(const std::vector<int>& rowPositions, const std::vector<double>& volts, const double* g, double vmax);
    void failToConverge() const;

    CrossbarWires wires_;
    int arrayRows_;
    int rows_ = 0, columns_ = 0;
    std::vector<double> vr_, vc_;               // node voltages, rows × columns
    std::vector<double> lower_, diag_, upper_, rhs_;   // one tridiagonal system
    // Factored path: row lines column-major ([j][k]), column lines row-major ([k][j]).
    std::vector<double> gT_, rowMul_, rowInv_, colMul_, colInv_, rowRhs_, colRhs_, vrT_, down_;
};

} // namespace kh::cim
