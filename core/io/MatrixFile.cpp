#include "io/MatrixFile.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/Npy.h"

#include <cmath>
#include <filesystem>
#include <sstream>

namespace kh {

namespace {

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

vmm::DenseMatrix readCsv(const std::string& path)
{
    std::istringstream in(readTextFile(path));
    vmm::DenseMatrix m;
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

vmm::DenseMatrix readMtx(const std::string& path)
{
    std::istringstream in(readTextFile(path));
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
    long long rows = 0, cols = 0, entries = 0;
    size >> rows >> cols;
    if (format == "coordinate")
        size >> entries;
    if (!size || rows < 1 || cols < 1 || rows > 65536 || cols > 65536)
        throw InputError::atLine(path, lineNo, "bad size line (rows cols" + std::string(format == "coordinate" ? " entries)" : ")"));
    vmm::DenseMatrix m;
    m.rows = int(rows);
    m.cols = int(cols);
    m.values.assign(size_t(rows) * size_t(cols), 0.0);
    const long long expected = format == "coordinate" ? entries : (symmetry == "symmetric" ? rows * (rows + 1) / 2 : rows * cols);
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
            i = (long long)parseNumber(tokens[0], path, lineNo) - 1;
            j = (long long)parseNumber(tokens[1], path, lineNo) - 1;
            v = parseNumber(tokens[2], path, lineNo);
            if (i < 0 || j < 0 || i >= rows || j >= cols)
                throw InputError::atLine(path, lineNo, "index outside the " + std::to_string(rows) + " x " + std::to_string(cols) + " matrix");
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
        if (symmetry == "symmetric")
            m.values[size_t(j) * size_t(cols) + size_t(i)] = v;
        ++read;
    }
    if (read < expected)
        throw InputError::atLine(path, lineNo, "file ends after " + std::to_string(read) + " of " + std::to_string(expected) + " entries");
    return m;
}

} // namespace

vmm::DenseMatrix readMatrixFile(const std::string& path)
{
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".npy") {
        const NpyArray a = readNpy(path);
        vmm::DenseMatrix m;
        if (a.shape.size() == 1) {
            m.rows = 1;
            m.cols = int(a.shape[0]);
        } else if (a.shape.size() == 2) {
            m.rows = int(a.shape[0]);
            m.cols = int(a.shape[1]);
        } else {
            throw InputError(path + ": expected a 1-D or 2-D array");
        }
        m.values = a.asDouble();
        for (double v : m.values)
            if (!std::isfinite(v))
                throw InputError(path + ": contains NaN or infinity");
        if (m.rows < 1 || m.cols < 1)
            throw InputError(path + ": empty array");
        return m;
    }
    if (ext == ".csv" || ext == ".txt")
        return readCsv(path);
    if (ext == ".mtx")
        return readMtx(path);
    throw InputError(path + ": unknown matrix format (use .npy, .csv or .mtx)");
}

} // namespace kh
