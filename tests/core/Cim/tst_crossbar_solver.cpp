// The IR-drop crossbar solver (cim/CrossbarSolver) against exact nodal analysis: the whole network
// stamped into one conductance matrix and solved densely (Eigen's LU), for 2×2, 4×4 and 16×16
// arrays, all rows or a subset driven, with and without terminal resistances. Plus the limits: no
// resistance is the ideal product Σ g·V exactly, a vanishing resistance tends to it, and the loss
// grows with wire resistance and with array size.
#include "cim/CrossbarSolver.h"
#include "common/InputError.h"

#include <Eigen/Dense>
#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::cim;

namespace {

struct Read {
    std::vector<int> positions;
    std::vector<double> volts;
    std::vector<double> g;   // rows × columns
    int columns = 0;
};

Read randomRead(int arrayRows, int columns, const std::vector<int>& positions, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> conductance(1.0 / 100e3, 1.0 / 6e3), volts(0.1, 0.5);
    Read r;
    r.positions = positions;
    r.columns = columns;
    for (size_t k = 0; k < positions.size(); ++k)
        r.volts.push_back(volts(rng));
    for (size_t k = 0; k < positions.size() * size_t(columns); ++k)
        r.g.push_back(conductance(rng));
    (void)arrayRows;
    return r;
}

// Exact nodal analysis: unknowns are every row node and every column node of the driven rows.
std::vector<double> denseReference(const Read& r, const CrossbarWires& w, int arrayRows)
{
    const int n = int(r.positions.size()), m = r.columns, nodes = 2 * n * m;
    auto rowNode = [&](int k, int j) { return k * m + j; };
    auto colNode = [&](int k, int j) { return n * m + k * m + j; };
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(nodes, nodes);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(nodes);
    auto link = [&](int p, int q, double g) {
        a(p, p) += g;
        a(q, q) += g;
        a(p, q) -= g;
        a(q, p) -= g;
    };
    for (int k = 0; k < n; ++k) {
        const double gd = 1.0 / w.driver_ohm;
        a(rowNode(k, 0), rowNode(k, 0)) += gd;   // to the source
        b(rowNode(k, 0)) += gd * r.volts[size_t(k)];
        for (int j = 0; j + 1 < m; ++j)
            link(rowNode(k, j), rowNode(k, j + 1), 1.0 / w.row_segment_ohm);
        for (int j = 0; j < m; ++j)
            link(rowNode(k, j), colNode(k, j), r.g[size_t(k) * size_t(m) + size_t(j)]);
    }
    for (int j = 0; j < m; ++j) {
        for (int k = 0; k + 1 < n; ++k)
            link(colNode(k, j), colNode(k + 1, j), 1.0 / (w.col_segment_ohm * (r.positions[size_t(k + 1)] - r.positions[size_t(k)])));
        const int last = colNode(n - 1, j);
        a(last, last) += 1.0 / (w.col_segment_ohm * (arrayRows - r.positions[size_t(n - 1)]) + w.sense_ohm);   // to ground
    }
    const Eigen::VectorXd v = a.partialPivLu().solve(b);
    std::vector<double> amps(size_t(m), 0.0);
    for (int j = 0; j < m; ++j)
        for (int k = 0; k < n; ++k)
            amps[size_t(j)] += r.g[size_t(k) * size_t(m) + size_t(j)] * (v(rowNode(k, j)) - v(colNode(k, j)));
    return amps;
}

std::vector<double> solved(const Read& r, const CrossbarWires& w, int arrayRows, int* sweeps = nullptr)
{
    CrossbarSolver solver(w, arrayRows);
    std::vector<double> amps(size_t(r.columns));
    const int s = solver.solve(r.positions, r.volts, r.g.data(), r.columns, amps.data());
    if (sweeps)
        *sweeps = s;
    return amps;
}

std::vector<double> ideal(const Read& r)
{
    std::vector<double> amps(size_t(r.columns), 0.0);
    for (size_t k = 0; k < r.positions.size(); ++k)
        for (int j = 0; j < r.columns; ++j)
            amps[size_t(j)] += r.g[k * size_t(r.columns) + size_t(j)] * r.volts[k];
    return amps;
}

double worstRelative(const std::vector<double>& a, const std::vector<double>& b)
{
    double worst = 0;
    for (size_t j = 0; j < a.size(); ++j)
        worst = std::max(worst, std::fabs(a[j] - b[j]) / std::fabs(b[j]));
    return worst;
}

std::vector<int> allRows(int n)
{
    std::vector<int> p(static_cast<size_t>(n));
    for (int k = 0; k < n; ++k)
        p[size_t(k)] = k;
    return p;
}

// Relative loss of the total column current against the ideal product.
double totalLoss(const Read& r, const CrossbarWires& w, int arrayRows)
{
    double got = 0, want = 0;
    for (double a : solved(r, w, arrayRows))
        got += a;
    for (double a : ideal(r))
        want += a;
    return 1.0 - got / want;
}

} // namespace

