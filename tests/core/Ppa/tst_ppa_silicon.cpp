// Silicon macros (presets/designs/silicon_*.json) against their published figures at macro scope.
// Every preset loads and estimates; the test prints the ratios (docs/validation.md §3) and holds the
// worst TOPS/W and TOPS factors and NeuRRAM's precision trend to where the model stands today, so
// they only tighten (issue 16 asks for 25 %, or 1.5x with a named missing fact).
#include "io/CsvLine.h"
#include "ppa/MacroEstimator.h"
#include "spec/DesignPointJson.h"

#include <QTest>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <sstream>

using namespace kh;

namespace {
struct Published {
    std::string preset;
    double tops_w = 0;
    double tops = 0;   // 0: not published
};

std::vector<Published> publishedMacros()
{
    std::ifstream in(std::string(KIRCHHOFF_TEST_DATA) + "/ppa/silicon_macros.csv");
    std::stringstream text;
    text << in.rdbuf();
    std::vector<Published> rows;
    bool header = true;
    for (const csv::Line& l : csv::splitLines(text.str())) {
        if (l.fields.empty() || l.fields[0].rfind("#", 0) == 0)
            continue;
        if (header) {
            header = false;
            continue;
        }
        Published p;
        p.preset = l.fields.at(0);
        if (!csv::parseDouble(l.fields.at(1), p.tops_w) || (!l.fields.at(2).empty() && !csv::parseDouble(l.fields.at(2), p.tops)))
            throw std::runtime_error("silicon_macros.csv:" + std::to_string(l.number) + ": bad number");
        rows.push_back(p);
    }
    return rows;
}

DesignPoint preset(const std::string& name)
{
    return loadDesignPointFile(std::string(KIRCHHOFF_TEST_PRESETS) + "/designs/" + name + ".json");
}

double factor(double ratio) { return std::max(ratio, 1.0 / ratio); }
} // namespace

class TestPpaSilicon : public QObject {
    Q_OBJECT
private slots:
    void everyMacroPresetEstimatesAgainstItsPaper()
    {
        const std::vector<Published> set = publishedMacros();
        QCOMPARE(int(set.size()), 6);
        double worstTopsW = 1, worstTops = 1;
        std::printf("%-34s %10s %10s %8s | %10s %10s %8s\n", "preset", "TOPS/W", "paper", "ratio", "TOPS", "paper", "ratio");
        for (const Published& p : set) {
            const MacroReport m = estimateMacro(preset(p.preset));
            QVERIFY2(std::isfinite(m.tops_per_w) && m.tops_per_w > 0 && m.tops > 0, p.preset.c_str());
            const double rW = m.tops_per_w / p.tops_w;
            worstTopsW = std::max(worstTopsW, factor(rW));
            if (p.tops > 0) {
                const double rT = m.tops / p.tops;
                worstTops = std::max(worstTops, factor(rT));
                std::printf("%-34s %10.2f %10.2f %8.2f | %10.4f %10.4f %8.2f\n", p.preset.c_str(), m.tops_per_w, p.tops_w, rW, m.tops,
                            p.tops, rT);
            } else
                std::printf("%-34s %10.2f %10.2f %8.2f | %10.4f %10s %8s\n", p.preset.c_str(), m.tops_per_w, p.tops_w, rW, m.tops, "-", "-");
        }
        std::printf("worst TOPS/W factor %.2f, worst TOPS factor %.1f\n", worstTopsW, worstTops);
        QVERIFY2(worstTopsW <= kWorstTopsWToday, qPrintable(QString::number(worstTopsW)));
        QVERIFY2(worstTops <= kWorstTopsToday, qPrintable(QString::number(worstTops)));
    }

    // NeuRRAM's TOPS/W falls 6.7x from (3b out, 1b in) to (10b, 8b). Since the presets integrate
    // the input pulses before one conversion (pulse_count), the (10,8) end agrees with silicon
    // within 25 %, and the fall we show is the (3,1) end's error times 6.7: that end is held to
    // its own bound (headline figures) and the fall to today's value, so that neither end can
    // drift.
    void neurramPrecisionTrendHasTheRightSign()
    {
        const double high = estimateMacro(preset("silicon_neurram2022_3b1b")).tops_per_w;
        const double low = estimateMacro(preset("silicon_neurram2022_10b8b")).tops_per_w;
        const double fall = high / low;
        std::printf("NeuRRAM (3,1) -> (10,8): TOPS/W falls %.1fx (silicon 6.7x)\n", fall);
        QVERIFY(fall > 1);
        QVERIFY2(fall <= kNeurramFallToday, qPrintable(QString::number(fall)));
        QVERIFY2(std::fabs(low / 6.44 - 1) <= 0.25, qPrintable(QString::number(low)));   // the paper's 6.44 TOPS/W
    }

private:
    static constexpr double kWorstTopsWToday = 10.5;  // 9.86 on 2026-12-04 (NeuRRAM 3b/1b)
    static constexpr double kWorstTopsToday = 400;    // 380 on 2026-12-04 (NeuRRAM 3b/1b; 10b/8b 131 -> 91 with pulse counts)
    // 50.3 with bit-serial conversions (the (10,8) end 1.31x too efficient); 66.4 on 2026-12-04
    // with pulse counts integrated (the (10,8) end 0.99x, the (3,1) end 9.86x as before).
    static constexpr double kNeurramFallToday = 67;
};

QTEST_APPLESS_MAIN(TestPpaSilicon)
#include "tst_ppa_silicon.moc"
