#include "io/Npy.h"

#include "common/InputError.h"
#include "common/TextFile.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace kh {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMaxElements = std::size_t(1) << 34;   // 16 G elements: far beyond any layer

std::string fail(const std::string& source, const std::string& what) { return source + ": " + what; }

// Extracts the value text of 'key' from the header's Python dict literal.
std::string dictValue(const std::string& header, const std::string& key, const std::string& source)
{
    const std::string quoted[2] = {"'" + key + "'", "\"" + key + "\""};
    std::size_t pos = std::string::npos;
    for (const std::string& q : quoted)
        if ((pos = header.find(q)) != std::string::npos) {
            pos += q.size();
            break;
        }
    if (pos == std::string::npos)
        throw InputError(fail(source, "npy header has no '" + key + "'"));
    pos = header.find(':', pos);
    if (pos == std::string::npos)
        throw InputError(fail(source, "npy header: no value for '" + key + "'"));
    ++pos;
    while (pos < header.size() && header[pos] == ' ')
        ++pos;
    if (pos >= header.size())
        throw InputError(fail(source, "npy header: no value for '" + key + "'"));
    const char open = header[pos];
    if (open == '\'' || open == '"') {
        const std::size_t end = header.find(open, pos + 1);
        if (end == std::string::npos)
            throw InputError(fail(source, "npy header: unterminated string for '" + key + "'"));
        return header.substr(pos + 1, end - pos - 1);
    }
    if (open == '(') {
        const std::size_t end = header.find(')', pos);
        if (end == std::string::npos)
            throw InputError(fail(source, "npy header: unterminated shape tuple"));
        return header.substr(pos, end - pos + 1);
    }
    std::size_t end = pos;
    while (end < header.size() && header[end] != ',' && header[end] != '}')
        ++end;
    return header.substr(pos, end - pos);
}

std::vector<std::size_t> parseShape(const std::string& tuple, const std::string& source)
{
    std::vector<std::size_t> shape;
    std::size_t i = 1;   // skip '('
    while (i < tuple.size()) {
        while (i < tuple.size() && (tuple[i] == ' ' || tuple[i] == ','))
            ++i;
        if (i >= tuple.size() || tuple[i] == ')')
            break;
        if (!std::isdigit(static_cast<unsigned char>(tuple[i])))
            throw InputError(fail(source, "npy header: bad shape " + tuple));
        std::size_t v = 0;
        while (i < tuple.size() && std::isdigit(static_cast<unsigned char>(tuple[i]))) {
            v = v * 10 + std::size_t(tuple[i] - '0');
            if (v > kMaxElements)
                throw InputError(fail(source, "npy header: dimension too large in " + tuple));
            ++i;
        }
        shape.push_back(v);
    }
    return shape;
}

template <class T>
T readLe(const char* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));   // the host is little-endian (x86-64, aarch64)
    return v;
}

} // namespace

std::size_t NpyArray::size() const
{
    std::size_t n = 1;
    for (std::size_t d : shape)
        n *= d;
    return n;
}

std::vector<std::int64_t> NpyArray::asInt64(const std::string& what) const
{
    if (is_integer)
        return ints;
    std::vector<std::int64_t> out(floats.size());
    for (std::size_t i = 0; i < floats.size(); ++i) {
        const double v = floats[i];
        if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 9.0e15)
            throw InputError(what + ": element " + std::to_string(i) + " (" + std::to_string(v) + ") is not an integer");
        out[i] = std::int64_t(v);
    }
    return out;
}

std::vector<double> NpyArray::asDouble() const
{
    if (!is_integer)
        return floats;
    return std::vector<double>(ints.begin(), ints.end());
}

