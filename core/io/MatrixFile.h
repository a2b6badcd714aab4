#pragma once
// Dense real matrices from files, for the VMM benchmark's user data: NumPy .npy (1-D or 2-D, any
// supported dtype), CSV (one row per line, comma-separated numbers, '#' comments), and Matrix
// Market .mtx (coordinate or array, real/integer, general or symmetric). Errors name file:line.
#include "io/DenseMatrix.h"

#include <string>

namespace kh {

DenseMatrix readMatrixFile(const std::string& path);
// The text formats from memory; errors name sourceName:line. Sizes are checked against the text's
// length and the benchmark's limit (8192 × 8192 values) before anything is allocated.
DenseMatrix parseMatrixCsv(const std::string& text, const std::string& sourceName);
DenseMatrix parseMatrixMarket(const std::string& text, const std::string& sourceName);

} // namespace kh
