#pragma once
// A model constant that carries its name, unit and source. Every number of the PPA model that is
// not a unit conversion is declared as one of these, next to the model that uses it, and listed in
// that model's ConstantGroup: ppaConstants() collects them for docs/ppa-model.md, and a test fails
// on a constant without a source or a bare number in a model's code.
//
// source: the paper, book or datasheet with table or figure; or "assumption: " and the reason; or
// "derived: " and how it follows from other sourced facts.
#include <string_view>
#include <vector>

namespace kh {

struct ConstantRecord {
    std::string_view name;
    double value;             // NaN for a table column (a value per row)
    std::string_view unit;    // "1" for a dimensionless number
    std::string_view source;
};

template <class T>
struct Sourced {
    std::string_view name;   // the identifier, checked by the provenance test
    T value;
    std::string_view unit;
    std::string_view source;
    constexpr operator T() const { return value; }
    constexpr ConstantRecord record() const { return {name, double(value), unit, source}; }
};

// The constants of one source file.
struct ConstantGroup {
    std::string_view file;   // path from the repository root
    std::vector<ConstantRecord> constants;
};

} // namespace kh
