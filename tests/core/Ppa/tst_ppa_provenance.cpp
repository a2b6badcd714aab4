// Every number of the PPA model has a source. The registry (ppaConstants) must give each constant
// a unit and a source that cites something or states its reason; the model's source files must
// declare every constant as a Sourced value that the registry lists, and hold no other number
// than 0, 1, 2 and powers of ten (unit conversions). docs/ppa-model.md holds the generated table.
#include "ProvenanceScan.h"

#include "ppa/PpaConstants.h"

#include <QFile>
#include <QTest>

#include <set>
#include <string>

using namespace kh;

namespace {
const QString kRoot = QString(KIRCHHOFF_TEST_PRESETS) + "/..";

// The model files. PpaReportJson.cpp only formats a report and is not scanned.
const char* const kModelFiles[] = {
    "core/ppa/TechnologyLibrary.h", "core/ppa/TechnologyLibrary.cpp", "core/ppa/DigitalLogic.h", "core/ppa/DigitalLogic.cpp",
    "core/ppa/AdcModel.h",          "core/ppa/AdcModel.cpp",          "core/ppa/MemoryModels.h", "core/ppa/MemoryModels.cpp",
    "core/ppa/SubarrayModel.h",     "core/ppa/SubarrayModel.cpp",     "core/ppa/HierarchyModel.h", "core/ppa/HierarchyModel.cpp",
    "core/ppa/Floorplan.h",         "core/ppa/Floorplan.cpp",         "core/ppa/ChipEstimator.h", "core/ppa/ChipEstimator.cpp",
    "core/ppa/ComponentCost.h",     "core/ppa/PpaReport.h",
};

std::string readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

std::set<std::string> registeredNames()
{
    std::set<std::string> names;
    for (const ConstantGroup& g : ppaConstants())
        for (const ConstantRecord& c : g.constants)
            names.insert(std::string(c.name));
    return names;
}
} // namespace

class TestPpaProvenance : public QObject {
    Q_OBJECT
private slots:
    void everyConstantHasAUnitAndASource()
    {
        std::set<std::string> seen;
        int count = 0;
        for (const ConstantGroup& g : ppaConstants()) {
            QVERIFY(!g.file.empty());
            for (const ConstantRecord& c : g.constants) {
                const std::string name(c.name), source(c.source);
                QVERIFY2(!name.empty(), std::string(g.file).c_str());
                QVERIFY2(seen.insert(name).second, ("listed twice: " + name).c_str());
                QVERIFY2(!c.unit.empty(), ("no unit: " + name).c_str());
                QVERIFY2(citesSomething(source), ("no source or reason: " + name + " (" + source + ")").c_str());
                ++count;
            }
        }
        QVERIFY(count > 60);
    }

    void modelFilesHoldNoUnsourcedNumber()
    {
        const std::set<std::string> names = registeredNames();
        std::vector<std::string> problems;
        for (const char* f : kModelFiles) {
            const std::string text = readFile(kRoot + "/" + f);
            QVERIFY2(!text.empty(), f);
            for (std::string& p : scanSource(f, text, names))
                problems.push_back(std::move(p));
        }
        std::string all;
        for (const std::string& p : problems)
            all += p + "\n";
        QVERIFY2(problems.empty(), all.c_str());
    }

    void theScanFindsWhatItMust()
    {
        // The checks themselves: each kind of defect in a made-up model file is reported.
        const std::set<std::string> names{"kListed", "kTable.col"};
        auto problems = [&](const std::string& text) { return scanSource("model.cpp", text, names); };
        QVERIFY(problems("constexpr Sourced<double> kListed{\"kListed\", 0.7, \"1\", \"x\"};\ndouble f(double x) { return 2 * x + 1e-3; }").empty());
        QCOMPARE(problems("double f(double x) { return 0.75 * x; }").size(), size_t(1));
        QCOMPARE(problems("constexpr double kOld = 0.3;").size(), size_t(2));   // bare constexpr + its number
        QCOMPARE(problems("constexpr Sourced<int> kOther{\"kOther\", 8, \"1\", \"x\"};").size(), size_t(1));
        QCOMPARE(problems("constexpr Sourced<int> kListed{\"kWrong\", 8, \"1\", \"x\"};").size(), size_t(1));
        QVERIFY(problems("// a comment may say 0.38 RC\nconst char* s = \"0.75\";").empty());
        QVERIFY(problems("// provenance-table-begin kTable\nT t[] = {{0.42, 39.0}};\n// provenance-table-end\n").empty());
        QCOMPARE(problems("// provenance-table-begin kOrphan\nT t[] = {{0.42}};\n// provenance-table-end\n").size(), size_t(1));
        QVERIFY(!citesSomething("assumption: big"));
        QVERIFY(!citesSomething("it is so"));
        QVERIFY(citesSomething("Horowitz, ISSCC 2014"));
        QVERIFY(citesSomething("assumption: repeaters add ~30 % to a repeated wire's capacitance"));
    }

    void docsTableIsTheGeneratedOne()
    {
        const std::string doc = readFile(kRoot + "/docs/ppa-model.md");
        const std::string begin = "<!-- constants:begin -->\n", end = "<!-- constants:end -->";
        const size_t a = doc.find(begin), b = doc.find(end);
        QVERIFY(a != std::string::npos && b != std::string::npos);
        QVERIFY2(doc.substr(a + begin.size(), b - a - begin.size()) == ppaConstantsMarkdown(),
                 "docs/ppa-model.md differs from the registry: replace its table with `kirchhoff-cli ppa --constants`");
    }
};

QTEST_MAIN(TestPpaProvenance)
#include "tst_ppa_provenance.moc"
