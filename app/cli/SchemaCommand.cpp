// kirchhoff-cli schema: the design point's field table as a JSON Schema, for editors and scripts
// that validate design points, or (--markdown) as the table of docs/design-point.md.
#include "cli/Commands.h"

#include "common/InputError.h"
#include "spec/DesignFields.h"

#include <iostream>

namespace kh::cli {

int runSchema(const CliContext&, const std::vector<std::string>& args)
{
    if (args.size() > 1 || (args.size() == 1 && args[0] != "--markdown"))
        throw InputError("schema: usage: kirchhoff-cli schema [--markdown]");
    if (args.empty())
        std::cout << designPointSchema().dump(2) << "\n";
    else
        std::cout << designFieldsMarkdown();
    return 0;
}

} // namespace kh::cli
