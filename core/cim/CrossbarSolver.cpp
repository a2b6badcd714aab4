#include "cim/CrossbarSolver.h"

#include "common/InputError.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace kh::cim {

namespace {

// Thomas algorithm: lower[i]·x[i−1] + diag[i]·x[i] + upper[i]·x[i+1] = rhs[i]. The systems here
// are diagonally dominant (every node has a cell or a wire to a fixed voltage), so no pivoting.
// Writes x with the stride of the line in the node arrays and returns the largest change.
double solveTridiagonal(std::vector<double>& lower, std::vector<double>& diag, std::vector<double>& upper,
                        std::vector<double>& rhs, int n, double* x, std::size_t stride)
{
    for (int i = 1; i < n; ++i) {
        const double m = lower[std::size_t(i)] / diag[std::size_t(i - 1)];
        diag[std::size_t(i)] -= m * upper[std::size_t(i - 1)];
        rhs[std::size_t(i)] -= m * rhs[std::size_t(i - 1)];
    }
    double change = 0, next = 0;
    for (int i = n - 1; i >= 0; --i) {
        const double v = (rhs[std::size_t(i)] - (i + 1 < n ? upper[std::size_t(i)] * next : 0.0)) / diag[std::size_t(i)];
        double& slot = x[std::size_t(i) * stride];
        change = std::max(change, std::fabs(v - slot));
        slot = v;
        next = v;
    }
    return change;
}

std::string ohms(double r) { return std::to_string(r) + " ohm"; }

} // namespace

CrossbarSolver::CrossbarSolver(CrossbarWires wires, int arrayRows) : wires_(wires), arrayRows_(arrayRows) {}

void CrossbarSolver::solveRows(const std::vector<double>& volts, const double* g, double& change)
{
    const int m = columns_;
    const double rd = wires_.driver_ohm, rr = wires_.row_segment_ohm;
    for (int k = 0; k < rows_; ++k) {
        const double v = volts[std::size_t(k)];
        const double* gk = g + std::size_t(k) * std::size_t(m);
        const double* ck = &vc_[std::size_t(k) * std::size_t(m)];
        double* rk = &vr_[std::size_t(k) * std::size_t(m)];
        if (rr == 0) {   // one node: the whole row wire at one voltage
            double value = v;
            if (rd > 0) {
                double num = v / rd, den = 1.0 / rd;
                for (int j = 0; j < m; ++j) {
                    num += gk[j] * ck[j];
                    den += gk[j];
                }
                value = num / den;
            }
            for (int j = 0; j < m; ++j) {
                change = std::max(change, std::fabs(value - rk[j]));
                rk[j] = value;
            }
            continue;
        }
        const double gr = 1.0 / rr;
        for (int j = 0; j < m; ++j) {
            lower_[std::size_t(j)] = j > 0 ? -gr : 0.0;
            upper_[std::size_t(j)] = j + 1 < m ? -gr : 0.0;
            diag_[std::size_t(j)] = gk[j] + (j > 0 ? gr : 0.0) + (j + 1 < m ? gr : 0.0);
            rhs_[std::size_t(j)] = gk[j] * ck[j];
        }
        if (rd > 0) {   // the driver: a conductance 1/rd to the source
            diag_[0] += 1.0 / rd;
            rhs_[0] += v / rd;
        } else {        // an ideal driver holds the first node at the source voltage
            diag_[0] = 1.0;
            upper_[0] = 0.0;
            rhs_[0] = v;
        }
        change = std::max(change, solveTridiagonal(lower_, diag_, upper_, rhs_, m, rk, 1));
    }
}

