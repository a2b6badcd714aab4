#include "cli/CliArgs.h"
#include "cli/Commands.h"
#include "cli/ParetoChartFiles.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/DeviceTables.h"
#include "io/MatrixFile.h"
#include "spec/DesignPointJson.h"
#include "vmm/DistributionFits.h"
#include "vmm/ErrorStatistics.h"
#include "vmm/VmmBenchmark.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace kh::cli {

namespace {

using vmm::RramDevice;
using vmm::VmmOptions;

vmm::ValueDistribution distributionOption(const CliArgs& a, const std::string& option)
{
    const std::string v = a.value(option, "uniform");
    if (v == "uniform")
        return vmm::ValueDistribution::Uniform;
    if (v == "uniform01")
        return vmm::ValueDistribution::Uniform01;
    if (v == "normal")
        return vmm::ValueDistribution::Normal;
    if (v == "sparse")
        return vmm::ValueDistribution::Sparse;
    throw InputError(option + " \"" + v + "\": expected uniform, uniform01, normal or sparse");
}

RramDevice deviceOption(const CliContext& ctx, const CliArgs& a)
{
    if (a.has("--config")) {
        const DesignPoint dp = loadDesignPointFile(resolveDesignPath(ctx, a.value("--config")));
        return vmm::deviceFromDesignPoint(dp);
    }
    return vmm::loadDeviceFile(resolvePresetPath(ctx, "devices", a.required("--device")));
}

struct BenchOutcome {
    vmm::VmmResult result;
    vmm::ErrorStatistics stats;
};

BenchOutcome bench(const RramDevice& d, const VmmOptions& o, const DenseMatrix* matrix, const DenseMatrix* vectors)
{
    BenchOutcome b;
    b.result = matrix ? vmm::runVmmBenchmark(d, o, *matrix, *vectors) : vmm::runVmmBenchmark(d, o);
    b.stats = vmm::describeErrors(b.result.errors, b.result.relative_l2, b.result.relative_linf);
    return b;
}

nlohmann::json statsJson(const vmm::ErrorStatistics& s)
{
    nlohmann::json q = nlohmann::json::object();
    for (size_t i = 0; i < s.quantiles.size(); ++i)
        q[formatDouble(s.quantile_levels[i])] = s.quantiles[i];
    return {{"count", s.count},
            {"mean", s.mean},
            {"variance", s.variance},
            {"std", s.std},
            {"skewness", s.skewness},
            {"excess_kurtosis", s.excess_kurtosis},
            {"min", s.min},
            {"max", s.max},
            {"quantiles", q},
            {"relative_l2_mean", s.relative_l2_mean},
            {"relative_linf_mean", s.relative_linf_mean}};
}

// --sweep name=v1,v2,...: one device parameter (MELISO figures 2–5).
void runSweep(const RramDevice& base, VmmOptions o, const std::string& sweep, const std::string& csvPath,
              const std::vector<std::string>& charts)
{
    ChartRequest chart;
    const size_t eq = sweep.find('=');
    if (eq == std::string::npos)
        throw InputError("--sweep \"" + sweep + "\": expected name=v1,v2,... (memory_window, weight_bits, nl, c2c)");
    const std::string name = sweep.substr(0, eq);
    if (name != "memory_window" && name != "weight_bits" && name != "nl" && name != "c2c")
        throw InputError("--sweep: unknown parameter \"" + name + "\" (memory_window, weight_bits, nl, c2c)");
    std::ostringstream csv;
    csv << name << ",levels,mean,variance,std,skewness,excess_kurtosis,relative_l2_mean,relative_linf_mean\n";
    std::printf("%14s %7s %12s %12s %10s %10s %10s\n", name.c_str(), "levels", "mean", "variance", "skewness", "kurtosis", "rel L2");
    std::stringstream values(sweep.substr(eq + 1));
    for (std::string token; std::getline(values, token, ',');) {
        double v = 0;
        size_t used = 0;
        try {
            v = std::stod(token, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != token.size())
            throw InputError("--sweep: \"" + token + "\" is not a number");
        RramDevice d = base;
        VmmOptions p = o;
        if (name == "memory_window") {
            if (v <= 1)
                throw InputError("--sweep: a memory window must exceed 1");
            d.memory_window = v;
        } else if (name == "weight_bits") {
            if (v < 1 || v > 16 || v != int(v))
                throw InputError("--sweep: weight_bits must be an integer in [1, 16]");
            p.weight_bits = int(v);
        } else if (name == "nl") {
            d.nl_ltp = v;
            d.nl_ltd = -v;
        } else {
            if (v < 0 || v > 1)
                throw InputError("--sweep: c2c must be in [0, 1]");
            d.c2c = v;
        }
        const BenchOutcome b = bench(d, p, nullptr, nullptr);
        const vmm::ErrorStatistics& s = b.stats;
        std::printf("%14s %7d %12.4g %12.4g %10.3f %10.3f %10.4f\n", token.c_str(), b.result.levels, s.mean, s.variance, s.skewness,
                    s.excess_kurtosis, s.relative_l2_mean);
        chart.points.push_back({v, s.variance, false, token});
        csv << token << "," << b.result.levels << "," << formatDouble(s.mean) << "," << formatDouble(s.variance) << "," << formatDouble(s.std)
            << "," << formatDouble(s.skewness) << "," << formatDouble(s.excess_kurtosis) << "," << formatDouble(s.relative_l2_mean) << ","
            << formatDouble(s.relative_linf_mean) << "\n";
    }
    if (!csvPath.empty()) {
        writeTextFile(csvPath, csv.str());
        std::printf("wrote %s\n", csvPath.c_str());
    }
    if (!charts.empty()) {
        static const std::map<std::string, std::string> labels{{"memory_window", "Memory window G_max/G_min"},
                                                               {"weight_bits", "Weight bits"},
                                                               {"nl", "Write non-linearity (LTP = −LTD)"},
                                                               {"c2c", "Cycle-to-cycle variation (relative σ)"}};
        chart.title = base.name + ": VMM error variance vs " + labels.at(name) + " (" + std::to_string(o.trials) + " trials of "
                      + std::to_string(o.rows) + "x" + std::to_string(o.cols) + ")";
        chart.xTitle = labels.at(name);
        chart.yTitle = "Error variance";
        chart.logY = true;
        reportChartFiles(writeLineCharts(chart, charts), charts);
    }
}

} // namespace

int runVmmBench(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args,
                    {"--device", "--config", "--trials", "--size", "--rows", "--cols", "--seed", "--weight-bits", "--matrix", "--vectors",
                     "--matrix-dist", "--vector-dist", "--json", "--csv", "--sweep", "--svg", "--png", "--pdf"},
                    {"--ideal", "--no-nonlinearity", "--no-c2c", "--no-d2d", "--no-read-noise", "--depression", "--no-fits", "--quiet"});
    const RramDevice device = deviceOption(ctx, a);
    VmmOptions o;
    o.trials = a.intValue("--trials", 1000, 1, 100000000);
    const int size = a.intValue("--size", 32, 1, 8192);
    o.rows = a.intValue("--rows", size, 1, 8192);
    o.cols = a.intValue("--cols", size, 1, 8192);
    o.seed = std::uint64_t(a.intValue("--seed", 1, 0, 2147483647));
    o.weight_bits = a.intValue("--weight-bits", 0, 0, 16);
    const bool ideal = a.has("--ideal");
    o.nonlinearity = !ideal && !a.has("--no-nonlinearity");
    o.c2c = !ideal && !a.has("--no-c2c");
    o.d2d = !ideal && !a.has("--no-d2d");
    o.read_noise = !ideal && !a.has("--no-read-noise");
    o.depression = a.has("--depression");
    o.matrix_distribution = distributionOption(a, "--matrix-dist");
    o.vector_distribution = distributionOption(a, "--vector-dist");
    if (a.has("--sweep")) {
        const std::vector<std::string> charts = chartPathOptions(a);
        runSweep(device, o, a.value("--sweep"), a.value("--csv"), charts);
        return 0;
    }
    DenseMatrix matrix, vectors;
    const bool userData = a.has("--matrix");
    if (userData) {
        matrix = readMatrixFile(a.value("--matrix"));
        vectors = readMatrixFile(a.required("--vectors"));
    } else if (a.has("--vectors")) {
        throw InputError("--vectors: needs --matrix");
    }
    const BenchOutcome b = bench(device, o, userData ? &matrix : nullptr, userData ? &vectors : nullptr);
    const vmm::ErrorStatistics& s = b.stats;
    std::vector<vmm::DistributionFit> fits;
    if (!a.has("--no-fits"))
        fits = vmm::fitAll(b.result.errors);
    if (!a.has("--quiet")) {
        std::printf("Device       %s: %d states, NL %.2f/%.2f, R_on %.3g ohm, window %.3g, C2C %.1f %%, D2D %.1f %%\n", device.name.c_str(),
                    device.states, device.nl_ltp, device.nl_ltd, device.r_on_ohm, device.memory_window, device.c2c * 100,
                    device.d2d * 100);
        std::printf("Population   %d trials of %d x %d%s, %d conductance levels, non-idealities: %s\n", o.trials, o.rows, o.cols,
                    userData ? " (user matrix)" : "", b.result.levels, ideal ? "off (quantisation only)" : "on");
        std::printf("Errors       %lld pooled: mean %.4g, variance %.4g, skewness %.3f, excess kurtosis %.3f\n", s.count, s.mean,
                    s.variance, s.skewness, s.excess_kurtosis);
        std::printf("Quantiles    1 %% %.4g, 50 %% %.4g, 99 %% %.4g\n", s.quantiles[1], s.quantiles[4], s.quantiles[7]);
        std::printf("Relative     L2 %.4g, Linf %.4g (mean over trials)\n", s.relative_l2_mean, s.relative_linf_mean);
        if (!fits.empty()) {
            std::printf("Fits by AIC:\n");
            for (const vmm::DistributionFit& f : fits) {
                std::printf("  %-13s AIC %12.1f  ", f.name.c_str(), f.aic);
                for (const auto& [key, v] : f.parameters)
                    std::printf(" %s=%.4g", key.c_str(), v);
                std::printf("%s\n", f.converged ? "" : "  (not converged)");
            }
        }
        std::printf("Time         %.3f s\n", b.result.seconds);
    }
    if (a.has("--json")) {
        nlohmann::json fitsJson = nlohmann::json::array();
        for (const vmm::DistributionFit& f : fits) {
            nlohmann::json p = nlohmann::json::object();
            for (const auto& [key, v] : f.parameters)
                p[key] = v;
            fitsJson.push_back({{"family", f.name}, {"parameters", p}, {"log_likelihood", f.log_likelihood}, {"aic", f.aic},
                                {"converged", f.converged}});
        }
        writeJsonOutput(a.value("--json"), {{"device", vmm::deviceToJson(device)},
                                            {"trials", o.trials},
                                            {"rows", o.rows},
                                            {"cols", o.cols},
                                            {"levels", b.result.levels},
                                            {"ideal", ideal},
                                            {"statistics", statsJson(s)},
                                            {"fits", fitsJson},
                                            {"seconds", b.result.seconds}});
    }
    return 0;
}

} // namespace kh::cli
