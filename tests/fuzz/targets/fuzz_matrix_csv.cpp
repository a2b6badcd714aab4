// Dense matrices as CSV (the VMM benchmark's user data).
#include "../FuzzTarget.h"

#include "io/MatrixFile.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::DenseMatrix m = kh::parseMatrixCsv(bytes, "fuzz.csv");
    if (m.values.size() != std::size_t(m.rows) * std::size_t(m.cols))
        std::abort();
}
