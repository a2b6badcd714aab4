#pragma once
// Dense real matrices from files, for the VMM benchmark's user data: NumPy .npy (1-D or 2-D, any
// supported dtype), CSV (one row per line, comma-separated numbers, '#' comments), and Matrix
// Market .mtx (coordinate or array, real/integer, general or symmetric). Errors name file:line.
#include "vmm/VmmBenchmark.h"

#include <string>

namespace kh {

vmm::DenseMatrix readMatrixFile(const std::string& path);

} // namespace kh
