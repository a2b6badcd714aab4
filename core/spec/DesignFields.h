#pragma once
// The one description of every design-point field: its key path, type, default (the value in a
// default-constructed DesignPoint), range or choices, unit, how the GUI shows it, a one-line
// description, and which engines read it. The JSON reader and writer, the generated table of
// docs/design-point.md, the JSON Schema (`kirchhoff-cli schema`), the GUI editors' ranges and the
// accuracy cache key all come from this table. Rules between fields stay code
// (validateDesignPoint), next to it.
//
// Adding a field: a member in DesignPoint.h, one entry in DesignFields.cpp, and the engine code
// that reads it.
#include "spec/DesignPoint.h"
#include "spec/JsonObjectReader.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace kh {

enum class FieldKind { Int, UInt64, Number, OptionalNumber, NumberList, Bool, Enum, Speedup, MemStates, OutputNoise };

// Which engines read a field. A field the accuracy engine reads (or that sets its Monte Carlo
// budget) is part of the accuracy cache key; a PPA-only field is not.
enum FieldReaders : unsigned { kReadByPpa = 1, kReadByAccuracy = 2, kReadByBudget = 4, kReadByBoth = kReadByPpa | kReadByAccuracy };

struct DesignField {
    std::string key;                    // "precision.adc_bits"
    FieldKind kind = FieldKind::Number;
    double min = 0, max = 0;            // Int, UInt64, Number, OptionalNumber (inclusive)
    std::vector<std::string> choices;   // Enum: the JSON spellings
    std::string unit;                   // SI unit of the stored value ("" when dimensionless)
    std::string displayUnit;            // what an editor shows: value × displayScale in displayUnit
    double displayScale = 1;
    int decimals = 0;                   // significant decimals an editor needs at displayScale
    double step = 1;                    // one arrow-key step of an editor, at displayScale
    std::string description;            // one line, for docs and tooltips
    unsigned readBy = kReadByBoth;
    std::string nullMeaning;            // OptionalNumber, NumberList: what null means
    // Editors accept values up to max but warn above this bound, with the note as the reason.
    double plausibleMax = std::numeric_limits<double>::infinity();
    std::string plausibleNote;

    std::function<nlohmann::json(const DesignPoint&)> get;
    // Reads the key 'name' of the object 'r' (the field's parent) into dp; absent keys keep dp.
    std::function<void(JsonObjectReader& r, const std::string& name, DesignPoint& dp, const std::string& baseDir)> read;

    std::string section() const { return key.substr(0, key.rfind('.')); }
    std::string name() const { return key.substr(key.rfind('.') + 1); }
    bool readByAccuracy() const { return (readBy & (kReadByAccuracy | kReadByBudget)) != 0; }
};

const std::vector<DesignField>& designFields();
// nullptr when no field has this key.
const DesignField* findDesignField(const std::string& key);
// The JSON pointer of a dotted key ("noise.saf.p_stuck_min" → /noise/saf/p_stuck_min), escaped so
// that any text gives a valid pointer.
nlohmann::json::json_pointer designKeyPointer(const std::string& key);
// Keys of every scalar field a sweep axis may vary (tables excluded).
std::vector<std::string> sweepableDesignKeys();

// docs/design-point.md's table, generated (Markdown).
std::string designFieldsMarkdown();
// The design point as a JSON Schema (draft 2020-12).
nlohmann::json designPointSchema();

} // namespace kh
