// A real cluster run of docs/cluster.md: a single-node Slurm (munged, slurmctld and slurmd in the
// foreground, private config, state and ports, loopback only) runs the job-array script of the
// docs for a 3-shard sweep; the docs' merge line joins the shards, and the result equals the
// unsharded sweep point for point. The same for the GNU parallel line. Skipped, saying why, only
// where the daemons cannot start (not root, Slurm or munge not installed, daemons fail).
#include "SweepPoints.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

#include <memory>

namespace {
const QString kRepo = QString(KIRCHHOFF_TEST_PRESETS) + "/..";

QString readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void writeAll(const QString& path, const QString& text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(path));
}

// The first ```bash block after the heading 'section' of docs/cluster.md.
QString docsBlock(const QString& section)
{
    const QString doc = readAll(kRepo + "/docs/cluster.md");
    const qsizetype at = doc.indexOf("## " + section);
    const qsizetype start = doc.indexOf("```bash\n", at);
    const qsizetype end = doc.indexOf("```", start + 8);
    return at < 0 || start < 0 || end < 0 ? QString() : doc.mid(start + 8, end - start - 8);
}

struct Run {
    int code = -1;
    QString out;
};

Run bash(const QString& script, const QString& dir, const QProcessEnvironment& env, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start("bash", {"-euo", "pipefail", "-c", script});
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, QString::fromUtf8(p.readAll()) + "\n(timeout)"};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAll())};
}
} // namespace

