// The training pieces (docs/training.md): the straight-through quantizer's forward pass is the
// simulator's grid and its gradient the clip's, checked against finite differences of the clip;
// the noise injection's gradient against finite differences of the same draw, its statistics
// against the spec, and its draws against the seed; and a tiny quantized, noisy network learns a
// tiny task, the same way twice for one seed.
#include "train/StraightThroughQuantizer.h"
#include "train/WeightNoise.h"

#include <QTest>

#include <cmath>

using namespace kh::train;

class TestTrainPieces : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(1); }

    void quantizerRoundsForwardAndPassesTheClipGradient()
    {
        const double step = 0.1;
        torch::Tensor x = torch::tensor({-2.0, -0.74, -0.26, 0.0, 0.04, 0.26, 0.55, 0.77, 2.0}, torch::dtype(torch::kFloat64).requires_grad(true));
        const torch::Tensor y = straightThroughQuantize(x, step, -7, 7);
        const std::vector<double> expected{-0.7, -0.7, -0.3, 0.0, 0.0, 0.3, 0.6, 0.7, 0.7};
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::fabs(y[long(i)].item<double>() - expected[i]) < 1e-12);
        y.sum().backward();
        // Finite differences of the surrogate, clamp(x, −0.7, 0.7), away from its corners.
        for (long i = 0; i < x.numel(); ++i) {
            const double v = x[i].item<double>(), h = 1e-6;
            auto clip = [](double u) { return std::clamp(u, -0.7, 0.7); };
            const double fd = (clip(v + h) - clip(v - h)) / (2 * h);
            QVERIFY2(std::fabs(x.grad()[i].item<double>() - fd) < 1e-6, qPrintable(QString("x = %1").arg(v)));
        }
    }

    void noiseInjectionHasItsGradientStatisticsAndSeed()
    {
        WeightNoiseSpec spec;
        spec.sigma_rel = 0.2;
        spec.p_stuck_min = 0.05;
        spec.p_stuck_max = 0.03;
        spec.w_max = 1.5;
        torch::Tensor w = torch::rand({200, 250}) * 2 - 1;
        w.requires_grad_(true);
        const torch::Tensor c = torch::randn({200, 250});
        const torch::Tensor noisy = injectWeightNoise(w, spec, 7, 3);
        (noisy * c).sum().backward();
        // Finite differences of one draw: the same (seed, step) is the same chip.
        const torch::Tensor g = w.grad().clone();
        for (long k : {0L, 17L, 4999L, 31337L}) {
            const double h = 1e-2;
            torch::NoGradGuard guard;
            torch::Tensor wp = w.detach().clone(), wm = w.detach().clone();
            wp.view({-1})[k] += h;
            wm.view({-1})[k] -= h;
            const double fd = ((injectWeightNoise(wp, spec, 7, 3) * c).sum().item<double>()
                               - (injectWeightNoise(wm, spec, 7, 3) * c).sum().item<double>()) / (2 * h);
            QVERIFY2(std::fabs(g.view({-1})[k].item<double>() - fd) < 2e-3 * (1 + std::fabs(fd)), qPrintable(QString("weight %1").arg(k)));
        }
        // Statistics of the draw: stuck fractions and the relative spread of the others.
        torch::NoGradGuard guard;
        const torch::Tensor atZero = noisy == 0, atMax = noisy.abs() == 1.5f;
        const double n = double(w.numel());
        QVERIFY(std::fabs(atZero.sum().item<double>() / n - 0.05) < 0.004);
        QVERIFY(std::fabs(atMax.sum().item<double>() / n - 0.03) < 0.003);
        const torch::Tensor free = ~(atZero | atMax) & (w.abs() > 0.05);
        const torch::Tensor ratio = (noisy / w).masked_select(free);
        QVERIFY2(std::fabs(ratio.mean().item<double>() - 1.0) < 0.005, qPrintable(QString::number(ratio.mean().item<double>())));
        QVERIFY2(std::fabs(ratio.std().item<double>() - 0.2) < 0.004, qPrintable(QString::number(ratio.std().item<double>())));
        // Another step is another chip; the same step the same one.
        QVERIFY(torch::equal(noisy, injectWeightNoise(w, spec, 7, 3)));
        QVERIFY(!torch::equal(noisy, injectWeightNoise(w, spec, 7, 4)));
        QVERIFY(!torch::equal(noisy, injectWeightNoise(w, spec, 8, 3)));
    }

    void aTinyQuantizedNoisyNetworkLearnsATinyTask()
    {
        // Two classes: inside or outside a circle; 4-bit weights with 10 % variation each step.
        auto train = [] {
            torch::manual_seed(1);
            const torch::Tensor x = torch::rand({512, 2}) * 2 - 1;
            const torch::Tensor label = ((x * x).sum(1) < 0.5).to(torch::kLong);
            torch::nn::Linear l1(2, 32), l2(32, 2);
            torch::optim::Adam opt(std::vector<torch::Tensor>{l1->weight, l1->bias, l2->weight, l2->bias}, 0.02);
            WeightNoiseSpec noise;
            noise.sigma_rel = 0.1;
            auto forward = [&](const torch::Tensor& in, std::uint64_t step) {
                auto layer = [&](torch::nn::Linear& l, const torch::Tensor& a, std::uint64_t salt) {
                    const double step4 = 2.0 / 15;   // 4-bit signed grid over [−1, 1]
                    const torch::Tensor q = straightThroughQuantize(l->weight, step4, -7, 7);
                    return torch::nn::functional::linear(a, injectWeightNoise(q, noise, 11 + salt, step), l->bias);
                };
                return layer(l2, torch::relu(layer(l1, in, 0)), 1);
            };
            double loss = 0;
            for (std::uint64_t s = 0; s < 300; ++s) {
                opt.zero_grad();
                const torch::Tensor l = torch::nn::functional::cross_entropy(forward(x, s), label);
                l.backward();
                opt.step();
                loss = l.item<double>();
            }
            torch::NoGradGuard guard;
            const double accuracy = (forward(x, 100000).argmax(1) == label).to(torch::kFloat64).mean().item<double>();
            return std::make_pair(loss, accuracy);
        };
        const auto [loss, accuracy] = train();
        QVERIFY2(accuracy > 0.9, qPrintable(QString("accuracy %1, loss %2").arg(accuracy).arg(loss)));
        QCOMPARE(train(), std::make_pair(loss, accuracy));   // deterministic for a seed
    }
};

QTEST_APPLESS_MAIN(TestTrainPieces)
#include "tst_train_pieces.moc"
