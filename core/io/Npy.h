#pragma once
// NumPy .npy files (format versions 1.0, 2.0 and 3.0), little-endian int8/16/32/64, uint8/16/32 and
// float32/64, C or Fortran order, any rank. Malformed or truncated files are InputErrors naming the
// file and what is wrong; nothing is read past the end of the data.
#include <cstdint>
#include <string>
#include <vector>

namespace kh {

struct NpyArray {
    std::vector<std::size_t> shape;   // row-major (C order) after reading
    bool is_integer = false;
    std::vector<std::int64_t> ints;   // when is_integer
    std::vector<double> floats;       // otherwise
    std::size_t size() const;

    // Values as int64; floats must hold integral values. Errors name 'what' (e.g. the file).
    std::vector<std::int64_t> asInt64(const std::string& what) const;
    std::vector<double> asDouble() const;
};

NpyArray parseNpy(const std::string& bytes, const std::string& sourceName);
NpyArray readNpy(const std::string& path);
// Writes int64 ('<i8') or float64 ('<f8') data, format 1.0.
std::string formatNpyInt64(const std::vector<std::size_t>& shape, const std::vector<std::int64_t>& data);
std::string formatNpyFloat64(const std::vector<std::size_t>& shape, const std::vector<double>& data);
// float32 ('<f4'), format 1.0: count values (the product of shape).
std::string formatNpyFloat32(const std::vector<std::size_t>& shape, const float* data, std::size_t count);
void writeNpyFloat32(const std::string& path, const std::vector<std::size_t>& shape, const float* data, std::size_t count);
void writeNpyInt64(const std::string& path, const std::vector<std::size_t>& shape, const std::vector<std::int64_t>& data);

} // namespace kh
