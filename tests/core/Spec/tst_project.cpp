// The project file (format 1) round-trips with relative paths and rejects bad input with the key's
// path; the explorer's teaching and table models compute what their views show: the Learn
// crossbar, the output_noise confusion matrix, and a device preset turned into mem_states.
#include "cim/OutputNoiseConfusion.h"
#include "cim/TeachingCrossbar.h"
#include "common/InputError.h"
#include "common/TextFile.h"
#include "spec/DesignPointJson.h"
#include "spec/ProjectFile.h"
#include "vmm/DeviceToDesign.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace kh;

class TestProject : public QObject {
    Q_OBJECT

    static QString loadError(const QString& path, const std::string& text)
    {
        writeTextFile(path.toStdString(), text);
        try {
            loadProjectFile(path.toStdString());
        } catch (const InputError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void projectRoundTripsWithRelativePaths()
    {
        QTemporaryDir dir;
        Project p;
        p.design.array.rows = 64;
        p.design.array.parallel_rows = 64;
        p.design.precision.adc_bits = 6;
        p.design.device.mem_states = {{1e-6, 1e-8}, {2e-5, 3e-7}};
        p.network_path = dir.filePath("nets/vgg8.csv").toStdString();
        p.model_path = "/elsewhere/model.onnx";
        p.results_path = dir.filePath("study.sqlite").toStdString();
        p.sweep = nlohmann::json::parse(R"({"axes": {"device.cell_bits": [1, 2]}, "sampler": "grid"})");
        const QString path = dir.filePath("study.kirchhoff.json");
        saveProjectFile(path.toStdString(), p);
        const nlohmann::json written = parseJsonText(readTextFile(path.toStdString()), "x");
        QCOMPARE(written["format"].get<int>(), 1);
        QCOMPARE(written["network"].get<std::string>(), std::string("nets/vgg8.csv"));   // inside: relative
        QCOMPARE(written["results"].get<std::string>(), std::string("study.sqlite"));
        QCOMPARE(written["model"].get<std::string>(), std::string("/elsewhere/model.onnx"));   // outside: absolute
        const Project back = loadProjectFile(path.toStdString());
        QVERIFY(designPointToJson(back.design) == designPointToJson(p.design));
        QCOMPARE(back.network_path, p.network_path);
        QCOMPARE(back.results_path, p.results_path);
        QCOMPARE(back.model_path, p.model_path);
        QVERIFY(back.sweep == p.sweep);
        // The sweep spec it implies carries the project's point as base.
        const nlohmann::json spec = projectSweepSpec(back);
        QCOMPARE(spec["base"]["array"]["rows"].get<int>(), 64);
        QCOMPARE(spec["model"].get<std::string>(), p.model_path);
    }

    void badProjectsNameTheKey()
    {
        QTemporaryDir dir;
        const QString f = dir.filePath("p.kirchhoff.json");
        QVERIFY(loadError(f, "{}").contains("format: missing"));
        QVERIFY(loadError(f, R"({"format": 2})").contains("format 2 is not supported"));
        QVERIFY(loadError(f, R"({"format": 1, "design": {"array": {"rows": "x"}}})").contains("design.array.rows"));
        QVERIFY(loadError(f, R"({"format": 1, "colour": 3})").contains("colour"));
        QVERIFY(loadError(f, R"({"format": 1, "sweep": 3})").contains("sweep: expected an object"));
        QVERIFY(loadError(f, "{\"format\": 1,\n \"design\": }").contains("p.kirchhoff.json:2"));
        QVERIFY(loadError(f, "[1, 2]").contains("JSON object"));
        Project empty;
        QVERIFY_THROWS_EXCEPTION(InputError, projectSweepSpec(empty));
    }

    void teachingCrossbarSumsOhmsLawCurrents()
    {
        TeachingCrossbarInput in;
        in.rows = 2;
        in.cols = 2;
        in.g_us = {10, 20, 30, 40};
        in.v_in = {0.1, 0.2};
        in.adc_bits = 4;
        in.full_scale_ua = 15;
        const TeachingCrossbarResult r = runTeachingCrossbar(in);
        QCOMPARE(r.ideal_ua[0], 0.1 * 10 + 0.2 * 30);   // 7 µA
        QCOMPARE(r.ideal_ua[1], 0.1 * 20 + 0.2 * 40);   // 10 µA
        QCOMPARE(r.actual_ua, r.ideal_ua);
        QCOMPARE(r.lsb_ua, 1.0);                         // 15 µA over 15 steps
        QCOMPARE(r.adc_code, (std::vector<int>{7, 10}));
        in.full_scale_ua = 7.5;                          // column 2 now clips at code 15
        const TeachingCrossbarResult c = runTeachingCrossbar(in);
        QCOMPARE(c.adc_code[1], 15);
        QVERIFY(c.clipped[1] && !c.clipped[0]);
        // Stuck at G_min and drift (t/t0)^-ν act on the conductances; the same seed, the same chip.
        in.stuck = {StuckState::AtMin, StuckState::None, StuckState::None, StuckState::None};
        in.drift_t_s = 100;
        in.drift_nu = 0.1;
        const TeachingCrossbarResult d = runTeachingCrossbar(in);
        QCOMPARE(d.g_actual_us[0], in.g_min_us);
        QVERIFY(std::fabs(d.g_actual_us[3] - 40 * std::pow(100.0, -0.1)) < 1e-12);
        in.variation_rel = 0.2;
        QCOMPARE(runTeachingCrossbar(in).actual_ua, runTeachingCrossbar(in).actual_ua);
        in.g_us.pop_back();
        QVERIFY_THROWS_EXCEPTION(InputError, runTeachingCrossbar(in));
    }

    void confusionMatrixFollowsTheCircuitNoiseModel()
    {
        const OutputNoiseConfusion c = outputNoiseConfusion({{0, 0.0, 0.0}, {1, 1.0, 0.5}, {2, 2.4, 0.0}});
        QCOMPARE(c.max_output, 2LL);
        QCOMPARE(c.p[0], (std::vector<double>{1, 0, 0}));
        QCOMPARE(c.p[2], (std::vector<double>{0, 0, 1}));   // round(2.4) = 2
        // N(1, 0.5): P(|x − 1| < 0.5) = erf(1/√2) = 0.6827; each tail 0.1587 (clipped ends collect).
        QVERIFY(std::fabs(c.p[1][1] - 0.682689) < 1e-6);
        QVERIFY(std::fabs(c.p[1][0] - 0.158655) < 1e-6);
        QVERIFY(std::fabs(c.correctFraction() - (2 + 0.682689) / 3) < 1e-6);
    }

    void devicePresetBecomesMemStates()
    {
        vmm::RramDevice d;
        d.r_on_ohm = 100e3;
        d.memory_window = 10;
        d.nl_ltp = 3;
        d.c2c = 0.05;
        DesignPoint dp;
        dp.device.cell_bits = 2;
        vmm::applyDeviceToDesign(d, dp);
        validateDesignPoint(dp);
        QCOMPARE(dp.device.mem_states.size(), size_t(4));
        QCOMPARE(dp.device.mem_states.front().g_mean_s, 1e-6);   // G_min = G_max / window
        QVERIFY(std::fabs(dp.device.mem_states.back().g_mean_s - 1e-5) < 1e-18);
        QCOMPARE(dp.device.mem_states[1].g_sigma_s, 0.05 * dp.device.mem_states[1].g_mean_s);
        // A non-linear LTP curve crowds the states towards G_max: the first step is the largest.
        const double s1 = dp.device.mem_states[1].g_mean_s - dp.device.mem_states[0].g_mean_s;
        const double s3 = dp.device.mem_states[3].g_mean_s - dp.device.mem_states[2].g_mean_s;
        QVERIFY(s1 > 2 * s3);
        QCOMPARE(dp.device.on_off_ratio, 10.0);
    }
};

QTEST_MAIN(TestProject)
#include "tst_project.moc"
