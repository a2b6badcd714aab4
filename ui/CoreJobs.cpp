#include "CoreJobs.h"

#include "QtConcurrentTaskPool.h"

#include "common/InputError.h"
#include "common/ProgressSpan.h"
#include "dse/ResultStore.h"
#include "io/DatasetLoader.h"
#include "nn/OnnxImport.h"
#include "ppa/ChipEstimator.h"

#include <QCoreApplication>

namespace kh::ui {

PpaTask::Work ppaJob(LayerTable net, DesignPoint dp)
{
    return [net = std::move(net), dp = std::move(dp)](TaskContext&) { return estimateChip(net, dp); };
}

AccuracyTask::Work accuracyJob(QString modelPath, QString dataset, DesignPoint dp)
{
    return [model = modelPath.toStdString(), data = dataset.toStdString(), dp = std::move(dp)](TaskContext& ctx) {
        const nn::Graph g = nn::importOnnx(model);
        const LabeledDataset test = loadDataset(data, "test", dp.evaluation.dataset, dp.evaluation.images);
        const LabeledDataset calibration = loadCalibrationDataset(data, dp.evaluation.dataset, test);
        return cim::evaluateAccuracy(g, test, calibration, dp, &ctx.progress());
    };
}

SweepSpecLoader sweepSpecFile(QString specPath)
{
    return [spec = specPath.toStdString()](const std::string& exeDir) { return loadSweepSpecFile(spec, exeDir); };
}

SweepSpecLoader sweepSpecJson(nlohmann::json spec, QString specDir)
{
    return [spec = std::move(spec), dir = specDir.toStdString()](const std::string& exeDir) {
        return sweepSpecFromJson(spec, dir, exeDir);
    };
}

SweepTask::Work sweepJob(SweepSpecLoader load, QString dbPath, int threads, std::function<void(const PointRecord&)> onPoint)
{
    // The executable's directory is read here, on the UI thread, where QCoreApplication is safe.
    return [load = std::move(load), db = dbPath.toStdString(), threads, onPoint = std::move(onPoint),
            exeDir = QCoreApplication::applicationDirPath().toStdString()](TaskContext& ctx) {
        const SweepSpec spec = load(exeDir);
        ResultStore store(db);
        QtConcurrentTaskPool pool(threads);
        SweepOptions options;
        options.pool = &pool;
        options.progress = &ctx.progress();
        options.onPoint = [&ctx, onPoint](const PointRecord& r) { ctx.post([onPoint, r] { onPoint(r); }); };
        return runSweep(spec, store, options);
    };
}

VmmTask::Work vmmJob(std::vector<vmm::RramDevice> devices, vmm::VmmOptions options, bool fit)
{
    return [devices = std::move(devices), options, fit](TaskContext& ctx) {
        VmmRun run;
        run.options = options;
        for (size_t i = 0; i < devices.size(); ++i) {
            const vmm::RramDevice& d = devices[i];
            ProgressSpan share(&ctx.progress(), double(i) / double(devices.size()), 1.0 / double(devices.size()));   // an equal share each
            vmm::VmmResult r = vmm::runVmmBenchmark(d, options, &share);
            run.devices << QString::fromStdString(d.name);
            run.statistics.push_back(vmm::describeErrors(r.errors, r.relative_l2, r.relative_linf));
            run.errors.push_back(std::move(r.errors));
        }
        if (fit && !run.errors.empty())
            run.fits = vmm::fitAll(run.errors.front());
        return run;
    };
}

} // namespace kh::ui
