#include "common/QuantityText.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace kh {

namespace {

struct Prefix {
    const char* text;
    int exponent;
};

// Longest spellings first, so "µ" (two bytes) is tried as one prefix.
constexpr std::array<Prefix, 11> kPrefixes{{{"\xC2\xB5", -6},   // µ MICRO SIGN
                                            {"\xCE\xBC", -6},   // μ GREEK SMALL LETTER MU
                                            {"f", -15},
                                            {"p", -12},
                                            {"n", -9},
                                            {"u", -6},
                                            {"m", -3},
                                            {"k", 3},
                                            {"M", 6},
                                            {"G", 9},
                                            {"T", 12}}};

const char* prefixFor(int exponent)
{
    switch (exponent) {
    case -15: return "f";
    case -12: return "p";
    case -9: return "n";
    case -6: return "\xC2\xB5";
    case -3: return "m";
    case 3: return "k";
    case 6: return "M";
    case 9: return "G";
    case 12: return "T";
    default: return "";
    }
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool endsWith(std::string_view s, std::string_view tail) { return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail; }

std::vector<std::string_view> aliasesOf(std::string_view unit)
{
    if (unit == "ohm")
        return {"\xE2\x84\xA6", "\xCE\xA9", "ohms", "Ohms", "ohm", "Ohm"};   // Ω OHM SIGN, Ω GREEK CAPITAL OMEGA
    if (unit == "F^2")
        return {"F\xC2\xB2", "F^2", "F2"};
    if (unit.empty())
        return {};
    return {unit};
}

// Parses a plain decimal number and scales it by 10^shift exactly (by editing its exponent).
std::optional<double> decimalTimesPowerOfTen(std::string_view number, int shift)
{
    if (number.empty())
        return std::nullopt;
    if (number.front() == '+')
        number.remove_prefix(1);
    std::string_view mantissa = number;
    long long exponent = 0;
    if (const size_t e = number.find_first_of("eE"); e != std::string_view::npos) {
        mantissa = number.substr(0, e);
        std::string_view exp = number.substr(e + 1);
        if (!exp.empty() && exp.front() == '+')
            exp.remove_prefix(1);
        const auto [end, ec] = std::from_chars(exp.data(), exp.data() + exp.size(), exponent);
        if (ec != std::errc() || end != exp.data() + exp.size() || exp.empty() || std::llabs(exponent) > 100000)
            return std::nullopt;
    }
    if (mantissa.empty() || mantissa.find_first_not_of("-.0123456789") != std::string_view::npos)
        return std::nullopt;
    const std::string text = std::string(mantissa) + "e" + std::to_string(exponent + shift);
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (end != text.data() + text.size() || (ec != std::errc() && ec != std::errc::result_out_of_range))
        return std::nullopt;
    if (ec == std::errc::result_out_of_range)
        return exponent + shift > 0 ? std::optional<double>(HUGE_VAL) : std::optional<double>(0.0);
    return v;
}

// The decimal digits of |v| and its exponent: |v| = d0.d1d2... × 10^exponent.
struct Decimal {
    bool negative = false;
    std::string digits;
    int exponent = 0;
};

Decimal decimalOf(double v, int significant)
{
    std::array<char, 64> buf{};
    const auto r = significant > 0 ? std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific, significant - 1)
                                   : std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific);
    const std::string_view s(buf.data(), size_t(r.ptr - buf.data()));
    Decimal d;
    size_t i = 0;
    if (s[i] == '-') {
        d.negative = true;
        ++i;
    }
    const size_t e = s.find('e');
    for (; i < e; ++i)
        if (s[i] != '.')
            d.digits += s[i];
    d.exponent = std::atoi(std::string(s.substr(e + 1)).c_str());
    while (d.digits.size() > 1 && d.digits.back() == '0')
        d.digits.pop_back();
    return d;
}

// Digits placed so that the first digit stands at 10^lead (lead may be negative).
std::string placeDigits(const std::string& digits, int lead)
{
    std::string out;
    if (lead < 0) {
        out = "0." + std::string(size_t(-lead - 1), '0') + digits;
    } else if (size_t(lead) + 1 >= digits.size()) {
        out = digits + std::string(size_t(lead) + 1 - digits.size(), '0');
    } else {
        out = digits.substr(0, size_t(lead) + 1) + "." + digits.substr(size_t(lead) + 1);
    }
    return out;
}

