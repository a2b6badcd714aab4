#pragma once
// Numbers with units as people type and read them: "1.5M", "1e-5", "6 kΩ", "100 µS", "0.01 %".
//
// Parsing and formatting are exact: a prefix moves the decimal point in the text instead of
// multiplying a double, so "1.1 µ" is the same double as "1.1e-6", and formatQuantity's text
// parses back to the very value it was made from. A field that shows its value this way never
// rounds what it cannot show.
#include <optional>
#include <string>
#include <string_view>

namespace kh {

struct QuantityParse {
    std::optional<double> value;   // set on success
    std::string error;             // why not, when value is empty
};

// Parses text as a number in 'unit' (the stored SI unit: "ohm", "V", "s", "K", "%", "" ...).
// Accepted: decimal or scientific notation, an optional SI prefix (f p n u µ m k M G T), the unit
// itself (or an alias such as "Ω", "Ohm"), surrounding spaces. For a dimensionless unit a
// trailing "%" divides by 100. Never throws.
QuantityParse parseQuantity(std::string_view text, std::string_view unit);

// The unit as it is shown ("ohm" → "Ω", "F^2" → "F²").
std::string unitSymbol(std::string_view unit);
// Whether values in this unit are shown with SI prefixes (Ω, V, s, S, A, W, J, Hz, F, m).
bool takesSiPrefix(std::string_view unit);

// The value as text, with an SI prefix where the unit takes one, to 'significant' digits
// (0: as many as the value needs to parse back exactly). Examples: 1.5e6 ohm → "1.5 MΩ",
// 1e-5 dimensionless → "1e-5", 0.25 V → "250 mV", 97.5 % → "97.5 %".
std::string formatQuantity(double value, std::string_view unit, int significant = 0);

// v rounded to the decimal place of 'resolution' (one digit finer), as exact decimal text would
// give it: roundedAtResolution(0.1 + 0.2, 0.1) == 0.3. Returns v for resolution <= 0 or v == 0.
double roundedAtResolution(double v, double resolution);

// The shortest decimal text of v that parses back to v, without a unit ("0.1", "1e-5", "12000").
std::string shortestNumber(double v);

} // namespace kh
