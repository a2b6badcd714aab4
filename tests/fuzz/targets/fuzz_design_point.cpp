// A design point as JSON text; what is accepted also validates and writes back.
#include "../FuzzTarget.h"

#include "spec/DesignPointJson.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    // No base directory: table file names resolve nowhere, so the target reads no other files.
    const kh::DesignPoint dp = kh::designPointFromJson(kh::parseJsonText(bytes, "fuzz.json"), "/nonexistent");
    kh::validateDesignPoint(dp);
    kh::designPointFromJson(kh::designPointToJson(dp));
}
