// mem_states.csv (NeuroSim's device-expert table), and its round trip through the writer.
#include "../FuzzTarget.h"

#include "io/DeviceTables.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const auto states = kh::parseMemStatesCsv(bytes, "fuzz.csv");
    if (kh::parseMemStatesCsv(kh::formatMemStatesCsv(states), "again.csv").size() != states.size())
        std::abort();
}
