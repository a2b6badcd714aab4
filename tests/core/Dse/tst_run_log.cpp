// The run log (JSON Lines): entries round-trip exactly, appends keep earlier lines, and a bad line
// is reported with file:line and skipped while the others are read.
#include "common/InputError.h"
#include "dse/RunLog.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace kh;

class TestRunLog : public QObject {
    Q_OBJECT
    static RunLogEntry sample(const std::string& kind, double accuracy)
    {
        RunLogEntry e;
        e.time = "2026-12-02T15:04:05Z";
        e.kind = kind;
        e.label = "A";
        e.design = {{"precision", {{"adc_bits", 5}}}, {"device", {{"r_on_ohm", 1.1764705882352942e-06}}}};
        e.network = "/p/vgg8.csv";
        e.model = "/p/mlp.onnx";
        e.dataset = "fashion-mnist";
        e.metrics = {{"accuracy", accuracy}, {"tops_per_w", 8.203125}};
        e.seconds = 12.5;
        return e;
    }

private slots:
    void entriesRoundTripThroughTheFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("runs.jsonl").toStdString();
        QVERIFY(readRunLog(path).entries.empty());   // no file: an empty log
        const RunLogEntry a = sample("accuracy", 0.8512), b = sample("pin", 0.1 + 0.2);
        RunLogEntry s = sample("sweep", 0.5);
        s.results = "/r/study.sqlite";
        s.model.clear();
        appendRunLog(path, a);
        appendRunLog(path, b);
        appendRunLog(path, s);
        const RunLogContents c = readRunLog(path);
        QVERIFY(c.problems.empty());
        QCOMPARE(c.entries.size(), size_t(3));
        QVERIFY(c.entries[0] == a);
        QVERIFY(c.entries[1] == b);   // 0.30000000000000004 exactly
        QVERIFY(c.entries[2] == s);
        QVERIFY(runLogEntryFromJson(runLogEntryToJson(a), "x") == a);
        // A fine-tuning run: the written model and the accuracy before and after.
        RunLogEntry f = sample("finetune", 0.86);
        f.label = "progressive";
        f.metrics["accuracy_before"] = 0.85;
        QVERIFY(runLogEntryFromJson(runLogEntryToJson(f), "x") == f);
    }

    void badLinesAreReportedAndSkipped()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("runs.jsonl").toStdString();
        appendRunLog(path, sample("accuracy", 0.9));
        {
            std::ofstream out(path, std::ios::app);
            out << "{\"time\": \"t\", \"kind\": \"accuracy\", \"metrics\": {\"accuracy\": 0.8\n";   // cut off mid-write
            out << "[1, 2]\n";
            out << "{\"time\": \"t\", \"kind\": \"dream\"}\n";
            out << "{\"kind\": \"pin\"}\n";
            out << "{\"time\": \"t\", \"kind\": \"pin\", \"metrics\": {\"accuracy\": \"high\"}}\n";
            out << "{\"time\": \"t\", \"kind\": \"pin\", \"seconds\": -1}\n";
            out << "\n";
        }
        appendRunLog(path, sample("pin", 0.7));
        const RunLogContents c = readRunLog(path);
        QCOMPARE(c.entries.size(), size_t(2));
        QCOMPARE(c.entries[1].metrics.at("accuracy"), 0.7);
        QCOMPARE(c.problems.size(), size_t(6));
        QVERIFY2(c.problems[0].find("runs.jsonl:2: not JSON") != std::string::npos, c.problems[0].c_str());
        QVERIFY2(c.problems[1].find("runs.jsonl:3: an entry must be a JSON object") != std::string::npos, c.problems[1].c_str());
        QVERIFY2(c.problems[2].find(":4: unknown kind \"dream\"") != std::string::npos, c.problems[2].c_str());
        QVERIFY2(c.problems[3].find(":5: missing \"time\"") != std::string::npos, c.problems[3].c_str());
        QVERIFY2(c.problems[4].find(":6: metrics.accuracy must be a number") != std::string::npos, c.problems[4].c_str());
        QVERIFY2(c.problems[5].find(":7: \"seconds\" must be a number >= 0") != std::string::npos, c.problems[5].c_str());
    }

    void anUnwritableLogIsAnInputError()
    {
        QVERIFY_THROWS_EXCEPTION(InputError, appendRunLog("/nonexistent-dir/runs.jsonl", sample("pin", 1)));
    }
};

QTEST_APPLESS_MAIN(TestRunLog)
#include "tst_run_log.moc"
