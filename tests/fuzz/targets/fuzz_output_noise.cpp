// output_noise.csv (NeuroSim's circuit-expert table), and its round trip through the writer.
#include "../FuzzTarget.h"

#include "io/DeviceTables.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::OutputNoiseTable t = kh::parseOutputNoiseCsv(bytes, "fuzz.csv");
    if (kh::parseOutputNoiseCsv(kh::formatOutputNoiseCsv(t), "again.csv").rows.size() != t.rows.size())
        std::abort();
}
