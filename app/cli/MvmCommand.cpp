#include "cli/CliArgs.h"
#include "cli/Commands.h"

#include "cim/CimLayer.h"
#include "common/InputError.h"
#include "io/Npy.h"
#include "spec/DesignPointJson.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>

namespace kh::cli {

int runMvm(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args, {"--config", "--weights", "--inputs", "--out", "--chip"}, {"--signed", "--unsigned"});
    const DesignPoint dp = loadDesignPointFile(resolveDesignPath(ctx, a.required("--config")));
    const std::string wPath = a.required("--weights"), xPath = a.required("--inputs"), outPath = a.required("--out");
    const NpyArray w = readNpy(wPath);
    const NpyArray x = readNpy(xPath);
    if (w.shape.size() != 2)
        throw InputError(wPath + ": weights must be a 2-D array M x N, got rank " + std::to_string(w.shape.size()));
    const std::size_t m = w.shape[0], n = w.shape[1];
    if (x.shape.empty() || x.shape.size() > 2 || x.shape.back() != n)
        throw InputError(xPath + ": inputs must have shape B x " + std::to_string(n) + " (or " + std::to_string(n) + ")");
    const std::size_t batch = x.shape.size() == 2 ? x.shape[0] : 1;
    if (m == 0 || n == 0 || batch == 0)
        throw InputError(wPath + ": empty weights or inputs");
    const std::vector<std::int64_t> wi = w.asInt64(wPath), xi = x.asInt64(xPath);
    // Signedness: explicit, or signed as soon as any input is negative.
    bool signedInputs = std::any_of(xi.begin(), xi.end(), [](std::int64_t v) { return v < 0; });
    if (a.has("--signed"))
        signedInputs = true;
    if (a.has("--unsigned")) {
        if (signedInputs)
            throw InputError(xPath + ": --unsigned given but the inputs contain negative values");
        signedInputs = false;
    }
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<double> y;
    try {
        cim::CimLayer layer(wi, int(m), int(n), dp, std::uint64_t(a.intValue("--chip", 0, 0, 1 << 30)));
        layer.calibrateAdc(xi, int(batch), signedInputs);
        y = layer.run(xi, int(batch), signedInputs);
    } catch (const InputError& e) {
        const std::string what = e.what();
        throw InputError((what.rfind("weights", 0) == 0 ? wPath : what.rfind("inputs", 0) == 0 ? xPath : std::string("mvm")) + ": " + what);
    }
    std::vector<std::int64_t> out(y.size());
    for (std::size_t i = 0; i < y.size(); ++i)
        out[i] = std::llround(y[i]);
    writeNpyInt64(outPath, {batch, m}, out);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << "mvm: " << batch << " x " << n << " inputs through " << m << " outputs (" << (signedInputs ? "signed" : "unsigned")
              << " inputs) in " << s << " s -> " << outPath << "\n";
    return 0;
}

} // namespace kh::cli
