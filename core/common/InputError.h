#pragma once
// Errors caused by what a user gave us (a file, a JSON key, a command-line value).
// The message always names where: "file:line: ..." or "key.path: ...".
// The CLI maps this type to exit code 2, the GUI to a dialog; anything else is an internal error.
#include <stdexcept>
#include <string>

namespace kh {

class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}

    static InputError atLine(const std::string& file, int line, const std::string& what)
    {
        return InputError(file + ":" + std::to_string(line) + ": " + what);
    }
    static InputError atKey(const std::string& keyPath, const std::string& what)
    {
        return InputError((keyPath.empty() ? std::string("<root>") : keyPath) + ": " + what);
    }
};

} // namespace kh
