// A sweep spec as JSON text (axes, ranges, samplers, objectives, constraints).
#include "../FuzzTarget.h"

#include "dse/SweepSpec.h"
#include "spec/DesignPointJson.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    kh::sweepSpecFromJson(kh::parseJsonText(bytes, "fuzz.json"), "/nonexistent", KIRCHHOFF_FUZZ_PRESETS "/..");
}