class TestCrossbarSolver : public QObject {
    Q_OBJECT
private slots:
    void matchesDenseNodalAnalysis_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<bool>("subset");
        QTest::addColumn<double>("wireOhm");
        QTest::newRow("2x2") << 2 << 2 << false << 5.0;
        QTest::newRow("4x4") << 4 << 4 << false << 5.0;
        QTest::newRow("16x16") << 16 << 16 << false << 5.0;
        QTest::newRow("16x16, rows 1 4 5 9 15 driven") << 16 << 16 << true << 5.0;
        QTest::newRow("16x16, 200 ohm wires") << 16 << 16 << false << 200.0;
        QTest::newRow("4x16") << 4 << 16 << false << 20.0;
    }
    void matchesDenseNodalAnalysis()
    {
        QFETCH(int, rows);
        QFETCH(int, columns);
        QFETCH(bool, subset);
        QFETCH(double, wireOhm);
        const std::vector<int> positions = subset ? std::vector<int>{1, 4, 5, 9, 15} : allRows(rows);
        const Read r = randomRead(rows, columns, positions, 7U + unsigned(rows * columns));
        const CrossbarWires w{wireOhm, 0.5 * wireOhm, 150.0, 80.0};
        int sweeps = 0;
        const std::vector<double> got = solved(r, w, rows, &sweeps), want = denseReference(r, w, rows);
        // The solver stops when no node moves by 1e-9 of the drive: currents agree to ~1e-8.
        QVERIFY2(worstRelative(got, want) < 1e-7, qPrintable(QString::number(worstRelative(got, want))));
        // And the drop is real: the reference differs from the ideal product.
        QVERIFY(worstRelative(ideal(r), want) > 1e-4);
        QVERIFY(sweeps > 1);
    }

    void zeroResistanceIsTheIdealProduct()
    {
        const Read r = randomRead(16, 16, allRows(16), 3);
        int sweeps = -1;
        const std::vector<double> got = solved(r, CrossbarWires{}, 16, &sweeps);
        QCOMPARE(sweeps, 0);
        const std::vector<double> want = ideal(r);
        for (size_t j = 0; j < got.size(); ++j)
            QCOMPARE(got[j], want[j]);
    }

    void vanishingResistanceTendsToTheIdealProduct()
    {
        // The drop is first order in the resistance: the error falls in proportion to it.
        const Read r = randomRead(16, 16, allRows(16), 5);
        auto error = [&](double ohm) { return worstRelative(solved(r, CrossbarWires{ohm, ohm, ohm, ohm}, 16), ideal(r)); };
        const double e1 = error(0.1), e2 = error(1e-3), e3 = error(1e-5);
        QVERIFY(e1 < error(1.0));
        QVERIFY(std::fabs(e2 / e1 - 1e-2) < 1e-3);
        QVERIFY(std::fabs(e3 / e2 - 1e-2) < 1e-3);
        QVERIFY(e3 < 1e-6);
    }

    void idealTerminalsWithResistiveWires()
    {
        // An ideal driver (0 ohm) or an ideal virtual ground (0 ohm) is the limit of small ones,
        // and wires of zero resistance make each line one node.
        const Read r = randomRead(8, 8, allRows(8), 11);
        const double tiny = 1e-6;
        QVERIFY(worstRelative(solved(r, {4, 2, 0, 0}, 8), denseReference(r, {4, 2, tiny, tiny}, 8)) < 1e-7);
        QVERIFY(worstRelative(solved(r, {0, 2, 100, 0}, 8), denseReference(r, {tiny, 2, 100, tiny}, 8)) < 1e-6);
        QVERIFY(worstRelative(solved(r, {4, 0, 0, 100}, 8), denseReference(r, {4, tiny, tiny, 100}, 8)) < 1e-6);
    }

    void lossGrowsWithWireResistanceAndArraySize()
    {
        double previous = 0;
        for (double ohm : {0.5, 2.0, 8.0}) {
            const double loss = totalLoss(randomRead(64, 64, allRows(64), 13), {ohm, ohm, 0, 0}, 64);
            QVERIFY(loss > previous);
            previous = loss;
        }
        // Super-linear in size: doubling the array more than doubles the loss.
        double smaller = 0;
        for (int n : {16, 32, 64, 128}) {
            const double loss = totalLoss(randomRead(n, n, allRows(n), 17), {2, 2, 0, 0}, n);
            QVERIFY(loss > 2 * smaller);
            smaller = loss;
        }
    }

    void cellsFartherFromTheDriverAndSenseLoseMore()
    {
        // One cell driven alone: its current falls with its distance along the row and up the column.
        std::vector<double> g(16 * 16, 1.0 / 10e3);
        CrossbarSolver solver({5, 5, 0, 0}, 16);
        std::vector<double> amps(16);
        solver.solve({15}, {0.3}, g.data(), 16, amps.data());
        for (int j = 1; j < 16; ++j)
            QVERIFY(amps[size_t(j)] < amps[size_t(j - 1)]);
        std::vector<double> near(16), far(16);
        solver.solve({15}, {0.3}, g.data(), 16, near.data());
        solver.solve({0}, {0.3}, g.data(), 16, far.data());
        QVERIFY(far[0] < near[0]);
    }

    void nonConvergenceNamesTheArrayAndTheWires()
    {
        // Wires a million times more resistive than the cells: the relaxation crawls.
        const Read r = randomRead(64, 64, allRows(64), 19);
        try {
            solved(r, {5e7, 5e7, 0, 0}, 64);
            QFAIL("expected an error");
        } catch (const InputError& e) {
            const QString what = e.what();
            QVERIFY2(what.contains("did not converge") && what.contains("64 driven rows x 64 columns") && what.contains("row wire"),
                     e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestCrossbarSolver)
#include "tst_crossbar_solver.moc"
