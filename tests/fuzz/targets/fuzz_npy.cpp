// NumPy .npy (v1–v3, every supported dtype and order), and the values as int64 and double.
#include "../FuzzTarget.h"

#include "io/Npy.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::NpyArray a = kh::parseNpy(bytes, "fuzz.npy");
    if (a.asDouble().size() != a.size())
        std::abort();
    a.asInt64("fuzz.npy");
}