std::string scientific(const Decimal& d)
{
    std::string out = d.digits.substr(0, 1);
    if (d.digits.size() > 1)
        out += "." + d.digits.substr(1);
    return out + "e" + std::to_string(d.exponent);
}

} // namespace

std::string unitSymbol(std::string_view unit)
{
    if (unit == "ohm")
        return "\xCE\xA9";
    if (unit == "F^2")
        return "F\xC2\xB2";
    return std::string(unit);
}

bool takesSiPrefix(std::string_view unit)
{
    for (std::string_view u : {"ohm", "V", "s", "S", "A", "W", "J", "Hz", "F", "m"})
        if (unit == u)
            return true;
    return false;
}

QuantityParse parseQuantity(std::string_view text, std::string_view unit)
{
    const std::string shown = unitSymbol(unit);
    auto fail = [&](const std::string& why) {
        QuantityParse p;
        p.error = why;
        return p;
    };
    std::string_view s = trim(text);
    if (s.empty())
        return fail("no number");
    for (std::string_view alias : aliasesOf(unit))
        if (endsWith(s, alias) && s.size() > alias.size()) {
            s = trim(s.substr(0, s.size() - alias.size()));
            break;
        }
    int shift = 0;
    if (unit.empty() && endsWith(s, "%")) {
        shift = -2;
        s = trim(s.substr(0, s.size() - 1));
    } else {
        for (const Prefix& p : kPrefixes)
            if (endsWith(s, p.text) && s.size() > std::string_view(p.text).size()) {
                const std::string_view rest = trim(s.substr(0, s.size() - std::string_view(p.text).size()));
                // "1e" + nothing is not a prefix case; the rest must end in a digit or a point.
                if (!rest.empty() && (std::isdigit(static_cast<unsigned char>(rest.back())) || rest.back() == '.')) {
                    shift = p.exponent;
                    s = rest;
                }
                break;
            }
    }
    const std::optional<double> v = decimalTimesPowerOfTen(s, shift);
    if (!v)
        return fail("'" + std::string(trim(text)) + "' is not a number" + (shown.empty() ? "" : " in " + shown) +
                    " (examples: 1.5, 2e-5, 6k, 1.5M" + (shown.empty() ? "" : " " + shown) + ")");
    if (!std::isfinite(*v))
        return fail("'" + std::string(trim(text)) + "' is out of range");
    QuantityParse ok;
    ok.value = *v;
    return ok;
}

std::string shortestNumber(double v)
{
    if (!std::isfinite(v))
        return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    if (v == 0)
        return "0";
    const Decimal d = decimalOf(v, 0);
    std::string body = (d.exponent >= -4 && d.exponent < 6) ? placeDigits(d.digits, d.exponent) : scientific(d);
    return (d.negative ? "-" : "") + body;
}

double roundedAtResolution(double v, double resolution)
{
    if (!(resolution > 0) || v == 0 || !std::isfinite(v))
        return v;
    const int digits = int(std::floor(std::log10(std::fabs(v)))) - int(std::floor(std::log10(resolution))) + 2;
    if (digits < 1)
        return 0;
    if (digits >= 17)
        return v;
    const QuantityParse p = parseQuantity(formatQuantity(v, "", digits), "");
    return p.value ? *p.value : v;
}

std::string formatQuantity(double value, std::string_view unit, int significant)
{
    const std::string symbol = unitSymbol(unit);
    const std::string space = symbol.empty() ? "" : " ";
    if (!std::isfinite(value) || value == 0)
        return shortestNumber(value) + space + symbol;
    const Decimal d = decimalOf(value, significant);
    std::string body;
    std::string prefix;
    if (takesSiPrefix(unit)) {
        int p = 3 * int(std::floor(d.exponent / 3.0));
        p = std::clamp(p, -15, 12);
        prefix = prefixFor(p);
        body = placeDigits(d.digits, d.exponent - p);
    } else {
        body = (d.exponent >= -4 && d.exponent < 6) ? placeDigits(d.digits, d.exponent) : scientific(d);
    }
    return (d.negative ? "-" : "") + body + space + prefix + symbol;
}

} // namespace kh
