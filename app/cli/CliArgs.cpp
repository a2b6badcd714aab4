#include "cli/CliArgs.h"

#include "common/InputError.h"
#include "common/QuantityText.h"

namespace kh::cli {

CliArgs::CliArgs(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                 const std::set<std::string>& flags)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() == 2 && a[0] == '-' && a[1] != '-' && valueOptions.count(a)) {   // short option, e.g. -o
            if (i + 1 >= args.size())
                throw InputError(a + ": missing value");
            values_[a] = args[++i];
            continue;
        }
        if (a.rfind("--", 0) != 0 || a == "--") {
            positional_.push_back(a);
            continue;
        }
        std::string name = a, inlineValue;
        bool hasInline = false;
        if (auto eq = a.find('='); eq != std::string::npos) {
            name = a.substr(0, eq);
            inlineValue = a.substr(eq + 1);
            hasInline = true;
        }
        if (valueOptions.count(name)) {
            if (hasInline) {
                values_[name] = inlineValue;
            } else {
                if (i + 1 >= args.size())
                    throw InputError(name + ": missing value");
                values_[name] = args[++i];
            }
        } else if (flags.count(name) && !hasInline) {
            flags_.insert(name);
        } else {
            throw InputError(name + ": unknown option");
        }
    }
}

std::string CliArgs::value(const std::string& name, const std::string& fallback) const
{
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

std::string CliArgs::required(const std::string& name) const
{
    auto it = values_.find(name);
    if (it == values_.end())
        throw InputError(name + ": required option is missing");
    return it->second;
}

int CliArgs::intValue(const std::string& name, int fallback, int lo, int hi) const
{
    auto it = values_.find(name);
    if (it == values_.end())
        return fallback;
    try {
        size_t used = 0;
        const long long v = std::stoll(it->second, &used);
        if (used != it->second.size() || v < lo || v > hi)
            throw std::out_of_range("range");
        return int(v);
    } catch (const std::exception&) {
        throw InputError(name + ": expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi)
                         + "], got \"" + it->second + "\"");
    }
}

double CliArgs::numberValue(const std::string& name, double fallback, double lo, double hi) const
{
    auto it = values_.find(name);
    if (it == values_.end())
        return fallback;
    const QuantityParse p = parseQuantity(it->second, "");
    if (!p.value || *p.value < lo || *p.value > hi)
        throw InputError(name + ": expected a number in [" + shortestNumber(lo) + ", " + shortestNumber(hi) + "], got \"" + it->second + "\"");
    return *p.value;
}

} // namespace kh::cli
