// Matrix Market files (coordinate and array, general and symmetric).
#include "../FuzzTarget.h"

#include "io/MatrixFile.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::DenseMatrix m = kh::parseMatrixMarket(bytes, "fuzz.mtx");
    if (m.values.size() != std::size_t(m.rows) * std::size_t(m.cols))
        std::abort();
}
