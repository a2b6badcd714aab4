// Fuzz-style robustness: truncated, mutated, non-numeric, negative, huge and empty NetWork.csv and
// design-point inputs must either parse or raise InputError — never crash, hang or yield NaN.
#include "common/InputError.h"
#include "io/NetworkCsv.h"
#include "ppa/ChipEstimator.h"
#include "spec/DesignPointJson.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace kh;

namespace {
const char* const kVgg8 = "32,32,3,3,3,128,0,1\n32,32,128,3,3,128,1,1\n16,16,128,3,3,256,0,1\n"
                          "1,1,8192,1,1,1024,0,1\n1,1,1024,1,1,10,0,1\n";
const char* const kPieces[] = {"-1", "0", "1e9", "99999999999999999999", "nan", "inf", "", ",", "\n", "\r", "x", "\xEF\xBB\xBF",
                               "\"", "{", "}", "[", "]", "null", "true", "3.5", "1048576", "-0", " ", "\t", "\0"};

std::string mutate(std::string s, std::mt19937& rng)
{
    std::uniform_int_distribution<int> op(0, 3);
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
        const size_t pos = rng() % s.size();
        switch (op(rng)) {
        case 0: s.erase(pos, 1 + rng() % 8); break;                                     // delete
        case 1: s.insert(pos, kPieces[rng() % (sizeof kPieces / sizeof *kPieces)]); break;  // insert a token
        case 2: s[pos] = char(rng() % 256); break;                                       // flip a byte
        case 3: s.resize(pos); break;                                                    // truncate
        }
    }
    return s;
}

bool finiteReport(const PpaReport& r)
{
    for (double v : {r.area_mm2, r.energy_pj, r.tops, r.tops_per_w, r.fps, r.latency_ns, r.leakage_uw})
        if (!std::isfinite(v) || v < 0)
            return false;
    return true;
}
} // namespace

class TestInputFuzz : public QObject {
    Q_OBJECT
private slots:
    void mutatedNetworkCsvNeverCrashes()
    {
        std::mt19937 rng(20261122);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 3000; ++i) {
            const std::string text = mutate(kVgg8, rng);
            try {
                const LayerTable t = parseNetworkCsv(text, "fuzz.csv");
                QVERIFY(!t.layers.empty());
                const PpaReport r = estimateChip(t, DesignPoint{});
                QVERIFY(finiteReport(r));
                ++parsed;
            } catch (const InputError& e) {
                QVERIFY2(QString(e.what()).startsWith("fuzz.csv:"), e.what());
                ++rejected;
            }
        }
        QVERIFY(parsed > 0 && rejected > 0);
    }

    void mutatedDesignPointNeverCrashes()
    {
        const std::string base = designPointToJson(DesignPoint{}).dump(1);
        const LayerTable net = parseNetworkCsv(kVgg8, "net.csv");
        std::mt19937 rng(7);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 3000; ++i) {
            const std::string text = mutate(base, rng);
            try {
                const DesignPoint dp = designPointFromJson(parseJsonText(text, "fuzz.json"));
                QVERIFY(finiteReport(estimateChip(net, dp)));
                ++parsed;
            } catch (const InputError&) {
                ++rejected;
            }
        }
        QVERIFY(parsed > 0 && rejected > 0);
    }

    void extremeButValidPointsGiveFiniteReports()
    {
        const LayerTable net = parseNetworkCsv("1,1,1048576,1,1,65536,0,1\n224,224,3,11,11,96,1,4\n", "big.csv");
        DesignPoint dp;
        for (int rows : {2, 4096}) {
            for (int adcBits : {1, 16}) {
                for (AdcType type : {AdcType::Flash, AdcType::Sar}) {
                    dp.array.rows = dp.array.cols = rows;
                    dp.array.parallel_rows = rows == 2 ? 1 : rows;
                    dp.array.cols_per_adc = rows;
                    dp.precision.adc_bits = adcBits;
                    dp.precision.adc_type = type;
                    dp.technology.node_nm = rows == 2 ? 130 : 1;
                    validateDesignPoint(dp);
                    QVERIFY(finiteReport(estimateChip(net, dp)));
                }
            }
        }
    }

    void emptyAndGarbageJsonAreRejected()
    {
        for (const char* text : {"", " ", "{", "[", "nul", "{\"array\":", "\xff\xfe", "{\"array\": {\"rows\": 1e999}}"}) {
            QVERIFY_THROWS_EXCEPTION(InputError, designPointFromJson(parseJsonText(text, "g.json")));
        }
    }
};

QTEST_APPLESS_MAIN(TestInputFuzz)
#include "tst_input_fuzz.moc"
