// The field table (spec/DesignFields.h): it describes every key the JSON reader accepts and the
// writer emits; the docs' table is generated from it; errors carry the key path as data; the JSON
// Schema covers every key; and the accuracy cache key holds exactly the fields accuracy reads.
// The last property is also checked against the simulator itself: changing any field marked as
// PPA-only leaves a simulated chip's outputs bit-for-bit unchanged.
#include "cim/CimNetworkHook.h"
#include "cim/InputCalibration.h"
#include "common/InputError.h"
#include "io/IdxDataset.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"
#include "spec/DesignFields.h"
#include "spec/DesignPointJson.h"

#include <QFile>
#include <QTest>

#include <set>

using namespace kh;
using nlohmann::json;

namespace {
// Every leaf key of a written design point.
void leafKeys(const json& j, const std::string& prefix, std::set<std::string>& out)
{
    for (const auto& [k, v] : j.items()) {
        const std::string key = prefix.empty() ? k : prefix + "." + k;
        if (v.is_object())
            leafKeys(v, key, out);
        else
            out.insert(key);
    }
}

// Another valid value for the field, applied to 'base' through JSON; nullopt when none validates.
std::optional<DesignPoint> changed(const DesignField& f, const DesignPoint& base)
{
    const json current = f.get(base);
    std::vector<json> candidates;
    switch (f.kind) {
    case FieldKind::Int: {
        const long long v = current.get<long long>();
        candidates = {v + 1, v - 1, (long long)f.min, (long long)f.max, v * 2, v / 2};
        break;
    }
    case FieldKind::UInt64: candidates = {current.get<unsigned long long>() + 1}; break;
    case FieldKind::Number:
    case FieldKind::OptionalNumber: {
        const double v = current.is_null() ? f.min : current.get<double>();
        candidates = {v * 1.5, v * 0.5, (f.min + f.max) / 2, f.min, f.max, v + 0.25};
        break;
    }
    case FieldKind::NumberList: candidates = {json::array({f.max / 2}), json::array({0.5, 0.5, 0.5}), json::array({f.min})}; break;
    case FieldKind::Bool: candidates = {!current.get<bool>()}; break;
    case FieldKind::Enum:
        for (const std::string& c : f.choices)
            candidates.push_back(c);
        break;
    case FieldKind::Speedup: candidates = {4, 16}; break;
    case FieldKind::MemStates: candidates = {json::array({{1e-6, 1e-8}, {2e-5, 1e-7}})}; break;
    case FieldKind::OutputNoise: candidates = {json::array({{0, 0.0, 0.1}, {1, 1.0, 0.2}})}; break;
    }
    for (const json& c : candidates) {
        if (c == current)
            continue;
        json j = designPointToJson(base);
        j[designKeyPointer(f.key)] = c;
        try {
            return designPointFromJson(j);
        } catch (const InputError&) {
        }
    }
    return std::nullopt;
}
} // namespace

class TestDesignFields : public QObject {
    Q_OBJECT
private slots:
    void tableDescribesEveryWrittenKey()
    {
        std::set<std::string> written, table;
        leafKeys(designPointToJson(DesignPoint{}), "", written);
        for (const DesignField& f : designFields()) {
            QVERIFY2(table.insert(f.key).second, f.key.c_str());   // unique
            QVERIFY2(!f.description.empty() && f.get && f.read && f.readBy != 0, f.key.c_str());
            QCOMPARE(findDesignField(f.key), &f);
        }
        QCOMPARE(written, table);
        QVERIFY(findDesignField("precision.adc_bitz") == nullptr);
        // Keys become JSON pointers with RFC 6901 escapes, so no text makes an invalid pointer.
        QCOMPARE(QString::fromStdString(designKeyPointer("noise.saf.p_stuck_min").to_string()), QString("/noise/saf/p_stuck_min"));
        QCOMPARE(QString::fromStdString(designKeyPointer("a~b.c/d").to_string()), QString("/a~0b/c~1d"));
    }

    void writtenPointsReadBackIdentically()
    {
        DesignPoint dp;
        dp.device.mem_states = {{1e-6, 1e-8}, {3e-6, 2e-8}};
        dp.noise.drift.mode = DriftMode::Target;
        dp.noise.drift.target = 0.25;
        dp.chip.speedup = 16;
        dp.technology.vdd_v = 0.8;
        const json j = designPointToJson(dp);
        QVERIFY(designPointToJson(designPointFromJson(j)) == j);
    }

    void docsTableIsTheGeneratedOne()
    {
        QFile f(QString(KIRCHHOFF_TEST_PRESETS) + "/../docs/design-point.md");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string doc = f.readAll().toStdString();
        const std::string begin = "<!-- fields:begin -->\n", end = "<!-- fields:end -->";
        const size_t a = doc.find(begin), b = doc.find(end);
        QVERIFY(a != std::string::npos && b != std::string::npos);
        const std::string committed = doc.substr(a + begin.size(), b - a - begin.size());
        QVERIFY2(committed == designFieldsMarkdown(),
                 "docs/design-point.md differs from the field table: replace its table with `kirchhoff-cli schema --markdown`");
    }

