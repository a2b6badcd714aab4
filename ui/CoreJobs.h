#pragma once
// The core work the window runs in the background, each as a BackgroundTask work function. The
// arguments are copied into the function, so the UI may change them while the work runs.
#include "BackgroundTask.h"

#include "cim/AccuracyEvaluator.h"
#include "dse/PointRecord.h"
#include "dse/SweepEngine.h"
#include "dse/SweepSpec.h"
#include "ppa/PpaReport.h"
#include "spec/DesignPoint.h"
#include "spec/LayerTable.h"
#include "vmm/DistributionFits.h"
#include "vmm/ErrorStatistics.h"
#include "vmm/VmmBenchmark.h"

#include <QStringList>

namespace kh::ui {

using PpaTask = BackgroundTask<PpaReport>;
using AccuracyTask = BackgroundTask<cim::AccuracyReport>;
using SweepTask = BackgroundTask<SweepSummary>;

// The chip estimate of one design point.
PpaTask::Work ppaJob(LayerTable net, DesignPoint dp);

// Accuracy of an ONNX model on a dataset ("fashion-mnist" or a directory of IDX files): the
// test split, calibrated on the train split when there is one.
AccuracyTask::Work accuracyJob(QString modelPath, QString dataset, DesignPoint dp);

// A sweep into a results file (created or resumed) on a QtConcurrent pool of `threads`. The spec
// is read in the worker (models are digested); onPoint runs on the UI thread per stored point.
using SweepSpecLoader = std::function<SweepSpec(const std::string& exeDir)>;
SweepSpecLoader sweepSpecFile(QString specPath);
SweepSpecLoader sweepSpecJson(nlohmann::json spec, QString specDir);   // specDir resolves relative paths
SweepTask::Work sweepJob(SweepSpecLoader load, QString dbPath, int threads, std::function<void(const PointRecord&)> onPoint);

// VMM error benchmarks of one device (statistics and fits for the histogram) or several
// (pooled errors for the comparison box plot).
struct VmmRun {
    QStringList devices;                       // device names, one per run
    std::vector<std::vector<double>> errors;   // pooled errors per device
    std::vector<vmm::ErrorStatistics> statistics;
    std::vector<vmm::DistributionFit> fits;    // of the first device, best AIC first
    vmm::VmmOptions options;
};
using VmmTask = BackgroundTask<VmmRun>;
VmmTask::Work vmmJob(std::vector<vmm::RramDevice> devices, vmm::VmmOptions options, bool fit);

} // namespace kh::ui