NpyArray parseNpy(const std::string& bytes, const std::string& source)
{
    if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
        throw InputError(fail(source, "not a NumPy .npy file (bad magic)"));
    const int major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLen = 0, headerStart = 0;
    if (major == 1) {
        headerLen = readLe<std::uint16_t>(bytes.data() + 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw InputError(fail(source, "truncated npy header"));
        headerLen = readLe<std::uint32_t>(bytes.data() + 8);
        headerStart = 12;
    } else {
        throw InputError(fail(source, "unsupported npy format version " + std::to_string(major)));
    }
    if (headerStart + headerLen > bytes.size())
        throw InputError(fail(source, "truncated npy header"));
    const std::string header = bytes.substr(headerStart, headerLen);
    const std::string descr = dictValue(header, "descr", source);
    const std::string fortran = dictValue(header, "fortran_order", source);
    NpyArray a;
    a.shape = parseShape(dictValue(header, "shape", source), source);
    std::size_t n = 1;
    for (std::size_t d : a.shape) {
        if (d != 0 && n > kMaxElements / d)
            throw InputError(fail(source, "array too large"));
        n *= d;
    }
    if (descr.size() < 3 || (descr[0] != '<' && descr[0] != '|' && descr[0] != '='))
        throw InputError(fail(source, "unsupported dtype '" + descr + "' (little-endian int/uint/float required)"));
    const char kind = descr[1];
    const std::size_t item = std::size_t(std::atoi(descr.c_str() + 2));
    const bool okInt = (kind == 'i' && (item == 1 || item == 2 || item == 4 || item == 8))
                       || (kind == 'u' && (item == 1 || item == 2 || item == 4));
    const bool okFloat = kind == 'f' && (item == 4 || item == 8);
    if (!okInt && !okFloat)
        throw InputError(fail(source, "unsupported dtype '" + descr + "' (int8/16/32/64, uint8/16/32, float32/64)"));
    const std::size_t dataStart = headerStart + headerLen;
    if (bytes.size() - dataStart < n * item)
        throw InputError(fail(source, "truncated data: " + std::to_string(n) + " elements need " + std::to_string(n * item)
                                          + " bytes, file has " + std::to_string(bytes.size() - dataStart)));
    const char* p = bytes.data() + dataStart;
    a.is_integer = okInt;
    if (okInt)
        a.ints.resize(n);
    else
        a.floats.resize(n);
    for (std::size_t i = 0; i < n; ++i, p += item) {
        if (kind == 'i') {
            a.ints[i] = item == 1 ? readLe<std::int8_t>(p) : item == 2 ? readLe<std::int16_t>(p)
                      : item == 4 ? readLe<std::int32_t>(p) : readLe<std::int64_t>(p);
        } else if (kind == 'u') {
            a.ints[i] = item == 1 ? readLe<std::uint8_t>(p) : item == 2 ? readLe<std::uint16_t>(p) : readLe<std::uint32_t>(p);
        } else {
            a.floats[i] = item == 4 ? double(readLe<float>(p)) : readLe<double>(p);
        }
    }
    if (fortran.find("True") != std::string::npos && a.shape.size() == 2) {
        // Column-major on disk: transpose into row-major.
        const std::size_t rows = a.shape[0], cols = a.shape[1];
        auto transpose = [&](auto& v) {
            auto t = v;
            for (std::size_t r = 0; r < rows; ++r)
                for (std::size_t c = 0; c < cols; ++c)
                    t[r * cols + c] = v[c * rows + r];
            v.swap(t);
        };
        if (a.is_integer)
            transpose(a.ints);
        else
            transpose(a.floats);
    } else if (fortran.find("True") != std::string::npos && a.shape.size() > 2) {
        throw InputError(fail(source, "Fortran-ordered arrays of rank > 2 are not supported"));
    }
    return a;
}

NpyArray readNpy(const std::string& path) { return parseNpy(readTextFile(path), path); }

namespace {
std::string npyHeader(const std::vector<std::size_t>& shape, const char* descr)
{
    std::string dims;
    for (std::size_t d : shape)
        dims += std::to_string(d) + ",";
    if (shape.size() > 1)
        dims.pop_back();
    std::string dict = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    // Pad with spaces so the data starts on a 64-byte boundary; the header ends with '\n'.
    const std::size_t total = 10 + dict.size() + 1;
    dict.append((64 - total % 64) % 64, ' ');
    dict.push_back('\n');
    std::string out(kMagic, 6);
    out.push_back(char(1));
    out.push_back(char(0));
    out.push_back(char(dict.size() & 0xff));
    out.push_back(char((dict.size() >> 8) & 0xff));
    return out + dict;
}
} // namespace

std::string formatNpyInt64(const std::vector<std::size_t>& shape, const std::vector<std::int64_t>& data)
{
    std::string out = npyHeader(shape, "<i8");
    out.append(reinterpret_cast<const char*>(data.data()), data.size() * sizeof(std::int64_t));
    return out;
}

std::string formatNpyFloat64(const std::vector<std::size_t>& shape, const std::vector<double>& data)
{
    std::string out = npyHeader(shape, "<f8");
    out.append(reinterpret_cast<const char*>(data.data()), data.size() * sizeof(double));
    return out;
}

std::string formatNpyFloat32(const std::vector<std::size_t>& shape, const float* data, std::size_t count)
{
    std::string out = npyHeader(shape, "<f4");
    out.append(reinterpret_cast<const char*>(data), count * sizeof(float));
    return out;
}

void writeNpyFloat32(const std::string& path, const std::vector<std::size_t>& shape, const float* data, std::size_t count)
{
    writeTextFile(path, formatNpyFloat32(shape, data, count));
}

void writeNpyInt64(const std::string& path, const std::vector<std::size_t>& shape, const std::vector<std::int64_t>& data)
{
    writeTextFile(path, formatNpyInt64(shape, data));
}

} // namespace kh
