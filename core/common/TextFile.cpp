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
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw InputError(path + ": read error");
    return buffer.str();
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
