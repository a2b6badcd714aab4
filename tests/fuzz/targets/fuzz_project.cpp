// A *.kirchhoff.json project, and its round trip through the writer.
#include "../FuzzTarget.h"

#include "spec/DesignPointJson.h"
#include "spec/ProjectFile.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::Project p = kh::projectFromJson(kh::parseJsonText(bytes, "fuzz.kirchhoff.json"), "/nonexistent");
    kh::projectFromJson(kh::projectToJson(p, "/nonexistent"), "/nonexistent");
}
