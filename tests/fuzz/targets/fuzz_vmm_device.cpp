// A VMM-benchmark device as JSON text, and its round trip through the writer.
#include "../FuzzTarget.h"

#include "spec/DesignPointJson.h"
#include "vmm/RramDevice.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::vmm::RramDevice d = kh::vmm::deviceFromJson(kh::parseJsonText(bytes, "fuzz.json"), "/nonexistent");
    kh::vmm::deviceFromJson(kh::vmm::deviceToJson(d));
}