void CrossbarSolver::solveColumns(const std::vector<int>& rowPositions, const double* g, double& change)
{
    const int n = rows_, m = columns_;
    const double rc = wires_.col_segment_ohm, rs = wires_.sense_ohm;
    const std::size_t stride = std::size_t(m);
    for (int j = 0; j < m; ++j) {
        if (rc == 0) {   // one node per column
            double value = 0;
            if (rs > 0) {
                double num = 0, den = 1.0 / rs;
                for (int k = 0; k < n; ++k) {
                    const double gkj = g[std::size_t(k) * stride + std::size_t(j)];
                    num += gkj * vr_[std::size_t(k) * stride + std::size_t(j)];
                    den += gkj;
                }
                value = num / den;
            }
            for (int k = 0; k < n; ++k) {
                double& slot = vc_[std::size_t(k) * stride + std::size_t(j)];
                change = std::max(change, std::fabs(value - slot));
                slot = value;
            }
            continue;
        }
        // Driven rows k and k+1 are joined by the segments of every row between them; the last
        // one reaches the sense circuit through the segments down to the array's edge.
        for (int k = 0; k < n; ++k) {
            const double gkj = g[std::size_t(k) * stride + std::size_t(j)];
            const double up = k > 0 ? 1.0 / (rc * double(rowPositions[std::size_t(k)] - rowPositions[std::size_t(k - 1)])) : 0.0;
            const double down = k + 1 < n ? 1.0 / (rc * double(rowPositions[std::size_t(k + 1)] - rowPositions[std::size_t(k)]))
                                          : 1.0 / (rc * double(arrayRows_ - rowPositions[std::size_t(k)]) + rs);
            lower_[std::size_t(k)] = -up;
            upper_[std::size_t(k)] = k + 1 < n ? -down : 0.0;
            diag_[std::size_t(k)] = gkj + up + down;
            rhs_[std::size_t(k)] = gkj * vr_[std::size_t(k) * stride + std::size_t(j)];
        }
        change = std::max(change, solveTridiagonal(lower_, diag_, upper_, rhs_, n, &vc_[std::size_t(j)], stride));
    }
}

int CrossbarSolver::solve(const std::vector<int>& rowPositions, const std::vector<double>& volts, const double* g, int columns,
                          double* amps)
{
    rows_ = int(rowPositions.size());
    columns_ = columns;
    const std::size_t nodes = std::size_t(rows_) * std::size_t(columns);
    vr_.assign(nodes, 0.0);
    vc_.assign(nodes, 0.0);
    for (int k = 0; k < rows_; ++k)
        std::fill_n(vr_.begin() + std::ptrdiff_t(std::size_t(k) * std::size_t(columns)), columns, volts[std::size_t(k)]);
    const std::size_t line = std::size_t(std::max(rows_, columns));
    lower_.resize(line);
    diag_.resize(line);
    upper_.resize(line);
    rhs_.resize(line);
    double vmax = 0;
    for (double v : volts)
        vmax = std::max(vmax, std::fabs(v));
    int sweeps = 0;
    if (!wires_.ideal() && rows_ > 0 && vmax > 0 && wires_.row_segment_ohm > 0 && wires_.col_segment_ohm > 0) {
        sweeps = solveFactored(rowPositions, volts, g, vmax);
    } else if (!wires_.ideal() && rows_ > 0 && vmax > 0) {
        for (;;) {
            double change = 0;
            solveRows(volts, g, change);
            solveColumns(rowPositions, g, change);
            ++sweeps;
            if (change <= kToleranceRel * vmax)
                break;
            if (sweeps >= kMaxSweeps)
                failToConverge();
        }
    }
    for (int j = 0; j < columns; ++j) {
        double sum = 0;
        for (int k = 0; k < rows_; ++k) {
            const std::size_t at = std::size_t(k) * std::size_t(columns) + std::size_t(j);
            sum += g[at] * (vr_[at] - vc_[at]);
        }
        amps[j] = sum;
    }
    return sweeps;
}

void CrossbarSolver::failToConverge() const
{
    throw InputError("IR drop: the crossbar solve of " + std::to_string(rows_) + " driven rows x " + std::to_string(columns_)
                     + " columns did not converge in " + std::to_string(kMaxSweeps) + " sweeps (row wire " + ohms(wires_.row_segment_ohm)
                     + ", column wire " + ohms(wires_.col_segment_ohm) + " per cell, driver " + ohms(wires_.driver_ohm) + ", sense "
                     + ohms(wires_.sense_ohm)
                     + "): the wires are too resistive for the cells' conductance; use smaller arrays, fewer parallel rows or "
                       "higher-resistance cells");
}

