#include "io/MatrixFile.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/Npy.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace kh {

namespace {

// The largest matrix the VMM benchmark takes is 8192 × 8192 (2^26 values, 512 MiB of doubles);
// a file declaring more is rejected before anything is allocated.
constexpr long long kMaxSide = 65536, kMaxElements = 1LL << 26;

// A 1-based Matrix Market index: a plain integer in [1, limit].
long long parseIndex(const std::string& token, long long limit, const std::string& path, int line)
{
    long long v = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
    if (ec != std::errc() || end != token.data() + token.size())
        throw InputError::atLine(path, line, "\"" + token + "\" is not an integer index");
    if (v < 1 || v > limit)
        throw InputError::atLine(path, line, "index " + token + " outside [1, " + std::to_string(limit) + "]");
    return v - 1;
}

void checkDimensions(long long rows, long long cols, const std::string& where)
{
    if (rows < 1 || cols < 1 || rows > kMaxSide || cols > kMaxSide || rows * cols > kMaxElements)
        throw InputError(where + ": a " + std::to_string(rows) + " x " + std::to_string(cols) + " matrix is outside the supported sizes (1 to "
                         + std::to_string(kMaxSide) + " per side, at most " + std::to_string(kMaxElements) + " values)");
}

double parseNumber(const std::string& token, const std::string& path, int line)
{
    size_t used = 0;
    double v = 0;
    try {
        v = std::stod(token, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != token.size() || !std::isfinite(v))
        throw InputError::atLine(path, line, "\"" + token + "\" is not a finite number");
    return v;
}

std::string trim(const std::string& s)
{
    const size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
        return "";
    return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

} // namespace

DenseMatrix parseMatrixCsv(const std::string& text, const std::string& path)
{
    std::istringstream in(text);
    DenseMatrix m;
    int lineNo = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        line = trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        std::vector<double> row;
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');)
            row.push_back(parseNumber(trim(cell), path, lineNo));
        if (m.rows == 0)
            m.cols = int(row.size());
        else if (int(row.size()) != m.cols)
            throw InputError::atLine(path, lineNo, std::to_string(row.size()) + " values; the first row has " + std::to_string(m.cols));
        m.values.insert(m.values.end(), row.begin(), row.end());
        ++m.rows;
    }
    if (m.rows == 0)
        throw InputError(path + ": no numbers");
    return m;
}

DenseMatrix parseMatrixMarket(const std::string& text, const std::string& path)
{
    std::istringstream in(text);
    std::string line;
    int lineNo = 1;
    if (!std::getline(in, line) || line.rfind("%%MatrixMarket", 0) != 0)
        throw InputError::atLine(path, 1, "missing the %%MatrixMarket header");
    std::istringstream header(line);
    std::string banner, object, format, field, symmetry;
    header >> banner >> object >> format >> field >> symmetry;
    if (object != "matrix" || (format != "coordinate" && format != "array") || (field != "real" && field != "integer")
        || (symmetry != "general" && symmetry != "symmetric"))
        throw InputError::atLine(path, 1, "supported: matrix coordinate|array real|integer general|symmetric");
    while (std::getline(in, line)) {   // comments, then the size line
        ++lineNo;
        if (!trim(line).empty() && line[0] != '%')
            break;
    }
    std::istringstream size(line);
    std::vector<std::string> sizeTokens;
    for (std::string tok; size >> tok;)
        sizeTokens.push_back(tok);
    const bool coordinate = format == "coordinate", symmetric = symmetry == "symmetric";
    if (sizeTokens.size() != (coordinate ? 3u : 2u))
        throw InputError::atLine(path, lineNo, "bad size line (expected rows cols" + std::string(coordinate ? " entries)" : ")"));
    const long long rows = parseIndex(sizeTokens[0], kMaxSide, path, lineNo) + 1, cols = parseIndex(sizeTokens[1], kMaxSide, path, lineNo) + 1;
    checkDimensions(rows, cols, path + ":" + std::to_string(lineNo));
    if (symmetric && rows != cols)
        throw InputError::atLine(path, lineNo, "a symmetric matrix must be square, not " + std::to_string(rows) + " x " + std::to_string(cols));
    const long long dense = symmetric ? rows * (rows + 1) / 2 : rows * cols;
    long long entries = dense;
    if (coordinate) {
        entries = sizeTokens[2] == "0" ? 0 : parseIndex(sizeTokens[2], dense, path, lineNo) + 1;
    }
    // Every entry takes at least 2 bytes ("v\n") in array format and 6 ("i j v\n") in coordinate
    // format: a size line promising more than the file can hold is rejected before allocating.
    const long long minBytes = entries * (coordinate ? 6 : 2) - 1;
    if (minBytes > (long long)(text.size()))
        throw InputError::atLine(path, lineNo, "declares " + std::to_string(entries) + " entries, more than the file's "
                                                   + std::to_string(text.size()) + " bytes can hold");
    DenseMatrix m;
    m.rows = int(rows);
    m.cols = int(cols);
    m.values.assign(size_t(rows) * size_t(cols), 0.0);
    const long long expected = entries;
    long long read = 0;
    long long r = 0, c = 0;   // array format: column-major
    while (read < expected && std::getline(in, line)) {
        ++lineNo;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '%')
            continue;
        std::istringstream fields(t);
        std::vector<std::string> tokens;
        for (std::string tok; fields >> tok;)
            tokens.push_back(tok);
        long long i = 0, j = 0;
        double v = 0;
        if (format == "coordinate") {
            if (tokens.size() != 3)
                throw InputError::atLine(path, lineNo, "expected \"row col value\"");
            i = parseIndex(tokens[0], rows, path, lineNo);
            j = parseIndex(tokens[1], cols, path, lineNo);
            v = parseNumber(tokens[2], path, lineNo);
        } else {
            if (tokens.size() != 1)
                throw InputError::atLine(path, lineNo, "expected one value per line");
            v = parseNumber(tokens[0], path, lineNo);
            i = r;
            j = c;
            if (++r == rows) {
                ++c;
                r = symmetry == "symmetric" ? c : 0;
            }
        }
        m.values[size_t(i) * size_t(cols) + size_t(j)] = v;
        if (symmetric)   // square, checked above
            m.values[size_t(j) * size_t(cols) + size_t(i)] = v;
        ++read;
    }
    if (read < expected)
        throw InputError::atLine(path, lineNo, "file ends after " + std::to_string(read) + " of " + std::to_string(expected) + " entries");
    return m;
}

DenseMatrix readMatrixFile(const std::string& path)
{
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".npy") {
        const NpyArray a = readNpy(path);
        DenseMatrix m;
        if (a.shape.size() != 1 && a.shape.size() != 2)
            throw InputError(path + ": expected a 1-D or 2-D array");
        const std::size_t r = a.shape.size() == 1 ? 1 : a.shape[0], c = a.shape.back();
        if (r < 1 || c < 1)
            throw InputError(path + ": empty array");
        checkDimensions((long long)std::min<std::size_t>(r, kMaxSide + 1), (long long)std::min<std::size_t>(c, kMaxSide + 1), path);
        m.rows = int(r);
        m.cols = int(c);
        m.values = a.asDouble();
        for (double v : m.values)
            if (!std::isfinite(v))
                throw InputError(path + ": contains NaN or infinity");
        if (m.rows < 1 || m.cols < 1)
            throw InputError(path + ": empty array");
        return m;
    }
    if (ext == ".csv" || ext == ".txt")
        return parseMatrixCsv(readTextFile(path), path);
    if (ext == ".mtx")
        return parseMatrixMarket(readTextFile(path), path);
    throw InputError(path + ": unknown matrix format (use .npy, .csv or .mtx)");
}

} // namespace kh
