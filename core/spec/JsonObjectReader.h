#pragma once
// Reads one JSON object key by key with type and range checks. Every error names the key's full
// path ("precision.adc_bits: ..."). finish() rejects keys nobody asked for, so typos never pass.
#include "common/InputError.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kh {

class JsonObjectReader {
public:
    JsonObjectReader(const nlohmann::json& object, std::string path);

    std::string pathOf(const std::string& key) const;
    bool has(const std::string& key) const;
    // Returns the raw value (marks the key used) or nullptr when absent.
    const nlohmann::json* raw(const std::string& key);

    void readInt(const std::string& key, int& out, long long lo, long long hi);
    void readUInt64(const std::string& key, unsigned long long& out);
    void readNumber(const std::string& key, double& out, double lo, double hi);
    void readOptionalNumber(const std::string& key, std::optional<double>& out, double lo, double hi);
    // null (→ empty) or an array of 1 … maxCount numbers, each in [lo, hi].
    void readNumberList(const std::string& key, std::vector<double>& out, double lo, double hi, size_t maxCount);
    void readBool(const std::string& key, bool& out);
    void readString(const std::string& key, std::string& out);

    template <class E>
    void readEnum(const std::string& key, E& out, const std::vector<std::pair<const char*, E>>& names)
    {
        const nlohmann::json* v = raw(key);
        if (!v)
            return;
        if (!v->is_string())
            throw InputError::atKey(pathOf(key), "expected a string, got " + typeName(*v));
        const std::string text = v->get<std::string>();
        std::string allowed;
        for (const auto& [name, value] : names) {
            if (text == name) {
                out = value;
                return;
            }
            allowed += (allowed.empty() ? "" : " | ") + std::string(name);
        }
        throw InputError::atKey(pathOf(key), "unknown value \"" + text + "\" (allowed: " + allowed + ")");
    }

    // Throws for the first key present in the object but never read.
    void finish() const;

    static std::string typeName(const nlohmann::json& v);

private:
    const nlohmann::json& object_;
    std::string path_;
    std::set<std::string> used_;
};

} // namespace kh