int CrossbarSolver::solveFactored(const std::vector<int>& rowPositions, const std::vector<double>& volts, const double* g, double vmax)
{
    const int n = rows_, m = columns_;
    const std::size_t nodes = std::size_t(n) * std::size_t(m), N = std::size_t(n), M = std::size_t(m);
    const double gr = 1.0 / wires_.row_segment_ohm, rc = wires_.col_segment_ohm;
    const bool idealDriver = wires_.driver_ohm == 0;
    const double gd = idealDriver ? 0.0 : 1.0 / wires_.driver_ohm;
    gT_.resize(nodes);
    rowMul_.resize(nodes);
    rowInv_.resize(nodes);
    colMul_.resize(nodes);
    colInv_.resize(nodes);
    rowRhs_.resize(nodes);
    colRhs_.resize(nodes);
    vrT_.resize(nodes);
    down_.resize(N);
    for (std::size_t k = 0; k < N; ++k)
        for (std::size_t j = 0; j < M; ++j) {
            gT_[j * N + k] = g[k * M + j];
            vrT_[j * N + k] = vr_[k * M + j];
        }
    // Row lines (Thomas factorisation, all rows side by side): upper and lower entries are −gr,
    // except that an ideal driver pins node 0 to the source (its row is the identity).
    const double upper0 = idealDriver ? 0.0 : -gr;
    for (std::size_t j = 0; j < M; ++j)
        for (std::size_t k = 0; k < N; ++k) {
            double diag = gT_[j * N + k] + (j > 0 ? gr : 0.0) + (j + 1 < M ? gr : 0.0) + (j == 0 ? gd : 0.0);
            if (j == 0 && idealDriver)
                diag = 1.0;
            double mul = 0;
            if (j > 0) {
                mul = -gr * rowInv_[(j - 1) * N + k];
                diag -= mul * (j == 1 ? upper0 : -gr);
            }
            rowMul_[j * N + k] = mul;
            rowInv_[j * N + k] = 1.0 / diag;
        }
    // Column lines: links between driven rows depend on their spacing only; the last one reaches
    // the sense circuit through the rest of the column.
    for (std::size_t k = 0; k < N; ++k)
        down_[k] = k + 1 < N ? 1.0 / (rc * double(rowPositions[k + 1] - rowPositions[k]))
                             : 1.0 / (rc * double(arrayRows_ - rowPositions[k]) + wires_.sense_ohm);
    for (std::size_t k = 0; k < N; ++k) {
        const double up = k > 0 ? down_[k - 1] : 0.0;
        for (std::size_t j = 0; j < M; ++j) {
            double diag = g[k * M + j] + up + down_[k];
            double mul = 0;
            if (k > 0) {
                mul = -up * colInv_[(k - 1) * M + j];
                diag -= mul * -up;
            }
            colMul_[k * M + j] = mul;
            colInv_[k * M + j] = 1.0 / diag;
        }
    }
    int sweeps = 0;
    for (;;) {
        double change = 0;
        // Row lines for the present column voltages: forward substitution along the row.
        for (std::size_t k = 0; k < N; ++k) {
            const double v = gT_[k] * vc_[k * M];
            rowRhs_[k] = idealDriver ? volts[k] : v + gd * volts[k];
        }
        for (std::size_t j = 1; j < M; ++j) {
            double* d = &rowRhs_[j * N];
            const double* prev = d - N;
            const double* gj = &gT_[j * N];
            const double* mul = &rowMul_[j * N];
            for (std::size_t k = 0; k < N; ++k)
                d[k] = gj[k] * vc_[k * M + j] - mul[k] * prev[k];
        }
        for (std::size_t jj = M; jj-- > 0;) {
            const double* d = &rowRhs_[jj * N];
            const double* inv = &rowInv_[jj * N];
            double* x = &vrT_[jj * N];
            const double up = jj == 0 ? upper0 : -gr;
            for (std::size_t k = 0; k < N; ++k) {
                const double v = (d[k] - (jj + 1 < M ? up * x[k + N] : 0.0)) * inv[k];
                change = std::max(change, std::fabs(v - x[k]));
                x[k] = v;
            }
        }
        // Column lines for the new row voltages.
        for (std::size_t k = 0; k < N; ++k) {
            double* d = &colRhs_[k * M];
            const double* gk = g + k * M;
            const double* mul = &colMul_[k * M];
            if (k == 0) {
                for (std::size_t j = 0; j < M; ++j)
                    d[j] = gk[j] * vrT_[j * N];
                continue;
            }
            const double* prev = d - M;
            for (std::size_t j = 0; j < M; ++j)
                d[j] = gk[j] * vrT_[j * N + k] - mul[j] * prev[j];
        }
        for (std::size_t kk = N; kk-- > 0;) {
            const double* d = &colRhs_[kk * M];
            const double* inv = &colInv_[kk * M];
            double* x = &vc_[kk * M];
            const double down = down_[kk];
            for (std::size_t j = 0; j < M; ++j) {
                const double v = (d[j] + (kk + 1 < N ? down * x[j + M] : 0.0)) * inv[j];
                change = std::max(change, std::fabs(v - x[j]));
                x[j] = v;
            }
        }
        ++sweeps;
        if (change <= kToleranceRel * vmax)
            break;
        if (sweeps >= kMaxSweeps)
            failToConverge();
    }
    for (std::size_t k = 0; k < N; ++k)
        for (std::size_t j = 0; j < M; ++j)
            vr_[k * M + j] = vrT_[j * N + k];
    return sweeps;
}

} // namespace kh::cim
