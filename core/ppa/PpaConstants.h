#pragma once
// Every constant of the PPA model, with value, unit and source, grouped by the file that uses it.
#include "ppa/SourcedConstant.h"

#include <string>

namespace kh {

const std::vector<ConstantGroup>& ppaConstants();
// The table of docs/ppa-model.md (between its "constants:begin/end" markers).
std::string ppaConstantsMarkdown();

} // namespace kh
