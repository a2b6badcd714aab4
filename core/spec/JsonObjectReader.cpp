#include "spec/JsonObjectReader.h"

#include <cmath>
#include <sstream>

namespace kh {

namespace {
std::string formatNumber(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}
} // namespace

JsonObjectReader::JsonObjectReader(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path))
{
    if (!object_.is_object())
        throw InputError::atKey(path_, "expected an object, got " + typeName(object_));
}

std::string JsonObjectReader::pathOf(const std::string& key) const
{
    return path_.empty() ? key : path_ + "." + key;
}

bool JsonObjectReader::has(const std::string& key) const { return object_.contains(key); }

const nlohmann::json* JsonObjectReader::raw(const std::string& key)
{
    auto it = object_.find(key);
    if (it == object_.end())
        return nullptr;
    used_.insert(key);
    return &*it;
}

void JsonObjectReader::readInt(const std::string& key, int& out, long long lo, long long hi)
{
    const nlohmann::json* v = raw(key);
    if (!v)
        return;
    long long value = 0;
    if (v->is_number_integer()) {
        value = v->get<long long>();
    } else if (v->is_number_float() && std::isfinite(v->get<double>())
               && v->get<double>() == std::floor(v->get<double>()) && std::fabs(v->get<double>()) < 9e15) {
        value = static_cast<long long>(v->get<double>());
    } else {
        throw InputError::atKey(pathOf(key), "expected an integer, got " + typeName(*v));
    }
    if (value < lo || value > hi)
        throw InputError::atKey(pathOf(key), "must be in [" + std::to_string(lo) + ", " + std::to_string(hi)
                                                 + "], got " + std::to_string(value));
    out = static_cast<int>(value);
}

void JsonObjectReader::readUInt64(const std::string& key, unsigned long long& out)
{
    const nlohmann::json* v = raw(key);
    if (!v)
        return;
    if (v->is_number_unsigned())
        out = v->get<unsigned long long>();
    else if (v->is_number_integer() && v->get<long long>() >= 0)   // built in code rather than parsed
        out = (unsigned long long)v->get<long long>();
    else if (v->is_number_integer())
        throw InputError::atKey(pathOf(key), "must be non-negative");
    else
        throw InputError::atKey(pathOf(key), "expected an integer, got " + typeName(*v));
}

namespace {
// A finite number in [lo, hi]; errors name 'path'.
double checkedNumber(const nlohmann::json& v, const std::string& path, double lo, double hi)
{
    if (!v.is_number())
        throw InputError::atKey(path, "expected a number, got " + JsonObjectReader::typeName(v));
    const double value = v.get<double>();
    if (!std::isfinite(value) || value < lo || value > hi)
        throw InputError::atKey(path, "must be in [" + formatNumber(lo) + ", " + formatNumber(hi) + "], got " + formatNumber(value));
    return value;
}
} // namespace

void JsonObjectReader::readNumber(const std::string& key, double& out, double lo, double hi)
{
    if (const nlohmann::json* v = raw(key))
        out = checkedNumber(*v, pathOf(key), lo, hi);
}

void JsonObjectReader::readOptionalNumber(const std::string& key, std::optional<double>& out, double lo, double hi)
{
    const nlohmann::json* v = raw(key);
    if (!v)
        return;
    if (v->is_null()) {
        out.reset();
        return;
    }
    double value = 0;
    used_.erase(key);
    readNumber(key, value, lo, hi);
    out = value;
}

void JsonObjectReader::readNumberList(const std::string& key, std::vector<double>& out, double lo, double hi, size_t maxCount)
{
    const nlohmann::json* v = raw(key);
    if (!v)
        return;
    if (v->is_null()) {
        out.clear();
        return;
    }
    if (!v->is_array() || v->empty() || v->size() > maxCount)
        throw InputError::atKey(pathOf(key), "expected null or a list of 1 to " + std::to_string(maxCount) + " numbers, got "
                                                 + (v->is_array() ? std::to_string(v->size()) + " values" : typeName(*v)));
    std::vector<double> values;
    for (size_t k = 0; k < v->size(); ++k)
        values.push_back(checkedNumber((*v)[k], pathOf(key) + "[" + std::to_string(k) + "]", lo, hi));
    out = values;
}

void JsonObjectReader::readBool(const std::string& key, bool& out)
{
    const nlohmann::json* v = raw(key);
    if (!v)
        return;
    if (!v->is_boolean())
        throw InputError::atKey(pathOf(key), "expected true or false, got " + typeName(*v));
    out = v->get<bool>();
}

void JsonObjectReader::readString(const std::string& key, std::string& out)
{
    const nlohmann::json* v = raw(key);
    if (!v)
        return;
    if (v->is_null()) {
        out.clear();
        return;
    }
    if (!v->is_string())
        throw InputError::atKey(pathOf(key), "expected a string, got " + typeName(*v));
    out = v->get<std::string>();
}

void JsonObjectReader::finish() const
{
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        if (!used_.count(it.key()))
            throw InputError::atKey(pathOf(it.key()), "unknown key");
    }
}

std::string JsonObjectReader::typeName(const nlohmann::json& v)
{
    switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::number_float: return "a number";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    default: return "an unsupported value";
    }
}

} // namespace kh