class TestCluster : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString cliDir_, spec_, unsharded_, skipReason_;
    std::vector<std::unique_ptr<QProcess>> daemons_;
    QProcessEnvironment env_ = QProcessEnvironment::systemEnvironment();

    QProcess* startDaemon(const QString& program, const QStringList& args, const QString& log)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env_);
        p->setStandardOutputFile(log);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(program, args);
        p->waitForStarted();
        daemons_.push_back(std::move(p));
        return daemons_.back().get();
    }

    // Why a single-node Slurm cannot run here, or an empty string once it is up.
    QString startSlurm()
    {
        if (geteuid() != 0)
            return "slurmd must run as root to start jobs; run the test as root";
        for (const char* tool : {"munged", "slurmctld", "slurmd", "sbatch", "sinfo"})
            if (QStandardPaths::findExecutable(tool, {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}).isEmpty())
                return QString("%1 not installed (packaging/install-deps.sh installs slurm-wlm and munge)").arg(tool);
        const QString d = tmp_.path();
        QDir(d).mkpath("munge");
        QDir(d).mkpath("state");
        QDir(d).mkpath("spool");
        QFile key(d + "/munge/munge.key");
        if (!key.open(QIODevice::WriteOnly))
            return "cannot write the munge key";
        QFile random("/dev/urandom");
        random.open(QIODevice::ReadOnly);
        key.write(random.read(1024));
        key.close();
        key.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        const QString socket = d + "/munge/munge.sock";
        startDaemon(QStandardPaths::findExecutable("munged", {"/usr/sbin"}),
                    {"-F", "-f", "--socket=" + socket, "--key-file=" + d + "/munge/munge.key", "--log-file=" + d + "/munged.log",
                     "--pid-file=" + d + "/munge/munged.pid", "--seed-file=" + d + "/munge/munged.seed"},
                    d + "/munged.out");
        for (int i = 0; i < 50 && !QFileInfo::exists(socket); ++i)
            QThread::msleep(100);
        if (!QFileInfo::exists(socket))
            return "munged did not start:\n" + readAll(d + "/munged.out");
        // Private ports (from the process id) so that a Slurm already on the machine is not disturbed.
        const int port = 20000 + int(getpid() % 20000) * 2;
        QProcess host;
        host.start("hostname", {"-s"});
        host.waitForFinished();
        const QString node = QString::fromUtf8(host.readAllStandardOutput()).trimmed();
        const QString conf = d + "/slurm.conf";
        writeAll(conf, QString("ClusterName=kirchhoff-test\nSlurmctldHost=%1\nSlurmctldPort=%2\nSlurmdPort=%3\n"
                               "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=%4\nSlurmUser=root\nSlurmdUser=root\n"
                               "StateSaveLocation=%5/state\nSlurmdSpoolDir=%5/spool\nSlurmctldPidFile=%5/slurmctld.pid\n"
                               "SlurmdPidFile=%5/slurmd.pid\nSlurmctldLogFile=%5/slurmctld.log\nSlurmdLogFile=%5/slurmd.log\n"
                               "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nJobAcctGatherType=jobacct_gather/none\n"
                               "AccountingStorageType=accounting_storage/none\nSchedulerType=sched/builtin\n"
                               "SelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\nMpiDefault=none\nReturnToService=2\n"
                               "NodeName=%1 CPUs=%6 State=UNKNOWN\nPartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n")
                           .arg(node)
                           .arg(port)
                           .arg(port + 1)
                           .arg(socket, d)
                           .arg(QThread::idealThreadCount()));
        env_.insert("SLURM_CONF", conf);
        startDaemon(QStandardPaths::findExecutable("slurmctld", {"/usr/sbin"}), {"-D", "-f", conf}, d + "/slurmctld.out");
        startDaemon(QStandardPaths::findExecutable("slurmd", {"/usr/sbin"}), {"-D", "-f", conf}, d + "/slurmd.out");
        for (int i = 0; i < 60; ++i) {
            const Run r = bash("sinfo -h -o %T", d, env_, 10000);
            if (r.code == 0 && r.out.trimmed() == "idle")
                return {};
            QThread::msleep(500);
        }
        return "slurmctld/slurmd did not bring the node up within 30 s:\n" + readAll(d + "/slurmctld.out") + readAll(d + "/slurmd.out");
    }

    void compareWithUnsharded(const QString& merged)
    {
        QVERIFY2(QFileInfo::exists(merged), qPrintable(merged + " was not written"));
        const auto whole = kh::test::sweepPointsOf(unsharded_), all = kh::test::sweepPointsOf(merged);
        QCOMPARE(whole.size(), size_t(60));
        QCOMPARE(all.size(), whole.size());
        QVERIFY(all == whole);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        cliDir_ = QFileInfo(KIRCHHOFF_CLI_PATH).absolutePath();
        env_.insert("PATH", cliDir_ + ":" + env_.value("PATH"));
        env_.insert("OMP_WAIT_POLICY", "PASSIVE");
        spec_ = tmp_.filePath("sweep.json");
        writeAll(spec_, QString::fromStdString(kh::test::ppaSweepSpec().dump(2)));
        unsharded_ = tmp_.filePath("unsharded.sqlite");
        const Run r = bash("kirchhoff-cli sweep --spec '" + spec_ + "' --db '" + unsharded_ + "' --quiet", tmp_.path(), env_, 300000);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        skipReason_ = startSlurm();
        if (!skipReason_.isEmpty())
            qWarning("SKIPPING the Slurm run: %s", qPrintable(skipReason_));
    }

    void cleanupTestCase()
    {
        for (auto it = daemons_.rbegin(); it != daemons_.rend(); ++it) {
            (*it)->terminate();
            if (!(*it)->waitForFinished(10000))
                (*it)->kill();
            (*it)->waitForFinished();
        }
    }

    void slurmJobArrayOfTheDocsEqualsTheUnshardedSweep()
    {
        if (!skipReason_.isEmpty())
            QSKIP(qPrintable("Slurm daemons cannot start here: " + skipReason_));
        QString script = docsBlock("Slurm job array");
        QVERIFY2(script.contains("#SBATCH --array=1-32") && script.contains("N=32") && script.contains("my_sweep.json"),
                 "docs/cluster.md: the job-array script changed; update this test");
        // The docs' script for 3 shards on this 2-core node, with this test's spec.
        script.replace("--array=1-32", "--array=1-3").replace("N=32", "N=3").replace("--cpus-per-task=4", "--cpus-per-task=1");
        script.replace("my_sweep.json", spec_);
        const QString work = tmp_.filePath("slurm");
        QDir().mkpath(work + "/logs");
        writeAll(work + "/sweep.sbatch", script);
        const Run submit = bash("sbatch --wait sweep.sbatch", work, env_, 600000);
        QVERIFY2(submit.code == 0, qPrintable(submit.out + "\n" + bash("cat logs/* 2>/dev/null || true", work, env_, 10000).out));
        QVERIFY(submit.out.contains("Submitted batch job"));
        for (int k = 1; k <= 3; ++k)
            QVERIFY2(QFileInfo::exists(QString("%1/results/shard-%2.sqlite").arg(work).arg(k)), qPrintable(QString("shard %1 missing").arg(k)));
        // The docs' merge line, as written.
        const QString merge = docsBlock("Slurm job array").isEmpty() ? QString() : [] {
            const QString doc = readAll(kRepo + "/docs/cluster.md");
            const QRegularExpressionMatch m = QRegularExpression("kirchhoff-cli merge results/shard-\\*\\.sqlite -o all\\.sqlite").match(doc);
            return m.hasMatch() ? m.captured(0) : QString();
        }();
        QVERIFY2(!merge.isEmpty(), "docs/cluster.md: the merge line changed; update this test");
        const Run merged = bash(merge, work, env_, 120000);
        QVERIFY2(merged.code == 0, qPrintable(merged.out));
        compareWithUnsharded(work + "/all.sqlite");
    }

    void gnuParallelLineOfTheDocsEqualsTheUnshardedSweep()
    {
        if (QStandardPaths::findExecutable("parallel").isEmpty())
            QSKIP("GNU parallel not installed (packaging/install-deps.sh installs it)");
        QString script = docsBlock("GNU parallel");
        QVERIFY2(script.contains("N=8") && script.contains("my_sweep.json") && script.contains("kirchhoff-cli merge"),
                 "docs/cluster.md: the GNU parallel lines changed; update this test");
        script.replace("N=8", "N=3").replace("-j 4", "-j 2").replace("my_sweep.json", spec_);
        const QString work = tmp_.filePath("parallel");
        QDir().mkpath(work + "/results");
        const Run r = bash("export PARALLEL_HOME=" + work + "/.parallel; " + script, work, env_, 600000);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        compareWithUnsharded(work + "/all.sqlite");
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
