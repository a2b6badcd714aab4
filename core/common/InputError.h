#pragma once
// Errors caused by what a user gave us (a file, a JSON key, a command-line value).
// The message always names where: "file:line: ..." or "key.path: ...".
// The CLI maps this type to exit code 2, the GUI to a dialog; anything else is an internal error.
#include <stdexcept>
#include <string>
#include <utility>

namespace kh {

class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message, std::string key = {}) : std::runtime_error(message), key_(std::move(key)) {}

    // The key path the error is about ("precision.adc_bits"), as data: an editor marks that field
    // without parsing the message. Empty for errors about a file or a line.
    const std::string& key() const { return key_; }

    static InputError atLine(const std::string& file, int line, const std::string& what)
    {
        return InputError(file + ":" + std::to_string(line) + ": " + what);
    }
    static InputError atKey(const std::string& keyPath, const std::string& what)
    {
        return InputError((keyPath.empty() ? std::string("<root>") : keyPath) + ": " + what, keyPath);
    }

private:
    std::string key_;
};

} // namespace kh
