#pragma once
// Minimal "--key value" / "--flag" parser. Unknown options and missing values are InputErrors
// naming the option, so the CLI exits with code 2.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kh::cli {

class CliArgs {
public:
    // valueOptions take one value; flags take none.
    CliArgs(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
            const std::set<std::string>& flags);
    bool has(const std::string& name) const { return values_.count(name) || flags_.count(name); }
    std::string value(const std::string& name, const std::string& fallback = "") const;
    std::string required(const std::string& name) const;
    int intValue(const std::string& name, int fallback, int lo, int hi) const;
    // A number in [lo, hi]; SI prefixes and scientific notation as in the GUI's fields.
    double numberValue(const std::string& name, double fallback, double lo, double hi) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
};

} // namespace kh::cli
