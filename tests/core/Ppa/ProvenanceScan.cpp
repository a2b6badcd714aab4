#include "ProvenanceScan.h"

#include <algorithm>
#include <regex>

namespace {
std::string stripComments(const std::string& s)
{
    std::string out;
    for (size_t i = 0; i < s.size();) {
        if (s.compare(i, 2, "//") == 0) {
            while (i < s.size() && s[i] != '\n')
                ++i;
        } else if (s.compare(i, 2, "/*") == 0) {
            const size_t e = s.find("*/", i + 2);
            i = e == std::string::npos ? s.size() : e + 2;
        } else if (s[i] == '"' || s[i] == '\'') {   // copy literals whole: "//" inside them is no comment
            const char q = s[i];
            out += s[i++];
            while (i < s.size() && s[i] != q) {
                if (s[i] == '\\' && i + 1 < s.size())
                    out += s[i++];
                out += s[i++];
            }
            if (i < s.size())
                out += s[i++];
        } else {
            out += s[i++];
        }
    }
    return out;
}

std::string stripStrings(const std::string& s)
{
    return std::regex_replace(s, std::regex(R"("(\\.|[^"\\])*"|'(\\.|[^'\\])')"), "\"\"");
}

bool allowedLiteral(const std::string& lit)
{
    static const std::regex plain(R"((0|1|2)(\.0*)?)"), powerOfTen(R"(1(\.0*)?[eE][-+]?\d+|10+(\.0*)?)");
    return std::regex_match(lit, plain) || std::regex_match(lit, powerOfTen);
}

} // namespace

bool citesSomething(const std::string& source)
{
    for (const char* reasoned : {"assumption: ", "derived: ", "definition: "})
        if (source.rfind(reasoned, 0) == 0)
            return source.size() >= std::string(reasoned).size() + 20;   // a reason, not a word
    static const std::regex year(R"((19|20)\d\d)");
    return std::regex_search(source, year) || source.find("NeuroSim") != std::string::npos
           || source.find(" ed.") != std::string::npos;
}

std::vector<std::string> scanSource(const std::string& file, const std::string& text, const std::set<std::string>& registered)
{
    std::vector<std::string> problems;
    std::string code;
    // Source tables (one cited source per column) are listed in the registry by column.
    {
        std::string t = text;
        const std::regex table(R"(// provenance-table-begin (\w+)[\s\S]*?// provenance-table-end)");
        std::smatch m;
        while (std::regex_search(t, m, table)) {
            bool listed = false;
            for (const std::string& r : registered)
                listed = listed || r.rfind(m[1].str() + ".", 0) == 0;
            if (!listed)
                problems.push_back(file + ": table " + m[1].str() + " has no sourced columns in the registry");
            t = m.suffix();
        }
        code = stripComments(std::regex_replace(text, table, ""));
    }
    const std::regex bareConstexpr(R"(constexpr\s+(static\s+)?(double|float|int|long|unsigned|size_t|std::size_t)\s+(\w+))");
    for (std::sregex_iterator it(code.begin(), code.end(), bareConstexpr), end; it != end; ++it)
        problems.push_back(file + ": constant " + (*it)[3].str() + " is not a Sourced value");
    const std::regex sourced(R"re(Sourced<\w+>\s*(\w+)\s*\{\s*"(\w+)"[\s\S]*?\};)re");
    for (std::sregex_iterator it(code.begin(), code.end(), sourced), end; it != end; ++it) {
        const std::string id = (*it)[1].str(), name = (*it)[2].str();
        if (id != name)
            problems.push_back(file + ": Sourced " + id + " is named \"" + name + "\"");
        if (!registered.count(id))
            problems.push_back(file + ": " + id + " is missing from the registry (its file's ConstantGroup)");
    }
    code = stripStrings(std::regex_replace(code, sourced, ""));
    code = std::regex_replace(code, std::regex(R"(#include[^\n]*)"), "");
    const std::regex number(R"((^|[^\w.])((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)(?![\w.]))");
    for (std::sregex_iterator it(code.begin(), code.end(), number), end; it != end; ++it) {
        const std::string lit = (*it)[2].str();
        if (!allowedLiteral(lit)) {
            const size_t line = 1 + std::count(code.begin(), code.begin() + it->position(2), '\n');
            problems.push_back(file + ": bare number " + lit + " (near code line " + std::to_string(line)
                               + "): declare it as a Sourced constant");
        }
    }
    return problems;
}

