#pragma once
// A dense real matrix, row-major: the VMM benchmark's user data as the matrix readers return it.
#include <vector>

namespace kh {

struct DenseMatrix {
    int rows = 0, cols = 0;
    std::vector<double> values;
};

} // namespace kh
