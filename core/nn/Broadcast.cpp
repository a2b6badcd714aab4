#include "nn/Broadcast.h"

#include "common/InputError.h"
#include "nn/TensorLimits.h"

#include <algorithm>

namespace kh::nn {

std::vector<std::int64_t> broadcastShape(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b,
                                         const std::string& where)
{
    const size_t r = std::max(a.size(), b.size());
    std::vector<std::int64_t> out(r);
    for (size_t k = 0; k < r; ++k) {
        const std::int64_t da = k < r - a.size() ? 1 : a[k - (r - a.size())];
        const std::int64_t db = k < r - b.size() ? 1 : b[k - (r - b.size())];
        if (da != db && da != 1 && db != 1)
            throw InputError(where + ": shapes " + shapeText(a) + " and " + shapeText(b) + " do not broadcast");
        out[k] = da == 1 ? db : da;
    }
    checkedElementCount(out);   // negative or oversized results stop here, before any index table
    return out;
}

std::vector<std::size_t> broadcastIndex(const std::vector<std::int64_t>& in, const std::vector<std::int64_t>& out)
{
    std::size_t total = 1;
    for (std::int64_t d : out)
        total *= std::size_t(d);
    std::vector<std::size_t> idx(total);
    const size_t r = out.size(), off = r - in.size();
    // Strides of 'in' aligned to 'out', zero where broadcast.
    std::vector<std::size_t> stride(r, 0);
    std::size_t s = 1;
    for (size_t k = in.size(); k-- > 0;) {
        stride[k + off] = in[k] == 1 ? 0 : s;
        s *= std::size_t(in[k]);
    }
    std::vector<std::int64_t> counter(r, 0);
    std::size_t src = 0;
    for (std::size_t flat = 0; flat < total; ++flat) {
        idx[flat] = src;
        for (size_t k = r; k-- > 0;) {
            if (++counter[k] < out[k]) {
                src += stride[k];
                break;
            }
            src -= stride[k] * std::size_t(out[k] - 1);
            counter[k] = 0;
        }
    }
    return idx;
}

int normalizeAxis(std::int64_t axis, int rank, const std::string& where)
{
    if (axis < -rank || axis >= std::max(rank, 1))
        throw InputError(where + ": axis " + std::to_string(axis) + " out of range for rank " + std::to_string(rank));
    return int(axis < 0 ? axis + rank : axis);
}

} // namespace kh::nn