    void errorsCarryTheKeyPathAsData()
    {
        for (const auto& [text, key] : std::vector<std::pair<json, std::string>>{
                 {{{"precision", {{"adc_bits", 40}}}}, "precision.adc_bits"},
                 {{{"array", {{"rowz", 1}}}}, "array.rowz"},
                 {{{"noise", {{"drift", {{"nu", "x"}}}}}}, "noise.drift.nu"},
                 {{{"array", {{"rows", 16}, {"parallel_rows", 32}}}}, "array.parallel_rows"},
                 {{{"noise", {{"saf", {{"p_stuck_min", 0.6}, {"p_stuck_max", 0.6}}}}}}, "noise.saf"}}) {
            try {
                designPointFromJson(text);
                QFAIL(text.dump().c_str());
            } catch (const InputError& e) {
                QCOMPARE(QString::fromStdString(e.key()), QString::fromStdString(key));
                QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(key) + ": "), e.what());
            }
        }
    }

    void schemaCoversEveryKeyWithItsRange()
    {
        const json schema = designPointSchema();
        QVERIFY(schema["additionalProperties"] == json(false));
        for (const DesignField& f : designFields()) {
            json::json_pointer p;
            std::stringstream path(f.key);
            for (std::string part; std::getline(path, part, '.');)
                p = p / "properties" / part;
            QVERIFY2(schema.contains(p), f.key.c_str());
            const json& s = schema.at(p);
            QVERIFY2(s.contains("description"), f.key.c_str());
            if (f.kind == FieldKind::Int || f.kind == FieldKind::Number) {
                QCOMPARE(s["minimum"].get<double>(), f.min);
                QCOMPARE(s["maximum"].get<double>(), f.max);
                QVERIFY2(s["default"] == f.get(DesignPoint{}), f.key.c_str());
            }
            if (f.kind == FieldKind::Enum)
                QCOMPARE(s["enum"].size(), f.choices.size());
        }
        QVERIFY(schema["properties"]["noise"]["properties"]["drift"]["additionalProperties"] == json(false));
    }

    void accuracyKeyHoldsExactlyTheFieldsAccuracyReads()
    {
        // DAC inputs, so that dac_bits can change (bit-serial inputs fix it at 1).
        // A linear SAR ADC, so that its range and capacitor mismatch can be set; device mode, for the
        // PCM model.
        const DesignPoint base = designPointFromJson(json{{"mapping", {{"input_encoding", "dac"}}},
                                                          {"precision", {{"adc_type", "sar"}, {"adc_mode", "linear"}}},
                                                          {"noise", {{"mode", "device"}}}});
        const json key = accuracyRelevantJson(base);
        int accuracyFields = 0, ppaFields = 0;
        for (const DesignField& f : designFields()) {
            const std::optional<DesignPoint> other = changed(f, base);
            QVERIFY2(other.has_value(), ("no valid second value for " + f.key).c_str());
            const bool differs = accuracyRelevantJson(*other) != key;
            QVERIFY2(differs == f.readByAccuracy(), f.key.c_str());
            (f.readByAccuracy() ? accuracyFields : ppaFields) += 1;
        }
        QVERIFY(accuracyFields >= 25 && ppaFields >= 15);
    }

    void ppaOnlyFieldsLeaveSimulatedOutputsUnchanged()
    {
        // A noisy point (device variation, read noise, stuck cells, drift, a lossy ADC), where
        // anything the simulator read would move the result.
        DesignPoint base = designPointFromJson(json{{"device", {{"cell_bits", 2}}},
                                                    {"array", {{"rows", 64}, {"cols", 64}, {"parallel_rows", 32}}},
                                                    {"precision", {{"adc_bits", 5}}},
                                                    {"noise",
                                                     {{"mode", "device"},
                                                      {"read_noise_rel", 0.02},
                                                      {"saf", {{"p_stuck_min", 0.01}, {"p_stuck_max", 0.005}}},
                                                      {"drift", {{"t_s", 100}, {"nu", 0.01}}}}},
                                                    {"evaluation", {{"images", 100}, {"chips", 1}, {"seed", 7}}}});
        const nn::Graph mlp = nn::importOnnx(std::string(KIRCHHOFF_TEST_PRESETS) + "/models/mlp_fashion.onnx");
        const LabeledDataset test = loadIdxDataset("fashion-mnist", "test");
        nn::Tensor batch = nn::Tensor::floats({16, 1, 28, 28});
        for (size_t k = 0; k < batch.f.size(); ++k)
            batch.f[k] = float(test.pixels[k]) / 255.0f;
        const nn::Executor ex(mlp);
        // The simulated chip's logits: any field the simulator reads moves some of them.
        auto logits = [&](const DesignPoint& dp) {
            cim::CimNetworkHook hook(dp, cim::calibrateInputs(ex, batch, dp.precision.percentile), dp.evaluation.seed);
            return ex.run({batch}, &hook)[0].f;
        };
        const std::vector<float> reference = logits(base);
        for (const DesignField& f : designFields()) {
            if (f.readByAccuracy())
                continue;
            const std::optional<DesignPoint> other = changed(f, base);
            QVERIFY2(other.has_value(), f.key.c_str());
            QVERIFY2(logits(*other) == reference, ("changing " + f.key + " moved the simulated outputs; mark it as read by accuracy").c_str());
        }
        // And the check can fail: an accuracy field does move them.
        DesignPoint noisier = base;
        noisier.noise.read_noise_rel = 0.03;
        QVERIFY(logits(noisier) != reference);
    }
};

QTEST_GUILESS_MAIN(TestDesignFields)
#include "tst_design_fields.moc"
