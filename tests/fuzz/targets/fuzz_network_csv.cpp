// NetWork.csv, then the chip estimate of what it accepted (finite, non-negative figures).
#include "../FuzzTarget.h"

#include "io/NetworkCsv.h"
#include "ppa/ChipEstimator.h"

#include <cmath>
#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::LayerTable t = kh::parseNetworkCsv(bytes, "fuzz.csv");
    const kh::PpaReport r = kh::estimateChip(t, kh::DesignPoint{});
    if (!std::isfinite(r.area_mm2) || !std::isfinite(r.energy_pj) || r.area_mm2 < 0)
        std::abort();
}
