#include "dse/SweepPoint.h"

#include "common/Digest.h"
#include "common/InputError.h"
#include "dse/PointRecord.h"
#include "spec/DesignPointJson.h"

#include <algorithm>

namespace kh {

std::string pointHash(const SweepSpec& spec, const nlohmann::json& config)
{
    // nlohmann::json keeps object keys sorted and prints doubles in shortest round-trip form, so
    // dump() is canonical for equal configurations.
    const nlohmann::json identity{{"config", config},
                                  {"network", spec.network_digest},
                                  {"model", spec.model_digest},
                                  {"dataset", spec.hasModel() ? spec.dataset : std::string()}};
    return digestHex(identity.dump());
}

SweepPoint buildSweepPoint(const SweepSpec& spec, const Genome& genome, long long seq)
{
    SweepPoint p;
    p.seq = seq;
    p.genome = genome;
    p.config = spec.base;
    p.params = nlohmann::json::object();
    bool lossless = false;
    int losslessK = 0;
    for (size_t k = 0; k < spec.axes.size(); ++k) {
        const SweepAxis& axis = spec.axes[k];
        const nlohmann::json& value = axis.values.at(size_t(genome.at(k)));
        if (axis.losslessMinus) {
            lossless = true;
            losslessK = value.get<int>();
            continue;
        }
        for (const std::string& key : axis.keys)
            p.config[dottedKey(key)] = value;
        p.params[axis.name] = value;
    }
    try {
        p.dp = designPointFromJson(p.config);
        if (lossless) {
            // Relative to this point's own lossless resolution (rows, cell and DAC bits as set).
            const int bits = std::max(1, losslessAdcBits(p.dp) - losslessK);
            p.config["precision"]["adc_bits"] = bits;
            p.params["adc_lossless_minus"] = losslessK;
            p.params["precision.adc_bits"] = bits;
            p.dp = designPointFromJson(p.config);
        }
    } catch (const InputError& e) {
        p.invalid = e.what();
        if (lossless)
            p.params["adc_lossless_minus"] = losslessK;
    }
    p.hash = pointHash(spec, p.config);
    return p;
}

} // namespace kh
