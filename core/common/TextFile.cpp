#include "common/TextFile.h"

#include "common/InputError.h"

#include <fstream>
#include <sstream>

namespace kh {

std::string readTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open file for reading");
    // Read in blocks up to the limit, so that a device or pipe without end (a design point naming
    // /dev/zero) is an error, not an unbounded allocation.
    std::string out;
    char block[1 << 16];
    while (in.read(block, sizeof block) || in.gcount() > 0) {
        out.append(block, std::size_t(in.gcount()));
        if (out.size() > kMaxInputFileBytes)
            throw InputError(path + ": larger than " + std::to_string(kMaxInputFileBytes >> 20) + " MiB, the limit for an input file");
    }
    if (in.bad())
        throw InputError(path + ": read error");
    return out;
}

void writeTextFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw InputError(path + ": cannot open file for writing");
    out << text;
    if (!out)
        throw InputError(path + ": write error");
}

} // namespace kh
