#include "io/ImageResize.h"

#include <algorithm>
#include <cmath>

namespace kh {

namespace {

// Pillow keeps 8 bits of headroom for the pixel and 2 for the sign and overflow of the sum.
constexpr int kPrecisionBits = 32 - 8 - 2;

struct Taps {
    int first = 0, count = 0;
    std::vector<int> weights;   // fixed point, kPrecisionBits fraction bits
};

double triangle(double x)
{
    x = std::fabs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
}

// The filter taps of each output sample along one axis.
std::vector<Taps> tapsFor(int in, int out)
{
    const double scale = double(in) / double(out);
    const double filterScale = std::max(scale, 1.0), support = 1.0 * filterScale;
    std::vector<Taps> taps(static_cast<size_t>(out));
    for (int i = 0; i < out; ++i) {
        const double centre = (i + 0.5) * scale;
        // Truncation toward zero, then clamping, as in Pillow.
        const int lo = std::max(int(centre - support + 0.5), 0);
        const int hi = std::min(int(centre + support + 0.5), in);
        std::vector<double> w;
        double sum = 0;
        for (int x = lo; x < hi; ++x) {
            w.push_back(triangle((x - centre + 0.5) / filterScale));
            sum += w.back();
        }
        Taps& t = taps[size_t(i)];
        t.first = lo;
        t.count = int(w.size());
        for (double v : w) {
            const double k = sum != 0 ? v / sum : 0.0;
            t.weights.push_back(int(k < 0 ? -0.5 + k * (1 << kPrecisionBits) : 0.5 + k * (1 << kPrecisionBits)));
        }
    }
    return taps;
}

std::uint8_t clip8(long long v)
{
    const long long shifted = v >> kPrecisionBits;
    return std::uint8_t(std::clamp<long long>(shifted, 0, 255));
}

} // namespace

std::vector<std::uint8_t> resizePlane(const std::uint8_t* plane, int cols, int rows, int newCols, int newRows)
{
    std::vector<std::uint8_t> horizontal(size_t(newCols) * size_t(rows));
    if (newCols == cols) {
        horizontal.assign(plane, plane + size_t(cols) * size_t(rows));
    } else {
        const std::vector<Taps> taps = tapsFor(cols, newCols);
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < newCols; ++x) {
                const Taps& t = taps[size_t(x)];
                long long acc = 1LL << (kPrecisionBits - 1);
                for (int k = 0; k < t.count; ++k)
                    acc += (long long)plane[size_t(y) * size_t(cols) + size_t(t.first + k)] * t.weights[size_t(k)];
                horizontal[size_t(y) * size_t(newCols) + size_t(x)] = clip8(acc);
            }
    }
    if (newRows == rows)
        return horizontal;
    std::vector<std::uint8_t> out(size_t(newCols) * size_t(newRows));
    const std::vector<Taps> taps = tapsFor(rows, newRows);
    for (int y = 0; y < newRows; ++y) {
        const Taps& t = taps[size_t(y)];
        for (int x = 0; x < newCols; ++x) {
            long long acc = 1LL << (kPrecisionBits - 1);
            for (int k = 0; k < t.count; ++k)
                acc += (long long)horizontal[size_t(t.first + k) * size_t(newCols) + size_t(x)] * t.weights[size_t(k)];
            out[size_t(y) * size_t(newCols) + size_t(x)] = clip8(acc);
        }
    }
    return out;
}

void resizedSize(int cols, int rows, int shorterSide, int& newCols, int& newRows)
{
    const int shortSide = std::min(cols, rows), longSide = std::max(cols, rows);
    const int newLong = int(double(shorterSide) * double(longSide) / double(shortSide));
    newCols = cols <= rows ? shorterSide : newLong;
    newRows = cols <= rows ? newLong : shorterSide;
}

int centreCropOffset(int side, int crop) { return int(std::nearbyint((side - crop) / 2.0)); }

} // namespace kh
